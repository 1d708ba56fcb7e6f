"""A local stand-in for the studios' job boards, run as its own process by the benchmark.

It serves generated boards in the Greenhouse Job Board API format
(``/v1/boards/{token}/jobs``), each with an ETag, and answers a conditional
GET for an unchanged board with 304, as Greenhouse does. It listens on
several ports because the poller never polls two sources on one host at once,
and real boards sit on many hosts (every Workday tenant has its own).

Running it in a separate process keeps its CPU out of the poller's
``process_time``. It prints one JSON line, ``{"ports": [...]}``, once it
listens, and stops when its standard input closes. ``POST /_bench/advance``
switches every board to its next version, which adds ``--new-ai`` AI listings
(new work for the alert fan-out).

    python -m bot.bench.board_server --boards 200 --hosts 20 --jobs 30 --ai 5
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import html
import json
import random
import sys
from dataclasses import dataclass

from aiohttp import web

AI_TITLES = (
    "Machine Learning Engineer", "Generative AI Research Scientist", "Applied Scientist, Machine Learning",
    "AI Product Manager", "Senior Machine Learning Engineer, Personalization", "Deep Learning Engineer",
    "Computer Vision Engineer (Machine Learning)", "Staff Machine Learning Scientist",
)  # fmt: skip
OTHER_TITLES = (
    "Production Accountant", "Set Dresser", "Post-Production Coordinator", "Casting Assistant",
    "Payroll Specialist", "Facilities Manager", "Script Supervisor", "Publicist", "Sound Mixer",
    "Location Manager", "Talent Relations Coordinator", "Paralegal",
)  # fmt: skip
CITIES = ("Burbank, CA", "Los Angeles, CA", "New York, NY", "Atlanta, GA", "Culver City, CA", "Remote")


def board_token(index: int) -> str:
    return f"studio-{index:04d}"


def board_path(index: int) -> str:
    return f"/v1/boards/{board_token(index)}/jobs"


@dataclass(frozen=True)
class Board:
    body: bytes
    etag: str


def company_name(index: int) -> str:
    return f"Studio {index:04d} Pictures"


def make_board(index: int, jobs: int, ai: int, seed: int, new_ai: int = 0) -> Board:
    """One board: `jobs` listings of which the first `ai` read as AI jobs, with pay ranges,
    then `new_ai` more AI listings (a later version of the board)."""
    rng = random.Random(seed * 100_003 + index)
    company = company_name(index)
    listings = [_job(rng, index, n, company, is_ai=n < ai or n >= jobs) for n in range(jobs + new_ai)]
    body = json.dumps({"jobs": listings, "meta": {"total": len(listings)}}).encode()
    return Board(body, '"' + hashlib.sha256(body).hexdigest()[:20] + '"')


def _job(rng: random.Random, board: int, n: int, company: str, *, is_ai: bool) -> dict[str, object]:
    title = rng.choice(AI_TITLES if is_ai else OTHER_TITLES)
    low = rng.randrange(60, 300) * 1000
    high = low + rng.randrange(20, 200) * 1000
    about = (
        "You will build models that recommend titles and analyse audiences."
        if is_ai
        else "You will keep productions running on time and on budget."
    )
    content = f"<div><p>{company} is hiring a {title}.</p><p>{about}</p></div>"
    job_id = board * 10_000 + n
    return {
        "id": job_id,
        "title": title,
        "company_name": company,
        "location": {"name": rng.choice(CITIES)},
        "absolute_url": f"https://jobs.example.org/{board_token(board)}/{job_id}",
        "first_published": f"2026-10-{1 + n % 28:02d}T09:00:00-07:00",
        "updated_at": f"2026-10-{1 + n % 28:02d}T09:00:00-07:00",
        "content": html.escape(content),
        "pay_input_ranges": [
            {"min_cents": low * 100, "max_cents": high * 100, "currency_type": "USD", "title": "Base pay"}
        ],
    }


@dataclass
class Boards:
    """Every board by path, in its current version."""

    count: int
    jobs: int
    ai: int
    new_ai: int
    seed: int
    version: int = 0

    def build(self) -> dict[str, Board]:
        extra = self.new_ai * self.version
        return {board_path(i): make_board(i, self.jobs, self.ai, self.seed, extra) for i in range(self.count)}


def board_app(boards: Boards) -> web.Application:
    served = boards.build()

    async def jobs(request: web.Request) -> web.Response:
        board = served.get(request.path)
        if board is None:
            return web.json_response({"error": "no such board"}, status=404)
        if request.headers.get("If-None-Match") == board.etag:
            return web.Response(status=304, headers={"ETag": board.etag})
        return web.Response(body=board.body, content_type="application/json", headers={"ETag": board.etag})

    async def advance(request: web.Request) -> web.Response:
        boards.version += 1
        served.update(boards.build())
        return web.json_response({"version": boards.version})

    app = web.Application()
    app.router.add_get("/v1/boards/{token}/jobs", jobs)
    app.router.add_post("/_bench/advance", advance)
    return app


async def serve(boards: Boards, hosts: int) -> None:
    runner = web.AppRunner(board_app(boards), access_log=None)
    await runner.setup()
    for _ in range(hosts):
        await web.TCPSite(runner, "127.0.0.1", 0).start()
    ports = [address[1] for address in runner.addresses]
    print(json.dumps({"ports": ports}), flush=True)
    await _until_stdin_closes()
    await runner.cleanup()


async def _until_stdin_closes() -> None:
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--boards", type=int, required=True)
    parser.add_argument("--hosts", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=30)
    parser.add_argument("--ai", type=int, default=5, help="AI listings per board")
    parser.add_argument("--new-ai", type=int, default=0, help="AI listings each /_bench/advance adds")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    boards = Boards(args.boards, args.jobs, args.ai, args.new_ai, args.seed)
    asyncio.run(serve(boards, args.hosts))


if __name__ == "__main__":
    main()
