"""The whole picket flow in the real console, as a subprocess with piped input.

An organizer creates a site and a recurring shift; three members sign up for
two places and the third is waitlisted; a cancellation promotes them and the
notice is printed; a captain checks people in. The shift starts ten minutes
from now in a zone chosen so it does not cross midnight, so check-in is open.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.helpers import subprocess_env

ROOT = Path(__file__).resolve().parents[2]
ZONES = ("America/Los_Angeles", "Europe/London", "Asia/Tokyo")


def picketbot() -> list[str]:
    script = ROOT / ".venv" / "bin" / "picketbot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def zone_with_room() -> tuple[str, datetime]:
    """A zone where a two-hour shift starting ten minutes from now ends the same day."""
    for name in ZONES:
        start = (
            (datetime.now(UTC) + timedelta(minutes=10))
            .astimezone(ZoneInfo(name))
            .replace(second=0, microsecond=0)
        )
        if 0 < start.hour <= 21:
            return name, start
    raise AssertionError("no zone has room")  # the zones are eight hours apart


def test_console_flow(tmp_path: Path) -> None:
    zone, start = zone_with_room()
    times = f"{start:%H:%M}-{start + timedelta(hours=2):%H:%M}"
    script = "\n".join(
        [
            f'/picket site add "Test Gate" address="1 Main St" tz={zone}',
            f'/picket shift add "Test Gate" daily {times} capacity=2 captains=0 weeks=1',
            "/as Ana member",
            "/picket signup 1",
            "/as Bo member",
            "/picket signup 1",
            "/as Cy member",
            "/picket signup 1",
            "/as Ana member",
            "/picket cancel 1",
            "/as Cy member",
            "/picket mine",
            "/picket checkin 1",
            "/as Cap captain",
            "/picket checkin 1 Bo present",
            "/picket checkin 1 Ana walk-in",
            "/picket roster 1",
            "/as Bo member",
            "/picket roster 1",
        ]
    )
    env = subprocess_env()
    env["HOME"] = str(tmp_path)
    done = subprocess.run(
        [*picketbot(), "console", "--db", str(tmp_path / "e2e.db"), "--as", "Olga", "--role", "organizer"],
        input=script + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=90,
        check=False,
    )
    out = done.stdout
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in out + done.stderr
    assert "== Site added ==" in out
    added = re.search(r"== Added (\d+) shifts at Test Gate ==\n#1–#\d+", out)
    assert added and int(added.group(1)) == 7, out
    assert f"#1 Test Gate · {start:%a %Y-%m-%d %H:%M}" in out
    assert out.count("You're signed up for shift #1") == 2
    assert "so you're on the waitlist: position 1" in out
    assert "You gave up your place on shift #1" in out
    # The promotion notice is printed by the delivery worker, addressed to Cy.
    notice = out.index("[DM @cy] You're off the waitlist")
    assert "you're confirmed" in out[notice:]
    assert "• #1 Test Gate" in out and "· confirmed" in out
    assert "Checked in for shift #1 Test Gate" in out
    assert "Recorded Bo as present on shift #1." in out
    assert "Recorded Ana as walk-in on shift #1." in out
    roster = out[out.index("== Roster: #1 Test Gate") :]
    assert "1. Bo — present at" in roster
    assert "2. Cy — present at" in roster
    assert "1. Ana — walk-in at" in roster
    # Rosters are for captains and organizers only.
    assert "error: /picket roster is for captains and up." in out
    assert out.count("error:") == 1, out
