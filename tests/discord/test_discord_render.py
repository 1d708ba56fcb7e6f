"""Replies as Discord messages: embeds within every limit, errors as one line, buttons, files."""

from __future__ import annotations

from typing import Any

import discord

from bot.adapters.discord.render import render_notice, render_reply
from bot.testing.fakes.discord import validate_message
from commands.i18n import speaking
from commands.reply import Attachment, Button, Field, Reply


def message_body(reply: Reply) -> dict[str, Any]:
    """The JSON discord.py would send for this reply."""
    kwargs = render_reply(reply).send_kwargs()
    body: dict[str, Any] = {"content": kwargs["content"]}
    if "embed" in kwargs:
        body["embeds"] = [kwargs["embed"].to_dict()]
    if "view" in kwargs:
        body["components"] = kwargs["view"].to_components()
    return body


def test_a_reply_becomes_one_embed() -> None:
    reply = Reply(
        title="Shift #4", text="Sunset Gate", fields=(Field("Places", "3/10", inline=True),), footer="PST"
    )
    [embed] = [render_reply(reply).send_kwargs()["embed"]]

    assert (embed.title, embed.description, embed.footer.text) == ("Shift #4", "Sunset Gate", "PST")
    assert [(f.name, f.value, f.inline) for f in embed.fields] == [("Places", "3/10", True)]
    assert render_reply(reply).content is None


def test_everything_too_long_is_cut_with_an_ellipsis_and_discord_accepts_it() -> None:
    fields = tuple(Field(f"{i}" + "n" * 300, "v" * 1100) for i in range(30))
    reply = Reply(title="t" * 300, text="x" * 5000, fields=fields, footer="f" * 2100)

    body = message_body(reply)
    validate_message(body)  # raises what Discord would answer
    [embed] = body["embeds"]
    assert embed["title"].endswith("…") and len(embed["title"]) == 256
    assert embed["footer"]["text"].endswith("…")
    assert 0 < len(embed["fields"]) <= 25
    assert embed["description"].startswith("x" * 900)
    assert embed["description"].endswith(f"(… and {30 - len(embed['fields'])} more not shown)")
    assert all(f["value"].endswith("…") and len(f["value"]) == 1024 for f in embed["fields"])


def test_fields_alone_stay_within_the_total() -> None:
    reply = Reply(fields=tuple(Field(f"Site {i}", "w" * 1000) for i in range(25)))
    body = message_body(reply)
    validate_message(body)
    [embed] = body["embeds"]
    assert 0 < len(embed["fields"]) < 25
    assert "more not shown" in embed["description"]


def test_an_error_is_one_plain_line() -> None:
    rendered = render_reply(Reply.error("there is no shift #99 (see /picket shifts)"))
    assert rendered.embed is None
    assert rendered.content == "there is no shift #99 (see /picket shifts)"
    assert len(render_reply(Reply.error("e" * 3000)).content or "") == 2000


async def test_buttons_carry_their_command_and_keep_working_after_a_restart() -> None:
    # Async: views are built inside the running loop, as in the bot.
    buttons = (Button("Sign up", "picket signup 4", "primary"), Button("Cancel", "picket cancel 4", "danger"))
    kwargs = render_reply(Reply("Shift #4", buttons=buttons)).send_kwargs()
    view = kwargs["view"]

    [row] = view.to_components()
    assert [(c["custom_id"], c["label"], c["style"]) for c in row["components"]] == [
        ("pb:picket signup 4", "Sign up", discord.ButtonStyle.primary.value),
        ("pb:picket cancel 4", "Cancel", discord.ButtonStyle.danger.value),
    ]
    assert view.timeout is None
    # Stopped: discord.py keeps no per-message state; a click is read from its custom_id.
    assert view.is_finished()


def test_a_button_discord_cannot_take_is_left_out_not_the_message() -> None:
    buttons = (
        Button("Too long", "picket signup " + "9" * 100),
        *(Button(f"B{i}", f"help {i}") for i in range(30)),
    )
    body = message_body(Reply("many", buttons=buttons))
    validate_message(body)
    ids = [c["custom_id"] for row in body["components"] for c in row["components"]]
    assert len(ids) == 25 and all(len(i) <= 100 for i in ids) and ids[0] == "pb:help 0"


def test_an_attachment_becomes_a_file_and_needs_no_text() -> None:
    calendar = Attachment("shifts.ics", b"BEGIN:VCALENDAR\r\n", "text/calendar")
    kwargs = render_reply(Reply(attachment=calendar)).send_kwargs()
    assert kwargs["file"].filename == "shifts.ics"
    assert kwargs["file"].fp.read() == b"BEGIN:VCALENDAR\r\n"
    assert kwargs["content"] is None and "embed" not in kwargs


def test_an_empty_reply_still_says_something() -> None:
    assert render_reply(Reply()).content == "Done."


def test_a_notice_can_lead_with_a_mention() -> None:
    rendered = render_notice("Reminder", "Shift #4 starts in an hour", None, (), lead="<@42>")
    assert rendered.content == "<@42>"
    assert rendered.embed is not None and rendered.embed.description == "Shift #4 starts in an hour"


def test_the_note_on_fields_left_out_is_in_the_readers_language() -> None:
    fields = tuple(Field(f"Dato {i}", "v" * 1000) for i in range(12))
    with speaking("es"):
        [embed] = message_body(Reply(title="Datos sobre sueldos (12)", fields=fields))["embeds"]
    hidden = 12 - len(embed["fields"])
    assert hidden > 1
    assert embed["description"] == f"(… y {hidden} más que no se muestran)"
