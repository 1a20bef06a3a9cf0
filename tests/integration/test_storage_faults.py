"""Storage faults through the real command line: each says what happened, what was kept and
what to do, and loses nothing.

Each test runs `haiyan-desktop import` or `demo` as a process on a data folder prepared to fail,
then checks the sentence on stderr (never "程序内部错误"), that every value saved before is
still there, that the database passes ``PRAGMA integrity_check`` and that ``audit verify``
finds the audit chain intact.

How each fault is made, without hardware:
- disk full: the process opens its databases through a ``database.sqlite_connect`` that sets
  SQLite's ``PRAGMA max_page_count`` (a "disk" with room for what is there and no more), so
  SQLite answers SQLITE_FULL exactly as on a full disk;
- read-only: ``chmod`` of the data folder and its files; root ignores permissions, so as root
  the process opens its database files read-only (a ``mode=ro`` URI) instead, which is what
  SQLite itself does when the system refuses write access;
- held by another program: a second ``sqlite3`` connection of this test holds a write lock
  (``BEGIN EXCLUSIVE``) for the whole run, past the store's busy timeout;
- deleted, replaced, drive pulled out: at the import's first audited write (seen by an SQLite
  trace callback) "another program" deletes or replaces the database file, or renames the data
  folder away as a pulled-out drive takes it; renaming it back is putting the drive back in.
"""

from __future__ import annotations

import os
import random
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.messages import render
from haiyan_desktop.sample_values import plausible_entries
from haiyan_desktop.store import Store
from haiyan_desktop.store.errors import (
    CorruptDatabase,
    DatabaseBusy,
    DiskFull,
    StorageReadOnly,
    StorageUnavailable,
)
from haiyan_desktop.store.faults import BUSY_TIMEOUT, fault_of
from tests.conftest import ROOT, run_cli

UNIT, YEAR = "shendang", 2019
REAL, DEMO = "haiyan.sqlite", "demo.sqlite"
AS_ROOT = getattr(os, "geteuid", lambda: -1)() == 0
INTERNAL = "程序内部错误"

posix_only = pytest.mark.skipif(sys.platform == "win32",
                                reason="Windows refuses to delete or move an open file")

# --- faults put in place inside the CLI process (Python run before haiyan_desktop.cli.main) ----
_CONNECT = """
import os, sqlite3
from pathlib import Path
from haiyan_desktop.store import database
"""

# Room for what each database holds now and no more (a new one: a few dozen pages).
DISK_FULL = _CONNECT + """
def connect(path, **kwargs):
    con = sqlite3.connect(path, **kwargs)
    if Path(path).name in ("haiyan.sqlite", "demo.sqlite"):
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        con.execute(f"PRAGMA max_page_count = {pages or 60}")
    return con
database.sqlite_connect = connect
"""

READ_ONLY_AS_ROOT = _CONNECT + """
def connect(path, **kwargs):
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, **kwargs)
database.sqlite_connect = connect
"""


def strike(action: str) -> str:
    """Setup code: at the first audit row written to the real database, ``action`` (Python,
    with ``path`` the database file) is done, as by another program."""
    return _CONNECT + f"""
struck = []
def connect(path, **kwargs):
    con = sqlite3.connect(path, **kwargs)
    if Path(path).name == "haiyan.sqlite":
        def trace(sql, path=Path(path)):
            if not struck and sql.startswith("INSERT INTO audit"):
                struck.append(sql)
                {action}
        con.set_trace_callback(trace)
    return con
database.sqlite_connect = connect
"""


def cli_with(setup: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`haiyan-desktop ARGS` (the real ``cli.main``) in a new process, after ``setup``."""
    if not setup:
        return run_cli(*args)
    code = f"{setup}\nimport sys\nfrom haiyan_desktop.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=120)


# --- data -----------------------------------------------------------------------------------
def values_file(folder: Path, seed: int) -> Path:
    """A complete values file for the unit (every value differs from another seed's)."""
    catalogue = default_catalogue()
    entries = plausible_entries(catalogue, catalogue.unit(UNIT).kind, random.Random(seed))
    path = folder / f"values-{seed}.csv"
    path.write_text("code,value\n" + "".join(f"{code},{e.raw}\n" for code, e in entries.items()
                                             if e.raw is not None), encoding="utf-8")
    return path


def import_args(data: Path, values: Path, *extra: str) -> list[str]:
    return ["--data-dir", str(data), *extra, "import", "--unit", UNIT, "--year", str(YEAR),
            str(values)]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A data folder with one submission saved through the CLI, and the sample data."""
    from haiyan_desktop.demo import build_demo

    folder = tmp_path_factory.mktemp("base")
    data = folder / "data"
    result = run_cli(*import_args(data, values_file(folder, 1)))
    assert result.returncode == 0, result.stderr
    build_demo(data)
    return data


@pytest.fixture
def data(base, tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(base, folder)
    return folder


def saved(data: Path, demo: bool = False) -> dict[str, dict[str, str | None]]:
    """Every stored value (raw text) of every submission, read through the store."""
    with Store(data, demo=demo, write=False) as store:
        return {f"{s.unit.code}/{s.year}": {c: v.raw for c, v in store.values(s).items()}
                for s in store.submissions()}


def assert_intact(data: Path, demo: bool = False, db: Path | None = None) -> None:
    """The database passes integrity_check, and `audit verify` finds every chain intact."""
    db = db or data / (DEMO if demo else REAL)
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        subs = con.execute("SELECT unit_code, year FROM submissions").fetchall()
    finally:
        con.close()
    assert subs
    for unit, year in subs:
        verify = run_cli("--data-dir", str(data), *(["--demo"] if demo else []), "audit",
                         "verify", "--unit", unit, "--year", str(year))
        assert verify.returncode == 0, verify.stdout + verify.stderr
        assert "审计记录完整" in verify.stdout


def assert_told(result: subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert INTERNAL not in result.stderr and "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, f"{phrase!r} not in {result.stderr!r}"


KEPT_ZH = render("store.fault_kept", "zh")
KEPT_EN = render("store.fault_kept", "en")


# --- disk full ------------------------------------------------------------------------------
def test_import_on_a_full_disk_says_so_and_keeps_every_saved_value(data, tmp_path):
    before = saved(data)
    result = cli_with(DISK_FULL, *import_args(data, values_file(tmp_path, 2)))
    assert_told(result, "磁盘空间已满", str(data / REAL), KEPT_ZH, "请清理磁盘空间")
    assert saved(data) == before  # the import was rolled back whole
    assert_intact(data)


def test_demo_on_a_full_disk_keeps_the_previous_demo_and_the_real_data(data):
    files = {name: (data / name).read_bytes() for name in (REAL, DEMO)}
    before = saved(data, demo=True)
    result = cli_with(DISK_FULL, "--data-dir", str(data), "--lang", "en", "demo")
    assert_told(result, "The disk is full", str(data / DEMO),
                render("store.fault_kept_demo", "en", real=str(data / REAL)),
                "Free some disk space")
    assert {name: (data / name).read_bytes() for name in files} == files  # not even opened
    assert not (data / "demo-building").exists()
    assert saved(data, demo=True) == before
    assert_intact(data, demo=True)
    assert_intact(data)


# --- read-only ------------------------------------------------------------------------------
@contextmanager
def read_only(data: Path) -> Iterator[str]:
    """The data folder and its files made read-only; yields the setup code the CLI needs."""
    if AS_ROOT:  # root writes whatever the permissions say
        yield READ_ONLY_AS_ROOT
        return
    paths = [data, *data.rglob("*")]
    modes = {p: p.stat().st_mode for p in paths}
    for path in sorted(paths, key=lambda p: len(p.parts), reverse=True):  # files first
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield ""
    finally:
        for path in sorted(paths, key=lambda p: len(p.parts)):  # folders first
            path.chmod(modes[path])


def test_import_into_a_read_only_data_folder_says_so(data, tmp_path):
    before = saved(data)
    files = {p: p.read_bytes() for p in data.glob(f"{REAL}*") if p.is_file()}
    values = values_file(tmp_path, 2)
    with read_only(data) as setup:
        result = cli_with(setup, *import_args(data, values))
    assert_told(result, "是只读的", str(data), KEPT_ZH, "取消只读或写保护")
    assert {p: p.read_bytes() for p in files} == files
    assert saved(data) == before
    assert_intact(data)


def test_demo_into_a_read_only_data_folder_says_so(data):
    before = saved(data, demo=True)
    with read_only(data) as setup:
        result = cli_with(setup, "--data-dir", str(data), "demo")
    assert_told(result, "是只读的", render("store.fault_kept_demo", "zh", real=str(data / REAL)))
    assert saved(data, demo=True) == before
    assert_intact(data, demo=True)


# --- held by another program ----------------------------------------------------------------
def test_import_while_another_program_holds_the_database_waits_then_says_so(data, tmp_path):
    before = saved(data)
    other = sqlite3.connect(data / REAL, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # e.g. a database viewer with a change pending
        started = time.monotonic()
        result = cli_with("", *import_args(data, values_file(tmp_path, 2), "--lang", "en"))
        waited = time.monotonic() - started
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert waited >= BUSY_TIMEOUT  # the busy timeout applied first
    assert_told(result, "Another program", str(data / REAL),
                f"within {BUSY_TIMEOUT} seconds", KEPT_EN, "Close that program")
    assert saved(data) == before
    assert_intact(data)
    again = run_cli(*import_args(data, values_file(tmp_path, 2)))  # once it is closed: fine
    assert again.returncode == 0, again.stderr


# --- deleted or replaced while open ---------------------------------------------------------
def _rescued(data: Path) -> Path:
    found = list((data / "backups").glob("haiyan-*-rescued.sqlite"))
    assert len(found) == 1, found
    return found[0]


@posix_only
def test_database_replaced_during_import_keeps_a_copy_of_everything_saved(data, tmp_path):
    older = tmp_path / "older.sqlite"  # what a sync tool brings back: an older copy
    made = run_cli("--data-dir", str(data), "backup")
    assert made.returncode == 0, made.stderr
    shutil.copy(made.stdout.strip().split("已备份到 ")[1], older)
    changed = tmp_path / "one.csv"
    changed.write_text("code,value\nEDU01A,777\n", encoding="utf-8")
    assert run_cli(*import_args(data, changed)).returncode == 0  # saved after that copy
    before = saved(data)

    result = cli_with(strike(f"os.replace({str(older)!r}, path)"),
                      *import_args(data, values_file(tmp_path, 2)))

    copy = _rescued(data)
    command = f'haiyan-desktop --data-dir "{data}" restore "{copy}"'
    assert_told(result, "被其他程序删除或替换", "这一步没有保存", "已保存的数据没有丢失",
                f"已另存为 {copy}", f"用命令 {command} 恢复")
    assert_intact(data)  # the file now there (the older copy) is not touched, nor mixed
    assert saved(data)[f"{UNIT}/{YEAR}"]["EDU01A"] != "777"
    restored = run_cli(*shlex.split(command)[1:])  # as the message says
    assert restored.returncode == 0, restored.stderr
    assert saved(data) == before  # everything saved before the fault, nothing of the import
    assert_intact(data)


@posix_only
def test_database_deleted_during_import_keeps_a_copy_of_everything_saved(data, tmp_path):
    before = saved(data)
    result = cli_with(strike("os.unlink(path)"), *import_args(data, values_file(tmp_path, 2),
                                                             "--lang", "en"))
    copy = _rescued(data)
    command = f'haiyan-desktop --data-dir "{data}" restore "{copy}"'
    assert_told(result, "was deleted or replaced by another program", "No saved data was lost",
                f"was saved as {copy}", f"with the command {command}.")
    assert not (data / REAL).exists()
    assert not list(data.glob(f"{REAL}-*")), "a stale WAL would be laid over a new database"
    restored = run_cli(*shlex.split(command)[1:])
    assert restored.returncode == 0, restored.stderr
    assert saved(data) == before
    assert_intact(data)


# --- drive pulled out -----------------------------------------------------------------------
@posix_only
def test_drive_pulled_out_during_import_says_so_and_the_data_are_there_when_it_is_back(
        data, tmp_path):
    before = saved(data)
    pulled = tmp_path / "pulled"
    result = cli_with(strike(f"os.rename(path.parent, {str(pulled)!r})"),
                      *import_args(data, values_file(tmp_path, 2)))
    assert not data.exists() and pulled.is_dir()
    assert_told(result, f"找不到数据文件夹 {data}", "U 盘", KEPT_ZH, "请重新插入 U 盘")
    pulled.rename(data)  # the drive is back
    assert saved(data) == before
    assert_intact(data)


# --- the codes, one by one (SQLite raises these; the tests above cannot make them all) -------
def _sqlite_error(code: int) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError("as SQLite says it")
    exc.sqlite_errorcode = code
    return exc


@pytest.mark.parametrize(("code", "folder_there", "expected"), [
    (sqlite3.SQLITE_FULL, True, DiskFull),
    (sqlite3.SQLITE_READONLY, True, StorageReadOnly),
    (sqlite3.SQLITE_READONLY_DIRECTORY, True, StorageReadOnly),
    (sqlite3.SQLITE_CANTOPEN, True, StorageReadOnly),
    (sqlite3.SQLITE_CANTOPEN, False, StorageUnavailable),
    (sqlite3.SQLITE_BUSY, True, DatabaseBusy),
    (sqlite3.SQLITE_BUSY_SNAPSHOT, True, DatabaseBusy),
    (sqlite3.SQLITE_IOERR_WRITE, True, StorageUnavailable),
    (sqlite3.SQLITE_IOERR_FSYNC, False, StorageUnavailable),
    (sqlite3.SQLITE_CORRUPT, True, CorruptDatabase),
    (sqlite3.SQLITE_ERROR, True, type(None)),  # a wrong statement is a bug, not the disk
    (sqlite3.SQLITE_CONSTRAINT_UNIQUE, True, type(None)),
])
def test_each_sqlite_code_is_told_as_its_fault(tmp_path, code, folder_there, expected):
    folder = tmp_path / "data"
    if folder_there:
        folder.mkdir()
    fault = fault_of(_sqlite_error(code), folder / REAL)
    assert type(fault) is expected
    if isinstance(fault, StorageUnavailable):
        assert fault.gone is not folder_there
        assert ("找不到数据文件夹" if fault.gone else "读写数据库文件") in fault.message.zh
    if fault is not None:
        assert fault.message.zh and fault.message.en


@pytest.mark.parametrize(("number", "expected"), [
    ("ENOSPC", DiskFull), ("EACCES", StorageReadOnly), ("EPERM", StorageReadOnly),
    ("EROFS", StorageReadOnly), ("EIO", StorageUnavailable)])
def test_each_os_error_on_the_data_folder_is_told_as_its_fault(tmp_path, number, expected):
    import errno

    lock = tmp_path / f"{REAL}.lock"
    fault = fault_of(OSError(getattr(errno, number), "as the system says it", str(lock)),
                     tmp_path / REAL)
    assert type(fault) is expected
    elsewhere = OSError(getattr(errno, number), "about a values file", "/elsewhere/values.csv")
    assert fault_of(elsewhere, tmp_path / REAL) is None  # not the store's business
