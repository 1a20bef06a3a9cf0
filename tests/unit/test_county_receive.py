"""The county desk receives the townships' signed reports (county/receive.py, store.py,
status.py, jobs/county.py), with real keys, real reports and pyHanko.

Every township's report is accepted with its signers and data; each bad file lands in
quarantine with its one reason and leaves the received reports as they were; the same file
twice is a duplicate; a newer report supersedes the older one, and an older one arriving later
is refused. Most imports here run in this process (``workers=1``); one runs on the worker
pool, as the CLI does.
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from haiyan_desktop.county import CountyError
from haiyan_desktop.county.store import SCHEMA_VERSION, CountyStore
from haiyan_desktop.jobs import DataFolder
from haiyan_desktop.jobs.county import county_status, import_reports
from haiyan_desktop.report import read_report_data
from tests.county import UNIT, YEAR
from tests.county_desk import BAD_CASES


@pytest.fixture
def folder(desk, tmp_path) -> DataFolder:
    return DataFolder.at(desk.fresh_folder(tmp_path / "county-data"))


def received(folder: DataFolder) -> CountyStore:
    return CountyStore.open(folder.county_db)


def by_name(result) -> dict[str, object]:
    return {f.path.name: f for f in result.files}


# --- the good reports --------------------------------------------------------------------------
def test_every_townships_report_is_accepted_with_its_signers_and_data(desk, folder):
    seen = []
    result = import_reports(folder, [desk.work / "reports"], workers=2,  # the worker pool
                            progress=lambda *args: seen.append(args))
    assert [f.outcome for f in result.files] == ["accepted"] * len(desk.units)
    assert result.quarantined == 0 and result.skipped == 0
    assert [(done, total) for done, total, _p, _o in seen] == [
        (n, len(desk.units)) for n in range(1, len(desk.units) + 1)]
    with received(folder) as store:
        accepted = store.accepted(YEAR)
        assert store.years() == [YEAR]
        assert store.integrity() == "ok"
    assert sorted(r.unit_code for r in accepted) == sorted(desk.units)
    for report in accepted:
        path = desk.reports[report.unit_code]
        assert report.payload == read_report_data(path)  # the attached data, whole
        assert report.year == YEAR and report.state == "accepted"
        assert report.sha256 == __import__("hashlib").sha256(path.read_bytes()).hexdigest()
        assert report.catalogue_sha256 == desk.catalogue.sha256
        assert [(s.field, s.role, s.unit_code) for s in report.signers] == [
            ("clerk", "clerk", report.unit_code), ("head", "head", report.unit_code)]
        assert report.signed_at == report.signers[-1].signed_at is not None
        assert report.file_name == path.name


def test_unrelated_files_are_passed_over_quickly(desk, folder, tmp_path):
    import time

    mixed = tmp_path / "stick"
    for n in range(10_000):
        sub = mixed / f"folder{n % 20}" / ("deep" if n % 3 else "")
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"file{n}.{('txt', 'xlsx', 'png', 'pdf.bak', 'PDFX')[n % 5]}").write_bytes(b"x")
    shutil.copyfile(desk.reports[UNIT], mixed / "folder7" / "报告.PDF")  # any case
    started = time.perf_counter()
    result = import_reports(folder, [mixed], workers=1)
    assert time.perf_counter() - started < 5
    assert result.skipped == 10_000
    assert [(f.path.name, f.outcome) for f in result.files] == [("报告.PDF", "accepted")]


# --- the bad files -----------------------------------------------------------------------------
def test_each_bad_file_is_quarantined_with_its_reason_and_changes_nothing(desk, folder):
    import_reports(folder, [desk.work / "reports"], workers=1)
    with received(folder) as store:
        before = store.counts()
    result = import_reports(folder, [desk.work / "bad"], workers=1)
    outcomes = {name.removesuffix(".pdf"): f for name, f in by_name(result).items()}
    assert set(outcomes) == set(BAD_CASES)
    wrong = {case: (f.outcome, f.reason) for case, f in outcomes.items()
             if (f.outcome, f.reason) != ("quarantined", BAD_CASES[case])}
    assert not wrong
    for case, outcome in outcomes.items():  # one sentence in each language, never a trace
        for lang in ("zh", "en"):
            text = outcome.message.render(lang)
            assert text and "Traceback" not in text and "\n" not in text, case
    with received(folder) as store:
        after = store.counts()
        quarantined = store.quarantined()
        assert store.integrity() == "ok"
    assert {k: v for k, v in after.items() if k != "quarantine"} == \
        {k: v for k, v in before.items() if k != "quarantine"}
    assert after["quarantine"] == len(BAD_CASES)
    assert sorted(q.reason for q in quarantined) == sorted(BAD_CASES.values())
    swapped = next(q for q in quarantined if q.file_name == "swapped.pdf")
    assert swapped.unit_code is not None and swapped.message.zh and swapped.message.en


def test_a_refused_file_leaves_the_database_unchanged_but_for_its_quarantine_row(desk,
                                                                                   folder):
    import_reports(folder, [desk.work / "reports"], workers=1)
    dump_before = _dump(folder)
    import_reports(folder, [desk.bad["forged"]], workers=1)
    dump_after = _dump(folder)
    assert dump_after.pop("quarantine") != dump_before.pop("quarantine")
    assert dump_after == dump_before


def _dump(folder: DataFolder) -> dict[str, list]:
    con = sqlite3.connect(folder.county_db)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in ("reports", "signatures", "quarantine", "events")}
    finally:
        con.close()


def test_a_quarantined_file_is_examined_again_next_time(desk, folder):
    from haiyan_desktop.jobs.catalogues import install_catalogue

    first = import_reports(folder, [desk.bad["unissued_catalogue"]], workers=1)
    assert first.files[0].reason == "catalogue_not_issued"
    install_catalogue(folder, desk.work / "haiyan-2019.8.hycat")  # the county issues it
    again = import_reports(folder, [desk.bad["unissued_catalogue"]], workers=1)
    assert again.files[0].outcome == "accepted"
    with received(folder) as store:
        assert store.quarantined() == []


# --- the same file, newer and older reports ----------------------------------------------------
def test_the_same_file_twice_is_a_duplicate(desk, folder, tmp_path):
    import_reports(folder, [desk.reports[UNIT]], workers=1)
    with received(folder) as store:
        before = store.counts()
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copyfile(desk.reports[UNIT], copy / "again.pdf")
    shutil.copyfile(desk.reports[UNIT], copy / "again-too.pdf")
    result = import_reports(folder, [desk.reports[UNIT], copy], workers=1)
    assert [f.outcome for f in result.files] == ["duplicate"] * 3
    assert result.quarantined == 0
    assert "wuyuan-2019.pdf" in result.files[1].message.zh
    with received(folder) as store:
        assert store.counts() == before


def test_the_same_new_file_twice_in_one_import(desk, folder, tmp_path):
    shutil.copyfile(desk.reports[UNIT], tmp_path / "a.pdf")
    shutil.copyfile(desk.reports[UNIT], tmp_path / "b.pdf")
    result = import_reports(folder, [tmp_path / "a.pdf", tmp_path / "b.pdf"], workers=1)
    assert [f.outcome for f in result.files] == ["accepted", "duplicate"]


def test_a_newer_report_supersedes_the_older_and_both_are_kept(desk, folder):
    import_reports(folder, [desk.work / "reports"], workers=1)
    result = import_reports(folder, [desk.newer], workers=1)
    (outcome,) = result.files
    old_sha = __import__("hashlib").sha256(desk.reports[UNIT].read_bytes()).hexdigest()
    assert (outcome.outcome, outcome.unit_code, outcome.supersedes) == \
        ("superseded", UNIT, old_sha)
    with received(folder) as store:
        accepted = {r.unit_code: r for r in store.accepted(YEAR)}
        old = store.received(old_sha)
        events = store.events()
    assert accepted[UNIT].sha256 == outcome.sha256 and len(accepted) == len(desk.units)
    assert old.state == "superseded" and old.superseded_by == outcome.sha256
    assert old.superseded_at is not None
    assert [(e["kind"], e["unit_code"], e["old_sha256"], e["new_sha256"]) for e in events] == \
        [("superseded", UNIT, old_sha, outcome.sha256)]
    assert accepted[UNIT].payload != old.payload  # reopened and changed
    assert accepted[UNIT].generated_at > old.generated_at
    status = county_status(folder, YEAR)
    wuyuan = next(u for u in status.units if u.code == UNIT)
    assert wuyuan.state == "accepted" and [r.sha256 for r in wuyuan.superseded] == [old_sha]


def test_an_older_report_arriving_later_is_refused(desk, folder):
    import_reports(folder, [desk.newer], workers=1)
    with received(folder) as store:
        before = store.counts()
    result = import_reports(folder, [desk.reports[UNIT]], workers=1)
    (outcome,) = result.files
    assert (outcome.outcome, outcome.reason) == ("quarantined", "older_than_received")
    assert desk.newer.name in outcome.message.zh and desk.newer.name in outcome.message.en
    with received(folder) as store:
        after = store.counts()
        assert store.accepted_for(UNIT, YEAR).file_name == desk.newer.name
    assert after["quarantine"] == before["quarantine"] + 1
    assert after["reports"] == before["reports"] and after["events"] == before["events"] == 0


# --- what has arrived --------------------------------------------------------------------------
def test_status_lists_every_unit_with_its_state(desk, folder):
    arrived = sorted(desk.units)[:4]
    import_reports(folder, [desk.reports[u] for u in arrived]
                   + [desk.bad["unissued_catalogue"], desk.bad["empty"]], workers=1)
    status = county_status(folder, YEAR)
    states = {u.code: u.state for u in status.units}
    assert set(states) == set(desk.units)  # every township of the catalogue, once
    unissued_unit = read_report_data(desk.bad["unissued_catalogue"])["unit"]["code"]
    for code in desk.units:
        expected = ("accepted" if code in arrived
                    else "quarantined" if code == unissued_unit else "missing")
        assert states[code] == expected, code
    data = status.to_json("en")
    assert data["summary"] == {"units": len(desk.units), "accepted": len(arrived),
                               "quarantined": int(unissued_unit not in arrived),
                               "missing": len(desk.units) - len(arrived)
                               - int(unissued_unit not in arrived)}
    # the empty file named no unit and no year: listed apart, under every year
    assert [(q["file"], q["reason"], q["year"]) for q in data["unassigned"]] == [
        ("empty.pdf", "empty", None)]
    assert [q.file_name for q in county_status(folder, 2018).unassigned] == ["empty.pdf"]
    json.dumps(data)  # plain JSON all through
    accepted = next(u for u in data["units"] if u["state"] == "accepted")
    assert accepted["report"]["signers"][0]["role"] == "clerk"


def test_status_before_anything_arrived_says_missing_and_creates_nothing(desk, folder):
    status = county_status(folder, YEAR)
    assert {u.state for u in status.units} == {"missing"}
    assert len(status.units) == len(desk.units)
    assert not folder.county_db.exists()  # asking is not receiving: no database made


def test_status_needs_an_issued_catalogue_of_the_year(desk, folder):
    with pytest.raises(CountyError) as err:
        county_status(folder, 2017)
    assert "2017" in err.value.message.zh and "2018, 2019, 2020" in err.value.message.en


# --- refused before anything is done ------------------------------------------------------------
def test_no_county_root_installed(desk, tmp_path):
    bare = DataFolder.at(tmp_path / "bare")
    with pytest.raises(CountyError) as err:
        import_reports(bare, [desk.reports[UNIT]])
    assert err.value.message.key == "county.no_trust" and err.value.status == 2
    assert not bare.county_db.exists()


def test_a_missing_path_is_refused(desk, folder, tmp_path):
    with pytest.raises(CountyError) as err:
        import_reports(folder, [desk.reports[UNIT], tmp_path / "nowhere"])
    assert "nowhere" in err.value.message.zh
    assert not folder.county_db.exists()


def test_a_database_of_a_newer_program_is_refused(folder):
    CountyStore.open(folder.county_db).close()
    con = sqlite3.connect(folder.county_db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(CountyError) as err:
        CountyStore.open(folder.county_db)
    assert err.value.message.key == "county.db_newer"


def test_the_schema_is_made_by_named_migrations(folder):
    with CountyStore.open(folder.county_db) as store:
        names = [r["name"] for r in store.db["_sqlite_migrations"].rows]
        version = store.db.execute("PRAGMA user_version").fetchone()[0]
        tables = set(store.db.table_names())
    assert names == ["m001_initial", "m002_comparison_data",
                     "m003_comparison_data_pickled"] and version == SCHEMA_VERSION
    assert {"reports", "signatures", "quarantine", "events"} <= tables
