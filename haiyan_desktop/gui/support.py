"""Help → 导出诊断信息… (Export diagnostics for support), the same in both windows: once the
window has asked where to save, the zip is written on the worker pool and its place said."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import QtWidgets
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ..messages import msg


def write_diagnostics_in_background(parent: QWidget, data_dir: Path, path: Path, lang: str,
                                    failed: Callable[[Exception], None]) -> None:
    """Collect the diagnostics of ``data_dir`` into ``path`` (logs, versions, checks; no
    values, no keys); ``failed`` shows what went wrong."""
    from ..jobs.diagnostics import write_diagnostics
    from .workers import run_in_background

    run_in_background(parent, QCoreApplication.translate("Support", "Collecting diagnostics…"),
                      lambda: write_diagnostics(data_dir, path),
                      lambda written: QtWidgets.QMessageBox.information(
                          parent, QCoreApplication.translate("Support", "Diagnostics"),
                          msg("diagnostics.done", path=str(written)).render(lang)),
                      failed)
