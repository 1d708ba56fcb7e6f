"""The fake Slack's Web API: tokens, rate limits, error pages, and each method it answers."""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import uuid
from collections.abc import Callable, Mapping

from aiohttp import web

from bot.testing.fakes.rate_limits import Page, Refusal
from bot.testing.fakes.slack.model import (
    APP_ID,
    BOT_ID,
    BOT_SCOPES,
    ERROR_PAGE,
    TEAM_DOMAIN,
    ApiCall,
    JsonDict,
    next_id,
)
from bot.testing.fakes.slack.state import SlackState

# Slack accepts these as JSON text inside form bodies; decode them so tests see structures.
_JSON_ARGS = frozenset({"attachments", "blocks", "metadata", "view"})
# Methods that take the app-level (xapp-) token rather than the bot token.
_APP_TOKEN_METHODS = frozenset({"apps.connections.open"})
_CHANNEL_METHODS = frozenset({"chat.postMessage", "chat.postEphemeral", "chat.update"})


class SlackWebApi(SlackState):
    """The Web API under /api/{method}, and the controls that change its answers."""

    def rate_limit(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with HTTP 429 and Retry-After."""
        self._rate_limits.add(method, Refusal(429, retry_after), times)

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
        self._pages.add(method, Page(status, body, content_type), times)

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

    # ---- internals: Web API ---------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _parse_args(request)
        token = _bearer_token(request.headers) or args.pop("token", None)
        page = self._pages.take(method)
        if page is not None:
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
        limit = self._rate_limits.take(method)
        if limit is not None:
            headers = {"Retry-After": str(math.ceil(limit.retry_after or 0))}
            return 429, {"ok": False, "error": "ratelimited"}, headers
        refused = self._refusals.get(method)
        if refused is not None:
            needed = {"needed": "users:read", "provided": BOT_SCOPES} if refused == "missing_scope" else {}
            return 200, {"ok": False, "error": refused, **needed}, {}
        handler = self._handlers().get(method)
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method"}, {}
        channel_error = self._channel_errors.get(str(args.get("channel")))
        if method in _CHANNEL_METHODS and channel_error:
            return 200, {"ok": False, "error": channel_error}, {}
        return 200, handler(args), {"X-OAuth-Scopes": BOT_SCOPES}

    def _handlers(self) -> dict[str, Callable[[JsonDict], JsonDict]]:
        """The Web API methods the fake answers, by name."""
        return {
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
        if str(args.get("include_locale")).lower() not in ("true", "1"):
            user = {k: v for k, v in user.items() if k != "locale"}
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
        return {"ok": True, "view": {**args["view"], "id": next_id("V"), "team_id": self.team_id}}


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
