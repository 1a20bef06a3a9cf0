"""The county summary's data: the comparison of a year and the register of what arrived,
fingerprinted, attached to the PDF, read back.

The attached JSON is the canonical record of what the summary shows, laid out and
fingerprinted exactly as a unit's report data (:mod:`haiyan_desktop.report.data`), under its
own ``format`` so that nothing takes it for a unit's report (``county import`` refuses it as
"no report data"):

- ``format``, ``format_version``, ``kind`` (``county-summary``), ``county``, ``year``;
- ``catalogue``: id, version and sha256 of the catalogue the compared reports follow;
- ``counts``: the units of the year's catalogue, and how many are accepted, quarantined
  (only refused files named them) and missing;
- ``comparison``: :meth:`Comparison.to_json` unrounded (the figures the PDF prints rounded);
- ``register``: every report received (unit, file sha256, signers and signing times, when it
  was verified and accepted, superseded or not), every file refused with its reason (also
  those refused before they named a unit, or of no readable year), every unit missing;
- ``generated_at`` and ``fingerprint`` (sha256 of the canonical JSON of everything else, so
  the same data gives the same fingerprint in either language).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..catalogue.model import Catalogue
from ..messages import Bilingual, msg
from ..report.data import attached_data_of, attached_json, read_attached_data, stamp
from .equalization import Comparison
from .status import MISSING, QUARANTINED, Status
from .store import ACCEPTED, ReceivedSigner

FORMAT = "haiyan-desktop/county-summary"
FORMAT_VERSION = 1
KIND = "county-summary"
COUNTY_CODE = "county"  # the unit a summary names: the county itself
VERIFIED_AT_IMPORT = "verified_at_import"  # how an accepted report was verified


# --- the register ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReceivedEntry:
    """A report the county accepted (and still holds, or a newer one superseded)."""

    unit_code: str
    unit_name: Bilingual
    kind: str
    sha256: str
    file_name: str
    state: str  # accepted | superseded
    superseded_by: str | None
    superseded_at: datetime | None
    signers: tuple[ReceivedSigner, ...]
    generated_at: datetime | None
    imported_at: datetime | None  # when it was verified and accepted

    def to_json(self) -> dict[str, Any]:
        return {"unit": self.unit_code, "name": self.unit_name.zh,
                "name_en": self.unit_name.en, "kind": self.kind, "sha256": self.sha256,
                "file": self.file_name, "state": self.state,
                "superseded_by": self.superseded_by,
                "superseded_at": _iso(self.superseded_at),
                "signers": [{"role": s.role, "name": s.name, "signed_at": _iso(s.signed_at)}
                            for s in self.signers],
                "generated_at": _iso(self.generated_at), "imported_at": _iso(self.imported_at),
                "verification": VERIFIED_AT_IMPORT}


@dataclass(frozen=True)
class RefusedEntry:
    """A file the county quarantined, with its one reason (the codes of ``verify --json``)."""

    file_name: str
    sha256: str | None
    unit_code: str | None
    unit_name: Bilingual | None
    reason: str
    message: Bilingual
    at: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file_name, "sha256": self.sha256, "unit": self.unit_code,
                "reason": self.reason, "message": self.message.zh,
                "message_en": self.message.en, "at": _iso(self.at)}


@dataclass(frozen=True)
class MissingEntry:
    """A unit of the year's catalogue of which no report was accepted."""

    unit_code: str
    unit_name: Bilingual
    kind: str
    refused: int  # files naming it that were quarantined

    def to_json(self) -> dict[str, Any]:
        return {"unit": self.unit_code, "name": self.unit_name.zh,
                "name_en": self.unit_name.en, "kind": self.kind, "refused": self.refused}


@dataclass(frozen=True)
class Register:
    """What arrived for the year: received, refused, missing; and the counts of the cover."""

    units: int
    accepted: int
    quarantined: int  # units with refused files only
    missing: int  # units with nothing at all
    received: tuple[ReceivedEntry, ...]
    refused: tuple[RefusedEntry, ...]
    not_received: tuple[MissingEntry, ...]  # the units missing or quarantined

    def to_json(self) -> dict[str, Any]:
        return {"counts": {"units": self.units, "accepted": self.accepted,
                           "quarantined": self.quarantined, "missing": self.missing},
                "received": [r.to_json() for r in self.received],
                "refused": [r.to_json() for r in self.refused],
                "missing": [m.to_json() for m in self.not_received]}


def register_of(status: Status) -> Register:
    """The register of a year from its :class:`Status` (units in the catalogue's order)."""
    names = {u.code: u.name for u in status.units}
    received: list[ReceivedEntry] = []
    refused: list[RefusedEntry] = []
    missing: list[MissingEntry] = []
    for unit in status.units:
        reports = [*unit.superseded, *([unit.report] if unit.report is not None else [])]
        for report in reports:  # the superseded ones first: oldest to newest
            received.append(ReceivedEntry(
                unit.code, unit.name, unit.kind, report.sha256, report.file_name,
                report.state, report.superseded_by, report.superseded_at, report.signers,
                report.generated_at, report.imported_at))
        for entry in sorted(unit.quarantined, key=lambda q: (_iso(q.at) or "", q.file_name)):
            refused.append(RefusedEntry(entry.file_name, entry.sha256, entry.unit_code,
                                        names.get(entry.unit_code or ""), entry.reason,
                                        entry.message, entry.at))
        if unit.state in (MISSING, QUARANTINED):
            missing.append(MissingEntry(unit.code, unit.name, unit.kind,
                                        len(unit.quarantined)))
    for entry in sorted(status.unassigned, key=lambda q: (_iso(q.at) or "", q.file_name)):
        refused.append(RefusedEntry(entry.file_name, entry.sha256, entry.unit_code,
                                    names.get(entry.unit_code or ""), entry.reason,
                                    entry.message, entry.at))
    return Register(len(status.units), status.count(ACCEPTED), status.count(QUARANTINED),
                    status.count(MISSING), tuple(received), tuple(refused), tuple(missing))


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


# --- the data of one summary -------------------------------------------------------------------
@dataclass
class SummaryData:
    """Everything the summary shows, gathered once."""

    comparison: Comparison
    register: Register
    catalogue: Catalogue | None  # the compared reports' catalogue (names, targets, decimals)
    generated_at: datetime
    payload: dict[str, Any]

    @property
    def fingerprint(self) -> str:
        return self.payload["fingerprint"]

    @property
    def year(self) -> int:
        return self.payload["year"]


def collect_summary(comparison: Comparison, status: Status, catalogue: Catalogue | None = None,
                    generated_at: datetime | None = None) -> SummaryData:
    """The summary's data and its fingerprinted payload (``generated_at`` default: now)."""
    register = register_of(status)
    county = msg("report.county")
    payload: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": KIND,
        "county": {"code": COUNTY_CODE, "name": county.zh, "name_en": county.en},
        "year": comparison.year if comparison.year is not None else status.year,
        "catalogue": dict(comparison.catalogue),
        "counts": register.to_json()["counts"],
        "comparison": comparison.to_json(),
        "register": register.to_json(),
    }
    when = stamp(payload, generated_at)
    return SummaryData(comparison, register, catalogue, when, payload)


# --- reading the data back ---------------------------------------------------------------------
def summary_data_of(content: bytes, shown: str) -> dict[str, Any]:
    """The summary data attached to ``content``, checked against its fingerprint; raises
    :class:`ReportError` with the unit report's sentences (and so its reason codes): not a
    PDF, no data, damaged data, data altered."""
    return attached_data_of(content, shown, FORMAT)


def read_summary_data(path: str | Path) -> dict[str, Any]:
    """:func:`summary_data_of` for a file."""
    return read_attached_data(path, FORMAT)


def carries_summary(content: bytes) -> bool:
    """Whether ``content`` is a PDF carrying county summary data (checked or not)."""
    return (content[:1024].lstrip().startswith(b"%PDF-")
            and attached_json(content, FORMAT)[0] is not None)


__all__ = ["COUNTY_CODE", "FORMAT", "KIND", "MissingEntry", "ReceivedEntry", "RefusedEntry",
           "Register", "SummaryData", "carries_summary", "collect_summary",
           "read_summary_data", "register_of", "summary_data_of"]
