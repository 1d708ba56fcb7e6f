"""A delivery process for the kill -9 test: the real outbox worker, a sender that writes to a file.

    python -m tests.reliability.fsync_delivery DB LOG PAUSE

For each message the sender prints ``SENDING id``, waits PAUSE seconds (a
slow platform), then appends the id to LOG with flush and fsync before
returning: once `send` returns, the "platform" has the message on disk, just
as a platform that answered 200 has it. The worker marks it sent after that.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from bot.delivery import DeliveryWorker
from commands.context import utc_now
from storage.database import Database
from storage.outbox import OutboundMessage

PLATFORM = "file"


class FsyncSender:
    platform = PLATFORM

    def __init__(self, log: Path, pause: float) -> None:
        self.log = log
        self.pause = pause

    async def send(self, message: OutboundMessage) -> None:
        print(f"SENDING {message.id}", flush=True)
        await asyncio.sleep(self.pause)
        with self.log.open("a", encoding="utf-8") as accepted:
            accepted.write(f"{message.id}\n")
            accepted.flush()
            os.fsync(accepted.fileno())


async def main(db_path: str, log: str, pause: float) -> None:
    db = await Database.open(db_path)
    try:
        await DeliveryWorker(db, {PLATFORM: FsyncSender(Path(log), pause)}, utc_now).deliver_due()
    finally:
        await db.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3])))
