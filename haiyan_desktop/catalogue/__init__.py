"""The assessment catalogue: model, YAML loader and the built-in catalogues.

The YAML loader (and PyYAML) is imported only when a file must really be read: opening a
known catalogue goes through :mod:`.cache`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..paths import catalogues_dir
from .cache import cached_catalogue
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
    "load_cached",
    "load_catalogue",
    "parse_catalogue",
]

DEFAULT_CATALOGUE = "haiyan-2019.yaml"


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


def catalogue_for_year(year: int) -> Catalogue | None:
    """The newest built-in catalogue covering ``year``, or None."""
    found = [load_cached(p) for p in builtin_catalogue_paths()]
    covering = [c for c in found if year in c.years]
    return covering[-1] if covering else None


def available_years() -> list[int]:
    return sorted({y for p in builtin_catalogue_paths() for y in load_cached(p).years})
