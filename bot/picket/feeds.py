"""Calendar feeds over HTTP: ``GET /calendar/<token>.ics`` on the public listener.

A member's feed lists the shifts they are confirmed on, a site's feed all the
site's shifts, from `PAST_DAYS` ago on, cancelled ones as STATUS:CANCELLED
(`commands.picket.ical`). The token is looked up by its hash
(`storage.picket.feeds`); an unknown, revoked or malformed token is the same
404. Answers carry a weak ETag over what the calendar shows (its events, not
the moment it was written), so a calendar asking again gets 304 Not Modified
while nothing changed; ``Cache-Control: private`` keeps shared caches from
storing a private feed.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING

from aiohttp import web

from commands.i18n import _, speaking
from commands.picket.ical import shifts_ics
from storage.meta import install_id
from storage.picket import feeds
from storage.picket.calendar import CalendarShift, member_feed, site_feed

if TYPE_CHECKING:
    from bot.app import App

FEED_PATH = "/calendar/{name}"
#: A feed keeps shifts this far back, so a calendar still shows last week's.
PAST_DAYS = 30
CONTENT_TYPE = "text/calendar; charset=utf-8"
#: How long a calendar may use its copy before asking again (ETag makes asking cheap).
MAX_AGE_SECONDS = 300


def feed_path(token: str) -> str:
    return f"/calendar/{token}.ics"


def _etag(shifts: list[CalendarShift], name: str, install: str) -> str:
    digest = hashlib.sha256(repr((name, install, shifts)).encode("utf-8")).hexdigest()[:32]
    return f'W/"{digest}"'


def _not_found() -> web.Response:
    return web.Response(status=404, text="no such calendar\n", headers={"Cache-Control": "no-store"})


def add_feed_routes(app: App) -> None:
    """Serve calendar feeds on the App's public listener."""

    async def serve(request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        feed = await feeds.find(app.db, name.removesuffix(".ics")) if name.endswith(".ics") else None
        if feed is None:
            return _not_found()
        now = app.services.clock()
        since = now - timedelta(days=PAST_DAYS)
        with speaking(app.services.settings.language):  # a calendar app shows it; no member is speaking
            if feed.member_id is not None:
                shifts, title = await member_feed(app.db, feed.member_id, since), _("My picket shifts")
            else:
                assert feed.site_id is not None
                site_name = feed.site_name
                shifts = await site_feed(app.db, feed.site_id, since)
                title = _("Picket: {site}").format(site=site_name)
        install = await install_id(app.db)
        tag = _etag(shifts, title, install)
        headers = {"ETag": tag, "Cache-Control": f"private, max-age={MAX_AGE_SECONDS}"}
        if tag in request.headers.get("If-None-Match", ""):
            return web.Response(status=304, headers=headers)
        text = shifts_ics(shifts, stamp=now, install_id=install, name=title, feed=True)
        headers["Content-Disposition"] = 'inline; filename="picket-shifts.ics"'
        headers["Content-Type"] = CONTENT_TYPE
        return web.Response(body=text.encode("utf-8"), headers=headers)

    app.public_listener().add_route("GET", FEED_PATH, serve)
