"""Interaction responses and follow-ups as the JSON Discord takes, built from a `Reply`.

The same bodies go out either way: as the HTTP response to a signed
``POST /discord/interactions``, or POSTed to the interaction's callback
endpoint when it came over the gateway. Every message carries
``allowed_mentions: {parse: []}``, so nothing in it pings anyone. The
reply's text is rendered and escaped by `render.render_reply`; this module
only lays it out.

A file goes as ``multipart/form-data`` (the JSON in ``payload_json``, the
file in ``files[0]``): to the callback endpoint or a follow-up. Discord does
not take files in an HTTP response, so there a reply with a file is deferred
and followed up (`answering`).
"""

from __future__ import annotations

import json
from typing import Any

import aiohttp

from bot.adapters.discord.buttons import button_rows
from bot.adapters.discord.render import Rendered, render_reply
from commands.reply import Attachment, Reply

Json = dict[str, Any]

# Interaction response types (Discord's names in the comments).
PONG = 1
MESSAGE = 4  # CHANNEL_MESSAGE_WITH_SOURCE
DEFER = 5  # DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: "thinking…", answered by the first follow-up
DEFER_UPDATE = 6  # DEFERRED_UPDATE_MESSAGE: a click acknowledged; the answer is a follow-up
CHOICES = 8  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT

EPHEMERAL = 1 << 6
NO_PINGS: Json = {"parse": []}


def message_data(reply: Reply, *, private: bool) -> Json:
    """A message (a response's ``data``, or a follow-up's body) showing `reply`."""
    return rendered_data(render_reply(reply), ephemeral=private or reply.ephemeral)


def rendered_data(rendered: Rendered, *, ephemeral: bool) -> Json:
    data: Json = {"content": rendered.content}  # null without text, as discord.py sends it
    if rendered.embed is not None:
        data["embeds"] = [rendered.embed.to_dict()]
    rows = button_rows(rendered.buttons)
    if rows:
        data["components"] = rows
    if rendered.attachment is not None:
        data["attachments"] = [{"id": 0, "filename": rendered.attachment.filename}]
    data["flags"] = EPHEMERAL if ephemeral else 0
    data["allowed_mentions"] = NO_PINGS
    return data


def text_data(text: str) -> Json:
    """A private one-line message of the bot's own words (a refusal, an apology)."""
    return {"content": text, "flags": EPHEMERAL, "allowed_mentions": NO_PINGS}


def message(data: Json) -> Json:
    return {"type": MESSAGE, "data": data}


def deferred(*, private: bool) -> Json:
    """ "thinking…", private or not; the first follow-up takes its place (and its privacy)."""
    return {"type": DEFER, "data": {"flags": EPHEMERAL}} if private else {"type": DEFER}


def deferred_click() -> Json:
    """A click acknowledged without changing its message; the answer follows as a new message."""
    return {"type": DEFER_UPDATE}


def choices(found: list[Json]) -> Json:
    return {"type": CHOICES, "data": {"choices": found}}


def pong() -> Json:
    return {"type": PONG}


def body_of(payload: Json, attachment: Attachment | None) -> aiohttp.FormData | bytes:
    """The request body: JSON, or multipart with the file when there is one."""
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    if attachment is None:
        return text.encode()
    form = aiohttp.FormData()
    form.add_field("payload_json", text)
    form.add_field(
        "files[0]", attachment.content, filename=attachment.filename, content_type=attachment.content_type
    )
    return form
