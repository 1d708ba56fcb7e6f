"""Outbox messages for platform "slack" go out through the real delivery worker and slack-sdk."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.adapters.slack.app import SlackAdapter
from bot.adapters.slack.config import slack_settings
from bot.app import App
from bot.delivery import DeliveryWorker
from bot.jobs.alerts import alert_messages
from bot.testing.clock import FakeClock
from bot.testing.fakes.slack import DEFAULT_USER_ID, FakeSlack
from commands.facts.pay import ReferenceFigures
from commands.reply import Button
from storage.jobs.rows import StoredListing
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage
from tests.slack.conftest import open_slack_app, slack_env
from tests.slack.test_slack_http import texts

ALERTS = "C0ALERTS"


@pytest.fixture
async def app(fake: FakeSlack, tmp_path: Path, clock: FakeClock) -> AsyncIterator[App]:
    application = await open_slack_app(tmp_path, clock, slack_env(fake))
    try:
        await SlackAdapter(slack_settings(application.config)).start(application)
        yield application
    finally:
        await application.close()


@pytest.fixture
def worker(app: App, clock: FakeClock) -> DeliveryWorker:
    return DeliveryWorker(app.db, app.senders, clock)


async def queue(app: App, message: OutboundMessage) -> int:
    async with app.db.transaction() as tx:
        # Due now by the test's clock (enqueue would otherwise stamp the real time).
        message_id = await outbox.enqueue(tx, message, not_before=app.services.clock())
    assert message_id is not None
    return message_id


async def outbox_row(app: App, message_id: int) -> dict[str, object]:
    row = await app.db.fetchone("SELECT * FROM outbox WHERE id = ?", (message_id,))
    assert row is not None
    return dict(row)


def alert(**kwargs: object) -> OutboundMessage:
    fields: dict[str, object] = {
        "platform": "slack",
        "target_kind": "channel",
        "target_id": ALERTS,
        "title": "New AI job: Netflix",
        "body": "Product Manager, ML Platform: $300,000 to $900,000",
        "footer": "netflix jobs board",
        "buttons": (Button("Details", "jobs show 7", "primary"),),
        "kind": "job_alert",
    }
    fields.update(kwargs)
    return OutboundMessage(**fields)  # type: ignore[arg-type]


async def test_alert_reaches_chat_post_message_as_block_kit(
    fake: FakeSlack, app: App, worker: DeliveryWorker
) -> None:
    message_id = await queue(app, alert())

    assert await worker.deliver_due() == 1

    [posted] = fake.messages(ALERTS)
    header, body, actions, footer = posted["blocks"]
    assert header["text"]["text"] == "New AI job: Netflix"
    assert "$900,000" in body["text"]["text"]
    [button] = actions["elements"]
    assert (button["action_id"], button["value"], button["style"]) == (
        "pb:jobs show 7",
        "jobs show 7",
        "primary",
    )
    assert footer["elements"][0]["text"] == "netflix jobs board"
    assert posted["text"].startswith("New AI job: Netflix")
    assert (await outbox_row(app, message_id))["sent_at"] is not None


async def test_short_rate_limit_is_retried_and_lands_once(
    fake: FakeSlack, app: App, worker: DeliveryWorker
) -> None:
    fake.rate_limit("chat.postMessage", times=1, retry_after=0)
    message_id = await queue(app, alert())

    assert await worker.deliver_due() == 1

    assert [c.status for c in fake.calls("chat.postMessage")] == [429, 200]
    assert len(fake.messages(ALERTS)) == 1
    assert (await outbox_row(app, message_id))["attempts"] == 1


async def test_long_rate_limit_goes_back_to_the_outbox_with_slacks_wait(
    fake: FakeSlack, app: App, worker: DeliveryWorker, clock: FakeClock
) -> None:
    fake.rate_limit("chat.postMessage", times=1, retry_after=120)
    message_id = await queue(app, alert())

    assert await worker.deliver_due() == 0
    row = await outbox_row(app, message_id)
    assert row["sent_at"] is None and row["failed_at"] is None
    assert row["not_before"] == (clock.now + timedelta(seconds=120)).isoformat(timespec="seconds")
    assert "rate limited" in str(row["last_error"])

    clock.advance(seconds=121)
    assert await worker.deliver_due() == 1
    assert len(fake.messages(ALERTS)) == 1


async def test_missing_channel_is_given_up_on_at_once(
    fake: FakeSlack, app: App, worker: DeliveryWorker
) -> None:
    fake.fail_channel(ALERTS, "channel_not_found")
    message_id = await queue(app, alert())

    assert await worker.deliver_due() == 0

    row = await outbox_row(app, message_id)
    assert row["failed_at"] is not None
    assert row["last_error"] == "chat.postMessage: channel_not_found"


async def test_other_slack_errors_are_retried_later(
    fake: FakeSlack, app: App, worker: DeliveryWorker
) -> None:
    fake.fail_channel(ALERTS, "internal_error")
    message_id = await queue(app, alert())

    assert await worker.deliver_due() == 0

    row = await outbox_row(app, message_id)
    assert row["failed_at"] is None and row["attempts"] == 1


async def test_reminder_goes_to_the_member_by_dm(fake: FakeSlack, app: App, worker: DeliveryWorker) -> None:
    await queue(app, alert(target_kind="user", target_id=DEFAULT_USER_ID, title="Shift reminder"))

    assert await worker.deliver_due() == 1

    [opened] = fake.calls("conversations.open")
    assert opened.args["users"] == DEFAULT_USER_ID
    [dm] = fake.messages()
    assert dm["channel"] == "D" + DEFAULT_USER_ID[1:]
    assert f"<@{DEFAULT_USER_ID}>" not in texts(dm)  # no mention needed in a DM


async def test_failed_dm_falls_back_to_the_channel_mentioning_only_the_member(
    fake: FakeSlack, app: App, worker: DeliveryWorker
) -> None:
    fake.fail_channel("D" + DEFAULT_USER_ID[1:], "messages_tab_disabled")
    body = "Your shift at <!channel> gate starts at 9:00 @here"
    await queue(
        app,
        alert(target_kind="user", target_id=DEFAULT_USER_ID, body=body, fallback_channel_id="C0PICKETS"),
    )

    assert await worker.deliver_due() == 1

    [posted] = fake.messages("C0PICKETS")
    shown = texts(posted)
    assert f"<@{DEFAULT_USER_ID}> Your shift at &lt;\u200b!channel&gt; gate" in shown
    assert shown.count("<@") + shown.count("<!") == shown.count(f"<@{DEFAULT_USER_ID}>")
    assert "@here" not in shown


async def test_unknown_member_without_fallback_is_given_up_on(
    fake: FakeSlack, app: App, worker: DeliveryWorker
) -> None:
    message_id = await queue(app, alert(target_kind="user", target_id="U0NOBODY"))

    assert await worker.deliver_due() == 0

    assert (await outbox_row(app, message_id))["last_error"] == "conversations.open: user_not_found"
    assert (await outbox_row(app, message_id))["failed_at"] is not None
    assert fake.messages() == []


async def test_channel_ping_in_an_alert_arrives_escaped(
    fake: FakeSlack, app: App, worker: DeliveryWorker
) -> None:
    await queue(app, alert(title="<!channel> new job", body="<!everyone> & <@U0BOSS> @everyone"))

    await worker.deliver_due()

    shown = texts(fake.messages(ALERTS)[0])
    assert "<!" not in shown and "<@" not in shown and "@everyone" not in shown
    assert "&lt;\u200b!everyone&gt; &amp; &lt;\u200b@U0BOSS&gt;" in shown


async def test_a_hostile_job_alert_reaches_slack_as_text_with_only_its_own_link(
    fake: FakeSlack, app: App, worker: DeliveryWorker
) -> None:
    listing = StoredListing(
        id=1, source_id=1, source_name="lantern", external_id="9", company="Lantern *Pictures*",
        title="ML Engineer <https://phish.example|Click here> ~now~ `x` \u202eevil", locations=("> Burbank",),
        url="https://jobs.example/lantern/9", posted_at=None, pay_min=None, pay_max=None,
        pay_currency=None, pay_period=None, pay_kind=None, is_ai=True,
        first_seen_at=datetime(2026, 10, 26, tzinfo=UTC), closed_at=None,
    )  # fmt: skip
    [message] = alert_messages("slack", ALERTS, [listing], ReferenceFigures())
    await queue(app, message)

    assert await worker.deliver_due() == 1

    [posted] = fake.messages(ALERTS)
    shown = texts(posted)
    assert "<https://phish" not in shown and "*Pictures*" not in shown and "~now~" not in shown
    assert "`x`" not in shown and "\u202e" not in shown
    assert "&lt;https://phish.example|Click here&gt;" in shown
    [section] = [b for b in posted["blocks"] if b["type"] == "section"]
    assert section["text"]["verbatim"] is True
    assert section["text"]["text"].endswith("\n  <https://jobs.example/lantern/9>")
