"""commands.durations: the one reader of "30m", "2h", "1d", "30s" (config and chat alike)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config.loading import ConfigError, load_config
from bot.jobs.poller_settings import poller_settings
from commands.durations import duration_minutes, duration_seconds, format_minutes
from commands.jobs.boards import parse_interval


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("24h", 1440), ("90m", 90), ("1d", 1440), ("45", 45), (" 2H ", 120), (30, 30)],
)
def test_minutes(text: str | int, minutes: int) -> None:
    assert duration_minutes(text) == minutes


@pytest.mark.parametrize("text", ["soon", "", "m", "1.5h", "-5m", "30 m", "٣m", "1234567890m", True, 1.5])
def test_not_minutes(text: object) -> None:
    assert duration_minutes(text) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "seconds"), [("30s", 30.0), ("1.5s", 1.5), ("1m", 60.0), ("2h", 7200.0), (12, 12.0), (0.5, 0.5)]
)
def test_seconds(text: str | float, seconds: float) -> None:
    assert duration_seconds(text) == seconds


@pytest.mark.parametrize("text", ["s", "xs", "1.2.3s", "soon", False])
def test_not_seconds(text: object) -> None:
    assert duration_seconds(text) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(("minutes", "text"), [(1440, "1d"), (120, "2h"), (90, "90m"), (2880, "2d")])
def test_format_reads_back(minutes: int, text: str) -> None:
    assert format_minutes(minutes) == text
    assert duration_minutes(format_minutes(minutes)) == minutes


def test_chat_and_config_read_intervals_alike() -> None:
    assert parse_interval("2h") == 120
    with pytest.raises(ValueError, match="not a duration"):
        parse_interval("soon")


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "picketbot.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_zero_check_every_is_refused(tmp_path: Path) -> None:
    # "0m" used to slip past the positive-number check that "0s" met.
    config = load_config(config_path=str(_config(tmp_path, '[poller]\ncheck_every = "0m"\n')), env={})
    with pytest.raises(ConfigError, match=r"\[poller\] check_every must be a duration.*got .0m."):
        poller_settings(config)


def test_a_true_reminder_offset_is_not_one_minute(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"reminder_offsets must be a list of durations.*got True"):
        load_config(config_path=str(_config(tmp_path, "[picket]\nreminder_offsets = [true]\n")), env={})
