"""The Excel template and the CSV export (exchange/template.py): what is written reads back.

Every file is read with the app's own reader (values_file.read_values), as the county's check
would read a template a clerk filled in Excel, WPS or LibreOffice.
"""

from __future__ import annotations

import copy
import random

import openpyxl
import pytest

from haiyan_desktop.catalogue import Catalogue, Choice, Indicator
from haiyan_desktop.exchange.template import (
    HEADER_ROW,
    SHEET_META,
    TemplateHeader,
    read_header,
    write_csv,
    write_xlsx,
)
from haiyan_desktop.exchange.values_file import ValuesFileError, read_values, rows_to_entries
from haiyan_desktop.messages import Bilingual
from haiyan_desktop.sample_values import plausible_entries
from haiyan_desktop.validation.engine import Entry, check_submission
from haiyan_desktop.validation.normalize import normalize
from tests.conftest import convert_with_libreoffice

ZH_HEADERS = ["指标代码", "服务领域", "指标名称", "单位", "指标解释", "目标值", "上年数值",
              "本年数值", "不适用", "备注"]
EN_HEADERS = ["code", "Domain", "Indicator", "Unit", "Definition", "Target", "Last year",
              "value", "Not applicable", "comment"]
YEAR = 2019


# --- helpers ----------------------------------------------------------------------------------

def leaves(catalogue: Catalogue, kind: str) -> list[Indicator]:
    return catalogue.leaves(kind)


def first_leaf(catalogue: Catalogue, kind: str, test) -> Indicator:
    return next(i for i in catalogue.leaves(kind) if test(i))


def meaning(catalogue: Catalogue, entries: dict[str, Entry]) -> dict[str, tuple]:
    """What an entry means, whatever its spelling: (value, comment, na) by code."""
    out = {}
    for code, entry in entries.items():
        result = normalize(catalogue.index[code], entry.raw)
        assert result.error is None, (code, entry)
        out[code] = (result.value, entry.comment, entry.na)
    return out


def read_back(path) -> dict[str, Entry]:
    entries, problems = rows_to_entries(read_values(path))
    assert problems == []
    return entries


def with_blanks(catalogue: Catalogue, kind: str, entries: dict[str, Entry]) -> dict[str, Entry]:
    """Every leaf of ``kind`` appears in an export, the ones without an entry as blanks."""
    return {i.code: entries.get(i.code, Entry(None, "", False)) for i in leaves(catalogue, kind)}


def complete_entries(catalogue: Catalogue, kind: str, seed: int = 7) -> dict[str, Entry]:
    """Plausible values for every input, the calculated values, a not-applicable indicator
    and comments (one that Excel would take for a formula, one over two lines)."""
    entries = dict(plausible_entries(catalogue, kind, random.Random(seed)))
    for code, value in check_submission(catalogue, entries, kind).values.items():
        if catalogue.index[code].is_calculated:
            entries[code] = Entry(value)
    na = first_leaf(catalogue, kind, lambda i: i.allow_na and not i.is_calculated)
    entries[na.code] = Entry(None, "本单位无此项", True)
    numeric = [i for i in leaves(catalogue, kind) if i.is_numeric and not i.is_calculated
               and i.code != na.code]
    entries[numeric[0].code] = Entry(entries[numeric[0].code].raw, "=由统计局核定")
    entries[numeric[1].code] = Entry(entries[numeric[1].code].raw, "第一行\n-第二行")
    return entries


def header_columns(sheet) -> dict[str, int]:
    return {str(c.value): c.column for c in sheet[HEADER_ROW] if c.value is not None}


def code_rows(sheet) -> dict[str, int]:
    return {str(sheet.cell(row=r, column=1).value): r
            for r in range(HEADER_ROW + 1, sheet.max_row + 1)
            if sheet.cell(row=r, column=1).value}


def validations_by_cell(sheet) -> dict[str, tuple]:
    """Each validated cell with (type, formula1, formula2 for numbers, error text)."""
    out = {}
    for dv in sheet.data_validations.dataValidation:
        formula2 = None if dv.type == "list" else dv.formula2
        for cell_range in dv.sqref.ranges:
            for row, column in cell_range.cells:
                coordinate = f"{openpyxl.utils.get_column_letter(column)}{row}"
                out[coordinate] = (dv.type, dv.formula1, formula2, dv.error)
    return out


@pytest.fixture
def town(builtin):
    return builtin.unit("shendang")


@pytest.fixture
def department(builtin):
    return builtin.unit("edu_bureau")


# --- xlsx: reading back -----------------------------------------------------------------------

def test_template_filled_in_excel_reads_back_exactly(builtin, town, tmp_path):
    """Export some values, fill in the rest the way Excel stores them, read the file back."""
    complete = complete_entries(builtin, town.scope)
    inputs = [i for i in leaves(builtin, town.scope) if not i.is_calculated]
    given = {i.code: complete[i.code] for i in inputs[: len(inputs) // 2]}
    path = tmp_path / "shendang-2019.xlsx"
    write_xlsx(path, builtin, town, YEAR, given)

    book = openpyxl.load_workbook(path)
    sheet = book["填报表"]
    columns = header_columns(sheet)
    rows = code_rows(sheet)
    for indicator in inputs[len(inputs) // 2:]:
        entry = complete[indicator.code]
        value = normalize(indicator, entry.raw).value
        if indicator.type == "choice":
            value = indicator.choice(value).label.zh
        elif isinstance(value, bool):
            value = "是" if value else "否"
        row = rows[indicator.code]
        sheet.cell(row=row, column=columns["本年数值"], value=value)  # numbers typed as numbers
        sheet.cell(row=row, column=columns["不适用"], value="是" if entry.na else None)
        sheet.cell(row=row, column=columns["备注"], value=entry.comment or None)
    book.save(path)

    back = read_back(path)
    expected = with_blanks(builtin, town.scope,
                           {c: e for c, e in complete.items()
                            if not builtin.index[c].is_calculated})
    assert set(back) == set(expected)
    assert meaning(builtin, back) == meaning(builtin, expected)
    check_back = check_submission(builtin, back, town.scope)
    check_expected = check_submission(builtin, complete, town.scope)
    assert check_back.values == check_expected.values
    assert check_back.na == check_expected.na
    assert not check_back.errors


@pytest.mark.parametrize("unit_code", ["shendang", "edu_bureau"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_exported_values_read_back_equal(builtin, tmp_path, unit_code, lang):
    unit = builtin.unit(unit_code)
    entries = complete_entries(builtin, unit.scope)
    path = tmp_path / "values.xlsx"
    write_xlsx(path, builtin, unit, YEAR, entries, lang=lang)
    back = read_back(path)
    assert list(back) == [i.code for i in leaves(builtin, unit.scope)]  # catalogue order
    assert meaning(builtin, back) == meaning(builtin, with_blanks(builtin, unit.scope, entries))


def test_only_leaves_of_the_unit_kind_in_catalogue_order(builtin, town, department, tmp_path):
    entries = plausible_entries(builtin, "town", random.Random(3))
    path = tmp_path / "dept.xlsx"
    write_xlsx(path, builtin, department, YEAR, entries)  # town values are not for a department
    back = read_back(path)
    assert list(back) == [i.code for i in leaves(builtin, department.scope)]
    assert all(e == Entry(None, "", False) for e in back.values())
    assert not set(back) & {i.code for i in leaves(builtin, "town")}


def test_values_as_typed_and_typed_mistakes_are_kept(builtin, town, tmp_path):
    percent = first_leaf(builtin, "town", lambda i: i.type == "percent" and not i.is_calculated)
    integer = first_leaf(builtin, "town", lambda i: i.type == "integer")
    entries = {percent.code: Entry("９８．３２％"), integer.code: Entry("abc", "待核实")}
    path = tmp_path / "typed.xlsx"
    write_xlsx(path, builtin, town, YEAR, entries)
    back = read_back(path)
    assert back[percent.code].raw == pytest.approx(98.32)
    assert back[integer.code] == Entry("abc", "待核实", False)  # not silently dropped


# --- xlsx: cells ------------------------------------------------------------------------------

def test_value_cells_hold_numbers_words_and_labels(builtin, town, tmp_path):
    entries = complete_entries(builtin, town.scope)
    path = tmp_path / "cells.xlsx"
    write_xlsx(path, builtin, town, YEAR, entries)
    sheet = openpyxl.load_workbook(path)["填报表"]
    column = header_columns(sheet)["本年数值"]
    rows = code_rows(sheet)

    def cell(test):
        indicator = first_leaf(builtin, "town", test)
        return indicator, sheet.cell(row=rows[indicator.code], column=column)

    indicator, percent = cell(lambda i: i.type == "percent" and not i.is_calculated
                              and not entries[i.code].na)
    assert type(percent.value) in (int, float) and 0 <= percent.value <= 100  # a number
    assert percent.value == normalize(indicator, entries[indicator.code].raw).value
    assert percent.number_format == "0.00" and "%" not in percent.number_format
    indicator, integer = cell(lambda i: i.type == "integer" and not entries[i.code].na)
    assert type(integer.value) is int and integer.number_format == "#,##0"
    _, yesno = cell(lambda i: i.type == "yesno")
    assert yesno.value in ("是", "否")
    indicator, choice = cell(lambda i: i.type == "choice")
    assert choice.value in [c.label.zh for c in indicator.choices]
    indicator, calculated = cell(lambda i: i.is_calculated)
    assert calculated.value == entries[indicator.code].raw  # the computed value is shown
    assert "自动计算" in calculated.comment.text
    assert calculated.fill.fgColor.rgb.endswith("D9D9D9")
    na = first_leaf(builtin, "town", lambda i: i.allow_na and not i.is_calculated)
    assert sheet.cell(row=rows[na.code], column=header_columns(sheet)["不适用"]).value == "是"
    formula_like = next(e.comment for e in entries.values() if e.comment.startswith("="))
    comments = [c.value for c in sheet[openpyxl.utils.get_column_letter(
        header_columns(sheet)["备注"])]]
    assert formula_like in comments  # kept as text, not turned into a formula


def test_title_rows_header_and_groups(builtin, town, tmp_path):
    path = tmp_path / "layout.xlsx"
    write_xlsx(path, builtin, town, YEAR, {}, demo=True)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["填报表", SHEET_META]
    assert book[SHEET_META].sheet_state == "hidden"
    sheet = book["填报表"]
    titles = [sheet.cell(row=r, column=1).value or "" for r in range(1, HEADER_ROW)]
    assert titles[0] == "海盐县 2019 年度 沈荡镇 基本公共服务均等化评估填报表"
    assert builtin.title.zh in titles[1] and builtin.version in titles[1]
    assert any("示例数据 / sample data" in t for t in titles)
    assert [c.value for c in sheet[HEADER_ROW]] == ZH_HEADERS
    # a bold group row for each domain and each first-level indicator with children,
    # with an empty code cell; then the leaves, in catalogue order
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    codes = [r[0] for r in rows if r[0]]
    assert codes == [i.code for i in leaves(builtin, "town")]
    groups = [r[2] for r in rows if not r[0]]
    first = builtin.domains[0]
    assert groups[:2] == [f"{first.code} {first.name.zh}",
                          f"{first.indicators[0].code} {first.indicators[0].name.zh}"]
    leaf = leaves(builtin, "town")[0]
    leaf_row = next(r for r in rows if r[0] == leaf.code)
    assert leaf_row[1] == builtin.domain_of(leaf).name.zh
    assert leaf_row[2] == leaf.name.zh
    assert leaf.definition.zh in leaf_row[4]
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"

    plain = tmp_path / "plain.xlsx"
    write_xlsx(plain, builtin, town, YEAR, {})
    sheet = openpyxl.load_workbook(plain)["填报表"]
    assert not any("示例数据" in str(sheet.cell(row=r, column=1).value or "")
                   for r in range(1, HEADER_ROW))


def test_previous_year_and_target_columns(builtin, town, tmp_path):
    previous_entries = plausible_entries(builtin, town.scope, random.Random(11))
    previous = {c: normalize(builtin.index[c], e.raw).value for c, e in previous_entries.items()}
    path = tmp_path / "previous.xlsx"
    write_xlsx(path, builtin, town, YEAR, {}, previous=previous)
    sheet = openpyxl.load_workbook(path)["填报表"]
    columns, rows = header_columns(sheet), code_rows(sheet)
    number = first_leaf(builtin, "town", lambda i: i.type == "percent" and i.code in previous)
    cell = sheet.cell(row=rows[number.code], column=columns["上年数值"])
    assert cell.value == previous[number.code] and cell.number_format == "0.00"
    assert sheet.cell(row=rows[number.code], column=columns["目标值"]).value.endswith(
        f"{number.target:.2f}")
    # last year's figures are not this year's values
    assert all(e.raw is None for e in read_back(path).values())


def test_english_template(builtin, town, tmp_path):
    entries = complete_entries(builtin, town.scope)
    path = tmp_path / "en.xlsx"
    write_xlsx(path, builtin, town, YEAR, entries, lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Values", SHEET_META]
    sheet = book["Values"]
    assert [c.value for c in sheet[HEADER_ROW]] == EN_HEADERS
    assert "Shendang Town" in sheet["A1"].value and "2019" in sheet["A1"].value
    yesno = first_leaf(builtin, "town", lambda i: i.type == "yesno")
    value = sheet.cell(row=code_rows(sheet)[yesno.code], column=EN_HEADERS.index("value") + 1)
    assert value.value in ("Yes", "No")
    assert read_header(path).unit_name == "Shendang Town"


# --- xlsx: drop-downs and protection ----------------------------------------------------------

def test_drop_downs_and_number_checks_on_the_right_cells(builtin, town, tmp_path):
    path = tmp_path / "dv.xlsx"
    write_xlsx(path, builtin, town, YEAR, {})
    sheet = openpyxl.load_workbook(path)["填报表"]
    columns, rows = header_columns(sheet), code_rows(sheet)
    checks = validations_by_cell(sheet)

    def at(indicator: Indicator, header: str):
        letter = openpyxl.utils.get_column_letter(columns[header])
        return checks.get(f"{letter}{rows[indicator.code]}")

    for indicator in leaves(builtin, "town"):
        value = at(indicator, "本年数值")
        if indicator.is_calculated:
            assert value is None, indicator.code
        elif indicator.type == "yesno":
            assert value[:2] == ("list", '"是,否"')
        elif indicator.type == "choice":
            labels = ",".join(c.label.zh for c in indicator.choices)
            assert value[:2] == ("list", f'"{labels}"')
        elif indicator.is_numeric:
            kind, low, high, error = value
            assert kind == ("whole" if indicator.type == "integer" else "decimal")
            if indicator.min is not None:
                assert float(low) == indicator.min
            if indicator.max is not None:
                assert float(high) == indicator.max
            assert error.startswith("请输入"), error
        na = at(indicator, "不适用")
        assert (na is not None) == indicator.allow_na, indicator.code
        if na:
            assert na[:2] == ("list", '"是"')
    # nothing outside the value and not-applicable columns is validated
    allowed = {openpyxl.utils.get_column_letter(columns[h]) for h in ("本年数值", "不适用")}
    assert {c.rstrip("0123456789") for c in checks} == allowed


def test_long_choice_lists_live_in_the_hidden_sheet(builtin, town, tmp_path):
    """Excel takes at most 255 characters and no commas in a list typed into the rule."""
    catalogue = copy.deepcopy(builtin)
    indicator = first_leaf(catalogue, "town", lambda i: i.type == "choice")
    indicator.choices = tuple(
        Choice(f"c{n}", Bilingual(f"第{n}档, 含分馆与服务点的综合评定" * 2,
                                  f"Grade {n}, with branches"), n / 10)
        for n in range(10))
    path = tmp_path / "long.xlsx"
    write_xlsx(path, catalogue, town, YEAR,
               {indicator.code: Entry(indicator.choices[3].label.zh)})
    book = openpyxl.load_workbook(path)
    sheet = book["填报表"]
    row = code_rows(sheet)[indicator.code]
    letter = openpyxl.utils.get_column_letter(header_columns(sheet)["本年数值"])
    kind, formula, _, _ = validations_by_cell(sheet)[f"{letter}{row}"]
    assert kind == "list" and formula == f"'{SHEET_META}'!$D$1:$D$10"
    meta = book[SHEET_META]
    assert [meta.cell(row=r, column=4).value for r in range(1, 11)] == [
        c.label.zh for c in indicator.choices]
    back = read_back(path)
    assert normalize(indicator, back[indicator.code].raw).value == "c3"
    assert read_header(path).unit_code == "shendang"


def test_written_in_place_without_leftovers(builtin, town, tmp_path):
    path = tmp_path / "again.xlsx"
    path.write_bytes(b"an older file")
    write_xlsx(path, builtin, town, YEAR, {})
    write_csv(tmp_path / "again.csv", builtin, town, YEAR, {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.csv", "again.xlsx"]
    assert read_header(path) is not None
    assert path.stat().st_mode & 0o044  # readable by others as any new file, not 0600


def test_english_error_messages(builtin, department, tmp_path):
    path = tmp_path / "dv-en.xlsx"
    write_xlsx(path, builtin, department, YEAR, {}, lang="en")
    checks = validations_by_cell(openpyxl.load_workbook(path)["Values"])
    errors = {c[3] for c in checks.values()}
    assert any(e.startswith("Enter a number from 0 to 1") for e in errors), errors
    assert not any("请" in e for e in errors)


def test_sheet_protected_only_input_cells_unlocked(builtin, town, tmp_path):
    path = tmp_path / "protected.xlsx"
    write_xlsx(path, builtin, town, YEAR, complete_entries(builtin, town.scope))
    book = openpyxl.load_workbook(path)
    sheet = book["填报表"]
    assert sheet.protection.sheet is True
    assert sheet.protection.password is None  # documented: no password
    assert book[SHEET_META].protection.sheet is True
    columns, rows = header_columns(sheet), code_rows(sheet)
    for indicator in leaves(builtin, "town"):
        row = rows[indicator.code]

        def locked(header: str, row: int = row) -> bool:
            return sheet.cell(row=row, column=columns[header]).protection.locked

        assert locked("本年数值") == indicator.is_calculated, indicator.code
        assert locked("不适用") != indicator.allow_na, indicator.code
        assert not locked("备注")  # a calculated rate out of range needs a comment too
        for header in ("指标代码", "服务领域", "指标名称", "单位", "指标解释", "目标值",
                       "上年数值"):
            assert locked(header), (indicator.code, header)
    assert all(c.protection.locked for c in sheet[HEADER_ROW])


def test_print_setup(builtin, town, tmp_path):
    path = tmp_path / "print.xlsx"
    write_xlsx(path, builtin, town, YEAR, {})
    sheet = openpyxl.load_workbook(path)["填报表"]
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert int(sheet.page_setup.fitToWidth) == 1 and int(sheet.page_setup.fitToHeight) == 0
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    definition = header_columns(sheet)["指标解释"]
    row = code_rows(sheet)[leaves(builtin, "town")[0].code]
    assert sheet.cell(row=row, column=definition).alignment.wrap_text
    letter = openpyxl.utils.get_column_letter(definition)
    assert sheet.column_dimensions[letter].width >= 40


# --- header -----------------------------------------------------------------------------------

def test_read_header(builtin, town, tmp_path):
    path = tmp_path / "header.xlsx"
    write_xlsx(path, builtin, town, YEAR, {}, demo=True)
    assert read_header(path) == TemplateHeader(
        catalogue_id=builtin.id, catalogue_version=builtin.version,
        catalogue_sha256=builtin.sha256, unit_code="shendang", unit_name="沈荡镇", year=2019,
        demo=True)
    write_xlsx(path, builtin, town, 2018, {})
    assert read_header(path).year == 2018 and read_header(path).demo is False


def test_read_header_of_other_files(builtin, town, tmp_path):
    csv_path = tmp_path / "values.csv"
    write_csv(csv_path, builtin, town, YEAR, {})
    assert read_header(csv_path) is None
    foreign = tmp_path / "foreign.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["code", "value", "comment"])
    book.create_sheet(SHEET_META).append(["format", "something else"])
    book.save(foreign)
    assert read_header(foreign) is None
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(ValuesFileError):
        read_header(broken)


# --- csv --------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit_code", ["shendang", "edu_bureau"])
def test_csv_round_trip_utf8_and_gb18030(builtin, tmp_path, unit_code):
    unit = builtin.unit(unit_code)
    entries = complete_entries(builtin, unit.scope)
    path = tmp_path / "values.csv"
    write_csv(path, builtin, unit, YEAR, entries)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows the Chinese right
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "指标代码,指标名称,单位,数值,不适用,备注"
    expected = meaning(builtin, with_blanks(builtin, unit.scope, entries))
    back = read_back(path)
    assert list(back) == [i.code for i in leaves(builtin, unit.scope)]
    assert meaning(builtin, back) == expected

    gb = tmp_path / "values-gb18030.csv"  # as Excel in China saves it again
    gb.write_bytes(text.encode("gb18030"))
    assert meaning(builtin, read_back(gb)) == expected


def test_csv_fixed_decimals_and_words(builtin, town, tmp_path):
    entries = complete_entries(builtin, town.scope)
    path = tmp_path / "values.csv"
    write_csv(path, builtin, town, YEAR, entries)
    import csv

    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = {r["指标代码"]: r for r in csv.DictReader(handle)}
    for indicator in leaves(builtin, "town"):
        shown = rows[indicator.code]["数值"]
        entry = entries.get(indicator.code, Entry())
        value = normalize(indicator, entry.raw).value
        if value is None:
            assert shown == ""
        elif indicator.is_numeric:
            decimals = indicator.decimals if indicator.decimals is not None else 2
            assert shown == f"{value:.{decimals}f}", indicator.code
        elif indicator.type == "yesno":
            assert shown == ("是" if value else "否")
        elif indicator.type == "choice":
            assert shown == indicator.choice(value).label.zh
        assert rows[indicator.code]["不适用"] == ("是" if entry.na else "")
    # a comment Excel would take for a formula starts with a tab, which the reader strips
    assert any(r["备注"] == "\t=由统计局核定" for r in rows.values())


def test_csv_english_headers(builtin, department, tmp_path):
    entries = complete_entries(builtin, department.scope)
    path = tmp_path / "values-en.csv"
    write_csv(path, builtin, department, YEAR, entries, lang="en")
    assert path.read_text("utf-8-sig").splitlines()[0] == "code,name,unit,value,na,comment"
    assert meaning(builtin, read_back(path)) == meaning(
        builtin, with_blanks(builtin, department.scope, entries))


# --- LibreOffice ------------------------------------------------------------------------------

def test_libreoffice_keeps_values_drop_downs_and_protection(builtin, town, tmp_path):
    entries = complete_entries(builtin, town.scope)
    source = tmp_path / "template.xlsx"
    write_xlsx(source, builtin, town, YEAR, entries, demo=True)
    converted = convert_with_libreoffice(source, tmp_path)

    assert meaning(builtin, read_back(converted)) == meaning(builtin, read_back(source))
    assert read_header(converted) == read_header(source)
    before = openpyxl.load_workbook(source)
    after = openpyxl.load_workbook(converted)
    assert after.sheetnames == before.sheetnames
    assert after[SHEET_META].sheet_state == "hidden"
    old, new = before["填报表"], after["填报表"]
    assert validations_by_cell(new) == validations_by_cell(old)
    assert new.protection.sheet is True
    columns, rows = header_columns(new), code_rows(new)
    assert columns == header_columns(old) and rows == code_rows(old)
    for indicator in leaves(builtin, "town"):
        row = rows[indicator.code]
        assert new.cell(row=row, column=1).protection.locked
        value = new.cell(row=row, column=columns["本年数值"])
        assert value.protection.locked == indicator.is_calculated
    assert new.print_title_rows == old.print_title_rows
    assert new.page_setup.orientation == "landscape"
    assert {str(r) for r in new.merged_cells.ranges} == {str(r) for r in old.merged_cells.ranges}
