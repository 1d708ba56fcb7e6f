"""The HTTP sessions fetches go through, and the rule each request hop obeys.

Two aiohttp sessions share one resolver: one reaches any address (the
operator's own sources), the other only public ones (its resolver is a
``PublicOnlyResolver``). Keeping them apart means a connection opened to a
private address for the operator is never reused for a request that must
stay public.

``Trail`` decides, hop by hop, whether a request must stay public:

- a chat-added source (``public_only``): every hop, redirects included;
- an operator's source: the first hop may go anywhere; a redirect may stay
  on the same host, and once any hop reached a public address, every later
  hop must too (a redirect never moves from public to non-public). A
  redirect to another host must be public.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiohttp
from aiohttp.abc import AbstractResolver
from aiohttp.resolver import DefaultResolver
from yarl import URL

from bot.jobs.errors import AddressRefused, RedirectRefused
from bot.jobs.fetch.addresses import PublicOnlyResolver, is_public, is_public_text, literal_address

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5


class Sessions:
    """The any-address and public-only sessions, made on first use, closed together.

    ``resolver`` replaces aiohttp's default name lookup (tests hand in one
    that maps made-up names to loopback); the public-only check wraps it.
    """

    def __init__(self, resolver: AbstractResolver | None = None) -> None:
        self._resolver = resolver
        self._owns_resolver = resolver is None
        self._any: aiohttp.ClientSession | None = None
        self._public: aiohttp.ClientSession | None = None

    def session(self, *, public_only: bool) -> aiohttp.ClientSession:
        if self._resolver is None:
            self._resolver = DefaultResolver()
        if public_only:
            if self._public is None or self._public.closed:
                self._public = _session(PublicOnlyResolver(self._resolver))
            return self._public
        if self._any is None or self._any.closed:
            self._any = _session(self._resolver)
        return self._any

    async def close(self) -> None:
        for session in (self._any, self._public):
            if session is not None:
                await session.close()
        self._any = self._public = None
        if self._owns_resolver and self._resolver is not None:
            await self._resolver.close()
            self._resolver = None


def _session(resolver: AbstractResolver) -> aiohttp.ClientSession:
    # trust_env stays off: no proxy from the environment can route around the check.
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(resolver=resolver))


def host_key(url: URL) -> str:
    return (url.host or "").rstrip(".").lower()


@dataclass
class Trail:
    """One request and its redirects: where it has been, what the next hop may reach."""

    public_only: bool
    original: str
    host: str | None = None
    reached_public: bool = False

    def must_be_public(self, target: URL) -> bool:
        if self.public_only or self.reached_public:
            return True
        return self.host is not None and host_key(target) != self.host

    def check(self, target: URL) -> bool:
        """Whether ``target`` must be reached over the public-only session.

        A host written as an IP never goes through the resolver, so it is
        checked here; a name is checked by the public-only resolver.
        """
        public = self.must_be_public(target)
        address = literal_address(target.host or "")
        if public and address is not None and not is_public(address):
            why = "a redirect" if self.host is not None else "this source"
            raise AddressRefused(
                self.original, f"address not allowed: {why} may not reach {address}, not a public address"
            )
        return public

    def arrived(self, target: URL, peer: str | None) -> None:
        """Note the hop just answered; ``peer`` is the address it connected to."""
        self.host = host_key(target)
        # Unknown peer: counted as public, so the stricter rule holds from here on.
        self.reached_public |= peer is None or is_public_text(peer)


def peer_address(response: aiohttp.ClientResponse) -> str | None:
    """The IP address a response came from, or None when that cannot be told.

    A redirect usually has no body, and aiohttp hands its connection back to
    the pool before ``request`` returns (``response.connection`` is then
    None); the protocol it came over still knows its transport while the
    connection stays open. aiohttp offers no public way to it, hence the
    ``getattr``; a test of same-host redirects notices if that changes, and
    pyproject.toml keeps aiohttp to the minors that test passed on.
    """
    connection = response.connection
    protocol = connection.protocol if connection is not None else getattr(response, "_protocol", None)
    transport = getattr(protocol, "transport", None)
    peer = transport.get_extra_info("peername") if transport is not None else None
    return str(peer[0]) if isinstance(peer, tuple) and peer else None


def next_hop(trail: Trail, current: URL, location: str) -> URL:
    """The URL a redirect's Location names, refused when it is not http(s)."""
    try:
        target = current.join(URL(location))
    except ValueError:
        target = URL()
    if target.scheme not in ("http", "https") or not target.host:
        raise RedirectRefused(trail.original, "redirected to something that is not an http(s) address")
    return target
