"""SQLite-flavoured statements, as PostgreSQL takes them.

Storage writes each statement once, with SQLite's ``?`` marks (also ``?1``
and ``:name``). Before asyncpg sees one, `translate` rewrites it, once per
statement text (cached):

- ``?``, ``?N`` and ``:name`` become ``$1``, ``$2``…; `Translated.arguments`
  turns the parameters the caller gave (a sequence or a dict) into asyncpg's
  positional list. Marks inside string literals, quoted names and comments
  are left alone, and so is PostgreSQL's own ``::type`` cast.
- ``x IN (?, ?, ?)`` becomes ``x = ANY($1)`` with one array parameter (and
  ``NOT IN`` becomes ``<> ALL``), so every length of list is one statement
  for asyncpg's cache instead of one per length; ``IN ()`` works too.
- ``LIKE ?`` becomes ``ILIKE ? COLLATE "C"``: SQLite's LIKE ignores ASCII
  case and PostgreSQL's does not; the explicit collation also lets it run on
  the case-insensitive ``nocase`` columns, where PostgreSQL refuses LIKE.
- ``IS ?`` / ``IS NOT ?`` become ``IS [NOT] DISTINCT FROM ?``.
- ``INSERT OR IGNORE`` becomes ``INSERT … ON CONFLICT DO NOTHING`` (new code
  writes the portable form itself) and ``group_concat`` ``string_agg``.
- ``strftime('%w', x)``, the weekday of a date (``'0'`` for Sunday, as text),
  becomes the same from ``EXTRACT(DOW …)``. ``x`` is a ``YYYY-MM-DD`` date or
  one of this project's UTC instants (whose date is their UTC date): a time
  zone offset in ``x`` is not applied, where SQLite would convert to UTC.

What has no faithful rewrite (``INSERT OR REPLACE``, ``UPDATE OR IGNORE``,
``GLOB``, scalar ``max(a, b)``, any other ``strftime``, a bare ``? IS NULL``
whose type PostgreSQL cannot tell) is refused with a `NotPortable` error naming it, so a test of
the statement on PostgreSQL fails at once with a clear line rather than a
wrong answer. docs/postgresql.md lists how to write SQL that serves both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: String literals, quoted names and comments: nothing inside them is rewritten.
_OPAQUE = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/", re.S)
_MARK = re.compile(r"\?(\d*)|(?<![:\w]):([A-Za-z_]\w*)|\x00(NOT)?IN(\d+)\x00")
_IN_LIST = re.compile(r"(\bNOT\s+)?\bIN\s*\(\s*((?:\?\s*,\s*)*\?)?\s*\)", re.I)
_LIKE = re.compile(r"\bLIKE(\s+)(\?\d*|:[A-Za-z_]\w*)", re.I)
_IS_MARK = re.compile(r"\bIS(\s+NOT)?\s+(?=\?)", re.I)
_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.I)
_GROUP_CONCAT = re.compile(r"\bgroup_concat\s*\(", re.I)
_REFUSED = {
    re.compile(
        r"\bOR\s+REPLACE\s+INTO\b", re.I
    ): "INSERT OR REPLACE (write INSERT … ON CONFLICT (…) DO UPDATE)",
    re.compile(r"\bGLOB\b", re.I): "GLOB (write LIKE)",
    re.compile(r"\b(?:max|min)\s*\([^()]*,", re.I): "scalar max(a, b)/min(a, b) (write CASE WHEN … END)",
    re.compile(r"\bPRAGMA\b", re.I): "PRAGMA (SQLite's own)",
    re.compile(
        r"\bUPDATE\s+OR\s+\w+", re.I
    ): "UPDATE OR IGNORE/REPLACE/… (remove what would clash first, then UPDATE)",
    re.compile(r"\bstrftime\s*\(", re.I): "strftime other than strftime('%w', date) (format dates in Python)",
    re.compile(
        r"\?(?!\d)\s*IS\s+(?:NOT\s+)?NULL\b", re.I
    ): "a bare ? tested IS NULL: PostgreSQL cannot tell its type (test the value in Python)",
}
#: SQLite's weekday of a date, and any string literal, quoted name or comment (kept as it is).
_WEEKDAY = re.compile(_OPAQUE.pattern + r"|\bstrftime\s*\(\s*'%w'\s*,\s*([^()',;]+?)\s*\)", re.I | re.S)
_RETURNING = re.compile(r"\bRETURNING\b", re.I)
_ROWS_FIRST = frozenset({"select", "with", "values", "show", "explain", "table"})
#: A multi-row VALUES of bare marks, every row alike: run as one row with executemany.
_MULTI_ROW = re.compile(
    r"^(\s*INSERT\s+INTO\s+[^;]*?\bVALUES\s*)(\((?:\?,\s*)*\?\))((?:\s*,\s*\2)+)(\s*)$", re.I | re.S
)


class NotPortable(ValueError):
    """A statement uses SQLite-only SQL that has no faithful PostgreSQL form."""


@dataclass(frozen=True, slots=True)
class Translated:
    sql: str
    #: For each ``$k``: an index into the caller's sequence, a name in their dict, or a
    #: slice (start, length) gathered into one array (an ``IN`` list).
    slots: tuple[int | str | tuple[int, int], ...]
    #: Whether the statement hands back rows (a SELECT, anything with RETURNING).
    returns_rows: bool

    def arguments(self, params: Any) -> list[Any]:
        if isinstance(params, dict):
            return [params[slot] if isinstance(slot, str) else _no_name(slot) for slot in self.slots]
        values = list(params)
        out: list[Any] = []
        for slot in self.slots:
            if isinstance(slot, tuple):
                start, length = slot
                out.append(values[start : start + length])
            elif isinstance(slot, int):
                out.append(values[slot])
            else:
                raise TypeError(f"statement names :{slot} but was given positional parameters")
        return out


def _no_name(slot: object) -> Any:
    raise TypeError(f"statement uses positional marks ({slot!r}) but was given a dict")


@dataclass(frozen=True, slots=True)
class MultiRow:
    """A multi-row INSERT of bare marks, as one row's statement and its width."""

    single: str
    width: int


@lru_cache(maxsize=8192)
def translate(sql: str) -> Translated:
    """`sql` (SQLite's marks and idioms) for asyncpg; see the module's docstring."""
    sql = _WEEKDAY.sub(_weekday, sql)
    for pattern, what in _REFUSED.items():
        if any(pattern.search(code) for code in _code_parts(sql)):
            raise NotPortable(f"not portable to PostgreSQL: {what}: {sql[:120]!r}")
    or_ignore = bool(_OR_IGNORE.match(sql))
    text = _OR_IGNORE.sub("INSERT INTO", sql, count=1) if or_ignore else sql
    marks = _Marks()
    parts: list[str] = []
    position = 0
    for found in _OPAQUE.finditer(text):
        parts.append(marks.rewrite(text[position : found.start()]))
        parts.append(found.group(0))
        position = found.end()
    parts.append(marks.rewrite(text[position:]))
    out = "".join(parts).rstrip().rstrip(";")
    if or_ignore:
        out = _add_on_conflict(out)
    first = out.lstrip(" \n\t(").split(None, 1)[0].lower() if out.strip() else ""
    returns_rows = first in _ROWS_FIRST or bool(_RETURNING.search(out))
    return Translated(out, tuple(marks.slots), returns_rows)


@lru_cache(maxsize=1024)
def multi_row(sql: str) -> MultiRow | None:
    """The one-row form of a multi-row ``INSERT … VALUES (?, ?), (?, ?)…``, else None."""
    found = _MULTI_ROW.match(sql)
    if found is None or _RETURNING.search(sql):
        return None
    row = found.group(2)
    return MultiRow(found.group(1) + row, row.count("?"))


def _weekday(found: re.Match[str]) -> str:
    if found.group(1) is None:  # a literal, quoted name or comment
        return found.group(0)
    day = f"CAST(CAST({found.group(1)} AS text) AS date)"  # text first: a mark is given a str
    return f"CAST(CAST(EXTRACT(DOW FROM {day}) AS integer) AS text)"


def _code_parts(sql: str) -> list[str]:
    return [part for part in _OPAQUE.split(sql) if part]


def _add_on_conflict(sql: str) -> str:
    returning = _RETURNING.search(sql)
    if returning is None:
        return sql + " ON CONFLICT DO NOTHING"
    return sql[: returning.start()] + "ON CONFLICT DO NOTHING " + sql[returning.start() :]


class _Marks:
    """Numbers the marks of one statement across its code parts, in order."""

    def __init__(self) -> None:
        self.slots: list[int | str | tuple[int, int]] = []
        self._numbered: dict[int, int] = {}  # ?N -> $k
        self._named: dict[str, int] = {}
        self._next_source = 0  # SQLite: a bare ? is one more than the largest index so far

    def rewrite(self, code: str) -> str:
        code = _GROUP_CONCAT.sub("string_agg(", code)
        code = _LIKE.sub(r'ILIKE\1\2 COLLATE "C"', code)
        code = _IS_MARK.sub(lambda m: "IS DISTINCT FROM " if m.group(1) else "IS NOT DISTINCT FROM ", code)
        code = _IN_LIST.sub(self._in_list, code)
        return _MARK.sub(self._mark, code)

    @staticmethod
    def _in_list(found: re.Match[str]) -> str:
        count = found.group(2).count("?") if found.group(2) else 0
        return f"\x00{'NOT' if found.group(1) else ''}IN{count}\x00"

    def _mark(self, found: re.Match[str]) -> str:
        if found.group(4) is not None:  # an IN list, gathered into one array
            count = int(found.group(4))
            self.slots.append((self._next_source, count))
            self._next_source += count
            operator = "<> ALL" if found.group(3) else "= ANY"
            return f"{operator}(${len(self.slots)})"
        if found.group(2) is not None:
            name = found.group(2)
            if name not in self._named:
                self.slots.append(name)
                self._named[name] = len(self.slots)
            return f"${self._named[name]}"
        number = int(found.group(1)) if found.group(1) else self._next_source + 1
        self._next_source = max(self._next_source, number)
        if number not in self._numbered:
            self.slots.append(number - 1)
            self._numbered[number] = len(self.slots)
        return f"${self._numbered[number]}"
