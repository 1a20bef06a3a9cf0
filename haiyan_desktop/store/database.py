"""Opening a database file safely: pragmas, integrity, version, backups, migrations.

Opening needs only the standard ``sqlite3`` module: sqlite-utils (a tenth of a second to
import) is loaded when a migration must actually run, or when ``Store.db`` is first used.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..messages import msg
from . import backup
from .errors import CorruptDatabase, NewerDatabase
from .migrations import NAMES, SCHEMA_VERSION, applied_names

_savepoints = itertools.count(1)


class NeedsWriter(Exception):
    """A reader found a database that must first be created or migrated (under the lock)."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the settings every write relies on."""
    con = sqlite3.connect(path, isolation_level=None, check_same_thread=True, timeout=5)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")  # a returned commit survives a power cut
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA recursive_triggers = ON")  # as a sqlite-utils Database sets it
    return con


def schema_version(con: sqlite3.Connection) -> int:
    return con.execute("PRAGMA user_version").fetchone()[0]


def rows(con: sqlite3.Connection, sql: str, params: Sequence[Any] = ()
         ) -> list[dict[str, Any]]:
    """The rows of a query as dictionaries (column name -> value)."""
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[None]:
    """All of the block or none of it (a savepoint inside an open transaction), with the
    semantics of sqlite-utils' ``Database.atomic()``, which writes through the same
    connection may still use."""
    if con.in_transaction:
        savepoint = f"haiyan_{next(_savepoints)}"
        con.execute(f"SAVEPOINT {savepoint}")
        try:
            yield
        except BaseException:
            if con.in_transaction:  # a failed statement may have ended it already
                con.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                con.execute(f"RELEASE SAVEPOINT {savepoint}")
            raise
        con.execute(f"RELEASE SAVEPOINT {savepoint}")
        return
    con.execute("BEGIN")
    try:
        yield
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    try:
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise


def _check_intact(path: Path) -> None:
    if not backup.is_intact(path):
        raise CorruptDatabase(path, backup.newest_good_backup(path))


def open_database(path: Path, *, write: bool, daily_backup: bool = True
                  ) -> sqlite3.Connection:
    """Open (creating it when writing) and bring the schema up to date.

    Refuses a database from a newer version of the app; takes a backup before migrating an
    older one and, when writing, once a day. A reader (``write=False``) never changes the
    file: it gets :class:`NeedsWriter` when the database must be created or migrated first.
    """
    exists = path.exists() and path.stat().st_size > 0
    if exists:
        _check_intact(path)
    elif not write:
        raise NeedsWriter
    con = connect(path)
    try:
        version = schema_version(con)
        applied = set(applied_names(con))
        if version > SCHEMA_VERSION or applied - set(NAMES):
            raise NewerDatabase(msg("store.newer", path=str(path), version=version,
                                    supported=SCHEMA_VERSION))
        if any(name not in applied for name in NAMES):
            if not write:
                raise NeedsWriter
            if exists:
                backup.take_backup(path, "before-migration")
            from sqlite_utils import Database

            from .migrations import migrations

            migrations.apply(Database(con))
        if version != SCHEMA_VERSION:  # also repairs a crash between a migration and this
            if not write:
                raise NeedsWriter
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        elif write and daily_backup and exists and not backup.has_backup_today(path):
            backup.take_backup(path, "daily")
    except BaseException:
        con.close()
        raise
    return con
