"""Errors a handler raises to give the user one clear line.

The dispatcher turns each of these into an ephemeral error `Reply`; anything
else is a bug, logged with its traceback and answered with a generic line.
"""

from __future__ import annotations


class CommandError(Exception):
    """Something the user can fix; the message is shown to them as is."""


class UsageError(CommandError):
    """The command line could not be read; the reply adds the command's usage."""

    def __init__(self, message: str, usage: str | None = None) -> None:
        super().__init__(message)
        self.usage = usage


class PermissionDenied(CommandError):
    """The acting member lacks the role the command needs."""


class NotFound(CommandError):
    """A named thing (shift, site, fact) does not exist."""
