"""The assessment catalogue as plain Python objects (no YAML, no Qt).

A catalogue is a tree: domains → first-level indicators → second-level indicators. Values are
entered at leaves. Loading and checking the file lives in :mod:`.loader`; this module only
describes what a loaded, valid catalogue is and answers questions about it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from ..messages import Bilingual
from .expressions import Expression
from .indicator_types import indicator_type

# Indicator types, their defaults and the directions they allow: see .indicator_types.
COMPARES = ("<=", "<", ">=", ">")
UNIT_KINDS = ("town", "subdistrict", "department")
TOWNSHIP_KINDS = frozenset({"town", "subdistrict"})
SEVERITIES = ("error", "warning")
RULE_OPERATORS = ("<=", "<", "==", ">=", ">", "!=", "compulsory_pair", "exclusive_pair")
MISSING_STRATEGIES = ("skip_if_any_missing", "skip_if_all_missing", "never_skip")


class Unit(NamedTuple):
    code: str
    name: Bilingual
    kind: str

    @property
    def is_township(self) -> bool:
        return self.kind in TOWNSHIP_KINDS


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
    lead_unit: Bilingual | None = None
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
        return self.weight > 0

    def applies(self, kind: str | None) -> bool:
        """Whether a unit of this kind reports the indicator (None: any township)."""
        if kind is None:
            return bool(self.applies_to & TOWNSHIP_KINDS)
        return kind in self.applies_to

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
        """Every indicator, depth first, in file order."""
        for domain in self.domains:
            for first in domain.indicators:
                yield first
                yield from first.children

    def leaves(self, kind: str | None = None) -> list[Indicator]:
        """Leaves in file order; with a unit kind, only those that apply to it."""
        if kind not in self._leaves:  # asked on every keystroke: computed once per kind
            self._leaves[kind] = [i for i in self.walk() if i.is_leaf and i.applies(kind)]
        return list(self._leaves[kind])

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
