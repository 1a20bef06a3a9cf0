"""The PDF assessment report (Qt-free): build it from the store, read its data back.

The window calls :func:`build_report` on its worker thread and shows the file it wrote;
the command line's ``report`` and ``report-data`` commands call the same two functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..files import atomic_path
from ..messages import LANGUAGES, msg, os_reason
from ..store import Store, Submission
from .data import ReportData, collect, entries_from_data, read_report_data
from .errors import ReportError
from .fonts import register_fonts  # sets reportlab's base font before platypus is loaded
from .layout import SIGNATURE_BOXES

__all__ = [
    "SIGNATURE_BOXES", "STEPS", "ReportData", "ReportError", "ReportInfo", "build_report",
    "entries_from_data", "read_report_data", "register_fonts",
]

STEPS = 4  # progress(done, STEPS): data read, document written, on disk, in place


@dataclass(frozen=True)
class ReportInfo:
    path: Path
    pages: int
    fingerprint: str


def build_report(store: Store, submission: Submission, out_path: str | Path, lang: str = "zh",
                 clerk: str | None = None, progress: Callable[[int, int], None] | None = None,
                 *, generated_at: datetime | None = None) -> ReportInfo:
    """Write the PDF report of a stored submission to ``out_path``.

    The file is written beside the target under a temporary name and renamed into place, so a
    failure leaves nothing (and an existing file at ``out_path`` untouched). ``clerk`` defaults
    to whoever made the latest edit; ``progress(done, total)`` is called after each of the
    :data:`STEPS` steps; ``generated_at`` (default: now) is the only thing that changes when the
    same data is reported twice. Raises :class:`ReportError` with a bilingual message.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    out = Path(out_path)
    folder = out.parent
    if not folder.is_dir():
        raise ReportError(msg("report.no_output_dir", path=str(folder)))
    register_fonts()  # before reportlab's styles are loaded: they read the base font once
    from .document import write_document

    def step(done: int) -> None:
        if progress is not None:
            progress(done, STEPS)

    data = collect(store, submission, clerk=clerk, generated_at=generated_at)
    step(1)
    try:
        with atomic_path(out) as temporary:
            pages = write_document(data, temporary, lang)
            step(2)
        step(3)
    except OSError as exc:
        raise ReportError(msg("report.write_failed", path=str(out),
                              detail=os_reason(exc))) from exc
    step(4)
    return ReportInfo(out, pages, data.fingerprint)
