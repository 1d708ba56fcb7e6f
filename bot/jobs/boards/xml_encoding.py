"""Which encoding an XML document is in, found the way XML parsers find it.

The XML specification (appendix F) reads the encoding from the first bytes:
a byte order mark (UTF-8, UTF-16, UTF-32), else the pattern "<?xml" makes
in each family (UTF-16 and UTF-32 of either byte order, ASCII-compatible,
EBCDIC), then the ``encoding`` the declaration names. ``xml_text`` follows
those rules and decodes the whole document, so a DOCTYPE check and the parser
that comes after it read the same text, whatever the encoding: a check that
decoded by another rule (UTF-8 for an EBCDIC feed) would not see what the
parser sees. What cannot be told for sure is refused: an EBCDIC document
without a declared code page, UCS-4 in an unusual byte order, a declared
encoding Python does not know or that contradicts the first bytes.

The text handed back names no encoding any more (``encoding="…"`` is taken
out of its declaration): it is text now, and nothing reading it after us may
decode it again by another rule.
"""

from __future__ import annotations

import codecs
import re

# Byte order marks, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
# UCS-4 in the 2143 and 3412 octet orders: Python has no codec for them.
_ODD_BOMS = (b"\x00\x00\xff\xfe", b"\xfe\xff\x00\x00")
_ODD_PATTERNS = (b"\x00\x00\x3c\x00", b"\x00\x3c\x00\x00")
# "<?" in each family without a mark; the declaration then names the exact encoding.
_PATTERNS = (
    (b"\x00\x00\x00\x3c", "utf-32-be"),
    (b"\x3c\x00\x00\x00", "utf-32-le"),
    (b"\x00\x3c\x00\x3f", "utf-16-be"),
    (b"\x3c\x00\x3f\x00", "utf-16-le"),
)
_ASCII_DECLARATION = b"<?xm"
_EBCDIC_DECLARATION = b"\x4c\x6f\xa7\x94"
#: Enough of the start to hold any sensible XML declaration.
_DECLARATION_BYTES = 1024
_DECLARATION = re.compile(r"^<\?xml\s[^>]*?\?>")
_ENCODING = re.compile(r"""\s+encoding\s*=\s*(["'])(.*?)\1""")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9._-]{0,39}")
# Codecs that are not character sets: they turn escapes ("\x3c") into characters.
_NOT_CHARSETS = frozenset({"unicode_escape", "raw_unicode_escape", "punycode", "idna", "undefined"})


class XmlEncodingError(ValueError):
    """The document's encoding cannot be told for sure, or its bytes are not in it; says why in one line."""


def xml_text(body: bytes, *, errors: str = "strict") -> str:
    """``body`` decoded as an XML parser would decode it, its declaration naming no encoding."""
    encoding, skip, declared = _encoding_of(body)
    try:
        text = body[skip:].decode(encoding, errors=errors)
    except UnicodeDecodeError as error:
        raise XmlEncodingError(f"bytes that are not {encoding} at byte {skip + error.start}") from None
    except LookupError:  # a bytes-to-bytes codec ("base64"): no character set at all
        raise XmlEncodingError(f"an encoding that is not a character set ({encoding!r})") from None
    declaration = _DECLARATION.match(text)
    if declaration is None:
        if declared:  # the encoding the declaration names does not even read the declaration
            raise XmlEncodingError(f"a declared encoding that contradicts its bytes ({encoding})")
        return text
    kept = _ENCODING.sub("", declaration.group(0), count=1)
    return kept + text[declaration.end() :]


def _encoding_of(body: bytes) -> tuple[str, int, bool]:
    """The codec for ``body``, the bytes of byte order mark to skip, and whether a declaration named it."""
    if body.startswith(_ODD_BOMS) or body.startswith(_ODD_PATTERNS):
        raise XmlEncodingError("UCS-4 in an unusual byte order")
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return encoding, len(bom), False
    for pattern, encoding in _PATTERNS:
        if body.startswith(pattern):
            return encoding, 0, False
    if body.startswith(_ASCII_DECLARATION):
        declared = _declared(body[:_DECLARATION_BYTES].decode("latin-1"))
        return declared or "utf-8", 0, declared is not None
    if body.startswith(_EBCDIC_DECLARATION):
        # The declaration's own characters are the same in every EBCDIC code page; the
        # rest of the document is not, so without a named code page it cannot be read.
        declared = _declared(body[:_DECLARATION_BYTES].decode("cp037"))
        if declared is None:
            raise XmlEncodingError("EBCDIC without a declared code page")
        return declared, 0, True
    return "utf-8", 0, False  # no mark and no declaration: UTF-8, as the specification says


def _declared(start: str) -> str | None:
    """The codec the declaration at the start of ``start`` names, or None when it names none."""
    declaration = _DECLARATION.match(start)
    found = _ENCODING.search(declaration.group(0)) if declaration else None
    if found is None:
        return None
    name = found.group(2)
    if not _NAME.fullmatch(name):
        raise XmlEncodingError("an unreadable encoding name")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise XmlEncodingError(f"an unknown encoding {name!r}") from None
    if codec.replace("-", "_") in _NOT_CHARSETS:
        raise XmlEncodingError(f"an encoding that is not a character set ({name!r})")
    return codec
