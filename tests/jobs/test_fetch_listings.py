"""fetch_listings: skipping unchanged boards, detail budgets, paging caps, errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.jobs.boards import fetch_listings
from bot.jobs.classify import AIClassifier
from bot.jobs.errors import (
    BoardConfigError,
    BodyTooLarge,
    HttpStatusError,
    MalformedResponse,
    RetryLater,
)
from bot.jobs.fetch.http import HttpFetcher
from bot.jobs.source import SourceSpec
from bot.testing.fakes.jobboards import JobBoardServer
from storage.jobs.listings import DetailState
from tests.helpers import BOARD_FIXTURES

GH_PATH = "/v1/boards/lanternpictures/jobs"
AI = AIClassifier()


def greenhouse(server: JobBoardServer) -> SourceSpec:
    return SourceSpec("greenhouse", "lanternpictures", base_url=server.base_url)


async def test_same_body_hash_means_unchanged_and_unparsed(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    board_server.serve_file(GH_PATH, "greenhouse_lantern.json")
    first = await fetch_listings(greenhouse(board_server), fetcher)
    again = await fetch_listings(greenhouse(board_server), fetcher, previous_hash=first.body_hash)
    assert len(first.listings) == 4 and not first.unchanged
    assert again.unchanged and again.listings == () and again.body_hash == first.body_hash
    # Swap in a body that would fail to parse: with the same hash it would be skipped,
    # with a new one it is read (and fails loudly).
    board_server.serve_json(GH_PATH, {"jobs": "not a list"})
    with pytest.raises(MalformedResponse, match="expected a list of jobs at 'jobs'"):
        await fetch_listings(greenhouse(board_server), fetcher, previous_hash=first.body_hash)


async def test_304_means_unchanged(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    board_server.serve_file(GH_PATH, "greenhouse_lantern.json", etag='"lantern-1"')
    first = await fetch_listings(greenhouse(board_server), fetcher)
    second = await fetch_listings(greenhouse(board_server), fetcher, previous_hash=first.body_hash)
    assert second.unchanged and second.body_hash == first.body_hash
    assert board_server.requests_to(GH_PATH)[1].headers["If-None-Match"] == '"lantern-1"'


async def test_a_board_that_failed_to_parse_is_asked_again_in_full(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    board_server.serve_body(GH_PATH, b'{"jobs": {}}', "application/json", etag='"bad"')
    with pytest.raises(MalformedResponse):
        await fetch_listings(greenhouse(board_server), fetcher)
    with pytest.raises(MalformedResponse):
        await fetch_listings(greenhouse(board_server), fetcher)
    assert "If-None-Match" not in board_server.requests_to(GH_PATH)[1].headers


NOW = datetime(2026, 10, 26, 12, 0, tzinfo=UTC)


async def test_a_listing_read_before_is_read_again_only_when_its_update_time_changes(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    path = "/api/apply/v2/jobs"
    board_server.serve_file(path, "eightfold_nightowl_page1.json", when={"start": 0})
    board_server.serve_file(path, "eightfold_nightowl_page2.json", when={"start": 2})
    detail = f"{path}/790400112233"
    board_server.serve_file(detail, "eightfold_nightowl_detail_pm.json")
    spec = SourceSpec("eightfold", "nightowl.example", base_url=board_server.base_url, page_size=2)
    long_ago = NOW - timedelta(days=300)  # far past any schedule: the update time alone decides

    same = {"790400112233": DetailState("Product Manager", long_ago, "1792800000")}
    result = await fetch_listings(spec, fetcher, classifier=AI, known=same, now=NOW)
    assert result.detail_calls == 0 and board_server.count(detail) == 0
    assert {listing.title for listing in result.listings if listing.is_ai} == {
        "Product Manager - Machine Learning Platform"
    }
    (pm,) = [listing for listing in result.listings if listing.external_id == "790400112233"]
    assert pm.updated_at == "1792800000" and not pm.detail_read

    edited = {"790400112233": DetailState("Product Manager", NOW, "1792700000")}
    result = await fetch_listings(spec, fetcher, classifier=AI, known=edited, now=NOW)
    assert result.detail_calls == 1 and board_server.count(detail) == 1
    (pm,) = [listing for listing in result.listings if listing.external_id == "790400112233"]
    assert pm.detail_read and pm.pay_max == 900_000


async def test_without_update_times_details_are_read_again_by_schedule_oldest_first(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    path = "/v1/companies/Quill/postings"
    names = ["AI Engineer", "ML Engineer", "AI Producer", "AI Writer"]
    content = [{"id": f"p{n}", "name": name} for n, name in enumerate(names)]
    board_server.serve_json(path, {"offset": 0, "limit": 100, "totalFound": 4, "content": content})
    for n in range(4):
        board_server.serve_json(f"{path}/p{n}", {"jobAd": {"sections": {}}})
    spec = SourceSpec("smartrecruiters", "Quill", base_url=board_server.base_url, max_details=2)
    day = timedelta(days=1)
    known = {
        "p0": DetailState("AI", NOW - 3 * day, None),  # due, oldest
        "p1": DetailState("AI", NOW - 2 * day, None),  # due, but the cap of two goes to p3 and p0
        "p2": DetailState("AI", NOW - day / 2, None),  # read within the day: not due
        # p3 never read: first of all
    }
    result = await fetch_listings(spec, fetcher, classifier=AI, known=known, detail_refresh=day, now=NOW)
    assert [listing.external_id for listing in result.listings if listing.detail_read] == ["p0", "p3"]
    assert [board_server.count(f"{path}/p{n}") for n in range(4)] == [1, 0, 0, 1]


async def test_detail_calls_are_capped(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    path = "/v1/companies/RedCurtainStudios/postings"
    board_server.serve_file(path, "smartrecruiters_redcurtain_page1.json", when={"offset": 0})
    board_server.serve_file(path, "smartrecruiters_redcurtain_page2.json", when={"offset": 2})
    board_server.serve_file(f"{path}/744000301122334", "smartrecruiters_redcurtain_detail.json")
    spec = SourceSpec(
        "smartrecruiters", "RedCurtainStudios", base_url=board_server.base_url, page_size=2, max_details=1
    )
    result = await fetch_listings(spec, fetcher)  # no classifier: every listing wants detail
    assert result.detail_calls == 1
    detail_requests = [r for r in board_server.requests if r.path.startswith(f"{path}/")]
    assert len(detail_requests) == 1


async def test_retry_later_in_details_stops_them_and_keeps_listings(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    path = "/v1/companies/RedCurtainStudios/postings"
    board_server.serve_file(path, "smartrecruiters_redcurtain_page1.json", when={"offset": 0})
    board_server.serve_file(path, "smartrecruiters_redcurtain_page2.json", when={"offset": 2})
    for posting_id in ("744000301122334", "744000301122335", "744000301122336"):
        board_server.fail(f"{path}/{posting_id}", "retry_after", status=429, retry_after="45")
    spec = SourceSpec("smartrecruiters", "RedCurtainStudios", base_url=board_server.base_url, page_size=2)
    async with HttpFetcher(timeout=5, per_host_limit=1) as one_at_a_time:
        result = await fetch_listings(spec, one_at_a_time)
    assert result.retry_after == 45.0
    assert result.detail_calls == 1  # the first 429 stopped the rest
    assert len(result.listings) == 3


async def test_paging_stops_at_max_pages(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    endless = {
        "offset": 0,
        "limit": 2,
        "totalFound": 1_000_000,
        "content": [{"id": "1", "name": "Grip"}, {"id": "2", "name": "Gaffer"}],
    }
    path = "/v1/companies/Endless/postings"
    board_server.serve_json(path, endless)
    spec = SourceSpec(
        "smartrecruiters", "Endless", base_url=board_server.base_url, max_pages=3, max_details=0
    )
    result = await fetch_listings(spec, fetcher)
    assert result.truncated
    assert board_server.count(path) == 3
    assert [listing.title for listing in result.listings] == ["Grip", "Gaffer"]  # repeats dropped


async def test_paging_stops_on_an_empty_page(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    path = "/wday/cxs/t/s/jobs"
    board_server.serve_json(
        path,
        {
            "total": 50,
            "jobPostings": [{"title": "Grip", "externalPath": "/job/a/Grip_1", "postedOn": "Posted Today"}],
        },
        method="POST",
        when={"offset": 0},
    )
    board_server.serve_json(path, {"total": 0, "jobPostings": []}, method="POST", when={"offset": 1})
    spec = SourceSpec("workday", "t/s", base_url=board_server.base_url, max_details=0)
    result = await fetch_listings(spec, fetcher)
    assert not result.truncated and board_server.count(path) == 2
    assert [listing.external_id for listing in result.listings] == ["/job/a/Grip_1"]


async def test_list_failures_propagate(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    board_server.fail(GH_PATH, "status", status=500, times=1)
    with pytest.raises(HttpStatusError):
        await fetch_listings(greenhouse(board_server), fetcher)
    board_server.fail(GH_PATH, "retry_after", status=429, retry_after="90", times=1)
    with pytest.raises(RetryLater) as caught:
        await fetch_listings(greenhouse(board_server), fetcher)
    assert caught.value.seconds == 90


async def test_malformed_items_are_skipped_not_fatal(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    board_server.serve_json(
        GH_PATH,
        {
            "jobs": [
                {"id": 1, "title": "Grip", "content": None, "location": "nowhere", "pay_input_ranges": "x"},
                {"id": None, "title": "No id"},
                "not an object",
                {"id": 2, "title": "   "},
            ]
        },
    )
    result = await fetch_listings(greenhouse(board_server), fetcher)
    (grip,) = result.listings
    assert (grip.external_id, grip.title, grip.locations, grip.description) == ("1", "Grip", (), "")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (SourceSpec("monster", "x"), "unknown board type 'monster'"),
        (SourceSpec("workday", "castlelight/Careers"), "needs the tenant's base URL"),
        (SourceSpec("workday", "castlelight", base_url="http://127.0.0.1:9"), "TENANT/SITE"),
        (SourceSpec("rss", "feed.xml"), "no base URL"),
        (SourceSpec("file", "/no/such/file.json"), "cannot read"),
    ],
)
async def test_bad_specs(spec: SourceSpec, message: str, fetcher: HttpFetcher) -> None:
    with pytest.raises(BoardConfigError, match=message):
        await fetch_listings(spec, fetcher)


def test_spec_validation() -> None:
    with pytest.raises(BoardConfigError, match="needs a board id"):
        SourceSpec("greenhouse", "  ")
    with pytest.raises(BoardConfigError):
        SourceSpec("greenhouse", "x", max_pages=0)
    assert SourceSpec("lever", "kestrel").source_name == "lever:kestrel"


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        b"<rss><channel><item><title>&lol2;</title></item></channel></rss>",
        b"<rss><channel><title>x</title><item><title>open",
        b"<html><body>not a feed</body></html>",
        b"<rss version='2.0'></rss>",
    ],
)
async def test_hostile_or_broken_feeds(
    body: bytes, board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    board_server.serve_body("/feed", body, "application/rss+xml")
    with pytest.raises(MalformedResponse):
        await fetch_listings(SourceSpec("rss", board_server.url("/feed")), fetcher)


async def test_file_larger_than_the_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes((BOARD_FIXTURES / "greenhouse_lantern.json").read_bytes())
    async with HttpFetcher(max_bytes=1_000) as small:
        with pytest.raises(BodyTooLarge):
            await fetch_listings(SourceSpec("file", str(big)), small)


async def test_file_that_is_not_a_list(tmp_path: Path, fetcher: HttpFetcher) -> None:
    odd = tmp_path / "odd.json"
    odd.write_text('{"jobs": []}')
    with pytest.raises(MalformedResponse, match="JSON list"):
        await fetch_listings(SourceSpec("file", str(odd)), fetcher)
