"""Help → 导出诊断信息… in the main window: the zip is written on a worker and its place said
in Chinese; nothing of the clerk's values goes into it (tests/unit/test_diagnostics.py)."""

from __future__ import annotations

import zipfile

from PySide6.QtWidgets import QFileDialog, QMessageBox


def test_diagnostics_are_exported_from_the_help_menu(make_app, qtbot, tmp_path, monkeypatch):
    out = tmp_path / "support.zip"
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[1:3]))
    app = make_app()
    app.window.ui.actionDiagnostics.trigger()
    qtbot.waitUntil(lambda: len(said) == 1, timeout=30000)
    title, text = said[0]
    assert title == "诊断信息" and str(out) in text
    assert zipfile.is_zipfile(out)
    assert app.window.ui.isVisible()
