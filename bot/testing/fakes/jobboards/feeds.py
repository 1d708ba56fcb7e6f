"""Job feeds in every format a board publishes: RSS 0.91, 0.92, 1.0 (RDF), 2.0 and Atom 1.0.

``feed_document(format, title, items)`` writes one feed of invented jobs as
that format spells it: each format's own date form (RFC 822 in RSS 2.0,
W3C dates in RSS 1.0's ``dc:date`` and in Atom; the 0.9x formats have none),
descriptions as escaped HTML, CDATA or inline XHTML. An item with
``bare_ampersand`` has its title written with a raw ``&``, as careless feed
generators do: the XML is then broken, which a lenient reader must survive.
Serve the bytes with `JobBoardServer.serve_body`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

FeedFormat = Literal["rss091", "rss092", "rss10", "rss20", "atom10"]
FORMATS: tuple[FeedFormat, ...] = ("rss091", "rss092", "rss10", "rss20", "atom10")
#: The date each format carries, as a reader should see it (None: the format has none).
DATED: dict[FeedFormat, bool] = {
    "rss091": False,
    "rss092": False,
    "rss10": True,
    "rss20": True,
    "atom10": True,
}


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str
    link: str
    #: HTML, as boards write it.
    description: str = ""
    published: datetime | None = None
    #: The title goes out with its "&" unescaped: malformed XML on purpose.
    bare_ampersand: bool = False


def feed_document(form: FeedFormat, title: str, items: list[FeedItem]) -> bytes:
    writer = {
        "rss091": _rss09x("0.91"),
        "rss092": _rss09x("0.92"),
        "rss10": _rss10,
        "rss20": _rss20,
        "atom10": _atom10,
    }[form]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + writer(title, items)).encode("utf-8")


def _title(item: FeedItem) -> str:
    return item.title if item.bare_ampersand else escape(item.title)


def _rss09x(version: str) -> Callable[[str, list[FeedItem]], str]:
    def write(title: str, items: list[FeedItem]) -> str:
        entries = "".join(
            f"<item><title>{_title(item)}</title><link>{escape(item.link)}</link>"
            f"<description>{escape(item.description)}</description></item>\n"
            for item in items
        )
        return (
            f'<rss version="{version}"><channel><title>{escape(title)}</title>'
            f"<link>https://jobs.example.org/</link><description>Open roles</description>"
            f"<language>en-us</language>\n{entries}</channel></rss>\n"
        )

    return write


def _rss10(title: str, items: list[FeedItem]) -> str:
    seq = "".join(f"<rdf:li rdf:resource={quoteattr(item.id)}/>" for item in items)
    entries = "".join(
        f"<item rdf:about={quoteattr(item.id)}><title>{_title(item)}</title><link>{escape(item.link)}</link>"
        f"<description>{escape(item.description)}</description>{_dc_date(item.published)}</item>\n"
        for item in items
    )
    return (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f'<channel rdf:about="https://jobs.example.org/"><title>{escape(title)}</title>'
        "<link>https://jobs.example.org/</link><description>Open roles</description>"
        f"<items><rdf:Seq>{seq}</rdf:Seq></items></channel>\n{entries}</rdf:RDF>\n"
    )


def _dc_date(moment: datetime | None) -> str:
    return f"<dc:date>{moment.isoformat()}</dc:date>" if moment else ""


def _rss20(title: str, items: list[FeedItem]) -> str:
    entries = "".join(
        f"<item><title>{_title(item)}</title><link>{escape(item.link)}</link>"
        f'<guid isPermaLink="false">{escape(item.id)}</guid>'
        f"<description><![CDATA[{item.description}]]></description>"
        + (f"<pubDate>{format_datetime(item.published)}</pubDate>" if item.published else "")
        + "</item>\n"
        for item in items
    )
    return (
        f'<rss version="2.0"><channel><title>{escape(title)}</title><link>https://jobs.example.org/</link>'
        f"<description>Open roles</description>\n{entries}</channel></rss>\n"
    )


def _atom10(title: str, items: list[FeedItem]) -> str:
    now = datetime(2026, 10, 26, tzinfo=UTC).isoformat()
    entries = "".join(
        f"<entry><title>{_title(item)}</title>"
        f'<link rel="alternate" type="text/html" href={quoteattr(item.link)}/>'
        f"<id>{escape(item.id)}</id>"
        + (f"<published>{item.published.isoformat()}</published>" if item.published else "")
        + f"<updated>{(item.published.isoformat() if item.published else now)}</updated>"
        f'<content type="html">{escape(item.description)}</content></entry>\n'
        for item in items
    )
    return (
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title>'
        f"<id>urn:example:jobs</id><updated>{now}</updated>\n{entries}</feed>\n"
    )
