"""``picketbot poll --once`` and ``picketbot jobs check``: the job boards from a shell.

``poll --once`` runs one poll cycle against the database (what the bot does
every minute; ``--force`` polls every source, due or not), prints the new AI listings, and delivers the alerts queued for
console channels; alerts for Discord or Slack channels stay in the outbox for
the running bot. ``jobs check`` fetches one board and prints what it finds,
storing nothing: what an organizer runs before adding a source.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable

from bot.adapters.console.terminal import ConsoleSender
from bot.app import open_app
from bot.cli.core import add_common, config_from
from bot.config.loading import load_config
from bot.delivery import DeliveryWorker
from bot.jobs.boards import BOARD_TYPES
from bot.jobs.check import check_board, format_listing_line
from bot.jobs.errors import JobBoardError
from bot.jobs.evaluation.cli import add_eval_parser
from bot.jobs.listing import Listing
from bot.jobs.poll_source import SourceOutcome
from bot.jobs.poller import CycleReport, Poller
from bot.jobs.poller_settings import classifier_from, poller_settings


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    poll = sub.add_parser("poll", help="poll the job boards that are due and print new AI listings")
    poll.add_argument("--once", action="store_true", required=True, help="one cycle, then exit")
    poll.add_argument("--json", action="store_true", help="one JSON object per new AI listing")
    poll.add_argument("--force", action="store_true", help="poll every source now, due or not")
    add_common(poll)
    poll.set_defaults(handler=run_poll)

    jobs = sub.add_parser("jobs", help="job-board tools")
    actions = jobs.add_subparsers(dest="jobs_command", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="fetch one board now and print what it finds (stores nothing)")
    check.add_argument("--type", required=True, choices=sorted(BOARD_TYPES), dest="board_type")
    check.add_argument("--board", required=True, help="the board's id for its type (Workday: TENANT/SITE)")
    check.add_argument("--base-url", help="replaces the type's default host")
    check.add_argument("--company", help="company name to show on the listings")
    check.add_argument(
        "--all", action="store_true", dest="include_all", help="every listing, not just AI ones"
    )
    check.add_argument("--json", action="store_true", help="one JSON object per listing")
    check.add_argument(
        "--timeout", type=request_seconds, default=20.0, help="seconds per request, up to 3600 (default 20)"
    )
    check.add_argument("--config", help="configuration file, for [poller.classifier]")
    check.set_defaults(handler=run_check)
    add_eval_parser(actions)


#: The longest wait for one request: any more is a typo, and inf or nan would reach the timers.
MAX_REQUEST_SECONDS = 3600.0


def request_seconds(text: str) -> float:
    """``--timeout``: a number of seconds above 0 and at most an hour (argparse says it in one line)."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text[:40]!r}") from None
    if not 0 < seconds <= MAX_REQUEST_SECONDS:  # also false for nan
        raise argparse.ArgumentTypeError(f"must be above 0 and at most {MAX_REQUEST_SECONDS:g} seconds")
    return seconds


def _printable(text: str) -> str:
    """Board text is untrusted: no terminal control sequences reach the screen."""
    return "".join(c for c in text if c.isprintable())


#: ``jobs check --all`` marks which listings are AI jobs, in a column of their own.
AI_MARK, OTHER_MARK = "[AI] ", "[  ] "


def _emit(listings: list[Listing], as_json: bool, *, mark_ai: bool = False) -> None:
    for listing in listings:
        if as_json:  # the JSON carries is_ai already
            line = json.dumps(listing.to_json(), ensure_ascii=False)
        else:
            mark = (AI_MARK if listing.is_ai else OTHER_MARK) if mark_ai else ""
            line = mark + format_listing_line(listing)
        print(_printable(line))


def _writer(to_stderr: bool) -> Callable[[str], None]:
    stream = sys.stderr if to_stderr else sys.stdout

    def write(text: str) -> None:
        stream.write(text)
        stream.flush()

    return write


def _status(outcome: SourceOutcome) -> str | None:
    if outcome.status == "error":
        return f"{outcome.source}: failed: {outcome.error}"
    if outcome.status == "first":
        return (
            f"{outcome.source}: first poll, {outcome.listings} listings recorded ({outcome.ai} AI);"
            " new AI listings are alerted from the next poll on"
        )
    if outcome.pay_changed or outcome.closed:
        return f"{outcome.source}: {outcome.pay_changed} pay changes, {outcome.closed} listings closed"
    return None


async def run_poll(args: argparse.Namespace) -> int:
    config = config_from(args, quiet=True)
    if config.log_level == "INFO":
        # The summary names each failing source once; its warning log line would say it twice.
        logging.getLogger("picketbot.jobs").setLevel(logging.ERROR)
    settings = poller_settings(config)
    app = await open_app(config)
    try:
        poller = Poller(app.db, settings, clock=app.services.clock, on_result=app.metrics.poll_result)
        try:
            await poller.sync()
            report = await poller.run_cycle(force=args.force)
        finally:
            await poller.close()
        _report(report, as_json=args.json)
        # With --json, standard output carries only listings; the alerts go to stderr.
        worker = DeliveryWorker(app.db, {"console": ConsoleSender(_writer(args.json))}, app.services.clock)
        await worker.deliver_due()
    finally:
        await app.close()
    return 1 if report.failures else 0


def _report(report: CycleReport, *, as_json: bool) -> None:
    _emit(report.new_ai, as_json)
    sys.stdout.flush()
    for outcome in report.outcomes:
        line = _status(outcome)
        if line:
            print(_printable(line), file=sys.stderr)
    if not report.outcomes:
        print("No job source is due.", file=sys.stderr)


async def run_check(args: argparse.Namespace) -> int:
    classifier = classifier_from(load_config(config_path=args.config))
    try:
        found = await check_board(
            args.board_type,
            args.board,
            args.base_url,
            include_all=args.include_all,
            classifier=classifier,
            timeout=args.timeout,
            company=args.company,
        )
    except JobBoardError as error:
        print(f"picketbot jobs check: {_printable(str(error))}", file=sys.stderr)
        return 1
    _emit(found, args.json, mark_ai=args.include_all)
    if not found:
        none = (
            "No listings found." if args.include_all else "No AI listings found (--all shows every listing)."
        )
        print(none, file=sys.stderr)
    return 0
