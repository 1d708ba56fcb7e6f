"""What the fake Slack is made of: its ids and limits, and what it records."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TEAM_ID = "T0PICKET"
TEAM_DOMAIN = "picketline"
APP_ID = "A0PICKETBOT"
BOT_USER_ID = "U0PICKETBOT"
BOT_ID = "B0PICKETBOT"
DEFAULT_USER_ID = "U0MEMBER1"
DEFAULT_USER_NAME = "member1"
DEFAULT_CHANNEL_ID = "C0PICKETS"
DEFAULT_CHANNEL_NAME = "picket-line"
BOT_SCOPES = "chat:write,commands,im:write,users:read,usergroups:read"
# Slack still sends the deprecated verification token in every payload; bolt ignores it.
VERIFICATION_TOKEN = "verification-token-unused"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"

# A response_url accepts five posts (Slack's documented limit).
RESPONSE_URL_MAX_USES = 5
#: What a proxy or CDN in front of Slack answers while Slack is down: a page, not JSON.
ERROR_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
    "<body><h1>Bad Gateway</h1><p>Slack is temporarily unavailable.</p></body></html>\n"
)

_ids = itertools.count(1)

JsonDict = dict[str, Any]


def next_number() -> int:
    """The next of the fake's running numbers (ids, trigger ids), unique in the process."""
    return next(_ids)


def next_id(prefix: str) -> str:
    return f"{prefix}{next_number():08d}"


@dataclass(frozen=True)
class ApiCall:
    """One Web API request as the fake saw and answered it."""

    method: str
    args: JsonDict
    headers: dict[str, str]
    http_verb: str
    token: str | None
    status: int
    response: JsonDict

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.response.get("ok") is True


@dataclass
class SocketConnection:
    ws: web.WebSocketResponse
    number: int


@dataclass
class ResponseSink:
    bodies: list[JsonDict] = field(default_factory=list)


def sink_id(id_or_url: str) -> str:
    return id_or_url.rstrip("/").rsplit("/", 1)[-1]
