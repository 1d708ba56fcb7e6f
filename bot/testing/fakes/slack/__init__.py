"""A local fake Slack (Web API, Socket Mode, response_url) for the real slack-bolt and slack-sdk.

`server.FakeSlack` is the fake, `requests` builds what Slack sends the bot;
the names tests use are re-exported here.
"""

from bot.testing.fakes.slack.model import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_CHANNEL_NAME,
    DEFAULT_USER_ID,
    DEFAULT_USER_NAME,
    ERROR_PAGE,
    FORM_CONTENT_TYPE,
    RESPONSE_URL_MAX_USES,
    TEAM_DOMAIN,
    TEAM_ID,
    ApiCall,
)
from bot.testing.fakes.slack.requests import (
    block_action_body,
    block_action_payload,
    event_callback_payload,
    new_trigger_id,
    signed_request_headers,
    slash_command_body,
    slash_command_payload,
)
from bot.testing.fakes.slack.server import FakeSlack

__all__ = [
    "APP_ID",
    "BOT_ID",
    "BOT_USER_ID",
    "DEFAULT_CHANNEL_ID",
    "DEFAULT_CHANNEL_NAME",
    "DEFAULT_USER_ID",
    "DEFAULT_USER_NAME",
    "ERROR_PAGE",
    "FORM_CONTENT_TYPE",
    "RESPONSE_URL_MAX_USES",
    "TEAM_DOMAIN",
    "TEAM_ID",
    "ApiCall",
    "FakeSlack",
    "block_action_body",
    "block_action_payload",
    "event_callback_payload",
    "new_trigger_id",
    "signed_request_headers",
    "slash_command_body",
    "slash_command_payload",
]
