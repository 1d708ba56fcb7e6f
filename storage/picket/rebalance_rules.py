"""Which moves would even out the shifts under way: from over-staffed to under-staffed sites.

Pure Python over counts already loaded (`storage.picket.live`). Moves pair
shifts on the same local day only (a captain can send people across town,
not across days), and between shifts of the same kind only (picketers are not
sent to the kitchen, nor cooks to a gate): the most over-staffed gives to the most short first, and
no move takes a shift below what it needs or fills one past it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby


@dataclass(frozen=True)
class Staffing:
    shift_id: int
    #: The site's local date of the shift.
    day: str
    present: int
    needed: int
    #: "picket" or a strike duty (kitchen...): moves stay within one kind.
    kind: str = "picket"


@dataclass(frozen=True)
class Move:
    from_shift: int
    to_shift: int
    count: int


def moves(staffing: Sequence[Staffing]) -> list[Move]:
    found: list[Move] = []

    def key(s: Staffing) -> tuple[str, str]:
        return (s.day, s.kind)

    for _, same_day in groupby(sorted(staffing, key=key), key=key):
        found += _day_moves(list(same_day))
    return found


def _day_moves(shifts: list[Staffing]) -> list[Move]:
    spare = {s.shift_id: s.present - s.needed for s in shifts if s.present > s.needed}
    short = {s.shift_id: s.needed - s.present for s in shifts if s.present < s.needed}
    found: list[Move] = []
    for to_shift in sorted(short, key=lambda i: (-short[i], i)):
        for from_shift in sorted(spare, key=lambda i: (-spare[i], i)):
            count = min(spare[from_shift], short[to_shift])
            if count <= 0:
                continue
            found.append(Move(from_shift, to_shift, count))
            spare[from_shift] -= count
            short[to_shift] -= count
    return found
