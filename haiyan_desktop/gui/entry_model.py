"""The entry grid's model: one row per leaf indicator of the selected domain.

A thin adapter over :class:`~haiyan_desktop.session.EntrySession`; edits are handed to the
undo stack as commands, so every change (and every undo) is committed and audited.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..session import ERROR, MISSING, NOT_APPLICABLE, WARNING, EntrySession, RowView

CODE, NAME, VALUE, UNIT, LAST_YEAR, CHANGE, TARGET, ATTAINMENT, STATUS, COMMENT = range(10)
EDITABLE_COLUMNS = (VALUE, COMMENT)
RED, AMBER, GREY = QColor("#c62828"), QColor("#b26a00"), QColor("#6b6b6b")
PALE_RED, PALE_AMBER, PALE_GREY = QColor("#fdecea"), QColor("#fff4e0"), QColor("#f2f2f2")
STATUS_MARK = {ERROR: "✗", WARNING: "!", MISSING: "…", NOT_APPLICABLE: "—", "ok": "✓"}
Index = QModelIndex | QPersistentModelIndex


class EntryTableModel(QAbstractTableModel):
    def __init__(self, session: EntrySession, edit: Callable[[str, int, str], None],
                 parent=None):
        super().__init__(parent)
        self.session = session
        self._edit = edit  # (code, column, text): the window turns it into an undo command
        self.codes: list[str] = []
        self._rows: list[RowView] = []

    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Indicator"), self.tr("Value"), self.tr("Unit"),
                self.tr("Last year"), self.tr("Change"), self.tr("Target"),
                self.tr("Attainment"), self.tr("Status"), self.tr("Comment")]

    # --- content --------------------------------------------------------------------------
    def show_domain(self, domain_code: str) -> None:
        self.beginResetModel()
        self.codes = [i.code for i in self.session.leaves(domain_code)]
        self._rows = [self.session.row(c) for c in self.codes]
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read every row after a change (values, calculations, rules can all move)."""
        self._rows = [self.session.row(c) for c in self.codes]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COMMENT))

    def row_view(self, row: int) -> RowView:
        return self._rows[row]

    def row_of(self, code: str) -> int:
        return self.codes.index(code)

    # --- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COMMENT + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row = self._rows[index.row()]
        if index.column() == VALUE and row.editable and not row.na:
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == COMMENT and self.session.editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.EditRole:
            return row.edit_text if col == VALUE else row.comment if col == COMMENT else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col in (VALUE, STATUS) and row.messages:
                return "\n".join(row.messages)
            if col == NAME:
                return row.definition
            if col == UNIT:
                return row.unit
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col in (VALUE, STATUS):
                color = {ERROR: RED, WARNING: AMBER}.get(row.status)
                return QBrush(color) if color else None
            if row.calculated and col == VALUE:
                return QBrush(GREY)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if col == VALUE:
                if row.status == ERROR:
                    return QBrush(PALE_RED)
                if row.status == WARNING:
                    return QBrush(PALE_AMBER)
                if row.calculated or not row.editable:
                    return QBrush(PALE_GREY)
            if col == COMMENT and row.status == WARNING and not row.comment:
                return QBrush(PALE_AMBER)  # the comment this warning needs goes here
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (VALUE, LAST_YEAR, CHANGE,
                                                                 TARGET, ATTAINMENT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.name} {self._display(row, col)}"
        return None

    def _display(self, row: RowView, col: int) -> str:
        return {
            CODE: row.code, NAME: row.name, VALUE: row.value, UNIT: row.unit,
            LAST_YEAR: row.last_year, CHANGE: row.change, TARGET: row.target,
            ATTAINMENT: row.attainment, STATUS: STATUS_MARK.get(row.status, ""),
            COMMENT: row.comment,
        }[col]

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE_COLUMNS:
            return False
        row = self._rows[index.row()]
        text = "" if value is None else str(value)
        current = row.edit_text if index.column() == VALUE else row.comment
        if text == current and not (index.column() == VALUE and row.code in
                                    self.session.pending):
            return False
        self._edit(row.code, index.column(), text)
        return True
