"""Durations as people write them: ``30m``, ``2h``, ``1d``, ``45`` (minutes), ``30s``.

One reader for the configuration file (reminder offsets, poll intervals,
``check_every``) and for chat (``/jobs source add … interval=2h``). It only
says whether the text is a duration; each caller words its own error, naming
the setting or the option the text came from. It lives in ``commands/`` so
the command layer and ``bot/`` can both import it.
"""

from __future__ import annotations

MINUTES_PER_UNIT = {"m": 1, "h": 60, "d": 24 * 60}
#: Longer numbers are a typo, not a duration (a million days is not a setting).
MAX_DIGITS = 9


def duration_minutes(text: str | int) -> int | None:
    """``24h``, ``90m``, ``1d`` or a whole number of minutes; None when the text is none of them."""
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    if not isinstance(text, str):
        return None
    value = text.strip().lower()
    unit = 1
    if value and value[-1] in MINUTES_PER_UNIT:
        unit, value = MINUTES_PER_UNIT[value[-1]], value[:-1]
    if not value.isascii() or not value.isdigit() or len(value) > MAX_DIGITS:
        return None
    return int(value) * unit


def duration_seconds(text: str | int | float) -> float | None:
    """Like `duration_minutes`, in seconds, and also ``30s`` or ``1.5s``; numbers are seconds."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text)
    if not isinstance(text, str):
        return None
    value = text.strip().lower()
    if value.endswith("s"):
        number = value[:-1]
        plain = number.replace(".", "", 1)
        if not plain.isascii() or not plain.isdigit() or len(plain) > MAX_DIGITS:
            return None
        return float(number)
    minutes = duration_minutes(value)
    return None if minutes is None else minutes * 60.0


def format_minutes(minutes: int) -> str:
    """The shortest way `duration_minutes` reads back: ``1d``, ``2h``, ``90m``."""
    if minutes and minutes % (24 * 60) == 0:
        return f"{minutes // (24 * 60)}d"
    if minutes and minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"
