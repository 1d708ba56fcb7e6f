"""HTML to plain text, with a hand-written linear scanner.

Board descriptions are untrusted HTML, sometimes escaped twice (Greenhouse
sends ``&lt;p&gt;`` and ``&amp;mdash;``). A scanner that only ever moves
forward keeps the cost linear whatever the input looks like, which a regex
or a lenient HTML parser cannot promise.
"""

from __future__ import annotations

import html

# Descriptions longer than this are cut: no real posting comes close, and a
# cap bounds the work a hostile board can cause.
MAX_HTML_CHARS = 400_000

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "section",
        "article",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "hr",
        "dd",
        "dt",
        "pre",
    }
)
_SKIP_CONTENT_TAGS = frozenset({"script", "style", "head", "title"})
_SPACES = frozenset(" \t\r\f\v\u00a0\u2009\u202f")


def looks_like_html(text: str) -> bool:
    """True when the text has a tag or an escaped tag in it."""
    if "&lt;" in text:
        return True
    index = text.find("<")
    while index != -1 and index + 1 < len(text):
        following = text[index + 1]
        if following.isalpha() or following in "/!":
            return True
        index = text.find("<", index + 1)
    return False


def html_to_text(markup: str) -> str:
    """Plain text of ``markup``: tags dropped, entities decoded, blocks on lines."""
    markup = markup[:MAX_HTML_CHARS]
    if "&lt;" in markup and "<" not in markup:
        markup = html.unescape(markup)  # escaped twice: undo the outer layer
    pieces = _strip_tags(markup)
    return normalize_space(html.unescape("".join(pieces)))


def plain_text(text: str) -> str:
    """Plain text of something that may or may not be HTML."""
    if looks_like_html(text):
        return html_to_text(text)
    return normalize_space(html.unescape(text[:MAX_HTML_CHARS]))


def normalize_space(text: str) -> str:
    """Collapse runs of spaces, trim lines, keep at most one blank line."""
    lines: list[str] = []
    blank = False
    for raw_line in text.split("\n"):
        line = _collapse_spaces(raw_line)
        if line:
            lines.append(line)
            blank = False
        elif lines and not blank:
            lines.append("")
            blank = True
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _collapse_spaces(line: str) -> str:
    out: list[str] = []
    pending_space = False
    for char in line:
        if char in _SPACES:
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            pending_space = False
        out.append(char)
    return "".join(out)


def _strip_tags(markup: str) -> list[str]:
    pieces: list[str] = []
    position = 0
    skipping: str | None = None
    at_break = True  # no text since the last line break: don't add another
    length = len(markup)
    while position < length:
        start = markup.find("<", position)
        stop = length if start == -1 else start
        if skipping is None and position < stop:
            text = markup[position:stop]
            pieces.append(text)
            at_break = at_break and not text.strip()
        if start == -1:
            break
        end = _tag_end(markup, start)
        if end == -1:
            break  # an unclosed tag: the rest is not text
        name, closing = _tag_name(markup[start + 1 : end])
        if skipping is not None:
            if closing and name == skipping:
                skipping = None
        elif name in _SKIP_CONTENT_TAGS and not closing:
            skipping = name
        elif name in _BLOCK_TAGS and not at_break:
            pieces.append("\n")
            at_break = True
        position = end + 1
    return pieces


def _tag_end(markup: str, start: int) -> int:
    """Index of the ``>`` closing the tag at ``start``, skipping quoted values."""
    if markup.startswith("<!--", start):
        close = markup.find("-->", start + 4)
        return -1 if close == -1 else close + 2
    quote = ""
    for index in range(start + 1, len(markup)):
        char = markup[index]
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == ">":
            return index
    return -1


def _tag_name(inside: str) -> tuple[str, bool]:
    closing = inside.startswith("/")
    name_chars: list[str] = []
    for char in inside[1:] if closing else inside:
        if not (char.isalnum() or char in "-_:"):
            break
        name_chars.append(char)
    return "".join(name_chars).lower(), closing
