"""GUI fixtures: a copy of the demo data per test, the real application opened on it."""

from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def data_dir(tmp_path, demo_dir):
    """A private copy of the session's demo data: GUI tests write to it."""
    folder = tmp_path / "data"
    shutil.copytree(demo_dir, folder, ignore=shutil.ignore_patterns("*.lock"))
    return folder


@pytest.fixture(scope="session")
def gui_font(qapp):
    from PySide6.QtGui import QFont

    from haiyan_desktop.gui.app import register_fonts

    family = register_fonts()
    qapp.setFont(QFont(family, 10))
    return family


@pytest.fixture
def make_app(qapp, qtbot, tmp_path, data_dir, gui_font):
    """Open the real app on the demo data (unit, year, language); closed after the test."""
    from haiyan_desktop.gui.app import App, install_translator
    from haiyan_desktop.gui.settings import Settings

    opened = []

    def make(unit="baibu", year=2019, lang="zh", demo=True):
        install_translator(qapp, lang)
        app = App(qapp, data_dir, Settings(str(tmp_path / "settings.ini")), lang)
        assert app.open(demo, unit, year)
        qtbot.waitExposed(app.window.ui)
        app.window.ui.activateWindow()
        qtbot.waitUntil(lambda: qapp.activeWindow() is app.window.ui)
        opened.append(app)
        return app

    yield make
    for app in opened:
        app.close_store()
    install_translator(qapp, "en")


@pytest.fixture(autouse=True)
def no_unexpected_modal_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the run: fail the test with its text instead.
    Tests that expect a dialog patch it themselves (their patch wins: it comes later)."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

    def refuse(name):
        def dialog(*args, **kwargs):
            texts = [a for a in args if isinstance(a, str)]
            raise AssertionError(f"unexpected modal {name}: {texts}")
        return dialog

    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse(f"QMessageBox.{name}"))
    monkeypatch.setattr(QInputDialog, "getText", refuse("QInputDialog.getText"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", refuse("QFileDialog.getOpenFileName"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", refuse("QFileDialog.getSaveFileName"))
