"""The county desk's window, through the real application (offscreen): chosen in the first-run
dialog and remembered per data folder; reports imported from a folder (progress dialog, then
the summary) and by drag and drop, every tab filled; stop keeps what was imported; errors in
one sentence; language and desk switched back and forth with the program alive.

The reports are the session's county desk (tests/county_desk.py: the nine townships' signed
2019 reports and the bad files); a few 2018 reports are made here, the same way, for the
change against last year.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from haiyan_desktop.gui import county_import
from haiyan_desktop.gui.county_models import (
    PINNED_ROLE,
    Cell,
    RecordModel,
    Row,
    TableProxy,
    heat_colour,
    ink_for,
)
from haiyan_desktop.gui.settings import COUNTY, LAST_MODE, TOWNSHIP, Settings
from haiyan_desktop.jobs import DataFolder
from tests.county import P12_PASS, UNIT

LAST_YEAR_UNITS = ("baibu", "ganpu", "qinshan")  # 2018 reports (UNIT's is missing that year)
IMPORT_TIMEOUT = 180_000


# --- the material -------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def last_year(desk, tmp_path_factory) -> Path:
    """A folder of signed 2018 reports of LAST_YEAR_UNITS (made as the desk's 2019 ones: a
    real store, plausible values, checked, the report, the unit's clerk and head)."""
    from haiyan_desktop.report import build_report
    from haiyan_desktop.sample_values import plausible_entries
    from haiyan_desktop.signing import load_credential, sign_field
    from haiyan_desktop.store import Store
    from haiyan_desktop.validation import Entry

    work = tmp_path_factory.mktemp("county-2018")
    township, out = work / "township", work / "reports-2018"
    out.mkdir()
    rng = random.Random(2018)
    with Store(township, write=True, actor="县汇总测试") as store:
        for n, code in enumerate(LAST_YEAR_UNITS):
            unit = next(u for u in desk.catalogue.units if u.code == code)
            sub = store.open_submission(desk.catalogue, code, 2018)
            store.set_values(sub, plausible_entries(desk.catalogue, unit.scope, rng,
                                                    0.75 + n / 20))
            problems, _missing = store.blocking_problems(sub)
            entries = store.entries(sub)
            store.set_values(sub, {p.code: Entry(entries[p.code].raw, "已核实",
                                                 entries[p.code].na)
                                   for p in problems if not p.is_error and p.code in entries})
            sub = store.mark_checked(sub)
            content = build_report(store, sub, work / f"{code}.pdf").path.read_bytes()
            for role in ("clerk", "head"):  # the certificates the desk issued to the unit
                credential = load_credential(desk.work / f"{code}-{role}.p12", P12_PASS)
                content, _ = sign_field(content, role, credential)
            (out / f"{code}-2018.pdf").write_bytes(content)
    return out


@pytest.fixture(scope="session")
def incoming(desk, last_year, tmp_path_factory) -> Path:
    """What the county brings on its USB stick: the 2019 reports and, in a subfolder, the
    2018 ones."""
    folder = tmp_path_factory.mktemp("usb") / "reports"
    shutil.copytree(desk.reports[UNIT].parent, folder)
    shutil.copytree(last_year, folder / "2018")
    return folder


@pytest.fixture(scope="session")
def received_template(desk, incoming, tmp_path_factory) -> Path:
    """A county data folder that has received ``incoming`` (through the job itself)."""
    from haiyan_desktop.jobs.county import import_reports

    folder = desk.fresh_folder(tmp_path_factory.mktemp("received") / "data")
    result = import_reports(DataFolder(folder), [incoming])
    assert result.accepted == 9 + len(LAST_YEAR_UNITS), result.to_json("en")["summary"]
    return folder


@pytest.fixture
def county_folder(desk, tmp_path) -> Path:
    """A county data folder with nothing received yet."""
    return desk.fresh_folder(tmp_path / "county-data")


@pytest.fixture
def received_folder(received_template, tmp_path) -> Path:
    folder = tmp_path / "received"
    shutil.copytree(received_template, folder, ignore=shutil.ignore_patterns("*.lock"))
    return folder


@pytest.fixture
def open_county(qapp, qtbot, tmp_path, gui_font):
    """The real App opened on a data folder in county mode; closed after the test."""
    from haiyan_desktop.gui.app import App, install_translator

    opened = []

    def make(folder: Path, lang: str = "zh"):
        install_translator(qapp, lang)
        app = App(qapp, folder, Settings(str(tmp_path / "settings.ini")), lang)
        assert app.open_county()
        qtbot.waitExposed(app.window.ui)
        qtbot.waitUntil(lambda: app.window.loaded is not None, timeout=30000)
        opened.append(app)
        return app

    yield make
    for app in opened:
        wait_idle(qtbot, app)
        app.close_store()
    install_translator(qapp, "en")


def wait_idle(qtbot, app) -> None:
    """No import running, no load pending (results and deferred deletions delivered)."""
    from PySide6.QtCore import QThreadPool

    window = app.window
    if window is not None and getattr(window, "importer", None) is not None:
        qtbot.waitUntil(lambda: not window.importer.busy, timeout=IMPORT_TIMEOUT)
    QThreadPool.globalInstance().waitForDone(60000)
    for _ in range(3):
        QApplication.processEvents()


def answer_modal(interact, seen: list | None = None) -> QTimer:
    """A timer answering every modal dialog that comes up with ``interact(dialog)``."""
    timer = QTimer()

    def poke() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or isinstance(dialog, county_import.ImportProgressDialog):
            return
        if seen is not None:
            seen.append(dialog.objectName())
        interact(dialog)

    timer.timeout.connect(poke)
    timer.start(20)
    return timer


def reload(qtbot, window) -> None:
    with qtbot.waitSignal(window.sig_loaded, timeout=30000):
        window.refresh(window.year)


def import_and_wait(qtbot, window, paths=None, action=None):
    """Start an import (``paths``, or a menu action) and wait for it and the tables."""
    with (qtbot.waitSignal(window.sig_loaded, timeout=IMPORT_TIMEOUT),
          qtbot.waitSignal(window.sig_imported, timeout=IMPORT_TIMEOUT) as done):
        if action is not None:
            action.trigger()
        else:
            assert window.import_paths(paths)
    return done.args[0]


def texts(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


# --- choosing the desk --------------------------------------------------------------------------
def test_the_first_run_dialog_opens_the_county_desk_and_the_folder_remembers_it(
        qapp, qtbot, tmp_path, county_folder, gui_font):
    from haiyan_desktop.gui.app import App, install_translator
    from haiyan_desktop.gui.county_window import CountyWindow

    install_translator(qapp, "zh")
    settings = Settings(str(tmp_path / "first.ini"))
    app = App(qapp, county_folder, settings, "zh")
    seen: dict = {}

    def choose_county(dialog) -> None:
        seen["unit shown before"] = dialog.unitCombo.isVisible()
        dialog.countyRadio.click()
        seen["unit shown after"] = dialog.unitCombo.isVisibleTo(dialog)
        seen["start enabled"] = dialog.startButton.isEnabled()  # no name needed
        seen["intro"] = dialog.countyIntro.text()
        dialog.startButton.click()

    timer = answer_modal(choose_county)
    try:
        assert app.start()  # nothing remembered: the first-run dialog asks
    finally:
        timer.stop()
    assert seen["unit shown before"] and not seen["unit shown after"]
    assert seen["start enabled"] and "县级汇总" in seen["intro"]
    assert isinstance(app.window, CountyWindow) and app.mode == COUNTY
    qtbot.waitUntil(lambda: app.window.loaded is not None, timeout=30000)
    ui = app.window.ui
    assert ui.windowTitle().startswith("县级汇总")
    assert "尚未接收任何报告" in ui.statusNote.text()  # the empty state says what to do
    assert "文件 → 导入报告文件夹" in ui.rankingNote.text()
    assert set(texts(app.window.status, 2)) == {"未收到"}  # every unit, none arrived
    assert app.window.status.rowCount() == 9 and not ui.rankingView.isVisible()
    qtbot.waitUntil(lambda: settings.get(LAST_MODE, county_folder) == COUNTY)
    app.close_store()

    again = App(qapp, county_folder, settings, "zh")  # the next start: straight to the desk
    asked: list = []
    timer = answer_modal(lambda d: (asked.append(d), d.reject()))
    try:
        assert again.start()
    finally:
        timer.stop()
    assert asked == [] and again.mode == COUNTY
    wait_idle(qtbot, again)
    again.close_store()
    install_translator(qapp, "en")


# --- receiving reports --------------------------------------------------------------------------
def test_a_folder_imported_fills_every_tab(open_county, qtbot, county_folder, incoming,
                                           monkeypatch):
    monkeypatch.setattr(county_import, "PROGRESS_AFTER_MS", 0)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(incoming))
    app = open_county(county_folder)
    window = app.window
    progress: list = []

    def seen(done: int, total: int) -> None:
        dialog = window.importer.dialog
        progress.append((done, total, dialog is not None and dialog.isVisible(),
                         dialog.labelText() if dialog is not None else ""))

    window.importer.sig_progress.connect(seen)
    run = import_and_wait(qtbot, window, action=window.ui.actionImportFolder)
    found = 9 + len(LAST_YEAR_UNITS)
    assert not run.stopped and run.result.accepted == found
    assert progress[-1][:3] == (found, found, True), progress[-1]  # the dialog showed it
    assert any("已核验" in label and f"/ {found}" in label for *_, label in progress)
    assert window.importer.dialog is None  # gone once done
    summary = window.importer.summary
    assert summary.isVisible()
    assert summary.headline.text().startswith(f"共 {found} 个 PDF 文件：接收 {found} 份")
    assert summary.model.rowCount() == found

    ui = window.ui
    assert window.year == 2019 and ui.yearCombo.currentText() == "2019"
    years = [ui.yearCombo.itemText(i) for i in range(ui.yearCombo.count())]
    assert years == ["2020", "2019", "2018"]  # the issued catalogues' years, newest first
    assert "已接收 9 个" in ui.summaryLabel.text()
    status = texts(window.status, 2)
    assert status.count("已接收") == 9 and "未收到" not in status
    assert window.status.index(0, 7).data() and len(window.status.index(0, 7).data()) == 12
    assert "填报人" in window.status.index(0, 4).data()
    ranking = window.ranking
    assert ranking.rowCount() == 9 + 2
    assert texts(ranking, 1)[-2:] == ["全县平均", "中位数"]
    assert [int(r) for r in texts(ranking, 0)[:9]] == sorted(int(r) for r in
                                                              texts(ranking, 0)[:9])
    assert ranking.columnCount() == 4 + 8  # rank, unit, kind, overall, the eight domains
    assert window.heatmap.rowCount() == 9
    colour = window.heatmap.index(0, 2).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(colour, QColor) and window.heatmap.index(0, 2).data()
    assert "颜色越深" in ui.heatmapLegend.text()
    assert window.dispersion.rowCount() > 40
    cvs = [ui.dispersionView.model().index(r, 10).data(Qt.ItemDataRole.UserRole + 1)
           for r in range(10)]
    assert cvs == sorted(cvs, reverse=True)  # sorted by CV, most unequal first
    assert window.theil.rowCount() == 9 and texts(window.theil, 0)[0] == "总体"
    assert window.weak.rowCount() >= 9
    assert window.figures.rowCount() > 0 and window.departments.rowCount() == 11
    assert window.unit_changes.rowCount() == 9  # against 2018
    assert window.cv_changes.rowCount() > 0 and window.theil_trend.rowCount() == 9
    assert "2018" in ui.changeNote.text()
    for n in range(ui.tabs.count()):  # no tab is left in its empty state
        window.show_tab(n)
        QApplication.processEvents()
        page = window.tabs[n]
        assert "尚未接收" not in " ".join(w.text() for w in page.findChildren(
            type(ui.statusNote))), ui.tabs.tabText(n)

    with qtbot.waitSignal(window.sig_loaded, timeout=30000):  # last year: UNIT is missing
        ui.yearCombo.setCurrentIndex(2)
        ui.yearCombo.activated.emit(2)
    assert window.year == 2018
    states = dict(zip(texts(window.status, 0), texts(window.status, 2), strict=True))
    assert states["武原街道"] == "未收到"
    assert list(states.values()).count("已接收") == len(LAST_YEAR_UNITS)
    assert window.ranking.rowCount() == len(LAST_YEAR_UNITS) + 2


def test_dropped_files_are_imported_superseding_and_quarantining(
        open_county, qtbot, received_folder, desk, monkeypatch):
    monkeypatch.setattr(county_import, "PROGRESS_AFTER_MS", 0)
    app = open_county(received_folder)
    window = app.window
    ui = window.ui

    def drop(paths: list[Path]) -> tuple[bool, bool]:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(ui, enter)
        if not enter.isAccepted():
            return False, False
        event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(ui, event)
        return True, event.isAccepted()

    text_file = received_folder / "notes.txt"
    text_file.write_text("不是报告", encoding="utf-8")
    assert drop([text_file]) == (False, False)  # neither a PDF nor a folder: not taken

    with (qtbot.waitSignal(window.sig_loaded, timeout=IMPORT_TIMEOUT),
          qtbot.waitSignal(window.sig_imported, timeout=IMPORT_TIMEOUT) as done):
        assert drop([desk.newer, desk.bad["forged"], desk.reports["baibu"],
                     desk.bad["not_pdf"]]) == (True, True)
    run = done.args[0]
    assert (run.result.count("superseded"), run.result.quarantined,
            run.result.count("duplicate")) == (1, 2, 1)
    headline = window.importer.summary.headline.text()
    assert "接收 1 份（其中替代较早报告 1 份），隔离 2 份，重复跳过 1 份" in headline
    outcomes = texts(window.importer.summary.model, 4)
    assert any("县级根证书" in reason for reason in outcomes)  # the forged one's reason
    states = list(zip(texts(window.status, 0), texts(window.status, 2), strict=True))
    assert ("武原街道", "已被替代") in states and ("武原街道", "已接收") in states
    replaced = next(r for r in range(window.status.rowCount())
                    if window.status.index(r, 2).data() == "已被替代")
    assert "替代" in window.status.index(replaced, 3).data()
    # the file that named no unit or year has a row of its own
    apart = next(r for r in range(window.status.rowCount())
                 if window.status.index(r, 6).data() == "not_pdf.pdf")
    assert window.status.index(apart, 0).data() == "单位不明"
    assert window.status.index(apart, 2).data() == "已隔离"
    assert window.status.index(apart, 3).data().startswith("年度不明：")


def test_stop_finishes_the_current_file_and_keeps_what_was_imported(
        open_county, qtbot, county_folder, desk, monkeypatch):
    from haiyan_desktop.jobs import county as county_jobs

    monkeypatch.setattr(county_import, "PROGRESS_AFTER_MS", 0)
    real = county_jobs.import_reports

    def slowly(folder, paths, progress=None, workers=None):  # time for the click to land
        def each(*args):
            progress(*args)
            time.sleep(0.4)
        return real(folder, paths, each, workers=1)

    monkeypatch.setattr(county_jobs, "import_reports", slowly)
    app = open_county(county_folder)
    window = app.window
    clicked: list = []

    def stop(done: int, total: int) -> None:
        if not clicked:
            clicked.append(done)
            button = window.importer.dialog.findChild(type(window.ui.importButton))
            button.click()
            assert "完成当前文件后停止" in window.importer.dialog.labelText()

    window.importer.sig_progress.connect(stop)
    run = import_and_wait(qtbot, window, [desk.reports[UNIT].parent])
    assert run.stopped and 1 <= len(run.result.files) < 9
    assert "已停止" in window.importer.summary.headline.text()
    kept = texts(window.status, 2).count("已接收")
    assert kept == run.result.accepted  # every file done is in, nothing more


def test_errors_are_one_sentence_in_a_message_box(open_county, qtbot, tmp_path, desk,
                                                  monkeypatch):
    said: list[tuple[str, str]] = []
    for kind in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, kind,
                            lambda *a, kind=kind, **k: said.append((kind, a[2])))
    bare = tmp_path / "no-root"  # no county root installed here
    bare.mkdir()
    app = open_county(bare)
    assert "trust install" in app.window.ui.statusNote.text()
    with qtbot.waitSignal(app.window.sig_imported, timeout=IMPORT_TIMEOUT):
        app.window.import_paths([desk.reports[UNIT]])
    assert said and said[-1][0] == "warning"
    assert "县级根证书" in said[-1][1] and "Traceback" not in said[-1][1]
    assert "\n" not in said[-1][1]
    assert not (bare / "county.db").exists()  # nothing half-done

    empty = tmp_path / "empty-folder"
    empty.mkdir()
    (empty / "readme.txt").write_text("x")
    other = desk.fresh_folder(tmp_path / "with-root")
    app2 = open_county(other)
    with qtbot.waitSignal(app2.window.sig_imported, timeout=IMPORT_TIMEOUT):
        app2.window.import_paths([empty])
    assert said[-1][0] == "information" and "没有找到 PDF" in said[-1][1]


# --- exports ----------------------------------------------------------------------------------
def test_the_summary_report_is_exported_signed_and_the_tables_to_excel(
        open_county, qtbot, received_folder, desk, tmp_path, monkeypatch):
    """文件 → 导出县级汇总报告（PDF）… with the office's certificate: a wrong passphrase and a
    clerk's certificate are one red sentence and write nothing; then the signed summary, which
    verify accepts. 文件 → 导出到 Excel… writes the workbook."""
    from openpyxl import load_workbook

    from haiyan_desktop.jobs.signing import trust_for, verify

    said: list[tuple[str, str]] = []
    for kind in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, kind,
                            lambda *a, kind=kind, **k: said.append((kind, a[2])))
    app = open_county(received_folder)
    window = app.window
    window.ui.actionSummaryReport.trigger()
    dialog = window.summary_dialog
    ui = dialog.ui
    assert ui.isVisible() and "2019" in ui.yearLabel.text()
    assert ui.pdfEdit.text().endswith("海盐县_2019_县级汇总.pdf")
    ui.languageCombo.setCurrentIndex(ui.languageCombo.findData("en"))  # the name follows
    assert ui.pdfEdit.text().endswith("Haiyan_2019_county_summary.pdf")
    ui.languageCombo.setCurrentIndex(ui.languageCombo.findData("zh"))
    assert ui.pdfEdit.text().endswith("海盐县_2019_县级汇总.pdf")
    assert not ui.p12Edit.isEnabled()  # signing is asked for, not assumed
    out = tmp_path / "summary.pdf"
    ui.pdfEdit.setText(str(out))
    ui.languageCombo.setCurrentIndex(ui.languageCombo.findData("en"))
    ui.languageCombo.setCurrentIndex(ui.languageCombo.findData("zh"))
    assert ui.pdfEdit.text() == str(out)  # a name of the user's own is kept
    ui.signCheck.setChecked(True)
    office = desk.work / "office"

    def attempt(p12: Path, passphrase: str) -> None:
        ui.p12Edit.setText(str(p12))
        ui.passphraseEdit.setText(passphrase)
        ui.exportButton.click()
        assert ui.passphraseEdit.text() == ""  # never kept
        qtbot.waitUntil(lambda: not dialog.busy, timeout=60000)

    attempt(office / "office.p12", "not the passphrase")
    assert ui.errorLabel.isVisible() and "口令" in ui.errorLabel.text()
    assert "Traceback" not in ui.errorLabel.text() and not out.exists()
    attempt(office / "clerk.p12", P12_PASS)  # a township clerk cannot sign for the county
    assert ui.errorLabel.isVisible() and not out.exists()

    attempt(office / "office.p12", P12_PASS)
    qtbot.waitUntil(lambda: not shiboken6.isValid(ui), timeout=10000)
    assert out.is_file() and said[-1][0] == "information" and str(out) in said[-1][1]
    checked = verify(out, trust_for(received_folder))
    assert checked.ok, checked

    xlsx = tmp_path / "tables.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(xlsx), ""))
    window.ui.actionExportExcel.trigger()
    qtbot.waitUntil(lambda: xlsx.is_file() and said[-1][1].endswith(str(xlsx)),
                    timeout=60000)
    book = load_workbook(xlsx, read_only=True)
    assert len(book.sheetnames) >= 5
    book.close()
    assert window.ui.isVisible()


def test_exports_without_reports_say_what_to_do(open_county, qtbot, county_folder,
                                                monkeypatch):
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[2]))
    app = open_county(county_folder)
    app.window.ui.actionSummaryReport.trigger()
    app.window.ui.actionExportExcel.trigger()
    assert len(said) == 2 and all("导入" in text for text in said)
    assert getattr(app.window, "summary_dialog", None) is None
    assert not (county_folder / "county.db").exists()


# --- rebuilding ---------------------------------------------------------------------------------
def test_language_and_desk_switch_back_and_forth(open_county, qtbot, received_folder):
    from haiyan_desktop.gui.county_window import CountyWindow
    from haiyan_desktop.gui.main_window import MainWindow

    app = open_county(received_folder)
    answers = {"language": "en", "start": None}

    def interact(dialog) -> None:
        if hasattr(dialog, "languageCombo"):
            dialog.languageCombo.setCurrentIndex(
                dialog.languageCombo.findData(answers["language"]))
            dialog.buttonBox.button(dialog.buttonBox.StandardButton.Ok).click()
        elif hasattr(dialog, "countyRadio"):
            if answers["start"] == COUNTY:
                dialog.countyRadio.click()
            else:
                dialog.townshipRadio.click()
                dialog.unitCombo.setCurrentIndex(dialog.unitCombo.findData(answers["start"]))
                dialog.clerkEdit.setText("张晓明")
            dialog.startButton.click()
        else:
            dialog.reject()

    timer = answer_modal(interact)
    try:
        def rebuilt(action_name: str, kind):
            old = app.window.ui
            getattr(old, action_name).trigger()
            qtbot.waitUntil(lambda: app.window is not None and app.window.ui is not old
                            and isinstance(app.window, kind), timeout=30000)
            if kind is CountyWindow:
                qtbot.waitUntil(lambda: app.window.loaded is not None, timeout=30000)
            QApplication.processEvents()
            assert not shiboken6.isValid(old), "the old window outlived its replacement"
            assert app.window.ui.isVisible()

        rebuilt("actionPreferences", CountyWindow)
        ui = app.window.ui
        assert app.lang == "en" and ui.windowTitle().startswith("County summary 2019")
        assert ui.tabs.tabText(1) == "Ranking" and ui.menuFile.title() == "&File"
        assert app.window.ranking.index(9, 1).data() == "County mean"
        answers["language"] = "zh"
        rebuilt("actionPreferences", CountyWindow)
        assert app.window.ui.tabs.tabText(1) == "排名"
        assert app.window.year == 2019  # the year shown stays

        answers["start"] = "baibu"
        rebuilt("actionSwitch", MainWindow)
        assert app.mode == TOWNSHIP and app.window.session.submission.unit.code == "baibu"
        answers["start"] = COUNTY
        rebuilt("actionSwitch", CountyWindow)
        assert app.mode == COUNTY and app.window.status.rowCount() > 0
    finally:
        timer.stop()
    qtbot.waitUntil(lambda: app.settings.get(LAST_MODE, received_folder) == COUNTY)
    assert QApplication.instance() is not None and app.window.ui.isVisible()


# --- the models ---------------------------------------------------------------------------------
class _Numbers(RecordModel):
    def headers(self) -> list[str]:
        return ["name", "value"]


def test_the_proxy_keeps_summary_rows_last_and_empty_values_after_the_others(qtbot):
    model = _Numbers()
    rows = [Row([Cell(n), Cell(str(v), v)]) for n, v in
            (("a", 3.0), ("b", math.nan), ("c", 1.0), ("d", 2.0))]
    rows.append(Row([Cell("mean"), Cell("2", 2.0)], pinned=True))
    model.set_rows(rows)
    proxy = TableProxy()
    proxy.setSourceModel(model)
    for order, names in ((Qt.SortOrder.AscendingOrder, ["c", "d", "a", "b", "mean"]),
                         (Qt.SortOrder.DescendingOrder, ["a", "d", "c", "b", "mean"])):
        proxy.sort(1, order)
        assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == names
        assert proxy.index(4, 0).data(PINNED_ROLE) is True


def test_the_heat_map_reads_in_grayscale_and_its_text_stays_readable():
    def lightness(colour: QColor) -> float:
        return 0.2126 * colour.redF() + 0.7152 * colour.greenF() + 0.0722 * colour.blueF()

    steps = [heat_colour(t / 10) for t in range(11)]
    grey = [lightness(c) for c in steps]
    assert grey == sorted(grey) and grey[-1] - grey[0] > 0.6  # one order, light to dark
    for colour in steps:
        ink = ink_for(colour)
        assert abs(lightness(ink) - lightness(colour)) > 0.4


def test_diagnostics_are_exported_from_the_county_desk(open_county, qtbot, received_folder,
                                                      tmp_path, monkeypatch):
    import zipfile

    out = tmp_path / "county-support.zip"
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[1:3]))
    app = open_county(received_folder)
    app.window.ui.actionDiagnostics.trigger()
    qtbot.waitUntil(lambda: len(said) == 1, timeout=30000)
    assert said[0][0] == "诊断信息" and str(out) in said[0][1]
    with zipfile.ZipFile(out) as bundle:
        databases = json.loads(bundle.read("databases.json"))
    assert databases["county"]["integrity"] == ["ok"]  # the desk's own database described
    assert app.window.ui.isVisible()
