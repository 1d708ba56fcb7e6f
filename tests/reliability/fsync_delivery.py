"""A delivery process for the kill tests: the real outbox worker, a sender that writes to a file.

    python -m tests.reliability.fsync_delivery DB LOG PAUSE [--lease S] [--after S] [--go]

The sender plays a platform. For each message it prints ``SENDING id``,
waits PAUSE seconds (a slow platform), then appends the id to LOG with flush
and fsync and prints ``ACCEPTED id``: from then on the "platform" has the
message, as one that answered 200 has it. It then waits ``--after`` seconds
before returning (a slow answer), and only then does the worker mark the
message sent. A kill during PAUSE is a kill before the platform has the
message; a kill during ``--after`` is the one case that can repeat.

The worker runs its delivery loop (`DeliveryWorker.run`) with a lease of
``--lease`` seconds until nothing is left to send, then prints
``DONE delivered=N repeats=M`` (M: messages it sent again after another
process stopped while sending them). With ``--go`` it prints ``READY`` and
waits for a line on standard input first, so two of them start together.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import timedelta
from pathlib import Path

from bot.delivery import DeliveryWorker
from commands.context import utc_now
from storage.database import Database
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage

PLATFORM = "file"


class FsyncSender:
    platform = PLATFORM

    def __init__(self, log: Path, pause: float, after: float) -> None:
        self.log = log
        self.pause = pause
        self.after = after

    async def send(self, message: OutboundMessage) -> None:
        print(f"SENDING {message.id}", flush=True)
        await asyncio.sleep(self.pause)
        with self.log.open("a", encoding="utf-8") as accepted:
            accepted.write(f"{message.id}\n")
            accepted.flush()
            os.fsync(accepted.fileno())
        print(f"ACCEPTED {message.id}", flush=True)
        await asyncio.sleep(self.after)


async def main(args: argparse.Namespace) -> None:
    db = await Database.open(args.db)
    repeats: list[int] = []
    try:
        worker = DeliveryWorker(
            db,
            {PLATFORM: FsyncSender(Path(args.log), args.pause, args.after)},
            utc_now,
            lease=timedelta(seconds=args.lease),
            on_possible_repeat=lambda message: repeats.append(message.id),
        )
        if args.go:
            print("READY", flush=True)
            await asyncio.to_thread(sys.stdin.readline)
        delivering = asyncio.create_task(worker.run())
        while await outbox.pending_count(db):
            await asyncio.sleep(0.05)
        delivering.cancel()
        await asyncio.gather(delivering, return_exceptions=True)
        print(f"DONE delivered={worker.delivered} repeats={len(repeats)}", flush=True)
    finally:
        await db.close()


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("log")
    parser.add_argument("pause", type=float)
    parser.add_argument("--lease", type=float, default=30.0)
    parser.add_argument("--after", type=float, default=0.0)
    parser.add_argument("--go", action="store_true")
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse(sys.argv[1:])))
