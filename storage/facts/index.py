"""The facts' search index and the ranking of facts for a question.

Each current fact is indexed (FTS5 table ``facts_search``) by its concept
tokens (storage/fact_terms.py). A question is read the same way, misspelt
words are corrected against the words the facts and the tables use, a few
candidates are found in the index (every token at once, then fewer), and
each candidate is scored by how much of the question it covers, each token
weighted by how rare it is among the facts: a word no fact has ("Iger",
"pension") weighs most, so a question about something the facts never
mention scores low and is refused rather than answered with a near miss.

Word counts and the vocabulary are kept per database and rebuilt when the
facts change (a generation number in ``meta``, bumped by every write).
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
import sqlite3
import weakref
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

from storage.database import Database
from storage.facts import lexicon as lex
from storage.facts import terms
from storage.facts.pack import FactRecord
from storage.sync_tx import SyncTransaction

GENERATION = "facts_generation"
INDEX_VERSION = "facts_index_version"
#: Candidates taken from the index for scoring.
CANDIDATES = 20
MIN_CANDIDATES = 3
#: A token only a fact's keywords give counts for this much of one its text states.
KEYWORD_SHARE = 0.85
_YEAR = re.compile(r"(19|20)\d\d")
#: A soft concept ("want", "use") weighs this much of an ordinary one.
SOFT_SHARE = 0.3
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


@dataclass
class Stats:
    generation: int
    facts: int = 0
    df: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)
    latest: str | None = None
    _deletes: dict[str, set[str]] | None = None

    def weight(self, concept: str) -> float:
        """Rarer tokens weigh more; a token no fact has weighs most."""
        return math.log(1 + (self.facts + 1) / (self.df.get(concept, 0) + 0.5))

    def deletes(self) -> dict[str, set[str]]:
        if self._deletes is None:
            self._deletes = _deletes_index([*self.words, *_LEXICON_WORDS])
        return self._deletes


@dataclass(frozen=True)
class Indexed:
    """A fact's tokens: from its text, and the ones only its keywords add."""

    text: frozenset[str]
    extra: frozenset[str]
    builtin: bool = False


@dataclass(frozen=True)
class Ranked:
    id: int
    score: float  # share of the question's weight the fact covers, 0..1
    fits: bool  # the fact holds the kind of answer asked (an amount, a reason)
    phrase: float  # concepts in the longest keyword the question contains (+0.5 if it is all of it)
    focus: float  # share of the fact's own weight the question covers
    builtin: bool = False


@dataclass(frozen=True)
class Search:
    question: terms.Question
    ranked: list[Ranked]
    latest: str | None  # the latest as_of among current facts


_STATS: weakref.WeakKeyDictionary[Database, Stats] = weakref.WeakKeyDictionary()
_LEXICON_WORDS = sorted(w for w in terms.LEXICON if w.isalpha() and len(w) >= 3)


INSERT_SQL = "INSERT INTO facts_search (rowid, terms, extra) VALUES (?, ?, ?)"


def index_row(
    fact_id: int, text: str, keywords: Iterable[str], quote: str, units: Iterable[str]
) -> tuple[int, str, str]:
    stated, added = terms.fact_concepts(text, keywords, quote)
    added |= {f"unit_{unit.lower()}" for unit in units}  # what kind of figure it holds
    return fact_id, " ".join(sorted(stated)), " ".join(sorted(added))


def index_record(fact_id: int, record: FactRecord) -> tuple[int, str, str]:
    units = [figure.unit for figure in record.figures]
    return index_row(fact_id, record.text, record.keywords, record.quote, units)


def bump_generation_sql() -> str:
    return (
        f"INSERT INTO meta (key, value) VALUES ('{GENERATION}', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
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
    first = terms.read_question(text)
    question = terms.read_question(text, _corrections(stats, first)) if stats.facts else first
    concepts = list(question.concepts)
    found = _candidates(tx, stats, concepts)
    total = sum(_weight(stats, c) for c in concepts)
    ranked = [_rank(stats, fact_id, indexed, question, total) for fact_id, indexed in found.items()]
    # Stable sort: facts equal on all of these keep the index's (BM25) order.
    # An organizer's own fact that answers as well as a built-in one comes first: it is
    # theirs and newer, and it has no keywords to win the tie on.
    ranked.sort(key=lambda r: (-round(r.score, 6), not r.fits, r.builtin, -r.phrase, -r.focus))
    return Search(question, ranked, stats.latest)


def _weight(stats: Stats, concept: str) -> float:
    return stats.weight(concept) * (SOFT_SHARE if concept in lex.SOFT else 1.0)


def _rank(stats: Stats, fact_id: int, indexed: Indexed, question: terms.Question, total: float) -> Ranked:
    asked = set(question.concepts)
    # A keyword all of whose concepts the question has is the curator saying "this fact
    # answers that": its concepts count as stated, and the longest such keyword ranks.
    phrase = 0.0
    vouched: set[str] = set()
    for token in indexed.extra:
        if token.endswith("_"):
            parts = set(token[:-1].split("_"))
            if parts <= asked:
                phrase = max(phrase, len(parts) + (0.5 if parts == asked else 0.0))
                if len(parts) > 1:
                    vouched |= parts
    covered = 0.0
    for concept in asked:
        if concept in indexed.text or concept in vouched:
            covered += _weight(stats, concept)
        elif concept in indexed.extra:
            covered += _weight(stats, concept) * KEYWORD_SHARE
    own = sum(stats.weight(c) for c in indexed.text) or 1.0
    focus = sum(stats.weight(c) for c in asked & indexed.text) / own
    score = covered / total if total else 0.0
    return Ranked(fact_id, score, _fits(question, indexed), phrase, focus, indexed.builtin)


def _candidates(tx: SyncTransaction, stats: Stats, concepts: list[str]) -> dict[int, Indexed]:
    """Facts holding every known token, then all but the most common, and so on."""
    present = sorted((c for c in concepts if stats.df.get(c)), key=lambda c: stats.df[c])
    found: dict[int, Indexed] = {}
    for size in range(len(present), 0, -1):
        expression = " AND ".join(_quote(c) for c in present[:size])
        sql = _MATCH_SQL if stats.df[present[0]] <= SCORE_UPTO else _NEWEST_SQL
        for row in tx.fetchall(sql, (expression, CANDIDATES)):
            if len(found) < CANDIDATES:
                found.setdefault(int(row["id"]), _indexed(row))
        if len(found) >= MIN_CANDIDATES:
            break
    if len(present) > 2 and len(found) < CANDIDATES:
        # The rarest token may be the one no good fact shares ("per" in "earn per day").
        expression = " AND ".join(_quote(c) for c in present[1:])
        sql = _MATCH_SQL if stats.df[present[1]] <= SCORE_UPTO else _NEWEST_SQL
        for row in tx.fetchall(sql, (expression, CANDIDATES)):
            if len(found) < CANDIDATES:
                found.setdefault(int(row["id"]), _indexed(row))
    return found


def _indexed(row: sqlite3.Row) -> Indexed:
    words, extra = frozenset(str(row["terms"]).split()), frozenset(str(row["extra"]).split())
    return Indexed(words, extra, bool(row["builtin"]))


def _fits(question: terms.Question, indexed: Indexed) -> bool:
    wants = question.wants
    if wants == "amount":
        units = {t.removeprefix("unit_") for t in indexed.extra if t.startswith("unit_")}
        if units:
            return bool(units & {u.lower() for u in question.units})
        # A fact without named figures (an organizer's): a number, not a year.
        return any(t.isdigit() and not _YEAR.fullmatch(t) for t in indexed.text)
    if wants == "reason":
        return "why" in indexed.text or "why" in indexed.extra
    return True


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _keywords(stored: str) -> list[str]:
    return [k for k in str(stored).split("\n") if k]


def _stats(db: Database, tx: SyncTransaction) -> Stats:
    generation = int(tx.fetchval("SELECT value FROM meta WHERE key = ?", (GENERATION,)) or 0)
    cached = _STATS.get(db)
    if cached is not None and cached.generation == generation:
        return cached
    stats = Stats(generation)
    rows = tx.fetchall(
        "SELECT f.text, f.keywords, s.terms, s.extra, f.as_of FROM facts f JOIN facts_search s ON s.rowid = f.id"
    )
    for row in rows:
        stats.facts += 1
        stats.df.update(str(row["terms"]).split())
        stats.df.update(str(row["extra"]).split())
        stats.words.update(terms.surface_words(f"{row['text']} {' '.join(_keywords(row['keywords']))}"))
        if stats.latest is None or row["as_of"] > stats.latest:
            stats.latest = row["as_of"]
    _STATS[db] = stats
    return stats


#: A word this common in English is taken as meant ("lasted" is not a typo of "listed").
COMMON_AT = 100


@functools.cache
def english_words() -> frozenset[str]:
    """Common English words, from pyspellchecker's word-frequency list (loaded once)."""
    data = resources.files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()
    counts: dict[str, int] = json.loads(gzip.decompress(data))
    return frozenset(word for word, count in counts.items() if count >= COMMON_AT)


def _corrections(stats: Stats, question: terms.Question) -> dict[str, str]:
    """Misspelt words of the question, each mapped to the known word it most likely is."""
    fixes = {}
    for word in question.words:
        if len(word) < 3 or not word.isalpha() or word in stats.words or word in terms.LEXICON:
            continue
        if not question.spanish and word in english_words():
            continue
        if stats.df.get(terms.concept(word)):
            continue  # another form of a word the facts use ("join" for "joined")
        best = _nearest(stats, word)
        if best is not None:
            fixes[word] = best
    return fixes


def _nearest(stats: Stats, word: str) -> str | None:
    limit = 1 if len(word) < 8 else 2
    index = stats.deletes()
    seen: set[str] = set()
    for variant in _variants(word, limit):
        seen |= index.get(variant, set())
    if len(word) == 3:
        seen &= set(stats.words)  # a three-letter word is only read as a word the facts use
    scored = [
        (distance, -stats.words.get(known, 0), known)
        for known in seen
        if (distance := _distance(word, known)) <= limit
    ]
    return min(scored)[2] if scored else None


def _variants(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _deletes_index(words: Iterable[str]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for word in set(words):
        for variant in _variants(word, 1):
            index.setdefault(variant, set()).add(word)
    return index


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
