"""The county's year as an Excel workbook (``county export --year Y -o F.xlsx``): the
comparison of the year (:class:`.equalization.Comparison`) and what has arrived
(:class:`.status.Status`), one sheet per table, for whoever goes on working in Excel or WPS.

Sheets (titles ``中文 English``, as the catalogue workbook names its sheets):

- ``说明 About``: the year, the catalogue (id, version, sha256), when the file was made, the
  counts (townships compared, reports accepted, quarantined, missing), what each sheet holds;
- ``排名 Ranking``: the townships by rank × overall and domain scores, then the county mean
  and median;
- ``热力图 Heat map``: the townships in catalogue order × overall and domain attainment,
  coloured on one scale from the year's lowest (deep) to its highest (pale) figure, as the
  window's heat map is (conditional formatting: the colours follow the figures);
- ``指标差异 Dispersion``: per indicator mean, median, min, max, range, standard deviation,
  coefficient of variation, max/min ratio, units below target (and last year's CV);
- ``城乡差距 Urban–rural``: the Theil index of the overall and each domain score, between and
  within subdistricts (urban) and towns (rural), and each group's part;
- ``短板 Weak indicators``: one row per township and weak indicator (below target and below
  the county mean), largest gap first;
- ``年度变化 Change``: each township's score and rank against last year;
- ``县级数值与部门 County & depts``: the county-level figures (Σ ÷ Σ), the sums they were
  formed from, and each department's realization degree on the indicators it leads;
- ``报告登记 Register``: every unit of the year with its report's state: the file, sha256,
  signers and signing times of each report received, the reason of each file quarantined,
  the units missing.

Every table has two header rows, Chinese above English, frozen with the columns that name the
row; numbers are numbers with number formats (scores ``0.00``, attainments as percentages,
Theil indices to six places), never text. Figures are the comparison's, unrounded: only the
number formats round what is shown. Times are this computer's local time.

The workbook is written in openpyxl's write-only mode (a province is some 400,000 cells) and
saved through the project's atomic writer: the file is whole or not there. Qt-free; openpyxl
is imported only when a workbook is written.
"""

from __future__ import annotations

import contextlib
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from .. import __version__
from ..catalogue.model import Catalogue
from ..files import atomic_path
from ..messages import Bilingual, render
from ..signing.identity import CLERK, HEAD, ROLE_LABELS
from .equalization import OVERALL, Comparison
from .status import Status

# --- the workbook's own text (zh, en); kept here, as the template and catalogue workbook do -
WORKBOOK_TEXT: dict[str, tuple[str, str]] = {
    "title": ("海盐县 {year} 年度基本公共服务均等化评估：县级汇总表",
              "Haiyan County {year}: the county's tables of the assessment of equalized basic "
              "public services"),
    "sheet.about": ("说明", "About"),
    "sheet.ranking": ("排名", "Ranking"),
    "sheet.heatmap": ("热力图", "Heat map"),
    "sheet.dispersion": ("指标差异", "Dispersion"),
    "sheet.theil": ("城乡差距", "Urban–rural"),
    "sheet.weak": ("短板", "Weak indicators"),
    "sheet.change": ("年度变化", "Change"),
    "sheet.county": ("县级数值与部门", "County & depts"),
    "sheet.register": ("报告登记", "Register"),
    "about.sheet.ranking": ("各镇（街道）按综合得分排名，含各领域得分、全县平均与中位数",
                            "The townships by overall score, with each domain's score, the "
                            "county mean and median"),
    "about.sheet.heatmap": ("各镇（街道）× 各领域达成度，颜色由深到浅表示由低到高",
                            "Townships × domains by attainment: deep is low, pale is high"),
    "about.sheet.dispersion": ("每个指标的平均值、中位数、最小值、最大值、极差、标准差、变异系数、"
                               "最大/最小值之比和未达目标的单位数",
                               "Per indicator: mean, median, min, max, range, standard "
                               "deviation, coefficient of variation, max/min ratio, units "
                               "below target"),
    "about.sheet.theil": ("泰尔指数及其分解：街道（城）与镇（乡）之间、各组内部",
                          "The Theil index split between subdistricts (urban) and towns "
                          "(rural) and within each"),
    "about.sheet.weak": ("各单位低于目标且低于全县平均达成度的指标",
                         "Each unit's indicators below target and below the county mean"),
    "about.sheet.change": ("与上一年度相比的得分与排名变化",
                           "Each unit's score and rank against last year"),
    "about.sheet.county": ("由各镇（街道）基础数据汇总的县级数值（Σ 分子 ÷ Σ 分母），以及县级"
                           "部门牵头指标的实现度",
                           "County-level figures from the townships' data items (Σ ÷ Σ), and "
                           "each department's realization degree on the indicators it leads"),
    "about.sheet.register": ("报告接收登记：已接收报告的文件、SHA-256、签名人与签名时间，被隔离"
                             "文件的原因，未收到报告的单位",
                             "The register: each report received (file, SHA-256, signers, "
                             "signing times), each file quarantined with its reason, the units "
                             "missing"),
    "about.note": ("所列数字为各单位签名报告中的数值，未经四舍五入，显示的小数位数由单元格格式"
                   "决定；时间为本机时间（{offset}）。",
                   "The figures are those of the units' signed reports, unrounded: only the "
                   "cells' number formats round what is shown. Times are this computer's "
                   "({offset})."),
    "about.other_catalogue": ("以下单位的报告依据其他版本的考核目录：{units}",
                              "These units' reports follow another catalogue version: {units}"),
    "about.unknown_units": ("以下单位不在考核目录中：{units}",
                            "These units are not in the catalogue: {units}"),
    "col.item": ("项目", "Item"),
    "col.value": ("内容", "Value"),
    "col.sheet": ("工作表", "Sheet"),
    "col.holds": ("内容", "What it holds"),
    "about.year": ("考核年度", "Assessment year"),
    "about.catalogue_id": ("考核目录", "Catalogue"),
    "about.catalogue_version": ("目录版本", "Catalogue version"),
    "about.catalogue_sha256": ("目录 SHA-256", "Catalogue SHA-256"),
    "about.generated": ("生成时间", "Generated"),
    "about.program": ("生成程序", "Made by"),
    "about.compared": ("参与比较的镇（街道）", "Townships compared"),
    "about.expected": ("应报单位", "Units expected"),
    "about.accepted": ("已接收报告", "Reports accepted"),
    "about.quarantined": ("仅有被隔离文件的单位", "Units with only refused files"),
    "about.missing": ("未收到报告的单位", "Units without a report"),
    "about.refused_files": ("被隔离的文件", "Files quarantined"),
    "about.departments": ("报送报告的县级部门", "County departments that reported"),
    "about.previous": ("比较的上一年度", "Compared with the year"),
    "col.rank": ("排名", "Rank"),
    "col.code": ("代码", "Code"),
    "col.unit": ("单位", "Unit"),
    "col.unit_en": ("单位（英文）", "Unit (English)"),
    "col.kind": ("类型", "Kind"),
    "col.overall": ("综合得分", "Overall"),
    "col.overall_attainment": ("综合达成度", "Overall"),
    "row.mean": ("全县平均", "County mean"),
    "row.median": ("中位数", "Median"),
    "col.indicator": ("指标", "Indicator"),
    "col.indicator_code": ("指标代码", "Indicator code"),
    "col.indicator_en": ("指标（英文）", "Indicator (English)"),
    "col.domain": ("服务领域", "Domain"),
    "col.measure_unit": ("计量单位", "Unit of measure"),
    "col.basis": ("比较依据", "Basis"),
    "basis.value": ("数值", "figures"),
    "basis.attainment": ("达成度", "attainment"),
    "col.target": ("目标值", "Target"),
    "col.direction": ("方向", "Direction"),
    "col.n": ("计分单位数", "Units scored"),
    "col.mean": ("平均值", "Mean"),
    "col.median": ("中位数", "Median"),
    "col.min": ("最小值", "Min"),
    "col.max": ("最大值", "Max"),
    "col.range": ("极差", "Range"),
    "col.sd": ("标准差", "SD"),
    "col.cv": ("变异系数", "CV"),
    "col.ratio": ("最大/最小", "Max/min"),
    "col.below": ("未达目标单位数", "Below target"),
    "col.missing": ("缺报", "Missing"),
    "col.na": ("不适用", "Not applicable"),
    "col.attainment_mean": ("平均达成度", "Mean attainment"),
    "col.previous_cv": ("上年变异系数", "CV last year"),
    "col.cv_change": ("变异系数变化", "CV change"),
    "col.measure": ("比较对象", "Measure"),
    "col.measure_en": ("比较对象（英文）", "Measure (English)"),
    "measure.overall": ("综合得分", "Overall score"),
    "col.theil": ("泰尔指数", "Theil index"),
    "col.between": ("组间", "Between"),
    "col.within": ("组内", "Within"),
    "col.between_share": ("组间占比", "Between share"),
    "col.group_n": ("{group}单位数", "{group}: units"),
    "col.group_mean": ("{group}平均", "{group}: mean"),
    "col.group_theil": ("{group}组内泰尔指数", "{group}: Theil index"),
    "col.group_share": ("{group}权重", "{group}: weight"),
    "col.previous_theil": ("上年泰尔指数", "Theil last year"),
    "col.theil_change": ("泰尔指数变化", "Theil change"),
    "col.actual": ("实际值", "Actual"),
    "col.attainment": ("达成度", "Attainment"),
    "col.county_mean": ("全县平均达成度", "County mean"),
    "col.gap": ("差距", "Gap"),
    "col.score": ("本年得分", "Score"),
    "col.previous": ("上年得分", "Last year"),
    "col.change": ("变化", "Change"),
    "col.previous_rank": ("上年排名", "Rank last year"),
    "col.source": ("上年数据来源", "Last year from"),
    "source.reports": ("上年报告", "last year's reports"),
    "source.report": ("本报告所载", "this report's record"),
    "change.none": ("没有上一年度的数据，无法比较", "Nothing is known of last year"),
    "col.formula": ("计算公式", "Formula"),
    "col.units_counted": ("计入单位数", "Units counted"),
    "col.county_value": ("县级数值", "County figure"),
    "col.mean_of_units": ("各单位简单平均", "Mean of the units"),
    "col.not_formed": ("未汇总原因", "Not formed because"),
    "not_formed.not_summable": ("公式所用数据项不能相加", "its data items cannot be summed"),
    "not_formed.no_data": ("没有单位报齐所需数据项", "no township reported all its data items"),
    "not_formed.zero_denominator": ("分母合计为零", "the sums divide by zero"),
    "block.sums": ("县级数值所用数据项的合计", "The sums the county figures were formed from"),
    "col.figure": ("县级指标", "County figure"),
    "col.item_code": ("数据项", "Data item"),
    "col.item_name": ("数据项名称", "Data item name"),
    "col.sum": ("合计", "Sum"),
    "block.departments": ("县级部门牵头指标的实现度",
                          "County departments: the indicators they lead"),
    "col.department": ("部门", "Department"),
    "col.department_en": ("部门（英文）", "Department (English)"),
    "col.reported": ("已报送", "Reported"),
    "col.department_score": ("部门实现度", "Department's degree"),
    "col.status": ("状态", "Status"),
    "col.state": ("状态", "State"),
    "col.file": ("文件", "File"),
    "col.sha256": ("文件 SHA-256", "File SHA-256"),
    "col.signer": ("{role}", "{role}"),
    "col.signed_at": ("{role}签名时间", "{role}: signed at"),
    "col.other_signers": ("其他签名", "Other signatures"),
    "col.generated_at": ("报告生成时间", "Report made"),
    "col.imported_at": ("接收时间", "Received"),
    "col.fingerprint": ("数据指纹", "Data fingerprint"),
    "col.reason": ("原因代码", "Reason code"),
    "col.reason_zh": ("原因", "Reason (Chinese)"),
    "col.reason_en": ("原因（英文）", "Reason"),
    "col.expected": ("考核目录所列", "In the catalogue"),
    "state.superseded": ("已被替代", "superseded"),
    "state.refused": ("文件被隔离", "file quarantined"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "kind.town": ("镇", "town"),
    "kind.subdistrict": ("街道", "subdistrict"),
    "kind.department": ("部门", "department"),
    "status.scored": ("计分", "scored"),
    "status.missing": ("缺报", "missing"),
    "status.not_applicable": ("不适用", "not applicable"),
    "status.unscored": ("不计分", "not scored"),
    "none": ("（无）", "(none)"),
}


def _t(key: str, lang: str = "zh", **params: object) -> str:
    zh, en = WORKBOOK_TEXT[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


def _both(key: str, **params: object) -> Bilingual:
    return Bilingual(_t(key, "zh", **params), _t(key, "en", **params))


def sheet_title(key: str) -> str:
    """A sheet's title: ``排名 Ranking`` (at most 31 characters, as Excel allows)."""
    zh, en = WORKBOOK_TEXT[f"sheet.{key}"]
    return f"{zh} {en}"[:31]


SHEETS = ("about", "ranking", "heatmap", "dispersion", "theil", "weak", "change", "county",
          "register")

# number formats
SCORE, PERCENT, FIGURE, INTEGER, THEIL, CV, RATIO, TIME = (
    "0.00", "0.00%", "#,##0.00", "0", "0.000000", "0.0000", "0.00", "yyyy-mm-dd hh:mm:ss")
# the heat map's scale, as the window's: deep where a unit attains the least, pale the most
HEAT_LOW, HEAT_HIGH = "8C2D04", "FFF4E0"
HEAT_WHITE_BELOW = 0.3  # the lowest part of the scale carries white text
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in xlsx XML
_MAX_WIDTH, _MIN_WIDTH = 60.0, 6.0


class Column(NamedTuple):
    """A column: its header in both languages, its number format, its width (None: from its
    content)."""

    header: Bilingual
    number_format: str | None = None
    width: float | None = None


def _column(key: str, number_format: str | None = None, width: float | None = None,
            **params: object) -> Column:
    return Column(_both(key, **params), number_format, width)


@dataclass
class Table:
    """Rows under two header rows (Chinese, English), the first ``frozen`` columns frozen
    with them; ``heat``: the columns coloured by attainment."""

    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    frozen: int = 0
    filtered: int | None = None  # the rows under the header's filter (None: all)
    heat: tuple[int, int] | None = None  # first and last column (0-based) of the heat map
    bold_rows: set[int] = field(default_factory=set)  # rows (0-based) in bold

    def add(self, *values: Any) -> None:
        self.rows.append(list(values))


@dataclass
class Block:
    """A titled table below another on the same sheet."""

    title: Bilingual
    table: Table


@dataclass(frozen=True)
class WorkbookInfo:
    path: Path
    year: int | None
    sheets: tuple[str, ...]
    units: int  # townships compared
    rows: dict[str, int]  # rows of data per sheet key
    generated_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "year": self.year, "sheets": list(self.sheets),
                "units": self.units, "rows": dict(self.rows),
                "generated_at": self.generated_at.isoformat()}


# --- the values of the cells ------------------------------------------------------------------
def _local(when: datetime | None) -> datetime | None:
    """A time as this computer's local time without its offset (Excel keeps no zone)."""
    if when is None:
        return None
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.replace(tzinfo=None, microsecond=0)


def _plain(value: Any) -> Any:
    """A value a report carries as a cell: numbers as numbers, yes/no as 是/否, text as
    text; nothing a cell cannot hold (an infinite number, a list) as anything but text."""
    if value is None or isinstance(value, str | datetime | date):
        return value
    if isinstance(value, bool):
        return _t("yes") if value else _t("no")
    if isinstance(value, int | float):
        return value if math.isfinite(value) else None
    return str(value)


def _kind(kind: str) -> str:
    key = f"kind.{kind}"
    return " ".join(WORKBOOK_TEXT[key]) if key in WORKBOOK_TEXT else kind


def _measure_unit(unit: Bilingual | None) -> str | None:
    """``人 persons``, ``%``: a unit of measure in both languages (once when they agree)."""
    if unit is None or not (unit.zh or unit.en):
        return None
    return unit.zh if unit.zh == unit.en or not unit.en else f"{unit.zh} {unit.en}".strip()


def _pair(key: str) -> str:
    """``已接收 accepted``: both languages in one cell (for a state or a label)."""
    return " ".join(WORKBOOK_TEXT[key])


# --- the tables -------------------------------------------------------------------------------
def _domain_columns(comparison: Comparison, number_format: str, suffix: str = ""
                    ) -> list[Column]:
    return [Column(Bilingual(f"{d.name.zh}{suffix}", f"{d.code} {d.name.en}"), number_format)
            for d in comparison.domains]


def about_table(comparison: Comparison, status: Status | None, generated_at: datetime
                ) -> tuple[list[tuple[Bilingual, Any, str | None]], list[tuple[str, str]]]:
    """The About sheet's facts (label, value, number format) and notes."""
    cat = comparison.catalogue
    facts: list[tuple[Bilingual, Any, str | None]] = [
        (_both("about.year"), comparison.year, INTEGER),
        (_both("about.catalogue_id"), cat.get("id"), None),
        (_both("about.catalogue_version"), cat.get("version"), None),
        (_both("about.catalogue_sha256"), cat.get("sha256"), None),
        (_both("about.generated"), _local(generated_at), TIME),
        (_both("about.program"), f"Haiyan Desktop {__version__}", None),
        (_both("about.compared"), len(comparison.units), INTEGER),
    ]
    if status is not None:
        facts += [
            (_both("about.expected"), sum(1 for u in status.units if u.expected), INTEGER),
            (_both("about.accepted"), status.count("accepted"), INTEGER),
            (_both("about.quarantined"), status.count("quarantined"), INTEGER),
            (_both("about.missing"), status.count("missing"), INTEGER),
            (_both("about.refused_files"),
             sum(len(u.quarantined) for u in status.units) + len(status.unassigned),
             INTEGER),
        ]
    facts.append((_both("about.departments"),
                  sum(1 for d in comparison.departments if d.reported), INTEGER))
    if comparison.changes is not None:
        facts.append((_both("about.previous"), comparison.changes.previous_year, INTEGER))
    offset = generated_at.astimezone().strftime("UTC%z")
    offset = f"{offset[:-2]}:{offset[-2:]}"
    notes = [WORKBOOK_TEXT["about.note"]]
    notes = [(zh.format(offset=offset), en.format(offset=offset)) for zh, en in notes]
    if comparison.other_catalogue:
        units = ", ".join(comparison.other_catalogue)
        notes.append((_t("about.other_catalogue", units=units),
                      _t("about.other_catalogue", "en", units=units)))
    if comparison.unknown_units:
        units = ", ".join(comparison.unknown_units)
        notes.append((_t("about.unknown_units", units=units),
                      _t("about.unknown_units", "en", units=units)))
    return facts, notes


def ranking_table(comparison: Comparison) -> Table:
    table = Table([_column("col.rank", INTEGER, 6), _column("col.code", width=10),
                   _column("col.unit"), _column("col.unit_en"), _column("col.kind", width=14),
                   _column("col.overall", SCORE, 10),
                   *_domain_columns(comparison, SCORE)], frozen=4)
    codes = [d.code for d in comparison.domains]
    for u in comparison.units:
        table.add(u.rank, u.code, u.name.zh, u.name.en, _kind(u.kind), u.overall,
                  *(u.domains.get(c) for c in codes))
    table.filtered = len(table.rows)
    if comparison.units:
        table.add()
        for key, attr in (("row.mean", "mean"), ("row.median", "median")):
            table.bold_rows.add(len(table.rows))
            table.add(None, None, _t(key), _t(key, "en"), None,
                      getattr(comparison.overall, attr),
                      *(getattr(comparison.domain_stats[c], attr) for c in codes))
    return table


def heatmap_table(comparison: Comparison) -> Table:
    heat = comparison.heatmap
    by_code = {u.code: u for u in comparison.units}
    names = {d.code: d for d in comparison.domains}
    table = Table([_column("col.code", width=10), _column("col.unit"), _column("col.unit_en"),
                   _column("col.kind", width=14), _column("col.overall_attainment", PERCENT, 10),
                   *(Column(Bilingual(names[c].name.zh, f"{c} {names[c].name.en}"), PERCENT)
                     for c in heat.domains if c in names)], frozen=3)
    for code, values in zip(heat.units, heat.values, strict=True):
        unit = by_code.get(code)
        table.add(code, unit.name.zh if unit else code, unit.name.en if unit else code,
                  _kind(unit.kind) if unit else None,
                  unit.overall / 100 if unit is not None else None,
                  *(v for c, v in zip(heat.domains, values, strict=True) if c in names))
    if table.rows:
        table.heat = (4, len(table.columns) - 1)
    return table


def dispersion_table(comparison: Comparison) -> Table:
    previous = {}
    if comparison.changes is not None:
        previous = {c.code: c for c in comparison.changes.indicators}
    table = Table([_column("col.code", width=10), _column("col.indicator"),
                   _column("col.indicator_en"), _column("col.domain", width=10),
                   _column("col.measure_unit", width=10), _column("col.basis", width=12),
                   _column("col.target", FIGURE, 10), _column("col.n", INTEGER, 9),
                   _column("col.mean", FIGURE), _column("col.median", FIGURE),
                   _column("col.min", FIGURE), _column("col.max", FIGURE),
                   _column("col.range", FIGURE), _column("col.sd", FIGURE),
                   _column("col.cv", CV, 9), _column("col.ratio", RATIO, 9),
                   _column("col.below", INTEGER, 10), _column("col.missing", INTEGER, 8),
                   _column("col.na", INTEGER, 9), _column("col.attainment_mean", PERCENT, 10),
                   _column("col.previous_cv", CV, 10), _column("col.cv_change", CV, 10)],
                  frozen=2)
    for i in comparison.indicators:
        s = i.stats
        before = previous.get(i.code)
        figures = FIGURE if i.basis == "value" else PERCENT
        table.add(i.code, i.name.zh, i.name.en, i.domain, _measure_unit(i.unit),
                  _pair(f"basis.{i.basis}"), _plain(i.target), s.n,
                  *(_Formatted(v, figures) for v in (s.mean, s.median, s.min, s.max, s.range,
                                                    s.sd)),
                  s.cv, s.max_min_ratio, i.below_target, i.missing, i.not_applicable,
                  i.attainment_mean, before.previous_cv if before else None,
                  before.change if before else None)
    return table


def theil_table(comparison: Comparison) -> Table:
    groups = ("subdistrict", "town")
    labels = {g: Bilingual(*WORKBOOK_TEXT[f"kind.{g}"]) for g in groups}
    trend = {}
    if comparison.changes is not None:
        trend = {m: before for m, _now, before in comparison.changes.theil}
    columns = [_column("col.measure"), _column("col.measure_en"), _column("col.n", INTEGER, 9),
               _column("col.mean", SCORE), _column("col.theil", THEIL, 12),
               _column("col.between", THEIL, 12), _column("col.within", THEIL, 12),
               _column("col.between_share", PERCENT, 10)]
    for g in groups:
        label = labels[g]
        columns += [Column(Bilingual(_t("col.group_n", group=label.zh),
                                     _t("col.group_n", "en", group=label.en.capitalize())),
                           INTEGER, 10),
                    Column(Bilingual(_t("col.group_mean", group=label.zh),
                                     _t("col.group_mean", "en", group=label.en.capitalize())),
                           SCORE, 10),
                    Column(Bilingual(_t("col.group_theil", group=label.zh),
                                     _t("col.group_theil", "en", group=label.en.capitalize())),
                           THEIL, 14),
                    Column(Bilingual(_t("col.group_share", group=label.zh),
                                     _t("col.group_share", "en", group=label.en.capitalize())),
                           CV, 10)]
    columns += [_column("col.previous_theil", THEIL, 12), _column("col.theil_change", THEIL, 12)]
    table = Table(columns, frozen=2)
    domains = {d.code: d for d in comparison.domains}
    for t in comparison.theil:
        if t.measure == OVERALL:
            name = _both("measure.overall")
        else:
            d = domains.get(t.measure)
            name = Bilingual(d.name.zh, f"{d.code} {d.name.en}") if d else Bilingual(
                t.measure, t.measure)
        share = t.between / t.total if t.total and t.between is not None else None
        parts = {g.group: g for g in t.groups}
        row = [name.zh, name.en, t.n, t.mean, t.total, t.between, t.within, share]
        for g in groups:
            part = parts.get(g)
            row += [part.n, part.mean, part.theil, part.share] if part else [None] * 4
        before = trend.get(t.measure)
        row += [before, None if before is None or t.total is None else t.total - before]
        table.add(*row)
    return table


def weak_table(comparison: Comparison) -> Table:
    ranks = {u.code: u for u in comparison.units}
    table = Table([_column("col.rank", INTEGER, 6), _column("col.code", width=10),
                   _column("col.unit"), _column("col.unit_en"),
                   _column("col.indicator_code", width=10), _column("col.indicator"),
                   _column("col.indicator_en"), _column("col.actual", FIGURE, 10),
                   _column("col.target", FIGURE, 10), _column("col.attainment", PERCENT, 10),
                   _column("col.county_mean", PERCENT, 12), _column("col.gap", PERCENT, 9)],
                  frozen=4)
    for unit in comparison.weak:
        ranked = ranks.get(unit.code)
        rank = ranked.rank if ranked else None
        for w in unit.indicators:
            table.add(rank, unit.code, unit.name.zh, unit.name.en, w.code, w.name.zh,
                      w.name.en, _plain(w.actual), _plain(w.target), w.attainment,
                      w.county_mean, w.gap)
    return table


def change_table(comparison: Comparison) -> Table:
    table = Table([_column("col.code", width=10), _column("col.unit"), _column("col.unit_en"),
                   _column("col.score", SCORE, 10), _column("col.previous", SCORE, 10),
                   _column("col.change", SCORE, 9), _column("col.rank", INTEGER, 6),
                   _column("col.previous_rank", INTEGER, 10), _column("col.source", width=16)],
                  frozen=3)
    if comparison.changes is None:
        table.add(None, _t("change.none"), _t("change.none", "en"))
        return table
    for u in comparison.changes.units:
        table.add(u.code, u.name.zh, u.name.en, u.overall, u.previous, u.change, u.rank,
                  u.previous_rank, _pair(f"source.{u.source}") if u.source else None)
    return table


def county_tables(comparison: Comparison, catalogue: Catalogue | None
                  ) -> tuple[Table, list[Block]]:
    figures = Table([_column("col.code", width=10), _column("col.indicator"),
                     _column("col.indicator_en"), _column("col.measure_unit", width=10),
                     _column("col.formula", width=26), _column("col.units_counted", INTEGER, 10),
                     _column("col.county_value", FIGURE, 12), _column("col.target", FIGURE, 10),
                     _column("col.attainment", PERCENT, 10),
                     _column("col.mean_of_units", FIGURE, 12),
                     _column("col.not_formed", width=24)], frozen=2)
    for f in comparison.county_figures:
        figures.add(f.code, f.name.zh, f.name.en, _measure_unit(f.unit), f.formula,
                    f.units, f.value, _plain(f.target), f.attainment, f.mean_of_units)
    for n in comparison.not_formed:
        figures.add(n.code, n.name.zh, n.name.en, None, None, None, None, None, None, None,
                    _pair(f"not_formed.{n.reason}"))
    sums = Table([_column("col.figure", width=10), _column("col.item_code", width=10),
                  _column("col.item_name"), _column("col.sum", FIGURE, 14)])
    for f in comparison.county_figures:
        for code, total in f.sums.items():
            item = catalogue.index.get(code) if catalogue is not None else None
            sums.add(f.code, code, item.name.zh if item else None, total)
    departments = Table([_column("col.code", width=10), _column("col.department"),
                         _column("col.department_en"), _column("col.reported", width=8),
                         _column("col.department_score", SCORE, 10),
                         _column("col.indicator_code", width=10), _column("col.indicator"),
                         _column("col.indicator_en"), _column("col.status", width=12),
                         _column("col.actual", FIGURE, 10),
                         _column("col.attainment", PERCENT, 10)])
    for d in comparison.departments:
        head = [d.code, d.name.zh, d.name.en, _pair("yes" if d.reported else "no"), d.overall]
        if not d.indicators:
            departments.add(*head)
        for i in d.indicators:
            departments.add(*head, i.code, i.name.zh, i.name.en,
                            _pair(f"status.{i.status}") if f"status.{i.status}"
                            in WORKBOOK_TEXT else i.status, _plain(i.actual), i.attainment)
    return figures, [Block(_both("block.sums"), sums),
                     Block(_both("block.departments"), departments)]


def register_table(status: Status) -> Table:
    roles = (CLERK, HEAD)
    columns = [_column("col.code", width=10), _column("col.unit"), _column("col.unit_en"),
               _column("col.kind", width=14), _column("col.state", width=18),
               _column("col.file", width=24), _column("col.sha256", width=66)]
    for role in roles:
        label = ROLE_LABELS[role]
        columns += [Column(Bilingual(label.zh, label.en)),
                    Column(Bilingual(_t("col.signed_at", role=label.zh),
                                     _t("col.signed_at", "en", role=label.en)), TIME, 20)]
    columns += [_column("col.other_signers", width=24),
                _column("col.generated_at", TIME, 20), _column("col.imported_at", TIME, 20),
                _column("col.fingerprint", width=66), _column("col.reason", width=22),
                _column("col.reason_zh", width=40), _column("col.reason_en", width=40),
                _column("col.expected", width=12)]
    table = Table(columns, frozen=3)

    def unit_part(u) -> list[Any]:
        return [u.code, u.name.zh, u.name.en, _kind(u.kind) if u.kind else None]

    def report_row(u, report, state: str) -> None:
        by_role: dict[str, Any] = {}
        others = []
        for s in report.signers:
            if s.role in roles and s.role not in by_role:
                by_role[s.role] = s
            else:
                when = _local(s.signed_at)
                others.append(f"{s.name}（{s.role or s.field}）"
                              + (f" {when:%Y-%m-%d %H:%M:%S}" if when else ""))
        signers = []
        for role in roles:
            s = by_role.get(role)
            signers += [s.name, _local(s.signed_at)] if s else [None, None]
        table.add(*unit_part(u), state, report.file_name, report.sha256, *signers,
                  "\n".join(others) or None, _local(report.generated_at),
                  _local(report.imported_at), report.fingerprint, None, None, None,
                  _pair("yes" if u.expected else "no"))

    for u in status.units:
        state = " ".join((render(f"county.state.{u.state}", "zh"),
                          render(f"county.state.{u.state}", "en")))
        if u.report is not None:
            report_row(u, u.report, state)
        for old in u.superseded:
            report_row(u, old, _pair("state.superseded"))
        for q in u.quarantined:
            table.add(*unit_part(u), _pair("state.refused") if u.report is not None else state,
                      q.file_name, q.sha256, *([None] * (2 * len(roles))), None, None,
                      _local(q.at), None, q.reason, q.message.zh, q.message.en,
                      _pair("yes" if u.expected else "no"))
        if u.report is None and not u.quarantined:
            table.add(*unit_part(u), state, *([None] * (len(columns) - 6)),
                      _pair("yes" if u.expected else "no"))
    for q in status.unassigned:  # refused before naming a unit of the year
        table.add(q.unit_code, None, None, None, _pair("state.refused"), q.file_name,
                  q.sha256, *([None] * (2 * len(roles))), None, None, _local(q.at), None,
                  q.reason, q.message.zh, q.message.en, None)
    return table


class _Formatted(NamedTuple):
    """A value with its own number format (a column of mixed figures and attainments)."""

    value: Any
    number_format: str


# --- writing ----------------------------------------------------------------------------------
def _display_width(text: str) -> float:
    """About how many column-width units ``text`` takes (a Chinese character ≈ two digits)."""
    if text.isascii():
        return len(text) * 1.0
    return sum(1.9 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)


def _shown(value: Any, number_format: str | None) -> str:
    """About what a cell shows (for its column's width)."""
    if type(value) is _Formatted:
        value, number_format = value
    if isinstance(value, bool) or not isinstance(value, int | float | datetime):
        return str(value)
    if isinstance(value, datetime):
        return "2020-01-01 00:00:00"
    if number_format == PERCENT:
        return f"{value * 100:.2f}%"
    if number_format in (FIGURE, SCORE, RATIO, CV, THEIL):
        places = len(number_format.split(".")[1]) if "." in number_format else 0
        return f"{value:,.{places}f}"
    return str(value)


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell of this column width needs (words kept whole, roughly)."""
    usable = max(width - 1.5, 1.0)
    lines, used = 1, 0.0
    for word in text.split(" ") if text.isascii() else [text]:
        size = _display_width(word)
        if used and used + 1 + size > usable:
            lines, used = lines + 1, 0.0
        used += size + (1 if used else 0)
        while used > usable:  # a word (or Chinese text) wider than the column
            lines, used = lines + 1, used - usable
    return lines


class _Styles:
    """The few styles of the workbook, built once."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="A6A6A6")
        font = "Calibri"  # the workbook default; Excel and WPS fall back to 等线/宋体 for Chinese
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.title = Font(name=font, bold=True, size=14)
        self.bold = Font(name=font, bold=True)
        self.english = Font(name=font, italic=True, color="404040")
        self.note = Font(name=font, color="404040")
        self.header_fill = PatternFill("solid", fgColor="BDD7EE")
        self.header = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.wrap = Alignment(vertical="top", wrap_text=True)
        self.left = Alignment(horizontal="left")
        self.white = Font(name=font, color="FFFFFF")


class _Writer:
    def __init__(self, book: Any) -> None:
        from openpyxl.cell import WriteOnlyCell

        self.book = book
        self.styles = _Styles()
        self.make = WriteOnlyCell

    def cell(self, sheet: Any, value: Any, number_format: str | None = None,
             font: Any = None, fill: Any = None, alignment: Any = None,
             border: Any = None) -> Any:
        """``value`` as a cell of ``sheet``: as it is where it needs no style of its own
        (openpyxl then writes it through one cell of its own: a province's workbook is
        hundreds of thousands of cells), else a cell with its number format and style."""
        if type(value) is _Formatted:
            value, number_format = value
        kind = type(value)
        text = False
        if kind is float:
            if not math.isfinite(value):
                return None
        elif kind is str:
            value = _ILLEGAL.sub("", value)
            number_format = None
            text = value.startswith("=")  # text, never a formula
        elif kind is datetime:
            value = _local(value)
        elif kind is int:
            if number_format == INTEGER:  # as General shows it
                number_format = None
        else:  # None, 是/否 made text already, anything else as it is
            number_format = None
        if number_format is None and font is None and fill is None and alignment is None \
                and border is None and not text:
            return value
        cell = self.make(sheet, value)
        if text:
            cell.data_type = "s"
        if number_format is not None:
            cell.number_format = number_format
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if alignment is not None:
            cell.alignment = alignment
        if border is not None:
            cell.border = border
        return cell

    def header_rows(self, sheet: Any, columns: Sequence[Column], row: int,
                    widths: Sequence[float]) -> None:
        """The two header rows (Chinese, English) at ``row``, each as high as its longest
        wrapped header needs (Excel does not grow rows with wrapped text when it opens a
        file)."""
        s = self.styles
        for number, texts in ((row, [c.header.zh for c in columns]),
                              (row + 1, [c.header.en for c in columns])):
            lines = max(_lines(text, width) for text, width in zip(texts, widths,
                                                                   strict=False))
            sheet.row_dimensions[number].height = 15 * lines + 3
        sheet.append([self.cell(sheet, c.header.zh, font=s.bold, fill=s.header_fill,
                                alignment=s.header, border=s.border) for c in columns])
        sheet.append([self.cell(sheet, c.header.en, font=s.english, fill=s.header_fill,
                                alignment=s.header, border=s.border) for c in columns])

    def widths(self, sheet: Any, tables: Sequence[Table]) -> list[float]:
        """Each column as wide as its widest header word or value (within bounds), and at
        least as wide as its table says."""
        from openpyxl.utils import get_column_letter

        count = max(len(t.columns) for t in tables)
        widths = []
        for index in range(count):
            wanted = _MIN_WIDTH
            for table in tables:
                if index >= len(table.columns):
                    continue
                column = table.columns[index]
                if column.width is not None:  # at least as wide as its table says
                    wanted = max(wanted, column.width)
                texts = [column.header.zh, *column.header.en.split()]
                texts += [_shown(r[index], column.number_format) for r in table.rows[:2000]
                          if index < len(r) and r[index] is not None]
                wanted = max(wanted, *(min(_display_width(line) + 2, _MAX_WIDTH)
                                       for text in texts for line in text.split("\n")))
            sheet.column_dimensions[get_column_letter(index + 1)].width = wanted
            widths.append(wanted)
        return widths

    def table(self, key: str, table: Table, blocks: Sequence[Block] = ()) -> Any:
        from openpyxl.utils import get_column_letter

        s = self.styles
        sheet = self.book.create_sheet(sheet_title(key))
        widths = self.widths(sheet, [table, *(b.table for b in blocks)])
        sheet.freeze_panes = f"{get_column_letter(table.frozen + 1)}3"
        sheet.print_title_rows = "1:2"
        _printed(sheet)
        self.header_rows(sheet, table.columns, 1, widths)
        formats = [c.number_format for c in table.columns]
        for number, row in enumerate(table.rows):
            font = s.bold if number in table.bold_rows else None
            sheet.append([self.cell(sheet, v, formats[i] if i < len(formats) else None, font)
                          for i, v in enumerate(row)])
        last_row = 2 + len(table.rows)
        filtered = len(table.rows) if table.filtered is None else table.filtered
        if filtered > 1:
            sheet.auto_filter.ref = f"A2:{get_column_letter(len(table.columns))}{2 + filtered}"
        if table.heat is not None:
            self.heat(sheet, table, last_row)
        row_number = last_row
        for block in blocks:
            sheet.append([])
            sheet.append([self.cell(sheet, f"{block.title.zh}  {block.title.en}",
                                    font=s.bold)])
            self.header_rows(sheet, block.table.columns, row_number + 3, widths)
            row_number += 4 + len(block.table.rows)
            formats = [c.number_format for c in block.table.columns]
            for row in block.table.rows:
                sheet.append([self.cell(sheet, v, formats[i] if i < len(formats) else None)
                              for i, v in enumerate(row)])
        return sheet

    def heat(self, sheet: Any, table: Table, last_row: int) -> None:
        """One colour scale over the whole map, from the lowest figure (deep) to the highest
        (pale), and white text on the deepest part of it."""
        from openpyxl.formatting.rule import CellIsRule, ColorScaleRule
        from openpyxl.utils import get_column_letter

        first, last = table.heat  # type: ignore[misc]
        values = [v for r in table.rows for v in r[first:last + 1]
                  if isinstance(v, int | float) and not isinstance(v, bool)]
        if not values:
            return
        span = (f"{get_column_letter(first + 1)}3:{get_column_letter(last + 1)}{last_row}")
        sheet.conditional_formatting.add(span, ColorScaleRule(
            start_type="min", start_color=HEAT_LOW, end_type="max", end_color=HEAT_HIGH))
        low, high = min(values), max(values)
        if high > low:
            threshold = low + HEAT_WHITE_BELOW * (high - low)
            sheet.conditional_formatting.add(span, CellIsRule(
                operator="lessThan", formula=[repr(threshold)], font=self.styles.white))

    def about(self, comparison: Comparison, status: Status | None,
              generated_at: datetime) -> Any:
        s = self.styles
        sheet = self.book.create_sheet(sheet_title("about"))
        for letter, width in (("A", 26), ("B", 30), ("C", 100)):
            sheet.column_dimensions[letter].width = width
        _printed(sheet, landscape=False)
        year = comparison.year
        sheet.append([self.cell(sheet, _t("title", year=year), font=s.title)])
        sheet.append([self.cell(sheet, _t("title", "en", year=year), font=s.note)])
        sheet.append([])
        sheet.append([self.cell(sheet, text, font=s.bold, fill=s.header_fill, border=s.border)
                      for text in (_t("col.item"), _t("col.item", "en"),
                                   f"{_t('col.value')} {_t('col.value', 'en')}")])
        facts, notes = about_table(comparison, status, generated_at)
        for label, value, number_format in facts:
            sheet.append([self.cell(sheet, label.zh, font=s.bold), self.cell(sheet, label.en),
                          self.cell(sheet, value, number_format, alignment=s.left)])
        sheet.append([])
        sheet.append([self.cell(sheet, text, font=s.bold, fill=s.header_fill, border=s.border)
                      for text in (_t("col.sheet"), _t("col.sheet", "en"),
                                   f"{_t('col.holds')} {_t('col.holds', 'en')}")])
        for key in SHEETS[1:]:
            zh, en = WORKBOOK_TEXT[f"about.sheet.{key}"]
            sheet.append([self.cell(sheet, sheet_title(key), font=s.bold), None,
                          self.cell(sheet, zh)])
            sheet.append([None, None, self.cell(sheet, en, font=s.english)])
        sheet.append([])
        for zh, en in notes:
            sheet.append([self.cell(sheet, zh, font=s.note)])
            sheet.append([self.cell(sheet, en, font=s.note)])
        return sheet


def _printed(sheet: Any, landscape: bool = True) -> None:
    """Printed as wide as a page (as many pages down as it takes)."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def build_workbook(comparison: Comparison, status: Status | None,
                   catalogue: Catalogue | None = None,
                   generated_at: datetime | None = None) -> tuple[Any, dict[str, int]]:
    """The workbook (openpyxl, write-only: save it once) and its rows of data per sheet."""
    from openpyxl import Workbook

    generated_at = generated_at or datetime.now().astimezone()
    book = Workbook(write_only=True)
    writer = _Writer(book)
    writer.about(comparison, status, generated_at)
    figures, blocks = county_tables(comparison, catalogue)
    tables: list[tuple[str, Table, list[Block]]] = [
        ("ranking", ranking_table(comparison), []),
        ("heatmap", heatmap_table(comparison), []),
        ("dispersion", dispersion_table(comparison), []),
        ("theil", theil_table(comparison), []),
        ("weak", weak_table(comparison), []),
        ("change", change_table(comparison), []),
        ("county", figures, blocks)]
    if status is not None:
        tables.append(("register", register_table(status), []))
    rows = {}
    for key, table, more in tables:
        writer.table(key, table, more)
        rows[key] = len(table.rows) + sum(len(b.table.rows) for b in more)
    book.properties.title = _t("title", year=comparison.year)
    book.properties.creator = f"Haiyan Desktop {__version__}"
    return book, rows


def write_workbook(comparison: Comparison, status: Status | None, out: str | Path,
                   catalogue: Catalogue | None = None, generated_at: datetime | None = None
                   ) -> WorkbookInfo:
    """Write the year's workbook to ``out``, whole or not at all: an OSError when it cannot
    be written, and the target is then untouched. The place is tried first (the atomic
    writer's temporary file), so a folder nobody may write into costs no workbook."""
    out = Path(out)
    generated_at = generated_at or datetime.now().astimezone()
    with atomic_path(out) as temporary:
        book, rows = build_workbook(comparison, status, catalogue, generated_at)
        try:
            book.save(str(temporary))
        except BaseException:
            for sheet in book.worksheets:  # end the sheets' streams, so none is left open
                if not sheet.closed:
                    with contextlib.suppress(Exception):
                        sheet.close()
            raise
    return WorkbookInfo(out, comparison.year, tuple(sheet_title(k) for k in SHEETS
                                                    if k != "register" or status is not None),
                        len(comparison.units), rows, generated_at)


__all__ = ["SHEETS", "WORKBOOK_TEXT", "Column", "Table", "WorkbookInfo", "build_workbook",
           "sheet_title", "write_workbook"]
