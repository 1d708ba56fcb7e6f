"""Which addresses a fetch may reach, over real connections to the local fake board.

The fake listens on 127.0.0.1, so it stands for every non-public address: a
public-only fetch (a source added in chat) must never reach it, however the
address is spelt or whichever redirect leads there. Nothing here sends a
packet beyond loopback: the refused addresses are refused before connecting.
"""

from __future__ import annotations

import ipaddress

import pytest
from yarl import URL

from bot.jobs.errors import AddressRefused, RedirectRefused
from bot.jobs.fetch.addresses import is_public, literal_address
from bot.jobs.fetch.http import HttpFetcher
from bot.jobs.fetch.sessions import Sessions, Trail
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.fakes.names import MapResolver

PATH = "/v1/boards/lantern/jobs"
NOT_PUBLIC = [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "224.0.0.1", "233.252.0.1", "0.0.0.0", "255.255.255.255", "240.0.0.1", "192.0.2.1",
    "198.18.0.1", "::", "::1", "fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "64:ff9b::7f00:1",
    "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "2002:7f00:1::1", "2002:a00:1::1",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2", "::127.0.0.1", "2001:db8::1",
]  # fmt: skip
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]


@pytest.mark.parametrize("text", NOT_PUBLIC)
def test_non_public_addresses(text: str) -> None:
    assert not is_public(ipaddress.ip_address(text))


@pytest.mark.parametrize("text", PUBLIC)
def test_public_addresses(text: str) -> None:
    assert is_public(ipaddress.ip_address(text))


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),  # one decimal number
        ("0x7f.1", "127.0.0.1"),  # hex and a short form
        ("0177.0.0.1", "127.0.0.1"),  # octal
        ("127.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1"),
        ("::1", "::1"),
        ("jobs.example", None),
        ("deadbeef", None),
    ],
)
def test_ip_literals_in_every_spelling(host: str, address: str | None) -> None:
    found = literal_address(host)
    assert (str(found) if found else None) == (str(ipaddress.ip_address(address)) if address else None)


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "127.0.0.1.", "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]",
     "localhost", "LocalHost"],
)  # fmt: skip
async def test_a_public_only_fetch_never_reaches_loopback(board_server: JobBoardServer, host: str) -> None:
    board_server.serve_json(PATH, {"jobs": []})
    async with HttpFetcher(public_only=True, timeout=5) as fetcher:
        with pytest.raises(AddressRefused) as caught:
            await fetcher.get(f"http://{host}:{board_server.port}{PATH}")
    assert caught.value.kind == "address not allowed"
    assert board_server.requests == []


async def test_a_public_only_fetch_never_reaches_the_metadata_service() -> None:
    async with HttpFetcher(public_only=True, timeout=5) as fetcher:
        with pytest.raises(AddressRefused, match=r"169\.254\.169\.254, not a public address"):
            await fetcher.get("http://169.254.169.254/latest/meta-data/")


async def test_a_public_looking_name_that_resolves_to_loopback_is_refused(
    board_server: JobBoardServer,
) -> None:
    board_server.serve_json(PATH, {"jobs": []})
    names = MapResolver({"jobs.lantern.example": "127.0.0.1"})
    url = f"http://jobs.lantern.example:{board_server.port}{PATH}"
    sessions = Sessions(names)
    try:
        async with HttpFetcher(sessions, public_only=True, timeout=5) as chat_source:
            with pytest.raises(AddressRefused, match=r"jobs\.lantern\.example has no public address"):
                await chat_source.get(url)
        assert board_server.requests == []
        # The same name for the operator's own source: the lookup works, so the refusal was the check.
        async with HttpFetcher(sessions, timeout=5) as operator_source:
            assert (await operator_source.get(url)).json() == {"jobs": []}
        assert len(board_server.requests) == 1
        # The operator's open connection to that address is never lent to a chat source.
        async with HttpFetcher(sessions, public_only=True, timeout=5) as chat_again:
            with pytest.raises(AddressRefused):
                await chat_again.get(url)
        assert len(board_server.requests) == 1
    finally:
        await sessions.close()


async def test_a_redirect_on_the_same_host_is_followed(board_server: JobBoardServer) -> None:
    board_server.serve_json(PATH, {"jobs": [1]})
    board_server.redirect("/old", PATH, status=301)
    async with HttpFetcher(timeout=5) as fetcher:
        response = await fetcher.get(board_server.url("/old"))
    assert response.json() == {"jobs": [1]} and response.url == board_server.url("/old")
    assert [request.path for request in board_server.requests] == ["/old", PATH]


@pytest.mark.parametrize(
    "location",
    [
        "http://localhost:{port}" + PATH,  # another host, resolving to loopback
        "http://[::1]:{port}" + PATH,
        "http://169.254.169.254/latest/meta-data/",
        "http://2130706433:{port}" + PATH,
        "http://10.0.0.1/admin",
    ],
)
async def test_a_redirect_never_moves_to_another_non_public_host(
    board_server: JobBoardServer, location: str
) -> None:
    board_server.serve_json(PATH, {"jobs": []})
    board_server.redirect("/start", location.format(port=board_server.port))
    async with HttpFetcher(timeout=5) as fetcher:
        with pytest.raises(AddressRefused, match="address not allowed"):
            await fetcher.get(board_server.url("/start"))
    assert [request.path for request in board_server.requests] == ["/start"]


async def test_redirect_loops_and_odd_schemes_are_refused(board_server: JobBoardServer) -> None:
    board_server.redirect("/loop", "/loop")
    board_server.redirect("/ftp", "ftp://files.example/jobs.xml")
    board_server.redirect("/file", "file:///etc/passwd")
    async with HttpFetcher(timeout=5) as fetcher:
        with pytest.raises(RedirectRefused, match="more than 5 redirects"):
            await fetcher.get(board_server.url("/loop"))
        for path in ("/ftp", "/file"):
            with pytest.raises(RedirectRefused, match="not an http"):
                await fetcher.get(board_server.url(path))
    assert board_server.count("/loop") == 6


def test_the_rule_for_each_hop() -> None:
    """Which hops must stay public: the decision the fetcher makes before each request."""
    operator = Trail(public_only=False, original="http://boards.internal/jobs")
    assert operator.check(URL("http://boards.internal/jobs")) is False  # the operator's own may be private
    operator.arrived(URL("http://boards.internal/jobs"), "10.0.0.5")
    assert operator.check(URL("https://boards.internal/v2/jobs")) is False  # same host, still private
    assert operator.check(URL("http://elsewhere.example/jobs")) is True  # another host: public only
    with pytest.raises(AddressRefused):
        operator.check(URL("http://192.168.0.9/jobs"))

    # Once a hop reached a public address, no later hop may reach a non-public one, even
    # on the same host (a name that now resolves to a private address: DNS rebinding).
    public_first = Trail(public_only=False, original="http://jobs.example/feed")
    public_first.arrived(URL("http://jobs.example/feed"), "93.184.216.34")
    assert public_first.check(URL("http://jobs.example/next")) is True
    with pytest.raises(AddressRefused):
        public_first.check(URL("http://127.0.0.1/next"))

    # A hop whose peer cannot be told counts as public: the stricter rule holds after it.
    unknown = Trail(public_only=False, original="http://boards.internal/jobs")
    unknown.arrived(URL("http://boards.internal/jobs"), None)
    assert unknown.check(URL("http://boards.internal/next")) is True

    chat = Trail(public_only=True, original="http://jobs.example/feed")
    assert chat.check(URL("http://jobs.example/feed")) is True
    with pytest.raises(AddressRefused):
        chat.check(URL("http://[::ffff:a9fe:a9fe]/latest/meta-data/"))
