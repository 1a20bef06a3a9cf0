"""The county desk (Qt-free): receive the units' signed reports, keep them in the county's
own database (``<data folder>/county.db``), tell what has arrived, compare the units.

  store.py         the county database: received reports, quarantine, supersessions
  receive.py       the import: cheap checks, verification on every core, one reason per file
  status.py        per year, every unit of the catalogue with its report's state
  equalization.py  comparison and equalization between the units (statistics)
  summary*.py      the year's summary report (PDF), its data, its signature and verification
"""

from __future__ import annotations

from ..errors import HaiyanError


class CountyError(HaiyanError):
    """The county desk cannot do what was asked (no county root, a newer database...)."""


__all__ = ["CountyError"]
