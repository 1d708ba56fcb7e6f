"""HttpFetcher against a real local server: politeness, caps and failures."""

from __future__ import annotations

import asyncio
import hashlib
import socket
from datetime import UTC, datetime

import pytest

from bot.jobs.errors import (
    BodyTooLarge,
    FetchConnectionError,
    FetchTimeout,
    HttpStatusError,
    MalformedResponse,
    NotModified,
    RetryLater,
)
from bot.jobs.fetch.http import USER_AGENT, HttpFetcher, parse_retry_after
from bot.jobs.fetch.sessions import Sessions
from bot.testing.fakes.jobboards import JobBoardServer

PATH = "/v1/boards/lanternpictures/jobs"


async def test_get_names_the_bot_and_hashes_the_body(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    board_server.serve_file(PATH, "greenhouse_lantern.json")
    response = await fetcher.get(board_server.url(PATH), params={"content": "true"})
    expected = (board_server.fixtures / "greenhouse_lantern.json").read_bytes()
    assert response.status == 200
    assert response.body == expected
    assert response.sha256 == hashlib.sha256(expected).hexdigest()
    assert len(response.json()["jobs"]) == 4
    (request,) = board_server.requests_to(PATH)
    assert request.headers["User-Agent"] == USER_AGENT
    assert request.query == {"content": "true"}


async def test_conditional_get_with_etag(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    board_server.serve_file(PATH, "greenhouse_lantern.json", etag='"v1"')
    url = board_server.url(PATH)
    await fetcher.get(url, conditional=True)
    with pytest.raises(NotModified):
        await fetcher.get(url, conditional=True)
    unconditional = await fetcher.get(url)
    first, second, third = board_server.requests_to(PATH)
    assert "If-None-Match" not in first.headers
    assert second.headers["If-None-Match"] == '"v1"'
    assert "If-None-Match" not in third.headers
    assert unconditional.status == 200
    # A new version gets served in full again.
    board_server.serve_file(PATH, "lever_kestrel.json", etag='"v2"')
    changed = await fetcher.get(url, conditional=True)
    assert changed.json()[0]["text"] == "Senior Data Scientist, Audience Modeling"


async def test_conditional_get_with_last_modified(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    stamp = "Wed, 21 Oct 2026 07:28:00 GMT"
    board_server.serve_file("/feed.xml", "rss_harborlights.xml", last_modified=stamp)
    await fetcher.get(board_server.url("/feed.xml"), conditional=True)
    assert fetcher.validators[board_server.url("/feed.xml")].last_modified == stamp
    with pytest.raises(NotModified):
        await fetcher.get(board_server.url("/feed.xml"), conditional=True)
    fetcher.forget(board_server.url("/feed.xml"))
    again = await fetcher.get(board_server.url("/feed.xml"), conditional=True)
    assert again.status == 200


async def test_validators_can_be_handed_over(board_server: JobBoardServer) -> None:
    board_server.serve_file(PATH, "greenhouse_lantern.json", etag='"v1"')
    url = board_server.url(PATH)
    async with HttpFetcher(timeout=5) as first:
        await first.get(url, conditional=True)
        saved = first.validators
    async with HttpFetcher(timeout=5, validators=saved) as second:
        with pytest.raises(NotModified):
            await second.get(url, conditional=True)


@pytest.mark.parametrize("status", [404, 500])
async def test_error_statuses(board_server: JobBoardServer, fetcher: HttpFetcher, status: int) -> None:
    board_server.fail(PATH, "status", status=status)
    with pytest.raises(HttpStatusError) as caught:
        await fetcher.get(board_server.url(PATH))
    assert caught.value.status == status
    assert str(caught.value) == f"HTTP {status} ({board_server.url(PATH)})"


async def test_unknown_route_is_404(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    with pytest.raises(HttpStatusError, match="HTTP 404"):
        await fetcher.get(board_server.url("/nothing/here"))


@pytest.mark.parametrize(
    ("status", "header", "seconds"),
    [(429, "17", 17.0), (429, None, 60.0), (503, "120", 120.0)],
)
async def test_retry_after(
    board_server: JobBoardServer, fetcher: HttpFetcher, status: int, header: str | None, seconds: float
) -> None:
    board_server.fail(PATH, "retry_after", status=status, retry_after=header)
    with pytest.raises(RetryLater) as caught:
        await fetcher.get(board_server.url(PATH))
    assert (caught.value.status, caught.value.seconds) == (status, seconds)


async def test_503_without_retry_after_is_a_plain_error(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    board_server.fail(PATH, "retry_after", status=503, retry_after=None)
    with pytest.raises(HttpStatusError, match="HTTP 503"):
        await fetcher.get(board_server.url(PATH))


def test_retry_after_as_a_date() -> None:
    now = datetime(2026, 10, 26, 15, 0, tzinfo=UTC)
    assert parse_retry_after("Mon, 26 Oct 2026 15:02:00 GMT", now) == 120.0
    assert parse_retry_after("Mon, 26 Oct 2026 14:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) == 60.0
    assert parse_retry_after("999999999", now) == 24 * 3600.0


async def test_failure_then_recovery(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    board_server.serve_file(PATH, "greenhouse_lantern.json")
    board_server.fail(PATH, "status", status=502, times=1)
    with pytest.raises(HttpStatusError):
        await fetcher.get(board_server.url(PATH))
    assert (await fetcher.get(board_server.url(PATH))).status == 200


async def test_hang_times_out(board_server: JobBoardServer) -> None:
    board_server.fail(PATH, "hang")
    async with HttpFetcher(timeout=0.3) as fetcher:
        with pytest.raises(FetchTimeout, match=r"timed out after 0\.3 s"):
            await fetcher.get(board_server.url(PATH))


async def test_malformed_json(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    board_server.fail(PATH, "malformed")
    response = await fetcher.get(board_server.url(PATH))
    with pytest.raises(MalformedResponse, match="malformed JSON") as caught:
        response.json()
    assert "\n" not in str(caught.value)


async def test_deeply_nested_json_is_malformed_not_a_crash(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    board_server.serve_body(PATH, b"[" * 200_000, "application/json")
    response = await fetcher.get(board_server.url(PATH))
    with pytest.raises(MalformedResponse):
        response.json()


@pytest.mark.parametrize("mode", ["huge", "huge_declared"])
async def test_body_size_cap(board_server: JobBoardServer, fetcher: HttpFetcher, mode: str) -> None:
    board_server.fail(PATH, mode)  # type: ignore[arg-type]
    with pytest.raises(BodyTooLarge, match="larger than 5,242,880 bytes"):
        await fetcher.get(board_server.url(PATH))
    # The fetcher still works afterwards.
    board_server.clear_failures()
    board_server.serve_json(PATH, {"jobs": []})
    assert (await fetcher.get(board_server.url(PATH))).json() == {"jobs": []}


async def test_small_cap_applies_to_normal_bodies(board_server: JobBoardServer) -> None:
    board_server.serve_file(PATH, "greenhouse_lantern.json")
    async with HttpFetcher(timeout=5, max_bytes=1_000) as fetcher:
        with pytest.raises(BodyTooLarge):
            await fetcher.get(board_server.url(PATH))


async def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with HttpFetcher(timeout=5) as fetcher:
        with pytest.raises(FetchConnectionError, match="connection failed"):
            await fetcher.get(f"http://127.0.0.1:{port}/jobs")


async def test_per_host_concurrency_limit(board_server: JobBoardServer) -> None:
    for number in range(6):
        board_server.serve_json(f"/slow/{number}", {"n": number}, delay=0.05)
    async with HttpFetcher(timeout=5, per_host_limit=2) as fetcher:
        results = await asyncio.gather(
            *(fetcher.get(board_server.url(f"/slow/{number}")) for number in range(6))
        )
    assert [result.json()["n"] for result in results] == list(range(6))
    assert board_server.peak_concurrency == 2


async def test_post_json_sends_the_payload(board_server: JobBoardServer, fetcher: HttpFetcher) -> None:
    board_server.serve_file("/wday/cxs/t/s/jobs", "workday_castlelight_page1.json", method="POST")
    response = await fetcher.post_json(board_server.url("/wday/cxs/t/s/jobs"), {"offset": 0, "limit": 20})
    assert response.json()["total"] == 3
    (request,) = board_server.requests_to("/wday/cxs/t/s/jobs", "POST")
    assert request.json == {"offset": 0, "limit": 20}


async def test_shared_sessions_are_not_closed(board_server: JobBoardServer) -> None:
    board_server.serve_json(PATH, {"jobs": []})
    sessions = Sessions()
    try:
        async with HttpFetcher(sessions, timeout=5) as fetcher:
            await fetcher.get(board_server.url(PATH))
        assert not sessions.session(public_only=False).closed
    finally:
        await sessions.close()
