"""A real local fake of Slack that the real slack-bolt / slack-sdk clients talk to.

One aiohttp server on 127.0.0.1 (random port) plays three parts of Slack:

* the Web API under ``/api/{method}`` (point ``AsyncWebClient(base_url=fake.api_url)`` at it),
* the Socket Mode websocket whose URL ``apps.connections.open`` hands out,
* a sink for ``response_url`` POSTs (what bolt's ``respond()`` sends).

Nothing inside the libraries is patched: only base URLs point here. Module-level
builders produce signed HTTP requests and Socket Mode payloads shaped like Slack's.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Self
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from aiohttp import WSCloseCode, WSMsgType, web

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

# Slack accepts these as JSON text inside form bodies; decode them so tests see structures.
_JSON_ARGS = frozenset({"attachments", "blocks", "metadata", "view"})
# Methods that take the app-level (xapp-) token rather than the bot token.
_APP_TOKEN_METHODS = frozenset({"apps.connections.open"})
_CHANNEL_METHODS = frozenset({"chat.postMessage", "chat.postEphemeral", "chat.update"})
# A response_url accepts five posts (Slack's documented limit).
RESPONSE_URL_MAX_USES = 5
#: What a proxy or CDN in front of Slack answers while Slack is down: a page, not JSON.
ERROR_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
    "<body><h1>Bad Gateway</h1><p>Slack is temporarily unavailable.</p></body></html>\n"
)

_ids = itertools.count(1)

JsonDict = dict[str, Any]


def _next_id(prefix: str) -> str:
    return f"{prefix}{next(_ids):08d}"


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
class _Socket:
    ws: web.WebSocketResponse
    number: int


@dataclass
class _RateLimit:
    remaining: int
    retry_after: int


@dataclass
class _Page:
    remaining: int
    status: int
    body: str
    content_type: str


@dataclass
class _ResponseSink:
    bodies: list[JsonDict] = field(default_factory=list)


# --------------------------------------------------------------------------------------
# request builders


def signed_request_headers(
    signing_secret: str,
    body: str,
    timestamp: int | None = None,
    *,
    content_type: str = FORM_CONTENT_TYPE,
) -> dict[str, str]:
    """Headers Slack sends with a request: timestamp and v0 HMAC-SHA256 signature."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    base = f"v0:{ts}:{body}".encode()
    digest = hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
    }


def new_trigger_id() -> str:
    return f"{next(_ids)}.{TEAM_ID[1:]}.{uuid.uuid4().hex}"


def slash_command_payload(
    command: str = "/picket",
    text: str = "signup 42",
    *,
    response_url: str,
    user_id: str = DEFAULT_USER_ID,
    user_name: str = DEFAULT_USER_NAME,
    channel_id: str = DEFAULT_CHANNEL_ID,
    channel_name: str = DEFAULT_CHANNEL_NAME,
    team_id: str = TEAM_ID,
    team_domain: str = TEAM_DOMAIN,
    trigger_id: str | None = None,
) -> dict[str, str]:
    """A slash command as Slack sends it: every value a string, as in the form body.

    response_url is required so no test can accidentally send bolt to the real Slack.
    """
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": team_domain,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name,
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id or new_trigger_id(),
    }


def slash_command_body(command: str = "/picket", text: str = "signup 42", **kwargs: Any) -> str:
    """The form-encoded HTTP body of a slash command (see slash_command_payload)."""
    return urlencode(slash_command_payload(command, text, **kwargs))


def block_action_payload(
    action_id: str,
    value: str,
    *,
    response_url: str,
    user_id: str = DEFAULT_USER_ID,
    user_name: str = DEFAULT_USER_NAME,
    channel_id: str = DEFAULT_CHANNEL_ID,
    channel_name: str = DEFAULT_CHANNEL_NAME,
    block_id: str = "actions",
    button_text: str = "Sign up",
    message_ts: str = "1700000000.000100",
    team_id: str = TEAM_ID,
    team_domain: str = TEAM_DOMAIN,
    user_team_id: str | None = None,
) -> JsonDict:
    """A block_actions payload for a button click on a bot message.

    ``user_team_id`` differs from ``team_id`` in a Slack Connect channel: the
    clicker belongs to one organization, the channel to another.
    """
    action = {
        "action_id": action_id,
        "block_id": block_id,
        "text": {"type": "plain_text", "text": button_text, "emoji": True},
        "value": value,
        "type": "button",
        "action_ts": f"{int(float(message_ts)) + 1}.000200",
    }
    return {
        "type": "block_actions",
        "user": {"id": user_id, "username": user_name, "name": user_name, "team_id": user_team_id or team_id},
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "container": {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel_id,
            "is_ephemeral": False,
        },
        "trigger_id": new_trigger_id(),
        "team": {"id": team_id, "domain": team_domain},
        "enterprise": None,
        "is_enterprise_install": False,
        "is_ext_shared_channel": user_team_id is not None and user_team_id != team_id,
        "channel": {"id": channel_id, "name": channel_name},
        "message": {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "ts": message_ts,
            "text": "",
            "blocks": [],
        },
        "state": {"values": {}},
        "response_url": response_url,
        "actions": [action],
    }


def block_action_body(action_id: str, value: str, **kwargs: Any) -> str:
    """The HTTP body of a block action: one form field ``payload`` holding JSON."""
    return urlencode({"payload": json.dumps(block_action_payload(action_id, value, **kwargs))})


def event_callback_payload(event: JsonDict, *, team_id: str = TEAM_ID) -> JsonDict:
    """An Events API ``event_callback`` wrapper around one event (app_mention, message...)."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": _next_id("Ev"),
        "event_time": int(float(event.get("event_ts", "1700000000"))),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
    }


# --------------------------------------------------------------------------------------
# the server


class FakeSlack:
    """``async with FakeSlack() as fake:`` starts the server; leaving the block stops it."""

    def __init__(
        self,
        *,
        bot_token: str = "xoxb-test",
        app_token: str = "xapp-test",
        team_id: str = TEAM_ID,
        bot_user_id: str = BOT_USER_ID,
    ) -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._changed = asyncio.Condition()
        self._calls: list[ApiCall] = []
        self._rate_limits: dict[str, _RateLimit] = {}
        self._pages: dict[str, _Page] = {}
        self._channel_errors: dict[str, str] = {}
        self._messages: list[JsonDict] = []
        self._ephemerals: list[JsonDict] = []
        self._users: dict[str, JsonDict] = {}
        self._usergroups: dict[str, list[str]] = {}
        self._sinks: dict[str, _ResponseSink] = {}
        self._tickets: set[str] = set()
        self._sockets: list[_Socket] = []
        self._sockets_opened = 0
        self._acks: dict[str, JsonDict] = {}
        self._ts = itertools.count(1)
        self._answer_gate: asyncio.Event | None = None
        #: Messages taken while answers are slow (see `slow_answers`) and not yet answered.
        self.unanswered: list[JsonDict] = []
        self._handlers: dict[str, Callable[[JsonDict], JsonDict]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._post_message,
            "chat.postEphemeral": self._post_ephemeral,
            "chat.update": self._update,
            "conversations.open": self._conversations_open,
            "users.info": self._users_info,
            "usergroups.users.list": self._usergroup_users,
            "apps.connections.open": self._connections_open,
            "views.open": self._views_open,
        }
        self.add_user(bot_user_id, "picketbot", is_bot=True)
        self.add_user(DEFAULT_USER_ID, DEFAULT_USER_NAME)

    # ---- lifecycle ------------------------------------------------------------------

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def start(self) -> None:
        app = web.Application()
        app.add_routes(
            [
                web.route("*", "/api/{method}", self._handle_api),
                web.post("/response/{sink_id}", self._handle_response_url),
                web.get("/socket", self._handle_socket),
            ]
        )
        self._runner = web.AppRunner(app, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        # Open websockets would keep runner.cleanup() waiting for their handlers.
        for sock in list(self._sockets):
            await sock.ws.close(code=WSCloseCode.GOING_AWAY)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def api_url(self) -> str:
        """For ``AsyncWebClient(base_url=...)``; slack_sdk joins method names onto it."""
        return f"{self.base_url}api/"

    # ---- test controls: Web API -----------------------------------------------------

    def calls(self, method: str | None = None) -> list[ApiCall]:
        """Every Web API call so far (rejected ones too), oldest first."""
        return [c for c in self._calls if method is None or c.method == method]

    def rate_limit(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with HTTP 429 and Retry-After."""
        self._rate_limits[method] = _RateLimit(times, retry_after)

    def answer_with_page(
        self,
        method: str,
        *,
        status: int = 502,
        times: int = 1,
        body: str = ERROR_PAGE,
        content_type: str = "text/html",
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with a page instead of Slack's JSON,
        as a proxy or CDN in front of Slack does while Slack is down (or a captive portal, 200)."""
        self._pages[method] = _Page(times, status, body, content_type)

    def fail_channel(self, channel: str, error: str = "channel_not_found") -> None:
        """Make chat.postMessage/postEphemeral/update to ``channel`` answer a Slack error."""
        self._channel_errors[channel] = error

    def restore_channel(self, channel: str) -> None:
        self._channel_errors.pop(channel, None)

    def slow_answers(self) -> None:
        """From now on chat.postMessage keeps the message at once but answers only after
        `answer_now`: a platform that has the message and is slow to say so."""
        self._answer_gate = asyncio.Event()

    def answer_now(self) -> None:
        if self._answer_gate is not None:
            self._answer_gate.set()
        self._answer_gate = None

    async def wait_for_unanswered(self, count: int, timeout: float = 5.0) -> None:
        await self._wait_until(lambda: len(self.unanswered) >= count, timeout, f"{count} unanswered posts")

    def add_user(
        self,
        user_id: str,
        name: str,
        *,
        real_name: str | None = None,
        is_bot: bool = False,
        is_admin: bool = False,
        tz: str = "America/Los_Angeles",
    ) -> JsonDict:
        offset = datetime.now(ZoneInfo(tz)).utcoffset()
        user = {
            "id": user_id,
            "team_id": self.team_id,
            "name": name,
            "deleted": False,
            "real_name": real_name or name,
            "tz": tz,
            "tz_offset": int(offset.total_seconds()) if offset else 0,
            "profile": {"real_name": real_name or name, "display_name": name},
            "is_admin": is_admin,
            "is_owner": False,
            "is_bot": is_bot,
            "is_app_user": False,
        }
        self._users[user_id] = user
        return user

    def add_usergroup(self, usergroup_id: str, users: list[str]) -> None:
        self._usergroups[usergroup_id] = list(users)

    def messages(self, channel: str | None = None) -> list[JsonDict]:
        """Messages that landed through chat.postMessage (as later edited by chat.update)."""
        return [m for m in self._messages if channel is None or m["channel"] == channel]

    def ephemerals(self, channel: str | None = None) -> list[JsonDict]:
        return [m for m in self._ephemerals if channel is None or m["channel"] == channel]

    # The waits below take a default timeout on purpose (ruff ASYNC109): a test that waits
    # for something the bot never sends must fail in seconds with a message naming what
    # was missing, not hang until pytest-timeout.

    async def wait_for_call(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
    ) -> ApiCall:
        """Wait until ``method`` has been called ``count`` times; return that call."""
        await self._wait_until(lambda: len(self.calls(method)) >= count, timeout, method)
        return self.calls(method)[count - 1]

    # ---- test controls: response_url sink -------------------------------------------

    def new_response_url(self) -> str:
        sink_id = uuid.uuid4().hex
        self._sinks[sink_id] = _ResponseSink()
        return f"{self.base_url}response/{sink_id}"

    def responses(self, id_or_url: str) -> list[JsonDict]:
        return list(self._sinks[_sink_id(id_or_url)].bodies)

    async def wait_for_response(
        self,
        id_or_url: str,
        timeout: float = 5.0,
        count: int = 1,
    ) -> JsonDict:
        """Wait for the ``count``-th body posted to a response_url and return it."""
        sink = self._sinks[_sink_id(id_or_url)]
        await self._wait_until(lambda: len(sink.bodies) >= count, timeout, id_or_url)
        return sink.bodies[count - 1]

    # ---- test controls: Socket Mode -------------------------------------------------

    @property
    def sockets_opened(self) -> int:
        """How many Socket Mode connections have ever been accepted."""
        return self._sockets_opened

    @property
    def sockets_open(self) -> int:
        return len(self._sockets)

    async def wait_for_socket(
        self,
        opened: int = 1,
        timeout: float = 5.0,
    ) -> None:
        """Wait until ``opened`` connections were accepted and one is still open."""
        await self._wait_until(
            lambda: self._sockets_opened >= opened and bool(self._sockets),
            timeout,
            f"socket connection #{opened}",
        )

    async def send_envelope(
        self,
        envelope_type: str,
        payload: JsonDict,
        *,
        envelope_id: str | None = None,
        accepts_response_payload: bool | None = None,
    ) -> str:
        """Push an envelope down the newest open connection; return its envelope_id."""
        await self.wait_for_socket()
        envelope: JsonDict = {
            "envelope_id": envelope_id or str(uuid.uuid4()),
            "type": envelope_type,
            "payload": payload,
            "accepts_response_payload": (
                _accepts_response_payload(envelope_type, payload)
                if accepts_response_payload is None
                else accepts_response_payload
            ),
        }
        if envelope_type == "events_api":
            envelope.update(retry_attempt=0, retry_reason="")
        await self._sockets[-1].ws.send_json(envelope)
        return str(envelope["envelope_id"])

    async def wait_for_ack(
        self,
        envelope_id: str,
        timeout: float = 5.0,
    ) -> JsonDict:
        """The client's ack ``{"envelope_id": ..., "payload"?: ...}`` for one envelope."""
        await self._wait_until(lambda: envelope_id in self._acks, timeout, envelope_id)
        return self._acks[envelope_id]

    async def deliver(
        self,
        envelope_type: str,
        payload: JsonDict,
        timeout: float = 5.0,
    ) -> JsonDict:
        """send_envelope then wait_for_ack."""
        envelope_id = await self.send_envelope(envelope_type, payload)
        return await self.wait_for_ack(envelope_id, timeout)

    async def disconnect_socket(self, reason: str = "refresh_requested") -> None:
        """Ask the client to reconnect, as Slack does every few hours."""
        await self.wait_for_socket()
        message = {"type": "disconnect", "reason": reason, "debug_info": {"host": "fake-slack"}}
        await self._sockets[-1].ws.send_json(message)

    async def drop_socket(self) -> None:
        """Close the newest connection from the server side without warning."""
        await self.wait_for_socket()
        await self._sockets[-1].ws.close(code=WSCloseCode.GOING_AWAY)

    # ---- internals: waiting ---------------------------------------------------------

    async def _wait_until(
        self,
        predicate: Callable[[], bool],
        timeout: float,
        what: str,
    ) -> None:
        try:
            async with asyncio.timeout(timeout), self._changed:
                await self._changed.wait_for(predicate)
        except TimeoutError:
            raise TimeoutError(f"fake Slack: gave up waiting for {what} after {timeout}s") from None

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # ---- internals: Web API ---------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _parse_args(request)
        token = _bearer_token(request.headers) or args.pop("token", None)
        page = self._pages.get(method)
        if page is not None and page.remaining > 0:
            page.remaining -= 1
            self._calls.append(
                ApiCall(method, args, dict(request.headers), request.method, token, page.status, {})
            )
            await self._notify()
            return web.Response(text=page.body, status=page.status, content_type=page.content_type)
        status, body, headers = self._answer(method, args, token)
        call = ApiCall(method, args, dict(request.headers), request.method, token, status, body)
        self._calls.append(call)
        await self._notify()
        gate = self._answer_gate
        if gate is not None and method == "chat.postMessage" and call.ok:
            kept = self._messages[-1]
            self.unanswered.append(kept)
            await self._notify()
            await gate.wait()
            self.unanswered.remove(kept)
        return web.json_response(body, status=status, headers=headers)

    def _answer(self, method: str, args: JsonDict, token: str | None) -> tuple[int, JsonDict, dict[str, str]]:
        auth_error = self._auth_error(method, token)
        if auth_error:
            return 200, {"ok": False, "error": auth_error}, {}
        limit = self._rate_limits.get(method)
        if limit and limit.remaining > 0:
            limit.remaining -= 1
            headers = {"Retry-After": str(limit.retry_after)}
            return 429, {"ok": False, "error": "ratelimited"}, headers
        handler = self._handlers.get(method)
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method"}, {}
        channel_error = self._channel_errors.get(str(args.get("channel")))
        if method in _CHANNEL_METHODS and channel_error:
            return 200, {"ok": False, "error": channel_error}, {}
        return 200, handler(args), {"X-OAuth-Scopes": BOT_SCOPES}

    def _auth_error(self, method: str, token: str | None) -> str | None:
        if not token:
            return "not_authed"
        if token not in (self.bot_token, self.app_token):
            return "invalid_auth"
        wants_app_token = method in _APP_TOKEN_METHODS
        if (token == self.app_token) != wants_app_token:
            return "not_allowed_token_type"
        return None

    def _new_ts(self) -> str:
        n = next(self._ts)
        return f"{1_700_000_000 + n}.{n:06d}"

    def _auth_test(self, args: JsonDict) -> JsonDict:
        return {
            "ok": True,
            "url": f"https://{TEAM_DOMAIN}.slack.com/",
            "team": "Picket Line",
            "user": "picketbot",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _post_message(self, args: JsonDict) -> JsonDict:
        if not args.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        if not (args.get("text") or args.get("blocks") or args.get("attachments")):
            return {"ok": False, "error": "no_text"}
        ts = self._new_ts()
        message = {**args, "type": "message", "user": self.bot_user_id, "bot_id": BOT_ID, "ts": ts}
        self._messages.append(message)
        shown = {k: v for k, v in message.items() if k not in ("channel", "team_id")}
        return {"ok": True, "channel": args["channel"], "ts": ts, "message": shown}

    def _post_ephemeral(self, args: JsonDict) -> JsonDict:
        if not args.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        if args.get("user") not in self._users:
            return {"ok": False, "error": "user_not_in_channel"}
        ts = self._new_ts()
        self._ephemerals.append({**args, "message_ts": ts})
        return {"ok": True, "message_ts": ts}

    def _update(self, args: JsonDict) -> JsonDict:
        for message in self._messages:
            if message["channel"] == args.get("channel") and message["ts"] == args.get("ts"):
                message.update({k: v for k, v in args.items() if k not in ("channel", "ts")})
                return {"ok": True, "channel": message["channel"], "ts": message["ts"]}
        return {"ok": False, "error": "message_not_found"}

    def _conversations_open(self, args: JsonDict) -> JsonDict:
        if args.get("channel"):
            return {"ok": True, "channel": {"id": args["channel"]}}
        users = [u for u in str(args.get("users", "")).split(",") if u]
        if not users:
            return {"ok": False, "error": "users_list_not_supplied"}
        if any(u not in self._users for u in users):
            return {"ok": False, "error": "user_not_found"}
        if len(users) == 1:
            return {"ok": True, "channel": {"id": "D" + users[0][1:]}}
        digest = hashlib.sha1(",".join(sorted(users)).encode()).hexdigest()[:10].upper()
        return {"ok": True, "channel": {"id": "G" + digest}}

    def _users_info(self, args: JsonDict) -> JsonDict:
        user = self._users.get(str(args.get("user")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": user}

    def _usergroup_users(self, args: JsonDict) -> JsonDict:
        users = self._usergroups.get(str(args.get("usergroup")))
        if users is None:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": list(users)}

    def _connections_open(self, args: JsonDict) -> JsonDict:
        ticket = uuid.uuid4().hex
        self._tickets.add(ticket)
        url = f"ws://127.0.0.1:{self.port}/socket?ticket={ticket}&app_id={APP_ID}"
        return {"ok": True, "url": url}

    def _views_open(self, args: JsonDict) -> JsonDict:
        if not args.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        if not isinstance(args.get("view"), dict):
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "view": {**args["view"], "id": _next_id("V"), "team_id": self.team_id}}

    # ---- internals: response_url sink -----------------------------------------------

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        sink = self._sinks.get(request.match_info["sink_id"])
        if sink is None:
            return web.Response(status=404, text="expired_url")
        if len(sink.bodies) >= RESPONSE_URL_MAX_USES:
            return web.Response(status=404, text="used_url")
        try:
            body = await request.json()
        except json.JSONDecodeError:
            return web.Response(status=400, text="invalid_payload")
        if not (body.get("text") or body.get("blocks") or body.get("delete_original")):
            return web.Response(status=400, text="no_text")
        sink.bodies.append(body)
        await self._notify()
        return web.Response(text="ok")

    # ---- internals: Socket Mode -----------------------------------------------------

    async def _handle_socket(self, request: web.Request) -> web.StreamResponse:
        ticket = request.query.get("ticket", "")
        if ticket not in self._tickets:
            # Only URLs from apps.connections.open work, and each only once, as on Slack.
            return web.Response(status=401, text="invalid ticket")
        self._tickets.discard(ticket)
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets_opened += 1
        sock = _Socket(ws, self._sockets_opened)
        self._sockets.append(sock)
        try:
            await ws.send_json(self._hello())
            await self._notify()
            await self._read_acks(ws)
        finally:
            self._sockets.remove(sock)
            await self._notify()
        return ws

    def _hello(self) -> JsonDict:
        return {
            "type": "hello",
            "num_connections": len(self._sockets),
            "debug_info": {"host": "fake-slack", "build_number": 1},
            "connection_info": {"app_id": APP_ID},
        }

    async def _read_acks(self, ws: web.WebSocketResponse) -> None:
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            if isinstance(data, dict) and "envelope_id" in data:
                self._acks[str(data["envelope_id"])] = data
                await self._notify()


def _sink_id(id_or_url: str) -> str:
    return id_or_url.rstrip("/").rsplit("/", 1)[-1]


def _accepts_response_payload(envelope_type: str, payload: JsonDict) -> bool:
    # Slack lets slash commands, modal submissions and option loads answer in the ack.
    if envelope_type == "slash_commands":
        return True
    return envelope_type == "interactive" and payload.get("type") in {
        "view_submission",
        "block_suggestion",
    }


def _bearer_token(headers: Mapping[str, str]) -> str | None:
    scheme, _, token = headers.get("Authorization", "").partition(" ")
    return token if scheme.lower() == "bearer" and token else None


async def _parse_args(request: web.Request) -> JsonDict:
    """Query string plus body, the way Slack reads them (slack_sdk uses all three)."""
    args: JsonDict = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json() if request.can_read_body else {}
        args.update(body if isinstance(body, dict) else {})
    elif request.can_read_body:
        args.update(dict(await request.post()))
    for key in _JSON_ARGS & args.keys():
        if isinstance(args[key], str) and args[key][:1] in ("[", "{"):
            args[key] = json.loads(args[key])
    return args
