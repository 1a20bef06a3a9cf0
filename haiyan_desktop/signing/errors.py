"""The one exception of the signing package: a sentence for the user, nothing written."""

from __future__ import annotations

from pathlib import Path

from ..errors import HaiyanError
from ..messages import msg, os_reason


class SigningError(HaiyanError):
    """A failure the user must read (wrong passphrase, foreign certificate, …).

    Whatever raised it left no file behind and changed nothing in the store.
    """


def read_input(path: str | Path, key: str) -> bytes:
    """The bytes of a file the user named; an unreadable one raises message ``key``.

    ``key`` takes ``path`` and ``detail`` (the system's reason, e.g. "No such file").
    """
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise SigningError(msg(key, path=str(path),
                               detail=os_reason(exc))) from exc
