"""The data folder as a whole: the sample data, backups, restoring, the audit trail."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .folder import DataFolder, existing_file, stored_submission


class DemoBuilt(NamedTuple):
    path: Path
    units: int
    years: int


def build_demo(data_dir: Path, progress=None) -> DemoBuilt:
    """Fill the sample database (示例数据) from scratch."""
    from ..demo import build_demo as build
    from ..store import Store

    path = build(data_dir, progress=progress)
    with Store(data_dir, demo=True, write=False) as store:
        subs = store.submissions()
    return DemoBuilt(path, len({s.unit.code for s in subs}), len({s.year for s in subs}))


def backup(folder: DataFolder) -> Path:
    with folder.store(write=True) as store:
        return store.backup()


def restore(folder: DataFolder, backup_file: str | Path) -> Path:
    from ..store import restore_database

    return restore_database(folder.path, existing_file(backup_file), demo=folder.demo)


class AuditCheck(NamedTuple):
    findings: list  # audit.Finding: empty when the chain is intact
    rows: int


def verify_audit(folder: DataFolder, unit: str, year: int) -> AuditCheck:
    with folder.store() as store:
        sub = stored_submission(store, unit, year)
        return AuditCheck(store.verify_audit(sub), len(store.history(sub)))


def history(folder: DataFolder, unit: str, year: int, code: str | None = None) -> list[dict]:
    with folder.store() as store:
        return store.history(stored_submission(store, unit, year), code)
