"""A catalogue package (``.hycat``): the county's catalogue with its detached CMS signature.

The county assessment office (a certificate of role ``county`` from the county's own PKI)
signs the catalogue's YAML bytes as they are; a township installs the package only when the
signature verifies against its installed county root and revocation list. The package is a
zip of three members:

- ``catalogue.yaml``: the catalogue, byte for byte;
- ``catalogue.p7s``: a detached CMS SignedData over those bytes (pyHanko's general CMS
  signer; the signer's certificate and the county root are inside);
- ``manifest.json``: id, version, years and sha256 of the catalogue, the signer, the time.

Only the signature counts: the manifest is a label for people and tools, and an install
refuses a manifest that disagrees with the catalogue it carries. Signatures are made and
checked with pyHanko's and pyhanko-certvalidator's public API (the county root as the only
trust anchor, its CRLs, no fetching); nothing here writes ASN.1 by hand.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization

from ..catalogue import Catalogue, CatalogueError, parse_catalogue
from ..catalogue.installed import PACKAGE_SUFFIX
from ..errors import EXIT_FAILED, EXIT_USAGE, HaiyanError
from ..files import write_atomically
from ..messages import Bilingual, Message, msg, os_reason
from .identity import COUNTY_OFFICE, ROLE_LABELS, Signer, signer_of
from .keystore import Credential
from .trust import Trust

FORMAT = "haiyan-catalogue-package"
FORMAT_VERSION = 1
MANIFEST, CATALOGUE, SIGNATURE = "manifest.json", "catalogue.yaml", "catalogue.p7s"
MAX_MEMBER = 32 * 1024 * 1024  # a catalogue is some 100 kB; a bigger member is not ours
_ZIP_TIME = (2019, 1, 1, 0, 0, 0)  # members carry no time: the same input, the same package


class CataloguePackageError(HaiyanError):
    """A package refused (or not made): one sentence, nothing installed, written or changed.

    Exit status 1 when the package or catalogue failed a check (unsigned, tampered, foreign,
    revoked, expired, wrong role, a catalogue that does not load), 2 when it could not be read
    or nothing could check it (no county root). ``problems`` are a broken catalogue's
    problems, listed on standard output by the CLI.
    """

    status = EXIT_FAILED

    def __init__(self, message: Message, status: int | None = None,
                 problems: list[Any] | tuple[Any, ...] = ()):
        super().__init__(message, status)
        self.problems = list(problems)

    def details(self, lang: str) -> list[str]:
        return [p.render(lang) for p in self.problems]


@dataclass(frozen=True)
class PackageContents:
    """A package's members as read (nothing checked yet but the zip itself)."""

    manifest: dict[str, Any]
    catalogue: bytes
    signature: bytes | None


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose signature and catalogue passed every check."""

    path: Path
    package: bytes  # the file as received, kept beside the installed catalogue
    catalogue_bytes: bytes
    catalogue: Catalogue
    signer: Signer
    certificate: x509.Certificate
    signed_at: datetime | None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.catalogue_bytes).hexdigest()


@dataclass(frozen=True)
class SignedPackage:
    """What :func:`sign_catalogue_file` wrote."""

    path: Path
    catalogue: Catalogue
    signer: Signer
    signed_at: datetime
    sha256: str


def signer_label(signer: Signer) -> Bilingual:
    """Who signed, as a title reads: 海盐县人民政府县评估办公室王海燕 / 王海燕, County
    Assessment Office, 海盐县人民政府."""
    return label_of(signer.name, signer.unit_name, signer.role)


def label_of(name: str, unit_name: str, role: str) -> Bilingual:
    title = ROLE_LABELS.get(role, Bilingual(role, role))
    return Bilingual(f"{unit_name}{title.zh}{name}", f"{name}, {title.en}, {unit_name}")


# --- signing ---------------------------------------------------------------------------------
def sign_catalogue_file(source: str | Path, out: str | Path, credential: Credential, *,
                        trust: Trust | None = None, now: datetime | None = None
                        ) -> SignedPackage:
    """Check the catalogue in ``source``, sign it with ``credential`` (the county office's)
    and write the package to ``out`` (whole or not at all).

    ``trust``, when a county root is installed here, also refuses a certificate the county
    did not issue or has revoked. Raises :class:`CataloguePackageError` or ``SigningError``.
    """
    source, out = Path(source), Path(out)
    check_output(out)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise CataloguePackageError(msg("catpkg.unreadable", path=str(source),
                                        detail=os_reason(exc)), EXIT_USAGE) from exc
    try:
        catalogue = parse_catalogue(data, str(source))
    except CatalogueError as exc:
        raise CataloguePackageError(msg("catpkg.sign_invalid", path=str(source),
                                        count=len(exc.problems)),
                                    problems=exc.problems) from exc
    who = credential.signer
    if who.role != COUNTY_OFFICE:
        raise CataloguePackageError(msg("catpkg.sign_not_county", path=str(source),
                                        who=signer_label(who)), EXIT_USAGE)
    credential.check_valid(now)
    if trust is not None:
        trust.check_issued(credential.certificate, now=now)
    when = (now or datetime.now(UTC)).astimezone().replace(microsecond=0)
    package = build_package(data, catalogue, credential, signed_at=when)
    try:
        write_atomically(out, package)
    except OSError as exc:
        raise CataloguePackageError(msg("catpkg.write_failed", path=str(out),
                                        detail=os_reason(exc)), EXIT_USAGE) from exc
    return SignedPackage(out, catalogue, who, when, catalogue.sha256)


def check_output(out: Path) -> None:
    if out.suffix.lower() != PACKAGE_SUFFIX:
        raise CataloguePackageError(msg("catpkg.bad_suffix", path=str(out)), EXIT_USAGE)
    if not out.parent.is_dir():
        raise CataloguePackageError(msg("catpkg.no_output_dir", path=str(out.parent)),
                                    EXIT_USAGE)


def build_package(data: bytes, catalogue: Catalogue, credential: Credential, *,
                  signed_at: datetime, include_signature: bool = True) -> bytes:
    """The package's bytes: ``data`` signed by ``credential`` (no policy here: the tests use
    it to make hostile packages). ``catalogue`` is ``data`` parsed, for the manifest."""
    signature = detached_signature(data, credential, signed_at) if include_signature else None
    who = credential.signer
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "catalogue": {"file": CATALOGUE, "id": catalogue.id, "version": catalogue.version,
                      "title": catalogue.title.zh, "title_en": catalogue.title.en,
                      "years": list(catalogue.years),
                      "sha256": hashlib.sha256(data).hexdigest()},
        "signature": SIGNATURE if signature is not None else None,
        "signer": {"name": who.name, "unit": who.unit_name, "role": who.role,
                   "serial": format(credential.certificate.serial_number, "x")},
        "signed_at": signed_at.isoformat(),
    }
    members = [(MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
                .encode("utf-8")), (CATALOGUE, data)]
    if signature is not None:
        members.append((SIGNATURE, signature))
    return zip_members(members)


def zip_members(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members:
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def detached_signature(data: bytes, credential: Credential, signed_at: datetime) -> bytes:
    """A detached CMS SignedData (DER) over ``data`` by ``credential``: pyHanko's general
    data signer, SHA-256, the signing time as a signed attribute, the chain included."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import signers
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    def asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    signer = signers.SimpleSigner(
        signing_cert=asn1_cert(credential.certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(credential.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_cert(c) for c in credential.chain]))
    content_info = asyncio.run(signer.async_sign_general_data(
        data, "sha256", detached=True,
        signed_attr_settings=PdfCMSSignedAttributes(signing_time=signed_at)))
    return content_info.dump()


# --- reading and verifying --------------------------------------------------------------------
def read_package(path: str | Path) -> tuple[bytes, PackageContents]:
    """The file's bytes and its members; a file that is not a package of ours is refused
    (exit 2: unreadable input)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CataloguePackageError(msg("catpkg.unreadable", path=str(path),
                                        detail=os_reason(exc)), EXIT_USAGE) from exc
    broken = CataloguePackageError(msg("catpkg.not_package", path=str(path)), EXIT_USAGE)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
            names = [i.filename for i in infos]
            if len(names) != len(set(names)) or any(i.file_size > MAX_MEMBER for i in infos):
                raise broken
            if MANIFEST not in names or CATALOGUE not in names:
                raise broken
            manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
            catalogue = archive.read(CATALOGUE)
            signature = archive.read(SIGNATURE) if SIGNATURE in names else None
    except CataloguePackageError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
            NotImplementedError, RuntimeError) as exc:  # RuntimeError: an encrypted member
        raise broken from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT \
            or not isinstance(manifest.get("catalogue"), dict):
        raise broken
    return raw, PackageContents(manifest, catalogue, signature or None)


def open_package(path: str | Path, trust: Trust, *, now: datetime | None = None
                 ) -> VerifiedPackage:
    """Read the package at ``path`` and check everything before it may be installed: signed,
    not changed since, by a ``county`` certificate the installed root issued, not revoked
    (CRL), not expired, and a catalogue that passes the loader's check.

    Raises :class:`CataloguePackageError` with the one sentence that says why not.
    """
    path = Path(path)
    now = now or datetime.now(UTC)
    raw, contents = read_package(path)
    if contents.signature is None:
        raise CataloguePackageError(msg("catpkg.unsigned", path=str(path)))
    if contents.manifest["catalogue"].get("sha256") != \
            hashlib.sha256(contents.catalogue).hexdigest():
        raise CataloguePackageError(msg("catpkg.tampered"))  # the label disagrees
    cert, signer, signed_at = verify_signature(contents.catalogue, contents.signature, trust,
                                               now)
    try:
        catalogue = parse_catalogue(contents.catalogue, f"{path.name}:{CATALOGUE}")
    except CatalogueError as exc:
        raise CataloguePackageError(msg("catpkg.catalogue_invalid", count=len(exc.problems)),
                                    problems=exc.problems) from exc
    return VerifiedPackage(path, raw, contents.catalogue, catalogue, signer, cert, signed_at)


def verify_signature(data: bytes, signature: bytes, trust: Trust, now: datetime
                     ) -> tuple[x509.Certificate, Signer, datetime | None]:
    """Check the detached CMS ``signature`` over ``data`` against ``trust``; return the
    signer's certificate, who it names and the signing time it reports."""
    stale = [crl for crl in trust.crls if crl.next_update_utc and crl.next_update_utc < now]
    if stale:
        until = stale[0].next_update_utc.astimezone()
        raise CataloguePackageError(msg("catpkg.crl_stale", date=f"{until:%Y-%m-%d}"))
    from asn1crypto import cms
    from pyhanko.sign.validation import async_validate_detached_cms

    damaged = CataloguePackageError(msg("catpkg.signature_damaged"))
    try:
        content_info = cms.ContentInfo.load(signature)
        if content_info["content_type"].native != "signed_data":
            raise damaged
        signed_data = content_info["content"]
        status = asyncio.run(async_validate_detached_cms(
            data, signed_data, signer_validation_context=trust.validation_context(now)))
        cert = x509.load_der_x509_certificate(status.signing_cert.dump())
    except CataloguePackageError:
        raise
    except Exception as exc:  # asn1crypto and pyHanko raise many kinds on a broken structure
        raise damaged from exc
    who = _who(cert)
    if not status.intact:
        raise CataloguePackageError(msg("catpkg.tampered"))
    if not status.valid:
        raise damaged
    if status.revoked:
        when = trust.revocation(cert) or now
        raise CataloguePackageError(msg("catpkg.revoked", who=who,
                                        date=f"{when.astimezone():%Y-%m-%d}"))
    if not status.trusted:
        raise CataloguePackageError(_untrusted(cert, trust, who, now))
    signer = signer_of(cert.subject)
    if signer is None or signer.role != COUNTY_OFFICE:
        raise CataloguePackageError(msg("catpkg.not_county", who=who))
    return cert, signer, status.signer_reported_dt


def _who(cert: x509.Certificate) -> Bilingual:
    signer = signer_of(cert.subject)
    if signer is not None:
        return signer_label(signer)
    names = cert.subject.get_attributes_for_oid(x509.oid.NameOID.COMMON_NAME)
    text = ", ".join(str(a.value) for a in names) or cert.subject.rfc4514_string()
    return Bilingual(text, text)


def _untrusted(cert: x509.Certificate, trust: Trust, who: Bilingual, now: datetime) -> Message:
    """Why the certificate did not validate, in the user's words."""
    try:
        cert.verify_directly_issued_by(trust.root)
    except (ValueError, TypeError, InvalidSignature):
        return msg("catpkg.foreign_ca", who=who)
    if now > cert.not_valid_after_utc:
        return msg("catpkg.expired", who=who,
                   date=f"{cert.not_valid_after_utc.astimezone():%Y-%m-%d}")
    if now < cert.not_valid_before_utc:
        return msg("catpkg.not_yet_valid", who=who,
                   date=f"{cert.not_valid_before_utc.astimezone():%Y-%m-%d}")
    return msg("catpkg.untrusted", who=who)


__all__ = ["CataloguePackageError", "PackageContents", "SignedPackage", "VerifiedPackage",
           "build_package", "check_output", "detached_signature", "label_of", "open_package",
           "read_package", "sign_catalogue_file", "signer_label", "verify_signature",
           "zip_members"]
