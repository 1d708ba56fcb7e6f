"""Boards whose postings change between polls, served by a `JobBoardServer`.

The recorded fixtures show a board at one moment; these show one over time:
postings appear, disappear and are edited (pay on the detail page changes,
and with it the board's update time where the board has one). Each board
type answers as its real API does, list pages and detail pages alike:

- `EightfoldBoard`: the list carries ``t_update``, so a client can tell an
  edited posting from the list alone;
- `WorkdayBoard` and `SmartRecruitersBoard`: the list carries no update
  time, so only reading the detail page again shows an edit;
- `GreenhouseBoard`: one document with every posting and its pay.

    board = WorkdayBoard(server, "castlelight", "Careers")
    board.add(Posting("td-1", "Technical Director, Generative AI", pay="$150,000 to $200,000 per year"))
    ...
    board.edit("td-1", pay="$160,000 to $210,000 per year")
    board.remove("td-1")
"""

from __future__ import annotations

import html
from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from typing import Any

from bot.testing.fakes.jobboards.server import JobBoardServer

#: Epoch seconds of the first update time a posting gets (late October 2026).
FIRST_UPDATE = 1_792_800_000


@dataclass(frozen=True)
class Posting:
    id: str
    title: str
    #: Pay as the posting's text states it ("$150,000 to $200,000 per year"), or "" for none.
    pay: str = ""
    location: str = "Burbank, CA, USA"
    about: str = "Join the studio's technology group."
    #: The board's update time (epoch seconds); `edit` moves it on.
    updated: int = FIRST_UPDATE

    def description_html(self) -> str:
        pay = f"<p>The pay range for this role is {html.escape(self.pay)}.</p>" if self.pay else ""
        return f"<p>{html.escape(self.about)}</p>{pay}"


class LiveBoard(ABC):
    """Postings in board order; every change is served at once."""

    def __init__(self, server: JobBoardServer) -> None:
        self.server = server
        self.postings: dict[str, Posting] = {}

    def add(self, *postings: Posting) -> None:
        for posting in postings:
            self.postings[posting.id] = posting
        self.serve()

    def remove(self, *ids: str) -> None:
        for posting_id in ids:
            del self.postings[posting_id]
        self.serve()

    def edit(self, posting_id: str, *, touch: bool = True, **changes: Any) -> Posting:
        """Change a posting; ``touch`` moves its update time on, as a board does on an edit."""
        current = self.postings[posting_id]
        if touch:
            changes.setdefault("updated", current.updated + 3600)
        self.postings[posting_id] = replace(current, **changes)
        self.serve()
        return self.postings[posting_id]

    def serve(self) -> None:
        listed = list(self.postings.values())
        self.serve_list(listed)
        for posting in listed:
            self.serve_detail(posting)

    @abstractmethod
    def serve_list(self, postings: list[Posting]) -> None: ...

    def serve_detail(self, posting: Posting) -> None:  # noqa: B027 (optional: most boards have none)
        """Boards whose list carries everything have no detail page."""

    def detail_path(self, posting_id: str) -> str:
        raise NotImplementedError

    def detail_reads(self, posting_id: str) -> int:
        return self.server.count(self.detail_path(posting_id))


def _pages(postings: list[Posting], size: int) -> list[tuple[int, list[Posting]]]:
    """(offset, postings) per page; an empty board is one empty page."""
    return [(offset, postings[offset : offset + size]) for offset in range(0, max(len(postings), 1), size)]


class EightfoldBoard(LiveBoard):
    def __init__(self, server: JobBoardServer, domain: str, company: str, page_size: int = 10) -> None:
        super().__init__(server)
        self.domain, self.company, self.page_size = domain, company, page_size

    def serve_list(self, postings: list[Posting]) -> None:
        for offset, page in _pages(postings, self.page_size):
            document = {
                "positions": [
                    {"id": int(p.id), "name": p.title, "location": p.location, "t_create": FIRST_UPDATE,
                     "t_update": p.updated, "canonicalPositionUrl": f"https://careers.example.org/job/{p.id}"}
                    for p in page
                ],
                "count": len(postings),
                "branding": {"companyName": self.company},
            }  # fmt: skip
            self.server.serve_json(
                "/api/apply/v2/jobs", document, when={"start": offset, "domain": self.domain}
            )

    def detail_path(self, posting_id: str) -> str:
        return f"/api/apply/v2/jobs/{posting_id}"

    def serve_detail(self, posting: Posting) -> None:
        document = {
            "id": int(posting.id),
            "name": posting.title,
            "job_description": posting.description_html(),
        }
        self.server.serve_json(self.detail_path(posting.id), document)


class WorkdayBoard(LiveBoard):
    def __init__(self, server: JobBoardServer, tenant: str, site: str, page_size: int = 20) -> None:
        super().__init__(server)
        self.cxs = f"/wday/cxs/{tenant}/{site}"
        self.page_size = page_size

    def serve_list(self, postings: list[Posting]) -> None:
        for offset, page in _pages(postings, self.page_size):
            document = {
                "total": len(postings) if offset == 0 else 0,  # Workday tells the total on the first page only
                "jobPostings": [
                    {"title": p.title, "externalPath": _workday_path(p), "locationsText": p.location,
                     "postedOn": "Posted 2 Days Ago", "bulletFields": [p.id]}
                    for p in page
                ],
            }  # fmt: skip
            self.server.serve_json(f"{self.cxs}/jobs", document, method="POST", when={"offset": offset})

    def detail_path(self, posting_id: str) -> str:
        return f"{self.cxs}{_workday_path(self.postings[posting_id])}"

    def serve_detail(self, posting: Posting) -> None:
        info = {
            "title": posting.title,
            "jobDescription": posting.description_html(),
            "location": posting.location,
        }
        self.server.serve_json(self.detail_path(posting.id), {"jobPostingInfo": info})


def _workday_path(posting: Posting) -> str:
    return f"/job/Burbank/{posting.id}"


class SmartRecruitersBoard(LiveBoard):
    def __init__(self, server: JobBoardServer, company: str) -> None:
        super().__init__(server)
        self.path = f"/v1/companies/{company}/postings"

    def serve_list(self, postings: list[Posting]) -> None:
        content = [
            {"id": p.id, "name": p.title, "location": {"fullLocation": p.location},
             "releasedDate": "2026-10-22T17:00:00.000Z"}
            for p in postings
        ]  # fmt: skip
        document = {"offset": 0, "limit": 100, "totalFound": len(postings), "content": content}
        self.server.serve_json(self.path, document)

    def detail_path(self, posting_id: str) -> str:
        return f"{self.path}/{posting_id}"

    def serve_detail(self, posting: Posting) -> None:
        sections = {"jobDescription": {"title": "Job Description", "text": posting.description_html()}}
        self.server.serve_json(
            self.detail_path(posting.id), {"id": posting.id, "jobAd": {"sections": sections}}
        )


class GreenhouseBoard(LiveBoard):
    def __init__(self, server: JobBoardServer, board: str, company: str) -> None:
        super().__init__(server)
        self.path, self.company = f"/v1/boards/{board}/jobs", company
        #: Set it to answer conditional GETs: 304 while it stays the same.
        self.etag: str | None = None

    def serve_list(self, postings: list[Posting]) -> None:
        self.server.serve_json(self.path, greenhouse_document(postings, self.company), etag=self.etag)


def greenhouse_document(postings: list[Posting], company: str) -> dict[str, Any]:
    """Postings as Greenhouse's Job Board API lists them (``?content=true``), pay in the text."""
    jobs = [
        {"id": p.id, "title": p.title, "company_name": company, "location": {"name": p.location},
         "absolute_url": f"https://jobs.example.org/{p.id}", "updated_at": str(p.updated),
         "content": html.escape(p.description_html())}
        for p in postings
    ]  # fmt: skip
    return {"jobs": jobs, "meta": {"total": len(jobs)}}
