"""A bad log level is one line naming the setting, not a traceback."""

from __future__ import annotations

from pathlib import Path

from tests.test_db_checks import picketbot


def test_an_unknown_log_level_is_one_line(tmp_path: Path) -> None:
    # logging.setLevel("LOUD") raises ValueError inside setup_logging, before the CLI's own
    # one-line error handling: a raw traceback.
    (tmp_path / "picketbot.toml").write_text('[bot]\nlog_level = "LOUD"\n', encoding="utf-8")

    result = picketbot("console", cwd=tmp_path)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
