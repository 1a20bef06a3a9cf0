"""Receiving reports in the county window: the import on the worker pool, its progress dialog,
and the summary at the end.

:class:`ImportJob` runs :func:`haiyan_desktop.jobs.county.import_reports` in the QThreadPool
(the job itself checks the files on every core and writes the county database file by file).
Its progress callback hands each file's outcome to the GUI thread by a queued signal. Stop
is cancel-safe: the job is told at the next file's end, after that file's verdict was written
whole; everything imported so far stays, and the summary says how far it got.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, NamedTuple

import shiboken6
from PySide6 import QtWidgets  # QtWidgets.QMessageBox at first use
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..errors import HaiyanError
from ..jobs import DataFolder
from ..messages import os_reason
from .county_models import ImportOutcomeModel, TableProxy

PROGRESS_AFTER_MS = 600  # the progress dialog shows when the import takes longer than this


class ImportRun(NamedTuple):
    """What an import did: the job's result (county.receive.ImportResult), whether it was
    stopped before the end, and how many PDFs it had found."""

    result: Any
    stopped: bool
    found: int


class _Stopped(Exception):
    """Raised from the progress callback once the clerk asked to stop."""


class _Signals(QObject):
    sig_progress = Signal(int, int, object)  # done, total, the file's outcome (FileOutcome)
    sig_finished = Signal(object)  # ImportRun
    sig_failed = Signal(object)  # the exception


class ImportJob(QRunnable):
    """One import of files and folders, on the worker pool."""

    def __init__(self, folder: DataFolder, paths: list[Path], workers: int | None = None):
        super().__init__()
        self.folder, self.paths, self.workers = folder, paths, workers
        self.signals = _Signals()
        self.stop = threading.Event()

    def run(self) -> None:
        from .. import logs
        from ..county.receive import ImportResult
        from ..jobs.county import import_reports

        done: list[Any] = []
        found = [0]

        def progress(count: int, total: int, _path: Path, outcome: Any) -> None:
            done.append(outcome)  # (its verdict is in the database already)
            found[0] = total
            self.signals.sig_progress.emit(count, total, outcome)
            if self.stop.is_set() and count < total:
                raise _Stopped

        try:
            with logs.log_job("county import", action="county import",
                              expected=(HaiyanError, OSError, _Stopped)):
                result = import_reports(self.folder, self.paths, progress, self.workers)
        except _Stopped:
            self.signals.sig_finished.emit(ImportRun(ImportResult(files=done), True, found[0]))
        except Exception as exc:  # told on the GUI thread (a bug: the error dialog)
            self.signals.sig_failed.emit(exc)
        else:
            self.signals.sig_finished.emit(ImportRun(result, False, len(result.files)))


class ImportProgressDialog(QProgressDialog):
    """Done / total and the file just checked; Stop (or Esc) finishes the current file and
    keeps what was imported."""

    sig_stop_requested = Signal()

    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.setObjectName("ImportProgressDialog")
        self.setWindowTitle(self.tr("Importing reports"))
        self.setLabelText(self.tr("Looking for the reports and starting the checks…"))
        self.setCancelButtonText(self.tr("Stop"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setRange(0, 0)
        self.reset()  # (shown by the importer's timer, not by Qt's own)
        self.canceled.disconnect(self.cancel)  # stay open: the current file is finished first
        self.canceled.connect(self._stop)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 34)
        self.stopping = False

    def show_progress(self, done: int, total: int, outcome: Any, lang: str,
                      names: dict[str, Any]) -> None:
        """Done / total, and the file just checked: its unit and what became of it."""
        self.setRange(0, max(total, 1))
        self.setValue(done)
        if self.stopping:
            return
        name = outcome.unit_name or names.get(outcome.unit_code or "")
        words = {"accepted": self.tr("accepted"), "superseded": self.tr("accepted"),
                 "quarantined": self.tr("quarantined"), "duplicate": self.tr("duplicate")}
        what = [name.get(lang)] if name else []
        what.append(words.get(outcome.outcome, outcome.outcome))
        self.setLabelText(self.tr("Checked %1 of %2 files\nLast: %3%4").replace(
            "%1", str(done)).replace("%2", str(total)).replace("%3", outcome.path.name)
            .replace("%4", "".join(f" · {w}" for w in what)))

    def _stop(self) -> None:
        if self.stopping:
            return
        self.stopping = True
        self.setLabelText(self.tr("Stopping after the current file… The reports imported so "
                                  "far are kept."))
        button = self.findChild(QtWidgets.QPushButton)
        if button is not None:
            button.setEnabled(False)
        self.sig_stop_requested.emit()

    def reject(self) -> None:  # Esc: the same as Stop
        self.canceled.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.canceled.emit()


class ImportSummaryDialog(QDialog):
    """What became of each file (modeless, deleted when closed): the counts on top, then
    every file with its outcome, unit, year and — for a quarantined one — its reason."""

    def __init__(self, run: ImportRun, lang: str, parent: QWidget | None,
                 names: dict[str, Any] | None = None):
        super().__init__(parent)
        self.setObjectName("ImportSummaryDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Import result"))
        self.headline = QLabel(self.summary_text(run), self)
        self.headline.setObjectName("summaryLabel")
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = ImportOutcomeModel(self)
        self.model.fill(run.result.files, lang, names)
        proxy = TableProxy(self)
        proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("outcomeView")
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # the quarantined first
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # a reason is read whole
        self.table.resizeColumnsToContents()
        em = self.fontMetrics().horizontalAdvance("中")
        last = self.model.columnCount() - 1
        for column in range(last):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column),
                                                  (12 if column == 1 else 18) * em))
        screen = self.screen().availableGeometry() if self.screen() else None
        width = min(sum(self.table.columnWidth(c) for c in range(last + 1)) + 4 * em,
                    int(screen.width() * 0.9) if screen else 1200, 78 * em)
        self.table.horizontalHeader().setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(max(width, 40 * em), min(34 * em, int(screen.height() * 0.8) if screen
                                             else 560))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # the reasons' column has its width now: rows to fit
        QTimer.singleShot(0, self, self.table.resizeRowsToContents)


    def summary_text(self, run: ImportRun) -> str:
        """The counts of an import, in words."""
        result = run.result
        text = self.tr("%1 PDF files: %2 accepted (%3 of them superseding an earlier "
                       "report), %4 quarantined, %5 duplicates skipped.")
        text = (text.replace("%1", str(len(result.files))).replace("%2", str(result.accepted))
                .replace("%3", str(result.count("superseded")))
                .replace("%4", str(result.quarantined))
                .replace("%5", str(result.count("duplicate"))))
        if result.skipped:
            text += " " + self.tr("%n other file(s) were not PDFs and were left alone.", "",
                                  result.skipped)
        if run.stopped:
            text = self.tr("Stopped after %1 of %2 files; what was imported is kept.").replace(
                "%1", str(len(result.files))).replace("%2", str(run.found)) + "\n" + text
        return text


class CountyImporter(QObject):
    """Runs one import at a time for the county window: progress, stop, summary, and then
    ``sig_imported`` so the window reads its tables again."""

    sig_imported = Signal(object)  # ImportRun
    sig_progress = Signal(int, int)  # done, total (for tests and the status bar)

    def __init__(self, parent_widget: QWidget, folder: DataFolder, lang: str,
                 workers: int | None = None):
        super().__init__(parent_widget)
        self.ui, self.folder, self.lang, self.workers = parent_widget, folder, lang, workers
        self.job: ImportJob | None = None
        self.unit_names: dict[str, Any] = {}  # unit code -> name, for the summary
        self.dialog: ImportProgressDialog | None = None
        self.summary: ImportSummaryDialog | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, paths: list[Path]) -> bool:
        """Import ``paths`` (files and folders); False when an import is already running."""
        if self.job is not None or not paths:
            return False
        self.job = job = ImportJob(self.folder, list(paths), self.workers)
        dialog = self.dialog = ImportProgressDialog(self.ui)
        dialog.sig_stop_requested.connect(job.stop.set)
        timer = QTimer(dialog)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: dialog.show() if self.dialog is dialog else None)
        timer.start(PROGRESS_AFTER_MS)
        job.signals.sig_progress.connect(self._progress)
        job.signals.sig_finished.connect(self._finished)
        job.signals.sig_failed.connect(self._failed)
        QThreadPool.globalInstance().start(job)
        return True

    def _progress(self, done: int, total: int, outcome: Any) -> None:
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.show_progress(done, total, outcome, self.lang, self.unit_names)
        self.sig_progress.emit(done, total)

    def _end(self) -> bool:
        self.job = None
        dialog, self.dialog = self.dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.hide()
            dialog.deleteLater()
        return shiboken6.isValid(self.ui)

    def _finished(self, run: ImportRun) -> None:
        if not self._end():
            return
        if not run.result.files and not run.stopped:
            text = self.tr("No PDF file was found there.")
            if run.result.skipped:
                text += " " + self.tr("%n other file(s) were not PDFs and were left alone.",
                                      "", run.result.skipped)
            QtWidgets.QMessageBox.information(self.ui, self.tr("Import reports"), text)
        else:
            self.summary = ImportSummaryDialog(run, self.lang, self.ui, self.unit_names)
            self.summary.show()
        self.sig_imported.emit(run)

    def _failed(self, exc: Exception) -> None:
        if not self._end():
            return
        if isinstance(exc, HaiyanError):
            text = "\n".join(exc.lines(self.lang))
        elif isinstance(exc, OSError):
            text = f"{exc.filename or ''} {os_reason(exc).get(self.lang)}".strip()
        else:
            raise exc  # a bug: the program's error dialog reports it
        QtWidgets.QMessageBox.warning(self.ui, self.tr("Import reports"), text)
        self.sig_imported.emit(None)


def local_paths(urls: list[Any]) -> list[Path]:
    """The local files and folders among dropped URLs (a PDF or a folder)."""
    paths = []
    for url in urls:
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_dir() or path.suffix.lower() == ".pdf":
            paths.append(path)
    return paths


__all__ = ["PROGRESS_AFTER_MS", "CountyImporter", "ImportJob", "ImportProgressDialog",
           "ImportRun", "ImportSummaryDialog", "local_paths"]
