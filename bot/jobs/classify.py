"""Is this listing an AI / machine-learning job?

Text is split into words by a linear scanner and terms are matched as word
sequences, so "AI" never matches inside "said", "email" or "Thailand", and no
regular expression runs on untrusted text. Acronym terms (two or more capital
letters, like "AI", "LLM", "GenAI") match only when written in capitals; other
terms match in any case, singular or plural.

The title weighs more than the description: one term in the title is enough,
while the description alone needs ``threshold`` distinct terms, because
almost every posting now mentions "AI" once in its boilerplate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from bot.jobs.listing import Listing

DEFAULT_AI_TERMS: tuple[str, ...] = (
    "AI",
    "GenAI",
    "artificial intelligence",
    "machine learning",
    "ML",
    "MLOps",
    "deep learning",
    "reinforcement learning",
    "generative",
    "LLM",
    "large language model",
    "foundation model",
    "computer vision",
    "NLP",
    "natural language processing",
    "neural",
    "applied scientist",
    "prompt engineer",
    "prompt engineering",
    "digital replica",
    "digital human",
    "synthetic media",
    "voice cloning",
)
# "data scientist" is left out on purpose: at studios it is mostly audience
# analytics, and alerting on it would bury the AI roles members ask about.

DEFAULT_THRESHOLD = 3
# Only the start of a description is read; terms after it change nothing.
MAX_CLASSIFY_CHARS = 100_000


def words(text: str) -> list[str]:
    """The letter-and-digit runs of ``text``, in order, case kept."""
    found: list[str] = []
    current: list[str] = []
    for char in text[:MAX_CLASSIFY_CHARS]:
        if char.isalnum():
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


def _is_acronym(word: str) -> bool:
    return sum(1 for char in word if char.isupper()) >= 2


def _fold(word: str) -> str:
    """The lookup key of a word: lower case, a plural ``s`` dropped."""
    lowered = word.lower()
    return lowered[:-1] if len(lowered) > 3 and lowered.endswith("s") else lowered


def _word_matches(term_word: str, word: str) -> bool:
    if _is_acronym(term_word):
        return word in {term_word, term_word.upper(), term_word + "s", term_word.upper() + "S"}
    return _fold(term_word) == _fold(word)


@dataclass(frozen=True)
class _Term:
    text: str
    parts: tuple[str, ...]


def _compile(terms: Iterable[str]) -> dict[str, tuple[_Term, ...]]:
    """Terms indexed by the folded first word, so each word costs one lookup."""
    index: dict[str, list[_Term]] = {}
    for term in terms:
        parts = tuple(words(term))
        if parts:
            key = parts[0].lower() if _is_acronym(parts[0]) else _fold(parts[0])
            index.setdefault(key, []).append(_Term(term, parts))
    return {key: tuple(found) for key, found in index.items()}


def _lookup_keys(word: str) -> tuple[str, ...]:
    lowered = word.lower()
    folded = _fold(word)
    if lowered.endswith("s") and len(lowered) > 1:
        return (folded, lowered, lowered[:-1])
    return (folded, lowered)


def _hits(text: str, index: Mapping[str, tuple[_Term, ...]]) -> set[str]:
    """The distinct terms found in ``text``."""
    tokens = words(text)
    found: set[str] = set()
    for position, word in enumerate(tokens):
        for key in dict.fromkeys(_lookup_keys(word)):
            for term in index.get(key, ()):
                if _matches_at(term, tokens, position):
                    found.add(term.text)
    return found


def _matches_at(term: _Term, tokens: Sequence[str], position: int) -> bool:
    if position + len(term.parts) > len(tokens):
        return False
    return all(_word_matches(part, tokens[position + offset]) for offset, part in enumerate(term.parts))


@dataclass(frozen=True)
class AIClassifier:
    """Scores a listing; ``is_ai`` when the score reaches ``threshold``.

    A title hit is worth ``threshold`` on its own; each distinct term in the
    description is worth 1.
    """

    title_terms: tuple[str, ...] = DEFAULT_AI_TERMS
    description_terms: tuple[str, ...] = DEFAULT_AI_TERMS
    threshold: int = DEFAULT_THRESHOLD
    _title_index: Mapping[str, tuple[_Term, ...]] = field(init=False, repr=False, compare=False)
    _description_index: Mapping[str, tuple[_Term, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.threshold < 1:
            raise ValueError("classifier threshold must be at least 1")
        object.__setattr__(self, "_title_index", _compile(self.title_terms))
        object.__setattr__(self, "_description_index", _compile(self.description_terms))

    @classmethod
    def from_mapping(cls, config: Mapping[str, object]) -> AIClassifier:
        """Build from a ``[poller.classifier]`` table: ``title_terms``, ``description_terms``,
        ``extra_terms`` (added to both), ``threshold`` (declared in bot/config/schema.py)."""
        # Here, not at the top: the schema imports this module for the default threshold.
        from bot.jobs.poller_settings import read_classifier

        return read_classifier(config)

    def title_hits(self, title: str) -> set[str]:
        return _hits(title, self._title_index)

    def description_hits(self, description: str) -> set[str]:
        return _hits(description, self._description_index)

    def title_is_ai(self, title: str) -> bool:
        """The cheap check, for deciding which listings deserve a detail call."""
        return bool(self.title_hits(title))

    def score(self, title: str, description: str = "") -> int:
        title_score = self.threshold if self.title_hits(title) else 0
        return title_score + len(self.description_hits(description))

    def is_ai(self, title: str, description: str = "") -> bool:
        return self.score(title, description) >= self.threshold

    def classify(self, listing: Listing) -> Listing:
        return replace(listing, is_ai=self.is_ai(listing.title, listing.description))

    def classify_all(self, listings: Iterable[Listing]) -> list[Listing]:
        return [self.classify(listing) for listing in listings]
