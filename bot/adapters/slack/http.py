"""HTTP mode: ``POST /slack/events``, checked here from the raw bytes up, then handed to bolt.

In order, before anything runs:

1. the signature, computed over the raw bytes (no decoding first: a body that
   is not UTF-8 must get a 401 or 400, not a traceback), and the timestamp,
   at most five minutes off;
2. replays: the body's hash is claimed in the database (`storage.slack_requests`).
   A replayed signed request or a Slack retry (``X-Slack-Retry-Num``) carries
   the same body, so it is acknowledged with an empty 200 and runs nothing;
3. the body: UTF-8, a slash command's form or a button click's ``payload``,
   with the fields the listeners read. Anything else gets 400.

Why not bolt's own ``app.web_app()``: bolt reads any form body that merely
contains the substring "payload" as an interactive payload, so
``/fact what is the payload`` would arrive empty and go unanswered; and bolt
raises (a traceback in the log) on signed but malformed bodies. The body goes
to bolt as JSON, which bolt reads as it is.

A refused request is logged without its body: the body holds a response_url
that anyone could answer through for half an hour.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from storage import slack_requests
from storage.database import Database

log = logging.getLogger("picketbot.slack")

EVENTS_PATH = "/slack/events"
#: A signature older (or newer) than this is stale: Slack's own rule.
SIGNATURE_WINDOW_SECONDS = 300
#: Unix seconds have 10 digits until the year 2286. A longer header is no timestamp, and
#: converting it would fail (int() stops at 4300 digits, float() at 1e308), so it is refused first.
MAX_TIMESTAMP_DIGITS = 12


class Unreadable(ValueError):
    """A signed body that is not a request this app handles; the message says why, briefly."""


def events_handler(
    bolt: AsyncApp, signing_secret: str, db: Database, *, clock: Callable[[], float] = time.time
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """The handler for ``POST /slack/events``, served on the public listener (`bot.public`)."""
    secret = signing_secret.encode()

    async def handle(request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        now = clock()
        timestamp = signed_at(secret, raw, request.headers, now)
        if timestamp is None:
            log.info("refused a request to %s: bad or stale Slack signature", EVENTS_PATH)
            return web.Response(status=401, text="invalid signature")
        if not await _first_sighting(db, raw, now, timestamp):
            retry = request.headers.get("X-Slack-Retry-Num", "")
            what = f"Slack's retry {retry[:3]}" if retry else "a replay"
            log.info("ignored a repeated Slack request (%s): it already ran", what)
            return web.Response(status=200)
        try:
            body = read_body(raw, request.content_type)
        except Unreadable as error:
            log.info("refused a signed request to %s: %s", EVENTS_PATH, error)
            return web.Response(status=400, text="unreadable body")
        bolt_request = AsyncBoltRequest(
            body=json.dumps(body), query=request.query_string, headers=_json_headers(request.headers)
        )
        return await to_aiohttp_response(await bolt.async_dispatch(bolt_request))

    return handle


def signed_at(secret: bytes, raw: bytes, headers: Mapping[str, str], now: float) -> int | None:
    """The request's timestamp if Slack signed these very bytes within the window, else None."""
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    # isascii: int() would also read other scripts' digits, which Slack never sends.
    if not (timestamp.isascii() and timestamp.isdigit() and signature.isascii()):
        return None
    if len(timestamp) > MAX_TIMESTAMP_DIGITS or abs(now - int(timestamp)) > SIGNATURE_WINDOW_SECONDS:
        return None
    base = b"v0:" + timestamp.encode() + b":" + raw
    expected = "v0=" + hmac.new(secret, base, hashlib.sha256).hexdigest()
    return int(timestamp) if hmac.compare_digest(expected, signature) else None


async def _first_sighting(db: Database, raw: bytes, now: float, timestamp: int) -> bool:
    # Until the signature goes stale, after which the signature check refuses it anyway.
    expires = max(now, timestamp) + SIGNATURE_WINDOW_SECONDS
    key = hashlib.sha256(raw).hexdigest()
    return await slack_requests.claim(
        db, key, datetime.fromtimestamp(now, UTC), datetime.fromtimestamp(expires, UTC)
    )


def read_body(raw: bytes, content_type: str) -> dict[str, Any]:
    """A slash command's fields or a button click's payload, checked; `Unreadable` otherwise."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable("the body is not UTF-8") from None
    if content_type == "application/json":
        raise Unreadable("a JSON body (this app takes slash commands and buttons only)")
    form = dict(parse_qsl(text, keep_blank_values=True))
    if set(form) == {"payload"}:
        return _button_click(form["payload"])
    return _slash_command(form)


def _slash_command(form: dict[str, str]) -> dict[str, Any]:
    command = form.get("command", "")
    if not command.startswith("/"):
        raise Unreadable("neither a slash command nor a button click")
    _require(form, ("user_id", "team_id", "channel_id"))
    _require_url(form.get("response_url"))
    return form


def _button_click(payload_text: str) -> dict[str, Any]:
    try:
        payload = json.loads(payload_text)
    except ValueError:
        raise Unreadable("the payload is not JSON") from None
    if not isinstance(payload, dict) or payload.get("type") != "block_actions":
        raise Unreadable("an interactive payload other than a button click")
    actions = payload.get("actions")
    if not isinstance(actions, list) or not actions:
        raise Unreadable("a button click without actions")
    for action in actions:
        if not isinstance(action, dict) or not isinstance(action.get("action_id"), str):
            raise Unreadable("a button click with a malformed action")
    user = payload.get("user")
    if not isinstance(user, dict):
        raise Unreadable("a button click without a user")
    _require(user, ("id",))
    for optional in ("team", "channel", "container"):
        if payload.get(optional) is not None and not isinstance(payload[optional], dict):
            raise Unreadable(f"a button click with a malformed {optional}")
    _require_url(payload.get("response_url"))
    return payload


def _require(fields: Mapping[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        if not isinstance(fields.get(name), str) or not fields[name]:
            raise Unreadable(f"no {name}")


def _require_url(value: object) -> None:
    try:
        parts = urlsplit(value) if isinstance(value, str) else None
        usable = parts is not None and parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a malformed host ("http://[::1")
        usable = False
    if not usable:
        raise Unreadable("no usable response_url")


def _json_headers(headers: Mapping[str, str]) -> dict[str, str | Sequence[str]]:
    kept: dict[str, str | Sequence[str]] = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    kept["Content-Type"] = "application/json"
    return kept
