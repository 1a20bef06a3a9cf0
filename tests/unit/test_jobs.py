"""The jobs layer: one error type for every refusal, files written whole or not at all, and an
import that reads its file once."""

from __future__ import annotations

import os
import shutil

import pytest

from haiyan_desktop import files, jobs
from haiyan_desktop.catalogue import CatalogueError
from haiyan_desktop.errors import EXIT_FAILED, EXIT_USAGE, HaiyanError
from haiyan_desktop.exchange.errors import ValuesFileError
from haiyan_desktop.exchange.importer import ImportRefused
from haiyan_desktop.report import ReportError
from haiyan_desktop.signing import SigningError
from haiyan_desktop.store import BadTransition, NotReady, StoreError, SubmissionLocked


def test_every_refusal_is_one_error_type_with_its_exit_status():
    for kind in (StoreError, ReportError, SigningError, ValuesFileError, CatalogueError,
                 ImportRefused):
        assert issubclass(kind, HaiyanError), kind
    assert NotReady([], ["EDU02"]).status == EXIT_FAILED
    assert ImportRefused.status == SubmissionLocked.status == BadTransition.status == EXIT_FAILED
    assert StoreError.status == ReportError.status == SigningError.status == EXIT_USAGE
    details = NotReady([], ["EDU02"]).details("zh")
    assert details and "EDU02" in details[-1]


def test_a_job_raises_the_one_error_type_in_both_languages(tmp_path):
    folder = jobs.DataFolder(tmp_path)
    with pytest.raises(HaiyanError) as caught:
        jobs.values.import_values(folder, "baibu", 2019, tmp_path / "missing.csv")
    assert "missing.csv" in caught.value.lines("zh")[0]
    assert caught.value.lines("en")[0] != caught.value.lines("zh")[0]
    with pytest.raises(HaiyanError):
        jobs.report.build_report(folder, "baibu", 2019, tmp_path / "out.txt")


def test_the_import_reads_its_file_once(demo_dir, tmp_path, monkeypatch):
    from haiyan_desktop.exchange import importer

    data = tmp_path / "data"
    shutil.copytree(demo_dir, data, ignore=shutil.ignore_patterns("*.lock"))
    values = tmp_path / "v.csv"
    values.write_text("code,value,comment\nEDU02,97.25,\n", encoding="utf-8")
    reads = []
    real = importer.read_values
    monkeypatch.setattr(importer, "read_values", lambda p: reads.append(p) or real(p))
    folder = jobs.DataFolder(data, demo=True, actor="张晓明")
    with folder.store(write=True) as store:
        sub = store.submission("baibu", 2019)
        preview = jobs.values.preview_import(store, sub, values)
        values.unlink()  # the commit must not need the file again
        report = jobs.values.commit_import(store, sub, preview)
        assert report.outcome.stored == ["EDU02"]
        assert store.values(sub)["EDU02"].value == 97.25
    assert reads == [values]


def test_the_atomic_writer_leaves_the_old_file_on_failure_and_syncs(tmp_path, monkeypatch):
    target = tmp_path / "r.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), files.atomic_path(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("the writer failed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]  # no partial file left

    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real(fd))
    files.write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert len(synced) == (2 if os.name == "posix" else 1)  # the file, then its folder
