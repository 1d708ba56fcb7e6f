"""A labelled posting through the real board code: the shape each board sends, parsed as the poller parses it.

Each posting becomes the document its board serves (Greenhouse's escaped
``content`` and ``pay_input_ranges``, Lever's plain sections and
``salaryRange``, Ashby's ``compensation``, a Workday or SmartRecruiters
detail, an RSS item) and goes through that board's own ``parse`` (and detail
step), so pay is read by exactly the functions a poll uses.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from bot.jobs.boards import BOARD_TYPES
from bot.jobs.boards.base import BoardContext, RawBoard
from bot.jobs.boards.smartrecruiters import with_detail as smartrecruiters_detail
from bot.jobs.boards.workday import with_detail as workday_detail
from bot.jobs.evaluation.postings import Posting
from bot.jobs.fetch.http import HttpFetcher
from bot.jobs.listing import Listing
from bot.jobs.source import SourceSpec

NOW = datetime(2026, 10, 26, 15, 0, tzinfo=UTC)
BASE_URL = "https://boards.example.invalid"
_BOARD_IDS = {"workday": "studio/careers", "rss": f"{BASE_URL}/feed"}


class EvalBoardError(ValueError):
    """A posting that its board's parser did not turn into exactly one listing."""


def read_posting(posting: Posting, fetcher: HttpFetcher) -> Listing:
    """The listing the poller would store for this posting (before classification)."""
    spec = SourceSpec(posting.board, _BOARD_IDS.get(posting.board, "studio"), base_url=BASE_URL)
    ctx = BoardContext(spec=spec, fetcher=fetcher, base_url=BASE_URL, now=NOW)
    page, detail = _SHAPES[posting.board](posting)
    found = BOARD_TYPES[posting.board].parse(ctx, RawBoard([page], "eval"))
    if len(found) != 1:
        raise EvalBoardError(f"posting {posting.id}: {posting.board} gave {len(found)} listings")
    listing = detail(found[0]) if detail else found[0]
    return listing.cleaned()


_Shape = tuple[Any, Callable[[Listing], Listing] | None]


def _json_bytes(document: object) -> bytes:
    return json.dumps(document).encode()


def _greenhouse(posting: Posting) -> _Shape:
    job = {
        "id": posting.id,
        "title": posting.title,
        "absolute_url": f"{BASE_URL}/jobs/{posting.id}",
        "location": {"name": "; ".join(posting.locations)},
        "updated_at": NOW.isoformat(),
        "content": html.escape(posting.description),  # the API escapes content once more
        **posting.fields,
    }
    return _json_bytes({"jobs": [job]}), None


def _lever(posting: Posting) -> _Shape:
    plain = "descriptionPlain" if "<" not in posting.description else "description"
    job = {
        "id": posting.id,
        "text": posting.title,
        "hostedUrl": f"{BASE_URL}/jobs/{posting.id}",
        "createdAt": int(NOW.timestamp() * 1000),
        "categories": {
            "location": posting.locations[0] if posting.locations else "",
            "allLocations": list(posting.locations),
        },
        plain: posting.description,
        **posting.fields,
    }
    return _json_bytes([job]), None


def _ashby(posting: Posting) -> _Shape:
    job = {
        "id": posting.id,
        "title": posting.title,
        "location": posting.locations[0] if posting.locations else "",
        "secondaryLocations": [{"location": place} for place in posting.locations[1:]],
        "jobUrl": f"{BASE_URL}/jobs/{posting.id}",
        "publishedAt": NOW.isoformat(),
        "isListed": True,
        "descriptionHtml": posting.description,
        **posting.fields,
    }
    return _json_bytes({"jobs": [job], "apiVersion": "1"}), None


def _amazon(posting: Posting) -> _Shape:
    job = {
        "id_icims": posting.id,
        "title": posting.title,
        "job_path": f"/en/jobs/{posting.id}",
        "normalized_location": posting.locations[0] if posting.locations else "",
        "posted_date": "October 26, 2026",
        "description": posting.description,
    }
    return {"hits": 1, "jobs": [job]}, None


def _eightfold(posting: Posting) -> _Shape:
    position = {
        "id": posting.id,
        "name": posting.title,
        "locations": list(posting.locations),
        "t_create": int(NOW.timestamp()),
        "canonicalPositionUrl": f"{BASE_URL}/careers/job/{posting.id}",
        "job_description": posting.description,
    }
    return {"count": 1, "positions": [position]}, None


def _workday(posting: Posting) -> _Shape:
    item = {"title": posting.title, "externalPath": f"/job/{posting.id}", "postedOn": "Posted Today"}
    info = {
        "jobDescription": posting.description,
        "location": posting.locations[0] if posting.locations else "",
    }
    return {"total": 1, "jobPostings": [item]}, lambda listing: workday_detail(listing, info)


def _smartrecruiters(posting: Posting) -> _Shape:
    item = {"id": posting.id, "name": posting.title, "releasedDate": NOW.isoformat(), "location": {}}
    section = {"title": "Job Description", "text": posting.description}
    document: Mapping[str, Any] = {"jobAd": {"sections": {"jobDescription": section}}}
    return {"totalFound": 1, "content": [item]}, lambda listing: smartrecruiters_detail(listing, document)


def _rss(posting: Posting) -> _Shape:
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Jobs</title>'
        f"<item><title>{html.escape(posting.title)}</title><link>{BASE_URL}/jobs/{posting.id}</link>"
        f"<guid>{posting.id}</guid><pubDate>Mon, 26 Oct 2026 15:00:00 +0000</pubDate>"
        f"<description>{html.escape(posting.description)}</description></item></channel></rss>"
    )
    return feed.encode(), None


_SHAPES: dict[str, Callable[[Posting], _Shape]] = {
    "greenhouse": _greenhouse,
    "lever": _lever,
    "ashby": _ashby,
    "amazon": _amazon,
    "eightfold": _eightfold,
    "workday": _workday,
    "smartrecruiters": _smartrecruiters,
    "rss": _rss,
}
