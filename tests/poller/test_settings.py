"""[poller] settings: the shipped default sources, checks, and the scheduled starter."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.app import open_app
from bot.config.loading import ConfigError, load_config
from bot.jobs.poller import JOB_ID, start_poller
from bot.jobs.poller_settings import default_sources, poller_settings
from bot.testing.clock import FakeClock

REPO = Path(__file__).resolve().parents[2]


def config_with(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "picketbot.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_lists_the_built_in_default_sources() -> None:
    example = tomllib.loads((REPO / "picketbot.example.toml").read_text(encoding="utf-8"))
    assert example["poller"]["sources"] == default_sources()


def test_without_a_poller_table_the_studios_boards_are_watched(tmp_path: Path) -> None:
    chosen = poller_settings(load_config(config_path=str(config_with(tmp_path, "[bot]\n")), env={}))
    assert chosen.enabled
    assert [(s.name, s.board_type, s.board) for s in chosen.sources] == [
        ("Netflix", "eightfold", "netflix.com"),
        ("Disney", "workday", "disney/disneycareer"),
        ("Warner Bros. Discovery", "workday", "warnerbros/global"),
        ("NBCUniversal", "smartrecruiters", "NBCUniversal3"),
        ("Amazon (Prime Video)", "amazon", "Prime Video machine learning"),
    ]
    # Left out until a published source confirms its Workday tenant (bot/data/job_sources.toml).
    assert "Sony Pictures" not in {s.company for s in chosen.sources}
    amazon = chosen.sources[-1]
    assert (amazon.company, amazon.interval_minutes, amazon.max_pages) == ("Amazon", 60, 2)


def test_own_sources_channels_and_classifier(tmp_path: Path) -> None:
    text = """
[poller]
enabled = false
check_every = "30s"
alert_channels = [{ platform = "Discord", channel = "123" }, { platform = "slack", channel = "C1", company = "Lantern" }]
[poller.classifier]
extra_terms = ["virtual production"]
[[poller.sources]]
company = "Lantern"
type = "greenhouse"
board = "lantern"
interval = "2h"
"""
    chosen = poller_settings(load_config(config_path=str(config_with(tmp_path, text)), env={}))
    assert not chosen.enabled and chosen.check_every_seconds == 30.0
    (source,) = chosen.sources
    assert (source.name, source.base_url, source.interval_minutes, source.max_pages) == (
        "Lantern",
        None,
        120,
        50,
    )
    assert [(c.platform, c.channel_id, c.company) for c in chosen.alert_channels] == [
        ("discord", "123", None),
        ("slack", "C1", "Lantern"),
    ]
    assert chosen.classifier.is_ai("Virtual Production Supervisor")
    empty = poller_settings(
        load_config(config_path=str(config_with(tmp_path, "[poller]\nsources = []\n")), env={})
    )
    assert empty.sources == ()


SOURCE = '[[poller.sources]]\ncompany = "Lantern"\ntype = "greenhouse"\nboard = "lantern"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[poller]\nenabeld = true\n", "[poller]: unknown setting(s) enabeld"),
        ("[poller]\nenabled = 'yes'\n", "[poller] enabled must be true or false"),
        ("[poller]\nconcurrency = 0\n", "[poller] concurrency must be a whole number of at least 1"),
        (SOURCE.replace("greenhouse", "taleo"), "unknown board type 'taleo'"),
        (SOURCE + "intervall = '1h'\n", "[[poller.sources]] #1: unknown setting(s) intervall"),
        (SOURCE + "interval = '1m'\n", "[[poller.sources]] 'Lantern': interval must be between 5m and 7d"),
        (SOURCE + SOURCE, "two sources named 'Lantern'; give one a name ="),
        (SOURCE.replace('"greenhouse"', '"workday"'), "workday board must be TENANT/SITE, not 'lantern'"),
        (
            SOURCE.replace('company = "Lantern"\n', ""),
            "[[poller.sources]] #1: company must be non-empty text",
        ),
        (
            "[poller]\nalert_channels = [{ platform = 'discord' }]\n",
            "alert_channels #1: channel must be non-empty",
        ),
        (
            "[poller.classifier]\nterms = ['AI']\n",
            "[poller.classifier]: unknown classifier setting(s): terms",
        ),
    ],
)
def test_mistakes_stop_the_bot_with_the_setting_named(tmp_path: Path, text: str, message: str) -> None:
    config = load_config(config_path=str(config_with(tmp_path, text)), env={})
    with pytest.raises(ConfigError) as caught:
        poller_settings(config)
    assert message in str(caught.value)


async def test_the_starter_syncs_and_schedules_unless_disabled(tmp_path: Path, clock: FakeClock) -> None:
    text = '[poller]\nsources = []\nalert_channels = [{ platform = "console", channel = "alerts" }]\n'
    config = load_config(config_path=str(config_with(tmp_path, text)), db_path=str(tmp_path / "a.db"), env={})
    app = await open_app(config, clock=clock)
    try:
        await app.start_background((start_poller,))
        job = app.scheduler.get_job(JOB_ID)
        assert job is not None and job.trigger.interval.total_seconds() == 60
        subscribed = await app.db.fetchall("SELECT platform, channel_id, company FROM job_subscriptions")
        assert [tuple(row) for row in subscribed] == [("console", "alerts", None)]
    finally:
        await app.close()

    off = load_config(
        config_path=str(config_with(tmp_path, "[poller]\nenabled = false\n")),
        db_path=str(tmp_path / "b.db"),
        env={},
    )
    app = await open_app(off, clock=clock)
    try:
        await app.start_background((start_poller,))
        assert app.scheduler.get_job(JOB_ID) is None
        assert await app.db.fetchval("SELECT count(*) FROM job_sources") == 0
    finally:
        await app.close()
