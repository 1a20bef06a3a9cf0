"""What has arrived for a year: every unit of the year's catalogue with its report's state.

The units are the townships (towns and subdistricts) of the catalogues the county issued and
installed for the year (the newest version first); a unit of which a report arrived although
no such catalogue lists it is shown too, marked as not expected. Each unit is ``accepted``
(its report is in), ``quarantined`` (only refused files named it: their reasons are listed) or
``missing``; the earlier reports an accepted one superseded are listed with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..messages import Bilingual, msg
from . import CountyError
from .store import ACCEPTED, SUPERSEDED, CountyStore, Quarantined, ReceivedReport

MISSING, QUARANTINED = "missing", "quarantined"
STATES = (ACCEPTED, QUARANTINED, MISSING)


@dataclass(frozen=True)
class UnitStatus:
    code: str
    name: Bilingual
    kind: str
    state: str  # accepted | quarantined | missing
    report: ReceivedReport | None  # the accepted one (its payload is not read)
    superseded: tuple[ReceivedReport, ...]
    quarantined: tuple[Quarantined, ...]
    expected: bool = True  # a unit of the year's catalogue

    def to_json(self, lang: str) -> dict[str, Any]:
        report = self.report
        return {"unit": self.code, "name": self.name.zh, "name_en": self.name.en,
                "kind": self.kind, "state": self.state, "expected": self.expected,
                "report": None if report is None else {
                    "sha256": report.sha256, "file": report.file_name,
                    "signed_at": report.signed_at.isoformat() if report.signed_at else None,
                    "generated_at": (report.generated_at.isoformat()
                                     if report.generated_at else None),
                    "imported_at": (report.imported_at.isoformat()
                                    if report.imported_at else None),
                    "signers": [s.to_json() for s in report.signers],
                    "fingerprint": report.fingerprint},
                "superseded": [{"sha256": r.sha256, "file": r.file_name,
                                "superseded_by": r.superseded_by,
                                "superseded_at": (r.superseded_at.isoformat()
                                                  if r.superseded_at else None)}
                               for r in self.superseded],
                "quarantined": [q.to_json(lang) for q in self.quarantined]}


@dataclass(frozen=True)
class Status:
    year: int
    catalogue: dict[str, str]  # id, version, sha256 of the newest issued catalogue
    units: list[UnitStatus]
    # files refused before they named a unit of the year: this year's naming no unit, and
    # every file whose year could not be read (it may be this year's), latest first
    unassigned: tuple[Quarantined, ...] = ()

    def count(self, state: str) -> int:
        return sum(1 for u in self.units if u.state == state)

    def to_json(self, lang: str) -> dict[str, Any]:
        return {"year": self.year, "catalogue": self.catalogue,
                "units": [u.to_json(lang) for u in self.units],
                "unassigned": [q.to_json(lang) for q in self.unassigned],
                "summary": {"units": len(self.units),
                            **{state: self.count(state) for state in STATES}}}


def year_status(store: CountyStore, data_dir: str | Path, year: int) -> Status:
    """Every unit of ``year``'s issued catalogues with its report's state."""
    from ..catalogue import installed_catalogues, is_builtin

    covering = [c for _record, c in installed_catalogues(data_dir)
                if year in c.years and not is_builtin(c)]
    if not covering:
        years = sorted({y for _r, c in installed_catalogues(data_dir) if not is_builtin(c)
                        for y in c.years})
        raise CountyError(msg("county.no_catalogue_for_year", year=year,
                              years=", ".join(str(y) for y in years) or "—"))
    units: dict[str, tuple[Bilingual, str, bool]] = {}
    for catalogue in covering:  # newest first: its names win
        for unit in catalogue.units:
            if unit.is_township:
                units.setdefault(unit.code, (unit.name, unit.kind, True))
    reports: dict[str, list[ReceivedReport]] = {}
    for report in store.reports(year=year, states=(ACCEPTED, SUPERSEDED), payload=False):
        reports.setdefault(report.unit_code, []).append(report)
        units.setdefault(report.unit_code, (report.unit_name, report.unit_kind, False))
    refused: dict[str, list[Quarantined]] = {}
    unassigned: list[Quarantined] = []
    for entry in store.quarantined():
        if entry.year == year and entry.unit_code:
            refused.setdefault(entry.unit_code, []).append(entry)
            units.setdefault(entry.unit_code,
                             (Bilingual(entry.unit_code, entry.unit_code), "", False))
        elif entry.year == year or entry.year is None:
            unassigned.append(entry)
    out = []
    for code, (name, kind, expected) in units.items():
        received = reports.get(code, [])
        accepted = next((r for r in received if r.state == ACCEPTED), None)
        quarantined = tuple(refused.get(code, ()))
        state = ACCEPTED if accepted else QUARANTINED if quarantined else MISSING
        out.append(UnitStatus(code, name, kind, state, accepted,
                              tuple(r for r in received if r.state == SUPERSEDED),
                              quarantined, expected))
    newest = covering[0]
    return Status(year, {"id": newest.id, "version": newest.version, "sha256": newest.sha256},
                  out, tuple(unassigned))


__all__ = ["MISSING", "QUARANTINED", "STATES", "Status", "UnitStatus", "year_status"]
