"""check_board (behind `picketbot jobs check`) and the one-line listing format."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.jobs.check import check_board, format_listing_line, format_pay
from bot.jobs.classify import AIClassifier
from bot.jobs.listing import Listing
from bot.testing.fakes.jobboards import JobBoardServer


async def test_check_board_returns_only_ai_listings(board_server: JobBoardServer) -> None:
    board_server.serve_file("/v1/boards/lanternpictures/jobs", "greenhouse_lantern.json")
    found = await check_board("greenhouse", "lanternpictures", board_server.base_url, include_all=False)
    assert [listing.title for listing in found] == [
        "Machine Learning Engineer, Content Recommendations",
        "Research Scientist, LLMs",
    ]
    assert all(listing.is_ai for listing in found)


async def test_check_board_all_and_custom_classifier(board_server: JobBoardServer) -> None:
    board_server.serve_file("/v1/boards/lanternpictures/jobs", "greenhouse_lantern.json")
    lawyers = AIClassifier(title_terms=("counsel",), description_terms=(), threshold=1)
    everything = await check_board(
        "greenhouse", "lanternpictures", board_server.base_url, include_all=True, classifier=lawyers
    )
    assert len(everything) == 4
    assert [listing.title for listing in everything if listing.is_ai] == ["Corporate Counsel"]


async def test_check_board_with_details_for_all(board_server: JobBoardServer) -> None:
    path = "/api/apply/v2/jobs"
    board_server.serve_file(path, "eightfold_nightowl_page1.json", when={"start": 0})
    board_server.serve_file(path, "eightfold_nightowl_page2.json", when={"start": 2})
    board_server.serve_file(f"{path}/790400112233", "eightfold_nightowl_detail_pm.json")
    found = await check_board("eightfold", "nightowl.example", board_server.base_url, include_all=True)
    # --all: every listing gets its detail call (the two without a detail route fail quietly)
    assert len(found) == 3
    assert board_server.count(f"{path}/790400112244") == 1
    pm = next(listing for listing in found if listing.is_ai)
    assert format_pay(pm) == "$300,000–$900,000/yr (total)"


def listing(**changes: object) -> Listing:
    base: dict[str, object] = {
        "source": "eightfold:netflix.com",
        "company": "Nightowl",
        "external_id": "790400112233",
        "title": "Product Manager - Machine Learning Platform",
        "locations": ("Los Gatos, California",),
        "url": "https://careers.nightowl.example/careers/job/790400112233",
        "posted_at": datetime(2026, 10, 24, tzinfo=UTC),
        "pay_min": 300_000.0,
        "pay_max": 900_000.0,
        "pay_currency": "USD",
        "pay_period": "year",
        "pay_kind": "base",
    }
    base.update(changes)
    return Listing(**base)  # type: ignore[arg-type]


def test_format_listing_line() -> None:
    assert format_listing_line(listing()) == (
        "Nightowl — Product Manager - Machine Learning Platform — Los Gatos, California — "
        "$300,000–$900,000/yr (base) — https://careers.nightowl.example/careers/job/790400112233"
    )


def test_format_pay_variants() -> None:
    assert format_pay(listing(pay_min=45.0, pay_max=50.0, pay_period="hour")) == "$45–$50/hr (base)"
    assert format_pay(listing(pay_min=42.5, pay_max=55.0, pay_period="hour")) == "$42.50–$55/hr (base)"
    assert format_pay(listing(pay_max=300_000.0)) == "$300,000/yr (base)"
    assert format_pay(listing(pay_currency="GBP", pay_kind="total")) == "£300,000–£900,000/yr (total)"
    assert format_pay(listing(pay_currency="CAD")) == "CA$300,000–CA$900,000/yr (base)"
    assert format_pay(listing(pay_min=None)) == "up to $900,000/yr (base)"
    assert format_pay(listing(pay_varies=True)) == "$300,000–$900,000/yr (base, varies by location)"
    assert format_pay(listing(pay_min=None, pay_max=None)) == "pay not listed"


def test_format_listing_line_without_extras() -> None:
    bare = listing(
        locations=("A", "B", "C", "D"), url="", pay_min=None, pay_max=None, title="Grip\nwith a newline"
    )
    assert format_listing_line(bare) == "Nightowl — Grip with a newline — A; B (+2 more) — pay not listed"
