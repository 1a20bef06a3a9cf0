"""Copies of a database taken with SQLite's online backup API, and restoring one.

Backups live in ``<data dir>/backups/`` as ``<db name>-<UTC time>-<reason>.sqlite``; the newest
``KEEP`` of each database are kept.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from .errors import DAMAGE, sqlite_code

KEEP = 10
RESCUED = "rescued"  # the reason of a copy saved from a database file deleted while open
_NAME = re.compile(r"(?P<db>.+)-(?P<stamp>\d{8}-\d{6}(?:-\d+)?)-(?P<reason>[a-z-]+)\.sqlite\Z")


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Path]:
    """Backups of this database, oldest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{db_path.stem}-*.sqlite"):
        m = _NAME.match(path.name)
        if m and m.group("db") == db_path.stem:
            found.append((m.group("stamp"), path))
    return [p for _, p in sorted(found)]


def _new_backup(db_path: Path, reason: str, now: datetime | None) -> Path:
    folder = backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite"
    n = 1
    while target.exists():  # two backups in one second
        target = folder / f"{db_path.stem}-{stamp}-{n}-{reason}.sqlite"
        n += 1
    return target


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """Write what ``source`` holds to ``target`` whole, or leave nothing (a full disk must not
    keep half a copy)."""
    partial = target.with_suffix(".partial")
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def take_backup(db_path: Path, reason: str, now: datetime | None = None) -> Path:
    """Copy the live database (WAL included) to a new backup file and prune old ones."""
    target = _new_backup(db_path, reason, now)
    source = sqlite3.connect(db_path)
    try:
        _copy(source, target)
    finally:
        source.close()
    prune(db_path)
    return target


def rescue_copy(con: sqlite3.Connection, db_path: Path, now: datetime | None = None) -> Path:
    """Copy the database as the open connection ``con`` sees it (every commit) to a backup
    named "rescued": its file was deleted or replaced by another program. Never pruned."""
    target = _new_backup(db_path, RESCUED, now)
    _copy(con, target)
    return target


def prune(db_path: Path, keep: int = KEEP) -> None:
    """Delete all but the newest ``keep`` backups (a rescued copy is kept until restored)."""
    found = [p for p in list_backups(db_path)
             if _NAME.match(p.name).group("reason") != RESCUED]  # type: ignore[union-attr]
    for old in found[:-keep]:
        old.unlink(missing_ok=True)


def has_backup_today(db_path: Path, now: datetime | None = None) -> bool:
    today = (now or datetime.now(UTC)).strftime("%Y%m%d")
    return any(_NAME.match(p.name).group("stamp").startswith(today)  # type: ignore[union-attr]
               for p in list_backups(db_path))


def is_intact(path: Path) -> bool:
    """Whether ``path`` is a sound SQLite database (False too when it cannot be read)."""
    try:
        return quick_check(path)
    except sqlite3.DatabaseError:
        return False


def quick_check(path: Path) -> bool:
    """Whether the database ``path`` is sound; False when it is damaged (or no database).
    A file that cannot be read now (held, unreadable, on a drive that is gone) raises the
    ``sqlite3`` error: that is no damage, and no reason to offer an older backup."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if sqlite_code(exc) in DAMAGE or sqlite_code(exc) is None:
            return False
        raise


def newest_good_backup(db_path: Path) -> Path | None:
    return next((p for p in reversed(list_backups(db_path)) if is_intact(p)), None)


def restore_backup(db_path: Path, backup: Path) -> None:
    """Replace the database with ``backup`` (the caller holds the write lock)."""
    staged = db_path.with_suffix(".restoring")
    try:
        shutil.copyfile(backup, staged)
    except BaseException:
        staged.unlink(missing_ok=True)  # half a copy on a full disk helps nobody
        raise
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    staged.replace(db_path)
