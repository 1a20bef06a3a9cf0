"""What the county window shows for a year, read in one go on a worker thread (no Qt here).

:func:`load_county` asks the county desk's jobs for a year's status (which reports arrived)
and comparison (ranking, heat map, dispersion, Theil index, weak indicators, change), each
with its own connection to ``county.db``, so it runs on the worker pool. A job that has
nothing to say for the year (no reports yet, no catalogue the county issued) gives its error,
which the window shows as the tab's empty state.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..errors import HaiyanError
from ..jobs import DataFolder


class Loaded(NamedTuple):
    """A year's status and comparison, or why there is none."""

    years: list[int]  # every year the desk can show, newest first
    year: int | None  # the year shown (None: nothing installed, nothing received)
    status: object | None  # county.status.Status
    status_error: HaiyanError | None
    comparison: object | None  # county.equalization.Comparison
    comparison_error: HaiyanError | None
    received_years: tuple[int, ...] = ()  # the years of which reports were received


def received_years(data_dir: Path) -> list[int]:
    """The years of which the county received reports (none without a county database; the
    database is never created here)."""
    from ..county.store import DATABASE_NAME, CountyStore

    path = Path(data_dir) / DATABASE_NAME
    if not path.is_file():
        return []
    with CountyStore.open(path) as store:
        return store.years()


def issued_years(data_dir: Path) -> list[int]:
    """The years of the catalogues the county issued and installed in the data folder."""
    from ..catalogue import installed_catalogues, is_builtin

    return sorted({y for _record, c in installed_catalogues(data_dir) if not is_builtin(c)
                   for y in c.years})


def choose_year(wanted: int | None, years: list[int], received: list[int]) -> int | None:
    """``wanted`` when it can be shown, else the newest year with reports, else the newest
    year of an issued catalogue."""
    if wanted is not None and wanted in years:
        return wanted
    if received:
        return max(received)
    return max(years) if years else None


def load_county(folder: DataFolder, wanted: int | None) -> Loaded:
    """The years, the chosen year's status and comparison (each or its error)."""
    from ..jobs.county import county_status
    from ..jobs.equalization import compare_year

    received = received_years(folder.path)
    years = sorted(set(issued_years(folder.path)) | set(received), reverse=True)
    year = choose_year(wanted, years, received)
    status = comparison = None
    status_error = comparison_error = None
    if year is not None:
        try:
            status = county_status(folder, year)
        except HaiyanError as exc:
            status_error = exc
        try:
            comparison = compare_year(folder, year)
        except HaiyanError as exc:
            comparison_error = exc
    return Loaded(years, year, status, status_error, comparison, comparison_error,
                  tuple(received))


__all__ = ["Loaded", "choose_year", "issued_years", "load_county", "received_years"]
