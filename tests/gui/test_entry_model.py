"""The grid's items hold exactly what the session's rows say, and stay in step with them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from haiyan_desktop.gui.entry_model import (
    CODE,
    COMMENT,
    EDIT_TEXT_ROLE,
    NAME,
    PALE_RED,
    STATUS,
    STATUS_MARK,
    UNIT,
    VALUE,
)
from haiyan_desktop.validation import Entry

ROLE = Qt.ItemDataRole


def cells_match_rows(window) -> None:
    model, session = window.model, window.session
    assert model.rowCount() == len(model.codes)
    for r, code in enumerate(model.codes):
        row = session.row(code)

        def data(col, role=ROLE.DisplayRole, r=r):
            return model.data(model.index(r, col), role)

        assert (data(NAME), data(VALUE), data(UNIT), data(COMMENT)) == (
            row.name, row.value, row.unit, row.comment)
        assert data(STATUS) == STATUS_MARK.get(row.status, "")
        assert data(VALUE, EDIT_TEXT_ROLE) == row.edit_text
        assert data(NAME, ROLE.ToolTipRole) == row.definition
        assert data(VALUE, ROLE.ToolTipRole) == ("\n".join(row.messages) or None)
        editable = bool(model.flags(model.index(r, VALUE)) & Qt.ItemFlag.ItemIsEditable)
        assert editable == (row.editable and not row.na)


def test_every_domain_shows_the_sessions_rows(make_app):
    window = make_app().window
    for row in range(window.domains.rowCount()):
        window.ui.domainTree.setCurrentIndex(window.domains.index(row, 0))
        cells_match_rows(window)


def test_a_change_reaches_the_cells_and_the_editor_starts_with_the_typed_text(make_app, qtbot):
    window = make_app().window
    session = window.session
    code = next(i.code for i in session.catalogue.leaves(session.kind)
                if i.type == "percent" and not i.is_calculated)
    window.go_to(code)
    window.apply(code, session.entry(code), Entry("95", session.entry(code).comment),
                 "edit")
    cells_match_rows(window)
    row = window.model.row_of(code)
    assert window.model.data(window.model.index(row, VALUE)) == "95.00"  # shown formatted
    window.view.edit(window.model.index(row, VALUE))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "95"  # edited as typed
    window.view.closeEditor(editor, window.view.itemDelegate().EndEditHint.RevertModelCache)
    window.apply(code, session.entry(code), Entry("abc", session.entry(code).comment), "edit")
    cells_match_rows(window)  # the pending error shows, in red, with its message
    assert window.model.data(window.model.index(row, VALUE)) == "abc"


def test_error_and_warning_colours_are_painted(make_app, qtbot):
    """The cells' colours (held as QColor, see entry_model._fill) reach the screen."""
    window = make_app().window
    session, model, view = window.session, window.model, window.view
    code = next(i.code for i in session.catalogue.leaves(session.kind)
                if i.type == "percent" and not i.is_calculated)
    window.go_to(code)
    window.apply(code, session.entry(code), Entry("abc", session.entry(code).comment), "edit")
    row = model.row_of(code)
    index = model.index(row, VALUE)
    assert model.data(index, ROLE.BackgroundRole).name() == PALE_RED.name()
    view.selectionModel().clear()  # the current cell would be painted in the highlight
    view.setCurrentIndex(model.index(row, CODE))
    view.selectionModel().clear()
    qtbot.wait(10)
    image = view.viewport().grab().toImage()
    rect = view.visualRect(index)
    colours = {image.pixelColor(x, y).name()
               for x in range(rect.left() + 1, rect.right() - 1)
               for y in range(rect.top() + 1, rect.bottom() - 1)}
    assert PALE_RED.name() in colours  # the cell's background
    assert any(_reddish(name) for name in colours - {PALE_RED.name()}), colours  # its text


def _reddish(name: str) -> bool:
    r, g, b = (int(name[i:i + 2], 16) for i in (1, 3, 5))
    return r > 150 and g < 120 and b < 120
