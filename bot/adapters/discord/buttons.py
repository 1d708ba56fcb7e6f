"""Buttons that keep working after a restart.

A picketbot button's custom_id is the command line it runs (``pb:picket
signup 42``), so the id alone says what to do. `ActionButton` is a
discord.py `DynamicItem` whose template matches every such id: registered
once at start (`discord.Client.add_dynamic_items`), it answers clicks on any
message the bot ever posted, with nothing kept per message.

Views holding these buttons are stopped before they are sent. discord.py then
does not track them per message (memory would grow with every post), and,
more importantly, never "expires" them: when a tracked view times out (an
ephemeral reply's view gets 15 minutes) discord.py unregisters the dynamic
item classes in it, which would silence every button of every message.
"""

from __future__ import annotations

import abc
import logging
import re
from typing import Any, Self

import discord

from commands.markup import plain
from commands.reply import ACTION_PREFIX, Button, ButtonStyle

log = logging.getLogger("picketbot.discord")

MAX_CUSTOM_ID = 100
MAX_LABEL = 80
MAX_BUTTONS = 25  # five rows of five

STYLES: dict[ButtonStyle, discord.ButtonStyle] = {
    "primary": discord.ButtonStyle.primary,
    "secondary": discord.ButtonStyle.secondary,
    "danger": discord.ButtonStyle.danger,
}


class ClickingClient(discord.Client, abc.ABC):
    """A client that is told about clicks on picketbot buttons (PicketClient is the one)."""

    @abc.abstractmethod
    async def on_click(self, interaction: discord.Interaction, custom_id: str) -> None:
        """Run the command a clicked button stands for."""


class ActionButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=re.compile(re.escape(ACTION_PREFIX) + r"(?P<line>.+)", re.DOTALL),
):
    def __init__(
        self, custom_id: str, label: str = "", style: discord.ButtonStyle = discord.ButtonStyle.secondary
    ) -> None:
        super().__init__(discord.ui.Button(label=label or None, style=style, custom_id=custom_id))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> Self:
        return cls(str(getattr(item, "custom_id", None) or match.group(0)))

    async def callback(self, interaction: discord.Interaction) -> None:
        client = interaction.client
        if isinstance(client, ClickingClient):
            await client.on_click(interaction, self.item.custom_id or "")


def build_view(buttons: tuple[Button, ...]) -> discord.ui.View | None:
    """A view of picketbot buttons, already stopped (see the module's notes); None without any."""
    items = [_item(b) for b in buttons]
    kept = [item for item in items if item is not None][:MAX_BUTTONS]
    if not kept:
        return None
    view = discord.ui.View(timeout=None)
    for item in kept:
        view.add_item(item)
    view.stop()
    return view


def _item(button: Button) -> ActionButton | None:
    custom_id = button.action_id
    if len(custom_id) > MAX_CUSTOM_ID:
        # Discord refuses the whole message over one long id: leave the button out instead.
        log.warning("button %r left out: its command is longer than Discord allows", button.label)
        return None
    label = plain(button.label)  # a button label renders no Markdown, but keeps no control characters
    label = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
    return ActionButton(custom_id, label, STYLES.get(button.style, discord.ButtonStyle.secondary))
