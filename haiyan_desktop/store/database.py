"""Opening a database file safely: pragmas, integrity, version, backups, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from ..messages import msg
from . import backup
from .errors import CorruptDatabase, NewerDatabase
from .migrations import NAMES, SCHEMA_VERSION, migrations


class NeedsWriter(Exception):
    """A reader found a database that must first be created or migrated (under the lock)."""


def connect(path: Path) -> Database:
    """A connection with the settings every write relies on."""
    con = sqlite3.connect(path, isolation_level=None, check_same_thread=True, timeout=5)
    db = Database(con)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")  # a returned commit survives a power cut
    db.execute("PRAGMA foreign_keys = ON")
    return db


def schema_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _check_intact(path: Path) -> None:
    if not backup.is_intact(path):
        raise CorruptDatabase(path, backup.newest_good_backup(path))


def open_database(path: Path, *, write: bool, daily_backup: bool = True) -> Database:
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
    db = connect(path)
    try:
        version = schema_version(db)
        applied = {m.name for m in migrations.applied(db)} if exists else set()
        if version > SCHEMA_VERSION or applied - set(NAMES):
            raise NewerDatabase(msg("store.newer", path=str(path), version=version,
                                    supported=SCHEMA_VERSION))
        if migrations.pending(db):
            if not write:
                raise NeedsWriter
            if exists:
                backup.take_backup(path, "before-migration")
            migrations.apply(db)
        if version != SCHEMA_VERSION:  # also repairs a crash between a migration and this
            if not write:
                raise NeedsWriter
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        elif write and daily_backup and exists and not backup.has_backup_today(path):
            backup.take_backup(path, "daily")
    except BaseException:
        db.close()
        raise
    return db
