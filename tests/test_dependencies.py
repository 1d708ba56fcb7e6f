"""Honest dependencies: every third-party package the code imports is declared in pyproject.toml.

The bot's code (bot/, commands/, storage/) may only use what ``dependencies``
lists; the tests may also use the ``test`` extra. A package that arrives only
because another one needs it (yarl with aiohttp) can be dropped by that
package's next release, so it is declared as soon as it is imported.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIRST_PARTY = frozenset({"bot", "commands", "storage", "tests"})


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(requirements: list[str]) -> set[str]:
    found = set()
    for requirement in requirements:
        name = re.match(r"[A-Za-z0-9._-]+", requirement)
        assert name is not None, f"cannot read the requirement {requirement!r}"
        found.add(_normalized(name.group(0)))
    return found


def _project() -> dict[str, object]:
    with (REPO / "pyproject.toml").open("rb") as handle:
        project: dict[str, object] = tomllib.load(handle)["project"]
    return project


def _modules_used(folder: str) -> Iterator[tuple[str, Path]]:
    """Top-level modules imported, or whose files are read (``resources.files("x")``)."""
    for path in sorted((REPO / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                yield from ((alias.name.split(".")[0], path) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                yield node.module.split(".")[0], path
            elif _reads_package_files(node):
                assert isinstance(node, ast.Call) and isinstance(node.args[0], ast.Constant)
                yield str(node.args[0].value).split(".")[0], path


def _reads_package_files(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "files"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def _undeclared(folders: tuple[str, ...], declared: set[str]) -> list[str]:
    distributions = packages_distributions()
    missing = []
    for folder in folders:
        for module, path in _modules_used(folder):
            if module in sys.stdlib_module_names or module in FIRST_PARTY or module == "__future__":
                continue
            names = {_normalized(name) for name in distributions.get(module, [])}
            if not names & declared:
                where = path.relative_to(REPO)
                missing.append(f"{where} uses {module} (from {sorted(names) or 'no installed package'})")
    return sorted(set(missing))


def test_the_bot_declares_every_package_it_imports() -> None:
    dependencies = _project()["dependencies"]
    assert isinstance(dependencies, list)
    assert _undeclared(("bot", "commands", "storage"), _declared(dependencies)) == []


def test_the_tests_declare_every_package_they_import() -> None:
    project = _project()
    extras = project["optional-dependencies"]
    assert isinstance(extras, dict) and isinstance(project["dependencies"], list)
    declared = _declared(project["dependencies"]) | _declared(extras["test"])
    assert _undeclared(("tests",), declared) == []


@pytest.mark.parametrize("module", ["yarl", "discord", "yaml", "spellchecker"])
def test_the_check_knows_the_packages_named_unlike_their_modules(module: str) -> None:
    # A module the mapping does not know would be reported, never passed over.
    assert packages_distributions().get(module), f"{module} is not installed as a package"


@pytest.mark.parametrize("package", ["aiosqlite", "aiohttp", "discord.py"])
def test_packages_whose_internals_we_use_stay_within_tested_minors(package: str) -> None:
    # storage.database (aiosqlite), bot.jobs.fetch.sessions (aiohttp) and the Discord adapter
    # reach into private parts; a new minor must pass the suite before the pin moves.
    dependencies = _project()["dependencies"]
    assert isinstance(dependencies, list)
    (requirement,) = (r for r in dependencies if _declared([r]) == {_normalized(package)})
    assert re.search(r"<\s*\d+\.\d+", requirement), f"{requirement} has no upper bound on the minor"
