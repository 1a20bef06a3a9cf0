"""Why the store refused to do something, as one bilingual sentence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import EXIT_FAILED, HaiyanError
from ..messages import Bilingual, Message, msg
from ..validation.problems import Problem


class StoreError(HaiyanError):
    """A refusal the user must read: nothing was changed."""


class NewerDatabase(StoreError):
    pass


class CorruptDatabase(StoreError):
    def __init__(self, path: Path, backup: Path | None):
        key = "store.corrupt_with_backup" if backup else "store.corrupt_no_backup"
        super().__init__(msg(key, path=str(path), backup=str(backup or "")))
        self.backup = backup


class DataDirLocked(StoreError):
    pass


class UnknownSubmission(StoreError):
    pass


class SubmissionLocked(StoreError):
    status = EXIT_FAILED


class BadTransition(StoreError):
    status = EXIT_FAILED


class ValueRejected(StoreError):
    """An edit failed validation; ``problems`` says why, field by field."""

    status = EXIT_FAILED

    def __init__(self, problems: list[Problem]):
        first = problems[0].message
        super().__init__(first)
        self.problems = problems


class NotReady(StoreError):
    """The submission cannot be marked checked yet; ``problems`` lists what blocks it."""

    status = EXIT_FAILED

    def __init__(self, problems: list[Problem], missing: list[str]):
        super().__init__(msg("store.not_ready", errors=sum(p.is_error for p in problems),
                             warnings=sum(not p.is_error for p in problems),
                             missing=len(missing)))
        self.problems = problems
        self.missing = missing

    def details(self, lang: str) -> list[str]:
        from ..messages import render

        lines = [f"  {p.code} [{p.rule}] {p.message.render(lang)}" for p in self.problems]
        if self.missing:
            lines.append(f"{render('cli.missing', lang)}: {', '.join(self.missing)}")
        return lines


# --- storage faults (see faults.py, which maps sqlite3 and OS errors to these) ---------------
DAMAGE = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})  # the file itself is bad


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of an ``sqlite3`` error (SQLITE_IOERR for
    SQLITE_IOERR_WRITE, ...); None when it carries none."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


class StorageFault(StoreError):
    """The disk, the file system or another program stopped the store: the step under way was
    rolled back as a whole (SQLite's guarantee), everything committed before it is kept.

    ``key`` names the sentence; ``path`` is the database file. The middle sentence (what was
    kept) is a parameter, so that demo building can say what it keeps instead.
    """

    key = ""

    def __init__(self, path: Path, kept: Message | None = None, **params: object):
        self.path = Path(path)
        self.kept = kept or msg("store.fault_kept")
        self.params = params
        super().__init__(msg(self.key, path=str(self.path), folder=str(self.path.parent),
                             kept=Bilingual(self.kept.zh, self.kept.en), **params))

    def restated(self, path: Path, kept: Message) -> StorageFault:
        """The same fault told about ``path``, with ``kept`` as what was kept."""
        return type(self)(path, kept, **self.params)


class DiskFull(StorageFault):
    """SQLITE_FULL or ENOSPC: no room left for the database (or its backup)."""

    key = "store.fault_disk_full"


class StorageReadOnly(StorageFault):
    """SQLITE_READONLY, SQLITE_CANTOPEN or EACCES/EPERM/EROFS: the folder or the file cannot
    be written (permissions, a read-only attribute, a write-protected drive)."""

    key = "store.fault_read_only"


class DatabaseBusy(StorageFault):
    """SQLITE_BUSY after the busy timeout: another program holds the database file."""

    key = "store.fault_busy"


class DatabaseReplaced(StorageFault):
    """The database file was deleted or replaced by another program while open. ``copy`` is
    the rescued copy of the database as this program had it (every commit) and ``command``
    the one that restores it; or ``copy`` is None, with ``reason``, when even that could not
    be written."""

    key = "store.fault_replaced"

    def __init__(self, path: Path, kept: Message | None = None, *, copy: Path | None = None,
                 command: str = "", reason: Bilingual | None = None):
        self.copy, self.command, self.reason = copy, command, reason
        if copy is None:
            self.key = "store.fault_replaced_no_copy"
            super().__init__(path, kept, reason=reason or Bilingual("", ""))
        else:
            super().__init__(path, kept, copy=str(copy), command=command)

    def restated(self, path: Path, kept: Message) -> StorageFault:
        return DatabaseReplaced(path, kept, copy=self.copy, command=self.command,
                                reason=self.reason)


class StorageUnavailable(StorageFault):
    """The data folder is gone (a removable drive pulled out) or reads and writes fail
    (SQLITE_IOERR, EIO)."""

    key = "store.fault_io_error"

    def __init__(self, path: Path, kept: Message | None = None, *, gone: bool = False):
        self.gone = gone
        self.key = "store.fault_gone" if gone else "store.fault_io_error"
        super().__init__(path, kept)

    def restated(self, path: Path, kept: Message) -> StorageFault:
        return StorageUnavailable(path, kept, gone=self.gone)
