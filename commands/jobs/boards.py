"""What the command layer knows about job boards without importing the bot.

The board clients live in ``bot/jobs``; commands may not import ``bot/``, so
the wiring hands them a `BoardChecker` through `Services`. The board types
offered in chat are listed here (a test keeps the list equal to the real
registry, minus ``file``, which reads files on the bot's own machine and so
is for the configuration file only).
"""

from __future__ import annotations

from typing import Protocol

from commands.durations import duration_minutes

CHAT_BOARD_TYPES: tuple[str, ...] = (
    "amazon",
    "ashby",
    "eightfold",
    "greenhouse",
    "lever",
    "rss",
    "smartrecruiters",
    "workday",
)

MIN_INTERVAL_MINUTES = 5
MAX_INTERVAL_MINUTES = 7 * 24 * 60


class BoardChecker(Protocol):
    def problem(self, board_type: str, board: str, base_url: str | None) -> str | None:
        """None when a source of this type and board can be polled, else a one-line reason."""

    def host(self, board_type: str, board: str, base_url: str | None) -> str:
        """The host the source's requests go to: all of its address an organizer is shown."""


def parse_interval(text: str) -> int:
    """``30m``, ``2h``, ``1d`` or plain minutes, within sane polling bounds."""
    minutes = duration_minutes(text)
    if minutes is None:
        raise ValueError(f"interval {text[:20]!r} is not a duration like 30m, 2h or 1d")
    return check_interval(minutes)


def check_interval(minutes: int) -> int:
    """``minutes`` when it is a sane polling interval (chat and the configuration file alike)."""
    if not MIN_INTERVAL_MINUTES <= minutes <= MAX_INTERVAL_MINUTES:
        raise ValueError(f"interval must be between {MIN_INTERVAL_MINUTES}m and 7d")
    return minutes
