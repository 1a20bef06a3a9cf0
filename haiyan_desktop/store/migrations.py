"""The database schema as named, ordered, transactional migrations (sqlite-utils).

Never edit a migration that has shipped: add a new one. ``SCHEMA_VERSION`` is the number of
migrations and is written to ``PRAGMA user_version`` so a newer database is recognised at once.
sqlite-utils is imported only when migrations run (``migrations`` is made on first use);
opening an up-to-date database reads the applied names with plain SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "haiyan-desktop"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' record of what was applied


class MigrationSteps:
    """The named, ordered steps of one migration set (this module's, the county desk's):
    a decorator adds a step; :meth:`registry` makes the sqlite-utils registry of them on
    first use, so sqlite-utils is imported only when a database needs migrating."""

    def __init__(self, migration_set: str):
        self.migration_set = migration_set
        self.names: list[str] = []  # in order; the last one is the newest schema
        self._steps: list[Callable[[Database], None]] = []
        self._registry: Migrations | None = None

    def __call__(self, fn: Callable[[Database], None]) -> Callable[[Database], None]:
        self.names.append(fn.__name__)
        self._steps.append(fn)
        return fn

    def registry(self) -> Migrations:
        if self._registry is None:
            from sqlite_utils.migrations import Migrations

            registry = Migrations(self.migration_set)
            for step in self._steps:
                registry(name=step.__name__)(step)
            self._registry = registry
        return self._registry


migration = MigrationSteps(MIGRATION_SET)
NAMES = migration.names


@migration
def m001_initial(db: Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["units"].create({"code": str, "name": str, "name_en": str, "kind": str}, pk="code")
    # Each catalogue a submission was entered against, frozen with its sha256.
    db["catalogues"].create(
        {"sha256": str, "id": str, "version": str, "source": str, "stored_at": str},
        pk="sha256")
    db["submissions"].create(
        {"id": int, "unit_code": str, "year": int, "catalogue_sha256": str, "state": str,
         "created_at": str, "updated_at": str, "audit_count": int, "audit_head": str},
        pk="id", not_null={"unit_code", "year", "catalogue_sha256", "state"},
        foreign_keys=[("unit_code", "units", "code"),
                      ("catalogue_sha256", "catalogues", "sha256")])
    db["submissions"].create_index(["unit_code", "year"], unique=True)
    db["entries"].create(
        {"submission_id": int, "code": str, "raw": str, "value_json": str, "na": int,
         "comment": str, "actor": str, "updated_at": str},
        pk=("submission_id", "code"), foreign_keys=[("submission_id", "submissions", "id")])
    db["audit"].create(
        {"id": int, "submission_id": int, "seq": int, "at": str, "actor": str, "action": str,
         "code": str, "old_json": str, "new_json": str, "reason": str, "prev_hash": str,
         "hash": str},
        pk="id", not_null={"submission_id", "seq", "hash"},
        foreign_keys=[("submission_id", "submissions", "id")])
    db["audit"].create_index(["submission_id", "seq"], unique=True)


@migration
def m002_reports(db: Database) -> None:
    # Signed reports; a reopen marks the one it replaces as superseded.
    db["reports"].create(
        {"id": int, "submission_id": int, "sha256": str, "path": str, "signed_at": str,
         "actor": str, "superseded_at": str, "superseded_reason": str},
        pk="id", foreign_keys=[("submission_id", "submissions", "id")])
    db["reports"].create_index(["submission_id"])


SCHEMA_VERSION = len(NAMES)


def __getattr__(name: str) -> Any:
    """``migrations``: the sqlite-utils registry of the steps above, made on first use."""
    if name == "migrations":
        return migration.registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def applied_names(con: sqlite3.Connection) -> list[str]:
    """The migrations applied to a database, in order (what ``migrations.applied`` says)."""
    if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                   [MIGRATIONS_TABLE]).fetchone() is None:
        return []
    return [row[0] for row in con.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET])]
