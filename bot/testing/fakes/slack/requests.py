"""Requests shaped as Slack sends them to the bot: signed slash commands, clicks, events."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from typing import Any
from urllib.parse import urlencode

from bot.testing.fakes.slack.model import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_CHANNEL_NAME,
    DEFAULT_USER_ID,
    DEFAULT_USER_NAME,
    FORM_CONTENT_TYPE,
    TEAM_DOMAIN,
    TEAM_ID,
    VERIFICATION_TOKEN,
    JsonDict,
    next_id,
    next_number,
)


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
    return f"{next_number()}.{TEAM_ID[1:]}.{uuid.uuid4().hex}"


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
        "event_id": next_id("Ev"),
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
