"""Unexpected errors in the window: one dialog (never a pile), the log's path, copy the
details, open the log folder; the window goes on working behind it."""

from __future__ import annotations

import sys
import tempfile
import threading

import pytest
from PySide6.QtCore import QCoreApplication, QThreadPool, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from haiyan_desktop import __version__, logs
from haiyan_desktop.gui import error_dialog
from haiyan_desktop.gui.error_dialog import (
    ErrorDialog,
    current_error_dialog,
    install_exception_hook,
    show_previous_crash_notice,
    uninstall_exception_hook,
)


class Window(QMainWindow):
    """A window with a button that fails and one that works."""

    def __init__(self):
        super().__init__()
        self.clicks = 0
        body = QWidget()
        layout = QVBoxLayout(body)
        self.fail_button = QPushButton("fail")
        self.work_button = QPushButton("work")
        layout.addWidget(self.fail_button)
        layout.addWidget(self.work_button)
        self.setCentralWidget(body)
        self.fail_button.clicked.connect(self.recalculate_the_scores)
        self.work_button.clicked.connect(self.count)

    def recalculate_the_scores(self):
        return {}["EDU01"]  # a programming error

    def count(self):
        self.clicks += 1


def export_the_report():
    with logs.log_job("export report", action="导出报告"):
        raise ZeroDivisionError("division by zero")


@pytest.fixture
def opened(qtbot, tmp_path, monkeypatch):
    """Every URL the program asked the system to open."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


@pytest.fixture
def window(qtbot, tmp_path, opened):
    """The window, the log started, the hook installed (inside pytest-qt's own capture,
    which the hook puts back on uninstall)."""
    session = logs.start_logging(tmp_path / "data", program="gui")
    win = Window()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    previous = sys.excepthook, threading.excepthook
    hook = install_exception_hook(lambda: win)
    win.session = session
    yield win
    uninstall_exception_hook()
    assert (sys.excepthook, threading.excepthook) == previous
    assert hook.dialog is None
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ErrorDialog):
            widget.close()
    logs.stop_logging()


def error_dialogs() -> list[ErrorDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, ErrorDialog) and w.isVisible()]


def wait_for_dialog(qtbot) -> ErrorDialog:
    qtbot.waitUntil(lambda: current_error_dialog() is not None)
    return current_error_dialog()


def test_an_exception_in_a_timer_shows_the_dialog_with_the_log_and_three_buttons(
        qtbot, window):
    QTimer.singleShot(0, window.recalculate_the_scores)
    dialog = wait_for_dialog(qtbot)
    assert dialog.parent() is window and not dialog.isModal()
    assert dialog.kind.text() == "Error type: KeyError"
    assert dialog.headline.text() == "Something went wrong unexpectedly."
    assert "every change you accepted was saved at once" in dialog.safe.text()
    assert str(window.session.log_file) in dialog.where.text()
    assert [b.text() for b in (dialog.copy_button, dialog.open_button, dialog.close_button)] \
        == ["&Copy details", "&Open log folder", "Close"]
    logged = window.session.log_file.read_text(encoding="utf-8")
    assert "unexpected error: KeyError" in logged and "in recalculate_the_scores" in logged


def test_copy_fills_the_clipboard_and_open_shows_the_log_folder(qtbot, window, opened):
    QGuiApplication.clipboard().clear()
    QTimer.singleShot(0, window.recalculate_the_scores)
    dialog = wait_for_dialog(qtbot)
    qtbot.mouseClick(dialog.copy_button, _left())
    copied = QGuiApplication.clipboard().text()
    assert f"haiyan-desktop {__version__}" in copied and "Qt " in copied
    assert "Traceback (most recent call last):" in copied
    assert "in recalculate_the_scores" in copied and "KeyError: '…'" in copied
    assert dialog.copied.isVisible()
    qtbot.mouseClick(dialog.open_button, _left())
    assert opened == [QUrl.fromLocalFile(str(window.session.log_file.parent))]
    qtbot.mouseClick(dialog.close_button, _left())
    qtbot.waitUntil(lambda: current_error_dialog() is None)


def test_a_button_click_that_fails_shows_one_dialog_and_the_window_still_works(
        qtbot, window):
    qtbot.mouseClick(window.fail_button, _left())
    dialog = wait_for_dialog(qtbot)
    QTimer.singleShot(0, window.recalculate_the_scores)  # again while it is open
    qtbot.mouseClick(window.fail_button, _left())  # and once more
    qtbot.waitUntil(lambda: dialog.count == 3)
    assert error_dialogs() == [dialog]
    assert dialog.again.isVisible() and "3" in dialog.again.text()
    assert window.session.log_file.read_text("utf-8").count("unexpected error: KeyError") == 3
    qtbot.mouseClick(window.work_button, _left())  # the window is not blocked by the dialog
    assert window.clicks == 1
    qtbot.mouseClick(dialog.close_button, _left())
    qtbot.waitUntil(lambda: not error_dialogs())
    qtbot.mouseClick(window.fail_button, _left())  # closed: the next error shows it anew
    assert wait_for_dialog(qtbot).count == 1


def test_the_dialog_names_the_action_of_the_failed_job(qtbot, window):
    QTimer.singleShot(0, export_the_report)
    dialog = wait_for_dialog(qtbot)
    assert dialog.headline.text() == "“导出报告” failed unexpectedly."
    assert dialog.kind.text() == "Error type: ZeroDivisionError"
    logged = window.session.log_file.read_text(encoding="utf-8")
    assert "job failed: export report: ZeroDivisionError" in logged


def test_an_exception_in_a_worker_thread_is_shown_on_the_gui_thread(qtbot, window):
    def work():
        raise RuntimeError("the worker failed")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    dialog = wait_for_dialog(qtbot)
    assert dialog.kind.text() == "Error type: RuntimeError"
    assert dialog.thread() is QApplication.instance().thread()


def test_an_exception_in_a_qrunnable_is_shown_too(qtbot, window):
    from PySide6.QtCore import QRunnable

    class Job(QRunnable):
        def run(self):
            raise OSError("the disk went away")

    QThreadPool.globalInstance().start(Job())
    dialog = wait_for_dialog(qtbot)
    assert dialog.kind.text() == "Error type: OSError"


def test_the_dialog_is_in_chinese_with_the_chinese_translator(qtbot, window, qapp):
    from haiyan_desktop.gui.app import install_translator

    install_translator(qapp, "zh")
    try:
        QTimer.singleShot(0, export_the_report)
        dialog = wait_for_dialog(qtbot)
        assert dialog.windowTitle() == "程序出现意外错误"
        assert dialog.headline.text() == "执行“导出报告”时出现意外错误。"
        assert dialog.where.text() == f"详细信息已记录在 {window.session.log_file}"
        assert "已保存的数据是安全的" in dialog.safe.text()
        assert [b.text() for b in (dialog.copy_button, dialog.open_button,
                                   dialog.close_button)] == [
            "复制详细信息(&C)", "打开日志文件夹(&O)", "关闭"]
    finally:
        install_translator(qapp, "en")


def test_keyboard_interrupt_goes_to_the_previous_hook(window):
    seen = []
    hook = error_dialog._installed
    previous, hook._previous_sys = hook._previous_sys, lambda *args: seen.append(args[0])
    try:
        sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    finally:
        hook._previous_sys = previous
    assert seen == [KeyboardInterrupt] and current_error_dialog() is None


def test_the_previous_crash_notice_names_the_file_and_opens_its_folder(
        qtbot, tmp_path, opened):
    crash = tmp_path / "logs" / "crash-20240101-120000-1.reported.txt"
    parent = QWidget()
    qtbot.addWidget(parent)
    box = show_previous_crash_notice(parent, crash)
    qtbot.waitUntil(box.isVisible)
    assert str(crash) in box.text()
    assert box.text().startswith("The program stopped unexpectedly last time")
    [open_button] = [b for b in box.buttons()
                     if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole]
    assert open_button.text() == "&Open folder"
    open_button.click()
    assert opened == [QUrl.fromLocalFile(str(crash.parent))]
    qtbot.waitUntil(lambda: not box.isVisible())


def test_the_crash_notice_in_chinese(qtbot, tmp_path, qapp, opened):
    from haiyan_desktop.gui.app import install_translator

    crash = tmp_path / "crash.reported.txt"
    install_translator(qapp, "zh")
    try:
        box = show_previous_crash_notice(None, crash)
        assert box.text() == f"上次程序异常退出，诊断信息已保存在 {crash}"
        box.close()
    finally:
        install_translator(qapp, "en")
    assert QCoreApplication.translate("CrashNotice", "Close") == "Close"


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_refusal_escaping_a_slot_is_said_with_its_own_sentence(qtbot, window, monkeypatch):
    """A HaiyanError (a drive pulled out while the window refreshed) is no bug: its sentence
    is shown as a warning, not the unexpected-error dialog."""
    from haiyan_desktop.errors import HaiyanError
    from haiyan_desktop.messages import msg

    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(a[2]))

    def refresh():
        raise HaiyanError(msg("cli.file_missing", path="E:/海盐"))

    QTimer.singleShot(0, refresh)
    qtbot.waitUntil(lambda: bool(said))
    assert "E:/海盐" in said[0]
    assert current_error_dialog() is None
