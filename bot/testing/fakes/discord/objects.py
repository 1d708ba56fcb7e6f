"""The JSON objects the fake Discord sends: roles, channels, members, guilds, READY, interactions."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from bot.testing.fakes.discord.model import (
    APPLICATION_FLAGS,
    EVERYONE_PERMISSIONS,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    GatewaySession,
    Json,
    user_object,
)
from bot.testing.fakes.discord.state import DiscordState


class DiscordObjects(DiscordState):
    """Discord's objects, built from the fake's state."""

    # ---------------------------------------------------------- payloads

    def _role_object(self, role: FakeRole) -> Json:
        return {
            "id": str(role.id),
            "name": role.name,
            "permissions": str(role.permissions),
            "position": role.position,
            "color": 0,
            "colors": {"primary_color": 0},
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
            "icon": None,
            "unicode_emoji": None,
        }

    def _channel_object(self, channel: FakeChannel, *, with_guild: bool = True) -> Json:
        obj: Json = {
            "id": str(channel.id),
            "type": channel.type,
            "name": channel.name,
            "position": channel.position,
            "parent_id": str(channel.parent_id) if channel.parent_id else None,
            "permission_overwrites": [],
            "nsfw": False,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }
        if with_guild:  # GUILD_CREATE leaves guild_id out of its channels; REST has it.
            obj["guild_id"] = str(self.guild_id)
        return obj

    def _member_object(self, member: FakeMember, role_ids: Sequence[int] | None = None) -> Json:
        roles = member.role_ids if role_ids is None else tuple(role_ids)
        return {
            "user": user_object(member.id, member.username, bot=member.bot),
            "roles": [str(r) for r in roles],
            "joined_at": "2023-05-02T09:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "avatar": None,
            "premium_since": None,
            "communication_disabled_until": None,
        }

    def _guild_object(self) -> Json:
        return {
            "id": str(self.guild_id),
            "name": self.guild_name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(self._owner().id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 1,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": [self._role_object(r) for r in self.roles],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "preferred_locale": "en-US",
            "premium_tier": 0,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "description": None,
        }

    def _guild_create(self) -> Json:
        return {
            **self._guild_object(),
            "unavailable": False,
            "large": False,
            "member_count": len(self.members),
            "joined_at": "2023-05-02T09:00:00+00:00",
            "channels": [self._channel_object(c, with_guild=False) for c in self.channels],
            "members": [self._member_object(m) for m in self.members],
            "threads": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def _other_guild_create(self, guild: FakeGuild) -> Json:
        roles = [FakeRole(guild.id, "@everyone", EVERYONE_PERMISSIONS, 0), *guild.roles]
        members = [FakeMember(self.bot_user_id, self.bot_name, bot=True), *guild.members]
        owner = next((m for m in members if not m.bot), members[0])
        return {
            **self._guild_create(),
            "id": str(guild.id),
            "name": guild.name,
            "owner_id": str(owner.id),
            "roles": [self._role_object(r) for r in roles],
            "member_count": len(members),
            "channels": [self._channel_object(c, with_guild=False) for c in guild.channels],
            "members": [self._member_object(m) for m in members],
        }

    def _other_guild_payload(
        self,
        guild: FakeGuild,
        kind: int,
        data: Json,
        user_id: int,
        role_ids: Sequence[int] | None,
        channel_id: str,
    ) -> Json:
        """An interaction from one of ``other_guilds``, shaped as the main guild's are."""
        member = next((m for m in guild.members if m.id == user_id), None) or FakeMember(
            user_id, f"m{user_id}"
        )
        roles = member.role_ids if role_ids is None else tuple(role_ids)
        channel = next((c for c in guild.channels if str(c.id) == channel_id), None)
        if channel is None:
            raise ValueError(f"channel {channel_id} is not one of guild {guild.id}'s channels")
        everything = str(EVERYONE_PERMISSIONS)
        payload = self._interaction_payload(kind, data, user_id, role_ids, channel_id, in_dm=True)
        for key in ("user", "context", "authorizing_integration_owners", "channel"):
            payload.pop(key, None)
        payload.update(
            guild_id=str(guild.id),
            guild_locale="en-US",
            context=0,
            guild={"id": str(guild.id), "locale": "en-US", "features": []},
            channel={**self._channel_object(channel), "guild_id": str(guild.id), "permissions": everything},
            member={**self._member_object(member, roles), "permissions": everything},
            authorizing_integration_owners={"0": str(guild.id)},
        )
        return payload

    def _ready(self, session: GatewaySession) -> Json:
        ready: Json = {
            "v": 10,
            "user": {**self._bot_user(), "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [
                {"id": str(guild), "unavailable": True} for guild in (self.guild_id, *self.other_guilds)
            ],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_gateway_url,
            "application": {"id": str(self.app_id), "flags": APPLICATION_FLAGS},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "guild_join_requests": [],
            "user_settings": {},
        }
        if session.shard is not None:
            ready["shard"] = session.shard
        return ready

    def _application_object(self) -> Json:
        owner = self._owner()
        return {
            "id": str(self.app_id),
            "name": self.bot_name,
            "description": "",
            "icon": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": user_object(owner.id, owner.username),
            "verify_key": self.public_key,
            "flags": APPLICATION_FLAGS,
            "team": None,
            "summary": "",
            "interactions_endpoint_url": self.interactions_endpoint_url,
            "bot": self._bot_user(),
        }

    def _interaction_payload(
        self,
        kind: int,
        data: Json,
        user_id: int,
        role_ids: Sequence[int] | None,
        channel_id: str,
        in_dm: bool,
    ) -> Json:
        member = self._member(user_id) or FakeMember(user_id, f"member{user_id}")
        payload: Json = {
            "id": self._snowflake(),
            "application_id": str(self.app_id),
            "type": kind,
            "token": "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48),
            "version": 1,
            "data": data,
            "channel_id": channel_id,
            "locale": self._locale(user_id),
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
            "app_permissions": str(self._permissions([])),
        }
        if in_dm:
            user = user_object(member.id, member.username)
            payload.update(user=user, context=1, authorizing_integration_owners={"0": str(self.app_id)})
            payload["channel"] = {"id": channel_id, "type": 1, "recipients": [user], "flags": 0}
            return payload
        roles = member.role_ids if role_ids is None else tuple(role_ids)
        channel = next((c for c in self.channels if str(c.id) == channel_id), None)
        if channel is None:
            raise ValueError(f"channel {channel_id} is not one of the guild's channels")
        payload.update(
            guild_id=str(self.guild_id),
            guild_locale="en-US",
            context=0,
            guild={"id": str(self.guild_id), "locale": "en-US", "features": []},
            channel={**self._channel_object(channel), "permissions": str(self._permissions(roles))},
            member={**self._member_object(member, roles), "permissions": str(self._permissions(roles))},
            authorizing_integration_owners={"0": str(self.guild_id)},
        )
        return payload
