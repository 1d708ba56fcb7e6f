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
from commands.durations import duration_minutes, format_minutes
from commands.errors import CommandError, NotFound, UsageError
from commands.i18n import N_, _, ngettext
from commands.jobs.boards import CHAT_BOARD_TYPES, MIN_INTERVAL_MINUTES, BoardChecker, check_interval
from commands.jobs.listings import JOBS
from commands.jobs.text import weekday_time
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
    return weekday_time(moment.astimezone(tz))


def _host(checker: BoardChecker | None, board_type: str, board: str, base_url: str | None) -> str:
    if checker is not None:
        return checker.host(board_type, board, base_url)
    return url_host(base_url or (board if "://" in board else "")) or _("its default host")


def _source_lines(source: Source, counts: SourceCounts | None, tz: ZoneInfo, host: str | None) -> list[str]:
    """One source for /jobs sources; ``host`` only for organizers (None for members)."""
    fields = {
        "name": source.name,
        "company": source.company,
        "type": source.board_type,
        "every": format_minutes(source.interval_minutes),
        "origin": source.origin,
        "host": shorten(host, 80) if host is not None else "",
    }
    if host is not None and source.enabled:
        head = _("• {name}: {company}, {type} at {host}, every {every} ({origin})")
    elif host is not None:
        head = _("• {name} (removed): {company}, {type} at {host}, every {every} ({origin})")
    elif source.enabled:
        head = _("• {name}: {company}, {type}, every {every} ({origin})")
    else:
        head = _("• {name} (removed): {company}, {type}, every {every} ({origin})")
    lines = [head.format(**fields)]
    if source.last_success_at is not None:
        lines.append("  " + _("last success {when}").format(when=_when(source.last_success_at, tz)))
    elif source.enabled:
        lines.append("  " + _("not polled yet (the first poll records what is there without posting)"))
    if counts is not None:
        lines.append(
            "  "
            + _("{count} open listings, {ai} of them AI").format(
                count=counts.open_listings, ai=counts.open_ai
            )
        )
    if source.last_error and source.last_error_at and source.consecutive_failures:
        failures = source.consecutive_failures
        error = ngettext(
            "last error {when}: {error} ({count} failure in a row; next try {next})",
            "last error {when}: {error} ({count} failures in a row; next try {next})",
            failures,
        )
        lines.append(
            "  "
            + error.format(
                when=_when(source.last_error_at, tz),
                error=shorten(source.last_error, 200),
                count=failures,
                next=_when(source.next_poll_at, tz),
            )
        )
    return lines


@jobs.command("sources", description=N_("The job boards watched: last success, last error, listings"))
async def list_sources(ctx: Context) -> Reply:
    found = await job_sources.all_sources(ctx.db)
    if not found:
        return Reply(text=_("No job sources. Add one with /jobs source add."), ephemeral=True)
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
    title = _("Job sources ({count})").format(count=len(found))
    return Reply(title=title, text=no_pings("\n".join(lines)), ephemeral=True)


def _draft(
    ctx: Context,
    name: str,
    board_type: str,
    board: str,
    company: str | None,
    base_url: str | None,
    interval: str,
) -> SourceDraft:
    typed = duration_minutes(interval)
    if typed is None:
        raise UsageError(
            _("interval {typed} is not a duration like 30m, 2h or 1d").format(typed=repr(interval[:20]))
        )
    try:
        minutes = check_interval(typed)
    except ValueError:
        raise UsageError(
            _("interval must be between {low}m and 7d").format(low=MIN_INTERVAL_MINUTES)
        ) from None
    if base_url is not None and not base_url.startswith(("https://", "http://")):
        raise UsageError(_("base_url must start with https:// or http://"))
    checker = ctx.services.job_boards
    if checker is None:
        raise CommandError(_("Job sources cannot be checked here, so they cannot be added."))
    problem = checker.problem(board_type, board, base_url)
    if problem is not None:
        raise UsageError(problem)
    return SourceDraft(name.strip(), (company or name).strip(), board_type, board.strip(), base_url, minutes)


@jobs.command(
    "source",
    "add",
    description=N_("Watch another job board"),
    role=Role.ORGANIZER,
    params=(
        p.text("name", N_("A short name for the source"), max_length=80),
        p.choice("type", N_("Board type"), CHAT_BOARD_TYPES, dest="board_type"),
        p.text(
            "board", N_("The board's id: token, site, TENANT/SITE, domain, query or feed URL"), max_length=500
        ),
        p.text(
            "company",
            N_("Company name for alerts (default: the name)"),
            keyword_only=True,
            required=False,
            max_length=100,
        ),
        p.text(
            "base_url",
            N_("The board's host, when not the type's default"),
            keyword_only=True,
            required=False,
            max_length=300,
        ),
        p.text(
            "interval",
            N_("How often to poll, like 30m or 2h"),
            keyword_only=True,
            required=False,
            max_length=10,
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
        raise UsageError(
            _("a source named {name} already exists (see /jobs sources)").format(name=repr(error.name))
        ) from None
    host = _host(ctx.services.job_boards, draft.board_type, draft.board, draft.base_url)
    return Reply(
        text=no_pings(
            _(
                "Added job source {name} ({company}, {type} at {host}), polled every {every}. The first poll,"
                " within a minute or two, records what is on the board without posting; new AI listings after"
                " that are posted to subscribed channels."
            ).format(
                name=source.name,
                company=source.company,
                type=source.board_type,
                host=host,
                every=format_minutes(source.interval_minutes),
            )
        ),
        ephemeral=True,
    )


@jobs.command(
    "source",
    "remove",
    description=N_("Stop watching a job board (its listings stay)"),
    role=Role.ORGANIZER,
    params=(p.text("name", N_("The source's name"), max_length=80),),
)
async def remove_source(ctx: Context, name: str) -> Reply:
    member_id = await ctx.member_id()
    async with ctx.db.transaction() as tx:
        removed = await job_sources.disable(tx, name.strip())
        if removed is not None:
            await audit.record(tx, member_id, "jobs.source.remove", removed.name)
    if removed is None:
        shown = no_pings(shorten(name.strip(), 80))
        raise NotFound(
            _("no job source named '{name}' is being polled (see /jobs sources)").format(name=shown)
        )
    if removed.from_config:
        text = _(
            "Stopped polling {name}; its listings stay in search and stats. It is listed in picketbot.toml"
            " and stays off until added again here."
        )
    else:
        text = _("Stopped polling {name}; its listings stay in search and stats.")
    return Reply(text=no_pings(text.format(name=removed.name)), ephemeral=True)
