"""The window's dialogs: first run, preferences, a value's history, import report, find."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QInputDialog,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..catalogue import Catalogue
from .forms import load_form


@dataclass
class StartChoice:
    demo: bool
    unit: str = ""
    year: int = 0
    clerk: str = ""


def ask_start(catalogue: Catalogue, lang: str, clerk: str, parent: QWidget | None = None
              ) -> StartChoice | None:
    """The first-run dialog: unit, year and name — or the sample data."""
    dialog: QDialog = load_form("start_dialog.ui", parent)  # type: ignore[assignment]
    for unit in catalogue.units:
        dialog.unitCombo.addItem(unit.name.get(lang), unit.code)
    for year in sorted(catalogue.years, reverse=True):
        dialog.yearCombo.addItem(str(year), year)
    dialog.clerkEdit.setText(clerk)
    choice: list[StartChoice] = []
    dialog.demoButton.clicked.connect(lambda: (choice.append(StartChoice(True)),
                                               dialog.accept()))

    def start() -> None:
        choice.append(StartChoice(False, dialog.unitCombo.currentData(),
                                  dialog.yearCombo.currentData(),
                                  dialog.clerkEdit.text().strip()))
        dialog.accept()

    dialog.startButton.clicked.connect(start)
    dialog.cancelButton.clicked.connect(dialog.reject)
    dialog.setObjectName("StartDialog")
    if dialog.exec() != QDialog.DialogCode.Accepted or not choice:
        return None
    return choice[0]


@dataclass
class Preferences:
    clerk: str
    language: str
    font_size: int


def ask_preferences(current: Preferences, parent: QWidget | None = None) -> Preferences | None:
    dialog: QDialog = load_form("preferences.ui", parent)  # type: ignore[assignment]
    dialog.clerkEdit.setText(current.clerk)
    dialog.languageCombo.addItem("简体中文", "zh")
    dialog.languageCombo.addItem("English", "en")
    dialog.languageCombo.setCurrentIndex(0 if current.language == "zh" else 1)
    dialog.fontSpin.setValue(current.font_size)
    dialog.buttonBox.accepted.connect(dialog.accept)
    dialog.buttonBox.rejected.connect(dialog.reject)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return Preferences(dialog.clerkEdit.text().strip(), dialog.languageCombo.currentData(),
                       dialog.fontSpin.value())


def show_history(rows: list[dict], title: str, parent: QWidget | None = None) -> QDialog:
    """The audit rows of one value: when, who, what, old → new, why."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    table = QTableWidget(len(rows), 5, dialog)
    table.setHorizontalHeaderLabels([
        QCoreApplication.translate("Dialogs", "Time"),
        QCoreApplication.translate("Dialogs", "Who"),
        QCoreApplication.translate("Dialogs", "Action"),
        QCoreApplication.translate("Dialogs", "Change"),
        QCoreApplication.translate("Dialogs", "Reason"),
    ])
    for r, row in enumerate(rows):
        change = f"{row['old_json'] or '—'} → {row['new_json'] or '—'}"
        for c, text in enumerate((row["at"], row["actor"], row["action"], change,
                                  row["reason"] or "")):
            table.setItem(r, c, QTableWidgetItem(text))
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnsToContents()
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    dialog.resize(760, 360)
    dialog.show()
    return dialog


def show_text(title: str, text: str, parent: QWidget | None = None) -> QDialog:
    """A plain report (import results, what blocks "checked") the clerk can read and copy."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    view = QPlainTextEdit(dialog)
    view.setReadOnly(True)
    view.setPlainText(text)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    dialog.resize(640, 360)
    dialog.show()
    return dialog


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label)
    return text.strip() if ok and text.strip() else None


def ask_indicator(parent: QWidget, choices: list[str]) -> str | None:
    """Find an indicator by code or name (Ctrl+F); returns the chosen "CODE name" line."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("Dialogs", "Find indicator"))
    dialog.setLabelText(QCoreApplication.translate("Dialogs", "Code or name:"))
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setComboBoxEditable(True)
    dialog.setComboBoxItems(choices)
    combo = dialog.findChild(QWidget, "")  # the dialog's own combo box gets a completer
    if combo is not None and hasattr(combo, "setCompleter"):
        completer = QCompleter(choices, dialog)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        combo.setCompleter(completer)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()
