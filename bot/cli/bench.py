"""``picketbot bench``: measure this machine against the targets and print a table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.bench.common import FULL, QUICK
from bot.bench.report import table, to_json
from bot.bench.runner import ONLY_ON_POSTGRES, SCENARIOS, run_all
from bot.logs import setup_logging
from storage.database import is_postgres_address


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bench = sub.add_parser(
        "bench",
        help="measure the bot on this machine: sign-up storm, /fact, polling, alert fan-out, start-up",
    )
    bench.add_argument(
        "--quick",
        action="store_true",
        help="a small smoke run (its figures are not comparable with the targets)",
    )
    bench.add_argument(
        "--json", metavar="FILE", help="also write the results as JSON (- for standard output)"
    )
    bench.add_argument(
        "--only",
        nargs="+",
        choices=[*SCENARIOS, *ONLY_ON_POSTGRES],
        metavar="SCENARIO",
        help="run only these: " + ", ".join([*SCENARIOS, *ONLY_ON_POSTGRES]) + " (multi_instance needs --db)",
    )
    bench.add_argument(
        "--db",
        metavar="ADDRESS",
        help="run the sign-up storm and /fact on this PostgreSQL database (postgresql://…), each in a"
        " scratch schema dropped afterwards, against bare asyncpg commits",
    )
    bench.set_defaults(handler=run_bench)


async def run_bench(args: argparse.Namespace) -> int:
    # Retries and rate limits are the point of some scenarios; their log lines are noise here.
    setup_logging("ERROR", json_lines=False)
    sizes = QUICK if args.quick else FULL
    if args.db is not None and not is_postgres_address(args.db):
        print(
            "picketbot: bench --db takes a postgresql:// address (SQLite runs on scratch files)",
            file=sys.stderr,
        )
        return 1
    results = await run_all(
        sizes, only=args.only or (), progress=lambda step: print(step, file=sys.stderr), database=args.db
    )
    document = to_json(results, quick=args.quick)
    if args.json == "-":
        sys.stdout.write(document + "\n")
    else:
        print(table(results))
        if args.json:
            Path(args.json).write_text(document + "\n", encoding="utf-8")
    # Missed targets are figures to read; a wrong count or a failed scenario is an error.
    return 0 if all(result.passed for result in results) else 1
