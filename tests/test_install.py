"""Installing: `make run` installs what the bot needs and no more; `make test` adds the test tools;
the project's own pyproject.toml gives setuptools nothing to warn about."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _planned(target: str, tmp_path: Path) -> list[str]:
    """The commands `make TARGET` would run in a fresh clone (no .venv yet), without running them."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    done = subprocess.run(
        ["make", "-n", target], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.splitlines()


def _installs(lines: list[str]) -> list[str]:
    return [line for line in lines if re.search(r"pip install .*-e ", line)]


def test_make_run_installs_the_bot_without_the_test_tools(tmp_path: Path) -> None:
    installs = _installs(_planned("run", tmp_path))
    assert installs, "make run must install the bot"
    assert all("[test]" not in line for line in installs), installs
    assert any(line.rstrip().endswith("-e .") for line in installs), installs


def test_make_test_installs_the_test_tools(tmp_path: Path) -> None:
    installs = _installs(_planned("test", tmp_path))
    assert any("'.[test]'" in line for line in installs), installs


def test_the_license_is_an_spdx_string_that_the_build_backend_reads_without_a_warning() -> None:
    with (REPO / "pyproject.toml").open("rb") as handle:
        pyproject = tomllib.load(handle)
    # A TOML table ({ text = ... }) makes setuptools print a deprecation banner at every install.
    assert pyproject["project"]["license"] == "AGPL-3.0-or-later"
    requires = pyproject["build-system"]["requires"]
    setuptools = next(r for r in requires if r.startswith("setuptools"))
    found = re.search(r">=\s*(\d+)", setuptools)
    assert found is not None and int(found.group(1)) >= 77, "SPDX license strings need setuptools>=77"


def test_an_editable_install_is_a_plain_path_file_without_setuptools_banner() -> None:
    with (REPO / "pyproject.toml").open("rb") as handle:
        setuptools = tomllib.load(handle)["tool"]["setuptools"]
    # Without it, setuptools picks its import-hook finder for top-level packages and prints an
    # "Editable installation ... be careful with folders" banner at every `make run` install.
    assert setuptools["package-dir"] == {"": "."}
    assert set(setuptools["packages"]["find"]["include"]) == {"bot*", "commands*", "storage*"}
