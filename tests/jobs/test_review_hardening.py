"""Review of issue 11 (hardening): holes still open in feed parsing and `picketbot jobs check`.

Each test is one hole found by the security review; it fails until fixed.
"""

from __future__ import annotations

import contextlib

import pytest

from bot.jobs.boards.feed_xml import dtd_free_text, parse_feed_xml
from bot.jobs.errors import MalformedResponse

FEED = (
    '<?xml version="1.0" encoding="{encoding}"?>'
    '<rss version="2.0"><channel><title>Harbor Lights</title>'
    "<item><title>Machine Learning Engineer</title><link>https://jobs.example/1</link><guid>1</guid></item>"
    "</channel></rss>"
)


@pytest.mark.parametrize("encoding", ["Shift_JIS", "EUC-JP", "Big5", "GB2312", "EUC-KR"])
def test_review_a_feed_in_a_multibyte_encoding_is_a_one_line_error_not_a_valueerror(encoding: str) -> None:
    # Japanese, Chinese and Korean feeds declare these; expat answers
    # "ValueError: multi-byte encodings are not supported", which parse_feed_xml lets through:
    # `picketbot jobs check` then prints a raw traceback, and every poll logs one.
    body = FEED.format(encoding=encoding).encode("ascii")

    # A one-line refusal is fine; reading the feed would be too. A ValueError is the hole.
    with contextlib.suppress(MalformedResponse):
        parse_feed_xml(body, "https://jobs.example/feed.xml")


def test_review_dtd_free_text_refuses_a_doctype_written_in_ebcdic() -> None:
    # "<?xml" in EBCDIC starts 4C 6F A7 94, which XML's own encoding detection (and feedparser's)
    # recognises; decoded as UTF-8 here, the DOCTYPE is invisible to the check and the lenient
    # parser this function guards would be handed a document with an entity declaration.
    text = (
        '<?xml version="1.0" encoding="cp037"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss/>'
    )
    body = text.encode("cp037")

    with pytest.raises(MalformedResponse):
        dtd_free_text(body, "https://jobs.example/feed.xml")
