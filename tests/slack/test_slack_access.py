"""Only the union's own Slack workspace is served; in a Slack Connect channel the user's own team counts.

A request from any other workspace gets one line and runs nothing: no
command, no answer at the response_url, not a row written (the replay store's
bookkeeping of HTTP requests aside).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.adapters.access import FOREIGN_ORGANIZATION
from bot.adapters.slack.app import SlackAdapter
from bot.adapters.slack.config import slack_settings
from bot.app import App
from bot.platforms import configured_platforms
from bot.testing.clock import FakeClock
from bot.testing.fakes.slack import TEAM_ID, FakeSlack, block_action_body, slash_command_payload
from tests.helpers import row_counts
from tests.slack.conftest import ORGANIZER_ID, SLACK_TOML, HttpBot, open_slack_app, slack_env

OTHER_TEAM = "T0ELSEWHERE"
ORGANIZER = {"user_id": ORGANIZER_ID, "user_name": "olive"}
REMOVE = "pb:fact remove wga-strike-since-may"


async def written(app: App) -> dict[str, int]:
    return await row_counts(app.db, leave_out=("slack_requests",))


async def test_a_slash_command_from_another_workspace_gets_one_line(http_bot: HttpBot) -> None:
    before = await written(http_bot.app)

    status, ack, response_url = await http_bot.command(
        "/fact", "remove wga-strike-since-may", team_id=OTHER_TEAM, **ORGANIZER
    )

    assert (status, ack) == (200, FOREIGN_ORGANIZATION)
    assert await written(http_bot.app) == before
    assert http_bot.fake.responses(response_url) == []


async def test_the_same_command_from_the_unions_workspace_runs(http_bot: HttpBot) -> None:
    status, ack, response_url = await http_bot.command(
        "/fact", "remove wga-strike-since-may", team_id=TEAM_ID, **ORGANIZER
    )

    assert (status, ack) == (200, "")
    assert (await http_bot.fake.wait_for_response(response_url))["text"].startswith("Removed fact")


async def test_in_a_slack_connect_channel_a_guest_organizations_click_is_refused(http_bot: HttpBot) -> None:
    # The channel is the union's (team.id), the clicker belongs to another organization.
    response_url = http_bot.fake.new_response_url()
    before = await written(http_bot.app)
    body = block_action_body(REMOVE, "x", response_url=response_url, user_team_id=OTHER_TEAM, **ORGANIZER)

    status, _ = await http_bot.signed_post(body)

    answer = await http_bot.fake.wait_for_response(response_url)
    assert status == 200
    assert (answer["text"], answer["response_type"]) == (FOREIGN_ORGANIZATION, "ephemeral")
    assert await written(http_bot.app) == before
    assert len(http_bot.fake.responses(response_url)) == 1


async def test_in_a_slack_connect_channel_of_another_organization_the_unions_member_is_served(
    http_bot: HttpBot,
) -> None:
    response_url = http_bot.fake.new_response_url()
    body = block_action_body(
        REMOVE, "x", response_url=response_url, team_id=OTHER_TEAM, user_team_id=TEAM_ID, **ORGANIZER
    )

    await http_bot.signed_post(body)

    assert (await http_bot.fake.wait_for_response(response_url))["text"].startswith("Removed fact")


async def test_over_socket_mode_another_workspace_is_refused_too(
    fake: FakeSlack, tmp_path: Path, clock: FakeClock
) -> None:
    app = await open_slack_app(tmp_path, clock, slack_env(fake, socket_mode=True))
    try:
        [runner] = configured_platforms(app.config)
        await runner.start(app)
        before = await written(app)
        payload = slash_command_payload(
            "/fact", "list", response_url=fake.new_response_url(), team_id=OTHER_TEAM
        )

        ack = await fake.deliver("slash_commands", payload)

        assert ack["payload"] == {"text": FOREIGN_ORGANIZATION}
        assert await written(app) == before
    finally:
        await app.close()


async def test_a_configured_team_id_decides_which_workspace_is_served(
    fake: FakeSlack, tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    # The token belongs to the fake's TEAM_ID; the configuration names another workspace.
    app = await open_slack_app(
        tmp_path, clock, slack_env(fake), toml=SLACK_TOML + f'team_id = "{OTHER_TEAM}"\n'
    )
    try:
        with caplog.at_level(logging.WARNING):
            adapter = SlackAdapter(slack_settings(app.config))
            await adapter.start(app)
        bot = HttpBot(app, adapter, fake)

        _, refused, _ = await bot.command("/help", "", team_id=TEAM_ID)
        _, served, served_url = await bot.command("/help", "", team_id=OTHER_TEAM)

        assert (refused, served) == (FOREIGN_ORGANIZATION, "")
        assert (await fake.wait_for_response(served_url))["response_type"] == "ephemeral"
    finally:
        await app.close()
    assert f"the bot token belongs to workspace {TEAM_ID}, not [slack] team_id {OTHER_TEAM}" in caplog.text
