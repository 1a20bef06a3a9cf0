"""The support log: start and stop lines, jobs with their tracebacks, rotation, the fallback
folder, crash records of a run that died (reported once), and no typed data in any of it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from haiyan_desktop import __version__, logs
from haiyan_desktop.messages import MESSAGES

ROOT = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.usefixtures("private_log_temp")


def read_log(session: logs.LogSession) -> str:
    assert session.log_file is not None
    return session.log_file.read_text(encoding="utf-8")


def divide_the_figures() -> float:
    return 1 / 0


def test_start_and_stop_lines_name_the_version_and_the_program(tmp_path):
    session = logs.start_logging(tmp_path / "data", program="gui", qt_version="6.11.3",
                                 pyside_version="6.11.3", catalogue="haiyan-2019 2019.1")
    assert session.log_file == tmp_path / "data" / "logs" / "haiyan.log"
    assert logs.log_file_path() == session.log_file
    assert not session.fallback and session.fallback_message() is None
    logs.stop_logging()
    text = read_log(session)
    start = text.splitlines()[0]
    assert f"haiyan-desktop {__version__} (gui)" in start
    assert f"Python {sys.version.split()[0]}" in start
    assert "Qt 6.11.3" in start and "PySide6 6.11.3" in start
    assert "catalogue haiyan-2019 2019.1" in start
    assert f"gui[{os.getpid()}]" in start
    assert "stop: ran" in text.splitlines()[-1]
    assert logs.log_file_path() is None


def test_a_job_that_raises_logs_its_traceback(tmp_path):
    session = logs.start_logging(tmp_path / "data")
    with pytest.raises(ZeroDivisionError), logs.log_job("import values", action="导入数值"):
        divide_the_figures()
    logs.stop_logging()
    text = read_log(session)
    assert "job started: import values" in text
    assert "job failed: import values: ZeroDivisionError" in text
    assert "Traceback (most recent call last):" in text
    assert "in divide_the_figures" in text and "return 1 / 0" in text
    assert "ZeroDivisionError: division by zero" in text


def test_the_failed_jobs_exception_names_the_action_for_the_dialog(tmp_path):
    logs.start_logging(tmp_path / "data")
    with pytest.raises(ZeroDivisionError) as caught, logs.log_job("outer", action="导出报告"), \
            logs.log_job("inner", action="生成图表"):
        divide_the_figures()
    assert logs.action_of(caught.value) == "生成图表"  # the innermost job


def test_a_finished_job_and_an_expected_refusal_have_no_traceback(tmp_path):
    session = logs.start_logging(tmp_path / "data")
    with logs.log_job("backup") as job:
        job.outcome = "1 file"
    with pytest.raises(PermissionError), logs.log_job("sign", expected=(PermissionError,)):
        raise PermissionError("refused")
    logs.stop_logging()
    text = read_log(session)
    assert "job finished: backup: 1 file in" in text
    assert "job finished: sign: refused (PermissionError)" in text
    assert "Traceback" not in text


def test_no_typed_figure_or_comment_reaches_the_log(tmp_path):
    """Python's messages repeat what was typed: the quoted parts and figures are blanked."""
    typed, comment = "98765.4321abc", "“独特的备注XYZ”"  # (not on the lines that raise)
    figures = "value 98765.4321 and 1234567 rejected"
    session = logs.start_logging(tmp_path / "data")
    with pytest.raises(ValueError), logs.log_job("read the values file"):
        float(typed)
    with pytest.raises(KeyError), logs.log_job("comment"):
        try:
            raise ValueError(figures)
        except ValueError as exc:
            raise KeyError(comment) from exc
    with pytest.raises(FileNotFoundError), logs.log_job("open"):
        open(tmp_path / "missing.csv")  # noqa: SIM115 (it fails)
    logs.stop_logging()
    text = read_log(session)
    assert "ValueError: could not convert string to float: '…'" in text
    assert "The above exception was the direct cause" in text
    for secret in ("98765", "4321", "1234567", "独特的备注XYZ"):
        assert secret not in text
    assert str(tmp_path / "missing.csv") in text  # a path is kept: it is needed, not data


def test_the_log_rotates_at_its_size_limit(tmp_path):
    session = logs.start_logging(tmp_path / "data", max_bytes=2000, backup_count=2)
    for n in range(200):
        logs.log.info("line %03d %s", n, "x" * 40)
    logs.stop_logging()
    folder = tmp_path / "data" / "logs"
    names = sorted(p.name for p in folder.iterdir() if p.name.startswith("haiyan.log"))
    assert names == ["haiyan.log", "haiyan.log.1", "haiyan.log.2"]
    for name in names:
        assert (folder / name).stat().st_size <= 2000
    newest, older = read_log(session), (folder / "haiyan.log.1").read_text(encoding="utf-8")
    assert "line 199" in newest and "stop: ran" in newest
    assert "line 000" not in newest + older + (folder / "haiyan.log.2").read_text("utf-8")
    last_of_older = older.splitlines()[-1].split("line ")[1][:3]
    first_of_newest = newest.splitlines()[0].split("line ")[1][:3]
    assert int(first_of_newest) == int(last_of_older) + 1  # nothing lost at the seam


def test_an_unwritable_data_folder_logs_to_the_temporary_folder(tmp_path):
    data = tmp_path / "a-file"  # (tests run as root: chmod would not stop the writes)
    data.write_text("not a folder")
    session = logs.start_logging(data)
    assert session.fallback
    assert session.logs_dir == Path(tempfile.gettempdir()) / "haiyan-desktop-logs"
    assert session.log_file == session.logs_dir / "haiyan.log"
    assert session.crash_file is not None and session.crash_file.parent == session.logs_dir
    message = session.fallback_message()
    assert message.key == "logs.fallback"
    assert str(data / "logs") in message.zh and str(session.logs_dir) in message.zh
    logs.log.info("still logged")
    logs.stop_logging()
    text = read_log(session)
    assert "still logged" in text and "cannot be written" in text


def test_a_logs_entry_that_is_a_file_falls_back_too(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "logs").write_text("a file where the folder should be")
    session = logs.start_logging(data)
    assert session.fallback and session.logs_dir == logs.fallback_dir()
    assert (data / "logs").read_text() == "a file where the folder should be"


def test_with_no_writable_folder_at_all_the_run_goes_on_without_a_log(tmp_path, monkeypatch):
    data = tmp_path / "a-file"
    data.write_text("x")
    temp = tmp_path / "temp-is-a-file"
    temp.write_text("x")
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    session = logs.start_logging(data)
    assert session.logs_dir is None and session.log_file is None
    assert session.fallback_message().key == "logs.nowhere"
    with logs.log_job("work"):
        pass
    assert logs.log_file_path() is None


def test_a_clean_stop_removes_its_crash_file(tmp_path):
    session = logs.start_logging(tmp_path / "data")
    crash = session.crash_file
    assert crash is not None and crash.read_text(encoding="utf-8").startswith(logs.CRASH_HEADER)
    logs.stop_logging()
    assert not crash.exists()
    assert logs.previous_crash(session.logs_dir) is None


CRASHING_CHILD = textwrap.dedent("""
    import faulthandler, sys
    from haiyan_desktop.logs import start_logging
    start_logging(sys.argv[1], program="cli")
    faulthandler._sigsegv()
""")


def test_a_run_that_dies_leaves_a_crash_record_reported_once(tmp_path):
    data = tmp_path / "data"
    child = subprocess.run([sys.executable, "-c", CRASHING_CHILD, str(data)], cwd=tmp_path,
                           capture_output=True, text=True, timeout=60)
    assert child.returncode != 0, child.stderr
    folder = data / "logs"
    left = sorted(folder.glob("crash-*.txt"))
    assert len(left) == 1
    record = left[0].read_text(encoding="utf-8")
    assert record.startswith(logs.CRASH_HEADER) and "Fatal Python error" in record

    session = logs.start_logging(data)  # the next start
    found = logs.previous_crash(session.logs_dir)
    assert found is not None and found.name.endswith(".reported.txt")
    assert "Fatal Python error" in found.read_text(encoding="utf-8")
    assert logs.previous_crash(session.logs_dir) is None  # said once only
    assert session.crash_file.exists()  # this run's own record is left alone
    logs.stop_logging()
    assert logs.previous_crash(folder) is None  # nor at the start after that
    assert MESSAGES["logs.previous_crash"][0].startswith("上次程序异常退出，诊断信息已保存在")


def test_records_of_runs_that_ended_without_a_crash_are_kept_then_cleared(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    live = folder / "crash-20240101-120000-1.txt"  # another program still running
    live.write_text(f"{logs.CRASH_HEADER}: pid 1\n", encoding="utf-8")
    assert logs.previous_crash(folder) is None and live.exists()
    month_later = time.time() + logs.STALE_SECONDS + 60
    assert logs.previous_crash(folder, now=month_later) is None
    assert not live.exists()


def test_only_the_newest_reported_records_are_kept(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    for n in range(logs.KEEP_REPORTED + 3):
        (folder / f"crash-20240101-1200{n:02d}-1.txt").write_text(
            f"{logs.CRASH_HEADER}\nFatal Python error: Segmentation fault\n", encoding="utf-8")
    newest = logs.previous_crash(folder)
    assert newest == folder / f"crash-20240101-1200{logs.KEEP_REPORTED + 2:02d}-1.reported.txt"
    assert len(list(folder.glob("*.reported.txt"))) == logs.KEEP_REPORTED
    assert not list(folder.glob("crash-*-1.txt"))


def test_starting_logs_imports_no_qt_and_no_platform_module(tmp_path):
    """The log is Qt-free (the CLI uses it too); ``platform`` would cost the window's start."""
    code = ("import sys\n"
            "from haiyan_desktop import logs\n"
            "logs.start_logging(sys.argv[1])\n"
            "print(' '.join(m for m in ('platform', 'PySide6') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                            text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
