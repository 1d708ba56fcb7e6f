"""Feed XML with a DOCTYPE is refused in any encoding and wherever it stands."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.jobs.boards import fetch_listings
from bot.jobs.boards.feed_xml import REFUSED, dtd_free_text, parse_feed_xml
from bot.jobs.errors import MalformedResponse
from bot.jobs.fetch.http import HttpFetcher
from bot.jobs.source import SourceSpec
from bot.testing.fakes.jobboards import JobBoardServer

FEED = (
    '<rss version="2.0"><channel><title>Harbor Lights</title>'
    "<item><title>{title}</title><link>https://jobs.example/1</link><guid>1</guid></item>"
    "</channel></rss>"
)
# An entity bomb in miniature: with a DTD allowed, the title expands to "lollollollol".
BOMB = '<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;"><!ENTITY lol4 "&lol2;&lol2;">]>'
EXTERNAL = '<!DOCTYPE rss SYSTEM "rss-2.dtd">'
FeedMaker = Callable[[str, str], bytes]
PADDING = "<!--" + "job feed " * 600 + "-->\n"  # more than the 4 KB the old byte check looked at


def feed(prolog: str = "", title: str = "Machine Learning Engineer") -> str:
    return '<?xml version="1.0"?>\n' + prolog + FEED.format(title=title)


def utf16(text: str, bom: bytes, codec: str) -> bytes:
    return bom + text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>').encode(
        codec
    )


HOSTILE: dict[str, bytes] = {
    "utf-16-le with a bomb": utf16(feed(BOMB, "&lol4;"), codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf-16-be with a bomb": utf16(feed(BOMB, "&lol4;"), codecs.BOM_UTF16_BE, "utf-16-be"),
    "utf-16 external DTD": utf16(feed(EXTERNAL), codecs.BOM_UTF16_LE, "utf-16-le"),
    "after a long comment": feed(PADDING + EXTERNAL).encode(),
    "after processing instructions": feed('<?xml-stylesheet href="a.xsl"?>\n' * 300 + EXTERNAL).encode(),
    "after whitespace": feed(" \n\t" * 3000 + EXTERNAL).encode(),
    "lower-case bomb after a comment": feed(PADDING + BOMB, "&lol4;").encode(),
    "utf-8 with a bom": codecs.BOM_UTF8 + feed(BOMB, "&lol4;").encode(),
}


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
async def test_a_feed_with_a_doctype_is_refused(
    body: bytes, board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    board_server.serve_body("/feed.xml", body, "application/rss+xml")
    with pytest.raises(MalformedResponse, match=REFUSED) as caught:
        await fetch_listings(SourceSpec("rss", board_server.url("/feed.xml")), fetcher)
    assert caught.value.kind == "not a job board"


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_lenient_parser_is_never_handed_a_doctype(body: bytes) -> None:
    with pytest.raises(MalformedResponse, match=REFUSED):
        dtd_free_text(body, "feed")


async def test_the_same_feeds_without_a_doctype_are_read(
    board_server: JobBoardServer, fetcher: HttpFetcher
) -> None:
    """The refusals above are for the DOCTYPE, not the encoding or the padding."""
    clean = {
        "utf-16": utf16(feed(), codecs.BOM_UTF16_LE, "utf-16-le"),
        "comment": feed(PADDING).encode(),
        "bom": codecs.BOM_UTF8 + feed().encode(),
    }
    for name, body in clean.items():
        board_server.serve_body(f"/{name}.xml", body, "application/rss+xml")
        result = await fetch_listings(SourceSpec("rss", board_server.url(f"/{name}.xml")), fetcher)
        assert [listing.title for listing in result.listings] == ["Machine Learning Engineer"], name
        assert "Machine Learning Engineer" in dtd_free_text(body, name)


def test_text_that_cannot_be_decoded_reliably_is_refused() -> None:
    # Leading whitespace in UTF-16 without a mark matches no pattern, so it is read as UTF-8,
    # full of NULs: the check can't be trusted.
    with pytest.raises(MalformedResponse, match=REFUSED):
        dtd_free_text((" " + feed()).encode("utf-16-le"), "feed")
    # A declared encoding is honoured: UTF-7 spells "<!DOCTYPE" without a single "<" byte.
    declared = '<?xml version="1.0" encoding="utf-7"?>' + "+ADw-!DOCTYPE rss SYSTEM +ACI-x+ACI-+AD4-<rss/>"
    with pytest.raises(MalformedResponse, match=REFUSED):
        dtd_free_text(declared.encode("ascii"), "feed")
    with pytest.raises(MalformedResponse, match=REFUSED):
        parse_feed_xml(declared.encode("ascii"), "feed")


def declared_feed(encoding: str, prolog: str = "", title: str = "Machine Learning Engineer") -> bytes:
    return (f'<?xml version="1.0" encoding="{encoding}"?>' + prolog + FEED.format(title=title)).encode(
        encoding
    )


# Job titles as Japanese, Chinese and Korean boards write them; expat decodes none of these.
MULTI_BYTE = {
    "Shift_JIS": "機械学習エンジニア",
    "EUC-JP": "機械学習エンジニア",
    "Big5": "機器學習工程師",
    "GB2312": "机器学习工程师",
    "EUC-KR": "머신러닝 엔지니어",
}


@pytest.mark.parametrize(("encoding", "title"), MULTI_BYTE.items(), ids=MULTI_BYTE.keys())
async def test_a_feed_in_a_multi_byte_encoding_is_read(
    board_server: JobBoardServer, fetcher: HttpFetcher, encoding: str, title: str
) -> None:
    board_server.serve_body("/feed.xml", declared_feed(encoding, title=title), "application/rss+xml")

    result = await fetch_listings(SourceSpec("rss", board_server.url("/feed.xml")), fetcher)

    assert [listing.title for listing in result.listings] == [title]


@pytest.mark.parametrize("encoding", MULTI_BYTE.keys())
def test_a_doctype_in_a_multi_byte_encoding_is_refused(encoding: str) -> None:
    body = declared_feed(encoding, BOMB, "&lol4;")
    with pytest.raises(MalformedResponse, match=REFUSED):
        parse_feed_xml(body, "feed")
    with pytest.raises(MalformedResponse, match=REFUSED):
        dtd_free_text(body, "feed")


def encoded(text: str, codec: str, bom: bytes = b"") -> bytes:
    return bom + text.encode(codec)


# Each written as XML's appendix F describes, with no byte order mark unless named.
OTHER_FAMILIES = {
    "ebcdic cp037": lambda prolog, title: declared_feed("cp037", prolog, title),
    "ebcdic cp500": lambda prolog, title: declared_feed("IBM500", prolog, title),
    "ebcdic cp1140": lambda prolog, title: declared_feed("cp1140", prolog, title),
    "utf-16-le without a mark": lambda prolog, title: encoded(feed(prolog, title), "utf-16-le"),
    "utf-16-be without a mark": lambda prolog, title: encoded(feed(prolog, title), "utf-16-be"),
    "utf-32-le without a mark": lambda prolog, title: encoded(feed(prolog, title), "utf-32-le"),
    "utf-32-be without a mark": lambda prolog, title: encoded(feed(prolog, title), "utf-32-be"),
    "utf-32-le": lambda prolog, title: encoded(feed(prolog, title), "utf-32-le", codecs.BOM_UTF32_LE),
    "utf-32-be": lambda prolog, title: encoded(feed(prolog, title), "utf-32-be", codecs.BOM_UTF32_BE),
}


@pytest.mark.parametrize("make", OTHER_FAMILIES.values(), ids=OTHER_FAMILIES.keys())
def test_a_doctype_in_ebcdic_or_utf_32_is_refused_and_the_clean_feed_is_read(make: FeedMaker) -> None:
    # "<?xml" in EBCDIC starts 4C 6F A7 94: decoded as UTF-8, a DOCTYPE after it was invisible.
    hostile = make(EXTERNAL, "Machine Learning Engineer")
    for check in (parse_feed_xml, dtd_free_text):
        with pytest.raises(MalformedResponse, match=REFUSED):
            check(hostile, "feed")

    clean = make("", "Machine Learning Engineer")

    assert parse_feed_xml(clean, "feed").findtext("channel/item/title") == "Machine Learning Engineer"
    assert "Machine Learning Engineer" in dtd_free_text(clean, "feed")


UNDETERMINED = {
    "ebcdic without a declared code page": '<?xml version="1.0"?><!DOCTYPE rss><rss/>'.encode("cp037"),
    "ucs-4 in 2143 order": b"\x00\x00\x3c\x00" + b"\x00" * 40,
    "ucs-4 in 3412 order": b"\x00\x3c\x00\x00" + b"\x00" * 40,
    "an unknown encoding": b'<?xml version="1.0" encoding="x-klingon"?><rss/>',
    "utf-16 declared on 8-bit bytes": b'<?xml version="1.0" encoding="utf-16"?><rss/>',
    "ebcdic declared on ascii bytes": b'<?xml version="1.0" encoding="cp037"?><rss/>',
    "a codec that is no character set": b'<?xml version="1.0" encoding="base64"?><rss/>',
    "escapes as an encoding": b'<?xml version="1.0" encoding="unicode_escape"?>\\x3c!DOCTYPE rss><rss/>',
}


@pytest.mark.parametrize("body", UNDETERMINED.values(), ids=UNDETERMINED.keys())
def test_a_feed_whose_encoding_cannot_be_told_is_refused_in_one_line(body: bytes) -> None:
    for check in (parse_feed_xml, dtd_free_text):
        with pytest.raises(MalformedResponse) as caught:
            check(body, "feed")
        assert "\n" not in str(caught.value) and caught.value.kind == "not a job board"


def test_bytes_that_are_not_in_the_declared_encoding_are_one_line() -> None:
    body = declared_feed("Shift_JIS", title="機械学習")[:-30] + b"\x81" + b"</rss>"  # half a character
    with pytest.raises(MalformedResponse, match="not shift_jis"):
        parse_feed_xml(body, "feed")
    surrogate = b'<?xml version="1.0" encoding="utf-7"?><rss>+2AA-</rss>'  # half a UTF-16 pair
    with pytest.raises(MalformedResponse):
        parse_feed_xml(surrogate, "feed")


def test_the_text_handed_on_names_no_encoding() -> None:
    # It is text now: a parser reading it later must not decode it again by the old name.
    text = dtd_free_text(declared_feed("cp037"), "feed")

    assert text.startswith('<?xml version="1.0"?><rss')


async def test_a_local_feed_file_with_a_doctype_is_refused_too(tmp_path: Path, fetcher: HttpFetcher) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(feed(PADDING + BOMB, "&lol4;").encode())
    with pytest.raises(MalformedResponse, match=REFUSED):
        await fetch_listings(SourceSpec("file", str(path)), fetcher)


def test_parse_errors_are_one_line() -> None:
    with pytest.raises(MalformedResponse, match="malformed XML") as caught:
        parse_feed_xml(b"<rss><channel><item>", "feed")
    assert "\n" not in str(caught.value)
