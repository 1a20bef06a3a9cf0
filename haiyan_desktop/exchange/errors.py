"""The exchange's error, apart from its readers so catching it imports no csv or zip code."""

from __future__ import annotations

from ..errors import HaiyanError


class ValuesFileError(HaiyanError):
    """The file cannot be read as a values file; ``message`` says why in both languages."""
