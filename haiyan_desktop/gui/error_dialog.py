"""Unexpected errors in the window: logged, told once in words, and the program goes on.

:func:`install_exception_hook` replaces ``sys.excepthook`` (PySide6 calls it for an exception
raised in a slot, a timer callback or a worker's ``run``) and ``threading.excepthook``. The hook
logs the traceback at once, from whatever thread raised, then hands the error to the GUI thread
by a queued signal, which shows one :class:`ErrorDialog`: what failed, that the data already
saved are safe (every accepted edit is committed at once), where the log is, and buttons to copy
the details or open the log folder. More errors while it is open are added to that dialog, not
shown in new ones. The dialog is not modal: the window stays usable behind it.

:func:`show_previous_crash_notice` tells, at the start, that the run before died and where its
crash record is (:func:`haiyan_desktop.logs.previous_crash` finds it).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6 import QtCore  # QtCore.Qt at first use: the window's start builds no Qt enums
from PySide6.QtCore import QCoreApplication, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__, logs
from ..errors import HaiyanError

MAX_DETAILS = 5  # tracebacks kept for "copy details" (the first ones: the later often follow)


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def version_text() -> str:
    """The versions a support person needs first, on one line."""
    import PySide6
    from PySide6.QtCore import qVersion

    return (f"{APP_NAME} {__version__}; Python {sys.version.split()[0]}; "
            f"{logs.platform_text()}; PySide6 {PySide6.__version__}; Qt {qVersion()}")


def _type_name(exc: BaseException) -> str:
    return type(exc).__name__


class ErrorDialog(QDialog):
    """What went wrong, that the saved data are safe, where the log is; copy or open it.

    :meth:`add_error` puts one more error into an open dialog instead of a second dialog.
    """

    def __init__(self, parent: QWidget | None, log_file: Path | None):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Unexpected error"))
        self.setModal(False)
        self.log_file = log_file
        self.details: list[str] = []
        self.count = 0
        self.headline = QLabel()
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.kind = QLabel()
        self.safe = QLabel(QCoreApplication.translate(
            "ErrorDialog", "The data already saved are safe: every change you accepted was "
            "saved at once. The program keeps running; you can go on working."))
        if log_file is not None:
            where = QCoreApplication.translate("ErrorDialog", "Details are recorded in %1")
            self.where = QLabel(where.replace("%1", str(log_file)))
        else:
            self.where = QLabel(QCoreApplication.translate(
                "ErrorDialog", "No log could be written for this run."))
        self.where.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.support = QLabel(QCoreApplication.translate(
            "ErrorDialog", "If it happens again, please tell support and send them the "
            "log file."))
        self.again = QLabel()
        self.again.hide()
        self.copied = QLabel(QCoreApplication.translate(
            "ErrorDialog", "The details are on the clipboard: paste them into your message "
            "to support."))
        self.copied.hide()
        layout = QVBoxLayout(self)
        for label in (self.headline, self.kind, self.safe, self.where, self.support,
                      self.again, self.copied):
            label.setWordWrap(True)
            layout.addWidget(label)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(
            QCoreApplication.translate("ErrorDialog", "&Copy details"))
        self.open_button = QPushButton(
            QCoreApplication.translate("ErrorDialog", "&Open log folder"))
        self.close_button = QPushButton(QCoreApplication.translate("ErrorDialog", "Close"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setEnabled(log_file is not None)
        self.copy_button.clicked.connect(self.copy_details)
        self.open_button.clicked.connect(self.open_log_folder)
        self.close_button.clicked.connect(self.reject)
        self.close_button.setDefault(True)
        layout.addWidget(buttons)

    def add_error(self, kind: str, action: str, details: str) -> None:
        """One more unexpected error (the first sets the headline)."""
        self.count += 1
        if len(self.details) < MAX_DETAILS:
            self.details.append(details)
        if self.count == 1:
            if action:
                failed = QCoreApplication.translate("ErrorDialog", "“%1” failed unexpectedly.")
                self.headline.setText(failed.replace("%1", action))
            else:
                self.headline.setText(QCoreApplication.translate(
                    "ErrorDialog", "Something went wrong unexpectedly."))
            kind_text = QCoreApplication.translate("ErrorDialog", "Error type: %1")
            self.kind.setText(kind_text.replace("%1", kind))
        else:
            so_far = QCoreApplication.translate("ErrorDialog", "Unexpected errors so far: %1")
            self.again.setText(so_far.replace("%1", str(self.count)))
            self.again.show()

    def details_text(self) -> str:
        """Versions and tracebacks (scrubbed of figures and quoted text), for support."""
        return "\n\n".join([version_text(), *self.details])

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copied.show()

    def open_log_folder(self) -> None:
        if self.log_file is not None:
            open_folder(self.log_file.parent)


class ExceptionHook(QObject):
    """The installed hook; :meth:`uninstall` puts the previous hooks back."""

    # an exception seen on any thread: its type, the action (or ""), its scrubbed traceback
    sig_error_seen = Signal(str, str, str)
    sig_refusal_seen = Signal(object)  # a HaiyanError: its own sentence is shown

    def __init__(self, window_provider: Callable[[], QWidget | None]):
        super().__init__()  # made on the GUI thread: the queued signal is delivered there
        self.window_provider = window_provider
        self.dialog: ErrorDialog | None = None
        self._previous_sys = sys.excepthook
        self._previous_threading = threading.excepthook
        self._showing = False
        # another thread's signal is queued to this (the GUI) thread by Qt's automatic
        # connection; on this thread _seen puts the showing off until the failing slot is
        # done (the window's start builds no Qt enums: see roles.py)
        self.sig_error_seen.connect(self._seen)
        self.sig_refusal_seen.connect(
            lambda exc: QTimer.singleShot(0, lambda: self._say_refusal(exc)))

    def install(self) -> ExceptionHook:
        sys.excepthook = self._sys_hook
        threading.excepthook = self._threading_hook
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self._sys_hook:
            sys.excepthook = self._previous_sys
        if threading.excepthook == self._threading_hook:
            threading.excepthook = self._previous_threading
        self.dialog = None

    # --- any thread ------------------------------------------------------------------------
    def _sys_hook(self, kind: type[BaseException], value: BaseException,
                  tb: TracebackType | None) -> None:
        if not isinstance(value, Exception):  # Ctrl+C, SystemExit: as Python would
            self._previous_sys(kind, value, tb)
            return
        self.handle(value if value.__traceback__ is not None else value.with_traceback(tb))

    def _threading_hook(self, args: threading.ExceptHookArgs) -> None:
        if not isinstance(args.exc_value, Exception):
            self._previous_threading(args)
            return
        self.handle(args.exc_value)

    def handle(self, exc: Exception) -> None:
        """Log ``exc`` now and have the GUI thread show it (callable from any thread)."""
        if isinstance(exc, HaiyanError):  # a refusal with its sentence (a drive pulled out
            self.sig_refusal_seen.emit(exc)  # while the window refreshed): said, not a bug
            return
        try:
            logs.log_exception(exc, "unexpected error")
            if QApplication.instance() is None or not shiboken6.isValid(self):
                raise RuntimeError("no application to show it")
            self.sig_error_seen.emit(_type_name(exc), logs.action_of(exc) or "",
                                     logs.describe_exception(exc))
        except Exception:  # never an error about the error: Python's own report instead
            sys.__excepthook__(type(exc), exc, exc.__traceback__)

    # --- the GUI thread --------------------------------------------------------------------
    def _say_refusal(self, exc: HaiyanError) -> None:
        logs.log.warning("refused in the window: %s", type(exc).__name__)  # no traceback
        lang = "en" if QCoreApplication.translate("ErrorDialog", "Close") == "Close" else "zh"
        QMessageBox.warning(self._parent(), QCoreApplication.translate(
            "ErrorDialog", "Haiyan Desktop"), "\n".join(exc.lines(lang)))

    def _parent(self) -> QWidget | None:
        modal = QApplication.activeModalWidget()  # a modal dialog would block ours otherwise
        if modal is not None:
            return modal
        try:
            window = self.window_provider()
        except Exception:
            return None
        return window if window is not None and shiboken6.isValid(window) else None

    def _seen(self, kind: str, action: str, details: str) -> None:
        QTimer.singleShot(0, lambda: self._show(kind, action, details))

    def _show(self, kind: str, action: str, details: str) -> None:
        if self._showing:  # an error while making the dialog: logged already, not shown
            return
        self._showing = True
        try:
            dialog = self.dialog
            if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
                dialog.add_error(kind, action, details)
                dialog.raise_()
                return
            dialog = ErrorDialog(self._parent(), logs.log_file_path())
            dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.add_error(kind, action, details)
            self.dialog = dialog
            dialog.show()
            dialog.raise_()
        except Exception as exc:
            logs.log_exception(exc, "the error dialog failed")
        finally:
            self._showing = False


_installed: ExceptionHook | None = None


def install_exception_hook(app_window_provider: Callable[[], QWidget | None]
                           ) -> ExceptionHook:
    """Show unexpected exceptions of any slot or worker in one :class:`ErrorDialog` over the
    window ``app_window_provider()`` returns (None: no parent). Call on the GUI thread, after
    the QApplication exists; a second call replaces the first hook."""
    global _installed
    uninstall_exception_hook()
    _installed = ExceptionHook(app_window_provider).install()
    return _installed


def uninstall_exception_hook() -> None:
    global _installed
    if _installed is not None:
        _installed.uninstall()
        _installed = None


def current_error_dialog() -> ErrorDialog | None:
    """The error dialog on screen, if any."""
    dialog = _installed.dialog if _installed else None
    if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
        return dialog
    return None


def show_previous_crash_notice(parent: QWidget | None, crash_path: Path) -> QMessageBox:
    """"上次程序异常退出，诊断信息已保存在 …", with a button that opens its folder.

    Opened window-modal without waiting (``open()``); returned for tests. Deleted on close.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("CrashNotice", "Haiyan Desktop"))
    text = QCoreApplication.translate(
        "CrashNotice", "The program stopped unexpectedly last time. The diagnostic "
        "information is saved in %1")
    box.setText(text.replace("%1", str(crash_path)))
    box.setInformativeText(QCoreApplication.translate(
        "CrashNotice", "Every change accepted before then was saved. If it happens again, "
        "send this file to support."))
    open_button = box.addButton(QCoreApplication.translate("CrashNotice", "&Open folder"),
                                QMessageBox.ButtonRole.ActionRole)
    close_button = box.addButton(QCoreApplication.translate("CrashNotice", "Close"),
                                 QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close_button)
    open_button.clicked.connect(lambda: open_folder(Path(crash_path).parent))
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
