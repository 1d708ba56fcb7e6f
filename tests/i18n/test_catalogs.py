"""The catalogs serve every message the source asks for, in every language the bot speaks."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot import catalogs
from commands.i18n import _, in_language, language_for, ngettext, speaking


def test_every_message_has_a_translation_and_every_mo_is_compiled() -> None:
    problems = catalogs.check()
    assert not problems, "\n".join(str(p) for p in problems[:40]) + f"\n({len(problems)} in all)"


def _project(tmp_path: Path, source: str) -> tuple[Path, Path]:
    (tmp_path / "commands").mkdir()
    (tmp_path / "bot").mkdir()
    (tmp_path / "commands" / "words.py").write_text(source)
    return tmp_path, tmp_path / "commands" / "locale"


def test_check_fails_for_a_message_without_a_translation(tmp_path: Path) -> None:
    root, locale = _project(tmp_path, 'from commands.i18n import _\n_("Signed up for {label}.")\n')
    catalogs.update(root, locale)
    catalogs.compile_all(locale)
    problems = catalogs.check(root, locale)
    assert [p.what for p in problems] == ["no translation"]
    assert problems[0].message == "Signed up for {label}."


def _translate(root: Path, locale: Path, string: str) -> None:
    path = catalogs.po_path("es", "core", locale)
    catalog = catalogs.read_catalog(path, "es")
    catalog["Signed up for {label}."].string = string
    from babel.messages.pofile import write_po

    with path.open("wb") as po:
        write_po(po, catalog)


def test_check_fails_for_a_translation_that_drops_a_placeholder_or_is_not_compiled(tmp_path: Path) -> None:
    root, locale = _project(tmp_path, 'from commands.i18n import _\n_("Signed up for {label}.")\n')
    catalogs.update(root, locale)
    catalogs.compile_all(locale)
    _translate(root, locale, "Apuntado al turno.")
    assert [p.what for p in catalogs.check(root, locale)] == [
        "placeholders differ in 'Apuntado al turno.'",
        "older than its .po (run: picketbot catalogs compile)",
    ]
    (locale / "es" / "LC_MESSAGES" / "core.mo").unlink()
    assert "not compiled (run: picketbot catalogs compile)" in [p.what for p in catalogs.check(root, locale)]
    _translate(root, locale, "Apuntado al turno {label}.")
    catalogs.compile_all(locale)
    assert catalogs.check(root, locale) == []
    _translate(root, locale, "Te apuntaste al turno {label}.")
    assert [p.what for p in catalogs.check(root, locale)] == [
        "older than its .po (run: picketbot catalogs compile)"
    ]


def test_a_new_message_in_the_source_is_caught(tmp_path: Path) -> None:
    root, locale = _project(tmp_path, 'from commands.i18n import _\n_("Signed up for {label}.")\n')
    catalogs.update(root, locale)
    _translate(root, locale, "Apuntado al turno {label}.")
    catalogs.compile_all(locale)
    (root / "commands" / "more.py").write_text('from commands.i18n import N_\nN_("Cancel")\n')
    problems = catalogs.check(root, locale)
    assert [(p.what, p.message) for p in problems] == [
        ("not in the catalog (run: picketbot catalogs update)", "Cancel")
    ]


_TRANSLATING = {"_", "N_", "ngettext"}


def _formatted_messages(path: Path) -> list[str]:
    """Calls of the translation functions whose message is built at run time (an f-string, a
    concatenation or a .format inside the call): the catalog could never hold them."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _TRANSLATING:
            for argument in node.args[:2]:
                if isinstance(argument, (ast.JoinedStr, ast.BinOp, ast.Call)):
                    found.append(f"{path}:{node.lineno}")
    return found


def test_no_message_is_built_before_it_is_translated() -> None:
    found = [where for path in catalogs.source_files() for where in _formatted_messages(path)]
    assert not found, "translate the template, then format it: " + ", ".join(found)


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("es-419", "es"),
        ("es-ES", "es"),
        ("es_MX", "es"),
        ("es", "es"),
        ("en-US", "en"),
        ("fr", None),
        (None, None),
    ],
)
def test_platform_locales_map_to_the_languages_spoken(locale: str | None, language: str | None) -> None:
    assert language_for(locale) == language


def test_speaking_is_scoped_to_its_block() -> None:
    with speaking("es"):
        with speaking("en"):
            assert in_language("en", "Cancel") == "Cancel"
        assert ngettext("{n} place", "{n} places", 1) in {"{n} place", "{n} plaza"}
    assert _("Cancel") == "Cancel"


def test_the_running_bot_does_not_load_babel_at_start_up() -> None:
    # Babel manages the catalogs and names days in other languages, loaded on first use: the
    # bot's start-up memory is benchmarked, and English readers never need it.
    import subprocess
    import sys

    code = "import sys, bot.app, bot.cli.main; print('babel' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
