"""`picketbot bench --only multi_instance --db postgresql://…`: one and two instances' figures."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

from bot.testing.postgres import Databases
from tests.helpers import subprocess_env


def bench(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "bench", "--quick", "--only", "multi_instance", *args],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, env=subprocess_env(),
    )  # fmt: skip


async def test_it_prints_sign_ups_per_second_and_p99_for_one_and_two_instances(
    postgres_databases: Databases, tmp_path: Path
) -> None:
    address = await postgres_databases.create()
    try:
        out = tmp_path / "bench.json"
        done = bench(tmp_path, "--db", address, "--json", str(out))
    finally:
        await postgres_databases.drop(address)
    assert done.returncode == 0, done.stdout + done.stderr
    scenario = json.loads(out.read_text(encoding="utf-8"))["scenarios"]["multi_instance"]
    assert scenario["error"] is None
    for count in (1, 2):
        for figure in ("sign-ups/s", "p99 from first click"):
            value = scenario["figures"][f"{count} instance(s): {figure}"]["value"]
            assert math.isfinite(value) and value > 0
    assert scenario["checks"] == {
        "1 instance(s): exactly 100 confirmed": True,
        "2 instance(s): exactly 100 confirmed": True,
    }
    assert "not scaling" in done.stdout


def test_without_a_postgresql_address_it_says_so(tmp_path: Path) -> None:
    done = bench(tmp_path)
    assert done.returncode == 1
    assert "it runs on PostgreSQL: give --db postgresql://" in done.stdout
