"""A site's settings, changed in one hop with an audit entry: for now, how swaps work there."""

from __future__ import annotations

from datetime import datetime

from storage import audit
from storage.database import Database
from storage.picket import rows
from storage.picket.model import Site
from storage.picket.refusals import no_site
from storage.sync_tx import SyncTransaction

SWAP_POLICIES = ("open", "approve")


async def set_swaps(db: Database, site_id: int, swaps: str, *, actor: int | None, now: datetime) -> Site:
    """Set whether swaps at the site take effect when taken ("open") or need a captain ("approve").

    An offer already waiting for a captain keeps waiting: only new takes follow the new setting.
    """
    if swaps not in SWAP_POLICIES:
        raise ValueError(f"swaps must be one of {SWAP_POLICIES}")

    def work(tx: SyncTransaction) -> Site:
        site = rows.get_site(tx, site_id)
        if site is None:
            raise no_site(site_id)
        tx.execute("UPDATE sites SET swaps = ? WHERE id = ?", (swaps, site_id))
        audit.record_in(tx, actor, "picket.site.set", f"site:{site_id}", f"swaps {site.swaps} -> {swaps}")
        changed = rows.get_site(tx, site_id)
        assert changed is not None
        return changed

    return await db.run_sync(work)
