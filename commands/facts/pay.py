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
from commands.i18n import N_, _
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

pay = Commands(Group("pay", N_("What pay figures mean for members")))


def _cite(fact: fact_store.StoredFact) -> str:
    source = fact.record.source
    return _("({publication}, {date}; fact {key})").format(
        publication=source.publication, date=source.date, key=fact.key
    )


@dataclass(frozen=True)
class Ratio:
    """An amount over a reference: "same" (about 1), "many" (about 35), "part" (about 0.50),
    or "tiny" (less than 0.01); `number` as shown."""

    kind: str
    number: str


def _about(value: Decimal) -> Ratio:
    """about 35, about 1, about 0.50 (below one, in hundredths), less than 0.01."""
    if value.quantize(Decimal("0.01")) >= 1:
        whole = int(value.quantize(Decimal(1)))
        return Ratio("same" if whole == 1 else "many", f"{whole:,}")
    if value < Decimal("0.01"):
        return Ratio("tiny", "0.01")
    return Ratio("part", f"{value:.2f}")


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
    description=N_("What an amount means for members (a year's pay, or an hourly rate)"),
    params=(
        p.money(
            "amount",
            N_("An amount in US dollars: 900000, 900 000, $900k, 1.2M, 900k per year, $45/hr"),
            greedy=True,
            max_length=80,
        ),
    ),
    examples=("/pay compare 900000", "/pay compare $900k per year", "/pay compare $45/hr"),
)
async def compare(ctx: Context, amount: PayAmount) -> Reply:
    if amount.amount <= 0:
        raise UsageError(_("the amount must be more than zero"))
    hours = ctx.settings.pay_hours_per_year
    yearly = amount.yearly(hours)
    if yearly > MAX_AMOUNT:
        raise UsageError(
            _("{hourly} an hour is more than {limit} a year: out of range").format(
                hourly=format_money(amount.amount), limit=format_money(MAX_AMOUNT)
            )
        )
    lines = compare_lines(yearly, await reference_figures(ctx.db))
    if not lines:
        return Reply(
            text=_("No reference figures in the fact pack (need {earnings} or {day_rate}). Import a fact pack with them.")
            .format(earnings=EARNINGS_LINE, day_rate=DAY_RATE),
            ephemeral=True,
        )  # fmt: skip
    return Reply(title=_as_typed(amount, hours), text="\n".join(f"• {line}" for line in lines))


def _as_typed(amount: PayAmount, hours_per_year: int) -> str:
    """``$900,000 is…``, ``$900,000 a year is…``, or ``$45 an hour is $93,600 a year at 2,080 hours, which is…``."""
    typed = format_money(amount.amount)
    if amount.per == "hour":
        return _("{hourly} an hour is {yearly} a year at {hours} hours, which is…").format(
            hourly=typed, yearly=format_money(amount.yearly(hours_per_year)), hours=f"{hours_per_year:,}"
        )
    if amount.per == "year":
        return _("{amount} a year is…").format(amount=typed)
    return _("{amount} is…").format(amount=typed)


def _earnings_line(
    amount: Decimal,
    earnings: tuple[Figure, fact_store.StoredFact],
    share: tuple[Figure, fact_store.StoredFact] | None,
) -> str:
    figure, fact = earnings
    reference = format_money(Decimal(str(figure.value)))
    if share is not None and share[1].key == fact.key:
        what = _("{reference}, the yearly pay {share}% of SAG-AFTRA members earn less than").format(
            reference=reference, share=f"{share[0].value:g}"
        )
    else:
        what = _("{reference} a year").format(reference=reference)
    ratio = _about(amount / Decimal(str(figure.value)))
    template = {
        "same": N_("about the same as {what} {cite}"),
        "many": N_("about {count} times {what} {cite}"),
        "part": N_("about {count} of {what} {cite}"),
        "tiny": N_("less than {count} of {what} {cite}"),
    }[ratio.kind]
    return _(template).format(count=ratio.number, what=what, cite=_cite(fact))


def _day_rate_line(amount: Decimal, figure: Figure, fact: fact_store.StoredFact) -> str:
    rate = Decimal(str(figure.value))
    ratio = _about(amount / rate)
    if ratio.kind == "same":
        template = _("about {count} background-performer day at {rate} a day {cite}")
    elif ratio.kind == "many":
        template = _("about {count} background-performer days at {rate} a day {cite}")
    elif ratio.kind == "part":
        template = _("about {count} of a background-performer day at {rate} a day {cite}")
    else:
        template = _("less than {count} of a background-performer day at {rate} a day {cite}")
    return template.format(count=ratio.number, rate=format_money(rate), cite=_cite(fact))


def _members_line(figures: ReferenceFigures) -> str | None:
    if figures.union_size is None:
        return None
    size, size_fact = figures.union_size
    return _("for scale: SAG-AFTRA represents about {count} film and TV actors {cite}").format(
        count=f"{int(size.value):,}", cite=_cite(size_fact)
    )


@pay.command("facts", description=N_("List the pay facts"))
async def pay_facts(ctx: Context) -> Reply:
    found = await fact_store.list_current(ctx.db, "pay")
    if not found:
        return Reply(text=_("No pay facts yet."), ephemeral=True)
    spanish = ctx.language == "es"  # a fact's Spanish text where it has one, as /fact list
    fields = tuple(
        Field(f.key, f"{(spanish and f.record.text_es) or f.record.text}\n{source_line(f.record)}")
        for f in found
    )
    return Reply(title=_("Pay facts ({count})").format(count=len(found)), fields=fields, ephemeral=True)
