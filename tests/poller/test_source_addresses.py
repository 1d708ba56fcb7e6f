"""Where sources may point, and what is shown of their addresses, through the real bot.

The fake board listens on 127.0.0.1: a source added in chat must never reach
it unless ``[poller] allow_private_addresses``; the operator's own sources
(the configuration file) may.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import App
from bot.config.loading import ConfigError, load_config
from bot.jobs.poller_settings import poller_settings
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.fakes.names import MapResolver
from bot.testing.harness import TestBot
from storage.database import Database
from tests.poller.conftest import (
    ORGANIZER,
    MakePoller,
    greenhouse_source,
    lantern_jobs,
    make_due,
    serve_greenhouse,
    settings,
    subscribe,
)
from tests.poller.test_cli import picketbot
from tests.poller.test_jobs_commands import MEMBER, run

SECRETS = ("hunter2", "bob", "s3cret")
PUBLIC_LOOKING = "jobs.lantern.example"


def names() -> MapResolver:
    """DNS for the test: a public-looking name that answers with the fake board's loopback address."""
    return MapResolver({PUBLIC_LOOKING: "127.0.0.1"})


@pytest.mark.parametrize(
    ("line", "host"),
    [
        ("/jobs source add X greenhouse lantern base_url=http://127.0.0.1:{port}", "127.0.0.1"),
        ("/jobs source add X greenhouse lantern base_url=http://169.254.169.254", "169.254.169.254"),
        ("/jobs source add X workday t/s base_url=https://10.0.0.8", "10.0.0.8"),
        ("/jobs source add X rss http://100.64.0.1/feed.xml", "100.64.0.1"),
        ("/jobs source add X rss http://[::1]:{port}/feed.xml", "::1"),
        (
            "/jobs source add X rss http://[::ffff:169.254.169.254]/latest/meta-data/",
            "::ffff:169.254.169.254",
        ),
        ("/jobs source add X rss http://2130706433/feed.xml", "2130706433"),
        ("/jobs source add X rss http://0x7f.1/feed.xml", "0x7f.1"),
        ("/jobs source add X rss http://bob:hunter2@localhost/feed.xml", "localhost"),
    ],
)
async def test_a_chat_source_naming_a_non_public_address_is_refused(
    app: App, lenient_app: App, board_server: JobBoardServer, line: str, host: str
) -> None:
    typed = line.format(port=board_server.port)
    reply = await run(app, typed)
    assert reply.splitlines()[0] == (
        f"error: {host} is not a public address: a source added in chat may only reach public addresses"
    )
    assert not any(secret in reply for secret in SECRETS)
    assert await app.db.fetchval("SELECT count(*) FROM job_sources") == 0
    # The operator may let chat sources reach their own network.
    assert (await run(lenient_app, typed)).startswith("Added job source X")


async def test_a_chat_source_whose_name_leads_to_loopback_is_never_fetched(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    serve_greenhouse(board_server, "lantern", lantern_jobs())
    base = f"http://{PUBLIC_LOOKING}:{board_server.port}"
    # A name cannot be checked without a lookup, so it is accepted here and checked on every fetch.
    assert (await run(app, f"/jobs source add Lantern greenhouse lantern base_url={base}")).startswith(
        "Added job source Lantern (Lantern, greenhouse at jobs.lantern.example)"
    )
    poller = make_poller(settings(), resolver=names())
    (outcome,) = (await poller.run_cycle()).outcomes
    assert (outcome.status, outcome.error_kind) == ("error", "address not allowed")
    assert board_server.requests == []
    assert "  last error Mon 26 Oct 08:00: address not allowed (1 failure in a row" in await run(
        app, "/jobs sources"
    )

    # With allow_private_addresses the same source is polled: the lookup itself works.
    lenient = make_poller(settings(allow_private_addresses=True), resolver=names())
    await make_due(app, clock, "Lantern")
    (again,) = (await lenient.run_cycle()).outcomes
    assert (again.status, again.listings) == ("first", 4)


async def test_a_config_source_re_added_in_chat_is_held_to_the_chat_rule(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    serve_greenhouse(board_server, "lantern", lantern_jobs())
    configured = greenhouse_source(board_server, "lantern", name="Lantern")
    poller = make_poller(settings(configured), resolver=names())
    await poller.sync()
    (first,) = (await poller.run_cycle()).outcomes
    assert first.status == "first"  # the operator's source on 127.0.0.1 is fine

    await run(app, "/jobs source remove Lantern")
    base = f"http://{PUBLIC_LOOKING}:{board_server.port}"
    await run(app, f"/jobs source add Lantern greenhouse lantern base_url={base}")
    # Still listed in the file, but the details now come from chat: public addresses only.
    (refused,) = (await poller.run_cycle()).outcomes
    assert (refused.status, refused.error_kind) == ("error", "address not allowed")
    assert board_server.count("/v1/boards/lantern/jobs") == 1

    # A restart writes the file's details back, and with them the operator's rule.
    await poller.sync()
    await make_due(app, clock, "Lantern")
    (restored,) = (await poller.run_cycle()).outcomes
    assert restored.status == "first"


async def test_a_config_source_redirected_to_another_non_public_host_is_refused(
    app: App, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    serve_greenhouse(board_server, "lantern", lantern_jobs())
    board_server.redirect("/v1/boards/moved/jobs", "/v1/boards/lantern/jobs")  # same host: followed
    board_server.redirect(
        "/v1/boards/away/jobs", f"http://localhost:{board_server.port}/v1/boards/lantern/jobs"
    )
    poller = make_poller(
        settings(greenhouse_source(board_server, "moved"), greenhouse_source(board_server, "away"))
    )
    await poller.sync()
    outcomes = {outcome.source: outcome for outcome in (await poller.run_cycle()).outcomes}
    assert (outcomes["moved"].status, outcomes["moved"].listings) == ("first", 4)
    assert (outcomes["away"].status, outcomes["away"].error_kind) == ("error", "address not allowed")
    assert board_server.count("/v1/boards/lantern/jobs") == 1  # only through the same-host redirect


async def test_sources_show_members_no_address_and_organizers_the_host_only(
    app: App, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    serve_greenhouse(board_server, "lanternpictures", lantern_jobs())
    with_credentials = f"http://bob:hunter2@127.0.0.1:{board_server.port}"
    greenhouse = replace(
        greenhouse_source(board_server, "lanternpictures", name="Lantern"), base_url=with_credentials
    )
    feed = replace(
        greenhouse, name="Harbor", company="Harbor Lights", board_type="rss",
        board=f"{with_credentials}/private-feed.xml?token=s3cret", base_url=None,
    )  # fmt: skip
    poller = make_poller(settings(greenhouse, feed))
    await poller.sync()
    await poller.run_cycle()

    shown = await run(app, "/jobs sources", MEMBER)
    assert "• Lantern: Lantern Pictures, greenhouse, every 30m (config)" in shown
    assert "• Harbor: Harbor Lights, rss, every 30m (config)" in shown
    assert "last error Mon 26 Oct 08:00: HTTP 404 (1 failure in a row" in shown
    for hidden in (*SECRETS, "127.0.0.1", "://", "private-feed", "lanternpictures"):
        assert hidden not in shown, hidden

    for_organizers = await run(app, "/jobs sources", ORGANIZER)
    assert "• Lantern: Lantern Pictures, greenhouse at 127.0.0.1, every 30m (config)" in for_organizers
    assert "• Harbor: Harbor Lights, rss at 127.0.0.1, every 30m (config)" in for_organizers
    for hidden in (*SECRETS, "://", "private-feed", "lanternpictures", str(board_server.port)):
        assert hidden not in for_organizers, hidden


async def test_credentials_never_reach_alerts_logs_or_stored_errors(
    app: App, lenient_app: App, clock: FakeClock, bot: TestBot, board_server: JobBoardServer,
    make_poller: MakePoller, caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    board_server.fail("/private-feed.xml", "status", status=500)
    feed = replace(
        greenhouse_source(board_server, "x", name="Harbor"), board_type="rss", base_url=None,
        board=f"http://bob:hunter2@127.0.0.1:{board_server.port}/private-feed.xml?token=s3cret&q=ml",
    )  # fmt: skip
    poller = make_poller(settings(feed))
    await poller.sync()
    await subscribe(app)
    errors = []
    for _ in range(3):
        await make_due(app, clock, "Harbor")
        (outcome,) = (await poller.run_cycle()).outcomes
        errors.append(outcome.error or "")
    (notice,) = await bot.deliver()
    stored = await app.db.fetchval("SELECT last_error FROM job_sources WHERE name = 'Harbor'")

    assert notice.body == "Job source Harbor keeps failing (3 times in a row): HTTP 500"
    assert stored == "HTTP 500"
    # The operator still gets the whole reason, the address without its credentials.
    assert (
        errors[0] == f"HTTP 500 (http://127.0.0.1:{board_server.port}/private-feed.xml?token=[redacted]&q=ml)"
    )
    assert "token=[redacted]" in caplog.text
    for text in (*errors, caplog.text):
        assert not any(secret in text for secret in SECRETS), text

    # Added in chat: neither the reply nor the audit log keeps the credentials.
    url = f"http://bob:hunter2@127.0.0.1:{board_server.port}/feed.xml?token=s3cret"
    reply = await run(lenient_app, f"/jobs source add Feed rss {url}")
    assert reply.startswith("Added job source Feed (Feed, rss at 127.0.0.1), polled every 30m.")
    detail = await lenient_app.db.fetchval("SELECT detail FROM audit_log WHERE action = 'jobs.source.add'")
    assert detail == f"rss http://127.0.0.1:{board_server.port}/feed.xml?token=[redacted]"
    assert not any(secret in reply + detail for secret in SECRETS)
    # A refusal that quotes what was typed quotes it without the credentials.
    typo = (
        "/jobs source add Y workday https://bob:hunter2@wd.example/c?token=s3cret base_url=https://wd.example"
    )
    refused = await run(lenient_app, typo)
    assert refused.startswith(
        "error: workday board must be TENANT/SITE, not 'https://wd.example/c?token=[redacted]'"
    )
    assert not any(secret in refused for secret in SECRETS)


async def test_the_command_line_never_prints_credentials(
    board_server: JobBoardServer, tmp_path: Path
) -> None:
    board_server.fail("/private-feed.xml", "status", status=500)
    url = f"http://bob:hunter2@127.0.0.1:{board_server.port}/private-feed.xml?token=s3cret"
    (tmp_path / "picketbot.toml").write_text(
        f'[[poller.sources]]\ncompany = "Harbor"\ntype = "rss"\nboard = "{url}"\n', encoding="utf-8"
    )
    polled = await picketbot("poll", "--once", cwd=tmp_path)
    checked = await picketbot("jobs", "check", "--type", "rss", "--board", url, cwd=tmp_path)
    assert polled.code == 1 and "Harbor: failed: HTTP 500 (http://127.0.0.1:" in polled.err
    assert checked.code == 1 and "token=[redacted]" in checked.err
    # Job links built from a base_url with credentials (amazon.jobs gives paths) lose them too.
    board_server.serve_file("/en/search.json", "amazon_search.json")
    listed = await picketbot(
        "jobs", "check", "--type", "amazon", "--board", "machine learning", "--all", "--json",
        "--base-url", f"http://bob:hunter2@127.0.0.1:{board_server.port}", cwd=tmp_path,
    )  # fmt: skip
    assert listed.code == 0 and f'"url": "http://127.0.0.1:{board_server.port}/en/jobs/' in listed.out
    for output in (polled.out, polled.err, checked.out, checked.err, listed.out, listed.err):
        assert not any(secret in output for secret in SECRETS), output


async def test_existing_sources_get_their_origin_and_lose_stored_urls(tmp_path: Path) -> None:
    """Migration 007 on a database from before it: unknown sources count as added in chat."""
    path = tmp_path / "old.db"
    db = await Database.open(path)
    try:
        async with db.transaction() as tx:
            for name, from_config in (("Configured", 1), ("Typed", 0)):
                await tx.execute(
                    "INSERT INTO job_sources (name, company, board_type, board, interval_minutes, from_config,"
                    " created_at, next_poll_at, last_error) VALUES (?, 'C', 'rss', 'https://x/feed', 30, ?, ?, ?, ?)",
                    (name, from_config, "2026-10-26T15:00:00+00:00", "2026-10-26T15:00:00+00:00",
                     "HTTP 500 (https://bob:hunter2@x/feed?token=s3cret)"),
                )  # fmt: skip
            # Back to the schema before migration 007.
            await tx.execute("ALTER TABLE job_sources DROP COLUMN origin")
            await tx.execute("DELETE FROM schema_migrations WHERE version = 7")
    finally:
        await db.close()

    db = await Database.open(path)
    try:
        rows = await db.fetchall("SELECT name, origin, last_error FROM job_sources ORDER BY name")
        assert [tuple(row) for row in rows] == [
            ("Configured", "config", "failed"),
            ("Typed", "chat", "failed"),
        ]
    finally:
        await db.close()


def test_a_config_error_quoting_a_board_leaves_out_its_credentials(tmp_path: Path) -> None:
    path = tmp_path / "picketbot.toml"
    path.write_text(
        '[[poller.sources]]\ncompany = "Disney"\ntype = "workday"\n'
        'board = "https://bob:hunter2@wd.example/c?token=s3cret"\nbase_url = "https://wd.example"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        poller_settings(load_config(config_path=str(path), env={}))
    assert str(caught.value) == (
        "[[poller.sources]] 'Disney': workday board must be TENANT/SITE,"
        " not 'https://wd.example/c?token=[redacted]'"
    )
