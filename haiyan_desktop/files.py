"""Writing a user's file so that a failure never leaves half of it behind."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_atomically(path: str | Path, data: bytes, *, private: bool = False) -> Path:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename.

    Readers see the old file or the whole new one, never a part; on any failure the
    temporary file is removed and ``path`` is untouched. ``private`` makes the file readable
    by its owner only (private keys, certificates with keys).
    """
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(temporary, flags, 0o600 if private else 0o666)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path
