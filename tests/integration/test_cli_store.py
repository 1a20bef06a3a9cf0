"""The store's commands run as real processes: demo, status, import/export, workflow, audit."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from haiyan_desktop.exchange.values_file import read_values


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    from tests.conftest import run_cli

    folder = tmp_path_factory.mktemp("demo")
    result = run_cli("--data-dir", str(folder), "demo")
    assert result.returncode == 0, result.stderr
    assert "20 个单位 × 2 个年度" in result.stdout  # 9 townships and 11 departments
    return folder


def test_status_of_demo_data_is_marked_as_sample(cli, demo_dir):
    result = cli("--data-dir", str(demo_dir), "--demo", "status", "--unit", "沈荡镇",
                 "--year", "2019")
    assert result.returncode == 0, result.stderr
    assert "【示例数据】" in result.stdout and "实现度" in result.stdout
    data = json.loads(cli("--data-dir", str(demo_dir), "--demo", "status", "--unit",
                          "tongyuan", "--year", "2019", "--json").stdout)
    assert data["demo"] is True and data["filled"] < data["total"] and data["missing"]
    assert data["state"] == "draft"


def test_real_data_folder_is_separate(cli, demo_dir):
    result = cli("--data-dir", str(demo_dir), "status", "--unit", "沈荡镇", "--year", "2019")
    assert result.returncode == 2
    assert "没有单位" in result.stderr or "没有 2019 年度" in result.stderr


def test_export_import_round_trip_through_the_cli(cli, tmp_path):
    data = str(tmp_path / "data")
    out = tmp_path / "blank.csv"
    result = cli("--data-dir", data, "export", "--unit", "shendang", "--year", "2019", "-o",
                 str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    filled = tmp_path / "filled.csv"
    with filled.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for row in rows[1:]:
            if row[0] == "EDU01A":
                row[header.index("数值")] = "1,200"
            if row[0] == "EDU01B":
                row[header.index("数值")] = "1190"
            if row[0] == "EDU02":
                row[header.index("数值")] = "abc"
            writer.writerow(row)
    result = cli("--data-dir", data, "import", "--unit", "shendang", "--year", "2019",
                 str(filled))
    assert result.returncode == 1  # one value rejected
    assert "EDU02" in result.stdout and "保存 2 项" in result.stdout
    status = json.loads(cli("--data-dir", data, "status", "--unit", "shendang", "--year",
                            "2019", "--json").stdout)
    rate = next(i for i in status["score"]["indicators"] if i["code"] == "EDU01C")
    assert rate["actual"] == pytest.approx(99.17)
    xlsx = tmp_path / "values.xlsx"
    assert cli("--data-dir", data, "export", "--unit", "shendang", "--year", "2019", "-o",
               str(xlsx)).returncode == 0
    back = {r.code: r.value for r in read_values(xlsx)}
    assert float(back["EDU01A"]) == 1200


def test_import_of_another_units_file_stores_nothing(cli, tmp_path):
    data = str(tmp_path / "data")
    other = tmp_path / "wuyuan.xlsx"
    assert cli("--data-dir", data, "export", "--unit", "wuyuan", "--year", "2019", "-o",
               str(other)).returncode == 0
    result = cli("--data-dir", data, "import", "--unit", "shendang", "--year", "2019",
                 str(other))
    assert result.returncode == 1
    assert "不是 沈荡镇 2019 年度的" in result.stderr


def test_unknown_codes_refuse_the_whole_file(cli, tmp_path):
    data = str(tmp_path / "data")
    bad = tmp_path / "bad.csv"
    bad.write_text("code,value\nEDU01A,100\nNOPE9,1\n", encoding="utf-8")
    result = cli("--data-dir", data, "import", "--unit", "shendang", "--year", "2019", str(bad))
    assert result.returncode == 1 and "NOPE9" in result.stdout
    status = json.loads(cli("--data-dir", data, "status", "--unit", "shendang", "--year",
                            "2019", "--json").stdout)
    assert status["filled"] == 0


def test_workflow_commands_and_audit(cli, tmp_path, demo_dir):
    import shutil

    data = tmp_path / "copy"
    shutil.copytree(demo_dir, data)
    args = ["--data-dir", str(data), "--demo"]
    unfinished = cli(*args, "mark-checked", "--unit", "tongyuan", "--year", "2019")
    assert unfinished.returncode == 1 and "尚不能标记为已校验" in unfinished.stderr
    ok = cli(*args, "mark-checked", "--unit", "baibu", "--year", "2019")
    assert ok.returncode == 0, ok.stderr
    not_signed = cli(*args, "reopen", "--unit", "baibu", "--year", "2019", "--reason", "x")
    assert not_signed.returncode == 1 and "不能执行“重开”" in not_signed.stderr
    verify = cli(*args, "audit", "verify", "--unit", "baibu", "--year", "2019")
    assert verify.returncode == 0 and "审计记录完整" in verify.stdout
    shown = cli(*args, "audit", "show", "--unit", "baibu", "--year", "2019", "--code", "EDU01A")
    assert "EDU01A" in shown.stdout
    con = sqlite3.connect(data / "demo.sqlite")
    con.execute("UPDATE audit SET actor = '李四' WHERE seq = 5 AND submission_id = "
                "(SELECT id FROM submissions WHERE unit_code = 'baibu' AND year = 2019)")
    con.commit()
    con.close()
    tampered = cli(*args, "--lang", "en", "audit", "verify", "--unit", "baibu", "--year", "2019")
    assert tampered.returncode == 1 and "Audit row 5 has been altered" in tampered.stdout


def test_backup_restore_and_the_lock(cli, tmp_path):
    data = str(tmp_path / "data")
    bad = tmp_path / "v.csv"
    bad.write_text("code,value\nEDU01A,100\n", encoding="utf-8")
    assert cli("--data-dir", data, "import", "--unit", "shendang", "--year", "2019",
               str(bad)).returncode == 0
    made = cli("--data-dir", data, "backup")
    assert made.returncode == 0
    backup_file = made.stdout.strip().split("已备份到 ")[1]
    bad.write_text("code,value\nEDU01A,200\n", encoding="utf-8")
    cli("--data-dir", data, "import", "--unit", "shendang", "--year", "2019", str(bad))
    restored = cli("--data-dir", data, "restore", backup_file)
    assert restored.returncode == 0, restored.stderr
    status = json.loads(cli("--data-dir", data, "status", "--unit", "shendang", "--year",
                            "2019", "--json").stdout)
    assert status["filled"] == 1
    not_backup = cli("--data-dir", data, "restore", str(bad))
    assert not_backup.returncode == 2 and "不是完好的备份文件" in not_backup.stderr
