"""Feed XML with a DOCTYPE is refused in any encoding and wherever it stands."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from bot.jobs.boards import fetch_listings
from bot.jobs.boards.feed_xml import REFUSED, dtd_free_text, parse_feed_xml
from bot.jobs.errors import MalformedResponse
from bot.jobs.fetch.http import HttpFetcher
from bot.jobs.source import SourceSpec
from tests.fakes.jobboard_server import JobBoardServer

FEED = (
    '<rss version="2.0"><channel><title>Harbor Lights</title>'
    "<item><title>{title}</title><link>https://jobs.example/1</link><guid>1</guid></item>"
    "</channel></rss>"
)
# An entity bomb in miniature: with a DTD allowed, the title expands to "lollollollol".
BOMB = '<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;"><!ENTITY lol4 "&lol2;&lol2;">]>'
EXTERNAL = '<!DOCTYPE rss SYSTEM "rss-2.dtd">'
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
    # UTF-16 without its byte order mark decodes as UTF-8 full of NULs: the check can't be trusted.
    with pytest.raises(MalformedResponse, match=REFUSED):
        dtd_free_text(feed().encode("utf-16-le"), "feed")
    # A declared encoding is honoured: UTF-7 spells "<!DOCTYPE" without a single "<" byte.
    declared = '<?xml version="1.0" encoding="utf-7"?>' + "+ADw-!DOCTYPE rss SYSTEM +ACI-x+ACI-+AD4-<rss/>"
    with pytest.raises(MalformedResponse, match=REFUSED):
        dtd_free_text(declared.encode("ascii"), "feed")


async def test_a_local_feed_file_with_a_doctype_is_refused_too(tmp_path: Path, fetcher: HttpFetcher) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(feed(PADDING + BOMB, "&lol4;").encode())
    with pytest.raises(MalformedResponse, match=REFUSED):
        await fetch_listings(SourceSpec("file", str(path)), fetcher)


def test_parse_errors_are_one_line() -> None:
    with pytest.raises(MalformedResponse, match="malformed XML") as caught:
        parse_feed_xml(b"<rss><channel><item>", "feed")
    assert "\n" not in str(caught.value)
