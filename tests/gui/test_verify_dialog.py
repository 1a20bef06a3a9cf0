"""Verify signatures from the window: a verdict, one row per signature, the problems found."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from haiyan_desktop.messages import msg
from haiyan_desktop.signing import (
    installed_trust,
    pki,
    trust_folder,
)
from tests.county import CLERK_NAME, HEAD_NAME, UNIT, UNIT_NAME


@pytest.fixture(scope="module")
def signed(county, signed_report, tmp_path_factory):
    """The session's county root, its doubly signed report and a tampered copy."""
    content = signed_report.read_bytes()
    tampered = bytearray(content)
    tampered[len(content) // 2] ^= 0x01  # one bit in the middle of the file
    path = tmp_path_factory.mktemp("verify") / "tampered.pdf"
    path.write_bytes(bytes(tampered))
    return SimpleNamespace(root=county.root, good=signed_report, tampered=path)


def open_dialog(w):
    assert w.ui.actionVerify.isEnabled()
    w.ui.actionVerify.trigger()
    return w.verify_dialog


def verify(dialog, qtbot, pdf) -> None:
    dialog.ui.pdfEdit.setText(str(pdf))
    dialog.result = None
    qtbot.mouseClick(dialog.ui.verifyButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.ui.verifyButton.isEnabled, timeout=30000)  # off while it runs
    assert dialog.ui.errorLabel.text() == ""
    assert dialog.result is not None


def cells(dialog, row):
    model = dialog.model
    return [model.index(row, c).data() for c in range(model.columnCount())]


def problems(dialog):
    return [dialog.ui.problemsList.item(r).text() for r in range(dialog.ui.problemsList.count())]


def test_a_good_report_passes_and_the_root_is_installed_for_next_time(
        make_app, qtbot, data_dir, signed):
    w = make_app(unit=UNIT).window
    dialog = open_dialog(w)
    # nothing installed yet: the county's files are asked for
    assert installed_trust(data_dir) is None
    assert dialog.ui.filesRadio.isChecked() and not dialog.ui.installedRadio.isEnabled()
    assert "尚未安装" in dialog.ui.trustStatusLabel.text()
    dialog.ui.rootEdit.setText(str(signed.root))
    dialog.ui.installCheck.setChecked(True)

    verify(dialog, qtbot, signed.good)
    assert dialog.result.ok
    assert dialog.ui.verdictLabel.isVisibleTo(dialog.ui)
    assert dialog.ui.verdictLabel.text().startswith("核验通过")
    assert dialog.ui.verdictLabel.property("ok") is True
    assert dialog.model.rowCount() == 2
    clerk, head = cells(dialog, 0), cells(dialog, 1)
    assert clerk[:3] == ["填报人", CLERK_NAME, UNIT_NAME]
    assert head[:3] == ["单位负责人", HEAD_NAME, UNIT_NAME]
    assert clerk[4:] == ["是", "是", "否", "至下一个签名为止", "否"]
    assert head[4:] == ["是", "是", "否", "是", "否"]
    assert problems(dialog) == ["无。"]

    # installed: the next check uses it by default
    assert (trust_folder(data_dir) / pki.ROOT_CERT).read_bytes() == signed.root.read_bytes()
    assert dialog.ui.installedRadio.isChecked() and not dialog.ui.installCheck.isChecked()
    assert "有效期至" in dialog.ui.trustStatusLabel.text()
    dialog.ui.close()
    again = open_dialog(w)
    assert again.ui.installedRadio.isChecked()


def test_a_tampered_copy_fails_with_its_problems(make_app, qtbot, data_dir, signed):
    (trust_folder(data_dir)).mkdir()
    (trust_folder(data_dir) / pki.ROOT_CERT).write_bytes(signed.root.read_bytes())
    dialog = open_dialog(make_app(unit=UNIT).window)
    assert dialog.ui.installedRadio.isChecked()

    verify(dialog, qtbot, signed.tampered)
    result = dialog.result
    assert not result.ok
    assert dialog.ui.verdictLabel.text().startswith("核验未通过")
    assert dialog.ui.verdictLabel.property("ok") is False
    assert dialog.model.rowCount() == 2
    assert cells(dialog, 0)[4] == "否"  # the clerk's signature no longer matches the bytes
    listed = problems(dialog)
    assert listed == [m.render("zh") for m in result.all_problems] and listed
    who = "填报人" + CLERK_NAME
    assert msg("verify.not_intact", who=who).render("zh") in listed


def test_in_english_and_a_broken_installed_root_is_said_inline(
        make_app, qtbot, data_dir, signed):
    trust_folder(data_dir).mkdir()
    (trust_folder(data_dir) / pki.ROOT_CERT).write_text("not a certificate")
    dialog = open_dialog(make_app(unit=UNIT, lang="en").window)
    assert dialog.ui.trustStatusLabel.text().startswith("The installed county root cannot be "
                                                        "used")
    assert dialog.ui.filesRadio.isChecked()
    qtbot.mouseClick(dialog.ui.verifyButton, Qt.MouseButton.LeftButton)
    assert dialog.ui.errorLabel.text() == "Choose the signed report (PDF) to verify."
    dialog.ui.pdfEdit.setText(str(signed.good))
    qtbot.mouseClick(dialog.ui.verifyButton, Qt.MouseButton.LeftButton)
    assert dialog.ui.errorLabel.text() == "Choose the county root certificate (county-root.pem)."

    dialog.ui.rootEdit.setText(str(signed.root))
    verify(dialog, qtbot, signed.good)
    assert dialog.ui.verdictLabel.text().startswith("Verified")
    assert cells(dialog, 1)[:2] == ["Unit head", HEAD_NAME]
