"""/picket code SHIFT: the shift's check-in code for now, as text and as a QR image.

The code changes every `presence.CODE_MINUTES` minutes (`storage.picket.code_rules`).
The QR image (made with segno, no Pillow needed) holds the command a member
types, so a phone's scanner offers it to copy; Discord shows it in the reply,
Slack says it is not shown, the console saves it beside the text. Once a
shift's code has been shown, members check in to it only with a code.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import segno

from commands.context import Context
from commands.i18n import N_, _
from commands.picket.common import PICKET, SHIFT_ID
from commands.picket.moments import at, label
from commands.picket.presence import CODE_MINUTES
from commands.registry import Commands
from commands.reply import Attachment, Button, Reply
from commands.roles import Role
from commands.text import no_pings
from storage.picket import checkin_codes, code_rules

picket = Commands(PICKET)


def qr_png(text: str) -> bytes:
    """A PNG of `text` as a QR code, big enough to scan from a phone held up to a screen."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=10, border=4)
    return out.getvalue()


@picket.command(
    "code",
    description=N_("Show the shift's check-in code (it changes every few minutes), with a QR image"),
    role=Role.CAPTAIN,
    ephemeral=True,
    params=(SHIFT_ID,),
    examples=("/picket code 12",),
)
async def show_code(ctx: Context, id: int) -> Reply:
    shift, code = await checkin_codes.current_code(ctx.db, id, ctx.now, CODE_MINUTES)
    shown = code_rules.shown(code)
    changes = datetime.fromtimestamp(code_rules.changes_at(ctx.now, CODE_MINUTES), UTC)
    command = f"/picket checkin {shown}"
    text = _(
        "{code}\nMembers at the line type: {command}\n"
        "This code changes at {time} (every {minutes} minutes; the one before keeps working a few minutes more)."
        " From now on members check in to this shift only with a current code."
    ).format(
        code=shown,
        command=command,
        time=at(changes, shift.timezone, pattern="%H:%M %Z", style="t"),
        minutes=CODE_MINUTES,
    )
    return Reply(
        title=no_pings(_("Check-in code: {shift}").format(shift=label(shift))),
        text=no_pings(text),
        attachment=Attachment(f"checkin-{shift.id}.png", qr_png(command), "image/png"),
        buttons=(
            Button(_("New code"), f"picket code {shift.id}", "primary"),
            Button(_("Live list"), f"picket roster {shift.id}", "secondary"),
        ),
        ephemeral=True,
    )
