"""Load the Qt Designer forms of forms/ at run time (the entry grid is built in code).

The forms use Qt's standard widgets only, so the loader is made without Qt Designer's widget
plugins: creating a QUiLoader otherwise loads every plugin in plugins/designer — PySide6 ships
QWebEngineView's and QQuickWidget's, which pull in QtWebEngine and QtQuick: tens of milliseconds
at each start for widgets no form uses.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from ..paths import resources_dir


def forms_dir():
    return resources_dir().parent / "forms"


@cache
def _loader() -> QUiLoader:
    """One loader for the process, made while Qt's plugin folders are hidden from it."""
    library_paths = QCoreApplication.libraryPaths()
    QCoreApplication.setLibraryPaths([])  # the loader scans <each>/designer when it is made
    try:
        loader = QUiLoader()
    finally:
        QCoreApplication.setLibraryPaths(library_paths)
    loader.clearPluginPaths()  # and never looks there again
    return loader


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    path = forms_dir() / name
    if not path.is_file():
        raise FileNotFoundError(str(path))
    widget = _loader().load(str(path), parent)  # (by path: no QFile wrapper to build)
    if widget is None:
        raise RuntimeError(f"cannot load {path}: {_loader().errorString()}")
    return widget
