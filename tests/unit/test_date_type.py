"""The ``date`` indicator type end to end, on tests/fixtures/catalogues/dates.yaml: catalogue,
what clerks type (property tests too), checks, scoring, the Excel template both ways, the
session's rows, sample values and the PDF report."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from haiyan_desktop.catalogue import CatalogueError, load_catalogue, parse_catalogue
from haiyan_desktop.catalogue.cache import from_data, to_data
from haiyan_desktop.catalogue.indicator_types import indicator_type
from haiyan_desktop.exchange.template import HEADER_ROW, write_csv, write_xlsx
from haiyan_desktop.exchange.values_file import read_values, rows_to_entries
from haiyan_desktop.report import build_report
from haiyan_desktop.sample_values import plausible_entries
from haiyan_desktop.scoring import attainment, score
from haiyan_desktop.session import EntrySession
from haiyan_desktop.store import Store
from haiyan_desktop.validation import Entry, check_field, check_submission, format_value, normalize
from tests.conftest import CATALOGUES

PATH = CATALOGUES / "dates.yaml"
YEAR = 2019
ERRORS = {"input.not_date", "input.no_such_date", "input.too_long"}


@pytest.fixture(scope="module")
def cat():
    return load_catalogue(PATH)


@pytest.fixture(scope="module")
def met(cat):
    return cat.index["SVC02"]


def _check(cat, raw: dict[str, object], comments: dict[str, str] | None = None):
    entries = {c: Entry(v, (comments or {}).get(c, "")) for c, v in raw.items()}
    checked = check_submission(cat, entries, "town")
    return checked, score(cat, checked.values, checked.na, "town")


# --- the catalogue ---------------------------------------------------------------------------

def test_the_catalogue_reads_dates_in_any_spelling(cat, met):
    assert (met.type, met.direction, met.compare, met.decimals) == ("date", "threshold", "<=", None)
    assert (met.min, met.max, met.expected_min, met.target) == (
        "2018-01-01", "2019-12-31", "2019-01-01", "2019-06-30")
    assert not met.is_numeric
    optional = cat.index["SVC03"]  # the default hard range
    assert (optional.min, optional.max) == ("1900-01-01", "2099-12-31")
    assert from_data(to_data(cat)).index["SVC02"] == met  # the parse cache keeps them


def _broken(text: str, old: str, new: str):
    assert old in text
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text.replace(old, new, 1), "dates.yaml")
    return [(p.message.key, p.code, p.field, p.line, p.message.en) for p in caught.value.problems]


def test_a_wrong_date_in_the_catalogue_is_reported_with_its_place():
    text = PATH.read_text(encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "min: 2018-01-01" in t)
    [(key, code, field, at, en)] = _broken(text, "min: 2018-01-01", "min: 2019-02-30")
    assert (key, code, field, at) == ("cat.wrong_type", "SVC02", "min", line)
    assert "a date such as 2019-12-31" in en and "2019-02-30" in en
    [(key, code, field, _, _)] = _broken(text, "target: 2019-06-30", "target: soon")
    assert (key, code, field) == ("cat.wrong_type", "SVC02", "target")
    [(key, _, field, _, en)] = _broken(text, 'max: "2019年12月31日"', "max: 2017-12-31")
    assert (key, field) == ("cat.min_above_max", "min") and "2018-01-01" in en
    [(key, _, field, _, en)] = _broken(text, "target: 2019-06-30", "target: 2020-06-30")
    assert (key, field) == ("cat.outside_range", "target")
    assert "2020-06-30" in en and "2018-01-01–2019-12-31" in en
    [(key, _, field, _, _)] = _broken(text, "direction: threshold", "direction: higher")
    assert (key, field) == ("cat.direction_type", "direction")


def test_a_date_cannot_be_used_in_a_formula_or_a_comparison_rule():
    text = PATH.read_text(encoding="utf-8")
    found = _broken(text, "left: SVC02 + SVC03\n    operator: compulsory_pair",
                    "left: SVC02\n    operator: \"<=\"\n    right: SVC03")
    assert {(k, f) for k, _, f, _, _ in found} == {("cat.non_numeric_reference", "left"),
                                                   ("cat.non_numeric_reference", "right")}


# --- what clerks type --------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    "2019年12月31日", "2019-12-31", "2019/12/31", "2019.12.31", "20191231",
    "２０１９年１２月３１日", "２０１９－１２－３１", "  2019-12-31\u3000", "\u00a02019/12/31\t",
    "2019 年 12 月 31 日", "2019年12月31号", "2019年12月31", "2019-12-31 00:00:00",
    datetime(2019, 12, 31), date(2019, 12, 31), 20191231,
])
def test_accepted_spellings(met, raw):
    assert normalize(met, raw) == (("2019-12-31"), None)


@pytest.mark.parametrize(("raw", "key"), [
    ("2019-02-30", "input.no_such_date"), ("2019年2月29日", "input.no_such_date"),
    ("2019-13-01", "input.no_such_date"), ("20190230", "input.no_such_date"),
    ("0000-01-01", "input.no_such_date"), ("2019-12", "input.not_date"),
    ("19-12-31", "input.not_date"), ("2019-12/31", "input.not_date"), ("明天", "input.not_date"),
    ("43830", "input.not_date"), ("是", "input.not_date"), (datetime(2019, 12, 31, 8, 30),
                                                          "input.not_date"),
    ("2019-12-31" * 30, "input.too_long"),
])
def test_rejected_spellings_say_why_in_both_languages(met, raw, key):
    result = normalize(met, raw)
    assert result.value is None and result.error.key == key
    assert "{" not in result.error.zh + result.error.en


def test_a_day_that_does_not_exist_is_named():
    error = normalize(load_catalogue(PATH).index["SVC02"], "2019-02-30").error
    assert error.zh == "“2019-02-30”不是有效的日期：没有 2019 年 2 月 30 日"
    assert error.en == "“2019-02-30” is not a valid date: there is no day 30 in month 2 of 2019"


_FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789-/."})
SPACES = st.text(alphabet=" \u3000\u00a0\t", max_size=3)


@st.composite
def spellings(draw) -> tuple[date, str]:
    day = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
    pad = draw(st.booleans())
    m, d = (f"{day.month:02d}", f"{day.day:02d}") if pad else (str(day.month), str(day.day))
    y = f"{day.year:04d}"
    sep = draw(st.sampled_from("-/."))
    text = draw(st.sampled_from([
        f"{y}年{m}月{d}日", f"{y} 年 {m} 月 {d} 日", f"{y}{sep}{m}{sep}{d}",
        f"{y}{day.month:02d}{day.day:02d}", f"{y}-{day.month:02d}-{day.day:02d} 00:00:00"]))
    if draw(st.booleans()):
        text = text.translate(_FULL_WIDTH)
    return day, draw(SPACES) + text + draw(SPACES)


@settings(max_examples=400, deadline=None)
@given(case=spellings())
def test_any_valid_date_in_any_accepted_spelling_round_trips(met, case):
    day, text = case
    result = normalize(met, text)
    assert result == (day.isoformat(), None), text
    assert normalize(met, result.value) == result  # the stored value reads as itself
    assert indicator_type("date").order(result.value) == day.toordinal()


RANDOM = st.one_of(
    st.text(max_size=80),
    st.text(alphabet="0123456789０１２３４５６７８９-/.年月日号 :T\u3000", max_size=24),
    st.integers(), st.floats(), st.booleans(), st.datetimes(), st.dates(),
)


@settings(max_examples=400, deadline=None)
@given(raw=RANDOM)
def test_random_input_gives_a_date_or_the_validation_error_never_an_exception(met, raw):
    result = normalize(met, raw)
    if result.error is not None:
        assert result.value is None and result.error.key in ERRORS
        assert result.error.zh and result.error.en
    elif result.value is not None:
        assert date.fromisoformat(result.value).isoformat() == result.value
    checked = check_field(met, Entry(raw))  # nor does the whole field check
    assert checked.value is None or met.min <= checked.value <= met.max


# --- checks, scoring, display ------------------------------------------------------------------

def test_hard_and_expected_range_speak_of_dates(cat, met):
    early = [p for p in check_field(met, Entry("2017年5月1日")).problems if p.is_error]
    assert [(p.rule, p.severity, p.value) for p in early] == [("min", "error", "2017-05-01")]
    assert early[0].message.zh == "日期 2017-05-01 早于最早日期 2018-01-01"
    late = check_field(met, Entry("2020-01-01")).problems
    assert late[0].message.en == "The date 2020-01-01 is after the latest date 2019-12-31"
    usual = check_field(met, Entry("2018/6/1")).problems
    assert [(p.rule, p.severity) for p in usual] == [("expected_range", "warning")]
    assert "早于通常范围（2019-01-01–…）" in usual[0].message.zh
    answered = check_field(met, Entry("2018/6/1", "验收推迟")).problems
    assert answered[0].commented and "已填写说明" in answered[0].message.zh
    ok = check_field(met, Entry("2019年5月20日"))
    assert (ok.value, ok.problems) == ("2019-05-20", [])
    assert format_value(met, ok.value) == "2019-05-20"


@pytest.mark.parametrize(("raw", "expected"), [
    ("2019-05-20", 1.0), ("2019-06-30", 1.0), ("2019-07-01", 0.0), ("2019-12-31", 0.0)])
def test_threshold_is_met_on_or_before_the_target_day(cat, met, raw, expected):
    value = normalize(met, raw).value
    assert attainment(met, value) == expected
    assert attainment(replace(met, compare="<"), value) == (raw == "2019-05-20")
    assert attainment(replace(met, compare=">="), value) == (raw != "2019-05-20")


def test_submission_scores_and_rules(cat):
    checked, report = _check(cat, {"SVC01": "95", "SVC02": "2019年6月1日", "SVC03": "20191115"})
    assert checked.problems == [] and checked.values["SVC02"] == "2019-06-01"
    assert report.overall == pytest.approx(100.0)
    assert report.leaves["SVC02"].actual == "2019-06-01"
    checked, report = _check(cat, {"SVC01": "95", "SVC02": "2019-08-01"})
    assert report.leaves["SVC02"].attainment == 0.0
    assert report.overall == pytest.approx(40.0)
    assert [(p.code, p.rule) for p in checked.problems] == [("SVC02", "R01")]  # pair rule


def test_the_grid_row_shows_dates(cat, tmp_path):
    with Store(tmp_path, actor="张三") as store:
        sub = store.open_submission(cat, "town1", YEAR)
        store.set_values(sub, {"SVC01": Entry("96"), "SVC02": Entry("2019年5月20日"),
                               "SVC03": Entry("2019.11.15")})
        for lang in ("zh", "en"):
            row = EntrySession(store, sub, lang).row("SVC02")
            assert (row.value, row.target, row.choices, row.status) == (
                "2019-05-20", "≤ 2019-06-30", [], "ok")
            assert row.attainment == "100%"
        session = EntrySession(store, sub)
        assert session.apply("SVC03", Entry("2019-02-30")).accepted is False
        assert "没有 2019 年 2 月 30 日" in session.row("SVC03").messages[0]


def test_sample_values_pass_their_checks(cat):
    for seed in range(5):
        entries = plausible_entries(cat, "town", random.Random(seed), quality=0.5)
        assert not check_submission(cat, entries, "town").problems
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entries["SVC02"].raw)


# --- the Excel template, both ways ----------------------------------------------------------

def _sheet(path):
    sheet = openpyxl.load_workbook(path)["填报表"]
    columns = {str(c.value): c.column for c in sheet[HEADER_ROW] if c.value is not None}
    rows = {str(sheet.cell(row=r, column=1).value): r for r in range(HEADER_ROW + 1,
                                                                      sheet.max_row + 1)}
    return sheet, columns, rows


def test_template_writes_real_date_cells_and_reads_them_back(cat, tmp_path):
    unit = cat.unit("town1")
    entries = {"SVC01": Entry("96.5"), "SVC02": Entry("2019年5月20日", "提前验收"),
               "SVC03": Entry("2019-02-30")}  # kept as typed: nothing is lost
    path = tmp_path / "dates.xlsx"
    write_xlsx(path, cat, unit, YEAR, entries, previous={"SVC02": "2018-11-02"})
    sheet, columns, rows = _sheet(path)
    cell = sheet.cell(row=rows["SVC02"], column=columns["本年数值"])
    assert cell.is_date and cell.value == datetime(2019, 5, 20)
    assert cell.number_format == "yyyy-mm-dd"
    last = sheet.cell(row=rows["SVC02"], column=columns["上年数值"])
    assert last.value == datetime(2018, 11, 2) and last.number_format == "yyyy-mm-dd"
    assert sheet.cell(row=rows["SVC02"], column=columns["目标值"]).value == "≤ 2019-06-30"
    assert sheet.cell(row=rows["SVC03"], column=columns["本年数值"]).value == "2019-02-30"
    rules = {str(r): dv for dv in sheet.data_validations.dataValidation for r in dv.sqref.ranges}
    rule = rules[cell.coordinate]
    assert (rule.type, rule.operator, rule.formula1, rule.formula2) == (
        "date", "between", "DATE(2018,1,1)", "DATE(2019,12,31)")
    assert rule.error == "请输入 2018-01-01 至 2019-12-31 之间的日期（格式如 2019-12-31）"

    back, problems = rows_to_entries(read_values(path))
    assert problems == []
    assert isinstance(back["SVC02"].raw, datetime) and back["SVC02"].comment == "提前验收"
    assert normalize(cat.index["SVC02"], back["SVC02"].raw).value == "2019-05-20"

    # a clerk types the dates as text, in Chinese and with full-width digits
    book = openpyxl.load_workbook(path)
    sheet = book["填报表"]
    sheet.cell(row=rows["SVC02"], column=columns["本年数值"], value="２０１９年６月３日")
    sheet.cell(row=rows["SVC03"], column=columns["本年数值"], value="2019/11/5")
    book.save(path)
    back, _ = rows_to_entries(read_values(path))
    checked = check_submission(cat, back, "town")
    assert (checked.values["SVC02"], checked.values["SVC03"]) == ("2019-06-03", "2019-11-05")
    assert checked.problems == []


def test_english_template_and_csv_round_trip(cat, tmp_path):
    unit = cat.unit("street1")
    entries = {"SVC01": Entry("90"), "SVC02": Entry("20190405"), "SVC03": Entry("2019.7.9")}
    write_xlsx(tmp_path / "en.xlsx", cat, unit, YEAR, entries, lang="en")
    sheet = openpyxl.load_workbook(tmp_path / "en.xlsx")["Values"]
    rule = sheet.data_validations.dataValidation
    assert any(dv.type == "date" and dv.error.startswith("Enter a date (such as 2019-12-31) "
                                                        "from 2018-01-01 to 2019-12-31")
               for dv in rule)
    write_csv(tmp_path / "v.csv", cat, unit, YEAR, entries)
    text = (tmp_path / "v.csv").read_text("utf-8-sig")
    assert "SVC02,达到服务标准的日期,,2019-04-05" in text
    back, _ = rows_to_entries(read_values(tmp_path / "v.csv"))
    assert check_submission(cat, back, unit.kind).values == {
        "SVC01": 90.0, "SVC02": "2019-04-05", "SVC03": "2019-07-09"}


# --- the report ------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_report_shows_dates(cat, tmp_path):
    with Store(tmp_path, actor="张三") as store:
        last = store.open_submission(cat, "town1", 2018)
        store.set_values(last, {"SVC01": Entry("90"), "SVC02": Entry("2018-12-01", "说明"),
                                "SVC03": Entry("2018-10-08")})
        sub = store.open_submission(cat, "town1", YEAR)
        store.set_values(sub, {"SVC01": Entry("96"), "SVC02": Entry("2019年5月20日"),
                               "SVC03": Entry(None, "本镇未建台账", True)})
        zh = build_report(store, sub, tmp_path / "zh.pdf")
        en = build_report(store, sub, tmp_path / "en.pdf", lang="en")
    for info in (zh, en):
        text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(info.path), "-"],
                                                 capture_output=True, text=True,
                                                 check=True).stdout)
        assert "2019-05-20" in text  # the value
        assert "≤" in text and "2019-06-30" in text  # the target (the sign on its own line)
        assert "2018-12-01" in text  # last year's value
        assert "SVC03" in text and "本镇未建台账" in text
