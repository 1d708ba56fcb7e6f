"""The labelled postings: the AI classifier and pay extraction must read them right (`picketbot jobs eval`)."""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.jobs.evaluation import evaluate
from bot.jobs.evaluation.postings import PERIODS, PostingFileError, load_postings, parse_postings
from bot.jobs.evaluation.report import MIN_RATE, misses

POSTINGS = load_postings()


def test_the_set_is_large_varied_and_a_quarter_is_held_aside() -> None:
    assert len(POSTINGS) >= 250
    assert len({p.id for p in POSTINGS}) == len(POSTINGS)
    cases = Counter(p.case for p in POSTINGS)
    for case, count in cases.items():
        held = sum(p.split == "held" for p in POSTINGS if p.case == case)
        assert abs(held - count / 4) <= 1, case
    assert {p.board for p in POSTINGS} >= {"greenhouse", "lever", "ashby", "workday", "rss"}
    read = [p.pay for p in POSTINGS if p.pay is not None]
    assert {pay.period for pay in read} == set(PERIODS)
    assert any(pay.minimum is None for pay in read) and any(pay.maximum is None for pay in read)
    assert any(pay.varies for pay in read) and any(pay.kind == "total" for pay in read)
    assert len({pay.currency for pay in read}) >= 10
    assert sum(p.pay is None for p in POSTINGS) >= 30
    assert 0.15 <= sum(p.ai for p in POSTINGS) / len(POSTINGS) <= 0.5


async def test_classifier_and_pay_meet_the_bar() -> None:
    """Precision, recall and pay read right are each at least 97% on the whole set."""
    report = await evaluate(POSTINGS)
    overall = report.tally()
    assert overall.postings == len(POSTINGS)
    assert not report.failures(), report.failures()
    assert min(overall.rate(what) for what in ("precision", "recall", "pay")) >= MIN_RATE


TWO = """
[snippets]
eeo = 'We hire without regard to background.'

[[posting]]
id = "a1"
split = "tune"
case = "range"
board = "greenhouse"
title = "Machine Learning Engineer"
description = '<p>Train ranking models.</p><p>Salary: $150,000 - $180,000</p>'
after = ["eeo"]
ai = true
pay = { min = 150000, max = 180000, currency = "USD", period = "year" }

[[posting]]
id = "a2"
split = "held"
case = "up-to"
board = "lever"
title = "Grip"
description = 'Rig lights. Pay up to $45/hour.'
ai = false
pay = { max = 40, currency = "USD", period = "hour" }
"""


def test_misreadings_are_counted_and_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "two.toml"
    path.write_text(TWO, encoding="utf-8")
    assert main(["jobs", "eval", "--json", "--postings", str(path)]) == 1  # a2's pay is labelled 40
    figures = json.loads(capsys.readouterr().out)
    assert figures["all"] == {
        "postings": 2,
        "precision": 1.0,
        "recall": 1.0,
        "pay": 0.5,
        "cases": {
            "range": {"postings": 1, "precision": 1.0, "recall": 1.0, "pay": 1.0},
            "up-to": {"postings": 1, "precision": 1.0, "recall": 1.0, "pay": 0.0},
        },
    }
    assert figures["tune"]["pay"] == 1.0 and figures["held"]["pay"] == 0.0
    assert figures["meets_bar"] is False and figures["failures"] == ["pay 50.0% < 97%"]
    assert main(["jobs", "eval", "--postings", str(path), "--misses", "held"]) == 1
    out = capsys.readouterr().out
    assert "BELOW THE BAR: pay 50.0% < 97%" in out
    assert "a2 up-to         pay: read USD -..45/hour base; expected USD -..40/hour base" in out
    assert "a1" not in out.split("BELOW THE BAR")[1]  # only the asked part's misses


async def test_misses_of_one_part_only() -> None:
    postings = parse_postings(tomllib.loads(TWO))
    report = await evaluate(postings)
    assert misses(report, "tune") == []
    assert [line.split()[0] for line in misses(report, "held")] == ["a2"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('split = "held"', 'split = "later"'), "posting a2: split must be one of tune, held"),
        (('board = "lever"', 'board = "monster"'), "posting a2: board must be one of"),
        (("pay = { max = 40,", "pay = { min = 50, max = 40,"), "posting a2 pay: min is above max"),
        (('after = ["eeo"]', 'after = ["eeo", "nope"]'), "posting a1: unknown snippet 'nope'"),
        (('id = "a2"', 'id = "a1"'), "posting id 'a1' is used twice"),
        (("ai = false", 'ai = "no"'), "posting a2: ai must be true or false"),
    ],
)
def test_a_malformed_file_is_one_line_naming_the_posting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], message: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(TWO.replace(*change), encoding="utf-8")
    with pytest.raises(PostingFileError, match=message.replace("(", r"\(")):
        load_postings(path)
    assert main(["jobs", "eval", "--postings", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("picketbot jobs eval: ") and err.count("\n") == 1 and message in err
