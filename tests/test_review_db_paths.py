"""Review of issue 11 (hardening): a --db that cannot be opened at all is one line, no traceback.

One test per hole found by the security review; it fails until fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_db_checks import picketbot


@pytest.mark.parametrize("start", [("console",), ("run",)])
@pytest.mark.parametrize("where", ["a directory", "a missing folder"])
def test_review_a_database_path_that_cannot_be_opened_is_one_line(
    tmp_path: Path, start: tuple[str, ...], where: str
) -> None:
    # Today: "picketbot: cannot open database ...", then aiosqlite's worker thread, never
    # stopped after the failed connect, logs a CRITICAL "Event loop is closed" traceback.
    if where == "a directory":
        (tmp_path / "data").mkdir()
        db = "data"
    else:
        db = "missing/picketbot.db"

    result = picketbot(*start, "--db", db, cwd=tmp_path)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
