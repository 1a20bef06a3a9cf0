"""The county summary report of a year (``county report``), signed by the county office when
a credential is given.

Reads the comparison (:func:`.equalization.compare_year`) and what has arrived
(:func:`.county.county_status`) from the county database, lays the summary out
(:func:`haiyan_desktop.county.summary.build_summary`) and, with a credential of the county
assessment office, signs it. Whatever fails, only ``out`` can remain, and only whole (signed
when a signature was asked for).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..county.summary import SummaryError
from ..messages import msg, os_reason
from . import Progress
from .folder import DataFolder

STEPS = 4  # progress(done, STEPS): data read, document laid out, signed, in place


@dataclass(frozen=True)
class SummarySignature:
    name: str
    role: str
    unit_name: str
    signed_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "unit_name": self.unit_name,
                "signed_at": self.signed_at.isoformat()}


@dataclass(frozen=True)
class SummaryResult:
    """What :func:`county_report` wrote."""

    path: Path
    year: int
    lang: str
    pages: int
    fingerprint: str
    sha256: str
    units: int  # townships compared
    counts: dict[str, int]  # units, accepted, quarantined, missing (the register's)
    refused_files: int
    signature: SummarySignature | None

    def to_json(self) -> dict[str, Any]:
        return {"file": str(self.path), "year": self.year, "lang": self.lang,
                "pages": self.pages, "fingerprint": self.fingerprint, "sha256": self.sha256,
                "units": self.units, "counts": dict(self.counts),
                "refused_files": self.refused_files,
                "signature": None if self.signature is None else self.signature.to_json()}


def county_report(folder: DataFolder | str | Path, year: int, out: str | Path,
                  lang: str = "zh", credential=None, progress: Progress = None, *,
                  generated_at: datetime | None = None) -> SummaryResult:
    """Write the county summary of ``year`` to ``out`` (a .pdf in an existing folder).

    ``credential`` (a county assessment office's, ``pki issue --role county``) signs it; a
    township's is refused before anything is built. Raises HaiyanError subclasses only:
    SummaryError, SigningError, CountyError, HaiyanError (nothing received, unknown
    catalogue).
    """
    from ..county.summary import build_summary, check_signer, sign_summary
    from ..files import write_atomically
    from ..signing.trust import installed_trust
    from .county import county_status
    from .equalization import catalogue_by_sha256, compare_year
    from .report import check_output

    folder = folder if isinstance(folder, DataFolder) else DataFolder(Path(folder))
    out = check_output(out)

    def step(done: int) -> None:
        if progress is not None:
            progress(done, STEPS)

    if credential is not None:  # a wrong certificate is told before the slow part
        check_signer(credential, installed_trust(folder.path))
    comparison = compare_year(folder, year)
    status = county_status(folder, year)
    catalogue = catalogue_by_sha256(folder.path, comparison.catalogue["sha256"])
    step(1)
    signature = None
    if credential is None:
        info = build_summary(comparison, status, out, lang, catalogue,
                             generated_at=generated_at)
        step(2)
        step(3)
    else:
        temporary = out.with_name(f".{out.stem}.{secrets.token_hex(4)}.unsigned.pdf")
        try:
            info = build_summary(comparison, status, temporary, lang, catalogue,
                                 generated_at=generated_at)
            step(2)
            content, signed_at = sign_summary(temporary.read_bytes(), credential)
            step(3)
            try:
                write_atomically(out, content)
            except OSError as exc:
                raise SummaryError(msg("report.write_failed", path=str(out),
                                       detail=os_reason(exc))) from exc
        finally:
            temporary.unlink(missing_ok=True)
        who = credential.signer
        signature = SummarySignature(who.name, who.role, who.unit_name, signed_at)
    step(4)
    register = info.data.register
    return SummaryResult(
        path=out, year=year, lang=lang, pages=info.pages, fingerprint=info.fingerprint,
        sha256=hashlib.sha256(out.read_bytes()).hexdigest(), units=len(comparison.units),
        counts={"units": register.units, "accepted": register.accepted,
                "quarantined": register.quarantined, "missing": register.missing},
        refused_files=len(register.refused), signature=signature)


__all__ = ["STEPS", "SummaryResult", "SummarySignature", "county_report"]
