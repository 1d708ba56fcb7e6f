"""Sign-ups decided a group at a time answer exactly as one at a time would.

`storage.picket.signup_batch` reads a whole group's state once, and the
rules (`signup_rules.SignupBook`) keep it current in memory while they
decide each request. The danger is a rule that reads
state the group has already changed (the same member twice, an overlap made
earlier in the same group, the last place, a captain hold). So the same
random stream of requests runs twice on identical databases: all at once
(a few large groups) and one by one (groups of one, every rule read back
from the table), and every answer and every row must match.
"""

from __future__ import annotations

import asyncio
import random
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, open_app
from bot.config.loading import load_config
from bot.testing.clock import FakeClock
from commands.picket.notices import member_notices
from commands.picket.refusals import words
from storage import members
from storage.picket import privacy, shifts, signups
from storage.picket.refusals import PicketError
from storage.picket.signup_rules import Identity
from tests.helpers import START
from tests.picket.test_storage import at, make_site

TUESDAY = date(2026, 10, 27)
PEOPLE = [f"p{i}" for i in range(14)]


async def build_world(app: App) -> list[int]:
    """Shifts that exercise every rule: overlaps, captain holds, a cancelled one, a tiny one."""
    site = await make_site(app)
    made = []
    for when, capacity, captains in [
        (at(TUESDAY, "09:00", "12:00"), 3, 1),
        (at(TUESDAY, "11:00", "14:00"), 2, 0),  # overlaps the first
        (at(TUESDAY, "12:00", "15:00"), 4, 2),  # touches the first, overlaps the second
        (at(TUESDAY + timedelta(days=1)), 1, 0),
        (at(TUESDAY + timedelta(days=2)), 5, 0),
    ]:
        [shift] = await shifts.add(
            app.db, site.id, [when], capacity=capacity, captains=captains, notes="", actor=None, now=START
        )
        made.append(shift.id)
    await shifts.cancel(app.db, made[4], "rain", actor=None, now=START, notices=member_notices)
    # Some members exist already, one under an old name and one who asked to be forgotten.
    for name in PEOPLE[:5]:
        await members.ensure(app.db, "console", name, name.upper())
    await members.ensure(app.db, "console", PEOPLE[5], "old name")
    forgotten = await members.ensure(app.db, "console", PEOPLE[6], "P6")
    await privacy.forget_member(app.db, forgotten, now=START, notices=member_notices)
    # And some sign-ups are already in, so counts and positions start from the table.
    early = await members.ensure(app.db, "console", PEOPLE[0], "P0")
    await signups.sign_up(app.db, made[3], early, now=START)
    return made


def random_requests(seed: int, shift_ids: list[int]) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    after_first_start = datetime.fromisoformat("2026-10-27T17:00:00+00:00")  # 10:00 in Los Angeles
    requests = []
    for _ in range(60):
        person = rng.choice(PEOPLE)
        requests.append(
            {
                "shift_id": rng.choice([*shift_ids, 999]),
                "who": Identity("console", person, rng.choice([person.upper(), person.title()])),
                "role": rng.choice(["member", "member", "captain"]),
                "now": after_first_start if rng.random() < 0.1 else START,
                "refuse_overlap": rng.random() < 0.8,
            }
        )
    return requests


def answer(outcome: object) -> tuple[Any, ...]:
    if isinstance(outcome, PicketError):
        return (type(outcome).__name__, words(outcome))  # what the member reads
    assert isinstance(outcome, signups.SignupResult), outcome
    shift = outcome.shift
    return (
        outcome.signup_id,
        outcome.status,
        outcome.position,
        shift.confirmed,
        shift.captains,
        shift.waitlisted,
    )


async def dump(app: App) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    rows = await app.db.fetchall("SELECT * FROM signups ORDER BY id")
    people = await app.db.fetchall(  # a forgotten member's id is a random token: leave it out
        "SELECT id, iif(forgotten_at IS NULL, platform_user_id, '?'), display_name, forgotten_at"
        " FROM members ORDER BY id"
    )
    return [tuple(r) for r in rows], [tuple(r) for r in people]


async def open_world(path: Path) -> tuple[App, list[int]]:
    app = await open_app(load_config(db_path=str(path), env={}), clock=FakeClock(START), seed_facts=False)
    return app, await build_world(app)


@pytest.mark.parametrize("seed", range(8))
async def test_a_group_decides_exactly_as_one_at_a_time(tmp_path: Path, seed: int) -> None:
    together, shift_ids = await open_world(tmp_path / "together.db")
    alone, same_ids = await open_world(tmp_path / "alone.db")
    try:
        assert shift_ids == same_ids
        requests = random_requests(seed, shift_ids)
        grouped = await asyncio.gather(
            *(signups.sign_up_as(together.db, **r) for r in requests), return_exceptions=True
        )
        assert together.db.group_commits <= 20  # they really were grouped,
        assert together.db.group_retries == 0  # and decided together, not retried one by one
        single = []
        for r in requests:
            try:
                single.append(await signups.sign_up_as(alone.db, **r))
            except PicketError as refusal:
                single.append(refusal)
        assert [answer(a) for a in grouped] == [answer(b) for b in single]
        assert await dump(together) == await dump(alone)
        # Both accepted some and refused some, for more than one reason.
        refusals = {a.code for a in single if isinstance(a, PicketError)}
        assert any(isinstance(a, signups.SignupResult) for a in single) and len(refusals) >= 3
    finally:
        await together.close()
        await alone.close()


async def test_a_refused_sign_up_creates_no_member(tmp_path: Path) -> None:
    app, shift_ids = await open_world(tmp_path / "t.db")
    try:
        before = await app.db.fetchval("SELECT count(*) FROM members")
        results = await asyncio.gather(
            signups.sign_up_as(app.db, 999, Identity("console", "nobody", "Nobody"), now=START),
            signups.sign_up_as(app.db, shift_ids[4], Identity("console", "rainy", "Rainy"), now=START),
            signups.sign_up_as(app.db, shift_ids[0], Identity("console", "keen", "Keen"), now=START),
            return_exceptions=True,
        )
        assert [type(r).__name__ for r in results] == ["PicketNotFound", "PicketError", "SignupResult"]
        assert await app.db.fetchval("SELECT count(*) FROM members") == before + 1
        assert await app.db.fetchval("SELECT count(*) FROM members WHERE platform_user_id = 'keen'") == 1
    finally:
        await app.close()


async def test_a_group_with_a_row_the_database_refuses_fails_only_that_one(tmp_path: Path) -> None:
    """A member id that does not exist passes the rules but breaks a foreign key on insert:
    the group is undone and retried one by one, so only that sign-up fails."""
    app, shift_ids = await open_world(tmp_path / "t.db")
    try:
        ana = await members.ensure(app.db, "console", "ana", "Ana")
        bo = await members.ensure(app.db, "console", "bo", "Bo")
        results = await asyncio.gather(
            signups.sign_up(app.db, shift_ids[1], ana, now=START),
            signups.sign_up(app.db, shift_ids[1], 424242, now=START),
            signups.sign_up(app.db, shift_ids[1], bo, now=START),
            return_exceptions=True,
        )
        assert isinstance(results[0], signups.SignupResult) and results[0].status == "confirmed"
        assert "FOREIGN KEY" in str(results[1])
        assert isinstance(results[2], signups.SignupResult) and results[2].status == "confirmed"
        assert await app.db.fetchval("SELECT count(*) FROM signups WHERE shift_id = ?", (shift_ids[1],)) == 2
    finally:
        await app.close()


async def test_a_sign_up_under_a_new_name_renames_the_member(tmp_path: Path) -> None:
    app, shift_ids = await open_world(tmp_path / "t.db")
    try:
        [first, again] = await asyncio.gather(
            signups.sign_up_as(app.db, shift_ids[0], Identity("console", PEOPLE[5], "Renamed"), now=START),
            signups.sign_up_as(
                app.db, shift_ids[3], Identity("console", PEOPLE[5], "Renamed Again"), now=START
            ),
        )
        assert first.signup_id != again.signup_id
        names = await app.db.fetchall(
            "SELECT display_name FROM members WHERE platform_user_id = ?", (PEOPLE[5],)
        )
        assert [r["display_name"] for r in names] == ["Renamed Again"]
    finally:
        await app.close()
