"""What `picketbot jobs eval` measures: classifier precision and recall, pay read right.

- precision: of the postings called AI jobs, the share that are;
- recall: of the AI jobs, the share called AI jobs;
- pay: the share of postings whose pay was read exactly as labelled (both
  ends, currency, period, kind, varies), "no pay" included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.jobs.evaluation.postings import SPLITS, ExpectedPay, Posting
from bot.jobs.listing import Listing

#: The bar, for each of the three rates on the whole set.
MIN_RATE = 0.97
RATES = ("precision", "recall", "pay")


@dataclass(frozen=True)
class ReadPay:
    minimum: float | None
    maximum: float | None
    currency: str
    period: str
    kind: str
    varies: bool


def read_pay(listing: Listing) -> ReadPay | None:
    if not listing.has_pay or listing.pay_currency is None:
        return None
    return ReadPay(
        listing.pay_min,
        listing.pay_max,
        listing.pay_currency,
        listing.pay_period or "",
        listing.pay_kind or "base",
        listing.pay_varies,
    )


def _same_amount(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) < 0.005


def pay_matches(expected: ExpectedPay | None, got: ReadPay | None) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    return (
        _same_amount(expected.minimum, got.minimum)
        and _same_amount(expected.maximum, got.maximum)
        and (expected.currency, expected.period, expected.kind, expected.varies)
        == (got.currency, got.period, got.kind, got.varies)
    )


@dataclass(frozen=True)
class Outcome:
    posting: Posting
    called_ai: bool
    pay: ReadPay | None

    @property
    def pay_right(self) -> bool:
        return pay_matches(self.posting.pay, self.pay)


@dataclass(frozen=True)
class Tally:
    postings: int = 0
    true_ai: int = 0  # AI jobs called AI
    false_ai: int = 0  # others called AI
    missed_ai: int = 0  # AI jobs not called AI
    pay_right: int = 0

    def rate(self, what: str) -> float:
        """precision, recall or pay; 1.0 when there is nothing to get wrong."""
        if what == "precision":
            called = self.true_ai + self.false_ai
            return self.true_ai / called if called else 1.0
        if what == "recall":
            actual = self.true_ai + self.missed_ai
            return self.true_ai / actual if actual else 1.0
        return self.pay_right / self.postings if self.postings else 1.0


def tally(outcomes: Sequence[Outcome]) -> Tally:
    counts = {"true_ai": 0, "false_ai": 0, "missed_ai": 0, "pay_right": 0}
    for outcome in outcomes:
        ai, called = outcome.posting.ai, outcome.called_ai
        if ai and called:
            counts["true_ai"] += 1
        elif called:
            counts["false_ai"] += 1
        elif ai:
            counts["missed_ai"] += 1
        counts["pay_right"] += outcome.pay_right
    return Tally(postings=len(outcomes), **counts)


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def part(self, split: str | None = None, case: str | None = None) -> list[Outcome]:
        return [
            o
            for o in self.outcomes
            if (split is None or o.posting.split == split) and (case is None or o.posting.case == case)
        ]

    def tally(self, split: str | None = None, case: str | None = None) -> Tally:
        return tally(self.part(split, case))

    def cases(self) -> list[str]:
        return sorted({o.posting.case for o in self.outcomes})

    def failures(self) -> list[str]:
        """Why the whole set misses the bar (empty when it meets it)."""
        overall = self.tally()
        return [
            f"{what} {overall.rate(what):.1%} < {MIN_RATE:.0%}"
            for what in RATES
            if overall.rate(what) < MIN_RATE
        ]


def summary(report: Report) -> dict[str, object]:
    """The figures `jobs eval --json` prints."""

    def part(split: str | None) -> dict[str, object]:
        counts = report.tally(split)
        return {
            "postings": counts.postings,
            **{what: round(counts.rate(what), 4) for what in RATES},
            "cases": {
                case: {"postings": t.postings, **{what: round(t.rate(what), 4) for what in RATES}}
                for case in report.cases()
                if (t := report.tally(split, case)).postings
            },
        }

    return {
        "all": part(None),
        **{split: part(split) for split in SPLITS},
        "bar": MIN_RATE,
        "meets_bar": not report.failures(),
        "failures": report.failures(),
    }


def table(report: Report) -> str:
    lines = [f"{'part':<5} {'case':<14} {'n':>4} {'precision':>10} {'recall':>7} {'pay':>7}"]
    for split in (*SPLITS, None):
        for case in (*report.cases(), None):
            counts = report.tally(split, case)
            if not counts.postings:
                continue
            lines.append(
                f"{split or 'all':<5} {case or 'ALL':<14} {counts.postings:>4} "
                f"{counts.rate('precision'):>10.1%} {counts.rate('recall'):>7.1%} {counts.rate('pay'):>7.1%}"
            )
    problems = report.failures()
    lines.append("meets the bar" if not problems else "BELOW THE BAR: " + "; ".join(problems))
    return "\n".join(lines)


def _pay_words(pay: ExpectedPay | ReadPay | None) -> str:
    if pay is None:
        return "no pay"
    low = "-" if pay.minimum is None else f"{pay.minimum:g}"
    high = "-" if pay.maximum is None else f"{pay.maximum:g}"
    extra = " varies" if pay.varies else ""
    return f"{pay.currency} {low}..{high}/{pay.period} {pay.kind}{extra}"


def misses(report: Report, split: str) -> list[str]:
    """The postings of one part that were read wrong (for tuning on the tune part only)."""
    out = []
    for outcome in report.part(split):
        posting = outcome.posting
        if outcome.called_ai != posting.ai:
            verdict = "missed AI" if posting.ai else "not AI"
            out.append(f"{posting.id} {posting.case:<13} classifier: {verdict}: {posting.title!r}")
        if not outcome.pay_right:
            out.append(
                f"{posting.id} {posting.case:<13} pay: read {_pay_words(outcome.pay)}; "
                f"expected {_pay_words(posting.pay)}"
            )
    return out
