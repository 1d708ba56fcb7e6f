"""A whole picket day in Spanish: no reply, notice or post carries English words.

Every member here speaks Spanish (their platform's locale is es-419) and the
bot's channel language is Spanish, so every line the bot writes should be
Spanish. What a member typed (command words like /picket signup, names)
is not the bot's to translate and is taken out before looking. Facts are left
out: their answers keep the English quote on purpose.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from bot.testing.people import actor, channel
from commands.context import Actor
from commands.roles import Role

#: Words that are English and never Spanish: one of them in a line the bot wrote in Spanish is a leak.
_ENGLISH_WORDS = (
    "the you your you're yours for with and is are this that not was will can there shift shifts"
    " signed sign waitlist waiting place places hours week weeks captain captains organizer organizers"
    " member members nobody please thanks thank already yet here started starts ends open closed"
    " confirmed cancelled released nothing none today tomorrow site sites swap offer taken left"
    " arrived late due who what when where which it its by from at on off attached"
)
ENGLISH = frozenset(_ENGLISH_WORDS.split())
#: Taken out before looking: a command as typed (/picket signup 12), its option words (capacity=),
#: placeholders (ID, MEMBER), keys (sag-aftra-members-under-26k), and what is quoted.
_TYPED = re.compile(
    r"\b\w+(?:-\w+)+\b|/[a-z][\w-]*(?: [a-z][\w-]*)*|\b\w+=\S*|\b[A-Z][A-Z_]+\b|\"[^\"]*\"|'[^']*'|\[[^\]]*\]"
)
_WORD = re.compile(r"[a-zA-Z']+")


def english_in(text: str, names: frozenset[str]) -> list[str]:
    leaks = []
    for line in text.splitlines():
        words = {w.lower() for w in _WORD.findall(_TYPED.sub(" ", line))} - names
        found = sorted(words & ENGLISH)
        if found:
            leaks.append(f"{found}: {line}")
    return leaks


def spanish(name: str, role: Role = Role.MEMBER) -> Actor:
    return replace(actor(name, role), locale="es-419")


NAMES = frozenset({"ana", "bo", "cy", "olga", "cato", "puerta", "norte"})


async def test_a_picket_day_in_spanish(tmp_path: Path, clock: FakeClock) -> None:
    async with await TestBot.open(
        tmp_path, clock=clock, channel=channel("piquete"), config='[bot]\nlanguage = "es"\n'
    ) as bot:
        olga, cato = spanish("Olga", Role.ORGANIZER), spanish("Cato", Role.CAPTAIN)
        ana, bo, cy = spanish("Ana"), spanish("Bo"), spanish("Cy")
        start = (clock.now + timedelta(minutes=10)).astimezone(bot.app.services.settings.timezone)
        times = f"{start:%Y-%m-%d} {start:%H:%M} {start + timedelta(hours=2):%H:%M}"
        script: list[tuple[Actor, str]] = [
            (olga, '/picket site add "Puerta Norte" address="1 Main St"'),
            (olga, f'/picket shift add "Puerta Norte" {times} capacity=2 captains=1'),
            (olga, "/picket sites"),
            (olga, "/picket shifts"),
            (ana, "/picket signup 1"),
            (bo, "/picket signup 1"),
            (cy, "/picket signup 1"),
            (cy, "/picket mine"),
            (ana, "/picket cancel 1"),
            (cy, "/picket confirm 1"),
            (cato, "/picket signup 1 captain"),
            (cato, "/picket roster 1"),
            (cato, "/picket code 1"),
            (bo, "/picket checkin 1"),
            (cato, "/picket checkin 1 Cy present"),
            (cato, "/picket now"),
            (cato, "/picket gaps"),
            (bo, "/picket swap offer 1"),
            (bo, "/picket swap list"),
            (bo, "/picket swap cancel 1"),
            (bo, "/picket checkout 1"),
            (bo, "/picket hours"),
            (cato, "/picket eligibility"),
            (bo, "/picket calendar"),
            (bo, "/picket feed"),
            (bo, "/lang"),
            (bo, "/link"),
            (bo, "/jobs sources"),
            (bo, "/jobs latest"),
            (bo, "/pay compare 900000"),
            (bo, "/picket signup 99"),
            (bo, "/picket shift add x"),
            (bo, "/picket sigup 1"),
            (cy, "/picket forget-me"),
        ]
        leaks: list[str] = []
        for who, line in script:
            shown = await bot.say(line, as_=who)  # as the console shows it
            leaks += [f"{line} → {leak}" for leak in english_in(shown, NAMES)]
        for message in await bot.deliver():
            shown = "\n".join(
                [message.title or "", message.body, message.footer or "", *(b.label for b in message.buttons)]
            )
            leaks += [f"notice → {leak}" for leak in english_in(shown, NAMES)]
        assert not leaks, "\n".join(leaks)
