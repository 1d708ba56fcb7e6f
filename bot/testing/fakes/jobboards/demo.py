"""The demo's job boards: made-up studios (bot/data/demo_board.json), new postings as the demo runs.

``picketbot demo`` serves these on a local port with the job-board fake, so
a newcomer sees listings and alerts with no internet and no token. Each
board answers as Greenhouse's Job Board API does; a posting under ``later``
joins its board once the board has been read ``after_reads`` times, so the
poller, which records a new board silently, has something new to alert.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from bot.testing.fakes.jobboards.live import Posting, greenhouse_document
from bot.testing.fakes.jobboards.server import JobBoardServer


@dataclass
class DemoBoard:
    board: str
    company: str
    postings: list[Posting]
    #: (reads before it appears, posting)
    later: list[tuple[int, Posting]]
    reads: int = field(default=0)

    @property
    def path(self) -> str:
        return f"/v1/boards/{self.board}/jobs"

    def answer(self) -> dict[str, Any]:
        """The board as it stands at this read; then one more read has happened."""
        shown = self.postings + [posting for after, posting in self.later if self.reads >= after]
        self.reads += 1
        return greenhouse_document(shown, self.company)


def demo_boards(data: Mapping[str, Any] | None = None) -> list[DemoBoard]:
    """The boards of ``data`` (default: the demo file shipped in bot/data)."""
    found = data if data is not None else _shipped()
    return [
        DemoBoard(
            board=entry["board"],
            company=entry["company"],
            postings=[_posting(item) for item in entry["postings"]],
            later=[(int(item["after_reads"]), _posting(item["posting"])) for item in entry.get("later", [])],
        )
        for entry in found["boards"]
    ]


def install(server: JobBoardServer, boards: list[DemoBoard]) -> None:
    for board in boards:
        server.action("GET", board.path, _answering(board))


def _answering(board: DemoBoard) -> Callable[[], dict[str, Any]]:
    return board.answer


def _shipped() -> Mapping[str, Any]:
    text = resources.files("bot.data").joinpath("demo_board.json").read_text(encoding="utf-8")
    loaded: Mapping[str, Any] = json.loads(text)
    return loaded


def _posting(item: Mapping[str, Any]) -> Posting:
    return Posting(
        id=str(item["id"]), title=item["title"], pay=item.get("pay", ""),
        location=item.get("location", ""), about=item.get("about", ""),
    )  # fmt: skip
