"""The entry grid's model: one row per leaf indicator of the selected domain.

A thin adapter over :class:`~haiyan_desktop.session.EntrySession`; edits are handed to the
undo stack as commands, so every change (and every undo) is committed and audited.

Each row's :class:`~haiyan_desktop.session.RowView` is copied into Qt's own items (text,
colours, alignment, tooltip, flags) when it changes, so painting the grid asks Python
nothing: a model answering ``data()`` in Python is called seven times per cell and paint,
which made a repaint of the grid three times slower than Qt alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel

from ..session import ERROR, MISSING, NOT_APPLICABLE, WARNING, EntrySession, RowView
from . import roles

CODE, NAME, VALUE, UNIT, LAST_YEAR, CHANGE, TARGET, ATTAINMENT, STATUS, COMMENT = range(10)
EDITABLE_COLUMNS = (VALUE, COMMENT)
NUMBER_COLUMNS = (VALUE, LAST_YEAR, CHANGE, TARGET, ATTAINMENT)
RED, AMBER, GREY = QColor("#c62828"), QColor("#b26a00"), QColor("#6b6b6b")
PALE_RED, PALE_AMBER, PALE_GREY = QColor("#fdecea"), QColor("#fff4e0"), QColor("#f2f2f2")
STATUS_MARK = {ERROR: "✗", WARNING: "!", MISSING: "…", NOT_APPLICABLE: "—", "ok": "✓"}
Index = QModelIndex | QPersistentModelIndex

# What the editor starts with (the typed text, not the formatted value the cell shows):
# Qt's items keep one value for the display and edit roles, so it has a role of its own.
EDIT_TEXT_ROLE = roles.EDIT_TEXT
_ROLES = (roles.TOOLTIP, roles.FOREGROUND, roles.BACKGROUND, roles.TEXT_ALIGNMENT,
          roles.ACCESSIBLE_TEXT, EDIT_TEXT_ROLE)


class EntryTableModel(QStandardItemModel):
    def __init__(self, session: EntrySession, edit: Callable[[str, int, str], None],
                 parent=None):
        super().__init__(0, COMMENT + 1, parent)
        self.session = session
        self._edit = edit  # (code, column, text): the window turns it into an undo command
        self.codes: list[str] = []
        self._rows: list[RowView] = []
        self._cells: list[list[tuple]] = []  # what each item holds now (see _cell)
        self.setHorizontalHeaderLabels(self.headers())

    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Indicator"), self.tr("Value"), self.tr("Unit"),
                self.tr("Last year"), self.tr("Change"), self.tr("Target"),
                self.tr("Attainment"), self.tr("Status"), self.tr("Comment")]

    # --- content --------------------------------------------------------------------------
    def show_domain(self, domain_code: str) -> None:
        self.setRowCount(0)  # the old rows go first: the view lets go of its current cell
        self.codes = [i.code for i in self.session.leaves(domain_code)]
        self._rows = [self.session.row(c) for c in self.codes]
        self._cells = [[self._cell(row, col) for col in range(COMMENT + 1)]
                       for row in self._rows]
        for cells in self._cells:
            self.appendRow([_item(cell) for cell in cells])

    def refresh(self) -> None:
        """Re-read every row after a change (values, calculations, rules can all move);
        only the cells that show something new are touched."""
        self._rows = [self.session.row(c) for c in self.codes]
        blocked = self.blockSignals(True)  # one signal for the lot, as a table model sends
        try:
            for r, row in enumerate(self._rows):
                for col in range(COMMENT + 1):
                    cell = self._cell(row, col)
                    if cell != self._cells[r][col]:
                        self._cells[r][col] = cell
                        _fill(self.item(r, col), cell)
        finally:
            self.blockSignals(blocked)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COMMENT))

    def row_view(self, row: int) -> RowView:
        return self._rows[row]

    def row_of(self, code: str) -> int:
        return self.codes.index(code)

    def _cell(self, row: RowView, col: int) -> tuple:
        """(text, editable, tooltip, foreground, background, alignment, accessible text,
        edit text) of one cell: everything the grid shows of it."""
        text = self._display(row, col)
        editable = ((col == VALUE and row.editable and not row.na)
                    or (col == COMMENT and self.session.editable))
        tooltip = None
        if col in (VALUE, STATUS) and row.messages:
            tooltip = "\n".join(row.messages)
        elif col == NAME:
            tooltip = row.definition
        elif col == UNIT:
            tooltip = row.unit
        foreground = background = None
        if col in (VALUE, STATUS):
            foreground = {ERROR: RED, WARNING: AMBER}.get(row.status)
        if foreground is None and row.calculated and col == VALUE:
            foreground = GREY
        if col == VALUE:
            if row.status == ERROR:
                background = PALE_RED
            elif row.status == WARNING:
                background = PALE_AMBER
            elif row.calculated or not row.editable:
                background = PALE_GREY
        if col == COMMENT and row.status == WARNING and not row.comment:
            background = PALE_AMBER  # the comment this warning needs goes here
        alignment = roles.ALIGN_NUMBER if col in NUMBER_COLUMNS else None
        edit = row.edit_text if col == VALUE else row.comment if col == COMMENT else None
        return (text, editable, tooltip, _name(foreground), _name(background), alignment,
                f"{row.name} {text}", edit)

    def _display(self, row: RowView, col: int) -> str:
        return {
            CODE: row.code, NAME: row.name, VALUE: row.value, UNIT: row.unit,
            LAST_YEAR: row.last_year, CHANGE: row.change, TARGET: row.target,
            ATTAINMENT: row.attainment, STATUS: STATUS_MARK.get(row.status, ""),
            COMMENT: row.comment,
        }[col]

    # --- Qt model API -----------------------------------------------------------------------
    def setData(self, index: Index, value, role: int = roles.EDIT) -> bool:
        """The grid's edits become undoable, audited commands (not item changes)."""
        if role != roles.EDIT or index.column() not in EDITABLE_COLUMNS:
            return False
        row = self._rows[index.row()]
        text = "" if value is None else str(value)
        current = row.edit_text if index.column() == VALUE else row.comment
        if text == current and not (index.column() == VALUE and row.code in
                                    self.session.pending):
            return False
        self._edit(row.code, index.column(), text)
        return True


_COLOURS = {c.name(): c for c in (RED, AMBER, GREY, PALE_RED, PALE_AMBER, PALE_GREY)}


def _name(colour: QColor | None) -> str | None:
    return None if colour is None else colour.name()  # comparable, unlike a QColor


def _item(cell: tuple) -> QStandardItem:
    item = QStandardItem()  # enabled and selectable; editable as the cell says
    item.setDragEnabled(False)
    item.setDropEnabled(False)
    _fill(item, cell, fresh=True)
    return item


def _fill(item: QStandardItem, cell: tuple, fresh: bool = False) -> None:
    """Put ``cell`` into ``item``; a fresh item holds nothing yet, so its empty roles are
    left alone (a third fewer calls into Qt when a domain's rows are made)."""
    text, editable, tooltip, foreground, background, alignment, accessible, edit = cell
    item.setData(text, roles.DISPLAY)
    item.setEditable(editable)
    # colours as QColor: the delegate paints them as brushes, and QBrush(QColor) would make
    # PySide6 build its Qt enums (see roles.py)
    values: tuple[Any, ...] = (
        tooltip, None if foreground is None else _COLOURS[foreground],
        None if background is None else _COLOURS[background], alignment, accessible, edit)
    for role, value in zip(_ROLES, values, strict=True):
        if value is not None or not fresh:
            item.setData(value, role)
