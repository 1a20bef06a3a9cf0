"""Jobs that the command line and the window both do, composed from the core modules."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .catalogue.model import Catalogue, Unit
from .scoring import ScoreReport, score
from .validation.engine import Entry, SubmissionCheck, check_submission


class Assessment(NamedTuple):
    """A submission's check and its score, as shown by ``check`` and later the report."""

    check: SubmissionCheck
    score: ScoreReport


def assess(catalogue: Catalogue, entries: dict[str, Entry], unit: Unit | None = None,
           previous: dict[str, float] | None = None) -> Assessment:
    kind = unit.kind if unit else None
    checked = check_submission(catalogue, entries, kind, previous)
    return Assessment(checked, score(catalogue, checked.values, checked.na, kind))


def assess_file(catalogue: Catalogue, path: str | Path, unit: Unit | None = None,
                previous_path: str | Path | None = None) -> Assessment:
    """Validate and score a values file without storing anything."""
    from .exchange.values_file import read_values, rows_to_entries  # csv, zip: only for files

    entries, duplicate_problems = rows_to_entries(read_values(path))
    previous: dict[str, float] = {}
    if previous_path is not None:
        last_entries, _ = rows_to_entries(read_values(previous_path))
        last = check_submission(catalogue, last_entries, unit.kind if unit else None)
        previous = {c: v for c, v in last.values.items() if isinstance(v, float)}
    result = assess(catalogue, entries, unit, previous)
    result.check.problems[:0] = duplicate_problems
    return result


def find_unit(catalogue: Catalogue, text: str) -> Unit | None:
    """A unit by code or by name in either language (武原街道, wuyuan, Wuyuan Subdistrict)."""
    wanted = text.strip().casefold()
    for unit in catalogue.units:
        if wanted in (unit.code.casefold(), unit.name.zh.casefold(), unit.name.en.casefold()):
            return unit
    return None
