"""The real window driven as a clerk would, checked through the store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QInputDialog, QMessageBox

from haiyan_desktop.gui.entry_model import COMMENT, VALUE
from haiyan_desktop.gui.side_models import CODE_ROLE
from haiyan_desktop.store import Store


def type_text(qtbot, view, text: str) -> None:
    """Type into the current cell: the first key opens the editor, the rest go to it."""
    qtbot.keyClick(view, text[0])
    editor = QApplication.focusWidget()
    assert editor is not view, f"typing did not open an editor ({view.state()})"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    finish_editing(qtbot, view)


def finish_editing(qtbot, view) -> None:
    """Qt commits an editor on Return through a queued call: let the event loop run it."""
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def type_chinese(qtbot, view, text: str) -> None:
    """Chinese arrives from the input method as a commit string (keyClicks would abort)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(view, event)
    editor = QApplication.focusWidget()
    assert editor is not view, "the input method did not open an editor"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    finish_editing(qtbot, view)


def stored(app, code):
    sub = app.window.session.submission
    with Store(app.data_dir, demo=True, write=False) as reader:
        return reader.values(reader.submission(sub.unit.code, sub.year)).get(code)


def select(window, code, column=VALUE):
    window.go_to(code, column)
    assert window.view.currentIndex().column() == column


def test_a_typed_value_is_stored_at_once(make_app, qtbot):
    app = make_app()
    w = app.window
    select(w, "EDU02")
    type_text(qtbot, w.view, "99.5")  # inside the expected range: no comment needed
    assert stored(app, "EDU02").value == 99.5  # committed: another connection sees it
    assert "已保存" in w.ui.statusBar().currentMessage()
    # Enter moved on to the next editable value
    assert w.model.codes[w.view.currentIndex().row()] != "EDU02"


def test_an_invalid_value_shows_its_error_and_stores_nothing(make_app, qtbot):
    app = make_app()
    w = app.window
    before = stored(app, "EDU02").value
    select(w, "EDU02")
    type_text(qtbot, w.view, "abc")
    assert stored(app, "EDU02").value == before
    row = w.session.row("EDU02")
    assert row.status == "error" and row.value == "abc"
    assert "不是数字" in row.messages[0]
    tooltip = w.model.data(w.model.index(w.model.row_of("EDU02"), VALUE),
                           Qt.ItemDataRole.ToolTipRole)
    assert "不是数字" in tooltip
    problems = [w.problems.item(r).text() for r in range(w.problems.rowCount())]
    assert any("EDU02" in p for p in problems)


def test_a_warning_asks_for_a_comment_typed_in_chinese(make_app, qtbot):
    app = make_app()
    w = app.window
    select(w, "EDU01A")
    type_text(qtbot, w.view, "30000")  # above the expected range: a warning
    assert stored(app, "EDU01A").value == 30000.0
    assert w.session.row("EDU01A").status == "warning"
    assert w.view.currentIndex().column() == COMMENT  # the cursor waits in the comment cell
    assert not w.session.assessment.check.passed
    type_chinese(qtbot, w.view, "辖区合并后人数增加")
    assert stored(app, "EDU01A").comment == "辖区合并后人数增加"
    assert w.session.row("EDU01A").status == "ok"


def test_not_applicable_needs_a_comment(make_app, qtbot, monkeypatch):
    app = make_app()
    w = app.window
    select(w, "HOU03A")  # rural bridges: may not apply
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    w.ui.actionMarkNa.trigger()
    assert not stored(app, "HOU03A").na  # cancelled: nothing changed
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("本街道无农村桥梁", True))
    w.ui.actionMarkNa.trigger()
    value = stored(app, "HOU03A")
    assert value.na and value.comment == "本街道无农村桥梁"
    assert w.session.row("HOU03A").value == "不适用"


def _undo_by_menu(qtbot, w):
    w.action_undo.trigger()


def _redo_by_menu(qtbot, w):
    w.action_redo.trigger()


def _undo_by_keys(qtbot, w):  # the platform's standard keys, shown in the Edit menu
    assert "Ctrl+Z" in w.action_undo.shortcut().toString()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _redo_by_keys(qtbot, w):
    qtbot.keyClick(w.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.parametrize(("undo", "redo"), [(_undo_by_menu, _redo_by_menu),
                                           (_undo_by_keys, _redo_by_keys)],
                         ids=["edit menu", "ctrl+z ctrl+y"])
def test_undo_restores_and_persists(make_app, qtbot, undo, redo):
    app = make_app()
    w = app.window
    before = stored(app, "EDU02").value
    select(w, "EDU02")
    type_text(qtbot, w.view, "91")
    assert stored(app, "EDU02").value == 91.0
    undo(qtbot, w)
    assert stored(app, "EDU02").value == before
    redo(qtbot, w)
    assert stored(app, "EDU02").value == 91.0
    reasons = [r["reason"] for r in app.store.history(w.session.submission, "EDU02")]
    assert reasons[-2:] == ["undo", "redo"]  # each undo is itself committed and audited


def test_progress_and_score_update_as_values_change(make_app, qtbot):
    app = make_app(unit="tongyuan")  # the unfinished unit
    w = app.window
    first_missing = next(c for c in w.session.catalogue.leaves(w.session.kind)
                         if not c.is_calculated and c.is_scored
                         and c.code not in w.session.entries)
    domain = first_missing.domain
    before_progress = w.session.progress(domain).filled
    before_score = w.ui.overallScore.text()
    value = "是" if first_missing.type == "yesno" else (
        first_missing.choices[0].label.zh if first_missing.choices else str(
            first_missing.target or first_missing.expected_min or 1))
    w.go_to(first_missing.code)
    w._edit(first_missing.code, VALUE, value)
    assert w.session.progress(domain).filled == before_progress + 1
    text = w.domains.item(w.domains.row_of(domain)).text()
    assert f"{before_progress + 1}/" in text
    assert w.ui.overallScore.text() != before_score
    assert w.ui.progressBar.value() == w.session.progress().filled


def test_mark_checked_is_refused_while_errors_remain(make_app, qtbot, monkeypatch):
    app = make_app(unit="tongyuan")
    w = app.window
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    w.ui.actionMarkChecked.trigger()
    assert shown and "暂不能标记为已校验" in shown[0]
    first = w.session.blockers()[0]
    assert f"{first.code} {first.name}：{first.reason}" in shown[0]  # named, not counted
    assert stored(app, "EDU02") is not None
    assert w.session.submission.state == "draft"
    missing = w.session.score.missing
    given = set(w.session.assessment.check.values) | w.session.assessment.check.na
    empty_inputs = {source for code in missing for source in w.session.inputs_of(code)
                    if source not in given}
    assert empty_inputs and all(source in w.blocking_text() for source in empty_inputs)
    # and the list of what is left is in view, focused, without calculated cells
    assert w.ui.blockersDock.isVisible() and w.ui.problemsView.hasFocus()
    listed = [w.problems.item(r).data(CODE_ROLE) for r in range(w.problems.rowCount())]
    assert listed and not any(w.session.catalogue.index[c].is_calculated for c in listed)


def test_reopen_asks_a_reason(make_app, qtbot, monkeypatch):
    app = make_app(unit="shendang")  # checked in the demo
    w = app.window
    app.store.mark_signed(w.session.submission, "ab" * 32, "report.pdf")
    w.session.reload()
    w.changed("", saved=False)
    assert w.ui.actionReopen.isEnabled()
    assert not w.model.flags(w.model.index(0, VALUE)) & Qt.ItemFlag.ItemIsEditable
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))
    w.ui.actionReopen.trigger()
    assert w.session.submission.state == "signed"  # no reason, no reopen
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("县里退回修改", True))
    w.ui.actionReopen.trigger()
    assert w.session.submission.state == "reopened"
    assert app.store.reports(w.session.submission)[0]["superseded_reason"] == "县里退回修改"


def test_english_changes_labels_and_indicator_names(make_app, qtbot):
    zh_app = make_app(lang="zh")
    zh_name = zh_app.window.session.row("EDU02").name
    assert zh_app.window.ui.menuFile.title() != "&File"
    zh_app.close_store()  # one writer per data folder
    en_app = make_app(lang="en")
    en = en_app.window
    assert en.session.row("EDU02").name != zh_name
    assert en.session.row("EDU02").name.isascii()
    assert en.ui.menuFile.title() == "&File"
    assert en.model.headerData(VALUE, Qt.Orientation.Horizontal) == "Value"


def test_closing_and_reopening_keeps_everything(make_app, qtbot, qapp):
    app = make_app()
    w = app.window
    select(w, "EDU02")
    type_text(qtbot, w.view, "96.25")
    select(w, "EDU02", COMMENT)
    type_text(qtbot, w.view, "ok")
    app.close_store()
    again = make_app()
    row = again.window.session.row("EDU02")
    assert (row.value, row.comment) == ("96.25", "ok")


def test_tab_skips_read_only_cells(make_app, qtbot):
    w = make_app().window
    select(w, "EDU01B")
    qtbot.keyClick(w.view, Qt.Key.Key_Tab)
    code = w.model.codes[w.view.currentIndex().row()]
    assert code == "EDU01D"  # EDU01C is calculated: skipped
    qtbot.keyClick(w.view, Qt.Key.Key_Backtab)
    assert w.model.codes[w.view.currentIndex().row()] == "EDU01B"


def test_paste_a_column_from_excel(make_app, qtbot):
    app = make_app()
    w = app.window
    select(w, "EDU01A")
    QApplication.clipboard().setText("1200\r\n1190\r\n6\r\n5\r\n97.5\r\n")
    qtbot.keyClick(w.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert stored(app, "EDU01A").value == 1200.0
    assert stored(app, "EDU01B").value == 1190.0
    assert stored(app, "EDU01D").value == 6.0  # the calculated EDU01C was skipped
    assert stored(app, "EDU01E").value == 5.0
    assert stored(app, "EDU02").value == 97.5  # ... and so was EDU01F
    w.action_undo.trigger()  # the paste is one undo step
    assert stored(app, "EDU01A").value != 1200.0


def test_a_second_instance_says_so_instead_of_writing(qapp, data_dir, tmp_path, monkeypatch,
                                                      gui_font):
    from haiyan_desktop.gui.app import App
    from haiyan_desktop.gui.settings import Settings

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    with Store(data_dir, demo=True, write=True):  # another program holds the data folder
        app = App(qapp, data_dir, Settings(str(tmp_path / "s.ini")), "zh")
        assert app.open(True, "baibu", 2019) is False
    assert shown and "正被另一个海盐桌面端程序使用" in shown[0]
    assert app.window is None and app.store is None


def test_first_run_dialog_opens_the_sample_data(make_app, qapp, qtbot, tmp_path, data_dir):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    from haiyan_desktop.gui.app import App
    from haiyan_desktop.gui.settings import Settings

    app = App(qapp, data_dir, Settings(str(tmp_path / "first.ini")), "zh")

    def click_demo():
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, QDialog) and w.isVisible())
        dialog.demoButton.click()

    QTimer.singleShot(200, click_demo)
    assert app.start()  # nothing remembered yet: the first-run dialog asks
    assert app.window is not None and app.window.session.demo
    assert app.window.ui.demoBadge.isVisibleTo(app.window.ui)
    app.close_store()
