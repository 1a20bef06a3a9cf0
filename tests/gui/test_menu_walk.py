"""Every menu action of the real window, found by walking its menus, and the window rebuilt by
switching unit, sample data and language: the program stays alive and shows the new submission.

Modal dialogs are answered as a clerk would (a timer finds the active one), so a dialog whose
owner is destroyed while it runs crashes this test instead of the clerk's program.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
)

CLERK = "Zhang Xiaoming"


class ModalAnswerer:
    """Answers the modal dialog on top, whatever opened it; ``start`` says what the first-run
    dialog answers: "demo", "county" (the county desk), a unit code, or None to cancel."""

    def __init__(self):
        self.start: str | None = None
        self.language = "zh"
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self.answer)
        self.timer.start(20)

    def answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or isinstance(dialog, QProgressDialog):
            return
        name = dialog.objectName() or type(dialog).__name__
        self.seen.append(name)
        if name == "StartDialog":
            if self.start == "county":
                dialog.countyRadio.click()
                dialog.startButton.click()
                return
            dialog.townshipRadio.click()
            if self.start == "demo":
                dialog.demoButton.click()
                return
            if self.start:
                dialog.unitCombo.setCurrentIndex(dialog.unitCombo.findData(self.start))
                dialog.clerkEdit.setText(CLERK)
                dialog.startButton.click()
                return
        elif name == "PreferencesDialog" or hasattr(dialog, "languageCombo"):
            dialog.clerkEdit.setText(CLERK)
            dialog.languageCombo.setCurrentIndex(dialog.languageCombo.findData(self.language))
            dialog.accept()
            return
        elif isinstance(dialog, QInputDialog):
            dialog.setTextValue("EDU02")
            dialog.accept()
            return
        dialog.reject()


def menu_actions(window) -> list:
    """Every action reachable from the menu bar (submenus included), in menu order."""
    found = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator():
                found.append(action)

    for action in window.ui.menuBar().actions():
        walk(action.menu())
    return found


def walk_menus(app, qtbot, run, leave_out: set[str]) -> None:
    """Every menu action of the window but those in ``leave_out``, each through ``run``;
    the window stays alive and shown; then the modeless dialogs it opened are closed."""
    for action in menu_actions(app.window):
        if action.objectName() not in leave_out:
            run(action)
            assert shiboken6.isValid(app.window.ui) and app.window.ui.isVisible()
    close_modeless(app)
    settle(qtbot)


def settle(qtbot) -> None:
    """Let background jobs finish and their results (and deferred deletions) arrive."""
    QThreadPool.globalInstance().waitForDone(30000)
    for _ in range(3):
        QApplication.processEvents()
    qtbot.waitUntil(lambda: not any(isinstance(w, QProgressDialog) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()), timeout=30000)


def close_modeless(app) -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible() and not widget.isModal():
            widget.close()


@pytest.fixture
def answered(monkeypatch, tmp_path):
    """Message boxes, file dialogs and text prompts answered; modal dialogs by the timer."""
    said: list[str] = []

    def message(*args, **kwargs):
        said.append(" ".join(a for a in args if isinstance(a, str)))
        return QMessageBox.StandardButton.Ok

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, message)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("测试原因", True))
    exported = tmp_path / "walk.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(exported) if exported.exists() else "", ""))
    reports = tmp_path / "reports"  # the county desk's: a folder, files
    reports.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(reports))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(p) for p in reports.glob("*.pdf")], ""))
    answerer = ModalAnswerer()
    answerer.said = said
    yield answerer
    answerer.timer.stop()


def test_every_menu_action_and_every_rebuild_keeps_the_program_alive(
        make_app, qapp, qtbot, answered, tmp_path):
    from haiyan_desktop.gui.app import App
    from haiyan_desktop.gui.settings import Settings

    app = make_app(unit="shendang")  # checked in the demo: signing is possible
    triggered: set[str] = set()
    every = {a.objectName() for a in menu_actions(app.window)}
    rebuilding = {"actionSwitch", "actionPreferences", "actionQuit"}

    def run(action) -> None:
        if action.isEnabled():
            triggered.add(action.objectName())
        action.trigger()
        settle(qtbot)

    def walk_once() -> None:
        walk_menus(app, qtbot, run, rebuilding)

    walk_once()
    # signed: reopening and the signed report's paths become reachable
    sub = app.window.session.submission
    if sub.state == "checked":
        app.store.mark_signed(sub, "ab" * 32, "report.pdf")
        app.window.session.reload()
        app.window.changed("", saved=False)
    walk_once()
    assert app.window.session.submission.state == "reopened"  # by 重开 in the walk
    run(app.window.ui.actionMarkChecked)  # (after 重开 in menu order: enabled only now)

    # the rebuilds, each leaving a modeless dialog open on the old window
    def rebuild(action_name: str, check) -> None:
        old = app.window.ui
        app.window.ui.actionReport.trigger()
        settle(qtbot)
        run(getattr(app.window.ui, action_name))
        qtbot.waitUntil(lambda: app.window is not None and app.window.ui is not old)
        settle(qtbot)
        assert not shiboken6.isValid(old), "the old window outlived its replacement"
        assert app.window.ui.isVisible()
        check(app.window.session)

    answered.start = "demo"
    rebuild("actionSwitch", lambda s: s.demo)
    answered.start = "wuyuan"
    rebuild("actionSwitch", lambda s: not s.demo and s.submission.unit.code == "wuyuan")
    answered.start = "baibu"
    rebuild("actionSwitch", lambda s: s.submission.unit.code == "baibu")
    answered.language = "en"
    rebuild("actionPreferences", lambda s: s.lang == "en")
    assert app.window.ui.menuFile.title() == "&File"
    answered.language = "zh"
    rebuild("actionPreferences", lambda s: s.lang == "zh")
    answered.start = "demo"
    rebuild("actionSwitch", lambda s: s.demo)
    walk_once()  # the rebuilt window's actions work too

    answered.start = None  # cancelled: the same window stays
    before = app.window.ui
    run(app.window.ui.actionSwitch)
    settle(qtbot)
    assert app.window.ui is before and before.isVisible()
    assert "StartDialog" in answered.seen and "PreferencesDialog" in answered.seen

    run(app.window.ui.actionQuit)
    qtbot.waitUntil(lambda: not app.window.ui.isVisible())
    missing = every - triggered
    assert not missing, f"menu actions never triggered while enabled: {sorted(missing)}"

    # the last unit is remembered for this data folder only
    app.close_store()
    other = App(qapp, tmp_path / "empty", Settings(str(tmp_path / "settings.ini")), "zh")
    answered.start = None
    assert other.start() is False  # nothing remembered there: the first-run dialog asked


def test_every_menu_action_of_the_county_window_and_its_rebuilds(
        qapp, qtbot, answered, tmp_path, data_dir, gui_font, signed_report):
    """The county desk's window: every menu action (here the imports of a folder and of a
    file are refused in one sentence: no county root is installed in the demo data folder),
    and the window rebuilt by language and by switching desk and back."""
    from haiyan_desktop.gui.app import App, install_translator
    from haiyan_desktop.gui.county_window import CountyWindow
    from haiyan_desktop.gui.main_window import MainWindow
    from haiyan_desktop.gui.settings import Settings

    install_translator(qapp, "zh")
    app = App(qapp, data_dir, Settings(str(tmp_path / "county.ini")), "zh")
    assert app.open_county()
    qtbot.waitUntil(lambda: app.window.loaded is not None, timeout=30000)
    (tmp_path / "reports" / "signed.pdf").write_bytes(signed_report.read_bytes())
    every = {a.objectName() for a in menu_actions(app.window)}
    rebuilding = {"actionSwitch", "actionPreferences", "actionQuit"}
    triggered: set[str] = set()

    def run(action) -> None:
        if action.isEnabled():
            triggered.add(action.objectName())
        action.trigger()
        settle(qtbot)
        if app.mode == "county":  # an import's result arrives after the worker is done
            qtbot.waitUntil(lambda: not app.window.importer.busy, timeout=120000)
            settle(qtbot)

    def walk_once() -> None:
        walk_menus(app, qtbot, run, rebuilding)

    walk_once()
    assert any("县级根证书" in text for text in answered.said)  # no root here: one sentence

    def rebuild(action_name: str, kind) -> None:
        old = app.window.ui
        app.window.ui.actionGuide.trigger()  # a modeless dialog left open on the old window
        run(getattr(app.window.ui, action_name))
        qtbot.waitUntil(lambda: app.window is not None and app.window.ui is not old,
                        timeout=30000)
        settle(qtbot)
        assert not shiboken6.isValid(old), "the old window outlived its replacement"
        assert isinstance(app.window, kind) and app.window.ui.isVisible()

    answered.language = "en"
    rebuild("actionPreferences", CountyWindow)
    assert app.window.ui.menuFile.title() == "&File" and app.lang == "en"
    answered.language = "zh"
    rebuild("actionPreferences", CountyWindow)
    assert app.window.ui.menuFile.title() == "文件(&F)"
    answered.start = "wuyuan"
    rebuild("actionSwitch", MainWindow)
    assert app.window.session.submission.unit.code == "wuyuan"
    answered.start = "county"
    rebuild("actionSwitch", CountyWindow)
    walk_once()  # the rebuilt window's actions work too

    run(app.window.ui.actionQuit)
    qtbot.waitUntil(lambda: not app.window.ui.isVisible())
    missing = every - triggered
    assert not missing, f"menu actions never triggered while enabled: {sorted(missing)}"
    app.close_store()
    install_translator(qapp, "en")
