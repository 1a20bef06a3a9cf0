"""The entry grid's view: spreadsheet keys, per-type editors, live checks while typing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtWidgets  # QtWidgets.QComboBox...: built when first edited
from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from . import roles
from .entry_model import (
    ATTAINMENT,
    CHANGE,
    CODE,
    COMMENT,
    EDIT_TEXT_ROLE,
    LAST_YEAR,
    NAME,
    STATUS,
    TARGET,
    UNIT,
    VALUE,
    EntryTableModel,
)

COLUMN_EMS = {CODE: 5.4, VALUE: 6, UNIT: 5, LAST_YEAR: 5, CHANGE: 4, TARGET: 5,
              ATTAINMENT: 5.4, STATUS: 3}  # widths before the first fit to the content
FITTED_COLUMNS = (CODE, VALUE, UNIT, LAST_YEAR, CHANGE, TARGET, ATTAINMENT, STATUS)
STRETCHED_COLUMNS = (NAME, COMMENT)  # share what the fitted columns leave


class ValueDelegate(QStyledItemDelegate):
    """Drop-downs for yes/no and choices; a line edit checked on every keystroke."""

    def __init__(self, view: EntryView):
        super().__init__(view)
        self.view = view

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        model: EntryTableModel = index.model()
        row = model.row_view(index.row())
        if index.column() == VALUE and row.choices:
            combo = QtWidgets.QComboBox(parent)
            combo.setEditable(True)
            combo.addItems(row.choices)
            return combo
        editor = super().createEditor(parent, option, index)
        if index.column() == VALUE and isinstance(editor, QtWidgets.QLineEdit):
            editor.textEdited.connect(lambda text, code=row.code, e=editor:
                                      self.view.live_check(code, text, e))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        text = index.data(EDIT_TEXT_ROLE) or ""  # the typed text, not the formatted value
        if isinstance(editor, QtWidgets.QComboBox):
            editor.setCurrentText(text)
        elif isinstance(editor, QtWidgets.QLineEdit):
            editor.setText(text)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QtWidgets.QComboBox):
            model.setData(index, editor.currentText(), roles.EDIT)
            return
        super().setModelData(editor, model, index)


class EntryView(QTableView):
    """Enter and Tab go to the next value (read-only cells skipped), Shift+Tab back;
    typing starts editing (also Chinese through the input method), F2 edits, Esc cancels;
    Ctrl+V pastes a column copied from Excel into consecutive values."""

    sig_current_changed = Signal(str)  # code of the indicator under the cursor
    sig_live_problem = Signal(str)  # message while typing ("" when fine)
    sig_past_end = Signal()  # Enter on the last value: the window goes on to the next domain
    sig_read_only = Signal(str)  # typing on a value that cannot change (code): say why

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.paste_values: Callable[[list[str], list[str]], None] | None = None
        self.validate: Callable[[str, str], list[str]] | None = None
        self.setItemDelegate(ValueDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.setTabKeyNavigation(True)

    def setModel(self, model: EntryTableModel) -> None:
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in STRETCHED_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        # Narrow number columns so the name gets the room at 1366×768, with no side scrolling.
        em = self.fontMetrics().horizontalAdvance("国")
        for column, ems in COLUMN_EMS.items():
            self.setColumnWidth(column, round(ems * em))
        self.selectionModel().currentChanged.connect(self._current_changed)

    def model(self) -> EntryTableModel:  # narrower type for the callers
        return super().model()  # type: ignore[return-value]

    def fit_columns(self) -> None:
        """Number and code columns as wide as their widest text (header included), so that
        nothing is cut in either language or at any text size; the name and the comment
        share the rest, elided only when the window truly is too narrow."""
        for column in FITTED_COLUMNS:
            self.resizeColumnToContents(column)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.sig_current_changed.emit(self.model().codes[current.row()])

    # --- moving -----------------------------------------------------------------------------
    def _editable(self, row: int, column: int) -> bool:
        return self.model().editable(row, column)  # asked in Python: no Qt.ItemFlag made

    def next_value(self, row: int, step: int) -> QModelIndex:
        """The next (step=1) or previous (step=-1) editable value cell, or an invalid index."""
        row += step
        while 0 <= row < self.model().rowCount():
            if not self.isRowHidden(row) and self._editable(row, VALUE):
                return self.model().index(row, VALUE)
            row += step
        return QModelIndex()

    def go_to_value(self, step: int) -> None:
        current = self.currentIndex()
        target = self.next_value(current.row() if current.isValid() else -1, step)
        if target.isValid():
            self.setCurrentIndex(target)
        elif step > 0:
            self.sig_past_end.emit()

    def moveCursor(self, action, modifiers):
        if action == QAbstractItemView.CursorAction.MoveNext:
            target = self.next_value(self.currentIndex().row(), 1)
            return target if target.isValid() else self.currentIndex()
        if action == QAbstractItemView.CursorAction.MovePrevious:
            target = self.next_value(self.currentIndex().row(), -1)
            return target if target.isValid() else self.currentIndex()
        return super().moveCursor(action, modifiers)

    def closeEditor(self, editor: QWidget,
                    hint: QAbstractItemDelegate.EndEditHint) -> None:
        column = self.currentIndex().column()
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.sig_live_problem.emit("")
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:
            return  # Esc
        if column == VALUE and hint in (QAbstractItemDelegate.EndEditHint.EditNextItem,
                                        QAbstractItemDelegate.EndEditHint.SubmitModelCache):
            self.go_to_value(1)
        elif column == VALUE and hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem:
            self.go_to_value(-1)

    def keyPressEvent(self, event) -> None:
        key, Qt = event.key(), QtCore.Qt  # (Qt through its module: see roles.py)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != \
                QAbstractItemView.State.EditingState:
            self.go_to_value(1)
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self._paste()
            return
        if event.text().strip() and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            self._typed_on_read_only()
        super().keyPressEvent(event)

    def _typed_on_read_only(self) -> None:
        index = self.currentIndex()
        if (self.state() != QAbstractItemView.State.EditingState and index.isValid()
                and index.column() in (VALUE, COMMENT)
                and not self._editable(index.row(), index.column())):
            self.sig_read_only.emit(self.model().codes[index.row()])

    def inputMethodEvent(self, event) -> None:
        """Chinese typed into a cell that is not being edited opens the editor with it —
        Qt alone would open an empty editor and drop the first phrase."""
        if self.state() != QAbstractItemView.State.EditingState and event.commitString():
            self._typed_on_read_only()
            index = self.currentIndex()
            if index.isValid() and self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed,
                                             event):
                editor = self.indexWidget(index) or QApplication.focusWidget()
                if isinstance(editor, QtWidgets.QLineEdit):
                    editor.insert(event.commitString())
                elif isinstance(editor, QtWidgets.QComboBox) and editor.lineEdit() is not None:
                    editor.lineEdit().insert(event.commitString())
                event.accept()
                return
        super().inputMethodEvent(event)

    # --- typing and pasting ---------------------------------------------------------------------
    def live_check(self, code: str, text: str, editor: QtWidgets.QLineEdit) -> None:
        problems = self.validate(code, text) if self.validate else []
        message = "\n".join(problems)
        sheet = "border: 2px solid #c62828;" if problems else ""
        if editor.styleSheet() != sheet:  # a new style sheet re-polishes the editor: on change
            editor.setStyleSheet(sheet)
        if editor.toolTip() != message:
            editor.setToolTip(message)
        self.sig_live_problem.emit(message)

    def _paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        lines = [line.split("\t")[0].strip() for line in text.replace("\r\n", "\n").split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        if not lines or self.paste_values is None:
            return
        codes, index = [], self.currentIndex()
        if not index.isValid() or index.column() != VALUE or not self._editable(index.row(),
                                                                                 VALUE):
            index = self.next_value(index.row() if index.isValid() else -1, 1)
        while index.isValid() and len(codes) < len(lines):
            codes.append(self.model().codes[index.row()])
            index = self.next_value(index.row(), 1)
        self.paste_values(codes, lines[: len(codes)])
