"""The report preview: QtPdf shows the built PDF; print, open in the system viewer, save as."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QSize, QUrl
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


class ReportDialog(QDialog):
    def __init__(self, pdf: Path, suggested_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.setWindowTitle(QCoreApplication.translate("ReportDialog", "Assessment report"))
        self.document = QPdfDocument(self)
        self.document.load(str(pdf))
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
            self.suggested_name, "PDF (*.pdf)")
        if not target:
            return None
        try:
            shutil.copyfile(self.pdf, target)
        except OSError as exc:
            QMessageBox.warning(self, QCoreApplication.translate("ReportDialog", "Not saved"),
                                f"{target}: {exc.strerror or exc}")
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
