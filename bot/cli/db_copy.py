"""`picketbot db copy SRC DST`: a SQLite database into PostgreSQL, or back (`storage.copy`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storage.copy import CopyError, copy_database
from storage.database import Database, is_postgres_address


def add_copy_parser(db_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    copy = db_sub.add_parser(
        "copy",
        help="copy every row into an empty database (SQLite file or postgresql:// address), then check it",
    )
    copy.add_argument("source", help="the database to copy from (a SQLite file or postgresql://…)")
    copy.add_argument("target", help="an empty database to copy into (created if a SQLite file)")
    copy.set_defaults(handler=run_copy)


async def run_copy(args: argparse.Namespace) -> int:
    source, target = str(args.source), str(args.target)
    if source == target:
        print("picketbot: the source and the destination are the same database", file=sys.stderr)
        return 1
    if not is_postgres_address(source) and not Path(source).is_file():
        print(f"picketbot: no database at {source}", file=sys.stderr)
        return 1
    src = await Database.open(source)
    try:
        dst = await Database.open(target)
        try:
            report = await copy_database(src, dst)
        except CopyError as error:
            print(f"picketbot: {error}", file=sys.stderr)
            return 1
        finally:
            await dst.close()
    finally:
        await src.close()
    tables = sum(1 for count in report.rows.values() if count)
    print(f"Copied {report.total} rows in {tables} tables from {source} to {target}; every row checked.")
    return 0
