"""Signing and verifying: the working copy, the clerk's then the head's signature, verify,
the trusted county root, and the county's own certificates (pki).

The working copy is ``<data>/reports/<unit>_<year>.pdf`` (``reports/demo/`` for the sample
data). It is reused while it still matches the store (it may carry the clerk's signature
already); otherwise it is built again. A replaced copy that carries signatures is kept beside
it as ``<unit>_<year>.superseded-<time>.pdf``. Passphrases pass through memory only.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import HaiyanError
from ..messages import msg
from ..store import Store, StoreError
from .folder import DataFolder, existing_file, unit_named

REPORTS_FOLDER = "reports"


def working_path(data_dir: str | Path, unit_code: str, year: int, demo: bool = False) -> Path:
    """Where the report being signed lives between the clerk's and the head's signature."""
    folder = Path(data_dir) / REPORTS_FOLDER
    return (folder / "demo" if demo else folder) / f"{unit_code}_{year}.pdf"


@dataclass(frozen=True)
class WorkingCopy:
    """The working file as read from disk: its bytes, attached data and signatures."""

    path: Path
    content: bytes
    data: dict[str, Any]
    signers: list  # [(field, Signer | None)]


def read_working(path: Path) -> WorkingCopy | None:
    """The working file, or None when it is missing or is not one of our reports."""
    from .. import signing
    from ..report import ReportError, read_report_data

    try:
        content = path.read_bytes()
        data = read_report_data(path)
        signers = signing.existing_signers(content)
    except (OSError, ReportError, signing.SigningError):
        return None
    return WorkingCopy(path, content, data, signers)


def still_current(store: Store, copy: WorkingCopy, unit_code: str, year: int) -> bool:
    """Whether the working copy shows exactly what the store holds now, still unsigned by
    both (a finished copy belongs to an earlier round: the submission was reopened)."""
    from .. import signing
    from ..report.data import collect

    data = copy.data
    if (data.get("unit", {}).get("code") != unit_code or data.get("year") != year
            or len(copy.signers) >= len(signing.ROLES)):
        return False
    try:
        current = collect(store, store.submission(unit_code, year), clerk=data.get("clerk"))
    except StoreError:
        return False
    return current.fingerprint == data.get("fingerprint")


def build_working(folder: DataFolder, unit_code: str, year: int, lang: str,
                  clerk: str | None, keep_old: bool) -> WorkingCopy:
    """Build a fresh working copy (its own read-only connection: a worker thread may run it).

    Written under a temporary name first, so a failure leaves the old copy in place; a
    replaced copy that carries signatures is kept beside it, renamed.
    """
    from ..report import build_report, read_report_data
    from ..report.signed import set_aside_superseded

    path = working_path(folder.path, unit_code, year, folder.demo)
    path.parent.mkdir(parents=True, exist_ok=True)
    with folder.store() as reader:
        submission = reader.submission(unit_code, year)
        if keep_old:  # the signed copy is kept aside before the new one takes its name
            set_aside_superseded(path)
        build_report(reader, submission, path, lang=lang, clerk=clerk)  # whole or not at all
    return WorkingCopy(path, path.read_bytes(), read_report_data(path), [])


def sign_working(store: Store, path: Path, credential, trust):
    """Check the working copy for ``credential`` (fast: the window does it on its thread):
    a ``SigningPlan``. Raises ``SigningError`` with the reason."""
    from .. import signing

    return signing.plan_signing(path, credential, store=store, trust=trust)


def finish_working(store: Store, plan, content: bytes, signed_at, path: Path):
    """Write the signed bytes over the working copy; after the head, the store says signed."""
    from .. import signing

    return signing.finish_signing(plan, content, signed_at, path, store=store)


# --- the command line's signing -----------------------------------------------------------
def load_credential(p12: str | Path, passphrase: str):
    from ..signing import load_credential as load

    return load(existing_file(p12), passphrase)


def sign_file(folder: DataFolder, source: str | Path, out: str | Path, credential):
    """Sign a report file into ``out`` (``sign``): a ``Signed``."""
    from ..signing import installed_trust, sign_report

    source = existing_file(source)
    with folder.store(write=True) as store:
        return sign_report(source, out, credential, store=store,
                           trust=installed_trust(folder.path))


def report_and_sign(folder: DataFolder, unit: str, year: int, out: str | Path, credential,
                    lang: str = "zh", clerk: str | None = None):
    """``report --sign``: build into a temporary file beside ``out``, sign it into ``out``.

    Whatever fails, only ``out`` can remain, and only when it is signed. Returns the
    report's ``ReportInfo`` and the ``Signed`` record.
    """
    from .report import build_report, check_output

    out = check_output(out)
    temporary = out.with_name(f".{out.stem}.{secrets.token_hex(4)}.unsigned.pdf")
    try:
        info = build_report(folder, unit, year, temporary, lang=lang, clerk=clerk)
        signed = sign_file(folder, temporary, out, credential)
    finally:
        temporary.unlink(missing_ok=True)
    return info, signed


# --- verifying and trusting ------------------------------------------------------------------
def trust_for(data_dir: Path, root: str | Path | None = None, crls: list[str] = ()):
    """The county root given (with its CRLs), or the one installed in the data folder."""
    from ..signing import Trust, installed_trust, trust_folder

    crl_files = [existing_file(c) for c in crls]
    if root:
        return Trust.from_files(existing_file(root), crl_files)
    trust = installed_trust(data_dir)
    if trust is None:
        raise HaiyanError(msg("trust.none"))
    if crl_files:
        folder = trust_folder(data_dir)
        trust = Trust.from_files(folder / "county-root.pem",
                                 [*crl_files, *sorted(folder.glob("*.crl"))])
    return trust


def verify(path: str | Path, trust):
    """Verify a signed report against ``trust``: a ``Verification`` (its ``ok`` is the
    verdict; a sample-data report is never ok). A county summary is checked as one (its
    data, the county office's signature)."""
    from ..county.summary_verify import is_county_summary, verify_summary
    from ..signing import verify_report

    path = existing_file(path)
    if is_county_summary(path):
        return verify_summary(path, trust)
    return verify_report(path, trust)


def install_trust(data_dir: Path, root: str | Path, crl: str | Path | None = None) -> Path:
    from ..signing import install_trust as install

    return install(data_dir, existing_file(root), existing_file(crl) if crl else None)


# --- the county's certificates ----------------------------------------------------------------
def pki_init(folder: str | Path, passphrase: str) -> Path:
    from ..signing import pki

    return pki.init_county(folder, passphrase)


def open_ca(folder: str | Path, passphrase: str):
    from ..signing import pki

    return pki.open_ca(folder, passphrase)


def check_issue_unit(role: str, unit: str | None) -> None:
    """A township certificate names its unit; the county office's names none (refused
    before any passphrase is asked)."""
    from ..signing.identity import COUNTY_OFFICE, ROLE_LABELS

    if role == COUNTY_OFFICE and unit:
        raise HaiyanError(msg("catpkg.county_no_unit"))
    if role != COUNTY_OFFICE and not unit:
        raise HaiyanError(msg("catpkg.unit_required", role=ROLE_LABELS[role]))


def pki_issue(ca, unit: str | None, role_text: str, name: str, passphrase: str,
              out: str | Path, days: int | None = None):
    """Issue a certificate (.p12): a township's clerk or head, for a unit of the built-in
    catalogue, or the county assessment office's (role ``county``, signs catalogues).

    Returns the ``Issued`` record, the unit's name (a ``Bilingual``) and the role.
    """
    from ..catalogue import default_catalogue
    from ..messages import Bilingual
    from ..signing import Signer, pki
    from ..signing.identity import COUNTY_OFFICE, COUNTY_UNIT_CODE, COUNTY_UNIT_NAME

    role = role_from_label_or_refuse(role_text)
    check_issue_unit(role, unit)
    name = name.strip()
    if not name:
        raise HaiyanError(msg("cli.usage", detail="--name"))
    if role == COUNTY_OFFICE:
        signer = Signer(name, COUNTY_UNIT_CODE, COUNTY_UNIT_NAME, role)
        unit_name = Bilingual(COUNTY_UNIT_NAME, "Haiyan County People's Government")
    else:
        unit_ = unit_named(default_catalogue(), unit or "")
        signer = Signer(name, unit_.code, unit_.name.zh, role)
        unit_name = unit_.name
    return pki.issue(ca, signer, passphrase, out,
                     days=pki.SIGNER_DAYS if days is None else days), unit_name, role


def role_from_label_or_refuse(role_text: str) -> str:
    from ..signing.identity import role_from_label

    role = role_from_label(role_text)
    if role is None:
        raise HaiyanError(msg("pki.unknown_role", role=role_text))
    return role


def pki_revoke(ca, serial: str, reason: str | None) -> dict:
    from ..signing import pki

    return pki.revoke(ca, serial, reason)


def pki_crl(ca, out: str | Path | None, days: int | None):
    from ..signing import pki

    out = Path(out) if out else ca.directory / pki.CRL_FILE
    days = pki.CRL_DAYS if days is None else days
    if days < 1:
        raise HaiyanError(msg("pki.bad_days", days=days))
    pki.write_crl(ca, out, days=days)
    return out, pki.load_crl(out)


def pki_list(ca_folder: str | Path) -> list[dict]:
    from ..signing import pki

    if not (Path(ca_folder) / pki.ROOT_CERT).is_file():
        raise HaiyanError(msg("pki.no_ca", path=str(ca_folder)))
    return [{k: v for k, v in e.items() if k != "certificate"} for e in pki.issued(ca_folder)]

