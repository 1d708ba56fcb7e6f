"""Member roles, ordered so that a higher role can do what a lower one can."""

from __future__ import annotations

from enum import IntEnum


class Role(IntEnum):
    MEMBER = 1
    CAPTAIN = 2
    ORGANIZER = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(r.label for r in cls)
            raise ValueError(f"unknown role {text!r} (expected one of: {names})") from None
