"""The fake Slack's state: its workspace, what it holds and records, and waiting on it."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.testing.fakes.rate_limits import Page, Refusal, Scripted
from bot.testing.fakes.slack.model import (
    BOT_USER_ID,
    DEFAULT_USER_ID,
    DEFAULT_USER_NAME,
    TEAM_ID,
    ApiCall,
    JsonDict,
    ResponseSink,
    SocketConnection,
)


class SlackState:
    """Everything the fake holds; the classes built on it add what it does."""

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
        # Answers set aside for the next calls of a method: 429s, and pages instead of JSON.
        self._rate_limits: Scripted[Refusal] = Scripted()
        self._pages: Scripted[Page] = Scripted()
        self._channel_errors: dict[str, str] = {}
        self._refusals: dict[str, str] = {}
        self._messages: list[JsonDict] = []
        self._ephemerals: list[JsonDict] = []
        self._users: dict[str, JsonDict] = {}
        self._usergroups: dict[str, list[str]] = {}
        self._sinks: dict[str, ResponseSink] = {}
        self._tickets: set[str] = set()
        self._sockets: list[SocketConnection] = []
        self._sockets_opened = 0
        self._acks: dict[str, JsonDict] = {}
        self._ts = itertools.count(1)
        self._answer_gate: asyncio.Event | None = None
        #: Messages taken while answers are slow (see `slow_answers`) and not yet answered.
        self.unanswered: list[JsonDict] = []
        self.add_user(bot_user_id, "picketbot", is_bot=True)
        self.add_user(DEFAULT_USER_ID, DEFAULT_USER_NAME)

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

    def add_user(
        self,
        user_id: str,
        name: str,
        *,
        real_name: str | None = None,
        is_bot: bool = False,
        is_admin: bool = False,
        tz: str = "America/Los_Angeles",
        locale: str = "en-US",
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
            # Sent only when users.info is asked with include_locale, as Slack does.
            "locale": locale,
        }
        self._users[user_id] = user
        return user

    def set_locale(self, user_id: str, locale: str) -> None:
        """The language ``user_id`` set in Slack (``es-LA``, ``en-US``), as users.info reports it."""
        self._users[user_id]["locale"] = locale

    def refuse(self, method: str, error: str = "missing_scope") -> None:
        """Answer every call of ``method`` with Slack's error ``error`` (missing_scope: the app was
        installed without the scope the method needs) until `stop_refusing`."""
        self._refusals[method] = error

    def stop_refusing(self, method: str) -> None:
        self._refusals.pop(method, None)

    def add_usergroup(self, usergroup_id: str, users: list[str]) -> None:
        self._usergroups[usergroup_id] = list(users)

    def messages(self, channel: str | None = None) -> list[JsonDict]:
        """Messages that landed through chat.postMessage (as later edited by chat.update)."""
        return [m for m in self._messages if channel is None or m["channel"] == channel]

    def delete_message(self, channel: str, ts: str) -> None:
        """Someone deleted the message: chat.update on it now answers message_not_found."""
        self._messages = [m for m in self._messages if (m["channel"], m["ts"]) != (channel, ts)]

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
