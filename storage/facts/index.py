"""The facts' search index, and the search of it for a question.

Each current fact is indexed (FTS5 table ``facts_search``) by its concept
tokens (storage/facts/terms.py): column ``terms`` holds what its text states,
column ``extra`` what its keywords and its quote add, with markers: ``q_X``
(X comes only from the quote), ``n_X`` (a name in its text), ``unit_X`` (the
kind of figure it holds) and ``a_b_`` (a keyword's concepts, joined). A
question is read the same way, misspelt words are corrected against the
words the facts and the tables use, a few candidates are found in the index
(every token at once, then fewer), and each is scored (storage/facts/
ranking.py).

Word counts and the vocabulary are kept per database and rebuilt when the
facts change (a generation number in ``meta``, bumped by every write).
"""

from __future__ import annotations

import dataclasses
import weakref
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from storage.database import Database
from storage.facts import question as questions
from storage.facts import terms, typos
from storage.facts.pack import FactRecord
from storage.facts.ranking import Indexed, Ranked, Stats, rank

__all__ = ["Ranked", "Search", "search_in"]
from storage.sync_tx import Row, SyncTransaction

GENERATION = "facts_generation"
INDEX_VERSION = "facts_index_version"
#: Candidates taken from the index for scoring.
CANDIDATES = 20
MIN_CANDIDATES = 3
#: The index is asked for facts holding at most this many of the question's rarest tokens
#: at once: a common token more barely narrows the candidates and costs the most.
MAX_AND = 4
PARSED_KEPT = 50_000
_MATCH_SQL = (
    "SELECT s.id, s.terms, s.extra, f.builtin FROM (SELECT rowid AS id, terms, extra, bm25(facts_search) AS rank"
    " FROM facts_search WHERE facts_search MATCH ? ORDER BY rank LIMIT ?) s JOIN facts f ON f.id = s.id"
    " ORDER BY s.rank"
)
#: BM25 scores every fact that matches; past this many, take the newest instead (the
#: candidates are scored in Python anyway, and "pay" alone can match thousands).
SCORE_UPTO = 1_000
_NEWEST_SQL = (
    "SELECT s.rowid AS id, s.terms, s.extra, f.builtin FROM facts_search s JOIN facts f ON f.id = s.rowid"
    " WHERE facts_search MATCH ? ORDER BY s.rowid DESC LIMIT ?"
)
#: PostgreSQL's full-text search (storage/migrations/postgresql/009_fact_terms.sql): the
#: tokens as one tsquery, ranked by ts_rank (BM25 is FTS5's), ties by id as FTS5 does.
_PG_MATCH_SQL = (
    "SELECT s.id, s.terms, s.extra, f.builtin FROM (SELECT rowid AS id, terms, extra,"
    " ts_rank(doc, CAST(?1 AS tsquery)) AS rank FROM facts_search WHERE doc @@ CAST(?1 AS tsquery)"
    " ORDER BY rank DESC, rowid LIMIT ?2) s JOIN facts f ON f.id = s.id ORDER BY s.rank DESC, s.id"
)
_PG_NEWEST_SQL = (
    "SELECT s.rowid AS id, s.terms, s.extra, f.builtin FROM facts_search s JOIN facts f ON f.id = s.rowid"
    " WHERE s.doc @@ CAST(? AS tsquery) ORDER BY s.rowid DESC LIMIT ?"
)
INSERT_SQL = "INSERT INTO facts_search (rowid, terms, extra) VALUES (?, ?, ?)"


@dataclass
class FactStats(Stats):
    vocabulary: typos.Vocabulary | None = None
    #: Words of the facts' own texts (keywords aside, some are Spanish): a question's
    #: word among them is a name or term that does not tell its language.
    stated_words: frozenset[str] = frozenset()
    #: Facts' tokens as read for ranking, by id (facts do not change within a generation).
    parsed: dict[int, Indexed] = field(default_factory=dict)


@dataclass(frozen=True)
class Search:
    question: questions.Question
    ranked: list[Ranked]
    latest: str | None  # the latest as_of among current facts


_STATS: weakref.WeakKeyDictionary[Database, FactStats] = weakref.WeakKeyDictionary()


def index_row(
    fact_id: int, text: str, keywords: Iterable[str], quote: str, units: Iterable[str]
) -> tuple[int, str, str]:
    found = terms.fact_terms(text, keywords, quote)
    extra = found.keywords | found.phrases | found.quoted
    extra |= {f"q_{c}" for c in found.quoted} | {f"n_{name}" for name in found.names}
    extra |= {f"t_{title}" for title in found.titles} | found.pairs | found.literal
    extra |= {f"r_{role}" for role in found.subjects} | {f"s_{who}" for who in found.speakers}
    extra |= {f"unit_{unit.lower()}" for unit in units}  # what kind of figure it holds
    if terms.dated(text):
        extra |= {"unit_date"}  # it says when: a month, a year, "since", "for 60 years"
    return fact_id, " ".join(sorted(found.stated)), " ".join(sorted(extra))


def index_record(fact_id: int, record: FactRecord) -> tuple[int, str, str]:
    units = [figure.unit for figure in record.figures]
    return index_row(fact_id, record.text, record.keywords, record.quote, units)


def bump_generation_sql() -> str:
    return (
        f"INSERT INTO meta (key, value) VALUES ('{GENERATION}', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(meta.value AS INTEGER) + 1"
    )


def rebuild_if_stale(tx: SyncTransaction) -> bool:
    """Re-index every current fact when the analyzer has changed since the index was built."""
    built = tx.fetchval("SELECT value FROM meta WHERE key = ?", (INDEX_VERSION,))
    if built == terms.ANALYZER_VERSION:
        return False
    tx.execute("DELETE FROM facts_search")
    rows = tx.fetchall(
        "SELECT f.id, f.text, f.keywords, f.quote, group_concat(g.unit, ' ') AS units FROM facts f"
        " LEFT JOIN fact_figures g ON g.fact_id = f.id WHERE f.superseded_at IS NULL GROUP BY f.id"
    )
    tx.executemany(
        INSERT_SQL,
        [
            index_row(
                row["id"], row["text"], _keywords(row["keywords"]), row["quote"], (row["units"] or "").split()
            )
            for row in rows
        ],
    )
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (INDEX_VERSION, terms.ANALYZER_VERSION),
    )
    tx.execute(bump_generation_sql())
    return True


def search_in(db: Database, tx: SyncTransaction, text: str) -> Search:
    """Current facts for a question, best first, with how much of it each covers."""
    stats = _stats(db, tx)
    question = _read(tx, stats, text)
    found = _candidates(tx, stats, list(question.concepts))
    weights = stats.weights(question)
    ranked = [rank(stats, fact_id, indexed, question, weights) for fact_id, indexed in found.items()]
    ranked.sort(key=_order)
    return Search(question, ranked, stats.latest)


def _order(r: Ranked) -> tuple[bool, float, bool, bool, float, int, float, int]:
    # Stable sort: facts equal on all of these keep the index's (BM25) order. A fact
    # that clashes with a name the question uses goes last. An organizer's own fact
    # that answers as well as a built-in one comes first: it is theirs and newer,
    # and it has no keywords to win the tie on.
    return (
        bool(r.clash),
        -round(r.score, 6),
        not r.fits,
        r.builtin,
        -r.phrase,
        -r.literal,
        -r.focus,
        -r.pairs,
    )


def _read(tx: SyncTransaction, stats: FactStats, text: str) -> questions.Question:
    vocabulary = stats.vocabulary
    known = stats.stated_words.__contains__
    first = questions.read_question(text, known=known)
    if vocabulary is None or not stats.facts:
        return first
    sure, maybe = typos.corrections(vocabulary, first.words, first.spanish, lambda c: bool(stats.df.get(c)))
    if not sure and not maybe:
        return first
    question = questions.read_question(text, sure, known) if sure else first
    if maybe:
        # An everyday word one edit from a fact's word is read as that word only when the
        # fact that has it also has the question's other concepts ("beetles ai song").
        guess = questions.read_question(text, sure | maybe, known)
        if _confirmed(tx, stats, guess, maybe):
            fixed = frozenset(terms.concept(w) for w in maybe.values()) - set(question.concepts)
            return dataclasses.replace(guess, guessed=fixed)
    return question


def _confirmed(
    tx: SyncTransaction, stats: FactStats, guess: questions.Question, maybe: dict[str, str]
) -> bool:
    fixed = {terms.concept(w) for w in maybe.values()}
    others = [c for c in guess.concepts if c not in fixed and stats.df.get(c)]
    needed = min(2, len(others))
    found = _candidates(tx, stats, list(guess.concepts))
    for indexed in found.values():
        tokens = indexed.text | indexed.extra
        if fixed <= tokens and sum(c in tokens for c in others) >= needed and needed:
            return True
    return False


def _candidates(tx: SyncTransaction, stats: FactStats, concepts: list[str]) -> dict[int, Indexed]:
    """Facts holding every known token (the rarest few), then all but the most common,
    and so on."""
    present = sorted((c for c in concepts if stats.df.get(c)), key=lambda c: stats.df[c])
    present = present[:MAX_AND]
    found: dict[int, Indexed] = {}
    for size in range(len(present), 0, -1):
        _fetch(tx, stats, present[:size], found)
        if len(found) >= MIN_CANDIDATES:
            break
    if len(present) > 2 and len(found) < CANDIDATES:
        # The rarest token may be the one no good fact shares ("per" in "earn per day").
        _fetch(tx, stats, present[1:], found)
    return found


def _fetch(tx: SyncTransaction, stats: FactStats, tokens: list[str], found: dict[int, Indexed]) -> None:
    scored = stats.df[tokens[0]] <= SCORE_UPTO
    if tx.dialect == "postgresql":
        expression = " & ".join(_pg_quote(c) for c in tokens)
        sql = _PG_MATCH_SQL if scored else _PG_NEWEST_SQL
    else:
        expression = " AND ".join(_quote(c) for c in tokens)
        sql = _MATCH_SQL if scored else _NEWEST_SQL
    for row in tx.fetchall(sql, (expression, CANDIDATES)):
        if len(found) < CANDIDATES:
            fact_id = int(row["id"])
            if fact_id not in found:
                found[fact_id] = _indexed(stats, fact_id, row)


def _indexed(stats: FactStats, fact_id: int, row: Row) -> Indexed:
    cached = stats.parsed.get(fact_id)
    if cached is None:
        cached = Indexed.read(str(row["terms"]), str(row["extra"]), bool(row["builtin"]))
        if len(stats.parsed) < PARSED_KEPT:
            stats.parsed[fact_id] = cached
    return cached


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _pg_quote(term: str) -> str:
    """A lexeme in a tsquery, taken as written (quoted, so no operator or weight is read in it)."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _keywords(stored: str) -> list[str]:
    return [k for k in str(stored).split("\n") if k]


def _stats(db: Database, tx: SyncTransaction) -> FactStats:
    generation = int(tx.fetchval("SELECT value FROM meta WHERE key = ?", (GENERATION,)) or 0)
    cached = _STATS.get(db)
    if cached is not None and cached.generation == generation:
        return cached
    stats = FactStats(generation)
    words: Counter[str] = Counter()
    stated: set[str] = set()
    rows = tx.fetchall(
        "SELECT f.text, f.keywords, s.terms, s.extra, f.as_of FROM facts f JOIN facts_search s ON s.rowid = f.id"
    )
    for row in rows:
        stats.facts += 1
        extra = str(row["extra"]).split()
        stats.df.update(str(row["terms"]).split())
        stats.df.update(t for t in extra if not t.startswith(("q_", "n_", "t_", "b_", "w_", "r_", "s_")))
        stats.names.update(t[2:] for t in extra if t.startswith("n_"))
        stats.titles.update(t[2:] for t in extra if t.startswith("t_"))
        words.update(terms.surface_words(f"{row['text']} {' '.join(_keywords(row['keywords']))}"))
        stated |= terms.surface_words(row["text"])
        if stats.latest is None or row["as_of"] > stats.latest:
            stats.latest = row["as_of"]
    stats.vocabulary = typos.Vocabulary(dict(words))
    stats.stated_words = frozenset(stated)
    _STATS[db] = stats
    return stats
