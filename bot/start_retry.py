"""Starting against a platform that is down: retry with backoff, then say so in one line.

A platform answering 5xx, an HTML error page (a proxy or CDN in front of it)
or nothing at all while the bot starts is retried a few times, the wait
doubling each time. If it still fails, `PlatformUnavailable` carries one line
naming the platform and what it answered; `bot.platforms.run_platforms` then
decides whether the bot goes on with its other platforms or stops. A refused
token is not retried: that is a `ConfigError`, and retrying cannot fix it.

``[bot] start_attempts`` and ``[bot] start_retry_seconds`` (the first wait;
tests make it tiny) tune it (bot/config/schema.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from bot.backoff import Backoff
from bot.config.loading import Config, ConfigError
from bot.config.schema import BotSection

log = logging.getLogger("picketbot")

T = TypeVar("T")

#: What a failed attempt was, in a few words ("HTTP 502, an HTML page"); None: not worth retrying.
Classifier = Callable[[BaseException], str | None]

MAX_DELAY_SECONDS = 30.0


class PlatformUnavailable(ConnectionError):
    """A platform kept failing while the bot started; the message is the one line to show."""


@dataclass(frozen=True)
class StartRetry:
    attempts: int = BotSection.start_attempts
    first_delay: float = BotSection.start_retry_seconds

    def delay(self, failed_attempts: int) -> float:
        return Backoff(first=self.first_delay, cap=MAX_DELAY_SECONDS).seconds(failed_attempts)


def start_retry(config: Config) -> StartRetry:
    return StartRetry(attempts=config.bot.start_attempts, first_delay=config.bot.start_retry_seconds)


async def with_retries(
    platform: str, attempt: Callable[[], Awaitable[T]], classify: Classifier, retry: StartRetry
) -> T:
    """Run `attempt` until it succeeds; transient failures (those `classify` names) are retried."""
    for number in range(1, retry.attempts + 1):
        try:
            return await attempt()
        except (ConfigError, PlatformUnavailable):
            raise  # a refused token, a wrong setting, the platform's own refusal: retrying cannot fix it
        except Exception as error:
            reason = classify(error)
            if reason is None:
                raise
            if number == retry.attempts:
                tries = "once" if number == 1 else f"{number} times"
                raise PlatformUnavailable(
                    f"{platform} is not answering properly ({reason}); tried {tries} at start-up"
                ) from None
            wait = retry.delay(number)
            log.info("%s answered badly at start-up (%s); trying again in %g s", platform, reason, wait)
            await asyncio.sleep(wait)
    raise AssertionError("unreachable: attempts is at least 1")


def looks_like_html(text: object) -> bool:
    """An error page from a proxy or CDN rather than the platform's JSON.

    Pages may open with a byte order mark, a comment (Cloudflare's old
    ``<!--[if lt IE 7]> <html …>``) or an XML declaration before the markup.
    """
    head = str(text)[:1024].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body")) or (
        head.startswith("<") and "<html" in head
    )
