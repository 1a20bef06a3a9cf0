"""Signing a report (pyHanko, PAdES B-B, no network): the clerk first, then the unit head.

:func:`sign_field` is the mechanism: one visible signature as an incremental update.
:func:`sign_report` is the policy around it: only our own, checked report; the certificate
must be valid and belong to the report's unit; the roles sign in order; the report must still
match the data in the store; after the head signs, the submission becomes signed. The output
is written to a temporary file and renamed, so a failure leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization

from ..files import write_atomically
from ..messages import msg, os_reason
from ..report import SIGNATURE_BOXES, ReportError, read_report_data
from ..report.data import made_from_sample_data, report_data_of
from .errors import SigningError, read_input
from .identity import CLERK, COUNTY, HEAD, ROLE_LABELS, ROLES, Signer, signer_of
from .keystore import Credential
from .stamp import stamp_pdf
from .trust import Trust

if TYPE_CHECKING:
    from ..store import Store

SIGNABLE_STATES = ("checked",)


@dataclass(frozen=True)
class Signed:
    """What :func:`sign_report` did."""

    path: Path
    signer: Signer
    signed_at: datetime
    sha256: str
    complete: bool  # both signatures are in: the submission is now signed


def report_file_name(unit_name: str, year: int) -> str:
    """The name a signed report is saved under: 海盐县_<单位>_<年度>_评估报告.pdf."""
    return f"{COUNTY.zh}_{unit_name}_{year}_评估报告.pdf"


def existing_signers(content: bytes) -> list[tuple[str, Signer | None]]:
    """(field name, signer) of every signature already in the PDF, in signing order."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise SigningError(msg("sign.pdf_damaged")) from exc
    from cryptography import x509

    out = []
    for sig in signatures:
        cert = x509.load_der_x509_certificate(sig.signer_cert.dump())
        out.append((sig.field_name, signer_of(cert.subject)))
    return out


def sign_field(content: bytes, field: str, credential: Credential, *,
               signed_at: datetime | None = None,
               box: tuple[float, float, float, float] | None = None) -> tuple[bytes, datetime]:
    """``content`` with one more visible signature in ``field`` (a key of SIGNATURE_BOXES,
    or any name with its ``box`` on the last page: the county summary's).

    No policy is applied here (the tests use it to make hostile documents). A report made from
    sample data gets a stamp that says so. Returns the signed bytes and the signing time
    recorded in the signature.
    """
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    def asn1_cert(cert):
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    signer = signers.SimpleSigner(
        signing_cert=asn1_cert(credential.certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(credential.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_cert(c) for c in credential.chain]))
    x1, y1, x2, y2 = box or SIGNATURE_BOXES[field]
    who = credential.signer
    sample = _from_sample_data(content)
    for _attempt in range(3):
        when = (signed_at or datetime.now().astimezone()).replace(microsecond=0)
        with tempfile.TemporaryDirectory(prefix="haiyan-stamp-") as folder:
            stamp_file = Path(folder, "stamp.pdf")
            stamp_file.write_bytes(stamp_pdf(who, when, x2 - x1, y2 - y1, sample=sample))
            writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
            fields.append_signature_field(writer, fields.SigFieldSpec(
                sig_field_name=field, on_page=-1, box=(x1, y1, x2, y2)))
            meta = signers.PdfSignatureMetadata(
                field_name=field, md_algorithm="sha256",
                subfilter=fields.SigSeedSubFilter.PADES, name=who.name,
                location=COUNTY.zh + who.unit_name,
                reason=f"{ROLE_LABELS[who.role].zh}签名 / signed by the {ROLE_LABELS[who.role].en}")
            pdf_signer = signers.PdfSigner(
                meta, signer=signer, stamp_style=StaticStampStyle.from_pdf_file(
                    str(stamp_file), border_width=0))
            out = pdf_signer.sign_pdf(writer, output=io.BytesIO())
            signed = out.getvalue()
        recorded = _last_signing_time(signed)
        # the stamp shows minutes: redo the rare signature whose clock ticked over meanwhile
        if signed_at is not None or recorded.astimezone(when.tzinfo).strftime(
                "%Y%m%d%H%M") == when.strftime("%Y%m%d%H%M"):
            return signed, recorded
    return signed, recorded


def _from_sample_data(content: bytes) -> bool:
    """Whether ``content`` is a report of ours made from sample data (the demo database)."""
    try:
        return made_from_sample_data(report_data_of(content, "report"))
    except ReportError:
        return False  # not one of our reports: nothing says it is sample data


def _last_signing_time(content: bytes) -> datetime:
    from pyhanko.pdf_utils.reader import PdfFileReader

    sig = PdfFileReader(io.BytesIO(content), strict=False).embedded_signatures[-1]
    return sig.self_reported_timestamp or datetime.now(UTC)


@dataclass(frozen=True)
class SigningPlan:
    """A report checked and ready for ``credential``'s signature in ``role``'s place."""

    source: Path
    content: bytes
    data: dict
    credential: Credential
    role: str
    submission: object | None  # the store's Submission, when a store was given


def plan_signing(source: str | Path, credential: Credential, *, store: Store | None = None,
                 trust: Trust | None = None, now: datetime | None = None) -> SigningPlan:
    """Every check before signing (fast; the window runs it on the GUI thread).

    ``store`` must hold the report's submission, still checked and with the same data.
    ``trust``, when a county root is installed, also refuses a certificate the county did not
    issue or has revoked. Raises :class:`SigningError`.
    """
    source = Path(source)
    try:
        data = read_report_data(source)
    except ReportError as exc:
        raise SigningError(exc.message) from exc
    content = read_input(source, "report.unreadable")
    who = credential.signer
    if data.get("state") not in SIGNABLE_STATES:
        raise SigningError(msg("sign.not_checked"))
    unit = data["unit"]
    if who.unit_code != unit["code"]:
        raise SigningError(msg("sign.wrong_unit", name=who.name, signer_unit=who.unit_name,
                               unit=unit["name"]))
    credential.check_valid(now)
    if trust is not None:
        trust.check_issued(credential.certificate, now=now)
    role = _next_role(existing_signers(content), who)
    submission = _check_store(store, data) if store is not None else None
    return SigningPlan(source, content, data, credential, role, submission)


def finish_signing(plan: SigningPlan, signed: bytes, signed_at: datetime, out: str | Path, *,
                   store: Store | None = None) -> Signed:
    """Write the signed bytes to ``out`` (whole or not at all); after the head, mark signed."""
    out = Path(out)
    _check_output(out)
    sha256 = hashlib.sha256(signed).hexdigest()
    complete = plan.role == HEAD
    replaced = out.read_bytes() if out.exists() else None
    try:
        write_atomically(out, signed)
    except OSError as exc:
        raise SigningError(msg("report.write_failed", path=str(out),
                               detail=os_reason(exc))) from exc
    if complete and store is not None and plan.submission is not None:
        try:
            store.mark_signed(plan.submission, sha256, str(out.resolve()))
        except Exception:
            # the store did not take it: leave the file as it was
            if replaced is None:
                out.unlink(missing_ok=True)
            else:
                write_atomically(out, replaced)
            raise
    return Signed(out, plan.credential.signer, signed_at, sha256, complete)


def sign_report(source: str | Path, out: str | Path, credential: Credential, *,
                store: Store | None = None, trust: Trust | None = None,
                now: datetime | None = None) -> Signed:
    """Check, sign and write: the report ``source`` with ``credential``'s signature at ``out``.

    Raises :class:`SigningError`; nothing is written then.
    """
    plan = plan_signing(source, credential, store=store, trust=trust, now=now)
    _check_output(Path(out))  # before the slow part
    signed, when = sign_field(plan.content, plan.role, credential)
    return finish_signing(plan, signed, when, out, store=store)


def _check_output(out: Path) -> None:
    if out.suffix.lower() != ".pdf":
        raise SigningError(msg("report.bad_suffix", path=str(out)))
    if not out.parent.is_dir():
        raise SigningError(msg("report.no_output_dir", path=str(out.parent)))


def _next_role(signed: list[tuple[str, Signer | None]], who: Signer) -> str:
    """The field ``who`` signs now: the clerk first, then the head, each once."""
    fields = [name for name, _ in signed]
    foreign = [name for name in fields if name not in ROLES]
    if foreign or len(fields) != len(set(fields)):
        raise SigningError(msg("sign.foreign_signatures"))
    if fields == list(ROLES):
        raise SigningError(msg("sign.complete"))
    wanted = ROLES[len(fields)]
    if fields != list(ROLES[:len(fields)]):
        raise SigningError(msg("sign.foreign_signatures"))
    if who.role != wanted:
        key = "sign.clerk_first" if wanted == CLERK else "sign.clerk_signed"
        raise SigningError(msg(key, name=who.name))
    return wanted


def _check_store(store: Store, data: dict):
    """The submission of the report, still holding exactly the data the report shows."""
    from ..report.data import collect
    from ..store import StoreError

    unit, year = data["unit"], data["year"]
    try:
        submission = store.submission(unit["code"], year)
    except StoreError as exc:
        raise SigningError(msg("sign.not_in_store", unit=unit["name"], year=year)) from exc
    if submission.state != "checked":
        key = "sign.already_signed" if submission.state == "signed" else "sign.store_not_checked"
        raise SigningError(msg(key, unit=unit["name"], year=year))
    current = collect(store, submission, clerk=data.get("clerk"))
    if current.fingerprint != data["fingerprint"]:
        raise SigningError(msg("sign.data_changed", unit=unit["name"], year=year))
    return submission


def page_count(content: bytes) -> int:
    """The number of pages of a PDF (of a signed report, say, which is copied, not built)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return int(PdfFileReader(io.BytesIO(content), strict=False).root["/Pages"]["/Count"])
    except Exception as exc:  # pyHanko raises its own and others on a broken file
        raise SigningError(msg("sign.pdf_damaged")) from exc


def passphrase_from_file(path: str | Path) -> str:
    """The first line of a passphrase file (the newline is not part of the passphrase)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SigningError(msg("sign.passphrase_file_unreadable", path=str(path))) from exc
    line = text.splitlines()[0] if text.splitlines() else ""
    return line


__all__ = ["Signed", "SigningPlan", "existing_signers", "finish_signing", "page_count",
           "passphrase_from_file", "plan_signing", "report_file_name", "sign_field",
           "sign_report"]
