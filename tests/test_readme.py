"""The README's command reference is the registry's, and docs/configuration.md names every
setting and environment variable the code reads, so neither can drift."""

from __future__ import annotations

from pathlib import Path

from bot.docs import with_commands
from commands.catalog import build_registry

README = Path(__file__).resolve().parents[1] / "README.md"
SETTINGS = README.parent / "docs" / "configuration.md"


def test_readme_lists_every_command() -> None:
    text = README.read_text(encoding="utf-8")
    expected = with_commands(text, build_registry())
    assert text == expected, (
        "README command reference is stale: run `.venv/bin/picketbot docs --update README.md`"
    )
    for command in build_registry():
        assert f"`/{command.name}" in text


def _source_text() -> str:
    root = README.parent
    return "\n".join(
        path.read_text(encoding="utf-8")
        for folder in ("bot", "commands", "storage")
        for path in (root / folder).rglob("*.py")
        if "bench" not in path.parts
    )


def test_the_settings_reference_names_every_environment_variable_the_code_reads() -> None:
    import re

    text = SETTINGS.read_text(encoding="utf-8")
    names = set(re.findall(r'"((?:PICKETBOT|DISCORD|SLACK)_[A-Z_]+)"', _source_text()))
    assert "PICKETBOT_DB" in names and "SLACK_API_URL" in names
    assert sorted(name for name in names if f"`{name}`" not in text) == []


def test_the_settings_reference_names_every_setting_the_code_reads() -> None:
    from bot.config.fields import settings_of
    from bot.config.schema import NESTED, SECTIONS

    text = SETTINGS.read_text(encoding="utf-8")
    tables = [*SECTIONS, *(table for nested in NESTED.values() for _, table in nested)]
    keys = {each.name for table in tables for each, spec in settings_of(table) if spec.in_file}
    assert {"gaps_fill_ratio", "max_pages", "threshold", "alert_channels"} <= keys
    assert sorted(key for key in keys if f"| `{key}` |" not in text) == []


def test_the_readme_points_at_the_settings_reference() -> None:
    assert "(docs/configuration.md)" in README.read_text(encoding="utf-8")
