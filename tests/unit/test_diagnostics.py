"""The diagnostics zip: every part it promises, and nothing a submission holds."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from haiyan_desktop import __version__, logs
from haiyan_desktop.catalogue import load_catalogue
from haiyan_desktop.jobs.diagnostics import (
    DiagnosticsError,
    default_diagnostics_name,
    write_diagnostics,
)
from haiyan_desktop.signing import install_trust
from haiyan_desktop.store import Store
from tests.conftest import CATALOGUES
from tests.county import P12_PASS

VALUE, COMMENT = "98765.4321", "独特的备注XYZ"


pytestmark = pytest.mark.usefixtures("private_log_temp")


@pytest.fixture
def four_decimals(tmp_path):
    """The small test catalogue, with HEA01 taking four decimals up to a million."""
    text = (CATALOGUES / "valid-small.yaml").read_text(encoding="utf-8")
    before = "        decimals: 2\n        min: 0\n        max: 1000\n"
    assert before in text
    path = tmp_path / "four-decimals.yaml"
    path.write_text(text.replace(before, "        decimals: 4\n        min: 0\n"
                                         "        max: 1000000\n"), encoding="utf-8")
    return load_catalogue(path)


@pytest.fixture
def data_dir(tmp_path, four_decimals, county):
    """A data folder as a clerk's: a submission with a distinctive value and comment, logs,
    the county root installed, a certificate file and a report lying in it."""
    data = tmp_path / "data"
    logs.start_logging(data)
    with logs.log_job("enter values"), Store(data, actor="张晓明") as store:
        sub = store.open_submission(four_decimals, "wuyuan", 2019)
        assert store.set_value(sub, "HEA01", VALUE, comment=COMMENT)
        stored = store.values(sub)["HEA01"]
        assert stored.raw == VALUE and stored.comment == COMMENT
        store.set_value(sub, "EDU01A", "2400")
        store.backup("manual")
    logs.stop_logging()
    install_trust(data, county.root, county.crl)
    (data / "certificates").mkdir()
    shutil.copy(county.p12["clerk"], data / "certificates" / "clerk.p12")
    (data / "reports").mkdir()
    (data / "reports" / "wuyuan-2019.pdf").write_bytes(b"%PDF-1.7 " + VALUE.encode() * 3)
    (data / "passphrase.txt").write_text(P12_PASS, encoding="utf-8")
    return data


def every_byte(zip_path: Path) -> list[bytes]:
    """The zip as stored (compressed) and each member read out."""
    with zipfile.ZipFile(zip_path) as zf:
        return [zip_path.read_bytes(), *(zf.read(name) for name in zf.namelist())]


def member_json(zip_path: Path, name: str):
    with zipfile.ZipFile(zip_path) as zf:
        return json.loads(zf.read(name).decode("utf-8"))


def test_the_zip_holds_logs_versions_listing_integrity_audits_and_the_trust_root(
        data_dir, tmp_path, county):
    out = write_diagnostics(data_dir, tmp_path / "diagnostics.zip")
    assert out == tmp_path / "diagnostics.zip"
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        log = zf.read("logs/haiyan.log").decode("utf-8")
        readme = zf.read("README.txt").decode("utf-8")
    assert {"README.txt", "versions.json", "data-folder.json", "databases.json",
            "trust.json", "logs/haiyan.log"} <= names
    assert "job finished: enter values: ok" in log
    assert "海盐桌面端诊断信息" in readme and "Haiyan Desktop diagnostics" in readme

    versions = member_json(out, "versions.json")
    assert versions["program"] == f"haiyan-desktop {__version__}"
    assert versions["python"] and versions["platform"] and versions["sqlite"]
    assert versions["packages"]["cryptography"]

    listing = {e["name"]: e for e in member_json(out, "data-folder.json")["entries"]}
    assert listing["haiyan.sqlite"]["size"] == (data_dir / "haiyan.sqlite").stat().st_size
    assert listing["certificates/clerk.p12"]["size"] > 0
    assert "reports/" in listing and "trust/county-root.pem" in listing
    assert any(name.startswith("backups/haiyan-") for name in listing)
    assert all(entry["modified"].endswith("Z") for entry in listing.values())

    databases = member_json(out, "databases.json")
    assert databases["demo"] is None  # no sample data in this folder
    main = databases["main"]
    assert main["integrity"] == ["ok"] and main["schema"] == main["supported_schema"]
    assert main["submissions"] == [{"unit": "wuyuan", "year": 2019, "state": "draft",
                                    "audit": "intact"}]

    trust = member_json(out, "trust.json")["installed"]
    assert trust["subject"].startswith("CN=") and "海盐县" in trust["subject"]
    assert trust["valid_until"] and trust["expired"] is False
    assert trust["revocation_lists"][0]["revoked"] == 1


def test_nothing_a_submission_holds_is_in_the_zip(data_dir, tmp_path, county):
    out = write_diagnostics(data_dir, tmp_path / "diagnostics.zip", trust_root=county.root)
    p12 = county.p12["clerk"].read_bytes()
    secrets = [VALUE, COMMENT, P12_PASS]
    forms = {form for s in secrets for form in
             (s.encode("utf-8"), json.dumps(s).encode("ascii"), s.encode("utf-16-le"))}
    for blob in every_byte(out):
        for form in forms:
            assert form not in blob, form
        assert p12[100:140] not in blob  # no certificate file
        assert b"SQLite format 3" not in blob and b"%PDF" not in blob
    with zipfile.ZipFile(out) as zf:
        assert not [n for n in zf.namelist()
                    if n.endswith((".sqlite", ".p12", ".pdf", ".pem", ".crl", ".txt"))
                    and not n.startswith("logs/") and n != "README.txt"]
    assert member_json(out, "trust.json")["given"]["file"] == str(county.root)


def test_a_broken_audit_trail_is_reported_row_by_row(data_dir, tmp_path):
    con = sqlite3.connect(data_dir / "haiyan.sqlite")
    con.execute("UPDATE audit SET actor = 'someone else' WHERE seq = 2")
    con.commit()
    con.close()
    out = write_diagnostics(data_dir, tmp_path / "diagnostics.zip")
    [submission] = member_json(out, "databases.json")["main"]["submissions"]
    assert submission["audit"][0]["row"] == 2 and submission["audit"][0]["kind"] == "edited"
    assert "审计记录第 2 条被修改过" in submission["audit"][0]["zh"]


def test_a_database_of_another_schema_is_described_not_migrated(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    con = sqlite3.connect(data / "demo.sqlite")
    con.execute("CREATE TABLE t (x)")
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    before = (data / "demo.sqlite").read_bytes()
    out = write_diagnostics(data, tmp_path / "d.zip")
    demo = member_json(out, "databases.json")["demo"]
    assert demo["schema"] == 99 and demo["integrity"] == ["ok"]
    assert "not_checked" in demo["submissions"]
    assert (data / "demo.sqlite").read_bytes() == before
    assert not (data / "backups").exists()


def test_a_damaged_database_is_said_and_the_rest_still_written(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "haiyan.sqlite").write_bytes(b"this is no database" * 100)
    out = write_diagnostics(data, tmp_path / "d.zip")
    main = member_json(out, "databases.json")["main"]
    assert "error" in main["integrity"]
    assert member_json(out, "trust.json")["installed"] is None
    assert member_json(out, "data-folder.json")["entries"][0]["name"] == "haiyan.sqlite"


def test_a_missing_output_folder_is_refused_and_nothing_is_left(data_dir, tmp_path):
    with pytest.raises(DiagnosticsError) as caught:
        write_diagnostics(data_dir, tmp_path / "no-such-folder" / "d.zip")
    assert caught.value.message.key == "diagnostics.no_output_dir"
    assert not (tmp_path / "no-such-folder").exists()


def test_the_zip_is_written_atomically(data_dir, tmp_path, monkeypatch):
    target = tmp_path / "d.zip"
    target.write_bytes(b"the previous export")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full_disk)  # after the bytes went out, before the rename
    with pytest.raises(DiagnosticsError) as caught:
        write_diagnostics(data_dir, target)
    monkeypatch.undo()
    assert caught.value.message.key == "diagnostics.write_failed"
    assert "磁盘空间已满" in caught.value.message.zh
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_the_default_name_says_what_and_when():
    assert default_diagnostics_name().startswith("haiyan-diagnostics-")
    assert default_diagnostics_name().endswith(".zip")


def test_the_county_desk_is_described_by_numbers_only(tmp_path, desk):
    """A county folder: the county database's integrity and counts per year and state, the
    installed catalogues; no unit, file name, sha256 of a report or figure."""
    from haiyan_desktop.jobs import DataFolder
    from haiyan_desktop.jobs.county import import_reports
    folder = desk.fresh_folder(tmp_path / "county")
    good = desk.reports[desk.units[0]]
    result = import_reports(DataFolder(folder), [good, desk.bad["tampered"]], workers=1)
    assert (result.accepted, result.quarantined) == (1, 1)

    out = write_diagnostics(folder, tmp_path / "diagnostics.zip")
    described = member_json(out, "databases.json")["county"]
    assert described["integrity"] == ["ok"] and described["schema"] == described["supported_schema"]
    year = str(desk.catalogue.years[-1])
    assert described["reports"][year] == {"accepted": 1, "quarantined": 1}
    catalogues = member_json(out, "catalogues.json")
    assert desk.catalogue.sha256 in {c["sha256"] for c in catalogues}
    shas = {f.sha256 for f in result.files}
    for blob in every_byte(out):
        for secret in shas | {desk.units[0], good.name, "tampered.pdf"}:
            assert secret.encode() not in blob, secret
