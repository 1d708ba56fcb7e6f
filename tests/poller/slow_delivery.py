"""A delivery process for the crash test: the real outbox worker, a slow console sender.

    python -m tests.poller.slow_delivery DB PAUSE

Each message waits PAUSE seconds, then prints ``BEGIN id``, its body and
``END id``; the worker marks it sent after that. The test kills this process
with SIGKILL between two messages and restarts the bot to deliver the rest.
"""

from __future__ import annotations

import asyncio
import sys

from bot.delivery import DeliveryWorker
from commands.context import utc_now
from storage.database import Database
from storage.outbox.queue import OutboundMessage


class SlowConsole:
    platform = "console"

    def __init__(self, pause: float) -> None:
        self.pause = pause

    async def send(self, message: OutboundMessage) -> None:
        await asyncio.sleep(self.pause)
        sys.stdout.write(f"BEGIN {message.id}\n{message.body}\nEND {message.id}\n")
        sys.stdout.flush()


async def main(path: str, pause: float) -> None:
    db = await Database.open(path)
    try:
        await DeliveryWorker(db, {"console": SlowConsole(pause)}, utc_now).deliver_due()
    finally:
        await db.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2])))
