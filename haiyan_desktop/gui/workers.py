"""Long work off the GUI thread (QThreadPool), with progress shown only when it is slow.

Only file work runs in a worker (reading or writing an Excel file); the database is touched
on the GUI thread alone, since a SQLite connection belongs to the thread that opened it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

BUSY_CURSOR_AFTER_MS, DIALOG_AFTER_MS = 300, 600


class _Signals(QObject):
    sig_finished = Signal(object)  # the job's result
    sig_failed = Signal(object)  # the exception it raised


class _Job(QRunnable):
    def __init__(self, job: Callable[[], Any], name: str):
        super().__init__()
        self.job, self.name = job, name
        self.signals = _Signals()

    def run(self) -> None:
        from .. import logs
        from ..errors import HaiyanError

        job, self.job = self.job, None  # hold nothing (a signing key, say) once it has run
        try:  # the support log: start, outcome, and the traceback of anything unexpected
            with logs.log_job(self.name, action=self.name, expected=(HaiyanError, OSError)):
                result = job()
        except Exception as exc:  # handed to the GUI thread, which shows a clear message
            self.signals.sig_failed.emit(exc)
        else:
            self.signals.sig_finished.emit(result)


def run_in_background(parent: QWidget, label: str, job: Callable[[], Any],
                      done: Callable[[Any], None], failed: Callable[[Exception], None]) -> None:
    """Run ``job`` in the pool; a busy cursor after 300 ms, a progress dialog after 600 ms."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(DIALOG_AFTER_MS)
    dialog.reset()
    cursor = QTimer(parent)
    cursor.setSingleShot(True)
    cursor.timeout.connect(lambda: QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor))
    cursor.start(BUSY_CURSOR_AFTER_MS)
    show = QTimer(parent)
    show.setSingleShot(True)
    show.timeout.connect(dialog.show)
    show.start(DIALOG_AFTER_MS)

    def finish() -> bool:
        """Tidy up; False when the window that asked is gone (rebuilt in another unit or
        language meanwhile): then nobody is left to show the result to."""
        if not shiboken6.isValid(parent):
            if cursor_shown:
                QGuiApplication.restoreOverrideCursor()
            return False
        show.stop()
        dialog.close()
        if not cursor.isActive():
            QGuiApplication.restoreOverrideCursor()
        cursor.stop()
        for thing in (dialog, cursor, show):
            thing.deleteLater()
        jobs = getattr(parent, "_haiyan_jobs", [])
        if job_ in jobs:
            jobs.remove(job_)
        return True

    cursor_shown: list[bool] = []
    cursor.timeout.connect(lambda: cursor_shown.append(True))
    job_ = _Job(job, label.rstrip("…."))
    job_.signals.sig_finished.connect(lambda result: finish() and done(result))
    job_.signals.sig_failed.connect(lambda exc: finish() and failed(exc))
    parent._haiyan_jobs = [*getattr(parent, "_haiyan_jobs", []), job_]  # keep signals alive
    QThreadPool.globalInstance().start(job_)
