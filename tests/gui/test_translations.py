"""The Chinese catalogue: complete, compiled, in step with the code, and drawable by our font.

Source strings are English (tr() / QCoreApplication.translate and the Designer forms); the
Chinese lives in resources/translations/haiyan_zh_CN.ts, compiled to .qm by
scripts/update-translations. These tests fail when someone adds a string without running it,
or edits the .ts without recompiling.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics

from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.catalogue.serialize import catalogue_to_dict
from tests.conftest import catalogue_strings

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "haiyan_zh_CN.ts"
QM = TRANSLATIONS / "haiyan_zh_CN.qm"
PLACEHOLDER = re.compile(r"%(?:n|L?\d+)")
ACCELERATOR = re.compile(r"&(?!amp;)(\w)")  # &F in "&File" (the XML is already unescaped)


def qt_tool(name: str) -> str:
    """The venv's pyside6-lupdate / pyside6-lrelease (same ones the script uses)."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} not found (pip install PySide6-Essentials)"
    return found


def messages(ts: Path) -> list[dict]:
    """Every message of a .ts as {context, source, numerus, unfinished, translations}."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            texts = ([f.text or "" for f in translation.findall("numerusform")] if numerus
                     else [translation.text or ""])
            found.append({"context": name, "source": message.findtext("source"),
                          "numerus": numerus, "translations": texts,
                          "unfinished": translation.get("type") in ("unfinished", "vanished",
                                                                    "obsolete")})
    return found


@pytest.fixture
def chinese(qapp):
    """The app's Chinese translator installed; the English source strings afterwards."""
    from haiyan_desktop.gui.app import install_translator

    locale = QLocale()
    assert install_translator(qapp, "zh") is not None, f"{QM} did not load"
    yield
    install_translator(qapp, "en")
    QLocale.setDefault(locale)  # install_translator("zh") made Chinese the default locale


# --- (a) complete -------------------------------------------------------------------------------
def test_every_string_is_translated_with_its_placeholders_and_accelerator():
    found = messages(TS)
    assert found, f"{TS} has no messages"
    problems = []
    for m in found:
        where = f"{m['context']}: {m['source']!r}"
        if m["unfinished"] or not all(t.strip() for t in m["translations"]):
            problems.append(f"{where} is not translated")
            continue
        wanted = set(PLACEHOLDER.findall(m["source"]))
        if m["numerus"]:
            wanted.add("%n")
        for text in m["translations"]:
            if not wanted <= set(PLACEHOLDER.findall(text)):
                problems.append(f"{where}: {text!r} lacks {sorted(wanted)}")
            accelerator = ACCELERATOR.search(m["source"])  # same key, any case: 姓名(&N)
            if accelerator and f"&{accelerator.group(1)}".lower() not in text.lower():
                problems.append(f"{where}: {text!r} lacks the accelerator "
                                f"&{accelerator.group(1)}")
    assert problems == [], "\n".join(problems)


# --- (b) compiled -------------------------------------------------------------------------------
def test_the_committed_qm_is_compiled_from_the_ts(tmp_path):
    built = tmp_path / "haiyan_zh_CN.qm"
    result = subprocess.run([qt_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(built)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert QM.exists(), f"{QM} is missing: run scripts/update-translations"
    assert built.read_bytes() == QM.read_bytes(), (
        f"{QM.name} is stale: run scripts/update-translations")


# --- (c) in step with the code ---------------------------------------------------------------
def test_every_string_of_the_code_and_the_forms_is_in_the_ts(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p.relative_to(ROOT)) for p in
                     [*(ROOT / "haiyan_desktop" / "gui").glob("*.py"),
                      *(ROOT / "forms").glob("*.ui")])
    result = subprocess.run([qt_tool("pyside6-lupdate"), "-silent", "-no-obsolete",
                             "-locations", "none", *sources, "-ts", str(copy)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    known = {(m["context"], m["source"]) for m in messages(TS)}
    now = {(m["context"], m["source"]) for m in messages(copy)}
    new = sorted(now - known)
    assert new == [], ("strings not in the .ts yet (run scripts/update-translations, then "
                       "translate them):\n" + "\n".join(f"{c}: {s!r}" for c, s in new))


# --- (d) loaded by the app -------------------------------------------------------------------
@pytest.mark.parametrize(("context", "source", "chinese_text"), [
    ("MainWindow", "&File", "文件(&F)"),
    ("MainWindow", "&Edit", "编辑(&E)"),
    ("MainWindow", "&Submission", "填报(&S)"),
    ("MainWindow", "What is left to do", "待处理事项"),
    ("MainWindow", "Realization degree", "实现度"),
    ("EntryTableModel", "Value", "本年数值"),
    ("EntryTableModel", "Last year", "上年数值"),
    ("StartDialog", "Open the &sample data", "打开示例数据(&S)"),
])
def test_the_app_translator_gives_chinese(chinese, context, source, chinese_text):
    assert QCoreApplication.translate(context, source) == chinese_text


def test_placeholders_and_plurals_survive_translation(chinese):
    saved = QCoreApplication.translate("MainWindow", "Saved %1").replace("%1", "09:30:00")
    assert saved == "已保存 09:30:00"
    assert QCoreApplication.translate("MainWindow", "Paste %n value(s)", "", 3) == "粘贴 3 个数值"


def test_the_classes_tr_finds_its_context(chinese):
    """PySide's self.tr() must look up the context lupdate wrote (the class name)."""
    from haiyan_desktop.gui.entry_model import EntryTableModel
    from haiyan_desktop.gui.side_models import DomainModel

    headers = EntryTableModel(None, lambda *_: None).headers()  # type: ignore[arg-type]
    assert headers[:3] == ["指标代码", "指标名称", "本年数值"]
    assert DomainModel().tr("%n value(s) entered", "", 5) == "已填报 5 项"


def test_the_designer_forms_are_translated_when_loaded(chinese):
    from haiyan_desktop.gui.forms import load_form

    window = load_form("main_window.ui")
    try:
        assert window.menuFile.title() == "文件(&F)"
        assert window.actionCheck.text() == "待处理事项"
        assert window.scoreTitle.text() == "实现度"
    finally:
        window.deleteLater()


# --- (e) drawable ------------------------------------------------------------------------------
_strings = catalogue_strings


def test_the_bundled_font_draws_every_translation_and_catalogue_name(qapp, gui_font):
    text = "".join(t for m in messages(TS) for t in m["translations"])
    text += "".join(_strings(catalogue_to_dict(default_catalogue())))
    wanted = sorted({ch for ch in text if not ch.isspace()})
    font = QFont(gui_font)
    assert QFontInfo(font).family() == gui_font, "the bundled font is not the one drawn"
    metrics = QFontMetrics(font)
    missing = [ch for ch in wanted if not metrics.inFontUcs4(ord(ch))]  # inFont misses CJK
    assert missing == [], f"{gui_font} lacks: {''.join(missing)}"
