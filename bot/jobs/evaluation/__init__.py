"""`picketbot jobs eval`: the labelled postings through the real board, pay and classifier code.

`postings` reads the labelled set, `boards` turns each posting into what
its board serves and parses it as a poll does, `report` counts classifier
precision and recall and pay read right, per part (tune, held) and case.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.jobs.classify import AIClassifier
from bot.jobs.evaluation.boards import read_posting
from bot.jobs.evaluation.postings import Posting
from bot.jobs.evaluation.report import Outcome, Report, read_pay
from bot.jobs.fetch.http import HttpFetcher


async def evaluate(postings: Sequence[Posting], classifier: AIClassifier | None = None) -> Report:
    """Read every posting as the poller would and compare it with its labels."""
    judge = classifier or AIClassifier()
    report = Report()
    # Parsing does no I/O; the boards' context just needs a fetcher to exist.
    async with HttpFetcher() as fetcher:
        for posting in postings:
            listing = judge.classify(read_posting(posting, fetcher))
            report.outcomes.append(Outcome(posting, listing.is_ai, read_pay(listing)))
    return report
