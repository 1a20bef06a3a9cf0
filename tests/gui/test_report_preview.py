"""The report from the window: built off the GUI thread, previewed, saved and printed."""

from __future__ import annotations

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog


def test_report_preview_save_and_print(make_app, qtbot, tmp_path, monkeypatch):
    w = make_app(unit="shendang").window
    w.ui.actionReport.trigger()
    qtbot.waitUntil(lambda: getattr(w, "report_dialog", None) is not None, timeout=30000)
    dialog = w.report_dialog
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready)
    pages = dialog.document.pageCount()
    assert pages >= 4
    assert "沈荡镇" in dialog.pdf.name and dialog.pdf.suffix == ".pdf"
    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert dialog.save_as() == target
    assert target.read_bytes() == dialog.pdf.read_bytes()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert dialog.render_to(printer) == pages
    copy = QPdfDocument()
    copy.load(str(printed))
    assert copy.pageCount() == pages
    dialog.close()
