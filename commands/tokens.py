"""Split a chat command line into tokens.

One tokenizer serves Slack and the console: words, quoted strings (straight
or curly quotes) and ``key=value`` options. It is a single left-to-right scan,
so no input can make it slow, and its only error is an unclosed quote.
"""

from __future__ import annotations

from typing import NamedTuple

from commands.errors import UsageError
from commands.i18n import _

_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "\u201d": "\u201d"}


class Token(NamedTuple):
    """One word, quoted string or option. A named tuple: a command line makes several."""

    text: str
    #: Set for ``key=value`` tokens; `text` is then the value.
    key: str | None = None
    quoted: bool = False

    @property
    def raw(self) -> str:
        """The token as the user typed it, for when an option is really text."""
        return f"{self.key}={self.text}" if self.key is not None else self.text


def _is_key(text: str) -> bool:
    return (
        bool(text) and (text[0].isalpha() or text[0] == "_") and all(c.isalnum() or c in "_-" for c in text)
    )


#: Characters that make a line need the full scan; a line without them is plain words.
_SPECIAL = frozenset("=").union(_QUOTES)


def tokenize(line: str) -> list[Token]:
    if _SPECIAL.isdisjoint(line):
        # Most lines (every button a member clicks) are plain words: str.split does it in C.
        return [Token(word) for word in line.split()]
    tokens: list[Token] = []
    i, n = 0, len(line)
    while i < n:
        if line[i].isspace():
            i += 1
            continue
        token, i = _read_token(line, i)
        tokens.append(token)
    return tokens


def _read_token(line: str, i: int) -> tuple[Token, int]:
    n = len(line)
    if line[i] in _QUOTES:
        text, i = _read_quoted(line, i)
        return Token(text, quoted=True), i
    start = i
    while i < n and not line[i].isspace():
        if line[i] == "=" and _is_key(line[start:i]):
            key = line[start:i]
            if i + 1 < n and line[i + 1] in _QUOTES:
                value, end = _read_quoted(line, i + 1)
                return Token(value, key=key.lower(), quoted=True), end
            end = i + 1
            while end < n and not line[end].isspace():
                end += 1
            return Token(line[i + 1 : end], key=key.lower()), end
        i += 1
    return Token(line[start:i]), i


def _read_quoted(line: str, i: int) -> tuple[str, int]:
    closing = _QUOTES[line[i]]
    end = line.find(closing, i + 1)
    if end < 0:
        raise UsageError(_("unclosed quote {quote} in your command").format(quote=line[i]))
    return line[i + 1 : end], end + 1
