"""Reading feed XML safely: no document type declarations, in any encoding.

Job feeds never need a DOCTYPE, and one is how XML attacks start (entity
expansion bombs, external entities that read files or call other hosts).
``parse_feed_xml`` parses with defusedxml and ``forbid_dtd``: the refusal
comes from the XML parser itself, so it holds whatever the encoding (UTF-16
included) and wherever the DOCTYPE stands (after comments, whitespace or
processing instructions).

A lenient parser for broken feeds (feedparser, later) must be handed only
``dtd_free_text(body)``: the feed decoded to text, refused when a DOCTYPE or
ENTITY declaration appears anywhere in it.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ElementTree

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from bot.jobs.errors import MalformedResponse

REFUSED = "XML with a DOCTYPE or entity declarations is refused"
# Byte order marks, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")
_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def parse_feed_xml(body: bytes, where: str) -> ElementTree.Element:
    """The root element of a feed; ``MalformedResponse`` for a DTD or broken XML."""
    try:
        root: ElementTree.Element = SafeElementTree.fromstring(
            body, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise MalformedResponse(where, REFUSED) from None
    except ElementTree.ParseError as error:
        raise MalformedResponse(where, f"malformed XML: {error}") from None
    return root


def dtd_free_text(body: bytes, where: str) -> str:
    """The feed as text for a lenient parser, refused if it declares a DOCTYPE or entity.

    Decoded by its byte order mark, else its declared encoding, else UTF-8.
    A NUL cannot appear in XML text, so one means the guess was wrong (UTF-16
    without a mark) and the check cannot be trusted: refused too.
    """
    text = _decode(body)
    if "\x00" in text or _DECLARATION.search(text):
        raise MalformedResponse(where, REFUSED)
    return text


def _decode(body: bytes) -> str:
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    declared = _DECLARED.match(body)
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return body.decode(encoding, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")
