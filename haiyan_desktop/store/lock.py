"""One writer per database: an OS file lock that a crashed process cannot leave stuck.

The lock is the operating system's own on ``<database>.lock``, the one the filelock package
takes (``flock`` on Linux and macOS; the first byte, locked, on Windows), so an older version of
the app holding it is respected too. It belongs to an open file and goes with the process
however that ends. The standard library takes it directly: importing filelock took some 25 ms
of the window's start-up. The file itself stays (it holds nothing).
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from ..messages import msg
from .errors import DataDirLocked

# what the OS answers when another open file holds the lock (some file systems say EACCES)
_HELD_ELSEWHERE = frozenset({errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK})

if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt

    def _lock_now(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # the first byte, without waiting

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_now(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _try_lock(fd: int) -> bool:
    """Take the lock without waiting; False when another open file holds it."""
    try:
        _lock_now(fd)
    except OSError as exc:
        if exc.errno in _HELD_ELSEWHERE:
            return False
        raise
    return True


class WriteLock:
    """Held for as long as a store is open for writing (the OS drops it if we die)."""

    def __init__(self, db_path: Path):
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock now or raise :class:`DataDirLocked` (another writer has it)."""
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        try:
            locked = _try_lock(fd)
        except BaseException:
            os.close(fd)
            raise
        if not locked:
            os.close(fd)
            raise DataDirLocked(msg("store.locked", path=str(self.path.parent)))
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)
