"""The entry grid's model: one row per leaf indicator of the selected domain.

A thin :class:`QAbstractTableModel` over :class:`~haiyan_desktop.session.EntrySession`: it
keeps the domain's codes and the session's :class:`~haiyan_desktop.session.RowView` of each,
read once per refresh, and answers ``data()`` from them (the text, colours, tooltip and
alignment of a cell are worked out when Qt asks). :meth:`EntryTableModel.refresh` reads the
rows again after a change and sends one ``dataChanged`` over the rows that differ; a new
domain is a model reset. Edits are handed to the undo stack as commands, so every change
(and every undo) is committed and audited.

Painting asks Python for seven roles and twice the flags of every visible cell: a full
repaint of the grid takes two to three times as long as from Qt's own items (a few ms,
benchmarks/gui.py), so ``data()`` only looks the role up and reads the row. Typing repaints
just the editor.

A Python ``flags()`` makes PySide6 build its ``Qt`` namespace (roles.py) the first time the
grid asks for it, before the window's first paint: its return value must be a
``Qt.ItemFlag``, and even checking a wrong one builds it. No public API gives a per-cell
editable flag from C++ without keeping a copy of every cell, so the start pays for it
(tests/gui/test_roles.py).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

from PySide6 import QtCore
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor

from ..session import ERROR, MISSING, NOT_APPLICABLE, WARNING, EntrySession, RowView
from . import roles

CODE, NAME, VALUE, UNIT, LAST_YEAR, CHANGE, TARGET, ATTAINMENT, STATUS, COMMENT = range(10)
COLUMNS = COMMENT + 1
EDITABLE_COLUMNS = (VALUE, COMMENT)
NUMBER_COLUMNS = (VALUE, LAST_YEAR, CHANGE, TARGET, ATTAINMENT)
# colours as QColor: the delegate makes the brushes
RED, AMBER, GREY = QColor("#c62828"), QColor("#b26a00"), QColor("#6b6b6b")
PALE_RED, PALE_AMBER, PALE_GREY = QColor("#fdecea"), QColor("#fff4e0"), QColor("#f2f2f2")
STATUS_MARK = {ERROR: "✗", WARNING: "!", MISSING: "…", NOT_APPLICABLE: "—", "ok": "✓"}
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

# What the editor starts with (the typed text, not the formatted value the cell shows).
EDIT_TEXT_ROLE = roles.EDIT_TEXT


def _display(row: RowView, col: int) -> str:
    """The text a cell shows."""
    return _TEXT[col](row)


_TEXT: tuple[Callable[[RowView], str], ...] = (
    attrgetter("code"), attrgetter("name"), attrgetter("value"), attrgetter("unit"),
    attrgetter("last_year"), attrgetter("change"), attrgetter("target"),
    attrgetter("attainment"), lambda row: STATUS_MARK.get(row.status, ""),
    attrgetter("comment"))


def _edit_text(row: RowView, col: int) -> str | None:
    return row.edit_text if col == VALUE else row.comment if col == COMMENT else None


def _tooltip(row: RowView, col: int) -> str | None:
    if col in (VALUE, STATUS):
        return "\n".join(row.messages) or None
    return row.definition if col == NAME else row.unit if col == UNIT else None


def _foreground(row: RowView, col: int) -> QColor | None:
    if col not in (VALUE, STATUS):
        return None
    colour = RED if row.status == ERROR else AMBER if row.status == WARNING else None
    if colour is None and row.calculated and col == VALUE:
        return GREY
    return colour


def _background(row: RowView, col: int) -> QColor | None:
    if col == VALUE:
        if row.status == ERROR:
            return PALE_RED
        if row.status == WARNING:
            return PALE_AMBER
        return PALE_GREY if row.calculated or not row.editable else None
    if col == COMMENT and row.status == WARNING and not row.comment:
        return PALE_AMBER  # the comment this warning needs goes here
    return None


def _alignment(_row: RowView, col: int) -> int | None:
    return roles.ALIGN_NUMBER if col in NUMBER_COLUMNS else None


def _accessible(row: RowView, col: int) -> str:
    return f"{row.name} {_display(row, col)}"


# role -> what a cell answers for it; every other role (font, decoration...) has nothing
_ANSWERS: dict[int, Callable[[RowView, int], object]] = {
    roles.DISPLAY: _display, roles.EDIT: _edit_text, EDIT_TEXT_ROLE: _edit_text,
    roles.TOOLTIP: _tooltip, roles.FOREGROUND: _foreground, roles.BACKGROUND: _background,
    roles.TEXT_ALIGNMENT: _alignment, roles.ACCESSIBLE_TEXT: _accessible,
}


class EntryTableModel(QAbstractTableModel):
    def __init__(self, session: EntrySession, edit: Callable[[str, int, str], None],
                 parent=None):
        super().__init__(parent)
        self.session = session
        self._edit = edit  # (code, column, text): the window turns it into an undo command
        self.codes: list[str] = []
        self._rows: list[RowView] = []
        self._headers = self.headers()
        self._flags: tuple | None = None  # (read-only, editable), made at the first flags()

    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Indicator"), self.tr("Value"), self.tr("Unit"),
                self.tr("Last year"), self.tr("Change"), self.tr("Target"),
                self.tr("Attainment"), self.tr("Status"), self.tr("Comment")]

    # --- content --------------------------------------------------------------------------
    def show_domain(self, domain_code: str) -> None:
        self.beginResetModel()  # the view lets go of its current cell and selection
        self.codes = [i.code for i in self.session.leaves(domain_code)]
        self._rows = [self.session.row(c) for c in self.codes]
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read every row after a change (values, calculations, rules can all move) and
        tell the view about the span of rows that show something new."""
        rows = [self.session.row(c) for c in self.codes]
        changed = [r for r, (old, new) in enumerate(zip(self._rows, rows, strict=True))
                   if old != new]
        self._rows = rows
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], COMMENT))

    def row_view(self, row: int) -> RowView:
        return self._rows[row]

    def row_of(self, code: str) -> int:
        return self.codes.index(code)

    def editable(self, row: int, column: int) -> bool:
        """Whether the clerk can type into this cell now (also for the view's moves)."""
        if column == VALUE:
            view = self._rows[row]
            return view.editable and not view.na
        return column == COMMENT and self.session.editable

    # --- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: Index, role: int = roles.DISPLAY):
        answer = _ANSWERS.get(role)
        if answer is None or not index.isValid():
            return None
        return answer(self._rows[index.row()], index.column())

    def headerData(self, section: int, orientation, role: int = roles.DISPLAY):
        if role != roles.DISPLAY:
            return None
        if orientation == QtCore.Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < COLUMNS else None
        return section + 1  # as Qt's own models number rows

    def flags(self, index: Index):
        if not index.isValid():
            return QAbstractTableModel.flags(self, index)
        if self._flags is None:
            # the base class's flags of a valid cell (enabled, selectable, no children)
            base = QAbstractTableModel.flags(self, index)
            self._flags = (base, base | QtCore.Qt.ItemFlag.ItemIsEditable)
        return self._flags[self.editable(index.row(), index.column())]

    def setData(self, index: Index, value, role: int = roles.EDIT) -> bool:
        """The grid's edits become undoable, audited commands; the window's refresh then
        sends ``dataChanged``."""
        if (role != roles.EDIT or not index.isValid()
                or not self.editable(index.row(), index.column())):
            return False
        row = self._rows[index.row()]
        text = "" if value is None else str(value)
        current = row.edit_text if index.column() == VALUE else row.comment
        if text == current and not (index.column() == VALUE and row.code in
                                    self.session.pending):
            return False
        self._edit(row.code, index.column(), text)
        return True
