"""The catalogue as an Excel workbook the county edits, and the workbook back as catalogue YAML.

In the spirit of XLSForm: one sheet per kind of thing, one row per thing, one column per field,
and the row that holds an indicator says where it hangs (its domain, its parent). Layout:

- ``说明 readme``: what each sheet holds (ignored when read back);
- ``设置 settings``: one row per top-level field (``id``, ``version``, ``title``, ``title_en``,
  ``years``) with its value in column B; years as ``2018, 2019``;
- ``单位 units``, ``领域 domains``, ``规则 rules``: one row per unit, domain, rule;
- ``指标 indicators``: one row per first- and second-level indicator, in catalogue order: its
  domain code, its parent's code (empty for a first-level indicator), its level, then every
  indicator field the loader knows (:data:`.loader.INDICATOR_FIELDS`) but the nested ones;
- ``基础数据项 data_items``: one row per data item with the code of its indicator first;
- ``选项 choices``: one row per answer of a choice indicator, with the indicator's code first.

Row 1 of every sheet is its header. Each header reads ``中文名 key`` (``类型 type``): the last
word is the field's YAML key, so a workbook re-saved by LibreOffice or WPS (or one whose
Chinese labels were reworded) is still read; a header that is only the key or only the
Chinese label is read too. Drop-down columns (type, direction, compare, unit kind, applies_to,
severity, yes/no …) take their lists from a hidden sheet ``_lists``; link columns (domain,
parent, indicator, lead unit) offer the codes of the sheet they point to.

Reading a workbook (:func:`read_workbook`) builds the YAML text (keys in the order of the
built-in catalogue) and checks it with the real loader. Every problem, whether found while
reading a cell (a typo in a drop-down column, a merged cell, a date where a number belongs,
a missing or empty sheet, a duplicated code…) or by the loader (weights not adding up to 100,
a formula naming an unknown code…), is reported as a :class:`WorkbookProblem`: sheet, row and
column. The loader's problems are placed through the line of the generated YAML they name.

Qt-free; openpyxl is imported only when a workbook is really written or read.
"""

from __future__ import annotations

import difflib
import io
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import combinations
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..errors import EXIT_FAILED, HaiyanError
from ..files import atomic_path, write_atomically
from ..messages import Bilingual, Message, msg
from . import loader, model
from .indicator_types import DIRECTIONS as _DIRECTIONS
from .indicator_types import NO_WORDS, TYPE_NAMES, YES_WORDS, indicator_type
from .indicator_types.base import BOOL_SETTING, NUMBER_SETTING, clean_text, number_text
from .indicator_types.dates import DATE_SETTING
from .problems import CatalogueError

_log = logging.getLogger(__name__)

# --- the sheets ---------------------------------------------------------------------------


class SheetSpec(NamedTuple):
    key: str  # the sheet's machine name, e.g. "indicators"
    label: str  # its Chinese name, e.g. "指标"
    required: bool  # a workbook without it (or with it empty) is refused

    @property
    def title(self) -> str:
        return f"{self.label} {self.key}"


SETTINGS = SheetSpec("settings", "设置", True)
UNITS = SheetSpec("units", "单位", True)
DOMAINS = SheetSpec("domains", "领域", True)
INDICATORS = SheetSpec("indicators", "指标", True)
DATA_ITEMS = SheetSpec("data_items", "基础数据项", False)
CHOICES = SheetSpec("choices", "选项", False)
RULES = SheetSpec("rules", "规则", False)
SHEETS = (SETTINGS, UNITS, DOMAINS, INDICATORS, DATA_ITEMS, CHOICES, RULES)
README_TITLE = "说明 readme"
LISTS_TITLE = "_lists"  # hidden: the drop-down lists

# top-level fields that are lists of rows on a sheet of their own; the others are settings
TOP_SHEETS = {"units": UNITS, "domains": DOMAINS, "rules": RULES}
NESTED = ("indicators", "children", "choices", "data_items")  # rows of other sheets

# Order of an indicator's keys in the YAML (as in resources/catalogues/haiyan-2019.yaml) and
# of its columns; a field the loader learns later and this list does not know comes before
# the nested lists.
ORDER = (
    "code", "name", "name_en", "weight", "applies_to", "type", "unit", "unit_en", "decimals",
    "required", "min", "max", "expected_min", "expected_max", "max_change", "choices", "target",
    "direction", "compare", "allow_na", "formula", "aggregate", "definition", "definition_en",
    "source", "source_en", "lead_unit", "replaces", "data_items", "children",
)
LINK_DOMAIN, LINK_PARENT, LINK_LEVEL, LINK_INDICATOR = "domain", "parent", "level", "indicator"


def _ordered(fields: Iterable[str]) -> tuple[str, ...]:
    fields = tuple(fields)
    known = [f for f in ORDER if f in fields and f not in ("data_items", "children")]
    later = [f for f in fields if f not in ORDER]
    tail = [f for f in ("data_items", "children") if f in fields]
    return (*known, *later, *tail)


def _flat(fields: Iterable[str]) -> tuple[str, ...]:
    return tuple(f for f in _ordered(fields) if f not in NESTED)


def sheet_columns() -> dict[str, tuple[str, ...]]:
    """The fields of each row sheet, in column order (derived from the loader's tuples)."""
    data_item_fields = getattr(loader, "DATA_ITEM_FIELDS", ())
    return {
        "units": loader.UNIT_FIELDS,
        "domains": tuple(f for f in loader.DOMAIN_FIELDS if f not in NESTED),
        "indicators": (LINK_DOMAIN, LINK_PARENT, LINK_LEVEL, *_flat(loader.INDICATOR_FIELDS)),
        "data_items": (LINK_INDICATOR, *_flat(data_item_fields)),
        "choices": (LINK_INDICATOR, *loader.CHOICE_FIELDS),
        "rules": loader.RULE_FIELDS,
    }


def setting_fields() -> tuple[str, ...]:
    return tuple(f for f in loader.TOP_FIELDS if f not in TOP_SHEETS)


# --- what the columns hold ------------------------------------------------------------------
# Chinese labels of the headers (the English part of a header is the YAML key itself)
LABELS = {
    "id": "目录代码", "version": "版本", "title": "标题", "title_en": "英文标题",
    "years": "考核年度", "code": "代码", "name": "名称", "name_en": "英文名称",
    "kind": "单位类型", "weight": "权重", LINK_DOMAIN: "服务领域", LINK_PARENT: "上级指标",
    LINK_LEVEL: "层级", LINK_INDICATOR: "所属指标", "definition": "指标解释",
    "definition_en": "英文解释", "type": "类型", "unit": "计量单位", "unit_en": "英文计量单位",
    "decimals": "小数位数", "required": "必填", "min": "最小值", "max": "最大值",
    "expected_min": "通常下限", "expected_max": "通常上限", "max_change": "最大变化幅度",
    "target": "目标值", "direction": "计分方向", "compare": "比较方式", "formula": "计算公式",
    "allow_na": "允许不适用", "applies_to": "适用单位类型", "source": "数据来源",
    "source_en": "英文数据来源", "lead_unit": "牵头单位",
    "replaces": "上年代码", "aggregate": "县级汇总", "value": "选项值", "label": "选项文字",
    "label_en": "英文选项文字", "score": "得分",
}
RULE_LABELS = {
    "id": "规则编号", "left": "左式", "operator": "运算符", "right": "右式",
    "severity": "严重程度", "missing": "缺值处理", "message": "提示", "message_en": "英文提示",
}
SETTING_NOTES = {
    "id": ("目录的固定标识，如 haiyan-2019", "stable identifier, e.g. haiyan-2019"),
    "version": ("版本号，按文本保存，如 2019.1", "version, kept as text, e.g. 2019.1"),
    "years": ("适用的考核年度，多个用逗号分隔", "assessment years, separated by commas"),
}
# Chinese names of drop-down values, for the header notes (type names are the registry's own:
# no table here is keyed by them)
VALUE_LABELS = {
    "higher": "越高越好", "lower": "越低越好", "threshold": "达到阈值",
    "town": "镇", "subdistrict": "街道", "department": "县级部门",
    "error": "错误", "warning": "警告", "sum": "各镇（街道）相加", "none": "不汇总",
    "skip_if_any_missing": "任一缺值则跳过", "skip_if_all_missing": "全部缺值才跳过",
    "never_skip": "从不跳过（缺值按 0）", "compulsory_pair": "同填同空",
    "exclusive_pair": "至多填一个",
}
FIELD_NOTES = {
    LINK_DOMAIN: ("一级指标所属服务领域的代码（见“领域”表）",
                  "the code of the indicator's domain (sheet domains)"),
    LINK_PARENT: ("二级指标填写其一级指标的代码；一级指标留空",
                  "a second-level indicator: its first-level indicator's code; else empty"),
    LINK_LEVEL: ("1 = 一级指标，2 = 二级指标（由上级指标决定，仅供查看）",
                 "1 first-level, 2 second-level (follows from the parent)"),
    LINK_INDICATOR: ("所属指标的代码（见“指标”表）",
                     "the code of its indicator (sheet indicators)"),
    "weight": ("同级指标的权重合计为 100，每项大于 0", "siblings add up to 100, each above 0"),
    "min": ("按类型填写：数字，或日期", "of the indicator's type: a number or a date"),
    "target": ("数字、日期，或是否型的“是/否”", "a number, a date, or 是/否 for yes/no"),
    "max_change": ("与上年相比的最大相对变化，0.2 = 20%",
                   "largest change against last year, 0.2 = 20 %"),
    "formula": ("如 EDU01B / EDU01A * 100；不要以 = 开头",
                "e.g. EDU01B / EDU01A * 100; no leading ="),
    "applies_to": ("可多选，用逗号分隔；留空为镇、街道",
                   "several separated by commas; empty: town, subdistrict"),
    "lead_unit": ("县级部门的单位代码（见“单位”表）", "the code of a department (sheet units)"),
    "replaces": ("上年的指标代码（改名或改代码时填写）", "last year's code, when it changed"),
    "required": ("是 / 否；留空为“是”", "是 (yes) / 否 (no); empty: yes"),
    "allow_na": ("是 / 否；留空为“否”", "是 (yes) / 否 (no); empty: no"),
    "left": ("指标代码的表达式，如 EDU01B", "an expression over codes, e.g. EDU01B"),
}

TEXT, NUMBER, INTEGER, BOOL, ENUM, KINDS, TYPED, YEARS = (
    "text", "number", "integer", "bool", "enum", "kinds", "typed", "years")
_KIND_OF = {"weight": NUMBER, "max_change": NUMBER, "score": NUMBER, "decimals": INTEGER,
            LINK_LEVEL: INTEGER, "required": BOOL, "allow_na": BOOL, "applies_to": KINDS,
            "min": TYPED, "max": TYPED, "expected_min": TYPED, "expected_max": TYPED,
            "target": TYPED, "years": YEARS}
_GOAL_FIELDS = ("target",)  # read as the type's goal; the other typed fields as its limit
YES, NO = "是", "否"


def _enums() -> dict[str, tuple[str, ...]]:
    return {
        "type": TYPE_NAMES, "direction": _DIRECTIONS, "compare": model.COMPARES,
        "kind": model.UNIT_KINDS, "severity": model.SEVERITIES,
        "operator": model.RULE_OPERATORS, "missing": model.MISSING_STRATEGIES,
        "aggregate": getattr(model, "AGGREGATES", ()),
    }


def _aliases() -> dict[str, dict[str, str]]:
    kinds = {"镇": "town", "街道": "subdistrict", "县级部门": "department", "部门": "department"}
    return {"kind": kinds, "applies_to": kinds, "operator": dict(loader.OPERATOR_ALIASES)}


def _kind(key: str) -> str:
    if key in _KIND_OF:
        return _KIND_OF[key]
    return ENUM if key in _enums() and _enums()[key] else TEXT


def _label(sheet: SheetSpec, key: str) -> str:
    labels = RULE_LABELS if sheet is RULES else LABELS
    return labels.get(key) or LABELS.get(key, "")


def header_text(sheet: SheetSpec, key: str) -> str:
    label = _label(sheet, key)
    return f"{label} {key}" if label else key


# --- user-visible text of the workbook (zh, en); problems are in messages.py -----------------
WORKBOOK_TEXT: dict[str, tuple[str, str]] = {
    "title": ("考核指标目录工作簿", "Catalogue workbook"),
    "catalogue": ("{title}（{id}，版本 {version}）", "{title} ({id}, version {version})"),
    "sheets": ("各工作表", "The sheets"),
    "settings": ("目录代码、版本、标题和考核年度，每项一行，值填在 B 列",
                 "id, version, title and years, one a row, the value in column B"),
    "units": ("被考核单位和县级部门，每个一行；单位类型从下拉列表选择",
              "assessed units and county departments, one a row; pick the kind from the list"),
    "domains": ("服务领域及其权重（合计 100）",
                "service domains and their weights (adding up to 100)"),
    "indicators": ("一级和二级指标，每项一行：二级指标在“上级指标”列填写其一级指标的代码",
                   "first- and second-level indicators, one a row: a second-level one names "
                   "its first-level indicator under parent"),
    "data_items": ("基础数据项（分子、分母等，只填报不计分），每项一行，写明所属指标",
                   "data items (numerators, denominators…, entered, never scored), one a row "
                   "with its indicator's code"),
    "choices": ("选择型指标的选项，每个选项一行，写明所属指标",
                "the answers of choice indicators, one a row with the indicator's code"),
    "rules": ("跨指标校验规则，每条一行", "cross-field rules, one a row"),
    "headers": ("第 1 行是表头：每个表头的英文部分（如 type）是软件识别列的名称，请不要修改；"
                "可以调整列宽、排序、筛选，不要合并单元格，不要使用 Excel 公式。",
                "Row 1 holds the headers: the English word of each header (e.g. type) is how "
                "the program knows the column; keep it. Widen, sort and filter as you like; "
                "do not merge cells or use Excel formulas."),
    "check": ("检查：haiyan-desktop catalogue check 本文件.xlsx（问题按工作表、行、列列出）",
              "Check: haiyan-desktop catalogue check THIS.xlsx (problems by sheet, row and "
              "column)"),
    "import": ("生成目录：haiyan-desktop catalogue import-xlsx 本文件.xlsx -o 目录.yaml",
               "Make the catalogue: haiyan-desktop catalogue import-xlsx THIS.xlsx -o "
               "CATALOGUE.yaml"),
    "format": ("字段含义见 docs/catalogue-format.md“用 Excel 编写目录”一节",
               "The fields are described in docs/catalogue-format.md, “Authoring in Excel”"),
    "allowed": ("可选：", "Allowed: "),
    "list.error": ("请从下拉列表中选择", "Pick a value from the list"),
    "link.error": ("该代码不在所指工作表中", "This code is not on the sheet it refers to"),
    "yaml.header": ("# 由 Excel 工作簿生成（haiyan-desktop catalogue import-xlsx）。"
                    "格式见 docs/catalogue-format.md",
                    "# Generated from an Excel workbook (haiyan-desktop catalogue "
                    "import-xlsx). Format: docs/catalogue-format.md"),
}


def _both(key: str, **params: object) -> str:
    zh, en = WORKBOOK_TEXT[key]
    return f"{zh.format(**params)} / {en.format(**params)}"


# --- problems -------------------------------------------------------------------------------


class WorkbookProblem(NamedTuple):
    """A problem of a workbook, placed by sheet, row (1-based) and column letter; row and
    column are None when the problem is about the whole sheet (a missing sheet)."""

    sheet: str
    row: int | None
    column: str | None
    code: str | None
    field: str | None
    message: Message

    def place(self) -> Message:
        if self.row is None:
            return msg("wb.place_sheet", sheet=self.sheet)
        if self.column is None:
            return msg("wb.place_row", sheet=self.sheet, row=self.row)
        return msg("wb.place", sheet=self.sheet, row=self.row, column=self.column)

    def render(self, lang: str = "zh") -> str:
        what = " ".join(p for p in (self.code, self.field) if p)
        return (f"{self.place().render(lang)}: {what + ': ' if what else ''}"
                f"{self.message.render(lang)}")

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column,
                "code": self.code, "field": self.field, "message": self.message.render(lang)}


class WorkbookUnreadable(HaiyanError):
    """The file is no Excel workbook (or cannot be opened): exit 2."""


class WorkbookError(HaiyanError):
    """The workbook has problems; ``problems`` lists each with its sheet, row and column."""

    status = EXIT_FAILED

    def __init__(self, problems: list[WorkbookProblem]):
        super().__init__(msg("wb.summary", count=len(problems)))
        self.problems = problems

    def lines(self, lang: str) -> list[str]:
        return [*(p.render(lang) for p in self.problems), self.message.render(lang)]


# --- writing --------------------------------------------------------------------------------


def _document(source: str | Path | bytes) -> tuple[dict[str, Any], Any]:
    """The catalogue's YAML as plain data, after checking that it loads (CatalogueError)."""
    if isinstance(source, bytes):
        data, name = source, "<catalogue>"
    else:
        try:
            data, name = Path(source).read_bytes(), str(source)
        except OSError:
            loader.load_catalogue(source)  # raises CatalogueError naming the reason
            raise
    catalogue = loader.parse_catalogue(data, name)
    document = yaml.safe_load(data.decode("utf-8-sig"))
    return document, catalogue


class _Styles:
    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="A6A6A6")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.bold = Font(name="Calibri", bold=True)
        self.title = Font(name="Calibri", bold=True, size=14)
        self.header_fill = PatternFill("solid", fgColor="BDD7EE")
        self.link_fill = PatternFill("solid", fgColor="E2EFDA")
        self.header = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.wrap = Alignment(vertical="top", wrap_text=True)
        self.top = Alignment(vertical="top")


_WRAP = {"name", "name_en", "definition", "definition_en", "source", "source_en", "title",
         "title_en", "message", "message_en", "label", "label_en", "formula", "left", "right"}
_WIDTHS = {"code": 11, "id": 11, "name": 24, "name_en": 28, "definition": 46,
           "definition_en": 46, "source": 22, "source_en": 24, "formula": 24, "title": 40,
           "title_en": 40, "message": 30, "message_en": 34, "left": 18, "right": 14,
           "label": 16, "label_en": 18, LINK_DOMAIN: 10, LINK_PARENT: 10, LINK_LEVEL: 7,
           LINK_INDICATOR: 11, "applies_to": 20, "lead_unit": 16,
           "unit": 9, "unit_en": 10, "missing": 18, "operator": 12}
_MAX_LINES = 6
_ROOM = 2000  # rows the drop-downs and links cover


def _width(key: str) -> float:
    return _WIDTHS.get(key, 11)


def _display_width(text: str) -> float:
    return sum(1.8 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)


def _lines(value: object, width: float) -> int:
    if not isinstance(value, str) or not value:
        return 1
    usable = max(width - 1.5, 1.0)
    return sum(max(1, -(-int(_display_width(part)) // int(usable))) for part in value.split("\n"))


class _Writer:
    def __init__(self, document: dict[str, Any]) -> None:
        from openpyxl import Workbook

        self.doc = document
        self.book = Workbook()
        self.styles = _Styles()
        self.columns = sheet_columns()
        self.letters: dict[str, dict[str, str]] = {}  # sheet key -> field -> column letter
        self.lists = None
        self.list_ranges: dict[tuple[str, ...], str] = {}

    # cells
    @staticmethod
    def put(cell: Any, value: object, kind: str = TEXT, setting: Any = None) -> None:
        """A YAML value as a cell: numbers as numbers, yes/no as 是/否, dates as date cells,
        lists as ``a, b``, text as text (never a formula)."""
        if value is None:
            return
        if kind == TYPED and setting is DATE_SETTING and not isinstance(value, bool):
            day = DATE_SETTING.read(value)
            if day is not None:
                value = date.fromisoformat(day)
        if isinstance(value, bool):
            value = YES if value else NO
        if isinstance(value, list):
            if kind == KINDS:
                order = {k: i for i, k in enumerate(model.UNIT_KINDS)}
                value = sorted(value, key=lambda v: order.get(v, len(order)))
            value = ", ".join(str(v) for v in value)
        if isinstance(value, datetime | date):
            cell.value = value
            cell.number_format = "yyyy-mm-dd"
            return
        if isinstance(value, str):
            cell.value = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", value)
            cell.data_type = "s"  # "=…" or "==" stay text
            cell.number_format = "@"
            return
        cell.value = value

    # sheets
    def build(self) -> Any:
        book = self.book
        self.readme(book.active)
        self.lists = book.create_sheet(LISTS_TITLE)
        self.lists.sheet_state = "hidden"
        self.settings(book.create_sheet(SETTINGS.title))
        for spec in SHEETS[1:]:
            sheet = book.create_sheet(spec.title)
            self.header(sheet, spec)
        self.fill_rows()
        for spec in SHEETS[1:]:
            self.finish(book[spec.title], spec)
        book.move_sheet(LISTS_TITLE, offset=len(book.sheetnames))
        book.active = 0  # opens on 说明 readme
        book.properties.title = _both("title")
        from .. import __version__

        book.properties.creator = f"Haiyan Desktop {__version__}"
        return book

    def readme(self, sheet: Any) -> None:
        sheet.title = README_TITLE
        doc = self.doc
        rows = [(_both("title"), self.styles.title),
                (_both("catalogue", title=doc.get("title", ""), id=doc.get("id", ""),
                       version=doc.get("version", "")), None),
                ("", None), (_both("sheets"), self.styles.bold)]
        rows += [(f"{spec.title}: {_both(spec.key)}", None) for spec in SHEETS]
        rows += [("", None), (_both("headers"), None), (_both("check"), None),
                 (_both("import"), None), (_both("format"), None)]
        for number, (text, font) in enumerate(rows, start=1):
            cell = sheet.cell(row=number, column=1)
            self.put(cell, text or None)
            cell.alignment = self.styles.wrap
            if font is not None:
                cell.font = font
            sheet.row_dimensions[number].height = 16 * _lines(text, 130) + 4
        sheet.column_dimensions["A"].width = 130

    def settings(self, sheet: Any) -> None:
        s = self.styles
        for column, (text, width) in enumerate(
                (("项目 field", 24), ("值 value", 60), ("说明 note", 50)), start=1):
            cell = sheet.cell(row=1, column=column, value=text)
            cell.font, cell.fill, cell.alignment, cell.border = s.bold, s.header_fill, \
                s.header, s.border
            sheet.column_dimensions["ABC"[column - 1]].width = width
        for number, key in enumerate(setting_fields(), start=2):
            label = sheet.cell(row=number, column=1)
            self.put(label, header_text(SETTINGS, key))
            label.font = s.bold
            value = sheet.cell(row=number, column=2)
            raw = self.doc.get(key)
            if key == "years" and isinstance(raw, list) and len(raw) == 1:
                raw = raw[0]
            if key == "version" and raw is not None:
                raw = str(raw)
            self.put(value, raw, _kind(key))
            if value.value is None:
                value.number_format = "@"
            value.alignment = s.wrap
            note = SETTING_NOTES.get(key)
            if note:
                self.put(sheet.cell(row=number, column=3), f"{note[0]} / {note[1]}")
            for column in (1, 2, 3):
                sheet.cell(row=number, column=column).border = s.border
            sheet.row_dimensions[number].height = 16 * min(_lines(value.value, 60), 4) + 4
        sheet.freeze_panes = "A2"

    def header(self, sheet: Any, spec: SheetSpec) -> None:
        from openpyxl.comments import Comment
        from openpyxl.utils import get_column_letter

        s = self.styles
        letters = self.letters.setdefault(spec.key, {})
        for number, key in enumerate(self.columns[spec.key], start=1):
            letter = get_column_letter(number)
            letters[key] = letter
            cell = sheet.cell(row=1, column=number, value=header_text(spec, key))
            cell.font, cell.fill, cell.alignment, cell.border = s.bold, s.header_fill, \
                s.header, s.border
            if key in (LINK_DOMAIN, LINK_PARENT, LINK_LEVEL, LINK_INDICATOR):
                cell.fill = s.link_fill
            note = self.note(key)
            if note:
                comment = Comment(note, "Haiyan Desktop")
                comment.width, comment.height = 260, 110
                cell.comment = comment
            sheet.column_dimensions[letter].width = _width(key)
        sheet.row_dimensions[1].height = 32

    @staticmethod
    def note(key: str) -> str:
        lines = []
        if key in FIELD_NOTES:
            zh, en = FIELD_NOTES[key]
            lines.append(f"{zh}\n{en}")
        values = _enums().get(key) or (model.UNIT_KINDS if _kind(key) == KINDS else ())
        if values:
            zh, en = WORKBOOK_TEXT["allowed"]
            shown = "；".join(f"{v} {VALUE_LABELS[v]}" if v in VALUE_LABELS else v
                             for v in values)
            lines.append(f"{zh}{shown}")
        if _kind(key) == BOOL:
            lines.append(f"{WORKBOOK_TEXT['allowed'][0]}{YES} / {NO}")
        return "\n".join(lines)

    def row(self, spec: SheetSpec, values: dict[str, Any], setting_of: Any = None) -> None:
        sheet = self.book[spec.title]
        number = sheet.max_row + 1
        lines = 1
        for column, key in enumerate(self.columns[spec.key], start=1):
            cell = sheet.cell(row=number, column=column)
            kind = _kind(key)
            setting = None
            if kind == TYPED and setting_of is not None:
                setting = setting_of(key)
            self.put(cell, values.get(key), kind, setting)
            cell.border = self.styles.border
            if key in _WRAP:
                cell.alignment = self.styles.wrap
                lines = max(lines, _lines(cell.value, _width(key)))
            else:
                cell.alignment = self.styles.top
        sheet.row_dimensions[number].height = 15 * min(lines, _MAX_LINES) + 3

    def fill_rows(self) -> None:
        doc = self.doc
        for unit in doc.get("units") or []:
            self.row(UNITS, unit)
        for rule in doc.get("rules") or []:
            self.row(RULES, rule)
        for domain in doc.get("domains") or []:
            self.row(DOMAINS, domain)
            for first in domain.get("indicators") or []:
                self.indicator(first, domain.get("code"), None, 1)
                for child in first.get("children") or []:
                    self.indicator(child, domain.get("code"), first.get("code"), 2)

    def indicator(self, ind: dict[str, Any], domain: Any, parent: Any, level: int) -> None:
        settings = _settings_of(ind.get("type"))
        values = {**ind, LINK_DOMAIN: domain, LINK_PARENT: parent, LINK_LEVEL: level}
        self.row(INDICATORS, values, settings)
        for item in ind.get("data_items") or []:
            self.row(DATA_ITEMS, {**item, LINK_INDICATOR: ind.get("code")},
                     _settings_of(item.get("type")))
        for choice in ind.get("choices") or []:
            self.row(CHOICES, {**choice, LINK_INDICATOR: ind.get("code")})

    def list_range(self, options: tuple[str, ...]) -> str:
        from openpyxl.utils import get_column_letter

        found = self.list_ranges.get(options)
        if found is None:
            column = len(self.list_ranges) + 1
            for number, option in enumerate(options, start=1):
                self.put(self.lists.cell(row=number, column=column), option)
            letter = get_column_letter(column)
            found = f"'{LISTS_TITLE}'!${letter}$1:${letter}${len(options)}"
            self.list_ranges[options] = found
        return found

    def finish(self, sheet: Any, spec: SheetSpec) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        letters = self.letters[spec.key]
        last_column = letters[self.columns[spec.key][-1]]
        sheet.freeze_panes = f"{_next_letter(letters.get('code', 'A'))}2"
        sheet.auto_filter.ref = f"A1:{last_column}{max(sheet.max_row, 2)}"
        links = {LINK_DOMAIN: DOMAINS, LINK_PARENT: INDICATORS, LINK_INDICATOR: INDICATORS,
                 "lead_unit": UNITS}
        for key, letter in letters.items():
            span = f"{letter}2:{letter}{_ROOM}"
            kind = _kind(key)
            if kind in (ENUM, KINDS, BOOL):
                if kind == BOOL:
                    options: tuple[str, ...] = (YES, NO)
                elif kind == KINDS:
                    kinds = model.UNIT_KINDS
                    options = tuple(", ".join(c) for n in range(1, len(kinds) + 1)
                                    for c in combinations(kinds, n))
                else:
                    options = _enums()[key]
                style = "warning" if kind == KINDS else "stop"
                rule = DataValidation(type="list", formula1=self.list_range(options),
                                      allow_blank=True, showErrorMessage=True,
                                      errorStyle=style, error=_both("list.error"))
            elif key in links:
                target = links[key]
                column = self.letters.get(target.key, {}).get("code", "A")
                rule = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                                      errorStyle="warning", error=_both("link.error"),
                                      formula1=f"'{target.title}'!${column}$2:${column}${_ROOM}")
            else:
                continue
            sheet.add_data_validation(rule)
            rule.add(span)


def _next_letter(letter: str) -> str:
    from openpyxl.utils import column_index_from_string, get_column_letter

    return get_column_letter(column_index_from_string(letter) + 1)


def _settings_of(type_name: object) -> Any:
    """How the typed fields (min, max, target…) of an indicator of this type are read."""
    try:
        itype = indicator_type(type_name if isinstance(type_name, str) else None)
    except KeyError:  # an unknown type: reported for the type column
        return None
    return lambda key: itype.goal if key in _GOAL_FIELDS else itype.limit


def catalogue_to_workbook(source: str | Path | bytes) -> Any:
    """The catalogue in ``source`` (a path, or the YAML as bytes) as an openpyxl Workbook.
    Raises :class:`~.problems.CatalogueError` if the catalogue does not load."""
    document, _catalogue = _document(source)
    return _Writer(document).build()


def write_workbook(path_yaml: str | Path, out_xlsx: str | Path) -> Path:
    """Write the catalogue ``path_yaml`` as the workbook ``out_xlsx`` (whole or not at all)."""
    book = catalogue_to_workbook(path_yaml)
    with atomic_path(out_xlsx) as temporary:
        book.save(str(temporary))
    return Path(out_xlsx)


# --- reading --------------------------------------------------------------------------------


@dataclass
class _Place:
    """Where a YAML mapping came from: a row of a sheet (or, for the top level, the settings
    rows); ``cells`` places fields found elsewhere (settings rows, nested lists)."""

    sheet: str
    row: int | None
    columns: dict[str, str] = field(default_factory=dict)
    cells: dict[str, tuple[str, int | None, str | None]] = field(default_factory=dict)
    weights: tuple[str, int | None, str | None] | None = None  # first child's weight cell

    def at(self, key: str | None) -> tuple[str, int | None, str | None] | None:
        if key is None:
            return None
        if key in self.cells:
            return self.cells[key]
        if key in self.columns:
            return self.sheet, self.row, self.columns[key]
        return None

    def default(self) -> tuple[str, int | None, str | None]:
        column = self.columns.get("code") or self.columns.get("id")
        return self.sheet, self.row, column


_ALIAS_FIELDS = {"choices": "type", "children": "code", "data_items": "code",
                 "indicators": "code"}
_WEIGHT_KEYS = ("cat.weights_sum", "cat.no_scored_child")
_SEPARATORS = re.compile(r"[,，、;；\s]+")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
_MAX_ROWS = 20000
_EMPTY = object()
REQUIRED_COLUMNS = {"units": ("code",), "domains": ("code",),
                    "indicators": (LINK_DOMAIN, "code"), "data_items": (LINK_INDICATOR, "code"),
                    "choices": (LINK_INDICATOR, "value"), "rules": ("id",)}


class _Row(NamedTuple):
    number: int
    values: dict[str, Any]
    place: _Place


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _matcher(names: dict[str, Iterable[str]]) -> dict[str, str]:
    """Every spelling that names a key (``类型 type``, ``type``, ``类型``) -> the key."""
    found: dict[str, str] = {}
    for key, spellings in names.items():
        for spelling in spellings:
            if spelling:
                found.setdefault(_normal(spelling), key)
    return found


def _match(text: str, spellings: dict[str, str]) -> str | None:
    norm = _normal(text)
    if not norm:
        return None
    candidates = [norm, norm.replace(" ", "_")]
    words = norm.split(" ")
    candidates += [words[-1], words[0], "_".join(words[1:])]
    for candidate in candidates:
        if candidate in spellings:
            return spellings[candidate]
    return None


def _cell_text(value: object) -> str:
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _short(value: object) -> str:
    text = _cell_text(value).replace("\n", " ")
    return text if len(text) <= 40 else text[:37] + "..."


class _Reader:
    def __init__(self, book: Any) -> None:
        self.book = book
        self.problems: list[WorkbookProblem] = []
        self.suppressed: set[tuple[str, int | None, str | None]] = set()
        self.places: dict[int, _Place] = {}
        self.alive: list[object] = []  # what ``places`` names by id stays alive
        self.converted: dict[tuple[str, int, str], Any] = {}
        self.titles: dict[str, str] = {spec.key: spec.title for spec in SHEETS}
        self.columns = sheet_columns()
        self.order = {spec.title: n for n, spec in enumerate(SHEETS)}
        self.top_place = _Place(SETTINGS.title, None)
        # required sheets missing, empty or without their key columns: what refers to them
        # is not checked, nor is the catalogue (the problems would only repeat the cause)
        self.broken: set[str] = set()
        self.duplicates: set[str] = set()  # codes already reported as used twice

    # problems
    def problem(self, sheet: str, row: int | None, column: str | None, code: str | None,
                key: str | None, message: Message) -> None:
        self.problems.append(WorkbookProblem(sheet, row, column, code, key, message))
        self.suppressed.add((sheet, row, column))

    def register(self, data: object, place: _Place) -> None:
        self.places[id(data)] = place
        self.alive.append(data)

    # sheets
    def sheets(self) -> dict[str, Any]:
        spellings = _matcher({spec.key: (spec.title, spec.key, spec.label,
                                         spec.key.replace("_", " ")) for spec in SHEETS})
        found: dict[str, Any] = {}
        for sheet in self.book.worksheets:
            key = _match(sheet.title, spellings)
            if key is None:
                continue  # 说明 readme, _lists, a sheet of the county's own notes
            if key in found:
                self.problem(sheet.title, None, None, None, None,
                             msg("wb.duplicate_sheet", sheet=sheet.title,
                                 other=found[key].title))
                continue
            found[key] = sheet
            self.titles[key] = sheet.title
            self.order[sheet.title] = self.order[_spec(key).title]
        for spec in SHEETS:
            if spec.key not in found and spec.required:
                self.problem(spec.title, None, None, None, None,
                             msg("wb.missing_sheet", sheet=spec.title))
        return found

    def merged(self, sheet: Any) -> None:
        from openpyxl.utils import get_column_letter

        for cells in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            self.problem(sheet.title, cells.min_row, get_column_letter(cells.min_col), None,
                         None, msg("wb.merged", cells=cells.coord))
            for row in range(cells.min_row, cells.max_row + 1):
                for column in range(cells.min_col, cells.max_col + 1):
                    self.suppressed.add((sheet.title, row, get_column_letter(column)))

    def grid(self, sheet: Any, spec: SheetSpec) -> list[_Row] | None:
        """The rows of a row sheet as {field: cell value}; None when the sheet cannot be
        read (no header, a required column missing)."""
        from openpyxl.utils import get_column_letter

        self.merged(sheet)
        fields = self.columns[spec.key]
        spellings = _matcher({key: (header_text(spec, key), key, _label(spec, key))
                              for key in fields})
        header = [c for c in next(sheet.iter_rows(min_row=1, max_row=1), ())
                  if c.value is not None and _cell_text(c.value).strip()]
        if not header:
            if spec.required:
                self.problem(sheet.title, 1, "A", None, None,
                             msg("wb.empty_sheet", sheet=sheet.title))
            return None
        columns: dict[str, int] = {}
        for cell in header:
            letter = get_column_letter(cell.column)
            key = _match(_cell_text(cell.value), spellings)
            if key is None:
                word = _normal(_cell_text(cell.value)).split(" ")[-1]
                close = difflib.get_close_matches(word, fields, n=1, cutoff=0.7)
                self.problem(sheet.title, 1, letter, None, None,
                             msg("wb.unknown_column", header=_short(cell.value),
                                 hint=_hint(close[0] if close else None)))
            elif key in columns:
                self.problem(sheet.title, 1, letter, None, key,
                             msg("wb.duplicate_column", header=_short(cell.value),
                                 other=get_column_letter(columns[key])))
            else:
                columns[key] = cell.column
        missing = [k for k in REQUIRED_COLUMNS[spec.key] if k not in columns]
        for key in missing:
            self.problem(sheet.title, 1, None, None, key,
                         msg("wb.missing_column", header=header_text(spec, key)))
        if missing:
            return None
        if sheet.max_row > _MAX_ROWS:
            self.problem(sheet.title, _MAX_ROWS + 1, None, None, None,
                         msg("wb.too_many_rows", limit=_MAX_ROWS))
        letters = {key: get_column_letter(column) for key, column in columns.items()}
        rows: list[_Row] = []
        for cells in sheet.iter_rows(min_row=2, max_row=min(sheet.max_row, _MAX_ROWS)):
            values = self.cells(sheet.title, cells, columns)
            if values:
                number = cells[0].row
                rows.append(_Row(number, values, _Place(sheet.title, number, letters)))
        if not rows and spec.required:
            self.problem(sheet.title, 2, "A", None, None, msg("wb.empty_sheet", sheet=sheet.title))
        return rows

    def cells(self, title: str, cells: tuple[Any, ...], columns: dict[str, int]
              ) -> dict[str, Any]:
        """The raw values of one row by field ({} for an empty row); formulas and error
        values are problems, and read as empty."""
        values: dict[str, Any] = {}
        for key, column in columns.items():
            if column > len(cells):
                continue
            cell = cells[column - 1]
            value = cell.value
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if cell.data_type == "f" or not isinstance(
                    value, str | int | float | bool | datetime | date | time):
                text = value if isinstance(value, str) else getattr(value, "text", None)
                self.problem(title, cell.row, cell.column_letter, None, key,
                             msg("wb.formula_cell", formula=_short(text or "=")))
                values[key] = _EMPTY
            elif cell.data_type == "e":
                self.problem(title, cell.row, cell.column_letter, None, key,
                             msg("wb.error_cell", value=_short(value)))
                values[key] = _EMPTY
            else:
                values[key] = value
        return values

    # values
    def convert(self, row: _Row, key: str, setting: Any = None) -> Any:
        """The YAML value of one cell of ``row`` (read once); a cell that is not what its
        column holds is a problem, and its text is passed on (so the loader finds nothing
        more to say about that cell)."""
        memo = (row.place.sheet, row.number, key)
        if memo not in self.converted:
            self.converted[memo] = self._convert(row, key, setting)
        return self.converted[memo]

    def _convert(self, row: _Row, key: str, setting: Any) -> Any:
        value = row.values.get(key)
        if value is None or value is _EMPTY:
            return None
        kind = _kind(key)
        code = row.values.get("code")
        code = code.strip() if isinstance(code, str) else None

        def bad(message: Message) -> str:
            self.problem(row.place.sheet, row.number, row.place.columns.get(key), code, key,
                         message)
            return _cell_text(value)

        if kind == TYPED:
            if setting is BOOL_SETTING:
                kind = BOOL
            elif setting is NUMBER_SETTING:
                kind = NUMBER
            else:  # a date (the loader reads every spelling), or a type not known
                return _date_text(value) if isinstance(value, datetime | date) else value
        if kind in (NUMBER, INTEGER):
            if isinstance(value, datetime | date | time):
                return bad(msg("wb.date_for_number", value=_short(value)))
            number = _number(value)
            if number is None:
                return bad(msg("wb.text_for_number", value=_short(value)))
            if kind == INTEGER and not float(number).is_integer():
                return bad(msg("wb.wrong_kind", value=_short(value),
                               expected=Bilingual("整数", "a whole number")))
            return int(number) if kind == INTEGER else number
        if kind == BOOL:
            found = _boolean(value)
            if found is None:
                return bad(msg("wb.wrong_kind", value=_short(value),
                               expected=Bilingual("“是”或“否”", "是 (yes) or 否 (no)")))
            return found
        if kind == ENUM:
            return _choose(value, key, _enums()[key], bad)
        if kind == KINDS:
            parts = [p for p in _SEPARATORS.split(clean_text(_cell_text(value))) if p]
            return [_choose(p, key, model.UNIT_KINDS, bad) for p in parts] or None
        if kind == YEARS:
            return _years(value, bad)
        if isinstance(value, bool):
            return bad(msg("wb.wrong_kind", value=_short(value),
                           expected=Bilingual("文本", "text")))
        if isinstance(value, str):
            return value.replace("\r\n", "\n").replace("\r", "\n")
        return _cell_text(value)

    def mapping(self, row: _Row, fields: Iterable[str], setting_of: Any = None
                ) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key in fields:
            setting = setting_of(key) if setting_of is not None and _kind(key) == TYPED else None
            value = self.convert(row, key, setting)
            if value is not None:
                data[key] = value
        self.register(data, row.place)
        return data

    # the catalogue
    def read(self) -> dict[str, Any]:
        found = self.sheets()
        self.top_place = top_place = _Place(self.titles["settings"], None)
        settings = self.settings(found["settings"], top_place) if "settings" in found else {}
        grids = {spec.key: self.grid(found[spec.key], spec) for spec in SHEETS[1:]
                 if spec.key in found}
        self.broken = {spec.key for spec in SHEETS[1:]
                       if spec.required and not grids.get(spec.key)}
        if "settings" not in found:
            self.broken.add("settings")
        for key, spec in TOP_SHEETS.items():
            top_place.cells[key] = ((self.titles[spec.key], 2, "A") if grids.get(spec.key)
                                    else (self.titles[spec.key], None, None))
        units = [self.mapping(row, loader.UNIT_FIELDS) for row in grids.get("units") or []]
        rules = [self.mapping(row, loader.RULE_FIELDS) for row in grids.get("rules") or []]
        domains = self.domains(grids)
        top: dict[str, Any] = {}
        for key in loader.TOP_FIELDS:
            if key == "units" and grids.get("units") is not None:
                top[key] = units
            elif key == "domains" and grids.get("domains") is not None:
                top[key] = domains
            elif key == "rules" and rules:
                top[key] = rules
            elif key in settings:
                top[key] = settings[key]
        self.register(top, top_place)
        return top

    def settings(self, sheet: Any, place: _Place) -> dict[str, Any]:
        self.merged(sheet)
        keys = setting_fields()
        spellings = _matcher({k: (header_text(SETTINGS, k), k, _label(SETTINGS, k))
                              for k in keys})
        values: dict[str, Any] = {}
        rows: dict[str, int] = {}
        for cells in sheet.iter_rows(min_row=2, max_row=min(sheet.max_row, 500), max_col=2):
            name = cells[0].value
            if name is None or not _cell_text(name).strip():
                if len(cells) > 1 and cells[1].value is not None:
                    self.problem(sheet.title, cells[0].row, "A", None, None,
                                 msg("wb.unknown_setting", name="—"))
                continue
            number = cells[0].row
            key = _match(_cell_text(name), spellings)
            if key is None:
                self.problem(sheet.title, number, "A", None, None,
                             msg("wb.unknown_setting", name=_short(name)))
                continue
            if key in rows:
                self.problem(sheet.title, number, "A", None, key,
                             msg("wb.duplicate_setting", name=key, first_row=rows[key]))
                continue
            rows[key] = number
            place.cells[key] = (sheet.title, number, "B")
            row = _Row(number, self.cells(sheet.title, cells, {key: 2}),
                       _Place(sheet.title, number, {key: "B"}))
            value = self.convert(row, key)
            if value is not None:
                values[key] = value
        if not rows:
            self.problem(sheet.title, 2, "A", None, None,
                         msg("wb.empty_sheet", sheet=sheet.title))
        return values

    def domains(self, grids: dict[str, list[_Row] | None]) -> list[dict[str, Any]]:
        domains: list[dict[str, Any]] = []
        by_code: dict[str, dict[str, Any]] = {}
        seen: dict[str, tuple[str, int]] = {}  # one namespace of codes -> first (sheet, row)
        for row in grids.get("domains") or []:
            data = self.mapping(row, self.columns["domains"])
            self.unique(row, data, seen)
            data["indicators"] = []
            domains.append(data)
            if isinstance(data.get("code"), str):
                by_code.setdefault(data["code"], data)
        indicators = self.indicators(grids.get("indicators") or [], by_code, seen)
        self.attach(grids.get("data_items") or [], indicators, "data_items", seen)
        self.attach(grids.get("choices") or [], indicators, "choices", None)
        for data in domains:  # where the weights of each group start
            self.group(data, "indicators")
            for first in data["indicators"]:
                self.group(first, "children")
        return [self.ordered(d, loader.DOMAIN_FIELDS) for d in domains]

    def group(self, data: dict[str, Any], key: str) -> None:
        members = data.get(key)
        if not members:
            return
        place, first = self.places[id(data)], self.places[id(members[0])]
        place.weights = first.at("weight") or first.default()
        place.cells[key] = first.default()

    def unique(self, row: _Row, data: dict[str, Any], seen: dict[str, tuple[str, int]] | None
               ) -> None:
        code = data.get("code")
        if seen is None or not isinstance(code, str):
            return
        if code in seen:
            sheet, first_row = seen[code]
            self.duplicates.add(code)
            self.problem(row.place.sheet, row.number, row.place.columns.get("code"), code,
                         "code", msg("wb.duplicate_code", code=code, sheet=sheet,
                                     first_row=first_row))
        else:
            seen[code] = (row.place.sheet, row.number)

    def indicators(self, rows: list[_Row], domains: dict[str, dict[str, Any]],
                   seen: dict[str, tuple[str, int]]) -> dict[str, dict[str, Any]]:
        """Each indicator row under its domain or parent; returns them by code."""
        fields = [f for f in self.columns["indicators"]
                  if f not in (LINK_DOMAIN, LINK_PARENT, LINK_LEVEL)]
        read: list[tuple[_Row, dict[str, Any], Any, Any]] = []
        index: dict[str, tuple[dict[str, Any], Any, Any, _Row]] = {}
        for row in rows:
            data = self.mapping(row, fields, _settings_of(self.convert(row, "type")))
            self.unique(row, data, seen)
            domain, parent = self.convert(row, LINK_DOMAIN), self.convert(row, LINK_PARENT)
            read.append((row, data, domain, parent))
            if isinstance(data.get("code"), str):
                index.setdefault(data["code"], (data, domain, parent, row))
        for row, data, domain, parent in read:
            sheet, columns = row.place.sheet, row.place.columns
            code = data.get("code") if isinstance(data.get("code"), str) else None

            def wrong(key: str, message: Message) -> None:
                self.problem(sheet, row.number, columns.get(key), code, key, message)  # noqa: B023

            level = self.convert(row, LINK_LEVEL)
            if isinstance(level, int) and level != (2 if parent else 1):
                wrong(LINK_LEVEL, msg("wb.level_mismatch", level=level))
            if parent:
                owner = index.get(str(parent))
                if owner is None:
                    wrong(LINK_PARENT, msg("wb.unknown_parent", code=_short(parent)))
                elif owner[2]:
                    wrong(LINK_PARENT, msg("wb.parent_not_first", code=_short(parent)))
                else:
                    if domain and owner[1] and domain != owner[1]:
                        wrong(LINK_DOMAIN, msg("wb.domain_mismatch", code=_short(domain),
                                               parent=_short(parent),
                                               expected=_short(owner[1])))
                    owner[0].setdefault("children", []).append(data)
            elif not domain:
                wrong(LINK_DOMAIN, msg("wb.domain_needed"))
            elif str(domain) not in domains:
                if "domains" not in self.broken:
                    wrong(LINK_DOMAIN, msg("wb.unknown_domain", code=_short(domain)))
            else:
                domains[str(domain)]["indicators"].append(data)
        return {code: found[0] for code, found in index.items()}

    def attach(self, rows: list[_Row], owners: dict[str, dict[str, Any]], key: str,
               seen: dict[str, tuple[str, int]] | None) -> None:
        """Data items or choices under the indicator their first column names."""
        items = key == "data_items"
        fields = [f for f in self.columns[key] if f != LINK_INDICATOR]
        for row in rows:
            owner_code = self.convert(row, LINK_INDICATOR)
            setting_of = _settings_of(self.convert(row, "type")) if items else None
            data = self.mapping(row, fields, setting_of)
            self.unique(row, data, seen)
            code = data.get("code") if items and isinstance(data.get("code"), str) else None
            owner = owners.get(str(owner_code)) if owner_code else None
            if owner is None and "indicators" in self.broken:
                continue
            if owner is None:
                self.problem(row.place.sheet, row.number,
                             row.place.columns.get(LINK_INDICATOR), code, LINK_INDICATOR,
                             msg("wb.unknown_indicator", code=_short(owner_code or "—")))
                continue
            if key not in owner:
                self.places[id(owner)].cells[key] = (
                    row.place.sheet, row.number, row.place.columns.get(LINK_INDICATOR))
            owner.setdefault(key, []).append(data)
            if code is not None:
                owners.setdefault(code, data)  # a choice may name a data item (refused later)

    def ordered(self, data: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
        """``data`` with its keys in the catalogue's order, nested lists too."""
        keys = [k for k in fields if k in data]
        if fields is loader.INDICATOR_FIELDS:
            keys = list(_ordered(data))
        keys += [k for k in data if k not in keys]
        result = {k: data[k] for k in keys}
        for key in ("indicators", "children", "data_items"):
            if key in result:
                result[key] = [self.ordered(i, loader.INDICATOR_FIELDS) for i in result[key]]
        if "choices" in result:
            result["choices"] = [self.ordered(c, loader.CHOICE_FIELDS)
                                 for c in result["choices"]]
        self.register(result, self.places.get(id(data)) or _Place("", None))
        return result

    # the loader's problems, placed
    def place_problem(self, problem: Any, lines: dict[int, tuple[_Place, str | None]]
                      ) -> WorkbookProblem:
        place, key_at = lines.get(problem.line, (self.top_place, None))
        message = problem.message
        target = None
        if message.key in _WEIGHT_KEYS and problem.code is not None:
            target = place.weights
        names = (problem.field, _ALIAS_FIELDS.get(problem.field)) if problem.field \
            else (key_at,)
        for name in names:
            if target is None:
                target = place.at(name)
        sheet, row, column = target or place.default()
        if message.key == "cat.duplicate_code":  # name the first row, not a YAML line
            params = dict(message.params)
            first = lines.get(params.get("first_line", -1))
            if first is not None:
                first_sheet, first_row, _ = first[0].at("code") or first[0].default()
                message = msg("wb.duplicate_code", code=params.get("code", ""),
                              sheet=first_sheet, first_row=first_row or "—")
        return WorkbookProblem(sheet, row, column, problem.code, problem.field, message)

    def line_map(self, document: dict[str, Any], text: str
                 ) -> dict[int, tuple[_Place, str | None]]:
        """YAML line -> (the place of the mapping on it, the key on that line)."""
        lines: dict[int, tuple[_Place, str | None]] = {}

        def walk(node: yaml.Node, obj: Any) -> None:
            if isinstance(node, yaml.MappingNode) and isinstance(obj, dict):
                place = self.places.get(id(obj))
                for key_node, value_node in node.value:
                    if place is not None:
                        lines.setdefault(key_node.start_mark.line + 1, (place, key_node.value))
                    walk(value_node, obj.get(key_node.value))
            elif isinstance(node, yaml.SequenceNode) and isinstance(obj, list):
                for item_node, item in zip(node.value, obj, strict=False):
                    walk(item_node, item)

        walk(yaml.compose(text, Loader=yaml.SafeLoader), document)
        return lines

    def sort_key(self, problem: WorkbookProblem) -> tuple[int, int, int]:
        from openpyxl.utils import column_index_from_string

        column = column_index_from_string(problem.column) if problem.column else 0
        return self.order.get(problem.sheet, len(SHEETS)), problem.row or 0, column


def _choose(value: object, key: str, allowed: tuple[str, ...], bad: Any) -> str:
    """A drop-down cell's value as the loader spells it; another value is a problem."""
    text = clean_text(_cell_text(value))
    aliases = _aliases().get(key, {})
    if text in aliases:
        return aliases[text]
    for option in allowed:
        if option.casefold() == text.casefold():
            return option
    close = difflib.get_close_matches(text.casefold(), allowed, n=1, cutoff=0.6)
    bad(msg("wb.bad_value", value=_short(value), allowed=", ".join(allowed),
            hint=_hint(close[0] if close else None)))
    return text



def _spec(key: str) -> SheetSpec:
    return next(spec for spec in SHEETS if spec.key == key)


def _hint(suggestion: str | None) -> Bilingual:
    if suggestion is None:
        return Bilingual("", "")
    return Bilingual(msg("cat.did_you_mean", suggestion=suggestion).zh,
                     msg("cat.did_you_mean", suggestion=suggestion).en)


def _date_text(value: datetime | date) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    return value.isoformat()


def _number(value: object) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        text = clean_text(value)
        if _PLAIN_NUMBER.match(text):
            number = float(text)
            if number.is_integer() and re.fullmatch(r"[+-]?[0-9]+", text):
                return int(text)
            return number
    return None


def _boolean(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = clean_text(value).casefold()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
    return None


def _years(value: object, bad: Any) -> Any:
    number = _number(value)
    if number is not None and float(number).is_integer():
        return [int(number)]
    if isinstance(value, str):
        parts = [p for p in _SEPARATORS.split(clean_text(value)) if p]
        years = [_number(p) for p in parts]
        if parts and all(isinstance(y, int) for y in years):
            return years
    bad(msg("wb.wrong_kind", value=_short(value),
            expected=Bilingual("年份，如 2018, 2019", "years such as 2018, 2019")))
    return _cell_text(value)


# --- YAML out -------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Lists of plain values on one line (``years: [2018, 2019]``), everything else in
    block style, as the built-in catalogue is written."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = bool(data) and all(not isinstance(v, dict | list) for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def _dump(document: dict[str, Any]) -> str:
    body = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)
    zh, en = WORKBOOK_TEXT["yaml.header"]
    return f"{zh}\n{en}\n\n{body}"


# --- public API of the reader ---------------------------------------------------------------


def _open(source: str | Path | bytes | Any) -> Any:
    """An openpyxl Workbook from a path, bytes or a Workbook; WorkbookUnreadable if the file
    is no .xlsx workbook."""
    if hasattr(source, "worksheets"):
        return source
    import openpyxl

    name = "<workbook>" if isinstance(source, bytes) else str(source)
    try:
        stream = io.BytesIO(source) if isinstance(source, bytes) \
            else io.BytesIO(Path(source).read_bytes())
    except OSError as exc:
        from ..messages import os_reason

        raise WorkbookUnreadable(msg("wb.unreadable", path=name, detail=os_reason(exc))) \
            from None
    try:
        return openpyxl.load_workbook(stream, data_only=False)
    except Exception as exc:  # a damaged or foreign file can fail anywhere in openpyxl
        _log.info("workbook %s not read: %s", name, type(exc).__name__)
        raise WorkbookUnreadable(msg("wb.not_xlsx", path=name)) from None


def read_workbook(source: str | Path | bytes | Any) -> tuple[str, list[WorkbookProblem]]:
    """The catalogue YAML built from a workbook, and every problem of the workbook by sheet,
    row and column (the structural ones and the loader's). Nothing is written; the YAML is
    usable only when the list is empty. Raises :class:`WorkbookUnreadable` for a file that is
    no Excel workbook."""
    book = _open(source)
    reader = _Reader(book)
    document = reader.read()
    text = _dump(document)
    problems = list(reader.problems)
    try:
        if not reader.broken:
            loader.parse_catalogue(text, "<workbook>")
    except CatalogueError as exc:
        lines = reader.line_map(document, text)
        seen = {(p.sheet, p.row, p.column, p.message) for p in problems}
        for problem in exc.problems:
            if problem.message.key == "cat.duplicate_code" and problem.code in reader.duplicates:
                continue  # reported with both rows while the sheets were read
            placed = reader.place_problem(problem, lines)
            spot = (placed.sheet, placed.row, placed.column)
            if spot in reader.suppressed or (*spot, placed.message) in seen:
                continue
            seen.add((*spot, placed.message))
            problems.append(placed)
    problems.sort(key=reader.sort_key)
    return text, problems


def workbook_to_yaml(source: str | Path | bytes | Any) -> str:
    """The catalogue YAML of a workbook; raises :class:`WorkbookError` listing its problems."""
    text, problems = read_workbook(source)
    if problems:
        raise WorkbookError(problems)
    return text


def import_workbook(source: str | Path, out_yaml: str | Path) -> Any:
    """Write the catalogue of a workbook to ``out_yaml`` if it has no problem (atomically;
    nothing is written otherwise) and return the loaded catalogue."""
    text = workbook_to_yaml(source)
    catalogue = loader.parse_catalogue(text, str(out_yaml))
    write_atomically(out_yaml, text.encode("utf-8"))
    return catalogue


def check_workbook(source: str | Path) -> tuple[Any, list[WorkbookProblem]]:
    """(the catalogue, []) for a good workbook, (None, problems) otherwise."""
    text, problems = read_workbook(source)
    if problems:
        return None, problems
    return loader.parse_catalogue(text, str(source)), []


__all__ = [
    "SHEETS", "WorkbookError", "WorkbookProblem", "WorkbookUnreadable", "catalogue_to_workbook",
    "check_workbook", "import_workbook", "read_workbook", "sheet_columns", "workbook_to_yaml",
    "write_workbook",
]
