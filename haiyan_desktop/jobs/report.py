"""The PDF report: build it, find a signed submission's signed file, read a report's data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import HaiyanError
from ..messages import msg
from .folder import DataFolder, existing_file, stored_submission


def check_output(out: str | Path) -> Path:
    """A .pdf in an existing folder, checked before anything is opened or built."""
    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise HaiyanError(msg("report.bad_suffix", path=str(out)))
    if not out.parent.is_dir():
        raise HaiyanError(msg("report.no_output_dir", path=str(out.parent)))
    return out


def build_report(folder: DataFolder, unit: str, year: int, out: str | Path, lang: str = "zh",
                 clerk: str | None = None, progress=None):
    """Write the report of a stored submission to ``out`` (its own read-only connection: a
    worker thread may run it): a ``ReportInfo``. A signed submission's report is its signed
    file (see :func:`signed_report`), never a new unsigned copy."""
    from ..report import build_report as build

    out = check_output(out)
    with folder.store() as store:
        sub = stored_submission(store, unit, year)
        if sub.state == "signed":
            return copy_signed_report(signed_report(store, sub), out)
        return build(store, sub, out, lang=lang, clerk=clerk, progress=progress)


def warm_up() -> None:
    """Load what a first report needs and later ones reuse: reportlab's modules and the two
    fonts' metrics, about half a second. The window runs it on a worker once it is idle, so
    the clerk's first export is as quick as the next; a failure here is left for the real
    build to report."""
    from ..report import register_fonts

    register_fonts()  # before reportlab's styles are loaded: they read the base font once
    from ..report import document  # noqa: F401  (the platypus, graphics and pdfgen modules)


def copy_signed_report(signed: Path, out: Path):
    """The signed file, byte for byte, at ``out`` (whole or not at all): a ``ReportInfo``."""
    from ..files import write_atomically
    from ..report import ReportInfo, read_report_data
    from ..signing import page_count

    content = signed.read_bytes()
    if signed.resolve() != out.resolve():
        try:
            write_atomically(out, content)
        except OSError as exc:
            from ..messages import os_reason

            raise HaiyanError(msg("report.write_failed", path=str(out),
                                  detail=os_reason(exc))) from exc
    return ReportInfo(out, page_count(content), read_report_data(out)["fingerprint"])


def signed_report(store, submission) -> Path:
    """The signed file of a signed submission, checked against the sha256 the store kept."""
    from ..report.signed import signed_report_file

    return signed_report_file(store, submission)


def report_data(path: str | Path) -> dict[str, Any]:
    from ..report import read_report_data

    return read_report_data(existing_file(path))
