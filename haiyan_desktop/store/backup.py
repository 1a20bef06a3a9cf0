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

KEEP = 10
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


def take_backup(db_path: Path, reason: str, now: datetime | None = None) -> Path:
    """Copy the live database (WAL included) to a new backup file and prune old ones."""
    folder = backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite"
    n = 1
    while target.exists():  # two backups in one second
        target = folder / f"{db_path.stem}-{stamp}-{n}-{reason}.sqlite"
        n += 1
    partial = target.with_suffix(".partial")
    source = sqlite3.connect(db_path)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    partial.replace(target)
    prune(db_path)
    return target


def prune(db_path: Path, keep: int = KEEP) -> None:
    for old in list_backups(db_path)[:-keep]:
        old.unlink(missing_ok=True)


def has_backup_today(db_path: Path, now: datetime | None = None) -> bool:
    today = (now or datetime.now(UTC)).strftime("%Y%m%d")
    return any(_NAME.match(p.name).group("stamp").startswith(today)  # type: ignore[union-attr]
               for p in list_backups(db_path))


def is_intact(path: Path) -> bool:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False


def newest_good_backup(db_path: Path) -> Path | None:
    return next((p for p in reversed(list_backups(db_path)) if is_intact(p)), None)


def restore_backup(db_path: Path, backup: Path) -> None:
    """Replace the database with ``backup`` (the caller holds the write lock)."""
    staged = db_path.with_suffix(".restoring")
    shutil.copyfile(backup, staged)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    staged.replace(db_path)
