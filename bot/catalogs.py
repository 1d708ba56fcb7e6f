"""The translation catalogs, managed with Babel: extract, update, compile, check.

Messages are extracted from the source (calls of ``_``, ``N_``, ``ngettext``
and ``in_language`` in `commands/` and `bot/`) into one catalog per part of
the bot (`DOMAINS`), so people translating different parts never edit the
same file. ``update`` merges what the source says now into each language's
``.po`` files (new messages arrive untranslated; removed ones become
obsolete), ``compile`` writes the ``.mo`` files `commands.i18n` reads, and
``check`` lists what is wrong: a message without a translation, a fuzzy
one, a translation whose ``{placeholders}`` differ from the English, or a
``.mo`` older than its ``.po``. The test suite runs ``check``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from commands.i18n import LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parent.parent
#: Where messages are looked for.
SOURCE_DIRS = ("commands", "bot")
#: Each part's catalog and the source it holds, most specific first; everything else is "core".
DOMAINS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "picket_day",
        tuple(
            f"commands/picket/{name}.py"
            for name in (
                "now",
                "codes",
                "presence",
                "duties",
                "hours",
                "turnout",
                "feeds",
                "ical",
                "site_settings",
                "calendar",
            )
        ),
    ),
    ("picket", ("commands/picket/", "bot/picket/")),
    ("facts", ("commands/facts/", "bot/facts/")),
    ("jobs", ("commands/jobs/", "bot/jobs/")),
    ("language", ("commands/language.py",)),
    ("core", ("commands/",)),
    ("adapters", ("bot/",)),
)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "in_language": (2,)}
PROJECT = "picketbot"
_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)?[^{}]*\}(?!\})")


#: The catalogs' own dates stay put, so a catalog changes only when its messages do.
FIXED_DATE = datetime(2026, 12, 7, tzinfo=UTC)


def domain_of(path: str) -> str:
    """The catalog a source file's messages go to (`path` relative to the project, with slashes)."""
    for domain, prefixes in DOMAINS:
        if any(path == prefix or (prefix.endswith("/") and path.startswith(prefix)) for prefix in prefixes):
            return domain
    raise ValueError(f"{path} is in no catalog's part of the source")


def source_files(root: Path = ROOT) -> Iterator[Path]:
    for folder in SOURCE_DIRS:
        yield from sorted((root / folder).rglob("*.py"))


def extract(root: Path = ROOT) -> dict[str, Catalog]:
    """What the source asks to be translated, one template catalog per domain."""
    templates = {domain: _new_catalog(None) for domain, _ in DOMAINS}
    for path in source_files(root):
        relative = path.relative_to(root).as_posix()
        template = templates[domain_of(relative)]
        for lineno, message, comments, context in extract_from_file("python", path, KEYWORDS):
            template.add(message, None, [(relative, lineno)], auto_comments=comments, context=context)
    return templates


def po_path(language: str, domain: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{domain}.po"


def translated_languages() -> tuple[str, ...]:
    return tuple(language for language in LANGUAGES if language != SOURCE_LANGUAGE)


def read_catalog(path: Path, language: str) -> Catalog:
    if not path.exists():
        return _new_catalog(language)
    with path.open("rb") as po:
        return read_po(po, locale=language)


def _new_catalog(language: str | None) -> Catalog:
    return Catalog(
        locale=language,
        project=PROJECT,
        fuzzy=False,
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        language_team=None,
    )


def update(root: Path = ROOT, locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Merge the source's messages into every language's catalogs; returns what changed, a line each."""
    changed: list[str] = []
    for domain, template in extract(root).items():
        for language in translated_languages():
            path = po_path(language, domain, locale_dir)
            catalog = read_catalog(path, language)
            before = {m.id for m in catalog if m.id}
            catalog.update(template, no_fuzzy_matching=True)
            catalog.obsolete.clear()  # git keeps history; an obsolete entry only confuses a translator
            catalog.revision_date = FIXED_DATE
            added = {m.id for m in catalog if m.id} - before
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as po:
                write_po(
                    po, catalog, width=100, sort_by_file=True, include_previous=False, include_lineno=False
                )
            if added:
                changed.append(f"{path.relative_to(root)}: {len(added)} new message(s) to translate")
    return changed


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write each ``.po``'s ``.mo`` (what `commands.i18n` reads)."""
    written: list[Path] = []
    for language in translated_languages():
        for po in sorted((locale_dir / language / "LC_MESSAGES").glob("*.po")):
            catalog = read_catalog(po, language)
            mo, compiled = po.with_suffix(".mo"), _compiled(catalog)
            if not mo.exists() or mo.read_bytes() != compiled:
                mo.write_bytes(compiled)
                written.append(mo)
    return written


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}: {self.message!r}"


def placeholders(text: str) -> set[str]:
    """The ``{named}`` fields a ``str.format`` message fills (``{{`` and ``}}`` are literal braces)."""
    return {match.group(0) for match in _PLACEHOLDER.finditer(text)}


def check(root: Path = ROOT, locale_dir: Path = LOCALE_DIR) -> list[Problem]:
    """Everything that keeps the catalogs from serving every message the source asks for."""
    problems: list[Problem] = []
    for domain, template in extract(root).items():
        for language in translated_languages():
            path = po_path(language, domain, locale_dir)
            catalog = read_catalog(path, language)
            where = str(path.relative_to(root))
            problems.extend(_missing(where, template, catalog))
            problems.extend(_mo_problems(where, path, catalog))
    return problems


def _missing(where: str, template: Catalog, catalog: Catalog) -> Iterable[Problem]:
    for wanted in template:
        if not wanted.id:
            continue
        found = catalog.get(wanted.id, context=wanted.context)
        if found is None:
            yield Problem(where, _shown(wanted), "not in the catalog (run: picketbot catalogs update)")
        elif not _is_translated(found):
            yield Problem(where, _shown(wanted), "no translation")
        elif found.fuzzy:
            yield Problem(where, _shown(wanted), "fuzzy translation")
        else:
            yield from _placeholder_problems(where, found)


def _is_translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    return all(s for s in strings)


def _placeholder_problems(where: str, message: Message) -> Iterable[Problem]:
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    wanted = set().union(*(placeholders(i) for i in ids))
    for string in strings:
        if placeholders(string or "") != wanted:
            yield Problem(where, _shown(message), f"placeholders differ in {string!r}")


def _mo_problems(where: str, po: Path, catalog: Catalog) -> Iterable[Problem]:
    if not po.exists():
        return
    mo = po.with_suffix(".mo")
    if not mo.exists():
        yield Problem(where, mo.name, "not compiled (run: picketbot catalogs compile)")
    elif _messages(_read_mo(mo)) != _messages(catalog):
        yield Problem(where, mo.name, "older than its .po (run: picketbot catalogs compile)")


def _read_mo(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_mo(stream)


def _messages(catalog: Catalog) -> dict[object, object]:
    """What a catalog translates (its header aside, which names the Babel version that wrote it)."""
    return {
        (m.context, _key(m.id)): _key(m.string) for m in catalog if m.id and not m.fuzzy and _is_translated(m)
    }


def _key(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _shown(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]
