"""Why a report could not be made or read, as one bilingual sentence."""

from __future__ import annotations

from ..errors import HaiyanError


class ReportError(HaiyanError):
    """A failure the user must read; no report file was left behind."""
