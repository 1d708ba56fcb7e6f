"""Reply text is literal text; the one piece of markup a command can ask for is a link.

The rule, for every surface of a `Reply` and of an outbox message (title,
text, fields, footer, button labels): **what a command puts there is shown
as typed.** A job title ``[Click](https://phish.example)``, a display name
``*boss*`` or a site called ``# URGENT`` reaches Discord with its Markdown
escaped and Slack with its mrkdwn escaped, because the adapters escape every
piece of text for the platform that renders it (`bot.adapters.discord_render`,
`bot.adapters.slack_render`; the console prints text as it is). Commands
never escape anything, so a new command cannot forget to.

The bot's own links (a job listing's address, a fact's source) are the
exception, and they are marked, not written as markup: `link(url)` wraps a
checked http(s) address in two private-use characters, and each adapter
turns the marked address into a plain, visible link on its platform (the
address is its own label, so it cannot pretend to go somewhere else). Text
from outside cannot forge a mark: `commands.text.strip_controls` drops
private-use characters on the way in, and an adapter shows a mark around
anything that is not a safe address as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import quote

from commands.text import no_pings, strip_controls
from commands.urls import UNREADABLE, without_user_info

LINK_START = "\ue000"
LINK_END = "\ue001"
MARKERS = frozenset(LINK_START + LINK_END)
MAX_URL = 500
#: Characters an address may hold as they are (RFC 3986); anything else is percent-encoded,
#: so no address can carry ``|``, ``<``, ``>``, quotes, spaces or backslashes into markup.
_URL_SAFE = "-._~:/?#[]@!$&'()*+,;=%"


def safe_url(url: str) -> str | None:
    """`url` as an http(s) address safe to show as a link, or None if it is not one."""
    # A user:password@ in a board's address must never be posted.
    link = without_user_info(strip_controls(url).strip())
    if (
        link == UNREADABLE
        or not link.lower().startswith(("https://", "http://"))
        or any(c.isspace() for c in link)
    ):
        return None
    encoded = quote(link, safe=_URL_SAFE)
    host = encoded.split("//", 1)[1].split("/", 1)[0]
    if not host or len(encoded) > MAX_URL:
        return None
    return encoded


def link(url: str) -> str:
    """The bot's own link to `url`, shown as the address itself; "" when `url` is not http(s)."""
    safe = safe_url(url)
    return f"{LINK_START}{safe}{LINK_END}" if safe else ""


def pieces(text: str) -> Iterator[tuple[str, bool]]:
    """(piece, is_link) in order; an unclosed or unsafe mark is text."""
    rest = text
    while rest:
        start = rest.find(LINK_START)
        end = rest.find(LINK_END, start + 1) if start != -1 else -1
        if start == -1 or end == -1:
            yield rest, False
            return
        if start:
            yield rest[:start], False
        inner = rest[start + 1 : end]
        safe = safe_url(inner)
        yield (safe, True) if safe == inner else (inner, False)
        rest = rest[end + 1 :]


def render(text: str, escape: Callable[[str], str], show_link: Callable[[str], str]) -> str:
    """`text` for one platform: each piece of text cleaned and escaped, each link drawn.

    Controls and marks are dropped and mentions broken before `escape` sees a
    piece, so every platform gets the same guarantees from one place.
    """
    if LINK_START not in text:
        return escape(_inert(text))
    return "".join(show_link(piece) if is_link else escape(_inert(piece)) for piece, is_link in pieces(text))


def plain(text: str) -> str:
    """Text for a surface where nothing renders (the console, a button label, a Discord footer)."""
    return render(text, lambda piece: piece, lambda url: url)


def _inert(text: str) -> str:
    return no_pings(strip_controls(text))
