"""A township's signing credential: its PKCS#12 file opened with the passphrase.

The passphrase only passes through memory: it is never stored, logged or put in a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from ..messages import msg
from .errors import SigningError, read_input
from .identity import Signer, signer_of


@dataclass(frozen=True)
class Credential:
    """A signing key with its certificate, the signer it names and the CA certificates."""

    signer: Signer
    certificate: x509.Certificate
    key: rsa.RSAPrivateKey
    chain: tuple[x509.Certificate, ...]

    def check_valid(self, now: datetime | None = None) -> None:
        """Refuse a certificate that is not valid now (expired or not yet valid)."""
        now = now or datetime.now(UTC)
        cert = self.certificate
        if now > cert.not_valid_after_utc:
            raise SigningError(msg("sign.cert_expired", name=self.signer.name,
                                   date=f"{cert.not_valid_after_utc.astimezone():%Y-%m-%d}"))
        if now < cert.not_valid_before_utc:
            raise SigningError(msg("sign.cert_not_yet_valid", name=self.signer.name,
                                   date=f"{cert.not_valid_before_utc.astimezone():%Y-%m-%d}"))


def load_credential(path: str | Path, passphrase: str) -> Credential:
    """Open a .p12 issued by ``pki issue``; one clear error for each way it can fail."""
    path = Path(path)
    data = read_input(path, "sign.p12_unreadable")
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8"))
    except ValueError as exc:
        # cryptography says the same for both; a file that is not even PKCS#12 is damaged
        key_name = "sign.wrong_passphrase" if _looks_like_pkcs12(data) else "sign.p12_damaged"
        raise SigningError(msg(key_name, path=str(path))) from exc
    if key is None or cert is None:
        raise SigningError(msg("sign.p12_damaged", path=str(path)))
    if not isinstance(key, rsa.RSAPrivateKey):
        raise SigningError(msg("sign.p12_not_ours", path=str(path)))
    signer = signer_of(cert.subject)
    if signer is None:
        raise SigningError(msg("sign.p12_not_ours", path=str(path)))
    return Credential(signer, cert, key, tuple(extra))


def _looks_like_pkcs12(data: bytes) -> bool:
    """Whether the bytes parse as a PKCS#12 structure (then a failure is the passphrase)."""
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        asn1_pkcs12.Pfx.load(data, strict=True).native  # noqa: B018 - parsing is the check
        return True
    except (ValueError, TypeError, KeyError):
        return False
