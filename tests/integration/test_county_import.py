"""`haiyan-desktop county import` and `county status` run as real processes.

The townships' signed reports and the bad files (tests/county_desk.py) go through the CLI as
the county office would pass a USB stick: a line per file, one reason per refused file, the
exit status says whether anything was quarantined, and the JSON output is stable.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from tests.county import UNIT, YEAR
from tests.county_desk import BAD_CASES


@pytest.fixture(scope="module")
def imported(desk, tmp_path_factory):
    """A county data folder that received the good reports, then the bad files and the
    newer report (two CLI runs, both kept)."""
    data = desk.fresh_folder(tmp_path_factory.mktemp("county-cli") / "data")
    good = run_cli("--data-dir", str(data), "county", "import", str(desk.work / "reports"))
    bad = run_cli("--data-dir", str(data), "county", "import", "--json",
                  str(desk.work / "bad"), str(desk.newer), str(desk.reports[UNIT]))
    return data, good, bad


def test_good_reports_each_get_a_line_and_exit_0(desk, imported):
    _data, good, _bad = imported
    assert good.returncode == 0, good.stderr
    lines = good.stdout.splitlines()
    accepted = [line for line in lines if line.startswith("已接收：")]
    assert len(accepted) == len(desk.units)
    for code, path in desk.reports.items():
        assert any(str(path) in line and "2019 年度" in line for line in accepted), code
    assert f"接收 {len(desk.units)} 个" in lines[-1] and "隔离 0 个" in lines[-1]
    assert good.stderr == ""


def test_bad_files_are_quarantined_with_their_reasons_and_exit_1(desk, imported):
    _data, _good, bad = imported
    assert bad.returncode == 1, bad.stderr
    assert "Traceback" not in bad.stderr
    report = json.loads(bad.stdout)
    files = {f["file"]: f for f in report["files"]}
    for case, reason in BAD_CASES.items():
        entry = files[str(desk.bad[case])]
        assert (entry["outcome"], entry["reason"]) == ("quarantined", reason), case
        assert entry["message"]
    newer = files[str(desk.newer)]
    assert newer["outcome"] == "superseded" and newer["unit"] == UNIT and newer["supersedes"]
    again = files[str(desk.reports[UNIT])]
    assert again["outcome"] == "duplicate" and again["reason"] == "duplicate"
    assert report["summary"] == {"pdfs": len(BAD_CASES) + 2, "accepted": 1, "superseded": 1,
                                 "quarantined": len(BAD_CASES), "duplicates": 1,
                                 "skipped": 0, "seconds": report["summary"]["seconds"]}


def test_status_lists_every_unit(desk, imported):
    data, _good, _bad = imported
    result = run_cli("--data-dir", str(data), "county", "status", "--year", str(YEAR),
                     "--json")
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert {u["unit"] for u in status["units"]} == set(desk.units)
    assert all(u["state"] == "accepted" for u in status["units"])
    wuyuan = next(u for u in status["units"] if u["unit"] == UNIT)
    assert wuyuan["report"]["file"] == desk.newer.name and len(wuyuan["superseded"]) == 1
    assert {q["reason"] for q in wuyuan["quarantined"]} >= {"foreign_ca", "not_intact"}
    assert status["summary"]["accepted"] == len(desk.units)
    text = run_cli("--data-dir", str(data), "--lang", "en", "county", "status", "--year",
                   str(YEAR))
    assert text.returncode == 0 and f"{len(desk.units)} units: {len(desk.units)} accepted" \
        in text.stdout


def test_quarantined_lines_name_the_reason_in_english(desk, tmp_path):
    data = desk.fresh_folder(tmp_path / "data")
    result = run_cli("--data-dir", str(data), "--lang", "en", "county", "import",
                     str(desk.bad["forged"]), str(desk.bad["sample"]), str(tmp_path / "data"))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("quarantined: ") and "[foreign_ca]" in line for line in lines)
    assert any("[sample_data]" in line and "sample data" in line for line in lines)
    assert "2 PDFs: 0 accepted" in lines[-1]


def test_no_county_root_is_a_usage_error(desk, tmp_path):
    result = run_cli("--data-dir", str(tmp_path / "bare"), "county", "import",
                     str(desk.reports[UNIT]))
    assert result.returncode == 2
    assert "没有安装县级根证书" in result.stderr and "trust install" in result.stderr
    assert result.stdout == "" and not (tmp_path / "bare" / "county.db").exists()


def test_usage_errors_exit_2(desk, tmp_path):
    data = desk.fresh_folder(tmp_path / "data")
    no_paths = run_cli("--data-dir", str(data), "county", "import")
    assert no_paths.returncode == 2
    missing = run_cli("--data-dir", str(data), "county", "import", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "nowhere" in missing.stderr
    no_year = run_cli("--data-dir", str(data), "county", "status", "--year", "2017")
    assert no_year.returncode == 2 and "2017" in no_year.stderr
    assert "Traceback" not in no_paths.stderr + missing.stderr + no_year.stderr
