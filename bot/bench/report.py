"""What a benchmark scenario reports, and the table and JSON made from it.

A figure is a number with its unit and, when there is one, its target. A
target is either an absolute bound (p99 below 100 ms) or a ratio to a floor
measured in the same run (sign-ups per second against bare sqlite3 commits),
because on a shared 2-core machine absolute speeds swing from run to run and
ratios much less.
"""

from __future__ import annotations

import json
import platform
import sqlite3
import sys
from dataclasses import dataclass, field
from typing import Any, Literal

Better = Literal["higher", "lower"]


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    #: The bound this figure should meet, in its own unit; None when there is no target.
    target: float | None = None
    better: Better = "lower"

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.value >= self.target if self.better == "higher" else self.value <= self.target

    def target_text(self) -> str:
        if self.target is None:
            return ""
        sign = "≥" if self.better == "higher" else "≤"
        return f"{sign} {_number(self.target)} {self.unit}".rstrip()

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "target": self.target,
            "better": self.better,
            "met": self.met,
        }


@dataclass
class ScenarioResult:
    name: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    #: Exact correctness checks (counts that must come out right), by name.
    checks: dict[str, bool] = field(default_factory=dict)
    #: Facts worth printing that are not figures (sizes, what was used).
    notes: list[str] = field(default_factory=list)
    error: str | None = None

    def add(
        self, name: str, value: float, unit: str, target: float | None = None, better: Better = "lower"
    ) -> Figure:
        figure = Figure(name, value, unit, target, better)
        self.figures.append(figure)
        return figure

    def figure(self, name: str) -> Figure:
        return next(f for f in self.figures if f.name == name)

    @property
    def passed(self) -> bool:
        return self.error is None and all(self.checks.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "figures": {f.name: f.to_json() for f in self.figures},
            "checks": self.checks,
            "notes": self.notes,
            "error": self.error,
        }


def machine() -> dict[str, Any]:
    import os

    return {
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def to_json(results: list[ScenarioResult], *, quick: bool) -> str:
    document = {
        "quick": quick,
        "machine": machine(),
        "scenarios": {r.name: r.to_json() for r in results},
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def table(results: list[ScenarioResult]) -> str:
    """A plain-text table: scenario, figure, value, target, verdict; then notes and checks."""
    rows = [("scenario", "figure", "value", "target", "verdict")]
    for result in results:
        if result.error is not None:
            rows.append((result.title, "ERROR", result.error[:60], "", ""))
            continue
        for figure in result.figures:
            verdict = {None: "", True: "ok", False: "MISS"}[figure.met]
            value = f"{_number(figure.value)} {figure.unit}".rstrip()
            rows.append((result.title, figure.name, value, figure.target_text(), verdict))
        for check, ok in result.checks.items():
            rows.append((result.title, check, "yes" if ok else "NO", "yes", "ok" if ok else "FAIL"))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    notes = [f"- {r.title}: {note}" for r in results for note in r.notes]
    return "\n".join(lines + (["", *notes] if notes else []))


def _number(value: float) -> str:
    if value == int(value) and abs(value) >= 10:
        return f"{int(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"
