"""How the fake platforms say "not now": scripted refusals and a per-second window.

`Scripted` answers the next N requests that match a key with something other
than the normal answer: a 429 with a wait, a 5xx, the error page a proxy
serves while the platform is down. The Discord fake keys it by
``"METHOD /route"`` (routes with ``{name}`` segments), the Slack fake by Web
API method, the channel platform by channel. `Window` is a real rate limit:
at most ``rate`` requests per key in any one-second window, and how long the
next one must wait. Each fake draws the answer in its own platform's shape.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Refusal:
    """A status instead of the answer; ``retry_after`` (seconds) says when to come back."""

    status: int = 429
    retry_after: float | None = None
    #: Discord's global limit (every route at once) rather than one route's bucket.
    is_global: bool = False


@dataclass(frozen=True)
class Page:
    """A page instead of the platform's JSON: what a CDN or proxy answers while it is down."""

    status: int
    body: str
    content_type: str = "text/html"


@dataclass
class _Rule(Generic[T]):
    key: str | re.Pattern[str]
    answer: T
    remaining: int

    def matches(self, key: str) -> bool:
        if isinstance(self.key, re.Pattern):
            return self.key.fullmatch(key) is not None
        return self.key == key


@dataclass
class Scripted(Generic[T]):
    """Answers set aside for the next requests that match, used up one per request, oldest first."""

    _rules: list[_Rule[T]] = field(default_factory=list)

    def add(self, key: str | re.Pattern[str], answer: T, times: int = 1) -> None:
        """The next ``times`` requests whose key equals (or fully matches) ``key`` get ``answer``."""
        self._rules.append(_Rule(key, answer, times))

    def take(self, key: str) -> T | None:
        """The answer for a request with this key, used up; None: answer normally."""
        for rule in self._rules:
            if rule.remaining > 0 and rule.matches(key):
                rule.remaining -= 1
                return rule.answer
        return None

    def clear(self) -> None:
        self._rules.clear()


def route_pattern(route: str) -> re.Pattern[str]:
    """A route such as ``/channels/{channel_id}/messages`` as a regex: ``{name}`` is one segment."""
    parts = re.split(r"(\{[^/{}]+\})", route)
    return re.compile(
        "".join("[^/]+" if p.startswith("{") and p.endswith("}") else re.escape(p) for p in parts)
    )


@dataclass
class Window:
    """At most ``rate`` requests per key in any one-second window, as the real platforms allow."""

    rate: int
    _recent: dict[str, deque[float]] = field(default_factory=dict)

    def wait_needed(self, key: str, now: float) -> float:
        """0 if ``key`` may go now (and counts it), else the seconds until it may."""
        recent = self._recent.setdefault(key, deque())
        while recent and recent[0] <= now - 1.0:
            recent.popleft()
        if len(recent) >= self.rate:
            return recent[0] + 1.0 - now
        recent.append(now)
        return 0.0
