"""/pay: what an amount of money means for members, each figure citing its fact.

The reference figures (the health-insurance earnings threshold, the
background-performer day rate) are read from the fact pack by name, so an
organizer who imports a newer pack changes the comparison without code.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from commands import params as p
from commands.context import Context
from commands.errors import UsageError
from commands.facts import source_line
from commands.money import format_money
from commands.registry import Registry
from commands.reply import Field, Reply
from storage import facts as fact_store
from storage.database import Database
from storage.factpack import Figure

THRESHOLD = "health_insurance_threshold"
DAY_RATE = "background_day_rate"
SHARE_UNDER = "share_under_threshold"
UNION_SIZE = "union_members"


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

    threshold: tuple[Figure, fact_store.StoredFact] | None = None
    day_rate: tuple[Figure, fact_store.StoredFact] | None = None
    share_under: tuple[Figure, fact_store.StoredFact] | None = None
    union_size: tuple[Figure, fact_store.StoredFact] | None = None


async def reference_figures(db: Database) -> ReferenceFigures:
    return ReferenceFigures(
        threshold=await fact_store.figure(db, THRESHOLD),
        day_rate=await fact_store.figure(db, DAY_RATE),
        share_under=await fact_store.figure(db, SHARE_UNDER),
        union_size=await fact_store.figure(db, UNION_SIZE),
    )


def compare_lines(amount: Decimal, figures: ReferenceFigures) -> list[str]:
    """What `amount` means for members, one cited line per reference figure.

    Pure, so job alerts can reuse it with figures loaded once per batch.
    """
    lines: list[str] = []
    if figures.threshold is not None:
        lines.append(_threshold_line(amount, *figures.threshold))
    if figures.day_rate is not None:
        lines.append(_day_rate_line(amount, *figures.day_rate))
    context_line = _members_line(figures)
    if context_line:
        lines.append(context_line)
    return lines


async def compare(ctx: Context, amount: Decimal) -> Reply:
    if amount <= 0:
        raise UsageError("the amount must be more than zero")
    lines = compare_lines(amount, await reference_figures(ctx.db))
    if not lines:
        return Reply(
            text="No reference figures in the fact pack (need health_insurance_threshold or "
            "background_day_rate). Import a fact pack with them.",
            ephemeral=True,
        )
    return Reply(title=f"{format_money(amount)} is…", text="\n".join(f"• {line}" for line in lines))


def _threshold_line(amount: Decimal, figure: Figure, fact: fact_store.StoredFact) -> str:
    reference = Decimal(str(figure.value))
    count = _about(amount / reference)
    whose = "member's" if count == "about 1" else ("of a member's" if "." in count else "members'")
    return (
        f"{count} {whose} yearly earnings at the {format_money(reference)} "
        f"health-insurance threshold {_cite(fact)}"
    )


def _day_rate_line(amount: Decimal, figure: Figure, fact: fact_store.StoredFact) -> str:
    rate = Decimal(str(figure.value))
    days = _about(amount / rate)
    if days == "about 1":
        unit = "background-performer day"
    else:
        unit = "of a background-performer day" if "." in days else "background-performer days"
    return f"{days} {unit} at {format_money(rate)} a day {_cite(fact)}"


def _members_line(figures: ReferenceFigures) -> str | None:
    if figures.share_under is None or figures.threshold is None:
        return None
    figure, fact = figures.share_under
    line = (
        f"for scale: {figure.value:g}% of members earn under "
        f"{format_money(Decimal(str(figures.threshold[0].value)))} a year {_cite(fact)}"
    )
    if figures.union_size is not None:
        size, size_fact = figures.union_size
        line += f"; the union has about {int(size.value):,} members {_cite(size_fact)}"
    return line


async def pay_facts(ctx: Context) -> Reply:
    found = await fact_store.list_current(ctx.db, "pay")
    if not found:
        return Reply(text="No pay facts yet.", ephemeral=True)
    fields = tuple(Field(f.key, f"{f.record.text}\n{source_line(f.record)}") for f in found)
    return Reply(title=f"Pay facts ({len(found)})", fields=fields, ephemeral=True)


def register(registry: Registry) -> None:
    registry.describe_group("pay", "What pay figures mean for members")
    registry.command(
        "pay",
        "compare",
        description="What an amount means for members",
        params=(p.money("amount", "An amount such as 900000, $900k or 1.2M"),),
        examples=("/pay compare 900000", "/pay compare $900k"),
    )(compare)
    registry.command("pay", "facts", description="List the pay facts")(pay_facts)
