"""The rules for sites, over rows already loaded: names, and closing (cancel or move the shifts).

Pure Python, like `shift_rules`; `storage.picket.sites` loads and writes.
"""

from __future__ import annotations

from storage.picket.model import Site
from storage.picket.refusals import Code, PicketError, no_site

MAX_NAME = 100


def check_name(name: str) -> str:
    """The name as stored (trimmed); refused when it is empty, too long or a number."""
    name = name.strip()
    if not 1 <= len(name) <= MAX_NAME:
        raise PicketError(Code.SITE_NAME_LENGTH, most=MAX_NAME)
    if name.startswith("#") or name.isdigit():
        raise PicketError(Code.SITE_NAME_IS_NUMBER)
    return name


def check_name_free(name: str, same_name: Site | None) -> None:
    """Names are unique (in any case), closed sites included."""
    if same_name is not None:
        raise PicketError(Code.SITE_EXISTS, name=name, closed=same_name.closed)


def check_close(site_id: int, site: Site | None, move_to: int | None, target: Site | None) -> Site:
    """The site to close; `target` (the site `move_to` names) must be another open site."""
    if site is None:
        raise no_site(site_id)
    if site.closed:
        raise PicketError(Code.SITE_ALREADY_CLOSED, site=site.name)
    if move_to is not None:
        if target is None:
            raise no_site(move_to)
        if target.id == site_id:
            raise PicketError(Code.MOVE_TO_SAME_SITE)
        if target.closed:
            raise PicketError(Code.MOVE_TO_CLOSED_SITE, site=target.name)
    return site
