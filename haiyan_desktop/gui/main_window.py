"""The main window: wires the form, the models and the actions to one EntrySession.

Logic stays in the core (session, store, exchange); this class only connects widgets to it.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtWidgets  # message boxes and file dialogs: QtWidgets.QMessageBox...
from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from ..errors import HaiyanError
from ..jobs import DataFolder
from ..messages import msg, os_reason
from ..session import ERROR, MISSING, WARNING, EntrySession
from ..store import NotReady, StoreError, Submission
from ..validation import Entry
from .entry_model import COMMENT, VALUE, EntryTableModel
from .entry_view import EntryView
from .forms import load_form
from .score_panel import ScorePanel
from .settings import (
    CLERK,
    DOCKS,
    FILES_FOLDER,
    FONT_SIZE,
    GEOMETRY,
    SPLITTER,
    Settings,
    start_folder,
)
from .side_models import CODE_ROLE, COLUMN_ROLE, BlockersModel, DomainModel
from .startup import after_first_paint
from .undo import SetEntryCommand

DEFAULT_SIZE = (1366, 740)  # the window on a screen with room for it
TITLE_BAR = 32  # pixels the window manager adds above the window
SIDE_PANEL = 270  # the score and definition panel's first width
BLOCKERS_HEIGHT = 130  # the "what is left" dock's first height: the grid keeps the room
SHOW_ALL, SHOW_EMPTY, SHOW_PROBLEMS = range(3)  # the grid's "Show:" choices
NAMED_IN_MESSAGE = 12  # indicators named in "cannot be marked checked yet"


def run_in_background(*args) -> None:
    """workers.run_in_background, its module imported by the first long job (not at start)."""
    from .workers import run_in_background as run

    run(*args)


def _dialogs():
    """The dialogs module, imported when a dialog is first needed (not for the first paint)."""
    from . import dialogs

    return dialogs


def restore_geometry(window: QWidget, geometry: QByteArray | None) -> None:
    """The window's last size and place, or one that fits this screen (taskbar and title bar
    left out); never larger than the screen now is."""
    available = window.screen().availableGeometry()
    room = available.adjusted(0, 0, 0, -TITLE_BAR)
    if geometry and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(min(DEFAULT_SIZE[0], room.width()), min(DEFAULT_SIZE[1], room.height()))
        window.move(available.center() - window.rect().center())
    if window.width() > room.width() or window.height() > room.height():
        window.resize(min(window.width(), room.width()), min(window.height(), room.height()))
        window.move(available.topLeft())


class MainWindow(QObject):
    """Owns the loaded ``forms/main_window.ui`` window (composition, not inheritance)."""

    sig_saved = Signal(str)  # code of a value just committed to the database
    sig_switch_requested = Signal()
    sig_reopen_requested = Signal()  # open this unit and year again (a catalogue was installed)
    sig_language_changed = Signal(str)
    sig_painted = Signal()  # the window's first paint (see startup.py)

    def __init__(self, session: EntrySession, settings: Settings):
        ui: QMainWindow = load_form("main_window.ui")  # type: ignore[assignment]
        super().__init__(ui)  # the window's child: both go together, with every dialog it owns
        self.ui = ui
        self.session = session
        self.settings = settings
        self._painted = False
        self.ui.installEventFilter(self)
        self.undo = QUndoStack(self)
        self.model = EntryTableModel(session, self._edit, self)
        self.view = EntryView(self.ui.entryContainer)
        self.ui.entryContainer.layout().addWidget(self.view)
        self.view.setModel(self.model)
        self.view.validate = lambda code, text: [p.message.render(session.lang)
                                                 for p in session.validate(code, text)]
        self.view.paste_values = self.paste
        self.domains = DomainModel(self)
        self.ui.domainTree.setModel(self.domains)
        self.problems = BlockersModel(self)  # the dock of what still stops "checked" (F9)
        self.ui.problemsView.setModel(self.problems)
        self.ui.menuView.insertAction(self.ui.actionZoomIn, self.ui.blockersDock.toggleViewAction())
        self.ui.menuView.insertSeparator(self.ui.actionZoomIn)
        for label in (self.tr("All indicators"), self.tr("Not filled in"),
                      self.tr("With problems")):
            self.ui.showCombo.addItem(label)
        self.scores = ScorePanel(self.ui.overallScore, self.ui.scoreBars)
        self.domain_code = ""
        self._connect()
        self._fill()
        self._restore_geometry()

    # --- set-up ---------------------------------------------------------------------------
    def _connect(self) -> None:
        ui = self.ui
        undo = self.undo.createUndoAction(self, self.tr("Undo"))
        # the platform's keys (Ctrl+Z; Ctrl+Y and Ctrl+Shift+Z); a key given as text would
        # make PySide6 build its Qt enums before the first paint (see roles.py)
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo.createRedoAction(self, self.tr("Redo"))
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
        ui.menuEdit.insertActions(ui.actionFind, [undo, redo])
        ui.menuEdit.insertSeparator(ui.actionFind)
        self.action_undo, self.action_redo = undo, redo
        ui.domainTree.selectionModel().currentChanged.connect(
            lambda current, _: self.show_domain(current.data(CODE_ROLE)))
        ui.problemsView.activated.connect(self._problem_activated)
        ui.problemsView.clicked.connect(self._problem_activated)
        self.view.sig_current_changed.connect(self._show_definition)
        self.view.sig_past_end.connect(self._next_domain)
        self.view.sig_read_only.connect(self._explain_read_only)
        ui.filterEdit.textChanged.connect(self.apply_filter)
        ui.filterEdit.returnPressed.connect(self.find_next)
        ui.showCombo.currentIndexChanged.connect(self.apply_filter)
        self.view.sig_live_problem.connect(
            lambda text: self.ui.statusBar().showMessage(text, 5000) if text else None)
        ui.actionQuit.triggered.connect(ui.close)
        ui.actionSwitch.triggered.connect(self.sig_switch_requested.emit)
        ui.actionImport.triggered.connect(self.import_excel)
        ui.actionExport.triggered.connect(self.export_excel)
        ui.actionReport.triggered.connect(self.report)
        ui.actionSign.triggered.connect(self.sign)
        ui.actionVerify.triggered.connect(self.verify)
        ui.actionInstallCatalogue.triggered.connect(self.install_catalogue)
        ui.actionFind.triggered.connect(self.find)
        ui.actionFindNext.triggered.connect(self.find_next)
        ui.actionGuide.triggered.connect(self.guide)
        ui.actionDiagnostics.triggered.connect(self.export_diagnostics)
        ui.actionMarkNa.triggered.connect(self.mark_not_applicable)
        ui.actionHistory.triggered.connect(self.history)
        ui.actionCheck.triggered.connect(self.check)
        ui.actionMarkChecked.triggered.connect(self.mark_checked)
        ui.actionReopen.triggered.connect(self.reopen)
        ui.actionZoomIn.triggered.connect(lambda: self.zoom(1))
        ui.actionZoomOut.triggered.connect(lambda: self.zoom(-1))
        ui.actionPreferences.triggered.connect(self.preferences)
        self.sig_saved.connect(lambda _code: self.ui.statusBar().showMessage(
            self.tr("Saved %1").replace("%1", time.strftime("%H:%M:%S"))))

    def _fill(self) -> None:
        s = self.session
        unit = s.submission.unit
        self.ui.setWindowTitle(f"{unit.name.get(s.lang)} {s.submission.year} — "
                               + self.tr("Haiyan Desktop"))
        self.ui.unitLabel.setText(unit.name.get(s.lang))
        self.ui.yearLabel.setText(self.tr("%1 assessment").replace(
            "%1", str(s.submission.year)))
        self.ui.demoBadge.setVisible(s.demo)
        self.ui.demoBadge.setStyleSheet("color: white; background: #b26a00; padding: 2px 6px;")
        self.domains.fill(s)
        self.scores.fill(s)
        self._update_header()
        self.fill_blockers()
        if self.domains.rowCount():
            self.ui.domainTree.setCurrentIndex(self.domains.index(0, 0))

    def _update_header(self) -> None:
        s = self.session
        self.ui.stateBadge.setText(s.state_label)
        colors = {"draft": "#546e7a", "checked": "#2e7d32", "signed": "#1565c0",
                  "reopened": "#6a1b9a"}
        self.ui.stateBadge.setStyleSheet(
            f"color: white; background: {colors[s.submission.state]}; padding: 2px 6px;")
        p = s.progress()
        self.ui.progressBar.setRange(0, max(p.total, 1))
        self.ui.progressBar.setValue(p.filled)
        self.ui.progressBar.setFormat(f"{p.filled} / {p.total}")
        self.ui.actionMarkChecked.setEnabled(s.submission.state in ("draft", "reopened"))
        self.ui.actionReopen.setEnabled(s.submission.state == "signed")
        self.ui.actionSign.setEnabled(s.submission.state == "checked")
        self.ui.actionImport.setEnabled(s.editable)

    def _add_redo_key(self) -> None:
        """Ctrl+Y redoes on every platform, beside the platform's own key (Ctrl+Shift+Z on
        Linux desktops); added after the first paint, as a key given as text builds Qt's
        enums (see roles.py)."""
        keys = self.action_redo.shortcuts()
        ctrl_y = QKeySequence("Ctrl+Y")
        if ctrl_y not in keys:
            self.action_redo.setShortcuts([*keys, ctrl_y])

    def _restore_geometry(self) -> None:
        """The last size and layout, or one that fits this screen (taskbar and title bar
        left out); never larger than the screen now is."""
        restore_geometry(self.ui, self.settings.get(GEOMETRY))
        splitter = self.settings.get(SPLITTER)
        if splitter and not splitter.isEmpty():
            self.ui.mainSplitter.restoreState(splitter)
        else:
            tree, side = self._domain_tree_width(), SIDE_PANEL
            self.ui.mainSplitter.setSizes([tree, self.ui.width() - tree - side, side])

    def _domain_tree_width(self) -> int:
        """As wide as the longest line (name, progress, badges), within reason: beyond a
        quarter of the window the names are elided."""
        metrics = self.ui.domainTree.fontMetrics()
        longest = max((metrics.horizontalAdvance(self.domains.item(r).text())
                       for r in range(self.domains.rowCount())), default=150)
        return min(longest + 2 * metrics.horizontalAdvance("国"), self.ui.width() // 4)

    def fit_domain_tree(self) -> None:
        """Widen the domain list when its text grew (a larger font, another language)."""
        sizes = self.ui.mainSplitter.sizes()
        wanted = self._domain_tree_width()
        if len(sizes) == 3 and sum(sizes) > 0 and sizes[0] < wanted:
            sizes[1] = max(sizes[1] - (wanted - sizes[0]), 0)
            sizes[0] = wanted
            self.ui.mainSplitter.setSizes(sizes)

    def _after_first_paint(self) -> None:
        """Sizes that need the laid-out window, and keys that need Qt's enums (roles.py)."""
        import shiboken6
        from PySide6.QtCore import Qt

        if not (shiboken6.isValid(self.ui) and shiboken6.isValid(self.action_redo)):
            return  # replaced before this ran (a reopen): its successor does this
        self._add_redo_key()
        self.fit_domain_tree()
        docks = self.settings.get(DOCKS)
        if docks and not docks.isEmpty():
            self.ui.restoreState(docks)
        else:
            self.ui.resizeDocks([self.ui.blockersDock], [BLOCKERS_HEIGHT],
                                Qt.Orientation.Vertical)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, after_first_paint)
            # with the window as context: skipped if it is gone by then (a reopen)
            QTimer.singleShot(0, self, self._after_first_paint)
            self.sig_painted.emit()
        if watched is self.ui and event.type() == QEvent.Type.Close:
            self.settings.set(GEOMETRY, self.ui.saveGeometry())
            self.settings.set(SPLITTER, self.ui.mainSplitter.saveState())
            self.settings.set(DOCKS, self.ui.saveState())
            self.settings.sync()
        return False

    # --- navigation -----------------------------------------------------------------------
    def show_domain(self, code: str | None) -> None:
        if not code or code == self.domain_code:
            return
        self.domain_code = code
        self.model.show_domain(code)
        self.view.fit_columns()
        self.apply_filter()
        first = self.view.next_value(-1, 1)
        if first.isValid():
            self.view.setCurrentIndex(first)

    def go_to(self, code: str, column: int = VALUE) -> None:
        ind = self.session.catalogue.index.get(code)
        if ind is None:
            return
        self.ui.domainTree.setCurrentIndex(self.domains.index(self.domains.row_of(ind.domain), 0))
        self.show_domain(ind.domain)
        row = self.model.row_of(code)
        if self.view.isRowHidden(row):  # asked for by name: show it whatever the filter
            self.ui.showCombo.setCurrentIndex(SHOW_ALL)
            self.view.setRowHidden(row, False)
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()

    def _problem_activated(self, index: QModelIndex) -> None:
        column = COMMENT if index.data(COLUMN_ROLE) == "comment" else VALUE
        self.go_to(index.data(CODE_ROLE), column)

    def _next_domain(self) -> None:
        """Enter on a domain's last value goes on with the next domain's first."""
        row = self.domains.row_of(self.domain_code) + 1
        if row >= self.domains.rowCount():
            self.ui.statusBar().showMessage(self.tr("That was the last value of the last "
                                                  "domain."), 5000)
            return
        self.ui.domainTree.setCurrentIndex(self.domains.index(row, 0))
        self.view.setFocus()
        self.ui.statusBar().showMessage(self.tr("Next domain: %1").replace(
            "%1", self.session.domains()[row].name.get(self.session.lang)), 5000)

    def _explain_read_only(self, code: str) -> None:
        """Typing where nothing can be typed says why, and what to do instead."""
        s = self.session
        if not s.editable:
            text = (self.tr("This submission is signed and cannot be changed. To change it, "
                            "reopen it: Submission → Reopen…")
                    if s.submission.state == "signed" else
                    self.tr("This submission cannot be changed in its present state."))
        elif s.catalogue.index[code].is_calculated:
            text = self.tr("%1 is calculated: change the values it comes from (%2).").replace(
                "%1", code).replace("%2", ", ".join(s.inputs_of(code)))
        else:
            return
        self.ui.statusBar().showMessage(text, 8000)

    # --- finding and filtering ----------------------------------------------------------------
    def _matches(self, code: str, name: str) -> bool:
        text = self.ui.filterEdit.text().strip().casefold()
        return not text or text in code.casefold() or text in name.casefold()

    def apply_filter(self) -> None:
        """Hide the grid's rows that do not match the typed text or the chosen kind."""
        show = self.ui.showCombo.currentIndex()
        for r in range(self.model.rowCount()):
            row = self.model.row_view(r)
            wanted = self._matches(row.code, row.name) and (
                show == SHOW_ALL
                or (show == SHOW_EMPTY and row.status == MISSING and not row.calculated)
                or (show == SHOW_PROBLEMS and row.status in (ERROR, WARNING)))
            self.view.setRowHidden(r, not wanted)

    def find(self) -> None:
        """Ctrl+F: the filter box, ready to type into."""
        self.ui.filterEdit.setFocus()
        self.ui.filterEdit.selectAll()

    def find_next(self) -> None:
        """F3 (or Enter in the filter box): the next indicator matching the typed text, in
        any domain, after the current one."""
        s = self.session
        if not self.ui.filterEdit.text().strip():
            self.find()
            return
        leaves = [i for i in s.catalogue.leaves(s.kind)
                  if self._matches(i.code, i.name.get(s.lang))]
        if not leaves:
            self.ui.statusBar().showMessage(self.tr("No indicator matches “%1”.").replace(
                "%1", self.ui.filterEdit.text().strip()), 5000)
            return
        codes = [i.code for i in s.catalogue.leaves(s.kind)]
        here = codes.index(self.current_code()) if self.current_code() in codes else -1
        after = [i for i in leaves if codes.index(i.code) > here]
        self.go_to((after or leaves)[0].code)

    def _show_definition(self, code: str) -> None:
        row = self.session.row(code)
        ind = self.session.catalogue.index[code]
        lang = self.session.lang
        parts = [f"<b>{row.code} {row.name}</b>", row.definition]
        if ind.source:
            parts.append(self.tr("Source: %1").replace("%1", ind.source.get(lang)))
        if ind.lead_unit:
            parts.append(self.tr("Lead unit: %1").replace("%1", ind.lead_unit.get(lang)))
        parts += [f"<span style='color:#c62828'>{m}</span>" for m in row.messages]
        self.ui.definitionPanel.setHtml("<br><br>".join(p for p in parts if p))

    # --- edits ----------------------------------------------------------------------------
    def _edit(self, code: str, column: int, text: str) -> None:
        """A cell was edited: store it (one audited transaction) and make it undoable."""
        old = self.session.entry(code)
        is_comment = column == COMMENT
        new = Entry(old.raw, text, old.na) if is_comment else Entry(text, old.comment, False)
        self.apply(code, old, new, self.tr("Edit %1").replace("%1", code))
        if column == VALUE and code not in self.session.pending:
            row = self.session.row(code)
            if row.status == "warning" and not row.comment:  # a warning asks for a comment
                self.view.setCurrentIndex(self.model.index(self.model.row_of(code), COMMENT))

    def apply(self, code: str, old: Entry, new: Entry, text: str) -> bool:
        before = self.session.submission.state
        try:
            result = self.session.apply(code, new)
        except StoreError as exc:
            QtWidgets.QMessageBox.warning(self.ui, self.tr("Not saved"), exc.message.render(
                self.session.lang))
            return False
        if result.accepted and result.changed:
            self.undo.push(SetEntryCommand(self.session, code, old, new, text, self.changed))
        self.changed(code, saved=result.accepted and result.changed)
        if before == "checked" and self.session.submission.state != before:
            self.ui.statusBar().showMessage(self.tr(
                "Saved. The submission was checked; after this change it is a draft again: "
                "mark it as checked once more when you are done (Submission → Mark as "
                "checked)."), 15000)
        return result.accepted

    def changed(self, code: str, saved: bool = True) -> None:
        """Refresh everything a change can move: rows, progress, problems, score, state."""
        self.model.refresh()
        self.domains.update(self.session)
        self.fill_blockers()
        self.scores.update(self.session)
        self._update_header()
        self.apply_filter()
        if self.view.currentIndex().isValid():
            self._show_definition(self.model.codes[self.view.currentIndex().row()])
        if saved:
            self.sig_saved.emit(code)

    def paste(self, codes: list[str], values: list[str]) -> None:
        """A column pasted from Excel: one undoable step, each value audited."""
        self.undo.beginMacro(self.tr("Paste %n value(s)", "", len(codes)))
        for code, raw in zip(codes, values, strict=True):
            old = self.session.entry(code)
            self.apply(code, old, Entry(raw, old.comment, False),
                       self.tr("Edit %1").replace("%1", code))
        self.undo.endMacro()

    def current_code(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.codes[index.row()] if index.isValid() else None

    def mark_not_applicable(self) -> None:
        code = self.current_code()
        if code is None:
            return
        row = self.session.row(code)
        if not row.allow_na or not self.session.editable:
            self.ui.statusBar().showMessage(self.tr("This indicator cannot be marked not "
                                                  "applicable"), 5000)
            return
        reason = _dialogs().ask_text(self.ui, self.tr("Not applicable"),
                                     self.tr("Why does %1 not apply to your unit?").replace(
                                         "%1", row.name))
        if reason:
            old = self.session.entry(code)
            self.apply(code, old, Entry(None, reason, True),
                       self.tr("Not applicable %1").replace("%1", code))

    def history(self) -> None:
        code = self.current_code()
        if code:
            rows = self.session.store.history(self.session.submission, code)
            self._history = _dialogs().show_history(rows, self.tr("History of %1").replace(
                "%1", code), self.ui, self.session.lang)

    # --- workflow ---------------------------------------------------------------------------
    def fill_blockers(self) -> None:
        self.problems.fill(self.session)
        count = self.problems.rowCount()
        self.ui.blockersSummary.setText(
            self.tr("Still to do before the submission can be marked checked: %n", "",
                    count) if count else
            self.tr("Nothing left: the submission can be marked checked.")
            if self.session.editable else self.session.state_label)

    def blocking_text(self, limit: int | None = None) -> str:
        """What stops "checked", one indicator a line: code, name and reason."""
        blockers = self.session.blockers()
        lines = [f"{b.code} {b.name}：{b.reason}" if self.session.lang == "zh"
                 else f"{b.code} {b.name}: {b.reason}" for b in blockers[:limit]]
        if limit is not None and len(blockers) > limit:
            lines.append(self.tr("… more in the list “What is left to do” (F9): %n", "",
                                 len(blockers) - limit))
        return "\n".join(lines)

    def check(self) -> None:
        """F9: the dock of what is left, shown and focused."""
        self.fill_blockers()
        dock = self.ui.blockersDock
        dock.show()
        dock.raise_()
        if self.problems.rowCount():
            self.ui.problemsView.setFocus()
            self.ui.problemsView.setCurrentIndex(self.problems.index(0, 0))
        else:
            self.ui.statusBar().showMessage(self.tr("No problems: the submission can be marked "
                                                  "checked"), 8000)

    def mark_checked(self) -> None:
        self._workflow(self.session.store.mark_checked)

    def reopen(self) -> None:
        from ..jobs.assess import reopen_in

        reason = _dialogs().ask_text(self.ui, self.tr("Reopen"),
                                     self.tr("Why must the signed submission be reopened?"))
        if not reason:
            return
        moved = []
        if not self._workflow(lambda sub: moved.append(reopen_in(self.session.store, sub,
                                                                  reason))):
            return
        for path in moved[0].superseded:  # the old signed file can no longer pass for the report
            self.ui.statusBar().showMessage(msg("report.superseded_file", name=path.name)
                                            .render(self.session.lang), 10000)

    def _workflow(self, move: Callable[[Submission], object]) -> bool:
        """Change the submission's state; a refusal is explained, never raised."""
        try:
            move(self.session.submission)
        except NotReady:
            QtWidgets.QMessageBox.information(
                self.ui, self.tr("Not yet"),
                self.tr("It cannot be marked checked yet. Still to do:") + "\n\n"
                + self.blocking_text(limit=NAMED_IN_MESSAGE))
            self.check()
            return False
        except StoreError as exc:
            QtWidgets.QMessageBox.warning(self.ui, self.tr("Not possible"),
                                exc.message.render(self.session.lang))
            return False
        self.session.reload()
        self.changed("", saved=False)
        return True

    # --- files ------------------------------------------------------------------------------
    def default_file_name(self, suffix: str, kind: str = "填报表") -> str:
        s = self.session
        return f"海盐县_{s.submission.unit.name.zh}_{s.submission.year}_{kind}{suffix}"

    def export_excel(self) -> None:
        path = self._ask_file(QtWidgets.QFileDialog.getSaveFileName, self.tr("Export to Excel"),
                              self.default_file_name(".xlsx"), "Excel (*.xlsx)")
        if path:
            self.export_to(path)

    def _ask_file(self, ask, title: str, name: str, filter_: str) -> Path | None:
        """A file dialog opened in the folder used last (Documents the first time)."""
        folder = start_folder(self.settings)
        chosen, _ = ask(self.ui, title, str(folder / name) if name else str(folder), filter_)
        if not chosen:
            return None
        self.settings.set(FILES_FOLDER, str(Path(chosen).parent))
        return Path(chosen)

    def folder(self) -> DataFolder:
        s = self.session
        return DataFolder(s.store.data_dir, s.demo, s.store.actor)

    def export_to(self, path: Path) -> None:
        """The store is read here (its connection is this thread's); the file is written by a
        worker."""
        from ..jobs.values import export_data, write_export

        data, lang = export_data(self.session.store, self.session.submission), self.session.lang
        run_in_background(self.ui, self.tr("Writing the Excel file…"),
                          lambda: write_export(data, path, lang),
                          lambda _r: self.ui.statusBar().showMessage(
                              self.tr("Exported to %1").replace("%1", str(path)), 8000),
                          self._file_failed)

    def import_excel(self) -> None:
        path = self._ask_file(QtWidgets.QFileDialog.getOpenFileName,
                              self.tr("Import from Excel"), "", "Excel / CSV (*.xlsx *.csv)")
        if path:
            self.import_from(path)

    def import_from(self, path: Path) -> None:
        """The file is read once, by a worker on its own connection (a preview with its
        problems); what it found is stored on this thread."""
        from ..jobs.values import preview_import

        folder, unit, year = self.folder(), self.session.submission.unit.code, \
            self.session.submission.year

        def preview():
            with folder.store() as reader:
                return preview_import(reader, reader.submission(unit, year), path)

        run_in_background(self.ui, self.tr("Reading the file…"), preview,
                          self._store_import, self._import_failed)

    def _import_failed(self, exc: Exception) -> None:
        from ..exchange.importer import ImportRefused

        if not isinstance(exc, ImportRefused):
            self._file_failed(exc)
            return
        lang = self.session.lang
        lines = exc.lines(lang) + exc.details(lang)
        self._report = _dialogs().show_text(self.tr("Import refused"), "\n".join(lines),
                                            self.ui)

    def _store_import(self, preview) -> None:
        from ..jobs.values import commit_import

        lang = self.session.lang
        try:
            report = commit_import(self.session.store, self.session.submission, preview)
        except HaiyanError as exc:
            self._import_failed(exc)
            return
        self.undo.clear()  # an import is audited but not undone value by value
        self.session.reload()
        self.changed("", saved=bool(report.outcome.stored))
        outcome = report.outcome
        lines = [self.tr("Stored: %1, unchanged: %2, rejected: %3")
                 .replace("%1", str(len(outcome.stored)))
                 .replace("%2", str(len(outcome.unchanged)))
                 .replace("%3", str(len(outcome.rejected)))]
        for code, problems in outcome.rejected.items():
            lines += [f"{code}  {p.message.render(lang)}" for p in problems]
        self._report = _dialogs().show_text(self.tr("Import report"), "\n".join(lines), self.ui)

    def report(self) -> None:
        """Preview the report: for a signed submission the signed file itself; otherwise one
        built off the GUI thread (its own read-only connection)."""
        s = self.session
        if s.submission.state == "signed":
            self._show_signed_report()
            return
        folder, lang = self.folder(), s.lang
        unit, year = s.submission.unit.code, s.submission.year
        clerk = self.settings.get(CLERK) or None
        self._report_dir = tempfile.TemporaryDirectory(prefix="haiyan-report-")
        out = Path(self._report_dir.name) / self.default_file_name(".pdf", "评估报告")

        def build():
            from ..jobs.report import build_report

            return build_report(folder, unit, year, out, lang=lang, clerk=clerk)

        run_in_background(self.ui, self.tr("Building the report…"), build,
                          self._show_report, self._file_failed)

    def _show_report(self, info) -> None:
        from .report_dialog import ReportDialog

        self.report_dialog = ReportDialog(info.path, info.path.name, self.ui,
                                          folder=start_folder(self.settings),
                                          lang=self.session.lang)
        self.report_dialog.show()

    def _show_signed_report(self) -> None:
        from .. import signing
        from ..jobs.report import signed_report
        from .report_dialog import ReportDialog

        s = self.session
        try:
            path = signed_report(s.store, s.submission)
            content = path.read_bytes()
        except (HaiyanError, OSError) as exc:
            self._file_failed(exc)
            return
        try:
            display = signing.with_stamps_drawn(content)
        except signing.SigningError:
            display = content  # the file is still the signed one; only the stamps are not drawn
        name = signing.report_file_name(s.submission.unit.name.zh, s.submission.year)
        self.report_dialog = ReportDialog(path, name, self.ui, display=display,
                                          folder=start_folder(self.settings),
                                          lang=self.session.lang)
        self.report_dialog.show()

    def sign(self) -> None:
        """Sign the checked submission's report: the clerk, then the unit head."""
        from .sign_dialog import SignDialog

        self.sign_dialog = SignDialog(self.session, self.settings, self.ui)
        self.sign_dialog.sig_submission_signed.connect(
            lambda: (self.session.reload(), self.changed("", saved=False)))
        self.sign_dialog.show()

    def verify(self) -> None:
        from .verify_dialog import VerifyDialog

        self.verify_dialog = VerifyDialog(self.session, self.settings, self.ui)
        self.verify_dialog.show()

    def install_catalogue(self) -> None:
        """File → 安装考核目录…: a signed catalogue package, checked and installed off the GUI
        thread (gui/catalogue_dialog.py)."""
        from .catalogue_dialog import CatalogueInstaller

        self.catalogue_installer = CatalogueInstaller(self)
        self.catalogue_installer.ask()

    def _file_failed(self, exc: Exception) -> None:
        lang = self.session.lang
        if isinstance(exc, HaiyanError):
            text = "\n".join(exc.lines(lang))
        elif isinstance(exc, OSError):
            text = f"{exc.filename or ''} {os_reason(exc).get(lang)}".strip()
        else:
            raise exc  # a bug: the program's error dialog reports it
        QtWidgets.QMessageBox.warning(self.ui, self.tr("File problem"), text)

    # --- view ---------------------------------------------------------------------------------
    def zoom(self, step: int) -> None:
        size = max(8, min(24, self.settings.get(FONT_SIZE) + step))
        self.settings.set(FONT_SIZE, size)
        apply_font_size(size)
        self.view.fit_columns()
        self.fit_domain_tree()

    def export_diagnostics(self) -> None:
        """Help → 导出诊断信息…: logs, versions and checks for support; no values, no keys."""
        from ..jobs.diagnostics import default_diagnostics_name
        from .support import write_diagnostics_in_background

        path = self._ask_file(QtWidgets.QFileDialog.getSaveFileName,
                              self.tr("Export diagnostics for support"),
                              default_diagnostics_name(), "Zip (*.zip)")
        if path is None:
            return
        write_diagnostics_in_background(self.ui, self.session.store.data_dir, path,
                                        self.session.lang, self._file_failed)

    def guide(self) -> None:
        from .help_dialog import show_guide

        self.guide_dialog = show_guide(self.ui, self.session.lang)

    def preferences(self) -> None:
        from .settings import LANGUAGE

        current = _dialogs().Preferences(self.settings.get(CLERK),
                                         self.settings.get(LANGUAGE),
                                         self.settings.get(FONT_SIZE))
        chosen = _dialogs().ask_preferences(current, self.ui)
        if chosen is None:
            return
        self.settings.set(CLERK, chosen.clerk)
        self.session.store.actor = chosen.clerk or self.session.store.actor
        self.settings.set(FONT_SIZE, chosen.font_size)
        apply_font_size(chosen.font_size)
        self.view.fit_columns()
        self.fit_domain_tree()
        if chosen.language != current.language:
            self.settings.set(LANGUAGE, chosen.language)
            self.sig_language_changed.emit(chosen.language)

    def show(self) -> None:
        self.ui.show()
        self.view.setFocus()


def apply_font_size(size: int) -> None:
    app = QApplication.instance()
    font: QFont = app.font()
    font.setPointSize(size)
    app.setFont(font)

