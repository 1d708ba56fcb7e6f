"""How well one fact answers a question.

Each of the question's concepts weighs more the fewer facts have it; a
concept no fact has weighs most, unless it comes from an everyday word
("guy", "outside", "beef"), which may just be how the member put it. A fact
covers a concept fully when its text states it (or a word it implies: a fact
about SAG-AFTRA is about actors), 85% when only its keywords do, and 60%
when only its source's quote does; a number within 15% of one the fact
states counts 70% ("almost a million" for $900,000). The score is the share
of the question's weight covered.

A fact "clashes" with the question when the question names a company,
union, person or role that the fact, its keywords and its quote never
mention, while the fact names another of that kind: "how much does Netflix
pay actors" is not answered by an engineer's pay at Netflix, nor "how many
subscribers does Disney have" by Netflix's, however much else matches.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from storage.facts import lexicon as lex
from storage.facts import terms
from storage.facts.question import Question

#: A token only a fact's keywords give counts for this much of one its text states.
KEYWORD_SHARE = 0.85
#: ...and one only its quote gives.
QUOTE_SHARE = 0.6
#: A number near one the fact states.
NEAR_NUMBER_SHARE = 0.7
NEAR_NUMBER = 0.15
#: A soft concept ("want", "use") weighs this much of an ordinary one.
SOFT_SHARE = 0.3
#: How much an everyday word no fact uses loses of the weight of an unknown word.
EVERYDAY_CUT = 0.6
_YEAR = re.compile(r"(19|20)\d\d")
_KINDS = (("company", terms.COMPANIES), ("union", terms.UNIONS), ("role", terms.ROLES))


@dataclass
class Stats:
    """Per database: how many facts hold each token, and the names they mention."""

    generation: int
    facts: int = 0
    df: Counter[str] = field(default_factory=Counter)
    names: set[str] = field(default_factory=set)
    latest: str | None = None

    def rarity(self, concept: str) -> float:
        return math.log(1 + (self.facts + 1) / (self.df.get(concept, 0) + 0.5))

    def weight(self, concept: str, question: Question) -> float:
        weight = self.rarity(concept)
        if not self.df.get(concept):
            weight *= 1 - EVERYDAY_CUT * question.everyday.get(concept, 0.0)
        return weight * (SOFT_SHARE if concept in lex.SOFT else 1.0)

    def kinds(self, concept: str) -> set[str]:
        """What a name is: a company, a union, a role, or another name the facts use."""
        found = {kind for kind, names in _KINDS if concept in names}
        if not found and concept in self.names:
            found.add("name")
        return found


@dataclass(frozen=True)
class Indexed:
    """A fact's tokens: from its text, and the ones its keywords and quote add (with markers)."""

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
    clash: tuple[str, ...] = ()  # names the question has and the fact never mentions
    pairs: int = 0  # neighbouring concepts of the question that are neighbours in the fact's text
    literal: int = 0  # the question's own words (not just their concepts) the fact's text uses


def rank(stats: Stats, fact_id: int, indexed: Indexed, question: Question) -> Ranked:
    asked = set(question.concepts)
    phrase, vouched = _keyword_phrases(indexed, asked)
    numbers = [float(t) for t in indexed.text if _is_number(t)]
    covered = total = 0.0
    for concept in asked:
        weight = stats.weight(concept, question)
        total += weight
        covered += weight * _credit(concept, indexed, vouched, numbers)
    own = sum(stats.rarity(c) for c in indexed.text) or 1.0
    focus = sum(stats.rarity(c) for c in asked & indexed.text) / own
    score = covered / total if total else 0.0
    clash = _clash(stats, indexed, asked)
    pairs = len(question.pairs & indexed.extra)
    literal = len(question.stems & indexed.extra)
    return Ranked(
        fact_id, score, fits(question, indexed), phrase, focus, indexed.builtin, clash, pairs, literal
    )


def _clash(stats: Stats, indexed: Indexed, asked: set[str]) -> tuple[str, ...]:
    """Names of the question the fact never mentions while it names another of their kind
    (another company, union, role or person): then it is about someone else."""
    missing = [c for c in asked if c not in indexed.text and c not in indexed.extra and stats.kinds(c)]
    if not missing:
        return ()
    own: set[str] = set()
    for token in indexed.text | {t[2:] for t in indexed.extra if t.startswith("n_")}:
        own |= stats.kinds(token)
    return tuple(sorted(c for c in missing if stats.kinds(c) & own))


def _credit(concept: str, indexed: Indexed, vouched: set[str], numbers: list[float]) -> float:
    if concept in indexed.text or concept in vouched:
        return 1.0
    if concept in indexed.extra:
        return QUOTE_SHARE if "q_" + concept in indexed.extra else KEYWORD_SHARE
    if _is_number(concept) and numbers:
        value = float(concept)
        if any(abs(value - n) <= NEAR_NUMBER * max(value, n) for n in numbers):
            return NEAR_NUMBER_SHARE
    return 0.0


def _keyword_phrases(indexed: Indexed, asked: set[str]) -> tuple[float, set[str]]:
    """A keyword all of whose concepts the question has is the curator saying "this fact
    answers that": its concepts count as stated, and the longest such keyword ranks."""
    phrase = 0.0
    vouched: set[str] = set()
    for token in indexed.extra:
        if token.endswith("_"):
            parts = set(token[:-1].split("_"))
            if parts <= asked:
                phrase = max(phrase, len(parts) + (0.5 if parts == asked else 0.0))
                if len(parts) > 1:
                    vouched |= parts
    return phrase, vouched


def _is_number(token: str) -> bool:
    return token[:1].isdigit() and token.replace(".", "", 1).isdigit()


def fits(question: Question, indexed: Indexed) -> bool:
    wants = question.wants
    if wants == "amount":
        units = {t.removeprefix("unit_") for t in indexed.extra if t.startswith("unit_")}
        if units:
            return bool(units & {u.lower() for u in question.units})
        # A fact without named figures (an organizer's): a number, not a year.
        return any(_is_number(t) and not _YEAR.fullmatch(t) for t in indexed.text)
    if wants == "reason":
        return "why" in indexed.text or "why" in indexed.extra
    if wants == "name":
        asked = set(question.concepts)
        return any(t.startswith("t_") and t[2:] not in asked for t in indexed.extra)
    return True
