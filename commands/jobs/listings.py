"""/jobs: AI job alerts from the studios' boards, and what the boards show."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from commands import params as p
from commands.context import Context
from commands.errors import CommandError, NotFound, UsageError
from commands.jobs.pay_text import pay_text
from commands.jobs.text import listing_block
from commands.registry import Commands, Group
from commands.reply import Reply
from commands.roles import Role
from commands.text import no_pings, shorten
from storage import audit
from storage.jobs import queries as job_queries
from storage.jobs import sources as job_sources
from storage.jobs import subscriptions
from storage.jobs.queries import PayChange
from storage.jobs.rows import StoredListing

LATEST_LIMIT = 8
SEARCH_LIMIT = 10
ALL = "all"
COMPANY = p.text(
    "company", "A company, or all", required=False, greedy=True, max_length=100, autocomplete="company"
)

#: The /jobs group; `commands.jobs.sources` declares its source commands in it too.
JOBS = Group("jobs", "AI job listings from the studios' job boards, and alerts")
jobs = Commands(JOBS)


async def _company(ctx: Context, typed: str | None) -> str | None:
    """The company as the sources spell it, or None for "all"; NotFound for an unknown one."""
    if typed is None or typed.strip().lower() == ALL:
        return None
    known = await job_sources.companies(ctx.db)
    match = next((name for name in known if name.casefold() == typed.strip().casefold()), None)
    if match is None:
        listed = ", ".join(known) if known else "none yet (see /jobs source add)"
        raise NotFound(f"no job source for {_quoted(typed)}. Companies: {no_pings(listed)}; or all.")
    return match


def _quoted(typed: str) -> str:
    """What a member typed, shown in quotes: shortened, never a ping, never escaped like repr()."""
    return f"'{no_pings(shorten(typed.strip(), 60))}'"


def _whose(company: str | None) -> str:
    return "every company" if company is None else no_pings(company)


@jobs.command(
    "subscribe",
    description="Post new AI job listings in this channel",
    params=(COMPANY,),
    role=Role.ORGANIZER,
    examples=("/jobs subscribe all", "/jobs subscribe Netflix"),
)
async def subscribe(ctx: Context, company: str | None = None) -> Reply:
    target = await _company(ctx, company)
    member_id = await ctx.member_id()
    async with ctx.db.transaction() as tx:
        added = await subscriptions.subscribe(
            tx, ctx.channel.platform, ctx.channel.channel_id, target, member_id, ctx.now
        )
        if added:
            await audit.record(tx, member_id, "jobs.subscribe", ctx.channel.channel_id, _whose(target))
    if not added:
        return Reply(text=f"This channel already gets AI job alerts for {_whose(target)}.", ephemeral=True)
    return Reply(text=f"This channel will get new AI job listings from {_whose(target)}.")


@jobs.command(
    "unsubscribe", description="Stop job alerts in this channel", params=(COMPANY,), role=Role.ORGANIZER
)
async def unsubscribe(ctx: Context, company: str | None = None) -> Reply:
    target = await _company(ctx, company)
    member_id = await ctx.member_id()
    where = (ctx.channel.platform, ctx.channel.channel_id)
    async with ctx.db.transaction() as tx:
        current = await subscriptions.for_channel(tx, *where)
        removed = await subscriptions.unsubscribe(tx, *where, target)
        if removed:
            await audit.record(tx, member_id, "jobs.unsubscribe", ctx.channel.channel_id, _whose(target))
    if removed:
        return Reply(text=f"This channel no longer gets AI job alerts for {_whose(target)}.")
    if not current:
        raise NotFound("This channel has no job alert subscriptions.")
    if any(s.company is None for s in current):
        raise CommandError("This channel gets every company's alerts; /jobs unsubscribe all stops them.")
    raise NotFound(f"This channel does not subscribe to {_whose(target)}.")


@jobs.command("latest", description="The newest AI job listings", params=(COMPANY,))
async def latest(ctx: Context, company: str | None = None) -> Reply:
    target = await _company(ctx, company)
    found = await job_queries.latest_ai(ctx.db, target, LATEST_LIMIT)
    if not found:
        where = f" from {no_pings(target)}" if target else ""
        return Reply(text=f"No open AI job listings{where} yet.", ephemeral=True)
    title = "Latest AI job listings" + (f" at {no_pings(target)}" if target else "")
    return Reply(title=title, text="\n".join(await _blocks(ctx, found, tagged=False)))


async def _blocks(ctx: Context, listings: list[StoredListing], *, tagged: bool) -> list[str]:
    changes = await job_queries.last_pay_changes(ctx.db, [listing.id for listing in listings])
    return [
        listing_block(
            listing,
            tags=_tags(listing) if tagged else "",
            note=_pay_note(changes.get(listing.id), listing, ctx),
        )
        for listing in listings
    ]


def _pay_note(change: PayChange | None, listing: StoredListing, ctx: Context) -> str | None:
    """A recorded pay change, so members see when a studio moved its range."""
    if change is None:
        return None
    old = replace(
        listing, pay_min=change.old_min, pay_max=change.old_max, pay_currency=change.old_currency,
        pay_period=change.old_period, pay_kind=change.old_kind, pay_varies=change.old_varies,
    )  # fmt: skip
    day = change.changed_at.astimezone(ctx.tz)
    return f"pay changed {day.day} {day:%b}; was {pay_text(old)}"


def _tags(listing: StoredListing) -> str:
    tags = (["AI"] if listing.is_ai else []) + (["closed"] if listing.closed_at else [])
    return "".join(f"[{tag}] " for tag in tags)


@jobs.command(
    "search",
    description="Search job listings by title, company, place or description",
    params=(p.text("text", "What to look for", greedy=True, max_length=200),),
    examples=("/jobs search generative",),
)
async def search(ctx: Context, text: str) -> Reply:
    words = " ".join(text.split())
    if len(words) < 2:
        raise UsageError("search for at least two characters")
    found = await job_queries.search(ctx.db, words, SEARCH_LIMIT)
    if not found:
        return Reply(text=f"No job listings mention {_quoted(words)}.", ephemeral=True)
    blocks = await _blocks(ctx, found, tagged=True)
    more = f" (first {SEARCH_LIMIT})" if len(found) == SEARCH_LIMIT else ""
    return Reply(title=f"Job listings matching {_quoted(words)}{more}", text="\n".join(blocks))


def _best_paid(listings: list[StoredListing]) -> StoredListing | None:
    """The highest advertised yearly pay (hourly only when nothing is yearly)."""
    for period in ("year", "hour"):
        paid = [x for x in listings if x.has_pay and x.pay_period == period]
        if paid:
            return max(paid, key=lambda x: x.pay_max or x.pay_min or 0.0)
    return None


@jobs.command(
    "stats",
    description="AI listings per company and the highest advertised pay",
    params=(p.integer("days", "How many days back", required=False, minimum=1, maximum=365),),
)
async def stats(ctx: Context, days: int = 30) -> Reply:
    found = await job_queries.ai_open_since(ctx.db, ctx.now - timedelta(days=days))
    if not found:
        return Reply(text=f"No AI job listings open in the last {days} days.", ephemeral=True)
    by_company: dict[str, list[StoredListing]] = {}
    for listing in found:
        by_company.setdefault(listing.company, []).append(listing)
    lines = []
    for company, listings in sorted(by_company.items(), key=lambda item: (-len(item[1]), item[0])):
        line = f"• {company}: {len(listings)} AI listing{'' if len(listings) == 1 else 's'}"
        best = _best_paid(listings)
        if best is not None:
            line += f"; highest advertised pay {pay_text(best)} ({shorten(best.title, 80)})"
        lines.append(no_pings(line))
    return Reply(title=f"AI job listings open in the last {days} days", text="\n".join(lines))
