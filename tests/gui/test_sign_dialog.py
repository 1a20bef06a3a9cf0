"""Sign and export from the window: the clerk, then the unit head, checked through the files
and the store; every refusal is a red sentence in the dialog and changes nothing."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog, QInputDialog

from haiyan_desktop.messages import msg
from haiyan_desktop.report import read_report_data
from haiyan_desktop.signing import Signer, Trust, existing_signers, verify_report
from haiyan_desktop.store import Store
from tests.county import CLERK_NAME, HEAD_NAME, P12_PASS, UNIT, UNIT_NAME, YEAR

CLERK = Signer(CLERK_NAME, UNIT, UNIT_NAME, "clerk")
HEAD = Signer(HEAD_NAME, UNIT, UNIT_NAME, "head")


@pytest.fixture(scope="module")
def county(county):
    """The session's county CA (tests/county.py), with the unit's two certificates."""
    return SimpleNamespace(root=county.root, clerk=county.p12["clerk"],
                           head=county.p12["head"])


def open_dialog(window, qtbot):
    window.ui.actionSign.trigger()
    dialog = window.sign_dialog
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    assert dialog.ui.errorLabel.text() == ""
    assert dialog.content is not None
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready)
    assert dialog.document.pageCount() >= 4
    return dialog


def sign_with(dialog, qtbot, p12, passphrase=P12_PASS) -> None:
    dialog.ui.p12Edit.setText(str(p12))
    dialog.ui.passphraseEdit.setText(passphrase)
    qtbot.mouseClick(dialog.ui.signButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    assert dialog.ui.passphraseEdit.text() == ""  # cleared after every attempt


def red_in_box(document, role: str) -> int:
    """Red pixels QtPdf draws inside a signature place of the last page (1 px per point)."""
    from PySide6.QtCore import QSize

    from haiyan_desktop.report import SIGNATURE_BOXES

    size = document.pagePointSize(document.pageCount() - 1)
    image = document.render(document.pageCount() - 1, QSize(round(size.width()),
                                                             round(size.height())))
    x1, y1, x2, y2 = SIGNATURE_BOXES[role]
    top = image.height()
    return sum(1 for y in range(top - round(y2), top - round(y1))
               for x in range(round(x1), round(x2))
               if (c := image.pixelColor(x, y)).red() > 150 and c.green() < 90
               and c.blue() < 90)


def signers_of(path):
    return existing_signers(path.read_bytes())


def stored_state(data_dir) -> str:
    with Store(data_dir, demo=True, write=False) as reader:
        return reader.submission(UNIT, YEAR).state


def test_the_action_is_enabled_only_for_a_checked_submission(make_app):
    app = make_app(unit="baibu")  # a draft in the demo
    draft = app.window
    assert draft.session.submission.state == "draft"
    assert not draft.ui.actionSign.isEnabled()
    assert draft.ui.actionVerify.isEnabled()
    assert app.open(True, UNIT, YEAR)
    checked = app.window
    assert checked.ui.actionSign.isEnabled()
    assert checked.ui.actionSign.text() == "签名并导出…"


def test_clerk_then_head_sign_and_the_window_shows_signed(make_app, qtbot, data_dir, county,
                                                         tmp_path, monkeypatch):
    w = make_app(unit=UNIT).window
    dialog = open_dialog(w, qtbot)
    working = data_dir / "reports" / "demo" / f"{UNIT}_{YEAR}.pdf"
    assert dialog.path == working and working.is_file()
    assert signers_of(working) == []
    assert dialog.ui.clerkStatus.text() == dialog.ui.headStatus.text() == "尚未签名"

    sign_with(dialog, qtbot, county.clerk)
    assert dialog.ui.errorLabel.text() == ""
    assert signers_of(working) == [("clerk", CLERK)]
    assert CLERK.name in dialog.ui.clerkStatus.text()
    assert "还需要单位负责人签名" in dialog.ui.statusLabel.text()
    assert stored_state(data_dir) == "checked"
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready)
    assert red_in_box(dialog.document, "clerk") > 500  # the clerk's seal, in the preview
    assert red_in_box(dialog.document, "head") == 0
    bar = dialog.view.verticalScrollBar()  # scrolled to the signature places
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    assert w.ui.stateBadge.text() == "已校验" and w.ui.actionSign.isEnabled()

    # closed and opened again: the working copy still matches the store and is reused
    after_clerk = working.read_bytes()
    dialog.ui.close()
    dialog = open_dialog(w, qtbot)
    assert working.read_bytes() == after_clerk
    assert [field for field, _ in dialog.signers] == ["clerk"]

    sign_with(dialog, qtbot, county.head)
    assert dialog.ui.errorLabel.text() == ""
    assert signers_of(working) == [("clerk", CLERK), ("head", HEAD)]
    assert HEAD.name in dialog.ui.headStatus.text()
    assert stored_state(data_dir) == "signed"
    assert w.session.submission.state == "signed"
    assert w.ui.stateBadge.text() == "已签名"
    assert not w.ui.actionSign.isEnabled() and w.ui.actionReopen.isEnabled()
    assert not dialog.ui.signButton.isEnabled()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready)
    assert red_in_box(dialog.document, "head") > 500
    verdict = verify_report(working, Trust.from_files(county.root))
    assert [p.key for p in verdict.all_problems] == ["verify.sample_data"]  # signed, but sample

    # once signed, the signed file is the report: previewed, saved and opened as it is
    dialog.ui.close()
    w.ui.actionReport.trigger()
    report = w.report_dialog
    assert report.pdf == working and "已签名" in report.windowTitle()
    qtbot.waitUntil(lambda: report.document.status() == QPdfDocument.Status.Ready)
    assert red_in_box(report.document, "clerk") > 500  # the stamps, on screen and on paper
    assert red_in_box(report.document, "head") > 500
    saved = tmp_path / "saved-signed.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    assert report.save_as() == saved
    assert saved.read_bytes() == working.read_bytes()  # byte for byte the signed file
    report.close()
    dialog = open_dialog(w, qtbot)

    # reopened (in the window) and checked again: the signed file is set aside as
    # superseded at once, and a fresh one is signed
    signed = working.read_bytes()
    dialog.ui.close()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("一个数字填错了", True))
    w.ui.actionReopen.trigger()
    assert w.session.submission.state == "reopened"
    kept = list(working.parent.glob(f"{UNIT}_{YEAR}.superseded-*.pdf"))
    assert [p.read_bytes() for p in kept] == [signed] and not working.exists()
    assert "作废" in w.ui.statusBar().currentMessage() and kept[0].name in \
        w.ui.statusBar().currentMessage()
    store = w.session.store
    store.mark_checked(store.submission(UNIT, YEAR))
    w.session.reload()
    w.changed("", saved=False)
    dialog = open_dialog(w, qtbot)
    assert signers_of(working) == []
    assert list(working.parent.glob(f"{UNIT}_{YEAR}.superseded-*.pdf")) == kept


def test_a_wrong_passphrase_is_said_in_the_dialog_and_changes_nothing(
        make_app, qtbot, data_dir, tmp_path, county, monkeypatch):
    w = make_app(unit=UNIT).window
    dialog = open_dialog(w, qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(county.clerk), ""))
    qtbot.mouseClick(dialog.ui.chooseButton, Qt.MouseButton.LeftButton)
    assert dialog.ui.p12Edit.text() == str(county.clerk)
    before = dialog.path.read_bytes()

    dialog.ui.passphraseEdit.setText("wrong-passphrase")
    qtbot.mouseClick(dialog.ui.signButton, Qt.MouseButton.LeftButton)
    assert dialog.ui.errorLabel.isVisibleTo(dialog.ui)
    assert dialog.ui.errorLabel.text() == msg("sign.wrong_passphrase",
                                              path=str(county.clerk)).render("zh")
    assert dialog.ui.passphraseEdit.text() == ""
    assert dialog.path.read_bytes() == before
    assert stored_state(data_dir) == "checked"
    assert dialog.ui.signButton.isEnabled()

    # the certificate's folder is remembered, the passphrase never
    w.settings.sync()
    settings_text = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert str(county.clerk.parent) in settings_text
    assert "wrong-passphrase" not in settings_text and P12_PASS not in settings_text

    # save as: the unit's report name, a copy of the working file
    target = tmp_path / "saved.pdf"
    asked = []

    def save_name(_parent, _title, name, _filter):
        asked.append(name)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    qtbot.mouseClick(dialog.ui.saveButton, Qt.MouseButton.LeftButton)
    assert [Path(name).name for name in asked] == ["海盐县_武原街道_2019_评估报告.pdf"]
    assert target.read_bytes() == before


def test_the_head_before_the_clerk_is_refused_in_english(make_app, qtbot, data_dir, county):
    w = make_app(unit=UNIT, lang="en").window
    dialog = open_dialog(w, qtbot)
    before = dialog.path.read_bytes()
    sign_with(dialog, qtbot, county.head)
    assert dialog.ui.errorLabel.text() == msg("sign.clerk_first", name=HEAD.name).render("en")
    assert dialog.path.read_bytes() == before
    assert signers_of(dialog.path) == []
    assert stored_state(data_dir) == "checked"
    assert dialog.ui.clerkStatus.text() == "Not signed yet"


def test_a_working_file_that_is_not_a_report_is_built_again(make_app, qtbot, data_dir):
    working = data_dir / "reports" / "demo" / f"{UNIT}_{YEAR}.pdf"
    working.parent.mkdir(parents=True)
    working.write_bytes(b"%PDF-1.7 not really a report")
    w = make_app(unit=UNIT).window
    dialog = open_dialog(w, qtbot)
    assert read_report_data(working)["unit"]["code"] == UNIT
    assert dialog.content == working.read_bytes()
    assert not list(working.parent.glob("*.superseded-*"))  # it had no signature to keep
