"""Issue 19 item 7 on Slack: a shift's time shows the site's local time with Slack's date
formatting beside it (each reader's own zone), a UTC fallback inside it; a site name that looks
like a date token stays text."""

from __future__ import annotations

from bot.adapters.slack.render import split_text
from tests.slack.conftest import ORGANIZER_ID, HttpBot

START, END = 1793116800, 1793127600  # Tue 27 Oct 2026, 09:00 and 12:00 in Los Angeles


async def _blocks(http_bot: HttpBot, text: str) -> str:
    _, _, url = await http_bot.command("/picket", text, user_id=ORGANIZER_ID, user_name="olive")
    answer = await http_bot.fake.wait_for_response(url)
    return "\n".join(str(block.get("text", {}).get("text", "")) for block in answer["blocks"])


async def test_shift_times_carry_slack_dates(http_bot: HttpBot) -> None:
    await _blocks(http_bot, 'site add "<!date^0^{time}|x> Gate" tz=America/Los_Angeles')
    await _blocks(http_bot, 'shift add "<!date^0^{time}|x> Gate" 2026-10-27 09:00 12:00 capacity=3')

    shown = await _blocks(http_bot, "shifts")

    assert (
        f"Tue 2026-10-27 09:00–12:00 PDT (<!date^{START}^{{date_short_pretty}} {{time}}|2026-10-27 16:00 UTC>"
        f"–<!date^{END}^{{time}}|2026-10-27 19:00 UTC>)"
    ) in shown
    assert "&lt;\u200b!date^0^{time}|x&gt; Gate" in shown  # the site's name is text
    assert "<!date^0" not in shown


def test_a_long_text_is_never_split_inside_a_date() -> None:
    date = "<!date^1793116800^{date_short_pretty} {time}|2026-10-27 16:00 UTC>"
    text = "x" * 60 + " " + date + " after"
    for chunk in split_text(text, 110):  # the last space within 110 is inside the date
        assert chunk.count("<") == chunk.count(">")
