from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.config.loading import ConfigError, load_config, parse_duration_minutes
from bot.logs import JsonFormatter, RedactSecrets


def test_settings_from_file(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        '[bot]\ntimezone = "America/New_York"\n[picket]\nreminder_offsets = ["2h", "15m"]\n'
        "eligibility_min_hours = 16\n"
    )
    config = load_config(config_path=str(path), env={})
    assert config.settings.timezone.key == "America/New_York"
    assert config.settings.reminder_offsets_minutes == (120, 15)
    assert config.settings.eligibility_min_hours == 16


def test_secrets_come_from_the_environment_only(tmp_path: Path) -> None:
    config = load_config(env={"DISCORD_TOKEN": " abc "})
    assert config.secret("DISCORD_TOKEN") == "abc"
    assert config.secret("SLACK_BOT_TOKEN") is None


@pytest.mark.parametrize(("text", "minutes"), [("24h", 1440), ("90m", 90), ("1d", 1440), ("45", 45)])
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration_minutes(text, "x") == minutes


def test_bad_duration() -> None:
    with pytest.raises(ConfigError, match="not a duration"):
        parse_duration_minutes("soon", "[picket] reminder_offsets")


def test_secrets_are_scrubbed_from_logs(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("picketbot.test")
    logger.addFilter(RedactSecrets(["xoxb-very-secret"]))
    with caplog.at_level(logging.INFO):
        logger.info("calling Slack with %s", "xoxb-very-secret")
    assert "xoxb-very-secret" not in caplog.text and "[redacted]" in caplog.text


def test_json_log_lines() -> None:
    record = logging.LogRecord("picketbot", logging.WARNING, __file__, 1, "hello %s", ("there",), None)
    line = JsonFormatter().format(record)
    assert '"message": "hello there"' in line and '"level": "WARNING"' in line


def test_poller_can_be_switched_off_from_the_environment() -> None:
    from bot.jobs.poller_settings import poller_settings

    assert poller_settings(load_config(env={})).enabled
    assert not poller_settings(load_config(env={"PICKETBOT_POLLER": "off"})).enabled


def test_a_quoted_boolean_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('[picket]\nrefuse_overlapping = "false"\n')
    with pytest.raises(ConfigError, match=r"\[picket\] refuse_overlapping must be true or false"):
        load_config(config_path=str(path), env={})
    path.write_text("[picket]\nrefuse_overlapping = false\n")
    assert not load_config(config_path=str(path), env={}).settings.refuse_overlapping_shifts
