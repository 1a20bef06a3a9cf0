"""`haiyan-desktop county export --year Y -o F.xlsx [--json]`, run as a real process on the
county desk's received reports (tests/county_desk.py: received_year).

The workbook is written whole or not at all: a bad output path (a folder, a missing folder,
another suffix, a place that cannot be written) is one sentence, a non-zero exit status and no
file, not even a part of one.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from haiyan_desktop.county.workbook import SHEETS, sheet_title
from tests.conftest import run_cli
from tests.county import YEAR


def export(data: Path, out: Path | str, *extra: str):
    return run_cli("--data-dir", str(data), *extra, "county", "export", "--year", str(YEAR),
                   "-o", str(out))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_export_writes_the_workbook_and_says_so_in_both_languages(received, tmp_path):
    out = tmp_path / "海盐县_2019_县级汇总.xlsx"
    run = export(received.with_last_year, out)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.strip() == (f"{YEAR} 年度汇总表已导出：{out}（9 张工作表，"
                                  f"{_units(received)} 个镇（街道））")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [sheet_title(k) for k in SHEETS]
    assert leftovers(tmp_path) == [out.name]  # no temporary file left behind
    en = export(received.with_last_year, out, "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert en.stdout.strip() == (f"The {YEAR} tables were exported to {out} (9 sheets, "
                                 f"{_units(received)} townships)")


def _units(received) -> int:
    from haiyan_desktop.jobs.equalization import compare_year

    return len(compare_year(received.with_last_year, YEAR).units)


def test_export_json(received, tmp_path):
    out = tmp_path / "tables.xlsx"
    run = run_cli("--data-dir", str(received.folder), "county", "export", "--year", str(YEAR),
                  "-o", str(out), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert set(data) == {"path", "year", "sheets", "units", "rows", "generated_at"}
    assert (data["path"], data["year"], data["units"]) == (str(out), YEAR, _units(received))
    assert data["sheets"] == [sheet_title(k) for k in SHEETS]
    assert data["rows"]["ranking"] == data["units"] + 3  # a blank row, mean and median
    assert data["rows"]["register"] >= data["units"] + 2  # the refused and the missing


@pytest.mark.parametrize("case", ["folder", "no_folder", "suffix", "unwritable"])
def test_a_bad_output_path_is_one_sentence_and_writes_nothing(received, tmp_path, case):
    if case == "folder":
        out, expected = tmp_path, ("是一个文件夹", "is a folder")
    elif case == "no_folder":
        out, expected = tmp_path / "nowhere" / "t.xlsx", ("输出目录不存在",
                                                         "output folder does not exist")
    elif case == "suffix":
        out, expected = tmp_path / "tables.pdf", (".xlsx 结尾", "must end in .xlsx")
    else:  # a place nobody may write into (the tests run as root: /proc refuses even root)
        out, expected = Path("/proc/haiyan-tables.xlsx"), ("无法写入汇总表",
                                                           "cannot be written")
    before = leftovers(tmp_path)
    for lang, words in (("zh", expected[0]), ("en", expected[1])):
        run = export(received.folder, out, "--lang", lang)
        assert run.returncode == 2, run.stdout
        assert run.stdout == ""
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0], run.stderr
        assert "Traceback" not in run.stderr
    assert leftovers(tmp_path) == before
    assert not Path(out).is_file()


def test_an_existing_file_is_replaced_whole(received, tmp_path):
    out = tmp_path / "tables.xlsx"
    out.write_bytes(b"an older file")
    run = export(received.folder, out)
    assert run.returncode == 0, run.stderr
    assert openpyxl.load_workbook(out).sheetnames[0] == sheet_title("about")
    assert leftovers(tmp_path) == ["tables.xlsx"]


def test_a_year_without_reports_writes_nothing(received, tmp_path):
    out = tmp_path / "t.xlsx"
    run = run_cli("--data-dir", str(received.folder), "county", "export", "--year", "2017",
                  "-o", str(out))
    assert run.returncode == 2
    assert "尚未接收到 2017 年" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert leftovers(tmp_path) == []
