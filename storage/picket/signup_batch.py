"""Sign-ups decided a group at a time: load what the rules need, decide each, write them together.

`Database.run_batched` hands every sign-up request queued in a row to
`decide_group`, on the database's thread, in one savepoint. Loading, deciding
(`signup_rules.SignupBook`, plain Python) and writing are three steps. Deciding
each request with its own handful of statements would cost about a hundred
microseconds of SQL apiece; here a group costs a few set-based queries and
one multi-row INSERT per table.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

from storage.instants import from_iso
from storage.picket import rows
from storage.picket.post_marks import mark_stale
from storage.picket.refusals import Code, PicketError
from storage.picket.signup_rules import (
    Identity,
    KnownMember,
    LiveSignup,
    SignupBook,
    SignupRequest,
    SignupResult,
)
from storage.sync_tx import SyncTransaction, in_chunks

#: Parameters per multi-row INSERT: well under SQLite's limit on bound parameters.
_MAX_PARAMS = 4000


def decide_group(tx: SyncTransaction, requests: Sequence[SignupRequest]) -> list[SignupResult | Exception]:
    """Sign up each request in order; a refused one gets its PicketError and writes nothing."""
    book = load(tx, requests)
    answers: list[SignupResult | Exception] = []
    for request in requests:
        try:
            answers.append(book.decide(request))
        except PicketError as refusal:
            answers.append(explain(tx, refusal))
    write(tx, book)
    return answers


def load(tx: SyncTransaction, requests: Sequence[SignupRequest]) -> SignupBook:
    """The members, shifts (with counts) and live sign-ups a group's rules read."""
    known = _known_members(tx, [r.who for r in requests if isinstance(r.who, Identity)])
    shifts = rows.load_shifts(tx, {r.shift_id for r in requests})
    member_ids = set()
    for r in requests:
        if isinstance(r.who, int):
            member_ids.add(r.who)
        elif (found := known.get((r.who.platform, r.who.user_id))) is not None:
            member_ids.add(found.id)
    newcomers = {(r.who.platform, r.who.user_id) for r in requests if isinstance(r.who, Identity)}
    return SignupBook(
        known=known,
        shifts=shifts,
        live=_live_signups(tx, member_ids),
        # At most one sign-up per request and one row per newcomer; ids not used are skipped.
        next_signup=tx.new_ids("signups", len(requests)),
        next_member=tx.new_ids("members", len(newcomers - known.keys())),
    )


def explain(tx: SyncTransaction, refusal: PicketError) -> PicketError:
    """Load what a refusal's explanation needs and the rules did not read."""
    details = refusal.details
    if refusal.code is Code.ALREADY_WAITLISTED and details["position"] is None:
        details["position"] = rows.waitlist_position(tx, details["shift_id"], details["signup_id"])
    elif refusal.code is Code.OVERLAPS:
        details["other"] = rows.require_shift(tx, details["other_id"])
    return refusal


def write(tx: SyncTransaction, book: SignupBook) -> None:
    _insert_rows(
        tx, "members (id, platform, platform_user_id, display_name, created_at, locale)", book.new_members
    )
    if book.renamed:
        tx.executemany(
            "UPDATE members SET display_name = ?, forgotten_at = NULL WHERE id = ?",
            [(name, member_id) for member_id, name in book.renamed.items()],
        )
    if book.relocaled:
        tx.executemany(
            "UPDATE members SET locale = ? WHERE id = ?",
            [(locale, member_id) for member_id, locale in book.relocaled.items()],
        )
    _insert_rows(
        tx, "signups (id, shift_id, member_id, role, status, created_at, updated_at)", book.signup_rows
    )
    if book.signup_rows:
        tx.schedule_changed = True
        # Once per group, however many of its sign-ups are for the shift.
        mark_stale(tx, {row[1] for row in book.signup_rows})


def _insert_rows(tx: SyncTransaction, into: str, values: Sequence[tuple[object, ...]]) -> None:
    """Insert with one multi-row INSERT per chunk rather than executemany.

    The database thread gives up the GIL around every statement step, and
    getting it back while the event loop is busy can take a whole switch
    interval; one step per chunk instead of one per row keeps a storm's
    writes from stalling that way.
    """
    if not values:
        return
    width = len(values[0])
    chunk = max(1, _MAX_PARAMS // width)
    for start in range(0, len(values), chunk):
        part = values[start : start + chunk]
        marks = ", ".join(["(" + ", ".join("?" * width) + ")"] * len(part))
        tx.execute(f"INSERT INTO {into} VALUES {marks}", list(chain.from_iterable(part)))


def _known_members(tx: SyncTransaction, people: list[Identity]) -> dict[tuple[str, str], KnownMember]:
    by_platform: dict[str, set[str]] = {}
    names: dict[tuple[str, str], str] = {}
    for who in people:
        by_platform.setdefault(who.platform, set()).add(who.user_id)
        names[(who.platform, who.user_id)] = who.display_name
    known: dict[tuple[str, str], KnownMember] = {}
    for platform, user_ids in by_platform.items():
        for marks, chunk in in_chunks(user_ids):
            found = tx.fetchall(
                "SELECT id, platform_user_id, display_name, forgotten_at, locale FROM members"
                f" WHERE platform = ? AND platform_user_id IN ({marks})",
                (platform, *chunk),
            )
            for row in found:
                known[(platform, str(row[1]))] = KnownMember(
                    int(row[0]), str(row[2]), row[3] is not None, row[4]
                )
            _linked_accounts(tx, platform, marks, chunk, known, names)
    return known


def _linked_accounts(
    tx: SyncTransaction,
    platform: str,
    marks: str,
    chunk: list[str],
    known: dict[tuple[str, str], KnownMember],
    names: dict[tuple[str, str], str],
) -> None:
    """A linked account signs up as the member it is linked to (`storage.links`).

    Known by the name it signs up with, so its sign-ups never rename the person's
    row (the primary account's name stays); a primary account is its own row already.
    """
    linked = tx.fetchall(
        "SELECT platform_user_id, member_id FROM member_links"
        f" WHERE platform = ? AND platform_user_id IN ({marks}) AND is_primary = 0",
        (platform, *chunk),
    )
    for row in linked:
        key = (platform, str(row[0]))
        known[key] = KnownMember(int(row[1]), names[key], False, notes_locale=False)


def _live_signups(tx: SyncTransaction, member_ids: set[int]) -> dict[int, list[LiveSignup]]:
    live: dict[int, list[LiveSignup]] = {}
    for marks, chunk in in_chunks(member_ids):
        found = tx.fetchall(
            "SELECT g.id, g.member_id, g.shift_id, g.status, sh.starts_at, sh.ends_at, sh.cancelled_at"
            " FROM signups g JOIN shifts sh ON sh.id = g.shift_id"
            f" WHERE g.member_id IN ({marks}) AND g.status != 'cancelled'",
            chunk,
        )
        for row in found:
            entry = LiveSignup(
                int(row[0]), int(row[2]), str(row[3]), from_iso(row[4]), from_iso(row[5]), row[6] is not None
            )
            live.setdefault(int(row[1]), []).append(entry)
    return live
