"""`picketbot facts eval`: the measured question set through the real /fact path."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.facts import evaluation as facts_eval
from storage.database import is_postgres_address


def add_eval_parser(facts_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    evaluate = facts_sub.add_parser(
        "eval",
        help="ask the labelled question set and print right / refused / wrong per kind",
        description=(
            "Runs each question of the set through /fact against a scratch database holding "
            "the built-in facts. Exits 1 when right is under 97%% overall or 90%% for a kind, "
            "or confidently wrong is over 1%%."
        ),
    )
    evaluate.add_argument(
        "--questions",
        type=Path,
        default=facts_eval.QUESTIONS,
        help="question file (default: the project's set)",
    )
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.add_argument(
        "--db",
        default=None,
        help="run on this PostgreSQL database (postgresql://…; an empty scratch one: the built-in"
        " facts are written to it) instead of a scratch SQLite file",
    )
    evaluate.add_argument(
        "--misses",
        choices=facts_eval.SPLITS,
        help="also list the questions of this part not answered right",
    )
    evaluate.set_defaults(handler=run_eval)


async def run_eval(args: argparse.Namespace) -> int:
    try:
        questions = facts_eval.load_questions(args.questions)
    except facts_eval.QuestionFileError as error:
        print(f"picketbot: {error}", file=sys.stderr)
        return 1
    if args.db is not None and not is_postgres_address(args.db):
        print("picketbot: facts eval --db takes a postgresql:// address", file=sys.stderr)
        return 1
    report = await facts_eval.evaluate(questions, database=args.db)
    if args.json:
        print(json.dumps(facts_eval.summary(report), indent=2))
    else:
        print(facts_eval.table(report))
    if args.misses:
        print("\n".join(facts_eval.misses(report, args.misses)))
    return 0 if not report.failures() else 1
