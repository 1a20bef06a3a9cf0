"""Importing values files into the store: round trips, other tools' files, refusals."""

from __future__ import annotations

import random

import openpyxl
import pytest

from haiyan_desktop.exchange.importer import ImportRefused, import_file
from haiyan_desktop.exchange.template import write_csv, write_xlsx
from haiyan_desktop.exchange.values_file import ValuesFileError
from haiyan_desktop.sample_values import plausible_entries
from haiyan_desktop.store import Store, SubmissionLocked
from tests.conftest import convert_with_libreoffice

YEAR = 2019


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "data", actor="王五") as opened:
        yield opened


@pytest.fixture
def sub(store, builtin):
    return store.open_submission(builtin, "shendang", YEAR)


def complete(builtin, seed=3):
    return plausible_entries(builtin, "town", random.Random(seed))


def meaning(store, sub):
    return {c: (v.value, v.na, v.comment) for c, v in store.values(sub).items()}


def fill_value_column(path, values: dict[str, object]) -> None:
    """Type values into the template's value column, as a clerk does in Excel."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header_row = next(r for r in sheet.iter_rows(max_row=10) if r[0].value == "指标代码")
    columns = {c.value: c.column for c in header_row}
    for row in sheet.iter_rows(min_row=header_row[0].row + 1):
        code = row[0].value
        if code in values:
            sheet.cell(row=row[0].row, column=columns["本年数值"], value=values[code])
    book.save(path)


def test_export_fill_in_excel_import_gives_the_same_values(store, sub, builtin, tmp_path):
    entries = complete(builtin)
    path = tmp_path / "template.xlsx"
    write_xlsx(path, builtin, sub.unit, YEAR, {}, None)  # a blank template
    typed = {c: e.raw for c, e in entries.items()}
    fill_value_column(path, {c: (float(v) if v.replace(".", "").isdigit() else v)
                             for c, v in typed.items()})
    report = import_file(store, sub, path)
    assert report.outcome.rejected == {}
    assert sorted(report.outcome.stored) == sorted(entries)
    reference_dir = tmp_path / "reference"
    with Store(reference_dir) as reference:
        ref_sub = reference.open_submission(builtin, "shendang", YEAR)
        reference.set_values(ref_sub, entries)
        assert {c: v[0] for c, v in meaning(store, sub).items()} == {
            c: v[0] for c, v in meaning(reference, ref_sub).items()}
    assert all(r["action"] == "import" for r in store.history(sub) if r["code"])
    again = import_file(store, sub, path)
    assert again.outcome.stored == [] and len(again.outcome.unchanged) == again.total_rows


def test_a_file_saved_by_libreoffice_imports(store, sub, builtin, tmp_path):
    entries = complete(builtin, seed=5)
    path = tmp_path / "values.xlsx"
    write_xlsx(path, builtin, sub.unit, YEAR, entries, None)
    converted = convert_with_libreoffice(path, tmp_path)
    report = import_file(store, sub, converted)
    assert report.outcome.rejected == {}
    assert sorted(report.outcome.stored) == sorted(entries)


def test_gb18030_csv_imports(store, sub, builtin, tmp_path):
    entries = complete(builtin, seed=6)
    utf8 = tmp_path / "values.csv"
    write_csv(utf8, builtin, sub.unit, YEAR, entries)
    gb = tmp_path / "values-gb.csv"
    gb.write_bytes(utf8.read_text(encoding="utf-8-sig").encode("gb18030"))
    report = import_file(store, sub, gb)
    assert report.outcome.rejected == {} and len(report.outcome.stored) == len(entries)


def test_invalid_values_are_reported_and_left_untouched(store, sub, tmp_path):
    store.set_value(sub, "EDU02", "99.5")
    path = tmp_path / "v.csv"
    path.write_text("指标代码,数值,备注\nEDU02,abc,\nEDU05,120,\nEMP02,96.5,\n", encoding="utf-8")
    report = import_file(store, sub, path)
    assert set(report.outcome.rejected) == {"EDU02", "EDU05"}
    assert report.outcome.rejected["EDU05"][0].rule == "max"
    assert report.outcome.stored == ["EMP02"]
    assert store.values(sub)["EDU02"].value == 99.5


def test_an_empty_cell_keeps_the_stored_value(store, sub, tmp_path):
    store.set_value(sub, "EDU02", "99.5")
    path = tmp_path / "v.csv"
    path.write_text("code,value,comment\nEDU02,,已核对\n", encoding="utf-8")
    import_file(store, sub, path)
    stored = store.values(sub)["EDU02"]
    assert (stored.value, stored.comment) == (99.5, "已核对")


@pytest.mark.parametrize(
    ("content", "rule"),
    [("code,value\nEDU02,99\nEDU02,98\n", "duplicate_row"),
     ("code,value\nEDU02,99\nXYZ01,98\n", "unknown_code"),
     ("code,value\nEDU02,99\nHEA01A,7\n", "unknown_code")],  # a department's indicator
)
def test_bad_rows_refuse_the_whole_file(store, sub, tmp_path, content, rule):
    path = tmp_path / "v.csv"
    path.write_text(content, encoding="utf-8")
    before = store.db.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    with pytest.raises(ImportRefused) as caught:
        import_file(store, sub, path)
    assert rule in {p.rule for p in caught.value.problems}
    assert "未保存任何数值" in caught.value.message.zh
    assert store.values(sub) == {}
    assert store.db.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == before


def test_a_file_of_another_unit_or_year_stores_nothing(store, sub, builtin, tmp_path):
    wuyuan = builtin.unit("wuyuan")
    for unit, year in ((wuyuan, YEAR), (sub.unit, YEAR - 1)):
        path = tmp_path / f"{unit.code}-{year}.xlsx"
        write_xlsx(path, builtin, unit, year, complete(builtin), None)
        with pytest.raises(ImportRefused) as caught:
            import_file(store, sub, path)
        assert "不是 沈荡镇 2019 年度的" in caught.value.message.zh
    assert store.values(sub) == {}


def test_a_signed_submission_refuses_imports(store, sub, builtin, tmp_path):
    store.set_values(sub, complete(builtin))
    store.mark_checked(sub)
    store.mark_signed(sub, "cd" * 32, "report.pdf")
    path = tmp_path / "v.csv"
    path.write_text("code,value\nEDU02,90\n", encoding="utf-8")
    with pytest.raises(SubmissionLocked):
        import_file(store, sub, path)
    assert store.values(sub)["EDU02"].value != 90.0


@pytest.mark.parametrize(("name", "data"), [
    ("broken.xlsx", b"PK\x03\x04 truncated"),
    ("empty.xlsx", b""),
    ("noheader.csv", b"a,b\n1,2\n"),
    ("binary.csv", b"\x00\x01\x02" * 50),
])
def test_unreadable_files_give_a_message_and_store_nothing(store, sub, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ValuesFileError) as caught:
        import_file(store, sub, path)
    assert caught.value.message.zh and caught.value.message.en
    assert store.values(sub) == {}
