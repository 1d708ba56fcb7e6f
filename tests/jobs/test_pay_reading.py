"""Pay read the way a person reads it: open ends, zones, unsigned amounts, currencies, periods, kinds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.jobs.pay.fields import pay_from_ashby, pay_from_greenhouse, pay_from_lever
from bot.jobs.pay.figures import scan_figures
from bot.jobs.pay.prose import extract_pay
from bot.jobs.pay.range import PayRange

Read = tuple[float | None, float | None, str, str]


def read(text: str, places: tuple[str, ...] = ()) -> Read | None:
    pay = extract_pay(text, places)
    return None if pay is None else (pay.minimum, pay.maximum, pay.currency, pay.period)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Compensation: up to $650,000 depending on experience, plus equity.",
            (None, 650_000, "USD", "year"),
        ),
        ("We pay up to £60,000 per annum.", (None, 60_000, "GBP", "year")),
        ("Pay up to $45/hour depending on experience.", (None, 45, "USD", "hour")),
        ("Salary up to €85.000 gross per year.", (None, 85_000, "EUR", "year")),
        ("The maximum salary for this role is $135,000.", (None, 135_000, "USD", "year")),
        ("Salary from £45,000, plus an annual bonus.", (45_000, None, "GBP", "year")),
        ("Starting at $18 per hour, with free movies.", (18, None, "USD", "hour")),
        ("The starting pay for this role is $25/hour.", (25, None, "USD", "hour")),
        ("$150,000+ DOE, plus long-term incentives.", (150_000, None, "USD", "year")),
        ("Compensation: $130,000 and up.", (130_000, None, "USD", "year")),
        ("$25/hour minimum, with overtime.", (25, None, "USD", "hour")),
        ("Gehalt: ab 55.000 € brutto jährlich", (55_000, None, "EUR", "year")),
        # Ranges that start with "from" or "starting" are still ranges.
        ("Compensation: from $140,000 to $175,000 per year.", (140_000, 175_000, "USD", "year")),
        ("The starting salary is between $100,000 and $120,000.", (100_000, 120_000, "USD", "year")),
        ("Pay Range Minimum:\n$80,000.00\nPay Range Maximum:\n$120,000.00", (80_000, 120_000, "USD", "year")),
    ],
)
def test_open_ends(text: str, expected: Read) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Seattle: $150,000–$190,000\nDenver: $128,000–$162,000\nRemote (US): $120,000–$152,000",
            (120_000, 190_000),
        ),
        (
            "Tier 1 locations (San Francisco, New York City): $180,000 - $220,000\n"
            "Tier 2 locations (all other US): $153,000 - $187,000",
            (153_000, 220_000),
        ),
        ("L4: $140,000 - $170,000 / L5: $170,000 - $210,000", (140_000, 210_000)),
        (
            "The hiring range in Burbank, CA is $110,800 to $148,600 per year, and in New York is "
            "$116,200 to $155,800 per year.",
            (110_800, 155_800),
        ),
        ("Hourly: $30/hour in California, $27/hour elsewhere.", (27, 30)),
        (
            "The base pay for this position ranges from $136,000/year in our lowest geographic market "
            "up to $260,000/year in our highest geographic market.",
            (136_000, 260_000),
        ),
    ],
)
def test_several_ranges_give_the_overall_range(text: str, expected: tuple[float, float]) -> None:
    pay = extract_pay(text)
    assert pay is not None and (pay.minimum, pay.maximum) == expected and pay.varies


def test_one_range_stated_twice_does_not_vary() -> None:
    pay = extract_pay("Pay range: $110,000 - $130,000. Once more, our pay range: $110,000 - $130,000.")
    assert pay == PayRange(110_000, 130_000, "USD", "year")


def test_ranges_far_apart_are_not_zones() -> None:
    text = "Deferred salary: €3,000/month and market salary: €8,000–€10,000/month on reaching revenue."
    assert extract_pay(text) == PayRange(3_000, 3_000, "EUR", "month")


def test_a_range_in_another_currency_is_kept_apart_but_marks_the_pay_as_varying() -> None:
    pay = extract_pay("Salary: $120,000 - $140,000 USD (US) / €90.000 - €105.000 (Germany)")
    assert pay == PayRange(120_000, 140_000, "USD", "year", varies=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Compensation: 95,000 to 110,000", (95_000, 110_000, "USD", "year")),
        ("Pay range 85-105k, full benefits.", (85_000, 105_000, "USD", "year")),
        ("Hourly rate: 25.00 - 32.00", (25, 32, "USD", "hour")),
        ("Salary (EUR): 60.000 – 75.000 per year", (60_000, 75_000, "EUR", "year")),
        ("Annual salary 72000-80000", (72_000, 80_000, "USD", "year")),
        ("Wage: 38.50/hour", (38.5, 38.5, "USD", "hour")),
    ],
)
def test_amounts_without_a_sign_after_a_pay_label(text: str, expected: Read) -> None:
    assert read(text) == expected


def test_a_heading_above_a_blank_line_is_the_label() -> None:
    assert read("Compensation\n\n95,000 - 110,000\n\nBenefits") == (95_000, 110_000, "USD", "year")
    assert read("Hourly Rate\n\n$19.00\n\nBenefits") == (19, 19, "USD", "hour")


def test_unsigned_amounts_take_the_currency_of_the_place() -> None:
    assert read("Salary: 50,000 - 60,000", ("London, UK",)) == (50_000, 60_000, "GBP", "year")
    assert read("Salary: $95,000 - $115,000", ("Toronto, ON",)) == (95_000, 115_000, "CAD", "year")
    assert read("Salary: $95,000 - $115,000", ("Vancouver, WA",)) == (95_000, 115_000, "USD", "year")


@pytest.mark.parametrize(
    "text",
    [
        "Founded in 2009, we moved here in 2019.",
        "Job ID: 2026-44718",
        "Compensation: 401(k), medical, dental and vision.",
        "Salary: 120 people work here.",
    ],
)
def test_unsigned_numbers_that_are_not_money(text: str) -> None:
    assert extract_pay(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salary: €120.000 - €150.000", (120_000, 150_000, "EUR", "year")),
        ("55 000 € - 65 000 € par an", (55_000, 65_000, "EUR", "year")),
        ("Gehalt: €3.850,00 brutto pro Monat", (3_850, 3_850, "EUR", "month")),
        ("CHF 120'000 – 140'000 per year", (120_000, 140_000, "CHF", "year")),
        ("CHF 100'000.- to 120'000.-", (100_000, 120_000, "CHF", "year")),
        ("CTC: ₹18,00,000 - ₹24,00,000 per annum", (1_800_000, 2_400_000, "INR", "year")),
        ("Compensation: INR 25-35 LPA", (2_500_000, 3_500_000, "INR", "year")),
        ("CTC: ₹ 8 - 12 Lakhs per annum", (800_000, 1_200_000, "INR", "year")),
        ("Salary: ¥8,000,000 - ¥12,000,000 per year", (8_000_000, 12_000_000, "JPY", "year")),
        ("Annual salary: JPY 6M - 9M", (6_000_000, 9_000_000, "JPY", "year")),
        ("Salary: SEK 45 000 – 55 000 per month", (45_000, 55_000, "SEK", "month")),
        ("15 000 - 20 000 PLN net/month (B2B)", (15_000, 20_000, "PLN", "month")),
        ("A$130,000 - A$150,000 + super", (130_000, 150_000, "AUD", "year")),
        ("AUD $110k–$125k plus superannuation.", (110_000, 125_000, "AUD", "year")),
        ("The salary range is $95,000 - $115,000 CAD.", (95_000, 115_000, "CAD", "year")),
        ("HK$40,000 – HK$55,000 monthly", (40_000, 55_000, "HKD", "month")),
        ("R$12.000 – R$15.000 per month", (12_000, 15_000, "BRL", "month")),
        ("KRW 60,000,000 – 80,000,000 per year", (60_000_000, 80_000_000, "KRW", "year")),
        ("Stundenlohn / hourly rate: €18,50", (18.5, 18.5, "EUR", "hour")),
        ("Salary: 90.000 - 110.000 € / Jahr", (90_000, 110_000, "EUR", "year")),
        ("€ 4.000 - € 5.000 bruto per maand", (4_000, 5_000, "EUR", "month")),
        ("Sueldo: 2.500 € brutos mensual", (2_500, 2_500, "EUR", "month")),
    ],
)
def test_other_currencies_with_their_separators(text: str, expected: Read) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$45–$60 an hour, 10-20 hours a week.", (45, 60, "USD", "hour")),
        ("Pay rate: $24.00 - $28.00", (24, 28, "USD", "hour")),
        ("Day rate: £350 - £450 per day", (350, 450, "GBP", "day")),
        ("$650/day, 12-hour days.", (650, 650, "USD", "day")),
        ("Weekly rate: $3,000 - $3,500", (3_000, 3_500, "USD", "week")),
        ("$5,000/week, per the WGA minimum.", (5_000, 5_000, "USD", "week")),
        ("Monthly stipend: $3,200, plus health insurance.", (3_200, 3_200, "USD", "month")),
        ("S$7,000 - S$9,500 per month", (7_000, 9_500, "SGD", "month")),
        ("$20/hour ($41,600/year equivalent for full-time)", (20, 20, "USD", "hour")),
    ],
)
def test_periods(text: str, expected: Read) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("OTE: $180,000 - $220,000 (50/50 base and commission)", "total"),
        ("Total compensation: $350,000 – $550,000, including equity.", "total"),
        ("$300,000 - $450,000 including equity", "total"),
        ("$130,000 package inclusive of super", "total"),
        ("Base salary: $110,000 - $125,000; OTE $200,000 - $225,000.", "base"),
        ("Annual salary of $95,000 plus commission (OTE $160,000).", "base"),
        ("£55,000 basic, £85,000 OTE", "base"),
        ("$95K - $115K + 10% bonus + equity", "base"),
    ],
)
def test_base_and_total(text: str, kind: str) -> None:
    pay = extract_pay(text)
    assert pay is not None and pay.kind == kind


def test_base_beside_total_reads_the_base_band() -> None:
    assert read("Annual salary of $95,000 plus commission (OTE $160,000).") == (95_000, 95_000, "USD", "year")
    assert read("Base salary: $110,000 - $125,000; OTE $200,000 - $225,000.") == (
        110_000,
        125_000,
        "USD",
        "year",
    )


# ---- structured fields ---------------------------------------------------------


def test_greenhouse_titles_say_the_period_and_total_only_without_base() -> None:
    monthly = [{"min_cents": 385_000, "max_cents": 420_000, "currency_type": "EUR", "title": "Monthly"}]
    both = [
        {"min_cents": 12_000_000, "max_cents": 14_000_000, "currency_type": "USD", "title": "Base salary"},
        {"min_cents": 20_000_000, "max_cents": 24_000_000, "currency_type": "USD", "title": "OTE"},
    ]
    assert pay_from_greenhouse(monthly) == PayRange(3_850, 4_200, "EUR", "month")
    assert pay_from_greenhouse(both) == PayRange(120_000, 140_000, "USD", "year")


def test_ashby_open_ends_and_tiers() -> None:
    salary = {"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "USD"}
    from_only = {"summaryComponents": [{**salary, "minValue": 185_000}]}
    tiers = {
        "compensationTiers": [
            {"components": [{**salary, "minValue": 105_000, "maxValue": 135_000}]},
            {"components": [{**salary, "minValue": 95_000, "maxValue": 122_000}]},
        ]
    }
    monthly = {"summaryComponents": [{**salary, "interval": "1 MONTH", "minValue": 4_000, "maxValue": 5_000}]}
    assert pay_from_ashby(from_only) == PayRange(185_000, None, "USD", "year")
    assert pay_from_ashby(tiers) == PayRange(95_000, 135_000, "USD", "year", varies=True)
    assert pay_from_ashby(monthly) == PayRange(4_000, 5_000, "USD", "month")
    assert pay_from_ashby({"summaryComponents": [{**salary, "minValue": "lots"}]}) is None


def test_lever_open_end() -> None:
    up_to = {"max": 150_000, "currency": "USD", "interval": "per-year-salary"}
    assert pay_from_lever(up_to) == PayRange(None, 150_000, "USD", "year")


# ---- the scanner ---------------------------------------------------------------


def test_separators_are_read_the_way_they_are_written() -> None:
    values = [
        figure.value for figure in scan_figures("€120.000, 45 000, 1.234,56, 1,234.56, 120'000, 18,00,000")
    ]
    assert values == [120_000, 45_000, 1_234.56, 1_234.56, 120_000, 1_800_000]


def test_hostile_separators_finish_and_find_nothing() -> None:
    hostile = [
        "1 000 " * 40_000,
        "1'000'" * 40_000,
        "1.000." * 40_000,
        "18,00," * 40_000,
        "Salary: up to " * 20_000,
        "€ " * 100_000,
        "1 LPA " * 40_000,
    ]
    for text in hostile:
        pay = extract_pay(text)
        assert pay is None or pay.is_plausible()


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("$€£¥₹0123456789,.' -–kKMLPAupto/hrmonthyear+\n")), max_size=300)
)
def test_never_raises_on_separator_noise(text: str) -> None:
    pay = extract_pay(text, ("Toronto, ON",))
    assert pay is None or pay.is_plausible()
