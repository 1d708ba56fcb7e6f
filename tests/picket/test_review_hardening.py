"""Review of issue 11 (hardening): holes still open in picket input.

One test per hole found by the security review; each fails until fixed.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.app import App
from tests.picket.support import ORGANIZER, Clock, count, ok, say


async def test_review_a_skipped_midnight_does_not_offer_a_time_on_the_wrong_day(
    app: App, clock: Clock
) -> None:
    # Havana springs forward at midnight: on Sun 2027-03-14 the clocks go from 00:00 to 01:00.
    # The refusal offers "23:59 or 01:00", but 23:59 nearest to 00:30 is Saturday's; taken at
    # its word (Sunday 23:59) it is a time a whole day later.
    clock.set(datetime(2027, 3, 1, 12, 0, tzinfo=UTC))
    await ok(app, ORGANIZER, "/picket site add Malecon tz=America/Havana")

    reply = await say(app, ORGANIZER, "/picket shift add Malecon 2027-03-14 00:30 02:00 capacity=5")

    assert reply.is_error
    assert "00:30 does not exist on Sun 2027-03-14" in reply.text
    assert "23:59" not in reply.text or "2027-03-13" in reply.text or "Sat" in reply.text, reply.text


@pytest.mark.parametrize(
    "invisible",
    ["\u3164", "\uffa0", "\u2800", "\u115f\u1160", "\u3164\u034f"],
    ids=["hangul filler", "halfwidth hangul filler", "braille blank", "hangul jamo fillers", "with cgj"],
)
async def test_review_a_name_of_invisible_letters_is_refused_like_an_empty_one(
    app: App, invisible: str
) -> None:
    # A name of zero-width spaces is refused ("name must not be empty"), but these blank
    # "letters" (categories Lo and So, so strip_controls keeps them) make a site nobody can
    # see or type, and a display name that shows as nothing or as someone else's.
    reply = await say(app, ORGANIZER, f'/picket site add "{invisible}" tz=America/Los_Angeles')

    assert reply.is_error, reply.text
    assert await count(app, "sites") == 0


async def test_review_a_series_too_long_only_on_the_fall_back_day_says_which_day(app: App) -> None:
    # 00:00-23:59 is under 24 hours on every day but Sun 2026-11-01, when the clocks go back and
    # it lasts 24 h 59 min. The refusal says only "A shift can last at most 24 hours.": the
    # organizer typed 23 h 59 min and is told neither the day nor the true length, nor offered
    # skip= as for a time the clocks skip.
    await ok(app, ORGANIZER, "/picket site add Gate tz=America/Los_Angeles")

    reply = await say(app, ORGANIZER, "/picket shift add Gate daily 00:00-23:59 capacity=5 weeks=2")

    assert reply.is_error
    assert "2026-11-01" in reply.text, reply.text
