"""Verifying a signed report offline (pyHanko, the county root as the only trust anchor).

For each signature: who signed (person, unit, role), when, whether the signed bytes are intact,
whether the certificate chains to the county root and is not revoked or expired, whether the
signature covers the whole file, and whether anything added after it changed what it signed.
Then the document as a whole: both roles signed, in their places, by people of the unit the
attached data names, and the data is not sample data (a report made from the demo database may
be signed for training, but is never acceptable). Every failure is one :class:`Message`;
nothing is ever written.

``--json`` names each problem by a stable reason code (:func:`reason_code`: the message key
without its section, e.g. ``sample_data``, ``revoked``, ``content_changed``); the county's
import relies on these codes.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature

from ..messages import Message, msg
from ..report import ReportError, read_report_data
from ..report.data import made_from_sample_data
from .errors import read_input
from .identity import ROLE_LABELS, ROLES, Signer, signer_of
from .trust import Trust

# pyHanko logs its findings (with tracebacks) about modified files; we report them ourselves.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())

SAMPLE_DATA = "verify.sample_data"


def reason_code(problem: Message) -> str:
    """The stable code of a problem for machines: its message key without the section."""
    return problem.key.split(".", 1)[1]


@dataclass(frozen=True)
class SignatureCheck:
    """What was found about one signature."""

    field: str
    signer: Signer | None
    common_name: str
    signed_at: datetime | None
    intact: bool
    trusted: bool
    revoked_at: datetime | None
    covers_whole: bool
    changed_after: bool
    problems: tuple[Message, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self, lang: str) -> dict[str, Any]:
        who = self.signer
        return {
            "field": self.field, "signer": who.name if who else self.common_name,
            "unit": who.unit_code if who else None, "unit_name": who.unit_name if who else None,
            "role": who.role if who else None,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "intact": self.intact, "trusted": self.trusted,
            "revoked": self.revoked_at is not None,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "covers_whole_document": self.covers_whole, "changed_after": self.changed_after,
            "ok": self.ok, "problems": [p.render(lang) for p in self.problems],
            "reasons": [reason_code(p) for p in self.problems],
        }


@dataclass(frozen=True)
class Verification:
    """The verdict on one file: its signatures and the problems of the document itself."""

    path: Path
    unit: dict[str, Any] | None
    year: int | None
    signatures: tuple[SignatureCheck, ...]
    problems: tuple[Message, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and all(s.ok for s in self.signatures)

    @property
    def all_problems(self) -> list[Message]:
        return [p for s in self.signatures for p in s.problems] + list(self.problems)

    @property
    def sample_only(self) -> bool:
        """Sound signatures on a report made from sample data: nothing else is wrong, and yet
        the report is not acceptable (its verdict is the sample-data sentence)."""
        return [p.key for p in self.all_problems] == [SAMPLE_DATA]

    def to_json(self, lang: str) -> dict[str, Any]:
        return {
            "file": str(self.path), "ok": self.ok,
            "unit": self.unit.get("code") if self.unit else None,
            "unit_name": self.unit.get("name") if self.unit else None, "year": self.year,
            "signatures": [s.to_json(lang) for s in self.signatures],
            "problems": [p.render(lang) for p in self.all_problems],
            "reasons": [reason_code(p) for p in self.all_problems],
        }


@dataclass(frozen=True)
class DocumentKind:
    """What a kind of signed document carries and who signs it: ``read`` its attached data
    (checked against its fingerprint; raises :class:`ReportError`), the ``unit`` the data
    names (code, name), whether it is ``sample`` data, and its signature places in signing
    order, each signed by the role of the same name (``roles``)."""

    read: Callable[[Path], dict[str, Any]]
    unit: Callable[[dict[str, Any]], dict[str, Any]]
    sample: Callable[[dict[str, Any]], bool]
    roles: tuple[str, ...]


UNIT_REPORT = DocumentKind(read_report_data, lambda data: data["unit"], made_from_sample_data,
                           ROLES)


def verify_report(path: str | Path, trust: Trust, *, now: datetime | None = None,
                  kind: DocumentKind = UNIT_REPORT) -> Verification:
    """Check every signature of the report at ``path`` against ``trust``.

    Raises :class:`SigningError` only when the file cannot be read at all; everything wrong
    with its content is a problem of the returned :class:`Verification`. ``kind``: a unit's
    report (clerk and head) unless another kind of document is named (the county summary).
    """
    path = Path(path)
    now = now or datetime.now(UTC)
    content = read_input(path, "report.unreadable")

    def refused(*problems: Message, unit=None, year=None) -> Verification:
        return Verification(path, unit, year, (), problems)

    if not content[:1024].lstrip().startswith(b"%PDF-"):
        return refused(msg("report.not_pdf", path=str(path)))
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        del exc
        return refused(msg("verify.damaged", path=str(path)))
    try:
        data = kind.read(path)
    except ReportError as exc:
        return refused(exc.message)
    unit, year = kind.unit(data), data["year"]
    sample = (msg(SAMPLE_DATA),) if kind.sample(data) else ()
    if not embedded:
        return refused(msg("verify.unsigned", path=str(path)), *sample, unit=unit, year=year)

    problems: list[Message] = []
    stale = [crl for crl in trust.crls if crl.next_update_utc and crl.next_update_utc < now]
    for crl in stale:
        until = crl.next_update_utc.astimezone()
        problems.append(msg("verify.crl_stale", date=f"{until:%Y-%m-%d}"))
    context = _validation_context(trust, use_crls=not stale)
    from pyhanko.sign.validation import validate_pdf_signature

    # pyHanko's general difference analysis of what followed a signature is its slowest step;
    # every signature but the last is followed only by the next signature, which the much
    # narrower check of _adds_only_a_signature covers instead (see _check_signature).
    statuses = [validate_pdf_signature(sig, signer_validation_context=context,
                                       skip_diff=sig is not embedded[-1])
                for sig in embedded]
    checks = []
    for index, (sig, status) in enumerate(zip(embedded, statuses, strict=True)):
        following = embedded[index + 1] if index + 1 < len(embedded) else None
        checks.append(_check_signature(reader, sig, status, following, trust, unit, now,
                                       kind.roles))
    fields = [c.field for c in checks]
    for role in kind.roles:
        if role not in fields:
            problems.append(msg("verify.missing_role", role=ROLE_LABELS[role]))
    problems.extend(sample)
    return Verification(path, unit, year, tuple(checks), tuple(problems))


def _validation_context(trust: Trust, use_crls: bool):
    return trust.validation_context(use_crls=use_crls)


def _check_signature(reader, sig, status, following, trust: Trust, unit: dict[str, Any],
                     now: datetime, roles: tuple[str, ...] = ROLES) -> SignatureCheck:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    cert = x509.load_der_x509_certificate(sig.signer_cert.dump())
    signer = signer_of(cert.subject)
    common_name = ", ".join(str(a.value) for a in cert.subject.get_attributes_for_oid(
        x509.oid.NameOID.COMMON_NAME)) or cert.subject.rfc4514_string()
    who = f"{ROLE_LABELS[signer.role].zh}{signer.name}" if signer else common_name
    who_en = f"{ROLE_LABELS[signer.role].en} {signer.name}" if signer else common_name
    from ..messages import Bilingual

    person = Bilingual(who, who_en)
    problems: list[Message] = []
    revoked_at = trust.revocation(cert) if status.revoked else None
    if not status.intact or not status.valid:
        problems.append(msg("verify.not_intact", who=person))
    if status.revoked:
        when = revoked_at or now
        problems.append(msg("verify.revoked", who=person, date=f"{when.astimezone():%Y-%m-%d}"))
    elif not status.trusted and status.intact:
        problems.append(_untrusted(cert, trust, person, now))
    if signer is None:
        problems.append(msg("verify.not_township", who=person))
    else:
        if signer.unit_code != unit.get("code"):
            problems.append(msg("verify.wrong_unit", who=person, signer_unit=signer.unit_name,
                                unit=unit.get("name", unit.get("code"))))
        if sig.field_name in roles and signer.role != sig.field_name:
            problems.append(msg("verify.wrong_role", who=person,
                                place=ROLE_LABELS[sig.field_name]))
    if sig.field_name not in roles:
        problems.append(msg("verify.foreign_field", field=sig.field_name))

    whole = SignatureCoverageLevel.ENTIRE_FILE
    covers_whole = status.coverage == whole
    if following is None:  # the last signature must cover the file to its last byte
        changed = not covers_whole
        later_from, later_to = sig.signed_revision, None
    else:  # only the next signature may follow, changing nothing but adding its own field
        changed = (following.signed_revision != sig.signed_revision + 1
                   or status.coverage != SignatureCoverageLevel.ENTIRE_REVISION
                   or not _adds_only_a_signature(reader, following.signed_revision))
        later_from, later_to = sig.signed_revision, following.signed_revision
    if changed and status.intact:
        problems.extend(describe_changes(reader, later_from, later_to, person))
    return SignatureCheck(
        field=str(sig.field_name), signer=signer, common_name=common_name,
        signed_at=sig.self_reported_timestamp, intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted), revoked_at=revoked_at, covers_whole=covers_whole,
        changed_after=changed, problems=tuple(problems))


def _untrusted(cert: x509.Certificate, trust: Trust, person, now: datetime) -> Message:
    """Why pyHanko did not trust ``cert``, in the user's words."""
    try:
        cert.verify_directly_issued_by(trust.root)
    except (ValueError, TypeError, InvalidSignature):
        return msg("verify.foreign_ca", who=person)
    if now > cert.not_valid_after_utc:
        return msg("verify.expired", who=person,
                   date=f"{cert.not_valid_after_utc.astimezone():%Y-%m-%d}")
    if now < cert.not_valid_before_utc:
        return msg("verify.not_yet_valid", who=person,
                   date=f"{cert.not_valid_before_utc.astimezone():%Y-%m-%d}")
    return msg("verify.untrusted", who=person)


# --- what changed after a signature ----------------------------------------------------------
def describe_changes(reader, since: int, until: int | None, person) -> list[Message]:
    """Sentences for what revisions after ``since`` (up to ``until``) changed on the pages."""
    old = _pages(reader.get_historical_resolver(since))
    new = _pages(reader.get_historical_resolver(until) if until is not None else reader)
    found: list[Message] = []
    for number, (before, after) in enumerate(zip(old, new, strict=False), start=1):
        added = [a for a in after["annots"] - before["annots"]]
        if any(not _is_signature_widget(a) for a in added):
            found.append(msg("verify.annotation_added", who=person, page=number))
        if after["content"] != before["content"]:
            found.append(msg("verify.content_changed", who=person, page=number))
    if len(old) != len(new):
        found.append(msg("verify.pages_changed", who=person))
    return found or [msg("verify.changed_after", who=person)]


# What a signing step may overwrite of the objects before it, key by key; all else it adds
# must be new objects, reachable only through these keys.
_SIGNING_MAY_CHANGE = {"/Annots", "/Fields", "/SigFlags", "/Version", "/Extensions"}
_INFO_KEYS = {"/ModDate", "/Producer"}


def _adds_only_a_signature(reader, revision: int) -> bool:
    """Whether ``revision`` only added signature fields (with their widgets and appearances).

    Existing objects it overwrote may differ only in the keys a signature touches: a page's
    /Annots and the form's /Fields may only grow, and only by signature fields; the document
    information may get a new date and producer. Nothing may be freed.
    """
    xrefs = reader.xrefs
    if xrefs.refs_freed_in_revision(revision):
        return False
    before = reader.get_historical_resolver(revision - 1)
    after = reader.get_historical_resolver(revision)
    info = reader.trailer.raw_get("/Info") if "/Info" in reader.trailer else None
    info_ref = getattr(info, "reference", None)
    for ref in xrefs.explicit_refs_in_revision(revision):
        if xrefs.get_introducing_revision(ref) == revision:
            continue  # a new object: harmless unless an allowed key below points to it
        old, new = before.get_object(ref), after.get_object(ref)
        if not (hasattr(old, "raw_get") and hasattr(new, "raw_get")):
            return False  # an overwritten stream's data or a non-dictionary
        if hasattr(old, "data") or hasattr(new, "data"):
            return False
        allowed = _INFO_KEYS if ref == info_ref else _SIGNING_MAY_CHANGE
        for key in set(old.keys()) | set(new.keys()):
            was = old.raw_get(key) if key in old else None
            now = new.raw_get(key) if key in new else None
            if was == now:
                continue
            if key not in allowed:
                return False
            if key in ("/Annots", "/Fields") and not _grows_by_signatures(was, now):
                return False
    return True


def _grows_by_signatures(was, now) -> bool:
    """Whether the array ``now`` is ``was`` plus signature fields (or their widgets) only."""
    old, new = _resolved(was) or [], _resolved(now) or []
    old_refs = [old.raw_get(i) for i in range(len(old))]
    new_refs = [new.raw_get(i) for i in range(len(new))]
    if new_refs[:len(old_refs)] != old_refs:
        return False
    return all(_is_signature_widget(_Annot(ref, _resolved(ref)))
               for ref in new_refs[len(old_refs):])


class _Annot:
    """An annotation of a page, compared by its object number."""

    def __init__(self, ref, obj):
        self.key = (ref.idnum, ref.generation) if hasattr(ref, "idnum") else id(obj)
        self.obj = obj

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return isinstance(other, _Annot) and self.key == other.key


def _is_signature_widget(annot: _Annot) -> bool:
    obj = annot.obj
    field = obj.get("/Parent", obj) if "/FT" not in obj else obj
    return obj.get("/Subtype") == "/Widget" and field.get("/FT") == "/Sig"


def _pages(handler) -> list[dict[str, Any]]:
    """Each page's annotations and content bytes, in page order, as seen in one revision."""
    pages: list[dict[str, Any]] = []

    def walk(node):
        kids = node.get("/Kids")
        if kids is None:
            annots = set()
            array = _resolved(node.get("/Annots"))
            if array is not None:
                for i in range(len(array)):
                    ref = array.raw_get(i)
                    annots.add(_Annot(ref, ref.get_object()))
            contents = _resolved(node.get("/Contents"))
            streams = contents if isinstance(contents, list) else [contents]
            data = b"".join(_resolved(s).data for s in streams if s is not None)
            pages.append({"annots": annots, "content": data})
            return
        for kid in _resolved(kids):
            walk(_resolved(kid))

    walk(handler.root["/Pages"])
    return pages


def _resolved(obj):
    return obj.get_object() if hasattr(obj, "get_object") else obj


__all__ = ["UNIT_REPORT", "DocumentKind", "SignatureCheck", "Verification", "describe_changes",
           "verify_report"]
