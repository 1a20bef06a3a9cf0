"""Cross-field rules (DHIS2-style validation rules) evaluated over a submission's values."""

from __future__ import annotations

import math
from collections.abc import Mapping

from ..catalogue.expressions import ZeroDivision
from ..catalogue.model import Rule

_EPS = 1e-9
_COMPARE = {
    "<=": lambda a, b: a <= b + _EPS,
    "<": lambda a, b: a < b - _EPS,
    "==": lambda a, b: math.isclose(a, b, rel_tol=1e-9, abs_tol=_EPS),
    "!=": lambda a, b: not math.isclose(a, b, rel_tol=1e-9, abs_tol=_EPS),
    ">=": lambda a, b: a >= b - _EPS,
    ">": lambda a, b: a > b + _EPS,
}


def rule_violated(rule: Rule, numbers: Mapping[str, float | None], answered: set[str]) -> bool:
    """True when ``rule`` fails. ``numbers`` holds numeric values (None = missing);
    ``answered`` the codes that have any value or are marked not applicable."""
    codes = rule.codes
    if rule.operator == "compulsory_pair":
        given = [c in answered for c in codes]
        return any(given) and not all(given)
    if rule.operator == "exclusive_pair":
        return sum(numbers.get(c) is not None for c in codes) > 1
    missing = [c for c in codes if numbers.get(c) is None]
    if missing and rule.missing == "skip_if_any_missing":
        return False
    if missing and rule.missing == "skip_if_all_missing" and len(missing) == len(codes):
        return False
    filled = {c: (numbers.get(c) if numbers.get(c) is not None else 0.0) for c in codes}
    try:
        left = rule.left.evaluate(filled)
        right = rule.right.evaluate(filled) if rule.right else None
    except ZeroDivision:
        return False  # the division itself is reported on the calculated indicator
    if left is None or right is None:
        return False
    return not _COMPARE[rule.operator](left, right)
