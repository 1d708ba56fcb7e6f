"""Facts about this installation, kept in the database's `meta` table."""

from __future__ import annotations

import secrets

from storage.database import Database
from storage.sync_tx import SyncTransaction

INSTALL_ID = "install_id"


async def install_id(db: Database) -> str:
    """A random id made once per database, so calendar UIDs differ between installs."""
    found = await db.fetchval("SELECT value FROM meta WHERE key = ?", (INSTALL_ID,))
    if found is not None:
        return str(found)

    def work(tx: SyncTransaction) -> str:
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
            (INSTALL_ID, secrets.token_hex(8)),
        )
        return str(tx.fetchval("SELECT value FROM meta WHERE key = ?", (INSTALL_ID,)))

    return await db.run_sync(work)
