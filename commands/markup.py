"""Reply text is literal text; the markup a command can ask for is a link or a time.

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

A *time* is the second kind (`moment(instant, local_text)`, `span(start, end,
local_text)`): the site-local text, marked with the instant it stands for,
which each adapter draws for its platform so every reader also sees the time
in their own zone: Discord as ``<t:UNIX:f>`` beside the local text, Slack as
``<!date^UNIX^{date_short_pretty} {time}|…>`` beside it, the console (and
every surface that renders nothing: footers, buttons, headers) as the local
text alone. The mark holds only a style letter, digits and one line of text,
checked again when drawn; a command never writes ``<t:…>`` itself, and the
private-use marks cannot come from outside text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from urllib.parse import quote

from commands.text import no_pings, strip_controls
from commands.urls import UNREADABLE, without_user_info

LINK_START = "\ue000"
LINK_END = "\ue001"
MOMENT_START = "\ue002"
MOMENT_END = "\ue003"
MARKERS = frozenset(LINK_START + LINK_END + MOMENT_START + MOMENT_END)
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


# ---- times ---------------------------------------------------------------------------

#: How a time is drawn where the platform can: "f" date and time, "t" time only, "R" relative.
MomentStyle = Literal["f", "t", "R"]
#: The longest local text a time carries (a shift's span across a clock change is about 45).
MAX_LOCAL = 120
_MOMENT = re.compile(rf"([ftR])([0-9]{{1,11}})(?:-([0-9]{{1,11}}))?\|([^\n]{{1,{MAX_LOCAL}}})")


@dataclass(frozen=True)
class Moment:
    """A time as the bot marked it: its instant (and end, for a span) and the site-local text."""

    style: MomentStyle
    start: int
    end: int | None
    local: str


def moment(instant: datetime, local_text: str, *, style: MomentStyle = "f") -> str:
    """`local_text` (the site's own clock), marked with `instant` so each reader also sees their own."""
    return _mark(style, instant, None, local_text)


@functools.lru_cache(maxsize=4096)  # a storm's replies mark the same few shifts thousands of times
def span(start: datetime, end: datetime, local_text: str) -> str:
    """A shift's start and end: `local_text` marked with both instants."""
    return _mark("f", start, end, local_text)


def _mark(style: MomentStyle, start: datetime, end: datetime | None, local_text: str) -> str:
    local = " ".join(strip_controls(local_text).split())[:MAX_LOCAL]
    first = _unix(start)
    if not local or first is None:
        return local
    last = _unix(end) if end is not None else None
    ends = f"-{last}" if last is not None else ""
    return f"{MOMENT_START}{style}{first}{ends}|{local}{MOMENT_END}"


def _unix(instant: datetime) -> int | None:
    if instant.tzinfo is None:
        raise ValueError("a marked time needs an aware datetime")
    seconds = int(instant.timestamp())
    return seconds if 0 <= seconds < 10**11 else None


def read_moment(inner: str) -> Moment | None:
    """The time a mark holds, or None when it is not one the bot would write."""
    found = _MOMENT.fullmatch(inner)
    if found is None:
        return None
    style, start, end, local = found.groups()
    return Moment(style, int(start), int(end) if end else None, local)  # type: ignore[arg-type]


def _moments(text: str) -> Iterator[tuple[str, Moment | None]]:
    """(text, None) and ("", moment) in order; an unclosed or unreadable mark is text."""
    rest = text
    while rest:
        start = rest.find(MOMENT_START)
        end = rest.find(MOMENT_END, start + 1) if start != -1 else -1
        if start == -1 or end == -1:
            yield rest, None
            return
        if start:
            yield rest[:start], None
        inner = rest[start + 1 : end]
        found = read_moment(inner)
        yield (inner, None) if found is None else ("", found)
        rest = rest[end + 1 :]


#: Draws a time: the moment, and its local text already cleaned and escaped for the surface.
ShowMoment = Callable[[Moment, str], str]


def _local_only(_: Moment, local: str) -> str:
    return local


# ---- drawing ----------------------------------------------------------------------------


def render(
    text: str,
    escape: Callable[[str], str],
    show_link: Callable[[str], str],
    show_moment: ShowMoment = _local_only,
) -> str:
    """`text` for one platform: each piece of text cleaned and escaped, each link and time drawn.

    Controls and marks are dropped and mentions broken before `escape` sees a
    piece, so every platform gets the same guarantees from one place.
    """
    if MOMENT_START not in text:
        return _with_links(text, escape, show_link)
    return "".join(
        _with_links(piece, escape, show_link)
        if found is None
        else show_moment(found, escape(_inert(found.local)))
        for piece, found in _moments(text)
    )


def _with_links(text: str, escape: Callable[[str], str], show_link: Callable[[str], str]) -> str:
    if LINK_START not in text:
        return escape(_inert(text))
    return "".join(show_link(piece) if is_link else escape(_inert(piece)) for piece, is_link in pieces(text))


def plain(text: str) -> str:
    """Text for a surface where nothing renders (the console, a button label, a Discord footer):
    links as their address, times as the site-local text."""
    return render(text, lambda piece: piece, lambda url: url)


def _inert(text: str) -> str:
    return no_pings(strip_controls(text))
