"""The role a member has through their linked accounts (/link): the highest wins.

Each linked account's role is the one its platform gave it when it last ran a
command (noted by `Context.member_id`). A role not seen for `ROLE_TRUST` no
longer counts, so a captain or organizer demoted on one platform does not keep
that role on the other for long without using the first.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from commands.context import Actor
from commands.roles import Role
from storage import links
from storage.database import Database

ROLE_TRUST = timedelta(days=30)


async def linked_role(db: Database, actor: Actor, now: datetime) -> Role:
    """The higher of the actor's own role and their linked accounts' recent ones."""
    best = actor.role
    for label, seen in await links.other_roles(db, actor.platform, actor.user_id):
        if now - seen <= ROLE_TRUST:
            best = max(best, Role.parse(label))
    return best
