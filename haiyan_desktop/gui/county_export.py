"""The county window's two exports: the summary report (PDF, signed by the assessment office
if it wishes) and the year's tables in Excel.

Both are jobs of the core (:func:`jobs.summary.county_report`, :func:`jobs.equalization.
export_year`) run on the worker pool. The report dialog asks where to save, in which language,
and — to sign — for the office's certificate file and its passphrase, which only passes
through memory: the field is cleared after every attempt, never stored or logged. Every
refusal is one red sentence in the dialog (or a message box for the Excel export); nothing is
written then.
"""

from __future__ import annotations

import html
from pathlib import Path

import shiboken6
from PySide6 import QtWidgets
from PySide6.QtWidgets import QFileDialog, QWidget

from ..errors import HaiyanError
from ..jobs import DataFolder
from ..messages import os_reason
from .form_dialog import FormDialog
from .settings import CERTIFICATE_FOLDER, FILES_FOLDER, Settings, start_folder
from .workers import run_in_background

ERROR_STYLE = "color: #c62828;"


def summary_file_name(year: int, suffix: str, lang: str = "zh") -> str:
    """The name offered when saving: 海盐县_2019_县级汇总.pdf (.xlsx), in English
    Haiyan_2019_county_summary.pdf."""
    stem = f"Haiyan_{year}_county_summary" if lang == "en" else f"海盐县_{year}_县级汇总"
    return stem + suffix


def _refusal(exc: Exception, lang: str) -> str:
    """One sentence for what went wrong; a programming error is not swallowed."""
    if isinstance(exc, HaiyanError):
        return "\n".join(exc.lines(lang))
    if isinstance(exc, OSError):
        return os_reason(exc).get(lang)
    raise exc


class SummaryDialog(FormDialog):
    """文件 → 导出县级汇总报告（PDF）…: where, which language, signed or not."""

    def __init__(self, folder: DataFolder, settings: Settings, lang: str, year: int,
                 parent: QWidget | None = None):
        super().__init__("county_summary_dialog.ui", parent)
        self.folder, self.settings, self.lang, self.year = folder, settings, lang, year
        self.busy = False
        self.written: Path | None = None
        ui = self.ui
        ui.yearLabel.setText("<b>" + html.escape(
            self.tr("County summary report of %1").replace("%1", str(year))) + "</b>")
        ui.pdfEdit.setText(str(start_folder(settings) / summary_file_name(year, ".pdf", lang)))
        ui.languageCombo.addItem("中文", "zh")
        ui.languageCombo.addItem("English", "en")
        ui.languageCombo.setCurrentIndex(1 if lang == "en" else 0)
        ui.languageCombo.currentIndexChanged.connect(self._language_changed)
        ui.errorLabel.setStyleSheet(ERROR_STYLE)
        ui.errorLabel.hide()
        ui.signCheck.toggled.connect(self._sign_toggled)
        ui.choosePdfButton.clicked.connect(self.choose_pdf)
        ui.chooseP12Button.clicked.connect(self.choose_p12)
        ui.exportButton.clicked.connect(self.export)
        ui.closeButton.clicked.connect(ui.close)
        self._sign_toggled(False)

    def _alive(self) -> bool:
        return shiboken6.isValid(self.ui) and shiboken6.isValid(self)

    def _language_changed(self) -> None:
        """The offered file name follows the report's language; a name the user typed or
        chose stays as it is."""
        path = Path(self.ui.pdfEdit.text().strip())
        new = self.ui.languageCombo.currentData() or "zh"
        offered = {summary_file_name(self.year, ".pdf", lang) for lang in ("zh", "en")}
        if path.name in offered:
            self.ui.pdfEdit.setText(str(path.with_name(summary_file_name(self.year, ".pdf",
                                                                           new))))

    def _sign_toggled(self, on: bool) -> None:
        for widget in (self.ui.p12Label, self.ui.p12Edit, self.ui.chooseP12Button,
                       self.ui.passphraseLabel, self.ui.passphraseEdit):
            widget.setEnabled(on)

    def choose_pdf(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self.ui, self.tr("Save the county summary report"), self.ui.pdfEdit.text(),
            self.tr("PDF (*.pdf)"))
        if chosen:
            self.ui.pdfEdit.setText(chosen if chosen.lower().endswith(".pdf")
                                    else f"{chosen}.pdf")

    def choose_p12(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.ui, self.tr("The assessment office's certificate"),
            str(start_folder(self.settings, CERTIFICATE_FOLDER)),
            self.tr("Certificates (*.p12 *.pfx);;All files (*)"))
        if chosen:
            self.ui.p12Edit.setText(chosen)
            self.settings.set(CERTIFICATE_FOLDER, str(Path(chosen).parent))

    def _say(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setVisible(bool(text))

    def export(self) -> None:
        """Check what was given, then build (and sign) the report on the worker pool."""
        if self.busy:
            return
        out_text = self.ui.pdfEdit.text().strip()
        if not out_text:
            self._say(self.tr("Choose where to save the report."))
            return
        out = Path(out_text)
        lang = self.ui.languageCombo.currentData() or "zh"
        sign = self.ui.signCheck.isChecked()
        p12 = self.ui.p12Edit.text().strip()
        passphrase = self.ui.passphraseEdit.text()
        self.ui.passphraseEdit.clear()  # only ever in memory, only for this attempt
        if sign and not p12:
            self._say(self.tr("Choose the assessment office's certificate file (.p12)."))
            return
        self._say("")
        self.busy = True
        self.ui.exportButton.setEnabled(False)
        folder, year = self.folder, self.year

        def job():
            from ..jobs.signing import load_credential
            from ..jobs.summary import county_report

            credential = load_credential(p12, passphrase) if sign else None
            return county_report(folder, year, out, lang=lang, credential=credential)

        label = self.tr("Signing the county summary report…") if sign else self.tr(
            "Building the county summary report…")
        run_in_background(self.ui, label, job, self._done, self._failed)

    def _done(self, result) -> None:
        if not self._alive():
            return
        self.busy = False
        self.ui.exportButton.setEnabled(True)
        path = Path(getattr(result, "path", None) or self.ui.pdfEdit.text().strip())
        self.written = path
        self.settings.set(FILES_FOLDER, str(path.parent))
        QtWidgets.QMessageBox.information(
            self.ui, self.tr("County summary report"),
            self.tr("The county summary report was saved:\n%1").replace("%1", str(path)))
        self.ui.close()

    def _failed(self, exc: Exception) -> None:
        if not self._alive():
            return
        self.busy = False
        self.ui.exportButton.setEnabled(True)
        self._say(_refusal(exc, self.lang))


def export_workbook(parent: QWidget, folder: DataFolder, settings: Settings, lang: str,
                    year: int) -> None:
    """文件 → 导出到 Excel…: the year's tables as a workbook (asks where, then the worker)."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, QtWidgets.QApplication.translate("CountyExport", "Export to Excel"),
        str(start_folder(settings) / summary_file_name(year, ".xlsx", lang)), "Excel (*.xlsx)")
    if not chosen:
        return
    out = Path(chosen if chosen.lower().endswith(".xlsx") else f"{chosen}.xlsx")
    settings.set(FILES_FOLDER, str(out.parent))
    title = QtWidgets.QApplication.translate("CountyExport", "Export to Excel")

    def job():
        from ..jobs.equalization import export_year

        return export_year(folder, year, out)

    def done(_result) -> None:
        QtWidgets.QMessageBox.information(parent, title, QtWidgets.QApplication.translate(
            "CountyExport", "The year's tables were saved:\n%1").replace("%1", str(out)))

    def failed(exc: Exception) -> None:
        QtWidgets.QMessageBox.warning(parent, title, _refusal(exc, lang))

    run_in_background(parent, QtWidgets.QApplication.translate(
        "CountyExport", "Writing the workbook…"), job, done, failed)


__all__ = ["SummaryDialog", "export_workbook", "summary_file_name"]
