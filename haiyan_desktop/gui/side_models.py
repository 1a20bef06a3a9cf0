"""Small models beside the grid: the domain tree (with progress) and the problems list."""

from __future__ import annotations

from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel

from ..session import EntrySession
from . import roles

CODE_ROLE = roles.CODE
COLUMN_ROLE = roles.FIX_COLUMN


class DomainModel(QStandardItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)

    def fill(self, session: EntrySession) -> None:
        self.clear()
        for domain in session.domains():
            item = QStandardItem()
            item.setEditable(False)
            item.setData(domain.code, CODE_ROLE)
            self.appendRow(item)
        self.update(session)

    def update(self, session: EntrySession) -> None:
        for row in range(self.rowCount()):
            item = self.item(row)
            code = item.data(CODE_ROLE)
            domain = next(d for d in session.domains() if d.code == code)
            p = session.progress(code)
            badges = ""
            if p.errors:
                badges += f"  ✗{p.errors}"
            if p.warnings:
                badges += f"  !{p.warnings}"
            item.setText(f"{domain.name.get(session.lang)}  {p.filled}/{p.total}{badges}")
            item.setToolTip(f"{domain.name.get(session.lang)}\n"
                            + self.tr("%n value(s) entered", "", p.filled) + f" / {p.total}")
            color = "#c62828" if p.errors else "#b26a00" if p.warnings else None
            item.setData(QColor(color or "black"), roles.FOREGROUND)  # (see entry_model._fill)

    def row_of(self, code: str) -> int:
        return next(r for r in range(self.rowCount()) if self.item(r).data(CODE_ROLE) == code)


MARKS = {"error": "✗", "warning": "!", "missing": "○"}
COLOURS = {"error": "#c62828", "warning": "#b26a00", "missing": "#546e7a"}


class BlockersModel(QStandardItemModel):
    """What still stops "checked" (session.blockers): one line per value to fix."""

    def fill(self, session: EntrySession) -> None:
        blockers = session.blockers()
        lines = [(f"{MARKS[b.severity]} {b.code} {b.name} — {b.reason}", b)
                 for b in blockers]
        if [self.item(r).text() for r in range(self.rowCount())] == [t for t, _ in lines]:
            return  # unchanged: the list keeps its selection and scroll position
        self.clear()
        for text, blocker in lines:
            item = QStandardItem(text)
            item.setEditable(False)
            item.setToolTip(text)
            item.setData(blocker.code, CODE_ROLE)
            item.setData(blocker.column, COLUMN_ROLE)
            item.setData(QColor(COLOURS[blocker.severity]), roles.FOREGROUND)
            self.appendRow(item)
