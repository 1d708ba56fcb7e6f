"""/jobs sources and /jobs source add|remove: which boards the poller watches.

A source's address is never shown in chat: members see its name, company,
type, last success and a short error kind; organizers also see the host its
requests go to. An address may carry credentials (``user:pass@``, a token in
the query), and an organizer's source may point at an internal host.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from commands import params as p
from commands.context import Context
from commands.durations import format_minutes
from commands.errors import CommandError, NotFound, UsageError
from commands.jobs.boards import CHAT_BOARD_TYPES, BoardChecker, parse_interval
from commands.jobs.listings import JOBS
from commands.registry import Commands
from commands.reply import Reply
from commands.roles import Role
from commands.text import no_pings, shorten
from commands.urls import redact_url, url_host
from storage import audit
from storage.jobs import queries as job_queries
from storage.jobs import sources as job_sources
from storage.jobs.queries import SourceCounts
from storage.jobs.sources import Source, SourceDraft, SourceExists

DEFAULT_INTERVAL = "30m"

jobs = Commands(JOBS)


def _when(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b} {local:%H:%M}"


def _host(checker: BoardChecker | None, board_type: str, board: str, base_url: str | None) -> str:
    if checker is not None:
        return checker.host(board_type, board, base_url)
    return url_host(base_url or (board if "://" in board else "")) or "its default host"


def _source_lines(source: Source, counts: SourceCounts | None, tz: ZoneInfo, host: str | None) -> list[str]:
    """One source for /jobs sources; ``host`` only for organizers (None for members)."""
    state = "" if source.enabled else " (removed)"
    where = f" at {shorten(host, 80)}" if host is not None else ""
    head = (
        f"• {source.name}{state}: {source.company}, {source.board_type}{where},"
        f" every {format_minutes(source.interval_minutes)} ({source.origin})"
    )
    lines = [head]
    if source.last_success_at is not None:
        lines.append(f"  last success {_when(source.last_success_at, tz)}")
    elif source.enabled:
        lines.append("  not polled yet (the first poll records what is there without posting)")
    if counts is not None:
        lines.append(f"  {counts.open_listings} open listings, {counts.open_ai} of them AI")
    if source.last_error and source.last_error_at and source.consecutive_failures:
        lines.append(
            f"  last error {_when(source.last_error_at, tz)}: {shorten(source.last_error, 200)}"
            f" ({source.consecutive_failures} failure{'s' if source.consecutive_failures > 1 else ''}"
            f" in a row; next try {_when(source.next_poll_at, tz)})"
        )
    return lines


@jobs.command("sources", description="The job boards watched: last success, last error, listings")
async def list_sources(ctx: Context) -> Reply:
    found = await job_sources.all_sources(ctx.db)
    if not found:
        return Reply(text="No job sources. Add one with /jobs source add.", ephemeral=True)
    counts = await job_queries.counts_by_source(ctx.db)
    organizer = ctx.actor.role >= Role.ORGANIZER
    checker = ctx.services.job_boards
    lines = [
        line
        for source in found
        for line in _source_lines(
            source,
            counts.get(source.id),
            ctx.tz,
            _host(checker, source.board_type, source.board, source.base_url) if organizer else None,
        )
    ]
    return Reply(title=f"Job sources ({len(found)})", text=no_pings("\n".join(lines)), ephemeral=True)


def _draft(
    ctx: Context,
    name: str,
    board_type: str,
    board: str,
    company: str | None,
    base_url: str | None,
    interval: str,
) -> SourceDraft:
    try:
        minutes = parse_interval(interval)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if base_url is not None and not base_url.startswith(("https://", "http://")):
        raise UsageError("base_url must start with https:// or http://")
    checker = ctx.services.job_boards
    if checker is None:
        raise CommandError("Job sources cannot be checked here, so they cannot be added.")
    problem = checker.problem(board_type, board, base_url)
    if problem is not None:
        raise UsageError(problem)
    return SourceDraft(name.strip(), (company or name).strip(), board_type, board.strip(), base_url, minutes)


@jobs.command(
    "source",
    "add",
    description="Watch another job board",
    role=Role.ORGANIZER,
    params=(
        p.text("name", "A short name for the source", max_length=80),
        p.choice("type", "Board type", CHAT_BOARD_TYPES, dest="board_type"),
        p.text(
            "board", "The board's id: token, site, TENANT/SITE, domain, query or feed URL", max_length=500
        ),
        p.text(
            "company",
            "Company name for alerts (default: the name)",
            keyword_only=True,
            required=False,
            max_length=100,
        ),
        p.text(
            "base_url",
            "The board's host, when not the type's default",
            keyword_only=True,
            required=False,
            max_length=300,
        ),
        p.text(
            "interval", "How often to poll, like 30m or 2h", keyword_only=True, required=False, max_length=10
        ),
    ),
    examples=(
        "/jobs source add Lionsgate greenhouse lionsgate",
        "/jobs source add Paramount workday paramount/Careers base_url=https://paramount.wd5.myworkdayjobs.com",
    ),
)
async def add_source(
    ctx: Context,
    name: str,
    board_type: str,
    board: str,
    company: str | None = None,
    base_url: str | None = None,
    interval: str = DEFAULT_INTERVAL,
) -> Reply:
    draft = _draft(ctx, name, board_type, board, company, base_url, interval)
    member_id = await ctx.member_id()
    # The audit keeps which board it was, with any credentials taken out.
    detail = " ".join(
        redact_url(part) if "://" in part else part for part in (board_type, board, base_url or "")
    )
    try:
        async with ctx.db.transaction() as tx:
            source = await job_sources.add(tx, draft, member_id, ctx.now)
            await audit.record(tx, member_id, "jobs.source.add", source.name, detail.strip())
    except SourceExists as error:
        raise UsageError(f"a source named {error.name!r} already exists (see /jobs sources)") from None
    host = _host(ctx.services.job_boards, draft.board_type, draft.board, draft.base_url)
    return Reply(
        text=no_pings(
            f"Added job source {source.name} ({source.company}, {source.board_type} at {host}),"
            f" polled every {format_minutes(source.interval_minutes)}. The first poll, within a minute or"
            " two, records what is on the board without posting; new AI listings after that are posted"
            " to subscribed channels."
        ),
        ephemeral=True,
    )


@jobs.command(
    "source",
    "remove",
    description="Stop watching a job board (its listings stay)",
    role=Role.ORGANIZER,
    params=(p.text("name", "The source's name", max_length=80),),
)
async def remove_source(ctx: Context, name: str) -> Reply:
    member_id = await ctx.member_id()
    async with ctx.db.transaction() as tx:
        removed = await job_sources.disable(tx, name.strip())
        if removed is not None:
            await audit.record(tx, member_id, "jobs.source.remove", removed.name)
    if removed is None:
        shown = no_pings(shorten(name.strip(), 80))
        raise NotFound(f"no job source named '{shown}' is being polled (see /jobs sources)")
    note = (
        " It is listed in picketbot.toml and stays off until added again here." if removed.from_config else ""
    )
    return Reply(
        text=no_pings(f"Stopped polling {removed.name}; its listings stay in search and stats.{note}"),
        ephemeral=True,
    )
