"""The store: submissions, their values and audit trail, their workflow state.

Every accepted edit is one committed transaction with its audit row; nothing waits for a Save.
A signed submission is refused any change here, not only in the window. Values are validated
with the same core functions the window uses while typing. Reads and writes use the standard
``sqlite3`` connection; ``Store.db`` wraps it in a sqlite-utils ``Database`` on first use.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..assessment import Assessment, assess
from ..catalogue import Catalogue, cached_catalogue
from ..catalogue.model import Unit
from ..messages import Bilingual, msg
from ..scoring import ScoreReport
from ..validation import Entry, check_field, check_submission
from ..validation.problems import Problem
from . import audit, backup
from .database import (  # (the names are imported from here too)
    DATABASE_NAME,
    DEMO_DATABASE_NAME,
    NeedsWriter,
    open_database,
    rows,
    transaction,
)
from .errors import (
    BadTransition,
    NotReady,
    StoreError,
    SubmissionLocked,
    UnknownSubmission,
    ValueRejected,
)
from .faults import guarded, translated
from .lock import WriteLock
from .workflow import ACTION_LABELS, EDITABLE, LABELS, next_state

if TYPE_CHECKING:
    from sqlite_utils import Database



def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_actor() -> str:
    import getpass  # (only when an edit is first recorded: not part of opening the window)

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name on this system
        return "unknown"


class Submission(NamedTuple):
    id: int
    unit: Unit
    year: int
    catalogue_sha256: str
    state: str


class StoredValue(NamedTuple):
    code: str
    raw: str | None
    value: Any
    na: bool
    comment: str
    actor: str
    updated_at: str

    def entry(self) -> Entry:
        return Entry(self.raw, self.comment or "", self.na)


class Status(NamedTuple):
    submission: Submission
    filled: int
    total: int
    errors: int  # errors other than missing required values (see score.missing)
    open_warnings: int
    warnings: int
    score: ScoreReport
    demo: bool


@dataclass
class ImportOutcome:
    """What an import (or a batch of edits) did, value by value."""

    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: dict[str, list[Problem]] = field(default_factory=dict)


class Store:
    """One database file in a data folder; ``write=True`` holds its single-writer lock."""

    def __init__(self, data_dir: str | Path, *, demo: bool = False, write: bool = True,
                 actor: str | None = None, clock: Callable[[], str] = _now):
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / (DEMO_DATABASE_NAME if demo else DATABASE_NAME)
        self._actor = actor or None
        self.clock = clock
        self.write = write
        self._lock = WriteLock(self.path)
        self._db: Database | None = None
        self._catalogues: dict[str, Catalogue] = {}
        self.demo = demo
        with translated(self.path):  # a full disk, a read-only folder...: a StorageFault
            self.data_dir.mkdir(parents=True, exist_ok=True)
            if write:
                self._lock.acquire()
            try:
                try:
                    self.con = open_database(self.path, write=write)
                except NeedsWriter:  # a reader on a new or older file: create/migrate it
                    self._lock.acquire()  # locked
                    open_database(self.path, write=True, daily_backup=False).close()
                    self._lock.release()
                    self.con = open_database(self.path, write=False)
                if write and demo and self._meta("kind") != "demo":  # no write when marked
                    self._set_meta("kind", "demo")
            except BaseException:
                if hasattr(self, "con"):
                    self.con.close()
                self._lock.release()
                raise

    @property
    def actor(self) -> str:
        """Who the audit trail names: the clerk given, else the login name (looked up when
        first needed)."""
        if self._actor is None:
            self._actor = default_actor()
        return self._actor

    @actor.setter
    def actor(self, name: str | None) -> None:
        self._actor = name or None

    @property
    def db(self) -> Database:
        """The same connection as a sqlite-utils ``Database`` (imported on first use)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.con)
        return self._db

    @guarded
    def recreate(self) -> None:
        """Start this database afresh, keeping the lock (the demo data is rebuilt so)."""
        self.con.close()
        for path in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            path.unlink(missing_ok=True)
        self.con, self._db = open_database(self.path, write=True), None
        self._catalogues.clear()
        if self.demo:
            self._set_meta("kind", "demo")

    # --- lifetime ---------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()
        self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    @guarded
    def is_demo(self) -> bool:
        return self._meta("kind") == "demo"

    def _meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        with transaction(self.con):
            _upsert(self.con, "meta", {"key": key, "value": value}, ("key",))

    # --- catalogues and units -----------------------------------------------------------------
    @guarded
    def register_catalogue(self, catalogue: Catalogue) -> str:
        """Keep a frozen copy of the catalogue and its units; returns its sha256."""
        if catalogue.sha256 in self._catalogues:  # already stored by this store
            return catalogue.sha256
        source = Path(catalogue.path).read_text(encoding="utf-8-sig")
        with transaction(self.con):
            _insert(self.con, "catalogues", {
                "sha256": catalogue.sha256, "id": catalogue.id, "version": catalogue.version,
                "source": source, "stored_at": self.clock()}, ignore=True)
            for unit in catalogue.units:
                _upsert(self.con, "units", {"code": unit.code, "name": unit.name.zh,
                                            "name_en": unit.name.en, "kind": unit.kind},
                        ("code",))
        self._catalogues[catalogue.sha256] = catalogue
        return catalogue.sha256

    @guarded
    def add_unit(self, unit: Unit) -> None:
        """A unit not in any catalogue (tests, benchmarks, a county department added later)."""
        with transaction(self.con):
            _upsert(self.con, "units", {"code": unit.code, "name": unit.name.zh,
                                        "name_en": unit.name.en, "kind": unit.kind}, ("code",))

    @guarded
    def catalogue(self, sha256: str) -> Catalogue:
        """The frozen catalogue a submission was entered against."""
        if sha256 not in self._catalogues:
            row = self.con.execute("SELECT id, source FROM catalogues WHERE sha256 = ?",
                                   [sha256]).fetchone()
            if row is None:
                raise KeyError(f"no catalogue {sha256} in {self.path}")
            self._catalogues[sha256] = cached_catalogue(row[1], f"{row[0]}.yaml")
        return self._catalogues[sha256]

    @guarded
    def units(self) -> list[Unit]:
        return [Unit(r["code"], Bilingual(r["name"], r["name_en"]), r["kind"])
                for r in rows(self.con, "SELECT * FROM units ORDER BY code")]

    def _unit(self, code: str) -> Unit:
        row = self.con.execute("SELECT code, name, name_en, kind FROM units WHERE code = ?",
                              [code]).fetchone()
        if row is None:
            raise UnknownSubmission(msg("store.unknown_unit", unit=code))
        return Unit(row[0], Bilingual(row[1], row[2]), row[3])

    # --- submissions --------------------------------------------------------------------------
    @guarded
    def submission(self, unit_code: str, year: int) -> Submission:
        row = self.con.execute(
            "SELECT id, unit_code, year, catalogue_sha256, state FROM submissions "
            "WHERE unit_code = ? AND year = ?", [unit_code, year]).fetchone()
        if row is None:
            raise UnknownSubmission(msg("store.no_submission", unit=unit_code, year=year))
        return Submission(row[0], self._unit(row[1]), row[2], row[3], row[4])

    @guarded
    def open_submission(self, catalogue: Catalogue, unit_code: str, year: int) -> Submission:
        """The unit's submission for the year, created (as a draft) on first use."""
        try:
            return self.submission(unit_code, year)
        except UnknownSubmission:
            pass
        sha = self.register_catalogue(catalogue)
        self._unit(unit_code)
        now = self.clock()
        with transaction(self.con):
            sub_id = _insert(self.con, "submissions", {
                "unit_code": unit_code, "year": year, "catalogue_sha256": sha,
                "state": "draft", "created_at": now, "updated_at": now, "audit_count": 0,
                "audit_head": audit.GENESIS})
            audit.append(self.con, sub_id, now, self.actor, "create",
                         new={"unit": unit_code, "year": year, "catalogue": sha})
        return self.submission(unit_code, year)

    @guarded
    def submissions(self) -> list[Submission]:
        found = self.con.execute("SELECT unit_code, year FROM submissions "
                                 "ORDER BY year, unit_code").fetchall()
        return [self.submission(u, y) for u, y in found]

    @guarded
    def values(self, submission: Submission) -> dict[str, StoredValue]:
        out: dict[str, StoredValue] = {}
        for r in rows(self.con, "SELECT * FROM entries WHERE submission_id = ?",
                      [submission.id]):
            value = json.loads(r["value_json"]) if r["value_json"] is not None else None
            out[r["code"]] = StoredValue(r["code"], r["raw"], value, bool(r["na"]),
                                         r["comment"] or "", r["actor"], r["updated_at"])
        return out

    @guarded
    def entries(self, submission: Submission) -> dict[str, Entry]:
        return {code: v.entry() for code, v in self.values(submission).items()}

    @guarded
    def previous_values(self, submission: Submission) -> dict[str, float]:
        """Last year's numbers for the same unit, calculated ones included (for the
        year-over-year change warnings and the "last year" column)."""
        try:
            last = self.submission(submission.unit.code, submission.year - 1)
        except UnknownSubmission:
            return {}
        catalogue = self.catalogue(last.catalogue_sha256)
        values = check_submission(catalogue, self.entries(last), last.unit.scope).values
        numbers = {c: v for c, v in values.items()
                   if isinstance(v, int | float) and not isinstance(v, bool)}
        # a code renamed this year reads last year's value under its old code (replaces:)
        return self.catalogue(submission.catalogue_sha256).carried_over(numbers)

    @guarded
    def assess(self, submission: Submission, previous: dict[str, float] | None = None,
               entries: dict[str, Entry] | None = None) -> Assessment:
        """Check and score the stored values; ``previous`` (last year's values) and
        ``entries`` (this year's) when the caller has just read them, so they are not read
        again."""
        catalogue = self.catalogue(submission.catalogue_sha256)
        if previous is None:
            previous = self.previous_values(submission)
        if entries is None:
            entries = self.entries(submission)
        return assess(catalogue, entries, submission.unit, previous)

    # --- edits ----------------------------------------------------------------------------
    def _refresh(self, submission: Submission) -> Submission:
        return self.submission(submission.unit.code, submission.year)

    @guarded
    def set_value(self, submission: Submission, code: str, raw: object, comment: str = "",
                  na: bool = False, reason: str | None = None) -> bool:
        """Validate and store one value as one audited transaction.

        Returns False when nothing changed. Raises :class:`ValueRejected` (with the problems)
        when the value has an error, :class:`SubmissionLocked` when the submission is signed.
        """
        outcome = self.set_values(submission, {code: Entry(raw, comment, na)}, reason=reason)
        if code in outcome.rejected:
            raise ValueRejected(outcome.rejected[code])
        return code in outcome.stored

    @guarded
    def set_values(self, submission: Submission, entries: Mapping[str, Entry],
                   reason: str | None = None, action: str = "edit") -> ImportOutcome:
        """Store each valid entry as an audited edit; invalid ones are left untouched.

        All of it happens in one transaction, so a crash stores all or nothing.
        """
        current = self._refresh(submission)
        if current.state not in EDITABLE:
            raise SubmissionLocked(msg("store.locked_submission", unit=current.unit.name,
                                       year=current.year))
        catalogue = self.catalogue(current.catalogue_sha256)
        stored = self.values(current)
        previous = self.previous_values(current)
        outcome = ImportOutcome()
        now = self.clock()
        with transaction(self.con):
            for code, entry in entries.items():
                indicator = catalogue.index.get(code)
                if indicator is None or not indicator.is_leaf \
                        or not indicator.applies(current.unit.scope):
                    outcome.rejected[code] = [Problem(code, "unknown_code", "error",
                                                      _text(entry.raw),
                                                      msg("check.unknown_code", code=code))]
                    continue
                if indicator.is_calculated:  # only a comment (answering a warning) is kept
                    entry = Entry(None, entry.comment, False)
                checked = check_field(indicator, entry, previous.get(code))
                errors = [p for p in checked.problems if p.is_error]
                if errors:
                    outcome.rejected[code] = errors
                    continue
                new = {"raw": _text(entry.raw), "value": checked.value, "na": entry.na,
                       "comment": entry.comment.strip()}
                old_value = stored.get(code)
                old = None if old_value is None else {
                    "raw": old_value.raw, "value": old_value.value, "na": old_value.na,
                    "comment": old_value.comment}
                if old is not None and _same(old, new):
                    outcome.unchanged.append(code)
                    continue
                if old is None and new["raw"] is None and not new["na"] and not new["comment"]:
                    outcome.unchanged.append(code)
                    continue
                _upsert(self.con, "entries", {
                    "submission_id": current.id, "code": code, "raw": new["raw"],
                    "value_json": None if checked.value is None else json.dumps(
                        checked.value, ensure_ascii=False),
                    "na": int(entry.na), "comment": new["comment"], "actor": self.actor,
                    "updated_at": now}, ("submission_id", "code"))
                audit.append(self.con, current.id, now, self.actor, action, code, old, new,
                             reason)
                outcome.stored.append(code)
            if outcome.stored:
                state = next_state("edit", current.state) or current.state
                self._set_state(current, state, now, audit_it=state != current.state,
                                reason="edit")
        return outcome

    # --- workflow -------------------------------------------------------------------------
    def _set_state(self, submission: Submission, state: str, now: str, *, audit_it: bool,
                   reason: str | None = None) -> None:
        self.con.execute("UPDATE submissions SET state = ?, updated_at = ? WHERE id = ?",
                         [state, now, submission.id])
        if audit_it:
            audit.append(self.con, submission.id, now, self.actor, "state", None,
                         submission.state, state, reason)

    def _move(self, submission: Submission, action: str) -> tuple[Submission, str]:
        current = self._refresh(submission)
        target = next_state(action, current.state)
        if target is None:
            raise BadTransition(msg("store.bad_transition", action=ACTION_LABELS[action],
                                    state=LABELS[current.state]))
        return current, target

    @guarded
    def blocking_problems(self, submission: Submission) -> tuple[list[Problem], list[str]]:
        """What stops "checked": open problems, and required values neither given nor NA."""
        result = self.assess(submission)
        return [p for p in result.check.problems if p.is_open], result.score.missing

    @guarded
    def mark_checked(self, submission: Submission) -> Submission:
        current, target = self._move(submission, "mark_checked")
        problems, missing = self.blocking_problems(current)
        if problems or missing:
            raise NotReady(problems, missing)
        with transaction(self.con):
            self._set_state(current, target, self.clock(), audit_it=True)
        return self._refresh(current)

    @guarded
    def mark_signed(self, submission: Submission, report_sha256: str, path: str) -> Submission:
        current, target = self._move(submission, "mark_signed")
        now = self.clock()
        with transaction(self.con):
            _insert(self.con, "reports", {"submission_id": current.id, "sha256": report_sha256,
                                          "path": path, "signed_at": now, "actor": self.actor})
            self._set_state(current, target, now, audit_it=True, reason=report_sha256)
        return self._refresh(current)

    @guarded
    def reopen(self, submission: Submission, reason: str) -> Submission:
        if not reason or not reason.strip():
            raise BadTransition(msg("store.reopen_reason"))
        current, target = self._move(submission, "reopen")
        backup.take_backup(self.path, "before-reopen")
        now = self.clock()
        with transaction(self.con):
            self.con.execute(
                "UPDATE reports SET superseded_at = ?, superseded_reason = ? "
                "WHERE submission_id = ? AND superseded_at IS NULL", [now, reason, current.id])
            self._set_state(current, target, now, audit_it=True, reason=reason.strip())
        return self._refresh(current)

    @guarded
    def reports(self, submission: Submission) -> list[dict[str, Any]]:
        return rows(self.con, "SELECT * FROM reports WHERE submission_id = ? ORDER BY id",
                    [submission.id])

    # --- reading --------------------------------------------------------------------------
    @guarded
    def status(self, submission: Submission) -> Status:
        result = self.assess(submission)
        catalogue = self.catalogue(submission.catalogue_sha256)
        leaves = [i for i in catalogue.leaves(submission.unit.scope) if not i.is_calculated]
        given = set(result.check.values) | result.check.na
        filled = sum(1 for i in leaves if i.code in given)
        checked = result.check
        errors = [p for p in checked.errors if p.rule != "required"]  # missing counted apart
        return Status(self._refresh(submission), filled, len(leaves), len(errors),
                      len(checked.open_warnings), len(checked.warnings), result.score,
                      self.is_demo)

    @guarded
    def history(self, submission: Submission, code: str | None = None) -> list[dict[str, Any]]:
        where, params = "submission_id = ?", [submission.id]
        if code:
            where += " AND code = ?"
            params.append(code)
        return rows(self.con, f"SELECT * FROM audit WHERE {where} ORDER BY seq", params)

    @guarded
    def verify_audit(self, submission: Submission) -> list[audit.Finding]:
        return audit.verify_chain(self.con, submission.id)

    @guarded
    def backup(self, reason: str = "manual") -> Path:
        return backup.take_backup(self.path, reason)


def _text(raw: object) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip() if not isinstance(raw, bool) else ("是" if raw else "否")
    return text or None


def _insert(con: sqlite3.Connection, table: str, row: Mapping[str, Any],
            ignore: bool = False) -> int:
    """INSERT one row (nothing when ``ignore`` and its key exists); returns its rowid."""
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    return con.execute(f"{verb} INTO {table} ({', '.join(row)}) "
                       f"VALUES ({', '.join('?' * len(row))})", list(row.values())).lastrowid


def _upsert(con: sqlite3.Connection, table: str, row: Mapping[str, Any],
            key: tuple[str, ...]) -> None:
    """INSERT one row, or UPDATE the other columns of the row with the same key."""
    others = ", ".join(f"{c} = excluded.{c}" for c in row if c not in key)
    con.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))}) "
                f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {others}", list(row.values()))


def _same(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    return (old["value"] == new["value"] and bool(old["na"]) == bool(new["na"])
            and (old["comment"] or "") == (new["comment"] or "")
            and (old["value"] is not None or old["raw"] == new["raw"]))




def restore_database(data_dir: str | Path, backup_file: str | Path, *, demo: bool = False
                     ) -> Path:
    """Replace a data folder's database by a backup; the current one is backed up first.

    Works on a damaged database too (it is never opened, only copied aside).
    """
    data_dir, backup_file = Path(data_dir), Path(backup_file)
    path = data_dir / (DEMO_DATABASE_NAME if demo else DATABASE_NAME)
    if not backup.is_intact(backup_file):
        raise StoreError(msg("store.bad_backup", path=str(backup_file)))
    lock = WriteLock(path)
    with translated(path):
        lock.acquire()
        try:
            if path.exists():
                reason = "before-restore" if backup.is_intact(path) else "damaged"
                if reason == "damaged":
                    aside = backup.backups_dir(path) / f"{path.stem}-damaged-{_now()[:10]}.sqlite"
                    aside.parent.mkdir(parents=True, exist_ok=True)
                    path.replace(aside)
                else:
                    backup.take_backup(path, reason)
            backup.restore_backup(path, backup_file)
        finally:
            lock.release()
    return path
