"""The county's small PKI (cryptography): a root CA, township certificates, revocation.

A county folder (``pki init-county --out DIR``) holds:

- ``county-root.pem``: the root certificate, the only trust anchor of every verifier;
- ``county-root-key.pem``: its private key, encrypted with the county's passphrase;
- ``issued.json``: every certificate issued, with serial, holder and revocation;
- ``county.crl``: the latest revocation list, rewritten by every revocation.

The root and the revocation list are what the county carries to verifiers on a USB stick.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID

from ..files import write_atomically
from ..messages import msg
from .errors import SigningError, read_input
from .identity import ROLE_LABELS, Signer, root_subject, signer_subject

ROOT_CERT, ROOT_KEY, REGISTRY, CRL_FILE = (
    "county-root.pem", "county-root-key.pem", "issued.json", "county.crl")
ROOT_YEARS = 20
SIGNER_DAYS = 3 * 365  # a township certificate lasts three years
CRL_DAYS = 90  # verifiers need a newer list after this
MIN_PASSPHRASE = 6
REASONS = {r.value: r for r in x509.ReasonFlags
           if r not in (x509.ReasonFlags.unspecified, x509.ReasonFlags.remove_from_crl)}


@dataclass(frozen=True)
class CountyCA:
    """An opened county folder: the root certificate with its decrypted key."""

    directory: Path
    certificate: x509.Certificate
    key: rsa.RSAPrivateKey


@dataclass(frozen=True)
class Issued:
    serial: int
    signer: Signer
    not_before: datetime
    not_after: datetime
    path: Path


def check_new_passphrase(passphrase: str) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise SigningError(msg("pki.passphrase_short", minimum=MIN_PASSPHRASE))
    return passphrase.encode("utf-8")


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)


def _key_id(key) -> x509.SubjectKeyIdentifier:
    return x509.SubjectKeyIdentifier.from_public_key(key.public_key())


# --- the root ---------------------------------------------------------------------------------
def init_county(directory: str | Path, passphrase: str, *, now: datetime | None = None
                ) -> Path:
    """Create the county root CA in ``directory``; return the root certificate's path.

    Refuses a folder that already holds a county key: a root is never replaced by accident
    (every certificate issued under it would stop verifying).
    """
    directory = Path(directory)
    secret = check_new_passphrase(passphrase)
    if (directory / ROOT_KEY).exists() or (directory / ROOT_CERT).exists():
        raise SigningError(msg("pki.ca_exists", path=str(directory)))
    if directory.exists() and not directory.is_dir():
        raise SigningError(msg("pki.not_a_folder", path=str(directory)))
    directory.mkdir(parents=True, exist_ok=True)
    start = _now(now)
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    name = root_subject()
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start - timedelta(minutes=5))
            .not_valid_after(start.replace(year=start.year + ROOT_YEARS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(_key_id(key), critical=False)
            .sign(key, hashes.SHA256()))
    write_atomically(directory / ROOT_KEY, key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(secret)), private=True)
    write_atomically(directory / REGISTRY, _registry_bytes({"crl_number": 0, "issued": []}))
    return write_atomically(directory / ROOT_CERT, cert.public_bytes(serialization.Encoding.PEM))


def open_ca(directory: str | Path, passphrase: str) -> CountyCA:
    """The county folder with its key decrypted; clear errors for every way it can fail."""
    directory = Path(directory)
    if not (directory / ROOT_KEY).is_file() or not (directory / ROOT_CERT).is_file():
        raise SigningError(msg("pki.no_ca", path=str(directory)))
    cert = load_root(directory / ROOT_CERT)
    try:
        key = serialization.load_pem_private_key((directory / ROOT_KEY).read_bytes(),
                                                 passphrase.encode("utf-8"))
    except (ValueError, TypeError) as exc:
        raise SigningError(msg("pki.wrong_ca_passphrase")) from exc
    if not isinstance(key, rsa.RSAPrivateKey) or \
            key.public_key().public_numbers() != cert.public_key().public_numbers():
        raise SigningError(msg("pki.ca_damaged", path=str(directory)))
    return CountyCA(directory, cert, key)


def load_root(path: str | Path) -> x509.Certificate:
    """A county root certificate (PEM or DER) from a file, or a clear error."""
    path = Path(path)
    data = read_input(path, "pki.root_unreadable")
    try:
        cert = (x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data
                else x509.load_der_x509_certificate(data))
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except (ValueError, x509.ExtensionNotFound) as exc:
        raise SigningError(msg("pki.root_invalid", path=str(path))) from exc
    if not constraints.ca:
        raise SigningError(msg("pki.root_invalid", path=str(path)))
    return cert


# --- township certificates ---------------------------------------------------------------------
def issue(ca: CountyCA, signer: Signer, passphrase: str, out: str | Path, *,
          days: int = SIGNER_DAYS, not_before: datetime | None = None,
          now: datetime | None = None) -> Issued:
    """Issue ``signer`` a signing certificate as a passphrase-protected PKCS#12 file."""
    out = Path(out)
    secret = check_new_passphrase(passphrase)
    if out.suffix.lower() not in (".p12", ".pfx"):
        raise SigningError(msg("pki.bad_p12_suffix", path=str(out)))
    if not out.parent.is_dir():
        raise SigningError(msg("pki.no_output_dir", path=str(out.parent)))
    if days < 1:
        raise SigningError(msg("pki.bad_days", days=days))
    start = _now(not_before or now)
    end = start + timedelta(days=days)
    ca_end = ca.certificate.not_valid_after_utc
    if end > ca_end:
        end = ca_end  # a certificate never outlives its root
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    serial = x509.random_serial_number()
    cert = (x509.CertificateBuilder()
            .subject_name(signer_subject(signer)).issuer_name(ca.certificate.subject)
            .public_key(key.public_key())
            .serial_number(serial)
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            # emailProtection: poppler's pdfsig reports document-signing-only certificates
            # as having an unknown problem (STYLE.md).
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                           critical=False)
            .add_extension(_key_id(key), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca.key.public_key()), critical=False)
            .sign(ca.key, hashes.SHA256()))
    label = f"{signer.unit_name} {ROLE_LABELS[signer.role].zh} {signer.name}"
    p12 = pkcs12.serialize_key_and_certificates(
        label.encode("utf-8"), key, cert, [ca.certificate],
        serialization.BestAvailableEncryption(secret))
    registry = _read_registry(ca.directory)
    write_atomically(out, p12, private=True)
    registry["issued"].append({
        "serial": format(serial, "x"), "unit_code": signer.unit_code,
        "unit_name": signer.unit_name, "role": signer.role, "name": signer.name,
        "not_before": start.isoformat(), "not_after": end.isoformat(), "file": out.name,
        "certificate": cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        "revoked_at": None, "reason": None})
    write_atomically(ca.directory / REGISTRY, _registry_bytes(registry))
    return Issued(serial, signer, start, end, out)


def issued(directory: str | Path) -> list[dict[str, Any]]:
    """Every certificate the county folder has issued (newest last)."""
    return _read_registry(Path(directory))["issued"]


# --- revocation --------------------------------------------------------------------------------
def revoke(ca: CountyCA, serial: str, reason: str | None = None, *,
           now: datetime | None = None) -> dict[str, Any]:
    """Mark an issued certificate revoked and rewrite ``county.crl``; return its entry."""
    if reason is not None and reason not in REASONS:
        raise SigningError(msg("pki.bad_reason", reason=reason, reasons=", ".join(REASONS)))
    registry = _read_registry(ca.directory)
    wanted = serial.strip().lower().removeprefix("0x").lstrip("0")
    entry = next((e for e in registry["issued"] if e["serial"].lstrip("0") == wanted), None)
    if entry is None:
        raise SigningError(msg("pki.unknown_serial", serial=serial))
    if entry["revoked_at"]:
        raise SigningError(msg("pki.already_revoked", serial=serial, at=entry["revoked_at"]))
    entry["revoked_at"] = _now(now).isoformat()
    entry["reason"] = reason
    write_crl(ca, ca.directory / CRL_FILE, registry=registry, now=now)
    return entry


def write_crl(ca: CountyCA, out: str | Path, *, days: int = CRL_DAYS,
              now: datetime | None = None, registry: dict[str, Any] | None = None) -> Path:
    """Sign a revocation list of every revoked certificate, valid for ``days`` days."""
    out = Path(out)
    if not out.parent.is_dir():
        raise SigningError(msg("pki.no_output_dir", path=str(out.parent)))
    registry = registry or _read_registry(ca.directory)
    registry["crl_number"] = int(registry.get("crl_number", 0)) + 1
    start = _now(now)
    builder = (x509.CertificateRevocationListBuilder()
               .issuer_name(ca.certificate.subject)
               .last_update(start).next_update(start + timedelta(days=days))
               .add_extension(x509.CRLNumber(registry["crl_number"]), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                   ca.key.public_key()), critical=False))
    for entry in registry["issued"]:
        if not entry["revoked_at"]:
            continue
        revoked = (x509.RevokedCertificateBuilder()
                   .serial_number(int(entry["serial"], 16))
                   .revocation_date(datetime.fromisoformat(entry["revoked_at"])))
        if entry["reason"]:
            revoked = revoked.add_extension(x509.CRLReason(REASONS[entry["reason"]]),
                                            critical=False)
        builder = builder.add_revoked_certificate(revoked.build())
    crl = builder.sign(ca.key, hashes.SHA256())
    write_atomically(out, crl.public_bytes(serialization.Encoding.DER))
    write_atomically(ca.directory / REGISTRY, _registry_bytes(registry))
    return out


def load_crl(path: str | Path) -> x509.CertificateRevocationList:
    path = Path(path)
    data = read_input(path, "pki.crl_unreadable")
    try:
        return (x509.load_pem_x509_crl(data) if b"-----BEGIN" in data
                else x509.load_der_x509_crl(data))
    except ValueError as exc:
        raise SigningError(msg("pki.crl_invalid", path=str(path))) from exc


# --- the registry file ---------------------------------------------------------------------------
def _registry_bytes(registry: dict[str, Any]) -> bytes:
    return (json.dumps(registry, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _read_registry(directory: Path) -> dict[str, Any]:
    path = directory / REGISTRY
    try:
        registry = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"crl_number": 0, "issued": []}
    except (OSError, ValueError) as exc:
        raise SigningError(msg("pki.registry_damaged", path=str(path))) from exc
    if not isinstance(registry, dict) or not isinstance(registry.get("issued"), list):
        raise SigningError(msg("pki.registry_damaged", path=str(path)))
    return registry
