"""Values files: import (read once into a preview, then commit) and export."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..errors import HaiyanError
from ..messages import msg
from ..store import Store, Submission
from ..validation import Entry
from .folder import DataFolder, catalogue_file, existing_file, submission_to_fill

EXPORT_SUFFIXES = (".xlsx", ".csv")


def preview_import(store: Store, submission: Submission, path: str | Path):
    """Read and check a values file: an ``ImportPreview``, or ``ImportRefused`` with the rows
    that stop it. Nothing is stored (the window runs this on a worker thread)."""
    from ..exchange.importer import read_import  # csv and xlsx readers: only when importing

    return read_import(store, submission, existing_file(path))


def commit_import(store: Store, submission: Submission, preview):
    """Store a preview's values (one audited transaction): an ``ImportReport``."""
    from ..exchange.importer import apply_import

    return apply_import(store, submission, preview)


def import_values(folder: DataFolder, unit: str, year: int, path: str | Path,
                  catalogue: str | None = None):
    """The CLI's ``import``: the submission is created on first use."""
    source = existing_file(path)
    with folder.store(write=True) as store:
        sub = submission_to_fill(store, unit, year,
                                 catalogue_file(catalogue) if catalogue else None)
        return commit_import(store, sub, preview_import(store, sub, source))


class ExportData(NamedTuple):
    """Everything an export writes, read from the store (on the caller's thread)."""

    catalogue: object
    unit: object
    year: int
    entries: dict[str, Entry]
    previous: dict[str, float]
    demo: bool


def export_data(store: Store, submission: Submission) -> ExportData:
    """The stored entries with the calculated figures filled in (a template shows them)."""
    catalogue = store.catalogue(submission.catalogue_sha256)
    entries = store.entries(submission)
    values = store.assess(submission).check.values
    for code in catalogue.calculation_order:
        if code in values:
            old = entries.get(code)
            entries[code] = Entry(values[code], old.comment if old else "")
    return ExportData(catalogue, submission.unit, submission.year, entries,
                      store.previous_values(submission), store.is_demo)


def write_export(data: ExportData, out: str | Path, lang: str = "zh") -> Path:
    """Write ``data`` as .xlsx (the template) or .csv, by the file's suffix."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise HaiyanError(msg("cli.bad_extension", suffix=out.suffix or out.name))
    from ..exchange.template import write_csv, write_xlsx  # openpyxl: only when exporting

    args = (out, data.catalogue, data.unit, data.year, data.entries, data.previous)
    if suffix == ".xlsx":
        write_xlsx(*args, lang=lang, demo=data.demo)
    else:
        write_csv(*args, lang=lang)
    return out


def export_values(folder: DataFolder, unit: str, year: int, out: str | Path, lang: str = "zh",
                  catalogue: str | None = None) -> Path:
    """The CLI's ``export``: values, or a blank template for a new submission."""
    if Path(out).suffix.lower() not in EXPORT_SUFFIXES:
        raise HaiyanError(msg("cli.bad_extension", suffix=Path(out).suffix or Path(out).name))
    with folder.store(write=True) as store:
        sub = submission_to_fill(store, unit, year,
                                 catalogue_file(catalogue) if catalogue else None)
        data = export_data(store, sub)
    return write_export(data, out, lang)
