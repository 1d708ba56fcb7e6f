"""What a question asks: its concepts, the kind of answer it wants, and whether it is
about what happened after the facts' dates."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from storage.facts import lexicon as lex
from storage.facts import terms, wordfreq

_CONTEXT = frozenset(
    ["strike", "negotiation", "sagaftra", "wga", "amptp", "studio", "union", "job", "contract", "deal"]
)
_STRONG_AFTER = (
    "back to work", "happened after", "what happened next", "what has happened", "happened since",
    "happened lately", "happened recently", "reached a deal", "reach a deal", "reached an agreement",
    "reach an agreement", "new contract", "final contract", "tentative agreement", "still going",
    "still on strike", "this week", "last week", "this month", "since then", "new deal", "new agreement",
    "final deal", "final agreement", "tentative deal", "later on", "end up", "ended up", "in the end",
    "afterwards", "eventually", "next year", "next month", "did the strike last", "did the strikes last",
    "did the walkout last",
)  # fmt: skip
#: "Is X still ...", "does she still ...": a question about how things stand now.
_STILL = re.compile(
    r"^(is|are|am|was|were|does|do|did|has|have|can|will)\b.*\bstill\b|\bstill (alive|around)\b"
)
#: "Did Netflix comment on it later?": what came after.
_LATER_ON = re.compile(r"\blater\b")
_OVER_PHRASES = tuple(phrase for phrase, token in lex.PHRASES.items() if token == "over")
#: "What's it called", "the name of ...": the answer is a name the question does not have.
_NAME = re.compile(
    r"\b(name of|named what|called what|title of)\b|\bwhat (is|was|are|were) (it|that|this|they|the( \w+){1,4})"
    r" (called|named|titled)\b|^which \w+"
)
_HOW_GOING = re.compile(r"\bhow (is|are|was|were) (\w+ ){1,4}(going|coming along|progressing)\b")
#: "What did X say about...", "how did X react": the answer is something someone said.
_SAY = (
    r"(say|said|says|think|thinks|thought|tweet|tweeted|write|wrote|tell|told|post|posted|comment|commented)"
)
_SAID = re.compile(
    rf"\bwhat (did|does|do|has|have|was|is) (\w+ ){{1,5}}{_SAY}\b|\bwhat {_SAY}\b"
    r"|\bhow (did|does|do|has|have) (\w+ ){1,5}(react|reacted|respond|responded|reply|replied)\b"
    r"|^(did|has|have) (\w+ ){1,4}(say|comment|respond|react)\b"
)
#: "When did...", "since when", "how long": not "what did they say when asked".
_WHEN = re.compile(
    r"^((so|and|but|ok|okay|hey) )?when\b|\bsince when\b|\bhow long\b|\b(what|which) (date|day|month|year)\b"
)
#: "How do I join", "where can I sign up": what to do, which no fact says.
_HOW_TO = re.compile(r"\b(how|where|when) (do|can|should|could|would) (i|we|you)\b|\bhow to\b|\bwhere to\b")
#: "What's the residual rate", "which is the salary": a figure is asked for.
_FIGURE = re.compile(
    r"\b(what|which) (\w+ ){0,3}(rate|rates|salary|salaries|wage|wages|fee|fees|price|cost|budget|earnings"
    r"|income)\b|\b(count|headcount|tally)( of\b|$)"
)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
#: "after july", "since the summer": a time past the one the facts speak of.
_LATER = re.compile(rf"\bafter (the )?({_MONTHS}|summer|fall|autumn)\b|\bsince the (summer|fall|autumn)\b")
_FRAMES = re.compile(
    r"\b(" + "|".join(re.escape(f) for f in sorted(lex.FRAMES, key=len, reverse=True)) + r")\b"
)


@dataclass(frozen=True)
class Question:
    """A question as the search sees it."""

    concepts: tuple[str, ...]
    words: tuple[str, ...]  # English words, before stop words and aliases
    spanish: bool
    wants: str | None  # amount, date, person, place, reason, name, statement, howto, or None
    after: bool  # asks what happened after the facts' dates
    units: frozenset[str] = frozenset()  # for an amount: the figure units that answer it
    #: For each concept from one everyday word ("guy", "outside"), how everyday (0..1).
    everyday: dict[str, float] = field(default_factory=dict)
    pairs: frozenset[str] = frozenset()  # neighbouring concepts ("b_ai_proposal")
    stems: frozenset[str] = frozenset()  # the words' own stems ("said", not "comment")
    #: Concepts only a guessed correction gave ("bonus" read as "bones"): believed only
    #: because a fact holds them, so only a fact that holds them answers.
    guessed: frozenset[str] = frozenset()
    #: Figures the question sets aside ("besides the 900k one"): a fact stating one is not it.
    excluded: frozenset[str] = frozenset()
    #: For "what did X say": X's concepts ("what did ChatGPT say" is not what Deadline said),
    #: and whether X is a name (no everyday word), which a fact must have saying it.
    speaker: frozenset[str] = frozenset()
    speaker_named: bool = False


def read_question(
    text: str, correct: dict[str, str] | None = None, known: Callable[[str], bool] = lambda w: False
) -> Question:
    """`correct` maps a misspelt word to the known word it stands for; `known(word)`
    tells a word the facts use (it does not vote for a language)."""
    raw, spanish = terms.english_words(text, known)
    words = _without_frames(raw)
    if correct:
        words = [correct.get(w, w) for w in _joined(words, correct)]
    found = terms.concepts(words)
    wants = _wants(words)
    if wants == "reason" and "why" not in found:
        found.append("why")  # "why ..." is answered by a fact that gives a reason
    if "pay" not in found and re.search(
        r"\bhow much\b.*\b(make|makes|making|made|get|gets|take|takes)\b", " ".join(words)
    ):
        found.append("pay")  # "how much do extras make" asks about pay
    if "progress" not in found and _HOW_GOING.search(" ".join(words)):
        found.append("progress")  # "how are the talks going" asks how far they got
    units = _units(words, found) if wants == "amount" else frozenset()
    language = "es" if spanish else "en"
    everyday = {terms.concept(w): wordfreq.everyday(w, language) for w in words if terms.concept(w) in found}
    after = _after(raw, words, found)
    stems = frozenset("w_" + stem for stem in terms.literal(words))
    subject = _speaker(words) if wants == "statement" else []
    speaker = frozenset(terms.concepts(subject))
    speaker_named = any(w.isalpha() and not wordfreq.is_common_english(w) for w in subject)
    return Question(
        tuple(found),
        tuple(words),
        spanish,
        wants,
        after,
        units,
        everyday,
        frozenset(terms.pairs(words)),
        stems,
        speaker=speaker,
        speaker_named=speaker_named,
        excluded=frozenset(_EXCLUDED.findall(" ".join(words))),
    )


#: "Besides the 900k one", "other than $200", "not the 900000 job" (Spanish: "aparte de").
_EXCLUDED = re.compile(
    r"\b(?:besides|apart from|aside from|except|except for|other than|not|aparte|ademas de|excepto)"
    r" (?:the |that |those |a |el |la |los |las )?(\d+)\b"
)
_ASKED_BY = frozenset(["did", "does", "do", "has", "have", "was", "is"])
_SAYING_WORD = re.compile(rf"^{_SAY}$|^(react|reacted|respond|responded|reply|replied)$")


def _speaker(words: list[str]) -> list[str]:
    """The words between "did" and "say" in "what did X say", "how did X react"."""
    said = next((i for i, w in enumerate(words) if _SAYING_WORD.match(w)), None)
    if said is None:
        return []
    asked = max((i for i, w in enumerate(words[:said]) if w in _ASKED_BY), default=None)
    return [] if asked is None else words[asked + 1 : said]


def _joined(words: list[str], correct: dict[str, str]) -> list[str]:
    """Two words that are one ("open ai": "openai"), where `correct` says so."""
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if i + 1 < len(words) and pair in correct:
            out.append(correct[pair])
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


def _without_frames(words: list[str]) -> list[str]:
    """Ways of asking that say nothing about what is asked ("how does it work") dropped."""
    line = _FRAMES.sub(" ", " ".join(words))
    return line.split()


_PEOPLE = frozenset(["actor", "member", "wga", "extra", "subscriber", "sagaftra", "union", "people"])


def _units(words: list[str], found: list[str]) -> frozenset[str]:
    """Which figures answer "how much/how many": dollars, people, days, a share..."""
    line = " ".join(words)
    if re.search(r"\bhow old\b", line):
        return frozenset(["years"])
    if re.search(r"\bhow many (day|days|week|weeks)\b", line):
        return frozenset(["days"])
    if re.search(r"\bhow many (year|years)\b", line):
        return frozenset(["years"])
    if re.search(r"\bpercent|\bshare\b|\bpercentage\b", line):
        return frozenset(["percent"])
    if re.search(r"\bhow (many|big|large)\b|\b(count|headcount|tally)( of\b|$)", line):
        units = {"count", "people"}
        if _PEOPLE & set(found):
            units.add("percent")  # "how many of us earn under 26k": 87%
        return frozenset(units)
    return frozenset(["USD"])


def _wants(words: list[str]) -> str | None:
    line = " ".join(words)
    if _HOW_TO.search(line):
        return "howto"
    if re.search(r"\bhow (much|many|big|old)\b|\bwhat (percent|share|percentage)\b", line) or _FIGURE.search(
        line
    ):
        return "amount"
    if re.search(r"\bwhy\b|\bhow come\b", line):
        return "reason"
    if _WHEN.search(line):
        return "date"
    if words and words[0] in ("who", "whom", "whose"):
        return "person"
    if words and words[0] == "where":
        return "place"
    if _NAME.search(line):
        return "name"
    if _SAID.search(line):
        return "statement"
    return None


def _ends(word: str) -> bool:
    """A word that says something ended ("ended", "ratified", "filled"), not "over" itself."""
    if word == "over":
        return False
    return lex.WORDS.get(word) == "over" or terms.concept(word) == "over"


def _after(raw: list[str], words: list[str], found: list[str]) -> bool:
    line = " ".join([*raw, "|", *words])
    if any(phrase in line for phrase in _STRONG_AFTER) or _LATER.search(line):
        return True
    if _STILL.search(" ".join(raw)) or _LATER_ON.search(" ".join(raw)):
        return True
    context = bool(_CONTEXT & set(found))
    if not context:
        return False
    if _CONTEXT - {"job"} & set(found) and re.search(r"\b(will|gonna|going to)\b", " ".join(raw)):
        return True  # "how long will the strike last": what comes next
    ending = words[-1:] == ["over"] or re.search(r"\bover (yet|now|already)\b", line)
    # A word of ending inside a phrase says something else ("the top end", "at the end of").
    ended = any(_ends(w) for w in terms.phrases(words)) or any(phrase in line for phrase in _OVER_PHRASES)
    present = bool(lex.AFTER_WORDS & set(words)) or "still" in words
    return bool(ending or ended or present)
