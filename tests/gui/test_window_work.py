"""The window as a clerk works in it all day: what is left in view (F9), the grid's filter and
find, Enter across domains, and the status bar saying why nothing happened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from haiyan_desktop.gui.entry_model import VALUE
from haiyan_desktop.gui.main_window import SHOW_EMPTY, SHOW_PROBLEMS, TITLE_BAR
from haiyan_desktop.gui.settings import documents_folder
from haiyan_desktop.gui.side_models import CODE_ROLE
from haiyan_desktop.validation import Entry
from tests.gui.test_main_window import select, type_chinese, type_text


def listed(w) -> list[str]:
    return [w.problems.item(r).data(CODE_ROLE) for r in range(w.problems.rowCount())]


def current(w) -> str:
    return w.model.codes[w.view.currentIndex().row()]


def test_f9_lists_what_is_left_live_and_jumps_to_it(make_app, qtbot):
    w = make_app(unit="tongyuan").window  # its latest year is a third empty
    qtbot.keyClick(w.ui, Qt.Key.Key_F9)
    assert w.ui.blockersDock.isVisible() and w.ui.problemsView.hasFocus()
    codes = listed(w)
    assert codes and not any(w.session.catalogue.index[c].is_calculated for c in codes)
    text = w.problems.item(0).text()
    first = w.session.blockers()[0]
    assert first.code in text and first.name in text and first.reason in text  # code *and* name
    assert f"{len(codes)}" in w.ui.blockersSummary.text()

    # activating an item goes to its cell, ready to type
    w.ui.problemsView.setCurrentIndex(w.problems.index(0, 0))
    qtbot.keyClick(w.ui.problemsView, Qt.Key.Key_Return)
    assert current(w) == first.code and w.view.hasFocus()

    # the list follows every value typed: here a rule wants both figures of a pair
    for _ in range(2):
        code = current(w)
        last_year = w.session.previous.get(code)  # a plausible figure: last year's
        type_text(qtbot, w.view, "50" if last_year is None else f"{last_year:g}")
        if len(listed(w)) < len(codes):
            break
        assert w.problems.item(0).text() != text  # the reason changed
    assert len(listed(w)) < len(codes)
    assert first.code not in listed(w)


def test_a_calculated_problem_is_listed_on_its_inputs(make_app, qtbot):
    app = make_app()
    w = app.window
    session = w.session
    # 已入学人数 above 适龄人数: the calculated rate EDU01C goes over 100 %
    enrolled = int(session.assessment.check.values["EDU01A"]) + 300
    w.apply("EDU01B", session.entry("EDU01B"), Entry(str(enrolled), "核实过"), "edit")
    calculated = [p for p in session.assessment.check.problems
                  if p.code == "EDU01C" and p.is_open]
    assert calculated, "the rate over its range is a problem of EDU01C"
    blockers = [b for b in session.blockers() if "EDU01C" in b.reason]
    assert {b.code for b in blockers} == set(session.inputs_of("EDU01C")) == {"EDU01A",
                                                                              "EDU01B"}
    assert "EDU01C" not in listed(w)


def test_filter_as_one_types_and_find_next_across_domains(make_app, qtbot):
    w = make_app().window
    qtbot.keyClick(w.ui, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.ui.filterEdit.hasFocus()
    qtbot.keyClicks(w.ui.filterEdit, "EDU02")
    shown = [c for r, c in enumerate(w.model.codes) if not w.view.isRowHidden(r)]
    assert shown == ["EDU02"]
    w.ui.filterEdit.clear()
    assert not any(w.view.isRowHidden(r) for r in range(w.model.rowCount()))

    # F3: the next match in any domain (here in 社会服务, after 公共教育)
    w.ui.filterEdit.setText("SOC0")
    qtbot.keyClick(w.ui, Qt.Key.Key_F3)
    assert w.domain_code == "SOC" and current(w).startswith("SOC0")
    before = current(w)
    qtbot.keyClick(w.ui, Qt.Key.Key_F3)
    assert current(w) != before and current(w).startswith("SOC0")
    w.ui.filterEdit.setText("没有这个指标")
    qtbot.keyClick(w.ui, Qt.Key.Key_F3)
    assert "没有与" in w.ui.statusBar().currentMessage()
    w.ui.filterEdit.clear()

    # show only the empty values, then only those with problems
    w.go_to("EDU02")
    w.apply("EDU02", w.session.entry("EDU02"), Entry(None, "", False), "clear")
    w.ui.showCombo.setCurrentIndex(SHOW_EMPTY)
    shown = [c for r, c in enumerate(w.model.codes) if not w.view.isRowHidden(r)]
    assert shown == ["EDU02"]
    w.apply("EDU02", w.session.entry("EDU02"), Entry("abc", "", False), "edit")
    w.ui.showCombo.setCurrentIndex(SHOW_PROBLEMS)
    shown = [c for r, c in enumerate(w.model.codes) if not w.view.isRowHidden(r)]
    assert shown == ["EDU02"]


def test_enter_on_a_domains_last_value_goes_on_to_the_next_domain(make_app, qtbot):
    w = make_app().window
    last = [c for c in w.model.codes if w.session.row(c).editable][-1]
    select(w, last)
    type_text(qtbot, w.view, w.session.row(last).edit_text or "1")
    assert w.domain_code == "EMP"  # 就业创业 follows 公共教育
    assert current(w) == next(c for c in w.model.codes if w.session.row(c).editable)
    assert "就业创业" in w.ui.statusBar().currentMessage()


def test_rejected_input_shows_no_figures_of_the_stored_value(make_app, qtbot):
    w = make_app().window
    select(w, "EDU02")
    assert w.session.row("EDU02").change and w.session.row("EDU02").attainment
    type_text(qtbot, w.view, "98.3.2")
    row = w.session.row("EDU02")
    assert row.status == "error" and row.value == "98.3.2"
    assert (row.change, row.attainment) == ("", "")


def test_an_answered_warning_no_longer_asks_for_a_comment(make_app, qtbot):
    w = make_app().window
    select(w, "EDU01A")
    type_text(qtbot, w.view, "30000")
    assert any("请核实并填写说明" in m for m in w.session.row("EDU01A").messages)
    type_chinese(qtbot, w.view, "辖区合并后人数增加")
    messages = w.session.row("EDU01A").messages
    assert messages and not any("请核实" in m for m in messages)
    assert "已填写说明" in messages[0]
    assert "请核实" not in w.ui.definitionPanel.toPlainText()


def test_editing_a_checked_submission_says_it_is_a_draft_again(make_app, qtbot):
    app = make_app(unit="shendang")  # checked in the demo
    w = app.window
    assert w.session.submission.state == "checked"
    select(w, "EDU02")
    type_text(qtbot, w.view, "99.1")
    assert w.session.submission.state == "draft"
    assert "退回为草稿" in w.ui.statusBar().currentMessage()


def test_typing_on_a_signed_submission_says_how_to_reopen(make_app, qtbot):
    app = make_app(unit="shendang")
    w = app.window
    app.store.mark_signed(w.session.submission, "ab" * 32, "report.pdf")
    w.session.reload()
    w.changed("", saved=False)
    select(w, "EDU02")
    qtbot.keyClick(w.view, "9")
    assert "重开" in w.ui.statusBar().currentMessage()
    assert w.session.row("EDU02").edit_text != "9"


def test_typing_on_a_calculated_cell_names_its_inputs(make_app, qtbot):
    w = make_app().window
    w.go_to("EDU01C")
    w.view.setCurrentIndex(w.model.index(w.model.row_of("EDU01C"), VALUE))
    qtbot.keyClick(w.view, "9")
    message = w.ui.statusBar().currentMessage()
    assert "EDU01A" in message and "EDU01B" in message


def test_the_window_fits_the_available_screen(make_app):
    w = make_app().window
    room = w.ui.screen().availableGeometry()
    assert w.ui.height() <= room.height() - TITLE_BAR and w.ui.width() <= room.width()


def test_file_dialogs_start_in_documents(make_app, qtbot, monkeypatch):
    w = make_app().window
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _p, _t, path, _f: (asked.append(path), ("", ""))[1])
    w.ui.actionExport.trigger()
    assert Path(asked[0]).parent == documents_folder()
    assert Path(asked[0]).name == w.default_file_name(".xlsx")


def test_a_system_error_is_said_in_chinese(make_app, qtbot, monkeypatch, tmp_path):
    from haiyan_desktop.gui.report_dialog import ReportDialog

    w = make_app().window
    source = tmp_path / "r.pdf"
    source.write_bytes(b"%PDF-1.4\n")
    dialog = ReportDialog(source, "r.pdf", w.ui, lang="zh")
    said = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "no" / "such" / "r.pdf"), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(a[2]))
    assert dialog.save_as() is None
    assert "找不到该文件或文件夹" in said[0] and "No such file" not in said[0]


def test_f1_opens_the_guide(make_app, qtbot):
    from PySide6.QtWidgets import QTextBrowser

    w = make_app().window
    qtbot.keyClick(w.ui, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: w.guide_dialog.isVisible())
    text = w.guide_dialog.findChild(QTextBrowser).toPlainText()
    assert "F9" in text and "签名" in text


def test_demo_and_actor_options_open_the_window_as_asked(qapp, qtbot, tmp_path, data_dir,
                                                        gui_font):
    from haiyan_desktop.gui.app import App
    from haiyan_desktop.gui.settings import Settings

    app = App(qapp, data_dir, Settings(str(tmp_path / "s.ini")), "zh", actor="李四")
    try:
        assert app.start(demo=True)  # nothing remembered, yet no first-run dialog
        w = app.window
        qtbot.waitExposed(w.ui)
        w.ui.activateWindow()
        qtbot.waitUntil(lambda: qapp.activeWindow() is w.ui)
        assert w.session.demo
        select(w, "EDU02")
        type_text(qtbot, w.view, "97.5")
        assert w.session.store.history(w.session.submission, "EDU02")[-1]["actor"] == "李四"
    finally:
        app.close_store()


def test_an_unexpected_error_in_a_menu_action_shows_one_dialog_and_work_goes_on(
        make_app, qtbot, tmp_path, monkeypatch):
    from haiyan_desktop import logs
    from haiyan_desktop.gui import error_dialog
    from haiyan_desktop.gui.app import start_support_log
    from haiyan_desktop.gui.main_window import MainWindow

    def broken(self):
        raise KeyError("a bug in the guide")

    monkeypatch.setattr(MainWindow, "guide", broken)
    app = make_app()
    w = app.window
    session = start_support_log(tmp_path / "logdata", verbose=False)
    error_dialog.install_exception_hook(lambda: app.window.ui if app.window else None)
    try:
        w.ui.actionGuide.trigger()
        qtbot.waitUntil(lambda: error_dialog.current_error_dialog() is not None)
        dialog = error_dialog.current_error_dialog()
        assert str(session.log_file) in dialog.where.text()
        assert "KeyError" in session.log_file.read_text(encoding="utf-8")
        dialog.close()
        w.ui.activateWindow()  # (offscreen, closing a window activates no other)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w.ui)
        select(w, "EDU02")  # the window goes on working
        type_text(qtbot, w.view, "97.75")
        assert w.session.row("EDU02").value == "97.75"
    finally:
        error_dialog.uninstall_exception_hook()
        logs.stop_logging()
