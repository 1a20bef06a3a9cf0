"""One writer per database: an OS file lock that a crashed process cannot leave stuck."""

from __future__ import annotations

from pathlib import Path

from ..messages import msg
from .errors import DataDirLocked


class WriteLock:
    """Held for as long as a store is open for writing (the OS drops it if we die)."""

    def __init__(self, db_path: Path):
        self.path = db_path.with_name(db_path.name + ".lock")
        self._lock = None  # made on first use: readers never need filelock (or its import)

    def acquire(self) -> None:
        from filelock import FileLock, Timeout

        if self._lock is None:
            self._lock = FileLock(self.path, timeout=0)
        try:
            self._lock.acquire()
        except Timeout:
            raise DataDirLocked(msg("store.locked", path=str(self.path.parent))) from None

    def release(self) -> None:
        if self._lock is not None and self._lock.is_locked:
            self._lock.release()
