"""What a verifier trusts: the county root certificate and the revocation lists it published.

The county carries ``county-root.pem`` and ``county.crl`` to each office on a USB stick;
``trust install`` (or the window's verify dialog) copies them into the data folder's
``trust/`` folder, which every later check uses when no other files are named.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature

from ..messages import msg
from .errors import SigningError
from .pki import CRL_FILE, ROOT_CERT, load_crl, load_root

TRUST_FOLDER = "trust"


@dataclass(frozen=True)
class Trust:
    """The county root and the revocation lists it signed."""

    root: x509.Certificate
    crls: tuple[x509.CertificateRevocationList, ...] = field(default_factory=tuple)

    @classmethod
    def from_files(cls, root: str | Path, crls: list[str | Path] = ()) -> Trust:
        """Read the root and the CRLs; refuse a CRL that the root did not sign."""
        cert = load_root(root)
        lists = []
        for path in crls:
            crl = load_crl(path)
            if crl.issuer != cert.subject or not crl.is_signature_valid(cert.public_key()):
                raise SigningError(msg("trust.crl_foreign", path=str(path)))
            lists.append(crl)
        return cls(cert, tuple(lists))

    def check_issued(self, cert: x509.Certificate, now: datetime | None = None) -> None:
        """Refuse a certificate the county did not issue, or one it has revoked."""
        try:
            cert.verify_directly_issued_by(self.root)
        except (ValueError, TypeError, InvalidSignature) as exc:
            raise SigningError(msg("sign.cert_foreign")) from exc
        revoked = self.revocation(cert)
        if revoked is not None and revoked <= (now or datetime.now(UTC)):
            raise SigningError(msg("sign.cert_revoked", date=f"{revoked.astimezone():%Y-%m-%d}"))

    def validation_context(self, moment: datetime | None = None, *, use_crls: bool = True):
        """pyhanko-certvalidator's context: this root as the only trust anchor, these CRLs
        (required when there are any: our certificates name no CRL location, so a milder
        mode would skip the list), nothing fetched."""
        from asn1crypto import x509 as asn1_x509
        from cryptography.hazmat.primitives import serialization
        from pyhanko_certvalidator import ValidationContext

        root = asn1_x509.Certificate.load(self.root.public_bytes(serialization.Encoding.DER))
        crls = [crl.public_bytes(serialization.Encoding.DER) for crl in self.crls] \
            if use_crls else []
        return ValidationContext(trust_roots=[root], crls=crls, allow_fetching=False,
                                 revocation_mode="require" if crls else "soft-fail",
                                 moment=moment)

    def revocation(self, cert: x509.Certificate) -> datetime | None:
        """When the county revoked ``cert``, or None."""
        for crl in self.crls:
            entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
            if entry is not None:
                return entry.revocation_date_utc
        return None


def trust_folder(data_dir: str | Path) -> Path:
    return Path(data_dir) / TRUST_FOLDER


def installed_trust(data_dir: str | Path) -> Trust | None:
    """The trust installed in the data folder, or None when no county root is there."""
    folder = trust_folder(data_dir)
    root = folder / ROOT_CERT
    if not root.is_file():
        return None
    return Trust.from_files(root, sorted(folder.glob("*.crl")))


def install_trust(data_dir: str | Path, root: str | Path, crl: str | Path | None = None
                  ) -> Path:
    """Check then copy the county root (and its CRL) into the data folder's trust folder."""
    Trust.from_files(root, [crl] if crl else [])  # refuse before copying anything
    folder = trust_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    installed = folder / ROOT_CERT
    if installed.is_file() and load_root(installed) != load_root(root):
        for old in folder.glob("*.crl"):  # lists of another root mean nothing now
            old.unlink()
    shutil.copyfile(root, installed)
    if crl:
        shutil.copyfile(crl, folder / CRL_FILE)
    return folder
