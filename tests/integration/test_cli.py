"""The command line run as a real process: output, JSON contract and exit statuses."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from tests.conftest import CATALOGUES

SCORING = str(CATALOGUES / "scoring.yaml")
GOOD_ROWS = [("A01", "95", ""), ("A02A", "200", ""), ("A02B", "190", ""), ("A02D", "2.5", ""),
             ("B01", "0.3", ""), ("B02", "是", ""), ("B03", "优", "")]


def write_csv(path, rows, header=("code", "value", "comment"), encoding="utf-8"):
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])  # quotes "1,200" as Excel does
    path.write_bytes(out.getvalue().encode(encoding))
    return str(path)


def test_catalogue_show_json_lists_the_whole_tree(cli):
    result = cli("catalogue", "show", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["domains"]) == 8
    firsts = [i for d in data["domains"] for i in d["indicators"]]
    seconds = [c for i in firsts for c in i.get("children", [])]
    assert (len(firsts), len(seconds)) == (41, 60)
    for indicator in firsts + seconds:
        assert {"code", "name", "name_en", "weight"} <= set(indicator)
    assert all("type" in s for s in seconds)
    assert {u["kind"] for u in data["units"]} >= {"town", "subdistrict"}
    assert len(data["rules"]) >= 6 and {"id", "left", "operator"} <= set(data["rules"][0])
    # every indicator is weighted; the data items are listed apart, each under its indicator
    assert all(i["weight"] > 0 for i in firsts + seconds)
    items = data["data_items"]
    assert items and data["counts"] == {"domains": 8, "first_level": 41, "second_level": 60,
                                        "data_items": len(items)}
    indicator_codes = {i["code"] for i in firsts + seconds}
    assert not {i["code"] for i in items} & indicator_codes
    owners = {i["code"]: i for i in firsts + seconds}
    for item in items:
        assert "weight" not in item and item["code"] in owners[item["indicator"]]["data_items"]


def test_a_department_is_shown_only_the_indicators_it_leads(cli):
    data = json.loads(cli("catalogue", "show", "--json").stdout)
    departments = [u["code"] for u in data["units"] if u["kind"] == "department"]
    leaves = [c for d in data["domains"] for i in d["indicators"]
              for c in [i, *i.get("children", [])] if "type" in c]
    for code in departments:
        shown = json.loads(cli("catalogue", "show", "--json", "--unit", code).stdout)
        codes = [c["code"] for d in shown["domains"] for i in d["indicators"]
                 for c in [i, *i.get("children", [])] if "type" in c]
        assert codes, f"{code} leads no county-level indicator"
        assert codes == [c["code"] for c in leaves
                         if c["lead_unit"] == code and "department" in c["applies_to"]]


def test_catalogue_show_for_a_unit_hides_what_does_not_apply(cli):
    town = json.loads(cli("catalogue", "show", "--json", "--unit", "沈荡镇").stdout)
    codes = {c["code"] for d in town["domains"] for i in d["indicators"]
             for c in [i, *i.get("children", [])]}
    dept = json.loads(cli("catalogue", "show", "--json", "--unit", "health_bureau").stdout)
    dept_codes = {c["code"] for d in dept["domains"] for i in d["indicators"]
                  for c in [i, *i.get("children", [])]}
    assert codes and dept_codes and not (codes & dept_codes)


def test_catalogue_show_text_in_both_languages(cli):
    zh = cli("catalogue", "show")
    en = cli("--lang", "en", "catalogue", "show")
    assert "公共教育" in zh.stdout and "Public education" in en.stdout
    assert "41" in en.stdout and "60" in en.stdout


def test_catalogue_check_builtin_passes(cli):
    result = cli("catalogue", "check", "resources/catalogues/haiyan-2019.yaml")
    assert result.returncode == 0
    assert "8 个服务领域，41 个一级指标，60 个二级指标" in result.stdout


def test_check_good_values_exits_0(cli, tmp_path):
    path = write_csv(tmp_path / "good.csv", GOOD_ROWS)
    result = cli("check", "--year", "2019", "--catalogue", SCORING, path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "实现度: " in result.stdout and "校验通过" in result.stdout


def test_check_json_contract(cli, tmp_path):
    rows = [r for r in GOOD_ROWS if r[0] != "B03"] + [("A01", "70", "")]
    rows = [r for r in rows if r != ("A01", "95", "")]
    path = write_csv(tmp_path / "v.csv", rows)
    result = cli("--lang", "en", "check", "--year", "2019", "--catalogue", SCORING, path, "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert set(data) == {"passed", "errors", "warnings", "score"}
    assert data["passed"] is False
    assert [(e["code"], e["rule"]) for e in data["errors"]] == [("B03", "required")]
    assert {(w["code"], w["rule"]) for w in data["warnings"]} == {("A01", "expected_range"),
                                                                  ("A01", "R3")}
    for problem in data["errors"] + data["warnings"]:
        assert {"code", "rule", "value", "message"} <= set(problem)
    assert "required" in data["errors"][0]["message"]
    assert data["score"]["missing"] == ["B03"]
    assert {"overall", "domains", "indicators"} <= set(data["score"])


def test_warnings_with_comments_pass(cli, tmp_path):
    rows = [("A01", "70", "新建学校"), *GOOD_ROWS[1:]]
    path = write_csv(tmp_path / "v.csv", rows)
    assert cli("check", "--year", "2019", "--catalogue", SCORING, path).returncode == 0


def test_chinese_headers_gb18030_and_not_applicable(cli, tmp_path):
    rows = [r if r[0] != "A02D" else ("A02D", "不适用", "本镇无城镇人口") for r in GOOD_ROWS]
    path = write_csv(tmp_path / "gb.csv", rows, header=("指标代码", "数值", "备注"),
                     encoding="gb18030")
    result = cli("check", "--year", "2019", "--catalogue", SCORING, path, "--json")
    assert result.returncode == 0, result.stdout
    leaves = {i["code"]: i for i in json.loads(result.stdout)["score"]["indicators"]}
    assert leaves["A02D"]["status"] == "not_applicable"


def test_utf8_bom_csv(cli, tmp_path):
    path = write_csv(tmp_path / "bom.csv", GOOD_ROWS, encoding="utf-8-sig")
    assert cli("check", "--year", "2019", "--catalogue", SCORING, path).returncode == 0


def test_xlsx_with_percent_cells(cli, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["海盐县评估数值"])  # a title row above the header is fine
    sheet.append(["指标代码", "指标名称", "数值", "备注"])
    for code, value, comment in GOOD_ROWS:
        sheet.append([code, "", float(value) if value[0].isdigit() else value, comment])
    sheet["C3"].value = 0.95
    sheet["C3"].number_format = "0.00%"  # A01 typed in Excel as 95.00 %
    path = tmp_path / "v.xlsx"
    book.save(path)
    result = cli("check", "--year", "2019", "--catalogue", SCORING, str(path), "--json")
    assert result.returncode == 0, result.stdout
    a01 = next(i for i in json.loads(result.stdout)["score"]["indicators"] if i["code"] == "A01")
    assert a01["actual"] == 95.0


def test_duplicate_rows_and_unknown_codes_fail(cli, tmp_path):
    path = write_csv(tmp_path / "v.csv", [*GOOD_ROWS, ("A01", "96", ""), ("QQ1", "1", "")])
    data = json.loads(cli("check", "--year", "2019", "--catalogue", SCORING, path,
                          "--json").stdout)
    rules = {(e["code"], e["rule"]) for e in data["errors"]}
    assert ("A01", "duplicate_row") in rules and ("QQ1", "unknown_code") in rules


def test_check_values_with_dates(cli, tmp_path):
    """A catalogue with a date indicator (tests/unit/test_date_type.py): dates typed in Chinese
    and with full-width digits pass and score; a day that does not exist is an error."""
    dates = str(CATALOGUES / "dates.yaml")
    path = write_csv(tmp_path / "dates.csv", [("SVC01", "96", ""), ("SVC02", "2019年5月20日", ""),
                                              ("SVC03", "２０１９/11/5", "")])
    result = cli("check", "--year", "2019", "--catalogue", dates, path, "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    leaves = {i["code"]: i for i in json.loads(result.stdout)["score"]["indicators"]}
    assert (leaves["SVC02"]["actual"], leaves["SVC02"]["target"]) == ("2019-05-20", "2019-06-30")
    assert leaves["SVC02"]["attainment"] == 1.0 and leaves["SVC03"]["actual"] == "2019-11-05"
    bad = write_csv(tmp_path / "bad.csv", [("SVC01", "96", ""), ("SVC02", "2019-02-30", "")])
    result = cli("--lang", "en", "check", "--year", "2019", "--catalogue", dates, bad)
    assert result.returncode == 1
    assert "there is no day 30 in month 2 of 2019" in result.stdout


def test_check_against_the_builtin_catalogue_by_year(cli, tmp_path):
    path = write_csv(tmp_path / "v.csv", [("EDU01A", "1,200", ""), ("EDU01B", "１２００", "")])
    result = cli("check", "--year", "2019", "--unit", "wuyuan", path, "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    rates = {i["code"]: i for i in data["score"]["indicators"]}
    assert rates["EDU01C"]["actual"] == 100.0
    assert any(e["rule"] == "required" for e in data["errors"])


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["check", "--year", "2019", "missing.csv"], "文件不存在"),
        (["check", "--year", "1999", "{good}"], "没有适用于 1999 年度的指标目录"),
        (["check", "--year", "2019", "--unit", "nowhere", "{good}"], "没有单位“nowhere”"),
        (["check", "{good}"], "用法错误"),
        (["check", "--year", "2019", "{bad_xlsx}"], "不是有效的 Excel"),
        (["check", "--year", "2019", "{no_code}"], "找不到“指标代码”"),
        (["check", "--year", "2019", "{txt}"], "不支持的文件类型"),
        (["catalogue", "check", "nope.yaml"], "文件不存在"),
        (["frobnicate"], "用法错误"),
    ],
)
def test_usage_and_unreadable_input_exit_2(cli, tmp_path, args, needle):
    files = {
        "good": write_csv(tmp_path / "good.csv", GOOD_ROWS),
        "bad_xlsx": str(tmp_path / "broken.xlsx"),
        "no_code": write_csv(tmp_path / "nocode.csv", [("1", "2")], header=("x", "y")),
        "txt": str(tmp_path / "values.txt"),
    }
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "values.txt").write_text("code,value\n")
    result = cli(*[a.format(**files) for a in args])
    assert result.returncode == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1  # one clear sentence


def test_errors_in_english(cli):
    result = cli("--lang", "en", "check", "--year", "2019", "missing.csv")
    assert result.returncode == 2
    assert result.stderr.strip() == "The file does not exist: missing.csv"
    result = cli("check", "--year", "2019", "missing.csv", "--lang", "en")
    assert "does not exist" in result.stderr


def test_no_command_opens_the_window_on_the_demo_data(cli, tmp_path):
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = cli("--data-dir", str(tmp_path / "data"), "--smoke", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "demo.sqlite").exists()


def test_output_into_a_closed_pipe_is_quiet():
    import subprocess
    import sys

    from tests.conftest import ROOT

    command = [sys.executable, "-m", "haiyan_desktop.cli", "catalogue", "show", "--json"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`; the JSON is far larger than a pipe buffer
    stderr = proc.stderr.read().decode("utf-8")
    proc.wait(timeout=60)
    proc.stderr.close()
    assert stderr == ""


def test_a_command_runs_with_the_garbage_collector_on(monkeypatch):
    """`haiyan-desktop` pauses collection while it starts (launch.py): a command resumes it
    before it runs (the window does after its first paint: tests/gui/test_roles.py)."""
    import gc

    from haiyan_desktop import cli_catalogue, launch

    seen = []
    monkeypatch.setattr(cli_catalogue, "cmd_catalogue_check",
                        lambda args: seen.append(gc.isenabled()) or 0)
    monkeypatch.setattr("sys.argv", ["haiyan-desktop", "catalogue", "check", "any.yaml"])
    try:
        assert launch.main() == 0
    finally:
        gc.enable()
    assert seen == [True]
