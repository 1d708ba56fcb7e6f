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
from commands.i18n import N_, _, ngettext
from commands.periods import Period
from commands.picket.common import PICKET, shift_buttons, shift_line
from commands.registry import Commands
from commands.reply import Reply
from commands.roles import Role
from storage.picket import shifts, turnout
from storage.picket.model import Shift
from storage.picket.turnout_rules import Forecast, forecast

picket = Commands(PICKET)


@picket.command(
    "gaps",
    description=N_("Shifts short of captains, thinly filled, or likely to fall short"),
    role=Role.CAPTAIN,
    params=(
        p.period(
            "period", N_("Which days: today, fri, next week... (default: the next 7 days)"), required=False
        ),
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
    when = period.words(today) if period else _("in the next 7 days")
    if not listed:
        return Reply(
            text=_(
                "No gaps {when}: every shift has its captains and is at least {ratio} full,"
                " on paper and as past turn-out suggests."
            ).format(when=when, ratio=f"{ratio:.0%}"),
            ephemeral=True,
        )
    return Reply(
        title=_("Gaps {when} ({count})").format(when=when, count=len(listed)),
        text="\n".join(line for _shift, line in listed),
        buttons=shift_buttons([shift for shift, _line in listed]),
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
        short = shift.captains_short
        needs.append(
            ngettext("needs {count} captain(s)", "needs {count} captain(s)", short).format(count=short)
        )
    if shift.confirmed < shift.capacity * ratio:
        needs.append(
            _("only {confirmed}/{capacity} places filled").format(
                confirmed=shift.confirmed, capacity=shift.capacity
            )
        )
    elif expected is not None and expected.expected < shift.capacity * ratio:
        needs.append(
            _("likely short: expect about {expected} of {capacity}").format(
                expected=expected.expected, capacity=shift.capacity
            )
        )
    if not needs:
        return ""
    line = f"• {shift_line(shift)} — {', '.join(needs)}"
    if expected is not None:
        line += f" ({_learned(shift, expected)})"
    return line


def _past_weekdays(weekday: int, count: int) -> str:
    """``4 past Tuesdays``: whole phrases, as a weekday's plural and its adjective's agreement
    differ by language ("4 martes anteriores", "4 sábados anteriores")."""
    match weekday:
        case 0:
            template = ngettext("{count} past Monday", "{count} past Mondays", count)
        case 1:
            template = ngettext("{count} past Tuesday", "{count} past Tuesdays", count)
        case 2:
            template = ngettext("{count} past Wednesday", "{count} past Wednesdays", count)
        case 3:
            template = ngettext("{count} past Thursday", "{count} past Thursdays", count)
        case 4:
            template = ngettext("{count} past Friday", "{count} past Fridays", count)
        case 5:
            template = ngettext("{count} past Saturday", "{count} past Saturdays", count)
        case _:
            template = ngettext("{count} past Sunday", "{count} past Sundays", count)
    return template.format(count=count)


def _past(shift: Shift, expected: Forecast) -> str:
    """``4 past Tuesdays``, ``1 past Tuesday``"""
    return _past_weekdays(turnout.weekday_of(shift.local_date), expected.learned_from)


def expected_note(shift: Shift, expected: Forecast | None) -> str:
    """`` · expect about 6 (from 4 past Tuesdays)`` for a shift listing, or "" without a forecast."""
    if expected is None:
        return ""
    return _(" · expect about {expected} (from {past})").format(
        expected=expected.expected, past=_past(shift, expected)
    )


def _learned(shift: Shift, expected: Forecast) -> str:
    """``forecast: 60% of those signed up came, over 4 past Tuesdays here``"""
    return _("forecast: {share} of those signed up came, over {past} here").format(
        share=f"{expected.share:.0%}", past=_past(shift, expected)
    )
