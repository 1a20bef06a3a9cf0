"""Opening a database file safely: pragmas, integrity, version, backups, migrations.

Opening needs only the standard ``sqlite3`` module: sqlite-utils (a tenth of a second to
import) is loaded when a migration must actually run, or when ``Store.db`` is first used.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..messages import msg
from . import backup
from .errors import CorruptDatabase, DatabaseReplaced, NewerDatabase, StorageUnavailable
from .faults import BUSY_TIMEOUT, reason_of
from .migrations import NAMES, SCHEMA_VERSION, applied_names

DATABASE_NAME = "haiyan.sqlite"
DEMO_DATABASE_NAME = "demo.sqlite"

_savepoints = itertools.count(1)

#: How the store opens its database files: ``sqlite3.connect``. A test puts its own in place
#: to stand for a fault that needs hardware (``PRAGMA max_page_count`` for a full disk, a
#: ``mode=ro`` URI for a read-only file where the tests run as root); it must pass the keyword
#: arguments on.
sqlite_connect = sqlite3.connect


class NeedsWriter(Exception):
    """A reader found a database that must first be created or migrated (under the lock)."""


class StoreConnection(sqlite3.Connection):
    """A connection of the store, knowing the files it opened (device and inode): a file
    deleted or replaced by another program while open gives no SQLite error, so
    :func:`transaction` compares them before it begins and before it commits."""

    path: Path = Path()
    files: dict[str, tuple[int, int] | None] = {}  # noqa: RUF012 (set per connection)
    fault: DatabaseReplaced | None = None  # once the file was found deleted or replaced


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the settings every write relies on."""
    con = sqlite_connect(path, isolation_level=None, check_same_thread=True,
                         timeout=BUSY_TIMEOUT, factory=StoreConnection)
    if isinstance(con, StoreConnection):
        con.path, con.files = Path(path), {}
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
    connection may still use.

    A failure rolls the block back before it is raised (a full disk or a held file alike;
    ``faults.guarded`` then tells the user). The database file is checked to be the one
    opened before the block begins and before it commits: a deleted or replaced file raises
    :class:`DatabaseReplaced` after a copy of what this connection holds was rescued, and a
    vanished data folder raises :class:`StorageUnavailable`.
    """
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
    _same_file_or_raise(con)
    con.execute("BEGIN")
    try:
        yield
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    try:
        _same_file_or_raise(con)  # not one commit into a file nobody will open again
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise


# --- the file under an open connection ------------------------------------------------------
def _identity(path: Path) -> tuple[int, int] | None:
    """Device and inode (file index on Windows) of ``path``; None when there is no file."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return (found.st_dev, found.st_ino) if found.st_ino else None


def _remember_files(con: sqlite3.Connection) -> None:
    if isinstance(con, StoreConnection):
        con.files = {suffix: _identity(Path(f"{con.path}{suffix}"))
                     for suffix in ("", "-wal", "-shm")}


def _same_file_or_raise(con: sqlite3.Connection) -> None:
    """Raise the fault when the database file is no longer the one ``con`` opened."""
    if not isinstance(con, StoreConnection) or not con.files.get(""):
        return
    if con.fault is not None:  # found before: the same sentence, no second copy
        raise con.fault.restated(con.path, con.fault.kept)
    now = _identity(con.path)  # an I/O error from a failing drive is told by faults.guarded
    if now == con.files[""]:
        return
    if con.in_transaction:  # roll back first: the copy holds committed changes only
        con.execute("ROLLBACK")
    if now is None and not con.path.parent.is_dir():  # a pulled drive, a folder moved away
        raise StorageUnavailable(con.path, gone=True)
    raise _rescue(con)


def restore_command(db_path: Path, copy: Path) -> str:
    """The command that puts ``copy`` back as the database ``db_path``."""
    demo = " --demo" if db_path.name == DEMO_DATABASE_NAME else ""
    return f'haiyan-desktop --data-dir "{db_path.parent}"{demo} restore "{copy}"'


def _rescue(con: StoreConnection) -> DatabaseReplaced:
    """Copy the database as ``con`` still sees it (the file it opened, deleted or not, with
    every commit) to a "rescued" backup, and take away the WAL and shared-memory files this
    connection left beside the path: SQLite would lay them over the new file there."""
    try:
        copy = backup.rescue_copy(con, con.path)
    except (sqlite3.Error, OSError) as exc:
        return DatabaseReplaced(con.path, reason=reason_of(exc))  # tried again next time
    fault = con.fault = DatabaseReplaced(con.path, copy=copy,
                                         command=restore_command(con.path, copy))
    for suffix in ("-wal", "-shm"):
        stale = Path(f"{con.path}{suffix}")
        try:
            if con.files.get(suffix) and _identity(stale) == con.files[suffix]:
                stale.unlink()
        except OSError as exc:  # the rescued copy is safe; this is only tidying up
            fault.add_note(f"{stale} left in place: {exc}")
    return fault


def _check_intact(path: Path) -> None:
    if not backup.quick_check(path):  # (a file it cannot read is a storage fault)
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
        _remember_files(con)
    except BaseException:
        con.close()
        raise
    return con
