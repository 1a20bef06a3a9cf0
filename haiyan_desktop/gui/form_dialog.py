"""The base of the modeless dialogs loaded from forms/ (signing, verifying, the report)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget

from .forms import load_form


class FormDialog(QObject):
    """The controller of a modeless dialog loaded from forms/: ``self.ui`` is the dialog.

    The controller is the dialog's child, so both go when the user closes it.
    """

    def __init__(self, form: str, parent: QWidget | None = None):
        ui: QDialog = load_form(form, parent)  # type: ignore[assignment]
        super().__init__(ui)
        self.ui = ui
        self.ui.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def show(self) -> None:
        self.ui.show()
