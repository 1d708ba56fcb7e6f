"""HTTP mode: ``POST /slack/events``, signature checked here, then handed to bolt.

Why not bolt's own ``app.web_app()``: bolt reads any form body that merely
contains the substring "payload" as an interactive payload, so
``/fact what is the payload`` would arrive empty and go unanswered. This
route verifies the signature on the raw bytes itself (bolt's check is turned
off in `slack.build_bolt_app` for that reason), parses the form properly and
gives bolt the body as JSON, which bolt reads as it is.

A refused request is logged without its body: the body holds a response_url
that anyone could answer through for half an hour.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger("picketbot.slack")

EVENTS_PATH = "/slack/events"
#: Slack's payloads are small; anything much larger is not from Slack.
MAX_BODY_BYTES = 1024 * 1024


def events_app(bolt: AsyncApp, signing_secret: str) -> web.Application:
    verifier = SignatureVerifier(signing_secret)

    async def handle(request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        if not is_signed(verifier, raw, request.headers):
            log.info("refused a request to %s: bad or stale Slack signature", EVENTS_PATH)
            return web.Response(status=401, text="invalid signature")
        try:
            body = parse_body(raw.decode("utf-8"), request.content_type)
        except ValueError:
            return web.Response(status=400, text="unreadable body")
        bolt_request = AsyncBoltRequest(
            body=json.dumps(body), query=request.query_string, headers=_json_headers(request.headers)
        )
        return await to_aiohttp_response(await bolt.async_dispatch(bolt_request))

    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app.router.add_post(EVENTS_PATH, handle)
    return app


def is_signed(verifier: SignatureVerifier, raw: bytes, headers: Mapping[str, str]) -> bool:
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    if not timestamp.isdigit():  # the verifier would raise on a non-number
        return False
    return verifier.is_valid(raw, timestamp, headers.get("X-Slack-Signature"))


def parse_body(text: str, content_type: str) -> dict[str, Any]:
    """The request as a dict: JSON as is, a slash command's form fields, or an interactive payload."""
    if content_type == "application/json":
        parsed = json.loads(text)
    else:
        form = dict(parse_qsl(text, keep_blank_values=True))
        # Interactive requests (button clicks) are one form field, "payload", holding JSON.
        parsed = json.loads(form["payload"]) if set(form) == {"payload"} else form
    if not isinstance(parsed, dict):
        raise ValueError("not an object")
    return parsed


def _json_headers(headers: Mapping[str, str]) -> dict[str, str | Sequence[str]]:
    kept: dict[str, str | Sequence[str]] = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    kept["Content-Type"] = "application/json"
    return kept
