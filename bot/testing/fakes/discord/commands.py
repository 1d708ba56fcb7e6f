"""Interactions the fake Discord sends: slash commands typed from the synced schema, and clicks."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence

from bot.testing.fakes.discord.gateway import DiscordGateway
from bot.testing.fakes.discord.model import (
    Json,
    OptionValue,
    PendingInteraction,
    SentInteraction,
    user_object,
)


class DiscordCommands(DiscordGateway):
    """Builds INTERACTION_CREATE payloads and dispatches them."""

    async def send_interaction(
        self,
        *,
        user_id: int,
        command: str | None = None,
        options: Mapping[str, OptionValue] | None = None,
        custom_id: str | None = None,
        component_type: int = 2,
        values: Sequence[str] | None = None,
        message_id: int | str | None = None,
        role_ids: Sequence[int] | None = None,
        channel_id: int | None = None,
        in_dm: bool = False,
        guild_id: int | None = None,
    ) -> SentInteraction:
        """Dispatch an INTERACTION_CREATE as Discord builds it, and return its id and token.

        Takes the arguments of `build_interaction`, which says what they mean.
        """
        sent = self.build_interaction(
            user_id=user_id, command=command, options=options, custom_id=custom_id,
            component_type=component_type, values=values, message_id=message_id, role_ids=role_ids,
            channel_id=channel_id, in_dm=in_dm, guild_id=guild_id,
        )  # fmt: skip
        return await self.dispatch_interaction(sent)

    async def dispatch_interaction(self, sent: SentInteraction) -> SentInteraction:
        """Dispatch an interaction built with `build_interaction` over the gateway."""
        await self.dispatch("INTERACTION_CREATE", sent.payload)
        self._interactions[sent.id].sent_at = time.perf_counter()
        return sent

    def build_interaction(
        self,
        *,
        user_id: int,
        command: str | None = None,
        options: Mapping[str, OptionValue] | None = None,
        custom_id: str | None = None,
        component_type: int = 2,
        values: Sequence[str] | None = None,
        message_id: int | str | None = None,
        role_ids: Sequence[int] | None = None,
        channel_id: int | None = None,
        in_dm: bool = False,
        guild_id: int | None = None,
    ) -> SentInteraction:
        """An interaction as Discord builds it, registered (answers to it are taken) but not sent:
        `send_interaction` dispatches it over the gateway, `post_interaction` POSTs it signed.

        ``command="picket signup", options={"shift": 42}`` is the slash command
        ``/picket signup shift:42`` (type 2), nested the way Discord nests
        subcommand groups and subcommands. If the command was synced to the
        fake, option types and the command id come from the stored schema and
        unknown or missing required options raise ``ValueError``; otherwise
        types are inferred from the Python values.

        ``custom_id="..."`` is a click on a component (type 3) of the message
        ``message_id``, or of the newest stored message holding that custom_id,
        or of a message the fake seeds for it.

        ``role_ids`` default to the configured member's roles.

        ``guild_id`` of one of ``other_guilds`` sends it from that server
        (its first channel unless ``channel_id`` says otherwise).
        """
        if (command is None) == (custom_id is None):
            raise ValueError("give exactly one of command= or custom_id=")
        other = self.other_guilds.get(guild_id) if guild_id is not None else None
        if guild_id is not None and other is None and guild_id != self.guild_id:
            raise ValueError(f"the bot is in no guild {guild_id}")
        if in_dm:
            channel = self._dm_channel_for(user_id)
        elif other is not None:
            channel = str(channel_id or other.channels[0].id)
        else:
            channel = str(channel_id or self._default_channel())
        guild_id = None if in_dm else (other.id if other else self.guild_id)
        if command is not None:
            kind, data, component_message = 2, self._command_data(command, options or {}, guild_id), None
        else:
            assert custom_id is not None
            component_message = self._component_message(channel, custom_id, component_type, message_id)
            kind, data = 3, {"custom_id": custom_id, "component_type": component_type}
            if values is not None:
                data["values"] = list(values)
        if other is not None:
            payload = self._other_guild_payload(other, kind, data, user_id, role_ids, channel)
        else:
            payload = self._interaction_payload(kind, data, user_id, role_ids, channel, in_dm)
        if component_message is not None:
            # A snapshot: the stored message changes when the bot edits it, but a
            # replayed INTERACTION_CREATE must carry what was clicked.
            payload["message"] = json.loads(json.dumps(component_message))
        pending = PendingInteraction(
            payload["id"],
            payload["token"],
            kind,
            channel,
            payload,
            component_message_id=component_message["id"] if component_message else None,
        )
        self._interactions[pending.id] = self._by_token[pending.token] = pending
        return SentInteraction(payload["id"], payload["token"], payload)

    # ---------------------------------------------- slash command payloads

    def _command_data(self, command: str, options: Mapping[str, OptionValue], guild_id: int | None) -> Json:
        path = command.split()
        if not 1 <= len(path) <= 3:
            raise ValueError(f"a command is 1 to 3 words, got {command!r}")
        registered, registered_in = self._find_command(path[0], guild_id)
        schema = self._leaf_schema(registered, path) if registered else None
        leaf = self._leaf_options(options, schema)
        resolved = self._resolved(leaf)
        nested: list[Json] = leaf
        for depth in range(len(path) - 1, 0, -1):
            nested = [{"type": 1 if depth == len(path) - 1 else 2, "name": path[depth], "options": nested}]
        data: Json = {
            "id": registered["id"] if registered else self._snowflake(),
            "name": path[0],
            "type": 1,
            "options": nested,
        }
        if registered_in is not None:
            data["guild_id"] = str(registered_in)
        if resolved:
            data["resolved"] = resolved
        return data

    def _find_command(self, name: str, guild_id: int | None) -> tuple[Json | None, int | None]:
        scopes: list[int | None] = [guild_id, None] if guild_id is not None else [None]
        for scope in scopes:
            for cmd in self.commands.get(scope, []):
                if cmd["name"] == name and cmd.get("type", 1) == 1:
                    return cmd, scope
        return None, None

    @staticmethod
    def _leaf_schema(registered: Json, path: list[str]) -> list[Json]:
        node = registered
        for depth, name in enumerate(path[1:], start=1):
            want = 1 if depth == len(path) - 1 else 2
            node = next((o for o in node.get("options", []) if o["name"] == name and o["type"] == want), {})
            if not node:
                raise ValueError(f"/{' '.join(path)} is not in the synced schema")
        leaf = node.get("options", [])
        if any(o["type"] in (1, 2) for o in leaf):
            raise ValueError(f"/{' '.join(path)} is a group; name one of its subcommands")
        return list(leaf)

    def _leaf_options(self, options: Mapping[str, OptionValue], schema: list[Json] | None) -> list[Json]:
        if schema is None:
            return [{"name": k, "type": self._infer_type(v), "value": v} for k, v in options.items()]
        types = {o["name"]: o["type"] for o in schema}
        unknown = set(options) - set(types)
        missing = {o["name"] for o in schema if o.get("required")} - set(options)
        if unknown or missing:
            raise ValueError(f"options not in the schema: {sorted(unknown)}; missing: {sorted(missing)}")
        return [self._option(name, types[name], value) for name, value in options.items()]

    @staticmethod
    def _infer_type(value: OptionValue) -> int:
        if isinstance(value, bool):
            return 5
        if isinstance(value, int):
            return 4
        if isinstance(value, float):
            return 10
        return 3

    @staticmethod
    def _option(name: str, kind: int, value: OptionValue) -> Json:
        if kind in (6, 7, 8, 9):  # user, channel, role, mentionable: snowflake strings
            return {"name": name, "type": kind, "value": str(value)}
        if kind == 4 and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"option {name} is an integer, got {value!r}")
        return {"name": name, "type": kind, "value": value}

    def _resolved(self, leaf: list[Json]) -> Json:
        """The ``resolved`` map Discord sends with user, role and channel options."""
        resolved: dict[str, Json] = {}
        for opt in leaf:
            if opt["type"] not in (6, 7, 8, 9):
                continue
            found = self._resolve_one(opt["value"], opt["type"], resolved)
            if not found:
                raise ValueError(f"option {opt['name']}: no user, role or channel {opt['value']}")
        return resolved

    def _resolve_one(self, snowflake: str, kind: int, out: dict[str, Json]) -> bool:
        member = self._member(snowflake) if kind in (6, 9) else None
        if member is not None:
            out.setdefault("users", {})[snowflake] = user_object(member.id, member.username, bot=member.bot)
            out.setdefault("members", {})[snowflake] = {
                k: v for k, v in self._member_object(member).items() if k != "user"
            } | {"permissions": str(self._permissions(member.role_ids))}
            return True
        role = next((r for r in self.roles if str(r.id) == snowflake), None) if kind in (8, 9) else None
        if role is not None:
            out.setdefault("roles", {})[snowflake] = self._role_object(role)
            return True
        channel = next((c for c in self.channels if str(c.id) == snowflake), None) if kind == 7 else None
        if channel is not None:
            out.setdefault("channels", {})[snowflake] = {
                **self._channel_object(channel),
                "permissions": str(self._permissions([])),
            }
            return True
        return False

    def _component_message(
        self, channel_id: str, custom_id: str, component_type: int, message_id: int | str | None
    ) -> Json:
        if message_id is not None:
            return self.messages[str(message_id)]
        for message in reversed(list(self.messages.values())):
            rows = message.get("components") or []
            if any(c.get("custom_id") == custom_id for row in rows for c in row.get("components", [])):
                return message
        component: Json = {"type": component_type, "custom_id": custom_id}
        if component_type == 2:
            component |= {"style": 1, "label": custom_id[:80]}
        else:
            component |= {"options": [], "min_values": 1, "max_values": 1}
        return self.seed_message(
            int(channel_id), {"content": "", "components": [{"type": 1, "components": [component]}]}
        )
