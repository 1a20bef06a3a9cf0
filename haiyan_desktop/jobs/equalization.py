"""Compare the units of a year from the reports the county accepted (``county compare``).

Reads what the comparison needs of the accepted reports of the year and of the year before
from the county database (:attr:`DataFolder.county_db`; their comparison data, see
:mod:`haiyan_desktop.county.store`), finds the catalogue the year's reports follow by its
sha256 among the catalogues installed in the data folder (and the built-in ones), and hands
them to :func:`haiyan_desktop.county.equalization.compare`. Nothing is written (but the
county database of an older program is brought up to date): a data folder without a county
database is told as "no reports".

:func:`export_year` writes the comparison and what has arrived (``county status``) as an
Excel workbook (``county export``, :mod:`haiyan_desktop.county.workbook`).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalogue import Catalogue, builtin_catalogue_paths, installed_catalogues, load_cached
from ..catalogue.installed import version_key
from ..county.equalization import OVERALL, Comparison, collector_paused, compare
from ..errors import HaiyanError
from ..messages import msg
from . import Progress
from .folder import DataFolder

if TYPE_CHECKING:
    from ..county.workbook import WorkbookInfo

EXPORT_STEPS = 3  # compared, status read, written


def catalogue_by_sha256(data_dir: Path, sha256: str) -> Catalogue | None:
    """The catalogue with these bytes: installed in the data folder, else built in."""
    for _record, catalogue in installed_catalogues(data_dir):
        if catalogue.sha256 == sha256:
            return catalogue
    for path in builtin_catalogue_paths():
        catalogue = load_cached(path)
        if catalogue.sha256 == sha256:
            return catalogue
    return None


def _catalogue_of(data_dir: Path, year: int, reports: list) -> Catalogue:
    """The catalogue most of the year's reports follow (on a tie, the newest version) that
    this computer has; a HaiyanError naming it when it has none of them."""
    counts = Counter((r.catalogue_sha256, r.catalogue_id or "", r.catalogue_version or "")
                     for r in reports)
    ranked = sorted(counts, key=lambda k: (counts[k], version_key(k[2])), reverse=True)
    for sha256, _id, _version in ranked:
        found = catalogue_by_sha256(data_dir, sha256)
        if found is not None:
            return found
    _sha, wanted_id, version = ranked[0]
    raise HaiyanError(msg("equal.unknown_catalogue", year=year, id=wanted_id,
                          version=version))


def compare_year(folder: DataFolder | str | Path, year: int) -> Comparison:
    """The comparison of ``year``: the townships side by side, dispersion, Theil index, weak
    indicators, the change against the year before, county-level figures and departments.

    Raises HaiyanError when no report of the year was accepted (or there is no county
    database), or the catalogue the reports follow is not on this computer; a CountyError
    when the county database cannot be opened.
    """
    from ..county.store import CountyStore

    folder = folder if isinstance(folder, DataFolder) else DataFolder(Path(folder))
    if not folder.county_db.is_file():  # nothing received yet: nothing to create either
        raise HaiyanError(msg("equal.no_reports", year=year))
    with collector_paused():  # tens of thousands of objects read, none in a cycle
        with CountyStore.open(folder.county_db) as store:
            current = store.comparison_data(year)
            previous = store.comparison_data(year - 1) if current else []
        if not current:
            raise HaiyanError(msg("equal.no_reports", year=year))
        catalogue = _catalogue_of(folder.path, year, current)
        return compare(catalogue, [r.data for r in current], [r.data for r in previous],
                       year=year)


def check_workbook_output(out: str | Path) -> Path:
    """An .xlsx to write in an existing folder (not a folder itself), checked before anything
    is read or built."""
    out = Path(out)
    if out.is_dir():
        raise HaiyanError(msg("cxlsx.is_folder", path=str(out)))
    if out.suffix.lower() != ".xlsx":
        raise HaiyanError(msg("cxlsx.bad_suffix", path=str(out)))
    if not out.parent.is_dir():
        raise HaiyanError(msg("cxlsx.no_folder", path=str(out.parent)))
    return out


def export_year(folder: DataFolder | str | Path, year: int, out: str | Path,
                progress: Progress = None) -> WorkbookInfo:
    """Write ``year``'s comparison and the register of what has arrived to the workbook
    ``out`` (an .xlsx in an existing folder), whole or not at all; ``progress(done, total)``
    after each of its :data:`EXPORT_STEPS` steps.

    Raises HaiyanError: a bad output path (before anything is read), nothing received of the
    year, a catalogue this computer lacks, the file that cannot be written (the target is
    then untouched); a CountyError when no catalogue the county issued covers the year.
    """
    from ..county.workbook import write_workbook
    from ..messages import os_reason
    from .county import county_status

    folder = folder if isinstance(folder, DataFolder) else DataFolder(Path(folder))
    out = check_workbook_output(out)

    def step(done: int) -> None:
        if progress is not None:
            progress(done, EXPORT_STEPS)

    comparison = compare_year(folder, year)
    step(1)
    status = county_status(folder, year)
    catalogue = catalogue_by_sha256(folder.path, comparison.catalogue["sha256"])
    step(2)
    try:
        info = write_workbook(comparison, status, out, catalogue)
    except OSError as exc:
        raise HaiyanError(msg("cxlsx.write_failed", path=str(out),
                              detail=os_reason(exc))) from exc
    step(3)
    return info


__all__ = ["EXPORT_STEPS", "OVERALL", "Comparison", "catalogue_by_sha256",
           "check_workbook_output", "compare_year", "export_year"]
