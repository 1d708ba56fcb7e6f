"""/fact: answers with a figure, its source and date; organizers curate the pack."""

from __future__ import annotations

import datetime

from commands import markup
from commands import params as p
from commands.context import Context
from commands.errors import NotFound, UsageError
from commands.facts import answers
from commands.registry import Commands, Group
from commands.reply import Reply
from commands.roles import Role
from commands.when import OutOfRange, check_day
from storage.facts import store as fact_store
from storage.facts.pack import TOPICS, FactPackError, FactRecord, Source, check_date, check_key, check_quote

#: Share of a question's weight a fact must cover to be given as the answer.
ANSWER_AT = 0.7
#: Share a fact must cover to be offered as "maybe:".
MAYBE_AT = 0.25
#: Kinds of answer only a fact of that kind gives (a figure, a name); others just rank.
MUST_FIT = frozenset(["amount", "date", "name", "person", "place", "statement", "howto"])
TOPIC_PARAM = p.choice("topic", "Fact topic", TOPICS, required=False, autocomplete="topic")
SOURCE_PARAMS = (
    p.text("source", "Publication the fact comes from", keyword_only=True, max_length=200),
    p.text("date", "Publication date, YYYY-MM-DD", keyword_only=True, max_length=10),
    p.text("headline", "Headline of the source", keyword_only=True, required=False, max_length=300),
    p.text("url", "Link to the source", keyword_only=True, required=False, max_length=500),
    p.text("as_of", "Date the fact was true", keyword_only=True, required=False, max_length=10),
    p.text(
        "quote",
        "The source's own sentence(s) stating it, word for word",
        keyword_only=True,
        required=False,
        max_length=3000,
    ),
)
FACT_KEY = p.text("key", "The fact's id", autocomplete="fact")

fact = Commands(Group("fact", "Facts about pay and AI, with their sources"))


def source_line(record: FactRecord) -> str:
    source = record.source
    headline = f', "{source.headline}"' if source.headline else ""
    link = f" {markup.link(source.url)}" if source.url else ""
    return f"Source: {source.publication}{headline} ({source.date}){link}. As of {record.as_of}."


@fact.command(
    "ask",
    description="Answer a question with a sourced fact",
    params=(p.text("question", "What you want to know", greedy=True),),
    examples=("/fact what does the Netflix AI job pay", "/fact digital replica proposal"),
    default=True,
)
async def ask(ctx: Context, question: str) -> Reply:
    by_key = await _fact_named(ctx, question)
    if by_key is not None:
        # A key as /fact list, "maybe:" and every answer's footer show it: that fact.
        return answers.answer(by_key)
    found = await fact_store.search(ctx.db, question)
    read = found.search.question
    close = [fact.key for fact, ranked in found.facts if ranked.score >= MAYBE_AT]
    if read.after:
        return answers.after_dates(found.search.latest, close)
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
        return answers.answer(fitting[0][0], spanish=read.spanish)
    return answers.refusal(close, spanish=read.spanish)


async def _fact_named(ctx: Context, question: str) -> fact_store.StoredFact | None:
    typed = question.strip().lower().removeprefix("fact ").strip()
    try:
        check_key(typed)
    except FactPackError:
        return None
    return await fact_store.current(ctx.db, typed)


@fact.command("list", description="List facts, optionally for one topic", params=(TOPIC_PARAM,))
async def list_facts(ctx: Context, topic: str | None = None) -> Reply:
    found = await fact_store.list_current(ctx.db, topic)
    if not found:
        return Reply(text="No facts yet" + (f" on {topic}." if topic else "."), ephemeral=True)
    lines = [f"• [{f.record.topic}] {f.key}: {_short(f.record.text)}" for f in found]
    title = f"Facts on {topic}" if topic else "All facts"
    return Reply(title=f"{title} ({len(found)})", text="\n".join(lines), ephemeral=True)


def _short(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fact_date(text: str, what: str) -> None:
    """A date like 2023-07-26 or 2023-07, within the years 2000–2100."""
    check_date(text, what)
    try:
        check_day(datetime.date.fromisoformat(text + "-01" if len(text) == 7 else text))
    except OutOfRange as error:
        raise OutOfRange(f"{what}: {error}") from None


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
) -> FactRecord:
    try:
        check_key(key)
        _fact_date(date, "date")
        if as_of:
            _fact_date(as_of, "as_of")
    except (FactPackError, OutOfRange) as error:
        raise UsageError(str(error)) from None
    if url and not url.startswith(("https://", "http://")):
        raise UsageError("url must start with https:// or http://")
    try:
        checked_quote = check_quote(quote, "quote")
    except FactPackError as error:
        raise UsageError(str(error)) from None
    source_of = Source(source, headline or "", date, url or None)
    return FactRecord(key, topic, text, source_of, as_of or date, quote=checked_quote)


@fact.command(
    "add",
    description="Add a fact (source required)",
    role=Role.ORGANIZER,
    params=(
        p.text("key", "Short id, like netflix-ai-pay", max_length=80),
        p.choice("topic", "Topic", TOPICS),
        p.text("text", "The fact, in one or two sentences", max_length=2000),
        *SOURCE_PARAMS,
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
) -> Reply:
    record = _record(key, topic, text, source, date, headline, url, as_of, quote)
    try:
        stored = await fact_store.add(ctx.db, record, await ctx.member_id())
    except fact_store.FactExists as error:
        raise UsageError(f"a fact with key {error.key!r} already exists (use /fact edit)") from None
    note = "" if record.quote else "\nNo quote given: answers show it as an organizer's own statement."
    return Reply(text=f"Added fact {stored.key}.\n{source_line(stored.record)}{note}", ephemeral=True)


@fact.command(
    "edit",
    description="Change a fact; the old version is kept in its history",
    role=Role.ORGANIZER,
    params=(
        FACT_KEY,
        p.text("text", "New wording", keyword_only=True, required=False, max_length=2000),
        p.choice("topic", "New topic", TOPICS, keyword_only=True, required=False),
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
        raise NotFound(f"no fact with key {key!r} (see /fact list)")
    old = current.record
    new_source = source is not None or date is not None
    if new_source and not (source and date):
        raise UsageError("a new source needs both source= and date=")
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
    )
    record = _keep_figures(record, old)
    if record == old:
        raise UsageError(f"that changes nothing in fact {key}: give text=, topic=, or source= and date=")
    stored = await fact_store.replace(ctx.db, record, await ctx.member_id())
    assert stored is not None
    text = f"Fact {key} is now version {stored.version}; earlier versions are kept."
    dropped = [f.name for f in old.figures if f not in record.figures]
    if dropped:
        text += (
            f"\nThe new text no longer states {'its figure' if len(dropped) == 1 else 'these figures'} "
            f"({', '.join(dropped)}), so /pay compare and job alerts stop using "
            f"{'it' if len(dropped) == 1 else 'them'}; put the numbers back in the text to keep them."
        )
    return Reply(text=text, ephemeral=True)


def _keep_figures(record: FactRecord, old: FactRecord) -> FactRecord:
    """An edit of the wording keeps the figures unless the text no longer states them."""
    kept = tuple(f for f in old.figures if _states(record.text, f.value))
    return FactRecord(
        record.key, record.topic, record.text, record.source, record.as_of, kept, old.keywords, record.quote
    )


def _states(text: str, value: float) -> bool:
    plain = f"{value:g}" if not value.is_integer() else str(int(value))
    return plain in text.replace(",", "") or f"{value / 1000:g}k" in text.lower()


@fact.command(
    "remove", description="Remove a fact (its history is kept)", role=Role.ORGANIZER, params=(FACT_KEY,)
)
async def remove(ctx: Context, key: str) -> Reply:
    if not await fact_store.remove(ctx.db, key, await ctx.member_id()):
        raise NotFound(f"no fact with key {key!r} (see /fact list)")
    return Reply(text=f"Removed fact {key}; its history is kept.", ephemeral=True)


@fact.command("history", description="Every version of a fact", params=(FACT_KEY,))
async def history(ctx: Context, key: str) -> Reply:
    versions = await fact_store.history(ctx.db, key)
    if not versions:
        raise NotFound(f"no fact with key {key!r}")
    lines = []
    for version in versions:
        state = "removed" if version.removed else ("current" if version.superseded_at is None else "old")
        lines.append(
            f"v{version.version} ({state}, {version.created_at[:10]}): {_short(version.record.text)}"
        )
    return Reply(title=f"History of {key}", text="\n".join(lines), ephemeral=True)
