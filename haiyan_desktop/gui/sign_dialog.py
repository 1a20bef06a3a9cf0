"""Sign and export: the clerk's, then the unit head's signature on the submission's report.

The working copy and its rules are the jobs layer's (jobs/signing.py): reused while it still
matches the store, otherwise built again off the GUI thread, on the worker's own read-only
connection. The checks before signing and the
store's change to "signed" run on the GUI thread (the window's store belongs to it); only
pyHanko's signing runs in the worker. Every refusal is one red sentence in the dialog.

The passphrase only passes through memory: the field is cleared after every attempt and it is
never stored or logged.
"""

from __future__ import annotations

import contextlib
import html
import shutil
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QFileDialog, QWidget

from .. import signing
from ..jobs import DataFolder
from ..jobs.signing import (
    WorkingCopy,
    build_working,
    finish_working,
    read_working,
    sign_working,
    still_current,
    working_path,
)
from ..messages import msg, os_reason
from ..session import EntrySession
from ..store import StoreError
from .form_dialog import FormDialog
from .settings import CERTIFICATE_FOLDER, CLERK, FILES_FOLDER, Settings, start_folder
from .workers import run_in_background

ERROR_STYLE, DONE_STYLE, QUIET_STYLE = ("color: #c62828;", "color: #2e7d32;",
                                        "color: #546e7a;")


class SignDialog(FormDialog):
    """Owns the loaded ``forms/sign_dialog.ui`` dialog for the window's submission."""

    sig_submission_signed = Signal()  # the unit head signed: the store now says "signed"

    def __init__(self, session: EntrySession, settings: Settings,
                 parent: QWidget | None = None):
        super().__init__("sign_dialog.ui", parent)
        self.session, self.settings, self.lang = session, settings, session.lang
        sub = session.submission
        self.unit_code, self.year = sub.unit.code, sub.year
        self.folder = DataFolder(session.store.data_dir, session.demo, session.store.actor)
        self.path = working_path(self.folder.path, self.unit_code, self.year, session.demo)
        self.content: bytes | None = None
        self.signers: list[tuple[str, signing.Signer | None]] = []
        self.busy = False
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self.ui.previewContainer)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.ui.previewContainer.layout().addWidget(self.view)
        self.ui.splitter.setStretchFactor(1, 1)
        self.ui.splitter.setSizes([420, 700])
        self.ui.chooseButton.clicked.connect(self.choose_certificate)
        self.ui.signButton.clicked.connect(self.sign)
        self.ui.saveButton.clicked.connect(self.save_as)
        self.ui.closeButton.clicked.connect(self.ui.close)
        self._fill()
        self.prepare()

    def _alive(self) -> bool:
        return shiboken6.isValid(self.ui) and shiboken6.isValid(self)

    def _fill(self) -> None:
        unit = self.session.submission.unit
        self.ui.reportLabel.setText(
            f"<b>{html.escape(unit.name.get(self.lang))}</b> "
            + html.escape(self.tr("%1 assessment report").replace("%1", str(self.year))))
        self.ui.workingFileLabel.setText(
            self.tr("Working copy: %1").replace("%1", self.path.name))
        self.ui.workingFileLabel.setToolTip(str(self.path))
        self.ui.previewNote.setStyleSheet(QUIET_STYLE)
        self.ui.workingFileLabel.setStyleSheet(QUIET_STYLE)
        self.ui.clerkRoleLabel.setText(signing.ROLE_LABELS[signing.CLERK].get(self.lang))
        self.ui.headRoleLabel.setText(signing.ROLE_LABELS[signing.HEAD].get(self.lang))
        self.ui.passphraseNote.setStyleSheet(QUIET_STYLE)
        self.ui.errorLabel.setStyleSheet(ERROR_STYLE)
        self.ui.errorLabel.hide()
        self._show_places()

    # --- the working copy -----------------------------------------------------------------
    def prepare(self) -> None:
        """Read the working copy (worker), then reuse it or build it again."""
        self._set_busy(True, self.tr("Preparing the report…"))
        path = self.path
        run_in_background(self.ui, self.tr("Reading the report…"), lambda: read_working(path),
                          self._working_read, self._failed)

    def _working_read(self, copy: WorkingCopy | None) -> None:
        if not self._alive():
            return
        if copy is not None and still_current(self.session.store, copy, self.unit_code,
                                              self.year):
            self._ready(copy.content, copy.signers)
            return
        args = (self.folder, self.unit_code, self.year, self.lang,
                self.settings.get(CLERK) or None, copy is not None and bool(copy.signers))
        self._set_busy(True, self.tr("Building the report…"))
        run_in_background(self.ui, self.tr("Building the report…"),
                          lambda: build_working(*args), self._built, self._failed)

    def _built(self, copy: WorkingCopy) -> None:
        if self._alive():
            self._ready(copy.content, [])

    def _ready(self, content: bytes, signers: list) -> None:
        self.content, self.signers = content, signers
        self._load_preview(content)
        if signers:  # show the stamps: the signature places on the last page
            QTimer.singleShot(0, self._show_signature_places)
        self._set_busy(False, "")
        self._show_places()

    def _load_preview(self, content: bytes) -> None:
        """Show the bytes, not the file: nothing keeps the working file open (Windows).

        QtPdf draws no form widgets, so the stamps of the signatures are painted into a copy
        kept for the screen only (signing.preview).
        """
        if self.signers:  # if it fails, the places above the preview still say who signed
            with contextlib.suppress(signing.SigningError):
                content = signing.with_stamps_drawn(content)
        old = self._buffer
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(content))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if old is not None:
            old.deleteLater()

    def _show_signature_places(self) -> None:
        """Scroll to the end of the last page, where the signature places are."""
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.maximum())

    # --- what the dialog shows --------------------------------------------------------------
    def _show_places(self) -> None:
        found = dict(self.signers)
        for role, label in ((signing.CLERK, self.ui.clerkStatus),
                            (signing.HEAD, self.ui.headStatus)):
            if role not in found:
                label.setText(self.tr("Not signed yet"))
                label.setStyleSheet(QUIET_STYLE)
                continue
            who = found[role]
            label.setText(self.tr("Signed by %1 (%2)").replace("%1", who.name)
                          .replace("%2", who.unit_name) if who is not None
                          else self.tr("Signed, but not with a township certificate"))
            label.setStyleSheet(DONE_STYLE)
        if self.content is None:
            hint = ""
        elif len(found) < len(signing.ROLES):
            role = signing.ROLES[len(found)]
            hint = self.tr("Next to sign: %1, with their own certificate.").replace(
                "%1", signing.ROLE_LABELS[role].get(self.lang))
        else:
            hint = self.tr("Both have signed. Save the report and send it to the county.")
        self.ui.nextLabel.setText(hint)
        self._enable()

    def _enable(self) -> None:
        ready = not self.busy and self.content is not None
        self.ui.signButton.setEnabled(ready and len(self.signers) < len(signing.ROLES))
        self.ui.saveButton.setEnabled(ready)

    def _set_busy(self, busy: bool, text: str) -> None:
        self.busy = busy
        if busy:
            self._error("")
        self._say(text, QUIET_STYLE)
        self._enable()

    def _say(self, text: str, style: str) -> None:
        self.ui.statusLabel.setText(text)
        self.ui.statusLabel.setStyleSheet(style)
        self.ui.statusLabel.setVisible(bool(text))

    def _error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setVisible(bool(text))

    def _failed(self, exc: Exception) -> None:
        if not self._alive():
            return
        message = getattr(exc, "message", None)
        self._set_busy(False, "")
        self._error(message.render(self.lang) if message is not None else str(exc))

    # --- actions --------------------------------------------------------------------------
    def choose_certificate(self) -> None:
        folder = str(start_folder(self.settings, CERTIFICATE_FOLDER))
        path, _ = QFileDialog.getOpenFileName(
            self.ui, self.tr("Certificate of the person signing"), folder,
            self.tr("Signing certificates (*.p12 *.pfx)"))
        if path:
            self.ui.p12Edit.setText(path)
            self.settings.set(CERTIFICATE_FOLDER, str(Path(path).parent))
            self.ui.passphraseEdit.setFocus()

    def sign(self) -> None:
        """Check on this thread, sign in the worker, write and record on this thread."""
        if self.busy or self.content is None:
            return
        self._error("")
        self._say("", QUIET_STYLE)
        p12 = self.ui.p12Edit.text().strip()
        passphrase = self.ui.passphraseEdit.text()
        self.ui.passphraseEdit.clear()  # one attempt per typing
        if not p12:
            self._error(self.tr("Choose the certificate file (.p12) of the person signing."))
            return
        store = self.session.store
        try:
            credential = signing.load_credential(p12, passphrase)
            plan = sign_working(store, self.path, credential,
                                signing.installed_trust(store.data_dir))
        except signing.SigningError as exc:
            self._error(exc.message.render(self.lang))
            return
        finally:
            del passphrase
        self._set_busy(True, self.tr("Signing…"))
        run_in_background(self.ui, self.tr("Signing the report…"),
                          lambda: signing.sign_field(plan.content, plan.role, credential),
                          lambda result: self._signed(plan, *result), self._failed)

    def _signed(self, plan: signing.SigningPlan, content: bytes, signed_at: datetime) -> None:
        if not self._alive():
            return
        try:
            done = finish_working(self.session.store, plan, content, signed_at, self.path)
            content = self.path.read_bytes()
            signers = signing.existing_signers(content)
        except (signing.SigningError, StoreError, OSError) as exc:
            self._failed(exc)
            return
        self._ready(content, signers)
        lines = [msg("sign.done", role=done.signer.role_label, name=done.signer.name,
                     time=f"{done.signed_at.astimezone():%Y-%m-%d %H:%M}", path=done.path.name),
                 msg("sign.done_complete" if done.complete else "sign.done_waiting")]
        self._say("\n".join(m.render(self.lang) for m in lines), DONE_STYLE)
        if done.complete:
            self.sig_submission_signed.emit()

    def save_as(self) -> Path | None:
        """Copy the working file (signed or not yet) where the clerk wants it."""
        name = signing.report_file_name(self.session.submission.unit.name.zh, self.year)
        target, _ = QFileDialog.getSaveFileName(self.ui, self.tr("Save the signed report"),
                                                str(start_folder(self.settings) / name),
                                                "PDF (*.pdf)")
        if not target:
            return None
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            self._error(self.tr("Not saved: %1").replace(
                "%1", f"{target} — {os_reason(exc).get(self.lang)}"))
            return None
        self.settings.set(FILES_FOLDER, str(Path(target).parent))
        self._error("")
        self._say(self.tr("Saved as %1").replace("%1", target), DONE_STYLE)
        return Path(target)
