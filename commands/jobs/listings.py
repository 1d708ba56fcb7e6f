"""/jobs: AI job alerts from the studios' boards, and what the boards show."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from commands import params as p
from commands.context import Context
from commands.errors import CommandError, NotFound, UsageError
from commands.i18n import N_, _, ngettext
from commands.jobs.pay_text import pay_text
from commands.jobs.text import day_month, listing_block
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
    "company", N_("A company, or all"), required=False, greedy=True, max_length=100, autocomplete="company"
)

#: The /jobs group; `commands.jobs.sources` declares its source commands in it too.
JOBS = Group("jobs", N_("AI job listings from the studios' job boards, and alerts"))
jobs = Commands(JOBS)


async def _company(ctx: Context, typed: str | None) -> str | None:
    """The company as the sources spell it, or None for "all"; NotFound for an unknown one."""
    if typed is None or typed.strip().lower() == ALL:
        return None
    known = await job_sources.companies(ctx.db)
    match = next((name for name in known if name.casefold() == typed.strip().casefold()), None)
    if match is None:
        listed = ", ".join(known) if known else _("none yet (see /jobs source add)")
        raise NotFound(
            _("no job source for {typed}. Companies: {companies}; or all.").format(
                typed=_quoted(typed), companies=no_pings(listed)
            )
        )
    return match


def _quoted(typed: str) -> str:
    """What a member typed, shown in quotes: shortened, never a ping, never escaped like repr()."""
    return f"'{no_pings(shorten(typed.strip(), 60))}'"


def _whose(company: str | None) -> str:
    return _("every company") if company is None else no_pings(company)


@jobs.command(
    "subscribe",
    description=N_("Post new AI job listings in this channel"),
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
        return Reply(
            text=_("This channel already gets AI job alerts for {whose}.").format(whose=_whose(target)),
            ephemeral=True,
        )
    return Reply(
        text=_("This channel will get new AI job listings from {whose}.").format(whose=_whose(target))
    )


@jobs.command(
    "unsubscribe", description=N_("Stop job alerts in this channel"), params=(COMPANY,), role=Role.ORGANIZER
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
        return Reply(
            text=_("This channel no longer gets AI job alerts for {whose}.").format(whose=_whose(target))
        )
    if not current:
        raise NotFound(_("This channel has no job alert subscriptions."))
    if any(s.company is None for s in current):
        raise CommandError(_("This channel gets every company's alerts; /jobs unsubscribe all stops them."))
    raise NotFound(_("This channel does not subscribe to {whose}.").format(whose=_whose(target)))


@jobs.command("latest", description=N_("The newest AI job listings"), params=(COMPANY,))
async def latest(ctx: Context, company: str | None = None) -> Reply:
    target = await _company(ctx, company)
    found = await job_queries.latest_ai(ctx.db, target, LATEST_LIMIT)
    if not found:
        if target:
            text = _("No open AI job listings from {company} yet.").format(company=no_pings(target))
        else:
            text = _("No open AI job listings yet.")
        return Reply(text=text, ephemeral=True)
    if target:
        title = _("Latest AI job listings at {company}").format(company=no_pings(target))
    else:
        title = _("Latest AI job listings")
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
    return _("pay changed {day}; was {pay}").format(day=day_month(day), pay=pay_text(old))


def _tags(listing: StoredListing) -> str:
    tags = ([_("AI")] if listing.is_ai else []) + ([_("closed")] if listing.closed_at else [])
    return "".join(f"[{tag}] " for tag in tags)


@jobs.command(
    "search",
    description=N_("Search job listings by title, company, place or description"),
    params=(p.text("text", N_("What to look for"), greedy=True, max_length=200),),
    examples=("/jobs search generative",),
)
async def search(ctx: Context, text: str) -> Reply:
    words = " ".join(text.split())
    if len(words) < 2:
        raise UsageError(_("search for at least two characters"))
    found = await job_queries.search(ctx.db, words, SEARCH_LIMIT)
    if not found:
        return Reply(text=_("No job listings mention {typed}.").format(typed=_quoted(words)), ephemeral=True)
    blocks = await _blocks(ctx, found, tagged=True)
    if len(found) == SEARCH_LIMIT:
        title = _("Job listings matching {typed} (first {count})").format(
            typed=_quoted(words), count=SEARCH_LIMIT
        )
    else:
        title = _("Job listings matching {typed}").format(typed=_quoted(words))
    return Reply(title=title, text="\n".join(blocks))


def _best_paid(listings: list[StoredListing]) -> StoredListing | None:
    """The highest advertised yearly pay (hourly only when nothing is yearly)."""
    for period in ("year", "hour"):
        paid = [x for x in listings if x.has_pay and x.pay_period == period]
        if paid:
            return max(paid, key=lambda x: x.pay_max or x.pay_min or 0.0)
    return None


@jobs.command(
    "stats",
    description=N_("AI listings per company and the highest advertised pay"),
    params=(p.integer("days", N_("How many days back"), required=False, minimum=1, maximum=365),),
)
async def stats(ctx: Context, days: int = 30) -> Reply:
    found = await job_queries.ai_open_since(ctx.db, ctx.now - timedelta(days=days))
    if not found:
        text = ngettext(
            "No AI job listings open in the last {days} day.",
            "No AI job listings open in the last {days} days.",
            days,
        ).format(days=days)
        return Reply(text=text, ephemeral=True)
    by_company: dict[str, list[StoredListing]] = {}
    for listing in found:
        by_company.setdefault(listing.company, []).append(listing)
    lines = []
    for company, listings in sorted(by_company.items(), key=lambda item: (-len(item[1]), item[0])):
        count = len(listings)
        best = _best_paid(listings)
        if best is None:
            line = ngettext("• {company}: {count} AI listing", "• {company}: {count} AI listings", count)
        else:
            line = ngettext(
                "• {company}: {count} AI listing; highest advertised pay {pay} ({title})",
                "• {company}: {count} AI listings; highest advertised pay {pay} ({title})",
                count,
            )
        pay = pay_text(best) if best is not None else ""
        title = shorten(best.title, 80) if best is not None else ""
        lines.append(no_pings(line.format(company=company, count=count, pay=pay, title=title)))
    title = ngettext(
        "AI job listings open in the last {days} day", "AI job listings open in the last {days} days", days
    ).format(days=days)
    return Reply(title=title, text="\n".join(lines))
