"""An interaction as Discord sends it, read from its JSON: over HTTP or the gateway alike.

Discord sends the same object both ways (an ``INTERACTION_CREATE`` dispatch's
``d``, or the body of a signed ``POST /discord/interactions``). Only what the
bot acts on is read, and checked on the way: ids are snowflakes (digits),
the kind is one of those handled, the person is there. Anything else is
`Unreadable`, which the HTTP endpoint answers with 400 and the gateway drops
with one log line; nothing half-read reaches the dispatcher.

Reading is plain dictionary access rather than discord.py's `Interaction`
objects: a storm of 2,000 clicks spent most of its time building those
(members, channels, permissions) for the three fields picketbot uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from commands.reply import command_from_action_id

PING = 1
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4
HANDLED = frozenset({PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE})
#: Discord's snowflakes are 64-bit: at most 20 digits.
MAX_SNOWFLAKE_DIGITS = 20
MAX_TOKEN_LENGTH = 500
#: Discord's locales are at most six characters (``es-419``); anything longer is no locale.
MAX_LOCALE_LENGTH = 16


class Unreadable(ValueError):
    """Not an interaction this bot handles; the message says why, briefly (never the token)."""


@dataclass(frozen=True, slots=True)
class Incoming:
    id: str
    token: str
    application_id: str
    kind: int
    data: Mapping[str, Any]
    #: None in a direct message.
    guild_id: int | None
    channel_id: str
    channel_name: str
    user_id: int
    display_name: str
    #: The member's roles in the server (ids); none in a DM.
    role_ids: frozenset[int]
    #: The language the member's Discord client is set to (``es-ES``, ``es-419``), if it said.
    locale: str | None = None

    @property
    def custom_id(self) -> str:
        return str(self.data.get("custom_id", ""))

    @property
    def is_click(self) -> bool:
        return self.kind == MESSAGE_COMPONENT

    def button_command(self) -> str:
        """The command line a clicked picketbot button stands for ("" for another component)."""
        return command_from_action_id(self.custom_id) or ""


def read_incoming(payload: object) -> Incoming:
    """The interaction in `payload` (a parsed JSON value), or `Unreadable`."""
    if not isinstance(payload, dict):
        raise Unreadable("not a JSON object")
    kind = payload.get("type")
    if not isinstance(kind, int) or isinstance(kind, bool) or kind not in HANDLED:
        raise Unreadable(f"an interaction of a type this bot does not handle ({str(kind)[:10]})")
    data = payload.get("data") if kind != PING else {}
    if not isinstance(data, dict):
        raise Unreadable("no data")
    token = payload.get("token")
    if not isinstance(token, str) or not 0 < len(token) <= MAX_TOKEN_LENGTH or not token.isascii():
        raise Unreadable("no usable token")
    if kind == MESSAGE_COMPONENT and not isinstance(data.get("custom_id"), str):
        raise Unreadable("a component without a custom_id")
    if kind in (APPLICATION_COMMAND, AUTOCOMPLETE) and not isinstance(data.get("name"), str):
        raise Unreadable("a command without a name")
    guild_id = _optional_snowflake(payload.get("guild_id"), "guild_id")
    user_id, name, roles = _person(payload, guild_id)
    channel = payload.get("channel")
    channel_name = channel.get("name") if isinstance(channel, dict) else None
    return Incoming(
        id=str(_snowflake(payload.get("id"), "id")),
        token=token,
        application_id=str(_snowflake(payload.get("application_id"), "application_id")),
        kind=kind,
        data=data,
        guild_id=guild_id,
        channel_id=str(_optional_snowflake(payload.get("channel_id"), "channel_id") or ""),
        channel_name=channel_name if isinstance(channel_name, str) else "",
        user_id=user_id,
        display_name=name,
        role_ids=roles,
        locale=_locale(payload.get("locale")),
    )


def _locale(value: object) -> str | None:
    """Discord's locale code (``en-US``, ``es-419``): outside text, so only a short code is kept."""
    if not isinstance(value, str) or not 0 < len(value) <= MAX_LOCALE_LENGTH or not value.isascii():
        return None
    return value if value.replace("-", "").replace("_", "").isalnum() else None


def _person(payload: Mapping[str, Any], guild_id: int | None) -> tuple[int, str, frozenset[int]]:
    """Who acts: in a server the ``member`` (with roles and nickname), in a DM the ``user``."""
    if payload.get("type") == PING:
        return 0, "", frozenset()
    member = payload.get("member")
    if guild_id is not None:
        if not isinstance(member, dict) or not isinstance(member.get("user"), dict):
            raise Unreadable("an interaction from a server without its member")
        user = member["user"]
        raw_roles = member.get("roles")
        if not isinstance(raw_roles, list):
            raise Unreadable("a member without roles")
        roles = frozenset(_snowflake(each, "role id") for each in raw_roles)
        nick = member.get("nick")
    else:
        user = payload.get("user")
        if not isinstance(user, dict):
            raise Unreadable("an interaction without a user")
        roles, nick = frozenset(), None
    user_id = _snowflake(user.get("id"), "user id")
    for name in (nick, user.get("global_name"), user.get("username")):
        if isinstance(name, str) and name.strip():
            return user_id, name, roles
    return user_id, str(user_id), roles


def _snowflake(value: object, what: str) -> int:
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= MAX_SNOWFLAKE_DIGITS:
        return int(value)
    raise Unreadable(f"no usable {what}")


def _optional_snowflake(value: object, what: str) -> int | None:
    return None if value is None else _snowflake(value, what)
