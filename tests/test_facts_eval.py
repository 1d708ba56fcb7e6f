"""The measured question set: /fact must answer members' questions right, and refuse
rather than guess (`picketbot facts eval`)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from bot.app import builtin_factpack
from bot.cli.main import main
from bot.facts.evaluation import (
    KINDS,
    Question,
    QuestionFileError,
    Report,
    evaluate,
    load_questions,
    parse_questions,
)

QUESTIONS = load_questions()
#: A second set, written blind by someone who never saw the search: it measures whether
#: the search generalises, so it must meet the same bar.
BLIND = load_questions(Path(__file__).parent / "data" / "fact_questions_blind.tsv")


def test_the_set_is_large_varied_and_labelled_with_real_keys() -> None:
    assert len(QUESTIONS) >= 250
    kinds = Counter(q.kind for q in QUESTIONS)
    assert set(kinds) == set(KINDS)
    keys = {record.key for record in builtin_factpack().facts}
    for question in QUESTIONS:
        assert question.expected <= keys, question
    assert len({q.text.lower() for q in QUESTIONS}) == len(QUESTIONS)


def test_the_blind_set_is_labelled_with_real_keys() -> None:
    assert len(BLIND) >= 200
    assert {q.kind for q in BLIND} == set(KINDS)
    keys = {record.key for record in builtin_factpack().facts}
    for question in BLIND:
        assert question.expected <= keys, question


@pytest.mark.parametrize("questions", [QUESTIONS, BLIND], ids=["original", "blind"])
def test_a_quarter_of_each_kind_is_held_aside(questions: list[Question]) -> None:
    for kind in KINDS:
        of_kind = [q for q in questions if q.kind == kind]
        held = sum(q.split == "held" for q in of_kind)
        assert abs(held - len(of_kind) / 4) <= 1, kind


@pytest.mark.parametrize("questions", [QUESTIONS, BLIND], ids=["original", "blind"])
async def test_facts_meet_the_bar(questions: list[Question], database: str) -> None:
    """Right >= 97% overall and >= 90% for every kind; confidently wrong <= 1% overall,
    on SQLite's FTS5 and on PostgreSQL's full-text search alike."""
    report: Report = await evaluate(questions, database=None if database.endswith(".db") else database)
    assert not report.failures(), report.failures()


def test_malformed_rows_are_refused_with_their_line() -> None:
    with pytest.raises(QuestionFileError, match="line 2"):
        parse_questions(["tune\tplain\tnone\tok", "tune\tplain\tonly three"])
    with pytest.raises(QuestionFileError, match="split"):
        parse_questions(["later\tplain\tnone\twhat"])


def test_eval_command_prints_json_and_fails_below_the_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    easy = tmp_path / "easy.tsv"
    easy.write_text("tune\tplain\tbackground-day-rate\thow much do background actors make per day\n")
    assert main(["facts", "eval", "--json", "--questions", str(easy)]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["all"]["right"] == 1 and figures["all"]["meets_bar"] is True
    assert set(figures["latency_ms"]) == {"p50", "p99"}
    wrong = tmp_path / "wrong.tsv"
    wrong.write_text("held\tplain\tamptp-members\thow much do background actors make per day\n")
    assert main(["facts", "eval", "--questions", str(wrong)]) == 1
    assert "BELOW THE BAR" in capsys.readouterr().out
