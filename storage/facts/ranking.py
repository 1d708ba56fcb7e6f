"""How well one fact answers a question.

Each of the question's concepts weighs more the fewer facts have it; a
concept no fact has weighs most, unless it comes from an everyday word
("guy", "outside", "beef"), which may just be how the member put it. A fact
covers a concept fully when its text states it (or a word it implies: a fact
about SAG-AFTRA is about actors), 85% when only its keywords do, and 50%
when only its source's quote does; a number within 15% of one the fact
states counts 70% ("almost a million" for $900,000). The score is the share
of the question's weight covered.

A fact "clashes" with the question when the question names a company,
union, person, work or role that the fact, its keywords and its quote never
mention: "how many subscribers does Disney have" is not answered by
Netflix's, however much else matches. A question about one role's pay
clashes with a fact about another's, even when that fact mentions the first
role in passing ("While actors were on strike, Netflix offered a product
manager..." does not say what Netflix pays actors).
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
QUOTE_SHARE = 0.5
#: A number near one the fact states.
NEAR_NUMBER_SHARE = 0.7
NEAR_NUMBER = 0.15
#: A soft concept ("want", "use") weighs this much of an ordinary one.
SOFT_SHARE = 0.3
#: How much an everyday word no fact uses loses of the weight of an unknown word.
EVERYDAY_CUT = 0.6
_YEAR = re.compile(r"(19|20)\d\d")
#: What a fact that says where something happened holds.
_PLACES = frozenset(["outside", "global", *("w_" + p for p in lex.PLACES)])


@dataclass
class Stats:
    """Per database: how many facts hold each token, and the names they mention."""

    generation: int
    facts: int = 0
    df: Counter[str] = field(default_factory=Counter)
    names: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)  # capitalised words of the facts' texts
    latest: str | None = None

    _rarity: dict[str, float] = field(default_factory=dict)

    def rarity(self, concept: str) -> float:
        found = self._rarity.get(concept)
        if found is None:
            found = math.log(1 + (self.facts + 1) / (self.df.get(concept, 0) + 0.5))
            if len(self._rarity) < 100_000:
                self._rarity[concept] = found
        return found

    def weight(self, concept: str, question: Question) -> float:
        weight = self.rarity(concept)
        if not self.df.get(concept):
            weight *= 1 - EVERYDAY_CUT * question.everyday.get(concept, 0.0)
        return weight * (SOFT_SHARE if concept in lex.SOFT else 1.0)

    def weights(self, question: Question) -> dict[str, float]:
        """Each concept's weight; the words of one name ("Duncan Crabtree-Ireland", "Joan
        is Awful") share the weight of one, as they say one thing together."""
        weights = {c: self.weight(c, question) for c in question.concepts}
        group: list[str] = []
        for concept in [*question.concepts, ""]:
            if concept and (concept in self.names or concept in self.titles):
                group.append(concept)
                continue
            if len(group) > 1:
                share = max(weights[c] for c in group) / len(group)
                weights.update(dict.fromkeys(group, share))
            group = []
        return weights

    def is_name(self, concept: str) -> bool:
        """A company, a union, a role, or another name the facts use."""
        return concept in terms.KNOWN_NAMES or concept in terms.ROLES or concept in self.names


@dataclass
class Indexed:
    """A fact's tokens: from its text, and the ones its keywords and quote add (with markers)."""

    text: frozenset[str]
    extra: frozenset[str]
    builtin: bool = False
    #: Read once from the tokens, as every question that finds the fact needs them.
    phrases: tuple[frozenset[str], ...] = ()
    numbers: tuple[float, ...] = ()
    mentioned: frozenset[str] = frozenset()  # its text's and keywords' tokens (not only its quote's)
    own: float | None = None  # the weight of its text's concepts, for `focus`

    @classmethod
    def read(cls, text: str, extra: str, builtin: bool) -> Indexed:
        words, added = frozenset(text.split()), frozenset(extra.split())
        phrases = tuple(frozenset(t[:-1].split("_")) for t in added if t.endswith("_"))
        numbers = tuple(float(t) for t in words if _is_number(t))
        mentioned = words | {c for c in added if "q_" + c not in added}
        return cls(words, added, builtin, phrases, numbers, mentioned)


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


def rank(
    stats: Stats, fact_id: int, indexed: Indexed, question: Question, weights: dict[str, float]
) -> Ranked:
    asked = set(question.concepts)
    phrase, vouched = _keyword_phrases(indexed, asked)
    covered = total = 0.0
    for concept in asked:
        weight = weights[concept]
        total += weight
        covered += weight * _credit(concept, indexed, vouched)
    if indexed.own is None:
        indexed.own = sum(stats.rarity(c) for c in indexed.text) or 1.0
    focus = sum(stats.rarity(c) for c in asked & indexed.text) / indexed.own
    score = covered / total if total else 0.0
    clash = _clash(stats, indexed, asked, question.guessed)
    clash += tuple(sorted(question.excluded & indexed.text))  # "besides the 900k one": not that one
    if not clash and "pay" in asked:
        clash = _paid_someone_else(indexed, asked)
        if not clash and not _credit("pay", indexed, vouched):
            clash = ("pay",)  # a question about pay is not answered by a fact that never mentions it
    pairs = len(question.pairs & indexed.extra)
    literal = len(question.stems & indexed.extra)
    named = frozenset(c for c in asked if stats.is_name(c) or c in stats.titles)
    fit = fits(question, indexed, named)
    return Ranked(fact_id, score, fit, phrase, focus, indexed.builtin, clash, pairs, literal)


def _clash(stats: Stats, indexed: Indexed, asked: set[str], guessed: frozenset[str]) -> tuple[str, ...]:
    """Names (companies, unions, roles, people, works) of the question the fact and its
    keywords never mention (its quote's context does not count): then it is about
    someone else. A word read from a guessed correction the fact lacks clashes too: the
    guess was believed only because another fact holds it."""
    names = {c for c in asked if c not in indexed.mentioned and stats.is_name(c)}
    return tuple(sorted(names | (guessed - indexed.text - indexed.extra)))


def _paid_someone_else(indexed: Indexed, asked: set[str]) -> tuple[str, ...]:
    """A question about one role's pay and a fact about another's: "how much does Netflix
    pay writers" is not answered by "While writers were on strike, Netflix offered a
    product manager $900,000"."""
    roles = asked & terms.ROLES
    subjects = {t[2:] for t in indexed.extra if t.startswith("r_")}
    if not roles or not subjects:
        return ()
    return tuple(sorted(roles - subjects))


def _credit(concept: str, indexed: Indexed, vouched: set[str]) -> float:
    if concept in indexed.text or concept in vouched:
        return 1.0
    if concept in indexed.extra:
        return QUOTE_SHARE if "q_" + concept in indexed.extra else KEYWORD_SHARE
    if indexed.numbers and _is_number(concept) and not _YEAR.fullmatch(concept):
        value = float(concept)
        if any(abs(value - n) <= NEAR_NUMBER * max(value, n) for n in indexed.numbers):
            return NEAR_NUMBER_SHARE
    return 0.0


def _keyword_phrases(indexed: Indexed, asked: set[str]) -> tuple[float, set[str]]:
    """A keyword of several words all of which the question has is the curator saying
    "this fact answers that": its concepts count as stated, and the longest such keyword
    ranks (+0.5 if it is all the question asks)."""
    phrase = 0.0
    vouched: set[str] = set()
    for parts in indexed.phrases:
        if parts <= asked:
            phrase = max(phrase, len(parts) + (0.5 if parts == asked else 0.0))
            if len(parts) > 1:
                vouched |= parts
    return phrase, vouched


def _is_number(token: str) -> bool:
    return token[:1].isdigit() and token.replace(".", "", 1).isdigit()


def fits(question: Question, indexed: Indexed, named: frozenset[str] = frozenset()) -> bool:
    """`named`: the question's concepts that name someone (for "what did X say")."""
    wants = question.wants
    if wants == "amount":
        # The kinds of its figures ("unit_date" only says that it says when).
        units = {t.removeprefix("unit_") for t in indexed.extra if t.startswith("unit_")} - {"date"}
        if units:
            return bool(units & {u.lower() for u in question.units})
        # A fact without named figures (an organizer's): a number, not a year.
        return any(_is_number(t) and not _YEAR.fullmatch(t) for t in indexed.text)
    if wants == "reason":
        return "why" in indexed.text or "why" in indexed.extra
    if wants == "howto":
        return False  # the facts say what happened, never what to do
    if wants == "date":
        return "unit_date" in indexed.extra or bool({"unit_days", "unit_years"} & indexed.extra)
    if wants == "statement":
        # Something said, and said by whom the question names, if it names anyone.
        if not {"comment", "reaction"} & (indexed.text | indexed.extra):
            return False
        if any("s_" + c in indexed.extra for c in question.speaker):
            return True
        if question.speaker_named:
            # "What did ChatGPT say": a name ("chatgpt" reads "ai") the fact never has
            # saying anything, whether or not the tables know it as a name.
            return False
        return not named or any("s_" + c in indexed.extra for c in named)
    if wants == "place":
        # "Where ...": a fact that says where (outside Netflix, in Hollywood, worldwide).
        return bool(_PLACES & (indexed.text | indexed.extra))
    if wants in ("name", "person"):
        # "Who ...", "which writer ...", "what's it called": a name the question does not have.
        asked = set(question.concepts)
        return any(t.startswith("t_") and t[2:] not in asked for t in indexed.extra)
    return True
