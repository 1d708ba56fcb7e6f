"""Errors a handler raises to give the user one clear line.

The dispatcher turns each of these into an ephemeral error `Reply`; anything
else is a bug, logged with its traceback and answered with a generic line.
"""

from __future__ import annotations

import logging
import secrets

from commands.i18n import _


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


def unexpected_failure(log: logging.Logger, what: str, *args: object) -> str:
    """Log the exception being handled under a new reference; return the one line a member sees.

    ``what`` (``%``-style, with ``args``) says what failed, for the log only:
    the member is told nothing but the reference to quote to an organizer.
    """
    reference = secrets.token_hex(3)
    log.exception(what + " (ref %s)", *args, reference)
    return _("Sorry, something went wrong on our side (ref {reference}).").format(reference=reference)
