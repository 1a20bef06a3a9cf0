"""The data folder a job works in, and the lookups every job needs (units, files, catalogues)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..catalogue import Catalogue, available_years, catalogue_for_year, load_catalogue
from ..catalogue import default_catalogue as builtin_catalogue
from ..catalogue.model import Unit
from ..errors import HaiyanError
from ..messages import msg
from ..paths import default_data_dir
from ..store import Store, Submission


class DataFolder(NamedTuple):
    """Where the data live, which database (real or sample), and who is working."""

    path: Path
    demo: bool = False
    actor: str | None = None

    @classmethod
    def at(cls, path: str | Path | None, demo: bool = False, actor: str | None = None
           ) -> DataFolder:
        """``path``, or the platform's default data folder when none is given."""
        return cls(Path(path) if path else default_data_dir(), demo, actor)

    def store(self, write: bool = False) -> Store:
        return Store(self.path, demo=self.demo, write=write, actor=self.actor)

    @property
    def county_db(self) -> Path:
        """The county desk's database (reports received, quarantine): ``county.db``."""
        return self.path / "county.db"


def existing_file(path: str | Path) -> Path:
    p = Path(path)
    if not p.is_file():
        raise HaiyanError(msg("cli.file_missing", path=str(path)))
    return p


def catalogue_file(path: str | Path | None) -> Catalogue:
    """The catalogue in ``path``, or the built-in one."""
    return builtin_catalogue() if path is None else load_catalogue(existing_file(path))


def catalogue_of_year(year: int, data_dir: DataFolder | str | Path | None = None
                      ) -> Catalogue:
    """The catalogue of ``year``: the newest one installed in the data folder covering it
    (``catalogue install``), else the built-in sample covering it. The commands choose
    here; the window's opening (:func:`.assess.open_for_entry`) asks the same
    :func:`~haiyan_desktop.catalogue.catalogue_for_year` with the same data folder."""
    where = data_dir.path if isinstance(data_dir, DataFolder) else data_dir
    found = catalogue_for_year(year, where)
    if found is None:
        years = ", ".join(str(y) for y in available_years(where))
        raise HaiyanError(msg("cli.no_catalogue_for_year", year=year, years=years))
    return found


def find_unit(units: list[Unit] | tuple[Unit, ...], text: str) -> Unit | None:
    """A unit by code or by name in either language (武原街道, wuyuan, Wuyuan Subdistrict)."""
    wanted = text.strip().casefold()
    for unit in units:
        if wanted in (unit.code.casefold(), unit.name.zh.casefold(), unit.name.en.casefold()):
            return unit
    return None


def unit_named(catalogue: Catalogue, text: str) -> Unit:
    unit = find_unit(catalogue.units, text)
    if unit is None:
        units = ", ".join(f"{u.code} ({u.name.zh})" for u in catalogue.units)
        raise HaiyanError(msg("cli.unknown_unit", unit=text, units=units))
    return unit


def stored_submission(store: Store, unit: str, year: int) -> Submission:
    """The stored submission of a unit (code or name) and year."""
    found = find_unit(store.units(), unit)
    if found is None:
        raise HaiyanError(msg("store.unknown_unit", unit=unit))
    return store.submission(found.code, year)


def submission_to_fill(store: Store, unit: str, year: int,
                       catalogue: Catalogue | None = None) -> Submission:
    """The submission of a unit and year, created on first use with the year's catalogue (or
    ``catalogue``)."""
    catalogue = catalogue or catalogue_of_year(year, store.data_dir)
    store.register_catalogue(catalogue)
    return store.open_submission(catalogue, unit_named(catalogue, unit).code, year)
