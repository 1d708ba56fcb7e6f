"""A sign-up storm in its own process, for the kill -9 test.

    python -m tests.reliability.storm_child DB MEMBERS_FILE

The members numbered in MEMBERS_FILE (one a line) sign up for the
database's shifts through the real dispatcher, in waves of concurrent
sign-ups. Each acknowledged sign-up prints ``ACK member-N
confirmed|waitlisted`` the moment its reply arrives: a reply is only given
after the sign-up's group transaction committed, so every printed line is a
promise the database must keep after a crash. A member told they are already
signed up (their earlier try committed, but its reply was lost in a crash)
prints ``ALREADY member-N``.
"""

from __future__ import annotations

import asyncio
import sys

from bot.app import open_app
from bot.config.loading import load_config
from commands.context import Actor, Channel
from commands.dispatcher import Dispatcher
from commands.reply import Reply

CHANNEL = Channel("console", "picket-line", "picket-line")
WAVE = 300


def ack(member: str, reply: Reply) -> None:
    if reply.is_error and "already" in reply.text:
        print(f"ALREADY {member}", flush=True)
        return
    if reply.is_error:
        print(f"ERROR {member} {reply.text}", flush=True)
        return
    status = "confirmed" if "You're signed up" in reply.text else "waitlisted"
    print(f"ACK {member} {status}", flush=True)


async def sign_up(dispatcher: Dispatcher, shift_id: int, member: str) -> None:
    reply = await dispatcher.handle_text(
        Actor("console", member, member), CHANNEL, f"/picket signup {shift_id}"
    )
    ack(member, reply)


async def main(db: str, numbers: list[int]) -> None:
    app = await open_app(load_config(db_path=db, env={}), seed_facts=False)
    try:
        shifts = [int(row["id"]) for row in await app.db.fetchall("SELECT id FROM shifts ORDER BY id")]
        for start in range(0, len(numbers), WAVE):
            members = numbers[start : start + WAVE]
            await asyncio.gather(
                *(sign_up(app.dispatcher, shifts[n % len(shifts)], f"member-{n}") for n in members)
            )
    finally:
        await app.close()
    print("DONE", flush=True)


if __name__ == "__main__":
    with open(sys.argv[2], encoding="utf-8") as listed:
        asyncio.run(main(sys.argv[1], [int(line) for line in listed if line.strip()]))
