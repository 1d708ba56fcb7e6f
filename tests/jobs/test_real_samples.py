"""The parsers read real recorded board responses, when a checkout has them.

The samples live in ../shared/jobboards next to the repository on the
machine the bot was built on; a plain clone does not have them, and then
these tests skip.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.jobs.boards import BOARD_TYPES
from bot.jobs.boards.base import BoardContext, RawBoard
from bot.jobs.classify import AIClassifier
from bot.jobs.fetch.http import HttpFetcher
from bot.jobs.listing import Listing
from bot.jobs.source import SourceSpec

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "jobboards"
NOW = datetime(2026, 10, 26, 15, 0, tzinfo=UTC)
BOARD_IDS = {"workday": "tenant/site", "rss": "https://example.invalid/feed"}
# Boards whose raw bytes are parsed (the others page, so they hold decoded JSON).
BYTE_BOARDS = frozenset({"greenhouse", "lever", "ashby", "rss"})

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="no ../shared/jobboards samples here")


def sample_files() -> list[str]:
    if not SAMPLES.is_dir():
        return []
    return sorted(path.name for path in SAMPLES.iterdir() if path.suffix in {".json", ".xml"})


@pytest.fixture
async def unused_fetcher() -> AsyncIterator[HttpFetcher]:
    # Parsing does no I/O; the context just needs a fetcher to exist.
    async with HttpFetcher() as fetcher:
        yield fetcher


def parse_sample(name: str, fetcher: HttpFetcher) -> list[Listing]:
    board_type = name.split("_")[0]
    spec = SourceSpec(board_type, BOARD_IDS.get(board_type, "sample"), base_url="https://example.invalid")
    ctx = BoardContext(spec=spec, fetcher=fetcher, base_url="https://example.invalid", now=NOW)
    body = (SAMPLES / name).read_bytes()
    page: Any = body if board_type in BYTE_BOARDS else json.loads(body)
    return BOARD_TYPES[board_type].parse(ctx, RawBoard([page], "sample"))


@pytest.mark.parametrize("name", sample_files())
async def test_every_sample_parses_into_sensible_listings(name: str, unused_fetcher: HttpFetcher) -> None:
    listings = parse_sample(name, unused_fetcher)
    assert listings, f"{name}: no listings"
    for listing in listings:
        assert listing.external_id and listing.title and listing.company
        assert listing.url.startswith("https://")
        assert listing.posted_at is not None and listing.posted_at.tzinfo is not None
        assert "<p>" not in listing.description and "&lt;" not in listing.description
        if listing.has_pay:
            assert listing.pay_period in {"year", "month", "week", "day", "hour"} and listing.pay_currency


def pays(name: str, fetcher: HttpFetcher) -> dict[str, tuple[object, ...]]:
    return {
        listing.title: (listing.pay_min, listing.pay_max, listing.pay_currency, listing.pay_period)
        for listing in parse_sample(name, fetcher)
    }


async def test_pay_figures_the_source_notes_mention(unused_fetcher: HttpFetcher) -> None:
    def read(name: str) -> dict[str, tuple[object, ...]]:
        return pays(name, unused_fetcher)

    # Duolingo's Corporate Counsel: "$153,000 ... $207,000 USD" in the escaped content.
    assert read("greenhouse_3.json")["Corporate Counsel"] == (153_000, 207_000, "USD", "year")
    # Spotify's structured salaryRange, per-year-salary.
    assert read("lever_1.json")["Accounts Payable Analyst"] == (66_189, 94_556, "USD", "year")
    # Palantir: "$60,000 - $97,000/year" in additionalPlain, no salaryRange.
    for name in ("lever_2.json", "lever_3.json"):
        assert read(name)["Administrative Business Partner - Security"] == (60_000, 97_000, "USD", "year")
    # Second Dinner's interns: compensation interval "1 HOUR".
    assert set(read("ashby_1.json").values()) == {(45, 50, "USD", "hour"), (50, 55, "USD", "hour")}
    # cluely: annual salaries; equity left out; "$150.00" a year is not believed.
    cluely = read("ashby_2.json")
    assert cluely["Videographer"] == (150_000, 200_000, "USD", "year")
    assert cluely["Founding Engineer (Fullstack TypeScript)"] == (250_000, 350_000, "USD", "year")
    assert cluely["Engineering Intern"] == (None, None, None, None)
    # crypto.jobs: "180-280K USD a year" is read; so is the deferred "€3,000/month" (the later
    # "€8,000–€10,000/month" is too far apart to be a zone of it); a bare "Salary: 5000" is not.
    crypto = read("rss_2.xml")
    assert crypto["Co-founder & CEO at Niubi Bank"] == (180_000, 280_000, "USD", "year")
    assert crypto["GALINA World — CEO / Co-Founder at GALINA world"] == (3_000, 3_000, "EUR", "month")
    assert crypto["Junior Crypto Trader (Remote, Spot Trading) at Token town"] == (None, None, None, None)


async def test_ai_listings_in_the_samples(unused_fetcher: HttpFetcher) -> None:
    classifier = AIClassifier()
    found = {
        listing.title
        for name in sample_files()
        for listing in parse_sample(name, unused_fetcher)
        if classifier.is_ai(listing.title, listing.description)
    }
    assert "[2026] AI/ML Engineer Intern" in found
    assert "AI Engineer, Community Support Engineering" in found
    assert "Customer Data Scientist - Experimentation" not in found  # AI only in the company blurb
    assert "Corporate Counsel" not in found  # "AI tools" once
