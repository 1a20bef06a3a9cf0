"""The grid's items hold exactly what the session's rows say, and stay in step with them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from haiyan_desktop.gui.entry_model import (
    COMMENT,
    EDIT_TEXT_ROLE,
    NAME,
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
