"""`picketbot jobs check` and `picketbot poll --once` as real processes against the fake boards."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.testing.fakes.jobboards import JobBoardServer
from tests.helpers import BOARD_FIXTURES
from tests.poller.conftest import greenhouse_job, lantern_jobs, serve_greenhouse

REPO = Path(__file__).resolve().parents[2]
JSON_KEYS = {
    "source", "company", "external_id", "title", "locations", "url", "posted_at", "pay_min", "pay_max",
    "pay_currency", "pay_period", "pay_kind", "pay_varies", "is_ai",
}  # fmt: skip


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


async def picketbot(*args: str, cwd: Path) -> Result:
    """Run the CLI without blocking the event loop the fake board server runs on."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PICKETBOT_", "DISCORD_", "SLACK_"))}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=cwd, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return Result(process.returncode, out.decode(), err.decode())


def serve_every_board(server: JobBoardServer) -> None:
    server.serve_file("/v1/boards/lanternpictures/jobs", "greenhouse_lantern.json")
    server.serve_file("/v0/postings/kestrelanimation", "lever_kestrel.json")
    server.serve_file("/posting-api/job-board/brightwater", "ashby_brightwater.json")
    postings = "/v1/companies/RedCurtainStudios/postings"
    server.serve_file(postings, "smartrecruiters_redcurtain_page1.json", when={"offset": 0})
    server.serve_file(postings, "smartrecruiters_redcurtain_page2.json", when={"offset": 2})
    server.serve_file(f"{postings}/744000301122334", "smartrecruiters_redcurtain_detail.json")
    cxs = "/wday/cxs/castlelight/Castlelight_Careers"
    server.serve_file(f"{cxs}/jobs", "workday_castlelight_page1.json", method="POST", when={"offset": 0})
    server.serve_file(f"{cxs}/jobs", "workday_castlelight_page2.json", method="POST", when={"offset": 2})
    server.serve_file(
        f"{cxs}/job/Burbank-CA-USA/Technical-Director--Generative-AI_10098765",
        "workday_castlelight_detail_td.json",
    )
    server.serve_file("/api/apply/v2/jobs", "eightfold_nightowl_page1.json", when={"start": 0})
    server.serve_file("/api/apply/v2/jobs", "eightfold_nightowl_page2.json", when={"start": 2})
    server.serve_file("/api/apply/v2/jobs/790400112233", "eightfold_nightowl_detail_pm.json")
    server.serve_file("/en/search.json", "amazon_search.json")
    server.serve_file("/jobs.rss", "rss_harborlights.xml")


# (type, board, extra arguments, expected lines); {base} is the fake server's address.
CHECKS: list[tuple[str, str, tuple[str, ...], list[str]]] = [
    ("greenhouse", "lanternpictures", (), [
        "Lantern Pictures — Machine Learning Engineer, Content Recommendations — Burbank, CA — "
        "$166,500–$260,000/yr (base, varies by location) — "
        "https://job-boards.greenhouse.io/lanternpictures/jobs/7811204002",
        "Lantern Pictures — Research Scientist, LLMs — Remote (United States) — $137,500–$194,000/yr (base) — "
        "https://job-boards.greenhouse.io/lanternpictures/jobs/7811204004",
    ]),
    ("lever", "kestrelanimation", ("--company", "Kestrel Animation"), [
        "Kestrel Animation — Senior Data Scientist, Audience Modeling — Glendale, CA; Remote - US — "
        "$165,000–$210,000/yr (base) — https://jobs.lever.co/kestrelanimation/3f2a9c1e-6b7d-4e21-9a4f-1c2d3e4f5a6b",
        "Kestrel Animation — Pipeline TD, Machine Learning Tools — Remote - US — $145,000–$178,000/yr (base) — "
        "https://jobs.lever.co/kestrelanimation/d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6",
    ]),
    ("ashby", "brightwater", ("--company", "Brightwater Games"), [
        "Brightwater Games — [2026] Machine Learning Intern — Brightwater (US Remote) — $48–$54/hr (base) — "
        "https://jobs.ashbyhq.com/brightwater/5b0e7c1a-3d2f-4c8e-9b1a-0f2e3d4c5b6a",
        "Brightwater Games — Generative AI Artist — Los Angeles; Seattle — $120,000–$160,000/yr (base) — "
        "https://jobs.ashbyhq.com/brightwater/9d8c7b6a-5e4f-4a3b-2c1d-0e9f8a7b6c5d",
    ]),
    ("smartrecruiters", "RedCurtainStudios", (), [
        "Red Curtain Studios — Lead Machine Learning Engineer, Dubbing — Los Angeles, CA, United States — "
        "$150,000–$190,000/yr (base) — "
        "https://jobs.smartrecruiters.com/RedCurtainStudios/744000301122334-lead-machine-learning-engineer-dubbing",
    ]),
    ("workday", "castlelight/Castlelight_Careers", ("--company", "Castlelight Studios"), [
        "Castlelight Studios — Technical Director, Generative AI — Burbank, CA, USA; Glendale, CA, USA — "
        "$153,700–$206,000/yr (base) — https://castlelight.wd5.myworkdayjobs.com/Castlelight_Careers/job/"
        "Burbank-CA-USA/Technical-Director--Generative-AI_10098765",
        "Castlelight Studios — Senior Software Engineer, Machine Learning — Seattle, WA, USA — pay not listed — "
        "{base}/Castlelight_Careers/job/Seattle-WA-USA/Senior-Software-Engineer--Machine-Learning_10099001",
    ]),
    ("eightfold", "nightowl.example", (), [
        "Nightowl — Product Manager - Machine Learning Platform — Los Gatos,California,United States of America — "
        "$300,000–$900,000/yr (total) — https://careers.nightowl.example/careers/job/790400112233",
    ]),
    ("amazon", "generative ai", ("--company", "Amazon"), [
        "Amazon — Applied Scientist, Generative AI for Streaming — Culver City, California, USA — "
        "$136,000–$260,000/yr (base, varies by location) — "
        "{base}/en/jobs/3190001/applied-scientist-generative-ai-for-streaming",
    ]),
]  # fmt: skip


@pytest.mark.parametrize(("board_type", "board", "extra", "expected"), CHECKS, ids=[c[0] for c in CHECKS])
async def test_jobs_check_lists_the_ai_listings_with_their_pay(
    board_server: JobBoardServer,
    tmp_path: Path,
    board_type: str,
    board: str,
    extra: tuple[str, ...],
    expected: list[str],
) -> None:
    serve_every_board(board_server)
    base = board_server.base_url
    result = await picketbot(
        "jobs", "check", "--type", board_type, "--board", board, "--base-url", base, *extra, cwd=tmp_path
    )
    assert result.code == 0, result.err
    assert result.out.splitlines() == [line.format(base=base) for line in expected]
    assert not list(tmp_path.iterdir()), "jobs check stores nothing"


async def test_jobs_check_all_marks_the_ai_listings(board_server: JobBoardServer, tmp_path: Path) -> None:
    serve_every_board(board_server)
    result = await picketbot(
        "jobs", "check", "--type", "greenhouse", "--board", "lanternpictures",
        "--base-url", board_server.base_url, "--all", cwd=tmp_path,
    )  # fmt: skip
    assert result.code == 0, result.err
    marked = [(line[:5], line[5:].split(" — ")[1]) for line in result.out.splitlines()]
    assert marked == [
        ("[AI] ", "Machine Learning Engineer, Content Recommendations"),
        ("[  ] ", "Corporate Counsel"),
        ("[AI] ", "Research Scientist, LLMs"),
        ("[  ] ", "Production Coordinator"),
    ]


async def test_jobs_check_feeds_and_files_and_json(board_server: JobBoardServer, tmp_path: Path) -> None:
    serve_every_board(board_server)
    rss = await picketbot(
        "jobs", "check", "--type", "rss", "--board", board_server.url("/jobs.rss"), cwd=tmp_path
    )
    assert rss.out.splitlines() == [
        "Harbor Lights Studio: open roles — Harbor Lights Studio: Machine Learning Engineer, Dubbing — USA Only; "
        "United States (+1 more) — $140,000–$175,000/yr (base) — https://careers.harborlights.example/jobs/ml-engineer-dubbing"
    ]
    file_args = (
        "jobs",
        "check",
        "--type",
        "file",
        "--board",
        str(BOARD_FIXTURES / "file_listings.json"),
        "--all",
        "--json",
    )
    listed = await picketbot(*file_args, cwd=tmp_path)
    rows = [json.loads(line) for line in listed.out.splitlines()]
    assert all(set(row) == JSON_KEYS for row in rows)
    assert [
        (r["title"], r["pay_min"], r["pay_max"], r["pay_period"], r["pay_kind"], r["is_ai"]) for r in rows
    ] == [
        ("Head of AI Strategy", 250000.0, 400000.0, "year", "total", True),
        ("Background Painter", 48.0, 52.0, "hour", "base", False),
    ]


@pytest.mark.parametrize(
    ("mode", "options", "message"),
    [
        ("status", {"status": 500}, "HTTP 500"),
        ("hang", {}, "timed out after 1 s"),
        ("malformed", {}, "malformed JSON"),
        ("retry_after", {"status": 429, "retry_after": "120"}, "HTTP 429: asked to retry in 120 s"),
        ("huge", {}, "response larger than 5,242,880 bytes"),
    ],
)
async def test_jobs_check_failures_are_one_line(
    board_server: JobBoardServer, tmp_path: Path, mode: str, options: dict[str, object], message: str
) -> None:
    board_server.fail("/v1/boards/lanternpictures/jobs", mode, **options)  # type: ignore[arg-type]
    result = await picketbot(
        "jobs", "check", "--type", "greenhouse", "--board", "lanternpictures",
        "--base-url", board_server.base_url, "--timeout", "1", cwd=tmp_path,
    )  # fmt: skip
    assert result.code == 1 and result.out == ""
    (line,) = result.err.splitlines()
    assert line.startswith("picketbot jobs check: ") and message in line


async def test_jobs_check_reads_a_feed_in_a_multi_byte_encoding(
    board_server: JobBoardServer, tmp_path: Path
) -> None:
    # expat decodes no multi-byte encoding itself: its ValueError ended `jobs check` in a traceback.
    feed = (
        '<?xml version="1.0" encoding="Shift_JIS"?><rss version="2.0"><channel><title>港の灯</title>'
        "<item><title>機械学習エンジニア</title><link>https://jobs.example/1</link><guid>1</guid></item>"
        "</channel></rss>"
    )
    board_server.serve_body("/jobs-sjis.rss", feed.encode("shift_jis"), "application/rss+xml")

    result = await picketbot(
        "jobs", "check", "--type", "rss", "--board", board_server.url("/jobs-sjis.rss"), "--all", "--json",
        cwd=tmp_path,
    )  # fmt: skip

    assert result.code == 0, result.err
    assert [json.loads(line)["title"] for line in result.out.splitlines()] == ["機械学習エンジニア"]


@pytest.mark.parametrize("timeout", ["-1", "0", "nan", "inf", "1e300", "twenty"])
async def test_jobs_check_with_a_timeout_that_is_not_a_usable_number_is_one_line(
    board_server: JobBoardServer, tmp_path: Path, timeout: str
) -> None:
    board_server.serve_json("/v1/boards/lantern/jobs", {"jobs": []})

    result = await picketbot(
        "jobs", "check", "--type", "greenhouse", "--board", "lantern",
        "--base-url", board_server.base_url, f"--timeout={timeout}", cwd=tmp_path,
    )  # fmt: skip

    assert "Traceback" not in result.err, result.err
    assert result.code == 2 and result.out == ""
    assert "--timeout" in result.err.strip().splitlines()[-1], result.err


def poll_config(tmp_path: Path, server: JobBoardServer) -> Path:
    path = tmp_path / "picketbot.toml"
    path.write_text(
        "[poller]\n"
        'alert_channels = [{ platform = "console", channel = "alerts" }]\n'
        "[[poller.sources]]\n"
        'company = "Lantern Pictures"\nname = "lantern"\ntype = "greenhouse"\nboard = "lantern"\n'
        f'base_url = "{server.base_url}"\ninterval = "30m"\n',
        encoding="utf-8",
    )
    return path


def time_passes(db: Path) -> None:
    """Make every source due, as if its interval had gone by."""
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE job_sources SET next_poll_at = '2000-01-01T00:00:00+00:00'")


async def test_poll_once_first_silent_then_new_listings_then_failure(
    board_server: JobBoardServer, tmp_path: Path
) -> None:
    serve_greenhouse(board_server, "lantern", lantern_jobs())
    poll_config(tmp_path, board_server)
    first = await picketbot("poll", "--once", cwd=tmp_path)
    assert first.code == 0, first.err
    assert "lantern: first poll, 4 listings recorded (2 AI)" in first.err
    assert first.out.splitlines()[:2] == [
        "[#alerts]",
        "Now watching lantern (greenhouse): 4 listings on the board, 2 of them AI."
        " New AI listings will be posted here from now on.",
    ]
    again = await picketbot("poll", "--once", cwd=tmp_path)
    assert (again.code, again.out, again.err.strip()) == (0, "", "No job source is due.")
    forced = await picketbot("poll", "--once", "--force", cwd=tmp_path)
    assert (forced.code, forced.out) == (0, ""), forced.err
    assert board_server.count("/v1/boards/lantern/jobs") == 2, "--force polls a source that is not due"

    serve_greenhouse(board_server, "lantern", [*lantern_jobs(), greenhouse_job(9001, "Generative AI Artist")])
    time_passes(tmp_path / "picketbot.db")
    second = await picketbot("poll", "--once", "--json", cwd=tmp_path)
    assert second.code == 0, second.err
    (line,) = second.out.splitlines()
    row = json.loads(line)
    assert set(row) == JSON_KEYS
    assert (row["source"], row["external_id"], row["title"], row["pay_max"], row["is_ai"]) == (
        "lantern", "9001", "Generative AI Artist", 200000.0, True,
    )  # fmt: skip
    assert "[#alerts] New AI job listing\nLantern Pictures — Generative AI Artist" in second.err

    board_server.fail("/v1/boards/lantern/jobs", "status", status=500)
    time_passes(tmp_path / "picketbot.db")
    failed = await picketbot("poll", "--once", cwd=tmp_path)
    assert failed.code == 1 and failed.out == ""
    assert "lantern: failed: HTTP 500" in failed.err
    assert failed.err.count("HTTP 500") == 1, "each failure is reported once"


async def test_poll_once_reports_a_bad_config_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "picketbot.toml").write_text("[poller]\nenabeld = true\n", encoding="utf-8")
    result = await picketbot("poll", "--once", cwd=tmp_path)
    assert result.code == 1
    assert result.err.strip() == "picketbot: [poller]: unknown setting(s) enabeld"
