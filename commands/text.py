"""Make text from outside safe to store and show.

Text from outside (what members type, their display names, job-board
listings, anything echoed back in an error) is cleaned once on the way in by
`clean_user_text` or `strip_controls`: control and format characters are
dropped, bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069)
and the invisible marks (U+200E, U+200F, U+061C) included, so a name cannot
reverse the text around it. So are the marks that draw nothing (the
combining grapheme joiner, Khmer's inherent vowels), and the blank "letters"
(the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, the blank Braille cell
U+2800) become spaces: Unicode files them as letters or symbols, but a name
made of them shows as nothing. Letters, accents, CJK and emoji stay; a zero-width joiner is kept
only inside an emoji sequence (👩‍💻). Member text and lines of outside text
must hold at least one visible character (a letter, digit, punctuation or
symbol), or they are empty.

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
#: Drawn as nothing, though filed as marks (so `isprintable` passes them): dropped. The
#: combining grapheme joiner, Khmer's inherent vowels (which Unicode asks never to be
#: used), the Khitan filler.
_INVISIBLE_LETTERS = frozenset("\u034f\u17b4\u17b5\U00016fe4")
#: Drawn as blank space, though filed as letters or a symbol: read as a space. The Hangul
#: fillers (choseong, jungseong, compatibility, half-width) and the blank Braille cell.
_BLANK_SYMBOLS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_INVISIBLE = re.compile("[" + "".join(sorted(_INVISIBLE_LETTERS | _BLANK_SYMBOLS)) + "]")
#: What a reader can see: letters, digits, punctuation and symbols (not marks alone, not spaces).
_VISIBLE_CATEGORIES = frozenset("LNPS")


def _printable_but(text: str, keep: frozenset[str]) -> bool:
    """Whether `text` is printable apart from the characters in `keep`, checked in C: a reply
    holding the bot's own time and link marks is the usual case, not one for the regex below."""
    if text.isprintable():
        return True
    for char in keep:  # a few str.replace calls beat a translate table or a regex here
        text = text.replace(char, "")
    return bool(keep) and text.isprintable()


def strip_controls(text: str, *, keep: frozenset[str] = frozenset()) -> str:
    """`text` without control and format characters; line breaks and tabs stay.

    Dropped: Unicode categories Cc, Cf, Cs, Co and Cn, and the marks that
    draw nothing (`_INVISIBLE_LETTERS`); blank letters (`_BLANK_SYMBOLS`) become spaces.
    Characters in `keep` stay (`Reply` keeps the markers of the bot's own links).
    """
    if _printable_but(text, keep) and not _INVISIBLE.search(text):
        return text  # one line of ordinary text: the usual case, checked in C

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if char in _INVISIBLE_LETTERS:
            return ""
        if char in _BLANK_SYMBOLS:
            return " "
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
    """Member text to store: controls dropped, spaces collapsed (line breaks kept), length capped.

    Text with nothing visible in it (only spaces, or accents with no letter) is "".
    """
    kept = strip_controls(text)
    if "\n" not in kept:
        return _visible_or_empty(" ".join(kept.split())[:max_length])
    return _visible_or_empty(kept.strip()[:max_length])


def clean_line(text: str, *, max_length: int = sys.maxsize) -> str:
    """One line of outside text (a job title, a place, a display name): controls dropped,
    all whitespace (line breaks included) one space; "" when nothing in it is visible."""
    return _visible_or_empty(" ".join(strip_controls(text).split())[:max_length])


def has_visible(text: str) -> bool:
    """True when `text` holds a character a reader can see."""
    return any(map(_visible, text))


def _visible(char: str) -> bool:
    if "!" <= char <= "~":
        return True  # printable ASCII other than the space: the usual case, no lookup
    return unicodedata.category(char)[0] in _VISIBLE_CATEGORIES


def _visible_or_empty(text: str) -> str:
    return text if has_visible(text) else ""


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
