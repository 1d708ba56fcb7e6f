"""How /fact answers: the figure or claim first, then source, date and quote, then the link.

Answers stay inside every platform's limits (Slack's 3,000-character section
is the smallest): the quote is shortened to fit, never the claim's source or
link. When no fact answers, the reply says so and offers at most three close
facts by key, never a weak match dressed up as the answer.
"""

from __future__ import annotations

from decimal import Decimal

from commands import markup
from commands.money import format_money
from commands.reply import Reply
from commands.text import shorten
from storage.facts import store as fact_store
from storage.facts.pack import FactRecord, Figure

#: Slack's section text limit (3,000) less room for the renderer's own marks.
MAX_TEXT = 2_900
MAX_TITLE = 200
MAX_MAYBE = 3
_PER = {"year": " a year", "day": " a day", "hour": " an hour", "once": " once"}
_UNITS = {"people": " people", "days": " days", "years": " years"}


def figure_text(figure: Figure) -> str:
    if figure.unit == "USD":
        return format_money(Decimal(str(figure.value))) + _PER.get(figure.per or "", "")
    if figure.unit == "percent":
        return f"{figure.value:g}%"
    number = f"{int(figure.value):,}" if figure.value.is_integer() else f"{figure.value:g}"
    return number + _UNITS.get(figure.unit, "")


def headline(record: FactRecord) -> str:
    """The figures up front: "$300,000 to $900,000 a year", "160,000 people · 87% · $26,000 a year"."""
    figures = record.figures
    usd = [f for f in figures if f.unit == "USD"]
    if len(figures) == 2 and len(usd) == 2 and usd[0].per == usd[1].per and usd[0].value < usd[1].value:
        low = format_money(Decimal(str(usd[0].value)))
        return f"{low} to {figure_text(usd[1])}"
    return shorten(" · ".join(figure_text(f) for f in figures), MAX_TITLE) if figures else ""


def source_line(record: FactRecord) -> str:
    source = record.source
    headline_part = f', "{source.headline}"' if source.headline else ""
    return f"Source: {source.publication}{headline_part}, {source.date}."


def answer(fact: fact_store.StoredFact, *, spanish: bool = False) -> Reply:
    record = fact.record
    top = [record.text, source_line(record)]
    if spanish:
        top.append("La fuente está en inglés (the source is in English).")
    address = markup.link(record.source.url) if record.source.url else ""
    link = [address] if address else []
    room = MAX_TEXT - sum(len(line) + 1 for line in (*top, *link)) - 4
    if record.quote:
        quote = f"“{shorten(record.quote, max(room, 40))}”"
    else:
        quote = "No quote from the source: this is an organizer's own statement."
    text = "\n".join([*top, shorten(quote, max(room, 40)), *link])
    title = headline(record) or f"Fact: {record.topic}"
    return Reply(title=shorten(title, MAX_TITLE), text=shorten(text, MAX_TEXT), footer=f"fact {fact.key}")


def maybe_line(keys: list[str]) -> str:
    return "maybe: " + " · ".join(f"/fact {key}" for key in keys[:MAX_MAYBE]) if keys else ""


def refusal(keys: list[str], *, spanish: bool = False) -> Reply:
    lines = ["No fact answers that." if not spanish else "Ningún dato responde a eso (no fact answers that)."]
    lines.append(maybe_line(keys) or "Try /fact list, or ask an organizer to /fact add one.")
    return Reply(text="\n".join(lines), ephemeral=True)


def after_dates(latest: str | None, keys: list[str]) -> Reply:
    """A question about what happened after the facts were written."""
    when = f" at {latest}, the latest date in them" if latest else ""
    lines = [f"My facts stop{when}; I can't say what happened after that."]
    if keys:
        lines.append(maybe_line(keys))
    return Reply(text="\n".join(lines), ephemeral=True)
