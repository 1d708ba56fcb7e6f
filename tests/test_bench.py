"""`picketbot bench --quick --json`: every scenario runs and reports numbers, and the
sign-up storm's counts come out exactly. No timing is asserted: speed is the
benchmark's business, read from its table."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

from bot.bench import startup
from bot.bench.common import QUICK
from bot.bench.runner import SCENARIOS


def test_quick_bench_reports_every_scenario_with_numbers(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "bench", "--quick", "--json", str(out)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["quick"] is True
    scenarios = document["scenarios"]
    assert set(scenarios) == set(SCENARIOS)
    for name, scenario in scenarios.items():
        assert scenario["error"] is None, name
        assert scenario["figures"], name
        for figure, data in scenario["figures"].items():
            assert isinstance(data["value"], int | float) and math.isfinite(data["value"]), (name, figure)
        assert all(scenario["checks"].values()), (name, scenario["checks"])

    storm = scenarios["signup_storm"]["figures"]
    places = QUICK.shifts * QUICK.places
    assert storm["confirmed"]["value"] == places
    assert storm["waitlisted"]["value"] == QUICK.members - places
    assert "throughput / floor" in storm and storm["floor: bare sqlite3"]["value"] > 0
    # The table is printed too, with a row per figure.
    assert "sign-up storm" in done.stdout and "p99 latency" in done.stdout


def test_start_up_memory_is_the_bots_own_not_the_benchmarks(tmp_path: Path) -> None:
    """Linux carries a process's peak memory across fork and exec: a bot forked straight from
    a benchmark that has grown (the earlier scenarios) would report the benchmark's peak."""
    ballast = bytearray(600 * 1024 * 1024)
    for page in range(0, len(ballast), 4096):  # touch every page, so it is resident
        ballast[page] = 1
    start = startup.start_once(tmp_path / "bot.db", tmp_path)
    del ballast
    assert 0 < start.peak_mb < 400
    assert start.seconds > 0
