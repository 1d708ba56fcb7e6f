"""Render a `Reply` (or an outbox message) as a Discord message, within Discord's limits.

A reply becomes one embed: title, text as the description, fields, footer.
An error is one plain line of content. Buttons become a view of persistent
`ActionButton`s; an attachment becomes a file. Whatever is too long is cut
with an ellipsis, never refused: Discord rejects a whole message over one
field that is a character too long.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import discord

from bot.adapters.discord_buttons import build_view
from commands.reply import Attachment, Button, Field, Reply
from commands.text import shorten

MAX_CONTENT = 2000
MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER = 2048
MAX_EMBED_TOTAL = 6000
#: When fields crowd out the text, fields give way until the text has this much room.
TEXT_ROOM = 1000
COLOUR = discord.Colour(0xB71C1C)
EMPTY = "\u200b"  # Discord refuses empty field names and values


@dataclass(frozen=True)
class Rendered:
    content: str | None = None
    embed: discord.Embed | None = None
    buttons: tuple[Button, ...] = ()
    attachment: Attachment | None = None

    def send_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for discord.py's send methods, with only what is present.

        Built fresh for each send: a `discord.File` is consumed by one upload.
        """
        kwargs: dict[str, Any] = {"content": self.content}
        if self.embed is not None:
            kwargs["embed"] = self.embed
        view = build_view(self.buttons)
        if view is not None:
            kwargs["view"] = view
        if self.attachment is not None:
            kwargs["file"] = discord.File(
                io.BytesIO(self.attachment.content), filename=self.attachment.filename
            )
        return kwargs


def render_reply(reply: Reply) -> Rendered:
    if reply.is_error:
        return Rendered(content=shorten(reply.text or "Something went wrong.", MAX_CONTENT))
    embed = build_embed(reply.title, reply.text, reply.fields, reply.footer)
    content = None
    if embed is None and reply.attachment is None:
        content = "Done."  # Discord refuses an empty message
    return Rendered(content=content, embed=embed, buttons=reply.buttons, attachment=reply.attachment)


def render_notice(
    title: str | None, body: str, footer: str | None, buttons: tuple[Button, ...], *, lead: str | None = None
) -> Rendered:
    """An outbox message; `lead` is plain content above the embed (a mention that should ping)."""
    return Rendered(content=lead, embed=build_embed(title, body, (), footer), buttons=buttons)


def build_embed(
    title: str | None, text: str, fields: tuple[Field, ...], footer: str | None
) -> discord.Embed | None:
    if not (title or text or fields or footer):
        return None
    head = shorten(title or "", MAX_TITLE)
    foot = shorten(footer or "", MAX_FOOTER)
    kept = [_field(f) for f in fields[:MAX_FIELDS]]
    hidden = len(fields) - len(kept)
    room = MAX_EMBED_TOTAL - len(head) - len(foot)
    while kept and room - _size(kept) < min(len(text), TEXT_ROOM) + len(_more(hidden + 1)):
        kept.pop()
        hidden += 1
    description = _description(text, room - _size(kept), _more(hidden))
    embed = discord.Embed(title=head or None, description=description or None, colour=COLOUR)
    for name, value, inline in kept:
        embed.add_field(name=name, value=value, inline=inline)
    if foot:
        embed.set_footer(text=foot)
    return embed


def _field(field: Field) -> tuple[str, str, bool]:
    name = shorten(field.name.strip(), MAX_FIELD_NAME) or EMPTY
    value = shorten(field.value.strip(), MAX_FIELD_VALUE) or EMPTY
    return name, value, field.inline


def _size(fields: list[tuple[str, str, bool]]) -> int:
    return sum(len(name) + len(value) for name, value, _ in fields)


def _more(hidden: int) -> str:
    return f"\n(… and {hidden} more not shown)" if hidden else ""


def _description(text: str, room: int, note: str) -> str:
    limit = min(MAX_DESCRIPTION, room) - len(note)
    return (shorten(text, max(limit, 0)) + note).strip()
