"""Which network addresses a fetch may reach.

A source added in chat may only reach public addresses: a chat message must
not make the bot call its own machine, the private network it sits in, or a
cloud's metadata service at 169.254.169.254. ``is_public`` says which
addresses count; ``literal_address`` reads an IP written in a URL's host,
old spellings included (``2130706433``, ``0x7f.1``, ``0177.0.0.1`` are all
127.0.0.1 to the socket layer); ``PublicOnlyResolver`` wraps aiohttp's
resolver so a name is answered with its public addresses only, and the
connection goes to exactly those (no second lookup, so no DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network

from aiohttp.abc import AbstractResolver, ResolveResult

IPAddress = IPv4Address | IPv6Address

_CGNAT = IPv4Network("100.64.0.0/10")
# Blocks ipaddress's is_global does not rule out on every Python version.
_NOT_PUBLIC_V4 = tuple(
    IPv4Network(block)
    for block in ("0.0.0.0/8", "192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15", "198.51.100.0/24",
                  "203.0.113.0/24", "240.0.0.0/4")
)  # fmt: skip
_NAT64 = IPv6Network("64:ff9b::/96")  # well-known prefix: the last 32 bits are an IPv4 address
_NOT_PUBLIC_V6 = tuple(
    IPv6Network(block)
    for block in ("64:ff9b:1::/48", "100::/64", "2001::/32", "2001:db8::/32", "fc00::/7", "fec0::/10")
)  # fmt: skip
# Hosts that the socket layer reads as IPv4 although ipaddress does not:
# one to four parts, each decimal, octal (leading 0) or hex (0x).
_LEGACY_V4 = re.compile(r"(?:0[xX][0-9A-Fa-f]*|[0-9]+)(?:\.(?:0[xX][0-9A-Fa-f]*|[0-9]+)){0,3}")


def embedded_v4(address: IPv6Address) -> IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped, NAT64, 6to4), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def is_public(address: IPAddress) -> bool:
    """True for an address on the public internet.

    Refused: loopback, private, link-local (cloud metadata), CGNAT,
    multicast, unspecified, reserved and documentation ranges, unique-local
    and site-local IPv6, Teredo, and any IPv6 form of a refused IPv4 address.
    """
    if isinstance(address, IPv6Address):
        inner = embedded_v4(address)
        if inner is not None:
            return is_public(inner)
        if address.scope_id or any(address in block for block in _NOT_PUBLIC_V6):
            return False
    elif address in _CGNAT or any(address in block for block in _NOT_PUBLIC_V4):
        return False
    refused = (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
    )
    return not refused and address.is_global


def parse_address(text: str) -> IPAddress | None:
    """``text`` as an IP address (an IPv6 scope allowed), or None."""
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def literal_address(host: str) -> IPAddress | None:
    """The IP address a URL's host names directly, in any spelling; None for a name."""
    bare = host.strip().removeprefix("[").removesuffix("]")
    if bare.endswith(".") and not bare.endswith(".."):
        bare = bare[:-1]  # "127.0.0.1." is still 127.0.0.1 to a resolver
    found = parse_address(bare)
    if found is not None or not _LEGACY_V4.fullmatch(bare):
        return found
    try:
        return IPv4Address(socket.inet_aton(bare))
    except OSError:
        return None


def is_public_text(text: str) -> bool:
    address = parse_address(text)
    return address is not None and is_public(address)


class AddressNotPublic(OSError):
    """A name resolved to no public address (raised inside aiohttp's connector)."""

    def __init__(self, host: str) -> None:
        super().__init__(f"{host} has no public address")
        self.host = host


class PublicOnlyResolver(AbstractResolver):
    """Answers a lookup with the public addresses only; none is an error.

    aiohttp connects to the addresses a resolver returns, so what was checked
    here is exactly what is connected to.
    """

    def __init__(self, inner: AbstractResolver) -> None:
        self._inner = inner

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self._inner.resolve(host, port, family)
        kept = [result for result in found if is_public_text(result["host"])]
        if not kept:
            raise AddressNotPublic(host)
        return kept

    async def close(self) -> None:
        """The inner resolver is shared and closed by its owner."""
