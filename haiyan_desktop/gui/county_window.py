"""The county desk's window (县级汇总): the reports received for a year and the comparison of
the towns and subdistricts, tab by tab; reports come in by the File menu or by drag and drop.

Composition, as the township's window: ``forms/county_window.ui`` is loaded and this object
(its child) wires it. The tables are Model/View over the plain records of the county desk's
jobs (gui/county_models.py); the year's data are read on the worker pool
(gui/county_data.py), the import runs there too (gui/county_import.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6 import QtWidgets  # file dialogs and message boxes at first use
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QTableView

from ..errors import HaiyanError
from ..jobs import DataFolder
from ..messages import render
from .county_data import Loaded, load_county
from .county_import import CountyImporter, ImportRun, local_paths
from .county_models import (
    CountyFigureModel,
    CvChangeModel,
    DepartmentModel,
    DispersionModel,
    HeatMapModel,
    RankingModel,
    RecordModel,
    StatusModel,
    TableProxy,
    TheilModel,
    TheilTrendModel,
    UnitChangeModel,
    WeakModel,
    heat_colour,
    ink_for,
    number,
)
from .forms import load_form
from .settings import (
    CLERK,
    COUNTY,
    COUNTY_GEOMETRY,
    COUNTY_TAB,
    COUNTY_YEAR,
    FONT_SIZE,
    REPORTS_FOLDER,
    Settings,
    start_folder,
)
from .startup import after_first_paint

MAX_COLUMN_EM = 26  # a text column wider than this is elided (the full text in its tooltip)
MIN_STRETCH_EM = 14  # the widest column (an indicator's name) keeps at least this
NARROW_EM = 7  # a column of short words (a unit of measure) beyond which they are elided
EMPTY_STYLE = "color: #455a64; font-size: 13pt; padding: 24px;"


class CountyWindow(QObject):
    """Owns the loaded ``forms/county_window.ui`` window."""

    mode = COUNTY  # (the App tells its windows apart by this)
    sig_switch_requested = Signal()
    sig_language_changed = Signal(str)
    sig_painted = Signal()  # the first paint
    sig_loaded = Signal()  # the year's tables were (re)filled
    sig_imported = Signal(object)  # an import ended (ImportRun, or None when it failed)

    def __init__(self, folder: DataFolder, settings: Settings, lang: str,
                 year: int | None = None, import_workers: int | None = None):
        ui: QMainWindow = load_form("county_window.ui")  # type: ignore[assignment]
        super().__init__(ui)  # the window's child: both go together, with its dialogs
        self.ui = ui
        self.folder, self.settings, self.lang = folder, settings, lang
        self.year: int | None = year
        self.loaded: Loaded | None = None
        self.summary_dialog = None  # the summary report's dialog, while open
        self._painted = False
        self._loading = 0  # the newest load asked for (an older one's result is dropped)
        self._fits: dict[str, tuple[int | None, bool]] = {}  # how each table's columns fit
        self._narrow = {"dispersion": (2,), "countyFigures": (3,), "changeUnits": (6,)}
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(0)
        self._refit_timer.timeout.connect(self._fit_visible)
        self.importer = CountyImporter(ui, folder, lang, import_workers)
        self.importer.sig_imported.connect(self._imported)
        self.status = StatusModel(self)
        self.ranking = RankingModel(self)
        self.heatmap = HeatMapModel(self)
        self.dispersion = DispersionModel(self)
        self.theil = TheilModel(self)
        self.weak = WeakModel(self)
        self.figures = CountyFigureModel(self)
        self.departments = DepartmentModel(self)
        self.unit_changes = UnitChangeModel(self)
        self.cv_changes = CvChangeModel(self)
        self.theil_trend = TheilTrendModel(self)
        self.views: dict[str, tuple[QTableView, RecordModel]] = {}
        for name, model in (("status", self.status), ("ranking", self.ranking),
                            ("heatmap", self.heatmap), ("dispersion", self.dispersion),
                            ("theil", self.theil), ("weak", self.weak),
                            ("countyFigures", self.figures),
                            ("departments", self.departments),
                            ("changeUnits", self.unit_changes),
                            ("changeIndicators", self.cv_changes),
                            ("changeTheil", self.theil_trend)):
            view: QTableView = getattr(ui, f"{name}View")
            proxy = TableProxy(model)
            proxy.setSourceModel(model)
            view.setModel(proxy)
            view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
            view.horizontalHeader().setMinimumSectionSize(24)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            view.setTextElideMode(Qt.TextElideMode.ElideRight)
            view.setTabKeyNavigation(False)  # Tab leaves the table (keyboard use)
            view.horizontalHeader().sortIndicatorChanged.connect(  # room for the arrow
                lambda *_: self._refit_timer.start())
            self.views[name] = (view, model)
        self.tabs = [ui.statusPage, ui.rankingPage, ui.heatmapPage, ui.dispersionPage,
                     ui.theilPage, ui.weakPage, ui.countyPage, ui.changePage]
        for label in self._notes():
            label.setTextFormat(Qt.TextFormat.PlainText)
        ui.installEventFilter(self)
        ui.setAcceptDrops(True)
        self._connect()
        self._fill_static()
        self._restore_geometry()
        self.refresh()

    # --- set-up ---------------------------------------------------------------------------
    def _connect(self) -> None:
        ui = self.ui
        ui.actionImportFolder.triggered.connect(self.import_folder)
        ui.actionImportFiles.triggered.connect(self.import_files)
        ui.importButton.clicked.connect(self.import_folder)
        ui.actionSummaryReport.triggered.connect(self.summary_report)
        ui.actionExportExcel.triggered.connect(self.export_excel)
        ui.actionSwitch.triggered.connect(self.sig_switch_requested.emit)
        ui.actionQuit.triggered.connect(ui.close)
        ui.actionRefresh.triggered.connect(lambda: self.refresh(self.year))
        ui.actionZoomIn.triggered.connect(lambda: self.zoom(1))
        ui.actionZoomOut.triggered.connect(lambda: self.zoom(-1))
        ui.actionPreferences.triggered.connect(self.preferences)
        ui.actionGuide.triggered.connect(self.guide)
        ui.actionDiagnostics.triggered.connect(self.export_diagnostics)
        for n, name in enumerate(("Status", "Ranking", "Heatmap", "Dispersion", "Theil",
                                  "Weak", "County", "Change")):
            getattr(ui, f"actionTab{name}").triggered.connect(
                lambda _checked=False, n=n: self.show_tab(n))
        ui.yearCombo.activated.connect(self._year_chosen)
        ui.dispersionDomainCombo.currentIndexChanged.connect(self._domain_chosen)
        ui.tabs.currentChanged.connect(lambda n: (self.settings.set(COUNTY_TAB, n),
                                                  self._refit_timer.start()))

    def _fill_static(self) -> None:
        ui = self.ui
        ui.titleLabel.setStyleSheet("font-weight: bold; font-size: 13pt; padding-right: 12px;")
        ui.summaryLabel.setWordWrap(False)
        ui.tabs.setCurrentIndex(min(max(self.settings.get(COUNTY_TAB), 0), ui.tabs.count() - 1))
        ui.statusBar().showMessage(self.tr("Drop signed PDF reports or folders anywhere on this "
                                           "window to import them."))
        for splitter in (ui.countySplitter, ui.changeLeftSplitter):
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
        ui.changeSplitter.setStretchFactor(0, 1)
        ui.changeSplitter.setStretchFactor(1, 1)
        self._title()

    def _title(self) -> None:
        year = f" {self.year}" if self.year else ""
        self.ui.setWindowTitle(self.tr("County summary") + year + " — "
                               + self.tr("Haiyan Desktop"))

    def _restore_geometry(self) -> None:
        """The last size, or one that fits this screen; never larger than the screen."""
        from .main_window import restore_geometry

        restore_geometry(self.ui, self.settings.get(COUNTY_GEOMETRY))

    def _notes(self) -> list[QLabel]:
        ui = self.ui
        return [ui.statusNote, ui.rankingNote, ui.heatmapNote, ui.dispersionNote, ui.theilNote,
                ui.weakNote, ui.countyNote, ui.changeNote]

    # --- events ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.ui:
            return False
        kind = event.type()
        if kind == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, after_first_paint)
            self.sig_painted.emit()
        elif kind in (QEvent.Type.Resize, QEvent.Type.Show):
            self._refit_timer.start()
        elif kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            mime = event.mimeData()
            if (not self.importer.busy and mime.hasUrls()
                    and local_paths(mime.urls())):
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        elif kind == QEvent.Type.Drop:
            paths = local_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
            if paths and not self.importer.busy:
                event.acceptProposedAction()
                QTimer.singleShot(0, self, lambda: self.import_paths(paths))
            else:
                event.ignore()
            return True
        elif kind == QEvent.Type.Close:
            if self.importer.busy:  # the import finishes its file first: ask to stop
                if self.importer.dialog is not None:
                    self.importer.dialog.canceled.emit()
                event.ignore()
                return True
            self.settings.set(COUNTY_GEOMETRY, self.ui.saveGeometry())
            self.settings.sync()
        return False

    # --- the year's data ------------------------------------------------------------------
    def refresh(self, year: int | None = None) -> None:
        """Read the year's status and comparison again, on the worker pool."""
        from .workers import run_in_background

        self._loading += 1
        ticket, folder = self._loading, self.folder
        wanted = year if year is not None else self.year
        run_in_background(self.ui, self.tr("Reading the reports received…"),
                          lambda: load_county(folder, wanted),
                          lambda loaded: self._show(loaded) if ticket == self._loading
                          else None,
                          self._load_failed)

    def _load_failed(self, exc: Exception) -> None:
        if not isinstance(exc, HaiyanError | OSError):
            raise exc
        text = ("\n".join(exc.lines(self.lang)) if isinstance(exc, HaiyanError)
                else str(exc))
        QtWidgets.QMessageBox.warning(self.ui, self.tr("County summary"), text)

    def _year_chosen(self, index: int) -> None:
        year = self.ui.yearCombo.itemData(index)
        if year is not None and year != self.year:
            self.refresh(int(year))

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.year = loaded.year
        if loaded.year is not None:
            self.settings.set(COUNTY_YEAR, loaded.year, self.folder.path)
        combo = self.ui.yearCombo
        combo.blockSignals(True)
        combo.clear()
        for year in loaded.years:
            combo.addItem(str(year), year)
        combo.setCurrentIndex(max(combo.findData(loaded.year), 0))
        combo.setEnabled(bool(loaded.years))
        combo.blockSignals(False)
        self._title()
        self._show_status(loaded)
        comparison = loaded.comparison
        if comparison is None:
            self._no_comparison(loaded)
        else:
            self._show_comparison(comparison)
        self.sig_loaded.emit()

    def _empty(self, note: QLabel, text: str, *widgets: Any) -> None:
        note.setText(text)
        note.setStyleSheet(EMPTY_STYLE)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setSizePolicy(QtWidgets.QSizePolicy.Policy.Preferred,
                           QtWidgets.QSizePolicy.Policy.Expanding)
        for widget in widgets:
            widget.hide()

    def _note(self, note: QLabel, text: str, *widgets: Any) -> None:
        note.setText(text)
        note.setStyleSheet("")
        note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        note.setSizePolicy(QtWidgets.QSizePolicy.Policy.Preferred,
                           QtWidgets.QSizePolicy.Policy.Maximum)
        note.setVisible(bool(text))
        for widget in widgets:
            widget.show()

    def nothing_yet(self) -> str:
        """The empty state: what to do (nothing received at all, or not for this year)."""
        loaded = self.loaded
        if loaded is not None and loaded.received_years and loaded.year is not None:
            return self.tr("No township report of %1 received yet: File → Import a folder of "
                           "reports… (or drop the signed PDF files on this window)").replace(
                "%1", str(loaded.year))
        return self.tr("No report received yet: File → Import a folder of reports… (or drop "
                       "the signed PDF files on this window)")

    def _show_status(self, loaded: Loaded) -> None:
        ui = self.ui
        status = loaded.status
        if status is None:
            self.status.clear()
            text = (self.nothing_yet() if loaded.status_error is None
                    else "\n".join(loaded.status_error.lines(self.lang)))
            if loaded.year is None:
                text = self.nothing_yet() + "\n\n" + self.tr(
                    "The county root and the catalogues the county issued must be installed "
                    "in this data folder first (trust install, catalogue install).")
            self._empty(ui.statusNote, text, ui.statusView)
            ui.summaryLabel.setText("")
            return
        counts = render("county.status_summary", self.lang, units=len(status.units),
                        accepted=status.count("accepted"),
                        quarantined=status.count("quarantined"),
                        missing=status.count("missing"))
        ui.summaryLabel.setText(counts)
        self.status.fill(status, self.lang)
        self.importer.unit_names.update({u.code: u.name for u in status.units})
        self._source_order("status")
        cat = status.catalogue
        note = render("county.status_title", self.lang, year=status.year,
                      catalogue=f"{cat['id']} {cat['version']}")
        if not status.count("accepted") and not any(u.quarantined for u in status.units):
            note += "\n" + self.nothing_yet()
        self._note(ui.statusNote, note, ui.statusView)
        self._fit("status", stretch=3)

    def _no_comparison(self, loaded: Loaded) -> None:
        ui = self.ui
        error = loaded.comparison_error
        nothing = (loaded.year is None or loaded.year not in loaded.received_years
                   or error is None or error.message.key == "equal.no_reports")
        text = self.nothing_yet() if nothing else "\n".join(error.lines(self.lang))
        for model in (self.ranking, self.heatmap, self.dispersion, self.theil, self.weak,
                      self.figures, self.departments, self.unit_changes, self.cv_changes):
            model.clear()
        self._empty(ui.rankingNote, text, ui.rankingView)
        self._empty(ui.heatmapNote, text, ui.heatmapView, ui.heatmapLegend)
        self._empty(ui.dispersionNote, text, ui.dispersionView, ui.dispersionDomainLabel,
                    ui.dispersionDomainCombo)
        self._empty(ui.theilNote, text, ui.theilView)
        self._empty(ui.weakNote, text, ui.weakView)
        self._empty(ui.countyNote, text, ui.countySplitter)
        self._empty(ui.changeNote, text, ui.changeSplitter)

    def _show_comparison(self, c: Any) -> None:
        ui, lang = self.ui, self.lang
        towns = len(c.units)
        heading = render("equal.heading", lang, year=c.year, n=towns) + "  " + render(
            "equal.catalogue", lang, id=c.catalogue.get("id", ""),
            version=c.catalogue.get("version", ""))
        if c.other_catalogue:
            heading += "\n" + render("equal.other_catalogue", lang,
                                     units=", ".join(c.other_catalogue))

        self.ranking.fill(c, lang)
        self.heatmap.fill(c, lang)
        self.figures.fill(c, lang)
        self.departments.fill(c, lang)
        self._source_order("ranking", "heatmap", "countyFigures", "departments")
        self._note(ui.rankingNote, heading + "\n" + self.tr(
            "Realization degree out of 100; the county mean and the median are at the bottom. "
            "Click a column's title to sort by it."), ui.rankingView)
        self._fit("ranking", stretch=1)

        self._note(ui.heatmapNote, self.tr(
            "Each unit's realization degree overall and in each domain (out of 100)."),
                   ui.heatmapView, ui.heatmapLegend)
        self._legend()
        self._fit("heatmap", even=True)

        self.dispersion.fill(c, lang)
        self._note(ui.dispersionNote, self.tr(
            "How far apart the units are on each indicator. Sorted by the coefficient of "
            "variation (CV = SD ÷ mean), most unequal first; click a column's title to sort "
            "by it. Yes/no and choice indicators are measured on their attainment."),
                   ui.dispersionView, ui.dispersionDomainLabel, ui.dispersionDomainCombo)
        combo = ui.dispersionDomainCombo
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All domains"), "")
        for d in c.domains:
            combo.addItem(d.name.get(lang), d.code)
        combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
        combo.blockSignals(False)
        self._domain_chosen()
        ui.dispersionView.sortByColumn(DispersionModel.CV_COLUMN, Qt.SortOrder.DescendingOrder)
        self._fit("dispersion", stretch=1)

        self.theil.fill(c, lang)
        self._note(ui.theilNote, self.tr(
            "The Theil index of the realization degree across the towns and subdistricts: 0 "
            "is perfect equality. It splits into the gap between the subdistricts (街道, "
            "urban) and the towns (镇, rural) and the differences within each group: total = "
            "between + within."), ui.theilView)
        self._fit("theil", even=True)

        self.weak.fill(c, lang)
        self._note(ui.weakNote, self.tr(
            "Each unit's weak indicators (短板): below the target and below the county's mean "
            "attainment, largest gap first."), ui.weakView)
        self._fit("weak", stretch=3)

        not_formed = [render(f"equal.not_formed.{n.reason}", lang, code=n.code,
                             name=n.name.get(lang)) for n in c.not_formed]
        ui.notFormedLabel.setText("\n".join(not_formed))
        ui.notFormedLabel.setVisible(bool(not_formed))
        self._note(ui.countyNote, "", ui.countySplitter)
        self._fit("countyFigures", stretch=1)
        self._fit("departments", stretch=4)

        self._show_changes(c)

    def _show_changes(self, c: Any) -> None:
        ui, lang = self.ui, self.lang
        changes = c.changes
        if changes is None:
            for model in (self.unit_changes, self.cv_changes, self.theil_trend):
                model.clear()
            self._empty(ui.changeNote, self.tr(
                "Nothing to compare with: no report of %1 was received, and this year's "
                "reports record no score of %1. Import the %1 reports to see the change.")
                .replace("%1", str((c.year or 1) - 1)), ui.changeSplitter)
            return
        self.unit_changes.fill(changes, lang)
        self.cv_changes.fill(changes, lang)
        self.theil_trend.fill(c, lang)
        self._source_order("changeUnits", "changeIndicators")
        note = self.tr("Against %1.").replace("%1", str(changes.previous_year))
        if changes.indicators:
            note += " " + render("equal.cv_change", lang, more=changes.more_equal,
                                 less=changes.less_equal)
        self._note(ui.changeNote, note, ui.changeSplitter)
        before = bool(changes.indicators)  # last year's reports themselves were received
        ui.changeTheilBox.setVisible(before)
        ui.changeIndicatorsView.setVisible(before)
        ui.changeIndicatorsNote.setText("" if before else self.tr(
            "Without last year's reports the indicators' CV cannot be compared; only the "
            "units' scores are."))
        ui.changeIndicatorsNote.setVisible(not before)
        self._fit("changeUnits", stretch=0)
        self._fit("changeIndicators", stretch=1)
        self._fit("changeTheil", stretch=0)

    def _legend(self) -> None:
        low, high = self.heatmap.low, self.heatmap.high
        if low is None or high is None:
            self.ui.heatmapLegend.setText("")
            return
        swatches = []
        for step in range(5):
            colour = heat_colour(step / 4)
            value = low + (high - low) * step / 4
            swatches.append(
                f"<span style='background:{colour.name()}; color:{ink_for(colour).name()};"
                f" padding: 2px 8px;'>&nbsp;{number(value * 100, 2)}&nbsp;</span>")
        self.ui.heatmapLegend.setTextFormat(Qt.TextFormat.RichText)
        self.ui.heatmapLegend.setText(
            self.tr("Deeper colour, lower realization degree; the scale runs from this year's "
                    "lowest to its highest figure:") + "&nbsp;&nbsp;" + "".join(swatches))

    def _domain_chosen(self, _index: int = 0) -> None:
        view = self.ui.dispersionView
        proxy = view.model()
        proxy.set_group(self.ui.dispersionDomainCombo.currentData() or "")

    def _source_order(self, *names: str) -> None:
        """The rows in the order the records come (rank, catalogue), no sort indicator."""
        for name in names:
            self.views[name][0].horizontalHeader().setSortIndicator(
                -1, Qt.SortOrder.AscendingOrder)

    def _fit(self, name: str, stretch: int | None = None, even: bool = False) -> None:
        """Columns as wide as their content (text columns elided beyond MAX_COLUMN_EM, the
        full text in the tooltip); column ``stretch`` takes the room left (at least
        MIN_STRETCH_EM, with a scroll bar beyond), or with ``even`` the figure columns share
        it. Done again when the window or the tab changes (a hidden tab has no size)."""
        self._fits[name] = (stretch, even)
        view, model = self.views[name]
        columns = model.columnCount()
        if not columns:
            return
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        em = view.fontMetrics().horizontalAdvance("中")
        widths = [min(self._content_width(view, model, c), MAX_COLUMN_EM * em)
                  for c in range(columns)]
        for column in self._narrow.get(name, ()):  # short text, elided beyond (tooltip)
            widths[column] = min(widths[column], NARROW_EM * em)
        room = view.viewport().width() - 2
        if even and columns > 1:
            widest = max(widths[1:])
            if widths[0] + widest * (columns - 1) <= room:  # all alike, filling the room
                widths = [widths[0]] + [(room - widths[0]) // (columns - 1)] * (columns - 1)
            else:  # each its own; the room left shared, or the names elided
                extra = room - sum(widths)
                if extra > 0:
                    widths = [widths[0]] + [w + extra // (columns - 1) for w in widths[1:]]
                else:
                    widths[0] = max(widths[0] + extra, min(widths[0], 10 * em))
        elif stretch is not None and stretch < columns:
            others = sum(widths) - widths[stretch]
            widths[stretch] = max(room - others, min(widths[stretch], MIN_STRETCH_EM * em))
        for column, width in enumerate(widths):
            view.setColumnWidth(column, width)
        rows = view.fontMetrics().height() + 8
        if name == "heatmap" and model.rowCount():  # taller cells where there is room
            room_per_row = (view.viewport().height() - 2) // model.rowCount()
            rows = max(rows, min(rows * 2, room_per_row))
        view.verticalHeader().setDefaultSectionSize(rows)

    @staticmethod
    def _content_width(view: QTableView, model: RecordModel, column: int) -> int:
        """The cells' width or the title's longest line, whichever is wider (Qt's own
        measure of a title counts a title on several lines, and the room of a sort arrow
        that is not there, too generously)."""
        header = view.horizontalHeader()
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        metrics = header.fontMetrics()
        lines = max((metrics.horizontalAdvance(line) for line in title.split("\n")),
                    default=0)
        arrow = metrics.height() if (view.isSortingEnabled()
                                     and header.sortIndicatorSection() == column) else 0
        return max(view.sizeHintForColumn(column), lines + arrow + 12)

    def _fit_visible(self) -> None:
        for name, (view, _model) in self.views.items():
            if name in self._fits and view.isVisible():
                self._fit(name, *self._fits[name])

    def show_tab(self, n: int) -> None:
        self.ui.tabs.setCurrentIndex(n)
        page = self.tabs[n]
        first = page.findChild(QTableView)
        if first is not None and first.isVisible():
            first.setFocus()

    # --- importing ------------------------------------------------------------------------
    def import_folder(self) -> None:
        """File → Import a folder of reports…: every PDF in it and its subfolders."""
        chosen = QtWidgets.QFileDialog.getExistingDirectory(
            self.ui, self.tr("Import a folder of reports"),
            str(start_folder(self.settings, REPORTS_FOLDER)))
        if chosen:
            self.settings.set(REPORTS_FOLDER, chosen)
            self.import_paths([Path(chosen)])

    def import_files(self) -> None:
        """File → Import report files…: the PDF files chosen."""
        chosen, _ = QtWidgets.QFileDialog.getOpenFileNames(
            self.ui, self.tr("Import report files"),
            str(start_folder(self.settings, REPORTS_FOLDER)), self.tr("PDF reports (*.pdf)"))
        if chosen:
            self.settings.set(REPORTS_FOLDER, str(Path(chosen[0]).parent))
            self.import_paths([Path(p) for p in chosen])

    def import_paths(self, paths: list[Path]) -> bool:
        """Import files and folders (the progress dialog, then the summary); False when an
        import is already running."""
        if self.importer.busy:
            self.ui.statusBar().showMessage(self.tr("An import is running already."), 5000)
            return False
        return self.importer.start(paths)

    def _imported(self, run: ImportRun | None) -> None:
        if run is not None:
            result = run.result
            self.ui.statusBar().showMessage(self.tr(
                "Import done: %1 accepted, %2 quarantined, %3 duplicates.").replace(
                "%1", str(result.accepted)).replace("%2", str(result.quarantined)).replace(
                "%3", str(result.count("duplicate"))), 15000)
            accepted_years = {f.year for f in result.files
                              if f.outcome in ("accepted", "superseded") and f.year}
            if accepted_years and self.year not in accepted_years:
                self.year = max(accepted_years)  # show the (newest) year just received
        self.sig_imported.emit(run)
        self.refresh(self.year)

    # --- exports ----------------------------------------------------------------------------
    def _year_with_reports(self) -> int | None:
        """The year shown, when reports of it were accepted; else says why and None."""
        loaded = self.loaded
        if self.year is None or loaded is None or loaded.comparison is None:
            QtWidgets.QMessageBox.information(self.ui, self.tr("County summary"), self.tr(
                "No report of this year has been accepted yet: import the townships' "
                "signed reports first (File → Import a folder of reports…)."))
            return None
        return self.year

    def summary_report(self) -> None:
        """File → Export county summary report (PDF)…: the dialog (where, language, sign)."""
        from .county_export import SummaryDialog

        year = self._year_with_reports()
        if year is not None:
            self.summary_dialog = SummaryDialog(self.folder, self.settings, self.lang, year,
                                                self.ui)
            self.summary_dialog.show()

    def export_excel(self) -> None:
        """File → Export to Excel…: the year's tables as a workbook."""
        from .county_export import export_workbook

        year = self._year_with_reports()
        if year is not None:
            export_workbook(self.ui, self.folder, self.settings, self.lang, year)

    # --- view and help --------------------------------------------------------------------
    def zoom(self, step: int) -> None:
        from .main_window import apply_font_size

        size = max(8, min(24, self.settings.get(FONT_SIZE) + step))
        self.settings.set(FONT_SIZE, size)
        apply_font_size(size)
        self._refit()

    def _refit(self) -> None:
        if self.loaded is not None:
            self._show(self.loaded)

    def preferences(self) -> None:
        from . import dialogs
        from .settings import LANGUAGE

        current = dialogs.Preferences(self.settings.get(CLERK), self.settings.get(LANGUAGE),
                                      self.settings.get(FONT_SIZE))
        chosen = dialogs.ask_preferences(current, self.ui, name_required=False)
        if chosen is None:
            return
        if chosen.clerk:
            self.settings.set(CLERK, chosen.clerk)
        if chosen.font_size != current.font_size:
            from .main_window import apply_font_size

            self.settings.set(FONT_SIZE, chosen.font_size)
            apply_font_size(chosen.font_size)
            self._refit()
        if chosen.language != current.language:
            self.settings.set(LANGUAGE, chosen.language)
            self.sig_language_changed.emit(chosen.language)

    def guide(self) -> None:
        from .help_dialog import show_guide

        self.guide_dialog = show_guide(self.ui, self.lang)

    def export_diagnostics(self) -> None:
        """Help → Export diagnostics for support…: logs, versions and checks; no values."""
        from ..jobs.diagnostics import default_diagnostics_name
        from .settings import FILES_FOLDER
        from .support import write_diagnostics_in_background

        folder = start_folder(self.settings)
        chosen, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.ui, self.tr("Export diagnostics for support"),
            str(folder / default_diagnostics_name()), "Zip (*.zip)")
        if not chosen:
            return
        path = Path(chosen)
        self.settings.set(FILES_FOLDER, str(path.parent))
        write_diagnostics_in_background(self.ui, self.folder.path, path, self.lang,
                                        self._load_failed)

    def show(self) -> None:
        self.ui.show()


__all__ = ["CountyWindow"]
