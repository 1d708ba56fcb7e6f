"""/picket gaps: shifts short of captains or places on paper, and those likely to fall short.

The forecast (`storage.picket.turnout_rules`) learns, per site and local
weekday, what share of those confirmed for past shifts came; a shift whose
expected turn-out is below `[picket] gaps_fill_ratio` of its places is
flagged even when it is full on paper, and each forecast says how many past
shifts it learned from.
"""

from __future__ import annotations

from datetime import timedelta

from commands import params as p
from commands.context import Context
from commands.periods import Period
from commands.picket.common import PICKET, shift_buttons, shift_line
from commands.registry import Commands
from commands.reply import Reply
from commands.roles import Role
from storage.picket import shifts, turnout
from storage.picket.model import Shift
from storage.picket.turnout_rules import Forecast, forecast

picket = Commands(PICKET)

_WEEKDAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")


@picket.command(
    "gaps",
    description="Shifts short of captains, thinly filled, or likely to fall short",
    role=Role.CAPTAIN,
    params=(
        p.period("period", "Which days: today, fri, next week... (default: the next 7 days)", required=False),
    ),
    examples=("/picket gaps", "/picket gaps tomorrow", "/picket gaps next week"),
)
async def gaps(ctx: Context, period: Period | None = None) -> Reply:
    today = ctx.now.astimezone(ctx.tz).date()
    first, last = (period.first, period.last) if period else (today, today + timedelta(days=6))
    ratio = ctx.settings.gaps_fill_ratio
    found = await shifts.upcoming(ctx.db, ctx.now, first_day=first, last_day=last, limit=1000)
    forecasts = await forecasts_for(ctx, found)
    listed = [(shift, line) for shift in found if (line := _gap_line(shift, forecasts.get(shift.id), ratio))]
    when = period.words(today) if period else "in the next 7 days"
    if not listed:
        return Reply(
            text=f"No gaps {when}: every shift has its captains and is at least {ratio:.0%} full,"
            " on paper and as past turn-out suggests.",
            ephemeral=True,
        )
    return Reply(
        title=f"Gaps {when} ({len(listed)})",
        text="\n".join(line for _, line in listed),
        buttons=shift_buttons([shift for shift, _ in listed]),
        ephemeral=True,
    )


async def forecasts_for(ctx: Context, found: list[Shift]) -> dict[int, Forecast]:
    """Each shift's expected turn-out, by shift id, for those with history to learn from."""
    keys = {shift.id: (shift.site_id, turnout.weekday_of(shift.local_date)) for shift in found}
    history = await turnout.history(ctx.db, keys.values(), ctx.now)
    made = {shift.id: forecast(shift.confirmed, history[keys[shift.id]]) for shift in found}
    return {shift_id: f for shift_id, f in made.items() if f is not None}


def _gap_line(shift: Shift, expected: Forecast | None, ratio: float) -> str:
    """The shift's line in the gaps list, or "" when it has no gap."""
    needs = []
    if shift.captains_short:
        needs.append(f"needs {shift.captains_short} captain(s)")
    if shift.confirmed < shift.capacity * ratio:
        needs.append(f"only {shift.confirmed}/{shift.capacity} places filled")
    elif expected is not None and expected.expected < shift.capacity * ratio:
        needs.append(f"likely short: expect about {expected.expected} of {shift.capacity}")
    if not needs:
        return ""
    line = f"• {shift_line(shift)} — {', '.join(needs)}"
    if expected is not None:
        line += f" ({_learned(shift, expected)})"
    return line


def _past(shift: Shift, expected: Forecast) -> str:
    """``4 past Tuesdays``, ``1 past Tuesday``"""
    days = _WEEKDAYS[turnout.weekday_of(shift.local_date)]
    return f"1 past {days[:-1]}" if expected.learned_from == 1 else f"{expected.learned_from} past {days}"


def expected_note(shift: Shift, expected: Forecast | None) -> str:
    """`` · expect about 6 (from 4 past Tuesdays)`` for a shift listing, or "" without a forecast."""
    return "" if expected is None else f" · expect about {expected.expected} (from {_past(shift, expected)})"


def _learned(shift: Shift, expected: Forecast) -> str:
    """``forecast: 60% of those signed up came, over 4 past Tuesdays here``"""
    return f"forecast: {expected.share:.0%} of those signed up came, over {_past(shift, expected)} here"
