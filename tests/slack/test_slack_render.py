"""Block Kit rendering: Slack's limits hold and no member text can ping or inject markup."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.adapters.slack.render import (
    MAX_BLOCKS,
    TRUNCATED_NOTE,
    escape,
    render_outbound,
    render_reply,
    split_text,
)
from commands.reply import Attachment, Button, Field, Reply

BROKEN_ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")


def text_objects(blocks: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(where, text) for every text in the blocks."""
    found: list[tuple[str, str]] = []
    for block in blocks:
        kind = block["type"]
        if "text" in block:
            found.append((kind, block["text"]["text"]))
        found += [(f"{kind}.field", f["text"]) for f in block.get("fields", [])]
        for element in block.get("elements", []):
            found.append(
                (f"{kind}.element", element["text"] if kind == "context" else element["text"]["text"])
            )
    return found


def test_escape_makes_mentions_and_markup_inert() -> None:
    shown = escape("<!channel> <!here> <@U123> <#C1> @everyone @here AT&T <b>")

    assert "<" not in shown and ">" not in shown
    assert "@everyone" not in shown and "@here" not in shown
    assert "AT&amp;T &lt;b&gt;" in shown


def test_reply_maps_to_header_sections_fields_actions_and_context() -> None:
    reply = Reply(
        title="Shift 42 at Netflix Sunset Gate",
        text="Mon 09:00–12:00, 3 of 10 places taken",
        fields=(Field("Captain", "Ana", inline=True), Field("Notes", "Bring water")),
        buttons=(Button("Sign up", "picket signup 42", "primary"), Button("Cancel", "picket cancel 42")),
        footer="shift 42",
    )

    message = render_reply(reply)

    kinds = [b["type"] for b in message.blocks]
    assert kinds == ["header", "section", "section", "section", "actions", "context"]
    assert message.blocks[2]["fields"] == [{"type": "mrkdwn", "text": "*Captain*\nAna", "verbatim": True}]
    assert message.blocks[3]["text"]["text"] == "*Notes*\nBring water"
    signup, cancel = message.blocks[4]["elements"]
    assert signup == {
        "type": "button",
        "text": {"type": "plain_text", "text": "Sign up", "emoji": True},
        "action_id": "pb:picket signup 42",
        "value": "picket signup 42",
        "style": "primary",
    }
    assert "style" not in cancel  # Slack has no "secondary" style
    assert message.text.startswith("Shift 42 at Netflix Sunset Gate\nMon 09:00")


def test_long_text_is_split_into_sections_within_3000() -> None:
    paragraph = "Picket line news & notes. " * 40
    reply = Reply(text="\n".join([paragraph] * 12))

    message = render_reply(reply)

    sections = [b["text"]["text"] for b in message.blocks]
    assert len(sections) > 1
    assert all(len(s) <= 3000 for s in sections)
    assert "".join(sections).replace(" ", "").replace("\n", "") == escape(reply.text).replace(
        " ", ""
    ).replace("\n", "")


def test_one_very_long_line_is_cut_without_breaking_an_entity() -> None:
    pieces = split_text(escape("&" * 5000), 3000)

    assert all(len(p) <= 3000 for p in pieces)
    assert "".join(pieces) == "&amp;" * 5000


def test_more_than_50_blocks_keeps_title_buttons_and_footer() -> None:
    reply = Reply(
        title="All shifts",
        fields=tuple(Field(f"Shift {n}", "Sunset Gate") for n in range(80)),
        buttons=(Button("More", "picket shifts week"),),
        footer="80 shifts",
    )

    blocks = render_reply(reply).blocks

    assert len(blocks) == MAX_BLOCKS
    assert blocks[0]["type"] == "header"
    assert [b["type"] for b in blocks[-3:]] == ["context", "actions", "context"]
    assert blocks[-3]["elements"][0]["text"] == TRUNCATED_NOTE
    assert blocks[-1]["elements"][0]["text"] == "80 shifts"


def test_inline_fields_go_ten_to_a_section() -> None:
    reply = Reply(fields=tuple(Field(f"Site {n}", f"{n} open", inline=True) for n in range(23)))

    blocks = render_reply(reply).blocks

    assert [len(b["fields"]) for b in blocks] == [10, 10, 3]


def test_buttons_dedupe_split_at_25_and_drop_ids_slack_cannot_take() -> None:
    buttons = [Button(f"Shift {n}", f"picket signup {n}") for n in range(30)]
    buttons += [Button("Again", "picket signup 0"), Button("Huge", "fact " + "x" * 300)]

    blocks = render_reply(Reply(text="Sign up", buttons=tuple(buttons))).blocks

    actions = [b for b in blocks if b["type"] == "actions"]
    assert [len(a["elements"]) for a in actions] == [25, 5]
    ids = [e["action_id"] for a in actions for e in a["elements"]]
    assert len(set(ids)) == 30 and all(len(i) <= 255 for i in ids)


def test_long_title_and_label_are_cut_to_slacks_limits() -> None:
    reply = Reply(title="Sunset & Gower " * 20, buttons=(Button("Sign me up please " * 10, "help"),))

    blocks = render_reply(reply).blocks

    header = blocks[0]["text"]["text"]
    label = blocks[-1]["elements"][0]["text"]["text"]
    assert len(header) <= 150 and header.endswith("…") and not BROKEN_ENTITY.search(header)
    assert len(label) <= 75


def test_short_text_attachment_is_shown_as_a_code_block() -> None:
    ics = b"BEGIN:VCALENDAR\r\nSUMMARY:Picket <Netflix> ```\r\nEND:VCALENDAR\r\n"
    reply = Reply(text="Your shifts", attachment=Attachment("shifts.ics", ics, "text/calendar"))

    section = render_reply(reply).blocks[-1]["text"]["text"]

    assert section.startswith("*shifts.ics*\n```BEGIN:VCALENDAR")
    assert "&lt;Netflix&gt;" in section
    assert section.count("```") == 2  # the file's own ``` cannot close the fence


def test_large_or_binary_attachment_points_to_the_console() -> None:
    for attachment in (
        Attachment("hours.csv", b"member,hours\n" * 1000, "text/csv"),
        Attachment("export.bin", b"\x89PNG\r\n", "application/octet-stream"),
    ):
        block = render_reply(Reply(text="Export", attachment=attachment)).blocks[-1]
        assert block["type"] == "context"
        assert "console" in block["elements"][0]["text"]


def test_an_image_is_named_as_not_shown() -> None:
    # A check-in QR code: the reply's text carries the code; Slack gets no upload.
    attachment = Attachment("code.png", b"\x89PNG\r\n", "image/png")
    block = render_reply(Reply(text="Code 4821", attachment=attachment)).blocks[-1]
    assert block["type"] == "context"
    assert (
        block["elements"][0]["text"]
        == "code.png: the image is not shown in Slack (picketbot uploads no files there)."
    )


def test_outbound_message_with_lead_mention_keeps_only_that_mention() -> None:
    message = render_outbound("Reminder", "<!channel> shift at 9", None, (), lead="<@U0ANA>")

    assert message.blocks[1]["text"]["text"] == "<@U0ANA> &lt;\u200b!channel&gt; shift at 9"
    assert message.text.startswith("<@U0ANA>\nReminder")


@settings(max_examples=150, deadline=None)
@given(
    title=st.text(max_size=400),
    text=st.text(alphabet=st.sampled_from("ab &<>!@\n"), max_size=9000),
    fields=st.lists(st.tuples(st.text(max_size=300), st.text(max_size=2500), st.booleans()), max_size=70),
)
def test_any_reply_stays_within_limits_and_inert(
    title: str, text: str, fields: list[tuple[str, str, bool]]
) -> None:
    reply = Reply(title=title or None, text=text, fields=tuple(Field(n, v, i) for n, v, i in fields))

    message = render_reply(reply)

    assert len(message.blocks) <= MAX_BLOCKS
    assert len(message.text) <= 3000
    limits = {"header": 150, "section": 3000, "section.field": 2000, "context.element": 3000}
    for where, shown in [*text_objects(message.blocks), ("fallback", message.text)]:
        assert len(shown) <= limits.get(where, 3000), where
        assert "<" not in shown and ">" not in shown, where
        assert not BROKEN_ENTITY.search(shown), where
