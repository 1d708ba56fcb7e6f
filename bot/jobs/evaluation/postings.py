"""The labelled job postings of `picketbot jobs eval`, read from TOML.

The file (``tests/data/job_postings.toml``; its header says how each field is
labelled) holds ``[snippets]`` of shared boilerplate and one ``[[posting]]``
per job. A malformed file raises `PostingFileError`, one line naming the
posting and the field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

POSTINGS = Path(__file__).resolve().parents[3] / "tests" / "data" / "job_postings.toml"
SPLITS = ("tune", "held")
BOARDS = ("greenhouse", "lever", "ashby", "amazon", "workday", "smartrecruiters", "eightfold", "rss")
PERIODS = ("year", "month", "week", "day", "hour")
KINDS = ("base", "total")
#: Boards whose description is plain text; the others get HTML, snippets as paragraphs.
PLAIN_BOARDS = frozenset({"lever"})


class PostingFileError(ValueError):
    """The postings file is malformed; the message names the posting."""


@dataclass(frozen=True)
class ExpectedPay:
    """The pay a person reads in a posting. ``minimum`` is None for "up to X", ``maximum`` for "from X"."""

    minimum: float | None
    maximum: float | None
    currency: str
    period: str
    kind: str = "base"
    varies: bool = False


@dataclass(frozen=True)
class Posting:
    id: str
    split: str
    case: str
    board: str
    title: str
    description: str
    ai: bool
    pay: ExpectedPay | None  # None: the posting states no pay
    locations: tuple[str, ...] = ()
    fields: Mapping[str, Any] = field(default_factory=dict)


def load_postings(path: Path = POSTINGS) -> list[Posting]:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise PostingFileError(f"cannot read {path}: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise PostingFileError(f"{path}: not valid TOML: {error}") from None
    return parse_postings(document, str(path))


def parse_postings(document: Mapping[str, Any], where: str = "postings") -> list[Posting]:
    snippets = document.get("snippets", {})
    if not isinstance(snippets, Mapping) or not all(isinstance(v, str) for v in snippets.values()):
        raise PostingFileError(f"{where}: [snippets] must map names to text")
    entries = document.get("posting")
    if not isinstance(entries, list) or not entries:
        raise PostingFileError(f"{where}: no [[posting]] entries")
    postings = [_posting(entry, snippets, where, number) for number, entry in enumerate(entries, start=1)]
    seen: set[str] = set()
    for posting in postings:
        if posting.id in seen:
            raise PostingFileError(f"{where}: posting id {posting.id!r} is used twice")
        seen.add(posting.id)
    return postings


def _posting(entry: object, snippets: Mapping[str, str], where: str, number: int) -> Posting:
    if not isinstance(entry, Mapping):
        raise PostingFileError(f"{where}: posting {number} is not a table")
    name = f"{where}: posting {entry.get('id', number)!s}"
    read = _Reader(entry, name)
    board = read.choice("board", BOARDS)
    return Posting(
        id=read.text("id"),
        split=read.choice("split", SPLITS),
        case=read.text("case"),
        board=board,
        title=read.text("title"),
        description=_description(read, snippets, plain=board in PLAIN_BOARDS),
        ai=read.flag("ai"),
        pay=_expected_pay(entry.get("pay"), name),
        locations=tuple(read.texts("locations")),
        fields=read.table("fields"),
    )


def _description(read: _Reader, snippets: Mapping[str, str], *, plain: bool) -> str:
    parts = []
    for key in ("before", "description", "after"):
        if key == "description":
            parts.append(read.text(key))
            continue
        for snippet in read.texts(key):
            if snippet not in snippets:
                raise PostingFileError(f"{read.name}: unknown snippet {snippet!r}")
            parts.append(snippets[snippet] if plain else f"<p>{snippets[snippet]}</p>")
    return ("\n\n" if plain else "").join(parts)


def _expected_pay(value: object, name: str) -> ExpectedPay | None:
    if value == "none":
        return None
    if not isinstance(value, Mapping):
        raise PostingFileError(f'{name}: pay must be "none" or a table')
    read = _Reader(value, f"{name} pay")
    low, high = read.amount("min"), read.amount("max")
    if low is None and high is None:
        raise PostingFileError(f"{name} pay: needs min, max or both")
    if low is not None and high is not None and low > high:
        raise PostingFileError(f"{name} pay: min is above max")
    return ExpectedPay(
        minimum=low,
        maximum=high,
        currency=read.text("currency"),
        period=read.choice("period", PERIODS),
        kind=read.choice("kind", KINDS, default="base"),
        varies=read.flag("varies", default=False),
    )


@dataclass(frozen=True)
class _Reader:
    """Typed access to one TOML table, with errors that name it."""

    table_: Mapping[str, Any]
    name: str

    def _fail(self, key: str, wanted: str) -> PostingFileError:
        return PostingFileError(f"{self.name}: {key} must be {wanted}")

    def text(self, key: str) -> str:
        value = self.table_.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self._fail(key, "non-empty text")
        return value

    def texts(self, key: str) -> Sequence[str]:
        value = self.table_.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._fail(key, "a list of text")
        return value

    def choice(self, key: str, options: Sequence[str], default: str | None = None) -> str:
        value = self.table_.get(key, default)
        if value not in options:
            raise self._fail(key, "one of " + ", ".join(options))
        return str(value)

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self.table_.get(key, default)
        if not isinstance(value, bool):
            raise self._fail(key, "true or false")
        return value

    def amount(self, key: str) -> float | None:
        value = self.table_.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise self._fail(key, "a number of at least 0")
        return float(value)

    def table(self, key: str) -> Mapping[str, Any]:
        value = self.table_.get(key, {})
        if not isinstance(value, Mapping):
            raise self._fail(key, "a table")
        return value
