"""The generated studio boards as a process of their own (the benchmark's board server).

Running apart keeps the server's CPU out of the poller's ``process_time``.
It prints one JSON line, ``{"ports": [...]}``, once it listens, and stops
when its standard input closes.

    python -m bot.testing.fakes.jobboards --boards 200 --hosts 20 --jobs 30 --ai 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from bot.testing.fakes.jobboards.server import JobBoardServer
from bot.testing.fakes.jobboards.studios import Studios


async def serve(studios: Studios, hosts: int) -> None:
    server = JobBoardServer()
    studios.install(server)
    await server.start(hosts=hosts)
    try:
        print(json.dumps({"ports": server.ports}), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    finally:
        await server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="generated studio job boards on local ports")
    parser.add_argument("--boards", type=int, required=True)
    parser.add_argument("--hosts", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=30)
    parser.add_argument("--ai", type=int, default=5, help="AI listings per board")
    parser.add_argument("--new-ai", type=int, default=0, help="AI listings each /_bench/advance adds")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    asyncio.run(serve(Studios(args.boards, args.jobs, args.ai, args.new_ai, args.seed), args.hosts))


if __name__ == "__main__":
    main()
