"""`picketbot facts eval`: how often /fact answers right, refuses, or is confidently wrong.

A labelled question set (``tests/data/fact_questions.tsv``: split, kind,
expected fact keys or ``none``, question) goes through the real `/fact`
path, the dispatcher, one question at a time, against a scratch database
holding the built-in pack. An answer names its fact in the reply's footer
(``fact KEY``); any other reply is a refusal ("maybe:" suggestions included).

- right: the answer is one of the expected facts, or the question expects
  ``none`` and the bot refused;
- refused: the bot refused a question a fact answers;
- wrong: the bot answered with a fact that is not expected, or answered a
  ``none`` question. That is the "confidently wrong" rate.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.app import App, open_app
from bot.config.loading import load_config
from commands.context import Actor, Channel
from commands.roles import Role

QUESTIONS = Path(__file__).resolve().parents[2] / "tests" / "data" / "fact_questions.tsv"
KINDS = ("plain", "para", "short", "typo", "spanish", "none", "after")
SPLITS = ("tune", "held")
#: The bar: right overall and for every kind, and confidently wrong overall.
MIN_RIGHT = 0.97
MIN_RIGHT_PER_KIND = 0.90
MAX_WRONG = 0.01

MEMBER = Actor("console", "facts-eval", "Facts Eval", Role.MEMBER)
CHANNEL = Channel("console", "facts-eval", "facts-eval")


class QuestionFileError(ValueError):
    """The question file is malformed; the message names the line."""


@dataclass(frozen=True)
class Question:
    split: str
    kind: str
    expected: frozenset[str]  # empty: no fact answers it
    text: str


@dataclass(frozen=True)
class Outcome:
    question: Question
    answered: str | None  # the fact key given as the answer, None for a refusal
    seconds: float

    @property
    def verdict(self) -> str:
        if self.answered is None:
            return "refused" if self.question.expected else "right"
        return "right" if self.answered in self.question.expected else "wrong"


@dataclass
class Tally:
    right: int = 0
    refused: int = 0
    wrong: int = 0

    @property
    def total(self) -> int:
        return self.right + self.refused + self.wrong

    def rate(self, what: str) -> float:
        return getattr(self, what) / self.total if self.total else 0.0

    def add(self, verdict: str) -> None:
        setattr(self, verdict, getattr(self, verdict) + 1)


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def tally(self, split: str | None = None, kind: str | None = None) -> Tally:
        tally = Tally()
        for outcome in self.outcomes:
            q = outcome.question
            if (split is None or q.split == split) and (kind is None or q.kind == kind):
                tally.add(outcome.verdict)
        return tally

    def kinds(self) -> list[str]:
        present = {o.question.kind for o in self.outcomes}
        return [k for k in KINDS if k in present] + sorted(present - set(KINDS))

    def latency_ms(self, share: float) -> float:
        times = sorted(o.seconds for o in self.outcomes)
        if not times:
            return 0.0
        return times[min(len(times) - 1, max(0, round(share * len(times)) - 1))] * 1000

    def failures(self, split: str | None = None) -> list[str]:
        """Why the set misses the bar (empty when it meets it)."""
        problems = []
        overall = self.tally(split)
        if overall.rate("right") < MIN_RIGHT:
            problems.append(f"right {overall.rate('right'):.1%} < {MIN_RIGHT:.0%} overall")
        if overall.rate("wrong") > MAX_WRONG:
            problems.append(f"confidently wrong {overall.rate('wrong'):.1%} > {MAX_WRONG:.0%}")
        for kind in self.kinds():
            tally = self.tally(split, kind)
            if tally.total and tally.rate("right") < MIN_RIGHT_PER_KIND:
                problems.append(f"right {tally.rate('right'):.1%} < {MIN_RIGHT_PER_KIND:.0%} for {kind}")
        return problems


def parse_questions(lines: Iterable[str], where: str = "questions") -> list[Question]:
    """Tab-separated rows: split, kind, expected (keys or none), question; # starts a comment."""
    questions = []
    for number, line in enumerate(lines, start=1):
        row = line.rstrip("\n")
        if not row.strip() or row.startswith("#") or row.startswith("split\t"):
            continue
        cells = row.split("\t")
        if len(cells) != 4 or not cells[3].strip():
            raise QuestionFileError(f"{where} line {number}: expected split, kind, expected, question")
        split, kind, expected, text = (cell.strip() for cell in cells)
        if split not in SPLITS:
            raise QuestionFileError(f"{where} line {number}: split must be tune or held")
        keys = frozenset() if expected == "none" else frozenset(k.strip() for k in expected.split(","))
        questions.append(Question(split, kind, keys, text))
    return questions


def load_questions(path: Path = QUESTIONS) -> list[Question]:
    return parse_questions(path.read_text(encoding="utf-8").splitlines(), str(path))


def answered_key(footer: str | None) -> str | None:
    if footer and footer.startswith("fact "):
        return footer.removeprefix("fact ").strip()
    return None


async def ask_all(app: App, questions: Sequence[Question]) -> Report:
    report = Report()
    for question in questions:
        started = time.perf_counter()
        reply = await app.dispatcher.handle_text(MEMBER, CHANNEL, f"/fact {question.text}")
        elapsed = time.perf_counter() - started
        report.outcomes.append(Outcome(question, answered_key(reply.footer), elapsed))
    return report


async def evaluate(questions: Sequence[Question], *, database: str | None = None) -> Report:
    """Ask every question against a fresh database holding only the built-in pack
    (a scratch SQLite file, or the empty PostgreSQL ``database`` given)."""
    with tempfile.TemporaryDirectory(prefix="picketbot-facts-eval-") as work:
        config = load_config(db_path=database or str(Path(work) / "eval.db"), env={})
        app = await open_app(config)
        try:
            return await ask_all(app, questions)
        finally:
            await app.close()


def summary(report: Report) -> dict[str, object]:
    """The figures `facts eval --json` prints."""

    def part(split: str | None) -> dict[str, object]:
        overall = report.tally(split)
        return {
            "questions": overall.total,
            "right": overall.right,
            "refused": overall.refused,
            "wrong": overall.wrong,
            "right_rate": round(overall.rate("right"), 4),
            "confidently_wrong_rate": round(overall.rate("wrong"), 4),
            "kinds": {
                kind: vars(report.tally(split, kind))
                for kind in report.kinds()
                if report.tally(split, kind).total
            },
            "meets_bar": not report.failures(split),
            "failures": report.failures(split),
        }

    return {
        "all": part(None),
        **{split: part(split) for split in SPLITS},
        "latency_ms": {"p50": round(report.latency_ms(0.5), 3), "p99": round(report.latency_ms(0.99), 3)},
    }


def table(report: Report) -> str:
    lines = [f"{'part':<6} {'kind':<8} {'n':>4} {'right':>6} {'refused':>8} {'wrong':>6} {'right %':>8}"]
    for split in (*SPLITS, None):
        name = split or "all"
        for kind in (*report.kinds(), None):
            tally = report.tally(split, kind)
            if not tally.total:
                continue
            lines.append(
                f"{name:<6} {kind or 'ALL':<8} {tally.total:>4} {tally.right:>6} {tally.refused:>8} "
                f"{tally.wrong:>6} {tally.rate('right'):>8.1%}"
            )
        overall = report.tally(split)
        lines.append(f"{name:<6} confidently wrong {overall.rate('wrong'):.1%}")
    lines.append(f"latency p50 {report.latency_ms(0.5):.2f} ms, p99 {report.latency_ms(0.99):.2f} ms")
    problems = report.failures()
    lines.append("meets the bar" if not problems else "BELOW THE BAR: " + "; ".join(problems))
    return "\n".join(lines)


def misses(report: Report, split: str) -> list[str]:
    """Questions of one part not answered right (for tuning on the tune part only)."""
    out = []
    for outcome in report.outcomes:
        if outcome.question.split == split and outcome.verdict != "right":
            expected = ",".join(sorted(outcome.question.expected)) or "none"
            out.append(
                f"{outcome.verdict:<7} {outcome.question.kind:<7} {outcome.question.text!r} "
                f"-> {outcome.answered or '(refused)'}; expected {expected}"
            )
    return out


def median_ms(report: Report) -> float:
    return statistics.median(o.seconds for o in report.outcomes) * 1000 if report.outcomes else 0.0
