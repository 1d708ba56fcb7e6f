"""Facts with their figures, sources and history, and their full-text index.

Editing a fact never overwrites it: the current version is closed
(``superseded_at``) and a new version written, so history is kept. Only
current facts are in the search index.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime

from storage import audit
from storage.database import Database, Transaction, iso
from storage.facts import index as fact_index
from storage.facts.pack import FactPack, FactRecord, Figure, Source
from storage.sync_tx import Row, SyncTransaction


@dataclass(frozen=True)
class StoredFact:
    id: int
    version: int
    record: FactRecord
    created_at: str
    superseded_at: str | None
    removed: bool
    #: Written from the built-in pack (not by an organizer), so a newer pack may replace it.
    builtin: bool = False

    @property
    def key(self) -> str:
        return self.record.key


@dataclass(frozen=True)
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


class FactExists(ValueError):
    """A fact with that key already exists (edit it instead); the command layer words it."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


async def import_pack(db: Database, pack: FactPack, actor: int | None = None) -> ImportSummary:
    """Add new keys and supersede changed ones, all in one transaction."""
    added = updated = unchanged = 0
    async with db.transaction() as tx:
        for record in pack.facts:
            existing = await _current_in(tx, record.key)
            if existing is None:
                await _write_version(tx, record, actor, await _next_version(tx, record.key))
                added += 1
            elif existing.record == record:
                unchanged += 1
            else:
                await _supersede(tx, existing, removed=False)
                await _write_version(tx, record, actor, existing.version + 1)
                updated += 1
        await audit.record(tx, actor, "facts.import", pack.name or "fact pack", f"+{added} ~{updated}")
    return ImportSummary(added, updated, unchanged)


@dataclass(frozen=True)
class BuiltinSummary:
    added: int = 0
    updated: int = 0
    retired: int = 0


async def sync_builtin(db: Database, pack: FactPack) -> BuiltinSummary:
    """Bring the built-in facts up to this release of the pack.

    New keys arrive; a built-in fact no organizer has touched is replaced by
    its corrected version, and one the pack retires is removed (both keep
    their history). Facts an organizer added, edited or removed are left as
    they are.
    """
    added = updated = retired = 0
    await db.run_sync(fact_index.rebuild_if_stale)
    async with db.transaction() as tx:
        for record in pack.facts:
            existing = await _current_in(tx, record.key)
            if existing is None:
                seen = await tx.fetchval("SELECT 1 FROM facts WHERE key = ? LIMIT 1", (record.key,))
                if not seen:
                    await _write_version(tx, record, None, 1, builtin=True)
                    added += 1
            elif existing.builtin and existing.record != record:
                await _supersede(tx, existing, removed=False)
                await _write_version(tx, record, None, existing.version + 1, builtin=True)
                updated += 1
        for key in pack.retired:
            existing = await _current_in(tx, key)
            if existing is not None and existing.builtin:
                await _supersede(tx, existing, removed=True)
                retired += 1
        if updated or retired:
            await audit.record(
                tx, None, "facts.builtin", pack.name or "built-in facts", f"~{updated} -{retired}"
            )
    return BuiltinSummary(added, updated, retired)


async def add(db: Database, record: FactRecord, actor: int | None) -> StoredFact:
    async with db.transaction() as tx:
        if await _current_in(tx, record.key) is not None:
            raise FactExists(record.key)
        stored = await _write_version(tx, record, actor, await _next_version(tx, record.key))
        await audit.record(tx, actor, "fact.add", record.key, record.text[:200])
        return stored


async def replace(db: Database, record: FactRecord, actor: int | None) -> StoredFact | None:
    """Supersede the current version with `record`; None if there is no such fact."""
    async with db.transaction() as tx:
        existing = await _current_in(tx, record.key)
        if existing is None:
            return None
        await _supersede(tx, existing, removed=False)
        stored = await _write_version(tx, record, actor, existing.version + 1)
        await audit.record(tx, actor, "fact.edit", record.key, f"version {stored.version}")
        return stored


async def set_spanish(db: Database, key: str, text_es: str, actor: int | None) -> StoredFact | None:
    """Give the current version of `key` this Spanish text, as a new version (history keeps the
    old one); None if there is no such fact. One transaction: all of it is written or none."""
    async with db.transaction() as tx:
        existing = await _current_in(tx, key)
        if existing is None:
            return None
        await _supersede(tx, existing, removed=False)
        record = dataclasses.replace(existing.record, text_es=text_es)
        stored = await _write_version(tx, record, actor, existing.version + 1)
        await audit.record(tx, actor, "fact.spanish", key, f"version {stored.version}")
        return stored


async def remove(db: Database, key: str, actor: int | None) -> bool:
    async with db.transaction() as tx:
        existing = await _current_in(tx, key)
        if existing is None:
            return False
        await _supersede(tx, existing, removed=True)
        await audit.record(tx, actor, "fact.remove", key)
        return True


async def current(db: Database, key: str) -> StoredFact | None:
    rows = await db.fetchall("SELECT * FROM facts WHERE key = ? AND superseded_at IS NULL", (key,))
    found = await _hydrate(db, rows)
    return found[0] if found else None


async def list_current(db: Database, topic: str | None = None) -> list[StoredFact]:
    rows = await db.fetchall(
        "SELECT * FROM facts WHERE superseded_at IS NULL AND (CAST(? AS TEXT) IS NULL OR topic = ?) ORDER BY topic, key",
        (topic, topic),
    )
    return await _hydrate(db, rows)


async def history(db: Database, key: str) -> list[StoredFact]:
    rows = await db.fetchall("SELECT * FROM facts WHERE key = ? ORDER BY version", (key,))
    return await _hydrate(db, rows)


#: Ranked facts read back in full for an answer: the answer and the "maybe" suggestions.
SHOWN = 4


@dataclass(frozen=True)
class Found:
    """A question's search: how it was read, and the best facts with their scores."""

    search: fact_index.Search
    facts: list[tuple[StoredFact, fact_index.Ranked]]


async def search(db: Database, question: str) -> Found:
    """The current facts that best answer `question`, best first (one hop to the database)."""

    def work(tx: SyncTransaction) -> Found:
        found = fact_index.search_in(db, tx, question)
        top = found.ranked[:SHOWN]
        rows = _rows_by_id(tx, [r.id for r in top])
        by_id = {fact.id: fact for fact in rows}
        return Found(found, [(by_id[r.id], r) for r in top if r.id in by_id])

    return await db.run_sync(work, write=False)


def _rows_by_id(tx: SyncTransaction, ids: list[int]) -> list[StoredFact]:
    if not ids:
        return []
    marks = ",".join("?" for _ in ids)
    rows = tx.fetchall(f"SELECT * FROM facts WHERE id IN ({marks})", ids)
    figure_rows = tx.fetchall(
        f"SELECT * FROM fact_figures WHERE fact_id IN ({marks}) ORDER BY fact_id, position", ids
    )
    return _with_figures(rows, figure_rows)


async def figure(db: Database, name: str) -> tuple[Figure, StoredFact] | None:
    """A named figure from a current fact, with the fact that states it."""
    row = await db.fetchone(
        "SELECT g.fact_id FROM fact_figures g JOIN facts f ON f.id = g.fact_id"
        " WHERE g.name = ? AND f.superseded_at IS NULL",
        (name,),
    )
    if row is None:
        return None
    rows = await db.fetchall("SELECT * FROM facts WHERE id = ?", (row["fact_id"],))
    fact = (await _hydrate(db, rows))[0]
    found = next(f for f in fact.record.figures if f.name == name)
    return found, fact


async def export_pack(db: Database, name: str = "picketbot facts") -> FactPack:
    facts = await list_current(db)
    today = datetime.now(UTC).date().isoformat()
    return FactPack(tuple(f.record for f in facts), name=name, updated=today)


async def _next_version(tx: Transaction, key: str) -> int:
    return int(await tx.fetchval("SELECT coalesce(max(version), 0) + 1 FROM facts WHERE key = ?", (key,)))


async def _current_in(tx: Transaction, key: str) -> StoredFact | None:
    row = await tx.fetchone("SELECT * FROM facts WHERE key = ? AND superseded_at IS NULL", (key,))
    if row is None:
        return None
    figure_rows = await tx.fetchall(
        "SELECT * FROM fact_figures WHERE fact_id = ? ORDER BY position", (row["id"],)
    )
    return _stored(row, figure_rows)


async def _supersede(tx: Transaction, fact: StoredFact, *, removed: bool) -> None:
    await tx.execute(
        "UPDATE facts SET superseded_at = ?, removed = ? WHERE id = ?",
        (iso(tx.db.clock()), int(removed), fact.id),
    )
    await tx.execute("DELETE FROM facts_search WHERE rowid = ?", (fact.id,))
    await tx.execute(fact_index.bump_generation_sql())


async def _write_version(
    tx: Transaction, record: FactRecord, actor: int | None, version: int, *, builtin: bool = False
) -> StoredFact:
    now = iso(tx.db.clock())
    fact_id = await tx.insert(
        "INSERT INTO facts (key, version, topic, text, keywords, source_publication, source_headline,"
        " source_date, source_url, as_of, created_at, created_by, quote, builtin, text_es)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            record.key, version, record.topic, record.text, "\n".join(record.keywords),
            record.source.publication, record.source.headline, record.source.date,
            record.source.url, record.as_of, now, actor, record.quote, int(builtin), record.text_es,
        ),
    )  # fmt: skip
    await tx.executemany(
        "INSERT INTO fact_figures (fact_id, position, name, value, unit, per, label) VALUES (?,?,?,?,?,?,?)",
        [(fact_id, i, f.name, f.value, f.unit, f.per, f.label) for i, f in enumerate(record.figures)],
    )
    await tx.execute(fact_index.INSERT_SQL, fact_index.index_record(fact_id, record))
    await tx.execute(fact_index.bump_generation_sql())
    return StoredFact(fact_id, version, record, now, None, False, builtin)


async def _hydrate(db: Database, rows: list[Row]) -> list[StoredFact]:
    if not rows:
        return []
    ids = [int(r["id"]) for r in rows]
    marks = ",".join("?" for _ in ids)
    figure_rows = await db.fetchall(
        f"SELECT * FROM fact_figures WHERE fact_id IN ({marks}) ORDER BY fact_id, position", ids
    )
    return _with_figures(rows, figure_rows)


def _with_figures(rows: list[Row], figure_rows: list[Row]) -> list[StoredFact]:
    by_fact: dict[int, list[Row]] = {}
    for figure_row in figure_rows:
        by_fact.setdefault(int(figure_row["fact_id"]), []).append(figure_row)
    return [_stored(row, by_fact.get(int(row["id"]), [])) for row in rows]


def _stored(row: Row, figure_rows: list[Row]) -> StoredFact:
    figures = tuple(
        Figure(r["name"], float(r["value"]), r["unit"], r["per"], r["label"]) for r in figure_rows
    )
    keywords = tuple(k for k in str(row["keywords"]).split("\n") if k)
    source = Source(row["source_publication"], row["source_headline"], row["source_date"], row["source_url"])
    record = FactRecord(
        row["key"],
        row["topic"],
        row["text"],
        source,
        row["as_of"],
        figures,
        keywords,
        row["quote"],
        row["text_es"],
    )
    return StoredFact(
        int(row["id"]),
        int(row["version"]),
        record,
        row["created_at"],
        row["superseded_at"],
        bool(row["removed"]),
        bool(row["builtin"]),
    )
