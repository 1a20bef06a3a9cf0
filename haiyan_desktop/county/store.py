"""The county's own database, ``<data folder>/county.db``: the reports it received, the files
it quarantined, and the supersessions it recorded (sqlite-utils).

- ``reports``: one row per received file (its sha256 is the key): unit, year, catalogue, the
  attached data as JSON, its fingerprint and generation time, the last signing time, the
  original file name and path, the import time, and its state: ``accepted`` (the report of its
  unit and year) or ``superseded`` (a newer one took its place: ``superseded_by``). A unit and
  year has at most one accepted report (a unique partial index says so).
- ``signatures``: the signatures of each received report (field, role, person, unit, time).
- ``quarantine``: the files refused, one row per file (by sha256; by path for a file refused
  unread, too large say): the one reason (a stable code, the reason codes of ``verify --json``
  and the county's own), its sentence in both languages, the unit and year when the data
  could be read, the file's name and path, the time.
- ``events``: what changed besides an import: each supersession (old and new sha256).

Beside each report's full data (``payload_json``), ``comparison_data`` holds what ``county
compare`` reads of it (:func:`haiyan_desktop.county.equalization.comparison_data`: a
fifth of the size, in columns), so a province's comparison does not parse every report
whole. It is kept as a pickle of plain values (dicts, lists, strings, numbers), which reads
in half the time JSON takes (the figures are stored as binary doubles, not as text to
parse); it is read with every class and function refused (:func:`_unpickled`), so a
changed database can make a comparison fail but not run code. It is made when the report
is stored, and by a migration for the reports of an older database (``m002`` kept it as
JSON in ``comparison_json``; ``m003`` made it again as a pickle and emptied that column);
when ``compare`` comes to need more of a report, a new migration makes it again from
``payload_json``, which stays the record.

Every write is one transaction (``db.atomic()``): a file is stored whole or not at all.
Migrations are named and ordered (sqlite-utils' ``Migrations``); ``PRAGMA user_version`` holds
their number, so a database of a newer program is refused, never changed. Opening needs only
the standard ``sqlite3`` module: sqlite-utils (a tenth of a second to import, more to find
its plugins) is loaded when a migration must run or when :attr:`CountyStore.db` is first used.
"""

from __future__ import annotations

import io
import json
import pickle
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..messages import Bilingual, Message, msg
from ..store.migrations import MigrationSteps
from . import CountyError

if TYPE_CHECKING:
    from sqlite_utils import Database

DATABASE_NAME = "county.db"
MIGRATION_SET = "haiyan-county"
ACCEPTED, SUPERSEDED = "accepted", "superseded"
_migration = MigrationSteps(MIGRATION_SET)
NAMES = _migration.names


@_migration
def m001_initial(db: Database) -> None:
    db["reports"].create(
        {"sha256": str, "unit_code": str, "unit_name": str, "unit_name_en": str,
         "unit_kind": str, "year": int, "catalogue_id": str, "catalogue_version": str,
         "catalogue_sha256": str, "fingerprint": str, "generated_at": str, "signed_at": str,
         "payload_json": str, "file_name": str, "file_path": str, "file_size": int,
         "imported_at": str, "state": str, "superseded_by": str, "superseded_at": str},
        pk="sha256",
        not_null={"unit_code", "year", "catalogue_sha256", "fingerprint", "payload_json",
                  "imported_at", "state"})
    db["reports"].create_index(["unit_code", "year"])
    db["reports"].create_index(["year", "state"])
    db.execute("CREATE UNIQUE INDEX one_accepted_report ON reports (unit_code, year) "
               "WHERE state = 'accepted'")
    db["signatures"].create(
        {"report_sha256": str, "seq": int, "field": str, "role": str, "name": str,
         "unit_code": str, "unit_name": str, "signed_at": str},
        pk=("report_sha256", "seq"), foreign_keys=[("report_sha256", "reports", "sha256")])
    db["quarantine"].create(
        {"id": int, "sha256": str, "file_name": str, "file_path": str, "file_size": int,
         "unit_code": str, "year": int, "reason": str, "message": str, "message_en": str,
         "at": str},
        pk="id", not_null={"file_path", "reason", "message", "message_en", "at"})
    db["quarantine"].create_index(["sha256"])
    db["quarantine"].create_index(["year", "unit_code"])
    db["events"].create(
        {"id": int, "at": str, "kind": str, "unit_code": str, "year": int,
         "old_sha256": str, "new_sha256": str},
        pk="id", not_null={"at", "kind"})


@_migration
def m002_comparison_data(db: Database) -> None:
    """Each report's comparison data beside its full data, made for the reports already
    stored (a report whose data cannot be read so keeps none: compare reads its full data
    and says what is wrong with it)."""
    db["reports"].add_column("comparison_json", str)
    for found in _stored_payloads(db):
        db.conn.executemany("UPDATE reports SET comparison_json = ? WHERE sha256 = ?",
                            [(comparison_json(_loads(text)), sha) for sha, text in found])


@_migration
def m003_comparison_data_pickled(db: Database) -> None:
    """The comparison data as a pickle (``comparison_data``, see :func:`comparison_pickle`)
    in place of JSON, made again from each report's full data; ``comparison_json`` is
    emptied (a column SQLite cannot drop in place without copying the table)."""
    db["reports"].add_column("comparison_data", bytes)
    for found in _stored_payloads(db):
        db.conn.executemany(
            "UPDATE reports SET comparison_data = ?, comparison_json = NULL WHERE sha256 = ?",
            [(comparison_pickle(_loads(text)), sha) for sha, text in found])


def _stored_payloads(db: Database, size: int = 200):
    """Every stored report's (sha256, payload JSON), ``size`` at a time: a migration that
    remakes something from the payloads holds a few hundred in memory at once."""
    hashes = [row[0] for row in db.execute("SELECT sha256 FROM reports ORDER BY sha256")]
    for start in range(0, len(hashes), size):
        chunk = hashes[start:start + size]
        yield db.execute(f"SELECT sha256, payload_json FROM reports WHERE sha256 IN "
                         f"({', '.join('?' for _ in chunk)})", chunk).fetchall()


SCHEMA_VERSION = len(NAMES)
_REPORT_COLUMNS = ("sha256", "unit_code", "unit_name", "unit_name_en", "unit_kind", "year",
                   "catalogue_id", "catalogue_version", "catalogue_sha256", "fingerprint",
                   "generated_at", "signed_at", "payload_json", "file_name", "file_path",
                   "file_size", "imported_at", "state", "superseded_by", "superseded_at")
# (``comparison_data`` is read by CountyStore.comparison_data only)


def comparison_json(payload: Any) -> str | None:
    """The comparison data of a report's data as stored (compact JSON); None when the data
    is not a report's (see :func:`haiyan_desktop.county.equalization.comparison_data`)."""
    from .equalization import comparison_data

    try:
        data = comparison_data(payload)
    except ValueError:
        return None
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def comparison_pickle(payload: Any) -> bytes | None:
    """The comparison data of a report's data as stored (a pickle of plain values); None
    when the data is not a report's."""
    from .equalization import comparison_data

    try:
        data = comparison_data(payload)
    except ValueError:
        return None
    return pickle.dumps(data, protocol=5)


class _PlainUnpickler(pickle.Unpickler):
    """Reads plain values only: a pickle that names any class or function is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is no plain value")


def _unpickled(blob: bytes | None) -> Any:
    """The plain values pickled in ``blob``; None when there is none or it cannot be read
    (then compare reads the report's full data)."""
    if blob is None:
        return None
    try:
        return _PlainUnpickler(io.BytesIO(blob)).load()
    except Exception:  # a damaged pickle fails in many ways (EOFError, ValueError, ...)
        return None


def _loads(text: str | None) -> Any:
    try:
        return json.loads(text) if text is not None else None
    except ValueError:
        return None


def now_iso() -> str:
    return datetime.now().astimezone().replace(microsecond=0).isoformat()


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


# --- records -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReceivedSigner:
    """One signature of a received report."""

    field: str
    role: str | None
    name: str
    unit_code: str | None
    unit_name: str | None
    signed_at: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "role": self.role, "name": self.name,
                "unit": self.unit_code, "unit_name": self.unit_name,
                "signed_at": self.signed_at.isoformat() if self.signed_at else None}


@dataclass
class ReceivedReport:
    """A report the county received: its file, signatures and the data attached to it.

    ``payload`` is the attached data as :func:`haiyan_desktop.report.data.build_payload` makes
    it (with ``generated_at`` and ``fingerprint``); read from the database on first use.
    """

    sha256: str
    unit_code: str
    unit_name: Bilingual
    unit_kind: str
    year: int
    catalogue_id: str
    catalogue_version: str
    catalogue_sha256: str
    fingerprint: str
    generated_at: datetime | None
    signed_at: datetime | None
    signers: tuple[ReceivedSigner, ...]
    file_name: str
    file_path: str
    file_size: int
    imported_at: datetime | None
    state: str
    superseded_by: str | None
    superseded_at: datetime | None
    _payload_json: str | None = field(default=None, repr=False)
    _payload: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def payload(self) -> dict[str, Any]:
        if self._payload is None:
            if self._payload_json is None:
                raise LookupError("read with payload=False: the attached data was not read")
            self._payload = json.loads(self._payload_json)
        return self._payload

    def to_json(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "unit": self.unit_code, "unit_name": self.unit_name.zh,
                "unit_name_en": self.unit_name.en, "kind": self.unit_kind, "year": self.year,
                "catalogue": {"id": self.catalogue_id, "version": self.catalogue_version,
                              "sha256": self.catalogue_sha256},
                "fingerprint": self.fingerprint,
                "generated_at": _iso(self.generated_at), "signed_at": _iso(self.signed_at),
                "signers": [s.to_json() for s in self.signers], "file": self.file_name,
                "path": self.file_path, "size": self.file_size,
                "imported_at": _iso(self.imported_at), "state": self.state,
                "superseded_by": self.superseded_by,
                "superseded_at": _iso(self.superseded_at)}


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


@dataclass(frozen=True)
class Quarantined:
    """A file the county refused, with its one reason."""

    sha256: str | None
    file_name: str
    file_path: str
    unit_code: str | None
    year: int | None
    reason: str
    message: Bilingual
    at: datetime | None

    def to_json(self, lang: str) -> dict[str, Any]:
        return {"sha256": self.sha256, "file": self.file_name, "path": self.file_path,
                "unit": self.unit_code, "year": self.year, "reason": self.reason,
                "message": self.message.get(lang), "at": _iso(self.at)}


class ComparisonRow(NamedTuple):
    """An accepted report as ``county compare`` reads it: which catalogue it follows, and
    its comparison data (or, for a report without any, its full data)."""

    sha256: str
    unit_code: str
    catalogue_id: str | None
    catalogue_version: str | None
    catalogue_sha256: str
    data: Any


@dataclass(frozen=True)
class NewReport:
    """What the import stores for an accepted file (see :meth:`CountyStore.accept`)."""

    sha256: str
    payload: dict[str, Any]
    payload_json: str
    signers: tuple[ReceivedSigner, ...]
    file_name: str
    file_path: str
    file_size: int

    @property
    def unit_code(self) -> str:
        return self.payload["unit"]["code"]

    @property
    def year(self) -> int:
        return int(self.payload["year"])

    @property
    def generated_at(self) -> datetime | None:
        return _time(self.payload.get("generated_at"))

    @property
    def signed_at(self) -> datetime | None:
        times = [s.signed_at for s in self.signers if s.signed_at is not None]
        return max(times) if times else None


def newer_than(new_generated: datetime | None, new_signed: datetime | None,
               old: ReceivedReport) -> bool:
    """Whether a report made at ``new_generated`` and signed at ``new_signed`` is newer than
    ``old``: made later, or made at the same time and signed later."""
    floor = datetime.min.replace(tzinfo=datetime.now().astimezone().tzinfo)
    mine = (new_generated or floor, new_signed or floor)
    theirs = (old.generated_at or floor, old.signed_at or floor)
    return mine > theirs


# --- the database --------------------------------------------------------------------------------
class CountyStore:
    """The county database, open for reading and writing (one thread: a connection of
    sqlite3 belongs to the thread that opened it)."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    @cached_property
    def db(self) -> Database:
        """The same connection as a sqlite-utils ``Database`` (imported on first use)."""
        from sqlite_utils import Database

        return Database(self.conn)

    @classmethod
    def open(cls, path: str | Path) -> CountyStore:
        """Open ``path`` (created when missing), bringing its schema up to date; a database
        of a newer program is refused with :class:`CountyError`."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(path, isolation_level=None)
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("PRAGMA synchronous = NORMAL")  # WAL: a commit survives a crash
            con.execute("PRAGMA foreign_keys = ON")
            con.execute("PRAGMA recursive_triggers = ON")  # as a sqlite-utils Database sets it
            version = con.execute("PRAGMA user_version").fetchone()[0]
        except (OSError, sqlite3.Error) as exc:
            raise CountyError(msg("county.db_failed", path=str(path),
                                  detail=_reason(exc))) from exc
        if version > SCHEMA_VERSION:
            con.close()
            raise CountyError(msg("county.db_newer", path=str(path), version=version,
                                  supported=SCHEMA_VERSION))
        try:
            if version < SCHEMA_VERSION:
                from sqlite_utils import Database

                db = Database(con)
                registry = _migration.registry()
                applied = {m.name for m in registry.applied(db)}
                if applied - set(NAMES):
                    raise CountyError(msg("county.db_newer", path=str(path), version=version,
                                          supported=SCHEMA_VERSION))
                registry.apply(db)
                con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            con.close()
            raise CountyError(msg("county.db_failed", path=str(path),
                                  detail=_reason(exc))) from exc
        except CountyError:
            con.close()
            raise
        return cls(con, path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> CountyStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading --------------------------------------------------------------------------
    def _query(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def years(self) -> list[int]:
        """Every year of which a report was received (accepted or superseded)."""
        return [r["year"] for r in self._query(
            "SELECT DISTINCT year FROM reports ORDER BY year")]

    def accepted(self, year: int) -> list[ReceivedReport]:
        """The accepted report of each unit of ``year``, by unit code."""
        return self.reports(year=year, states=(ACCEPTED,))

    def reports(self, *, year: int | None = None, unit_code: str | None = None,
                states: tuple[str, ...] = (ACCEPTED, SUPERSEDED), payload: bool = True
                ) -> list[ReceivedReport]:
        """Received reports (accepted and superseded by default), by unit, then oldest
        first; ``payload=False`` leaves the attached data unread (for lists and registers:
        ``payload`` then raises LookupError)."""
        where, params = [f"state IN ({', '.join('?' for _ in states)})"], list(states)
        if year is not None:
            where.append("year = ?")
            params.append(year)
        if unit_code is not None:
            where.append("unit_code = ?")
            params.append(unit_code)
        columns = "*" if payload else ", ".join(
            [c for c in _REPORT_COLUMNS if c != "payload_json"] + ["NULL AS payload_json"])
        found = self._query(f"SELECT {columns} FROM reports WHERE {' AND '.join(where)} "
                            "ORDER BY unit_code, year, generated_at, signed_at", params)
        signers = self._signers([r["sha256"] for r in found])
        return [self._report(r, signers.get(r["sha256"], ())) for r in found]

    def comparison_data(self, year: int) -> list[ComparisonRow]:
        """The accepted reports of ``year`` (in the order of :meth:`accepted`) as ``county
        compare`` reads them: each one's comparison data, made again from its full data
        where the stored one is missing or of another version (its full data as it is
        when that is not a report's: the comparison then says what is wrong with it)."""
        from .equalization import comparison_data, is_comparison_data

        out = []
        for row in self.conn.execute(
                "SELECT sha256, unit_code, catalogue_id, catalogue_version, catalogue_sha256, "
                "comparison_data FROM reports WHERE year = ? AND state = ? "
                "ORDER BY unit_code, year, generated_at, signed_at", [year, ACCEPTED]):
            data = _unpickled(row[5])
            if not is_comparison_data(data):
                payload = json.loads(self.conn.execute(
                    "SELECT payload_json FROM reports WHERE sha256 = ?", [row[0]]
                ).fetchone()[0])
                try:
                    data = comparison_data(payload)
                except ValueError:
                    data = payload
            out.append(ComparisonRow(row[0], row[1], row[2], row[3], row[4], data))
        return out

    def received(self, sha256: str) -> ReceivedReport | None:
        """The received report of this file, or None."""
        found = self._query("SELECT * FROM reports WHERE sha256 = ?", [sha256])
        if not found:
            return None
        return self._report(found[0], self._signers([sha256]).get(sha256, ()))

    def accepted_for(self, unit_code: str, year: int) -> ReceivedReport | None:
        found = self.reports(year=year, unit_code=unit_code, states=(ACCEPTED,))
        return found[0] if found else None

    def received_hashes(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT sha256 FROM reports")}

    def quarantined(self, year: int | None = None) -> list[Quarantined]:
        """The quarantined files (of ``year``: those whose data named it), latest first."""
        where, params = ("WHERE year = ?", [year]) if year is not None else ("", [])
        return [Quarantined(r["sha256"], r["file_name"], r["file_path"], r["unit_code"],
                            r["year"], r["reason"], Bilingual(r["message"], r["message_en"]),
                            _time(r["at"]))
                for r in self._query(f"SELECT * FROM quarantine {where} "
                                     "ORDER BY at DESC, id DESC", params)]

    def events(self) -> list[dict[str, Any]]:
        return self._query("SELECT * FROM events ORDER BY id")

    def counts(self) -> dict[str, int]:
        """Rows per table and reports per state (for checks that nothing else changed)."""
        out = {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
               for t in ("reports", "signatures", "quarantine", "events")}
        for state in (ACCEPTED, SUPERSEDED):
            out[state] = self.conn.execute(
                "SELECT count(*) FROM reports WHERE state = ?", [state]).fetchone()[0]
        return out

    def integrity(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    def _signers(self, hashes: list[str]) -> dict[str, tuple[ReceivedSigner, ...]]:
        out: dict[str, list[ReceivedSigner]] = {}
        for start in range(0, len(hashes), 500):
            chunk = hashes[start:start + 500]
            for r in self._query(
                    f"SELECT * FROM signatures WHERE report_sha256 IN "
                    f"({', '.join('?' for _ in chunk)}) ORDER BY report_sha256, seq", chunk):
                out.setdefault(r["report_sha256"], []).append(ReceivedSigner(
                    r["field"], r["role"], r["name"], r["unit_code"], r["unit_name"],
                    _time(r["signed_at"])))
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def _report(r: dict[str, Any], signers: tuple[ReceivedSigner, ...]) -> ReceivedReport:
        return ReceivedReport(
            sha256=r["sha256"], unit_code=r["unit_code"],
            unit_name=Bilingual(r["unit_name"] or r["unit_code"],
                                r["unit_name_en"] or r["unit_name"] or r["unit_code"]),
            unit_kind=r["unit_kind"] or "", year=r["year"], catalogue_id=r["catalogue_id"],
            catalogue_version=r["catalogue_version"], catalogue_sha256=r["catalogue_sha256"],
            fingerprint=r["fingerprint"], generated_at=_time(r["generated_at"]),
            signed_at=_time(r["signed_at"]), signers=signers, file_name=r["file_name"] or "",
            file_path=r["file_path"] or "", file_size=r["file_size"] or 0,
            imported_at=_time(r["imported_at"]), state=r["state"],
            superseded_by=r["superseded_by"], superseded_at=_time(r["superseded_at"]),
            _payload_json=r["payload_json"])

    # --- writing --------------------------------------------------------------------------
    def accept(self, new: NewReport, supersedes: ReceivedReport | None = None) -> None:
        """Store ``new`` as the accepted report of its unit and year; the report it
        ``supersedes`` (the one accepted until now) becomes superseded, and the change is
        recorded. One transaction; a quarantine entry of the same file is dropped."""
        payload, at = new.payload, now_iso()
        unit = payload["unit"]
        catalogue = payload["catalogue"]
        with self.db.atomic():
            if supersedes is not None:
                self.db.execute(
                    "UPDATE reports SET state = ?, superseded_by = ?, superseded_at = ? "
                    "WHERE sha256 = ? AND state = ?",
                    [SUPERSEDED, new.sha256, at, supersedes.sha256, ACCEPTED])
                self.db["events"].insert({
                    "at": at, "kind": "superseded", "unit_code": unit["code"],
                    "year": new.year, "old_sha256": supersedes.sha256,
                    "new_sha256": new.sha256})
            self.db["reports"].insert({
                "sha256": new.sha256, "unit_code": unit["code"], "unit_name": unit.get("name"),
                "unit_name_en": unit.get("name_en"), "unit_kind": unit.get("kind"),
                "year": new.year, "catalogue_id": catalogue.get("id"),
                "catalogue_version": catalogue.get("version"),
                "catalogue_sha256": catalogue["sha256"], "fingerprint": payload["fingerprint"],
                "generated_at": payload.get("generated_at"), "signed_at": _iso(new.signed_at),
                "payload_json": new.payload_json,
                "comparison_data": comparison_pickle(new.payload), "file_name": new.file_name,
                "file_path": new.file_path, "file_size": new.file_size, "imported_at": at,
                "state": ACCEPTED, "superseded_by": None, "superseded_at": None})
            self.db["signatures"].insert_all(
                [{"report_sha256": new.sha256, "seq": n, **{
                    k: v for k, v in s.to_json().items() if k not in ("unit", "signed_at")},
                  "unit_code": s.unit_code, "signed_at": _iso(s.signed_at)}
                 for n, s in enumerate(new.signers, start=1)])
            self.db.execute("DELETE FROM quarantine WHERE sha256 = ?", [new.sha256])

    def quarantine(self, sha256: str | None, file_name: str, file_path: str, file_size: int,
                   reason: str, message: Message, unit_code: str | None = None,
                   year: int | None = None) -> None:
        """Record a refused file (the latest verdict replaces an earlier one of the same
        file: same sha256, or for a file refused unread the same path). Nothing else
        changes."""
        with self.db.atomic():
            if sha256 is not None:
                self.db.execute("DELETE FROM quarantine WHERE sha256 = ?", [sha256])
            else:
                self.db.execute("DELETE FROM quarantine WHERE sha256 IS NULL AND "
                                "file_path = ?", [file_path])
            self.db["quarantine"].insert({
                "sha256": sha256, "file_name": file_name, "file_path": file_path,
                "file_size": file_size, "unit_code": unit_code, "year": year,
                "reason": reason, "message": message.zh, "message_en": message.en,
                "at": now_iso()})


def _reason(exc: BaseException) -> Bilingual:
    from ..messages import os_reason

    if isinstance(exc, OSError):
        return os_reason(exc)
    text = str(exc) or type(exc).__name__
    return Bilingual(text, text)


__all__ = ["ACCEPTED", "DATABASE_NAME", "SCHEMA_VERSION", "SUPERSEDED", "ComparisonRow",
           "CountyStore", "NewReport", "Quarantined", "ReceivedReport", "ReceivedSigner",
           "comparison_json", "comparison_pickle", "newer_than"]
