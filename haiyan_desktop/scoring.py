"""Attainment (达成度) per indicator and the realization degree (实现度) rolled up from it.

Every figure is explainable: each leaf carries its actual value, target, attainment, its
effective weight in the whole (product of the normalized weights on its path) and its
contribution in points; the contributions add up to the overall score (0–100).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .catalogue.indicator_types import indicator_type
from .catalogue.model import Catalogue, Indicator
from .messages import Bilingual

Value = float | bool | str | None

SCORED, MISSING, NOT_APPLICABLE, UNSCORED = "scored", "missing", "not_applicable", "unscored"


def attainment(indicator: Indicator, value: Value) -> float:
    """Attainment of one scored leaf in [0, 1], as its type computes it for its direction
    (see docs/catalogue-format.md)."""
    return indicator_type(indicator.type).attainment(indicator, value)


@dataclass
class LeafScore:
    code: str
    name: Bilingual
    status: str  # scored | missing | not_applicable | unscored
    actual: Value
    target: float | bool | None
    direction: str | None
    attainment: float | None  # None when out of the weighting
    weight: float  # effective share of the whole, 0–1
    contribution: float  # points of the 0–100 total

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"code": self.code, "name": self.name.get(lang), "status": self.status,
                "actual": self.actual, "target": self.target, "direction": self.direction,
                "attainment": _r(self.attainment, 4), "weight": _r(self.weight * 100, 4),
                "contribution": _r(self.contribution, 4)}


@dataclass
class NodeScore:
    """A domain or first-level indicator: its weighted attainment and share of the whole."""

    code: str
    name: Bilingual
    weight: float  # weight as written in the catalogue
    attainment: float | None  # None when nothing under it is in the weighting
    share: float = 0.0  # effective share of the whole, 0–1
    children: list[NodeScore] = field(default_factory=list)

    @property
    def score(self) -> float | None:
        return None if self.attainment is None else self.attainment * 100

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        data = {"code": self.code, "name": self.name.get(lang), "weight": self.weight,
                "score": _r(self.score, 2), "share": _r(self.share * 100, 4)}
        if self.children:
            data["indicators"] = [c.to_json(lang) for c in self.children]
        return data


class ScoreReport(NamedTuple):
    overall: float  # realization degree, 0–100
    domains: list[NodeScore]
    leaves: dict[str, LeafScore]

    @property
    def missing(self) -> list[str]:
        return [c for c, leaf in self.leaves.items() if leaf.status == MISSING]

    @property
    def overall_rounded(self) -> float:
        return round(self.overall, 2)

    def domain(self, code: str) -> NodeScore:
        return next(d for d in self.domains if d.code == code)

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"overall": self.overall_rounded,
                "domains": [d.to_json(lang) for d in self.domains],
                "indicators": [leaf.to_json(lang) for leaf in self.leaves.values()],
                "missing": self.missing}


def _r(x: float | None, digits: int) -> float | None:
    return None if x is None else round(x, digits)


def score(catalogue: Catalogue, values: Mapping[str, Value], na: Iterable[str] = (),
          kind: str | None = None) -> ScoreReport:
    """Score a submission's values (typed and calculated) for a unit of ``kind``."""
    na = set(na)
    leaves: dict[str, LeafScore] = {}

    def leaf_attainment(ind: Indicator) -> float | None:
        """A leaf's attainment, None when it leaves the weighting; records its LeafScore
        (and its data items', unscored, just before it)."""
        for item in ind.data_items:
            if item.applies(kind):
                leaf_attainment(item)
        value = values.get(ind.code)
        if not ind.is_scored:
            status, att = UNSCORED, None
        elif ind.code in na:
            status, att = NOT_APPLICABLE, None
        elif value is None:
            status, att = MISSING, 0.0
        else:
            status, att = SCORED, attainment(ind, value)
        leaves[ind.code] = LeafScore(ind.code, ind.name, status, value, ind.target,
                                     ind.direction, att, 0.0, 0.0)
        return att

    def roll_up(parts: list[tuple[float, float | None]]) -> float | None:
        weighted = [(w, a) for w, a in parts if w > 0 and a is not None]
        total = sum(w for w, _ in weighted)
        return sum(w * a for w, a in weighted) / total if total else None

    domains: list[NodeScore] = []
    for domain in catalogue.domains:
        firsts: list[NodeScore] = []
        for first in domain.indicators:
            if not first.applies(kind):
                continue
            if first.is_leaf:
                att = leaf_attainment(first)
                firsts.append(NodeScore(first.code, first.name, first.weight, att))
                continue
            children = [c for c in first.children if c.applies(kind)]
            child_atts = [(c.weight, leaf_attainment(c)) for c in children]
            firsts.append(NodeScore(first.code, first.name, first.weight, roll_up(child_atts)))
        att = roll_up([(f.weight, f.attainment) for f in firsts])
        domains.append(NodeScore(domain.code, domain.name, domain.weight, att, children=firsts))
    overall_att = roll_up([(d.weight, d.attainment) for d in domains])
    _distribute_shares(catalogue, domains, leaves, kind)
    overall = 100 * overall_att if overall_att is not None else 0.0
    return ScoreReport(overall, domains, leaves)


def _distribute_shares(catalogue: Catalogue, domains: list[NodeScore],
                       leaves: dict[str, LeafScore], kind: str | None) -> None:
    """Give every node its effective share of the whole and every leaf its contribution."""

    def shares(nodes: list[tuple[str, float, bool]]) -> dict[str, float]:
        live = [(c, w) for c, w, counted in nodes if counted and w > 0]
        total = sum(w for _, w in live)
        return {c: (w / total if total else 0.0) for c, w in live}

    domain_share = shares([(d.code, d.weight, d.attainment is not None) for d in domains])
    for d in domains:
        d.share = domain_share.get(d.code, 0.0)
        first_share = shares([(f.code, f.weight, f.attainment is not None) for f in d.children])
        for f in d.children:
            f.share = d.share * first_share.get(f.code, 0.0)
            ind = catalogue.index[f.code]
            if ind.is_leaf:
                _set_leaf(leaves[f.code], f.share)
                continue
            kids = [c for c in ind.children if c.applies(kind)]
            kid_share = shares([(c.code, c.weight, leaves[c.code].attainment is not None)
                                for c in kids])
            for c in kids:
                _set_leaf(leaves[c.code], f.share * kid_share.get(c.code, 0.0))


def _set_leaf(leaf: LeafScore, share: float) -> None:
    leaf.weight = share
    leaf.contribution = 100 * share * (leaf.attainment or 0.0)
