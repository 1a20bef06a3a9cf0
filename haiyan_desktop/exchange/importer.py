"""Import a values file (CSV / XLSX) into a stored submission, with a report.

The whole file is refused — nothing stored — when it belongs to another unit or year, names an
unknown code, repeats a code, or the submission is signed. Otherwise every valid value is
stored as an audited edit, invalid ones are left untouched and reported with their reasons.
An empty value cell keeps what is stored (a blank template never wipes data).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Refused
from ..messages import Message, msg
from ..store import ImportOutcome, Store, Submission, SubmissionLocked
from ..store.workflow import EDITABLE
from ..validation import Entry
from ..validation.problems import Problem
from .values_file import read_values, rows_to_entries


class ImportRefused(Refused):
    """The file as a whole cannot be imported; ``problems`` lists the offending rows."""

    def __init__(self, message: Message, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []

    def details(self, lang: str) -> list[str]:
        return [f"  {p.code} [{p.rule}] {p.message.render(lang)}" for p in self.problems]


@dataclass
class ImportReport:
    outcome: ImportOutcome
    total_rows: int


@dataclass
class ImportPreview:
    """A values file read once, checked against the submission: what would be stored."""

    path: Path
    entries: dict[str, Entry]
    total_rows: int


def read_import(store: Store, submission: Submission, path: str | Path) -> ImportPreview:
    """Read and check the file (the slow part: a worker thread may do it, on the worker's own
    connection); raises :class:`ImportRefused` when the file as a whole cannot be taken."""
    path = Path(path)
    if submission.state not in EDITABLE:
        raise SubmissionLocked(msg("store.locked_submission", unit=submission.unit.name,
                                   year=submission.year))
    _check_header(path, submission)
    rows = read_values(path)
    entries, problems = rows_to_entries(rows)
    catalogue = store.catalogue(submission.catalogue_sha256)
    applicable = {i.code for i in catalogue.leaves(submission.unit.scope)}
    for code, entry in entries.items():
        if code not in applicable:
            key = "check.not_for_unit" if code in catalogue.index else "check.unknown_code"
            problems.append(Problem(code, "unknown_code", "error",
                                    None if entry.raw is None else str(entry.raw),
                                    msg(key, code=code)))
    if problems:
        raise ImportRefused(msg("import.refused_rows", count=len(problems)), problems)
    return ImportPreview(path, entries, len(rows))


def apply_import(store: Store, submission: Submission, preview: ImportPreview) -> ImportReport:
    """Store what :func:`read_import` found (one audited transaction); the file is not read
    again. An empty value cell keeps what is stored."""
    if submission.state not in EDITABLE:
        raise SubmissionLocked(msg("store.locked_submission", unit=submission.unit.name,
                                   year=submission.year))
    stored = store.values(submission)
    merged: dict[str, Entry] = {}
    for code, entry in preview.entries.items():
        blank = entry.raw is None or (isinstance(entry.raw, str) and not entry.raw.strip())
        if blank and not entry.na:
            old = stored.get(code)
            if old is None and not entry.comment:
                continue  # nothing typed, nothing stored
            entry = Entry(old.raw if old else None, entry.comment or (old.comment if old else ""))
        merged[code] = entry
    outcome = store.set_values(submission, merged, action="import")
    outcome.unchanged.extend(c for c in preview.entries if c not in merged)
    return ImportReport(outcome, preview.total_rows)


def import_file(store: Store, submission: Submission, path: str | Path) -> ImportReport:
    """Read, check and store a values file in one go."""
    return apply_import(store, submission, read_import(store, submission, path))


def _check_header(path: Path, submission: Submission) -> None:
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return
    from .template import read_header

    header = read_header(path)
    if header is None:
        return
    if header.unit_code != submission.unit.code or header.year != submission.year:
        raise ImportRefused(msg("import.other_unit", file_unit=header.unit_name,
                                file_year=header.year, unit=submission.unit.name,
                                year=submission.year))
