"""The county summary report (``county report``): one PDF of a year's comparison and of the
register of reports received, in the unit report's house style, its data attached as JSON and
fingerprinted, and signed, when asked, by the county assessment office.

  summary_data.py      the data: register of reports, payload, fingerprint, reading it back
  summary_document.py  the document: cover, ranking, heat map, dispersion, Theil index,
                       trend, weak indicators, county figures and departments, register
  summary_verify.py    ``verify`` of a signed summary (one signature, the county office's)

Qt-free; the job :func:`haiyan_desktop.jobs.summary.county_report` gathers the comparison and
the status from the county database and calls :func:`build_summary` and
:func:`sign_summary`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..catalogue.model import Catalogue
from ..errors import EXIT_USAGE
from ..files import atomic_path
from ..messages import LANGUAGES, Bilingual, msg, os_reason
from . import CountyError
from .equalization import Comparison
from .status import Status
from .summary_data import SummaryData, collect_summary


class SummaryError(CountyError):
    """The summary cannot be made or signed as asked (a township's certificate, an output
    that cannot be written…): one sentence, nothing written."""

    status = EXIT_USAGE


@dataclass(frozen=True)
class SummaryInfo:
    """What :func:`build_summary` wrote."""

    path: Path
    pages: int
    fingerprint: str
    data: SummaryData


def build_summary(comparison: Comparison, status: Status, out_path: str | Path,
                  lang: str = "zh", catalogue: Catalogue | None = None, *,
                  generated_at: datetime | None = None) -> SummaryInfo:
    """Write the summary of ``comparison`` (with the register of ``status``) to
    ``out_path``, whole or not at all. ``catalogue`` (the compared reports' catalogue) gives
    the indicators' decimals, units and targets as the unit report prints them."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    from ..report.fonts import register_fonts

    register_fonts()  # before reportlab's styles are loaded: they read the base font once
    from .summary_document import write_summary

    data = collect_summary(comparison, status, catalogue, generated_at)
    out = Path(out_path)
    if not out.parent.is_dir():
        raise SummaryError(msg("report.no_output_dir", path=str(out.parent)))
    try:
        with atomic_path(out) as temporary:
            pages = write_summary(data, temporary, lang)
    except OSError as exc:
        raise SummaryError(msg("report.write_failed", path=str(out),
                               detail=os_reason(exc))) from exc
    return SummaryInfo(out, pages, data.fingerprint, data)


def check_signer(credential, trust=None, now: datetime | None = None) -> None:
    """Refuse a certificate that may not sign the summary: not the county assessment
    office's, expired or not yet valid, not issued by ``trust``'s root, or revoked."""
    from ..signing.identity import COUNTY_OFFICE, ROLE_LABELS

    who = credential.signer
    if who.role != COUNTY_OFFICE:
        role = ROLE_LABELS.get(who.role, Bilingual(who.role, who.role))
        raise SummaryError(msg("summary.not_county", name=who.name, unit=who.unit_name,
                               role=role))
    credential.check_valid(now)
    if trust is not None:
        trust.check_issued(credential.certificate, now=now)


def sign_summary(content: bytes, credential) -> tuple[bytes, datetime]:
    """``content`` (a summary) with the county office's visible signature in its box on the
    last page (PAdES, as the units' reports); the signed bytes and the signing time. The
    caller has checked the certificate (:func:`check_signer`)."""
    from ..report.fonts import register_fonts
    from ..signing.sign import sign_field

    register_fonts()  # before the document module loads reportlab's styles
    from .summary_document import COUNTY_BOX, SIGNATURE_FIELD

    return sign_field(content, SIGNATURE_FIELD, credential, box=COUNTY_BOX)


__all__ = ["SummaryError", "SummaryInfo", "build_summary", "check_signer", "sign_summary"]
