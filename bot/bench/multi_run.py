"""Several `picketbot run` processes on one PostgreSQL, each serving Discord HTTP interactions.

Shared by the multi-instance bench (`multi_instance`) and the multi-process
reliability test: start an instance on the local fake Discord, wait until its
public listener answers, and send signed clicks spread over the instances,
all at once, each over kept-alive connections (`storm_client`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from bot.bench.storm_client import Sent, StormClient, Target, render_post
from bot.testing.fakes.discord import DEFAULT_GUILD_ID, FakeDiscord, SentInteraction

CONNECTIONS_EACH = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _folder(work: Path) -> None:
    """The instance's folder, with its picketbot.toml."""
    work.mkdir(parents=True)
    (work / "picketbot.toml").write_text(f'[discord]\nallowed_guilds = ["{DEFAULT_GUILD_ID}"]\n')


def child_env(**extra: str) -> dict[str, str]:
    """This environment without any bot settings or tokens, no job polling, and `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PICKETBOT_", "DISCORD_", "SLACK_"))}
    env["PICKETBOT_POLLER"] = "off"
    env.update(extra)
    return env


@dataclass
class Instance:
    """One `picketbot run` on the shared database, with its public and health ports."""

    process: asyncio.subprocess.Process
    public_port: int
    http_port: int
    log: list[str] = field(default_factory=list)
    reader: asyncio.Task[None] | None = None

    @classmethod
    async def start(cls, fake: FakeDiscord, address: str, work: Path) -> Instance:
        public_port, http_port = free_port(), free_port()
        _folder(work)
        env = child_env(
            PICKETBOT_DB=address,
            DISCORD_TOKEN=fake.token,
            DISCORD_API_BASE=fake.api_base,
            DISCORD_GATEWAY_URL=fake.gateway_url,
            DISCORD_PUBLIC_KEY=fake.public_key,
            PICKETBOT_PUBLIC_PORT=str(public_port),
            PICKETBOT_HTTP_PORT=str(http_port),
            PICKETBOT_LEASE_SECONDS="6",
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, cwd=work,
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        instance = cls(process, public_port, http_port)
        instance.reader = asyncio.create_task(instance._read())
        return instance

    async def _read(self) -> None:
        assert self.process.stderr is not None
        while line := await self.process.stderr.readline():
            self.log.append(line.decode(errors="replace").rstrip())

    @property
    def target(self) -> Target:
        return Target("127.0.0.1", self.public_port, "/discord/interactions")

    async def get(self, path: str) -> str:
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{self.http_port}{path}") as answer,
        ):
            return await answer.text()

    async def role(self) -> str:
        try:
            return str(json.loads(await self.get("/healthz"))["role"])
        except (aiohttp.ClientError, ValueError, KeyError):
            return "unreachable"

    async def stop(self) -> None:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
        if self.reader is not None:
            await self.reader


def ping(fake: FakeDiscord, number: int) -> SentInteraction:
    payload: dict[str, object] = {
        "id": str(number),
        "type": 1,
        "application_id": str(fake.app_id),
        "token": f"ping{number}",
        "version": 1,
    }
    return SentInteraction(str(number), f"ping{number}", payload)


async def until_listening(fake: FakeDiscord, instance: Instance, base: int) -> None:
    async with asyncio.timeout(120):
        for attempt in range(10_000):
            assert instance.process.returncode is None, instance.log[-5:]
            request = render_post(instance.target, *fake.signed_interaction(ping(fake, base - attempt)))
            with contextlib.suppress(OSError):  # not listening yet
                async with StormClient(instance.target, 1, timeout=5) as client:
                    if await client.warm([request]) == [200]:
                        return
            await asyncio.sleep(0.2)


async def storm(
    fake: FakeDiscord, instances: list[Instance], sent: list[SentInteraction], answered: Counter[str]
) -> list[Sent | None]:
    """Every click at once, click i to instance i mod n; `answered` counts answers as they come.

    The clicks are signed and rendered, and every connection opened, before the first is sent.
    Returns each click's fate (None: its instance could not be reached at all)."""
    for each in sent:
        fake.begin_post(each)
    shares = [list(range(n, len(sent), len(instances))) for n in range(len(instances))]
    rendered = [
        [render_post(instance.target, *fake.signed_interaction(sent[i])) for i in share]
        for instance, share in zip(instances, shares, strict=True)
    ]
    fates: list[Sent | None] = [None] * len(sent)
    async with contextlib.AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(StormClient(instance.target, CONNECTIONS_EACH, timeout=30))
            for instance in instances
        ]

        async def one(client: StormClient, share: list[int], requests: list[bytes]) -> None:
            def on_answer(index: int, status: int, content_type: str, body: bytes, at: float) -> None:
                fake.take_posted_answer(sent[share[index]], status, content_type, body.decode(), at=at)
                answered["all"] += 1

            for result in await client.storm(requests, on_answer):
                fates[share[result.index]] = result

        await asyncio.gather(*(one(c, sh, r) for c, sh, r in zip(clients, shares, rendered, strict=True)))
    for click, fate in zip(sent, fates, strict=True):
        if fate is None or fate.answered_at is None:  # never answered: no longer awaited
            fake.take_posted_answer(click, 0, "", "")
    return fates
