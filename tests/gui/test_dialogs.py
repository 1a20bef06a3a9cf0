"""The window's dialogs through the real forms: the first-run dialog and the preferences need
the clerk's name, every accelerator is distinct, both are deleted when they return; a value's
history reads as words and local times; the F1 guide opens in both languages.

A modal dialog runs its own event loop in ``exec()``: a timer started before the call finds it
(``QApplication.activeModalWidget``) and answers it as a clerk would. Whatever goes wrong in
there closes the dialog, so a failing test fails instead of hanging.
"""

from __future__ import annotations

import json
import os
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTextBrowser,
    QWidget,
)

from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.gui import dialogs
from haiyan_desktop.gui.dialogs import HistoryRow, Preferences, StartChoice, history_rows
from haiyan_desktop.gui.help_dialog import guide_path, show_guide

ROOT = Path(__file__).resolve().parents[2]
ACCELERATOR = re.compile(r"&(?!&)(\w)")


# --- helpers ------------------------------------------------------------------------------------
def answer_modal(interact) -> dict:
    """Call ``interact(dialog)`` on the modal dialog once the caller's ``exec()`` shows it.

    Returns a dict that receives ``dialog`` (the wrapper, to check it is deleted afterwards)
    and ``error`` (an exception raised by ``interact``, re-raised by :func:`check`)."""
    outcome: dict = {}
    tries = [0]

    def poke() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            tries[0] += 1
            if tries[0] < 500:  # 5 s: the dialog did not come up at all
                QTimer.singleShot(10, poke)
            return
        outcome["dialog"] = dialog
        try:
            interact(dialog)
        except BaseException as exc:  # re-raised by check(), after exec() returns
            outcome["error"] = exc
        if shiboken6.isValid(dialog) and dialog.isVisible():
            outcome.setdefault("error", AssertionError("the dialog was left open"))
            dialog.reject()

    QTimer.singleShot(0, poke)
    return outcome


def check(outcome: dict) -> None:
    assert "dialog" in outcome, "no modal dialog came up"
    if "error" in outcome:
        raise outcome["error"]


def deleted(widget) -> bool:
    """Whether Qt has deleted ``widget`` (deferred deletes processed first)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return not shiboken6.isValid(widget)


def type_chinese(widget: QWidget, text: str) -> None:
    """Chinese arrives from the input method as a commit string (keyClicks would abort)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def accelerators(dialog: QWidget) -> list[str]:
    """The &-letters of every button and label of ``dialog`` (lower case)."""
    texts = [w.text() for w in dialog.findChildren(QAbstractButton)]
    texts += [w.text() for w in dialog.findChildren(QLabel)]
    return [m.lower() for t in texts for m in ACCELERATOR.findall(t)]


@pytest.fixture
def catalogue():
    return default_catalogue()


@pytest.fixture(params=["zh", "en"])
def language(request, qapp):
    """The app's translator for the language (the English sources afterwards)."""
    from haiyan_desktop.gui.app import install_translator

    locale = QLocale()
    install_translator(qapp, request.param)
    yield request.param
    install_translator(qapp, "en")
    QLocale.setDefault(locale)


# --- the first-run dialog -----------------------------------------------------------------------
def test_start_waits_for_a_name_and_takes_a_chinese_one(qtbot, catalogue):
    seen = {}

    def interact(dialog):
        start, hint, edit = dialog.startButton, dialog.clerkHint, dialog.clerkEdit
        seen["empty"] = (start.isEnabled(), hint.isVisible())
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)  # disabled: nothing happens
        qtbot.keyClick(edit, Qt.Key.Key_Return)  # nor does Enter reach it
        seen["open after clicks"] = dialog.isVisible()
        qtbot.keyClicks(edit, "   ")
        seen["blank"] = (start.isEnabled(), hint.isVisible())
        edit.clear()
        type_chinese(edit, "张晓明")
        seen["named"] = (edit.text(), start.isEnabled(), hint.isVisible())
        dialog.unitCombo.setCurrentIndex(dialog.unitCombo.findData("baibu"))
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)

    outcome = answer_modal(interact)
    choice = dialogs.ask_start(catalogue, "zh", "")
    check(outcome)
    assert seen["empty"] == (False, True)
    assert seen["open after clicks"] is True
    assert seen["blank"] == (False, True)
    assert seen["named"] == ("张晓明", True, False)
    assert choice == StartChoice(False, "baibu", max(catalogue.years), "张晓明")


def test_a_remembered_name_can_start_at_once(qtbot, catalogue):
    seen = {}

    def interact(dialog):
        seen["ready"] = (dialog.startButton.isEnabled(), dialog.clerkHint.isVisible())
        qtbot.keyClick(dialog.clerkEdit, Qt.Key.Key_Return)  # Enter: the default button

    outcome = answer_modal(interact)
    choice = dialogs.ask_start(catalogue, "zh", "  李四 ")
    check(outcome)
    assert seen["ready"] == (True, False)
    assert choice is not None and not choice.demo and choice.clerk == "李四"


def test_the_sample_data_needs_no_name(qtbot, catalogue):
    def interact(dialog):
        assert dialog.clerkEdit.text() == ""
        qtbot.mouseClick(dialog.demoButton, Qt.MouseButton.LeftButton)

    outcome = answer_modal(interact)
    choice = dialogs.ask_start(catalogue, "zh", "")
    check(outcome)
    assert choice == StartChoice(True)


def test_cancel_answers_none(qtbot, catalogue):
    outcome = answer_modal(lambda d: qtbot.mouseClick(d.cancelButton, Qt.MouseButton.LeftButton))
    assert dialogs.ask_start(catalogue, "zh", "张三") is None
    check(outcome)


@pytest.mark.parametrize("answer", ["start", "demo", "cancel"])
def test_the_start_dialog_is_deleted_when_it_returns(qtbot, catalogue, answer):
    window = QWidget()
    qtbot.addWidget(window)
    outcome = answer_modal(lambda d: {"start": d.startButton, "demo": d.demoButton,
                                      "cancel": d.cancelButton}[answer].click())
    dialogs.ask_start(catalogue, "zh", "张三", window)
    check(outcome)
    assert deleted(outcome["dialog"])
    assert window.findChildren(QDialog) == []


# --- preferences --------------------------------------------------------------------------------
def test_preferences_need_a_name(qtbot):
    seen = {}

    def interact(dialog):
        ok = dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        seen["empty"] = (ok.isEnabled(), dialog.clerkHint.isVisible())
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        seen["open"] = dialog.isVisible()
        type_chinese(dialog.clerkEdit, "王五")
        seen["named"] = (ok.isEnabled(), dialog.clerkHint.isVisible())
        dialog.languageCombo.setCurrentIndex(dialog.languageCombo.findData("en"))
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    outcome = answer_modal(interact)
    chosen = dialogs.ask_preferences(Preferences("", "zh", 11))
    check(outcome)
    assert seen == {"empty": (False, True), "open": True, "named": (True, False)}
    assert chosen == Preferences("王五", "en", 11)


def test_clearing_the_name_disables_ok(qtbot):
    seen = {}

    def interact(dialog):
        ok = dialog.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        seen["named"] = ok.isEnabled()
        dialog.clerkEdit.selectAll()
        qtbot.keyClick(dialog.clerkEdit, Qt.Key.Key_Delete)
        seen["cleared"] = (ok.isEnabled(), dialog.clerkHint.isVisible())
        dialog.reject()

    outcome = answer_modal(interact)
    assert dialogs.ask_preferences(Preferences("张三", "zh", 11)) is None
    check(outcome)
    assert seen == {"named": True, "cleared": (False, True)}


@pytest.mark.parametrize("accept", [True, False])
def test_the_preferences_dialog_is_deleted_when_it_returns(qtbot, accept):
    window = QWidget()
    qtbot.addWidget(window)
    button = (QDialogButtonBox.StandardButton.Ok if accept
              else QDialogButtonBox.StandardButton.Cancel)
    outcome = answer_modal(lambda d: d.buttonBox.button(button).click())
    chosen = dialogs.ask_preferences(Preferences("张三", "zh", 12), window)
    check(outcome)
    assert chosen == (Preferences("张三", "zh", 12) if accept else None)
    assert deleted(outcome["dialog"])
    assert window.findChildren(QDialog) == []


# --- accelerators -------------------------------------------------------------------------------
def test_every_accelerator_of_the_start_dialog_is_distinct(qtbot, catalogue, language):
    found = {}

    def interact(dialog):
        found["keys"] = accelerators(dialog)
        dialog.reject()

    outcome = answer_modal(interact)
    dialogs.ask_start(catalogue, language, "")
    check(outcome)
    keys = found["keys"]
    assert len(keys) >= 6, keys  # unit, year, name, sample data, start, cancel
    assert len(keys) == len(set(keys)), f"duplicate accelerators: {keys}"


def test_every_accelerator_of_the_preferences_is_distinct(qtbot, language):
    found = {}

    def interact(dialog):
        found["keys"] = accelerators(dialog)
        dialog.reject()

    outcome = answer_modal(interact)
    dialogs.ask_preferences(Preferences("", "zh", 11))
    check(outcome)
    keys = found["keys"]
    assert len(keys) >= 3, keys  # name, language, text size
    assert len(keys) == len(set(keys)), f"duplicate accelerators: {keys}"


# --- a value's history --------------------------------------------------------------------------
@pytest.fixture
def timezone():
    """Set the process's time zone (POSIX TZ, no tz database needed); restored afterwards."""
    saved = os.environ.get("TZ")

    def use(tz: str) -> None:
        os.environ["TZ"] = tz
        time.tzset()

    yield use
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


def audit(at, action, old=None, new=None, reason=None, actor="张三", code="A02D"):
    """An audit row as Store.history returns it (JSON as store/audit.py writes it)."""
    def dump(v):
        return None if v is None else json.dumps(v, ensure_ascii=False, sort_keys=True)

    return {"seq": 1, "at": at, "actor": actor, "action": action, "code": code,
            "old_json": dump(old), "new_json": dump(new), "reason": reason}


def value(raw, number, na=False, comment=""):
    return {"raw": raw, "value": number, "na": na, "comment": comment}


@pytest.mark.parametrize(("tz", "local"), [("CST-8", "2024-03-01 16:30:05"),
                                           ("EST+5", "2024-03-01 03:30:05"),
                                           ("UTC0", "2024-03-01 08:30:05")])
def test_history_times_are_local(timezone, tz, local):
    timezone(tz)
    at = "2024-03-01T08:30:05Z"
    expected = datetime(2024, 3, 1, 8, 30, 5, tzinfo=UTC).astimezone()
    (row,) = history_rows([audit(at, "edit", None, value("98", 98.0))], "zh")
    assert row.time == local == expected.strftime("%Y-%m-%d %H:%M:%S")


def test_history_of_a_real_value_in_words(tmp_path, scoring_catalogue, timezone):
    """Through the real store: its action codes and JSON, as the clerk reads them."""
    from haiyan_desktop.store import Store

    timezone("CST-8")
    with Store(tmp_path, actor="张三", clock=lambda: "2024-03-01T23:30:00Z") as store:
        sub = store.open_submission(scoring_catalogue, "town1", 2019)
        store.set_value(sub, "A02D", "2.5")
        store.set_value(sub, "A02D", "2.5", comment="统计口径调整")
        store.set_value(sub, "A02D", None, comment="本镇无此项", na=True)
        store.actor = "李四"
        store.set_value(sub, "A02D", "3.10", reason="undo")
        rows = store.history(sub, "A02D")
    zh = history_rows(rows, "zh")
    assert zh == [
        HistoryRow("2024-03-02 07:30:00", "张三", "修改数值", "— → 2.5", "", ""),
        HistoryRow("2024-03-02 07:30:00", "张三", "修改备注", "2.5 → 2.5", "统计口径调整", ""),
        HistoryRow("2024-03-02 07:30:00", "张三", "标记不适用", "2.5 → 不适用", "本镇无此项", ""),
        HistoryRow("2024-03-02 07:30:00", "李四", "修改数值", "不适用 → 3.10", "", "撤销"),
    ]
    en = history_rows(rows, "en")
    assert [(r.action, r.change, r.reason) for r in en] == [
        ("Value changed", "— → 2.5", ""),
        ("Comment changed", "2.5 → 2.5", ""),
        ("Marked not applicable", "2.5 → Not applicable", ""),
        ("Value changed", "Not applicable → 3.10", "Undo"),
    ]
    assert not any("{" in text for r in zh + en for text in r)  # no raw JSON left


def test_history_words_for_imports_states_and_the_submission(timezone):
    timezone("UTC0")
    rows = [
        audit("2024-03-01T00:00:00Z", "create", None,
              {"unit": "baibu", "year": 2019, "catalogue": "ab" * 32}, code=None),
        audit("2024-03-01T00:00:01Z", "import", value("97", 97.0), value("是", True)),
        audit("2024-03-01T00:00:02Z", "state", "draft", "checked", code=None),
        audit("2024-03-01T00:00:03Z", "state", "checked", "draft", "edit", code=None),
        audit("2024-03-01T00:00:04Z", "state", "checked", "signed", "f" * 64, code=None),
        audit("2024-03-01T00:00:05Z", "state", "signed", "reopened", "数据有误", code=None),
        audit("2024-03-01T00:00:06Z", "edit", value(None, 12.5), value(None, 13.0)),
    ]
    zh = history_rows(rows, "zh")
    assert [(r.action, r.change) for r in zh] == [
        ("新建填报", "— → baibu 2019"),
        ("从 Excel 导入", "97 → 是"),
        ("标记为已校验", "草稿 → 已校验"),
        ("退回草稿", "已校验 → 草稿"),
        ("签名", "已校验 → 已签名"),
        ("重开", "已签名 → 已重开"),
        ("修改数值", "12.5 → 13"),
    ]
    assert zh[3].reason == "数值已修改，需重新校验"
    assert zh[4].reason == "评估报告 SHA-256: " + "f" * 64
    assert zh[5].reason == "数据有误"
    en = history_rows(rows, "en")
    assert [r.action for r in en] == ["Submission created", "Imported from Excel",
                                      "Marked as checked", "Back to draft", "Signed",
                                      "Reopened", "Value changed"]
    assert en[2].change == "Draft → Checked"


def test_the_history_table_shows_the_rows_read_only(qtbot, timezone):
    timezone("CST-8")
    rows = [audit("2024-03-01T08:30:00Z", "edit", None, value("98", 98.0)),
            audit("2024-03-02T08:30:00Z", "edit", value("98", 98.0),
                  value("99", 99.0, comment="新建两所学校，入学人数增加较多"))]
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = dialogs.show_history(rows, "A01 的修改记录", parent, "zh")
    table = dialog.findChild(QTableWidget, "historyTable")
    assert not dialog.isModal() and dialog.isVisible()
    shown = [tuple(table.item(r, c).text() for c in range(table.columnCount()))
             for r in range(table.rowCount())]
    assert shown == [tuple(r) for r in history_rows(rows, "zh")]
    assert shown[1][:4] == ("2024-03-02 16:30:00", "张三", "修改数值", "98 → 99")
    assert table.editTriggers() == QTableWidget.EditTrigger.NoEditTriggers
    assert not table.item(0, 3).flags() & Qt.ItemFlag.ItemIsEditable
    comment = HistoryRow._fields.index("comment")
    em = table.fontMetrics().horizontalAdvance("中")
    assert table.columnWidth(comment) >= 16 * em
    dialog.close()
    assert deleted(dialog)
    assert parent.findChildren(QDialog) == []


def test_the_history_headers_follow_the_translator(qtbot, language):
    dialog = dialogs.show_history([], "History", None)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget, "historyTable")
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == {"zh": ["时间", "操作人", "操作", "变更", "备注", "原因"],
                       "en": ["Time", "Who", "Action", "Change", "Comment",
                              "Reason"]}[language]


# --- the guide ----------------------------------------------------------------------------------
GUIDE_WORDS = {
    "zh": ["填报 → 校验 → 签名 → 上报", "F9", "F1", "备注", "实现度", "不适用", ".p12",
           "单位负责人", "县评估办公室"],
    "en": ["enter → check → sign → submit", "F9", "F1", "comment", "realization degree",
           "not applicable", ".p12", "unit head", "assessment office"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_guide_opens_in_each_language(qtbot, lang):
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = show_guide(parent, lang)
    assert isinstance(dialog, QDialog) and dialog.isVisible() and not dialog.isModal()
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    browser = dialog.findChild(QTextBrowser)
    text = browser.toPlainText()
    for word in GUIDE_WORDS[lang]:
        assert word.lower() in text.lower(), word
    assert "#" not in text and "|---" not in text  # rendered, not shown as Markdown source
    assert not browser.openLinks()
    dialog.close()
    assert deleted(dialog)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_guide_names_every_shortcut_of_the_main_window(lang):
    form = (ROOT / "forms" / "main_window.ui").read_text(encoding="utf-8")
    shortcuts = re.findall(r'name="shortcut"><string>([^<]+)</string>', form)
    assert "F9" in shortcuts and len(shortcuts) >= 10
    guide = guide_path(lang).read_text(encoding="utf-8")
    wanted = [*shortcuts, "F1", "F3", "Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z"]
    assert [s for s in wanted if s not in guide] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_guide_has_the_county_desk_with_its_shortcuts(lang):
    form = (ROOT / "forms" / "county_window.ui").read_text(encoding="utf-8")
    shortcuts = set(re.findall(r'name="shortcut">\s*<string[^>]*>([^<]+)</string>', form))
    assert {"Ctrl+I", "Ctrl+Shift+I", "F5"} <= shortcuts
    guide = guide_path(lang).read_text(encoding="utf-8")
    section = guide[guide.index("## 县级汇总" if lang == "zh" else "## The county desk"):]
    tabs = {f"Ctrl+{n}" for n in range(1, 9)}  # told as Ctrl+1 … Ctrl+8
    missing = [s for s in sorted(shortcuts - tabs - {"Ctrl+=", "Ctrl+-", "Ctrl+Q", "F1"})
               if s not in section]
    assert missing == [] and "Ctrl+1 … Ctrl+8" in section
    assert "trust install" in section and "catalogue install" in section
    assert "http" not in guide  # offline: nothing to fetch


def test_the_guide_title_is_translated(qtbot, language):
    dialog = show_guide(None, language)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == QCoreApplication.translate("HelpDialog",
                                                              "Haiyan Desktop guide")
    assert dialog.windowTitle() == {"zh": "海盐桌面端使用指南",
                                    "en": "Haiyan Desktop guide"}[language]


def test_the_installer_bundles_the_guide():
    spec = (ROOT / "build_installer.spec").read_text(encoding="utf-8")
    assert '(RESOURCES / "help").glob("*.md")' in spec
    assert sorted(p.name for p in guide_path("zh").parent.glob("*.md")) == [
        "guide.en.md", "guide.zh.md"]
