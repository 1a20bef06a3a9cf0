"""Every job a user does, once, for the window and the command line (Qt-free).

One function per job: it takes plain arguments (paths, codes, a :class:`DataFolder`) and an
optional ``progress(done, total)`` callback, returns a result record, and raises only
:class:`~haiyan_desktop.errors.HaiyanError` (a subclass where callers tell cases apart). The
window runs these functions on its worker pool and shows the result; each CLI command gathers
its arguments, calls one, and prints the result.

  folder.py     the data folder: DataFolder, opening its store, finding units and files
  assess.py     check a values file, open a submission, its status, mark checked, reopen
  values.py     import a values file (read once: a preview, then commit), export values
  report.py     build the report, the signed report of a signed submission, read its data
  signing.py    the working copy, sign (clerk, then head), verify, trust, the county's PKI
  data.py       demo data, backup, restore, the audit trail
  catalogues.py the county's signed catalogues: sign, install, list the installed ones
  county.py     the county desk: receive the units' signed reports, what has arrived
  equalization.py  the county desk: compare a year's units, equalization between them
  summary.py    the county desk: the year's summary report (PDF), signed by the county office
  diagnostics.py  the file support asks for: logs, versions, checks; no values, no keys
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..errors import HaiyanError, Refused
from .folder import DataFolder

Progress = Callable[[int, int], None] | None

__all__ = ["DataFolder", "HaiyanError", "Progress", "Refused"]
_MODULES = ("assess", "catalogues", "county", "data", "diagnostics", "equalization", "report",
            "signing", "summary", "values")


def __getattr__(name: str) -> Any:
    """``jobs.report`` and the others are imported when first used: a command loads only
    what it runs (pyHanko, reportlab and openpyxl stay out of the window's start)."""
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return importlib.import_module(f".{name}", __name__)
