"""One writer per data folder, across processes, and a killed writer leaves no stuck lock.

A first process opens the store for writing and stays; a second process that opens the same
folder for writing gets ``DataDirLocked`` with a Chinese message naming the folder and touches
nothing. After the first one is killed with SIGKILL, the lock can be taken again at once.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from haiyan_desktop.messages import render

ROOT = Path(__file__).resolve().parents[2]
DB_NAME = "haiyan.sqlite"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

# Holds the store open for writing after storing one value, until it is killed.
HOLDER = """
import sys, time
from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.store import Store
store = Store(sys.argv[1], write=True, actor="holder")
sub = store.open_submission(default_catalogue(), "shendang", 2019)
assert store.set_value(sub, "EDU01A", "12913")
print("READY", flush=True)
time.sleep(120)
"""

# Tries to open the store for writing; prints what happened as one JSON line.
CONTENDER = """
import json, sys
from haiyan_desktop.store import DataDirLocked, Store, StoreError
try:
    store = Store(sys.argv[1], write=True, actor="contender")
except DataDirLocked as e:
    print(json.dumps({"locked": True, "zh": e.message.zh, "en": e.message.en,
                      "store_error": isinstance(e, StoreError)}, ensure_ascii=False))
else:
    sub = store.submission("shendang", 2019)
    raw = store.values(sub)["EDU01A"].raw
    changed = store.set_value(sub, "EDU01A", "12000")
    store.close()
    print(json.dumps({"locked": False, "raw": raw, "changed": changed}))
"""


def _env() -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path}


def contend(data_dir: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", CONTENDER, str(data_dir)], env=_env(),
                            cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def snapshot(data_dir: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and mtime of the database files (main, WAL, shared memory) and the backups."""
    found = {}
    for path in [*data_dir.glob(DB_NAME + "*"), *data_dir.glob("backups/*")]:
        if path.name.endswith(".lock"):
            continue  # the lock file is the lock's business, not data
        found[str(path.relative_to(data_dir))] = (path.read_bytes(), path.stat().st_mtime_ns)
    return found


@pytest.fixture
def holder(tmp_path):
    data_dir = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir)], env=_env(), cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")
    try:
        line = proc.stdout.readline().strip()
        assert line == "READY", f"holder did not start: {line!r} {proc.stderr.read()}"
        yield proc, data_dir
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()


def test_second_writer_process_is_refused_with_a_chinese_message_and_changes_nothing(holder):
    proc, data_dir = holder
    before = snapshot(data_dir)
    assert DB_NAME in before
    time.sleep(0.05)  # so that a write by the contender would show in the mtime

    outcome = contend(data_dir)

    assert outcome["locked"], f"a second writer opened the locked store: {outcome}"
    assert outcome["store_error"]
    assert outcome["zh"] == render("store.locked", "zh", path=str(data_dir))
    assert str(data_dir) in outcome["zh"]
    assert "正被另一个海盐桌面端程序使用" in outcome["zh"] and "关闭" in outcome["zh"]
    assert str(data_dir) in outcome["en"] and "in use" in outcome["en"]
    assert snapshot(data_dir) == before, "the refused process changed the database files"
    assert proc.poll() is None, "the holder must still be running"


def test_lock_is_free_again_at_once_after_the_holder_is_killed(holder):
    proc, data_dir = holder
    assert contend(data_dir)["locked"]

    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    outcome = contend(data_dir)  # no waiting, no retry: the lock's timeout is 0
    assert not outcome["locked"], f"the lock stayed stuck after the holder died: {outcome}"
    assert outcome["raw"] == "12913", "the holder's committed value was lost"
    assert outcome["changed"] is True
    again = contend(data_dir)
    assert (again["locked"], again["raw"]) == (False, "12000"), "the new writer's edit was lost"
