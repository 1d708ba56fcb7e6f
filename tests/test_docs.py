"""README.md and docs/ stay true: short enough for users, every link goes somewhere, and
every slash command they name exists."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from commands.catalog import build_registry

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([ROOT / "README.md", ROOT / "ARCHITECTURE.md", *(ROOT / "docs").glob("*.md")])
#: README.md is for users: what it is, quick start, commands, where to go next.
README_LIMIT = 12_000
LINK = re.compile(r"\]\(([^)\s]+)\)")
SLASH_COMMAND = re.compile(r"`/([a-z][a-z-]*)(?: ([a-z][a-z-]*))?(?: ([a-z][a-z-]*))?")


def _ids(paths: list[Path]) -> list[str]:
    return [str(path.relative_to(ROOT)) for path in paths]


def test_the_readme_stays_short() -> None:
    size = len((ROOT / "README.md").read_bytes())
    assert size <= README_LIMIT, f"README.md is {size} bytes; move detail to docs/"


def test_docs_has_the_promised_guides() -> None:
    names = {path.name for path in (ROOT / "docs").glob("*.md")}
    wanted = {"discord.md", "slack.md", "job-alerts.md", "configuration.md"}
    wanted |= {"deployment.md", "performance.md", "security.md", "facts.md"}
    assert wanted <= names


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_every_relative_link_points_at_a_file(page: Path) -> None:
    broken = []
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if "://" in target or target.startswith(("#", "mailto:")):
            continue
        path = target.split("#", 1)[0]
        if path and not (page.parent / path).exists():
            broken.append(target)
    assert broken == []


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_every_slash_command_named_exists(page: Path) -> None:
    """``/picket sigup`` in a guide is a dead end; ``/healthz`` (an HTTP path) is not ours to check."""
    registry = build_registry()
    starts = {command.path[:2] for command in registry}
    unknown = []
    for match in SLASH_COMMAND.finditer(page.read_text(encoding="utf-8")):
        group, word = match.group(1), match.group(2)
        if group not in registry.groups or word is None or group in registry.defaults:
            continue  # not a command group, the group alone, or a group whose default takes free text
        if (group, word) not in starts:
            unknown.append(f"/{group} {word}")
    assert unknown == []


def test_the_readme_names_every_db_action() -> None:
    """The command-line block's `picketbot db` line lists what `picketbot db --help` offers."""
    from bot.cli.main import build_parser

    parser = build_parser()
    (top,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    db = top.choices["db"]
    (actions,) = [a for a in db._actions if isinstance(a, argparse._SubParsersAction)]
    line = re.search(r"^picketbot db ([a-z |]+?)\s+#", (ROOT / "README.md").read_text(), re.MULTILINE)
    assert line, "README.md has no `picketbot db` line"
    assert {word.strip() for word in line.group(1).split("|")} == set(actions.choices)
