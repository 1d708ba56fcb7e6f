"""Run a local fake (job boards, a chat platform) as a child process for a scenario.

The child prints one JSON line describing itself (its ports) once it is
ready, and exits when its standard input closes. Keeping fakes out of the
benchmark's process keeps their CPU out of the figures.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import AsyncIterator
from typing import Any

READY_TIMEOUT = 60.0
EXIT_TIMEOUT = 10.0


@contextlib.asynccontextmanager
async def child_server(module: str, *args: str) -> AsyncIterator[dict[str, Any]]:
    """Start ``python -m module args``, yield its ready line as a dict, stop it afterwards."""
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", module, *args,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert child.stdin is not None and child.stdout is not None
    try:
        line = await asyncio.wait_for(child.stdout.readline(), READY_TIMEOUT)
        if not line:
            raise RuntimeError(f"{module} exited before it was ready (exit {await child.wait()})")
        yield json.loads(line)
    finally:
        child.stdin.close()
        try:
            await asyncio.wait_for(child.wait(), EXIT_TIMEOUT)
        except TimeoutError:
            child.kill()
            await child.wait()
