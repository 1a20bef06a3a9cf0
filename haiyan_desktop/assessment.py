"""A submission's check and score together: what ``check``, the store and the report show.

It sits between the store and the two modules it joins (validation, scoring), so the store
can assess what it holds without reaching up into the jobs layer.
"""

from __future__ import annotations

from typing import NamedTuple

from .catalogue.model import Catalogue, Unit
from .scoring import ScoreReport, score
from .validation.engine import Entry, SubmissionCheck, check_submission


class Assessment(NamedTuple):
    check: SubmissionCheck
    score: ScoreReport


def assess(catalogue: Catalogue, entries: dict[str, Entry], unit: Unit | None = None,
           previous: dict[str, float] | None = None) -> Assessment:
    kind = unit.scope if unit else None
    checked = check_submission(catalogue, entries, kind, previous)
    return Assessment(checked, score(catalogue, checked.values, checked.na, kind))
