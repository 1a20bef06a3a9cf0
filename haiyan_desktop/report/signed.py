"""The signed report of a signed submission: the file kept in the data folder.

Once both have signed, that file *is* the report: the window previews, prints and saves it and
never builds another copy (a new one would carry no signature and another fingerprint). The
store remembers its path and sha256 when the head signs; a file moved or changed since is
refused with a sentence, not replaced.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from ..messages import msg
from ..store import Store, Submission
from .errors import ReportError


def signed_report_file(store: Store, submission: Submission) -> Path:
    """The signed PDF of ``submission`` (state "signed"), checked against the stored sha256."""
    current = [r for r in store.reports(submission) if not r["superseded_at"]]
    if not current:
        raise ReportError(msg("report.signed_unknown"))
    path = Path(current[-1]["path"])
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise ReportError(msg("report.signed_missing", path=str(path))) from exc
    if digest != current[-1]["sha256"]:
        raise ReportError(msg("report.signed_changed", path=str(path)))
    return path


def set_aside_superseded(path: Path) -> Path | None:
    """Rename the signed file of a reopened submission so that nobody takes it for the report
    any longer (``<name>.superseded-<time>.pdf`` beside it); None when it is not there."""
    if not path.is_file():
        return None
    target = path.with_name(f"{path.stem}.superseded-{time.strftime('%Y%m%d-%H%M%S')}.pdf")
    os.replace(path, target)
    return target
