"""``verify`` of a county summary: the unit report's verifier with the summary's own terms.

The same checks and reason codes as a unit's report (:func:`signing.verify.verify_report`:
the county root as the only trust anchor, its revocation lists, intact bytes, a signature
that covers the whole file, nothing changed after it, attached data that matches its
fingerprint), with what a summary must carry: its own data (``county-summary``) and one
signature, in the place of the county assessment office (role ``county``), by a certificate
of that office.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..signing.identity import COUNTY_OFFICE
from ..signing.trust import Trust
from ..signing.verify import DocumentKind, Verification, verify_report
from .summary_data import COUNTY_CODE, KIND, carries_summary, read_summary_data


def _unit(data: dict[str, Any]) -> dict[str, Any]:
    """The unit a summary names: the county, as a county office certificate names it."""
    from ..signing.identity import COUNTY_UNIT_NAME

    county = data.get("county") if isinstance(data.get("county"), dict) else {}
    return {"code": COUNTY_CODE, "name": county.get("name", COUNTY_UNIT_NAME),
            "name_en": county.get("name_en"), "unit_name": COUNTY_UNIT_NAME}


COUNTY_SUMMARY = DocumentKind(read_summary_data, _unit, lambda data: False, (COUNTY_OFFICE,))


@dataclass(frozen=True)
class SummaryVerification(Verification):
    """A :class:`Verification` of a county summary (``--json`` says ``kind``)."""

    ok_message = "summary.verify_ok"  # the verdict's sentence when all is well

    def to_json(self, lang: str) -> dict[str, Any]:
        return {"kind": KIND, **super().to_json(lang)}


def is_county_summary(path: str | Path) -> bool:
    """Whether the file carries county summary data (then :func:`verify_summary` checks it)."""
    try:
        return carries_summary(Path(path).read_bytes())
    except OSError:
        return False


def verify_summary(path: str | Path, trust: Trust) -> SummaryVerification:
    """Check the county summary at ``path`` against ``trust`` (see the module's text)."""
    found = verify_report(path, trust, kind=COUNTY_SUMMARY)
    return SummaryVerification(found.path, found.unit, found.year, found.signatures,
                               found.problems)


__all__ = ["COUNTY_SUMMARY", "SummaryVerification", "is_county_summary", "verify_summary"]
