"""The year's tables as an Excel workbook (county/workbook.py, ``jobs.equalization.
export_year``), on the townships' real signed reports of the county desk (tests/county_desk.py)
received into a county database.

The written file is opened again with openpyxl and its figures checked against
``compare_year``'s, its register against ``county_status``; every table has its header in
both languages; numbers are numbers with number formats; the file opens again after
LibreOffice has saved it (when soffice is installed). Nothing here names an indicator or a
unit of the catalogue: they come from the comparison and the desk.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from haiyan_desktop.county.equalization import OVERALL
from haiyan_desktop.county.workbook import SHEETS, WORKBOOK_TEXT, sheet_title
from haiyan_desktop.jobs import DataFolder
from haiyan_desktop.jobs.county import county_status
from haiyan_desktop.jobs.equalization import EXPORT_STEPS, compare_year, export_year
from tests.conftest import convert_with_libreoffice
from tests.county import YEAR
from tests.county_desk import LAST_YEAR_GAIN


@pytest.fixture(scope="module")
def written(received, tmp_path_factory):
    """The workbook of the year with last year's reports, its info and the progress seen."""
    out = tmp_path_factory.mktemp("workbook") / "汇总表.xlsx"
    steps: list[tuple[int, int]] = []
    info = export_year(received.with_last_year, YEAR, out, progress=lambda *a: steps.append(a))
    assert steps == [(n, EXPORT_STEPS) for n in range(1, EXPORT_STEPS + 1)]
    return info


@pytest.fixture(scope="module")
def book(written):
    return openpyxl.load_workbook(written.path)


@pytest.fixture(scope="module")
def comparison(received):
    return compare_year(received.with_last_year, YEAR)


def rows(sheet, first: int = 3) -> list[list]:
    """The rows under the two header rows, up to the first empty one."""
    out = []
    for row in sheet.iter_rows(min_row=first, values_only=True):
        if all(v is None for v in row):
            break
        out.append(list(row))
    return out


def column(sheet, english: str) -> int:
    """The index (0-based) of the column whose English header is ``english``."""
    headers = [c.value for c in sheet[2]]
    return headers.index(english)


def both(key: str) -> tuple[str, str]:
    return WORKBOOK_TEXT[key]


def same(cells, figures) -> bool:
    """Cells hold the figures: a number as written to 16 significant digits (as openpyxl
    writes a cell, and more than Excel's 15), anything else exactly."""
    cells, figures = list(cells), list(figures)
    if len(cells) != len(figures):
        return False
    for cell, figure in zip(cells, figures, strict=True):
        if isinstance(figure, float) and not isinstance(cell, bool):
            if not isinstance(cell, int | float) or float(f"{figure:.16g}") != cell:
                return False
        elif cell != figure:
            return False
    return True


# --- the sheets ---------------------------------------------------------------------------------
def test_every_sheet_is_there_in_order_with_both_headers_frozen(book, written):
    assert book.sheetnames == [sheet_title(k) for k in SHEETS] == list(written.sheets)
    assert book.sheetnames[0] == "说明 About" and book.sheetnames[-1] == "报告登记 Register"
    for key in SHEETS[1:]:
        sheet = book[sheet_title(key)]
        zh = [c.value for c in sheet[1]]
        en = [c.value for c in sheet[2]]
        assert zh and len(zh) == len(en) and all(zh) and all(en), key
        assert any("\u4e00" <= ch <= "\u9fff" for text in zh for ch in text), key
        assert all(text.isascii() for text in en if text != both("sheet.theil")[1]), (key, en)
        assert sheet.freeze_panes is not None and sheet.freeze_panes.endswith("3"), key
        assert all(sheet.column_dimensions[c.column_letter].width >= 6 for c in sheet[1])


def test_about_tells_year_catalogue_time_and_counts(book, received, comparison, written):
    sheet = book[sheet_title("about")]
    facts = {row[1]: row[2] for row in sheet.iter_rows(min_row=5, values_only=True)
             if row[1] is not None and row[2] is not None}
    status = county_status(DataFolder.at(received.with_last_year), YEAR)
    assert str(YEAR) in sheet["A1"].value and str(YEAR) in sheet["A2"].value
    assert facts["Assessment year"] == YEAR
    assert facts["Catalogue"] == comparison.catalogue["id"]
    assert facts["Catalogue version"] == comparison.catalogue["version"]
    assert facts["Catalogue SHA-256"] == comparison.catalogue["sha256"]
    assert isinstance(facts["Generated"], datetime)
    local = written.generated_at.astimezone().replace(tzinfo=None, microsecond=0)
    assert facts["Generated"] == local
    assert facts["Townships compared"] == len(comparison.units)
    assert facts["Reports accepted"] == status.count("accepted") == len(comparison.units)
    assert facts["Units with only refused files"] == status.count("quarantined") == 1
    assert facts["Units without a report"] == status.count("missing") == 1
    assert facts["Files quarantined"] == len(received.refused_files) == 3
    assert facts["Compared with the year"] == YEAR - 1
    titles = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert all(sheet_title(k) in titles for k in SHEETS[1:])


def test_the_ranking_holds_the_compared_scores_as_numbers(book, comparison):
    sheet = book[sheet_title("ranking")]
    codes = [d.code for d in comparison.domains]
    en = [c.value for c in sheet[2]]
    assert en[:6] == ["Rank", "Code", "Unit", "Unit (English)", "Kind", "Overall"]
    assert en[6:] == [f"{d.code} {d.name.en}" for d in comparison.domains]
    assert [c.value for c in sheet[1]][6:] == [d.name.zh for d in comparison.domains]
    found = rows(sheet)
    assert len(found) == len(comparison.units)
    for row, unit in zip(found, comparison.units, strict=True):
        assert row[:4] == [unit.rank, unit.code, unit.name.zh, unit.name.en]
        assert same(row[5:], [unit.overall, *(unit.domains[c] for c in codes)])  # unrounded
        assert isinstance(row[5], float)
    overall = sheet.cell(row=3, column=6)
    assert overall.number_format == "0.00" and overall.data_type == "n"
    mean, median = rows(sheet, first=3 + len(found) + 1)
    assert mean[2:4] == list(both("row.mean")) and median[2:4] == list(both("row.median"))
    assert same((mean[5], median[5]), (comparison.overall.mean, comparison.overall.median))
    assert same(mean[6:], [comparison.domain_stats[c].mean for c in codes])
    assert sheet.cell(row=3 + len(found) + 1, column=3).font.b


def test_the_heat_map_holds_attainments_coloured_on_one_scale(book, comparison):
    sheet = book[sheet_title("heatmap")]
    heat = comparison.heatmap
    found = rows(sheet)
    by_code = {u.code: u for u in comparison.units}
    assert [r[0] for r in found] == list(heat.units)
    for row, values in zip(found, heat.values, strict=True):
        assert row[4] == pytest.approx(by_code[row[0]].overall / 100, abs=1e-15)
        assert same(row[5:], values)
    assert sheet.cell(row=3, column=5).number_format == "0.00%"
    last = sheet.cell(row=2 + len(found), column=len(found[0])).coordinate
    ranges = {str(cf.sqref): [r.type for r in cf.rules] for cf in sheet.conditional_formatting}
    assert ranges == {f"E3:{last}": ["colorScale", "cellIs"]}  # one scale, white on the deep


def test_dispersion_per_indicator_as_compared(book, comparison):
    sheet = book[sheet_title("dispersion")]
    found = {row[0]: row for row in rows(sheet)}
    assert list(found) == [i.code for i in comparison.indicators]
    at = {name: column(sheet, name) for name in (
        "Mean", "Median", "Min", "Max", "Range", "SD", "CV", "Max/min", "Below target",
        "Units scored", "CV last year")}
    changes = {c.code: c for c in comparison.changes.indicators}
    for ind in comparison.indicators:
        row, s = found[ind.code], ind.stats
        assert same([row[at[k]] for k in ("Mean", "Median", "Min", "Max", "Range", "SD", "CV",
                                          "Max/min")],
                    [s.mean, s.median, s.min, s.max, s.range, s.sd, s.cv, s.max_min_ratio])
        assert (row[at["Below target"]], row[at["Units scored"]]) == (ind.below_target, s.n)
        assert same([row[at["CV last year"]]], [changes[ind.code].previous_cv])
    numeric = next(i for i in comparison.indicators if i.basis == "value" and i.stats.n)
    number = sheet.cell(row=3 + list(found).index(numeric.code), column=at["Mean"] + 1)
    assert number.number_format == "#,##0.00" and isinstance(number.value, float)


def test_urban_rural_theil_with_its_parts(book, comparison):
    sheet = book[sheet_title("theil")]
    found = rows(sheet)
    assert len(found) == len(comparison.theil)
    total, between, within = (column(sheet, k) for k in ("Theil index", "Between", "Within"))
    for row, theil in zip(found, comparison.theil, strict=True):
        assert same((row[total], row[between], row[within]),
                    (theil.total, theil.between, theil.within))
        assert row[between] + row[within] == pytest.approx(row[total], abs=1e-12)
    assert found[0][:2] == list(both("measure.overall"))
    assert comparison.theil[0].measure == OVERALL
    assert sheet.cell(row=3, column=total + 1).number_format == "0.000000"


def test_weak_indicators_one_row_each(book, comparison):
    sheet = book[sheet_title("weak")]
    found = rows(sheet)
    expected = [(u.code, w.code, w.attainment, w.county_mean, w.gap)
                for u in comparison.weak for w in u.indicators]
    assert len(found) == len(expected)
    assert all(same((r[1], r[4], r[9], r[10], r[11]), e)
               for r, e in zip(found, expected, strict=True))
    assert sheet.cell(row=3, column=10).number_format == "0.00%"


def test_the_change_against_last_year(book, comparison):
    sheet = book[sheet_title("change")]
    found = rows(sheet)
    expected = [(u.code, u.overall, u.previous, u.change, u.rank, u.previous_rank)
                for u in comparison.changes.units]
    assert len(found) == len(expected)
    assert all(same((r[0], r[3], r[4], r[5], r[6], r[7]), e)
               for r, e in zip(found, expected, strict=True))
    assert all(r[5] == pytest.approx(LAST_YEAR_GAIN) for r in found)


def test_county_figures_sums_and_departments(book, comparison):
    sheet = book[sheet_title("county")]
    found = rows(sheet)
    figures = {r[0]: r for r in found}
    for f in comparison.county_figures:
        row = figures[f.code]
        assert same((row[5], row[6], row[9]), (f.units, f.value, f.mean_of_units))
    for n in comparison.not_formed:
        assert figures[n.code][6] is None and figures[n.code][10]
    titles = [r[0] for r in sheet.iter_rows(values_only=True)]
    sums_at = titles.index("  ".join(both("block.sums"))) + 1
    sums = rows(sheet, first=sums_at + 3)
    expected = [(f.code, code, total) for f in comparison.county_figures
                for code, total in f.sums.items()]
    assert len(sums) == len(expected)
    assert all(same((r[0], r[1], r[3]), e) for r, e in zip(sums, expected, strict=True))
    departments_at = titles.index("  ".join(both("block.departments"))) + 1
    assert [c.value for c in sheet[departments_at + 2]][:3] == ["Code", "Department",
                                                                "Department (English)"]
    led = rows(sheet, first=departments_at + 3)
    assert {r[0] for r in led} == {d.code for d in comparison.departments}


def test_the_register_is_the_status_of_the_year(book, received):
    status = county_status(DataFolder.at(received.with_last_year), YEAR)
    sheet = book[sheet_title("register")]
    found = rows(sheet)
    at = {k: column(sheet, k) for k in ("Code", "State", "File", "File SHA-256", "Clerk",
                                        "Clerk: signed at", "Unit head", "Unit head: signed at",
                                        "Reason code", "Reason")}
    by_unit: dict[str, list[list]] = {}
    for row in found:
        by_unit.setdefault(row[at["Code"]], []).append(row)
    assert set(by_unit) == {u.code for u in status.units} | {None}  # None: named no unit
    (apart,) = by_unit[None]
    assert [q.file_name for q in status.unassigned] == [apart[at["File"]]] == ["not_pdf.pdf"]
    assert (apart[at["State"]], apart[at["Reason code"]]) == ("文件被隔离 file quarantined",
                                                              "not_pdf")
    for unit in status.units:
        mine = by_unit[unit.code]
        if unit.report is not None:
            row = next(r for r in mine if r[at["File SHA-256"]] == unit.report.sha256)
            assert row[at["State"]] == "已接收 accepted"
            assert row[at["File"]] == unit.report.file_name
            signers = {s.role: s for s in unit.report.signers}
            for role, name in (("clerk", "Clerk"), ("head", "Unit head")):
                assert row[at[name]] == signers[role].name
                when = signers[role].signed_at.astimezone().replace(tzinfo=None,
                                                                     microsecond=0)
                assert row[at[f"{name}: signed at"]] == when
        for entry in unit.quarantined:
            row = next(r for r in mine if r[at["File"]] == entry.file_name)
            assert row[at["Reason code"]] == entry.reason
            assert row[at["Reason"]] == entry.message.en
    assert [r[at["State"]] for r in by_unit[received.missing_unit]] == ["未收到 missing"]
    refused = by_unit[received.refused_unit]
    assert [r[at["State"]] for r in refused] == ["已隔离 quarantined"]
    assert refused[0][at["Reason code"]] == "year_not_in_catalogue"
    tampered = [r for r in found if r[at["File"]] == received.tampered]
    assert len(tampered) == 1 and tampered[0][at["Reason code"]] == "not_intact"
    assert tampered[0][at["State"]] == "文件被隔离 file quarantined"
    signed = sheet.cell(row=3, column=at["Clerk: signed at"] + 1)
    assert signed.is_date and signed.number_format == "yyyy-mm-dd hh:mm:ss"


def test_without_last_year_the_change_sheet_says_so(received, tmp_path):
    info = export_year(received.folder, YEAR, tmp_path / "本年.xlsx")
    book = openpyxl.load_workbook(info.path)
    change = rows(book[sheet_title("change")])
    assert change == [[None, *both("change.none")] + [None] * (len(change[0]) - 3)]
    dispersion = book[sheet_title("dispersion")]
    assert all(r[column(dispersion, "CV last year")] is None for r in rows(dispersion))


def test_it_opens_again_after_libreoffice_saved_it(written, comparison, tmp_path):
    saved = convert_with_libreoffice(written.path, tmp_path)  # fails when soffice is missing
    again = openpyxl.load_workbook(saved)
    assert again.sheetnames == list(written.sheets)
    ranking = again[sheet_title("ranking")]
    assert [c.value for c in ranking[2]][:3] == ["Rank", "Code", "Unit"]
    found = rows(ranking)[:len(comparison.units)]
    for row, unit in zip(found, comparison.units, strict=True):
        assert (row[0], row[1]) == (unit.rank, unit.code)
        assert row[5] == pytest.approx(unit.overall, rel=1e-12)
    register = again[sheet_title("register")]
    assert len(rows(register)) == len(rows(openpyxl.load_workbook(written.path)[
        sheet_title("register")]))


def test_a_failure_while_saving_leaves_the_old_file_and_nothing_else(received, tmp_path,
                                                                     monkeypatch):
    import errno

    from openpyxl.workbook.workbook import Workbook

    from haiyan_desktop.errors import HaiyanError

    out = tmp_path / "tables.xlsx"
    out.write_bytes(b"last week's tables")

    def full_disk(self, filename):
        Path(filename).write_bytes(b"PK\x03\x04 half a workbook")
        raise OSError(errno.ENOSPC, "No space left on device", filename)

    monkeypatch.setattr(Workbook, "save", full_disk)
    with pytest.raises(HaiyanError) as err:
        export_year(received.folder, YEAR, out)
    assert err.value.message.key == "cxlsx.write_failed"
    assert "磁盘空间已满" in err.value.message.zh and "the disk is full" in err.value.message.en
    assert out.read_bytes() == b"last week's tables"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables.xlsx"]
