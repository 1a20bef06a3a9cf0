"""Verify the signatures of a report: a verdict, one row per signature, the problems found.

The check itself is the core's :func:`signing.verify_report` (pyHanko, offline, the county
root as the only trust anchor), run off the GUI thread. What to trust is the county root
installed in the data folder, or the county's files named here (and installed for next time).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import shiboken6
from cryptography.x509.oid import NameOID
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QWidget

from .. import signing
from ..jobs.signing import verify, working_path
from ..messages import msg
from ..session import EntrySession
from .form_dialog import FormDialog
from .settings import VERIFY_FOLDER, Settings, start_folder
from .sign_dialog import ERROR_STYLE, QUIET_STYLE
from .workers import run_in_background

GOOD, BAD = QColor("#2e7d32"), QColor("#c62828")
Index = QModelIndex | QPersistentModelIndex
PASSED_STYLE = "color: white; background: #2e7d32; padding: 8px; font-weight: bold;"
FAILED_STYLE = "color: white; background: #c62828; padding: 8px; font-weight: bold;"


class SignaturesModel(QAbstractTableModel):
    """One row per signature of a :class:`signing.Verification`, already formatted."""

    def __init__(self, lang: str, parent: QObject | None = None):
        super().__init__(parent)
        self.lang = lang
        self.checks: list[signing.SignatureCheck] = []
        self.cells: list[list[tuple[str, bool | None]]] = []  # (text, good?) per column

    def headers(self) -> list[str]:
        return [self.tr("Place"), self.tr("Signer"), self.tr("Unit"), self.tr("Signed at"),
                self.tr("Intact"), self.tr("Trusted"), self.tr("Revoked"),
                self.tr("Covers the whole file"), self.tr("Changed after signing")]

    def set_checks(self, checks: list[signing.SignatureCheck]) -> None:
        self.beginResetModel()
        self.checks = list(checks)
        self.cells = [self._cells(c, last=n == len(checks) - 1) for n, c in enumerate(checks)]
        self.endResetModel()

    def _cells(self, check: signing.SignatureCheck, last: bool) -> list[tuple[str, bool | None]]:
        yes, no = self.tr("Yes"), self.tr("No")
        label = signing.ROLE_LABELS.get(check.field)
        who = check.signer
        if check.revoked_at is not None:
            revoked = (self.tr("Yes, on %1").replace(
                "%1", f"{check.revoked_at.astimezone():%Y-%m-%d}"), False)
        else:
            revoked = (no, True)
        if check.covers_whole:
            whole = (yes, True)
        elif not last and not check.changed_after:  # a later signature follows: as it should
            whole = (self.tr("Up to the next signature"), True)
        else:
            whole = (no, False)
        return [
            (label.get(self.lang) if label else check.field, None),
            (who.name if who else check.common_name, None),
            (who.unit_name if who else "—", None),
            (f"{check.signed_at.astimezone():%Y-%m-%d %H:%M}" if check.signed_at else "—",
             None),
            (yes, True) if check.intact else (no, False),
            (yes, True) if check.trusted else (no, False),
            revoked,
            whole,
            (yes, False) if check.changed_after else (no, True),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text, good = self.cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ForegroundRole and good is not None:
            return QBrush(GOOD if good else BAD)
        if role == Qt.ItemDataRole.ToolTipRole:
            problems = self.checks[index.row()].problems
            return "\n".join(p.render(self.lang) for p in problems) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None


class VerifyDialog(FormDialog):
    """Owns the loaded ``forms/verify_dialog.ui`` dialog."""

    def __init__(self, session: EntrySession, settings: Settings,
                 parent: QWidget | None = None):
        super().__init__("verify_dialog.ui", parent)
        ui = self.ui
        self.data_dir, self.lang, self.settings = session.store.data_dir, session.lang, settings
        self.result: signing.Verification | None = None
        self.model = SignaturesModel(self.lang, self)
        ui.signaturesView.setModel(self.model)
        ui.signaturesView.verticalHeader().hide()
        self._fit_columns()
        ui.resultSplitter.setSizes([200, 150])
        ui.errorLabel.setStyleSheet(ERROR_STYLE)
        ui.errorLabel.hide()
        ui.verdictLabel.hide()
        ui.buttonBox.rejected.connect(ui.close)
        ui.choosePdfButton.clicked.connect(self.choose_pdf)
        ui.chooseRootButton.clicked.connect(self.choose_root)
        ui.chooseCrlButton.clicked.connect(self.choose_crl)
        ui.filesRadio.toggled.connect(lambda on: ui.filesPanel.setEnabled(on))
        ui.verifyButton.clicked.connect(self.verify)
        sub = session.submission
        working = working_path(self.data_dir, sub.unit.code, sub.year, session.demo)
        if working.is_file():  # the report being signed here is the likely one
            ui.pdfEdit.setText(str(working))
        self.show_installed()

    # --- trust ------------------------------------------------------------------------------
    def show_installed(self) -> signing.Trust | None:
        """Say what is installed; without a usable root, the county's files are needed."""
        label = self.ui.trustStatusLabel
        try:
            trust = signing.installed_trust(self.data_dir)
        except signing.SigningError as exc:
            trust = None
            label.setText(self.tr("The installed county root cannot be used: %1").replace(
                "%1", exc.message.render(self.lang)))
            label.setStyleSheet(ERROR_STYLE)
        else:
            label.setStyleSheet(QUIET_STYLE)
            if trust is None:
                label.setText(self.tr("None is installed yet: choose the county's files "
                                      "below."))
            else:
                names = trust.root.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
                text = self.tr("%1, valid until %2.").replace(
                    "%1", str(names[0].value) if names else trust.root.subject.rfc4514_string()
                ).replace("%2", f"{trust.root.not_valid_after_utc.astimezone():%Y-%m-%d}")
                sep = "" if self.lang == "zh" else " "
                if trust.crls:
                    latest = max(c.last_update_utc for c in trust.crls)
                    text += sep + self.tr("Revocation list of %1.").replace(
                        "%1", f"{latest.astimezone():%Y-%m-%d}")
                else:
                    text += sep + self.tr("No revocation list.")
                label.setText(text)
        self.ui.installedRadio.setEnabled(trust is not None)
        (self.ui.installedRadio if trust is not None else self.ui.filesRadio).setChecked(True)
        self.ui.filesPanel.setEnabled(self.ui.filesRadio.isChecked())
        return trust

    def chosen_trust(self) -> signing.Trust | None:
        """The trust to verify with (raises SigningError); installs the files when asked."""
        if self.ui.installedRadio.isChecked():
            return signing.installed_trust(self.data_dir)
        root, crl = self.ui.rootEdit.text().strip(), self.ui.crlEdit.text().strip()
        if not root:
            return None
        trust = signing.Trust.from_files(root, [crl] if crl else [])
        if self.ui.installCheck.isChecked():
            signing.install_trust(self.data_dir, root, crl or None)
            self.ui.installCheck.setChecked(False)
            self.show_installed()
        return trust

    # --- files -------------------------------------------------------------------------------
    def _open(self, title: str, filter_: str) -> str:
        folder = str(start_folder(self.settings, VERIFY_FOLDER))
        path, _ = QFileDialog.getOpenFileName(self.ui, title, folder, filter_)
        if path:
            self.settings.set(VERIFY_FOLDER, str(Path(path).parent))
        return path

    def choose_pdf(self) -> None:
        path = self._open(self.tr("Signed report to verify"), "PDF (*.pdf)")
        if path:
            self.ui.pdfEdit.setText(path)

    def choose_root(self) -> None:
        path = self._open(self.tr("County root certificate"),
                          self.tr("Certificates (*.pem *.crt *.cer *.der)"))
        if path:
            self.ui.rootEdit.setText(path)
            self.ui.filesRadio.setChecked(True)

    def choose_crl(self) -> None:
        path = self._open(self.tr("Revocation list"), self.tr("Revocation lists (*.crl)"))
        if path:
            self.ui.crlEdit.setText(path)
            self.ui.filesRadio.setChecked(True)

    # --- verifying -----------------------------------------------------------------------------
    def verify(self) -> None:
        self._error("")
        path = self.ui.pdfEdit.text().strip()
        if not path:
            self._error(self.tr("Choose the signed report (PDF) to verify."))
            return
        try:
            trust = self.chosen_trust()
        except signing.SigningError as exc:
            self._error(exc.message.render(self.lang))
            return
        if trust is None:
            self._error(self.tr("Choose the county root certificate (county-root.pem)."))
            return
        self._show_result(None)
        self.ui.verifyButton.setEnabled(False)
        run_in_background(self.ui, self.tr("Verifying the signatures…"),
                          lambda: verify(path, trust), self._verified,
                          self._failed)

    def _verified(self, result: signing.Verification) -> None:
        if shiboken6.isValid(self.ui):
            self.ui.verifyButton.setEnabled(True)
            self._show_result(result)

    def _failed(self, exc: Exception) -> None:
        if shiboken6.isValid(self.ui):
            self.ui.verifyButton.setEnabled(True)
            message = getattr(exc, "message", None)
            self._error(message.render(self.lang) if message is not None else str(exc))

    def _show_result(self, result: signing.Verification | None) -> None:
        self.result = result
        self.model.set_checks(list(result.signatures) if result else [])
        self._fit_columns()
        ui = self.ui
        ui.problemsList.clear()
        ui.verdictLabel.setVisible(result is not None)
        if result is None:
            return
        unit = result.unit or {}
        unit_name = (unit.get("name_en") if self.lang == "en" else None) or unit.get("name", "")
        if result.ok:
            lines = [msg("verify.ok", unit=unit_name, year=result.year,
                         count=len(result.signatures)).render(self.lang)]
        elif result.sample_only:  # sound signatures on a training report: not acceptable
            lines = [result.all_problems[0].render(self.lang)]
        else:
            lines = [msg("verify.failed", count=len(result.all_problems)).render(self.lang)]
        if not result.ok and unit_name:
            lines.append(self.tr("Report of %1 for %2").replace("%1", unit_name)
                         .replace("%2", str(result.year)))
        ui.verdictLabel.setText("<br>".join(html.escape(line) for line in lines))
        ui.verdictLabel.setStyleSheet(PASSED_STYLE if result.ok else FAILED_STYLE)
        ui.verdictLabel.setProperty("ok", result.ok)
        for problem in result.all_problems:
            ui.problemsList.addItem(QListWidgetItem(problem.render(self.lang)))
        if not result.all_problems:
            item = QListWidgetItem(self.tr("None."))
            item.setForeground(QBrush(GOOD))
            ui.problemsList.addItem(item)

    def _fit_columns(self) -> None:
        view = self.ui.signaturesView
        view.horizontalHeader().setStretchLastSection(False)  # no sideways scrolling
        view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            view.setColumnWidth(column, view.columnWidth(column) + 12)

    def _error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setVisible(bool(text))
