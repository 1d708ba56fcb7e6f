"""Job-board sources: what to poll, when, and how the last polls went.

Sources come from picketbot.toml (synced on start, marked ``from_config``) or
from organizers in chat. Removing one turns it off; its listings stay.
``origin`` says who wrote a source's current details ("config" or "chat"):
the poller lets only the operator's own reach non-public addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from storage.database import Database, Transaction, from_iso, iso
from storage.sync_tx import Row

Origin = Literal["config", "chat"]


class SourceExists(Exception):
    """A source with that name is already being polled; the command layer words it."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


@dataclass(frozen=True)
class SourceDraft:
    """A source as configured or typed, before it is stored."""

    name: str
    company: str
    board_type: str
    board: str
    base_url: str | None = None
    interval_minutes: int = 30
    max_pages: int = 50


@dataclass(frozen=True)
class Source:
    id: int
    name: str
    company: str
    board_type: str
    board: str
    base_url: str | None
    interval_minutes: int
    max_pages: int
    enabled: bool
    from_config: bool
    origin: Origin
    first_poll_done: bool
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    consecutive_failures: int
    failing_since: datetime | None
    failure_reported: bool
    next_poll_at: datetime
    body_hash: str | None
    #: The stored hash is of a whole board (no page limit hit): "unchanged" then means complete.
    body_complete: bool = False


@dataclass(frozen=True)
class Validator:
    url: str
    etag: str | None
    last_modified: str | None


def _optional_time(value: str | None) -> datetime | None:
    return None if value is None else from_iso(value)


def _source(row: Row) -> Source:
    return Source(
        id=int(row["id"]),
        name=row["name"],
        company=row["company"],
        board_type=row["board_type"],
        board=row["board"],
        base_url=row["base_url"],
        interval_minutes=int(row["interval_minutes"]),
        max_pages=int(row["max_pages"]),
        enabled=bool(row["enabled"]),
        from_config=bool(row["from_config"]),
        origin="config" if row["origin"] == "config" else "chat",
        first_poll_done=bool(row["first_poll_done"]),
        last_success_at=_optional_time(row["last_success_at"]),
        last_error=row["last_error"],
        last_error_at=_optional_time(row["last_error_at"]),
        consecutive_failures=int(row["consecutive_failures"]),
        failing_since=_optional_time(row["failing_since"]),
        failure_reported=bool(row["failure_reported"]),
        next_poll_at=from_iso(row["next_poll_at"]),
        body_hash=row["body_hash"],
        body_complete=bool(row["body_complete"]),
    )


async def get(db: Database, name: str) -> Source | None:
    row = await db.fetchone("SELECT * FROM job_sources WHERE name = ?", (name,))
    return None if row is None else _source(row)


async def all_sources(db: Database) -> list[Source]:
    rows = await db.fetchall("SELECT * FROM job_sources ORDER BY enabled DESC, name")
    return [_source(row) for row in rows]


async def due(db: Database, now: datetime, *, every: bool = False) -> list[Source]:
    """Enabled sources whose next poll time has come (``every``: due or not), most overdue first."""
    until = "9999-12-31" if every else iso(now)
    rows = await db.fetchall(
        "SELECT * FROM job_sources WHERE enabled = 1 AND next_poll_at <= ? ORDER BY next_poll_at, id",
        (until,),
    )
    return [_source(row) for row in rows]


async def companies(db: Database) -> list[str]:
    rows = await db.fetchall(
        "SELECT company FROM job_sources GROUP BY company ORDER BY company COLLATE NOCASE"
    )
    return [row["company"] for row in rows]


_SPEC_COLUMNS = "company = ?, board_type = ?, board = ?, base_url = ?, interval_minutes = ?, max_pages = ?"


def _spec_values(draft: SourceDraft) -> tuple[object, ...]:
    return (
        draft.company, draft.board_type, draft.board, draft.base_url,
        draft.interval_minutes, draft.max_pages,
    )  # fmt: skip


async def _insert(
    tx: Transaction, draft: SourceDraft, now: datetime, *, from_config: bool, by: int | None
) -> int:
    origin = "config" if from_config else "chat"
    return await tx.insert(
        "INSERT INTO job_sources (name, company, board_type, board, base_url, interval_minutes, max_pages,"
        " from_config, origin, added_by, created_at, next_poll_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (draft.name, *_spec_values(draft), int(from_config), origin, by, iso(now), iso(now)),
    )


async def sync_config(db: Database, drafts: list[SourceDraft], now: datetime) -> int:
    """Make the configured sources match the file; returns how many were new.

    A source that left the file is turned off. One an organizer removed in
    chat stays off while the file still lists it; one put back into the file
    after leaving it is turned on again.
    """
    added = 0
    names = [draft.name for draft in drafts]
    async with db.transaction() as tx:
        for draft in drafts:
            row = await tx.fetchone("SELECT id, from_config FROM job_sources WHERE name = ?", (draft.name,))
            if row is None:
                await _insert(tx, draft, now, from_config=True, by=None)
                added += 1
                continue
            back_in_file = ", enabled = 1, first_poll_done = 0" if not row["from_config"] else ""
            await tx.execute(
                f"UPDATE job_sources SET {_SPEC_COLUMNS}, from_config = 1, origin = 'config'{back_in_file}"
                " WHERE id = ?",
                (*_spec_values(draft), row["id"]),
            )
        marks = ",".join("?" for _ in names) or "''"
        await tx.execute(
            f"UPDATE job_sources SET from_config = 0, enabled = 0 WHERE from_config = 1 AND name NOT IN ({marks})",
            names,
        )
    return added


async def add(tx: Transaction, draft: SourceDraft, member_id: int | None, now: datetime) -> Source:
    """Add a source from chat, or turn a removed one back on with the new details.

    Either way its next poll is silent (it records what is there), so turning
    an old source back on does not post everything that appeared meanwhile.
    """
    row = await tx.fetchone("SELECT id, enabled FROM job_sources WHERE name = ?", (draft.name,))
    if row is not None and row["enabled"]:
        raise SourceExists(draft.name)
    if row is None:
        await _insert(tx, draft, now, from_config=False, by=member_id)
    else:
        await tx.execute(
            f"UPDATE job_sources SET {_SPEC_COLUMNS}, origin = 'chat', enabled = 1, first_poll_done = 0, body_hash = NULL,"
            " consecutive_failures = 0, failure_reported = 0, failing_since = NULL, next_poll_at = ?"
            " WHERE id = ?",
            (*_spec_values(draft), iso(now), row["id"]),
        )
        await tx.execute("DELETE FROM job_source_validators WHERE source_id = ?", (row["id"],))
    found = await tx.fetchone("SELECT * FROM job_sources WHERE name = ?", (draft.name,))
    assert found is not None
    return _source(found)


async def disable(tx: Transaction, name: str) -> Source | None:
    """Turn a source off; None when no enabled source has that name."""
    row = await tx.fetchone("SELECT * FROM job_sources WHERE name = ? AND enabled = 1", (name,))
    if row is None:
        return None
    await tx.execute("UPDATE job_sources SET enabled = 0 WHERE id = ?", (row["id"],))
    return _source(row)


async def validators(db: Database, source_id: int) -> list[Validator]:
    rows = await db.fetchall(
        "SELECT url, etag, last_modified FROM job_source_validators WHERE source_id = ?", (source_id,)
    )
    return [Validator(row["url"], row["etag"], row["last_modified"]) for row in rows]


async def record_success(
    tx: Transaction,
    source_id: int,
    now: datetime,
    next_poll_at: datetime,
    *,
    body_hash: str | None,
    new_validators: list[Validator] | None,
    complete: bool | None = None,
) -> None:
    """A poll worked: clear the failure state; store the board's hash and validators.

    ``complete`` says whether that hash is of a whole board; None (an unchanged board) keeps it.
    """
    await tx.execute(
        "UPDATE job_sources SET first_poll_done = 1, last_poll_at = ?, last_success_at = ?,"
        " consecutive_failures = 0, failing_since = NULL, failure_reported = 0, next_poll_at = ?,"
        " body_hash = ?, body_complete = coalesce(?, body_complete) WHERE id = ?",
        (
            iso(now),
            iso(now),
            iso(next_poll_at),
            body_hash,
            None if complete is None else int(complete),
            source_id,
        ),
    )
    if new_validators is not None:
        await tx.execute("DELETE FROM job_source_validators WHERE source_id = ?", (source_id,))
        await tx.executemany(
            "INSERT INTO job_source_validators (source_id, url, etag, last_modified) VALUES (?, ?, ?, ?)",
            [(source_id, v.url, v.etag, v.last_modified) for v in new_validators],
        )


async def record_failure(
    tx: Transaction,
    source: Source,
    error: str,
    now: datetime,
    next_poll_at: datetime,
    *,
    reported: bool,
) -> None:
    await tx.execute(
        "UPDATE job_sources SET last_poll_at = ?, last_error = ?, last_error_at = ?,"
        " consecutive_failures = consecutive_failures + 1, failing_since = coalesce(failing_since, ?),"
        " failure_reported = ?, next_poll_at = ? WHERE id = ?",
        (
            iso(now), error[:500], iso(now), iso(now), int(reported or source.failure_reported),
            iso(next_poll_at), source.id,
        ),
    )  # fmt: skip
