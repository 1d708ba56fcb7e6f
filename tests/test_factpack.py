"""Checks for the built-in fact pack, bot/data/factpack.json.

The structural checks always run. The source checks compare every figure with
the text of the article the fact cites; those articles live in the reference
folder ``shared/seeds`` next to the repository (or under $PICKETBOT_SHARED),
which user clones do not have, so those checks skip when it is absent.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

PACK_PATH = Path(__file__).resolve().parents[1] / "bot" / "data" / "factpack.json"

FORMAT = "picketbot-factpack/1"
TOPICS = {"pay", "ai-proposals", "ai-jobs", "strike"}
UNITS = {"USD", "percent", "people", "days", "years", "count"}
PERS = {"year", "day", "hour", "once"}
KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")

#: Figures other commands depend on by name: name -> (unit, per).
REFERENCE_FIGURES = {
    "member_earnings_line": ("USD", "year"),
    "background_day_rate": ("USD", "day"),
}
#: Quotes leave out what lies between their parts with this mark.
GAP = " … "

#: Numbers the articles (or our texts) may write out in words.
NUMBER_WORDS = {
    4: ("four", "fourth"),
    35: ("thirty-five", "thirty five"),
    60: ("sixty",),
    87: ("eighty-seven",),
}

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


# --------------------------------------------------------------------------- helpers


def load_pack() -> dict:
    return json.loads(PACK_PATH.read_text(encoding="utf-8"))


PACK = load_pack()
FACTS = PACK["facts"]


def all_figures() -> list[tuple[dict, dict]]:
    return [(fact, figure) for fact in FACTS for figure in fact["figures"]]


def is_iso_date(text: str) -> bool:
    """YYYY-MM-DD or YYYY-MM, and a real date."""
    match = DATE_RE.match(text)
    if not match:
        return False
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        return False
    return True


def renderings(value: float, unit: str) -> list[str]:
    """Regexes matching the ways an article may write ``value``.

    900000 -> 900,000 / 900000 / 900k / 900K; 200000000 -> 200 million;
    87 percent -> 87% / 87 percent; small numbers also as words.
    """
    if float(value) != int(value):
        text = str(value)
        return [re.escape(text)]
    number = int(value)
    forms = [f"{number:,}", str(number)]
    if number >= 1000 and number % 1000 == 0:
        forms.append(f"{number // 1000}k")
    if number >= 1_000_000 and number % 1_000_000 == 0:
        forms.append(f"{number // 1_000_000} million")
    patterns = [r"(?<![\w.,])\$?\s?" + re.escape(form) + r"(?![\w]|[.,]\d)" for form in forms]
    if unit == "percent":
        patterns = [p + r"\s?(?:%|percent\b)" for p in patterns]
    patterns += [r"\b" + re.escape(word) + r"\b" for word in NUMBER_WORDS.get(number, ())]
    return patterns


def mentions(text: str, value: float, unit: str) -> bool:
    return any(re.search(p, text, re.IGNORECASE) for p in renderings(value, unit))


_NUMBER_IN_TEXT = re.compile(
    r"(?<![\w.,\-])\$?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s?(?:k|million)\b|\s?%|\s?percent\b)?",
    re.IGNORECASE,
)


def numbers_in_text(text: str) -> list[float]:
    """Every quantity written in digits, leaving out calendar dates and years."""
    text = re.sub(rf"\b(?:{MONTHS})\s+\d{{1,2}}\b", " ", text)
    found = []
    for match in _NUMBER_IN_TEXT.finditer(text):
        digits, suffix = match.group(1), (match.group(2) or "").strip().lower()
        value = float(digits.replace(",", ""))
        if not suffix and not match.group(0).startswith("$") and re.fullmatch(r"(19|20)\d\d", digits):
            continue  # a year
        if suffix == "k":
            value *= 1000
        elif suffix == "million":
            value *= 1_000_000
        found.append(value)
    return found


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'").replace("'", ""))


def unquoted(text: str) -> str:
    """The fact text minus anything in double quotes (quotations are allowed verbatim)."""
    return re.sub(r"[\"\u201c][^\"\u201d]*[\"\u201d]", " ", text)


# --------------------------------------------------------------------------- structure


def test_pack_header() -> None:
    assert PACK["format"] == FORMAT
    assert isinstance(PACK["name"], str) and PACK["name"].strip()
    assert is_iso_date(PACK["updated"])
    assert isinstance(FACTS, list) and 20 <= len(FACTS) <= 60
    assert set(PACK) == {"format", "name", "updated", "retired", "facts"}


def test_fact_fields() -> None:
    expected = {"key", "topic", "text", "text_es", "quote", "figures", "keywords", "source", "as_of"}
    for fact in FACTS:
        key = fact.get("key")
        assert set(fact) == expected, key
        assert isinstance(key, str) and KEY_RE.match(key), key
        assert fact["topic"] in TOPICS, key
        assert isinstance(fact["text"], str) and fact["text"].strip(), key
        assert len(fact["text"]) <= 500, key
        assert "\n" not in fact["text"] and "<" not in fact["text"], key
        assert is_iso_date(fact["as_of"]), key
        source = fact["source"]
        assert set(source) == {"publication", "headline", "date", "url"}, key
        assert isinstance(source["publication"], str) and source["publication"].strip(), key
        assert isinstance(source["headline"], str) and source["headline"].strip(), key
        assert is_iso_date(source["date"]), key
        assert source["url"] is None or source["url"].startswith("https://"), key
        # A shipped fact is dated by its own source: the date the article gives.
        assert fact["as_of"] == source["date"], key
        assert isinstance(fact["quote"], str) and fact["quote"].strip(), key


def test_keys_unique() -> None:
    keys = [fact["key"] for fact in FACTS]
    assert len(keys) == len(set(keys))


def test_figures_well_formed_and_names_unique() -> None:
    names = []
    for fact, figure in all_figures():
        key = fact["key"]
        assert set(figure) <= {"name", "value", "unit", "per", "label"}, key
        assert {"name", "value", "unit", "label"} <= set(figure), key
        assert NAME_RE.match(figure["name"]), figure["name"]
        value = figure["value"]
        assert isinstance(value, int | float) and not isinstance(value, bool), figure["name"]
        assert value >= 0, figure["name"]
        assert figure["unit"] in UNITS, figure["name"]
        if "per" in figure:
            assert figure["per"] in PERS, figure["name"]
        if figure["unit"] == "percent":
            assert 0 <= value <= 100, figure["name"]
        assert isinstance(figure["label"], str) and figure["label"].strip(), figure["name"]
        names.append(figure["name"])
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]


def test_reference_figures_exist() -> None:
    by_name = {figure["name"]: figure for _, figure in all_figures()}
    for name, (unit, per) in REFERENCE_FIGURES.items():
        assert name in by_name, f"missing reference figure {name}"
        assert by_name[name]["unit"] == unit
        assert by_name[name].get("per") == per
    assert by_name["member_earnings_line"]["value"] == 26000
    # No article states a health-insurance earnings threshold (Rob Delaney's "thirty-five
    # actors" is his comparison), so the pack must not carry one.
    assert not any("threshold" in name and "insurance" in name for name in by_name)
    for fact in FACTS:
        assert "insurance threshold" not in fact["text"].lower(), fact["key"]
    # Named figures the union-size and 87% answers use.
    assert by_name["union_members"]["unit"] == "people"
    assert by_name["share_under_threshold"]["unit"] == "percent"


def test_text_states_each_figure_and_no_other_number() -> None:
    for fact in FACTS:
        values = {float(f["value"]) for f in fact["figures"]}
        for figure in fact["figures"]:
            assert mentions(fact["text"], figure["value"], figure["unit"]), (
                fact["key"],
                figure["name"],
            )
        for number in numbers_in_text(fact["text"]):
            assert number in values, (fact["key"], number)


def quote_parts(fact: dict) -> list[str]:
    return [part.strip() for part in fact["quote"].split(GAP)]


def test_every_figure_appears_in_its_quote() -> None:
    """The quote is what makes a figure trustworthy: it must state every one."""
    for fact, figure in all_figures():
        assert mentions(fact["quote"], figure["value"], figure["unit"]), (fact["key"], figure["name"])


def test_quote_parts_are_whole_text() -> None:
    for fact in FACTS:
        for part in quote_parts(fact):
            assert len(part.split()) >= 4, (fact["key"], part)
            assert "\n" not in part, fact["key"]


def test_keywords_add_new_words() -> None:
    for fact in FACTS:
        keywords = fact["keywords"]
        assert isinstance(keywords, list) and keywords, fact["key"]
        assert len(keywords) == len(set(keywords)), fact["key"]
        text = fact["text"].lower()
        for keyword in keywords:
            assert isinstance(keyword, str) and keyword == keyword.strip().lower(), fact["key"]
            assert keyword
            pattern = r"(?<!\w)" + re.escape(keyword) + r"(?!\w)"
            assert not re.search(pattern, text), (fact["key"], keyword)


def test_pack_file_is_plain_json() -> None:
    raw = PACK_PATH.read_text(encoding="utf-8")
    assert json.loads(raw) == PACK
    assert raw.endswith("\n")


# --------------------------------------------------------------------------- against the seeds


def seeds_dir() -> Path | None:
    candidates = []
    env = os.environ.get("PICKETBOT_SHARED")
    if env:
        candidates += [Path(env) / "seeds", Path(env)]
    candidates.append(Path(__file__).resolve().parents[2] / "shared" / "seeds")
    for candidate in candidates:
        if (candidate / "SOURCES.md").is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict[str, str]]:
    """headline -> {"publication", "date", "text"} parsed from SOURCES.md."""
    folder = seeds_dir()
    if folder is None:
        pytest.skip("reference articles (shared/seeds) not available")
    table: dict[str, dict[str, str]] = {}
    for line in (folder / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[0].endswith(".txt"):
            continue
        filename, publication, headline, date = cells
        article = (folder / filename).read_text(encoding="utf-8")
        table[headline] = {"publication": publication, "date": date, "text": article}
    assert table, "SOURCES.md lists no articles"
    return table


def test_every_fact_cites_a_seed_article(seeds: dict[str, dict[str, str]]) -> None:
    for fact in FACTS:
        source = fact["source"]
        entry = seeds.get(source["headline"])
        assert entry is not None, (fact["key"], "headline not in SOURCES.md")
        assert entry["publication"].lower().startswith(source["publication"].lower()), fact["key"]
        assert source["date"] in entry["date"], fact["key"]
        first_line = entry["text"].lstrip().splitlines()[0].strip()
        assert first_line == source["headline"], fact["key"]
        if source["url"]:
            bare = re.sub(r"^https://(www\.)?", "", source["url"])
            assert bare in entry["publication"] or bare in entry["text"], fact["key"]


def flat(text: str) -> str:
    """Runs of white space (the articles have non-breaking spaces) read as one space."""
    return " ".join(text.split())


def test_every_quote_is_verbatim_from_its_article(seeds: dict[str, dict[str, str]]) -> None:
    for fact in FACTS:
        article = flat(seeds[fact["source"]["headline"]]["text"])
        for part in quote_parts(fact):
            assert flat(part) in article, (fact["key"], part)


def test_every_fact_date_is_its_articles(seeds: dict[str, dict[str, str]]) -> None:
    """SOURCES.md dates each article; a fact is dated as its own article is."""
    for fact in FACTS:
        listed = seeds[fact["source"]["headline"]]["date"]
        assert re.search(r"\d{4}-\d{2}(?:-\d{2})?", listed), listed
        assert fact["as_of"] == re.findall(r"\d{4}-\d{2}(?:-\d{2})?", listed)[-1], fact["key"]


def test_every_figure_appears_in_its_article(seeds: dict[str, dict[str, str]]) -> None:
    for fact, figure in all_figures():
        article = seeds[fact["source"]["headline"]]["text"]
        assert mentions(article, figure["value"], figure["unit"]), (
            fact["key"],
            figure["name"],
            figure["value"],
        )


def test_texts_are_in_our_own_words(seeds: dict[str, dict[str, str]]) -> None:
    """Outside quotation marks, no run of 8 words is copied from the article."""
    size = 8
    for fact in FACTS:
        article = words(seeds[fact["source"]["headline"]]["text"])
        copied = {tuple(article[i : i + size]) for i in range(len(article) - size + 1)}
        ours = words(unquoted(fact["text"]))
        for i in range(len(ours) - size + 1):
            assert tuple(ours[i : i + size]) not in copied, (fact["key"], " ".join(ours[i : i + size]))


def test_renderings_table() -> None:
    assert mentions("up to $900,000", 900000, "USD")
    assert mentions("So $900k/yr per", 900000, "USD")
    assert mentions("up To $900K amid", 900000, "USD")
    assert mentions("87 percent of", 87, "percent")
    assert mentions("87% of", 87, "percent")
    assert not mentions("1987 was", 87, "percent")
    assert not mentions("$1,900,000", 900000, "USD")
    assert mentions("over 200 million paid", 200000000, "count")
    assert mentions("qualify thirty-five actors", 35, "people")
    assert numbers_in_text("On May 5, 2023, $300,000 to $900K; 87% of a Level-6 post") == [
        300000.0,
        900000.0,
        87.0,
    ]
