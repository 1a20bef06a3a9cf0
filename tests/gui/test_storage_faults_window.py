"""Storage faults in the window: an edit that cannot be saved shows the sentence of the fault
(what happened, what was kept, what to do) and loses nothing.

The real window is opened on a copy of the demo data; the clerk types into the grid as usual,
and the message box the window shows (``QMessageBox.warning``, captured) is checked, then the
database: the values saved before are there, the failed edit is not, ``PRAGMA integrity_check``
passes and the store's audit verification finds every chain intact.

How each fault is made: a full disk by SQLite's ``PRAGMA max_page_count`` on the window's own
connection; a read-only database by ``chmod`` (as root, which writes whatever the permissions
say, by opening the database read-only through ``database.sqlite_connect``, as SQLite itself
does when the system refuses write access); a database held by another program by a second
connection in ``BEGIN EXCLUSIVE``; deletion, replacement and a pulled-out drive by deleting or
replacing the file, or renaming the data folder away, while the window has it open.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from haiyan_desktop.gui.entry_model import COMMENT
from haiyan_desktop.messages import render
from haiyan_desktop.store import Store, restore_database
from haiyan_desktop.store import database as store_database
from haiyan_desktop.store.faults import BUSY_TIMEOUT
from tests.conftest import DEMO_SUBMISSIONS
from tests.gui.test_main_window import select, type_chinese, type_text

UNIT, YEAR, CODE = "baibu", 2019, "EDU02"
DEMO = "demo.sqlite"
AS_ROOT = getattr(os, "geteuid", lambda: -1)() == 0
KEPT_ZH = render("store.fault_kept", "zh")
KEPT_EN = render("store.fault_kept", "en")

posix_only = pytest.mark.skipif(sys.platform == "win32",
                                reason="Windows refuses to delete or move an open file")


# --- typing into the grid ---------------------------------------------------------------------
@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    """The texts of the warnings the window shows (the box itself would wait for a click)."""
    shown: list[str] = []

    def warning(parent, title, text, *args, **kwargs):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


# --- the database afterwards ------------------------------------------------------------------
def saved(data_dir: Path) -> dict[str, dict[str, tuple[str | None, str]]]:
    """Every stored value and comment of every demo submission."""
    with Store(data_dir, demo=True, write=False) as store:
        return {f"{s.unit.code}/{s.year}": {c: (v.raw, v.comment)
                                            for c, v in store.values(s).items()}
                for s in store.submissions()}


def assert_intact(data_dir: Path) -> None:
    con = sqlite3.connect(data_dir / DEMO)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()
    with Store(data_dir, demo=True, write=False) as store:
        subs = store.submissions()
        assert len(subs) == DEMO_SUBMISSIONS  # none lost
        assert all(store.verify_audit(s) == [] for s in subs)


def one_warning(warnings: list[str], *phrases: str) -> str:
    assert len(warnings) == 1, warnings
    for phrase in phrases:
        assert phrase in warnings[0], f"{phrase!r} not in {warnings[0]!r}"
    return warnings[0]


# --- disk full --------------------------------------------------------------------------------
def test_a_comment_on_a_full_disk_is_not_saved_and_says_so(make_app, qtbot, data_dir, warnings):
    app = make_app()
    w = app.window
    before = saved(data_dir)
    con = app.store.con
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full: no page more
    select(w, CODE, COMMENT)
    type_chinese(qtbot, w.view, "该数值已与原始台账逐项核对，差异原因见附件说明。" * 20)
    one_warning(warnings, "磁盘空间已满", str(data_dir / DEMO), KEPT_ZH, "请清理磁盘空间")
    assert "已保存" not in w.ui.statusBar().currentMessage()
    assert saved(data_dir) == before
    assert_intact(data_dir)

    con.execute("PRAGMA max_page_count = 1073741823")  # space was freed: the same edit saves
    select(w, CODE, COMMENT)
    type_chinese(qtbot, w.view, "已核对")
    assert len(warnings) == 1
    assert saved(data_dir)[f"{UNIT}/{YEAR}"][CODE][1] == "已核对"
    app.close_store()
    assert_intact(data_dir)


# --- read-only --------------------------------------------------------------------------------
def test_a_read_only_database_refuses_the_edit_and_says_so_in_english(
        make_app, qtbot, data_dir, warnings):
    before = saved(data_dir)
    db = data_dir / DEMO
    mode = db.stat().st_mode
    connect = store_database.sqlite_connect
    with pytest.MonkeyPatch.context() as patch:
        if AS_ROOT:  # root writes whatever the permissions say: open it read-only instead
            patch.setattr(store_database, "sqlite_connect", lambda path, **kwargs: connect(
                f"file:{path}?mode=ro", uri=True, **kwargs))
        else:
            db.chmod(0o444)
        try:
            app = make_app(lang="en")
            w = app.window
            select(w, CODE)
            type_text(qtbot, w.view, "99.5")
            one_warning(warnings, "is read-only and cannot be written", str(data_dir),
                        KEPT_EN, "Make it writable")
            app.close_store()
        finally:
            db.chmod(mode)
    assert saved(data_dir) == before
    assert_intact(data_dir)


# --- held by another program ------------------------------------------------------------------
def test_an_edit_while_another_program_holds_the_database_waits_then_says_so(
        make_app, qtbot, data_dir, warnings):
    app = make_app()
    w = app.window
    before = saved(data_dir)
    other = sqlite3.connect(data_dir / DEMO, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        select(w, CODE)
        started = time.monotonic()
        type_text(qtbot, w.view, "99.5")
        waited = time.monotonic() - started
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert waited >= BUSY_TIMEOUT
    one_warning(warnings, "正被另一个程序", f"等待 {BUSY_TIMEOUT} 秒后仍未释放", KEPT_ZH,
                "请关闭占用该文件的程序")
    assert saved(data_dir) == before
    assert_intact(data_dir)
    select(w, CODE)
    type_text(qtbot, w.view, "99.5")  # the other program is closed: it saves
    assert saved(data_dir)[f"{UNIT}/{YEAR}"][CODE][0] == "99.5"


# --- deleted or replaced while open -----------------------------------------------------------
@posix_only
@pytest.mark.parametrize("how", ["replaced", "deleted"])
def test_a_database_deleted_or_replaced_while_open_is_copied_whole(
        make_app, qtbot, data_dir, tmp_path, warnings, how):
    older = tmp_path / "older.sqlite"
    shutil.copy(data_dir / DEMO, older)  # what a sync tool may bring back later
    app = make_app()
    w = app.window
    select(w, CODE)
    type_text(qtbot, w.view, "99.5")  # saved while the file is still the one opened
    before = saved(data_dir)
    assert before[f"{UNIT}/{YEAR}"][CODE][0] == "99.5"
    if how == "replaced":
        os.replace(older, data_dir / DEMO)
    else:
        (data_dir / DEMO).unlink()

    select(w, "EDU01A")
    type_text(qtbot, w.view, "1234")
    copies = list((data_dir / "backups").glob("demo-*-rescued.sqlite"))
    assert len(copies) == 1
    one_warning(warnings, "被其他程序删除或替换", "这一步没有保存", "已保存的数据没有丢失",
                f"已另存为 {copies[0]}",
                f'haiyan-desktop --data-dir "{data_dir}" --demo restore "{copies[0]}"')
    select(w, "EDU01B")
    type_text(qtbot, w.view, "1200")  # tried again: the same sentence, no second copy
    assert len(warnings) == 2 and warnings[1] == warnings[0]
    assert list((data_dir / "backups").glob("demo-*-rescued.sqlite")) == copies
    app.close_store()

    if how == "replaced":
        assert_intact(data_dir)  # the file put there is left as it was, not mixed with ours
    else:
        assert not (data_dir / DEMO).exists()
    assert not list(data_dir.glob(f"{DEMO}-*")), "a stale WAL would be laid over that file"
    restore_database(data_dir, copies[0], demo=True)
    assert saved(data_dir) == before  # every change saved before, none of the failed ones
    assert_intact(data_dir)


# --- drive pulled out -------------------------------------------------------------------------
@posix_only
def test_an_edit_after_the_drive_was_pulled_out_says_so_and_nothing_is_lost(
        make_app, qtbot, data_dir, tmp_path, warnings):
    app = make_app()
    w = app.window
    select(w, CODE)
    type_text(qtbot, w.view, "99.5")
    before = saved(data_dir)
    pulled = tmp_path / "pulled"
    data_dir.rename(pulled)  # the drive is gone, with the folder on it
    try:
        select(w, "EDU01A")
        type_text(qtbot, w.view, "1234")
        one_warning(warnings, f"找不到数据文件夹 {data_dir}", "U 盘", KEPT_ZH, "请重新插入 U 盘")
    finally:
        pulled.rename(data_dir)  # and back
    app.close_store()
    assert saved(data_dir) == before
    assert_intact(data_dir)
