"""Turn what a clerk typed or pasted into a clean value, or say precisely what is expected.

How each type reads its input (full-width digits, ``%``, thousands separators, 万/亿, yes/no
words, choice labels, dates…) is declared by the type in the registry,
:mod:`haiyan_desktop.catalogue.indicator_types`; this module is the validation layer's door to
it. Anything ambiguous is rejected, never guessed.
"""

from __future__ import annotations

from ..catalogue.indicator_types import (
    EMPTY,
    MAX_INPUT,
    MAX_TEXT,
    NO_WORDS,
    YES_WORDS,
    Normalized,
    Value,
    clean_text,
    indicator_type,
)
from ..catalogue.model import Indicator

__all__ = ["EMPTY", "MAX_INPUT", "MAX_TEXT", "NO_WORDS", "YES_WORDS", "Normalized", "Value",
           "clean_text", "normalize"]


def normalize(indicator: Indicator, raw: object) -> Normalized:
    """Read one raw input for ``indicator``. Empty input gives ``Normalized(None)``."""
    if raw is None:
        return EMPTY
    return indicator_type(indicator.type).parse(raw, indicator)
