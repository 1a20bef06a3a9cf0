"""Checking values and moving a submission through its states."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..assessment import Assessment, assess
from ..catalogue import Catalogue
from ..catalogue.model import Unit
from ..store import NotReady, Status, Store, Submission
from ..validation import check_submission
from .folder import DataFolder, stored_submission


def check_values_file(catalogue: Catalogue, path: str | Path, unit: Unit | None = None,
                      previous_path: str | Path | None = None) -> Assessment:
    """Validate and score a values file without storing anything."""
    from ..exchange.values_file import read_values, rows_to_entries  # csv, zip: only for files

    entries, duplicate_problems = rows_to_entries(read_values(path))
    previous: dict[str, float] = {}
    if previous_path is not None:
        last_entries, _ = rows_to_entries(read_values(previous_path))
        last = check_submission(catalogue, last_entries, unit.scope if unit else None)
        previous = {c: v for c, v in last.values.items() if isinstance(v, float)}
    result = assess(catalogue, entries, unit, previous)
    result.check.problems[:0] = duplicate_problems
    return result


class Opened(NamedTuple):
    store: Store  # open for writing: the caller keeps it while the clerk works, then closes it
    submission: Submission


def open_for_entry(folder: DataFolder, unit: str, year: int) -> Opened:
    """Open a unit's submission of a year to enter values, created on first use with the
    year's catalogue (one installed in the data folder covering the year, else the built-in
    one covering it, else the built-in default); the sample database is built the first
    time it is asked for."""
    from ..catalogue import catalogue_for_year, default_catalogue
    from ..store.repository import DEMO_DATABASE_NAME

    if folder.demo and not (folder.path / DEMO_DATABASE_NAME).exists():
        from ..demo import build_demo

        build_demo(folder.path)
    store = folder.store(write=True)
    try:
        catalogue = catalogue_for_year(year, folder.path) or default_catalogue()
        return Opened(store, store.open_submission(catalogue, unit, year))
    except BaseException:
        store.close()
        raise


def status(folder: DataFolder, unit: str, year: int) -> Status:
    with folder.store() as store:
        return store.status(stored_submission(store, unit, year))


class Moved(NamedTuple):
    submission: Submission
    superseded: list[Path]  # signed files set aside (reopen)


def mark_checked(folder: DataFolder, unit: str, year: int) -> Moved:
    """Mark checked; :class:`~haiyan_desktop.store.NotReady` lists what blocks it."""
    with folder.store(write=True) as store:
        return Moved(store.mark_checked(stored_submission(store, unit, year)), [])


def reopen(folder: DataFolder, unit: str, year: int, reason: str) -> Moved:
    """Reopen a signed submission; its signed report file is set aside as superseded."""
    with folder.store(write=True) as store:
        return reopen_in(store, stored_submission(store, unit, year), reason)


def reopen_in(store, submission: Submission, reason: str) -> Moved:
    """:func:`reopen` on an open store (the window's)."""
    from ..report.signed import set_aside_superseded

    signed = [Path(r["path"]) for r in store.reports(submission) if not r["superseded_at"]]
    moved = store.reopen(submission, reason)
    aside = []
    for path in signed:
        try:
            kept = set_aside_superseded(path)
        except OSError:
            continue  # the store says superseded; the file keeps its name
        if kept is not None:
            aside.append(kept)
    return Moved(moved, aside)


__all__ = ["Assessment", "Moved", "NotReady", "Opened", "check_values_file", "mark_checked",
           "open_for_entry", "reopen", "reopen_in", "status"]
