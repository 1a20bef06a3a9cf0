"""Compare the units of a year from the reports the county accepted (``county compare``).

Reads the accepted reports of the year and of the year before from the county database
(:attr:`DataFolder.county_db`, see :mod:`haiyan_desktop.county.store`), finds the catalogue
the year's reports follow by its sha256 among the catalogues installed in the data folder
(and the built-in ones), and hands them to :func:`haiyan_desktop.county.equalization.compare`.
Nothing is written: a data folder without a county database is told as "no reports".
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..catalogue import Catalogue, builtin_catalogue_paths, installed_catalogues, load_cached
from ..catalogue.installed import version_key
from ..county.equalization import OVERALL, Comparison, compare
from ..errors import HaiyanError
from ..messages import msg
from .folder import DataFolder


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
    with CountyStore.open(folder.county_db) as store:
        current = store.accepted(year)
        previous = store.accepted(year - 1)
        reports = [r.payload for r in current]
        before = [r.payload for r in previous]
    if not current:
        raise HaiyanError(msg("equal.no_reports", year=year))
    catalogue = _catalogue_of(folder.path, year, current)
    return compare(catalogue, reports, before, year=year)


__all__ = ["OVERALL", "Comparison", "catalogue_by_sha256", "compare_year"]
