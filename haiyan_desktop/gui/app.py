"""Start the window: fonts, translations, the data folder, the first-run dialog.

`haiyan-desktop` with no command lands here; `--smoke` opens the main window on the demo data,
waits for its first paint and exits 0 (used to check a build).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import shiboken6
from PySide6 import QtCore, QtWidgets  # QtWidgets.QMessageBox...: types built at first use
from PySide6.QtCore import (
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from .. import __version__
from ..catalogue import available_years, catalogue_for_year, default_catalogue
from ..errors import HaiyanError
from ..fonts import FAMILY, ensure_fonts
from ..jobs import DataFolder
from ..jobs.assess import open_for_entry
from ..messages import LANGUAGES
from ..paths import resources_dir
from ..session import EntrySession
from ..store import Store
from .settings import (
    CLERK,
    COUNTY,
    COUNTY_YEAR,
    FONT_SIZE,
    LANGUAGE,
    LAST_DEMO,
    LAST_MODE,
    LAST_UNIT,
    LAST_YEAR,
    TOWNSHIP,
    Settings,
)
from .startup import RESUME_AFTER_MS, resume_collection

APP_NAME = "haiyan-desktop"


def register_fonts() -> str:
    """Register the bundled Noto Sans SC so Chinese never shows as boxes; returns the family."""
    families = []
    for path in ensure_fonts().values():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else FAMILY


def install_translator(app: QApplication, lang: str) -> QTranslator | None:
    """Source strings are English; Chinese comes from resources/translations/*.qm."""
    for old in getattr(app, "_haiyan_translators", []):
        app.removeTranslator(old)
    app._haiyan_translators = []
    if lang != "zh":
        return None
    qt_own = QTranslator(app)  # Qt's own dialogs and buttons (OK, Cancel, file and print dialogs)
    if qt_own.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        app._haiyan_translators.append(qt_own)
    translator = QTranslator(app)
    if translator.load(str(resources_dir() / "translations" / "haiyan_zh_CN.qm")):
        app.installTranslator(translator)
        app._haiyan_translators.append(translator)
        QLocale.setDefault(QLocale("zh_CN"))
        return translator
    return None


def default_gui_data_dir() -> Path:
    paths = QtCore.QStandardPaths
    location = paths.writableLocation(paths.StandardLocation.AppDataLocation)
    return Path(location)


class App(QObject):
    """The running application: one window at a time — a township's entry (one store) or
    the county's summary desk (gui/county_window.py), as chosen per data folder."""

    def __init__(self, qapp: QApplication, data_dir: Path, settings: Settings, lang: str,
                 actor: str | None = None):
        super().__init__()
        self.qapp, self.data_dir, self.settings, self.lang = qapp, data_dir, settings, lang
        self.actor = actor  # --actor: who the audit names, over the clerk of the preferences
        self.verbose: bool | None = None  # main() sets it: the support log then starts
        self._log_started = False
        self.store: Store | None = None
        self.window = None
        self._to_remember: dict = {}  # settings to write once the window has painted

    # --- opening -----------------------------------------------------------------------
    def open(self, demo: bool, unit: str, year: int) -> bool:
        """Open unit/year in the real or the demo database; False when it cannot be."""
        from .main_window import MainWindow

        self.close_store()
        try:
            self.store, submission = open_for_entry(
                DataFolder(self.data_dir, demo, self.actor or self.settings.get(CLERK) or None),
                unit, year)
        except HaiyanError as exc:
            self.close_store()
            QtWidgets.QMessageBox.critical(None, "海盐桌面端 Haiyan Desktop",
                                           "\n".join(exc.lines(self.lang)))
            return False
        self.window = MainWindow(EntrySession(self.store, submission, self.lang), self.settings)
        # The window asks to be replaced from inside its own actions: the new one is built
        # once that action has returned (a window deleted while it emits crashes Qt).
        self.window.sig_switch_requested.connect(lambda: self.later(self.switch))
        self.window.sig_reopen_requested.connect(lambda: self.later(self.reopen))
        self.window.sig_language_changed.connect(
            lambda lang: self.later(lambda: self.change_language(lang)))
        # Remembered once the window has painted: QSettings writes its file on the event loop's
        # next pass, through a lock file and fdatasync (5-15 ms of disk), and Qt paints only
        # after that, at low priority.
        self._to_remember = {LAST_UNIT: unit, LAST_YEAR: year, LAST_DEMO: demo,
                             LAST_MODE: TOWNSHIP}
        self.window.sig_painted.connect(self._remember)
        self.window.show()
        return True

    def open_county(self, year: int | None = None) -> bool:
        """Open the county's summary desk on this data folder (its own database there,
        county.db); ``year`` defaults to the one shown last, else the newest received."""
        from .county_window import CountyWindow

        self.close_store()
        remembered = self.settings.get(COUNTY_YEAR, self.data_dir)
        folder = DataFolder(self.data_dir, False, self.actor or self.settings.get(CLERK) or None)
        self.window = CountyWindow(folder, self.settings, self.lang, year or remembered or None)
        # replaced only once the action that asked has returned (see open)
        self.window.sig_switch_requested.connect(lambda: self.later(self.switch))
        self.window.sig_language_changed.connect(
            lambda lang: self.later(lambda: self.change_language(lang)))
        self._to_remember = {LAST_MODE: COUNTY}
        self.window.sig_painted.connect(self._remember)
        self.window.show()
        return True

    @property
    def mode(self) -> str | None:
        """The desk the window shows (TOWNSHIP or COUNTY), None without a window."""
        return None if self.window is None else getattr(self.window, "mode", TOWNSHIP)

    def later(self, job) -> None:
        """Run ``job`` from the event loop itself, when no dialog is open (a modal dialog runs
        its own loop, and the window that owns it must outlive it)."""
        def run() -> None:
            if QApplication.activeModalWidget() is not None:
                QTimer.singleShot(50, run)
            else:
                job()
        QTimer.singleShot(0, run)

    def _remember(self) -> None:
        for option, value in self._to_remember.items():
            self.settings.set(option, value, self.data_dir)
        self._to_remember = {}
        self._say_log_notices()

    def _say_log_notices(self) -> None:
        """Once, after the first window painted (the start pays none of it: logging.handlers
        and the error dialog cost ~35 ms to import): the support log and the error dialog for
        any unexpected exception; then, the last run crashed (where its trace is), or the log
        could not go in the data folder."""
        from .. import logs

        if self.window is None or self.verbose is None or self._log_started:
            return  # (verbose is None: no support log, as in tests that open the window)
        self._log_started = True
        log = start_support_log(self.data_dir, self.verbose)
        from .error_dialog import install_exception_hook

        install_exception_hook(lambda: self.window.ui if self.window else None)
        crash = logs.previous_crash(log.logs_dir)
        if crash is not None:
            from .error_dialog import show_previous_crash_notice

            self.crash_notice = show_previous_crash_notice(self.window.ui, crash)
        fallback = log.fallback_message()
        if fallback is not None:
            self.window.ui.statusBar().showMessage(fallback.render(self.lang), 15000)

    def close_store(self) -> None:
        """Close the window (its dialogs go with it: they are its children) and the store."""
        self._remember()  # (a window that never painted)
        if self.window is not None:
            ui = self.window.ui
            if shiboken6.isValid(ui):  # not already destroyed by its owner
                ui.close()
                ui.deleteLater()
            self.window = None
        if self.store is not None:
            self.store.close()
            self.store = None

    def start(self, demo: bool = False) -> bool:
        """Reopen what was open last in this data folder, or ask (first run); ``demo``
        (--demo) opens the sample data whatever was open last."""
        if demo:
            catalogue = default_catalogue()
            first = next(u for u in catalogue.units if u.is_township)
            return self.open(True, first.code, max(catalogue.years))
        if self.settings.get(LAST_MODE, self.data_dir) == COUNTY:
            return self.open_county()
        unit = self.settings.get(LAST_UNIT, self.data_dir)
        year = self.settings.get(LAST_YEAR, self.data_dir)
        if unit and year:
            return self.open(self.settings.get(LAST_DEMO, self.data_dir), unit, year)
        return self.switch()

    def switch(self) -> bool:
        from .dialogs import ask_start

        catalogue = default_catalogue()
        # the units of the newest year's catalogue, every year a catalogue covers (the ones
        # installed in this data folder too: catalogue install)
        years = available_years(self.data_dir)
        newest = catalogue_for_year(years[-1], self.data_dir) if years else None
        # (the township's entry is the dialog's first choice: only the county desk says so)
        mode = {"mode": COUNTY} if self.mode == COUNTY else {}
        choice = ask_start(newest or catalogue, self.lang, self.settings.get(CLERK),
                           self.window.ui if self.window else None, years=years, **mode)
        if choice is None:
            return self.window is not None
        if choice.mode == COUNTY:
            return self.open_county()
        if choice.demo:
            first = next(u for u in catalogue.units if u.is_township)
            return self.open(True, first.code, max(catalogue.years))
        if choice.clerk:
            self.settings.set(CLERK, choice.clerk)
        return self.open(False, choice.unit, choice.year)

    def reopen(self) -> None:
        """Open the same unit and year again (a catalogue covering the year was installed)."""
        if self.window is None or self.mode != TOWNSHIP:
            return
        sub = self.window.session.submission
        self.open(self.window.session.demo, sub.unit.code, sub.year)

    def change_language(self, lang: str) -> None:
        """Rebuild the window in the other language (nothing to save: edits are stored)."""
        self.lang = lang
        install_translator(self.qapp, lang)
        if self.window is None:
            return
        if self.mode == COUNTY:
            self.open_county(self.window.year)
            return
        sub = self.window.session.submission
        self.open(self.window.session.demo, sub.unit.code, sub.year)


class _FirstPaint(QObject):
    """Quits the application after the main window has painted once (--smoke)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.instance().quit)
        return False


def make_qapp(argv: list[str]) -> QApplication:
    qapp = QApplication.instance() or QApplication(argv)
    qapp.setApplicationName(APP_NAME)
    qapp.setOrganizationName("Haiyan")
    qapp.setApplicationVersion(__version__)
    return qapp


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=APP_NAME)
    parser.add_argument("--data-dir")
    parser.add_argument("--lang", choices=LANGUAGES)
    parser.add_argument("--demo", action="store_true", help="open the sample data")
    parser.add_argument("--actor", help="who the audit trail names")
    parser.add_argument("--verbose", action="store_true", help="also print the log on stderr")
    parser.add_argument("--smoke", action="store_true",
                        help="open the demo data, wait for the first paint, exit 0")
    parser.add_argument("--settings", help=argparse.SUPPRESS)  # a private settings file (tests)
    args, qt_args = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    qapp = make_qapp([sys.argv[0], *qt_args])
    settings = Settings(args.settings)
    lang = args.lang or settings.get(LANGUAGE)
    family = register_fonts()
    qapp.setFont(QFont(family, settings.get(FONT_SIZE)))
    install_translator(qapp, lang)
    data_dir = Path(args.data_dir) if args.data_dir else default_gui_data_dir()
    app = App(qapp, data_dir, settings, lang, actor=args.actor)
    app.verbose = args.verbose  # the support log starts once the first window has painted
    QTimer.singleShot(RESUME_AFTER_MS, resume_collection)  # even if no window ever paints
    if args.smoke:
        catalogue = default_catalogue()
        unit = next(u for u in catalogue.units if u.is_township)
        if not app.open(True, unit.code, max(catalogue.years)):
            return 1
        app.window.ui.installEventFilter(_FirstPaint(app))
        QTimer.singleShot(20000, lambda: qapp.exit(1))  # never hang a build check
        code = qapp.exec()
        app.close_store()
        return code
    try:
        if not app.start(demo=args.demo):
            return 1
        code = qapp.exec()
        app.close_store()
        settings.sync()
        return code
    finally:
        from .. import logs

        logs.stop_logging()


def start_support_log(data_dir: Path, verbose: bool):
    """The log of this run in the data folder (logs/), with the versions in use; a crash in
    Qt leaves its trace there too (see logs.py)."""
    import PySide6

    from .. import logs

    return logs.start_logging(data_dir, verbose=verbose, program="gui",
                              qt_version=QtCore.qVersion(), pyside_version=PySide6.__version__)
