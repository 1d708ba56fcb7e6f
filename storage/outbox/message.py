"""An outbound message as the outbox keeps it: plain values, no chat library and no SQL.

The features compose these (`commands.picket.notices`, `bot.jobs.alerts`) and
storage queues them. A message with a `post_key` is one the bot may edit later
(a live shift post); one with `edit_of` is such an edit (`storage.outbox.edits`). A button here is only what is stored: its label, the
command line it runs and its style; the adapters draw it (a NamedTuple, so it
compares equal to a `commands.reply.Button` with the same three values).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

TargetKind = Literal["channel", "user"]


class NoticeButton(NamedTuple):
    """A button on a queued message: clicking it runs `command`, as a reply's button does."""

    label: str
    command: str
    style: str = "secondary"


@dataclass(frozen=True)
class OutboundMessage:
    """A message to send: to a channel, or to a user directly."""

    platform: str
    target_kind: TargetKind
    target_id: str
    body: str
    kind: str = "notice"
    title: str | None = None
    footer: str | None = None
    buttons: tuple[NoticeButton, ...] = ()
    fallback_channel_id: str | None = None
    dedupe_key: str | None = None
    #: Store where this message lands under this key, so it can be edited later (`storage.outbox.edits`).
    post_key: str | None = None
    #: This message is an edit: it replaces the content of the message stored under this key.
    edit_of: str | None = None
    id: int = 0
    attempts: int = 0


@dataclass(frozen=True)
class PostContent:
    """What an edit puts in a posted message: everything it shows, replacing what it showed."""

    body: str
    title: str | None = None
    footer: str | None = None
    buttons: tuple[NoticeButton, ...] = ()


@dataclass(frozen=True)
class PostedRef:
    """Where a sent message landed: its channel and the platform's id for it (Discord's
    message id, Slack's ts), as a sender reports it and `posted_messages` keeps it."""

    channel_id: str
    message_id: str
