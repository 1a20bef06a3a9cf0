"""The county window's tables: thin QAbstractTableModels over the plain records of the county
desk's jobs (county.status.Status, county.equalization.Comparison, county.receive.ImportResult).

Each model turns its records into rows of :class:`Cell` once, when filled (the text shown, the
value it sorts by, a tooltip, colours); ``data()`` only hands those out. Figures are never
rounded before they are shown. :class:`TableProxy` sorts by the raw values, keeps the summary
rows (county mean, median) at the bottom whatever the order, puts empty values last, and
filters by group (the domain of an indicator).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts by
PINNED_ROLE = Qt.ItemDataRole.UserRole + 2  # a summary row, kept at the bottom
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3  # what the proxy filters by (a domain code)
CODE_ROLE = Qt.ItemDataRole.UserRole + 4  # the row's unit or indicator code

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DASH = "—"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
# state colours: words carry the meaning, the colour only helps (dark enough on white)
GREEN, RED, ORANGE, GREY = QColor("#1b5e20"), QColor("#b71c1c"), QColor("#a34700"), \
    QColor("#616161")
GROUP_SHADE = QColor("#f1f3f4")  # every other unit's rows in the weak-indicator table
# the heat map: pale where a unit attains the most, deep where it attains the least; the
# lightness alone orders the cells, so the map reads in grayscale too
HEAT_HIGH, HEAT_LOW = QColor("#fff4e0"), QColor("#8c2d04")


class Cell(NamedTuple):
    text: str
    sort: Any = None  # None: sorted by the text; math.nan: an empty value (always last)
    tip: str | None = None
    number: bool = False  # right-aligned
    centred: bool = False
    background: QColor | None = None
    foreground: QColor | None = None
    bold: bool = False


class Row(NamedTuple):
    cells: list[Cell]
    code: str = ""
    group: str = ""
    pinned: bool = False  # a summary row (county mean, median)


# --- formatting (figures as they are, with sensible places) -----------------------------------
def number(value: float | None, places: int | None = None) -> str:
    """A figure with as many places as its size needs (99.03, 14,450, 0.846)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return DASH
    if places is None:
        size = abs(value)
        places = 0 if size >= 1000 else 1 if size >= 100 else 2 if size >= 1 else 3
    return f"{value:,.{places}f}"


def percent(share: float | None, places: int = 1) -> str:
    """An attainment or share (0–1) in percent: 0.9503 → 95.0%."""
    return DASH if share is None else f"{share * 100:.{places}f}%"


def signed(value: float | None, places: int = 2) -> str:
    """A change with its sign: +0.52, −0.31 (a true minus sign), 0.00."""
    if value is None:
        return DASH
    text = f"{abs(value):.{places}f}"
    if float(text) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def coefficient(value: float | None) -> str:
    """A coefficient of variation or a Theil index (small numbers: fixed places)."""
    return DASH if value is None else f"{value:.4f}"


def theil(value: float | None) -> str:
    return DASH if value is None else f"{value:.6f}"


def key(value: float | None) -> float:
    """A sort key: an empty value is NaN, which the proxy puts last."""
    return math.nan if value is None else float(value)


def value_text(value: Any) -> str:
    """A figure from a report (a number, yes/no, a choice) as the clerk would read it."""
    if value is None:
        return DASH
    if isinstance(value, bool):
        return (QCoreApplication.translate("CountyTables", "Yes") if value
                else QCoreApplication.translate("CountyTables", "No"))
    if isinstance(value, int | float):
        return number(float(value))
    return str(value)


def local_time(moment: datetime | None) -> str:
    return DASH if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def kind_text(kind: str) -> str:
    words = {"subdistrict": QCoreApplication.translate("CountyTables", "Subdistrict"),
             "town": QCoreApplication.translate("CountyTables", "Town"),
             "department": QCoreApplication.translate("CountyTables", "Department")}
    return words.get(kind, kind or DASH)


def role_text(role: str | None) -> str:
    words = {"clerk": QCoreApplication.translate("CountyTables", "Clerk"),
             "head": QCoreApplication.translate("CountyTables", "Head")}
    return words.get(role or "", role or DASH)


def wrapped(text: str, width: int = 12) -> str:
    """A long header on several lines of at most ``width`` characters, broken at spaces (a
    longer word keeps its own line; Chinese, without spaces, is left as it is)."""
    if len(text) <= width or " " not in text:
        return text
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def heat_colour(position: float) -> QColor:
    """The heat map's colour at ``position`` (0: the lowest attainment, 1: the highest)."""
    t = min(max(position, 0.0), 1.0)
    low, high = HEAT_LOW, HEAT_HIGH
    return QColor(round(low.red() + (high.red() - low.red()) * t),
                  round(low.green() + (high.green() - low.green()) * t),
                  round(low.blue() + (high.blue() - low.blue()) * t))


def ink_for(background: QColor) -> QColor:
    """Black or white text, whichever reads better on ``background``."""
    luminance = (0.2126 * background.redF() + 0.7152 * background.greenF()
                 + 0.0722 * background.blueF())
    return QColor("black") if luminance > 0.45 else QColor("white")


# --- the base model ---------------------------------------------------------------------------
class RecordModel(QAbstractTableModel):
    """Rows of cells made once from plain records; subclasses say the headers and the rows."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.lang = "zh"
        self._rows: list[Row] = []
        self._headers: list[str] = []
        self._header_tips: list[str | None] = []

    # what a subclass provides
    def headers(self) -> list[str]:
        raise NotImplementedError

    def set_rows(self, rows: list[Row], headers: list[str] | None = None,
                 tips: list[str | None] | None = None) -> None:
        self.beginResetModel()
        self._rows = rows
        self._headers = headers if headers is not None else self.headers()
        self._header_tips = tips or []
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    # the model
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers or self.headers())

    def cell(self, row: int, column: int) -> Cell:
        cells = self._rows[row].cells
        return cells[column] if column < len(cells) else Cell("")

    def row(self, row: int) -> Row:
        return self._rows[row]

    def data(self, index: Index,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        cell = self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == SORT_ROLE:
            return cell.text.casefold() if cell.sort is None else cell.sort
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tip or (cell.text if len(cell.text) > 12 else None)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if cell.number else CENTER if cell.centred else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return cell.background
        if role == Qt.ItemDataRole.ForegroundRole:
            return cell.foreground
        if role == Qt.ItemDataRole.FontRole and (cell.bold or row.pinned):
            font = QFont()
            font.setBold(True)
            return font
        if role == PINNED_ROLE:
            return row.pinned
        if role == GROUP_ROLE:
            return row.group
        if role == CODE_ROLE:
            return row.code
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        headers = self._headers or self.headers()
        if section >= len(headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = self._header_tips
            return tips[section] if section < len(tips) and tips[section] else \
                headers[section].replace("\n", " ")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class TableProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE; summary rows stay last, empty values (NaN) come after the others
    in either order; ``set_group`` shows one group's rows only."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._group = ""

    def set_group(self, group: str | None) -> None:
        self.beginFilterChange()
        self._group = group or ""
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,
                         source_parent: Index) -> bool:
        if not self._group:
            return True
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        return model.data(index, GROUP_ROLE) == self._group

    def lessThan(self, left: Index,
                 right: Index) -> bool:
        ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
        pinned_l, pinned_r = bool(left.data(PINNED_ROLE)), bool(right.data(PINNED_ROLE))
        if pinned_l or pinned_r:  # summary rows last (their own order kept)
            if pinned_l and pinned_r:
                return (left.row() < right.row()) == ascending
            return pinned_r == ascending
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        empty_a = a is None or (isinstance(a, float) and math.isnan(a))
        empty_b = b is None or (isinstance(b, float) and math.isnan(b))
        if empty_a or empty_b:
            if empty_a and empty_b:
                return (left.row() < right.row()) == ascending
            return empty_b == ascending
        if type(a) is not type(b) and not (isinstance(a, int | float)
                                           and isinstance(b, int | float)):
            a, b = str(a), str(b)
        if a == b:
            return (left.row() < right.row()) == ascending  # a stable order
        return a < b


# --- 报告接收: what has arrived ---------------------------------------------------------------
class StatusModel(RecordModel):
    """Every unit of the year with its report's state; a superseded or quarantined report
    of a unit is a row of its own under the unit."""

    def headers(self) -> list[str]:
        return [self.tr("Unit"), self.tr("Kind"), self.tr("State"), self.tr("Reason or note"),
                self.tr("Signed by"), self.tr("Signed at"), self.tr("File"), self.tr("SHA-256")]

    def fill(self, status: Any, lang: str) -> None:
        self.lang = lang
        rows: list[Row] = []
        order = {"accepted": 0, "quarantined": 1, "missing": 2}
        for position, unit in enumerate(status.units):
            name = unit.name.get(lang)
            kind = kind_text(unit.kind)
            place = order.get(unit.state, 3) * 100000 + position  # accepted first, then …
            unit_cell = Cell(name, place, tip=unit.code)
            if unit.report is not None:
                note = []
                if unit.superseded:
                    note.append(self.tr("Supersedes %n earlier report(s)", "",
                                        len(unit.superseded)))
                if not unit.expected:
                    note.append(self.tr("Not a unit of the year's catalogue"))
                rows.append(Row([unit_cell, Cell(kind), Cell(self.tr("Accepted"), 0,
                                                              foreground=GREEN, bold=True),
                                 Cell("；".join(note) if lang == "zh" else "; ".join(note)),
                                 *self._report_cells(unit.report)], unit.code))
            for old in unit.superseded:
                when = local_time(old.superseded_at)
                note = self.tr("Replaced by %1 on %2").replace(
                    "%1", (old.superseded_by or "")[:12]).replace("%2", when)
                rows.append(Row([Cell(name, place), Cell(kind),
                                 Cell(self.tr("Superseded"), 1, foreground=GREY), Cell(note),
                                 *self._report_cells(old)], unit.code))
            for refused in unit.quarantined:
                sha = refused.sha256 or ""
                rows.append(Row([
                    Cell(name, place), Cell(kind),
                    Cell(self.tr("Quarantined"), 2, foreground=RED, bold=True),
                    Cell(refused.message.get(lang), tip=f"{refused.message.get(lang)} "
                                                         f"[{refused.reason}]"),
                    Cell(DASH), Cell(DASH), Cell(refused.file_name, tip=refused.file_path),
                    Cell(sha[:12] or DASH, sha, tip=sha or None)], unit.code))
            if unit.state == "missing":
                rows.append(Row([unit_cell, Cell(kind),
                                 Cell(self.tr("Missing"), 3, foreground=ORANGE, bold=True),
                                 Cell(self.tr("No report received yet")), Cell(DASH),
                                 Cell(DASH), Cell(DASH), Cell(DASH)], unit.code))
        # refused before naming a unit of the year (unreadable, or no year in it)
        place = order["quarantined"] * 100000 + len(status.units)
        for refused in status.unassigned:
            sha = refused.sha256 or ""
            unit = refused.unit_code or self.tr("Unit not known")
            note = refused.message.get(lang)
            if refused.year is None:
                note = self.tr("Year not known") + ("：" if lang == "zh" else ": ") + note
            rows.append(Row([
                Cell(unit, place), Cell(DASH),
                Cell(self.tr("Quarantined"), 2, foreground=RED, bold=True),
                Cell(note, tip=f"{note} [{refused.reason}]"),
                Cell(DASH), Cell(DASH), Cell(refused.file_name, tip=refused.file_path),
                Cell(sha[:12] or DASH, sha, tip=sha or None)]))
        self.set_rows(rows)

    def _report_cells(self, report: Any) -> list[Cell]:
        separator = "；" if self.lang == "zh" else "; "
        signers = separator.join(f"{role_text(s.role)} {s.name}" for s in report.signers)
        times = "\n".join(f"{role_text(s.role)} {s.name}: {local_time(s.signed_at)}"
                          for s in report.signers)
        return [Cell(signers or DASH, tip=times or None),
                Cell(local_time(report.signed_at),
                     report.signed_at.timestamp() if report.signed_at else math.nan,
                     tip=times or None),
                Cell(report.file_name, tip=report.file_path),
                Cell(report.sha256[:12], report.sha256, tip=report.sha256)]


# --- 排名: units by their realization degree --------------------------------------------------
def domain_headers(comparison: Any, lang: str) -> tuple[list[str], list[str]]:
    """The domains' names (long ones on two lines) and their tooltips (name and weight)."""
    names = [wrapped(d.name.get(lang)) for d in comparison.domains]
    weight = QCoreApplication.translate("CountyTables", "weight")
    tips = [f"{d.code} {d.name.get(lang)} · {weight} {number(d.weight)}"
            for d in comparison.domains]
    return names, tips


class RankingModel(RecordModel):
    def headers(self) -> list[str]:
        return [self.tr("Rank"), self.tr("Unit"), self.tr("Kind"),
                wrapped(self.tr("Realization degree"))]

    def fill(self, comparison: Any, lang: str) -> None:
        self.lang = lang
        names, tips = domain_headers(comparison, lang)
        codes = [d.code for d in comparison.domains]
        rows = []
        for unit in comparison.units:
            cells = [Cell(str(unit.rank), unit.rank, number=True),
                     Cell(unit.name.get(lang), tip=unit.code), Cell(kind_text(unit.kind)),
                     Cell(number(unit.overall, 2), key(unit.overall), number=True, bold=True)]
            for code in codes:
                score = unit.domains.get(code)
                rank = unit.domain_ranks.get(code)
                cells.append(Cell(number(score, 2), key(score), number=True,
                                  tip=self.tr("Rank %1 in this domain").replace(
                                      "%1", str(rank)) if rank else None))
            rows.append(Row(cells, unit.code))
        for label, pick in ((self.tr("County mean"), "mean"), (self.tr("Median"), "median")):
            overall = getattr(comparison.overall, pick)
            cells = [Cell(""), Cell(label), Cell(""),
                     Cell(number(overall, 2), key(overall), number=True)]
            for code in codes:
                value = getattr(comparison.domain_stats[code], pick)
                cells.append(Cell(number(value, 2), key(value), number=True))
            rows.append(Row(cells, pinned=True))
        self.set_rows(rows, self.headers() + names, [None] * 4 + tips)


# --- 热力图: units × domains ------------------------------------------------------------------
class HeatMapModel(RecordModel):
    """Units (catalogue order) × the realization degree overall and per domain, each cell
    coloured on one scale from the year's lowest (deep) to its highest (pale) figure."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.low: float | None = None
        self.high: float | None = None

    def headers(self) -> list[str]:
        return [self.tr("Unit"), self.tr("Overall")]

    def fill(self, comparison: Any, lang: str) -> None:
        self.lang = lang
        names, tips = domain_headers(comparison, lang)
        by_code = {u.code: u for u in comparison.units}
        heat = comparison.heatmap
        lines = []
        for code, values in zip(heat.units, heat.values, strict=True):
            unit = by_code.get(code)
            overall = unit.overall / 100 if unit is not None else None
            lines.append((code, unit, [overall, *values]))
        present = [v for _c, _u, vs in lines for v in vs if v is not None]
        self.low, self.high = (min(present), max(present)) if present else (None, None)
        rows = []
        for code, unit, values in lines:
            name = unit.name.get(lang) if unit is not None else code
            cells = [Cell(name, tip=code)]
            for column, value in enumerate(values):
                cells.append(self._cell(value, column == 0))
            rows.append(Row(cells, code))
        self.set_rows(rows, self.headers() + names, [None, None, *tips])

    def _cell(self, value: float | None, bold: bool) -> Cell:
        if value is None:
            return Cell(DASH, math.nan, tip=self.tr("Nothing counted in this domain"))
        span = (self.high or 0) - (self.low or 0)
        position = (value - (self.low or 0)) / span if span > 1e-9 else 1.0
        colour = heat_colour(position)
        return Cell(number(value * 100, 2), value, centred=True, background=colour,
                    foreground=ink_for(colour), bold=bold)


# --- 指标差异: dispersion of each indicator ---------------------------------------------------
class DispersionModel(RecordModel):
    CV_COLUMN = 10

    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Indicator"), self.tr("Measured\nin"),
                self.tr("Units"),
                self.tr("Mean"), self.tr("Median"),
                self.tr("Min"), self.tr("Max"), self.tr("Range"), self.tr("SD"),
                self.tr("CV"), self.tr("Max/min"), self.tr("Below\ntarget"),
                self.tr("Missing\n/ N/A")]

    def header_tips(self) -> list[str | None]:
        return [None, None,
                self.tr("The unit of the figures; “attainment” for yes/no and choice "
                        "indicators, measured on the share of the target attained"),
                self.tr("Units with a scored value"), None, None, None, None,
                self.tr("Max − min"), self.tr("Standard deviation (population)"),
                self.tr("Coefficient of variation: SD ÷ mean; the higher, the more unequal"),
                self.tr("Max ÷ min"), self.tr("Units whose attainment is below the target"),
                self.tr("Units that left it empty (scored 0) / for which it does not "
                        "apply")]

    def fill(self, comparison: Any, lang: str) -> None:
        self.lang = lang
        domains = {d.code: d.name.get(lang) for d in comparison.domains}
        rows = []
        for ind in comparison.indicators:
            domain = domains.get(ind.domain, ind.domain)
            s = ind.stats
            on_attainment = ind.basis == "attainment"

            def fig(value: float | None, on: bool = on_attainment) -> Cell:
                return Cell(percent(value) if on else number(value), key(value), number=True)

            target = value_text(ind.target)
            unit = ind.unit.get(lang) if ind.unit else ""
            tip = f"{ind.code} {ind.name.get(lang)}\n{domain}"
            if ind.target is not None:
                tip += "\n" + self.tr("Target: %1").replace("%1", f"{target} {unit}".strip())
            rows.append(Row([
                Cell(ind.code, tip=tip), Cell(ind.name.get(lang), tip=tip),
                Cell(self.tr("attainment") if on_attainment else unit or DASH),
                Cell(str(s.n), s.n, number=True), fig(s.mean), fig(s.median), fig(s.min),
                fig(s.max), fig(s.range), fig(s.sd),
                Cell(coefficient(s.cv), key(s.cv), number=True, bold=True),
                Cell(number(s.max_min_ratio, 3), key(s.max_min_ratio), number=True),
                Cell(str(ind.below_target), ind.below_target, number=True),
                Cell(f"{ind.missing} / {ind.not_applicable}",
                     ind.missing + ind.not_applicable, centred=True),
            ], ind.code, ind.domain))
        self.set_rows(rows, self.headers(), self.header_tips())


# --- 城乡差距: the Theil index and its urban-rural decomposition ------------------------------
class TheilModel(RecordModel):
    def headers(self) -> list[str]:
        return [self.tr("Measure"), self.tr("Units"), self.tr("Mean"), self.tr("Theil index"),
                self.tr("Between\nurban and rural"), self.tr("Within\ngroups"),
                self.tr("Between\nshare"), self.tr("Subdistricts\n(urban) mean"),
                self.tr("Towns\n(rural) mean"), self.tr("Theil within\nsubdistricts"),
                self.tr("Theil within\ntowns")]

    def fill(self, comparison: Any, lang: str) -> None:
        self.lang = lang
        domains = {d.code: d.name.get(lang) for d in comparison.domains}
        rows = []
        for t in comparison.theil:
            name = self.tr("Overall") if t.measure == "overall" else domains.get(t.measure,
                                                                                t.measure)
            groups = {g.group: g for g in t.groups}
            share = (t.between / t.total if t.total and t.between is not None
                     else None)
            cells = [Cell(name, tip=t.measure, bold=t.measure == "overall"),
                     Cell(str(t.n), t.n, number=True), Cell(number(t.mean, 2), key(t.mean),
                                                            number=True),
                     Cell(theil(t.total), key(t.total), number=True, bold=True),
                     Cell(theil(t.between), key(t.between), number=True),
                     Cell(theil(t.within), key(t.within), number=True),
                     Cell(percent(share), key(share), number=True)]
            for group in ("subdistrict", "town"):
                g = groups.get(group)
                cells.append(Cell(number(g.mean, 2) if g else DASH, key(g.mean if g else None),
                                  number=True, tip=self.tr("%n unit(s)", "", g.n) if g else None))
            for group in ("subdistrict", "town"):
                g = groups.get(group)
                cells.append(Cell(theil(g.theil) if g else DASH, key(g.theil if g else None),
                                  number=True))
            rows.append(Row(cells, t.measure))
        self.set_rows(rows)


# --- 短板: each unit's weak indicators --------------------------------------------------------
class WeakModel(RecordModel):
    def headers(self) -> list[str]:
        return [self.tr("Unit"), self.tr("Rank"), self.tr("Code"), self.tr("Indicator"),
                self.tr("Value"), self.tr("Target"), self.tr("Attainment"),
                self.tr("County mean\nattainment"), self.tr("Gap\n(points)")]

    def fill(self, comparison: Any, lang: str) -> None:
        self.lang = lang
        ranks = {u.code: u.rank for u in comparison.units}
        rows = []
        for n, unit in enumerate(comparison.weak):
            shade = GROUP_SHADE if n % 2 else None
            name = unit.name.get(lang)
            rank = ranks.get(unit.code)
            first = [Cell(name, tip=unit.code, background=shade, bold=True),
                     Cell(str(rank) if rank else DASH, key(rank), number=True,
                          background=shade)]
            later = [Cell("", background=shade), Cell("", background=shade)]
            if not unit.indicators:
                rows.append(Row([*first, Cell("", background=shade),
                                 Cell(self.tr("No weak indicator"), background=shade,
                                      foreground=GREEN),
                                 *[Cell("", background=shade)] * 5], unit.code))
                continue
            for i, w in enumerate(unit.indicators):
                rows.append(Row([
                    *(first if i == 0 else later), Cell(w.code, background=shade),
                    Cell(w.name.get(lang), tip=f"{w.code} {w.name.get(lang)}",
                         background=shade),
                    Cell(value_text(w.actual), number=True, background=shade),
                    Cell(value_text(w.target), number=True, background=shade),
                    Cell(percent(w.attainment), w.attainment, number=True, background=shade,
                         foreground=RED),
                    Cell(percent(w.county_mean), w.county_mean, number=True, background=shade),
                    Cell(number(w.gap * 100, 1), w.gap, number=True, background=shade,
                         tip=self.tr("Percentage points below the county mean")),
                ], unit.code))
        self.set_rows(rows)


# --- 县级数值与部门 ---------------------------------------------------------------------------
class CountyFigureModel(RecordModel):
    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Indicator"), self.tr("County figure"),
                self.tr("Unit of\nmeasure"), self.tr("Target"), self.tr("Attainment"),
                self.tr("Units\nsummed"), self.tr("Mean of the\nunits' figures"),
                self.tr("Formula")]

    def fill(self, comparison: Any, lang: str) -> None:
        self.lang = lang
        rows = []
        for f in comparison.county_figures:
            sums = "\n".join(f"Σ {code} = {number(total)}" for code, total in f.sums.items())
            rows.append(Row([
                Cell(f.code), Cell(f.name.get(lang), tip=f"{f.code} {f.name.get(lang)}"),
                Cell(number(f.value, 2), f.value, number=True, bold=True, tip=sums),
                Cell(f.unit.get(lang) if f.unit else DASH), Cell(value_text(f.target),
                                                                  number=True),
                Cell(percent(f.attainment), key(f.attainment), number=True),
                Cell(str(f.units), f.units, number=True),
                Cell(number(f.mean_of_units, 2), key(f.mean_of_units), number=True),
                Cell(f.formula, tip=sums),
            ], f.code))
        self.set_rows(rows)


class DepartmentModel(RecordModel):
    def headers(self) -> list[str]:
        return [self.tr("Department"), self.tr("Report"), self.tr("Realization degree"),
                self.tr("Indicators led"), self.tr("Indicators")]

    def fill(self, comparison: Any, lang: str) -> None:
        self.lang = lang
        rows = []
        for d in comparison.departments:
            led = "\n".join(f"{i.code} {i.name.get(lang)}：{percent(i.attainment)}"
                            if lang == "zh" else
                            f"{i.code} {i.name.get(lang)}: {percent(i.attainment)}"
                            for i in d.indicators)
            rows.append(Row([
                Cell(d.name.get(lang), tip=d.code),
                Cell(self.tr("Received") if d.reported else self.tr("Not received"),
                     int(d.reported), foreground=GREEN if d.reported else ORANGE),
                Cell(number(d.overall, 2), key(d.overall), number=True),
                Cell(str(len(d.indicators)), len(d.indicators), number=True),
                Cell(", ".join(i.code for i in d.indicators) or DASH, tip=led or None),
            ], d.code))
        self.set_rows(rows)


# --- 年度变化 ---------------------------------------------------------------------------------
class UnitChangeModel(RecordModel):
    def headers(self) -> list[str]:
        return [self.tr("Unit"), self.tr("This year"), self.tr("Last year"), self.tr("Change"),
                self.tr("Rank"), self.tr("Last year's\nrank"), self.tr("Last year from")]

    def fill(self, changes: Any, lang: str) -> None:
        self.lang = lang
        source = {"reports": self.tr("last year's report"),
                  "report": self.tr("as this year's report records it")}
        rows = []
        for c in changes.units:
            colour = None if c.change is None or abs(c.change) < 0.005 else \
                GREEN if c.change > 0 else RED
            rows.append(Row([
                Cell(c.name.get(lang), tip=c.code),
                Cell(number(c.overall, 2), c.overall, number=True, bold=True),
                Cell(number(c.previous, 2), key(c.previous), number=True),
                Cell(signed(c.change), key(c.change), number=True, foreground=colour),
                Cell(str(c.rank), c.rank, number=True),
                Cell(str(c.previous_rank) if c.previous_rank else DASH, key(c.previous_rank),
                     number=True),
                Cell(source.get(c.source or "", DASH)),
            ], c.code))
        self.set_rows(rows)


class CvChangeModel(RecordModel):
    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Indicator"), self.tr("CV"), self.tr("Last year's\nCV"),
                self.tr("Change"), self.tr("Trend")]

    def fill(self, changes: Any, lang: str) -> None:
        self.lang = lang
        rows = []
        for c in changes.indicators:
            if c.change is None:
                trend, colour = DASH, None
            elif c.change < 0:
                trend, colour = self.tr("more equal"), GREEN
            elif c.change > 0:
                trend, colour = self.tr("less equal"), RED
            else:
                trend, colour = self.tr("unchanged"), None
            rows.append(Row([
                Cell(c.code), Cell(c.name.get(lang), tip=f"{c.code} {c.name.get(lang)}"),
                Cell(coefficient(c.cv), key(c.cv), number=True),
                Cell(coefficient(c.previous_cv), key(c.previous_cv), number=True),
                Cell(signed(c.change, 4), key(c.change), number=True, foreground=colour),
                Cell(trend, foreground=colour),
            ], c.code))
        self.set_rows(rows)


class TheilTrendModel(RecordModel):
    """The Theil index of each measure last year and this year (is the gap closing?)."""

    def headers(self) -> list[str]:
        return [self.tr("Measure"), self.tr("Last year"), self.tr("This year"), self.tr("Change")]

    def fill(self, comparison: Any, lang: str) -> None:
        self.lang = lang
        names = {d.code: d.name.get(lang) for d in comparison.domains}
        rows = []
        for measure, now, before in comparison.changes.theil:
            change = None if now is None or before is None else now - before
            colour = None if not change else GREEN if change < 0 else RED
            name = self.tr("Overall") if measure == "overall" else names.get(measure, measure)
            rows.append(Row([
                Cell(name, tip=measure, bold=measure == "overall"),
                Cell(theil(before), key(before), number=True),
                Cell(theil(now), key(now), number=True),
                Cell(signed(change, 6), key(change), number=True, foreground=colour,
                     tip=self.tr("Below 0: more equal than last year") if change else None),
            ], measure))
        self.set_rows(rows)


# --- the import's outcome, file by file -------------------------------------------------------
class ImportOutcomeModel(RecordModel):
    def headers(self) -> list[str]:
        return [self.tr("File"), self.tr("Outcome"), self.tr("Unit"), self.tr("Year"),
                self.tr("Reason")]

    def fill(self, files: Iterable[Any], lang: str, names: dict[str, Any] | None = None
             ) -> None:
        """``names``: unit code -> its name (Bilingual), for files whose outcome names the
        unit by its code only (a refused one)."""
        self.lang = lang
        names = names or {}
        words = {"accepted": (self.tr("Accepted"), GREEN),
                 "superseded": (self.tr("Accepted, supersedes an earlier report"), GREEN),
                 "quarantined": (self.tr("Quarantined"), RED),
                 "duplicate": (self.tr("Duplicate, skipped"), GREY)}
        order = {"quarantined": 0, "superseded": 1, "accepted": 2, "duplicate": 3}
        rows = []
        for f in files:
            word, colour = words.get(f.outcome, (f.outcome, None))
            name = f.unit_name or names.get(f.unit_code or "")
            unit = name.get(lang) if name else (f.unit_code or DASH)
            reason = f.message.render(lang) if f.message is not None else ""
            rows.append(Row([
                Cell(f.path.name, tip=str(f.path)),
                Cell(word, order.get(f.outcome, 9), foreground=colour, bold=True),
                Cell(unit), Cell(str(f.year) if f.year else DASH, key(f.year), number=True),
                Cell(reason or DASH, tip=f"{reason} [{f.reason}]" if f.reason else None),
            ], f.unit_code or ""))
        self.set_rows(rows)


__all__ = ["CODE_ROLE", "GROUP_ROLE", "PINNED_ROLE", "SORT_ROLE", "Cell", "CountyFigureModel",
           "CvChangeModel", "DepartmentModel", "DispersionModel", "HeatMapModel",
           "ImportOutcomeModel", "RankingModel", "RecordModel", "Row", "StatusModel",
           "TableProxy", "TheilModel", "TheilTrendModel", "UnitChangeModel", "WeakModel",
           "heat_colour", "ink_for", "number", "percent"]
