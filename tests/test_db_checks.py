"""The database is checked before it is used: newer schemas and damaged files are refused
in one line, migration 006 upgrades a database with messages waiting, and a backup is
checked before it is reported."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest

from bot.delivery import DeliveryWorker
from bot.testing.clock import FakeClock
from bot.testing.senders import RecordingSender
from commands.reply import Button
from storage import audit, members
from storage.database import Database, known_schema_version
from storage.file_checks import DatabaseDamaged, SchemaTooNew
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage
from storage.sqlite import _connect as connect_to
from tests.helpers import subprocess_env

REPO = Path(__file__).resolve().parents[1]
STARTS = (("run",), ("console",), ("db", "check"))


def picketbot(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input="", capture_output=True, text=True, cwd=cwd,
        env=subprocess_env(PYTHONPATH=str(REPO)), timeout=60, check=False,
    )  # fmt: skip


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def make_database(path: Path, *, audit_rows: int = 0, messages: int = 0) -> None:
    db = await Database.open(path)
    try:
        who = await members.ensure(db, "console", "olga", "Olga")
        async with db.transaction() as tx:
            for n in range(audit_rows):
                await audit.record(tx, who, f"action {n % 7}", f"subject {n}", "detail " * 20)
            for n in range(messages):
                await outbox.enqueue(tx, OutboundMessage("console", "channel", "c1", f"notice {n} " * 30))
    finally:
        await db.close()


async def test_a_database_from_a_newer_picketbot_is_refused_naming_both_versions(tmp_path: Path) -> None:
    await make_database(tmp_path / "picketbot.db")
    with closing(sqlite3.connect(tmp_path / "picketbot.db")) as conn, conn:
        conn.execute(
            "INSERT INTO schema_migrations VALUES (99, 'from_the_future', '2030-01-01T00:00:00+00:00')"
        )
    before = digest(tmp_path / "picketbot.db")
    known = known_schema_version()
    line = (
        f"picketbot: picketbot.db has schema version 99, this picketbot knows up to {known}: "
        "upgrade picketbot (or restore a backup made by this version)"
    )
    for args in STARTS:
        result = picketbot(*args, cwd=tmp_path)
        assert (result.returncode, result.stderr.strip()) == (1, line), args
    assert digest(tmp_path / "picketbot.db") == before, "nothing was written to it"
    with pytest.raises(SchemaTooNew):
        await Database.open(tmp_path / "picketbot.db")


async def test_a_damaged_file_is_refused_at_start_saying_how_to_restore(tmp_path: Path) -> None:
    path = tmp_path / "picketbot.db"
    await make_database(path, audit_rows=600, messages=200)
    # Closed, not just committed: the last connection's close moves the WAL into the file.
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("VACUUM")  # no free pages: every page in the middle holds rows
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = path.stat().st_size // page_size
    with path.open("r+b") as file:  # a bad sector: garbage over one page in the middle
        file.seek(pages // 2 * page_size)
        file.write(b"\xa5" * 512)
    for args in STARTS:
        result = picketbot(*args, cwd=tmp_path)
        assert result.returncode == 1, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("picketbot: picketbot.db is damaged ("), result.stderr
        assert "copy your newest `picketbot db backup` file to picketbot.db" in result.stderr
    with pytest.raises(DatabaseDamaged):
        await Database.open(path)


async def test_backup_checks_its_copy_before_saying_backed_up(tmp_path: Path) -> None:
    await make_database(tmp_path / "picketbot.db", audit_rows=50)
    good = picketbot("db", "backup", "good.db", cwd=tmp_path)
    assert (good.returncode, good.stdout.strip()) == (0, "Backed up picketbot.db to good.db.")

    # Damage only the full check finds: the index on audit_log now disagrees with its rows.
    with closing(sqlite3.connect(tmp_path / "picketbot.db")) as conn, conn:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_schema SET sql = 'CREATE INDEX audit_log_at ON audit_log(action)'"
                     " WHERE name = 'audit_log_at'")  # fmt: skip
    bad = picketbot("db", "backup", "bad.db", cwd=tmp_path)
    assert bad.returncode == 1 and "Backed up" not in bad.stdout
    assert len(bad.stderr.strip().splitlines()) == 1, bad.stderr
    assert bad.stderr.startswith(
        "picketbot: the backup bad.db failed its check (its integrity check failed: "
    )
    assert "missing from index audit_log_at" in bad.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("bad.db")) == []


async def test_migration_006_upgrades_a_database_with_messages_waiting(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with closing(sqlite3.connect(path)) as conn, conn:  # a database as the build before claims left it
        conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                     " applied_at TEXT NOT NULL)")  # fmt: skip
        for entry in sorted(resources.files("storage.migrations").iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".sql") and int(entry.name[:3]) < 6:
                conn.executescript(entry.read_text(encoding="utf-8"))
                conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01T00:00:00+00:00')",
                             (int(entry.name[:3]), entry.name[4:-4]))  # fmt: skip
        for n in range(3):
            conn.execute(
                "INSERT INTO outbox (created_at, kind, platform, target_kind, target_id, body, not_before)"
                " VALUES ('2026-10-26T14:00:00+00:00', 'notice', 'console', 'channel', 'c1', ?,"
                " '2026-10-26T14:00:00+00:00')",
                (f"waiting {n}",),
            )
        conn.execute("INSERT INTO outbox_buttons VALUES (1, 0, 'Sign up', 'picket signup 1', 'primary')")
    db = await Database.open(path)
    try:
        assert await db.schema_version() == known_schema_version()
        recorder = RecordingSender()
        sent = recorder.sent
        clock = FakeClock(datetime(2026, 10, 26, 15, 0, tzinfo=UTC))
        worker = DeliveryWorker(db, {"console": recorder}, clock)
        assert await worker.deliver_due() == 3
        assert [m.body for m in sent] == ["waiting 0", "waiting 1", "waiting 2"]
        assert sent[0].buttons == (Button("Sign up", "picket signup 1", "primary"),)
        assert await worker.deliver_due() == 0
        assert await outbox.pending_count(db) == 0
    finally:
        await db.close()


@pytest.mark.parametrize(
    ("db", "said"),
    [
        ("data", "data is a directory, not a database file"),
        ("missing/picketbot.db", "the folder missing does not exist"),
        ("file.txt/picketbot.db", "the folder file.txt is not a folder"),
    ],
)
@pytest.mark.parametrize("start", ["console", "run"])
def test_a_database_path_that_cannot_be_opened_is_one_line(
    tmp_path: Path, db: str, said: str, start: str
) -> None:
    # A directory, a file in a folder that is not there, a file in a "folder" that is a file.
    # Besides the one line, aiosqlite's worker thread, left running after the failed connect,
    # used to report to the closed event loop: a CRITICAL "Event loop is closed" traceback.
    (tmp_path / "data").mkdir()
    (tmp_path / "file.txt").write_text("not a folder", encoding="utf-8")

    for _ in range(3):  # the traceback came from a race: about one start in two
        result = picketbot(*start.split(), "--db", db, cwd=tmp_path)

        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr, result.stderr
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("picketbot: ") and said in line


def test_a_failed_connect_leaves_no_thread_reporting_to_a_closed_loop(tmp_path: Path) -> None:
    # Past the path checks (a path that changes in between, a disk that fails), SQLite itself
    # refuses: the connection's worker thread must be finished before the loop closes.
    reported: list[threading.ExceptHookArgs] = []
    saved = threading.excepthook
    threading.excepthook = reported.append
    try:
        for _ in range(20):
            with pytest.raises(sqlite3.OperationalError, match="cannot open database"):
                asyncio.run(connect_to(str(tmp_path)))
    finally:
        threading.excepthook = saved

    assert [str(args.exc_value) for args in reported] == []
