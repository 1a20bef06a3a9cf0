"""`haiyan-desktop county compare --year Y [--json]`, run as a real subprocess on a county
database holding the demo units' report data of two years.

The county database is written with the county store's own public API
(``CountyStore.open`` + ``accept``), from the data the demo's reports carry
(``report.data.collect``): what ``county import`` stores once it has verified the signed
files (that part is tested with the import). No indicator code of the built-in catalogue is
named here.
"""

from __future__ import annotations

import hashlib
import json
import math
import pickle

import pytest

from haiyan_desktop.county.equalization import OVERALL, compare
from haiyan_desktop.county.store import CountyStore, NewReport

YEAR = 2019


def _accept(data_dir, payloads):
    with CountyStore.open(data_dir / "county.db") as store:
        for data in payloads:
            text = json.dumps(data, ensure_ascii=False)
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            code = data["unit"]["code"]
            store.accept(NewReport(sha, data, text, (), f"{code}-{data['year']}.pdf",
                                   f"/usb/{code}-{data['year']}.pdf", len(text)))




@pytest.fixture(scope="module")
def county_dir(tmp_path_factory, demo_payloads):
    _catalogue, by_year = demo_payloads
    assert YEAR in by_year and YEAR - 1 in by_year
    folder = tmp_path_factory.mktemp("county-desk")
    _accept(folder, by_year[YEAR] + by_year[YEAR - 1])
    return folder


def test_compare_json_matches_the_library_on_the_same_reports(cli, county_dir, demo_payloads):
    catalogue, by_year = demo_payloads
    run = cli("--data-dir", str(county_dir), "county", "compare", "--year", str(YEAR), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    towns = {p["unit"]["code"] for p in by_year[YEAR] if p["unit"]["kind"] != "department"}
    assert data["year"] == YEAR
    assert {u["code"] for u in data["units"]} == towns
    ranks = [u["rank"] for u in data["units"]]
    assert ranks[0] == 1 and ranks == sorted(ranks) and max(ranks) <= len(towns)
    assert data["catalogue"]["sha256"] == catalogue.sha256
    for theil in data["theil"]:
        assert theil["between"] + theil["within"] == pytest.approx(theil["total"], abs=1e-12)
    assert all(math.isfinite(i["cv"]) for i in data["indicators"] if i["cv"] is not None)
    assert data["changes"]["previous_year"] == YEAR - 1
    assert {u["source"] for u in data["changes"]["units"]} == {"reports"}
    expected = compare(catalogue, by_year[YEAR], by_year[YEAR - 1]).to_json()
    assert data == json.loads(json.dumps(expected))  # the very same figures, unrounded


def test_compare_text_in_both_languages(cli, county_dir, demo_payloads):
    _catalogue, by_year = demo_payloads
    towns = [p["unit"] for p in by_year[YEAR] if p["unit"]["kind"] != "department"]
    zh = cli("--data-dir", str(county_dir), "county", "compare", "--year", str(YEAR))
    assert zh.returncode == 0, zh.stderr
    for heading in ("【排名】", "【泰尔指数】", "【差异最大的指标】", "【短板指标】",
                    f"【与 {YEAR - 1} 年比较】", "【县域汇总指标】", "【县级部门】"):
        assert heading in zh.stdout
    assert all(u["name"] in zh.stdout for u in towns)
    assert "全县平均" in zh.stdout and "中位数" in zh.stdout
    en = cli("--data-dir", str(county_dir), "--lang", "en", "county", "compare", "--year",
             str(YEAR))
    assert en.returncode == 0, en.stderr
    for heading in ("[Ranking]", "[Theil index]", "[Most unequal indicators]",
                    "[Weak indicators]", f"[Against {YEAR - 1}]", "[County-level figures]",
                    "[County departments]"):
        assert heading in en.stdout
    assert all(u["name_en"] in en.stdout for u in towns)
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en.stdout.split("[Ranking]")[0])


def test_the_ranking_lines_show_each_unit_with_its_rank_and_score(cli, county_dir):
    data = json.loads(cli("--data-dir", str(county_dir), "county", "compare", "--year",
                          str(YEAR), "--json").stdout)
    text = cli("--data-dir", str(county_dir), "--lang", "en", "county", "compare", "--year",
               str(YEAR)).stdout
    table = text.split("[Ranking]")[1].split("[Theil index]")[0]
    for unit in data["units"]:
        line = next(row for row in table.splitlines() if unit["name_en"] in row)
        assert line.split()[0] == str(unit["rank"])
        assert f"{unit['overall']:.2f}" in line
    overall = next(t for t in data["theil"] if t["measure"] == OVERALL)
    assert f"{overall['total']:.6f}" in text


def test_no_county_database_is_one_sentence_and_creates_nothing(cli, tmp_path):
    run = cli("--data-dir", str(tmp_path), "county", "compare", "--year", str(YEAR))
    assert run.returncode == 2
    assert run.stdout == ""
    assert "尚未接收到 2019 年的镇（街道）报告" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "county.db").exists()
    en = cli("--data-dir", str(tmp_path), "--lang", "en", "county", "compare", "--year",
             str(YEAR))
    assert en.returncode == 2 and "No township reports of 2019" in en.stderr


def test_a_year_without_reports(cli, county_dir):
    run = cli("--data-dir", str(county_dir), "county", "compare", "--year", "2017")
    assert run.returncode == 2
    assert "尚未接收到 2017 年" in run.stderr


def test_reports_of_a_catalogue_this_computer_lacks(cli, tmp_path, demo_payloads):
    _catalogue, by_year = demo_payloads
    foreign = json.loads(json.dumps(by_year[YEAR][:3]))
    for data in foreign:
        data["catalogue"] = {"id": "elsewhere-2019", "version": "9.9", "sha256": "0" * 64}
    _accept(tmp_path, foreign)
    run = cli("--data-dir", str(tmp_path), "county", "compare", "--year", str(YEAR))
    assert run.returncode == 2
    assert "elsewhere-2019" in run.stderr and "9.9" in run.stderr
    assert "catalogue install" in run.stderr


# --- the comparison data kept beside each report (county.store, migrations 2 and 3) ----------
def _schema_1_database(path, payloads):
    """A county database as the first program wrote it (schema version 1): the first
    migration only, and each accepted report stored with its full data alone."""
    import sqlite3

    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    from haiyan_desktop.county.store import MIGRATION_SET, m001_initial

    con = sqlite3.connect(path, isolation_level=None)
    db = Database(con)
    first = Migrations(MIGRATION_SET)
    first(name="m001_initial")(m001_initial)
    first.apply(db)
    con.execute("PRAGMA user_version = 1")
    for data in payloads:
        text = json.dumps(data, ensure_ascii=False)
        code = data["unit"]["code"]
        db["reports"].insert({
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "unit_code": code,
            "unit_name": data["unit"]["name"], "unit_name_en": data["unit"]["name_en"],
            "unit_kind": data["unit"]["kind"], "year": data["year"],
            "catalogue_id": data["catalogue"]["id"],
            "catalogue_version": data["catalogue"]["version"],
            "catalogue_sha256": data["catalogue"]["sha256"],
            "fingerprint": data.get("fingerprint") or "0" * 64,
            "generated_at": data.get("generated_at"), "signed_at": None, "payload_json": text,
            "file_name": f"{code}.pdf", "file_path": f"/usb/{code}.pdf",
            "file_size": len(text), "imported_at": "2020-01-20T09:00:00+08:00",
            "state": "accepted", "superseded_by": None, "superseded_at": None})
    assert "comparison_json" not in db["reports"].columns_dict
    con.close()


def test_a_database_of_schema_1_is_migrated_and_compares_identically(cli, tmp_path,
                                                                      county_dir, demo_payloads):
    import sqlite3

    from haiyan_desktop.county.store import SCHEMA_VERSION
    from haiyan_desktop.jobs.equalization import compare_year

    catalogue, by_year = demo_payloads
    old = tmp_path / "old"
    old.mkdir()
    _schema_1_database(old / "county.db", by_year[YEAR] + by_year[YEAR - 1])
    run = cli("--data-dir", str(old), "county", "compare", "--year", str(YEAR), "--json")
    assert run.returncode == 0, run.stderr
    con = sqlite3.connect(old / "county.db")
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        rows = con.execute("SELECT payload_json, comparison_data, comparison_json "
                           "FROM reports").fetchall()
        names = [r[0] for r in con.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        con.close()
    assert names == ["m001_initial", "m002_comparison_data", "m003_comparison_data_pickled"]
    assert len(rows) == len(by_year[YEAR]) + len(by_year[YEAR - 1])
    for payload_json, pickled, comparison_json in rows:  # made from each report's own data
        extract = pickle.loads(pickled)
        assert extract["format"] == "haiyan-desktop/comparison-data"
        assert extract["unit"]["code"] == json.loads(payload_json)["unit"]["code"]
        assert comparison_json is None  # the JSON copy is emptied
    expected = compare(catalogue, by_year[YEAR], by_year[YEAR - 1]).to_json()
    assert json.loads(run.stdout) == json.loads(json.dumps(expected))
    # the very same as a database written by this program, and as its own text
    assert compare_year(old, YEAR).to_json() == compare_year(county_dir, YEAR).to_json()
    fresh = cli("--data-dir", str(county_dir), "county", "compare", "--year", str(YEAR))
    again = cli("--data-dir", str(old), "county", "compare", "--year", str(YEAR))
    assert again.returncode == 0 and again.stdout == fresh.stdout


def test_a_database_of_schema_2_is_migrated_and_compares_identically(cli, tmp_path,
                                                                      county_dir, demo_payloads):
    """A database whose comparison data is JSON (``comparison_json``, migration 2) gets it
    again as a pickle (migration 3) and compares as one this program wrote."""
    import sqlite3

    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    from haiyan_desktop.county.store import (
        MIGRATION_SET,
        SCHEMA_VERSION,
        m001_initial,
        m002_comparison_data,
    )
    from haiyan_desktop.jobs.equalization import compare_year

    _catalogue, by_year = demo_payloads
    old = tmp_path / "old"
    old.mkdir()
    _schema_1_database(old / "county.db", by_year[YEAR] + by_year[YEAR - 1])
    con = sqlite3.connect(old / "county.db", isolation_level=None)
    second = Migrations(MIGRATION_SET)
    second(name="m001_initial")(m001_initial)
    second(name="m002_comparison_data")(m002_comparison_data)
    second.apply(Database(con))
    con.execute("PRAGMA user_version = 2")
    assert con.execute("SELECT count(*) FROM reports WHERE comparison_json IS NULL"
                       ).fetchone()[0] == 0
    con.close()
    assert compare_year(old, YEAR).to_json() == compare_year(county_dir, YEAR).to_json()
    con = sqlite3.connect(old / "county.db")
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert con.execute("SELECT count(*) FROM reports WHERE comparison_data IS NULL "
                           "OR comparison_json IS NOT NULL").fetchone()[0] == 0
    finally:
        con.close()
    for extra in ((), ("--json",)):
        fresh = cli("--data-dir", str(county_dir), "county", "compare", "--year", str(YEAR),
                    *extra)
        again = cli("--data-dir", str(old), "county", "compare", "--year", str(YEAR), *extra)
        assert again.returncode == 0 and again.stdout == fresh.stdout


def test_a_report_without_comparison_data_is_compared_from_its_full_data(tmp_path,
                                                                         county_dir,
                                                                         demo_payloads):
    import shutil
    import sqlite3

    from haiyan_desktop.jobs.equalization import compare_year

    catalogue, by_year = demo_payloads
    shutil.copyfile(county_dir / "county.db", tmp_path / "county.db")
    con = sqlite3.connect(tmp_path / "county.db")
    con.execute("UPDATE reports SET comparison_data = NULL WHERE rowid % 2 = 0")
    for sha256, pickled in con.execute("SELECT sha256, comparison_data FROM reports "
                                       "WHERE rowid % 3 = 0 AND comparison_data IS NOT NULL"
                                       ).fetchall():
        newer = {**pickle.loads(pickled), "format_version": 99}  # of another version
        con.execute("UPDATE reports SET comparison_data = ? WHERE sha256 = ?",
                    [pickle.dumps(newer), sha256])
    con.execute("UPDATE reports SET comparison_data = ? WHERE rowid % 5 = 0",
                [pickle.dumps(tmp_path)])  # names a class: refused, never made
    con.execute("UPDATE reports SET comparison_data = x'80050000' WHERE rowid % 7 = 0")
    con.commit()
    con.close()
    expected = compare(catalogue, by_year[YEAR], by_year[YEAR - 1]).to_json()
    assert compare_year(tmp_path, YEAR).to_json() == expected


def test_a_report_whose_data_cannot_be_compared_is_stored_all_the_same(tmp_path,
                                                                       demo_payloads):
    import sqlite3

    from haiyan_desktop.jobs.equalization import compare_year

    catalogue, _by_year = demo_payloads
    odd = {"unit": {"code": "x1", "name": "某镇", "name_en": "A Town", "kind": "town"},
           "year": YEAR, "fingerprint": "f" * 64,
           "catalogue": {"id": catalogue.id, "version": catalogue.version,
                         "sha256": catalogue.sha256},
           "scores": {"indicators": [{"code": "A01"}]}}  # a leaf without its status
    _accept(tmp_path, [odd])
    con = sqlite3.connect(tmp_path / "county.db")
    assert con.execute("SELECT comparison_data FROM reports").fetchall() == [(None,)]
    con.close()
    with pytest.raises(ValueError, match="not the data of a report"):
        compare_year(tmp_path, YEAR)


def test_the_json_is_laid_out_a_record_a_line(cli, county_dir):
    text = cli("--data-dir", str(county_dir), "county", "compare", "--year", str(YEAR),
               "--json").stdout
    data = json.loads(text)
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert lines[1] == f'  "year": {YEAR},'
    units = lines.index('  "units": [')
    assert json.loads(lines[units + 1].rstrip(",")) == data["units"][0]
    assert max(len(line) for line in lines) < 20_000  # no province on one line
