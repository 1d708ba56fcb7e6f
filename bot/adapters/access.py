"""Whose bot this is: one union's own Discord servers and Slack workspace.

Platform roles (a Discord role called "Strike Organizer", a Slack user group)
mean something only where the union controls them. Anyone can create a
Discord server, add a role of that name and invite a public bot, so a request
from a server or workspace the configuration does not list is answered with
`FOREIGN_ORGANIZATION` and nothing else: no command runs, nothing is written.
See docs/security.md.
"""

from __future__ import annotations

from commands.i18n import N_

#: Translated where it is shown (in the language of whoever was refused, when known).
FOREIGN_ORGANIZATION = N_("This bot serves another organization; it does nothing here.")
