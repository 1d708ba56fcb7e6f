"""Review of issue 11 (hardening): a --db that cannot be opened at all is one line, no traceback.

One test per hole found by the security review; it fails until fixed.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_db_checks import picketbot

#: The traceback comes from a race (about one start in two), so each start is tried a few times.
TRIES = 3


def test_review_a_database_path_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    # Today: "picketbot: cannot open database ...", then aiosqlite's worker thread, never
    # stopped after the failed connect, often logs a CRITICAL "Event loop is closed" traceback.
    (tmp_path / "data").mkdir()
    seen = []
    for db in ("data", "missing/picketbot.db"):  # a directory; a file in a folder that is not there
        for start in ("console", "run"):
            for _ in range(TRIES):
                result = picketbot(start, "--db", db, cwd=tmp_path)
                seen.append((db, start, result.returncode, result.stderr))

    for db, start, code, stderr in seen:
        assert code == 1, (db, start, stderr)
        assert "Traceback" not in stderr, (db, start, stderr)
        assert len(stderr.strip().splitlines()) == 1, (db, start, stderr)
