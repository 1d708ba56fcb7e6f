"""Pay read from a posting's prose, the way a person reads it.

Figures (`figures`) next to each other and joined by a dash, "to", "and" or
"... up to" make a range; the words around each figure or range (`cues`)
say whether it is pay, its period, whether it is open at one end ("up to
X", "from X") and whether it is base or total pay. Of the pay found, the
first decides the currency and period; several ranges in it (zones, states,
levels) give the span across them, marked as varying. Amounts written
without a currency after a pay label take the currency of the label, the
places or the rest of the posting, else dollars.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.jobs.listing import PayKind, PayPeriod
from bot.jobs.pay import clauses, cues, periods
from bot.jobs.pay.currencies import DEFAULT, currency_of_places, dollar_of_places, from_code, units_per_usd
from bot.jobs.pay.figures import Figure, scan_figures
from bot.jobs.pay.range import PayRange, checked, hourly_sized, kind_from_words, yearly_sized
from bot.jobs.text import plain_text

# Only the start of a description is read: pay is never 200k characters in.
MAX_PAY_TEXT = 200_000
# Bands whose bottoms (or tops) are further apart than this are not zones of one job.
MAX_ZONE_SPREAD = 2.0


@dataclass(frozen=True)
class Found:
    """One piece of pay found in the text."""

    pay: PayRange
    start: int

    @property
    def two_ended(self) -> bool:
        return self.pay.minimum is not None and self.pay.maximum is not None


def extract_pay(text: str, places: tuple[str, ...] = ()) -> PayRange | None:
    """The pay advertised in ``text`` (plain text or HTML, escaped once or twice), or None.

    ``places`` are the listing's locations: a bare "$" in a Toronto listing
    is Canadian dollars.
    """
    if not text:
        return None
    clean = plain_text(text[:MAX_PAY_TEXT])
    figures = scan_figures(clean)
    reader = _Reader(clean, figures, places)
    return choose(list(reader.found()))


def choose(found: list[Found]) -> PayRange | None:
    """The first pay found decides currency and period; base pay wins over total; zones are spanned."""
    if not found:
        return None
    first = found[0].pay
    group = [f for f in found if (f.pay.currency, f.pay.period) == (first.currency, first.period)]
    group = [f for f in group if f.pay.kind == "base"] or group
    lead = group[0]
    if not lead.two_ended:
        return _paired(lead.pay, group[1:])
    bands = list(dict.fromkeys(f.pay for f in group if f.two_ended and f.pay.kind == lead.pay.kind))
    others = [band for band in bands if (band.minimum, band.maximum) != (lead.pay.minimum, lead.pay.maximum)]
    if others and _zones(lead.pay, others):
        return lead.pay.spanning(others)
    elsewhere = any(
        f.two_ended and f.pay.currency != lead.pay.currency and f.pay.period == lead.pay.period for f in found
    )
    return replace(lead.pay, varies=True) if elsewhere else lead.pay


def _paired(lead: PayRange, rest: list[Found]) -> PayRange:
    """ "Minimum: $80,000 ... Maximum: $120,000" is one range: an open end met by the other."""
    for other in rest[:1]:
        pay = other.pay
        if lead.maximum is None and pay.minimum is None and pay.maximum and lead.minimum:
            return checked(replace(lead, maximum=pay.maximum)) or lead
        if lead.minimum is None and pay.maximum is None and pay.minimum and lead.maximum:
            return checked(replace(lead, minimum=pay.minimum)) or lead
    return lead


def _zones(lead: PayRange, others: list[PayRange]) -> bool:
    """Whether bands look like zones of one job: their bottoms and tops each within ``MAX_ZONE_SPREAD``."""
    bands = [lead, *others]
    lows = [band.minimum for band in bands if band.minimum]
    highs = [band.maximum for band in bands if band.maximum]
    return max(lows) <= min(lows) * MAX_ZONE_SPREAD and max(highs) <= min(highs) * MAX_ZONE_SPREAD


_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d~〜")
_JOINS = frozenset(
    {
        "to",
        "and",
        "through",
        "thru",
        "till",
        "until",
        "bis",
        "à",
        "a",
        "up to",
        "-",
        "rising to",
        "increasing to",
    }
)
_MAX_LONG_GAP = 80
_PLACE_WORDS = ("geographic", "market", "location", "region")


def _joined(gap: str) -> bool:
    """True when ``gap`` (text between two figures) makes them one range."""
    _period, after_marker = periods.marker_at(gap, 0)
    stripped = gap[after_marker:].strip(" *")
    if stripped and all(char in _DASHES for char in stripped):
        return len(stripped) <= 2
    lowered = stripped.lower()
    if lowered in _JOINS:
        return True
    if len(gap) > _MAX_LONG_GAP or "\n" in gap or ". " in gap or "; " in gap:
        return False
    return lowered.endswith(" up to")  # "...in our lowest geographic market up to"


class _Reader:
    """The figures of one text, read as pay."""

    def __init__(self, text: str, figures: list[Figure], places: tuple[str, ...]) -> None:
        self.text = text
        self.figures = figures
        self.dollar = dollar_of_places(places)
        self.local = currency_of_places(places)
        named = [f.currency for f in figures if f.currency and not f.bare_dollar]
        self.named = named[0] if named and all(c == named[0] for c in named) else None

    def found(self) -> list[Found]:
        found: list[Found] = []
        index = 0
        while index < len(self.figures):
            first = self.figures[index]
            second = self.figures[index + 1] if index + 1 < len(self.figures) else None
            if second is not None and _joined(self.text[first.end : second.start]):
                pay = self._range(index)
                index += 2
            else:
                pay = self._single(index)
                index += 1
            if pay is not None:
                found.append(pay)
        return found

    def _currency(self, figure: Figure) -> str | None:
        if figure.currency == "USD" and figure.bare_dollar:
            return self.dollar
        return figure.currency

    def _shared(self, first: Figure, second: Figure) -> tuple[str | None, bool]:
        """The range's currency and whether it was written; None, True for two different ones."""
        one, two = self._currency(first), self._currency(second)
        if one and two and one != two:
            if first.bare_dollar or second.bare_dollar:
                return (two if first.bare_dollar else one), True  # "$95,000 - $115,000 CAD"
            return None, True
        return one or two, bool(one or two)

    def _range(self, index: int) -> Found | None:
        first, second = self.figures[index], self.figures[index + 1]
        currency, written = self._shared(first, second)
        if written and currency is None:
            return None
        low, high = first.value, second.value
        if second.multiplier > 1 and first.multiplier == 1 and low * second.multiplier <= high:
            low *= second.multiplier  # "$250-350k", "8 - 12 lakhs": the multiplier is for both
        if low > high or (not written and first.plain_integer and _year_like(low) and _year_like(high)):
            return None
        if self._company_money(first, currency) or self._company_money(second, currency):
            return None
        gap = self.text[first.end : second.start].lower()
        varies = any(word in gap for word in _PLACE_WORDS)
        period = periods.period_after(self.text, first.end)[0]
        return self._read(index, index + 1, low, high, currency, period, varies=varies)

    def _single(self, index: int) -> Found | None:
        figure = self.figures[index]
        currency = self._currency(figure)
        if figure.currency is None and figure.plain_integer and _year_like(figure.value):
            return None
        if self._company_money(figure, currency):
            return None
        end = cues.open_end(self.text, figure.start, figure.end, figure.plus)
        low = None if end == "max" else figure.value
        high = None if end == "min" else figure.value
        return self._read(index, index, low, high, currency, None, open_end=end is not None)

    def _company_money(self, figure: Figure, currency: str | None) -> bool:
        """ "$5M", "$2 billion": millions are a company's money, unless a unit is small (¥6M)."""
        return figure.multiplier >= 1e6 and units_per_usd(currency or DEFAULT) < 50

    def _read(
        self,
        first_index: int,
        last_index: int,
        low: float | None,
        high: float | None,
        currency: str | None,
        inner_period: periods.Period | None,
        *,
        varies: bool = False,
        open_end: bool = False,
    ) -> Found | None:
        text = self.text
        start, end = self.figures[first_index].start, self.figures[last_index].end
        before, above = clauses.clause_before(text, start), clauses.line_above(text, start)
        label = cues.label_words(before, above)
        if cues.not_pay_before(before) or cues.not_pay_after(text, end):
            return None
        labelled = cues.has_pay_label(label)
        written_currency = currency is not None
        if currency is None:
            if not labelled or not cues.unsigned_money_context(text, start, end):
                return None
            currency = self._unsigned_currency(before + " " + above)
        size = high if low is None else low
        assert size is not None
        period = (
            periods.period_after(text, end)[0]
            or inner_period
            or periods.period_in_label(above + " " + before)
        )
        if period is None:
            period = _size_period(size, currency, label, written_currency)
        if period is None or not (labelled or written_currency):
            return None
        if not self._stated_as_pay(start, end, label, labelled, open_end, first_index != last_index):
            return None
        if period == "year" and not labelled and not yearly_sized(size, currency):
            return None  # "up to $5,000 per year for conferences": a small yearly sum needs a pay label
        kind = self._kind(first_index, last_index, before, above)
        pay = checked(PayRange(low, high, currency, period, kind, varies))
        return Found(pay, start) if pay is not None else None

    def _stated_as_pay(
        self, start: int, end: int, label: list[str], labelled: bool, open_end: bool, is_range: bool
    ) -> bool:
        """A labelled figure, an explicit period, a range, or words like "base" or "+" after it."""
        if labelled or open_end or is_range:
            return True
        if periods.period_after(self.text, end)[0] is not None:
            return True
        following = clauses.words(self.text[end : end + 30])[:2]
        return any(word in _PAY_AFTER for word in following)

    def _unsigned_currency(self, label: str) -> str:
        """An unsigned amount's currency: the label's ("Salary (EUR)"), the places', the text's, else dollars."""
        for token in label.split():
            code = from_code(token.strip("()[]:,.;"))
            if code is not None:
                return code
        return self.local or self.named or self.dollar

    def _kind(self, first_index: int, last_index: int, before: str, above: str) -> PayKind:
        """ "total" when the words next to the pay (or a next sentence about the range) say so."""
        text, figures = self.text, self.figures
        start, end = figures[first_index].start, figures[last_index].end
        after, following_start = clauses.sentence_after(text, end)
        if last_index + 1 < len(figures):
            after = after[: _gap_split(text, end, figures[last_index + 1].start)[0]]
        if first_index > 0:
            previous_end = figures[first_index - 1].end
            own = start - previous_end - _gap_split(text, previous_end, start)[1]
            before = before[max(0, len(before) - own) :]
        if kind_from_words(f"{above} {before} {after}") == "total":
            return "total"
        following, _ = clauses.sentence_after(text, following_start)
        if "range" in following.lower() and kind_from_words(following) == "total":
            return "total"
        return "base"


def _gap_split(text: str, end: int, next_start: int) -> tuple[int, int]:
    """How much of the text between two figures is the first's words, and where the second's begin.

    "$95,000 plus commission (OTE $160,000)": "OTE" is the second's. Words
    after the last comma or opening bracket belong to the next figure; with
    neither, the words are both figures'.
    """
    gap = text[end:next_start]
    cut = max(gap.rfind("("), gap.rfind(","), gap.rfind("["))
    return (cut, cut + 1) if cut != -1 else (len(gap), 0)


_PAY_AFTER = frozenset({"base", "basic", "salary", "doe", "package", "ote", "gross", "brutto", "annually"})
_HOURLY_LABELS = frozenset({"rate", "rates", "wage", "wages", "hourly"})
_PAY_WORDS = frozenset({"pay", "paid", "pays", "earn", "earns", "compensation"})
_YEARLY_LABELS = frozenset({"salary", "salaries", "annual", "ctc", "package"})


def _size_period(size: float, currency: str, label: list[str], written: bool) -> PayPeriod | None:
    """A period from the size alone: yearly-sized, or hourly-sized after a wage or rate label."""
    if yearly_sized(size, currency):
        return "year"
    if not hourly_sized(size, currency) or any(word in _YEARLY_LABELS for word in label):
        return None
    if any(word in _HOURLY_LABELS for word in label) or (
        written and any(word in _PAY_WORDS for word in label)
    ):
        return "hour"
    return None


def _year_like(value: float) -> bool:
    return 1900 <= value <= 2100 and value == int(value)
