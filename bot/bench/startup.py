"""Scenario 5: start-up time and peak memory of ``picketbot run`` in console mode.

The bot runs as a child process with no platform tokens, so it starts the
local console; ``/help`` is already waiting on its standard input. Start-up
is the time from spawning it to the first line of the reply. Peak memory is
the child's own ``ru_maxrss`` from wait4, after it exits at end of input,
read by a small launcher (`measured_launch.py`) so that the benchmark's own
memory is not counted as the child's.
The first start is on a fresh database (migrations, built-in facts); later
ones reuse it, as a restart would.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bot.bench.common import Sizes, median, scratch
from bot.bench.report import ScenarioResult
from bot.logs import SECRET_ENV_VARS

#: Spawns the bot and reports its own peak memory (see its docstring for why).
LAUNCHER = Path(__file__).with_name("measured_launch.py")
#: Target from issue 7.
MEMORY_TARGET_MB = 150.0
#: A start that takes longer than this is a failure, not a figure.
GIVE_UP_SECONDS = 120.0


@dataclass(frozen=True)
class Start:
    seconds: float
    peak_mb: float


async def run(sizes: Sizes) -> ScenarioResult:
    result = ScenarioResult("startup", "start-up (console)")
    with scratch("startup") as work:
        starts = [
            await asyncio.to_thread(start_once, work / "bot.db", work) for _ in range(sizes.startups + 1)
        ]
    fresh, again = starts[0], starts[1:]
    result.add("first start (new database)", fresh.seconds, "s")
    result.add("start (existing database)", median([s.seconds for s in again]), "s")
    result.add("peak memory", max(s.peak_mb for s in starts), "MB", MEMORY_TARGET_MB)
    result.notes.append(
        f"`python -m bot run` with no tokens, /help on stdin; time to the reply's first line; "
        f"{len(starts)} starts, memory is the child's ru_maxrss"
    )
    return result


def bot_env(db: Path) -> dict[str, str]:
    """This environment without tokens or picketbot settings, and the bench's database."""
    dropped = {*SECRET_ENV_VARS, "PICKETBOT_CONFIG", "PICKETBOT_REQUIRE_PLATFORM"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["PICKETBOT_DB"] = str(db)
    return env


def start_once(db: Path, cwd: Path) -> Start:
    errors, report = cwd / "stderr.txt", cwd / "launch.json"
    with errors.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-S", str(LAUNCHER), str(report), sys.executable, "-m", "bot", "run"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=cwd,
            env=bot_env(db),
        )
        watchdog = threading.Timer(GIVE_UP_SECONDS, child.kill)
        watchdog.start()
        try:
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write(b"/help\n")
            child.stdin.flush()
            first = child.stdout.readline()
            first_at = time.monotonic()
            child.stdin.close()  # end of input: the console exits
            child.stdout.read()
            child.wait()
        finally:
            watchdog.cancel()
    if not first or child.returncode != 0:
        detail = errors.read_text(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"picketbot run failed (exit {child.returncode}): {detail[0]}")
    launched = json.loads(report.read_text(encoding="utf-8"))
    # Timed from the launcher's spawn of the bot, so the launcher's own start is not counted.
    return Start(first_at - float(launched["spawned_at"]), _peak_mb(int(launched["maxrss_kb"])))


def _peak_mb(maxrss: int) -> float:
    # ru_maxrss is in kilobytes on Linux and bytes on macOS.
    return maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
