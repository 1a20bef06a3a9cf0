"""Writing a file so that a failure never leaves half of it behind: the one atomic writer.

Every file the program writes (reports, Excel files, backups, caches, fonts, certificates)
goes through :func:`atomic_path` or :func:`write_atomically`: the content is written to a
temporary file in the same folder, flushed to disk, renamed over the target, and the folder's
entry is flushed too where the platform allows. Readers see the old file or the whole new
one, never a part; on any failure the temporary file is removed and the target is untouched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(path: str | Path, *, private: bool = False) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that needs a file name (reportlab,
    openpyxl, SQLite's backup); when the block ends, what was written there replaces
    ``path``. ``private`` makes the file readable by its owner only (keys)."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        os.close(os.open(temporary, flags, 0o600 if private else 0o666))  # ours alone
        yield temporary
        with open(temporary, "rb+") as written:  # on disk before it replaces anything
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def write_atomically(path: str | Path, data: bytes, *, private: bool = False) -> Path:
    """Write ``data`` to ``path`` whole or not at all (see :func:`atomic_path`)."""
    with atomic_path(path, private=private) as temporary:
        temporary.write_bytes(data)
    return Path(path)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the renamed file (POSIX; Windows has no such call and
    makes the rename durable itself)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
