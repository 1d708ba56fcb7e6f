"""The words around a figure that say whether it is pay and whether it is open at one end.

Everything here reads a bounded window of the text around a figure (the
clause it sits in, the line above it), so the cost per figure is constant.
"""

from __future__ import annotations

from typing import Literal

from bot.jobs.pay.clauses import clause_after, clause_before, line_above, words
from bot.jobs.pay.periods import period_after

# ---- is it pay? ------------------------------------------------------------

PAY_LABELS = frozenset(
    {
        "salary", "salaries", "pay", "paid", "pays", "paying", "compensation", "comp", "wage", "wages",
        "rate", "rates", "earn", "earns", "earning", "earnings", "range", "band", "ote", "ctc", "stipend",
        "remuneration", "rémunération", "gehalt", "jahresgehalt", "stundenlohn", "lohn", "vergütung",
        "sueldo", "salario", "salário", "income", "hiring", "base", "package",
    }
)  # fmt: skip
#: Words before a figure that make it something other than pay ("a bonus of $10,000").
NOT_PAY_BEFORE = frozenset(
    {
        "bonus", "bonuses", "allowance", "reimbursement", "reimbursed", "reimburse", "budget", "budgets",
        "grant", "grants", "fund", "funds", "funding", "raised", "raise", "raising", "revenue", "revenues",
        "valuation", "turnover", "match", "matching", "relocation", "diem", "sign-on", "signing", "referral",
        "tuition", "mileage", "rental", "invoice", "invoices", "worth", "arr", "sales", "sold", "grossed",
        "premium", "premiums", "insurance", "coverage", "covering", "cover", "deductible", "donation",
        "charity", "price", "prize", "award", "awards", "handles", "processes", "benefit", "benefits",
        "subsidy", "perk", "perks", "spend", "spending", "loan", "deposit", "fee", "fees", "equity", "rsu",
        "rsus", "stock", "contracts", "deals", "orders", "transactions", "accounts", "clients", "customers",
    }
)  # fmt: skip
#: Words after a figure that make it something other than pay ("$2,000 learning stipend").
NOT_PAY_AFTER = NOT_PAY_BEFORE | frozenset(
    {
        "stipend", "stipends", "credit", "credits", "discount", "off", "lifetime", "wellness", "learning",
        "education", "equipment", "phone", "internet", "commuter", "transport", "gift", "series", "seed",
        "investment", "investors", "reimbursements", "contribution", "life", "mile", "miles", "script",
        "episode", "per-episode", "piece", "ticket", "tickets", "users", "subscribers", "development",
        "conference", "conferences", "courses", "books", "gym", "fitness", "childcare", "membership",
        "subscription", "above", "toward", "towards", "more", "extra", "additional", "shares", "options",
    }
)  # fmt: skip
_STOPS = frozenset(
    {"plus", "+", "and", "with", "or", "including", "inclusive", "includes", "depending", "doe"}
)
_SKIPPED = frozenset({"in", "of", "a", "an", "the", "per", "each", "every", "one-time", "total"})


def label_words(before: str, above: str = "") -> list[str]:
    return words(above) + words(before)


def has_pay_label(label: list[str]) -> bool:
    return any(word in PAY_LABELS for word in label)


def not_pay_before(before: str) -> bool:
    """A non-pay noun in the last words before the figure, with no pay word after it."""
    recent = words(before)[-6:]
    for index, word in enumerate(recent):
        if word in NOT_PAY_BEFORE and not any(later in PAY_LABELS for later in recent[index + 1 :]):
            return True
    return False


def not_pay_after(text: str, end: int) -> bool:
    """A non-pay noun right after the figure ("$10,000 signing bonus", "$75 per script")."""
    period, position = period_after(text, end)
    snippet = clause_after(text, position)[:60].lstrip()
    if snippet[:1] == "/" and snippet[1:2].isalpha() and period is None:
        return True  # "$0.70/mile": a rate per something other than time
    if not snippet[:1].isalpha():
        return False  # "$150,000 + bonus": the figure is pay, the bonus extra
    following = words(snippet)[:5]
    if period is None and following[:1] == ["per"] and following[1:2] not in (["the"], ["our"], ["your"]):
        return True  # "$75 per script"
    checked = 0
    for word in following:
        if word in _STOPS or word in PAY_LABELS:
            return False
        if word in NOT_PAY_AFTER:
            return True
        if word not in _SKIPPED:
            checked += 1
            if checked == 3:
                break
    return False


#: Words right before an unsigned number that make it a label's number, not money ("grade 7").
_NOT_MONEY_BEFORE = frozenset(
    {
        "grade", "band", "level", "step", "tier", "zone", "id", "no", "number", "req", "requisition", "job",
        "version", "v", "section", "form", "local", "iso", "room", "suite", "ste", "unit", "building",
        "floor", "ext", "code", "region", "area", "district", "route", "box", "po",
    }
)  # fmt: skip
#: What may follow an unsigned amount (anything else, "26 pay periods", "30 hours", is not money).
_MONEY_AFTER = frozenset(
    {
        "per", "a", "an", "annually", "yearly", "hourly", "monthly", "weekly", "daily", "gross", "net",
        "brutto", "netto", "brut", "base", "plus", "doe", "depending", "dependent", "based", "salary",
        "annual", "p", "pa", "and", "to", "or", "with", "full", "+", "-", "pro", "par", "ote",
    }
)  # fmt: skip


def unsigned_money_context(text: str, start: int, end: int) -> bool:
    """Whether an amount written without a currency can be money where it stands."""
    before = words(text[max(0, start - 40) : start])
    if before and before[-1] in _NOT_MONEY_BEFORE:
        return False
    if text[max(0, start - 1) : start] in {"#", "/"}:
        return False
    _period, position = period_after(text, end)
    snippet = clause_after(text, position)[:30].lstrip()
    if not snippet or not snippet[0].isalpha():
        return True
    return words(snippet)[0] in _MONEY_AFTER


# ---- open ends ----------------------------------------------------------------

OpenEnd = Literal["max", "min"] | None
_UP_TO = (
    "up to", "upto", "maximum of", "max of", "not to exceed", "no more than", "as much as", "capped at",
    "bis zu", "jusqu à", "hasta",
)  # fmt: skip
_FROM = (
    "from", "starting at", "starting from", "starts at", "start at", "starting", "at least", "minimum of",
    "min", "upwards of", "beginning at", "no less than", "ab", "partir de", "desde",
)  # fmt: skip
_STARTING = (
    "starting salary",
    "starting pay",
    "starting wage",
    "starting rate",
    "starting base",
    "entry salary",
)
_MAX_WORDS = frozenset({"maximum", "max"})
_MIN_WORDS = frozenset({"minimum", "min"})
_FROM_AFTER = ("and up", "and above", "or more", "or higher", "minimum", "min", "plus doe")


def open_end(text: str, start: int, end: int, plus: bool) -> OpenEnd:
    """ "max" for "up to X", "min" for "from X" / "X+" / "starting at X", else None.

    The line above counts when the figure opens its line ("Pay Range Minimum:" then "$80,000").
    """
    before = words(line_above(text, start)) + words(clause_before(text, start))
    tail = " " + " ".join(before[-4:]) + " "
    if any(tail.endswith(f" {phrase} ") for phrase in _UP_TO):
        return "max"
    joined = " " + " ".join(before) + " "
    if any(f" {phrase} " in tail for phrase in _FROM) or any(f" {phrase} " in joined for phrase in _STARTING):
        return "min"
    if any(word in _MAX_WORDS for word in before):
        return "max"
    if plus or any(word in _MIN_WORDS for word in before):
        return "min"
    _period, position = period_after(text, end)
    after = " " + " ".join(words(clause_after(text, position)[:30])[:2])
    if any(after.startswith(f" {phrase}") for phrase in _FROM_AFTER):
        return "min"
    return None
