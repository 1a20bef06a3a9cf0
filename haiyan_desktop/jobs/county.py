"""The county desk's jobs: receive the units' signed reports, tell what has arrived.

The county's own database is ``<data folder>/county.db`` (:attr:`DataFolder.county_db`); the
county root, its revocation lists and the catalogues it issued are those installed in the
same data folder (``trust install``, ``catalogue install``).
"""

from __future__ import annotations

from pathlib import Path

from ..county import CountyError
from ..county.receive import ImportResult, Progress
from ..county.status import Status
from ..messages import msg
from .folder import DataFolder


def import_reports(folder: DataFolder, paths: list[str | Path], progress: Progress = None,
                   workers: int | None = None) -> ImportResult:
    """Examine every PDF in ``paths`` (files or folders, searched recursively): each is
    stored as its unit's report or quarantined with one reason, or skipped as a duplicate;
    ``progress(done, total, path, outcome)`` after each. Raises :class:`CountyError` (nothing
    done) when a path does not exist or no county root is installed."""
    from ..county.receive import check_paths, receive
    from ..county.store import CountyStore
    from ..signing.trust import installed_trust

    check_paths(paths)  # a missing path is told before anything else
    if installed_trust(folder.path) is None:
        raise CountyError(msg("county.no_trust"))
    with CountyStore.open(folder.county_db) as store:
        return receive(store, folder.path, paths, progress, workers)


def county_status(folder: DataFolder, year: int) -> Status:
    """Every unit of ``year``'s issued catalogue with its report's state."""
    from ..county.status import year_status
    from ..county.store import CountyStore

    # Nothing received yet: every unit is missing, and asking creates no database.
    where = folder.county_db if folder.county_db.is_file() else ":memory:"
    with CountyStore.open(where) as store:
        return year_status(store, folder.path, year)


__all__ = ["county_status", "import_reports"]
