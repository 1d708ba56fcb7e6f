"""Help that helps: a command found by its last word, typos answered with the closest command,
a bare group listing its commands, and /help's groups laid out apart from their commands."""

from __future__ import annotations

from bot.testing.harness import TestBot


async def test_help_finds_a_command_by_its_own_name(bot: TestBot) -> None:
    text = await bot.say("/help signup")
    assert text.startswith("/picket signup ID [AS]"), text
    assert "Sign up for a shift" in text and "e.g. /picket signup 12" in text
    assert (await bot.say("/help shift add")).startswith("/picket shift add SITE WHEN...")
    assert (await bot.say("/help /picket signup")).startswith("/picket signup ID [AS]")


async def test_help_for_a_word_several_commands_share_lists_them_all(bot: TestBot) -> None:
    text = await bot.say("/help add")
    for usage in (
        "/fact add KEY",
        "/jobs source add NAME",
        "/picket shift add SITE",
        "/picket site add NAME",
    ):
        assert usage in text
    shift = await bot.say("/help shift")
    assert "/picket shift add" in shift and "/picket shift cancel" in shift and "/picket site" not in shift


async def test_help_for_a_typo_suggests_the_closest_command(bot: TestBot) -> None:
    text = await bot.say("/help sigup")
    assert text.startswith("error: no command or group called 'sigup'.")
    assert "Did you mean /picket signup ID [AS]?" in text
    assert "Did you mean" not in await bot.say("/help payroll-office")


async def test_a_mistyped_command_suggests_the_closest(bot: TestBot) -> None:
    assert await bot.say("/picket sigup 1") == (
        "error: unknown command /picket sigup. Did you mean /picket signup ID [AS]? (/picket lists its commands)"
    )
    assert "Did you mean /picket signup ID [AS]?" in await bot.say("/pcket signup 1")
    assert "Did you mean /picket signup ID [AS]?" in await bot.say("/signup 1")
    assert "Did you mean /picket shift add SITE" in await bot.say("/picket shift ad Gate 9am 12pm")
    assert "Did you mean /pay compare AMOUNT?" in await bot.say("/pay comprae 900k")
    assert "unknown command /pcket. Did you mean /picket?" in await bot.say("/pcket")
    # Nothing close: say so, and where to look, without a wild guess.
    unrelated = await bot.say("/picket dance")
    assert unrelated == "error: unknown command /picket dance. Type /picket for its commands, or /help."
    assert (await bot.say("/dance")).startswith("error: unknown command /dance. Try /help (commands: ")


async def test_a_bare_group_lists_its_commands(bot: TestBot) -> None:
    picket = await bot.say("/picket")
    assert not picket.startswith("error") and "unknown" not in picket
    assert picket.startswith("== /picket: Picket sites, shifts, sign-ups and check-in ==")
    for line in (
        "/picket signup ID [AS] — Sign up for a shift",
        "/picket shifts [SITE] [PERIOD] — List shifts",
    ):
        assert line in picket
    pay = await bot.say("/pay")
    assert "/pay compare AMOUNT — What an amount means for members" in pay and "/pay facts" in pay
    assert "unknown" not in pay and "/picket" not in pay
    # A group whose default command needs words (/fact QUESTION) lists its commands too.
    fact = await bot.say("/FACT")
    assert "/fact ask QUESTION..." in fact and "missing" not in fact
    # /help is a command of its own, not a bare group.
    assert (await bot.say("/help")).startswith("== picketbot commands ==")


async def test_help_keeps_group_titles_apart_from_their_first_commands(bot: TestBot) -> None:
    lines = (await bot.say("/help")).splitlines()
    titles = [i for i, line in enumerate(lines) if line.startswith(("/pay: ", "/picket: ", "/help: "))]
    assert len(titles) == 3
    for i in titles:
        assert lines[i].endswith(":"), lines[i]  # the title alone on its line
        assert lines[i + 1].startswith(lines[i].split(":")[0] + " "), lines[i + 1]  # then a command
        assert lines[i - 1] == ""  # and a blank line before the title
    assert "/pay compare AMOUNT — What an amount means for members (a year's pay, or an hourly rate)" in lines
