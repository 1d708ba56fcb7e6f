"""The platform-neutral answer a command handler returns.

Adapters turn a `Reply` into a Discord embed, Slack Block Kit or console
text; handlers never send anything themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

ButtonStyle = Literal["primary", "secondary", "danger"]


@dataclass(frozen=True)
class Field:
    """A labelled value shown beside the reply text (an embed field, a Slack section)."""

    name: str
    value: str
    inline: bool = False


class Button(NamedTuple):
    """A button that runs a command when clicked.

    The button carries the command line it runs (``picket signup 42``), so its
    id names everything needed to act on it and keeps working after a restart.
    """

    label: str
    command: str
    style: ButtonStyle = "secondary"

    @property
    def action_id(self) -> str:
        return f"pb:{self.command}"


ACTION_PREFIX = "pb:"


def command_from_action_id(action_id: str) -> str | None:
    """The command line a button id stands for, or None if it is not ours."""
    if not action_id.startswith(ACTION_PREFIX):
        return None
    return action_id[len(ACTION_PREFIX) :]


@dataclass(frozen=True)
class Attachment:
    """A file that goes with a reply (a calendar, a CSV export)."""

    filename: str
    content: bytes
    content_type: str


@dataclass(frozen=True, slots=True)  # slots: every command builds one
class Reply:
    text: str = ""
    title: str | None = None
    fields: tuple[Field, ...] = ()
    buttons: tuple[Button, ...] = ()
    ephemeral: bool = False
    footer: str | None = None
    attachment: Attachment | None = None
    is_error: bool = False

    @classmethod
    def error(cls, message: str) -> Reply:
        return cls(text=message, ephemeral=True, is_error=True)


def reply_as_text(reply: Reply) -> str:
    """Plain-text rendering, used by the console and as a fallback everywhere."""
    lines: list[str] = []
    if reply.title:
        lines.append(f"== {reply.title} ==")
    if reply.text:
        lines.append(reply.text)
    for f in reply.fields:
        lines.append(f"{f.name}: {f.value}")
    if reply.footer:
        lines.append(reply.footer)
    if reply.buttons:
        lines.append("  ".join(f"[{b.label}: /{b.command}]" for b in reply.buttons))
    if reply.attachment:
        lines.append(f"(attached: {reply.attachment.filename}, {len(reply.attachment.content)} bytes)")
    return "\n".join(lines)
