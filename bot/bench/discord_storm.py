"""Scenario: the sign-up storm end to end on Discord, over HTTP and over the gateway.

2,000 distinct members click one shift's Sign-up button (1,000 places) at
once, against a real ``picketbot run`` child process and the local fake
Discord (`discord_run`): as signed HTTP interactions, and as gateway
dispatches. The two paths alternate, storm after storm, so a drifting
machine weighs on both alike. For each path: answers per second, p50 and
p99 from the first click, clicks answered after Discord's 3 s, exactly half
confirmed and half waitlisted (in the database and in the answers members
saw), and the shift post's final count. Medians over the storms are the
figures; each one's range is in the notes.

Targets from issue 16: over HTTP, p99 under 1 s from the first click with
every click answered; over the gateway, no click answered after 3 s.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.adapters.discord.modes import INTERACTIONS_PATH
from bot.bench.child import child_server
from bot.bench.common import Sizes, median, percentile, scratch
from bot.bench.discord_run import GATEWAY, HTTP, Storm, final_counts, http_floor, one_storm
from bot.bench.report import Better, ScenarioResult

HTTP_P99_TARGET_MS = 1000.0
GATEWAY_LATE_TARGET = 0.0
PATHS = (HTTP, GATEWAY)
INSTANT_ENDPOINT = "bot.bench.instant_endpoint"


async def run(sizes: Sizes) -> ScenarioResult:
    result = ScenarioResult("discord_storm", "Discord storm")
    storms: dict[str, list[Storm]] = {path: [] for path in PATHS}
    floors: list[float] = []
    async with child_server(INSTANT_ENDPOINT) as instant:
        url = f"http://127.0.0.1:{instant['ports'][0]}{INTERACTIONS_PATH}"
        with scratch("discord") as work:
            for attempt in range(sizes.discord_storms):
                for path in PATHS:
                    storm = await one_storm(path, sizes.discord_members, work / f"{path}-{attempt}")
                    storms[path].append(storm)
                    if path == HTTP:  # the floor right after, on the machine as it is then
                        floors.append(percentile(await http_floor(sizes.discord_members, url), 0.99) * 1000)
    for path in PATHS:
        _report(result, path, storms[path], sizes.discord_members)
    result.add("http floor: p99, an endpoint answering at once", median(floors), "ms")
    # Each storm over the floor measured right after it: the bot's own share, on the machine
    # as it was then (the storms' absolute figures move with the machine's load).
    ratios = [_ms(storm, 0.99) / floor for storm, floor in zip(storms[HTTP], floors, strict=True)]
    result.add("http: p99 / floor p99", median(ratios), "")
    result.notes.append(
        f"http floor: the same signed clicks to an endpoint that answers at once, right after each "
        f"HTTP storm (the machine's HTTP client and server alone): p99 {_range(floors)} ms; "
        f"storm p99 over its floor's: {min(ratios):.1f}–{max(ratios):.1f}×"
    )
    result.notes.append(
        f"{sizes.discord_members:,} members click one shift's button ({sizes.discord_members // 2:,} places) "
        f"at once against `picketbot run` and the local fake Discord; {sizes.discord_storms} storm(s) per "
        "path, alternating; times from the first click to each click's first response"
    )
    return result


def _report(result: ScenarioResult, path: str, storms: list[Storm], members: int) -> None:
    figures: dict[str, tuple[Callable[[Storm], float], str]] = {
        "answers/s": (lambda s: s.answers_per_second, "clicks/s"),
        "p50 from first click": (lambda s: _ms(s, 0.50), "ms"),
        "p99 from first click": (lambda s: _ms(s, 0.99), "ms"),
        "clicks answered after 3 s": (lambda s: float(s.late), "clicks"),
    }
    ranges = []
    for name, (value, unit) in figures.items():
        values = [value(storm) for storm in storms]
        target, better = _target(path, name)
        result.add(f"{path}: {name}", median(values), unit, target, better)
        ranges.append(f"{name} {_range(values)}")
    result.notes.append(f"{path}: ranges over {len(storms)} storm(s): " + "; ".join(ranges))
    places = members // 2
    result.checks[f"{path}: every click answered"] = all(s.unanswered == 0 for s in storms)
    result.checks[f"{path}: exactly {places:,} confirmed"] = all(
        s.confirmed_rows == s.confirmed_replies == places for s in storms
    )
    result.checks[f"{path}: exactly {members - places:,} waitlisted"] = all(
        s.waitlisted_rows == s.waitlisted_replies == members - places for s in storms
    )
    final = final_counts(members)
    result.checks[f"{path}: shift post shows {final}"] = all(s.post_counts == final for s in storms)
    result.notes.append(f"{path}: the shift post's final count: " + ", ".join(s.post_counts for s in storms))


def _target(path: str, name: str) -> tuple[float | None, Better]:
    if path == HTTP and name == "p99 from first click":
        return HTTP_P99_TARGET_MS, "lower"
    if path == GATEWAY and name == "clicks answered after 3 s":
        return GATEWAY_LATE_TARGET, "lower"
    return None, "higher" if name == "answers/s" else "lower"


def _ms(storm: Storm, share: float) -> float:
    return percentile(storm.latencies, share) * 1000 if storm.latencies else float("nan")


def _range(values: list[float]) -> str:
    return f"{min(values):,.0f}–{max(values):,.0f}"
