"""Render a `Reply` (or an outbox message) as Slack Block Kit within Slack's limits.

Reply text is literal (`commands.markup`), and every piece of it is made
inert: control characters dropped, `no_pings` breaks mention syntax, then
``&``, ``<`` and ``>`` become entities, which is what Slack reads as "not
markup", so ``<!channel>`` in a fact is shown, never obeyed. In mrkdwn
text, Slack has no escape character for ``*``, ``_``, ``~`` and backticks:
each gets a zero-width space on both sides, so it can neither open nor close
formatting, whichever way Slack reads that space; a ``>`` that starts a line
gets one in front so it is no quote. mrkdwn objects are ``verbatim``, so
Slack does not turn addresses or channel names in member text into links.
plain_text objects (the header, buttons) render nothing.

The only raw markup this module emits is the ``*bold*`` of field names, the
code fence around an attached text file, the bot's own links as
``<https://…>`` (`commands.markup.link`), the bot's own times as Slack's
date formatting beside the site-local text (``<!date^UNIX^{date_short_pretty}
{time}|…>``, `commands.markup.moment`), plus a caller's ``lead`` (the
outbox's ``<@U…>`` mention of a DM recipient).

Images (a check-in QR code) are not shown: the bot uploads no files to Slack
(that needs the ``files:write`` scope and the two-step external upload), so
an image attachment becomes one line saying so; the reply's text carries
what the image shows.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from commands.i18n import _
from commands.markup import Moment, plain, render
from commands.reply import Attachment, Button, Field, Reply

log = logging.getLogger("picketbot.slack")

Block = dict[str, Any]

# Slack's documented limits.
MAX_BLOCKS = 50
HEADER_TEXT = 150
SECTION_TEXT = 3000
FIELD_TEXT = 2000
FIELDS_PER_SECTION = 10
CONTEXT_TEXT = 3000
BUTTON_TEXT = 75
ACTION_ID = 255
BUTTON_VALUE = 2000
BUTTONS_PER_BLOCK = 25
#: The notification/fallback text; Slack allows far more, but it only needs a preview.
FALLBACK_TEXT = 3000
#: An attached text file is shown inline up to this size, else members are told to use the CLI.
INLINE_ATTACHMENT = 2500

TRUNCATED_NOTE = "(shortened: a Slack message holds at most 50 blocks)"
_ZWSP = "\u200b"


@dataclass(frozen=True)
class SlackMessage:
    """What chat.postMessage and respond() take: fallback text plus blocks."""

    text: str
    blocks: list[Block]


#: Formatting characters, each fenced with zero-width spaces (Slack has no escape character).
_FORMATTING = re.compile(r"[*_~`]")
#: A ``>`` (already ``&gt;``) at the start of a line would make the line a quote.
_QUOTE = re.compile(r"^([ \t]*)(?=&gt;)", re.MULTILINE)


def entities(text: str) -> str:
    """``&``, ``<`` and ``>`` as the entities Slack reads as plain characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_mrkdwn(text: str) -> str:
    """Text Slack's mrkdwn shows as written: no formatting, quotes, links or mentions."""
    text = _FORMATTING.sub(lambda m: f"{_ZWSP}{m.group()}{_ZWSP}", entities(text))
    return _QUOTE.sub(lambda m: m.group(1) + _ZWSP, text)


def _show_link(url: str) -> str:
    # `safe_url` percent-encoded any "|", "<" and ">"; "&" still needs its entity.
    return f"<{entities(url)}>"


#: Slack's date tokens for each style of time (Slack has no relative token to rely on).
_DATE_TOKENS = {"f": "{date_short_pretty} {time}", "t": "{time}", "R": "{date_short_pretty} {time}"}


def _date(unix: int, tokens: str) -> str:
    """Slack's date formatting; the fallback (for clients that cannot draw it) is UTC."""
    fallback = f"{datetime.fromtimestamp(unix, UTC):%Y-%m-%d %H:%M} UTC"
    return f"<!date^{unix}^{tokens}|{fallback}>"


def _show_moment(moment: Moment, local: str) -> str:
    """The bot's own time: the site's local text, and the reader's own time beside it."""
    if moment.end is None:
        return f"{local} ({_date(moment.start, _DATE_TOKENS[moment.style])})"
    return f"{local} ({_date(moment.start, _DATE_TOKENS['f'])}–{_date(moment.end, '{time}')})"


def escape(text: str) -> str:
    """Reply text for a mrkdwn object: member text inert, the bot's own links and times drawn."""
    return render(text, escape_mrkdwn, _show_link, _show_moment)


def escape_plain(text: str) -> str:
    """Reply text for a plain_text object (a header, a button): no pings, no controls."""
    return entities(plain(text))


def unescape(text: str) -> str:
    """Undo Slack's escaping of slash-command text (it sends ``&lt;`` for a typed ``<``)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def render_reply(reply: Reply, *, lead: str | None = None) -> SlackMessage:
    """Blocks for a reply; `lead` is raw mrkdwn put before the text (a trusted mention)."""
    head = [_header(reply.title)] if reply.title else []
    body = _text_sections(reply.text, lead)
    body += _field_blocks(reply.fields)
    if reply.attachment is not None:
        body.append(_attachment_block(reply.attachment))
    tail = _actions(reply.buttons)
    if reply.footer:
        tail.append(_context(escape(reply.footer)))
    return SlackMessage(_fallback(reply, lead), _fit_blocks(head, body, tail))


def render_outbound(
    title: str | None,
    body: str,
    footer: str | None,
    buttons: tuple[Button, ...],
    *,
    lead: str | None = None,
) -> SlackMessage:
    """The same rendering for an outbox message as for a reply."""
    return render_reply(Reply(text=body, title=title, footer=footer, buttons=buttons), lead=lead)


# ---- blocks -------------------------------------------------------------------------


def _header(title: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": fit(escape_plain(title), HEADER_TEXT)}}


def _mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _section(text: str) -> Block:
    return {"type": "section", "text": _mrkdwn(text)}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [_mrkdwn(fit(text, CONTEXT_TEXT))]}


def _text_sections(text: str, lead: str | None) -> list[Block]:
    shown = escape(text)
    if lead:
        shown = f"{lead} {shown}" if shown else lead
    return [_section(chunk) for chunk in split_text(shown, SECTION_TEXT)]


def _field_blocks(fields: tuple[Field, ...]) -> list[Block]:
    """Short inline fields side by side (up to 10 a section); the rest as sections, in order."""
    blocks: list[Block] = []
    inline: list[Block] = []

    def flush() -> None:
        if inline:
            blocks.append({"type": "section", "fields": list(inline)})
            inline.clear()

    for field in fields:
        if field.inline and len(field.value) + len(field.name) < FIELD_TEXT // 2:
            inline.append(_mrkdwn(fit(_field_text(field), FIELD_TEXT)))
            if len(inline) == FIELDS_PER_SECTION:
                flush()
            continue
        flush()
        blocks.extend(_section(chunk) for chunk in split_text(_field_text(field), SECTION_TEXT))
    flush()
    return blocks


def _field_text(field: Field) -> str:
    name = escape(field.name.replace("*", ""))  # a stray * would end the bold early
    return f"*{name}*\n{escape(field.value)}"


def _attachment_block(attachment: Attachment) -> Block:
    """A short text file inline as a code block; an image is named; anything else points at the CLI."""
    name = escape(attachment.filename)
    if attachment.content_type.startswith("image/"):
        return _context(
            _("{name}: the image is not shown in Slack (picketbot uploads no files there).").format(name=name)
        )
    content = _inline_text(attachment)
    if content is None:
        return _context(
            _(
                "{name} ({size} bytes) is too large to show in Slack:"
                " run the same command in the picketbot console to save the file."
            ).format(name=name, size=f"{len(attachment.content):,}")
        )
    # Nothing is formatted inside a fence, so the file keeps its characters; a ``` inside it
    # would close the fence early.
    fenced = entities(plain(content)).replace("```", f"`{_ZWSP}``")
    return _section(f"*{name}*\n```{fenced}```")


def _inline_text(attachment: Attachment) -> str | None:
    if not (attachment.content_type.startswith("text/") or attachment.content_type.endswith("json")):
        return None
    try:
        text = attachment.content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if len(entities(text)) <= INLINE_ATTACHMENT else None


def _actions(buttons: tuple[Button, ...]) -> list[Block]:
    elements: list[Block] = []
    seen: set[str] = set()
    for button in buttons:
        if button.action_id in seen:
            continue  # Slack rejects a message whose buttons share an action_id
        if len(button.action_id) > ACTION_ID or len(button.command) > BUTTON_VALUE:
            log.warning("button %r dropped: its command is too long for Slack", button.label)
            continue
        seen.add(button.action_id)
        elements.append(_button(button))
    return [
        {"type": "actions", "elements": elements[i : i + BUTTONS_PER_BLOCK]}
        for i in range(0, len(elements), BUTTONS_PER_BLOCK)
    ]


def _button(button: Button) -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": fit(escape_plain(button.label), BUTTON_TEXT), "emoji": True},
        "action_id": button.action_id,
        "value": button.command,
    }
    if button.style in ("primary", "danger"):  # Slack has no "secondary": the default look
        element["style"] = button.style
    return element


def _fit_blocks(head: list[Block], body: list[Block], tail: list[Block]) -> list[Block]:
    """At most 50 blocks: the title, buttons and footer always stay; the body is cut with a note."""
    if len(head) + len(body) + len(tail) <= MAX_BLOCKS:
        return head + body + tail
    room = MAX_BLOCKS - len(head) - len(tail) - 1
    return [*head, *body[: max(room, 0)], _context(TRUNCATED_NOTE), *tail][:MAX_BLOCKS]


def _fallback(reply: Reply, lead: str | None) -> str:
    parts = [escape(p) for p in (reply.title, reply.text) if p]
    parts += [escape(f"{f.name}: {f.value}") for f in reply.fields[:3]]
    if lead:
        parts.insert(0, lead)
    return fit("\n".join(parts), FALLBACK_TEXT) or "picketbot"


# ---- cutting escaped text -------------------------------------------------------------


def fit(text: str, limit: int) -> str:
    """Cut already-escaped text to `limit` characters, never inside an ``&amp;`` entity."""
    if len(text) <= limit:
        return text
    return text[: _safe_cut(text, limit - 1)].rstrip() + "…"


def split_text(text: str, limit: int) -> list[str]:
    """Split escaped text into pieces of at most `limit`, at line ends where possible."""
    pieces: list[str] = []
    rest = text.strip("\n")
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit + 1)
        if cut < limit // 2:
            space = _outside_mark(rest, rest.rfind(" ", 0, limit + 1))
            cut = space if space >= limit // 2 else _safe_cut(rest, limit)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _safe_cut(text: str, limit: int) -> int:
    """The largest cut <= limit inside neither an entity such as ``&amp;`` nor the bot's own
    ``<…>`` (a link or a date, whose tokens hold spaces)."""
    amp = text.rfind("&", max(limit - 4, 0), limit)
    if amp != -1 and text.find(";", amp, limit) == -1:
        return _outside_mark(text, amp)
    return _outside_mark(text, limit)


def _outside_mark(text: str, cut: int) -> int:
    """`cut`, or the start of the ``<…>`` it would fall inside (escaped text has no other ``<``)."""
    if cut <= 0:
        return cut
    opened = text.rfind("<", 0, cut)
    if opened > 0 and text.rfind(">", 0, cut) < opened:
        return opened  # never 0: a cut must make progress
    return cut
