"""Pay read from prose and from the boards' structured fields."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.jobs.pay.fields import pay_from_ashby, pay_from_greenhouse, pay_from_lever
from bot.jobs.pay.prose import extract_pay
from bot.jobs.pay.range import PayRange

USD_YEAR = ("USD", "year")


@pytest.mark.parametrize(
    ("text", "low", "high", "period"),
    [
        ("The range for this role is $300,000 - $900,000.", 300_000, 900_000, "year"),
        ("Salary Range: $153,000&mdash;$207,000 USD", 153_000, 207_000, "year"),
        # As Greenhouse sends it: the pay-range block escaped twice.
        (
            "&lt;div class=&quot;pay-range&quot;&gt;&lt;span&gt;$153,000&lt;/span&gt;"
            "&lt;span class=&quot;divider&quot;&gt;&amp;mdash;&lt;/span&gt;"
            "&lt;span&gt;$207,000 USD&lt;/span&gt;&lt;/div&gt;",
            153_000,
            207_000,
            "year",
        ),
        ("<span>$153,000</span><span>&mdash;</span><span>$207,000 USD</span>", 153_000, 207_000, "year"),
        ("Pay: $85K to $91K/year", 85_000, 91_000, "year"),
        ("$45.00 – $50.00 per hour", 45, 50, "hour"),
        ("Compensation: $45/HR - $50/HR", 45, 50, "hour"),
        (
            "The base pay for this position ranges from $129,300/year in our lowest geographic "
            "market up to $223,600/year in our highest geographic market.",
            129_300,
            223_600,
            "year",
        ),
        ("The annual base salary is USD$137,500.00 - USD$194,000.00.", 137_500, 194_000, "year"),
        ("The salary is $60,000/year.", 60_000, 60_000, "year"),
        ("Founding engineers get anywhere from $250-350k base + 0.25-0.5% equity", 250_000, 350_000, "year"),
        ("Salary: 180-280K USD a year", 180_000, 280_000, "year"),
        ("pay between $95,000 and $120,000 depending on experience", 95_000, 120_000, "year"),
        ("Hourly rate: $28.00 &ndash; $34.00 per hour, plus overtime", 28, 34, "hour"),
        ("Starting pay is $21.50 - $24.00 per hour.", 21.5, 24, "hour"),
        ("$150,000 - $200,000 + bonus + equity", 150_000, 200_000, "year"),
    ],
)
def test_reads_pay_phrases(text: str, low: float, high: float, period: str) -> None:
    pay = extract_pay(text)
    assert pay is not None
    assert (pay.minimum, pay.maximum, pay.currency, pay.period) == (low, high, "USD", period)


@pytest.mark.parametrize(
    "text",
    [
        "Our office is at 2400 Olive Ave, Burbank, CA 91505.",
        "Founded in 2009; in 2023 we opened a second stage.",
        "We offer a 401(k) with a 4% match.",
        "Equity of 0.25-0.5% vests over four years.",
        "We raised $5M in funding last year.",
        "We are a $12B company with a 30 person engineering team.",
        "Revenue grew to $2 billion.",
        "A $10,000 signing bonus is available.",
        "Relocation: $5,000 - $15,000 relocation allowance.",
        "Team of 150-200 people across 3-4 offices.",
        "Salary: 5000",
        "Every employee gets a $2,000 learning stipend and up to $5,250 per year in tuition reimbursement.",
        "Per diem: $75/day while traveling; mileage reimbursed at $0.70/mile.",
        "Employer match up to $6,000 per year and $50,000 life insurance coverage.",
        "Our fund awards grants of $25,000 - $75,000 to 20 filmmakers a year.",
        "Invoices run from $500 to $250,000.",
        "Salary grade 7 (band 7-9). Job ID: 2024-1183.",
        "Pay grade: 54. Salary: competitive, with full benefits.",
        "Pay period: bi-weekly, 26 pay periods per year.",
        "Flexible hours: 20-30 hours per week; ages 25-54 watch our shows.",
        "Call 312-555-0199 by 12/15/2026. Our office is at 3300 W Olive Ave, CA 91505.",
        "Kit rental: $250 per week. Reading: $75 per script.",
        "Pay range: $0 - $0",
        "Group health insurance covering your family up to INR 5,00,000 and a wellness budget of ₹25,000.",
        "An annual budget of £8,000,000 and a turnover of £1.5bn.",
        "Your voice will never be used to train AI models.",
        "We offer up to $5,000 per year for professional development and conferences.",
        "Equity: $50,000 - $100,000 in RSUs vesting over four years.",
        "You will sell contracts between $25,000 and $100,000.",
        "We pay employees $20,000 above market on average.",
        "Requisition JR2018805 posted 12/10/2026.",
        "",
    ],
)
def test_ignores_figures_that_are_not_pay(text: str) -> None:
    assert extract_pay(text) is None


def test_a_figure_of_the_wrong_size_is_not_pay() -> None:
    assert extract_pay("Salary: $150 per year") is None
    assert extract_pay("Rate: $45,000 - $50,000 per hour") is None


def test_non_dollar_currencies() -> None:
    assert extract_pay("Salary £55,000 - £70,000 per annum") == PayRange(55_000, 70_000, "GBP", "year")
    assert extract_pay("Gehalt: €65.000") == PayRange(65_000, 65_000, "EUR", "year")
    assert extract_pay("CA$90,000 - CA$110,000") == PayRange(90_000, 110_000, "CAD", "year")


def test_total_compensation_wording_gives_total_kind() -> None:
    ote = extract_pay("OTE $200,000 - $300,000 with uncapped commission")
    same_sentence = extract_pay("The total compensation range is $180,000 - $260,000.")
    next_sentence = extract_pay(
        "The market range is typically $300,000 - $900,000. This market range is based on "
        "total compensation (vs. only base salary)."
    )
    assert [p.kind if p else None for p in (ote, same_sentence, next_sentence)] == ["total"] * 3


def test_total_compensation_in_an_unrelated_next_sentence_stays_base() -> None:
    pay = extract_pay(
        "The estimated salary range for this position is estimated to be $60,000 - $97,000/year. "
        "Total compensation for this position may also include Restricted Stock units."
    )
    assert pay == PayRange(60_000, 97_000, "USD", "year", "base")


def test_zones_give_the_overall_range_marked_as_varying() -> None:
    pay = extract_pay("A $5,000 stipend. Zone A: $140,000 - $170,000. Zone B: $120,000 - $150,000.")
    assert pay == PayRange(120_000, 170_000, "USD", "year", varies=True)


# ---- structured fields -------------------------------------------------------


def test_greenhouse_pay_input_ranges_span_the_zones() -> None:
    ranges = [
        {"min_cents": 18_500_000, "max_cents": 26_000_000, "currency_type": "USD", "title": "Zone 1"},
        {"min_cents": 16_650_000, "max_cents": 23_400_000, "currency_type": "USD", "title": "Zone 2"},
        {"min_cents": 9_000_000, "max_cents": 9_500_000, "currency_type": "EUR", "title": "Berlin"},
    ]
    assert pay_from_greenhouse(ranges) == PayRange(166_500, 260_000, "USD", "year", varies=True)


def test_greenhouse_hourly_and_total_titles() -> None:
    hourly = [{"min_cents": 4_500, "max_cents": 5_250, "currency_type": "usd", "title": "Hourly"}]
    total = [
        {
            "min_cents": 20_000_000,
            "max_cents": 30_000_000,
            "currency_type": "USD",
            "title": "Total Target Cash",
        }
    ]
    assert pay_from_greenhouse(hourly) == PayRange(45, 52.5, "USD", "hour")
    assert pay_from_greenhouse(total) == PayRange(200_000, 300_000, "USD", "year", "total")


@pytest.mark.parametrize("value", [None, [], "x", [{"min_cents": "1"}], [{"min_cents": 1, "max_cents": 2}]])
def test_greenhouse_without_usable_ranges(value: object) -> None:
    assert pay_from_greenhouse(value) is None


def test_lever_salary_range_intervals() -> None:
    yearly = {"min": 66_189, "max": 94_556, "currency": "USD", "interval": "per-year-salary"}
    hourly = {"min": 42.5, "max": 55, "currency": "USD", "interval": "per-hour-wage"}
    monthly = {"min": 5_000, "max": 6_000, "currency": "USD", "interval": "per-month-salary"}
    daily = {"min": 900, "max": 1_200, "currency": "usd", "interval": "per-day-wage"}
    fortnightly = {"min": 3_000, "max": 3_500, "currency": "USD", "interval": "bi-week-salary"}
    assert pay_from_lever(yearly) == PayRange(66_189, 94_556, "USD", "year")
    assert pay_from_lever(hourly) == PayRange(42.5, 55, "USD", "hour")
    assert pay_from_lever(monthly) == PayRange(5_000, 6_000, "USD", "month")
    assert pay_from_lever(daily) == PayRange(900, 1_200, "USD", "day")
    assert pay_from_lever(fortnightly) is None  # not a period alerts can say
    assert pay_from_lever({"min": True, "max": 5, "currency": "USD", "interval": "per-hour-wage"}) is None


def test_ashby_compensation_ignores_equity() -> None:
    compensation = {
        "summaryComponents": [
            {
                "compensationType": "EquityPercentage",
                "interval": "NONE",
                "currencyCode": None,
                "minValue": 0.25,
                "maxValue": 0.5,
            },
            {
                "compensationType": "Salary",
                "interval": "1 YEAR",
                "currencyCode": "USD",
                "minValue": 250_000,
                "maxValue": 350_000,
            },
        ]
    }
    assert pay_from_ashby(compensation) == PayRange(250_000, 350_000, "USD", "year")


def test_ashby_falls_back_to_tiers_and_reads_hourly() -> None:
    component = {
        "compensationType": "Salary",
        "interval": "1 HOUR",
        "currencyCode": "USD",
        "minValue": 45,
        "maxValue": 50,
    }
    compensation = {"summaryComponents": [], "compensationTiers": [{"components": [component]}]}
    assert pay_from_ashby(compensation) == PayRange(45, 50, "USD", "hour")


def test_ashby_implausible_salary_is_dropped() -> None:
    odd = {
        "summaryComponents": [
            {
                "compensationType": "Salary",
                "interval": "1 YEAR",
                "currencyCode": "USD",
                "minValue": 150,
                "maxValue": 150,
            }
        ]
    }
    assert pay_from_ashby(odd) is None


# ---- untrusted text ----------------------------------------------------------


def test_adversarial_inputs_finish_and_find_nothing() -> None:
    hostile = [
        "$1," * 100_000,
        "$" + "1" * 100_000,
        "1,000," * 50_000,
        "$1 - " * 50_000,
        "<" * 100_000,
        "&lt;" * 50_000,
        "<a href='" * 20_000,
        "$" * 200_000,
        "9" * 200_000,
    ]
    for text in hostile:
        assert extract_pay(text) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("$€£0123456789,.-–—kKM /hryearUSD<>&;pt\n")), max_size=400))
def test_never_raises_on_money_like_noise(text: str) -> None:
    pay = extract_pay(text)
    assert pay is None or pay.is_plausible()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2_000))
def test_never_raises_on_any_text(text: str) -> None:
    pay = extract_pay(text)
    assert pay is None or pay.is_plausible()
