"""Bind a command's tokens to its typed parameters."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from commands.errors import UsageError
from commands.i18n import _
from commands.params import Param
from commands.periods import MAX_PERIOD_WORDS, EndsBeforeItStarts, read_period
from commands.registry import Command
from commands.tokens import Token
from commands.when import NonexistentTime, OutOfRange, parse_when


def bind_tokens(command: Command, tokens: list[Token], tz: ZoneInfo, now: datetime) -> dict[str, Any]:
    """Typed values by parameter name, or a UsageError saying what is wrong."""
    raw = _keyword_values(command, tokens)
    positional = [t for t in tokens if t.key is None or not _known_key(command, t.key)]
    _assign_positional(command, positional, raw, tz, now)
    return convert_all(command, raw, tz, now)


def convert_all(command: Command, raw: dict[str, str], tz: ZoneInfo, now: datetime) -> dict[str, Any]:
    """Convert raw text values (from a chat line or platform options) to typed values."""
    values: dict[str, Any] = {}
    for param in command.params:
        if param.name not in raw:
            if param.required:
                raise UsageError(_("{name} is missing").format(name=param.name.upper()), command.usage())
            continue
        try:
            values[param.name] = param.convert(raw[param.name], tz=tz, now=now)
        except ValueError as error:
            raise UsageError(str(error), command.usage()) from None
    return values


def _known_key(command: Command, key: str) -> bool:
    return command.param(key) is not None


def _keyword_values(command: Command, tokens: list[Token]) -> dict[str, str]:
    raw: dict[str, str] = {}
    has_greedy = any(p.greedy for p in command.params)
    for token in tokens:
        if token.key is None:
            continue
        if not _known_key(command, token.key):
            if has_greedy:
                continue  # free text such as a question may contain "a=b"
            raise UsageError(_("unknown option {key}=").format(key=token.key), command.usage())
        if token.key in raw:
            raise UsageError(_("{key}= given twice").format(key=token.key), command.usage())
        raw[token.key] = token.text
    return raw


def _assign_positional(
    command: Command, tokens: list[Token], raw: dict[str, str], tz: ZoneInfo, now: datetime
) -> None:
    open_params = [p for p in command.params if not p.keyword_only and p.name not in raw]
    index = 0
    for number, param in enumerate(open_params):
        if index >= len(tokens):
            break
        if _left_for_a_period(param, open_params[number + 1 :], tokens[index:], tz, now):
            continue  # "/picket hours next week": the words are the period, not a member
        taken, value = _take(param, tokens[index:], tz, now)
        raw[param.name] = value
        index += taken
    if index < len(tokens):
        extra = " ".join(t.raw for t in tokens[index:])
        raise UsageError(_("unexpected {words}").format(words=repr(extra[:80])), command.usage())


def _left_for_a_period(
    param: Param, later: list[Param], tokens: list[Token], tz: ZoneInfo, now: datetime
) -> bool:
    """Whether an optional parameter is passed over because the words at its place read as a
    period that a later parameter takes (quoted words never do: ``"Monday"`` may be a site)."""
    if param.required or param.kind == "period" or not any(p.kind == "period" for p in later):
        return False
    return _period_width(tokens, tz, now) > 0


def _period_width(tokens: list[Token], tz: ZoneInfo, now: datetime) -> int:
    """How many of the leading words read as one period ("next week", "2026-11-02 to 2026-11-08"); 0 if none."""
    today = now.astimezone(tz).date()
    for width in range(min(len(tokens), MAX_PERIOD_WORDS), 0, -1):
        if any(t.key is not None or t.quoted for t in tokens[:width]):
            continue
        try:
            read_period(" ".join(t.text for t in tokens[:width]), today)
        except (OutOfRange, EndsBeforeItStarts):
            return width  # read, but refused: converting it says why
        except ValueError:
            continue
        return width
    return 0


def _take(param: Param, tokens: list[Token], tz: ZoneInfo, now: datetime) -> tuple[int, str]:
    """How many tokens a parameter consumes, and their text."""
    if param.greedy:
        return len(tokens), " ".join(t.raw for t in tokens)
    if param.kind == "period":
        width = _period_width(tokens, tz, now) or 1
        return width, " ".join(t.text for t in tokens[:width])
    if param.kind == "when":
        for width in (3, 2):
            if len(tokens) >= width and not any(t.key for t in tokens[:width]):
                candidate = " ".join(t.text for t in tokens[:width])
                try:
                    parse_when(candidate, tz, now)
                except (OutOfRange, NonexistentTime):
                    return width, candidate  # read, but refused: converting it says why
                except ValueError:
                    continue
                return width, candidate
    return 1, tokens[0].text
