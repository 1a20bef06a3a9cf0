"""Verify signatures from the window: a verdict, one row per signature, the problems found.

The good report is of real data; a signed report of the demo data is never 核验通过.
"""

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
from tests.reports import real_report, real_store_from_demo, signed_by_both

SAMPLE_ZH = "这是示例数据生成的报告，不能作为正式上报材料"


@pytest.fixture(scope="module")
def signed(county, demo_dir, signed_report, tmp_path_factory):
    """The session's county root; a doubly signed report of real data and a tampered copy; the
    session's doubly signed report of the demo data."""
    folder = tmp_path_factory.mktemp("verify")
    report = real_report(real_store_from_demo(demo_dir, folder / "real"), folder / "real.pdf")
    good = signed_by_both(report, county, folder / "good.pdf")
    content = good.read_bytes()
    tampered = bytearray(content)
    tampered[len(content) // 2] ^= 0x01  # one bit in the middle of the file
    path = folder / "tampered.pdf"
    path.write_bytes(bytes(tampered))
    return SimpleNamespace(root=county.root, good=good, tampered=path, sample=signed_report)


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


def test_a_signed_sample_report_is_not_acceptable(make_app, qtbot, data_dir, signed):
    (trust_folder(data_dir)).mkdir()
    (trust_folder(data_dir) / pki.ROOT_CERT).write_bytes(signed.root.read_bytes())
    dialog = open_dialog(make_app(unit=UNIT).window)

    verify(dialog, qtbot, signed.sample)
    assert not dialog.result.ok and dialog.result.sample_only
    label = dialog.ui.verdictLabel
    assert label.text().startswith(SAMPLE_ZH) and "核验通过" not in label.text()
    assert label.property("ok") is False and "#c62828" in label.styleSheet()  # the error red
    assert problems(dialog) == [SAMPLE_ZH]
    # the signatures themselves are sound: the table says so
    assert [cells(dialog, r)[4:6] for r in range(2)] == [["是", "是"], ["是", "是"]]


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
