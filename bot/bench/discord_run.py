"""One Discord sign-up storm, end to end: a real ``picketbot run`` and the local fake Discord.

The bot runs as a child process (``python -m bot run``) with the fake's
URLs and token, on a database prepared here with one site and one shift
posted live in the fake's channel. Once the shift's post has arrived, every
member clicks its Sign-up button at once:

- ``http``: the clicks are signed and POSTed to ``/discord/interactions`` on
  the bot's public listener (``DISCORD_PUBLIC_KEY`` set; no gateway), all
  at once, by a sender that costs little (`storm_client`: signed before the
  storm, raw HTTP/1.1 over connections already open); the answer is the
  HTTP response;
- ``gateway``: the clicks are INTERACTION_CREATE dispatches on the bot's
  gateway connection, sent one after another as fast as the socket takes
  them; the answer is the bot's callback request.

A click's time is from the first click of the storm to its first response
(the answer, or a defer whose follow-up is then awaited); "late" is a click
whose first response came more than 3 s after it was sent (Discord shows
those as failed), or never. The fake runs in this process, the bot in its
own, so their CPU is not mixed.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import signal
import socket
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from bot.app import open_app
from bot.bench.startup import bot_env
from bot.bench.storm_client import StormClient, Target, render_post
from bot.config.loading import load_config
from bot.testing.fakes.discord import DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, FakeDiscord, SentInteraction
from bot.testing.fakes.discord.model import PendingInteraction
from commands.context import Actor, Channel
from commands.roles import Role

HTTP = "http"
GATEWAY = "gateway"
#: Discord's limit for a first response.
LIMIT_SECONDS = 3.0
FIRST_MEMBER_ID = 1_150_000_000_000_000_000
SITE_TZ = ZoneInfo("America/Los_Angeles")
DAYS_AHEAD = 10
START_TIMEOUT = 120.0
#: Waiting for every answer, follow-up and the post's last edit (a figure beyond it is a failure).
SETTLE_TIMEOUT = 120.0
#: How long the fake waits for one HTTP answer: longer than Discord's 3 s, so late ones are
#: measured rather than cut off (they still count as late).
HTTP_ANSWER_TIMEOUT = 30.0
#: Connections the fake keeps open to the bot's endpoint. Discord's senders keep connections
#: alive; 2,000 connections opened at once would measure the kernel's accept queue instead.
HTTP_CONNECTIONS = 200
#: Ids of the PINGs that warm the storm's connections (below the members' ids, clear of the
#: readiness PINGs counting down from them).
WARM_PING_BASE = FIRST_MEMBER_ID - 1_000_000
STOP_TIMEOUT = 30.0
POLL_SECONDS = 0.02


@dataclass(frozen=True)
class Storm:
    path: str
    members: int
    #: First click to each click's first response, in seconds (answered clicks only).
    latencies: list[float]
    #: First click to the last first response.
    seconds: float
    #: Answered more than 3 s after being sent, or not at all.
    late: int
    unanswered: int
    confirmed_replies: int
    waitlisted_replies: int
    confirmed_rows: int
    waitlisted_rows: int
    #: The counts line of the shift's live post once it settled ("1000/1000 places · 1000 waiting").
    post_counts: str

    @property
    def answers_per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds > 0 else 0.0


async def one_storm(path: str, members: int, work: Path) -> Storm:
    db = work / "bot.db"
    places = members // 2
    port = _free_port()
    with _workspace(work, port) as errors:
        await _prepare(db, places)
        async with FakeDiscord() as fake:
            child = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", env=_env(fake, db, path, port), cwd=work,
                stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=errors,
            )  # fmt: skip
            try:
                post_id = await _started(fake, child, work, path)
                signup = _signup_id(fake, post_id)
                sent = [
                    fake.build_interaction(custom_id=signup, user_id=FIRST_MEMBER_ID + i, message_id=post_id)
                    for i in range(members)
                ]
                await _click(fake, path, sent)
                storm = await _settled(fake, path, sent, post_id, final_counts(members))
            finally:
                await _stop(child)
    confirmed, waitlisted = await asyncio.to_thread(_rows, db)
    return replace(storm, confirmed_rows=confirmed, waitlisted_rows=waitlisted)


def final_counts(members: int) -> str:
    """The live post's counts line once every member has clicked: half in, half waiting."""
    places = members // 2
    return f"{places}/{places} places · {members - places} waiting"


async def _prepare(db: Path | str, places: int) -> None:
    """A site and one shift of `places`, created in the fake's channel: its live post is queued."""
    app = await open_app(load_config(db_path=str(db), env={}), seed_facts=False)
    try:
        organizer = Actor("discord", "1", "Bench Organizer", Role.ORGANIZER)
        channel = Channel("discord", str(DEFAULT_CHANNEL_ID), "picket-line")
        # Far enough ahead that no reminder falls due during the storm.
        day = app.services.clock().astimezone(SITE_TZ).date() + timedelta(days=DAYS_AHEAD)
        for line in (
            '/picket site add "Bench Gate" tz=America/Los_Angeles',
            f'/picket shift add "Bench Gate" {day.isoformat()} 09:00 12:00 capacity={places}',
        ):
            reply = await app.dispatcher.handle_text(organizer, channel, line)
            if reply.is_error:
                raise RuntimeError(f"bench set-up failed: {line}: {reply.text}")
    finally:
        await app.close()


def _workspace(work: Path, port: int) -> BinaryIO:
    """The bot's folder with its picketbot.toml; the file its standard error goes to."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "picketbot.toml").write_text(_toml(port), encoding="utf-8")
    return (work / "stderr.txt").open("wb")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _toml(port: int) -> str:
    return (
        f'[discord]\nallowed_guilds = ["{DEFAULT_GUILD_ID}"]\n\n'
        f'[http]\npublic_host = "127.0.0.1"\npublic_port = {port}\n'
    )


def _env(fake: FakeDiscord, db: Path, path: str, port: int) -> dict[str, str]:
    env = bot_env(db)
    env.update(
        DISCORD_TOKEN=fake.token,
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
        PICKETBOT_POLLER="off",
        PICKETBOT_LOG_LEVEL="WARNING",
    )
    if path == HTTP:
        env["DISCORD_PUBLIC_KEY"] = fake.public_key
        fake.interactions_endpoint_url = f"http://127.0.0.1:{port}/discord/interactions"
    return env


async def _started(fake: FakeDiscord, child: asyncio.subprocess.Process, work: Path, path: str) -> str:
    """The live post's message id, once the bot has sent it (and, over HTTP, listens)."""
    route = f"/channels/{DEFAULT_CHANNEL_ID}/messages"
    waiting = asyncio.ensure_future(fake.wait_for_request("POST", route, timeout=START_TIMEOUT))
    exited = asyncio.ensure_future(child.wait())
    done, _ = await asyncio.wait({waiting, exited}, return_when=asyncio.FIRST_COMPLETED)
    if exited in done:
        waiting.cancel()
        last = (work / "stderr.txt").read_text(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"picketbot run exited ({child.returncode}): {last[0]}")
    exited.cancel()
    waiting.result()
    [post] = [m for m in fake.channel_messages(DEFAULT_CHANNEL_ID) if m["components"]]
    if path == HTTP:
        await _until_listening(fake)
    return str(post["id"])


async def _until_listening(fake: FakeDiscord) -> None:
    """The listener starts after the platforms: PING until it answers."""
    deadline = time.monotonic() + START_TIMEOUT
    for attempt in itertools.count(1):
        ping = _ping(fake, FIRST_MEMBER_ID - attempt)
        with contextlib.suppress(OSError, TimeoutError):
            posted = await fake.post_interaction(ping)
            if posted.status == 200:
                return
        if time.monotonic() > deadline:
            raise RuntimeError("the bot's public listener never answered a PING")
        await asyncio.sleep(0.1)


def _signup_id(fake: FakeDiscord, post_id: str) -> str:
    buttons = fake.messages[post_id]["components"][0]["components"]
    return str(next(b["custom_id"] for b in buttons if "signup" in b["custom_id"]))


async def _click(fake: FakeDiscord, path: str, sent: list[SentInteraction]) -> None:
    if path == HTTP:
        await storm_http(fake, sent)
        return
    for each in sent:
        await fake.dispatch_interaction(each)


async def storm_http(fake: FakeDiscord, sent: list[SentInteraction]) -> None:
    """POST every click to the fake's Interactions Endpoint URL at once, with the lean client
    (`storm_client`): signed and rendered before the first click, over connections that have
    each answered a PING already. Each answer is handed to the fake as it is read (follow-ups
    to a deferred click need it there); each click's times are on its `PendingInteraction`."""
    if fake.interactions_endpoint_url is None:
        raise RuntimeError("no Interactions Endpoint URL to storm")
    target = Target.of(fake.interactions_endpoint_url)
    warmers = [_rendered(fake, target, _ping(fake, WARM_PING_BASE + i)) for i in range(HTTP_CONNECTIONS)]
    requests = [_rendered(fake, target, each) for each in sent]
    pending = [fake.begin_post(each) for each in sent]

    def answered(index: int, status: int, content_type: str, body: bytes, at: float) -> None:
        fake.take_posted_answer(sent[index], status, content_type, body.decode(), at=at)

    async with StormClient(target, HTTP_CONNECTIONS, timeout=HTTP_ANSWER_TIMEOUT) as client:
        refused = [status for status in await client.warm(warmers) if status != 200]
        if refused:
            raise RuntimeError(f"{len(refused)} warm-up PING(s) were refused (status {refused[0]})")
        results = await client.storm(requests, answered)
    for result in results:
        pending[result.index].sent_at = result.sent_at
        if result.answered_at is None:  # never answered: no longer awaited
            fake.take_posted_answer(sent[result.index], 0, "", "")


def _ping(fake: FakeDiscord, number: int) -> SentInteraction:
    payload: dict[str, Any] = {"id": str(number), "type": 1, "application_id": str(fake.app_id),
               "token": "cGluZw" + os.urandom(16).hex(), "version": 1}  # fmt: skip
    return SentInteraction(payload["id"], payload["token"], payload)


def _rendered(fake: FakeDiscord, target: Target, sent: SentInteraction) -> bytes:
    return render_post(target, *fake.signed_interaction(sent))


async def http_floor(members: int, url: str) -> list[float]:
    """First click to each answer, for the same signed clicks sent the same way to `url`, an
    endpoint that answers at once (`instant_endpoint`): what the HTTP client and server alone cost."""
    async with FakeDiscord() as fake:
        fake.interactions_endpoint_url = url
        sent = [
            fake.build_interaction(custom_id="pb:picket signup 1", user_id=FIRST_MEMBER_ID + i)
            for i in range(members)
        ]
        await storm_http(fake, sent)
        pending = [fake.interaction(each.id) for each in sent]
        first = min(p.sent_at for p in pending if p.sent_at is not None)
        return [p.answered_at - first for p in pending if p.answered_at is not None]


async def _settled(
    fake: FakeDiscord, path: str, sent: list[SentInteraction], post_id: str, full: str
) -> Storm:
    """Wait for every first response and follow-up and for the post's last edit; the figures
    (the database's rows are read once the bot has stopped)."""
    pending = [fake.interaction(each.id) for each in sent]
    deadline = time.monotonic() + SETTLE_TIMEOUT
    with contextlib.suppress(TimeoutError):  # what did not come counts as unanswered
        await fake.wait_until(_all_finished(pending), timeout=SETTLE_TIMEOUT, what="every answer")
    counts = await _post_counts(fake, post_id, full, deadline)
    first = min(p.sent_at for p in pending if p.sent_at is not None)
    answered = [p for p in pending if p.answered_at is not None and p.sent_at is not None]
    latencies = [p.answered_at - first for p in answered if p.answered_at is not None]
    late = sum(
        1 for p in pending
        if p.answered_at is None or p.sent_at is None or p.answered_at - p.sent_at > LIMIT_SECONDS
    )  # fmt: skip
    replies = [_reply_text(p.callback, p.followups) for p in pending]
    return Storm(
        path=path,
        members=len(sent),
        latencies=latencies,
        seconds=max(latencies, default=0.0),
        late=late,
        unanswered=len(pending) - len(answered),
        confirmed_replies=sum("You're signed up" in text for text in replies),
        waitlisted_replies=sum("waitlist" in text for text in replies),
        confirmed_rows=0,
        waitlisted_rows=0,
        post_counts=counts,
    )


def _all_finished(pending: list[PendingInteraction]) -> Callable[[], bool]:
    """Whether every click is answered (and followed up), checked from where the last check
    stopped: it runs on every request the fake takes, and rescanning 2,000 clicks each time
    would put the bench's own CPU into the figures."""
    done = 0

    def check() -> bool:
        nonlocal done
        while done < len(pending) and _finished(pending[done].callback, pending[done].followups):
            done += 1
        return done == len(pending)

    return check


def _finished(callback: dict[str, object] | None, followups: list[dict[str, object]]) -> bool:
    """Answered, and a deferred click followed up."""
    return callback is not None and (callback.get("type") == 4 or bool(followups))


def _reply_text(callback: dict[str, object] | None, followups: list[dict[str, object]]) -> str:
    if callback is None:
        return ""
    return json.dumps(callback if callback.get("type") == 4 else followups[:1], ensure_ascii=False)


async def _post_counts(fake: FakeDiscord, post_id: str, full: str, deadline: float) -> str:
    """The live post's counts line, once it shows the shift full (or as it is at the deadline)."""
    while True:
        lines = str(fake.messages[post_id]["embeds"][0].get("description", "")).splitlines()
        counts = next((line for line in lines if "places" in line), "")
        if counts == full or time.monotonic() > deadline:
            return counts
        await asyncio.sleep(POLL_SECONDS * 5)


async def _stop(child: asyncio.subprocess.Process) -> None:
    if child.returncode is None:
        child.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(child.wait(), STOP_TIMEOUT)
    except TimeoutError:
        child.kill()
        await child.wait()


def _rows(db: Path) -> tuple[int, int]:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        counts = dict(connection.execute("SELECT status, count(*) FROM signups GROUP BY status").fetchall())
    return int(counts.get("confirmed", 0)), int(counts.get("waitlisted", 0))
