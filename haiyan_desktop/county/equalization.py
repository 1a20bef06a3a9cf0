"""Comparison and equalization between the townships of one year (pure Python: no Qt, no
database, no files).

The input is the data attached to the units' signed reports (the payload of
:func:`haiyan_desktop.report.data.build_payload`), one per unit, of one year; optionally last
year's. The scores and attainments are the ones the reports carry (the figures the units
signed); nothing here is rounded: rounding is for whoever renders the result.

Formulas (n units, values x_i, mean μ):

- rank: competition ranking by score, highest first; equal scores share a rank (1, 2, 2, 4);
- median: the middle value, with an even count the mean of the two middle ones;
- population standard deviation sd = sqrt(Σ (x_i − μ)² / n);
- coefficient of variation CV = sd / |μ| (None when μ is 0);
- max/min ratio = max / min (None when min ≤ 0);
- Theil index T = (1/n) Σ (x_i/μ) ln(x_i/μ), with x ln x → 0 for x = 0 (0 when μ is 0, None
  when a value is negative). With the townships in groups g (subdistricts 街道, urban; towns 镇,
  rural) of n_g units, mean μ_g and Theil index T_g:
  between = Σ_g (n_g/n)(μ_g/μ) ln(μ_g/μ), within = Σ_g (n_g/n)(μ_g/μ) T_g,
  and between + within = T;
- a weak indicator (短板) of a unit: attainment below 1 (below target) and below the county
  mean attainment of that indicator, sorted by the gap to that mean, largest first;
- a county-level figure: a calculated indicator whose formula uses only summable data items
  (基础数据项 of type integer, number or money with ``aggregate: sum``) is evaluated on the sums
  of those data items over the townships that reported all of them (Σ numerators ÷ Σ
  denominators), not as the mean of the townships' rates.

Dispersion of an indicator is measured on its figures (``basis: value``) when it is numeric,
and on the units' attainments (``basis: attainment``) for yes/no, choice and date indicators.
Only scored values count (a missing or not-applicable value is counted apart). Townships are
the units of kind ``town`` and ``subdistrict``; departments are listed apart with their own
realization degree on the indicators they lead.
"""

from __future__ import annotations

import functools
import gc
import math
import operator
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import compress, repeat
from typing import Any, NamedTuple

from ..catalogue.expressions import ZeroDivision
from ..catalogue.indicator_types import indicator_type
from ..catalogue.model import TOWNSHIP_KINDS, Catalogue, Indicator
from ..messages import Bilingual
from ..scoring import MISSING, NOT_APPLICABLE, SCORED, UNSCORED, attainment

GROUPS = ("subdistrict", "town")  # urban (街道) and rural (镇), in that order
OVERALL = "overall"  # the measure name of the overall score (else a domain's code)


# --- plain statistics ---------------------------------------------------------------------------
def _number(value: Any) -> float | None:
    """A finite number (a bool is no number here), else None."""
    kind = type(value)  # exact types: JSON gives float and int (and bool is no number here)
    if kind is float:
        return value if value - value == 0 else None  # not for inf and nan
    return float(value) if kind is int else None


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class Stats:
    """Descriptive statistics of one set of values (all None when there are none)."""

    n: int
    mean: float | None = None
    median: float | None = None
    min: float | None = None
    max: float | None = None
    range: float | None = None
    sd: float | None = None  # population standard deviation
    cv: float | None = None  # sd / |mean|; None when the mean is 0
    max_min_ratio: float | None = None  # None when min ≤ 0

    @classmethod
    def of(cls, values: Iterable[float]) -> Stats:
        xs = list(values)
        n = len(xs)
        if not n:
            return cls(0)
        mean = math.fsum(xs) / n
        deviations = [x - mean for x in xs]
        sd = math.sqrt(math.fsum(map(operator.mul, deviations, deviations)) / n)
        low, high = min(xs), max(xs)
        return cls(n, mean, median(xs), low, high, high - low, sd,
                   sd / abs(mean) if mean != 0 else None,
                   high / low if low > 0 else None)

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n, "mean": self.mean, "median": self.median, "min": self.min,
                "max": self.max, "range": self.range, "sd": self.sd, "cv": self.cv,
                "max_min_ratio": self.max_min_ratio}


def theil_index(values: Sequence[float]) -> float | None:
    """T = (1/n) Σ (x_i/μ) ln(x_i/μ); 0 for no values or a zero mean, None when a value is
    negative (the index is not defined then)."""
    if any(map(operator.lt, values, repeat(0))):
        return None
    if not values:
        return 0.0
    mean = math.fsum(values) / len(values)
    if mean == 0:
        return 0.0
    ratios = [x / mean for x in values]
    return math.fsum([r * math.log(r) if r > 0 else 0.0 for r in ratios]) / len(values)


@dataclass(frozen=True)
class TheilGroup:
    group: str  # "subdistrict" (街道, urban) or "town" (镇, rural)
    n: int
    mean: float | None
    theil: float | None  # T_g, the inequality inside the group
    share: float | None  # (n_g/n)(μ_g/μ): the group's share of the total

    def to_json(self) -> dict[str, Any]:
        return {"group": self.group, "n": self.n, "mean": self.mean, "theil": self.theil,
                "share": self.share}


@dataclass(frozen=True)
class Theil:
    """The Theil index of one measure (the overall score or a domain's) across townships,
    split into the part between the groups and the part within them."""

    measure: str  # OVERALL or a domain code
    n: int
    mean: float | None
    total: float | None
    between: float | None
    within: float | None
    groups: tuple[TheilGroup, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"measure": self.measure, "n": self.n, "mean": self.mean, "total": self.total,
                "between": self.between, "within": self.within,
                "groups": [g.to_json() for g in self.groups]}


def decompose(measure: str, groups: Mapping[str, Sequence[float]]) -> Theil:
    """The Theil index of all values in ``groups`` with its between/within decomposition."""
    everything = [x for xs in groups.values() for x in xs]
    n = len(everything)
    total = theil_index(everything)
    if not n or total is None:
        return Theil(measure, n, math.fsum(everything) / n if n else None, total, None, None)
    mean = math.fsum(everything) / n
    parts: list[TheilGroup] = []
    between: list[float] = []
    within: list[float] = []
    for group, xs in groups.items():
        if not xs:
            continue
        group_mean = math.fsum(xs) / len(xs)
        group_theil = theil_index(xs)
        share = (len(xs) / n) * (group_mean / mean) if mean else 0.0
        if mean:
            between.append(share * math.log(group_mean / mean) if group_mean > 0 else 0.0)
            within.append(share * (group_theil or 0.0))
        parts.append(TheilGroup(group, len(xs), group_mean, group_theil, share))
    return Theil(measure, n, mean, total, math.fsum(between), math.fsum(within), tuple(parts))


_FIRST = operator.itemgetter(0)


def competition_ranks(scores: Mapping[str, float | None]) -> dict[str, int]:
    """Rank 1 for the highest score; equal scores share the best rank of their run (1, 2, 2,
    4). Units without a score get no rank."""
    scored = sorted(((s, c) for c, s in scores.items() if s is not None), key=_FIRST,
                    reverse=True)  # a stable sort: among equal scores, in the given order
    ranks: dict[str, int] = {}
    previous: float | None = None
    rank = 0
    for position, (value, code) in enumerate(scored, start=1):
        if value != previous:
            rank, previous = position, value
        ranks[code] = rank
    return ranks


# --- the reports, read once ---------------------------------------------------------------------
COMPARISON_DATA = "haiyan-desktop/comparison-data"  # the format of comparison_data()
COMPARISON_DATA_VERSION = 1


def comparison_data(payload: Mapping[str, Any]) -> dict[str, Any]:
    """What :func:`compare` reads of a report's data, and nothing else, laid out in columns.

    The county database keeps it beside each report's full data (``county.store``), so a
    comparison reads a fraction of the data and makes a fraction of the objects. ``compare``
    takes it in place of the report's data and gives the very same result. Its layout::

        {"format": "haiyan-desktop/comparison-data", "format_version": 1,
         "unit": {"code", "name", "name_en", "kind"}, "year",
         "catalogue": {"id", "version", "sha256"}, "overall",
         "domains": {"code": [...], "score": [...]},
         "leaves": {"code": "A01 A02 ...", "status": [...], "actual": [...],
                    "attainment": [...] (a department's also "name": [...], "name_en": [...])},
         "values": {"code": "A01N A01D ...", "value": [...], "na": [...]},
         "previous": {"year", "overall"} or null}

    one entry per leaf of the report's scores and per stored value, in the report's order,
    each field as the report has it (nothing converted or rounded). The codes are one
    string, separated by spaces (a list when a code is no plain word; a catalogue's codes
    always are). When ``compare`` needs more of a report, the format's version goes up and
    a migration of the county database makes the new one from the full data. Data that
    already is comparison data of this version is returned as it is. Raises ValueError for
    data that is no report's.
    """
    if is_comparison_data(payload):
        return dict(payload)
    try:
        unit, scores = payload["unit"], payload["scores"]
        leaves = scores.get("indicators", [])
        domains = scores.get("domains", [])
        stored = payload.get("values", [])
        catalogue = payload.get("catalogue", {})
        previous = payload.get("previous")
        columns = {"code": _joined([leaf["code"] for leaf in leaves]),
                   "status": [leaf["status"] for leaf in leaves],
                   "actual": [leaf.get("actual") for leaf in leaves],
                   "attainment": [leaf.get("attainment") for leaf in leaves]}
        if str(unit["kind"]) == "department":  # its leaves are listed by name
            columns["name"] = [leaf.get("name") for leaf in leaves]
            columns["name_en"] = [leaf.get("name_en") for leaf in leaves]
        return {
            "format": COMPARISON_DATA, "format_version": COMPARISON_DATA_VERSION,
            "unit": {"code": unit["code"], "name": unit["name"], "name_en": unit.get("name_en"),
                     "kind": unit["kind"]},
            "year": payload["year"],
            "catalogue": {"id": catalogue.get("id"), "version": catalogue.get("version"),
                          "sha256": catalogue.get("sha256", "")},
            "overall": scores.get("overall"),
            "domains": {"code": [d["code"] for d in domains],
                        "score": [d.get("score") for d in domains]},
            "leaves": columns,
            "values": {"code": _joined([v["code"] for v in stored]),
                       "value": [v.get("value") for v in stored],
                       "na": [v.get("na") for v in stored]},
            "previous": ({"year": previous.get("year"), "overall": previous.get("overall")}
                         if isinstance(previous, Mapping) else None),
        }
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not the data of a report: {exc!r}") from exc


def _joined(codes: list[Any]) -> str | list[Any]:
    """The codes as one string, separated by spaces, when it splits back into the very same
    codes; else the list as it is."""
    try:
        joined = " ".join(codes)
    except TypeError:  # a code that is no string
        return codes
    return joined if _split(joined) == codes else codes


def _split(joined: str) -> list[str]:
    return joined.split(" ") if joined else []


def is_comparison_data(data: Any) -> bool:
    """Whether ``data`` is :func:`comparison_data` of the version this program reads."""
    return (isinstance(data, Mapping) and data.get("format") == COMPARISON_DATA
            and data.get("format_version") == COMPARISON_DATA_VERSION)


def _key(codes: Any) -> Hashable:
    """The codes as a dictionary key (the string as it is, a list as a tuple)."""
    return codes if isinstance(codes, str) else ("list", *codes)


def _codes(codes: Any) -> list[Any]:
    return _split(codes) if isinstance(codes, str) else list(codes)


class _Layout:
    """Where each leaf and each stored value sits in the columns of the reports that list
    the same codes in the same order (most reports of a year: one layout serves them all)."""

    __slots__ = ("leaf_count", "leaves", "value_count", "values")

    def __init__(self, leaf_codes: list[Any], value_codes: list[Any]):
        self.leaves = {code: i for i, code in enumerate(leaf_codes)}  # the last one wins,
        self.values = {code: i for i, code in enumerate(value_codes)}  # as in a dict
        self.leaf_count, self.value_count = len(leaf_codes), len(value_codes)


@dataclass
class _Report:
    code: str
    name: Bilingual
    kind: str
    year: int
    catalogue_sha256: str
    overall: float | None
    domains: dict[str, float | None]
    layout: _Layout
    status: list[Any]  # the leaves' columns (see comparison_data)
    actual: list[Any]
    attainment: list[Any]
    leaf_names: tuple[list[Any], list[Any]] | None  # a department's leaves' names
    value: list[Any]  # the stored values' columns
    na: list[Any]
    previous: Mapping[str, Any] | None

    @property
    def is_township(self) -> bool:
        return self.kind in TOWNSHIP_KINDS

    def leaf(self, code: str) -> tuple[Any, Any, Any] | None:
        """(status, actual, attainment) of a leaf, None when the report has none."""
        i = self.layout.leaves.get(code)
        return None if i is None else (self.status[i], self.actual[i], self.attainment[i])


def _read(data: Mapping[str, Any], layouts: dict[tuple, _Layout]) -> _Report:
    """A report from its data or its comparison data; ``layouts`` are those made so far."""
    if not is_comparison_data(data):
        data = comparison_data(data)
    try:
        unit, leaves, stored = data["unit"], data["leaves"], data["values"]
        status, actual, attainment = leaves["status"], leaves["actual"], leaves["attainment"]
        value, na = stored["value"], stored["na"]
        key = (_key(leaves["code"]), _key(stored["code"]))
        layout = layouts.get(key)
        if layout is None:
            layout = layouts[key] = _Layout(_codes(leaves["code"]), _codes(stored["code"]))
        kind = str(unit["kind"])
        names = (leaves["name"], leaves["name_en"]) if kind == "department" else None
        if not (layout.leaf_count == len(status) == len(actual) == len(attainment)
                and layout.value_count == len(value) == len(na)
                and (names is None or layout.leaf_count == len(names[0]) == len(names[1]))):
            raise ValueError("columns of unequal length")
        domains = data["domains"]
        return _Report(
            code=str(unit["code"]),
            name=Bilingual(unit["name"], unit.get("name_en") or unit["name"]), kind=kind,
            year=int(data["year"]), catalogue_sha256=str(data["catalogue"]["sha256"]),
            overall=_number(data["overall"]),
            domains=_scores(domains["code"], domains["score"]),
            layout=layout, status=status, actual=actual, attainment=attainment,
            leaf_names=names, value=value, na=na, previous=data["previous"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"not the data of a report: {exc!r}") from exc


def _scores(codes: list[Any], scores: list[Any]) -> dict[Any, float | None]:
    if _finite_floats(scores):
        return dict(zip(codes, scores, strict=True))
    return {c: _number(x) for c, x in zip(codes, scores, strict=True)}


def _read_all(payloads: Iterable[Mapping[str, Any]]) -> list[_Report]:
    layouts: dict[tuple, _Layout] = {}
    reports = [_read(p, layouts) for p in payloads]
    seen = Counter(r.code for r in reports)
    twice = sorted(c for c, k in seen.items() if k > 1)
    if twice:
        raise ValueError(f"more than one report of the unit(s) {', '.join(twice)}")
    years = {r.year for r in reports}
    if len(years) > 1:
        raise ValueError(f"reports of several years: {sorted(years)}")
    return reports


class _Group:
    """The reports of one layout among a list of reports: their positions in the list and
    their leaves' columns read across them (``status[i]``: the status of leaf ``i`` in each
    of the group's reports)."""

    __slots__ = ("actual", "attainment", "layout", "members", "positions", "status")

    def __init__(self, layout: _Layout):
        self.layout = layout
        self.positions: list[int] = []
        self.members: list[_Report] = []

    def close(self) -> None:
        """Turn the reports' columns across (one pass of zip each, in C)."""
        members = self.members
        self.status = list(zip(*[r.status for r in members], strict=True))
        self.actual = list(zip(*[r.actual for r in members], strict=True))
        self.attainment = list(zip(*[r.attainment for r in members], strict=True))


class _Columns:
    """The leaves and data items of a list of reports read across them: for a code, its
    status, actual and attainment in each report, in the list's order (None where a report
    has no such leaf), or each report's value of a data item. The reports that list the
    same codes (most of a year's) are turned across at once."""

    def __init__(self, reports: list[_Report]):
        self.size = len(reports)
        groups: dict[int, _Group] = {}
        for position, r in enumerate(reports):
            group = groups.get(id(r.layout))
            if group is None:
                group = groups[id(r.layout)] = _Group(r.layout)
            group.positions.append(position)
            group.members.append(r)
        self.groups = list(groups.values())
        for group in self.groups:
            group.close()

    def _gather(self, columns: list[Sequence[Any]], pick) -> list[Sequence[Any]]:
        """``columns`` filled with ``pick(group)`` of each layout's reports (a sequence
        per column, or None: the layout lacks the code)."""
        if len(self.groups) == 1:
            picked = pick(self.groups[0])
            return columns if picked is None else picked
        filled = [list(column) for column in columns]
        for group in self.groups:
            picked = pick(group)
            if picked is None:
                continue
            for column, values in zip(filled, picked, strict=True):
                for p, value in zip(group.positions, values, strict=True):
                    column[p] = value
        return filled

    def leaf(self, code: str) -> tuple[Sequence[Any], Sequence[Any], Sequence[Any]]:
        def pick(group: _Group) -> list[Sequence[Any]] | None:
            i = group.layout.leaves.get(code)
            if i is None:
                return None
            return [group.status[i], group.actual[i], group.attainment[i]]

        empty = (None,) * self.size
        status, actual, attainment = self._gather([empty, empty, empty], pick)
        return status, actual, attainment

    def inputs(self, code: str) -> list[float | None]:
        """Each report's value of the data item ``code`` as a number: as stored (None when
        not applicable), else as its scores list it (None when not applicable)."""
        def pick(group: _Group) -> list[list[Any]] | None:
            i = group.layout.values.get(code)
            if i is not None:
                found = [None if r.na[i] else r.value[i] for r in group.members]
            else:
                i = group.layout.leaves.get(code)
                if i is None:
                    return None
                found = [None if r.status[i] == NOT_APPLICABLE else r.actual[i]
                         for r in group.members]
            return [found if _finite_floats(found) else [_number(v) for v in found]]

        return list(self._gather([(None,) * self.size], pick)[0])

    def has(self, code: str) -> bool:
        """Whether any of the reports has a leaf ``code``."""
        return any(code in group.layout.leaves for group in self.groups)


def _finite_floats(values: list[Any]) -> bool:
    """Whether every value is a finite float (then :func:`_number` keeps each as it is)."""
    return not values or (set(map(type, values)) == {float} and math.isfinite(sum(values)))


def _numbers(values: list[Any]) -> list[float]:
    """The values that are numbers (:func:`_number`), as floats, in order."""
    if _finite_floats(values):
        return values
    return [x for v in values if (x := _number(v)) is not None]


# --- the parts of a comparison ------------------------------------------------------------------
def _names(name: Bilingual) -> dict[str, str]:
    return {"name": name.zh, "name_en": name.en}


@dataclass(frozen=True)
class UnitScore:
    code: str
    name: Bilingual
    kind: str
    rank: int
    overall: float
    domains: dict[str, float | None]  # domain code -> score 0–100 (None: nothing counted)
    domain_ranks: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, **_names(self.name), "kind": self.kind, "rank": self.rank,
                "overall": self.overall, "domains": dict(self.domains),
                "domain_ranks": dict(self.domain_ranks)}


@dataclass(frozen=True)
class HeatMap:
    """Units (rows, in catalogue order) × domains (columns): attainment 0–1, None where the
    domain counted nothing for the unit."""

    units: tuple[str, ...]
    domains: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]

    def to_json(self) -> dict[str, Any]:
        return {"units": list(self.units), "domains": list(self.domains),
                "values": [list(row) for row in self.values]}


@dataclass(frozen=True)
class IndicatorDispersion:
    code: str
    name: Bilingual
    domain: str
    unit: Bilingual | None  # the display unit of the figures
    basis: str  # "value" (the figures) or "attainment" (yes/no, choice, date)
    target: Any
    direction: str | None
    stats: Stats
    below_target: int  # scored units with attainment < 1
    missing: int  # townships the indicator applies to that left it empty (scored 0)
    not_applicable: int
    attainment_mean: float | None  # the county mean attainment of the scored units

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, **_names(self.name), "domain": self.domain,
                "unit": self.unit.zh if self.unit else None,
                "unit_en": self.unit.en if self.unit else None, "basis": self.basis,
                "target": self.target, "direction": self.direction, **self.stats.to_json(),
                "below_target": self.below_target, "missing": self.missing,
                "not_applicable": self.not_applicable, "attainment_mean": self.attainment_mean}


class WeakIndicator(NamedTuple):  # (a tuple: a province has tens of thousands of them)
    code: str
    name: Bilingual
    actual: Any
    target: Any
    attainment: float
    county_mean: float  # the county mean attainment of the indicator
    gap: float  # county_mean − attainment (> 0)

    def to_json(self) -> dict[str, Any]:
        """Without name and target: the indicator's entry in ``indicators`` has them (a
        province has tens of thousands of weak indicators)."""
        return {"code": self.code, "actual": self.actual, "attainment": self.attainment,
                "county_mean": self.county_mean, "gap": self.gap}


@dataclass(frozen=True)
class UnitWeaknesses:
    code: str
    name: Bilingual
    indicators: tuple[WeakIndicator, ...]

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, **_names(self.name),
                "indicators": [w.to_json() for w in self.indicators]}


@dataclass(frozen=True)
class UnitChange:
    code: str
    name: Bilingual
    overall: float
    previous: float | None
    change: float | None
    rank: int
    previous_rank: int | None
    source: str | None  # "reports" (last year's reports) or "report" (this report's own
    # record of last year), None when last year is unknown

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, **_names(self.name), "overall": self.overall,
                "previous": self.previous, "change": self.change, "rank": self.rank,
                "previous_rank": self.previous_rank, "source": self.source}


@dataclass(frozen=True)
class DispersionChange:
    code: str
    name: Bilingual
    cv: float | None
    previous_cv: float | None
    change: float | None  # cv − previous_cv: below 0, the county became more equal

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, **_names(self.name), "cv": self.cv,
                "previous_cv": self.previous_cv, "change": self.change}


@dataclass(frozen=True)
class Changes:
    previous_year: int
    units: tuple[UnitChange, ...]
    indicators: tuple[DispersionChange, ...]  # empty without last year's reports
    theil: tuple[tuple[str, float | None, float | None], ...]  # (measure, now, last year)

    @property
    def more_equal(self) -> int:
        return sum(1 for c in self.indicators if c.change is not None and c.change < 0)

    @property
    def less_equal(self) -> int:
        return sum(1 for c in self.indicators if c.change is not None and c.change > 0)

    def to_json(self) -> dict[str, Any]:
        return {"previous_year": self.previous_year,
                "units": [u.to_json() for u in self.units],
                "indicators": [i.to_json() for i in self.indicators],
                "more_equal": self.more_equal, "less_equal": self.less_equal,
                "theil": [{"measure": m, "total": now, "previous_total": before,
                           "change": None if now is None or before is None else now - before}
                          for m, now, before in self.theil]}


@dataclass(frozen=True)
class CountyFigure:
    """A county-level figure formed from the townships' data items (Σ ÷ Σ)."""

    code: str
    name: Bilingual
    unit: Bilingual | None
    formula: str
    units: int  # townships whose data items went into the sums
    sums: dict[str, float]  # data item code -> its sum over those townships
    value: float
    target: Any
    direction: str | None
    attainment: float | None
    mean_of_units: float | None  # the plain mean of those townships' own figures

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, **_names(self.name),
                "unit": self.unit.zh if self.unit else None,
                "unit_en": self.unit.en if self.unit else None, "formula": self.formula,
                "units": self.units, "sums": dict(self.sums), "value": self.value,
                "target": self.target, "direction": self.direction,
                "attainment": self.attainment, "mean_of_units": self.mean_of_units}


# why a calculated indicator's county figure is not formed
NOT_SUMMABLE = "not_summable"  # its formula uses a data item with aggregate: none, or one that
# is no integer, number or money, or a code that is no data item
NO_DATA = "no_data"  # no township reported all of its data items
ZERO_DENOMINATOR = "zero_denominator"  # the sums divide by zero


@dataclass(frozen=True)
class NotFormed:
    code: str
    name: Bilingual
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, **_names(self.name), "reason": self.reason}


@dataclass(frozen=True)
class LedIndicator:
    code: str
    name: Bilingual
    status: str | None  # from the department's report; None without a report
    actual: Any
    attainment: float | None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, **_names(self.name), "status": self.status,
                "actual": self.actual, "attainment": self.attainment}


@dataclass(frozen=True)
class DepartmentResult:
    code: str
    name: Bilingual
    reported: bool
    overall: float | None  # its realization degree on what it leads (None: no report)
    indicators: tuple[LedIndicator, ...]

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, **_names(self.name), "reported": self.reported,
                "overall": self.overall, "indicators": [i.to_json() for i in self.indicators]}


@dataclass(frozen=True)
class DomainInfo:
    code: str
    name: Bilingual
    weight: float

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, **_names(self.name), "weight": self.weight}


@dataclass(frozen=True)
class Comparison:
    year: int | None
    catalogue: dict[str, str]  # id, version, sha256
    domains: tuple[DomainInfo, ...]
    units: tuple[UnitScore, ...]  # townships, by rank
    overall: Stats  # of the townships' overall scores
    domain_stats: dict[str, Stats]  # domain code -> stats of the townships' domain scores
    heatmap: HeatMap
    indicators: tuple[IndicatorDispersion, ...]  # catalogue order
    theil: tuple[Theil, ...]  # the overall score first, then each domain
    weak: tuple[UnitWeaknesses, ...]  # by rank
    changes: Changes | None
    county_figures: tuple[CountyFigure, ...]
    not_formed: tuple[NotFormed, ...]
    departments: tuple[DepartmentResult, ...]
    other_catalogue: tuple[str, ...] = ()  # units whose report follows another catalogue
    unknown_units: tuple[str, ...] = field(default=())  # reports of units not in the catalogue

    def unit(self, code: str) -> UnitScore:
        return _find(self.units, "code", code)

    def indicator(self, code: str) -> IndicatorDispersion:
        return _find(self.indicators, "code", code)

    def theil_of(self, measure: str) -> Theil:
        """The Theil index of OVERALL or of a domain (by its code)."""
        return _find(self.theil, "measure", measure)

    def weak_of(self, code: str) -> tuple[WeakIndicator, ...]:
        return next((w.indicators for w in self.weak if w.code == code), ())

    def most_unequal(self, count: int = 10) -> list[IndicatorDispersion]:
        """The indicators with the highest coefficient of variation, highest first."""
        ranked = [i for i in self.indicators if i.stats.cv is not None]
        return sorted(ranked, key=lambda i: (-i.stats.cv, i.code))[:count]  # type: ignore[operator]

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "catalogue": dict(self.catalogue),
            "domains": [d.to_json() for d in self.domains],
            "units": [u.to_json() for u in self.units],
            "scores": {"overall": self.overall.to_json(),
                       "domains": {c: s.to_json() for c, s in self.domain_stats.items()}},
            "heatmap": self.heatmap.to_json(),
            "indicators": [i.to_json() for i in self.indicators],
            "theil": [t.to_json() for t in self.theil],
            "weak": [w.to_json() for w in self.weak],
            "changes": None if self.changes is None else self.changes.to_json(),
            "county_figures": [f.to_json() for f in self.county_figures],
            "not_formed": [n.to_json() for n in self.not_formed],
            "departments": [d.to_json() for d in self.departments],
            "other_catalogue": list(self.other_catalogue),
            "unknown_units": list(self.unknown_units),
        }


def _find(items: Iterable[Any], attribute: str, wanted: str) -> Any:
    for item in items:
        if getattr(item, attribute) == wanted:
            return item
    raise KeyError(wanted)


# --- the comparison -----------------------------------------------------------------------------
def compare(catalogue: Catalogue, reports: Iterable[Mapping[str, Any]],
            previous: Iterable[Mapping[str, Any]] = (), year: int | None = None) -> Comparison:
    """Compare the units of one year from their reports' data (see the module's text).

    ``reports`` are the report data of one year, one per unit (departments included);
    ``previous`` last year's. Raises ValueError for data that is no report's, two reports of
    one unit, or reports of several years.
    """
    with collector_paused():
        return _compare(catalogue, reports, previous, year)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused meanwhile: a province's report data are hundreds of
    thousands of objects, and a comparison makes tens of thousands of small records, none of
    them in a cycle; scanning the heap again and again would cost a quarter of the time.
    (For whoever reads or writes a comparison in bulk: the county database, ``--json``.)"""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _compare(catalogue: Catalogue, reports: Iterable[Mapping[str, Any]],
             previous: Iterable[Mapping[str, Any]], year: int | None) -> Comparison:
    current = _read_all(reports)
    before = _read_all(previous)
    if current:
        year = current[0].year
    towns = _townships_in_order(catalogue, current)
    known = {u.code for u in catalogue.units}
    domains = tuple(DomainInfo(d.code, d.name, d.weight) for d in catalogue.domains)
    domain_codes = [d.code for d in domains]

    units = _ranked_units(towns, domain_codes)
    order = {u.code: n for n, u in enumerate(units)}
    table = _Columns(towns)
    columns = [_column(ind, table) for ind in catalogue.leaves(None) if ind.is_scored]
    dispersions = [_dispersion(col) for col in columns]
    theils = _theils(towns, domain_codes)
    weak = _weaknesses(towns, columns, dispersions)
    figures, not_formed = _county_figures(catalogue, towns, table)
    return Comparison(
        year=year,
        catalogue={"id": catalogue.id, "version": catalogue.version,
                   "sha256": catalogue.sha256},
        domains=domains,
        units=tuple(units),
        overall=Stats.of([u.overall for u in units]),
        domain_stats={c: Stats.of([s for u in units if (s := u.domains.get(c)) is not None])
                      for c in domain_codes},
        heatmap=HeatMap(tuple(r.code for r in towns), tuple(domain_codes),
                        tuple(tuple(None if (s := r.domains.get(c)) is None else s / 100
                                    for c in domain_codes) for r in towns)),
        indicators=tuple(dispersions),
        theil=theils,
        weak=tuple(sorted(weak, key=lambda w: order.get(w.code, len(order)))),
        changes=_changes(year, units, towns, [r for r in before if r.is_township], columns,
                         dispersions, theils, domain_codes),
        county_figures=figures,
        not_formed=not_formed,
        departments=_departments(catalogue, current),
        other_catalogue=tuple(r.code for r in current
                              if r.catalogue_sha256 and catalogue.sha256
                              and r.catalogue_sha256 != catalogue.sha256),
        unknown_units=tuple(r.code for r in current if r.code not in known),
    )


def _townships_in_order(catalogue: Catalogue, reports: list[_Report]) -> list[_Report]:
    """The townships' reports in the catalogue's unit order (unknown units last, by code)."""
    order = {u.code: n for n, u in enumerate(catalogue.units)}
    towns = [r for r in reports if r.is_township and r.overall is not None]
    return sorted(towns, key=lambda r: (order.get(r.code, len(order)), r.code))


def _ranked_units(towns: list[_Report], domain_codes: list[str]) -> list[UnitScore]:
    ranks = competition_ranks({r.code: r.overall for r in towns})
    domain_ranks = {c: competition_ranks({r.code: r.domains.get(c) for r in towns})
                    for c in domain_codes}
    units = [UnitScore(r.code, r.name, r.kind, ranks[r.code], r.overall or 0.0,
                       {c: r.domains.get(c) for c in domain_codes},
                       {c: domain_ranks[c][r.code] for c in domain_codes
                        if r.code in domain_ranks[c]})
             for r in towns]
    position = {r.code: n for n, r in enumerate(towns)}
    return sorted(units, key=lambda u: (u.rank, position[u.code]))


@dataclass
class _Column:
    """One leaf across the townships: what its dispersion, the weak indicators and the
    change against last year are computed from."""

    indicator: Indicator
    code: str  # the code read in the reports (last year's: possibly the one it replaces)
    positions: list[int]  # the townships (their positions) with a scored value ...
    attainments: list[float]  # ... and its attainment
    measured: list[float]  # the scored figures (numeric) or attainments (the other types)
    actual: list[Any]  # the leaf's figure in every township, as its report has it
    missing: int = 0
    not_applicable: int = 0

    @property
    def basis(self) -> str:
        return "value" if self.indicator.is_numeric else "attainment"


def _scored(status: list[Any]) -> list[int]:
    """The positions of the scored leaves."""
    return list(compress(range(len(status)), map(operator.eq, status, repeat(SCORED))))


def _column(ind: Indicator, table: _Columns, code: str | None = None) -> _Column:
    """The leaf's scored values in the reports of ``table`` (read under ``code``, default
    its own): where the status is scored, the attainment and (numeric) the figure that are
    numbers (:func:`_number`); missing and not applicable counted apart."""
    status, actual, attainment = table.leaf(code or ind.code)
    scored = _scored(status)
    atts = list(map(attainment.__getitem__, scored))
    if _finite_floats(atts):  # the usual case: taken as they are
        positions = scored
    else:
        positions, atts = [], []
        for p in scored:
            att = _number(attainment[p])
            if att is not None:
                positions.append(p)
                atts.append(att)
    measured = (_numbers(list(map(actual.__getitem__, scored))) if ind.is_numeric
                else list(atts))
    return _Column(ind, code or ind.code, positions, atts, measured, actual,
                   status.count(MISSING), status.count(NOT_APPLICABLE))


def _measured(ind: Indicator, table: _Columns, code: str) -> list[float]:
    """Only the measured values of :func:`_column` (last year's CV needs no more)."""
    status, actual, attainment = table.leaf(code)
    values = actual if ind.is_numeric else attainment
    return _numbers(list(map(values.__getitem__, _scored(status))))


def _dispersion(col: _Column) -> IndicatorDispersion:
    ind = col.indicator
    atts = col.attainments
    return IndicatorDispersion(
        ind.code, ind.name, ind.domain, ind.unit, col.basis, ind.target, ind.direction,
        Stats.of(col.measured), sum(map(operator.lt, atts, repeat(1))), col.missing,
        col.not_applicable, math.fsum(atts) / len(atts) if atts else None)


def _theils(towns: list[_Report], domain_codes: list[str]) -> tuple[Theil, ...]:
    kinds = [r.kind for r in towns]
    groups = list(dict.fromkeys([*GROUPS, *kinds]))  # urban, rural (then any other kind)

    def grouped(values: list[float | None]) -> dict[str, list[float]]:
        return {g: [v for v, k in zip(values, kinds, strict=True) if k == g and v is not None]
                for g in groups}

    out = [decompose(OVERALL, grouped([r.overall for r in towns]))]
    for code in domain_codes:
        out.append(decompose(code, grouped([r.domains.get(code) for r in towns])))
    return tuple(out)


_BY_GAP = operator.attrgetter("gap")
_BY_CODE = operator.attrgetter("code")


def _weaknesses(towns: list[_Report], columns: list[_Column],
                dispersions: list[IndicatorDispersion]) -> list[UnitWeaknesses]:
    found: list[list[WeakIndicator]] = [[] for _ in towns]
    for col, d in zip(columns, dispersions, strict=True):
        mean = d.attainment_mean
        if mean is None:
            continue
        ind, actual = col.indicator, col.actual
        code, name, target = ind.code, ind.name, ind.target
        threshold = min(mean, 1.0)  # below target (1) and below the county mean
        for position, att in zip(col.positions, col.attainments, strict=True):
            if att < threshold:
                found[position].append(WeakIndicator(code, name, actual[position], target,
                                                     att, mean, mean - att))
    out = []
    for r, weak in zip(towns, found, strict=True):
        weak.sort(key=_BY_CODE)  # then by the gap, largest first (a stable sort: by code
        weak.sort(key=_BY_GAP, reverse=True)  # among equal gaps)
        out.append(UnitWeaknesses(r.code, r.name, tuple(weak)))
    return out


def _changes(year: int | None, units: list[UnitScore], towns: list[_Report],
             previous: list[_Report], columns: list[_Column],
             dispersions: list[IndicatorDispersion], theils: tuple[Theil, ...],
             domain_codes: list[str]) -> Changes | None:
    """Against last year: from last year's reports where given, else (for a unit's score
    only) from the record of last year each report carries."""
    if year is None:
        return None
    last_year = year - 1
    before = {r.code: r for r in previous if r.year == last_year}
    before_ranks = competition_ranks({c: r.overall for c, r in before.items()})
    own = {r.code: r.previous for r in towns}
    changes = []
    for u in units:
        earlier: float | None = None
        source = None
        if u.code in before:
            earlier, source = before[u.code].overall, "reports"
        else:
            record = own.get(u.code)
            if isinstance(record, Mapping) and record.get("year") == last_year:
                earlier = _number(record.get("overall"))
                source = "report" if earlier is not None else None
        changes.append(UnitChange(u.code, u.name, u.overall, earlier,
                                  None if earlier is None else u.overall - earlier, u.rank,
                                  before_ranks.get(u.code), source))
    if not before and all(c.source is None for c in changes):
        return None
    indicators = []
    trend: list[tuple[str, float | None, float | None]] = []
    if before:
        last = list(before.values())
        table = _Columns(last)
        for col, d in zip(columns, dispersions, strict=True):
            ind = col.indicator
            code = ind.code if table.has(ind.code) else ind.replaces
            previous_cv = Stats.of(_measured(ind, table, code)).cv if code else None
            indicators.append(DispersionChange(
                d.code, d.name, d.stats.cv, previous_cv,
                None if d.stats.cv is None or previous_cv is None else d.stats.cv - previous_cv))
        then = {t.measure: t.total for t in _theils(last, domain_codes)}
        trend = [(t.measure, t.total, then.get(t.measure)) for t in theils]
    return Changes(last_year, tuple(changes), tuple(indicators), tuple(trend))


def _summable(catalogue: Catalogue, code: str) -> bool:
    item = catalogue.index.get(code)
    return (item is not None and item.is_data_item and item.aggregate == "sum"
            and indicator_type(item.type).quantity)  # counts and amounts add up


def _county_figures(catalogue: Catalogue, towns: list[_Report], table: _Columns
                    ) -> tuple[tuple[CountyFigure, ...], tuple[NotFormed, ...]]:
    formable: list[Indicator] = []
    refused: dict[str, NotFormed] = {}
    for ind in catalogue.leaves(None):
        if not ind.is_scored or ind.formula is None:
            continue
        names = ind.formula.names
        if names and all(_summable(catalogue, n) for n in names):
            formable.append(ind)
        else:
            refused[ind.code] = NotFormed(ind.code, ind.name, NOT_SUMMABLE)
    needed = list(dict.fromkeys(n for ind in formable for n in ind.formula.names))  # type: ignore[union-attr]
    inputs = {n: table.inputs(n) for n in needed}  # each township's, as a number or None
    formed: list[CountyFigure] = []
    for ind in formable:
        names = list(dict.fromkeys(ind.formula.names))  # type: ignore[union-attr]
        rows = list(zip(*(inputs[n] for n in names), strict=True))
        used = [t for t, row in enumerate(rows) if None not in row]
        if not used:
            refused[ind.code] = NotFormed(ind.code, ind.name, NO_DATA)
            continue
        # Σ over the townships in their order, one addition after the other
        sums = {n: functools.reduce(operator.add, [rows[t][k] for t in used], 0.0)
                for k, n in enumerate(names)}
        status, actual, _attainment = table.leaf(ind.code)
        own = _numbers([actual[t] for t in used if status[t] == SCORED])
        try:
            value = ind.formula.evaluate(sums)  # type: ignore[union-attr]
        except ZeroDivision:
            value = None
        if value is None or not math.isfinite(value):
            refused[ind.code] = NotFormed(ind.code, ind.name, ZERO_DENOMINATOR)
            continue
        formed.append(CountyFigure(
            ind.code, ind.name, ind.unit, ind.formula.text, len(used),  # type: ignore[union-attr]
            sums, value, ind.target, ind.direction,
            attainment(ind, value) if ind.target is not None else None,
            math.fsum(own) / len(own) if own else None))
    order = {ind.code: n for n, ind in enumerate(catalogue.leaves(None))}
    return tuple(formed), tuple(sorted(refused.values(), key=lambda n: order[n.code]))


def _departments(catalogue: Catalogue, reports: list[_Report]) -> tuple[DepartmentResult, ...]:
    by_code = {r.code: r for r in reports if r.kind == "department"}
    out = []
    for unit in catalogue.units:
        if unit.kind != "department":
            continue
        report = by_code.pop(unit.code, None)
        led = [i for i in catalogue.leaves(unit.scope) if i.is_scored]
        indicators = []
        for ind in led:
            leaf = report.leaf(ind.code) if report else None
            indicators.append(_led(ind.code, ind.name, leaf))
        out.append(DepartmentResult(unit.code, unit.name, report is not None,
                                    report.overall if report else None, tuple(indicators)))
    for report in sorted(by_code.values(), key=lambda r: r.code):  # not in this catalogue
        names, names_en = report.leaf_names or ([], [])
        out.append(DepartmentResult(
            report.code, report.name, True, report.overall,
            tuple(_led(c, Bilingual(names[i] or c, names_en[i] or c), report.leaf(c))
                  for c, i in report.layout.leaves.items()
                  if report.status[i] != UNSCORED)))
    return tuple(out)


def _led(code: str, name: Bilingual, leaf: tuple[Any, Any, Any] | None) -> LedIndicator:
    if leaf is None:
        return LedIndicator(code, name, None, None, None)
    status, actual, att = leaf
    return LedIndicator(code, name, status, actual, _number(att))


__all__ = ["GROUPS", "OVERALL", "Changes", "Comparison", "CountyFigure", "DepartmentResult",
           "DispersionChange", "HeatMap", "IndicatorDispersion", "NotFormed", "Stats", "Theil",
           "TheilGroup", "UnitChange", "UnitScore", "UnitWeaknesses", "WeakIndicator", "compare",
           "competition_ranks", "decompose", "median", "theil_index"]
