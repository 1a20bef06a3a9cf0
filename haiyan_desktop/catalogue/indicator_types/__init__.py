"""The registry of indicator types: the only place that knows what a type name means.

Each type (:class:`.base.IndicatorType`) declares together how a value of it is typed and read
(:meth:`~.base.IndicatorType.parse`), its default decimals and hard range, how its catalogue
settings are read (``limit``, ``goal``), the directions it may be scored by and its attainment,
its order for range checks, how the grid, messages and report show it, its Excel cell
(value, number format, data validation) and its sample values. Every other module asks::

    kind = indicator_type(indicator.type)
    kind.parse(raw, indicator)              # Normalized(value) or Normalized(None, error)
    kind.display(value, indicator, lang)    # the grid and the template
    kind.excel_rule(indicator, lang)        # the template's data validation

and never compares type names (tests/unit/test_indicator_types.py checks the source).
A new type is a new module here and one line in :data:`REGISTRY`. Qt-free; imports only the
standard library and :mod:`haiyan_desktop.messages`.
"""

from __future__ import annotations

from .answers import CHOICE, NO_WORDS, TEXT, YES_WORDS, YESNO
from .base import (
    COMPARE,
    COMPARE_SIGN,
    EMPTY,
    MAX_INPUT,
    MAX_TEXT,
    ExcelRule,
    IndicatorType,
    Normalized,
    Setting,
    Value,
    clean_text,
)
from .dates import DATE
from .numbers import COEFFICIENT, INTEGER, MONEY, NUMBER, PERCENT, sample_bounds

# name -> type, in the order the documentation lists them
REGISTRY: dict[str, IndicatorType] = {kind.name: kind for kind in (
    PERCENT, NUMBER, INTEGER, MONEY, COEFFICIENT, YESNO, CHOICE, TEXT, DATE,
)}
TYPE_NAMES: tuple[str, ...] = tuple(REGISTRY)
# every direction some type may be scored by, in first-seen order
DIRECTIONS: tuple[str, ...] = tuple(dict.fromkeys(d for k in REGISTRY.values()
                                                  for d in k.directions))
_NO_TARGET = frozenset(d for k in REGISTRY.values() if k.has_choices for d in k.directions)


def indicator_type(name: str | None) -> IndicatorType:
    """The type called ``name``. None (a first-level indicator with children, or a leaf whose
    type could not be read) behaves as text. An unknown name is a ``KeyError``: the loader
    admits only :data:`TYPE_NAMES`."""
    if name is None:
        return TEXT
    return REGISTRY[name]


def needs_target(direction: str) -> bool:
    """Whether a scored leaf with this direction needs a ``target`` (not when each answer
    carries its own score)."""
    return direction not in _NO_TARGET


__all__ = [
    "COMPARE", "COMPARE_SIGN", "DIRECTIONS", "EMPTY", "MAX_INPUT", "MAX_TEXT", "NO_WORDS",
    "REGISTRY", "TYPE_NAMES", "YES_WORDS", "ExcelRule", "IndicatorType", "Normalized", "Setting",
    "Value", "clean_text", "indicator_type", "needs_target", "sample_bounds",
]
