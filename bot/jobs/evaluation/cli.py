"""`picketbot jobs eval [--json] [--misses tune]`: the labelled postings, measured."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.config.loading import load_config
from bot.jobs.evaluation import evaluate
from bot.jobs.evaluation.boards import EvalBoardError
from bot.jobs.evaluation.postings import POSTINGS, SPLITS, PostingFileError, load_postings
from bot.jobs.evaluation.report import MIN_RATE, misses, summary, table
from bot.jobs.poller_settings import classifier_from


def add_eval_parser(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    evaluate_parser = actions.add_parser(
        "eval",
        help="read the labelled postings and print classifier precision, recall and pay accuracy",
        description=(
            "Runs each labelled posting through its board's parser, the pay extraction and the "
            f"AI classifier, as a poll does. Exits 1 when precision, recall or pay accuracy is "
            f"under {MIN_RATE:.0%} on the whole set."
        ),
    )
    evaluate_parser.add_argument(
        "--postings", type=Path, default=POSTINGS, help="postings file (default: the project's set)"
    )
    evaluate_parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate_parser.add_argument(
        "--misses", choices=SPLITS, help="also list the postings of this part that were read wrong"
    )
    evaluate_parser.add_argument("--config", help="configuration file, for [poller.classifier]")
    evaluate_parser.set_defaults(handler=run_eval)


async def run_eval(args: argparse.Namespace) -> int:
    try:
        postings = load_postings(args.postings)
        report = await evaluate(postings, classifier_from(load_config(config_path=args.config)))
    except (PostingFileError, EvalBoardError) as error:
        print(f"picketbot jobs eval: {error}", file=sys.stderr)
        return 1
    print(json.dumps(summary(report), indent=2) if args.json else table(report))
    if args.misses:
        print("\n".join(misses(report, args.misses)))
    return 0 if not report.failures() else 1
