"""The assessment catalogue: model, YAML loader and the built-in catalogues."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..paths import catalogues_dir
from .loader import CatalogueError, CatalogueProblem, load_catalogue, parse_catalogue
from .model import Catalogue, Choice, Domain, Indicator, Rule, Unit

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


@lru_cache(maxsize=16)
def _load(path: str, mtime_ns: int) -> Catalogue:
    return load_catalogue(path)


def load_cached(path: str | Path) -> Catalogue:
    """Load a catalogue once per process (reloaded when the file changes)."""
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
