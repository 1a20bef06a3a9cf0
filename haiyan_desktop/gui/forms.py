"""Load the Qt Designer forms of forms/ at run time (the entry grid is built in code)."""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from ..paths import resources_dir


def forms_dir():
    return resources_dir().parent / "forms"


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    path = forms_dir() / name
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(str(path))
    try:
        widget = QUiLoader().load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"cannot load {path}")
    return widget
