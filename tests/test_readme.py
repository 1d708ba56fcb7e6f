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


def _source_text() -> str:
    root = README.parent
    return "\n".join(
        path.read_text(encoding="utf-8")
        for folder in ("bot", "commands", "storage")
        for path in (root / folder).rglob("*.py")
        if "bench" not in path.parts
    )


def test_readme_names_every_environment_variable_the_code_reads() -> None:
    import re

    text = README.read_text(encoding="utf-8")
    names = set(re.findall(r'"((?:PICKETBOT|DISCORD|SLACK)_[A-Z_]+)"', _source_text()))
    assert "PICKETBOT_DB" in names and "SLACK_API_URL" in names
    assert sorted(name for name in names if f"`{name}" not in text) == []


def test_readme_names_every_setting_the_code_reads() -> None:
    import re

    from bot.jobs import poller_settings

    text = README.read_text(encoding="utf-8")
    config_py = (README.parent / "bot" / "config.py").read_text(encoding="utf-8")
    picket = set(re.findall(r'picket\.get\("(\w+)"', config_py))
    assert "gaps_fill_ratio" in picket
    rows = "\n".join(line for line in text.splitlines() if line.startswith("| `[picket]"))
    missing = sorted(f"[picket] {key}" for key in picket if f"{key}`" not in rows)
    poller = poller_settings._POLLER_KEYS | poller_settings._SOURCE_KEYS
    poller |= {"title_terms", "description_terms", "extra_terms", "threshold"}
    missing += sorted(
        key
        for key in poller
        if not re.search(rf"^#? *{key} = ", text, re.MULTILINE) and f"[poller.{key}]" not in text
    )
    assert missing == []
