"""Storage faults: the one place where sqlite3 and operating-system error codes are read.

A full disk, a read-only folder or file, a database held by another program, a data folder on a
drive that was pulled out: :func:`fault_of` turns the ``sqlite3.Error`` or ``OSError`` into the
:class:`~.errors.StorageFault` that says, in both languages, what happened, what was kept and
what to do. Anything else (a wrong SQL statement, say) is a bug and is raised unchanged.

The store calls it where it touches the disk: every public method of ``Store`` is wrapped by
:func:`guarded`, after ``database.transaction`` has rolled the failed step back; demo building
and restoring wrap theirs in :func:`translated`. A file deleted or replaced while open raises
no error in SQLite at all: ``database.transaction`` finds it by the file's identity.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..messages import Bilingual, Message, os_reason
from .backup import newest_good_backup
from .errors import (
    DAMAGE,
    CorruptDatabase,
    DatabaseBusy,
    DiskFull,
    StorageFault,
    StorageReadOnly,
    StorageUnavailable,
    StoreError,
    sqlite_code,
)

BUSY_TIMEOUT = 5  # seconds a write waits for another program's lock (sqlite3's timeout)

_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_READ_ONLY = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
_UNAVAILABLE = frozenset({errno.EIO, errno.ENODEV, errno.ENXIO,
                          getattr(errno, "ESTALE", errno.EIO)})


def fault_of(exc: BaseException, db_path: Path) -> StoreError | None:
    """The store error an sqlite3 or OS error on the database ``db_path`` (or a file in its
    folder) stands for; None when it is not a storage fault."""
    db_path = Path(db_path)
    folder_gone = not db_path.parent.is_dir()
    if isinstance(exc, sqlite3.Error):
        code = sqlite_code(exc)
        if code == sqlite3.SQLITE_FULL:
            return DiskFull(db_path)
        if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM):
            return StorageReadOnly(db_path)
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return DatabaseBusy(db_path, seconds=BUSY_TIMEOUT)
        if code == sqlite3.SQLITE_CANTOPEN:  # the file could be neither opened nor created
            return StorageUnavailable(db_path, gone=True) if folder_gone \
                else StorageReadOnly(db_path)
        if code == sqlite3.SQLITE_IOERR:
            return StorageUnavailable(db_path, gone=folder_gone)
        if code in DAMAGE:
            return CorruptDatabase(db_path, newest_good_backup(db_path))
        return None
    if isinstance(exc, OSError) and _in_folder(exc, db_path.parent):
        if exc.errno in _FULL:
            return DiskFull(db_path)
        if exc.errno in _READ_ONLY:
            return StorageReadOnly(db_path)
        if exc.errno in _UNAVAILABLE or (exc.errno == errno.ENOENT and folder_gone):
            return StorageUnavailable(db_path, gone=folder_gone)
    return None


def reason_of(exc: BaseException) -> Bilingual:
    """Why a file operation failed, in a few words of either language."""
    if isinstance(exc, sqlite3.Error):
        number = {sqlite3.SQLITE_FULL: errno.ENOSPC, sqlite3.SQLITE_READONLY: errno.EACCES,
                  sqlite3.SQLITE_CANTOPEN: errno.EACCES, sqlite3.SQLITE_PERM: errno.EACCES,
                  sqlite3.SQLITE_IOERR: errno.EIO}.get(sqlite_code(exc) or 0)
        if number is None:
            return Bilingual(str(exc), str(exc))
        exc = OSError(number, str(exc))
    if isinstance(exc, OSError):
        return os_reason(exc)
    return Bilingual(type(exc).__name__, type(exc).__name__)


def _in_folder(exc: OSError, folder: Path) -> bool:
    """Whether the failed OS call was on the data folder or a file in it (not, say, on the
    values file being imported)."""
    for name in (exc.filename, exc.filename2):
        if name is None:
            continue
        path = Path(name.decode() if isinstance(name, bytes) else str(name)).absolute()
        if path == folder.absolute() or folder.absolute() in path.parents:
            return True
    return False


@contextmanager
def translated(db_path: Path, kept: Message | None = None) -> Iterator[None]:
    """Raise the storage fault a failure inside stands for (told with ``kept`` as what was
    kept, when given) in place of the raw error; anything else passes unchanged."""
    try:
        yield
    except StorageFault as fault:
        if kept is None:
            raise
        raise fault.restated(db_path, kept) from fault
    except (sqlite3.Error, OSError) as exc:
        fault = fault_of(exc, db_path)
        if fault is None:
            raise
        if kept is not None and isinstance(fault, StorageFault):
            fault = fault.restated(db_path, kept)
        raise fault from exc


class _HasPath(Protocol):
    path: Path


F = TypeVar("F", bound=Callable[..., Any])


def guarded(method: F) -> F:
    """A ``Store`` method whose storage faults are raised as :class:`StorageFault`."""
    @wraps(method)
    def run(self: _HasPath, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.Error, OSError) as exc:
            fault = fault_of(exc, self.path)
            if fault is None:
                raise
            raise fault from exc
    return run  # type: ignore[return-value]
