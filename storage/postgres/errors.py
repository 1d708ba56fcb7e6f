"""PostgreSQL's errors as the DB-API classes storage and its callers already catch.

Storage code and the bot catch Python's DB-API exception classes (those of
the standard `sqlite3` module: ``sqlite3.IntegrityError`` for a broken
unique or foreign key, ``sqlite3.Error`` for "the database said no"). To
keep one copy of that handling, every error asyncpg raises is re-raised as a
subclass of the matching class, chosen by its SQLSTATE class, with the
original as its cause and its code in ``sqlstate``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import asyncpg


class PostgresError(sqlite3.DatabaseError):
    sqlstate: str = ""


class PostgresIntegrityError(sqlite3.IntegrityError, PostgresError):
    pass


class PostgresDataError(sqlite3.DataError, PostgresError):
    pass


class PostgresOperationalError(sqlite3.OperationalError, PostgresError):
    """The server or the connection: unreachable, gone, a lock or serialization failure, a timeout."""


class PostgresProgrammingError(sqlite3.ProgrammingError, PostgresError):
    """The statement itself: a syntax error, an unknown table or column, a type mismatch."""


_BY_CLASS: dict[str, type[PostgresError]] = {
    "23": PostgresIntegrityError,
    "22": PostgresDataError,
    "42": PostgresProgrammingError,
    "08": PostgresOperationalError,
    "40": PostgresOperationalError,
    "53": PostgresOperationalError,
    "55": PostgresOperationalError,
    "57": PostgresOperationalError,
    "58": PostgresOperationalError,
}


def converted(error: BaseException) -> PostgresError | None:
    """The DB-API form of an asyncpg (or connection) error; None for anything else."""
    if isinstance(error, asyncpg.PostgresError):
        code = str(getattr(error, "sqlstate", "") or "")
        kind = _BY_CLASS.get(code[:2], PostgresError)
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        found = kind(message)
        found.sqlstate = code
        return found
    if isinstance(error, (asyncpg.InterfaceError, ConnectionError, OSError)) and not isinstance(
        error, sqlite3.Error
    ):
        gone = PostgresOperationalError(f"PostgreSQL connection: {error}")
        gone.sqlstate = "08006"
        return gone
    if isinstance(error, asyncpg.exceptions.DataError):  # a parameter of the wrong type
        bad = PostgresProgrammingError(str(error))
        bad.sqlstate = "22000"
        return bad
    return None


@contextmanager
def as_dbapi_errors() -> Iterator[None]:
    """Re-raise asyncpg's errors as the DB-API classes (see the module's docstring)."""
    try:
        yield
    except Exception as error:
        found = converted(error)
        if found is None:
            raise
        raise found from error
