"""Member roles, ordered so that a higher role can do what a lower one can."""

from __future__ import annotations

from enum import IntEnum

from commands.i18n import N_, _


class Role(IntEnum):
    MEMBER = 1
    CAPTAIN = 2
    ORGANIZER = 3

    @property
    def label(self) -> str:
        """The role's name in configuration and storage (English, never translated)."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(r.label for r in cls)
            raise ValueError(
                _("unknown role {role} (expected one of: {names})").format(role=repr(text), names=names)
            ) from None


#: What help says under a command that needs a role (whole phrases: Spanish words them otherwise).
ONLY_FOR = {Role.CAPTAIN: N_("(for captains)"), Role.ORGANIZER: N_("(for organizers)")}
#: A refusal for the role, by the role needed.
AND_UP = {
    Role.MEMBER: N_("/{command} is for members and up."),
    Role.CAPTAIN: N_("/{command} is for captains and up."),
    Role.ORGANIZER: N_("/{command} is for organizers and up."),
}
