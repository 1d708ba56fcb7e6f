"""Generated studio job boards in the Greenhouse Job Board API format, for the benchmark.

Board ``i`` lives at ``/v1/boards/studio-{i:04d}/jobs`` with ``jobs``
listings, the first ``ai`` of them AI jobs, each with a pay range, and an
ETag (so an unchanged board answers a conditional GET with 304, as
Greenhouse does). ``POST /_bench/advance`` moves every board to its next
version, which adds ``new_ai`` AI listings (new work for the alert fan-out).
"""

from __future__ import annotations

import hashlib
import html
import json
import random
from dataclasses import dataclass

from bot.testing.fakes.jobboards.server import JobBoardServer

ADVANCE = "/_bench/advance"
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


def company_name(index: int) -> str:
    return f"Studio {index:04d} Pictures"


@dataclass(frozen=True)
class Board:
    body: bytes
    etag: str


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
class Studios:
    """``count`` boards, each in its current version, served by a `JobBoardServer`."""

    count: int
    jobs: int
    ai: int
    new_ai: int = 0
    seed: int = 1
    version: int = 0

    def install(self, server: JobBoardServer) -> None:
        """Serve every board on ``server``, and ``POST /_bench/advance`` to change them."""
        self._serve(server)

        def advance() -> dict[str, int]:
            self.version += 1
            self._serve(server)
            return {"version": self.version}

        server.action("POST", ADVANCE, advance)

    def _serve(self, server: JobBoardServer) -> None:
        extra = self.new_ai * self.version
        for i in range(self.count):
            board = make_board(i, self.jobs, self.ai, self.seed, extra)
            server.serve_body(board_path(i), board.body, "application/json", etag=board.etag)
