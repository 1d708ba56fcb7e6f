"""Reading feed XML safely: no document type declarations, in any encoding.

Job feeds never need a DOCTYPE, and one is how XML attacks start (entity
expansion bombs, external entities that read files or call other hosts).
``parse_feed_xml`` parses with defusedxml and ``forbid_dtd``: the refusal
comes from the XML parser itself, so it holds whatever the encoding (UTF-16
included) and wherever the DOCTYPE stands (after comments, whitespace or
processing instructions).

Both first decode the feed the way XML parsers do (``xml_encoding.xml_text``:
byte order mark, the first bytes' pattern, the declared encoding), so expat
reads Shift_JIS, Big5 or EBCDIC feeds it cannot decode itself, as UTF-8 text,
and the DOCTYPE check sees what the parser sees.

The lenient parser for broken feeds (feedparser, in ``bot.jobs.boards.rss``)
is handed only ``feed_text(body)``: defusedxml refuses a DOCTYPE first (a
feed that is merely malformed, a bare ``&`` in one item, passes on), then
``dtd_free_text`` decodes the feed to text, refused when a DOCTYPE or ENTITY
declaration appears anywhere in it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from bot.jobs.boards.xml_encoding import XmlEncodingError, xml_text
from bot.jobs.errors import MalformedResponse

REFUSED = "XML with a DOCTYPE or entity declarations is refused"
_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def parse_feed_xml(body: bytes, where: str) -> ElementTree.Element:
    """The root element of a feed; ``MalformedResponse`` for a DTD or broken XML."""
    text = _text(body, where, "strict")
    try:
        root: ElementTree.Element = SafeElementTree.fromstring(
            text.encode("utf-8"), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise MalformedResponse(where, REFUSED) from None
    except ElementTree.ParseError as error:
        raise MalformedResponse(where, f"malformed XML: {error}") from None
    except (ValueError, LookupError, RecursionError) as error:  # whatever else expat may raise: one line
        raise MalformedResponse(where, f"unreadable XML ({type(error).__name__})") from None
    return root


def feed_text(body: bytes, where: str) -> str:
    """The feed as text for a lenient parser: refused for a DTD, whether well-formed or not.

    The strict parser speaks first, so a DOCTYPE is refused by the XML parser
    itself; only its complaints about broken XML are set aside for the
    lenient parser to cope with.
    """
    try:
        parse_feed_xml(body, where)
    except MalformedResponse as error:
        if error.reason == REFUSED:
            raise
    return dtd_free_text(body, where)


def dtd_free_text(body: bytes, where: str) -> str:
    """The feed as text for a lenient parser, refused if it declares a DOCTYPE or entity.

    Decoded as XML parsers decode it (``xml_text``); refused when the encoding
    cannot be told for sure. A NUL cannot appear in XML text, so one means the
    bytes are not what they seem and the check cannot be trusted: refused too.
    """
    text = _text(body, where, "replace")
    if "\x00" in text or _DECLARATION.search(text):
        raise MalformedResponse(where, REFUSED)
    return text


def _text(body: bytes, where: str, errors: str) -> str:
    try:
        return xml_text(body, errors=errors)
    except XmlEncodingError as error:
        raise MalformedResponse(where, f"unreadable XML: {error}") from None
