"""The one exception of the signing package: a sentence for the user, nothing written."""

from __future__ import annotations

from ..messages import Message


class SigningError(Exception):
    """A failure the user must read (wrong passphrase, foreign certificate, …).

    Whatever raised it left no file behind and changed nothing in the store.
    """

    def __init__(self, message: Message):
        super().__init__(message.en)
        self.message = message
