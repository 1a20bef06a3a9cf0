"""Signed catalogues through the real command line, as the county and a township use it:
`pki issue --role county`, `catalogue sign`, `trust install`, `catalogue install`, and then the
installed catalogue is the one the commands use for its year. Every bad package is refused
with one sentence on stderr, the documented exit status, and nothing installed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from haiyan_desktop.store import Store
from tests.catalogue_packages import BAD, OFFICE_NAME, bad_package, catalogue_bytes, make_office
from tests.conftest import run_cli
from tests.county import CA_PASS, P12_PASS

YEAR = 2031  # no built-in catalogue covers it: only an installed one can


def listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".log"
            and "logs" not in p.parts}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """The county makes its CA and the office's certificate and signs a catalogue for 2031; a
    township installs the county root, then the package."""
    work = tmp_path_factory.mktemp("catalogue-cli")
    (work / "ca.pass").write_text(CA_PASS + "\n", encoding="utf-8")
    (work / "p12.pass").write_text(P12_PASS + "\n", encoding="utf-8")
    (work / "wrong.pass").write_text("not-the-passphrase\n", encoding="utf-8")
    source = work / "haiyan-2031.yaml"
    source.write_bytes(catalogue_bytes("2031.1", [YEAR]))
    data = work / "data"
    common = ["--data-dir", str(data)]
    results = {}

    def step(name, *args):
        results[name] = run_cli(*args)
        return results[name]

    step("init", "pki", "init-county", "--out", str(work / "ca"),
         "--ca-passphrase-file", str(work / "ca.pass"))
    step("issue", "pki", "issue", "--role", "county", "--name", OFFICE_NAME, "--ca",
         str(work / "ca"), "--out", str(work / "office.p12"), "--passphrase-file",
         str(work / "p12.pass"), "--ca-passphrase-file", str(work / "ca.pass"))
    step("sign", "catalogue", "sign", str(source), "--p12", str(work / "office.p12"),
         "--passphrase-file", str(work / "p12.pass"), "-o", str(work / "2031.hycat"), "--json")
    step("before_trust", *common, "catalogue", "install", str(work / "2031.hycat"))
    step("trust", *common, "trust", "install", "--root", str(work / "ca" / "county-root.pem"))
    step("check_before", *common, "export", "--unit", "wuyuan", "--year", str(YEAR), "-o",
         str(work / "before.csv"))
    step("install", *common, "catalogue", "install", str(work / "2031.hycat"), "--json")
    step("again", *common, "catalogue", "install", str(work / "2031.hycat"))
    step("installed", *common, "catalogue", "installed", "--json")
    step("export", *common, "export", "--unit", "wuyuan", "--year", str(YEAR), "-o",
         str(work / "blank.csv"))
    return work, data, source, results


def test_the_county_issues_the_office_certificate_and_signs(story):
    _work, _data, _source, results = story
    assert results["init"].returncode == 0, results["init"].stderr
    issued = results["issue"]
    assert issued.returncode == 0, issued.stderr
    assert "县评估办公室" in issued.stdout and OFFICE_NAME in issued.stdout
    signed = results["sign"]
    assert signed.returncode == 0, signed.stderr
    out = json.loads(signed.stdout)
    assert (out["id"], out["version"], out["years"]) == ("haiyan-2019", "2031.1", [YEAR])
    assert out["signer"] == OFFICE_NAME and Path(out["file"]).is_file()


def test_install_needs_the_county_root_first(story):
    _work, _data, _source, results = story
    refused = results["before_trust"]
    assert refused.returncode == 2
    assert "没有安装县级根证书" in refused.stderr and len(refused.stderr.splitlines()) == 1


def test_the_installed_catalogue_is_the_one_the_commands_use_for_its_year(story):
    work, data, source, results = story
    before = results["check_before"]
    assert before.returncode == 2 and "2031" in before.stderr  # no catalogue covered 2031
    installed = results["install"]
    assert installed.returncode == 0, installed.stderr
    record = json.loads(installed.stdout)
    assert record["version"] == "2031.1" and record["years"] == [YEAR]
    assert record["signer"] == OFFICE_NAME and not record["already_installed"]
    yaml = data / "catalogues" / "haiyan-2019-2031.1.yaml"
    assert yaml.read_bytes() == source.read_bytes()
    assert (data / "catalogues" / "haiyan-2019-2031.1.hycat").read_bytes() == \
        (work / "2031.hycat").read_bytes()
    again = results["again"]
    assert again.returncode == 0 and "已经安装" in again.stdout
    listed = json.loads(results["installed"].stdout)
    assert [(c["id"], c["version"]) for c in listed] == [("haiyan-2019", "2031.1")]
    exported = results["export"]
    assert exported.returncode == 0, exported.stderr
    with Store(data, write=False) as store:
        assert store.submission("wuyuan", YEAR).catalogue_sha256 == record["sha256"]


def test_a_county_certificate_names_no_unit_and_a_township_one_needs_one(story, tmp_path):
    work = story[0]
    base = ["pki", "issue", "--name", "某人", "--ca", str(work / "ca"), "--out",
            str(tmp_path / "x.p12"), "--passphrase-file", str(work / "p12.pass"),
            "--ca-passphrase-file", str(work / "ca.pass")]
    county_with_unit = run_cli(*base, "--role", "county", "--unit", "wuyuan")
    assert county_with_unit.returncode == 2 and "--unit" in county_with_unit.stderr
    clerk_without = run_cli(*base, "--role", "clerk")
    assert clerk_without.returncode == 2 and "--unit" in clerk_without.stderr
    assert not (tmp_path / "x.p12").exists()


def test_a_wrong_passphrase_signs_nothing(story, tmp_path):
    work, _data, source, _results = story
    out = tmp_path / "x.hycat"
    result = run_cli("catalogue", "sign", str(source), "--p12", str(work / "office.p12"),
                     "--passphrase-file", str(work / "wrong.pass"), "-o", str(out))
    assert result.returncode == 2
    assert "口令不正确" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not out.exists()


# --- bad packages ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def township(county, tmp_path_factory):
    """The session county's office (tests/catalogue_packages.py), a good package, and a
    township data folder that trusts that county (root and CRL)."""
    folder = tmp_path_factory.mktemp("township")
    office = make_office(county, folder / "office")
    source = folder / "c.yaml"
    source.write_bytes(catalogue_bytes("2019.9"))
    good = folder / "good.hycat"
    signed = run_cli("catalogue", "sign", str(source), "--p12", str(office.p12["office"]),
                     "--passphrase-file", str(_passfile(folder)), "-o", str(good))
    assert signed.returncode == 0, signed.stderr
    data = folder / "data"
    data.mkdir()
    office.trust(data)
    return office, good, data


def _passfile(folder: Path) -> Path:
    path = folder / "p12.pass"
    path.write_text(P12_PASS + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind, key, status, words", BAD, ids=[b[0] for b in BAD])
def test_a_bad_package_is_refused_with_one_sentence(township, tmp_path, kind, key, status,
                                                     words):
    office, good, data = township
    pkg = tmp_path / f"{kind}.hycat"
    pkg.write_bytes(bad_package(office, good.read_bytes(), kind))
    before = listing(data)
    result = run_cli("--data-dir", str(data), "catalogue", "install", str(pkg))
    assert result.returncode == status, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert listing(data) == before and not (data / "catalogues").exists()


def test_a_refusal_reads_in_english_too(township, tmp_path):
    office, good, data = township
    pkg = tmp_path / "foreign.hycat"
    pkg.write_bytes(bad_package(office, good.read_bytes(), "foreign"))
    result = run_cli("--data-dir", str(data), "--lang", "en", "catalogue", "install", str(pkg))
    assert result.returncode == 1
    assert "was not issued by the county root installed here" in result.stderr


def test_the_good_package_installs_in_the_townships_folder(township, tmp_path):
    _office, good, data = township
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    result = run_cli("--data-dir", str(copy), "catalogue", "install", str(good))
    assert result.returncode == 0, result.stderr
    assert "已安装考核目录" in result.stdout and "2019.9" in result.stdout
    assert "县评估办公室" in result.stdout
