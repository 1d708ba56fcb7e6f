"""Generated facts and questions for the /fact benchmark.

Ten thousand facts that read like the real pack: studios, AI job titles,
pay ranges, contract terms, strike figures, each with a dated source and
keywords, and questions phrased the way members ask them. A fixed seed makes
every run search the same corpus.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from storage.facts.pack import FactPack, FactRecord, Figure, Source

SEED = 20230714

COMPANIES = (
    "Netflix", "Disney", "Amazon", "Apple", "Warner Bros. Discovery", "Paramount", "Sony Pictures",
    "NBCUniversal", "Lionsgate", "AMC Networks", "Fox", "A24", "Skydance", "Legendary", "MGM",
)  # fmt: skip
ROLES = (
    "machine learning engineer", "AI research scientist", "generative AI product manager",
    "data scientist", "computer vision engineer", "synthetic media lead", "prompt engineer",
    "ML platform architect", "deep learning researcher", "speech synthesis engineer",
    "recommendation systems engineer", "AI ethics lead", "creative technologist",
)  # fmt: skip
PAY_TERMS = (
    ("writers' room minimum", "week"), ("health plan qualifying earnings", "year"),
    ("median residual check", "year"), ("daily scale for background actors", "day"),
    ("streaming success bonus", "season"), ("pension contribution", "year"),
    ("staff writer weekly scale", "week"), ("stunt performer day rate", "day"),
    ("script fee for a one-hour episode", "episode"), ("voice actor session fee", "session"),
)  # fmt: skip
AI_SUBJECTS = (
    "digital replica consent", "synthetic performers", "AI-generated literary material",
    "training models on scripts", "background actor face scans", "voice cloning",
    "de-aging and digital alteration", "AI-written source material", "likeness rights after death",
    "disclosure of AI use in scripts",
)  # fmt: skip
STRIKE_SUBJECTS = (
    ("members on strike", "people"), ("days on strike", "days"), ("picket sites staffed", "count"),
    ("strike authorization vote in favour", "percent"), ("relief fund grants paid", "USD"),
    ("crew members out of work", "people"), ("productions halted", "count"),
    ("members earning under the health plan threshold", "percent"),
)  # fmt: skip
PLACES = (
    "Burbank", "Culver City", "Hollywood", "Studio City", "Atlanta", "New York", "Toronto",
    "Albuquerque", "Santa Monica", "Glendale", "Universal City", "Silver Lake",
)  # fmt: skip
PUBLICATIONS = (
    "Variety", "Deadline", "The Hollywood Reporter", "Los Angeles Times", "The New York Times",
    "Reuters", "Associated Press", "IndieWire", "TheWrap", "Bloomberg", "WGA West", "SAG-AFTRA",
)  # fmt: skip
YEARS = (2021, 2022, 2023, 2024)


class _Maker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.count = 0

    def pick(self, items: tuple[str, ...]) -> str:
        return self.rng.choice(items)

    def date(self) -> str:
        return f"{self.rng.choice(YEARS)}-{self.rng.randint(1, 12):02d}"

    def source(self, headline: str, date: str) -> Source:
        return Source(self.pick(PUBLICATIONS), headline, date, None)

    def record(
        self, slug: str, topic: str, text: str, headline: str, figures: list[Figure], keywords: list[str]
    ) -> FactRecord:
        self.count += 1
        date = self.date()
        key = f"{slug}-{self.count}"
        return FactRecord(
            key, topic, text, self.source(headline, date), date, tuple(figures), tuple(keywords)
        )

    def figure(self, value: float, unit: str, per: str | None, label: str) -> Figure:
        return Figure(f"bench_figure_{self.count + 1}_{label.split()[0]}", value, unit, per, label)

    def ai_job(self) -> FactRecord:
        company, role, place = self.pick(COMPANIES), self.pick(ROLES), self.pick(PLACES)
        low = self.rng.randrange(90, 400) * 1000
        high = low + self.rng.randrange(20, 500) * 1000
        text = (
            f"{company} advertised a {role} job in {place} paying ${low:,} to ${high:,} a year "
            "while writers and actors were on strike."
        )
        figures = [
            self.figure(low, "USD", "year", "bottom of range"),
            self.figure(high, "USD", "year", "top"),
        ]
        keywords = [company.lower(), role, "salary", "ai job", f"{high // 1000}k", place.lower()]
        return self.record("ai-job", "ai-jobs", text, f"{company} posts {role} role", figures, keywords)

    def pay(self) -> FactRecord:
        (term, per), year = self.rng.choice(PAY_TERMS), self.rng.choice(YEARS)
        amount = self.rng.randrange(150, 90_000)
        text = f"The {term} was ${amount:,} per {per} in {year}, under the contract then in force."
        figures = [self.figure(amount, "USD", per, f"{term}")]
        keywords = [term, "scale", "pay", "minimum", str(year)]
        return self.record("pay", "pay", text, f"What the {term} pays in {year}", figures, keywords)

    def proposal(self) -> FactRecord:
        subject, company = self.pick(AI_SUBJECTS), self.pick(COMPANIES)
        days = self.rng.randrange(1, 120)
        text = (
            f"The studios' proposal on {subject}, backed by {company} among others, would let a producer "
            f"use it after {days} days' notice, with consent obtained once."
        )
        figures = [self.figure(days, "days", None, "notice period")]
        keywords = [subject, "ai", "proposal", "amptp", company.lower()]
        return self.record("ai-proposal", "ai-proposals", text, f"Studios on {subject}", figures, keywords)

    def strike(self) -> FactRecord:
        (subject, unit), place, year = (
            self.rng.choice(STRIKE_SUBJECTS),
            self.pick(PLACES),
            self.rng.choice(YEARS),
        )
        value = self.rng.randrange(1, 100) if unit == "percent" else self.rng.randrange(10, 160_000)
        shown = f"{value}%" if unit == "percent" else f"{value:,}"
        text = f"In {year} the count of {subject} reached {shown} in {place}, according to the guild."
        figures = [self.figure(value, unit, None, subject)]
        keywords = [subject, "strike", place.lower(), str(year)]
        return self.record("strike", "strike", text, f"{subject.capitalize()} in {place}", figures, keywords)


def fact_pack(count: int, seed: int = SEED) -> FactPack:
    maker = _Maker(random.Random(seed))
    kinds: tuple[Callable[[], FactRecord], ...] = (maker.ai_job, maker.pay, maker.proposal, maker.strike)
    facts = tuple(kinds[i % len(kinds)]() for i in range(count))
    return FactPack(facts, name="picketbot benchmark facts", updated="2024-12-31")


def questions(count: int, seed: int = SEED + 1) -> list[str]:
    """Questions as members type them, some with no answer at all."""
    rng = random.Random(seed)
    forms: tuple[Callable[[], str], ...] = (
        lambda: f"what does {rng.choice(COMPANIES)} pay a {rng.choice(ROLES)}",
        lambda: f"{rng.choice(COMPANIES).lower()} {rng.choice(ROLES)} salary",
        lambda: f"how much is the {rng.choice(PAY_TERMS)[0]} in {rng.choice(YEARS)}",
        lambda: f"what did the studios propose about {rng.choice(AI_SUBJECTS)}",
        lambda: f"how many {rng.choice(STRIKE_SUBJECTS)[0]} in {rng.choice(PLACES)}",
        lambda: f"{rng.choice(AI_SUBJECTS)} {rng.choice(COMPANIES)}",
        lambda: f"is it true {rng.choice(COMPANIES)} posted an ai job for {rng.randrange(100, 900)}k",
        lambda: rng.choice(("zebra crossing timetable", "best tacos near the lot", "parking rules")),
    )
    return [rng.choice(forms)() for _ in range(count)]
