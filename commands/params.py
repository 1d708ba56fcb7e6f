"""Typed command parameters.

A parameter knows how to turn the text a member typed into a value, how it
is described in help and usage, and which platform option type it maps to
(adapters read `kind` and `choices`; they never parse text themselves).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from commands.i18n import _
from commands.money import parse_pay
from commands.periods import read_period
from commands.text import clean_line, clean_user_text, shorten
from commands.when import When, parse_day, parse_when

ParamKind = Literal["text", "integer", "money", "when", "day", "period", "choice", "member"]

#: Longest text a parameter accepts unless it says otherwise.
DEFAULT_MAX_TEXT = 500
#: A whole number as typed: an optional sign and at most 12 digits (ids, places, counts; no
#: value the bot keeps comes near a trillion, and SQLite's integers stop at 19 digits).
_WHOLE_NUMBER = re.compile(r"[-+]?[0-9]{1,12}")


@dataclass(frozen=True)
class MemberRef:
    """A member as named in chat: a platform mention (<@123>) or a display name."""

    text: str

    @property
    def user_id(self) -> str | None:
        """The platform user id inside a mention such as <@123> or <@U123|ana>."""
        inner = self.text.strip()
        if inner.startswith("<@") and inner.endswith(">"):
            return inner[2:-1].lstrip("!").split("|", 1)[0] or None
        return None

    @property
    def name(self) -> str:
        return self.text.strip().lstrip("@")


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    kind: ParamKind = "text"
    #: An optional parameter's default is the one in its handler's signature.
    required: bool = True
    #: Given only as name=value, never by position.
    keyword_only: bool = False
    #: A text parameter that takes the rest of the line.
    greedy: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = DEFAULT_MAX_TEXT
    #: Python keyword argument name, when `name` is not a valid one ("as").
    dest: str | None = None
    #: What adapters may offer as completions ("shift", "site", "topic", "company").
    autocomplete: str | None = None

    @property
    def depends_on_time(self) -> bool:
        """Whether the same text can mean a different value later ("tomorrow", "Friday")."""
        return self.kind in ("when", "day", "period")

    @property
    def arg_name(self) -> str:
        return self.dest or self.name.replace("-", "_")

    def usage(self, style: str = "text") -> str:
        """How to give this parameter: ``SHIFT`` / ``capacity=N`` typed, ``shift:`` on Discord."""
        if style == "options":
            return f"{self.name}:" if self.required else f"[{self.name}:]"
        if self.keyword_only:
            shown = f"{self.name}={self._placeholder()}"
        else:
            # "TEXT...": free text takes the rest of the line (an amount does too, but reads as one).
            shown = self.name.upper() + ("..." if self.greedy and self.kind == "text" else "")
        return shown if self.required else f"[{shown}]"

    def _placeholder(self) -> str:
        if self.choices:
            return "|".join(self.choices)
        return {"integer": "N", "money": "AMOUNT", "when": "WHEN", "day": "DAY", "period": "PERIOD"}.get(
            self.kind, "..."
        )

    def convert(self, raw: str, *, tz: Any, now: Any) -> Any:
        """Turn typed text into this parameter's value; ValueError explains what's wrong."""
        text = raw.strip()
        if self.kind == "integer":
            return self._convert_integer(text)
        if self.kind == "money":
            return parse_pay(text)
        if self.kind == "when":
            parse_when(text, tz, now)  # only to reject what can't be read
            return When(text)
        if self.kind == "day":
            return parse_day(text, now.astimezone(tz).date())
        if self.kind == "period":
            return read_period(text, now.astimezone(tz).date())
        if self.kind == "choice":
            return self._convert_choice(text)
        if self.kind == "member":
            return MemberRef(clean_user_text(text, max_length=200))
        return self._convert_text(raw)

    def _convert_integer(self, text: str) -> int:
        # NFKC reads full-width digits (１２) as 12; anything else not matching is one plain message.
        digits = unicodedata.normalize("NFKC", clean_line(text)).removeprefix("#")
        if not _WHOLE_NUMBER.fullmatch(digits):
            if _WHOLE_NUMBER.fullmatch(digits[-12:]) and digits.lstrip("+-").isdecimal():
                raise ValueError(_("{name} is out of range").format(name=self.name))
            typed = shorten(clean_line(text), 40)
            raise ValueError(
                _("{name} must be a whole number, not '{typed}'").format(name=self.name, typed=typed)
            )
        value = int(digits)
        if self.minimum is not None and value < self.minimum:
            raise ValueError(
                _("{name} must be at least {minimum}").format(name=self.name, minimum=self.minimum)
            )
        if self.maximum is not None and value > self.maximum:
            raise ValueError(
                _("{name} must be at most {maximum}").format(name=self.name, maximum=self.maximum)
            )
        return value

    def _convert_choice(self, text: str) -> str:
        lowered = text.lower()
        if lowered not in self.choices:
            choices = ", ".join(self.choices)
            raise ValueError(_("{name} must be one of: {choices}").format(name=self.name, choices=choices))
        return lowered

    def _convert_text(self, raw: str) -> str:
        if len(raw) > self.max_length:
            raise ValueError(
                _("{name} is too long ({length} characters, at most {most})").format(
                    name=self.name, length=f"{len(raw):,}", most=f"{self.max_length:,}"
                )
            )
        text = clean_user_text(raw, max_length=self.max_length)
        if self.required and not text:
            raise ValueError(_("{name} must not be empty").format(name=self.name))
        return text


def text(name: str, description: str, **kw: Any) -> Param:
    return Param(name, description, "text", **kw)


def integer(name: str, description: str, **kw: Any) -> Param:
    return Param(name, description, "integer", **kw)


def money(name: str, description: str, **kw: Any) -> Param:
    return Param(name, description, "money", **kw)


def when(name: str, description: str, **kw: Any) -> Param:
    return Param(name, description, "when", **kw)


def day(name: str, description: str, **kw: Any) -> Param:
    return Param(name, description, "day", **kw)


def choice(name: str, description: str, choices: tuple[str, ...], **kw: Any) -> Param:
    return Param(name, description, "choice", choices=choices, **kw)


def period(name: str, description: str, **kw: Any) -> Param:
    """Days as typed: ``today``, ``next week``, ``2026-11-02 to 2026-11-08`` (`commands.periods`)."""
    return Param(name, description, "period", **kw)


def member(name: str, description: str, **kw: Any) -> Param:
    return Param(name, description, "member", **kw)
