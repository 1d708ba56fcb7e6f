"""Make text from outside safe to store and show.

Text from outside (what members type, their display names, job-board
listings, anything echoed back in an error) is cleaned once on the way in by
`clean_user_text` or `strip_controls`: control and format characters are
dropped, bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069)
and the invisible marks (U+200E, U+200F, U+061C) included, so a name cannot
reverse the text around it. Letters, accents, CJK and emoji stay; a
zero-width joiner is kept only inside an emoji sequence (👩‍💻).

`Reply` strips the same characters again from everything it holds, so an
error that echoes what was typed never carries them back.

Showing text is the adapters' job (see `commands.markup`): reply text is
literal text, escaped for the platform that renders it. `no_pings` breaks
mention syntax on every platform, even where an adapter forgets its own
mention settings.
"""

from __future__ import annotations

import re
import sys
import unicodedata

_ZWSP = "\u200b"
_ZWJ = "\u200d"
_TAG_FLAG = "\U0001f3f4"  # the black flag that starts an emoji tag sequence (🏴 + tags)
_TAGS = ("\U000e0020", "\U000e007f")
#: Line and paragraph separators read as line breaks.
_LINE_BREAKS = frozenset("\r\u2028\u2029\x85")
#: Everything but printable ASCII, line breaks and tabs: the only characters worth a closer look.
_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e\n\t]")


def strip_controls(text: str, *, keep: frozenset[str] = frozenset()) -> str:
    """`text` without control and format characters; line breaks and tabs stay.

    Dropped: Unicode categories Cc, Cf, Cs, Co and Cn. Characters in `keep`
    stay (`Reply` keeps the markers of the bot's own links).
    """
    if text.isprintable():
        return text  # one line of ordinary text: the usual case, checked in C

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if char in _LINE_BREAKS:
            return "" if char == "\r" and match.string.startswith("\n", match.end()) else "\n"
        if char in keep or unicodedata.category(char)[0] != "C":
            return char
        if char == _ZWJ and _joins_emoji(match.string, match.start()):
            return char
        if _TAGS[0] <= char <= _TAGS[1] and _in_tag_sequence(match.string, match.start()):
            return char
        return ""

    return _NOT_PLAIN_ASCII.sub(replace, text)


def _emoji_like(char: str) -> bool:
    return char == "\ufe0f" or unicodedata.category(char) in ("So", "Sk")


def _joins_emoji(text: str, index: int) -> bool:
    """A zero-width joiner between two emoji (👩‍💻) is part of the emoji; anywhere else it hides text."""
    return 0 < index < len(text) - 1 and _emoji_like(text[index - 1]) and _emoji_like(text[index + 1])


def _in_tag_sequence(text: str, index: int) -> bool:
    """Tag characters belong after 🏴 (a subdivision flag); anywhere else they hide text."""
    while index > 0:
        index -= 1
        char = text[index]
        if char == _TAG_FLAG:
            return True
        if not _TAGS[0] <= char <= _TAGS[1]:
            return False
    return False


def clean_user_text(text: str, *, max_length: int) -> str:
    """Member text to store: controls dropped, spaces collapsed (line breaks kept), length capped."""
    kept = strip_controls(text)
    if "\n" not in kept:
        return " ".join(kept.split())[:max_length]
    return kept.strip()[:max_length]


def clean_line(text: str, *, max_length: int = sys.maxsize) -> str:
    """One line of outside text (a job title, a place): controls dropped, all whitespace one space."""
    return " ".join(strip_controls(text).split())[:max_length]


def no_pings(text: str) -> str:
    """Break every mention syntax Discord and Slack know with a zero-width space."""
    if "@" not in text and "<" not in text:
        return text  # every mention needs one of them; most replies have neither
    return (
        text.replace("@everyone", f"@{_ZWSP}everyone")
        .replace("@here", f"@{_ZWSP}here")
        .replace("@channel", f"@{_ZWSP}channel")
        .replace("<@", f"<{_ZWSP}@")
        .replace("<!", f"<{_ZWSP}!")
        .replace("<#", f"<{_ZWSP}#")
    )


def shorten(text: str, limit: int) -> str:
    """Cut to `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"
