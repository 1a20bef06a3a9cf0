"""Plausible values for any catalogue, for benchmarks and as the demo model's fallback.

Driven only by the catalogue: each value is drawn by its type (numbers near their target and
inside their expected and hard ranges, see ``IndicatorType.sample``); the inputs of a
calculated rate are solved so the rate lands where it should. Each figure is drawn on its
own, so the figures of one unit need not fit together beyond the catalogue's own rules: the
demo data come from a model of each unit (:mod:`.demo_model`), which leaves to this module
only the indicators it does not know.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from .catalogue.indicator_types import indicator_type
from .catalogue.indicator_types import sample_bounds as _bounds
from .catalogue.model import Catalogue, Indicator
from .validation.engine import Entry, check_submission
from .validation.normalize import normalize


def _round(ind: Indicator, value: float) -> float:
    decimals = ind.decimals if ind.decimals is not None else 2
    return round(value, decimals) + 0.0


def _desired(ind: Indicator, rng: random.Random, quality: float) -> float:
    """A number near the target: good units get close, weaker ones fall short."""
    return indicator_type(ind.type).sample(rng, ind, quality)  # type: ignore[return-value]


def _text(ind: Indicator, value: float) -> str:
    return indicator_type(ind.type).text(value, ind)


def _solve(catalogue: Catalogue, rate: Indicator, wanted: float, values: dict[str, float],
           free: str) -> float | None:
    """Bisection on one input so that ``rate``'s formula gives about ``wanted``."""
    ind = catalogue.index[free]
    low, high = ind.min or 0.0, ind.max if ind.max is not None else _bounds(ind)[1] * 10

    def f(x: float) -> float | None:
        try:
            return rate.formula.evaluate({**values, free: x})  # type: ignore[union-attr]
        except ArithmeticError:
            return None

    f_low, f_high = f(low), f(high)
    if f_low is None or f_high is None or (f_low - wanted) * (f_high - wanted) > 0:
        return None
    rising = f_high > f_low
    for _ in range(60):
        mid = (low + high) / 2
        value = f(mid)
        if value is None:
            return None
        if (value < wanted) == rising:
            low = mid
        else:
            high = mid
    return _round(ind, (low + high) / 2)


def plausible_entries(catalogue: Catalogue, kind: str | None, rng: random.Random,
                      quality: float = 0.9, attempts: int = 30,
                      fixed: Mapping[str, Entry] | None = None) -> dict[str, Entry]:
    """A complete submission for a unit of ``kind`` that passes the catalogue's own checks
    (drawn again until it does); ``quality`` in (0, 1] shapes the score. ``fixed`` entries
    are kept as given and only the other values are drawn (a rate with a fixed input is
    solved for its free one)."""
    fixed = dict(fixed or {})
    if all(i.code in fixed for i in catalogue.leaves(kind) if not i.is_calculated):
        return fixed  # nothing left to draw
    best: tuple[int, dict[str, Entry]] | None = None
    for _ in range(attempts):
        entries = _draw(catalogue, kind, rng, quality, fixed)
        check = check_submission(catalogue, entries, kind)
        found = sum(1 for p in check.problems if p.is_open)  # fixed ones may be explained
        if found == 0:
            return entries
        if best is None or found < best[0]:
            best = (found, entries)
    assert best is not None
    return best[1]


def _number(ind: Indicator, entry: Entry) -> float | None:
    """A fixed entry's number, as a formula reads it (yes/no as 1 or 0)."""
    if entry.na:
        return None
    value = normalize(ind, entry.raw).value
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    return value if isinstance(value, float) else None


def _draw(catalogue: Catalogue, kind: str | None, rng: random.Random,
          quality: float, fixed: Mapping[str, Entry]) -> dict[str, Entry]:
    leaves = catalogue.leaves(kind)
    inputs = {n for i in leaves if i.formula for n in i.formula.names}
    numbers: dict[str, float] = {}
    known = set(fixed)  # given: never solved for, never drawn
    for code, entry in fixed.items():
        ind = catalogue.index.get(code)
        value = None if ind is None else _number(ind, entry)
        if value is not None:
            numbers[code] = value
    entries: dict[str, Entry] = {}
    for ind in leaves:
        if ind.is_calculated or ind.code in inputs or ind.code in known:
            continue
        itype = indicator_type(ind.type)
        drawn = itype.sample(rng, ind, quality)
        if itype.numeric:  # numbers are written once the rates' inputs are solved
            numbers[ind.code] = drawn  # type: ignore[assignment]
        else:
            entries[ind.code] = Entry(drawn)
    for rate in (i for i in leaves if i.formula):
        names = [n for n in rate.formula.names  # type: ignore[union-attr]
                 if n not in numbers and n not in known]
        if not names:
            continue
        free, *fixed_names = names  # the numerator: solving for it never divides by zero
        low, high = _bounds(catalogue.index[free])
        rate_low, rate_high = _bounds(rate)
        for _attempt in range(50):  # redraw until the input and the rate are both plausible
            wanted = _desired(rate, rng, quality)
            for name in fixed_names:
                numbers[name] = _desired(catalogue.index[name], rng, quality)
            solved = _solve(catalogue, rate, wanted, numbers, free)
            if solved is None or not low <= solved <= high:
                continue
            got = rate.formula.evaluate({**numbers, free: solved})  # type: ignore[union-attr]
            if got is not None and rate_low <= _round(rate, got) <= rate_high:
                break
        numbers[free] = solved if solved is not None else _desired(catalogue.index[free], rng,
                                                                      quality)
    for code, value in numbers.items():
        if code not in known:
            entries[code] = Entry(_text(catalogue.index[code], value))
    return {**entries, **fixed}


def next_year_entries(catalogue: Catalogue, kind: str | None, entries: dict[str, Entry],
                      rng: random.Random, spread: float = 0.06,
                      attempts: int = 30) -> dict[str, Entry]:
    """Last year's submission moved a little (± ``spread``), still passing every check."""
    group = {n: rate.code for rate in catalogue.leaves(kind) if rate.formula
             for n in rate.formula.names}  # a rate's inputs move together: the rate holds
    for _ in range(attempts):
        moved: dict[str, Entry] = {}
        factors: dict[str, float] = {}
        for code, entry in entries.items():
            ind = catalogue.index[code]
            if ind.is_numeric and entry.raw not in (None, ""):
                low, high = _bounds(ind)
                key = group.get(code, code)
                factor = factors.setdefault(key, rng.uniform(1 - spread, 1 + spread))
                value = float(str(entry.raw).replace(",", "")) * factor
                moved[code] = Entry(_text(ind, _round(ind, min(max(value, low), high))),
                                    entry.comment, entry.na)
            else:
                moved[code] = entry
        if not check_submission(catalogue, moved, kind).problems:
            return moved
    return dict(entries)
