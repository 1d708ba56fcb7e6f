"""The languages members chose with /lang, kept in memory so no command reads them from the database.

Every command is answered in its member's language (`Dispatcher._language`),
so the choice must be at hand without a query per command (a storm of
sign-up clicks would pay for it). The whole map is read with one query when
the first command arrives, changed in place by /lang on this instance, and
read again at most every `MAX_AGE_SECONDS`, when a command finds it older:
another instance sharing a PostgreSQL database (docs/multi-instance.md) sees
a member's choice within that time. Only members who chose hold an entry.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from storage import members
from storage.database import Database

log = logging.getLogger("picketbot.commands")

#: How old the map may grow before a command reads it again (other instances' /lang).
MAX_AGE_SECONDS = 30.0


class LanguageChoices:
    def __init__(
        self, *, max_age: float = MAX_AGE_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.max_age = max_age
        self.clock = clock
        #: The accounts whose person chose a language, and the language (read inline by the dispatcher).
        self.chosen: dict[tuple[str, str], str] = {}
        #: When the map must be read again (`clock`'s time): the dispatcher compares it inline,
        #: on every command, without a call.
        self.fresh_until = float("-inf")
        self._lock = asyncio.Lock()

    def stale(self) -> bool:
        """Whether the map should be read again before it is trusted (never read, or too old)."""
        return self.clock() >= self.fresh_until

    def expire(self) -> None:
        """Have the next command read every choice again (after a change this map can't apply itself)."""
        self.fresh_until = float("-inf")

    async def refresh(self, db: Database) -> None:
        """Read every choice again; concurrent callers wait for one query.

        Never raises: if the database cannot answer, the choices known so far stand (a
        command is not refused over its language) and the next read is tried `max_age` later.
        """
        async with self._lock:
            if not self.stale():  # another command read it while this one waited
                return
            try:
                await self.load(db)
            except Exception as error:
                log.warning(
                    "could not read members' chosen languages (%s); kept the last known", type(error).__name__
                )
                self.fresh_until = self.clock() + self.max_age

    async def load(self, db: Database) -> None:
        self.chosen = await members.chosen_languages(db)
        self.fresh_until = self.clock() + self.max_age

    def of(self, platform: str, user_id: str) -> str | None:
        """The language this account's person chose, if they chose one."""
        return self.chosen.get((platform, user_id))
