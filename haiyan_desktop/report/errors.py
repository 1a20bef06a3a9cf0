"""Why a report could not be made or read, as one bilingual sentence."""

from __future__ import annotations

from ..messages import Message


class ReportError(Exception):
    """A failure the user must read; no report file was left behind."""

    def __init__(self, message: Message):
        super().__init__(message.en)
        self.message = message
