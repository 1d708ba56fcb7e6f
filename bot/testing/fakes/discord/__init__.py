"""A local fake Discord (REST API v10 + gateway websocket) for the real discord.py client.

`server.FakeDiscord` is the fake; the names tests use are re-exported here.
"""

from bot.testing.fakes.discord.interactions import PostedInteraction, signature_headers
from bot.testing.fakes.discord.model import (
    CB_DEFER,
    CB_DEFER_UPDATE,
    CB_MESSAGE,
    CB_UPDATE,
    DEFAULT_APP_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    ERROR_PAGE,
    EVERYONE_PERMISSIONS,
    MESSAGE_FLAG_EPHEMERAL,
    MESSAGE_FLAG_LOADING,
    DiscordAPIError,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    GatewayConnection,
    RecordedFile,
    RecordedRequest,
    SentInteraction,
)
from bot.testing.fakes.discord.server import FakeDiscord
from bot.testing.fakes.discord.validation import validate_commands, validate_message

__all__ = [
    "CB_DEFER",
    "CB_DEFER_UPDATE",
    "CB_MESSAGE",
    "CB_UPDATE",
    "DEFAULT_APP_ID",
    "DEFAULT_CHANNEL_ID",
    "DEFAULT_GUILD_ID",
    "ERROR_PAGE",
    "EVERYONE_PERMISSIONS",
    "MESSAGE_FLAG_EPHEMERAL",
    "MESSAGE_FLAG_LOADING",
    "DiscordAPIError",
    "FakeChannel",
    "FakeDiscord",
    "FakeGuild",
    "FakeMember",
    "FakeRole",
    "GatewayConnection",
    "PostedInteraction",
    "RecordedFile",
    "RecordedRequest",
    "SentInteraction",
    "signature_headers",
    "validate_commands",
    "validate_message",
]
