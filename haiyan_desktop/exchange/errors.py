"""The exchange's error, apart from its readers so catching it imports no csv or zip code."""

from __future__ import annotations

from ..messages import Message


class ValuesFileError(Exception):
    """The file cannot be read as a values file; ``message`` says why in both languages."""

    def __init__(self, message: Message):
        super().__init__(message.en)
        self.message = message
