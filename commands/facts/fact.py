"""/fact: answers with a figure, its source and date; organizers curate the pack."""

from __future__ import annotations

import datetime

from commands import markup
from commands import params as p
from commands.context import Context
from commands.errors import NotFound, UsageError
from commands.facts import answers
from commands.i18n import N_, _, ngettext
from commands.registry import Commands, Group
from commands.reply import Reply
from commands.roles import Role
from commands.when import OutOfRange, check_day
from storage.facts import store as fact_store
from storage.facts.pack import (
    MAX_QUOTE,
    MAX_TEXT,
    TOPICS,
    FactPackError,
    FactRecord,
    Source,
    check_date,
    check_key,
    check_quote,
)

#: Share of a question's weight a fact must cover to be given as the answer.
ANSWER_AT = 0.7
#: Share a fact must cover to be offered as "maybe:".
MAYBE_AT = 0.25
#: Kinds of answer only a fact of that kind gives (a figure, a name); others just rank.
MUST_FIT = frozenset(["amount", "date", "name", "person", "place", "statement", "howto"])
TOPIC_PARAM = p.choice("topic", N_("Fact topic"), TOPICS, required=False, autocomplete="topic")
SOURCE_PARAMS = (
    p.text("source", N_("Publication the fact comes from"), keyword_only=True, max_length=200),
    p.text("date", N_("Publication date, YYYY-MM-DD"), keyword_only=True, max_length=10),
    p.text("headline", N_("Headline of the source"), keyword_only=True, required=False, max_length=300),
    p.text("url", N_("Link to the source"), keyword_only=True, required=False, max_length=500),
    p.text("as_of", N_("Date the fact was true"), keyword_only=True, required=False, max_length=10),
    p.text(
        "quote",
        N_("The source's own sentence(s) stating it, word for word"),
        keyword_only=True,
        required=False,
        max_length=MAX_QUOTE,
    ),
)
FACT_KEY = p.text("key", N_("The fact's id"), autocomplete="fact")
SPANISH_PARAM = p.text(
    "spanish",
    N_("The fact in Spanish: the same figures, nothing more"),
    keyword_only=True,
    required=False,
    max_length=MAX_TEXT,
)

fact = Commands(Group("fact", N_("Facts about pay and AI, with their sources")))


def source_line(record: FactRecord) -> str:
    source = record.source
    return _("Source: {publication}{headline} ({date}){link}. As of {as_of}.").format(
        publication=source.publication,
        headline=f', "{source.headline}"' if source.headline else "",
        date=source.date,
        link=f" {markup.link(source.url)}" if source.url else "",
        as_of=record.as_of,
    )


def _no_fact(key: str) -> NotFound:
    return NotFound(_("no fact with key {key} (see /fact list)").format(key=repr(key)))


@fact.command(
    "ask",
    description=N_("Answer a question with a sourced fact"),
    params=(p.text("question", N_("What you want to know"), greedy=True),),
    examples=("/fact what does the Netflix AI job pay", "/fact digital replica proposal"),
    default=True,
)
async def ask(ctx: Context, question: str) -> Reply:
    by_key = await _fact_named(ctx, question)
    if by_key is not None:
        # A key as /fact list, "maybe:" and every answer's footer show it: that fact.
        return answers.answer(by_key, spanish=ctx.language == "es")
    found = await fact_store.search(ctx.db, question)
    read = found.search.question
    # Spanish when the member reads it (platform locale, /lang) or the question is Spanish.
    spanish = ctx.language == "es" or read.spanish
    close = [fact.key for fact, ranked in found.facts if ranked.score >= MAYBE_AT]
    if read.after:
        return answers.after_dates(found.search.latest, close, spanish=spanish)
    # "How many/how much" is answered only by a fact that holds a number, "when" only
    # by one that says when, "what's it called" only by one that holds a name, "what
    # did X say" only by one that says what someone said, and a question naming a
    # company, person or role only by a fact that mentions it.
    fitting = [
        (fact, ranked)
        for fact, ranked in found.facts
        if (ranked.fits or read.wants not in MUST_FIT) and not ranked.clash
    ]
    if fitting and fitting[0][1].score >= ANSWER_AT:
        return answers.answer(fitting[0][0], spanish=spanish)
    return answers.refusal(close, spanish=spanish)


async def _fact_named(ctx: Context, question: str) -> fact_store.StoredFact | None:
    typed = question.strip().lower().removeprefix("fact ").strip()
    try:
        check_key(typed)
    except FactPackError:
        return None
    return await fact_store.current(ctx.db, typed)


@fact.command("list", description=N_("List facts, optionally for one topic"), params=(TOPIC_PARAM,))
async def list_facts(ctx: Context, topic: str | None = None) -> Reply:
    found = await fact_store.list_current(ctx.db, topic)
    if not found:
        text = (
            _("No facts yet on {topic}.").format(topic=answers.topic_name(topic))
            if topic
            else _("No facts yet.")
        )
        return Reply(text=text, ephemeral=True)
    # A member who reads Spanish sees each fact's Spanish text where it has one.
    spanish = ctx.language == "es"
    lines = [
        f"• [{f.record.topic}] {f.key}: {_short((spanish and f.record.text_es) or f.record.text)}"
        for f in found
    ]
    if topic:
        title = _("Facts on {topic} ({count})").format(topic=answers.topic_name(topic), count=len(found))
    else:
        title = _("All facts ({count})").format(count=len(found))
    return Reply(title=title, text="\n".join(lines), ephemeral=True)


def _short(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fact_date(text: str, what: str) -> None:
    """A date like 2023-07-26 or 2023-07, within the years 2000–2100."""
    try:
        check_date(text, what)
    except FactPackError:
        raise UsageError(
            _("{what}: {text} is not a date like 2023-07-26 or 2023-07").format(what=what, text=repr(text))
        ) from None
    try:
        check_day(datetime.date.fromisoformat(text + "-01" if len(text) == 7 else text))
    except OutOfRange as error:
        raise UsageError(f"{what}: {error}") from None


def _spanish_text(text: str | None) -> str:
    """A Spanish text as given, on one line; '' for none."""
    return " ".join((text or "").split())


def _record(
    key: str,
    topic: str,
    text: str,
    source: str,
    date: str,
    headline: str | None,
    url: str | None,
    as_of: str | None,
    quote: str | None = None,
    text_es: str = "",
) -> FactRecord:
    try:
        check_key(key)
    except FactPackError:
        raise UsageError(
            _("fact key {key} must be lowercase letters, digits and dashes").format(key=repr(key))
        ) from None
    _fact_date(date, "date")
    if as_of:
        _fact_date(as_of, "as_of")
    if url and not url.startswith(("https://", "http://")):
        raise UsageError(_("url must start with https:// or http://"))
    try:
        checked_quote = check_quote(quote, "quote")
    except FactPackError:
        raise UsageError(_("quote is longer than {limit} characters").format(limit=MAX_QUOTE)) from None
    source_of = Source(source, headline or "", date, url or None)
    return FactRecord(key, topic, text, source_of, as_of or date, quote=checked_quote, text_es=text_es)


@fact.command(
    "add",
    description=N_("Add a fact (source required)"),
    role=Role.ORGANIZER,
    params=(
        p.text("key", N_("Short id, like netflix-ai-pay"), max_length=80),
        p.choice("topic", N_("Topic"), TOPICS),
        p.text("text", N_("The fact, in one or two sentences"), max_length=MAX_TEXT),
        *SOURCE_PARAMS,
        SPANISH_PARAM,
    ),
    examples=(
        '/fact add wga-members strike "About 11,500 writers..." source="Deadline" date=2023-05-02'
        ' quote="The guild represents about 11,500 writers."',
    ),
)
async def add(
    ctx: Context,
    key: str,
    topic: str,
    text: str,
    source: str,
    date: str,
    headline: str | None = None,
    url: str | None = None,
    as_of: str | None = None,
    quote: str | None = None,
    spanish: str | None = None,
) -> Reply:
    record = _record(key, topic, text, source, date, headline, url, as_of, quote, _spanish_text(spanish))
    try:
        stored = await fact_store.add(ctx.db, record, await ctx.member_id())
    except fact_store.FactExists as error:
        raise UsageError(
            _("a fact with key {key} already exists (use /fact edit)").format(key=repr(error.key))
        ) from None
    lines = [_("Added fact {key}.").format(key=stored.key), source_line(stored.record)]
    if not record.quote:
        lines.append(_("No quote given: answers show it as an organizer's own statement."))
    return Reply(text="\n".join(lines), ephemeral=True)


@fact.command(
    "spanish",
    description=N_("Give a fact its Spanish text, answered first to Spanish questions"),
    role=Role.ORGANIZER,
    params=(FACT_KEY, p.text("text", N_("The fact in Spanish: the same figures, nothing more"), greedy=True,
                             max_length=MAX_TEXT)),
    examples=('/fact spanish wga-members "Unos 11,500 guionistas..."',),
)  # fmt: skip
async def spanish(ctx: Context, key: str, text: str) -> Reply:
    text_es = _spanish_text(text)
    if not text_es:
        raise UsageError(_("give the Spanish text after the fact's id: /fact spanish KEY TEXT"))
    stored = await fact_store.set_spanish(ctx.db, key, text_es, await ctx.member_id())
    if stored is None:
        raise _no_fact(key)
    return Reply(
        text=_(
            "Fact {key} now has a Spanish text (version {version}); Spanish questions are answered with it"
            " first, then the English quote and its source."
        ).format(key=key, version=stored.version),
        ephemeral=True,
    )


@fact.command(
    "edit",
    description=N_("Change a fact; the old version is kept in its history"),
    role=Role.ORGANIZER,
    params=(
        FACT_KEY,
        p.text("text", N_("New wording"), keyword_only=True, required=False, max_length=MAX_TEXT),
        p.choice("topic", N_("New topic"), TOPICS, keyword_only=True, required=False),
        *(p.Param(**{**param.__dict__, "required": False}) for param in SOURCE_PARAMS),
    ),
)
async def edit(
    ctx: Context,
    key: str,
    text: str | None = None,
    topic: str | None = None,
    source: str | None = None,
    date: str | None = None,
    headline: str | None = None,
    url: str | None = None,
    as_of: str | None = None,
    quote: str | None = None,
) -> Reply:
    current = await fact_store.current(ctx.db, key)
    if current is None:
        raise _no_fact(key)
    old = current.record
    new_source = source is not None or date is not None
    if new_source and not (source and date):
        raise UsageError(_("a new source needs both source= and date="))
    record = _record(
        key,
        topic or old.topic,
        text or old.text,
        source or old.source.publication,
        date or old.source.date,
        headline if new_source else (headline or old.source.headline),
        url if new_source else (url or old.source.url),
        as_of or (date if new_source else old.as_of),
        # A new source needs its own quote; otherwise the quote stays unless replaced.
        quote if (quote is not None or new_source) else old.quote,
        old.text_es,
    )
    record = _keep_figures(record, old)
    if record == old:
        raise UsageError(
            _("that changes nothing in fact {key}: give text=, topic=, or source= and date=").format(key=key)
        )
    stored = await fact_store.replace(ctx.db, record, await ctx.member_id())
    assert stored is not None
    lines = [
        _("Fact {key} is now version {version}; earlier versions are kept.").format(
            key=key, version=stored.version
        )
    ]
    dropped = [f.name for f in old.figures if f not in record.figures]
    if dropped:
        lines.append(
            ngettext(
                "The new text no longer states its figure ({names}), so /pay compare and job alerts stop"
                " using it; put the numbers back in the text to keep them.",
                "The new text no longer states these figures ({names}), so /pay compare and job alerts stop"
                " using them; put the numbers back in the text to keep them.",
                len(dropped),
            ).format(names=", ".join(dropped))
        )
    if old.text_es and record.text != old.text:
        lines.append(
            _("Its Spanish text was kept: check it still says the same, or replace it with /fact spanish {key}.")
            .format(key=key)
        )  # fmt: skip
    return Reply(text="\n".join(lines), ephemeral=True)


def _keep_figures(record: FactRecord, old: FactRecord) -> FactRecord:
    """An edit of the wording keeps the figures unless the text no longer states them."""
    kept = tuple(f for f in old.figures if _states(record.text, f.value))
    return FactRecord(
        record.key, record.topic, record.text, record.source, record.as_of, kept, old.keywords, record.quote,
        record.text_es,
    )  # fmt: skip


def _states(text: str, value: float) -> bool:
    plain = f"{value:g}" if not value.is_integer() else str(int(value))
    return plain in text.replace(",", "") or f"{value / 1000:g}k" in text.lower()


@fact.command(
    "remove", description=N_("Remove a fact (its history is kept)"), role=Role.ORGANIZER, params=(FACT_KEY,)
)
async def remove(ctx: Context, key: str) -> Reply:
    if not await fact_store.remove(ctx.db, key, await ctx.member_id()):
        raise _no_fact(key)
    return Reply(text=_("Removed fact {key}; its history is kept.").format(key=key), ephemeral=True)


_STATES = {"removed": N_("removed"), "current": N_("current"), "old": N_("old")}


@fact.command("history", description=N_("Every version of a fact"), params=(FACT_KEY,))
async def history(ctx: Context, key: str) -> Reply:
    versions = await fact_store.history(ctx.db, key)
    if not versions:
        raise NotFound(_("no fact with key {key}").format(key=repr(key)))
    lines = []
    for version in versions:
        state = "removed" if version.removed else ("current" if version.superseded_at is None else "old")
        lines.append(
            _("v{version} ({state}, {day}): {text}").format(
                version=version.version,
                state=_(_STATES[state]),
                day=version.created_at[:10],
                text=_short(version.record.text),
            )
        )
    return Reply(title=_("History of {key}").format(key=key), text="\n".join(lines), ephemeral=True)
