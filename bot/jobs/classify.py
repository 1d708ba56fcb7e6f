"""Is this listing an AI / machine-learning job?

Text is split into words by a linear scanner and terms are matched as word
sequences, so "AI" never matches inside "said", "email" or "Thailand", and no
regular expression runs on untrusted text. Acronym terms (two or more capital
letters, like "AI", "LLM", "GenAI") match only when written in capitals; other
terms match in any case, singular or plural.

A title term (`classify_terms`) makes a job an AI job on its own. Otherwise
the description must name the work: ``threshold`` distinct description terms,
or one less under a hint title ("Research Scientist, Recommendations"). Only
sentences about the job count: the company describing itself ("we build
AI-powered tools"), notices about applying, nice-to-haves and denials ("we do
not use generative AI") are skipped, and so are mentions of AI as a tool
someone uses ("works alongside AI-driven tools", "familiarity with machine
learning"), because almost every posting now mentions AI in passing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from bot.jobs import classify_terms as vocabulary
from bot.jobs.classify_terms import DEFAULT_AI_TERMS, DEFAULT_DESCRIPTION_TERMS, DEFAULT_HINT_TITLE_TERMS
from bot.jobs.listing import Listing

__all__ = ["DEFAULT_AI_TERMS", "DEFAULT_DESCRIPTION_TERMS", "DEFAULT_THRESHOLD", "AIClassifier", "words"]

DEFAULT_THRESHOLD = 3
#: A description term that also matches any sentence training models.
MODEL_TRAINING = "model training"
# Only the start of a description is read; terms after it change nothing.
MAX_CLASSIFY_CHARS = 100_000
_SENTENCE_ENDS = frozenset("\n;•")


def words(text: str) -> list[str]:
    """The letter-and-digit runs of ``text``, in order, case kept."""
    return [word for sentence in sentences(text) for word in sentence]


def sentences(text: str) -> list[list[str]]:
    """The words of each sentence (or line, or list item) of ``text``, in one pass."""
    found: list[list[str]] = []
    current: list[str] = []
    word: list[str] = []
    text = text[:MAX_CLASSIFY_CHARS]
    for index, char in enumerate(text):
        if char.isalnum():
            word.append(char)
            continue
        if word:
            current.append("".join(word))
            word = []
        ends = char in _SENTENCE_ENDS or (char in ".!?" and text[index + 1 : index + 2] in {" ", "\n", ""})
        if ends and current:
            found.append(current)
            current = []
    if word:
        current.append("".join(word))
    if current:
        found.append(current)
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


def _matches_at(term: _Term, tokens: Sequence[str], position: int) -> bool:
    if position + len(term.parts) > len(tokens):
        return False
    return all(_word_matches(part, tokens[position + offset]) for offset, part in enumerate(term.parts))


def _passing(tokens: Sequence[str], position: int, length: int, usage_after: frozenset[str]) -> bool:
    """A mention of AI as a tool in use ("AI-powered tools", "familiarity with machine learning")."""
    after = {token.lower() for token in tokens[position + length : position + length + 2]}
    before = {token.lower() for token in tokens[max(0, position - 2) : position]}
    return bool(after & usage_after or before & vocabulary.USAGE_BEFORE)


def _everyday(term: _Term, tokens: Sequence[str], position: int) -> bool:
    """ "causal inference", "audience segmentation": the term in its everyday meaning."""
    qualifiers = vocabulary.NOT_ML_BEFORE.get(term.text.lower(), frozenset())
    return position > 0 and tokens[position - 1].lower() in qualifiers


def _hits_in(
    tokens: Sequence[str], index: Mapping[str, tuple[_Term, ...]], *, usage_after: frozenset[str] | None
) -> set[str]:
    """Terms in ``tokens``; with ``usage_after``, mentions of a tool in use are left out."""
    found: set[str] = set()
    for position, word in enumerate(tokens):
        for key in dict.fromkeys(_lookup_keys(word)):
            for term in index.get(key, ()):
                if not _matches_at(term, tokens, position) or _everyday(term, tokens, position):
                    continue
                if usage_after is None or not _passing(tokens, position, len(term.parts), usage_after):
                    found.add(term.text)
    return found


def about_the_job(tokens: Sequence[str]) -> bool:
    """Whether a sentence describes the job (not the company, the application, a denial or a nice-to-have)."""
    lowered = [token.lower() for token in tokens]
    present = set(lowered)
    if present & vocabulary.NEGATIONS or present & vocabulary.HIRING_NOTICE:
        return False
    joined = " " + " ".join(lowered) + " "
    if any(f" {phrase} " in joined for phrase in vocabulary.NICE_TO_HAVE):
        return False
    if _company_voice(tokens) and not present & vocabulary.ROLE_VOICE:
        return False
    # "Nightowl is a streaming service ...": the company introducing itself.
    head = lowered[:5]
    return not any(
        word == "is" and head[i + 1 : i + 2] in (["a"], ["an"], ["the"]) for i, word in enumerate(head)
    )


def _company_voice(tokens: Sequence[str]) -> bool:
    """ "We build ...", "Our recommendations ...": the company speaking (an imperative's "our app" is not)."""
    if tokens and tokens[0].lower() in vocabulary.COMPANY_VOICE:
        return True
    return any(token in vocabulary.COMPANY_PRONOUNS for token in tokens)


def _model_training(tokens: Sequence[str]) -> bool:
    """A sentence that trains models ("train and evaluate ranking models")."""
    lowered = {token.lower() for token in tokens}
    return bool(lowered & {"train", "trains", "trained", "training"}) and bool(
        lowered & {"model", "models", "network", "networks"}
    )


def description_score(hits: set[str]) -> int:
    """Distinct terms, the buzzwords ("AI", "generative") counting once together."""
    buzz = {hit for hit in hits if hit in vocabulary.BUZZWORDS}
    return len(hits - buzz) + (1 if buzz else 0)


@dataclass(frozen=True)
class AIClassifier:
    """Scores a listing; ``is_ai`` when the score reaches ``threshold``.

    A title term is worth ``threshold`` on its own, a hint title 1 (when the
    description names the work at all), and each distinct description term in
    a sentence about the job 1.
    """

    title_terms: tuple[str, ...] = DEFAULT_AI_TERMS
    description_terms: tuple[str, ...] = DEFAULT_DESCRIPTION_TERMS
    threshold: int = DEFAULT_THRESHOLD
    hint_title_terms: tuple[str, ...] = DEFAULT_HINT_TITLE_TERMS
    _title_index: Mapping[str, tuple[_Term, ...]] = field(init=False, repr=False, compare=False)
    _description_index: Mapping[str, tuple[_Term, ...]] = field(init=False, repr=False, compare=False)
    _hint_index: Mapping[str, tuple[_Term, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.threshold < 1:
            raise ValueError("classifier threshold must be at least 1")
        object.__setattr__(self, "_title_index", _compile(self.title_terms))
        object.__setattr__(self, "_description_index", _compile(self.description_terms))
        object.__setattr__(self, "_hint_index", _compile(self.hint_title_terms))

    @classmethod
    def from_mapping(cls, config: Mapping[str, object]) -> AIClassifier:
        """Build from a ``[poller.classifier]`` table: ``title_terms``, ``description_terms``,
        ``extra_terms`` (added to both), ``threshold`` (declared in bot/config/schema.py)."""
        # Here, not at the top: the schema imports this module for the default threshold.
        from bot.jobs.poller_settings import read_classifier

        return read_classifier(config)

    def title_hits(self, title: str) -> set[str]:
        """Title terms in the title, except as a tool ("Editor, AI-assisted workflows")."""
        return _hits_in(words(title), self._title_index, usage_after=vocabulary.TITLE_USAGE_AFTER)

    def description_hits(self, description: str) -> set[str]:
        """Distinct description terms in the sentences about the job, passing mentions left out."""
        found: set[str] = set()
        for tokens in sentences(description):
            if about_the_job(tokens):
                found |= _hits_in(tokens, self._description_index, usage_after=vocabulary.USAGE_AFTER)
                if MODEL_TRAINING in self.description_terms and _model_training(tokens):
                    found.add(MODEL_TRAINING)
        return found

    def title_is_ai(self, title: str) -> bool:
        """The title alone makes it an AI job."""
        return bool(self.title_hits(title))

    def title_may_be_ai(self, title: str) -> bool:
        """The title makes it an AI job, or could with a description: worth a detail call."""
        return self.title_is_ai(title) or bool(_hits_in(words(title), self._hint_index, usage_after=None))

    def score(self, title: str, description: str = "") -> int:
        """``threshold`` for a title term; else the description's terms, plus 1 for a hint title
        when the description names the work at all (a hint title alone is never enough)."""
        described = description_score(self.description_hits(description))
        if self.title_hits(title):
            return self.threshold + described
        hinted = described > 0 and bool(_hits_in(words(title), self._hint_index, usage_after=None))
        return described + (1 if hinted else 0)

    def is_ai(self, title: str, description: str = "") -> bool:
        return self.score(title, description) >= self.threshold

    def classify(self, listing: Listing) -> Listing:
        return replace(listing, is_ai=self.is_ai(listing.title, listing.description))

    def classify_all(self, listings: Iterable[Listing]) -> list[Listing]:
        return [self.classify(listing) for listing in listings]
