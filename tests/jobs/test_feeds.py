"""Feeds in every format are read, and one broken item never costs the rest of the board."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.jobs.boards import fetch_listings
from bot.jobs.classify import AIClassifier
from bot.jobs.errors import MalformedResponse
from bot.jobs.fetch.http import HttpFetcher
from bot.jobs.source import SourceSpec
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.fakes.jobboards.feeds import DATED, FORMATS, FeedFormat, FeedItem, feed_document

PACIFIC = timezone(timedelta(hours=-7))
ITEMS = [
    FeedItem(
        "role-101",
        "Machine Learning Engineer, Dubbing",
        "https://jobs.example.org/roles/101",
        "<p>Build <b>speech</b> models for the dubbing stages.</p><p>Pay: $140,000 - $175,000 per year</p>",
        datetime(2026, 10, 21, 11, 30, tzinfo=PACIFIC),
    ),
    FeedItem(
        "role-102",
        "Sound & Picture Coordinator",
        "https://jobs.example.org/roles/102",
        "<ul><li>Book mix stages</li><li>Track turnovers</li></ul>",
        datetime(2026, 10, 20, 9, 0, tzinfo=UTC),
        bare_ampersand=True,
    ),
    FeedItem(
        "role-103",
        "Generative AI Artist",
        "https://jobs.example.org/roles/103",
        "<p>Concept art with diffusion tools &amp; a paintbrush.</p>",
        datetime(2026, 10, 19, 16, 45, tzinfo=UTC),
    ),
]


async def read(server: JobBoardServer, fetcher: HttpFetcher, body: bytes, path: str = "/jobs.xml") -> list:  # type: ignore[type-arg]
    server.serve_body(path, body, "application/xml")
    result = await fetch_listings(SourceSpec("rss", server.url(path)), fetcher, classifier=AIClassifier())
    return list(result.listings)


@pytest.mark.parametrize("form", FORMATS)
async def test_every_format_is_read_past_a_bare_ampersand(
    form: FeedFormat, board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    listings = await read(board_server, fetcher, feed_document(form, "Harbor & Reel jobs", ITEMS))
    assert [listing.title for listing in listings] == [item.title for item in ITEMS]
    assert {listing.company for listing in listings} == {"Harbor & Reel jobs"}
    assert [listing.url for listing in listings] == [item.link for item in ITEMS]
    ml, coordinator, artist = listings
    # HTML in descriptions becomes plain text, and pay is read from it.
    assert ml.description == "Build speech models for the dubbing stages.\nPay: $140,000 - $175,000 per year"
    assert (ml.pay_min, ml.pay_max, ml.pay_period) == (140_000, 175_000, "year")
    assert "<" not in coordinator.description and "Book mix stages" in coordinator.description
    assert "diffusion tools & a paintbrush" in artist.description
    assert [listing.is_ai for listing in listings] == [True, False, True]
    if DATED[form]:
        assert [listing.posted_at for listing in listings] == [item.published for item in ITEMS]
        assert ml.posted_at == datetime(2026, 10, 21, 18, 30, tzinfo=UTC)
    else:
        assert {listing.posted_at for listing in listings} == {None}


@pytest.mark.parametrize("form", ["rss10", "rss20", "atom10"])
async def test_ids_come_from_the_feed(
    form: FeedFormat, board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    listings = await read(board_server, fetcher, feed_document(form, "Jobs", ITEMS[:1]))
    expected = "role-101"
    assert [listing.external_id for listing in listings] == [expected]


async def test_a_feed_without_ids_falls_back_to_links(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    listings = await read(board_server, fetcher, feed_document("rss091", "Jobs", ITEMS[:1]))
    assert [listing.external_id for listing in listings] == ["https://jobs.example.org/roles/101"]


RFC822_DATES = {
    "Wed, 21 Oct 2026 18:30:00 +0000": datetime(2026, 10, 21, 18, 30, tzinfo=UTC),
    "Wed, 21 Oct 2026 11:30:00 PDT": datetime(2026, 10, 21, 18, 30, tzinfo=UTC),
    "21 Oct 2026 18:30 GMT": datetime(2026, 10, 21, 18, 30, tzinfo=UTC),
    "Wed, 21 Oct 26 18:30:00 +0000": datetime(2026, 10, 21, 18, 30, tzinfo=UTC),
    "2026-10-21T11:30:00-07:00": datetime(2026, 10, 21, 18, 30, tzinfo=UTC),
    "not a date": None,
}


@pytest.mark.parametrize(("written", "expected"), RFC822_DATES.items(), ids=RFC822_DATES.keys())
async def test_dates_as_feeds_write_them(
    written: str, expected: datetime | None, board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title>'
        f"<item><title>Grip</title><guid>g1</guid><pubDate>{written}</pubDate></item></channel></rss>"
    ).encode()
    (listing,) = await read(board_server, fetcher, body)
    assert listing.posted_at == expected


async def test_a_broken_feed_that_stops_early_is_refused(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    """Read leniently, a cut-off feed would look like a board whose other listings closed."""
    whole = feed_document("rss20", "Jobs", ITEMS)
    cut = whole[: whole.index(b"role-103")]
    with pytest.raises(MalformedResponse, match="stops before its end"):
        await read(board_server, fetcher, cut)
    # A well-formed feed needs no end check, and a broken one that ends is read.
    assert len(await read(board_server, fetcher, whole, "/whole.xml")) == 3


async def test_a_feed_that_names_a_url_is_read_as_text_not_fetched(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    """feedparser given a string opens the file or URL it names: it is only ever given a stream."""
    target = board_server.url("/never-fetched")
    with pytest.raises(MalformedResponse, match="not an RSS or Atom feed"):
        await read(board_server, fetcher, target.encode())
    assert board_server.count("/never-fetched") == 0
