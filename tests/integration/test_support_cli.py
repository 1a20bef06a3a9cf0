"""When something goes wrong on the command line, support can see why: the log names every
command and the traceback of anything unexpected, the error sentence names the log, a crash
is reported at the next start, and `diagnostics` makes the one file to send."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from haiyan_desktop import cli
from tests.conftest import ROOT


def test_an_unexpected_failure_names_the_log_which_holds_the_traceback(tmp_path, monkeypatch,
                                                                      capsys):
    from haiyan_desktop.jobs import data

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(data, "backup", broken)
    code = cli.main(["--data-dir", str(tmp_path), "backup"])
    assert code == 2
    err = capsys.readouterr().err
    log = tmp_path / "logs" / "haiyan.log"
    assert f"详细信息已记录在 {log}" in err and "ZeroDivisionError" in err
    text = log.read_text(encoding="utf-8")
    assert "command backup" in text and "Traceback" in text and "in broken" in text


def test_verbose_prints_the_log_on_stderr(tmp_path, cli):
    result = cli("--data-dir", str(tmp_path), "--verbose", "catalogue", "show", "--json")
    assert result.returncode == 0
    assert "command catalogue" in result.stderr and "haiyan-desktop" in result.stderr
    assert result.stdout.lstrip().startswith("{")  # the output stays clean


def test_a_crash_leaves_a_file_that_the_next_start_reports_once(tmp_path, cli):
    crash = ("import faulthandler, sys\n"
             "from haiyan_desktop import logs\n"
             "logs.start_logging(sys.argv[1], program='gui')\n"
             "faulthandler._sigsegv()\n")
    died = subprocess.run([sys.executable, "-c", crash, str(tmp_path)], cwd=ROOT,
                          capture_output=True, timeout=60)
    assert died.returncode != 0
    left = list((tmp_path / "logs").glob("crash-*.txt"))
    assert left and "Fatal Python error" in left[0].read_text(encoding="utf-8")
    first = cli("--data-dir", str(tmp_path), "catalogue", "show", "--json")
    assert "上次程序异常退出，诊断信息已保存在" in first.stderr
    again = cli("--data-dir", str(tmp_path), "catalogue", "show", "--json")
    assert "上次程序异常退出" not in again.stderr


def test_diagnostics_holds_the_parts_and_nothing_of_the_submission(tmp_path, cli, demo_dir):
    data = tmp_path / "data"
    shutil.copytree(demo_dir, data, ignore=shutil.ignore_patterns("*.lock"))
    values = tmp_path / "v.csv"
    values.write_text("code,value,comment\nEDU02,98.76,独特的备注QZX\n", encoding="utf-8")
    stored = cli("--data-dir", str(data), "--demo", "import", "--unit", "baibu", "--year",
                 "2019", str(values))
    assert stored.returncode == 0, stored.stderr
    out = tmp_path / "support.zip"
    made = cli("--data-dir", str(data), "diagnostics", "-o", str(out))
    assert made.returncode == 0, made.stderr
    assert str(out) in made.stdout
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        content = b"".join(z.read(n) for n in names)
    assert {"versions.json", "data-folder.json", "databases.json", "trust.json"} <= set(names)
    assert any(n.startswith("logs/") for n in names)
    assert b"98.76" not in content and "独特的备注QZX".encode() not in content
    assert b"integrity" in content
