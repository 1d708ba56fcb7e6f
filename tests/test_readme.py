"""The README's command reference is the registry's, so it cannot drift."""

from __future__ import annotations

from pathlib import Path

from bot.docs import with_commands
from commands.catalog import build_registry

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_lists_every_command() -> None:
    text = README.read_text(encoding="utf-8")
    expected = with_commands(text, build_registry())
    assert text == expected, (
        "README command reference is stale: run `.venv/bin/picketbot docs --update README.md`"
    )
    for command in build_registry():
        assert f"`/{command.name}" in text
