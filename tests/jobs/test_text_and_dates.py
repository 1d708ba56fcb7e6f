"""HTML to text and the boards' date formats."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.jobs.dates import (
    from_epoch_millis,
    from_epoch_seconds,
    parse_iso,
    parse_month_day_year,
    parse_posted_ago,
    parse_rfc822,
)
from bot.jobs.text import html_to_text, plain_text


def test_html_to_text_blocks_entities_and_scripts() -> None:
    html = (
        "<div><p>Hello&nbsp;there &amp; welcome</p><script>alert('x')</script>"
        "<ul><li>One</li><li>Two &mdash; three</li></ul><p title='a > b'>Done</p></div>"
    )
    assert html_to_text(html) == "Hello there & welcome\nOne\nTwo — three\nDone"


def test_html_escaped_twice_is_undone() -> None:
    escaped = "&lt;p&gt;Pay: $1&lt;/p&gt;&lt;p&gt;A &amp;mdash; B&lt;/p&gt;"
    assert html_to_text(escaped) == "Pay: $1\nA — B"


def test_plain_text_leaves_plain_text_alone() -> None:
    assert plain_text("Salary < 5 is not a tag, AT&T stays") == "Salary < 5 is not a tag, AT&T stays"


def test_unclosed_tag_drops_the_rest() -> None:
    assert html_to_text("<p>kept</p><a href='never closed") == "kept"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/!-'\"=&;apb lt")), max_size=500))
def test_html_to_text_never_raises(markup: str) -> None:
    assert isinstance(html_to_text(markup), str)


def test_dates() -> None:
    assert parse_iso("2026-07-29T08:50:01-04:00") == datetime(2026, 7, 29, 12, 50, 1, tzinfo=UTC)
    assert parse_iso("2026-06-03T11:08:12.368Z") == datetime(2026, 6, 3, 11, 8, 12, 368000, tzinfo=UTC)
    assert parse_iso("2026-08-24") == datetime(2026, 8, 24, tzinfo=UTC)
    assert parse_iso("yesterday") is None and parse_iso(12) is None
    assert from_epoch_seconds(1776988800) == datetime(2026, 4, 24, tzinfo=UTC)
    assert from_epoch_millis(1778529611285) == datetime(2026, 5, 11, 20, 0, 11, 285000, tzinfo=UTC)
    assert from_epoch_seconds(10**20) is None and from_epoch_seconds(True) is None
    assert parse_rfc822("Fri, 27 Mar 2026 20:20:27 +0000") == datetime(2026, 3, 27, 20, 20, 27, tzinfo=UTC)
    assert parse_month_day_year("July 31, 2026") == datetime(2026, 7, 31, tzinfo=UTC)


def test_workday_relative_dates() -> None:
    now = datetime(2026, 10, 26, 15, 0, tzinfo=UTC)

    def day(number: int) -> datetime:
        return datetime(2026, 10, number, tzinfo=UTC)

    assert parse_posted_ago("Posted Today", now) == day(26)
    assert parse_posted_ago("Posted Yesterday", now) == day(25)
    assert parse_posted_ago("Posted 3 Days Ago", now) == day(23)
    assert parse_posted_ago("Posted 30+ Days Ago", now) == datetime(2026, 9, 26, tzinfo=UTC)
    assert parse_posted_ago("Posted sometime", now) is None


def test_dates_at_the_ends_of_the_calendar_are_no_date_not_an_overflow() -> None:
    # A board can send anything; near year 1 or 9999 a zone offset cannot even be moved to UTC.
    assert parse_iso("0001-01-01T00:00:00+14:00") is None
    assert parse_iso("9999-12-31T23:59:59-14:00") is None
    assert parse_iso("0001-01-01") is None
    assert parse_rfc822("Fri, 31 Dec 9999 23:59:59 -1400") is None
    assert parse_month_day_year("July 31, 0001") is None


ZONES = st.timezones()
EDGES = st.one_of(
    st.datetimes(max_value=datetime(1, 1, 3), timezones=ZONES),
    st.datetimes(min_value=datetime(9999, 12, 29), timezones=ZONES),
    st.datetimes(timezones=ZONES),
)


@settings(max_examples=300)
@given(EDGES, st.sampled_from(["iso", "rfc822", "mdy"]))
def test_board_date_parsers_never_raise(moment: datetime, form: str) -> None:
    if form == "iso":
        parse_iso(moment.isoformat())
    elif form == "rfc822":
        parse_rfc822(moment.strftime("%a, %d %b %Y %H:%M:%S %z"))
    else:
        parse_month_day_year(moment.strftime("%B %d, %Y"))
