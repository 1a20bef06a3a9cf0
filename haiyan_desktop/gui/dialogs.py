"""The window's dialogs: first run, preferences, a value's history, import report, find.

The modal ones (first run, preferences) are deleted when ``exec()`` returns
(``WA_DeleteOnClose``: Qt deletes a dialog run by ``exec()`` right before it returns), so what
they answer is read while they are still open, in their accept handlers. The window they belong
to may be rebuilt straight afterwards; nothing here keeps a dialog alive past it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..catalogue import Catalogue
from ..messages import Bilingual
from ..store.workflow import CHECKED, DRAFT, LABELS, REOPENED, SIGNED
from .forms import load_form
from .settings import COUNTY, TOWNSHIP


@dataclass
class StartChoice:
    demo: bool
    unit: str = ""
    year: int = 0
    clerk: str = ""
    mode: str = TOWNSHIP  # TOWNSHIP: a unit's entry; COUNTY: the county's summary desk


def ask_start(catalogue: Catalogue, lang: str, clerk: str, parent: QWidget | None = None,
              years: list[int] | None = None, mode: str = TOWNSHIP) -> StartChoice | None:
    """The first-run dialog: the township's entry (unit, year and name — or the sample data)
    or the county's summary desk; ``mode`` is the desk chosen at first. ``years`` (default:
    the catalogue's) are the years offered.

    Starting with real data needs the clerk's name (it is recorded with every change and on
    the report): Start stays disabled, under a red hint, while the name is blank. The sample
    data and the county desk need no name (the county's window has its own year selector).
    The dialog is deleted when this returns.
    """
    dialog: QDialog = load_form("start_dialog.ui", parent)  # type: ignore[assignment]
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # deleted as exec() returns
    for unit in catalogue.units:
        dialog.unitCombo.addItem(unit.name.get(lang), unit.code)
    for year in sorted(years or catalogue.years, reverse=True):
        dialog.yearCombo.addItem(str(year), year)
    choice: list[StartChoice] = []
    demo: list[bool] = []

    def county() -> bool:
        return dialog.countyRadio.isChecked()

    def name_changed() -> None:
        named = bool(dialog.clerkEdit.text().strip())
        dialog.startButton.setEnabled(named or county())
        dialog.clerkHint.setVisible(not named and not county())

    def mode_changed() -> None:
        township = not county()
        for row in range(dialog.form.rowCount()):  # unit, year, name: the township's
            dialog.form.setRowVisible(row, township)
        for widget in (dialog.intro, dialog.demoButton):
            widget.setVisible(township)
        dialog.countyIntro.setVisible(not township)
        name_changed()
        dialog.adjustSize()

    def start() -> None:
        if county() or dialog.clerkEdit.text().strip():  # (disabled without; so is Enter)
            dialog.accept()

    def accepted() -> None:  # read while the dialog still lives: exec() deletes it
        name = dialog.clerkEdit.text().strip()
        if demo:
            choice.append(StartChoice(True))
        elif county():
            choice.append(StartChoice(False, mode=COUNTY))
        elif name:
            choice.append(StartChoice(False, dialog.unitCombo.currentData(),
                                      dialog.yearCombo.currentData(), name))

    dialog.clerkEdit.textChanged.connect(name_changed)
    dialog.clerkEdit.setText(clerk)
    dialog.countyRadio.setChecked(mode == COUNTY)
    dialog.townshipRadio.toggled.connect(mode_changed)
    mode_changed()
    dialog.demoButton.clicked.connect(lambda: (demo.append(True), dialog.accept()))
    dialog.startButton.clicked.connect(start)
    dialog.cancelButton.clicked.connect(dialog.reject)
    dialog.accepted.connect(accepted)
    result = dialog.exec()  # the dialog is deleted when this returns: not to be touched again
    return choice[0] if result == QDialog.DialogCode.Accepted and choice else None


@dataclass
class Preferences:
    clerk: str
    language: str
    font_size: int


def ask_preferences(current: Preferences, parent: QWidget | None = None,
                    name_required: bool = True) -> Preferences | None:
    """Name, language and text size; OK needs a name (unless ``name_required`` is False: the
    county desk records no edits). The dialog is deleted when this returns."""
    dialog: QDialog = load_form("preferences.ui", parent)  # type: ignore[assignment]
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # deleted as exec() returns
    dialog.languageCombo.addItem("简体中文", "zh")
    dialog.languageCombo.addItem("English", "en")
    dialog.languageCombo.setCurrentIndex(0 if current.language == "zh" else 1)
    dialog.fontSpin.setValue(current.font_size)
    ok = dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    chosen: list[Preferences] = []

    def name_changed() -> None:
        named = bool(dialog.clerkEdit.text().strip()) or not name_required
        ok.setEnabled(named)
        dialog.clerkHint.setVisible(not named)

    def accept() -> None:
        if dialog.clerkEdit.text().strip() or not name_required:  # (OK is disabled without)
            dialog.accept()

    def accepted() -> None:  # read while the dialog still lives: exec() deletes it
        name = dialog.clerkEdit.text().strip()
        if name or not name_required:
            chosen.append(Preferences(name, dialog.languageCombo.currentData(),
                                      dialog.fontSpin.value()))

    dialog.clerkEdit.textChanged.connect(name_changed)
    dialog.clerkEdit.setText(current.clerk)
    name_changed()
    dialog.buttonBox.accepted.connect(accept)
    dialog.buttonBox.rejected.connect(dialog.reject)
    dialog.accepted.connect(accepted)
    result = dialog.exec()  # the dialog is deleted when this returns: not to be touched again
    return chosen[0] if result == QDialog.DialogCode.Accepted and chosen else None


# --- a value's history --------------------------------------------------------------------------
class HistoryRow(NamedTuple):
    """One audit row as the clerk reads it."""

    time: str  # local time, yyyy-MM-dd HH:mm:ss
    actor: str
    action: str  # in words
    change: str  # "old → new" as typed (不适用 for not applicable, — for nothing)
    comment: str
    reason: str


HISTORY_ACTIONS = {  # the store's action codes (store/repository.py), and "edit" refined
    "create": Bilingual("新建填报", "Submission created"),
    "edit": Bilingual("修改数值", "Value changed"),
    "na": Bilingual("标记不适用", "Marked not applicable"),
    "comment": Bilingual("修改备注", "Comment changed"),
    "import": Bilingual("从 Excel 导入", "Imported from Excel"),
    "demo": Bilingual("载入示例数据", "Sample data loaded"),
    "state": Bilingual("状态变更", "State changed"),
}
STATE_ACTIONS = {  # a "state" row, by the state it moved to
    CHECKED: Bilingual("标记为已校验", "Marked as checked"),
    SIGNED: Bilingual("签名", "Signed"),
    REOPENED: Bilingual("重开", "Reopened"),
    DRAFT: Bilingual("退回草稿", "Back to draft"),
}
HISTORY_REASONS = {  # reasons the program itself records (the clerk's own are shown as typed)
    "undo": Bilingual("撤销", "Undo"),
    "redo": Bilingual("重做", "Redo"),
}
STALE_CHECK = Bilingual("数值已修改，需重新校验", "A value changed: check again")
REPORT = Bilingual("评估报告", "Report")
NOT_APPLICABLE = Bilingual("不适用", "Not applicable")
YES_NO = (Bilingual("否", "No"), Bilingual("是", "Yes"))
NOTHING = "—"


def history_rows(rows: list[dict[str, Any]], lang: str) -> list[HistoryRow]:
    """The audit rows of :meth:`Store.history` in words (plain Python: the table shows them).

    A row has ``at`` (UTC, ISO 8601), ``actor``, ``action`` (create, edit, import, demo,
    state), ``old_json`` / ``new_json`` (a value is ``{"raw", "value", "na", "comment"}``, a
    state is its name) and ``reason``.
    """
    return [_history_row(row, lang) for row in rows]


def _history_row(row: dict[str, Any], lang: str) -> HistoryRow:
    action = row.get("action") or ""
    old, new = _loads(row.get("old_json")), _loads(row.get("new_json"))
    reason = row.get("reason") or ""
    comment = ""
    if action == "state":
        words = STATE_ACTIONS.get(new) if isinstance(new, str) else None
        if new == DRAFT and reason == "edit":  # an edit made the check stale
            reason = STALE_CHECK.get(lang)
        elif new == SIGNED and reason:  # the signed report's fingerprint
            reason = f"{REPORT.get(lang)} SHA-256: {reason}"
        label = (words or HISTORY_ACTIONS["state"]).get(lang)
        change = f"{_state_text(old, lang)} → {_state_text(new, lang)}"
    else:
        if action == "edit":
            action = _edit_kind(old, new)
        label = (HISTORY_ACTIONS[action].get(lang) if action in HISTORY_ACTIONS
                 else action)
        change = f"{_value_text(old, lang)} → {_value_text(new, lang)}"
        if isinstance(new, dict):
            comment = str(new.get("comment") or "")
    if reason in HISTORY_REASONS:
        reason = HISTORY_REASONS[reason].get(lang)
    return HistoryRow(local_time(row.get("at") or ""), str(row.get("actor") or ""), label,
                      change, comment, reason)


def local_time(at: str) -> str:
    """An audit time (UTC, ``2024-03-01T08:30:00Z``) on this computer's clock."""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _loads(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _edit_kind(old: Any, new: Any) -> str:
    """What an "edit" row changed: the value, not-applicable, or only the comment."""
    if not isinstance(new, dict):
        return "edit"
    was_na = isinstance(old, dict) and bool(old.get("na"))
    if new.get("na") and not was_na:
        return "na"
    before = old if isinstance(old, dict) else {}
    if all((before.get(k) or None) == (new.get(k) or None) for k in ("raw", "value", "na")):
        return "comment"  # (also a first comment, e.g. on a calculated indicator)
    return "edit"


def _value_text(data: Any, lang: str) -> str:
    """A stored value as the clerk typed it."""
    if data is None:
        return NOTHING
    if not isinstance(data, dict):
        return str(data)
    if "raw" not in data and "unit" in data:  # a "create" row: the submission itself
        return f"{data.get('unit', '')} {data.get('year', '')}".strip()
    if data.get("na"):
        return NOT_APPLICABLE.get(lang)
    raw = data.get("raw")
    if raw is not None and str(raw).strip():
        return str(raw)
    value = data.get("value")  # (calculated indicators keep no typed text)
    if value is None:
        return NOTHING
    if isinstance(value, bool):
        return YES_NO[value].get(lang)
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def _state_text(state: Any, lang: str) -> str:
    if state is None:
        return NOTHING
    label = LABELS.get(state) if isinstance(state, str) else None
    return label.get(lang) if label else str(state)


def show_history(rows: list[dict], title: str, parent: QWidget | None = None,
                 lang: str | None = None) -> QDialog:
    """The audit rows of one value (modeless, deleted when closed): when (local time), who,
    what, old → new, the comment and why. ``lang`` defaults to the language of the installed
    translator."""
    if lang is None:
        lang = "en" if QCoreApplication.translate("Dialogs", "Time") == "Time" else "zh"
    dialog = QDialog(parent)
    dialog.setObjectName("HistoryDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(title)
    lines = history_rows(rows, lang)
    table = QTableWidget(len(lines), len(HistoryRow._fields), dialog)
    table.setObjectName("historyTable")
    table.setHorizontalHeaderLabels([
        QCoreApplication.translate("Dialogs", "Time"),
        QCoreApplication.translate("Dialogs", "Who"),
        QCoreApplication.translate("Dialogs", "Action"),
        QCoreApplication.translate("Dialogs", "Change"),
        QCoreApplication.translate("Dialogs", "Comment"),
        QCoreApplication.translate("Dialogs", "Reason"),
    ])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    for r, line in enumerate(lines):
        for c, text in enumerate(line):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if text:
                item.setToolTip(text)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    table.resizeColumnsToContents()
    em = table.fontMetrics().horizontalAdvance("中")
    comment = HistoryRow._fields.index("comment")  # wide enough to read, wrapped beyond that
    table.setColumnWidth(comment, max(16 * em, min(table.columnWidth(comment), 32 * em)))
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeRowsToContents()
    layout = QVBoxLayout(dialog)
    if not lines:
        layout.addWidget(QLabel(QCoreApplication.translate(
            "Dialogs", "Nothing has been recorded for this value yet."), dialog))
    layout.addWidget(table)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout.addWidget(buttons)
    dialog.resize(max(760, min(1100, sum(table.columnWidth(c) for c in range(
        table.columnCount())) + 60)), 400)
    table.scrollToBottom()  # the newest change
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
