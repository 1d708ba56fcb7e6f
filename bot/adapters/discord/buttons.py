"""Buttons that keep working after a restart.

A picketbot button's custom_id is the command line it runs (``pb:picket
signup 42``), so the id alone says what to do: a click is read straight from
the interaction (`bot.adapters.discord.answering`), with nothing kept per
message, on any message the bot ever posted.

Two renderings of the same buttons: `button_rows`, the JSON components an
interaction response or follow-up carries, and `build_view`, the discord.py
view that the outbox's channel posts and edits take. Views are stopped before
they are sent, so discord.py never tracks them per message (memory would
grow with every post) nor times them out.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from commands.markup import plain
from commands.reply import Button, ButtonStyle

log = logging.getLogger("picketbot.discord")

MAX_CUSTOM_ID = 100
MAX_LABEL = 80
MAX_BUTTONS = 25  # five rows of five
PER_ROW = 5
ACTION_ROW = 1
BUTTON = 2

STYLES: dict[ButtonStyle, discord.ButtonStyle] = {
    "primary": discord.ButtonStyle.primary,
    "secondary": discord.ButtonStyle.secondary,
    "danger": discord.ButtonStyle.danger,
}


def build_view(buttons: tuple[Button, ...]) -> discord.ui.View | None:
    """A view of picketbot buttons, already stopped (see the module's notes); None without any."""
    kept = _kept(buttons)
    if not kept:
        return None
    view = discord.ui.View(timeout=None)
    for custom_id, label, style in kept:
        view.add_item(discord.ui.Button(label=label or None, style=style, custom_id=custom_id))
    view.stop()
    return view


def button_rows(buttons: tuple[Button, ...]) -> list[dict[str, Any]]:
    """The buttons as Discord's message components: action rows of up to five."""
    items = [
        {"type": BUTTON, "style": style.value, "custom_id": custom_id, **({"label": label} if label else {})}
        for custom_id, label, style in _kept(buttons)
    ]
    return [{"type": ACTION_ROW, "components": items[i : i + PER_ROW]} for i in range(0, len(items), PER_ROW)]


def _kept(buttons: tuple[Button, ...]) -> list[tuple[str, str, discord.ButtonStyle]]:
    kept = [item for item in map(_item, buttons) if item is not None]
    return kept[:MAX_BUTTONS]


def _item(button: Button) -> tuple[str, str, discord.ButtonStyle] | None:
    custom_id = button.action_id
    if len(custom_id) > MAX_CUSTOM_ID:
        # Discord refuses the whole message over one long id: leave the button out instead.
        log.warning("button %r left out: its command is longer than Discord allows", button.label)
        return None
    label = plain(button.label)  # a button label renders no Markdown, but keeps no control characters
    label = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
    return custom_id, label, STYLES.get(button.style, discord.ButtonStyle.secondary)
