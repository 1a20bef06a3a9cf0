"""Authoring the catalogue in Excel (catalogue/workbook.py): the sheets, the round trip YAML →
xlsx → YAML (also through LibreOffice), and every bad workbook refused with its sheet, row and
column."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import openpyxl
import pytest

from haiyan_desktop.catalogue import loader
from haiyan_desktop.catalogue.indicator_types import DIRECTIONS, TYPE_NAMES
from haiyan_desktop.catalogue.loader import load_catalogue, parse_catalogue
from haiyan_desktop.catalogue.problems import CatalogueError
from haiyan_desktop.catalogue.serialize import catalogue_to_dict
from haiyan_desktop.catalogue.workbook import (
    WorkbookError,
    WorkbookUnreadable,
    catalogue_to_workbook,
    import_workbook,
    read_workbook,
    sheet_columns,
    workbook_to_yaml,
    write_workbook,
)
from tests.conftest import CATALOGUES, ROOT, convert_with_libreoffice

SMALL = CATALOGUES / "valid-small.yaml"
INDICATORS, DATA_ITEMS, CHOICES = "指标 indicators", "基础数据项 data_items", "选项 choices"
SETTINGS, UNITS, DOMAINS, RULES = "设置 settings", "单位 units", "领域 domains", "规则 rules"


def _loads(path: Path) -> bool:
    try:
        load_catalogue(path)
    except CatalogueError:
        return False
    return True


# every built-in catalogue, and every small test catalogue that loads (not those of broken/)
ROUND_TRIP = [p for p in sorted((ROOT / "resources" / "catalogues").glob("*.yaml"))
              + sorted(CATALOGUES.glob("*.yaml")) if _loads(p)]

# What a county could write that a spreadsheet might spoil: a version that looks like a
# number with a trailing zero, choice values with leading zeros, dates in three spellings,
# a fractional weight, yes/no and not-applicable flags, several unit kinds, a data item
# that cannot be summed, last year's code.
EDGE = """\
id: edge-2019
version: "2019.10"
title: 边界测试目录
title_en: Edge-case catalogue
years: [2019]
units:
  - {code: town_01, name: "001 镇", name_en: Town 001, kind: town}
  - {code: dept1, name: 测试局, name_en: Test Bureau, kind: department}
domains:
  - code: A
    name: 甲
    name_en: Domain A
    weight: 100
    indicators:
      - code: A01
        name: 达标日期
        name_en: Day met
        weight: 12.5
        type: date
        min: 2018-01-01
        max: "2019年12月31日"
        expected_min: "2019/01/01"
        target: 2019-06-30
        direction: threshold
        compare: "<"
        required: false
        definition: 日期
        definition_en: a day
        source: 台账
        source_en: register
        lead_unit: dept1
        replaces: A00
      - code: A02
        name: 等级
        name_en: Level
        weight: 37.5
        applies_to: [department, town]
        type: choice
        direction: choice
        choices:
          - {value: "01", label: 一级, label_en: First, score: 1}
          - {value: "02", label: 二级, label_en: Second, score: 0.25}
        allow_na: true
        definition: "=按等级评定（以等号开头的文字）"
        definition_en: "=graded (text starting with an equals sign)"
        source: 评定
        source_en: grading
        lead_unit: dept1
      - code: A03
        name: 比率
        name_en: Rate
        weight: 49.75
        type: percent
        unit: "%"
        decimals: 1
        max_change: 0.2
        target: 100
        direction: higher
        formula: "A03B / A03A * 100"
        definition: "多行\\n解释"
        definition_en: "two\\nlines"
        source: 计算
        source_en: calculated
        lead_unit: dept1
        data_items:
          - code: A03A
            name: 分母
            name_en: Denominator
            type: integer
            min: 1
            definition: 人数
            definition_en: persons
          - code: A03B
            name: 系数
            name_en: Coefficient
            type: coefficient
            aggregate: none
            required: false
            definition: 系数
            definition_en: coefficient
            replaces: A03X
      - code: A04
        name: 是否建立
        name_en: Set up
        weight: 0.25
        type: yesno
        target: false
        direction: yesno
        definition: 是否
        definition_en: yes or no
        source: 检查
        source_en: inspection
        lead_unit: dept1
rules:
  - id: R1
    left: A03B
    operator: "≤"
    right: 1
    severity: warning
    missing: never_skip
    message: 系数不超过 1
    message_en: At most 1
  - id: R2
    left: A01 + A02
    operator: compulsory_pair
    severity: error
    message: 同填同空
    message_en: Both or neither
"""


def _model(catalogue) -> dict:
    """Everything a loaded catalogue says, but where it was read from (lines, path, sha256)."""
    def indicator(ind) -> dict:
        data = {k: v for k, v in vars(ind).items()
                if k not in ("line", "formula", "children", "data_items")}
        data["formula"] = ind.formula.text if ind.formula else None
        data["children"] = [indicator(c) for c in ind.children]
        data["data_items"] = [indicator(i) for i in ind.data_items]
        return data

    return {
        "id": catalogue.id, "version": catalogue.version, "title": catalogue.title,
        "years": catalogue.years, "units": list(catalogue.units),
        "domains": [(d.code, d.name, d.weight, [indicator(i) for i in d.indicators])
                    for d in catalogue.domains],
        "rules": [(r.id, r.left.text, r.operator, r.right.text if r.right else None,
                   r.severity, r.missing, r.message) for r in catalogue.rules],
        "calculation_order": catalogue.calculation_order,
    }


def _as_dict(catalogue) -> dict:
    data = catalogue_to_dict(catalogue)
    data.pop("sha256", None)
    data.pop("path", None)
    return data


def _assert_same(original, again) -> None:
    assert _model(again) == _model(original)
    assert _as_dict(again) == _as_dict(original)


def _bytes(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _column(sheet, key: str) -> str:
    for cell in sheet[1]:
        if cell.value is not None and str(cell.value).split()[-1] == key:
            return cell.column_letter
    raise AssertionError(f"no column {key} on {sheet.title}")


def _row(sheet, code: str, key: str = "code") -> int:
    for cell in sheet[_column(sheet, key)]:
        if cell.value == code:
            return cell.row
    raise AssertionError(f"no row {code} on {sheet.title}")


def _cell(sheet, code: str, key: str) -> str:
    return f"{_column(sheet, key)}{_row(sheet, code)}"


# --- the sheets -----------------------------------------------------------------------------

def test_the_columns_follow_the_loaders_fields():
    columns = sheet_columns()
    nested = {"children", "choices", "data_items", "indicators"}
    assert set(columns["indicators"]) == {"domain", "parent", "level",
                                          *(set(loader.INDICATOR_FIELDS) - nested)}
    assert set(columns["data_items"]) == {"indicator",
                                          *(set(loader.DATA_ITEM_FIELDS) - nested)}
    assert columns["units"] == loader.UNIT_FIELDS
    assert columns["rules"] == loader.RULE_FIELDS
    assert columns["choices"] == ("indicator", *loader.CHOICE_FIELDS)


def test_the_workbook_has_a_sheet_per_kind_bilingual_headers_and_drop_downs():
    book = catalogue_to_workbook(SMALL)
    assert book.sheetnames[1:8] == [SETTINGS, UNITS, DOMAINS, INDICATORS, DATA_ITEMS, CHOICES,
                                    RULES]
    sheet = book[INDICATORS]
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["服务领域 domain", "上级指标 parent", "层级 level", "代码 code"]
    assert "类型 type" in headers and "计分方向 direction" in headers
    assert sheet.freeze_panes == "E2"
    lists = book["_lists"]
    assert lists.sheet_state == "hidden"

    def options(key: str) -> list[str]:
        letter = _column(sheet, key)
        rule = next(dv for dv in sheet.data_validations.dataValidation
                    if any(str(r).startswith(f"{letter}2:") for r in dv.sqref.ranges))
        ref = rule.formula1.split("!")[1].replace("$", "")
        return [c.value for row in lists[ref] for c in row]

    assert options("type") == list(TYPE_NAMES)
    assert options("direction") == list(DIRECTIONS)
    assert options("compare") == ["<=", "<", ">=", ">"]
    assert options("required") == ["是", "否"]
    assert "town, subdistrict" in options("applies_to")
    units = book[UNITS]
    letter = _column(units, "kind")
    assert any(str(r).startswith(f"{letter}2:") for dv in units.data_validations.dataValidation
               for r in dv.sqref.ranges)
    # one row per indicator with its parent, the data items and choices with their indicator
    assert sheet[f"{_column(sheet, 'parent')}{_row(sheet, 'EDU01C')}"].value == "EDU01"
    assert sheet[f"{_column(sheet, 'level')}{_row(sheet, 'EDU01C')}"].value == 2
    items = book[DATA_ITEMS]
    assert items[f"A{_row(items, 'EDU01A')}"].value == "EDU01C"
    assert [c.value for c in book[CHOICES]["A"]][1:] == ["EDU03"] * 3


def test_settings_are_one_row_each():
    sheet = catalogue_to_workbook(SMALL)[SETTINGS]
    rows = {str(r[0].value).split()[-1]: r[1].value for r in sheet.iter_rows(min_row=2)}
    assert rows == {"id": "valid-small", "version": "test.1", "title": "测试用小型指标目录",
                    "title_en": "Small test catalogue", "years": "2018, 2019"}


# --- the round trip -------------------------------------------------------------------------

@pytest.mark.parametrize("path", ROUND_TRIP, ids=lambda p: p.name)
def test_yaml_to_workbook_to_yaml_gives_the_same_catalogue(path, tmp_path):
    out = tmp_path / "catalogue.xlsx"
    write_workbook(path, out)
    text, problems = read_workbook(out)
    assert problems == []
    _assert_same(load_catalogue(path), parse_catalogue(text))


def test_the_round_trip_covers_the_edge_cases():
    original = parse_catalogue(EDGE)
    text = workbook_to_yaml(_bytes(catalogue_to_workbook(EDGE.encode())))
    _assert_same(original, parse_catalogue(text))
    assert 'version: "2019.10"' in text or "version: '2019.10'" in text
    assert "years: [2019]" in text


def test_the_yaml_keeps_the_order_of_the_builtin_catalogue():
    import yaml

    path = ROOT / "resources" / "catalogues" / "haiyan-2019.yaml"
    text = workbook_to_yaml(_bytes(catalogue_to_workbook(path)))
    original, again = yaml.safe_load(path.read_text("utf-8")), yaml.safe_load(text)
    assert list(again) == list(original)

    def orders(node, found):
        if isinstance(node, dict):
            found.append(tuple(node))
            for value in node.values():
                orders(value, found)
        elif isinstance(node, list):
            for value in node:
                orders(value, found)
        return found

    assert orders(again, []) == orders(original, [])


def test_an_edit_in_the_workbook_reaches_the_catalogue():
    book = catalogue_to_workbook(SMALL)
    sheet = book[INDICATORS]
    sheet[_cell(sheet, "EDU02", "target")] = 12
    sheet[_cell(sheet, "EDU02", "name")] = "生师比（修订）"
    again = parse_catalogue(workbook_to_yaml(_bytes(book)))
    assert again.index["EDU02"].target == 12
    assert again.index["EDU02"].name.zh == "生师比（修订）"
    assert _model(again) != _model(load_catalogue(SMALL))


def test_headers_are_read_by_key_or_by_chinese_label():
    book = catalogue_to_workbook(SMALL)
    sheet = book[INDICATORS]
    sheet[f"{_column(sheet, 'type')}1"] = "type"
    sheet[f"{_column(sheet, 'direction')}1"] = "计分方向"
    book[UNITS]["D1"] = "KIND"
    _assert_same(load_catalogue(SMALL), parse_catalogue(workbook_to_yaml(_bytes(book))))


def test_what_a_person_types_is_read_as_meant():
    book = catalogue_to_workbook(SMALL)
    sheet = book[INDICATORS]
    sheet[_cell(sheet, "EDU02", "weight")] = "30"  # a number kept as text
    sheet[_cell(sheet, "EDU02", "direction")] = " Lower "
    sheet[_cell(sheet, "EDU02", "allow_na")] = False  # a TRUE/FALSE cell
    sheet[_cell(sheet, "EDU02", "required")] = 1  # as LibreOffice may keep a TRUE
    sheet[_cell(sheet, "HEA01", "allow_na")] = "否"
    book[UNITS][f"D{_row(book[UNITS], 'baibu')}"] = "镇"
    _assert_same(load_catalogue(SMALL), parse_catalogue(workbook_to_yaml(_bytes(book))))


# --- LibreOffice ----------------------------------------------------------------------------

@pytest.mark.parametrize("source", ["builtin", "edge"])
def test_a_workbook_resaved_by_libreoffice_gives_the_same_catalogue(source, tmp_path):
    if source == "builtin":
        path = ROOT / "resources" / "catalogues" / "haiyan-2019.yaml"
        original = load_catalogue(path)
    else:
        path = tmp_path / "edge.yaml"
        path.write_text(EDGE, "utf-8")
        original = parse_catalogue(EDGE)
    written = tmp_path / f"{source}.xlsx"
    write_workbook(path, written)
    converted = convert_with_libreoffice(written, tmp_path)

    text, problems = read_workbook(converted)
    assert problems == []
    _assert_same(original, parse_catalogue(text))
    assert text == read_workbook(written)[0]  # the very same YAML, byte for byte
    book = openpyxl.load_workbook(converted)
    sheet = book[INDICATORS]
    code = original.domains[0].indicators[0].code
    weight = sheet[_cell(sheet, code, "weight")].value
    assert isinstance(weight, int | float) and not isinstance(weight, bool)
    assert sheet[_cell(sheet, code, "formula")].value is None  # empty stays empty
    assert book[CHOICES]["A1"].value == "所属指标 indicator"
    if source == "edge":
        assert book[SETTINGS]["B3"].value == "2019.10"
        assert book[SETTINGS]["B6"].value == 2019
        assert [c.value for c in book[CHOICES]["B"]][1:] == ["01", "02"]
        assert sheet[_cell(sheet, "A01", "max")].value == datetime.datetime(2019, 12, 31)
        assert sheet[_cell(sheet, "A04", "target")].value == "否"
        assert sheet[_cell(sheet, "A01", "required")].value == "否"


# --- bad workbooks ----------------------------------------------------------------------------

def _direction_typo(book):
    sheet = book[INDICATORS]
    sheet[_cell(sheet, "EDU02", "direction")] = "highr"
    return INDICATORS, _row(sheet, "EDU02"), _column(sheet, "direction")


def _unknown_code_in_formula(book):
    sheet = book[INDICATORS]
    sheet[_cell(sheet, "EDU01C", "formula")] = "EDU01B / EDU01X * 100"
    return INDICATORS, _row(sheet, "EDU01C"), _column(sheet, "formula")


def _weights_not_100(book):
    sheet = book[INDICATORS]
    sheet[_cell(sheet, "EDU02", "weight")] = 35
    # pointed at the first of the siblings whose weights are added up (EDU01, EDU02, EDU03)
    return INDICATORS, _row(sheet, "EDU01"), _column(sheet, "weight")


def _duplicate_code(book):
    sheet = book[DATA_ITEMS]
    sheet[_cell(sheet, "EDU01B", "code")] = "EDU02"
    return DATA_ITEMS, _row(sheet, "EDU02"), _column(sheet, "code")


def _merged_cell(book):
    sheet = book[INDICATORS]
    row = _row(sheet, "HEA01")
    sheet.merge_cells(f"{_column(sheet, 'name')}{row}:{_column(sheet, 'name_en')}{row}")
    return INDICATORS, row, _column(sheet, "name")


def _date_for_number(book):
    sheet = book[INDICATORS]
    sheet[_cell(sheet, "EDU02", "max")] = datetime.datetime(2019, 5, 1)
    return INDICATORS, _row(sheet, "EDU02"), _column(sheet, "max")


def _text_for_number(book):
    sheet = book[DOMAINS]
    sheet[_cell(sheet, "HEA", "weight")] = "四十"
    return DOMAINS, _row(sheet, "HEA"), _column(sheet, "weight")


def _empty_sheet(book):
    sheet = book[INDICATORS]
    sheet.delete_rows(2, sheet.max_row)
    return INDICATORS, 2, "A"


def _blank_sheet(book):
    sheet = book[UNITS]
    sheet.delete_rows(1, sheet.max_row)
    return UNITS, 1, "A"


def _missing_sheet(book):
    del book[DOMAINS]
    return DOMAINS, None, None


def _formula_cell(book):
    sheet = book[CHOICES]
    sheet["E2"] = "=0.5*2"
    return CHOICES, 2, "E"


def _unknown_parent(book):
    sheet = book[INDICATORS]
    sheet[_cell(sheet, "EDU01D", "parent")] = "EDU09"
    return INDICATORS, _row(sheet, "EDU01D"), _column(sheet, "parent")


def _unknown_column(book):
    sheet = book[INDICATORS]
    sheet[f"{_column(sheet, 'target')}1"] = "目标 targte"
    return INDICATORS, 1, _column(sheet, "targte")


def _bad_boolean(book):
    sheet = book[INDICATORS]
    sheet[_cell(sheet, "EDU02", "required")] = "maybe"
    return INDICATORS, _row(sheet, "EDU02"), _column(sheet, "required")


def _missing_name(book):
    sheet = book[INDICATORS]
    sheet[_cell(sheet, "EDU02", "name")] = None
    return INDICATORS, _row(sheet, "EDU02"), _column(sheet, "name")


def _missing_lead_unit(book):
    sheet = book[DATA_ITEMS]
    sheet[_cell(sheet, "EDU01A", "lead_unit")] = "baibu"  # a town, not a department
    return DATA_ITEMS, _row(sheet, "EDU01A"), _column(sheet, "lead_unit")


# (spoil, the message key, words of its text, whether it is the only problem)
BAD = [
    (_direction_typo, "wb.bad_value", ("highr", "higher"), True),
    (_unknown_code_in_formula, "cat.unknown_reference", ("EDU01X",), True),
    (_weights_not_100, "cat.weights_sum", ("105",), True),
    (_duplicate_code, "wb.duplicate_code", ("EDU02", INDICATORS), False),
    (_merged_cell, "wb.merged", (":",), True),
    (_date_for_number, "wb.date_for_number", ("2019-05-01",), True),
    (_text_for_number, "wb.text_for_number", ("四十",), True),
    (_empty_sheet, "wb.empty_sheet", (INDICATORS,), True),
    (_blank_sheet, "wb.empty_sheet", (UNITS,), True),
    (_missing_sheet, "wb.missing_sheet", (DOMAINS,), True),
    (_formula_cell, "wb.formula_cell", ("=0.5*2",), True),
    (_unknown_parent, "wb.unknown_parent", ("EDU09",), False),
    (_unknown_column, "wb.unknown_column", ("targte", "target"), False),
    (_bad_boolean, "wb.wrong_kind", ("maybe",), True),
    (_missing_name, "cat.missing_field", ("name",), True),
    (_missing_lead_unit, "cat.lead_not_department", ("baibu",), True),
]


@pytest.mark.parametrize(("spoil", "key", "words", "alone"), BAD,
                         ids=lambda v: getattr(v, "__name__", ""))
def test_a_bad_workbook_is_refused_with_its_sheet_row_and_column(spoil, key, words, alone,
                                                                 tmp_path):
    book = catalogue_to_workbook(SMALL)
    sheet, row, column = spoil(book)
    source = tmp_path / "bad.xlsx"
    book.save(source)
    out = tmp_path / "catalogue.yaml"

    with pytest.raises(WorkbookError) as refused:
        import_workbook(source, out)
    assert not out.exists()  # nothing written
    assert list(tmp_path.iterdir()) == [source]
    problems = refused.value.problems
    found = [p for p in problems if p.message.key == key]
    assert found, [p.render("en") for p in problems]
    problem = found[0]
    assert (problem.sheet, problem.row, problem.column) == (sheet, row, column)
    for lang in ("zh", "en"):
        text = problem.render(lang)
        assert sheet in text
        if row is not None:
            assert str(row) in text and column in text
        for word in words:
            assert word in text
    if alone:  # no echo of the same cell by the catalogue checks
        assert problems == [problem]
    assert read_workbook(source)[1] == problems


def test_a_missing_sheet_is_reported_without_its_consequences():
    book = catalogue_to_workbook(SMALL)
    del book[DOMAINS]
    problems = read_workbook(_bytes(book))[1]
    assert [p.message.key for p in problems] == ["wb.missing_sheet"]


def test_a_problem_names_its_place_in_both_languages():
    book = catalogue_to_workbook(SMALL)
    _direction_typo(book)
    problem = read_workbook(_bytes(book))[1][0]
    column = problem.column
    assert problem.render("zh").startswith(f"工作表“{INDICATORS}”第 5 行 {column} 列: EDU02 ")
    assert problem.render("en").startswith(f"sheet “{INDICATORS}”, row 5, column {column}: ")
    assert problem.to_json("en") == {
        "sheet": INDICATORS, "row": 5, "column": column, "code": "EDU02",
        "field": "direction", "message": problem.message.render("en")}


@pytest.mark.parametrize("content", [b"", b"not a workbook", b"PK\x03\x04broken zip",
                                     b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old xls"])
def test_a_file_that_is_no_workbook_is_one_sentence(content, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookUnreadable) as refused:
        read_workbook(path)
    assert refused.value.status == 2
    assert "x.xlsx" in refused.value.message.render("zh")
    assert ".xlsx" in refused.value.message.render("en")


def test_a_broken_catalogue_is_not_exported(tmp_path):
    out = tmp_path / "x.xlsx"
    with pytest.raises(CatalogueError):
        write_workbook(CATALOGUES / "broken" / "weights-not-100.yaml", out)
    assert not out.exists()
