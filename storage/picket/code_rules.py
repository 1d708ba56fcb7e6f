"""Check-in codes that prove presence: short, rotating, derived from a shift's secret.

A code is six letters from an alphabet with no look-alikes and no digits (so
it is never read as a shift number), taken from an HMAC of the shift and the
current window of `minutes`. The code of the window before is accepted too,
so a code read out just before it turns over still works; anything older
stops matching, so a code sent to someone at home soon expires. Pure
Python; `storage.picket.checkin_codes` keeps the secrets.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

#: No B/8, G/6, I/1, L, O/0, Q, S/5 or Z/2: what is shown is what gets typed.
ALPHABET = "ACDEFHJKMNPRTUVWXY"
LENGTH = 6
#: Windows before the current one whose code still works.
GRACE_WINDOWS = 1


def window_of(now: datetime, minutes: int) -> int:
    return int(now.timestamp()) // (minutes * 60)


def code_at(secret: bytes, shift_id: int, window: int) -> str:
    digest = hmac.new(secret, f"{shift_id}:{window}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[index])
    return "".join(letters)


def shown(code: str) -> str:
    """``KMX-RTP``: easier to read out; typed with or without the hyphen."""
    return f"{code[:3]}-{code[3:]}"


def typed_code(text: str) -> str | None:
    """The code a member typed (any case, hyphens and spaces ignored), or None if it cannot be one."""
    cleaned = "".join(c for c in text.upper() if c not in "- ")
    if len(cleaned) != LENGTH or any(c not in ALPHABET for c in cleaned):
        return None
    return cleaned


def matches(code: str, secret: bytes, shift_id: int, now: datetime, minutes: int) -> bool:
    current = window_of(now, minutes)
    return any(
        hmac.compare_digest(code, code_at(secret, shift_id, current - back))
        for back in range(GRACE_WINDOWS + 1)
    )


def changes_at(now: datetime, minutes: int) -> int:
    """The Unix second the current code is replaced."""
    return (window_of(now, minutes) + 1) * minutes * 60
