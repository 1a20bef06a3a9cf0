"""The assessment catalogue: model, YAML loader, the built-in and the installed catalogues.

The YAML loader (and PyYAML) is imported only when a file must really be read: opening a
known catalogue goes through :mod:`.cache`.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from ..paths import catalogues_dir
from .cache import cached_catalogue
from .installed import InstalledCatalogue, newest_first, records
from .model import Catalogue, Choice, Domain, Indicator, Rule, Unit
from .problems import CatalogueError, CatalogueProblem

__all__ = [
    "Catalogue",
    "CatalogueError",
    "CatalogueProblem",
    "Choice",
    "Domain",
    "Indicator",
    "Rule",
    "Unit",
    "available_years",
    "builtin_catalogue_paths",
    "cached_catalogue",
    "catalogue_for_year",
    "default_catalogue",
    "installed_catalogues",
    "is_builtin",
    "load_cached",
    "load_catalogue",
    "parse_catalogue",
]

DEFAULT_CATALOGUE = "haiyan-2019.yaml"
_log = logging.getLogger(__name__)


def builtin_catalogue_paths() -> list[Path]:
    """The catalogues shipped in resources/catalogues, one file per version."""
    return sorted(catalogues_dir().glob("*.yaml"))


def load_catalogue(path: str | Path) -> Catalogue:
    """Read and check a catalogue file in full (see :func:`.loader.load_catalogue`)."""
    from .loader import load_catalogue as load

    return load(path)


def parse_catalogue(data: bytes | str, file: str = "<catalogue>") -> Catalogue:
    """Read and check catalogue text in full (see :func:`.loader.parse_catalogue`)."""
    from .loader import parse_catalogue as parse

    return parse(data, file)


@lru_cache(maxsize=16)
def _load(path: str, mtime_ns: int) -> Catalogue:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return load_catalogue(path)  # the loader reports the unreadable file
    return cached_catalogue(data, path)


def load_cached(path: str | Path) -> Catalogue:
    """Load a catalogue once per process (reloaded when the file changes); its parse is
    kept on disk under the file's sha256, so other processes skip the YAML."""
    path = Path(path).resolve()
    return _load(str(path), path.stat().st_mtime_ns)


def default_catalogue() -> Catalogue:
    return load_cached(catalogues_dir() / DEFAULT_CATALOGUE)


def is_builtin(catalogue: Catalogue) -> bool:
    """Whether ``catalogue`` is one of the built-in samples (by its bytes, wherever it was
    read from: a database keeps a copy)."""
    return catalogue.sha256 in _builtin_digests()


def _builtin_digests() -> frozenset[str]:
    return frozenset(load_cached(p).sha256 for p in builtin_catalogue_paths())


def installed_catalogues(data_dir: str | Path | None) -> list[tuple[InstalledCatalogue,
                                                                    Catalogue]]:
    """The catalogues installed in ``data_dir`` that still load and still have the bytes
    their record names, each with its record, newest version first. A file that no longer
    loads (or was changed by hand) is left out and logged, never used."""
    if data_dir is None:
        return []
    found = []
    for record in newest_first(records(data_dir)):
        try:
            catalogue = load_cached(record.yaml)
        except (OSError, CatalogueError) as exc:
            _log.warning("installed catalogue %s cannot be used: %s", record.yaml.name,
                         type(exc).__name__)
            continue
        if catalogue.sha256 != record.sha256:
            _log.warning("installed catalogue %s was changed after installation: not used",
                         record.yaml.name)
            continue
        found.append((record, catalogue))
    return found


def catalogue_for_year(year: int, data_dir: str | Path | None = None) -> Catalogue | None:
    """The catalogue of ``year``: the newest catalogue installed in ``data_dir`` covering it,
    else the newest built-in one covering it, else None."""
    for _record, catalogue in installed_catalogues(data_dir):
        if year in catalogue.years:
            return catalogue
    found = [load_cached(p) for p in builtin_catalogue_paths()]
    covering = [c for c in found if year in c.years]
    return covering[-1] if covering else None


def available_years(data_dir: str | Path | None = None) -> list[int]:
    """Every year a built-in or (in ``data_dir``) installed catalogue covers."""
    years = {y for p in builtin_catalogue_paths() for y in load_cached(p).years}
    years.update(y for _record, c in installed_catalogues(data_dir) for y in c.years)
    return sorted(years)
