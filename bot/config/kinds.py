"""Kinds of setting value: how each is read from picketbot.toml or the environment and checked.

A kind turns what TOML gave (a bool, int, float, str, list or table) or an
environment variable's text into the typed value the bot uses, or raises a
`ConfigError` of one line: ``<setting> must be <what it expects>, got <value>``.
Its ``expects`` phrase is also the "value" column of docs/configuration.md.

Numbers and booleans in the file must be TOML numbers and booleans: a quoted
``"false"`` would otherwise read as true, and a quoted ``"20"`` hides a typo
the same way. Ports and Discord ids are identifiers, so quotes are fine there.
"""

from __future__ import annotations

import json
import math
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable
from typing import Generic, NoReturn, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from commands.durations import duration_minutes, duration_seconds, format_minutes
from commands.urls import redact_urls

T = TypeVar("T")

TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


class ConfigError(ValueError):
    """The configuration is wrong; the message is one line naming the setting."""


def shown(value: object) -> str:
    """A value as an error line quotes it: its repr, credentials in URLs left out, cut to 60 characters."""
    text = redact_urls(repr(value))
    return text if len(text) <= 60 else text[:57] + "..."


def toml_literal(value: object) -> str:
    """How picketbot.toml spells a value (for the docs)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, tuple | list | frozenset):
        items = sorted(value) if isinstance(value, frozenset) else value
        return "[" + ", ".join(toml_literal(item) for item in items) + "]"
    return str(value)


def span(low: float | None, high: float | None, show: Callable[[float], str] = "{:g}".format) -> str:
    if low is not None and high is not None:
        return f" from {show(low)} to {show(high)}"
    if low is not None:
        return f" of at least {show(low)}"
    return "" if high is None else f" of at most {show(high)}"


class Kind(ABC, Generic[T]):
    def __init__(self, expects: str, expects_env: str | None = None) -> None:
        #: What a good value is, after "must be": "true or false", "a whole number of at least 1".
        self.expects = expects
        #: The same, for an environment variable's text, when that is written differently.
        self.expects_env = expects_env or expects

    @abstractmethod
    def read(self, value: object, label: str) -> T:
        """A value from the file; ``label`` names the setting in an error."""

    def read_env(self, text: str, label: str) -> T:
        """An environment variable's text (never blank: blank means not set)."""
        return self.read(text, label)

    def show(self, value: T) -> str:
        return toml_literal(value)

    def fail(self, label: str, value: object) -> NoReturn:
        raise ConfigError(f"{label} must be {self.expects}, got {shown(value)}")


class Flag(Kind[bool]):
    def __init__(self) -> None:
        super().__init__("true or false", "1 or 0 (or true/false, yes/no, on/off)")

    def read(self, value: object, label: str) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str):  # bool("false") is True: a quoted "false" must not switch a rule on
            raise ConfigError(f"{label} must be true or false, without quotes, got {shown(value)}")
        self.fail(label, value)

    def read_env(self, text: str, label: str) -> bool:
        word = text.strip().lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
        raise ConfigError(f"{label} must be {self.expects_env}, got {shown(text)}")


class WholeNumber(Kind[int]):
    def __init__(self, minimum: int | None = None, maximum: int | None = None) -> None:
        super().__init__("a whole number" + span(minimum, maximum))
        self.minimum, self.maximum = minimum, maximum

    def read(self, value: object, label: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(label, value)
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            self.fail(label, value)
        return value

    def read_env(self, text: str, label: str) -> int:
        if not re.fullmatch(r"[+-]?\d{1,18}", text.strip()):
            self.fail(label, text)
        return self.read(int(text), label)


class Number(Kind[float]):
    """A number; ``positive`` refuses zero as well."""

    def __init__(
        self,
        minimum: float | None = None,
        maximum: float | None = None,
        *,
        positive: bool = False,
        unit: str = "",
    ) -> None:
        what = "a positive number" if positive else "a number"
        super().__init__(what + span(minimum, maximum) + (f" ({unit})" if unit else ""))
        self.minimum, self.maximum, self.positive = minimum, maximum, positive

    def read(self, value: object, label: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.fail(label, value)
        number = float(value)
        if (
            (self.positive and number <= 0)
            or (self.minimum is not None and number < self.minimum)
            or (self.maximum is not None and number > self.maximum)
        ):
            self.fail(label, value)
        return number

    def read_env(self, text: str, label: str) -> float:
        try:
            number = float(text)
        except ValueError:
            self.fail(label, text)
        return self.read(number, label)


def parse_duration_minutes(text: str | int, setting: str) -> int:
    """``24h``, ``90m``, ``1d`` or a number of minutes (`commands.durations`), else a ConfigError."""
    minutes = duration_minutes(text)
    if minutes is None:
        raise ConfigError(f"{setting}: {shown(text)} is not a duration like 24h or 90m")
    return minutes


def minutes_text(minutes: float) -> str:
    """90 -> "90m", 120 -> "2h", 10080 -> "7d"."""
    return format_minutes(int(minutes))


class Duration(Kind[int]):
    """A number of minutes, written ``30m``, ``2h``, ``1d`` or as a bare number of minutes."""

    def __init__(self, minimum: int | None = None, maximum: int | None = None) -> None:
        bounds = span(minimum, maximum, minutes_text)
        super().__init__("a duration like 30m, 2h or 1d" + (f",{bounds}" if bounds else ""))
        self.minimum, self.maximum = minimum, maximum

    def read(self, value: object, label: str) -> int:
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.fail(label, value)
        try:
            minutes = parse_duration_minutes(value, label)
        except ValueError:  # ConfigError included; a shared parser may raise plain ValueError
            self.fail(label, value)
        if (self.minimum is not None and minutes < self.minimum) or (
            self.maximum is not None and minutes > self.maximum
        ):
            low, high = minutes_text(self.minimum or 0), minutes_text(self.maximum or 0)
            raise ConfigError(f"{label} must be between {low} and {high}, got {shown(value)}")
        return minutes

    def show(self, value: int) -> str:
        return json.dumps(minutes_text(value))


class Seconds(Kind[float]):
    """A positive number of seconds, or text like ``30s``, ``1m``, ``2h``."""

    def __init__(self) -> None:
        super().__init__("a duration like 30s, 1m or 2h (a bare number is seconds)")

    def read(self, value: object, label: str) -> float:
        if isinstance(value, str):
            found = duration_seconds(value)
            if found is None:
                self.fail(label, value)
            seconds = found
        elif isinstance(value, int | float) and not isinstance(value, bool):
            seconds = float(value)
        else:
            self.fail(label, value)
        if not (math.isfinite(seconds) and seconds > 0):
            self.fail(label, value)
        return seconds

    def show(self, value: float) -> str:
        return json.dumps(minutes_text(value / 60) if value % 60 == 0 else f"{value:g}s")


class Text(Kind[str]):
    """Non-empty text, stripped; a TOML integer is taken as its digits (ids, names).

    ``lowered`` for names compared in any case; ``pattern`` for ids of one shape (text only).
    """

    def __init__(
        self, expects: str = "non-empty text", *, lowered: bool = False, pattern: str | None = None
    ) -> None:
        super().__init__(expects)
        self.lowered, self.pattern = lowered, pattern

    def read(self, value: object, label: str) -> str:
        text = str(value).strip()
        if isinstance(value, bool) or not isinstance(value, str | int) or not text:
            self.fail(label, value)
        if self.pattern is not None and (not isinstance(value, str) or not re.fullmatch(self.pattern, text)):
            self.fail(label, value)
        return text.lower() if self.lowered else text


class Choice(Kind[str]):
    def __init__(self, options: Collection[str], *, upper: bool = False) -> None:
        quoted = [json.dumps(option) for option in options]
        listed = " or ".join(quoted) if len(quoted) == 2 else "one of " + ", ".join(quoted)
        super().__init__(listed)
        self.options, self.upper = options, upper

    def read(self, value: object, label: str) -> str:
        if not isinstance(value, str):
            self.fail(label, value)
        word = value.strip().upper() if self.upper else value.strip().lower()
        if word not in self.options:
            self.fail(label, value)
        return word


class Zone(Kind[ZoneInfo]):
    def __init__(self) -> None:
        super().__init__('an IANA time zone name, like "America/Los_Angeles"')

    def read(self, value: object, label: str) -> ZoneInfo:
        if not isinstance(value, str):
            self.fail(label, value)
        try:
            return ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                f"{label}: unknown time zone {value!r} (use an IANA name like America/Los_Angeles)"
            ) from None

    def show(self, value: ZoneInfo) -> str:
        return json.dumps(value.key)


class Url(Kind[str]):
    def __init__(self, schemes: tuple[str, ...], expects: str, *, trailing_slash: bool = False) -> None:
        super().__init__(expects)
        self.schemes, self.trailing_slash = schemes, trailing_slash

    def read(self, value: object, label: str) -> str:
        if not isinstance(value, str):
            self.fail(label, value)
        url = value.strip()
        try:
            parts = urlsplit(url)
        except ValueError:  # a malformed IPv6 host
            self.fail(label, url)
        if parts.scheme not in self.schemes or not parts.netloc:
            self.fail(label, url)
        # slack_sdk appends the method name to the base URL as it is.
        return url + "/" if self.trailing_slash and not url.endswith("/") else url


class Port(Kind[int]):
    def __init__(self) -> None:
        super().__init__("a number from 0 to 65535")

    def read(self, value: object, label: str) -> int:
        text = str(value).strip()
        if isinstance(value, bool) or not isinstance(value, int | str) or not text.isdigit():
            self.fail(label, value)
        if int(text) > 65535:
            self.fail(label, value)
        return int(text)


class GuildId(Kind[int]):
    def __init__(self) -> None:
        super().__init__("a Discord server id (a number)")

    def read(self, value: object, label: str) -> int:
        text = str(value).strip()
        # ASCII digits only (isdigit() takes any script's), and no longer than a 64-bit snowflake.
        if (
            isinstance(value, bool)
            or not isinstance(value, int | str)
            or not (text.isascii() and text.isdigit() and len(text) <= 20)
            or int(text) >= 2**64
        ):
            self.fail(label, text[:30])
        return int(text)


class Token(Kind[str]):
    """A secret from the environment. Its errors never quote it."""

    def __init__(self, expects: str = "a token", *, prefix: str = "", pattern: str | None = None) -> None:
        super().__init__(expects)
        self.prefix, self.pattern = prefix, pattern

    def read(self, value: object, label: str) -> str:
        if not isinstance(value, str) or not value.startswith(self.prefix):
            raise ConfigError(f"{label} must be {self.expects}")
        if self.pattern is not None and not re.fullmatch(self.pattern, value.strip()):
            raise ConfigError(f"{label} must be {self.expects}")
        return value.strip()

    def show(self, value: str) -> str:
        return "not set"


class ListOf(Kind[tuple[T, ...]]):
    """A TOML array whose items are each of one kind."""

    def __init__(self, item: Kind[T], expects: str) -> None:
        super().__init__(expects)
        self.item = item

    def read(self, value: object, label: str) -> tuple[T, ...]:
        if not isinstance(value, list | tuple):
            self.fail(label, value)
        return tuple(self._item(each, label) for each in value)

    def _item(self, value: object, label: str) -> T:
        try:
            return self.item.read(value, label)
        except ConfigError:
            raise ConfigError(f"{label} must be {self.expects}, got {shown(value)} in the list") from None

    def show(self, value: Iterable[T]) -> str:
        return "[" + ", ".join(self.item.show(each) for each in value) + "]"


class SetOf(Kind[frozenset[T]]):
    """A list whose order and repeats do not matter (role names, ids)."""

    def __init__(self, item: Kind[T], expects: str) -> None:
        super().__init__(expects)
        self.items = ListOf(item, expects)

    def read(self, value: object, label: str) -> frozenset[T]:
        return frozenset(self.items.read(value, label))

    def show(self, value: frozenset[T]) -> str:
        return self.items.show(sorted(value, key=str))
