"""The report preview: QtPdf shows the PDF; print, open in the system viewer, save as.

For a signed report the file is the signed one in the data folder: saving copies it byte for
byte and the viewer opens it; the screen and the printer get a copy with the signatures'
stamps painted in (QtPdf draws no form fields), which is never written anywhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QPointF, QSize, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..messages import os_reason


class ReportDialog(QDialog):
    def __init__(self, pdf: Path, suggested_name: str, parent: QWidget | None = None,
                 display: bytes | None = None, folder: Path | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.folder = folder or Path.home()  # where "save as" starts
        self.lang = lang
        self.setWindowTitle(
            QCoreApplication.translate("ReportDialog", "Assessment report")
            if display is None else
            QCoreApplication.translate("ReportDialog", "Signed assessment report"))
        self.document = QPdfDocument(self)
        if display is None:
            self.document.load(str(pdf))
        else:  # from memory: nothing keeps a file open, nothing is written
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(display))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(QCoreApplication.translate("ReportDialog", "&Print…"))
        self.open_button = QPushButton(
            QCoreApplication.translate("ReportDialog", "Open in the system &viewer"))
        self.save_button = QPushButton(QCoreApplication.translate("ReportDialog", "&Save as…"))
        for button in (self.print_button, self.open_button, self.save_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_report)
        self.open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf))))
        self.save_button.clicked.connect(self.save_as)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(900, 740)

    def save_as(self) -> Path | None:
        target, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("ReportDialog", "Save the report"),
            str(self.folder / self.suggested_name), "PDF (*.pdf)")
        if not target:
            return None
        try:
            shutil.copyfile(self.pdf, target)
        except OSError as exc:
            QMessageBox.warning(self, QCoreApplication.translate("ReportDialog", "Not saved"),
                                f"{target}：{os_reason(exc).get(self.lang)}"
                                if self.lang == "zh" else
                                f"{target}: {os_reason(exc).get(self.lang)}")
            return None
        return Path(target)

    def print_report(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.render_to(printer)

    def render_to(self, printer: QPrinter) -> int:
        """Draw every page at the printer's resolution; returns the number of pages."""
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                area = printer.pageRect(QPrinter.Unit.DevicePixel).size().toSize()
                points = self.document.pagePointSize(page)
                scale = min(area.width() / points.width(), area.height() / points.height())
                size = QSize(round(points.width() * scale), round(points.height() * scale))
                painter.drawImage(QPointF(0, 0), self.document.render(page, size))
        finally:
            painter.end()
        return self.document.pageCount()
