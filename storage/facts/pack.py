"""The fact-pack file format: read, validate and write.

The built-in pack (``bot/data/factpack.json``), ``picketbot facts import`` and
``picketbot facts export`` all use this one format, so an organizer can export,
edit and re-import without surprises.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

FORMAT = "picketbot-factpack/1"
TOPICS = ("pay", "ai-proposals", "ai-jobs", "strike")
UNITS = ("USD", "percent", "people", "days", "years", "count")
MAX_TEXT = 2000
MAX_QUOTE = 3000
#: A quote leaves out what lies between two of its parts with this mark.
QUOTE_GAP = " … "


class FactPackError(ValueError):
    """The file is not a valid fact pack; the message says where and why."""


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    per: str | None = None
    label: str = ""


@dataclass(frozen=True)
class Source:
    publication: str
    headline: str
    date: str
    url: str | None = None


@dataclass(frozen=True)
class FactRecord:
    key: str
    topic: str
    text: str
    source: Source
    as_of: str
    figures: tuple[Figure, ...] = ()
    keywords: tuple[str, ...] = ()
    #: The source's own sentence(s) stating the fact, verbatim; "" when none was given
    #: (an organizer's own statement). Parts apart in the source are joined by QUOTE_GAP.
    quote: str = ""
    #: The fact in Spanish, saying what `text` says (same figures, no more); "" when none yet.
    #: A Spanish question is answered with it first, then the English quote and its source.
    text_es: str = ""


@dataclass(frozen=True)
class FactPack:
    facts: tuple[FactRecord, ...]
    name: str = ""
    updated: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: Keys an earlier release of this pack shipped and this one withdraws.
    retired: tuple[str, ...] = ()


def check_date(text: str, what: str) -> str:
    """ISO date (YYYY-MM-DD) or month (YYYY-MM)."""
    candidate = text + "-01" if len(text) == 7 else text
    try:
        date.fromisoformat(candidate)
    except ValueError:
        raise FactPackError(f"{what}: {text!r} is not a date like 2023-07-26 or 2023-07") from None
    return text


def check_key(key: str) -> str:
    if not key or len(key) > 80 or not all(c.isalnum() or c == "-" for c in key) or key != key.lower():
        raise FactPackError(f"fact key {key!r} must be lowercase letters, digits and dashes")
    return key


def parse_pack(text: str) -> FactPack:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FactPackError(f"not JSON: {error}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FactPackError(f'not a fact pack (expected "format": "{FORMAT}")')
    facts = data.get("facts")
    if not isinstance(facts, list):
        raise FactPackError('"facts" must be a list')
    records = tuple(_record(item, i) for i, item in enumerate(facts))
    _check_unique(records)
    retired = tuple(check_key(str(key)) for key in _list(data, "retired", "the pack"))
    if set(retired) & {r.key for r in records}:
        raise FactPackError("a retired key is also a fact in the pack")
    return FactPack(records, str(data.get("name", "")), str(data.get("updated", "")), retired=retired)


def _check_unique(records: tuple[FactRecord, ...]) -> None:
    keys: set[str] = set()
    figures: set[str] = set()
    for record in records:
        if record.key in keys:
            raise FactPackError(f"fact key {record.key!r} appears twice")
        keys.add(record.key)
        for figure in record.figures:
            if figure.name in figures:
                raise FactPackError(f"figure name {figure.name!r} appears twice")
            figures.add(figure.name)


def _record(item: Any, index: int) -> FactRecord:
    where = f"fact #{index + 1}"
    if not isinstance(item, dict):
        raise FactPackError(f"{where} is not an object")
    key = check_key(_str(item, "key", where))
    where = f"fact {key!r}"
    topic = _str(item, "topic", where)
    if topic not in TOPICS:
        raise FactPackError(f"{where}: topic must be one of {', '.join(TOPICS)}")
    text = _str(item, "text", where)
    if len(text) > MAX_TEXT:
        raise FactPackError(f"{where}: text is longer than {MAX_TEXT} characters")
    source = _source(item.get("source"), where)
    figures = tuple(_figure(f, where) for f in _list(item, "figures", where))
    keywords = tuple(str(k) for k in _list(item, "keywords", where))
    as_of = check_date(_str(item, "as_of", where), f"{where} as_of")
    quote = check_quote(item.get("quote"), where)
    text_es = check_text_es(item.get("text_es"), where)
    return FactRecord(key, topic, text, source, as_of, figures, keywords, quote, text_es)


def check_text_es(value: Any, where: str) -> str:
    """The optional Spanish text: one paragraph, as long as the English may be."""
    return _paragraph(value, where, "text_es", MAX_TEXT)


def check_quote(value: Any, where: str) -> str:
    """The optional quote: text, one paragraph, not too long."""
    return _paragraph(value, where, "quote", MAX_QUOTE)


def _paragraph(value: Any, where: str, name: str, limit: int) -> str:
    """An optional text field as one paragraph ("" when absent), refused when not text or too long."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FactPackError(f"{where}: '{name}' must be text")
    text = " ".join(value.split())
    if len(text) > limit:
        raise FactPackError(f"{where}: {name} is longer than {limit} characters")
    return text


def _source(value: Any, where: str) -> Source:
    if not isinstance(value, dict):
        raise FactPackError(f"{where}: a source is required")
    url = value.get("url")
    return Source(
        publication=_str(value, "publication", f"{where} source"),
        headline=str(value.get("headline") or ""),
        date=check_date(_str(value, "date", f"{where} source"), f"{where} source date"),
        url=str(url) if url else None,
    )


def _figure(value: Any, where: str) -> Figure:
    if not isinstance(value, dict):
        raise FactPackError(f"{where}: each figure must be an object")
    name = _str(value, "name", f"{where} figure")
    number = value.get("value")
    if isinstance(number, bool) or not isinstance(number, int | float):
        raise FactPackError(f"{where}: figure {name!r} needs a numeric value")
    unit = _str(value, "unit", f"{where} figure {name!r}")
    if unit not in UNITS:
        raise FactPackError(f"{where}: figure {name!r} unit must be one of {', '.join(UNITS)}")
    per = value.get("per")
    return Figure(name, float(number), unit, str(per) if per else None, str(value.get("label") or ""))


def _str(data: dict[str, Any], name: str, where: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise FactPackError(f"{where}: {name!r} is required")
    return value.strip()


def _list(data: dict[str, Any], name: str, where: str) -> list[Any]:
    value = data.get(name, [])
    if not isinstance(value, list):
        raise FactPackError(f"{where}: {name!r} must be a list")
    return value


def dump_pack(pack: FactPack) -> str:
    facts = [_record_json(r) for r in pack.facts]
    data: dict[str, Any] = {"format": FORMAT, "name": pack.name, "updated": pack.updated}
    if pack.retired:
        data["retired"] = list(pack.retired)
    data["facts"] = facts
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _record_json(record: FactRecord) -> dict[str, Any]:
    return {
        "key": record.key,
        "topic": record.topic,
        "text": record.text,
        **({"text_es": record.text_es} if record.text_es else {}),
        "quote": record.quote,
        "figures": [_figure_json(f) for f in record.figures],
        "keywords": list(record.keywords),
        "source": {
            "publication": record.source.publication,
            "headline": record.source.headline,
            "date": record.source.date,
            "url": record.source.url,
        },
        "as_of": record.as_of,
    }


def _figure_json(figure: Figure) -> dict[str, Any]:
    value: int | float = int(figure.value) if figure.value.is_integer() else figure.value
    return {
        "name": figure.name,
        "value": value,
        "unit": figure.unit,
        "per": figure.per,
        "label": figure.label,
    }
