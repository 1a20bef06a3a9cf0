"""File → 安装考核目录…: install a catalogue the county signed (a ``.hycat`` package).

The job is the core's :func:`jobs.catalogues.install_catalogue` (the signature checked against
the county root and CRL installed in the data folder, then the files kept side by side), run
off the GUI thread. Success says what was installed; when the catalogue covers the year open
in the window, the window is opened again. A refusal shows the one sentence that says why,
and nothing was installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import QObject

from ..errors import HaiyanError
from ..messages import msg, os_reason
from .settings import FILES_FOLDER, start_folder

if TYPE_CHECKING:
    from .main_window import MainWindow

DETAILS_SHOWN = 12  # problems of a broken catalogue listed in the message box


class CatalogueInstaller(QObject):
    """Asks for the package, runs the install, tells the clerk what happened."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.lang = window.session.lang

    def ask(self) -> None:
        """The file dialog (in the folder used last, Documents the first time), then
        :meth:`install`."""
        ui = self.window.ui
        chosen, _ = QtWidgets.QFileDialog.getOpenFileName(
            ui, self.tr("Install catalogue"), str(start_folder(self.window.settings)),
            self.tr("Catalogue packages (*.hycat);;All files (*)"))
        if not chosen:
            return
        self.window.settings.set(FILES_FOLDER, str(Path(chosen).parent))
        self.install(Path(chosen))

    def install(self, path: Path) -> None:
        from ..jobs.catalogues import install_catalogue
        from .workers import run_in_background

        folder = self.window.folder()
        run_in_background(self.window.ui, self.tr("Checking the catalogue package…"),
                          lambda: install_catalogue(folder, path), self._installed,
                          self._refused)

    def _installed(self, done) -> None:
        from ..jobs.catalogues import signed_by

        record, session = done.record, self.window.session
        year = session.submission.year
        key = "catpkg.already_installed" if done.already else "catpkg.installed"
        lines = [msg(key, title=record.title, id=record.id, version=record.version,
                     years=done.years_text(), signer=signed_by(record)).render(self.lang)]
        covers = year in record.years
        if covers and session.catalogue.sha256 != record.sha256:
            lines.append(self.tr(
                "It is the catalogue of %1 from now on: new submissions of %1 are entered "
                "with it. A submission already begun keeps the catalogue it was begun with.")
                .replace("%1", str(year)))
        elif not covers:
            lines.append(self.tr("It does not cover %1, the year open now; choose its year "
                                 "with File → Switch unit or year….").replace("%1", str(year)))
        QtWidgets.QMessageBox.information(self.window.ui, self.tr("Catalogue installed"),
                                          "\n\n".join(lines))
        if covers and not done.already:
            self.window.sig_reopen_requested.emit()

    def _refused(self, exc: Exception) -> None:
        if isinstance(exc, HaiyanError):
            details = exc.details(self.lang)
            lines = exc.lines(self.lang) + details[:DETAILS_SHOWN]
            if len(details) > DETAILS_SHOWN:
                lines.append("…")
        elif isinstance(exc, OSError):
            lines = [f"{exc.filename or ''} {os_reason(exc).get(self.lang)}".strip()]
        else:
            raise exc  # a bug: the program's error dialog reports it
        QtWidgets.QMessageBox.warning(self.window.ui, self.tr("Catalogue not installed"),
                                      "\n".join(lines))
