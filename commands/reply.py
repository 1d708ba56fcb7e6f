"""The platform-neutral answer a command handler returns.

Adapters turn a `Reply` into a Discord embed, Slack Block Kit or console
text; handlers never send anything themselves. Everything a reply holds is
literal text (see `commands.markup`): the adapters escape it for their
platform, and a reply drops control characters from its text when it is
made, so an error that echoes what a member typed never carries them back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal, NamedTuple, cast, get_args

from commands.i18n import _
from commands.markup import MARKERS, plain
from commands.text import strip_controls

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


def buttons_from(stored: Iterable[tuple[str, str, str]]) -> tuple[Button, ...]:
    """Buttons as the outbox keeps them (label, command, style), ready for an adapter to draw."""
    return tuple(
        Button(label, command, cast(ButtonStyle, style if style in _STYLES else "secondary"))
        for label, command, style in stored
    )


_STYLES = frozenset(get_args(ButtonStyle))


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

    def __post_init__(self) -> None:
        for name in ("text", "title", "footer"):
            value = getattr(self, name)
            if value and not value.isprintable():
                object.__setattr__(self, name, _clean(value))
        if self.fields:
            object.__setattr__(self, "fields", tuple(_clean_field(f) for f in self.fields))
        if self.buttons:
            object.__setattr__(self, "buttons", tuple(_clean_button(b) for b in self.buttons))

    @classmethod
    def error(cls, message: str) -> Reply:
        return cls(text=message, ephemeral=True, is_error=True)


#: Kept in a reply: the marks around the bot's links, and the zero-width spaces `no_pings` puts in.
_KEEP = MARKERS | {"\u200b"}


def _clean(text: str) -> str:
    return strip_controls(text, keep=_KEEP)


def _clean_field(field: Field) -> Field:
    if field.name.isprintable() and field.value.isprintable():
        return field
    return replace(field, name=_clean(field.name), value=_clean(field.value))


def _clean_button(button: Button) -> Button:
    return button if button.label.isprintable() else button._replace(label=_clean(button.label))


def reply_as_text(reply: Reply) -> str:
    """Plain-text rendering, used by the console and as a fallback everywhere."""
    lines: list[str] = []
    if reply.title:
        lines.append(f"== {plain(reply.title)} ==")
    if reply.text:
        lines.append(plain(reply.text))
    # When any value spans lines, every name is a heading on its own line (the same layout for all),
    # so a name never runs into the first line of its value.
    headings = any("\n" in f.value for f in reply.fields)
    for f in reply.fields:
        lines.append(plain(f"\n{f.name}:\n{f.value}" if headings else f"{f.name}: {f.value}"))
    if reply.footer:
        lines.append(plain(reply.footer))
    if reply.buttons:
        lines.append("  ".join(f"[{plain(b.label)}: /{b.command}]" for b in reply.buttons))
    if reply.attachment:
        attached = _("(attached: {filename}, {size:,} bytes)")
        lines.append(attached.format(filename=reply.attachment.filename, size=len(reply.attachment.content)))
    return "\n".join(lines)
