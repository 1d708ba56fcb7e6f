"""The language a reply is written in, and the words in each language.

Every member-facing string goes through `_` (or `ngettext` when it counts
something); strings declared at import time (command descriptions, button
labels in tables) are marked with `N_` and translated with `_` where they
are shown. The language is the one being spoken *now*: the dispatcher speaks
the acting member's language while a command runs, and a notice is composed
inside ``with speaking(recipient's language)``. A context variable carries it,
so each asyncio task (each command) has its own and nothing is passed down.

The catalogs are gettext ``.po`` files under ``commands/locale/LANG/LC_MESSAGES/``,
one per part of the bot (see `bot.cli.catalogs`), managed with Babel
(``picketbot catalogs update`` extracts and merges, ``compile`` writes the
``.mo`` files read here). English is the source language: its text is the
message id, so English needs no catalog.

Placeholders are named (``_("Signed up for shift {label}.").format(label=…)``),
so a translation may put them in another order; the catalog test checks that
every translation keeps the same placeholders.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

#: The languages the bot speaks; the first is the source language (message ids are English).
LANGUAGES = ("en", "es")
SOURCE_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
LOCALE_DIR = Path(__file__).parent / "locale"

#: The language being spoken. The dispatcher's hot path sets and resets it by hand
#: (``token = SPEAKING.set(language)`` … ``SPEAKING.reset(token)``), where `speaking`'s
#: generator would cost more than the rest of a sign-up; everything else uses `speaking`.
SPEAKING: ContextVar[str] = ContextVar("picketbot_language", default=SOURCE_LANGUAGE)


def language_for(locale: str | None) -> str | None:
    """The language of a platform locale (``es-419``, ``es-ES``, ``es_MX``, ``en-US``), if we speak it."""
    if not locale:
        return None
    code = locale.strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def current_language() -> str:
    return SPEAKING.get()


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Speak `language` (a code from `LANGUAGES`; anything else is the source language) inside the block."""
    chosen = language if language in LANGUAGES else SOURCE_LANGUAGE
    token = SPEAKING.set(chosen)
    try:
        yield chosen
    finally:
        SPEAKING.reset(token)


def _(message: str) -> str:
    """`message` in the language being spoken."""
    language = SPEAKING.get()
    if language == SOURCE_LANGUAGE:
        return message
    return translations(language).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural of a message for `count`, in the language being spoken."""
    language = SPEAKING.get()
    if language == SOURCE_LANGUAGE:
        return singular if count == 1 else plural
    return translations(language).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for the catalogs without translating it now (it is translated where shown)."""
    return message


def in_language(language: str | None, message: str) -> str:
    """`message` in `language`, whatever is being spoken now."""
    with speaking(language):
        return _(message)


@cache
def translations(language: str) -> gettext.NullTranslations:
    """Every catalog of `language`, chained: a message is looked up in each part's catalog in turn.

    A message missing from all of them comes back in English (the catalog test
    fails first: every message must have a translation).
    """
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    found: gettext.NullTranslations = gettext.NullTranslations()
    for path in sorted(folder.glob("*.mo"), reverse=True):
        with path.open("rb") as mo:
            part = gettext.GNUTranslations(mo)
        part.add_fallback(found)
        found = part
    return found
