"""A database from before quotes and concept tokens is brought up to date on start."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.app import builtin_factpack, open_app
from bot.config.loading import load_config
from bot.testing.people import CHANNEL, actor
from storage.database import Database, _migrations
from storage.facts import store as fact_store
from tests.helpers import subprocess_env

OLD_CLAIM = "Rob Delaney's comparison ... puts the yearly earnings needed for that cover at roughly $26,000 per actor."


def old_database(path: Path) -> None:
    """Migrations 1-4 and the built-in facts as the earlier release seeded them."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    for version, name, sql in _migrations():
        if version <= 4:
            conn.executescript(sql)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '2024-01-01')", (version, name))
    seeded = [
        ("health-insurance-threshold", OLD_CLAIM, 1, None),  # seeded, never touched
        ("background-day-rate", "Extras earn $187 a day.", 1, None),  # seeded, never touched
        ("amptp-members", "Edited by an organizer.", 2, None),  # a later version: an organizer's
    ]
    for key, text, version, author in seeded:
        cursor = conn.execute(
            "INSERT INTO facts (key, version, topic, text, source_publication, source_date, as_of,"
            " created_at, created_by) VALUES (?, ?, 'pay', ?, 'The Register', '2023-07-26', '2023-07-25',"
            " '2024-01-01T00:00:00+00:00', ?)",
            (key, version, text, author),
        )
        conn.execute(
            "INSERT INTO facts_search (rowid, text, keywords, headline, topic) VALUES (?, ?, '', '', 'pay')",
            (cursor.lastrowid, text),
        )
    conn.commit()
    conn.close()


async def test_an_old_database_loses_the_unsourced_threshold_and_gets_corrected_facts(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_database(path)
    app = await open_app(load_config(db_path=str(path), env={}))
    try:
        assert await fact_store.current(app.db, "health-insurance-threshold") is None
        corrected = await fact_store.current(app.db, "background-day-rate")
        assert corrected is not None and corrected.version == 2 and corrected.record.quote
        kept = await fact_store.current(app.db, "amptp-members")
        assert kept is not None and kept.record.text == "Edited by an organizer."
        # The old index was rebuilt with concept tokens: the search finds facts in it.
        reply = await app.dispatcher.handle_text(actor(), CHANNEL, "/fact how much do extras make a day")
        assert reply.footer == "fact background-day-rate"
        pack_keys = {r.key for r in builtin_factpack().facts} - {"amptp-members"}
        assert pack_keys <= {f.key for f in await fact_store.list_current(app.db)}
    finally:
        await app.close()


async def _migrated(path: Path) -> None:
    await (await Database.open(path)).close()


def test_a_failed_start_does_not_hang_the_process(tmp_path: Path) -> None:
    """Seeding the built-in facts fails (here a trigger refuses them): the command ends."""
    path = tmp_path / "refuses.db"
    asyncio.run(_migrated(path))  # migrated, no facts yet
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON facts BEGIN SELECT RAISE(ABORT, 'refused'); END")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "facts", "export", "-", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=subprocess_env(),
    )
    assert done.returncode != 0 and "refused" in done.stderr
