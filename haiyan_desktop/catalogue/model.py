"""The assessment catalogue as plain Python objects (no YAML, no Qt).

A catalogue is a tree: domains → first-level indicators → second-level indicators. Values are
entered at leaves and at the data items (基础数据项: numerators, denominators, base figures) a
leaf lists; data items are entered and checked like leaves but never weighted or counted.
Loading and checking the file lives in :mod:`.loader`; this module only
describes what a loaded, valid catalogue is and answers questions about it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..messages import Bilingual
from .expressions import Expression
from .indicator_types import indicator_type

# Indicator types, their defaults and the directions they allow: see .indicator_types.
COMPARES = ("<=", "<", ">=", ">")
UNIT_KINDS = ("town", "subdistrict", "department")
TOWNSHIP_KINDS = frozenset({"town", "subdistrict"})
SEVERITIES = ("error", "warning")
RULE_OPERATORS = ("<=", "<", "==", ">=", ">", "!=", "compulsory_pair", "exclusive_pair")
AGGREGATES = ("sum", "none")  # how a data item's county figure is formed from the towns'
MISSING_STRATEGIES = ("skip_if_any_missing", "skip_if_all_missing", "never_skip")


class Unit(NamedTuple):
    code: str
    name: Bilingual
    kind: str

    @property
    def is_township(self) -> bool:
        return self.kind in TOWNSHIP_KINDS

    @property
    def scope(self) -> str:
        """What decides the indicators this unit is shown: its kind, and for a department its
        code too (a department sees only the county-level indicators it leads)."""
        return f"department:{self.code}" if self.kind == "department" else self.kind


class Choice(NamedTuple):
    value: str
    label: Bilingual
    score: float


@dataclass
class Indicator:
    code: str
    name: Bilingual
    weight: float
    level: int  # 1 = first-level (一级), 2 = second-level (二级)
    domain: str
    parent: str | None = None
    definition: Bilingual | None = None
    children: list[Indicator] = field(default_factory=list)
    type: str | None = None  # a name of the registry (.indicator_types.TYPE_NAMES)
    unit: Bilingual | None = None
    decimals: int | None = None
    required: bool = True
    # range and target settings hold values of the indicator's type (a date: its ISO text)
    min: float | str | None = None
    max: float | str | None = None
    expected_min: float | str | None = None
    expected_max: float | str | None = None
    max_change: float | None = None
    target: float | bool | str | None = None
    direction: str | None = None
    compare: str = "<="
    choices: tuple[Choice, ...] = ()
    formula: Expression | None = None
    allow_na: bool = False
    applies_to: frozenset[str] = TOWNSHIP_KINDS
    source: Bilingual | None = None
    lead_unit: Bilingual | None = None  # the lead department's name (from the units)
    lead: str | None = None  # ... and its unit code
    data_items: list[Indicator] = field(default_factory=list)
    is_data_item: bool = False  # a 基础数据项 of the indicator ``parent``
    aggregate: str = "sum"  # data items: how the county forms its figure ("sum" or "none")
    replaces: str | None = None  # last year's code of this indicator
    line: int = 0

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def is_calculated(self) -> bool:
        return self.formula is not None

    @property
    def is_numeric(self) -> bool:
        return indicator_type(self.type).numeric

    @property
    def is_scored(self) -> bool:
        return self.weight > 0 and not self.is_data_item

    def with_data_items(self) -> list[Indicator]:
        """This leaf preceded by its data items: the rows the form, the template and the
        report show for it."""
        return [*self.data_items, self]

    def applies(self, scope: str | None) -> bool:
        """Whether a unit of this scope (:attr:`Unit.scope`, or a bare kind) reports the
        indicator; None: any township. A department reports only what it leads."""
        if scope is None:
            return bool(self.applies_to & TOWNSHIP_KINDS)
        if self.children:
            return any(child.applies(scope) for child in self.children)
        kind, _, department = scope.partition(":")
        return kind in self.applies_to and (not department or self.lead == department)

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)


@dataclass
class Domain:
    code: str
    name: Bilingual
    weight: float
    indicators: list[Indicator]
    line: int = 0


class Rule(NamedTuple):
    id: str
    left: Expression
    operator: str
    right: Expression | None
    severity: str
    missing: str
    message: Bilingual
    line: int = 0

    @property
    def codes(self) -> tuple[str, ...]:
        names = self.left.names + (self.right.names if self.right else ())
        return tuple(dict.fromkeys(names))


@dataclass
class Catalogue:
    id: str
    version: str
    title: Bilingual
    years: tuple[int, ...]
    units: list[Unit]
    domains: list[Domain]
    rules: list[Rule]
    path: str = ""
    sha256: str = ""
    # Filled by the loader: every indicator by code, and calculated ones in evaluation order.
    index: dict[str, Indicator] = field(default_factory=dict)
    calculation_order: list[str] = field(default_factory=list)
    _leaves: dict[str | None, list[Indicator]] = field(default_factory=dict, repr=False,
                                                       compare=False)

    def walk(self) -> Iterator[Indicator]:
        """Every indicator and data item, depth first, in file order; a leaf's data items
        come just before it (the order of the entry form)."""
        for domain in self.domains:
            for first in domain.indicators:
                yield from first.data_items
                yield first
                for child in first.children:
                    yield from child.data_items
                    yield child

    def indicators(self) -> Iterator[Indicator]:
        """The evaluative indicators only (no data items), depth first."""
        return (i for i in self.walk() if not i.is_data_item)

    def data_items(self) -> list[Indicator]:
        return [i for i in self.walk() if i.is_data_item]

    def leaves(self, kind: str | None = None) -> list[Indicator]:
        """Leaves and data items in file order; with a unit's scope (:attr:`Unit.scope`) or
        kind, only those that apply to it."""
        if kind not in self._leaves:  # asked on every keystroke: computed once per kind
            self._leaves[kind] = [i for i in self.walk() if i.is_leaf and i.applies(kind)]
        return list(self._leaves[kind])

    def carried_over(self, last_year: dict[str, Any]) -> dict[str, Any]:
        """Last year's values under this catalogue's codes: an indicator or data item that
        ``replaces`` an old code takes that code's value (its own code wins if both exist)."""
        values = dict(last_year)
        for ind in self.walk():
            if ind.replaces and ind.code not in values and ind.replaces in last_year:
                values[ind.code] = last_year[ind.replaces]
        return values

    def unit(self, code: str) -> Unit | None:
        return next((u for u in self.units if u.code == code), None)

    def domain_of(self, indicator: Indicator) -> Domain:
        return next(d for d in self.domains if d.code == indicator.domain)

    @property
    def first_level_count(self) -> int:
        return sum(len(d.indicators) for d in self.domains)

    @property
    def second_level_count(self) -> int:
        return sum(len(i.children) for d in self.domains for i in d.indicators)

    @property
    def data_item_count(self) -> int:
        return len(self.data_items())
