"""Signed catalogues: the county office signs a catalogue into a package (detached CMS), a
township installs it only when the signature verifies against its county root and CRL, and the
installed catalogue then is the catalogue of its years. Every bad package is refused with its
own sentence, and nothing is installed or changed."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from haiyan_desktop.catalogue import (
    available_years,
    catalogue_for_year,
    default_catalogue,
    installed_catalogues,
    is_builtin,
    load_catalogue,
)
from haiyan_desktop.catalogue.installed import file_stem, version_key
from haiyan_desktop.errors import EXIT_FAILED, EXIT_USAGE, HaiyanError
from haiyan_desktop.jobs import DataFolder
from haiyan_desktop.jobs.catalogues import (
    install_catalogue,
    provenance,
    sign_catalogue,
    signed_by,
)
from haiyan_desktop.jobs.folder import catalogue_of_year
from haiyan_desktop.signing import SigningError, installed_trust, load_credential
from haiyan_desktop.signing.catalogue_package import (
    CATALOGUE,
    CataloguePackageError,
    open_package,
    read_package,
)
from haiyan_desktop.signing.identity import COUNTY_OFFICE, ROLE_LABELS, role_from_label
from tests.catalogue_packages import (
    BAD,
    OFFICE_NAME,
    P12_PASS,
    bad_package,
    catalogue_bytes,
    make_office,
    package,
)


@pytest.fixture(scope="module")
def office(county, tmp_path_factory):
    return make_office(county, tmp_path_factory.mktemp("office"))


@pytest.fixture(scope="module")
def good(office, tmp_path_factory):
    """The county office's package of the built-in catalogue as version 2019.9."""
    folder = tmp_path_factory.mktemp("good")
    source = folder / "haiyan-2019.9.yaml"
    source.write_bytes(catalogue_bytes("2019.9"))
    signed = sign_catalogue(source, folder / "haiyan-2019.9.hycat", office.credential("office"))
    return source, signed.path


@pytest.fixture
def data_dir(office, tmp_path):
    """A township's data folder that trusts the county (root and CRL installed)."""
    folder = tmp_path / "data"
    folder.mkdir()
    office.trust(folder)
    return folder


def listing(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes: what "nothing changed" compares."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the county office's certificate ----------------------------------------------------------
def test_the_county_role_has_its_bilingual_label_and_is_read_back(office):
    assert ROLE_LABELS[COUNTY_OFFICE] == ("县评估办公室", "County Assessment Office")
    assert role_from_label("县评估办公室") == role_from_label("county") == COUNTY_OFFICE
    credential = office.credential("office")
    assert credential.signer.role == COUNTY_OFFICE and credential.signer.name == OFFICE_NAME
    assert "县评估办公室" in credential.certificate.subject.rfc4514_string()


# --- signing ----------------------------------------------------------------------------------
def test_the_package_carries_the_catalogue_unchanged_and_a_detached_cms_signature(good):
    source, pkg = good
    _raw, contents = read_package(pkg)
    assert contents.catalogue == source.read_bytes()
    manifest = contents.manifest["catalogue"]
    assert manifest["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert (manifest["id"], manifest["version"]) == ("haiyan-2019", "2019.9")
    assert contents.manifest["signer"]["role"] == "county"
    from asn1crypto import cms

    signed = cms.ContentInfo.load(contents.signature)
    assert signed["content_type"].native == "signed_data"
    assert signed["content"]["encap_content_info"]["content"].native is None  # detached


def test_a_package_verifies_against_the_county_root_and_names_the_office(office, good,
                                                                          data_dir):
    source, pkg = good
    verified = open_package(pkg, installed_trust(data_dir))
    assert verified.catalogue_bytes == source.read_bytes()
    assert verified.catalogue.version == "2019.9"
    assert verified.signer.role == COUNTY_OFFICE and verified.signer.name == OFFICE_NAME
    assert verified.signed_at is not None
    assert abs(verified.signed_at - datetime.now(UTC)) < timedelta(hours=1)


@pytest.mark.parametrize("kind, key", [
    ("clerk", "catpkg.sign_not_county"),
    ("expired_office", "sign.cert_expired"),
])
def test_signing_is_refused_with_a_certificate_that_cannot_sign(office, tmp_path, kind, key):
    source = tmp_path / "c.yaml"
    source.write_bytes(catalogue_bytes())
    with pytest.raises(HaiyanError) as refused:
        sign_catalogue(source, tmp_path / "c.hycat", office.credential(kind))
    assert refused.value.message.key == key
    assert not (tmp_path / "c.hycat").exists()


def test_signing_refuses_a_revoked_certificate_when_the_county_root_is_installed(
        office, data_dir, tmp_path):
    source = tmp_path / "c.yaml"
    source.write_bytes(catalogue_bytes())
    with pytest.raises(SigningError) as refused:
        sign_catalogue(source, tmp_path / "c.hycat", office.credential("revoked_office"),
                       DataFolder(data_dir))
    assert refused.value.message.key == "sign.cert_revoked"
    assert not (tmp_path / "c.hycat").exists()


def test_signing_refuses_a_broken_catalogue_listing_its_problems(office, tmp_path):
    source = tmp_path / "broken.yaml"
    source.write_text("id: haiyan-2019\nversion: '1'\n", encoding="utf-8")
    with pytest.raises(CataloguePackageError) as refused:
        sign_catalogue(source, tmp_path / "c.hycat", office.credential("office"))
    assert refused.value.message.key == "catpkg.sign_invalid"
    assert refused.value.status == EXIT_FAILED and refused.value.details("zh")
    assert not (tmp_path / "c.hycat").exists()


def test_signing_refuses_another_file_suffix(office, tmp_path):
    source = tmp_path / "c.yaml"
    source.write_bytes(catalogue_bytes())
    with pytest.raises(CataloguePackageError) as refused:
        sign_catalogue(source, tmp_path / "c.zip", office.credential("office"))
    assert refused.value.message.key == "catpkg.bad_suffix"
    assert refused.value.status == EXIT_USAGE and not (tmp_path / "c.zip").exists()


def test_a_wrong_passphrase_opens_nothing(office):
    with pytest.raises(SigningError) as refused:
        load_credential(office.p12["office"], P12_PASS + "x")
    assert refused.value.message.key == "sign.wrong_passphrase"


# --- installing -------------------------------------------------------------------------------
def test_install_keeps_the_files_and_the_installed_catalogue_is_the_years(good, data_dir):
    source, pkg = good
    builtin = default_catalogue()
    assert catalogue_of_year(2019, data_dir).sha256 == builtin.sha256  # before: the sample
    done = install_catalogue(DataFolder(data_dir), pkg)
    assert not done.already
    record = done.record
    assert (record.id, record.version, record.signer) == ("haiyan-2019", "2019.9", OFFICE_NAME)
    assert record.yaml.read_bytes() == source.read_bytes()  # byte for byte
    assert record.package.read_bytes() == pkg.read_bytes()  # kept for provenance
    assert record.yaml.parent == data_dir / "catalogues"
    assert record.yaml.name == "haiyan-2019-2019.9.yaml"

    chosen = catalogue_of_year(2019, DataFolder(data_dir))
    assert chosen.sha256 == record.sha256 and chosen.version == "2019.9"
    assert Path(chosen.path) == record.yaml
    assert catalogue_for_year(2019).sha256 == builtin.sha256  # no data folder: built-in
    assert is_builtin(builtin) and not is_builtin(chosen)
    assert provenance(builtin, data_dir).zh.startswith("示例目录")
    assert OFFICE_NAME in provenance(chosen, data_dir).zh
    assert "县评估办公室" in signed_by(record).zh

    again = install_catalogue(DataFolder(data_dir), pkg)  # the same package: nothing changes
    assert again.already and len(installed_catalogues(data_dir)) == 1


def test_the_newest_installed_version_covering_the_year_wins(office, data_dir, tmp_path):
    credential = office.credential("office")
    for version, years in (("2019.10", [2018, 2019]), ("2019.2", [2018, 2019]),
                           ("2031.1", [2031])):
        pkg = tmp_path / f"{version}.hycat"
        pkg.write_bytes(package(catalogue_bytes(version, years), credential))
        install_catalogue(data_dir, pkg)
    assert catalogue_of_year(2019, data_dir).version == "2019.10"  # not "2019.2" (text order)
    assert catalogue_of_year(2031, data_dir).version == "2031.1"
    assert 2031 in available_years(data_dir) and 2031 not in available_years()
    with pytest.raises(HaiyanError) as none:
        catalogue_of_year(2031)
    assert none.value.message.key == "cli.no_catalogue_for_year"
    assert version_key("2019.10") > version_key("2019.9") > version_key("2019.2")


def test_an_installed_catalogue_edited_by_hand_is_no_longer_used(good, data_dir):
    done = install_catalogue(data_dir, good[1])
    done.record.yaml.write_bytes(done.record.yaml.read_bytes() + b"\n# edited\n")
    assert catalogue_of_year(2019, data_dir).sha256 == default_catalogue().sha256
    assert installed_catalogues(data_dir) == []


def test_a_file_dropped_into_the_folder_without_installation_is_not_used(data_dir):
    folder = data_dir / "catalogues"
    folder.mkdir()
    (folder / "haiyan-2019-2019.9.yaml").write_bytes(catalogue_bytes("2019.9"))
    assert catalogue_of_year(2019, data_dir).sha256 == default_catalogue().sha256


# --- bad packages: each refused with its sentence, nothing installed --------------------------
@pytest.mark.parametrize("kind, key, status, words", BAD, ids=[b[0] for b in BAD])
def test_a_bad_package_is_refused_with_its_sentence_and_nothing_installed(
        office, good, data_dir, tmp_path, kind, key, status, words):
    pkg = tmp_path / f"{kind}.hycat"
    pkg.write_bytes(bad_package(office, good[1].read_bytes(), kind))
    before = listing(data_dir)
    with pytest.raises(CataloguePackageError) as refused:
        install_catalogue(DataFolder(data_dir), pkg)
    error = refused.value
    assert error.message.key == key
    assert error.status == status
    assert words in error.message.render("zh")
    assert len(error.lines("zh")) == 1 and error.message.render("en")
    assert listing(data_dir) == before
    assert not (data_dir / "catalogues").exists()
    assert catalogue_of_year(2019, data_dir).sha256 == default_catalogue().sha256


def test_a_broken_catalogue_in_a_signed_package_lists_its_problems(office, good, data_dir,
                                                                   tmp_path):
    pkg = tmp_path / "invalid.hycat"
    pkg.write_bytes(bad_package(office, good[1].read_bytes(), "invalid_catalogue"))
    with pytest.raises(CataloguePackageError) as refused:
        install_catalogue(data_dir, pkg)
    assert any("units" in line for line in refused.value.details("zh"))


def test_another_catalogue_under_an_installed_id_and_version_is_refused(office, good,
                                                                      data_dir, tmp_path):
    install_catalogue(data_dir, good[1])
    other = catalogue_bytes("2019.9") + b"\n# another edition under the same version\n"
    pkg = tmp_path / "same-version.hycat"
    pkg.write_bytes(package(other, office.credential("office")))
    before = listing(data_dir)
    with pytest.raises(CataloguePackageError) as refused:
        install_catalogue(data_dir, pkg)
    assert refused.value.message.key == "catpkg.conflict"
    assert listing(data_dir) == before


def test_without_an_installed_county_root_nothing_can_be_installed(good, tmp_path):
    with pytest.raises(CataloguePackageError) as refused:
        install_catalogue(tmp_path, good[1])
    assert refused.value.message.key == "catpkg.no_trust"
    assert refused.value.status == EXIT_USAGE
    assert list(tmp_path.iterdir()) == []


def test_a_stale_revocation_list_refuses_the_package(good, data_dir):
    later = datetime.now(UTC) + timedelta(days=400)  # past the CRL's next update
    with pytest.raises(CataloguePackageError) as refused:
        open_package(good[1], installed_trust(data_dir), now=later)
    assert refused.value.message.key == "catpkg.crl_stale"


def test_a_missing_package_is_a_usage_error(data_dir, tmp_path):
    with pytest.raises(HaiyanError) as refused:
        install_catalogue(data_dir, tmp_path / "nowhere.hycat")
    assert refused.value.status == EXIT_USAGE


def test_a_package_with_duplicate_members_is_refused(good, data_dir, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(good[1]) as source, zipfile.ZipFile(buffer, "w") as out:
        for name in source.namelist():
            out.writestr(name, source.read(name))
        with pytest.warns(UserWarning):
            out.writestr(CATALOGUE, b"id: x\n")
    pkg = tmp_path / "dup.hycat"
    pkg.write_bytes(buffer.getvalue())
    with pytest.raises(CataloguePackageError) as refused:
        install_catalogue(data_dir, pkg)
    assert refused.value.message.key == "catpkg.not_package"


def test_file_names_are_safe_whatever_the_version_says():
    assert file_stem("haiyan-2019", "2019/1 final") == "haiyan-2019-2019_1_final"
    assert file_stem("a", "..") == "a-"


def test_the_manifest_is_a_label_only(good):
    _raw, contents = read_package(good[1])
    assert json.loads(json.dumps(contents.manifest))["format"] == "haiyan-catalogue-package"
    assert load_catalogue(good[0]).sha256 == contents.manifest["catalogue"]["sha256"]
