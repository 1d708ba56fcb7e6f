"""Text from outside is shown as text: escaped for each platform, with no control characters.

The escaping rule (commands/markup.py): reply text is literal, the adapters
escape it for the platform that renders it, and the bot's own links are
marked with `markup.link`. These tests attack each piece: the cleaning of
text on the way in, the Discord and Slack escapers (by property, over any
text), the surfaces of a reply, and errors that echo what was typed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.adapters.console.terminal import ConsoleSender
from bot.adapters.discord.render import escape_markdown, markdown, render_reply
from bot.adapters.slack.render import escape, escape_mrkdwn
from bot.adapters.slack.render import render_reply as slack_reply
from bot.app import open_app
from bot.config.loading import load_config
from bot.jobs.listing import Listing
from bot.testing.people import CHANNEL, actor
from commands.context import Actor
from commands.markup import link, pieces, plain, span
from commands.reply import Button, Field, Reply, reply_as_text
from commands.roles import Role
from commands.text import clean_user_text, strip_controls
from storage.outbox.queue import OutboundMessage

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
CONTROLS = BIDI + "\x00\x07\x1b\x7f\u0090\u009b\u200b\ufeff\u2060\u00ad\U000e0041\ue000\ue001"
PHISH = "[Click](https://phish.example)"
#: Discord Markdown characters that work anywhere in a line.
DISCORD_INLINE = "\\*_~`|[]<>"


def unescaped(text: str, chars: str) -> list[str]:
    """Characters of `chars` in Discord text that no backslash escapes."""
    found = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            index += 2
            continue
        if char in chars:
            found.append(char)
        index += 1
    return found


# ---- on the way in ----------------------------------------------------------------------


@pytest.mark.parametrize("control", list(CONTROLS))
def test_every_control_and_format_character_is_dropped_from_member_text(control: str) -> None:
    typed = f"Sunset{control} Gate"
    assert clean_user_text(typed, max_length=100) == "Sunset Gate"
    assert control not in strip_controls(f"a{control}b\nc")


def test_legitimate_text_is_kept() -> None:
    for text in (
        "Café Crème — Ñoño", "東京スタジオ 北門", "Dziękuję", "مرحبا بكم", "שלום",
        "👩\u200d💻 picket 👍🏽", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", "1️⃣",
    ):  # fmt: skip
        assert clean_user_text(text, max_length=100) == text, text
    # A joiner between letters is not an emoji sequence: it hides nothing and is dropped.
    assert clean_user_text("pay\u200dpal", max_length=20) == "paypal"
    # Line and paragraph separators are line breaks, not hidden characters.
    assert strip_controls("a\u2028b\u2029c\r\nd\x85e") == "a\nb\nc\nd\ne"


def test_a_display_name_from_a_platform_is_cleaned_before_anything_sees_it() -> None:
    member = Actor("discord", "123", f"\u202eAna{BIDI} \x1b[31m Boss\n")
    assert member.display_name == "Ana [31m Boss"


def test_a_display_name_is_one_line() -> None:
    # Shown inside roster and notice lines, a line break would let a name pose as lines of its own.
    member = Actor("slack", "U1", "Ana\nOrganizer: shift moved to Pier 9\u2028see you\r\nthere")

    assert member.display_name == "Ana Organizer: shift moved to Pier 9 see you there"


BLANK_LETTERS = ["\u3164", "\uffa0", "\u2800", "\u115f", "\u1160", "\U00016fe4", "\u034f", "\u17b4", "\u17b5"]


@pytest.mark.parametrize("blank", BLANK_LETTERS)
def test_letters_that_draw_nothing_are_blank(blank: str) -> None:
    # Filed as letters, symbols or marks, so they pass as printable; they show as nothing.
    assert clean_user_text(blank * 3, max_length=100) == ""
    assert clean_user_text(f"Sunset{blank}Gate", max_length=100) in ("Sunset Gate", "SunsetGate")
    assert Actor("discord", "123", blank + " " + blank).display_name == "123"  # the id, not a blank name


def test_text_must_hold_something_visible() -> None:
    assert clean_user_text("\u0301\u0308 \ufe0f", max_length=100) == ""  # marks with nothing to mark
    for text in ("·", "1", "👍", "한", "—"):
        assert clean_user_text(text, max_length=100) == text
    assert Actor("slack", "U1", "\u202e\u2066").display_name == "U1"  # nothing left: the id


def test_a_job_listing_is_cleaned_when_fetched() -> None:
    listing = Listing(
        source="s", company=f"Lan{BIDI}tern\x00", external_id="1", title=f"ML\u202e Engineer\n\t{PHISH}",
        locations=("Burbank\u2067", "\u200f"), url=" https://jobs.example/1\u200b ",
        description="Line one\u202e\nLine two",
    ).cleaned()  # fmt: skip
    assert listing.company == "Lantern"
    assert listing.title == f"ML Engineer {PHISH}"  # markup stays literal; adapters escape it
    assert listing.locations == ("Burbank",)
    assert listing.url == "https://jobs.example/1"
    assert listing.description == "Line one\nLine two"


# ---- the Discord escaper -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attack", "live"),
    [
        (PHISH, r"\[Click\]\("),
        ("**bold** __under__ ~~strike~~ ||spoiler|| `code` ```block```", r"\*\*|__|~~|\|\||`"),
        ("<@123> <@&456> <#789> <t:1700000000:R> </picket signup:1>", "<"),
        ("<https://phish.example>", "<https"),
        ("see https://phish.example/login now", "https://"),
        ("# Header\n## Second\n### Third", "^#"),
        ("-# subtext", "^-#"),
        ("> quoted\n>>> all quoted", "^>"),
        ("- item\n* item\n+ item\n1. item", r"^[-*+] |^1\. "),
    ],
)
def test_discord_markdown_attacks_are_escaped(attack: str, live: str) -> None:
    shown = markdown(attack)
    assert not re.search(rf"(?<!\\)(?:{live})", shown, re.MULTILINE), shown
    assert not unescaped(shown, DISCORD_INLINE)
    assert not re.search(r"^[ \t]*(#{1,3} |-# |[-+] |\d+\. )", shown, re.MULTILINE)


@given(st.text(max_size=200))
def test_any_text_escaped_for_discord_has_no_live_markdown(text: str) -> None:
    shown = escape_markdown(text)
    assert not unescaped(shown, DISCORD_INLINE)
    assert not re.search(r"^[ \t]*(#{1,3}[ \t]|-#|[-+][ \t]|\d+\.[ \t])", shown, re.MULTILINE)
    assert not re.search(r"[A-Za-z0-9]://", shown)
    # Removing the escapes gives the text back: members read exactly what was written.
    assert re.sub(r"\\(.)", r"\1", shown, flags=re.DOTALL) == text


def test_discord_renders_every_surface_of_a_reply_as_text() -> None:
    reply = Reply(
        title=f"Site {PHISH}",
        text=f"{PHISH}\n# not a header\n@everyone",
        fields=(Field(f"*{PHISH}*", f"`{PHISH}`"),),
        footer=f"{PHISH}\u202e",
        buttons=(Button(f"Sign up \u202e{PHISH}", "picket signup 1"),),
    )
    embed = render_reply(reply).embed
    assert embed is not None and embed.title and embed.description and embed.footer.text
    for shown in (embed.title, embed.description, embed.fields[0].name, embed.fields[0].value):
        assert "[Click](" not in shown and "https://" not in shown and not unescaped(shown, "[]*`")
    assert "\n# " not in embed.description and "@everyone" not in embed.description
    # Footers and button labels render no Markdown: shown as written, minus controls.
    assert embed.footer.text == PHISH
    assert render_reply(Reply.error(f"no site called '{PHISH}'")).content == (
        "no site called '\\[Click\\](https\\://phish.example)'"
    )


async def test_discord_button_labels_lose_control_characters() -> None:
    kwargs = render_reply(Reply("x", buttons=(Button("Sign \u202eup\x00", "picket signup 1"),))).send_kwargs()
    [row] = kwargs["view"].to_components()
    assert row["components"][0]["label"] == "Sign up"


# ---- the Slack escaper -------------------------------------------------------------------


ZWSP = "\u200b"


@given(st.text(max_size=200))
def test_any_text_escaped_for_slack_mrkdwn_has_no_live_markup(text: str) -> None:
    shown = escape_mrkdwn(text)
    assert "<" not in shown and ">" not in shown
    assert not re.search(r"&(?!amp;|lt;|gt;)", shown)
    for match in re.finditer(r"[*_~`]", shown):
        before, after = shown[match.start() - 1 : match.start()], shown[match.end() : match.end() + 1]
        assert before == after == ZWSP, (text, shown)
    assert not re.search(r"^[ \t]*&gt;", shown, re.MULTILINE)
    plain_again = shown.replace(ZWSP, "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert plain_again == text.replace(ZWSP, "")


def test_slack_renders_member_markup_as_text_and_the_bots_links_as_links() -> None:
    body = f"*Boss* _x_ ~y~ `z` {PHISH} <https://phish.example|Click> <!channel>\n> quote\n{link('https://jobs.example/1')}"
    message = slack_reply(Reply(title=f"*{PHISH}*", text=body, fields=(Field("Who", "*Ana*"),)))
    header, section, field = message.blocks
    assert header["text"] == {"type": "plain_text", "text": f"*{PHISH}*"}  # plain_text renders nothing
    shown = section["text"]["text"]
    assert section["text"]["verbatim"] is True  # no auto-linking of member text
    assert "*Boss*" not in shown and f"{ZWSP}*{ZWSP}Boss{ZWSP}*{ZWSP}" in shown
    assert "<https://phish" not in shown and "<!channel>" not in shown
    assert f"\n{ZWSP}&gt; quote" in shown
    assert shown.endswith("<https://jobs.example/1>")
    assert field["text"]["text"] == f"*Who*\n{ZWSP}*{ZWSP}Ana{ZWSP}*{ZWSP}"
    assert "*Boss*" not in message.text and "<!channel>" not in message.text


# ---- the bot's own links ---------------------------------------------------------------------


def test_only_safe_http_addresses_become_links() -> None:
    assert link("javascript:alert(1)") == link("ftp://x.example") == link("https://") == ""
    assert link("https://a.example/x y") == ""
    marked = link("https://a.example/p?q=1|2&r=<3>")
    assert [p for p in pieces(marked)] == [("https://a.example/p?q=1%7C2&r=%3C3%3E", True)]
    # A forged mark around something that is not a safe address shows as text.
    assert list(pieces("\ue000javascript:x\ue001 a")) == [("javascript:x", False), (" a", False)]
    assert plain(f"see {link('https://a.example/')}.") == "see https://a.example/."
    assert escape(f"{link('https://a.example/a_b')}") == "<https://a.example/a_b>"
    assert markdown(f"{link('https://a.example/a_b')} a_b") == "https://a.example/a_b a\\_b"


# ---- replies, errors and the console --------------------------------------------------------


def test_a_reply_drops_control_characters_from_every_surface() -> None:
    reply = Reply(
        text=f"unknown site '{BIDI}x'\n@{ZWSP}everyone",
        title="\u202eT",
        footer="f\x1b",
        fields=(Field("n\u2066", "v\u2069"),),
        buttons=(Button("b\u200f", "picket signup 1"),),
    )
    assert (reply.text, reply.title, reply.footer) == (f"unknown site 'x'\n@{ZWSP}everyone", "T", "f")
    assert (reply.fields[0].name, reply.fields[0].value, reply.buttons[0].label) == ("n", "v", "b")
    assert not set(BIDI) & set(reply_as_text(Reply.error(f"no site {BIDI}")))


async def test_errors_do_not_echo_control_characters(tmp_path: Path) -> None:
    app = await open_app(load_config(db_path=str(tmp_path / "t.db"), env={}))
    organizer = actor("olga", Role.ORGANIZER)
    try:
        for line in (
            "/picket\u202e signup 1",
            f"/nonsense\u202e{BIDI}",
            f'/picket shifts "\u202eGate{BIDI}" tomorrow',
            "/picket signup \u202e12",
            "/picket shift add Gate\u2066 mon 09:00-12:00 capacity=1\u202e0",
            f"/jobs latest \u202eNetflix{BIDI}",
            "/picket site close Gate reason=x\u202e move_to\u202e=y",
        ):
            reply = await app.dispatcher.handle_text(organizer, CHANNEL, line)
            assert not set(CONTROLS) & set(reply.text), (line, reply.text)
            assert not set(CONTROLS) & set(render_reply(reply).content or ""), line
    finally:
        await app.close()


async def test_the_console_prints_outbox_messages_as_plain_text() -> None:
    written: list[str] = []
    message = OutboundMessage(
        platform="console", target_kind="channel", target_id="c", kind="job_alert",
        title="New \u202eAI job", body=f"{PHISH}\u2066\n  {link('https://jobs.example/1')}",
    )  # fmt: skip
    await ConsoleSender(written.append).send(message)
    assert written == [f"[#c] New AI job\n{PHISH}\n  https://jobs.example/1\n\n"]


def test_a_reply_with_the_bots_own_marks_takes_the_fast_path_unchanged() -> None:
    """Every sign-up reply carries a marked time; it must not go through the per-character
    regex (a storm builds thousands), and the marks must stay."""
    text = "Signed up for " + span(
        datetime(2026, 11, 2, 17, tzinfo=UTC), datetime(2026, 11, 2, 20, tzinfo=UTC), "Mon 09:00"
    )
    assert Reply(text=text).text is text
    assert strip_controls(text) != text  # without `keep`, the marks are foreign and dropped
