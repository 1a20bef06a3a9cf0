"""Write the values of one unit and year as an Excel template (.xlsx) or a CSV file.

The template is what a clerk fills in Excel or WPS, or sends to a department to collect
figures; :func:`..values_file.read_values` reads both formats back. Layout of the .xlsx:

- sheet ``填报表`` (``Values`` in English): title rows 1–4 (form title; catalogue title and
  version; how to fill it in; ``示例数据 / sample data`` for demo data), the header row at
  :data:`HEADER_ROW`, then one bold row per domain, one per first-level indicator that has
  second-level ones (their code cell is empty so the reader skips them) and one row per leaf
  that applies to the unit, in catalogue order;
- columns :data:`COLUMNS`: code, domain, name, unit, definition (with source and lead unit),
  target, last year, this year's value, not applicable, comment;
- value cells are what the indicator's type makes of a value (``excel_value``, ``excel_format``
  in :mod:`..catalogue.indicator_types`): numbers as numbers (percentages as the figure 98.32
  with a ``0.00`` format, never an Excel percentage), yes/no as 是/否, choices by their label,
  text as text, dates as dates; calculated indicators are grey, locked and carry the note 自动计算;
- each value cell carries its type's data validation (``excel_rule``: drop-downs for yes/no and
  choices, numbers within the hard range…), and not-applicable cells a drop-down where the
  catalogue allows it;
- the sheet is protected without a password: only value, not-applicable and comment cells
  can be edited (Review → Unprotect Sheet lifts it, no password asked);
- a hidden sheet ``_haiyan`` holds :class:`TemplateHeader` as key/value rows so that
  :func:`read_header` can tell which unit, year and catalogue a returned file belongs to.

The CSV is plain: UTF-8 with BOM, columns code, name, unit, value, na, comment.
"""

from __future__ import annotations

import csv
import math
import os
import re
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..catalogue.indicator_types import ExcelRule, indicator_type
from ..catalogue.model import Catalogue, Indicator, Unit
from ..files import atomic_path
from ..messages import msg
from ..validation.engine import Entry
from ..validation.normalize import normalize
from .values_file import ValuesFileError

# --- user-visible text of the template (zh, en); kept here, not in messages.py ---------------
TEMPLATE_TEXT: dict[str, tuple[str, str]] = {
    "sheet": ("填报表", "Values"),
    "title": ("海盐县 {year} 年度 {unit} 基本公共服务均等化评估填报表",
              "Haiyan County {year}: {unit} — values for the assessment of equalized basic "
              "public services"),
    "catalogue": ("指标目录：{title}（{id}，版本 {version}）",
                  "Catalogue: {title} ({id}, version {version})"),
    "instructions": (
        "填报说明：只需填写黄色单元格（本年数值、不适用、备注）。百分比直接填数字，如 98.32，"
        "不要写成 98.32%；灰色单元格由软件自动计算。超出通常范围、与上年相比变化较大或标记"
        "不适用的指标，请在备注中说明。",
        "How to fill in: only the yellow cells (value, not applicable, comment). Enter "
        "percentages as the figure, e.g. 98.32, not 98.32%; grey cells are calculated by the "
        "app. Explain in the comment any value outside the usual range, a large change against "
        "last year, or an indicator marked not applicable.",
    ),
    "demo": ("示例数据 / sample data（仅供演示，不是正式填报）",
             "示例数据 / sample data (for demonstration only, not an official return)"),
    # column headers: code, value, na and comment must stay names values_file.HEADERS knows
    "col.code": ("指标代码", "code"),
    "col.domain": ("服务领域", "Domain"),
    "col.name": ("指标名称", "Indicator"),
    "col.unit": ("单位", "Unit"),
    "col.definition": ("指标解释", "Definition"),
    "col.target": ("目标值", "Target"),
    "col.previous": ("上年数值", "Last year"),
    "col.value": ("本年数值", "value"),
    "col.na": ("不适用", "Not applicable"),
    "col.comment": ("备注", "comment"),
    "yes": ("是", "Yes"),
    "calculated": ("自动计算", "calculated"),
    "calculated.note": ("自动计算：{formula}，无需填写", "Calculated: {formula}; do not type it"),
    "source": ("数据来源：{text}", "Source: {text}"),
    "lead_unit": ("牵头单位：{text}", "Lead unit: {text}"),
    "error.title": ("输入有误", "Invalid value"),
    "prompt.title": ("填写提示", "How to fill in"),
    "na.error": ("标记不适用时填“是”，否则留空",
                 "Enter “Yes” if not applicable, else leave it empty"),
    "footer": ("第 &P 页，共 &N 页", "Page &P of &N"),
}


def _t(key: str, lang: str, **params: object) -> str:
    zh, en = TEMPLATE_TEXT[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


COLUMNS = ("code", "domain", "name", "unit", "definition", "target", "previous", "value", "na",
           "comment")
WIDTHS = {"code": 10, "domain": 10, "name": 28, "unit": 9, "definition": 52, "target": 11,
          "previous": 12, "value": 14, "na": 11, "comment": 26}
CSV_COLUMNS = ("code", "name", "unit", "value", "na", "comment")
HEADER_ROW = 5  # within values_file.HEADER_SEARCH_ROWS
SHEET_META = "_haiyan"
FORMAT_ID = "haiyan-desktop-values-template"
FORMAT_VERSION = "1"
_LIST_LIMIT = 255  # longest inline list formula Excel accepts
_ALIGN = {"right": "number", "left": "left", "center": "middle"}  # type's alignment -> style

_COL = {name: i + 1 for i, name in enumerate(COLUMNS)}
_LETTER = {name: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i] for i, name in enumerate(COLUMNS)}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in xlsx XML
_CSV_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?\Z")


@dataclass(frozen=True)
class TemplateHeader:
    """What an exported file says it is for (kept in the hidden sheet ``_haiyan``)."""

    catalogue_id: str
    catalogue_version: str
    catalogue_sha256: str
    unit_code: str
    unit_name: str
    year: int
    demo: bool = False


# --- values as cells ------------------------------------------------------------------------

def _decimals(indicator: Indicator) -> int:
    return indicator.decimals if indicator.decimals is not None else 2


def _cell_value(indicator: Indicator, raw: object, lang: str) -> object:
    """A raw entry as it goes into a cell, as its type writes it (a number, 是/否, a choice
    label, text, a date); input that does not read as a value of this indicator is kept as
    typed so nothing is lost."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    result = normalize(indicator, raw)
    value = result.value
    if result.error is not None or value is None:
        return str(raw).strip() if result.error is not None else None
    return indicator_type(indicator.type).excel_value(value, indicator, lang)


def _target_text(indicator: Indicator, lang: str) -> str:
    if not indicator.is_scored:
        return ""
    return indicator_type(indicator.type).target_text(indicator, lang)


def _definition_text(indicator: Indicator, lang: str) -> str:
    lines = [indicator.definition.get(lang)] if indicator.definition else []
    if indicator.source and indicator.source.get(lang):
        lines.append(_t("source", lang, text=indicator.source.get(lang)))
    if indicator.lead_unit and indicator.lead_unit.get(lang):
        lines.append(_t("lead_unit", lang, text=indicator.lead_unit.get(lang)))
    return "\n".join(lines)


def _clean(text: object) -> object:
    return _ILLEGAL.sub("", text) if isinstance(text, str) else text


def _display_width(text: str) -> float:
    """About how many column-width units ``text`` takes (a Chinese character ≈ two digits,
    a Latin letter a little less than one)."""
    return sum(1.8 if unicodedata.east_asian_width(ch) in "WF" else 0.8 for ch in text)


def _lines(text: object, width: int) -> int:
    """Lines a wrapped cell of this column width needs: row heights are set explicitly
    because Excel does not grow rows with wrapped text when it opens a file."""
    if not isinstance(text, str) or not text:
        return 1
    usable = max(width - 1.5, 1)
    return sum(max(1, math.ceil(_display_width(part) / usable)) for part in text.split("\n"))


def _height(lines: int) -> float:
    return 15.0 * lines + 3 if lines > 1 else 18.0


# --- xlsx -----------------------------------------------------------------------------------

class _Styles:
    """The few styles of the template, built once per workbook."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

        thin = Side(style="thin", color="A6A6A6")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        font = "Calibri"  # the workbook default; Excel and WPS fall back to 等线/宋体 for Chinese
        self.title = Font(name=font, bold=True, size=14)
        self.subtitle = Font(name=font, size=10, color="404040")
        self.demo = Font(name=font, bold=True, size=12, color="C00000")
        self.bold = Font(name=font, bold=True)
        self.grey = Font(name=font, color="595959")
        self.header_fill = PatternFill("solid", fgColor="BDD7EE")
        self.domain_fill = PatternFill("solid", fgColor="DDEBF7")
        self.group_fill = PatternFill("solid", fgColor="F2F2F2")
        self.input_fill = PatternFill("solid", fgColor="FFF2CC")
        self.calculated_fill = PatternFill("solid", fgColor="D9D9D9")
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(vertical="top", wrap_text=True)
        self.left_title = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.indented = Alignment(vertical="top", wrap_text=True, indent=1)
        self.number = Alignment(horizontal="right", vertical="top")
        self.middle = Alignment(horizontal="center", vertical="top")
        self.unlocked = Protection(locked=False)


class _Validations:
    """Data validations grouped by rule, so that each rule is one object over many cells."""

    def __init__(self, sheet, meta, lang: str) -> None:
        self.sheet, self.meta, self.lang = sheet, meta, lang
        self.by_key: dict[tuple, object] = {}
        self.list_columns = 3  # columns A-B of the meta sheet hold the header

    def _get(self, key: tuple, **kwargs):
        from openpyxl.worksheet.datavalidation import DataValidation

        found = self.by_key.get(key)
        if found is None:
            found = DataValidation(allow_blank=True, showErrorMessage=True, errorStyle="stop",
                                   errorTitle=_t("error.title", self.lang), **kwargs)
            self.sheet.add_data_validation(found)
            self.by_key[key] = found
        return found

    def choose(self, cell: str, options: list[str], error: str) -> None:
        inline = '"' + ",".join(options) + '"'
        if len(inline) <= _LIST_LIMIT and not any(c in o for o in options for c in ',"'):
            formula = inline
        else:  # too long or with commas: the list lives in a column of the hidden sheet
            self.list_columns += 1
            from openpyxl.utils import get_column_letter

            letter = get_column_letter(self.list_columns)
            for row, option in enumerate(options, start=1):
                _set_text(self.meta.cell(row=row, column=self.list_columns), option)
            formula = f"'{SHEET_META}'!${letter}$1:${letter}${len(options)}"
        self._get(("list", formula), type="list", formula1=formula,
                  error=error[:_LIST_LIMIT]).add(cell)

    def add(self, cell: str, rule: ExcelRule) -> None:
        """Put a type's rule on ``cell``: a drop-down, or a range with its prompt."""
        if rule.kind == "list":
            self.choose(cell, list(rule.options), rule.message)
            return
        key = ("range", rule.kind, rule.low, rule.high, rule.message)
        self._get(key, type=rule.kind, operator="between", formula1=rule.low,
                  formula2=rule.high, error=rule.message[:_LIST_LIMIT],
                  showInputMessage=True, promptTitle=_t("prompt.title", self.lang),
                  prompt=rule.message[:_LIST_LIMIT]).add(cell)


def write_xlsx(path: str | os.PathLike[str], catalogue: Catalogue, unit: Unit, year: int,
               entries: Mapping[str, Entry], previous: Mapping[str, object] | None = None,
               lang: str = "zh", demo: bool = False) -> None:
    """Write the Excel template of ``unit`` for ``year`` pre-filled with ``entries``."""
    from openpyxl import Workbook

    previous = previous or {}
    book = Workbook()
    sheet = book.active
    sheet.title = _t("sheet", lang)
    meta = book.create_sheet(SHEET_META)
    styles = _Styles()
    validations = _Validations(sheet, meta, lang)
    last = _LETTER[COLUMNS[-1]]

    unit_name = unit.name.get(lang)
    _title_rows(sheet, styles, catalogue, unit_name, year, lang, demo, last)
    for name in COLUMNS:
        cell = sheet.cell(row=HEADER_ROW, column=_COL[name], value=_t(f"col.{name}", lang))
        cell.font, cell.fill, cell.alignment, cell.border = (
            styles.bold, styles.header_fill, styles.center, styles.border)
        sheet.column_dimensions[_LETTER[name]].width = WIDTHS[name]
    sheet.row_dimensions[HEADER_ROW].height = 30

    row = HEADER_ROW + 1
    applicable = {i.code for i in catalogue.leaves(unit.scope)}
    for domain in catalogue.domains:
        firsts = [f for f in domain.indicators
                  if any(i.code in applicable for i in [f, *f.children] if i.is_leaf)]
        if not firsts:
            continue
        _group_row(sheet, styles, row, f"{domain.code} {domain.name.get(lang)}",
                   styles.domain_fill)
        row += 1
        for first in firsts:
            if first.children:
                _group_row(sheet, styles, row, f"{first.code} {first.name.get(lang)}",
                           styles.group_fill)
                row += 1
            for leaf in [row for ind in first.children or [first]
                         for row in ind.with_data_items()]:
                if leaf.code not in applicable:
                    continue
                _leaf_row(sheet, styles, validations, row, domain.name.get(lang), leaf,
                          entries.get(leaf.code), previous.get(leaf.code), lang)
                row += 1

    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.protection.sheet = True  # no password: Review → Unprotect Sheet
    sheet.protection.formatColumns = False  # widening columns and rows stays allowed
    sheet.protection.formatRows = False
    _print_setup(sheet, lang, last, row - 1)

    header = TemplateHeader(catalogue.id, catalogue.version, catalogue.sha256, unit.code,
                            unit_name, int(year), demo)
    _write_meta(meta, header, lang)
    book.properties.title = _t("title", lang, year=year, unit=unit_name)
    book.properties.creator = f"Haiyan Desktop {__version__}"
    book.active = 0
    _save_atomically(Path(path), book.save)


def _title_rows(sheet, styles: _Styles, catalogue: Catalogue, unit_name: str, year: int,
                lang: str, demo: bool, last: str) -> None:
    rows = [
        (_t("title", lang, year=year, unit=unit_name), styles.title, 28),
        (_t("catalogue", lang, title=catalogue.title.get(lang), id=catalogue.id,
            version=catalogue.version), styles.subtitle, 18),
        (_t("instructions", lang), styles.subtitle, 42 if lang == "en" else 30),
        (_t("demo", lang) if demo else None, styles.demo, 20),
    ]
    for number, (text, font, height) in enumerate(rows, start=1):
        cell = sheet.cell(row=number, column=1, value=text)
        cell.font = font
        cell.alignment = styles.left_title
        sheet.merge_cells(f"A{number}:{last}{number}")
        sheet.row_dimensions[number].height = height


def _group_row(sheet, styles: _Styles, row: int, name: str, fill) -> None:
    """A bold row naming a domain or a first-level indicator; its code cell stays empty."""
    for column in COLUMNS:
        cell = sheet.cell(row=row, column=_COL[column])
        cell.fill, cell.border, cell.font = fill, styles.border, styles.bold
    cell = sheet.cell(row=row, column=_COL["name"])
    _set_text(cell, name)
    cell.alignment = styles.left
    sheet.row_dimensions[row].height = _height(_lines(name, WIDTHS["name"] - 3))  # bold


def _set_text(cell, text: object) -> None:
    """Put a value in a cell; text starting with ``=`` stays text, never a formula."""
    cell.value = _clean(text)
    if cell.data_type == "f":
        cell.data_type = "s"


def _leaf_row(sheet, styles: _Styles, validations: _Validations, row: int, domain: str,
              leaf: Indicator, entry: Entry | None, previous: object, lang: str) -> None:
    from openpyxl.comments import Comment

    entry = entry or Entry()
    cells = {name: sheet.cell(row=row, column=_COL[name]) for name in COLUMNS}
    for cell in cells.values():
        cell.border = styles.border
        cell.alignment = styles.left
    cells["code"].value = leaf.code
    cells["domain"].value = _clean(domain)
    cells["domain"].font = styles.grey
    _set_text(cells["name"], leaf.name.get(lang))
    cells["name"].alignment = styles.indented if leaf.level == 2 else styles.left
    cells["unit"].value = _clean(leaf.unit.get(lang)) if leaf.unit else None
    cells["unit"].alignment = styles.middle
    _set_text(cells["definition"], _definition_text(leaf, lang))
    cells["target"].value = _target_text(leaf, lang) or None
    cells["target"].alignment = styles.middle

    itype = indicator_type(leaf.type)
    shown_previous = _cell_value(leaf, previous, lang)
    _set_text(cells["previous"], shown_previous)
    cells["previous"].font = styles.grey
    value = cells["value"]
    _set_text(value, _cell_value(leaf, entry.raw, lang))
    number_format = itype.excel_format(leaf)
    for cell in (cells["previous"], value):
        if number_format:
            cell.number_format = number_format
        cell.alignment = getattr(styles, _ALIGN[itype.excel_align])

    coordinate = value.coordinate
    if leaf.is_calculated:
        value.fill = styles.calculated_fill
        formula = leaf.formula.text if leaf.formula else ""
        note = Comment(_t("calculated.note", lang, formula=formula), "Haiyan Desktop")
        note.width, note.height = 220, 60
        value.comment = note
    else:
        value.fill, value.protection = styles.input_fill, styles.unlocked
        rule = itype.excel_rule(leaf, lang)
        if rule is not None:
            validations.add(coordinate, rule)

    na = cells["na"]
    na.value = _t("yes", lang) if entry.na else None
    na.alignment = styles.middle
    if leaf.allow_na or entry.na:  # a stray 是 must stay removable
        na.fill, na.protection = styles.input_fill, styles.unlocked
        if leaf.allow_na:
            validations.choose(na.coordinate, [_t("yes", lang)], _t("na.error", lang))
    comment = cells["comment"]
    _set_text(comment, entry.comment or None)
    comment.number_format = "@"
    # every comment is editable: a calculated rate outside its range needs one too
    comment.fill, comment.protection = styles.input_fill, styles.unlocked

    lines = max(_lines(cells[name].value, WIDTHS[name])
                for name in ("domain", "name", "definition", "comment"))
    sheet.row_dimensions[row].height = _height(lines)


def _print_setup(sheet, lang: str, last: str, last_row: int) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{last}{max(last_row, HEADER_ROW)}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = _t("footer", lang)


def _write_meta(meta, header: TemplateHeader, lang: str) -> None:
    pairs = [("format", FORMAT_ID), ("format_version", FORMAT_VERSION),
             ("catalogue_id", header.catalogue_id),
             ("catalogue_version", header.catalogue_version),
             ("catalogue_sha256", header.catalogue_sha256),
             ("unit_code", header.unit_code), ("unit_name", header.unit_name),
             ("year", str(header.year)), ("demo", "true" if header.demo else "false"),
             ("lang", lang), ("generator", f"Haiyan Desktop {__version__}")]
    for row, (key, value) in enumerate(pairs, start=1):
        meta.cell(row=row, column=1, value=key)
        cell = meta.cell(row=row, column=2)
        _set_text(cell, value)
        cell.number_format = "@"  # kept as text by every spreadsheet program
    meta.column_dimensions["A"].width = 20
    meta.column_dimensions["B"].width = 70
    meta.sheet_state = "hidden"
    meta.protection.sheet = True


def _save_atomically(path: Path, save) -> None:
    """Write next to ``path``, flush to disk and move into place: never a half-written file."""
    with atomic_path(path) as temporary:
        save(str(temporary))


def read_header(path: str | os.PathLike[str]) -> TemplateHeader | None:
    """The :class:`TemplateHeader` of an .xlsx written by :func:`write_xlsx`; None for a CSV
    or a workbook from elsewhere. Raises ``ValuesFileError`` when the workbook is unreadable."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ValuesFileError(msg("cli.bad_xlsx")) from None
    try:
        if SHEET_META not in book.sheetnames:
            return None
        pairs: dict[str, object] = {}
        for row in book[SHEET_META].iter_rows(max_col=2, values_only=True):
            if row and row[0] is not None:
                pairs[str(row[0]).strip()] = row[1] if len(row) > 1 else None
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise ValuesFileError(msg("cli.bad_xlsx")) from None
    finally:
        book.close()
    if pairs.get("format") != FORMAT_ID:
        return None

    def text(key: str) -> str:
        value = pairs.get(key)
        if value is None:
            raise KeyError(key)
        return str(value).strip()

    try:
        year = float(text("year"))
        if not year.is_integer():
            return None
        demo = text("demo").casefold() in ("true", "1")
        return TemplateHeader(text("catalogue_id"), text("catalogue_version"),
                              text("catalogue_sha256"), text("unit_code"), text("unit_name"),
                              int(year), demo)
    except (KeyError, ValueError):
        return None


# --- csv ------------------------------------------------------------------------------------

CSV_HEADERS = {"zh": ("指标代码", "指标名称", "单位", "数值", "不适用", "备注"),
               "en": CSV_COLUMNS}


def _csv_text(value: object, indicator: Indicator) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float):
        return f"{value:.{_decimals(indicator)}f}"
    return _csv_safe(str(value))


def _csv_safe(text: str) -> str:
    """Excel runs a CSV cell starting with = + - @ as a formula; a leading tab stops that and
    is stripped again by the reader."""
    if text[:1] in ("=", "+", "-", "@") and not _CSV_NUMBER.match(text):
        return "\t" + text
    return text


def write_csv(path: str | os.PathLike[str], catalogue: Catalogue, unit: Unit, year: int,
              entries: Mapping[str, Entry], previous: Mapping[str, object] | None = None,
              lang: str = "zh") -> None:
    """Write the values of ``unit`` as CSV (UTF-8 with BOM, so Excel shows the Chinese).

    ``year`` and ``previous`` are accepted for symmetry with :func:`write_xlsx`; a CSV has no
    place for them.
    """
    del year, previous
    path = Path(path)
    yes = _t("yes", lang)

    def write(target: str) -> None:
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_HEADERS["en" if lang == "en" else "zh"])
            for leaf in catalogue.leaves(unit.scope):
                entry = entries.get(leaf.code) or Entry()
                writer.writerow([
                    leaf.code,
                    _csv_safe(leaf.name.get(lang)),
                    leaf.unit.get(lang) if leaf.unit else "",
                    _csv_text(_cell_value(leaf, entry.raw, lang), leaf),
                    yes if entry.na else "",
                    _csv_safe(entry.comment or ""),
                ])

    _save_atomically(path, write)
