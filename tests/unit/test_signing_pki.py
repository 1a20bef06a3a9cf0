"""The county PKI (signing.pki) and opening a township's .p12 (signing.keystore)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from haiyan_desktop.signing import Signer, SigningError, load_credential, pki
from haiyan_desktop.signing.identity import signer_of
from tests.county import CA_PASS, CLERK_NAME, P12_PASS, UNIT, UNIT_NAME


def key_of(excinfo) -> str:
    return excinfo.value.message.key


def test_root_is_a_ca_with_an_encrypted_key(county):
    root = pki.load_root(county.root)
    constraints = root.extensions.get_extension_for_class(x509.BasicConstraints).value
    assert constraints.ca
    usage = root.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign
    assert root.subject == root.issuer
    assert b"ENCRYPTED PRIVATE KEY" in (county.ca / pki.ROOT_KEY).read_bytes()
    assert root.not_valid_after_utc - root.not_valid_before_utc > timedelta(days=19 * 365)


def test_wrong_ca_passphrase_is_refused(county):
    with pytest.raises(SigningError) as excinfo:
        pki.open_ca(county.ca, "not-the-passphrase")
    assert key_of(excinfo) == "pki.wrong_ca_passphrase"


def test_a_county_folder_is_never_overwritten(county):
    before = {p.name: p.read_bytes() for p in county.ca.iterdir()}
    with pytest.raises(SigningError) as excinfo:
        pki.init_county(county.ca, CA_PASS)
    assert key_of(excinfo) == "pki.ca_exists"
    assert {p.name: p.read_bytes() for p in county.ca.iterdir()} == before


def test_short_passphrase_is_refused_and_nothing_is_made(tmp_path):
    with pytest.raises(SigningError) as excinfo:
        pki.init_county(tmp_path / "ca", "123")
    assert key_of(excinfo) == "pki.passphrase_short"
    assert not (tmp_path / "ca").exists()


def test_issued_certificate_names_unit_role_and_person(county):
    cred = county.credential("clerk")
    cert = cred.certificate
    assert cred.signer == Signer(CLERK_NAME, UNIT, UNIT_NAME, "clerk")
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == CLERK_NAME
    assert cert.subject.get_attributes_for_oid(NameOID.TITLE)[0].value == "填报人"
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.EMAIL_PROTECTION]
    cert.verify_directly_issued_by(pki.load_root(county.root))
    years = (cert.not_valid_after_utc - cert.not_valid_before_utc).days / 365
    assert 2.9 < years < 3.1
    assert county.credential("head").signer.role == "head"


def test_issue_records_the_certificate_in_the_register(county):
    entries = pki.issued(county.ca)
    assert {e["name"] for e in entries} >= {CLERK_NAME, "王芳", "赵磊", "钱伟"}
    serial = county.credential("clerk").certificate.serial_number
    assert any(int(e["serial"], 16) == serial and e["role"] == "clerk" for e in entries)


def test_revocation_list_is_signed_by_the_root_and_names_the_revoked(county):
    crl = pki.load_crl(county.crl)
    root = pki.load_root(county.root)
    assert crl.is_signature_valid(root.public_key())
    revoked = county.credential("revoked_clerk").certificate.serial_number
    good = county.credential("clerk").certificate.serial_number
    assert crl.get_revoked_certificate_by_serial_number(revoked) is not None
    assert crl.get_revoked_certificate_by_serial_number(good) is None


def test_revoke_refuses_unknown_or_repeated_serials(tmp_path):
    pki.init_county(tmp_path / "ca", CA_PASS)
    ca = pki.open_ca(tmp_path / "ca", CA_PASS)
    issued = pki.issue(ca, Signer("孙丽", UNIT, UNIT_NAME, "head"), P12_PASS,
                       tmp_path / "h.p12")
    with pytest.raises(SigningError) as excinfo:
        pki.revoke(ca, "abc123")
    assert key_of(excinfo) == "pki.unknown_serial"
    with pytest.raises(SigningError) as excinfo:
        pki.revoke(ca, format(issued.serial, "x"), "not-a-reason")
    assert key_of(excinfo) == "pki.bad_reason"
    pki.revoke(ca, format(issued.serial, "X"))  # upper case works too
    with pytest.raises(SigningError) as excinfo:
        pki.revoke(ca, format(issued.serial, "x"))
    assert key_of(excinfo) == "pki.already_revoked"


def test_crl_validity_is_as_asked(tmp_path):
    pki.init_county(tmp_path / "ca", CA_PASS)
    ca = pki.open_ca(tmp_path / "ca", CA_PASS)
    out = pki.write_crl(ca, tmp_path / "x.crl", days=7)
    crl = pki.load_crl(out)
    assert crl.next_update_utc - crl.last_update_utc == timedelta(days=7)
    assert len(list(crl)) == 0


def test_a_certificate_never_outlives_its_root(county):
    ca = pki.open_ca(county.ca, CA_PASS)
    out = county.folder / "long.p12"
    issued = pki.issue(ca, Signer("周强", UNIT, UNIT_NAME, "clerk"), P12_PASS, out,
                       days=40 * 365)
    assert issued.not_after <= ca.certificate.not_valid_after_utc


# --- opening a .p12 ---------------------------------------------------------------------------
def test_wrong_p12_passphrase(county):
    with pytest.raises(SigningError) as excinfo:
        load_credential(county.p12["clerk"], "wrong-passphrase")
    assert key_of(excinfo) == "sign.wrong_passphrase"
    assert "wrong-passphrase" not in excinfo.value.message.zh + excinfo.value.message.en


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_damaged_p12(county, tmp_path, damage):
    data = county.p12["clerk"].read_bytes()
    broken = {"truncated": data[: len(data) // 2], "garbage": b"\x00not a p12" * 50,
              "empty": b""}[damage]
    path = tmp_path / "broken.p12"
    path.write_bytes(broken)
    with pytest.raises(SigningError) as excinfo:
        load_credential(path, P12_PASS)
    assert key_of(excinfo) == "sign.p12_damaged"


def test_missing_p12(tmp_path):
    with pytest.raises(SigningError) as excinfo:
        load_credential(tmp_path / "none.p12", P12_PASS)
    assert key_of(excinfo) == "sign.p12_unreadable"


def test_expired_credential_is_refused_for_signing(county):
    cred = county.credential("expired_clerk")
    with pytest.raises(SigningError) as excinfo:
        cred.check_valid()
    assert key_of(excinfo) == "sign.cert_expired"
    cred.check_valid(datetime.now(UTC) - timedelta(days=2, hours=12))  # it was valid then


def test_subject_without_unit_is_not_a_township_signer():
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "某人")])
    assert signer_of(name) is None


def test_every_lazy_name_of_the_signing_package_resolves():
    import haiyan_desktop.signing as package

    for name in package.__all__:
        assert getattr(package, name) is not None, name
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018
