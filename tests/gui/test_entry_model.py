"""The grid's model answers from the session's rows, per role and per cell, and stays in step
with them: a domain is a reset, a change one dataChanged over the rows it moved, an edit an
undoable command."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLineEdit

from haiyan_desktop.gui.entry_model import (
    AMBER,
    CODE,
    COLUMNS,
    COMMENT,
    EDIT_TEXT_ROLE,
    GREY,
    NAME,
    PALE_AMBER,
    PALE_GREY,
    PALE_RED,
    RED,
    STATUS,
    STATUS_MARK,
    TARGET,
    UNIT,
    VALUE,
    EntryTableModel,
)
from haiyan_desktop.session import EntrySession
from haiyan_desktop.store import Store
from haiyan_desktop.validation import Entry

ROLE = Qt.ItemDataRole
NUMBER = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value


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
    """The cells' colours (QColor, see entry_model) reach the screen."""
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


# --- the model alone, over a session of the demo data ---------------------------------------
# The indicators are picked by what they are, not by code: the catalogue changes every year.
@pytest.fixture
def store(qapp, data_dir):
    with Store(data_dir, demo=True) as store:
        yield store


def grid(store, unit="baibu", domain=None):
    """A model over a fresh session, edits applied as the window applies them (no undo)."""
    session = EntrySession(store, store.submission(unit, 2019))

    def edit(code, column, text):
        old = session.entry(code)
        session.apply(code, Entry(old.raw, text, old.na) if column == COMMENT
                      else Entry(text, old.comment, False))
        model.refresh()

    model = EntryTableModel(session, edit)
    model.show_domain(domain or pick(session).domain)
    return session, model


def pick(session) -> SimpleNamespace:
    """A domain with a calculated value, one that may be not applicable, one with a usual
    range (half its lower end is a warning), another number and one left alone."""
    for domain in session.domains():
        leaves = session.leaves(domain.code)
        codes = {i.code for i in leaves}
        calc = next((i.code for i in leaves if i.is_calculated
                     and set(session.inputs_of(i.code)) <= codes
                     and session.row(i.code).status == "ok"), None)
        free = [i for i in leaves if not i.is_calculated and calc
                and i.code not in session.inputs_of(calc)]
        na = next((i.code for i in free if i.allow_na), None)
        warn = next((i for i in free if i.type == "percent" and i.expected_min
                     and (i.min or 0) <= i.expected_min / 2 and i.code != na), None)
        rest = [i.code for i in free if i.is_numeric and i.code not in (na, warn and warn.code)]
        if calc and na and warn and len(rest) >= 2:
            return SimpleNamespace(domain=domain.code, calc=calc, na=na, warn=warn.code,
                                   low=f"{warn.expected_min / 2:g}", error=rest[0], ok=rest[1])
    raise AssertionError("the catalogue has no domain to test the grid with")


def cell(model, code, column, role=ROLE.DisplayRole):
    value = model.data(model.index(model.row_of(code), column), role)
    return value.name() if isinstance(value, QColor) else value


def editable(model, code, column) -> bool:
    flags = model.flags(model.index(model.row_of(code), column))
    assert flags & Qt.ItemFlag.ItemIsEnabled and flags & Qt.ItemFlag.ItemIsSelectable
    return bool(flags & Qt.ItemFlag.ItemIsEditable)


def test_each_role_answers_from_the_row(store):
    session, model = grid(store)
    p = pick(session)
    assert session.apply(p.warn, Entry(p.low)).accepted  # below the usual range: a warning
    session.apply(p.error, Entry("abc"))  # not a number: kept pending, in red
    assert session.apply(p.na, Entry(None, "本镇无此项", True)).accepted
    model.refresh()
    warning = session.row(p.warn)
    assert warning.status == "warning"
    assert (cell(model, p.warn, VALUE), cell(model, p.warn, STATUS)) == (warning.value, "!")
    assert cell(model, p.warn, VALUE, ROLE.ToolTipRole) == "\n".join(warning.messages)
    assert cell(model, p.warn, VALUE, ROLE.ForegroundRole) == AMBER.name()
    assert cell(model, p.warn, STATUS, ROLE.ForegroundRole) == AMBER.name()
    assert cell(model, p.warn, VALUE, ROLE.BackgroundRole) == PALE_AMBER.name()
    assert cell(model, p.warn, COMMENT, ROLE.BackgroundRole) == PALE_AMBER.name()  # asked for
    assert cell(model, p.warn, VALUE, EDIT_TEXT_ROLE) == cell(model, p.warn, VALUE,
                                                              ROLE.EditRole) == p.low
    assert session.row(p.error).status == "error"
    assert cell(model, p.error, STATUS) == STATUS_MARK["error"]
    assert cell(model, p.error, VALUE, ROLE.ForegroundRole) == RED.name()
    assert cell(model, p.error, VALUE, ROLE.BackgroundRole) == PALE_RED.name()
    assert cell(model, p.error, VALUE, ROLE.ToolTipRole)
    assert cell(model, p.error, VALUE) == cell(model, p.error, VALUE, EDIT_TEXT_ROLE) == "abc"
    assert session.row(p.calc).status == "ok"
    assert cell(model, p.calc, VALUE) == cell(model, p.calc, VALUE, EDIT_TEXT_ROLE) != ""
    assert cell(model, p.calc, VALUE, ROLE.ForegroundRole) == GREY.name()
    assert cell(model, p.calc, VALUE, ROLE.BackgroundRole) == PALE_GREY.name()
    assert cell(model, p.calc, STATUS) == STATUS_MARK["ok"]
    assert cell(model, p.na, VALUE) == "不适用"
    assert cell(model, p.na, VALUE, EDIT_TEXT_ROLE) == ""
    assert cell(model, p.na, STATUS) == STATUS_MARK["na"]
    assert cell(model, p.na, COMMENT) == "本镇无此项"
    assert cell(model, p.na, VALUE, ROLE.BackgroundRole) is None
    ok = session.row(p.ok)
    assert [cell(model, p.ok, c) for c in range(COLUMNS)] == [
        ok.code, ok.name, ok.value, ok.unit, ok.last_year, ok.change, ok.target,
        ok.attainment, STATUS_MARK.get(ok.status, ""), ok.comment]
    assert cell(model, p.ok, NAME, ROLE.ToolTipRole) == ok.definition
    assert cell(model, p.ok, NAME, ROLE.AccessibleTextRole) == f"{ok.name} {ok.name}"
    assert cell(model, p.ok, VALUE, ROLE.AccessibleTextRole) == f"{ok.name} {ok.value}"
    assert cell(model, p.ok, VALUE, ROLE.TextAlignmentRole) == NUMBER
    assert cell(model, p.ok, TARGET, ROLE.TextAlignmentRole) == NUMBER
    assert cell(model, p.ok, NAME, ROLE.TextAlignmentRole) is None
    for role in (ROLE.DecorationRole, ROLE.FontRole, ROLE.CheckStateRole):
        assert cell(model, p.ok, VALUE, role) is None
    assert model.data(model.index(0, COLUMNS)) is None  # outside the table
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(COLUMNS)] == \
        model.headers()
    assert model.headerData(VALUE, Qt.Orientation.Horizontal, ROLE.ToolTipRole) is None
    assert model.columnCount() == COLUMNS
    assert model.rowCount() == len(session.leaves(p.domain))
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children


def test_only_values_that_can_be_typed_and_comments_are_editable(store):
    session, model = grid(store)
    p = pick(session)
    assert session.apply(p.na, Entry(None, "本镇无此项", True)).accepted
    model.refresh()
    assert editable(model, p.ok, VALUE) and editable(model, p.ok, COMMENT)
    assert not editable(model, p.calc, VALUE)  # calculated
    assert editable(model, p.calc, COMMENT)
    assert not editable(model, p.na, VALUE)  # not applicable: undone by its action
    assert not any(editable(model, p.ok, c) for c in range(COLUMNS)
                   if c not in (VALUE, COMMENT))
    assert not model.flags(model.index(0, COLUMNS))  # outside the table: nothing

    session, model = grid(store, unit="wuyuan", domain=p.domain)  # checked in the demo
    store.mark_signed(session.submission, "ab" * 32, "report.pdf")
    session.reload()
    changed = []
    model.dataChanged.connect(lambda first, last, *_: changed.append((first.row(), last.row())))
    model.refresh()
    assert changed == [(0, model.rowCount() - 1)]  # every row now reads "not editable"
    assert not any(editable(model, code, c) for code in model.codes for c in (VALUE, COMMENT))
    assert not model.setData(model.index(0, COMMENT), "说明", ROLE.EditRole)
    assert session.entry(model.codes[0]).comment == ""


def test_an_edit_refreshes_the_calculated_row_in_one_signal(store):
    session, model = grid(store)
    p = pick(session)
    source = session.inputs_of(p.calc)[0]  # the first name of its formula: a numerator
    before = cell(model, p.calc, VALUE)
    lower = round(float(session.entry(source).raw) * 0.95)  # within the usual change
    changed = []
    model.dataChanged.connect(lambda first, last, *_: changed.append(
        (first.row(), first.column(), last.row(), last.column())))
    index = model.index(model.row_of(source), VALUE)
    assert model.setData(index, str(lower), ROLE.EditRole)
    assert session.entry(source).raw == str(lower)
    assert cell(model, p.calc, VALUE) == session.row(p.calc).value != before
    rows = sorted((model.row_of(source), model.row_of(p.calc)))
    assert changed == [(rows[0], 0, rows[1], COMMENT)]  # the span of the rows that moved
    changed.clear()
    assert not model.setData(index, str(lower), ROLE.EditRole)  # the same text: nothing to do
    model.refresh()
    assert changed == []
    assert not model.setData(model.index(model.row_of(p.calc), VALUE), "1", ROLE.EditRole)


def test_a_new_domain_resets_the_model(store, qtbot):
    session, model = grid(store)
    other = next(d.code for d in session.domains() if d.code != pick(session).domain)
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.show_domain(other)
    assert model.codes == [i.code for i in session.leaves(other)]
    assert [model.row_view(r) for r in range(model.rowCount())] == [
        session.row(c) for c in model.codes]


def test_a_grid_edit_is_an_undoable_command(make_app):
    window = make_app().window
    session, model = window.session, window.model
    code = next(i.code for i in session.catalogue.leaves(session.kind)
                if i.type == "percent" and not i.is_calculated)
    window.go_to(code)
    old = session.entry(code).raw
    assert model.setData(model.index(model.row_of(code), VALUE), "95", ROLE.EditRole)
    assert session.entry(code).raw == "95" and window.undo.count() == 1
    assert cell(model, code, VALUE) == "95.00"
    window.undo.undo()
    assert session.entry(code).raw == old
    assert cell(model, code, VALUE) == session.row(code).value
    assert model.setData(model.index(model.row_of(code), COMMENT), "已核实", ROLE.EditRole)
    assert session.entry(code).comment == "已核实" and window.undo.count() == 1
