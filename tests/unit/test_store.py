"""The store: audited edits, workflow refusals, the audit chain, migrations, backups."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlite_utils import Database

from haiyan_desktop.store import (
    BadTransition,
    CorruptDatabase,
    DataDirLocked,
    NewerDatabase,
    NotReady,
    Store,
    SubmissionLocked,
    ValueRejected,
    restore_database,
)
from haiyan_desktop.store import backup as backups
from haiyan_desktop.store.migrations import NAMES, SCHEMA_VERSION, migrations

GOOD = {"A01": "95", "A02A": "200", "A02B": "190", "A02D": "2.5", "B01": "0.3", "B02": "是",
        "B03": "优"}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path, actor="张三") as opened:
        yield opened


@pytest.fixture
def sub(store, scoring_catalogue):
    return store.open_submission(scoring_catalogue, "town1", 2019)


def fill(store, sub, values=GOOD):
    for code, raw in values.items():
        store.set_value(sub, code, raw)


def audit_count(store, sub):
    return store.db.execute("SELECT COUNT(*) FROM audit WHERE submission_id = ?",
                            [sub.id]).fetchone()[0]


def test_an_accepted_edit_is_stored_and_audited(store, sub):
    assert store.set_value(sub, "A01", "９５．５", comment="")
    stored = store.values(sub)["A01"]
    assert (stored.raw, stored.value, stored.actor) == ("９５．５", 95.5, "张三")
    row = store.history(sub, "A01")[-1]
    assert row["action"] == "edit" and row["old_json"] is None and '"value": 95.5' in row[
        "new_json"]
    assert store.set_value(sub, "A01", "96")
    assert '"value": 95.5' in store.history(sub, "A01")[-1]["old_json"]


def test_a_rejected_edit_changes_nothing(store, sub):
    store.set_value(sub, "A01", "95")
    before = audit_count(store, sub)
    with pytest.raises(ValueRejected) as caught:
        store.set_value(sub, "A01", "101")
    assert caught.value.problems[0].rule == "max"
    assert "100" in caught.value.message.zh
    assert store.values(sub)["A01"].value == 95.0
    assert audit_count(store, sub) == before


def test_an_unchanged_value_is_not_a_new_edit(store, sub):
    store.set_value(sub, "A01", "95")
    before = audit_count(store, sub)
    assert store.set_value(sub, "A01", "95.00") is False
    assert audit_count(store, sub) == before


def test_not_applicable_needs_a_comment(store, sub):
    with pytest.raises(ValueRejected):
        store.set_value(sub, "A02D", None, na=True)
    assert store.set_value(sub, "A02D", None, comment="无城镇人口", na=True)
    assert store.values(sub)["A02D"].na


def test_mark_checked_lists_what_blocks_it(store, sub):
    store.set_value(sub, "A01", "70")  # below the expected range: warning without comment
    with pytest.raises(NotReady) as caught:
        store.mark_checked(sub)
    assert {p.code for p in caught.value.problems} >= {"A01"}
    assert "B03" in caught.value.missing
    assert store.submission("town1", 2019).state == "draft"


def test_whole_workflow_and_its_refusals(store, sub, scoring_catalogue):
    fill(store, sub)
    with pytest.raises(BadTransition):
        store.mark_signed(sub, "ab" * 32, "report.pdf")  # a draft cannot be signed
    assert store.mark_checked(sub).state == "checked"
    store.set_value(sub, "A01", "96")  # an edit makes the check stale
    assert store.submission("town1", 2019).state == "draft"
    store.mark_checked(sub)
    signed = store.mark_signed(sub, "ab" * 32, "report.pdf")
    assert signed.state == "signed"
    with pytest.raises(SubmissionLocked):
        store.set_value(sub, "A01", "97")
    assert store.values(sub)["A01"].value == 96.0
    with pytest.raises(BadTransition):
        store.reopen(sub, "  ")
    reopened = store.reopen(sub, "县里要求更正 A01")
    assert reopened.state == "reopened"
    assert store.reports(sub)[0]["superseded_reason"] == "县里要求更正 A01"
    assert any("before-reopen" in p.name for p in backups.list_backups(store.path))
    store.set_value(sub, "A01", "97")
    assert store.submission("town1", 2019).state == "reopened"
    assert store.mark_checked(sub).state == "checked"
    states = [json.loads(r["new_json"]) for r in store.history(sub) if r["action"] == "state"]
    assert states == ["checked", "draft", "checked", "signed", "reopened", "checked"]
    assert store.verify_audit(sub) == []


def test_a_warning_on_a_calculated_indicator_can_be_answered(store, sub):
    store.set_value(sub, "A02A", "200")
    store.set_value(sub, "A02B", "190")
    assert store.set_value(sub, "A02C", "55", comment="核对无误")  # raw is ignored
    stored = store.values(sub)["A02C"]
    assert stored.raw is None and stored.comment == "核对无误"
    assert store.assess(sub).check.values["A02C"] == 95.0


def test_status_counts(store, sub):
    fill(store, sub, {"A01": "95", "A02A": "200", "A02B": "190"})
    status = store.status(sub)
    assert (status.filled, status.total) == (3, 7)  # A02C is calculated, not counted
    assert status.errors == 0 and len(status.score.missing) >= 3
    assert status.demo is False


# --- the audit chain -------------------------------------------------------------------------
@pytest.fixture
def chained(store, sub):
    fill(store, sub)
    assert store.verify_audit(sub) == []
    return store, sub


def kinds(store, sub):
    return {f.kind for f in store.verify_audit(sub)}


def test_audit_detects_an_edited_row(chained):
    store, sub = chained
    store.db.execute("UPDATE audit SET new_json = '{\"value\": 99}' WHERE seq = 3")
    assert "edited" in kinds(store, sub)


def test_audit_detects_a_deleted_row(chained):
    store, sub = chained
    store.db.execute("DELETE FROM audit WHERE seq = 4")
    assert "deleted" in kinds(store, sub)


def test_audit_detects_the_last_row_deleted(chained):
    store, sub = chained
    last = audit_count(store, sub)
    store.db.execute("DELETE FROM audit WHERE seq = ?", [last])
    assert "truncated" in kinds(store, sub)


def test_audit_detects_reordered_rows(chained):
    store, sub = chained
    store.db.execute("UPDATE audit SET seq = -1 WHERE seq = 2")
    store.db.execute("UPDATE audit SET seq = 2 WHERE seq = 3")
    store.db.execute("UPDATE audit SET seq = 3 WHERE seq = -1")
    found = kinds(store, sub)
    assert "out_of_order" in found or "edited" in found
    assert found


def test_audit_detects_an_inserted_row(chained):
    store, sub = chained
    row = dict(store.history(sub)[2])
    row.pop("id")
    row["seq"] = 99
    store.db["audit"].insert(row)
    assert store.verify_audit(sub)


# --- files: lock, migrations, newer and damaged databases, backups ---------------------------
def test_second_writer_is_refused_but_readers_are_not(store, tmp_path):
    with pytest.raises(DataDirLocked) as caught:
        Store(tmp_path)
    assert "正被另一个" in caught.value.message.zh
    with Store(tmp_path, write=False) as reader:
        assert reader.submissions() == []


def test_a_first_schema_database_is_migrated_with_a_backup(tmp_path, scoring_catalogue):
    path = tmp_path / "haiyan.sqlite"
    db = Database(path)
    migrations.apply(db, stop_before=NAMES[1])  # only the first schema
    db.execute("PRAGMA user_version = 1")
    db["meta"].insert({"key": "marker", "value": "from v1"})
    db.close()
    with Store(tmp_path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.db["reports"].exists()
        assert store._meta("marker") == "from v1"
        sub = store.open_submission(scoring_catalogue, "town1", 2019)
        store.set_value(sub, "A01", "95")
    assert any("before-migration" in p.name for p in backups.list_backups(path))


def test_a_newer_database_is_refused_and_left_alone(tmp_path):
    with Store(tmp_path):
        pass
    path = tmp_path / "haiyan.sqlite"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerDatabase) as caught:
        Store(tmp_path)
    assert "更新版本" in caught.value.message.zh
    assert path.read_bytes() == before
    with pytest.raises(DataDirLocked.__mro__[1]):  # StoreError also for readers
        Store(tmp_path, write=False)


def test_a_damaged_database_names_the_newest_good_backup(tmp_path, scoring_catalogue):
    with Store(tmp_path) as store:
        sub = store.open_submission(scoring_catalogue, "town1", 2019)
        store.set_value(sub, "A01", "95")
        good = store.backup()
    path = tmp_path / "haiyan.sqlite"
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page, overwritten
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabase) as caught:
        Store(tmp_path)
    assert caught.value.backup == good
    assert str(good) in caught.value.message.zh
    restore_database(tmp_path, good)
    with Store(tmp_path) as store:
        assert store.values(store.submission("town1", 2019))["A01"].value == 95.0


def test_backups_keep_the_last_ten(tmp_path):
    with Store(tmp_path) as store:
        for _ in range(13):
            store.backup()
        assert len(backups.list_backups(store.path)) == backups.KEEP


def test_a_daily_backup_is_taken_at_open(tmp_path):
    with Store(tmp_path):
        pass  # a new database: nothing to back up yet
    path = tmp_path / "haiyan.sqlite"
    assert backups.list_backups(path) == []
    with Store(tmp_path):
        pass
    assert [p.name.endswith("-daily.sqlite") for p in backups.list_backups(path)] == [True]
    with Store(tmp_path):
        pass
    assert len(backups.list_backups(path)) == 1  # once a day


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "x.sqlite"
    bogus.write_bytes(b"not a database at all" * 100)
    with pytest.raises(Exception) as caught:
        restore_database(tmp_path, bogus)
    assert "不是完好的备份文件" in caught.value.message.zh


def test_a_reader_never_changes_a_file_it_would_have_to_migrate(tmp_path):
    with Store(tmp_path, write=False) as reader:  # a new data folder: created under the lock
        assert reader.db["submissions"].exists()
    path = tmp_path / "haiyan.sqlite"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 0")  # as if killed right after the migrations
    con.commit()
    con.close()
    with Store(tmp_path) as holder:  # a writer repairs the version
        assert holder.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        con = sqlite3.connect(path)
        con.execute("PRAGMA user_version = 0")
        con.commit()
        con.close()
        with pytest.raises(DataDirLocked):  # a reader may not migrate while another writes
            Store(tmp_path, write=False)
