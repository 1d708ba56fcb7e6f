"""Every board type end to end: the real client over HTTP to the fake board."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.jobs.boards import BOARD_TYPES, fetch_listings
from bot.jobs.classify import AIClassifier
from bot.jobs.fetch.http import HttpFetcher
from bot.jobs.listing import Listing
from bot.jobs.source import SourceSpec
from bot.testing.fakes.jobboards import JobBoardServer
from tests.helpers import BOARD_FIXTURES

NOW = datetime(2026, 10, 26, 15, 0, tzinfo=UTC)
AI = AIClassifier()


def by_title(listings: tuple[Listing, ...]) -> dict[str, Listing]:
    return {listing.title: listing for listing in listings}


def pay(listing: Listing) -> tuple[object, ...]:
    return (listing.pay_min, listing.pay_max, listing.pay_currency, listing.pay_period, listing.pay_kind)


async def test_greenhouse(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    board_server.serve_file("/v1/boards/lanternpictures/jobs", "greenhouse_lantern.json")
    spec = SourceSpec("greenhouse", "lanternpictures", base_url=board_server.base_url)
    result = await fetch_listings(spec, fetcher, classifier=AI)
    jobs = by_title(result.listings)
    assert list(jobs) == [
        "Machine Learning Engineer, Content Recommendations",
        "Corporate Counsel",
        "Research Scientist, LLMs",
        "Production Coordinator",
    ]
    ml = jobs["Machine Learning Engineer, Content Recommendations"]
    assert ml.to_json() == {
        "source": "greenhouse:lanternpictures",
        "company": "Lantern Pictures",
        "external_id": "7811204002",
        "title": "Machine Learning Engineer, Content Recommendations",
        "locations": ["Burbank, CA"],
        "url": "https://job-boards.greenhouse.io/lanternpictures/jobs/7811204002",
        "posted_at": "2026-10-19T13:00:00+00:00",
        "pay_min": 166_500.0,
        "pay_max": 260_000.0,
        "pay_currency": "USD",
        "pay_period": "year",
        "pay_kind": "base",
        "pay_varies": True,  # the zones of pay_input_ranges, spanned
        "is_ai": True,
    }
    assert "twelve million subscribers" in ml.description and "<" not in ml.description
    assert pay(jobs["Corporate Counsel"]) == (162_000, 214_000, "USD", "year", "base")
    assert not jobs["Corporate Counsel"].is_ai  # mentions "AI tools" once
    assert pay(jobs["Research Scientist, LLMs"]) == (137_500, 194_000, "USD", "year", "base")
    assert jobs["Research Scientist, LLMs"].is_ai
    # ZIP code, founding year and 401(k) in the boilerplate are not pay; the hourly line is.
    assert pay(jobs["Production Coordinator"]) == (28, 34, "USD", "hour", "base")
    (request,) = board_server.requests_to("/v1/boards/lanternpictures/jobs")
    assert request.query == {"content": "true", "pay_transparency": "true"}


async def test_lever(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    board_server.serve_file("/v0/postings/kestrelanimation", "lever_kestrel.json")
    spec = SourceSpec(
        "lever", "kestrelanimation", base_url=board_server.base_url, company="Kestrel Animation"
    )
    result = await fetch_listings(spec, fetcher, classifier=AI)
    jobs = by_title(result.listings)
    scientist = jobs["Senior Data Scientist, Audience Modeling"]
    assert scientist.locations == ("Glendale, CA", "Remote - US")
    assert scientist.posted_at == datetime(2026, 10, 19, 8, 0, tzinfo=UTC)  # createdAt in ms
    assert scientist.url == "https://jobs.lever.co/kestrelanimation/3f2a9c1e-6b7d-4e21-9a4f-1c2d3e4f5a6b"
    assert pay(scientist) == (165_000, 210_000, "USD", "year", "base")
    assert scientist.is_ai  # by its description: three distinct terms
    assert "Own audience forecasts for new releases." in scientist.description  # lists included
    assert pay(jobs["Storyboard Revisionist"]) == (42.5, 55, "USD", "hour", "base")
    assert not jobs["Storyboard Revisionist"].is_ai
    td = jobs["Pipeline TD, Machine Learning Tools"]
    assert pay(td) == (145_000, 178_000, "USD", "year", "base")
    assert td.company == "Kestrel Animation" and td.is_ai
    assert board_server.requests_to("/v0/postings/kestrelanimation")[0].query == {"mode": "json"}


async def test_ashby(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    board_server.serve_file("/posting-api/job-board/brightwater", "ashby_brightwater.json")
    spec = SourceSpec("ashby", "brightwater", base_url=board_server.base_url, company="Brightwater Games")
    result = await fetch_listings(spec, fetcher, classifier=AI)
    jobs = by_title(result.listings)
    assert "Unannounced Project Lead" not in jobs  # isListed: false
    assert pay(jobs["[2026] Machine Learning Intern"]) == (48, 54, "USD", "hour", "base")
    artist = jobs["Generative AI Artist"]
    assert pay(artist) == (120_000, 160_000, "USD", "year", "base")
    assert artist.locations == ("Los Angeles", "Seattle")
    assert artist.posted_at == datetime(2026, 10, 16, 20, 45, 12, 500000, tzinfo=UTC)
    assert artist.is_ai
    manager = jobs["Community Manager"]
    assert pay(manager) == (None, None, None, None, None)
    assert not manager.is_ai
    request = board_server.requests_to("/posting-api/job-board/brightwater")[0]
    assert request.query == {"includeCompensation": "true"}


async def test_smartrecruiters_pages_and_details_only_ai_titles(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    path = "/v1/companies/RedCurtainStudios/postings"
    board_server.serve_file(path, "smartrecruiters_redcurtain_page1.json", when={"offset": 0})
    board_server.serve_file(path, "smartrecruiters_redcurtain_page2.json", when={"offset": 2})
    board_server.serve_file(f"{path}/744000301122334", "smartrecruiters_redcurtain_detail.json")
    spec = SourceSpec("smartrecruiters", "RedCurtainStudios", base_url=board_server.base_url, page_size=2)
    result = await fetch_listings(spec, fetcher, classifier=AI)
    jobs = by_title(result.listings)
    assert list(jobs) == [
        "Lead Machine Learning Engineer, Dubbing",
        "Set Dresser",
        "Post-Production Supervisor",
    ]
    lead = jobs["Lead Machine Learning Engineer, Dubbing"]
    assert pay(lead) == (150_000, 190_000, "USD", "year", "base")
    assert lead.url.endswith("744000301122334-lead-machine-learning-engineer-dubbing")
    assert "speech models for dubbing" in lead.description
    assert lead.company == "Red Curtain Studios" and lead.is_ai
    assert jobs["Set Dresser"].url == "https://jobs.smartrecruiters.com/RedCurtainStudios/744000301122335"
    assert jobs["Post-Production Supervisor"].locations == ("New York, NY, United States",)
    assert [r.query["offset"] for r in board_server.requests_to(path)] == ["0", "2"]
    assert board_server.count(f"{path}/744000301122335") == 0  # not AI: no detail call
    assert result.detail_calls == 1


async def workday_routes(server: JobBoardServer) -> str:
    jobs = "/wday/cxs/castlelight/Castlelight_Careers/jobs"
    server.serve_file(jobs, "workday_castlelight_page1.json", method="POST", when={"offset": 0})
    server.serve_file(jobs, "workday_castlelight_page2.json", method="POST", when={"offset": 2})
    server.serve_file(
        "/wday/cxs/castlelight/Castlelight_Careers/job/Burbank-CA-USA/Technical-Director--Generative-AI_10098765",
        "workday_castlelight_detail_td.json",
    )
    return jobs


async def test_workday(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    jobs_path = await workday_routes(board_server)
    ml_detail = "/wday/cxs/castlelight/Castlelight_Careers/job/Seattle-WA-USA/Senior-Software-Engineer--Machine-Learning_10099001"
    board_server.fail(ml_detail, "status", status=500)
    spec = SourceSpec(
        "workday",
        "castlelight/Castlelight_Careers",
        base_url=board_server.base_url,
        company="Castlelight Studios",
        page_size=2,
    )
    result = await fetch_listings(spec, fetcher, classifier=AI, now=NOW)
    jobs = by_title(result.listings)
    td = jobs["Technical Director, Generative AI"]
    assert pay(td) == (153_700, 206_000, "USD", "year", "base")
    assert td.locations == ("Burbank, CA, USA", "Glendale, CA, USA")
    assert td.posted_at == datetime(2026, 10, 25, tzinfo=UTC)
    assert td.url.startswith("https://castlelight.wd5.myworkdayjobs.com/Castlelight_Careers/job/")
    assert "guardrails with legal" in td.description and td.is_ai
    costume = jobs["Costume Shop Lead"]
    assert costume.posted_at == datetime(2026, 9, 26, tzinfo=UTC)
    assert (
        costume.url
        == f"{board_server.base_url}/Castlelight_Careers/job/Orlando-FL-USA/Costume-Shop-Lead_10091111"
    )
    assert not costume.is_ai
    ml = jobs["Senior Software Engineer, Machine Learning"]  # detail failed: kept as listed
    assert ml.posted_at == datetime(2026, 10, 26, tzinfo=UTC) and ml.is_ai and ml.pay_min is None
    assert (result.detail_calls, result.detail_errors) == (2, 1)
    bodies = [request.json for request in board_server.requests_to(jobs_path, "POST")]
    assert bodies == [
        {"appliedFacets": {}, "limit": 2, "offset": 0, "searchText": ""},
        {"appliedFacets": {}, "limit": 2, "offset": 2, "searchText": ""},
    ]


async def test_eightfold(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    path = "/api/apply/v2/jobs"
    board_server.serve_file(path, "eightfold_nightowl_page1.json", when={"start": 0})
    board_server.serve_file(path, "eightfold_nightowl_page2.json", when={"start": 2})
    board_server.serve_file(
        f"{path}/790400112233", "eightfold_nightowl_detail_pm.json", when={"domain": "nightowl.example"}
    )
    spec = SourceSpec("eightfold", "nightowl.example", base_url=board_server.base_url, page_size=2)
    result = await fetch_listings(spec, fetcher, classifier=AI)
    jobs = by_title(result.listings)
    assert len(jobs) == 3
    pm = jobs["Product Manager - Machine Learning Platform"]
    assert pay(pm) == (300_000, 900_000, "USD", "year", "total")
    assert pm.company == "Nightowl" and pm.is_ai
    assert pm.url == "https://careers.nightowl.example/careers/job/790400112233"
    assert pm.posted_at == datetime(2026, 10, 24, tzinfo=UTC)
    assert pm.locations == ("Los Gatos,California,United States of America",)
    assert [r.query for r in board_server.requests_to(path)] == [
        {"domain": "nightowl.example", "start": "0", "num": "2"},
        {"domain": "nightowl.example", "start": "2", "num": "2"},
    ]
    assert board_server.count(f"{path}/790400112244") == 0


async def test_amazon(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    board_server.serve_file("/en/search.json", "amazon_search.json")
    spec = SourceSpec("amazon", "generative ai", base_url=board_server.base_url, company="Amazon")
    result = await fetch_listings(spec, fetcher, classifier=AI)
    jobs = by_title(result.listings)
    scientist = jobs["Applied Scientist, Generative AI for Streaming"]
    assert pay(scientist) == (136_000, 260_000, "USD", "year", "base")
    assert scientist.external_id == "3190001"
    assert (
        scientist.url
        == f"{board_server.base_url}/en/jobs/3190001/applied-scientist-generative-ai-for-streaming"
    )
    assert scientist.posted_at == datetime(2026, 10, 20, tzinfo=UTC)
    assert scientist.locations == ("Culver City, California, USA",) and scientist.is_ai
    associate = jobs["Fulfillment Center Associate"]
    assert pay(associate) == (21.5, 24, "USD", "hour", "base") and not associate.is_ai
    (request,) = board_server.requests_to("/en/search.json")
    assert request.query == {
        "base_query": "generative ai",
        "offset": "0",
        "result_limit": "100",
        "sort": "recent",
    }


async def test_rss(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    board_server.serve_file("/jobs.rss", "rss_harborlights.xml")
    spec = SourceSpec("rss", board_server.url("/jobs.rss"))
    result = await fetch_listings(spec, fetcher, classifier=AI)
    ml, coordinator = result.listings
    assert ml.title == "Harbor Lights Studio: Machine Learning Engineer, Dubbing"
    assert ml.company == "Harbor Lights Studio: open roles"
    assert ml.external_id == ml.url == "https://careers.harborlights.example/jobs/ml-engineer-dubbing"
    assert ml.locations == ("USA Only", "United States", "California")
    assert ml.posted_at == datetime(2026, 10, 21, 18, 30, tzinfo=UTC)
    assert pay(ml) == (140_000, 175_000, "USD", "year", "base") and ml.is_ai
    assert pay(coordinator) == (32, 32, "USD", "hour", "base") and not coordinator.is_ai
    assert coordinator.locations == ("Anywhere in the World",)


async def test_rss_board_as_a_path_under_base_url(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    board_server.serve_file("/feeds/reelhouse.atom", "atom_reelhouse.xml")
    spec = SourceSpec("rss", "feeds/reelhouse.atom", base_url=board_server.base_url, company="Reelhouse")
    result = await fetch_listings(spec, fetcher)
    cv, editor = result.listings
    assert (cv.title, cv.external_id, cv.company) == (
        "Computer Vision Engineer, Visual Effects",
        "urn:reelhouse:role:5521",
        "Reelhouse",
    )
    assert cv.url == "https://jobs.reelhouse.example/roles/cv-engineer-vfx"
    assert cv.posted_at == datetime(2026, 10, 22, 16, 15, tzinfo=UTC)
    assert pay(cv) == (128_000, 168_000, "USD", "year", "base")
    assert editor.posted_at == datetime(2026, 10, 20, 17, 0, tzinfo=UTC)
    assert "Prep dailies" in editor.description


async def test_file_source(fetcher: HttpFetcher) -> None:
    spec = SourceSpec("file", str(BOARD_FIXTURES / "file_listings.json"))
    result = await fetch_listings(spec, fetcher, classifier=AI)
    head, painter = result.listings
    assert head.to_json() | {"source": "x"} == {
        "source": "x",
        "company": "Lantern Pictures",
        "external_id": "hand-001",
        "title": "Head of AI Strategy",
        "locations": ["Burbank, CA"],
        "url": "https://example.org/lantern/head-of-ai-strategy",
        "posted_at": "2026-10-19T16:00:00+00:00",
        "pay_min": 250000.0,
        "pay_max": 400000.0,
        "pay_currency": "USD",
        "pay_period": "year",
        "pay_kind": "total",
        "pay_varies": False,
        "is_ai": True,
    }
    assert pay(painter) == (48, 52, "USD", "hour", "base") and painter.posted_at is None


async def test_a_file_source_keeps_each_listings_own_company(tmp_path: Path, fetcher: HttpFetcher) -> None:
    """A hand-kept list may gather several studios' jobs; the source's company fills only the gaps."""
    listings = tmp_path / "listings.json"
    listings.write_text(
        '[{"external_id": "a", "title": "Grip", "company": "Kestrel Animation"},'
        ' {"external_id": "b", "title": "Gaffer"}]'
    )
    spec = SourceSpec("file", str(listings), company="Hand-kept list")
    result = await fetch_listings(spec, fetcher)
    assert [listing.company for listing in result.listings] == ["Kestrel Animation", "Hand-kept list"]


async def test_file_source_reads_a_feed_too(fetcher: HttpFetcher) -> None:
    spec = SourceSpec("file", str(BOARD_FIXTURES / "rss_harborlights.xml"), name="harbor")
    result = await fetch_listings(spec, fetcher)
    assert [listing.source for listing in result.listings] == ["harbor", "harbor"]


def test_every_board_type_is_registered() -> None:
    assert sorted(BOARD_TYPES) == sorted(
        ["greenhouse", "lever", "ashby", "smartrecruiters", "workday", "eightfold", "amazon", "rss", "file"]
    )


@pytest.mark.parametrize("name", sorted(p.name for p in BOARD_FIXTURES.iterdir() if p.suffix == ".json"))
def test_fixture_files_are_valid_json(name: str) -> None:
    import json

    assert json.loads((Path(BOARD_FIXTURES) / name).read_text(encoding="utf-8")) is not None
