"""Render a `Reply` (or an outbox message) as a Discord message, within Discord's limits.

A reply becomes one embed: title, text as the description, fields, footer.
An error is one plain line of content. Buttons become buttons whose ids are
their commands (`buttons`); an attachment becomes a file. Whatever is too
long is cut with an ellipsis, never refused: Discord rejects a whole message
over one field that is a character too long.

Reply text is literal (`commands.markup`), so every surface where Discord
renders Markdown (content, embed title, description, field names and
values) gets `escape_markdown`; the footer and button labels render nothing
and only lose control characters. The bot's own links become bare,
visible addresses; the bot's own times (`commands.markup.moment`) show the
site-local text with Discord's timestamp beside it (``<t:UNIX:f>``), which
each reader's app shows in their own zone. An image attachment (a check-in
QR code) is shown inside the embed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

import discord

from bot.adapters.discord.buttons import build_view
from commands.i18n import _, ngettext
from commands.markup import Moment, plain, render
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


# ---- escaping ------------------------------------------------------------------------

#: Markdown that works anywhere in a line: emphasis, underline, strike, spoilers, code,
#: masked links, quotes, and ``<…>`` (mentions, timestamps, ``<https://…>`` links).
_INLINE = re.compile(r"[\\*_~`|\[\]<>]")
#: Markdown that works at the start of a line: headers, subtext, lists.
_LINE_START = re.compile(r"^([ \t]*)(#{1,3}(?=[ \t])|-#|[-+](?=[ \t])|\d+(?=[.)][ \t]))", re.MULTILINE)
#: ``https://``: Discord turns an address after a scheme into a link; ``https\://`` stays text.
_SCHEME = re.compile(r"(?<=[A-Za-z0-9])(?=://)")


def escape_markdown(text: str) -> str:
    """Text that Discord shows exactly as written: no formatting, no links, no mentions."""
    text = _INLINE.sub(lambda m: "\\" + m.group(), text)
    text = _LINE_START.sub(_escape_line_start, text)
    return _SCHEME.sub(lambda _: "\\", text)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark = match.group(1), match.group(2)
    if mark[0].isdigit():
        return indent + mark + "\\"  # "1." becomes "1\." (the dot follows the match)
    return f"{indent}\\{mark}"


def _show_link(url: str) -> str:
    """The bot's own link: the bare address, which Discord shows as itself."""
    return url


def _show_moment(moment: Moment, local: str) -> str:
    """The bot's own time: the site's local text, and the reader's own time beside it."""
    if moment.end is None:
        return f"{local} (<t:{moment.start}:{moment.style}>)"
    return f"{local} (<t:{moment.start}:f>–<t:{moment.end}:t>)"


def markdown(text: str) -> str:
    """Reply text for a surface where Discord renders Markdown and timestamps (content,
    description, field values)."""
    return render(text, escape_markdown, _show_link, _show_moment)


def markdown_heading(text: str) -> str:
    """A title or field name: Markdown is escaped there too, but Discord draws no ``<t:…>``
    in them, so a time shows as the site-local text alone."""
    return render(text, escape_markdown, _show_link)


# ---- messages -------------------------------------------------------------------------


def render_reply(reply: Reply) -> Rendered:
    if reply.is_error:
        return Rendered(content=shorten(markdown(reply.text or _("Something went wrong.")), MAX_CONTENT))
    embed = build_embed(reply.title, reply.text, reply.fields, reply.footer)
    if embed is not None and reply.attachment is not None and reply.attachment.content_type == "image/png":
        embed.set_image(url=f"attachment://{reply.attachment.filename}")  # the upload, shown in the embed
    content = None
    if embed is None and reply.attachment is None:
        content = _("Done.")  # Discord refuses an empty message
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
    head = shorten(markdown_heading(title or ""), MAX_TITLE)
    foot = shorten(plain(footer or ""), MAX_FOOTER)  # a footer renders no Markdown
    text = markdown(text)
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
    name = shorten(markdown_heading(field.name.strip()), MAX_FIELD_NAME) or EMPTY
    value = shorten(markdown(field.value.strip()), MAX_FIELD_VALUE) or EMPTY
    return name, value, field.inline


def _size(fields: list[tuple[str, str, bool]]) -> int:
    return sum(len(name) + len(value) for name, value, _inline in fields)


def _more(hidden: int) -> str:
    if not hidden:
        return ""
    # Said in the reader's language, like the rest of the reply (rendered while it is spoken).
    return "\n" + ngettext("(… and {count} more not shown)", "(… and {count} more not shown)", hidden).format(
        count=hidden
    )


def _description(text: str, room: int, note: str) -> str:
    limit = min(MAX_DESCRIPTION, room) - len(note)
    return (shorten(text, max(limit, 0)) + note).strip()
