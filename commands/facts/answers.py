"""How /fact answers: the figure or claim first, then source, date and quote, then the link.

Answers stay inside every platform's limits (Slack's 3,000-character section
is the smallest): the quote is shortened to fit, never the claim's source or
link. When no fact answers, the reply says so and offers at most three close
facts by key, never a weak match dressed up as the answer.

A Spanish question (or any question from a member who reads Spanish) is
answered in Spanish: the fact's Spanish text first, or, while it has none, a
Spanish sentence naming its source, date and figures followed by the English
text; then the source and the source's own English quote, labelled as such.
The quote is never translated: it is what the source said.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from decimal import Decimal

from commands import markup
from commands.i18n import N_, _, speaking
from commands.money import format_money
from commands.reply import Reply
from commands.text import shorten
from storage.facts import store as fact_store
from storage.facts.pack import FactRecord, Figure

#: Slack's section text limit (3,000) less room for the renderer's own marks.
MAX_TEXT = 2_900
MAX_TITLE = 200
MAX_MAYBE = 3
_PER = {
    "year": N_("{amount} a year"),
    "day": N_("{amount} a day"),
    "hour": N_("{amount} an hour"),
    "once": N_("{amount} once"),
}
_UNITS = {"people": N_("{number} people"), "days": N_("{number} days"), "years": N_("{number} years")}
#: A topic as titles name it; in English the word typed (``/fact list strike``), so it stays as is.
_TOPIC_NAMES = {
    "pay": N_("pay"),
    "ai-proposals": N_("ai-proposals"),
    "ai-jobs": N_("ai-jobs"),
    "strike": N_("strike"),
}


def topic_name(topic: str) -> str:
    """`topic` in the language being spoken, for a title ("Datos sobre la huelga")."""
    return _(_TOPIC_NAMES[topic]) if topic in _TOPIC_NAMES else topic


def in_spanish(spanish: bool) -> AbstractContextManager[object]:
    """Speak Spanish inside the block when `spanish`, else whatever is spoken now."""
    return speaking("es") if spanish else nullcontext()


def figure_text(figure: Figure) -> str:
    if figure.unit == "USD":
        per = _PER.get(figure.per or "")
        amount = format_money(Decimal(str(figure.value)))
        return _(per).format(amount=amount) if per else amount
    if figure.unit == "percent":
        return f"{figure.value:g}%"
    number = f"{int(figure.value):,}" if figure.value.is_integer() else f"{figure.value:g}"
    unit = _UNITS.get(figure.unit)
    return _(unit).format(number=number) if unit else number


def headline(record: FactRecord) -> str:
    """The figures up front: "$300,000 to $900,000 a year", "160,000 people · 87% · $26,000 a year"."""
    figures = record.figures
    usd = [f for f in figures if f.unit == "USD"]
    if len(figures) == 2 and len(usd) == 2 and usd[0].per == usd[1].per and usd[0].value < usd[1].value:
        low = format_money(Decimal(str(usd[0].value)))
        return _("{low} to {high}").format(low=low, high=figure_text(usd[1]))
    return shorten(" · ".join(figure_text(f) for f in figures), MAX_TITLE) if figures else ""


def source_line(record: FactRecord) -> str:
    source = record.source
    if source.headline:
        return _('Source: {publication}, "{headline}", {date}.').format(
            publication=source.publication, headline=source.headline, date=source.date
        )
    return _("Source: {publication}, {date}.").format(publication=source.publication, date=source.date)


def answer(fact: fact_store.StoredFact, *, spanish: bool = False) -> Reply:
    """`fact` as the answer; in Spanish when `spanish` (see the module's note)."""
    with in_spanish(spanish):
        record = fact.record
        top = _spanish_lead(record) if spanish else [record.text]
        top.append(source_line(record))
        address = markup.link(record.source.url) if record.source.url else ""
        link = [address] if address else []
        room = max(MAX_TEXT - sum(len(line) + 1 for line in (*top, *link)) - 4, 40)
        if record.quote and spanish:
            quote = _("Original quote (English): “{quote}”").format(quote=shorten(record.quote, room - 30))
        elif record.quote:
            quote = f"“{shorten(record.quote, room)}”"
        else:
            quote = _("No quote from the source: this is an organizer's own statement.")
        text = "\n".join([*top, shorten(quote, room), *link])
        title = headline(record) or _("Fact: {topic}").format(topic=topic_name(record.topic))
        # The footer is what a member types to see this fact again (/fact KEY): not translated.
        return Reply(title=shorten(title, MAX_TITLE), text=shorten(text, MAX_TEXT), footer=f"fact {fact.key}")


def _spanish_lead(record: FactRecord) -> list[str]:
    """The Spanish text; while there is none, a Spanish sentence from its source and figures, and the English text."""
    if record.text_es:
        return [record.text_es]
    source = record.source
    figures = headline(record)
    if figures:
        lead = _(
            "According to {publication} ({date}), the figure is {figures}. This fact has no Spanish text"
            " yet; here it is in English:"
        ).format(publication=source.publication, date=source.date, figures=figures)
    else:
        lead = _(
            "This fact from {publication} ({date}) has no Spanish text yet; here it is in English:"
        ).format(publication=source.publication, date=source.date)
    return [lead, record.text]


def maybe_line(keys: list[str]) -> str:
    if not keys:
        return ""
    return _("maybe: {commands}").format(commands=" · ".join(f"/fact {key}" for key in keys[:MAX_MAYBE]))


def refusal(keys: list[str], *, spanish: bool = False) -> Reply:
    with in_spanish(spanish):
        lines = [_("No fact answers that.")]
        lines.append(maybe_line(keys) or _("Try /fact list, or ask an organizer to /fact add one."))
        return Reply(text="\n".join(lines), ephemeral=True)


def after_dates(latest: str | None, keys: list[str], *, spanish: bool = False) -> Reply:
    """A question about what happened after the facts were written."""
    with in_spanish(spanish):
        if latest:
            line = _(
                "My facts stop at {latest}, the latest date in them; I can't say what happened after that."
            ).format(latest=latest)
        else:
            line = _("My facts stop; I can't say what happened after that.")
        lines = [line]
        if keys:
            lines.append(maybe_line(keys))
        return Reply(text="\n".join(lines), ephemeral=True)
