"""A name lookup for tests: made-up public-looking names that lead to loopback.

Without internet a test cannot own a public name, so this stands in for DNS
(aiohttp's resolver, a base dependency): ``jobs.lantern.example`` can be
made to answer 127.0.0.1, which is how a hostile name pointing at the bot's
own machine looks. The address check that wraps it is the real one.
"""

from __future__ import annotations

import socket

from aiohttp.abc import AbstractResolver, ResolveResult


class MapResolver(AbstractResolver):
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.lookups: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.lookups.append(host)
        address = self.names.get(host.rstrip(".").lower())
        if address is None:
            raise OSError(f"no such name in the test's map: {host}")
        kind = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [{"hostname": host, "host": address, "port": port, "family": kind, "proto": 0, "flags": 0}]

    async def close(self) -> None:
        pass
