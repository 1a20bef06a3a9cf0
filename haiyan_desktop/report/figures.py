"""The figures the report prints: rounded once, then computed, so that they add up on paper.

Scoring (:mod:`haiyan_desktop.scoring`) works with unrounded numbers. A county official checks
the printed report by hand, two decimals at a time, so the report prints figures made from
printed figures:

- **weights** (权重: the points an indicator can earn at most, out of 100): 100.00 is shared
  out over the domains, each domain's printed weight over its first-level indicators and each
  first-level indicator's over its second-level ones by the largest-remainder method (every part
  is its exact share rounded down, and the hundredths left over go to the largest remainders),
  so the weights of the parts add up to the weight of the whole;
- **attainment** (达成度; a domain's and the whole's 实现度) is printed as a percentage with
  two decimals, as scoring computes it (so the app, the attached data and the paper agree);
- **points** (得分): the whole is the realization degree as the app gives it (the unrounded
  total, rounded once). It is shared out over the domains, each domain's printed points over
  its first-level indicators and each first-level indicator's over its second-level ones: every
  part gets its printed weight × its printed attainment (四舍五入), and when these miss the
  total above them, the hundredths missing (or too many) go one each to the parts whose
  unrounded points lie furthest the other way (the largest-remainder method again), a part
  attained 100 % or 0 % last. :attr:`Figures.adjusted` names those parts and the method page
  prints them: on every other row points = weight × attainment exactly;
- **changes** are differences of two printed figures (:func:`change`).

Figures are integers: weights and points in hundredths of a point, attainment in hundredths of
a percent (9901 is 99.01 %).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

from ..catalogue.model import Catalogue
from ..scoring import ScoreReport

WHOLE = 10_000  # 100.00 points, in hundredths
FULL = 10_000  # 100.00 %, in hundredths of a percent
_CLEAN = Decimal("0.000001")


@dataclass(frozen=True)
class Printed:
    """One row's printed figures; None where the row prints "—" (out of the weighting)."""

    weight: int | None
    attainment: int | None
    points: int | None

    @property
    def lost(self) -> int | None:
        """Points short of the weight (失分), as printed."""
        if self.weight is None or self.points is None:
            return None
        return self.weight - self.points


NOTHING = Printed(None, None, None)


@dataclass
class Figures:
    """The printed figures of one report, by code (domains, first-level indicators, leaves)."""

    overall: Printed
    rows: dict[str, Printed] = field(default_factory=dict)
    # rows whose points are their weight × attainment ± a hundredth or two, so that every
    # total is the sum of its parts (code, hundredths added or taken)
    adjusted: list[tuple[str, int]] = field(default_factory=list)

    def get(self, code: str) -> Printed:
        return self.rows.get(code, NOTHING)


def hundredths(x: float, scale: int = 100) -> int:
    """``x × scale`` to the nearest whole number, as ``f"{x * scale:.0f}"`` prints the exact
    binary value (so the 97.69 here is the 97.69 the app shows)."""
    return int((Decimal(x) * scale).quantize(Decimal(1), ROUND_HALF_EVEN))


def product(weight: int, attainment: int) -> int:
    """Printed weight × printed attainment, 四舍五入 to hundredths of a point."""
    return (weight * attainment + FULL // 2) // FULL


def text(value: int | None, unit: str = "") -> str:
    """Hundredths as the report prints them: 3.75, -0.44; "—" for None."""
    if value is None:
        return "—"
    sign = "-" if value < 0 else ""
    whole, cents = divmod(abs(value), 100)
    return f"{sign}{whole}.{cents:02d}{unit}"


def percent(value: int | None) -> str:
    return text(value, "%")


def change(this: int | None, last: int | None) -> str:
    """The difference of two printed figures, with its sign: +0.64, -0.44, 0.00."""
    if this is None or last is None:
        return "—"
    diff = this - last
    return ("+" if diff > 0 else "") + text(diff)


def apportion(total: int, shares: Sequence[float]) -> list[int]:
    """``total`` hundredths shared in proportion to ``shares`` by the largest-remainder method:
    each part its exact value rounded down, the hundredths left over to the largest remainders
    (the earlier part on a tie)."""
    whole = sum(shares)
    if not shares or whole <= 0:
        return [0] * len(shares)
    exact = [(Decimal(s) / Decimal(whole) * total).quantize(_CLEAN) for s in shares]
    parts = [int(e.to_integral_value(ROUND_FLOOR)) for e in exact]
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:max(total - sum(parts), 0)]:
        parts[i] += 1
    return parts


@dataclass
class _Part:
    code: str
    weight: int
    attainment: int
    exact: float  # unrounded points, in hundredths
    points: int = 0


def _share_out(total: int, parts: list[_Part], out: Figures) -> None:
    """Give each part its weight × attainment, then the hundredths by which they miss
    ``total`` one each to the parts whose unrounded points lie furthest the other way, never
    above a part's weight nor below 0, and to a part attained 100 % or 0 % only when no
    other can take it. Records the parts moved off their product in ``out.adjusted``."""
    for part in parts:
        part.points = product(part.weight, part.attainment)
    left = total - sum(part.points for part in parts)
    step = 1 if left > 0 else -1
    while left:
        candidates = [n for n, part in enumerate(parts)
                      if 0 <= part.points + step <= part.weight]
        if not candidates:
            break  # nothing can take it (cannot happen with scores made by scoring)
        best = min(candidates, key=lambda n: (parts[n].attainment in (0, FULL),
                                              abs(parts[n].points + step - parts[n].exact), n))
        parts[best].points += step
        left -= step
    for part in parts:
        moved = part.points - product(part.weight, part.attainment)
        if moved:
            out.adjusted.append((part.code, moved))


def figures(catalogue: Catalogue, score: ScoreReport, kind: str | None) -> Figures:
    """The printed figures of a unit's scores (``kind``: the unit's kind)."""
    out = Figures(NOTHING)
    for domain in score.domains:
        out.rows[domain.code] = NOTHING
        for first in domain.children:
            out.rows[first.code] = NOTHING
    counted = [d for d in score.domains if d.attainment is not None and d.share > 0]
    if not counted:
        return out

    def level(weight: int, points: int, nodes: list[tuple[str, float, float | None]]
              ) -> list[_Part]:
        """Weights and points of the parts (code, exact share, attainment) of one total; parts
        out of the weighting keep "—"."""
        live = [(code, share, att) for code, share, att in nodes
                if att is not None and share > 0]
        parts = [_Part(code, w, hundredths(att or 0.0, FULL), share * (att or 0.0) * WHOLE)
                 for (code, share, att), w in zip(live, apportion(weight, [s for _, s, _ in live]),
                                                  strict=True)]
        _share_out(points, parts, out)
        for part in parts:
            out.rows[part.code] = Printed(part.weight, part.attainment, part.points)
        return parts

    total = hundredths(score.overall)
    out.overall = Printed(WHOLE, total, total)
    domains = {d.code: d for d in score.domains}
    for top in level(WHOLE, total, [(d.code, d.share, d.attainment) for d in counted]):
        domain = domains[top.code]
        for first in level(top.weight, top.points,
                           [(f.code, f.share, f.attainment) for f in domain.children]):
            ind = catalogue.index[first.code]
            if ind.is_leaf:
                continue
            leaves = [score.leaves[c.code] for c in ind.children
                      if c.applies(kind) and c.code in score.leaves]
            level(first.weight, first.points, [(leaf.code, leaf.weight, leaf.attainment)
                                               for leaf in leaves])
    return out


def last_year(score: ScoreReport | None) -> dict[str, int | None]:
    """Last year's printed realization degrees (hundredths of a percent) of the domains and
    first-level indicators by code, and of the whole under ""."""
    if score is None:
        return {}
    out: dict[str, int | None] = {}
    for d in score.domains:
        out[d.code] = None if d.attainment is None else hundredths(d.attainment, FULL)
        for f in d.children:
            out[f.code] = None if f.attainment is None else hundredths(f.attainment, FULL)
    out[""] = hundredths(score.overall)
    return out
