"""/pay: what an amount of money means for members, each figure citing its fact.

The reference figures are read from the fact pack by name, so an organizer
who imports a newer pack changes the comparison without code. Only figures a
source states are used, each naming its source: the $26,000 a year that 87%
of SAG-AFTRA members earn less than, and the background-performer day rate.
(No article states a health-insurance earnings threshold: Rob Delaney's
"thirty-five actors" is his own comparison, so it is not used as one.)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from commands import params as p
from commands.context import Context
from commands.errors import UsageError
from commands.facts.fact import source_line
from commands.money import MAX_AMOUNT, PayAmount, format_money
from commands.registry import Commands, Group
from commands.reply import Field, Reply
from storage.database import Database
from storage.facts import store as fact_store
from storage.facts.pack import Figure

EARNINGS_LINE = "member_earnings_line"
DAY_RATE = "background_day_rate"
SHARE_UNDER = "share_under_threshold"
UNION_SIZE = "union_members"

pay = Commands(Group("pay", "What pay figures mean for members"))


def _cite(fact: fact_store.StoredFact) -> str:
    source = fact.record.source
    return f"({source.publication}, {source.date}; fact {fact.key})"


def _about(value: Decimal) -> str:
    """'about 35', 'about 0.50' (below one, in hundredths), 'less than 0.01'."""
    if value.quantize(Decimal("0.01")) >= 1:
        return f"about {int(value.quantize(Decimal(1))):,}"
    if value < Decimal("0.01"):
        return "less than 0.01"
    return f"about {value:.2f}"


@dataclass(frozen=True)
class ReferenceFigures:
    """The fact-pack figures an amount is compared with; any may be missing."""

    earnings: tuple[Figure, fact_store.StoredFact] | None = None
    day_rate: tuple[Figure, fact_store.StoredFact] | None = None
    share_under: tuple[Figure, fact_store.StoredFact] | None = None
    union_size: tuple[Figure, fact_store.StoredFact] | None = None


async def reference_figures(db: Database) -> ReferenceFigures:
    return ReferenceFigures(
        earnings=await fact_store.figure(db, EARNINGS_LINE),
        day_rate=await fact_store.figure(db, DAY_RATE),
        share_under=await fact_store.figure(db, SHARE_UNDER),
        union_size=await fact_store.figure(db, UNION_SIZE),
    )


def compare_lines(amount: Decimal, figures: ReferenceFigures) -> list[str]:
    """What `amount` means for members, one cited line per reference figure.

    Pure, so job alerts can reuse it with figures loaded once per batch.
    """
    lines: list[str] = []
    if figures.earnings is not None:
        lines.append(_earnings_line(amount, figures.earnings, figures.share_under))
    if figures.day_rate is not None:
        lines.append(_day_rate_line(amount, *figures.day_rate))
    context_line = _members_line(figures)
    if context_line:
        lines.append(context_line)
    return lines


@pay.command(
    "compare",
    description="What an amount means for members (a year's pay, or an hourly rate)",
    params=(
        p.money(
            "amount",
            "An amount in US dollars: 900000, 900 000, $900k, 1.2M, 900k per year, $45/hr",
            greedy=True,
            max_length=80,
        ),
    ),
    examples=("/pay compare 900000", "/pay compare $900k per year", "/pay compare $45/hr"),
)
async def compare(ctx: Context, amount: PayAmount) -> Reply:
    if amount.amount <= 0:
        raise UsageError("the amount must be more than zero")
    hours = ctx.settings.pay_hours_per_year
    yearly = amount.yearly(hours)
    if yearly > MAX_AMOUNT:
        raise UsageError(
            f"{format_money(amount.amount)} an hour is more than {format_money(MAX_AMOUNT)} a year: out of range"
        )
    lines = compare_lines(yearly, await reference_figures(ctx.db))
    if not lines:
        return Reply(
            text=f"No reference figures in the fact pack (need {EARNINGS_LINE} or "
            f"{DAY_RATE}). Import a fact pack with them.",
            ephemeral=True,
        )
    return Reply(title=f"{_as_typed(amount, hours)} is…", text="\n".join(f"• {line}" for line in lines))


def _as_typed(amount: PayAmount, hours_per_year: int) -> str:
    """``$900,000``, ``$900,000 a year``, or ``$45 an hour is $93,600 a year at 2,080 hours, which``."""
    if amount.per == "hour":
        yearly = format_money(amount.yearly(hours_per_year))
        return f"{format_money(amount.amount)} an hour is {yearly} a year at {hours_per_year:,} hours, which"
    return format_money(amount.amount) + (" a year" if amount.per == "year" else "")


def _earnings_line(
    amount: Decimal,
    earnings: tuple[Figure, fact_store.StoredFact],
    share: tuple[Figure, fact_store.StoredFact] | None,
) -> str:
    figure, fact = earnings
    reference = Decimal(str(figure.value))
    count = _about(amount / reference)
    if count == "about 1":
        count, times = "about the same as", ""
    else:
        times = "of " if "." in count or count.startswith("less") else "times "
    who = (
        f"the yearly pay {share[0].value:g}% of SAG-AFTRA members earn less than"
        if share is not None and share[1].key == fact.key
        else "a year"
    )
    return f"{count} {times}{format_money(reference)}, {who} {_cite(fact)}"


def _day_rate_line(amount: Decimal, figure: Figure, fact: fact_store.StoredFact) -> str:
    rate = Decimal(str(figure.value))
    days = _about(amount / rate)
    if days == "about 1":
        unit = "background-performer day"
    else:
        unit = "of a background-performer day" if "." in days else "background-performer days"
    return f"{days} {unit} at {format_money(rate)} a day {_cite(fact)}"


def _members_line(figures: ReferenceFigures) -> str | None:
    if figures.union_size is None:
        return None
    size, size_fact = figures.union_size
    return f"for scale: SAG-AFTRA represents about {int(size.value):,} film and TV actors {_cite(size_fact)}"


@pay.command("facts", description="List the pay facts")
async def pay_facts(ctx: Context) -> Reply:
    found = await fact_store.list_current(ctx.db, "pay")
    if not found:
        return Reply(text="No pay facts yet.", ephemeral=True)
    fields = tuple(Field(f.key, f"{f.record.text}\n{source_line(f.record)}") for f in found)
    return Reply(title=f"Pay facts ({len(found)})", fields=fields, ephemeral=True)
