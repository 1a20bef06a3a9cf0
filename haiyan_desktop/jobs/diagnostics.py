"""A zip a clerk can send to support: how the program and its data folder are, not what is in it.

``write_diagnostics`` gathers the logs (``logs/``, and the temporary folder's when the data folder
could not be written), the versions of the program, Python, the system and the libraries, the
data folder's file names with their sizes and times, each database's ``PRAGMA integrity_check``
and audit trail verification per submission, the county desk's database (integrity, and how
many reports of each year were accepted, superseded or quarantined), the installed catalogues
(id, version, years, sha256) and the installed county root's name and expiry.

Nothing that a submission holds goes in: no value, comment, clerk's note or reason, no
database, report, certificate or key file (only names and sizes in the listing). The databases
are opened read-only and only when their schema is this version's, so making the diagnostics
never migrates or otherwise changes a file. Each part that cannot be read says why in its place;
the rest is still written.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import sys
import zipfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import APP_NAME, __version__
from ..errors import HaiyanError
from ..files import write_atomically
from ..logs import LOGS_FOLDER, fallback_dir, logs_dir_path, scrub_text
from ..messages import msg, os_reason, render

MAX_LISTED = 5000  # files named in the listing at most
MAX_INTEGRITY_LINES = 100
PACKAGES = ("PySide6-Essentials", "PySide6-Addons", "pyHanko", "cryptography", "reportlab",
            "sqlite-utils", "openpyxl", "PyYAML", "fonttools")


class DiagnosticsError(HaiyanError):
    """The zip could not be written; ``message`` says why (nothing was left behind)."""


def default_diagnostics_name(now: datetime | None = None) -> str:
    """``haiyan-diagnostics-<local time>.zip``, for the save dialog and the command."""
    return f"haiyan-diagnostics-{(now or datetime.now()):%Y%m%d-%H%M%S}.zip"


def _failure(exc: BaseException) -> dict[str, str]:
    return {"error": f"{type(exc).__name__}: {scrub_text(str(exc))}"}


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- the parts --------------------------------------------------------------------------------
def versions() -> dict[str, Any]:
    """Program, Python, system and library versions. Qt's is read only if the window has
    already loaded it (the core imports no Qt)."""
    import platform
    from importlib import metadata

    found: dict[str, Any] = {
        "program": f"{APP_NAME} {__version__}",
        "installed_build": bool(getattr(sys, "frozen", False)),
        "python": sys.version,
        "python_implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "sqlite": sqlite3.sqlite_version,
        "filesystem_encoding": sys.getfilesystemencoding(),
        "packages": {},
    }
    for name in PACKAGES:
        try:
            found["packages"][name] = metadata.version(name)
        except Exception:  # not installed, or no metadata in the installed build
            found["packages"][name] = None
    pyside = sys.modules.get("PySide6")
    if pyside is not None:
        found["pyside6"] = getattr(pyside, "__version__", None)
        qtcore = sys.modules.get("PySide6.QtCore")
        if qtcore is not None:
            found["qt"] = qtcore.qVersion()
    return found


def data_listing(data_dir: Path) -> dict[str, Any]:
    """Every file and folder under ``data_dir``: relative name, size, modification time."""
    if not data_dir.is_dir():
        return {"folder": str(data_dir), "exists": False, "entries": []}
    entries: list[dict[str, Any]] = []
    truncated = False
    for root, dirs, files in os.walk(data_dir, onerror=lambda exc: None):
        dirs.sort()
        here = Path(root)
        for name in [*(d + "/" for d in dirs), *sorted(files)]:
            if len(entries) >= MAX_LISTED:
                truncated = True
                break
            path = here / name.rstrip("/")
            try:
                info = path.lstat()
            except OSError:
                continue
            entries.append({"name": path.relative_to(data_dir).as_posix()
                                    + ("/" if name.endswith("/") else ""),
                            "size": None if name.endswith("/") else info.st_size,
                            "modified": _iso(info.st_mtime)})
    return {"folder": str(data_dir), "exists": True, "entries": entries, "truncated": truncated}


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)


def _file_entry(path: Path, supported: int) -> dict[str, Any]:
    """A database's name, size and the schema this program reads."""
    return {"file": path.name, "size": path.stat().st_size, "supported_schema": supported}


def _schema_and_integrity(con: sqlite3.Connection, report: dict[str, Any]) -> None:
    """A database's schema version and the first lines of its ``PRAGMA integrity_check``."""
    report["schema"] = con.execute("PRAGMA user_version").fetchone()[0]
    report["integrity"] = [row[0] for row in con.execute(
        f"PRAGMA integrity_check({MAX_INTEGRITY_LINES})")]


def database_report(data_dir: Path, demo: bool) -> dict[str, Any] | None:
    """One database's integrity and audit verification; None when the file does not exist."""
    from ..store.migrations import NAMES, SCHEMA_VERSION, applied_names
    from ..store.repository import DATABASE_NAME, DEMO_DATABASE_NAME

    path = data_dir / (DEMO_DATABASE_NAME if demo else DATABASE_NAME)
    if not path.is_file():
        return None
    report = _file_entry(path, SCHEMA_VERSION)
    try:
        with closing(_read_only(path)) as con:
            _schema_and_integrity(con, report)
            applied = applied_names(con)
    except sqlite3.Error as exc:
        report["integrity"] = _failure(exc)
        return report
    if report["schema"] != SCHEMA_VERSION or applied != NAMES:
        report["submissions"] = {"not_checked": "the schema is not this version's; opening "
                                                "it would migrate it"}
        return report
    report["submissions"] = _audits(data_dir, demo)
    return report


def _audits(data_dir: Path, demo: bool) -> list[dict[str, Any]] | dict[str, str]:
    from ..store import Store

    try:
        with Store(data_dir, demo=demo, write=False) as store:
            found = []
            for submission in store.submissions():
                findings = store.verify_audit(submission)
                found.append({
                    "unit": submission.unit.code, "year": submission.year,
                    "state": submission.state,
                    "audit": "intact" if not findings else [
                        {"row": f.seq, "kind": f.kind, "zh": f.message.zh, "en": f.message.en}
                        for f in findings]})
            return found
    except Exception as exc:  # a damaged or locked file: say so, go on with the rest
        return _failure(exc)


def county_database_report(data_dir: Path) -> dict[str, Any] | None:
    """The county desk's database: integrity and, per year, how many reports are in each
    state (numbers only: no unit, file or figure); None when the file does not exist."""
    from ..county.store import DATABASE_NAME, SCHEMA_VERSION

    path = data_dir / DATABASE_NAME
    if not path.is_file():
        return None
    report = _file_entry(path, SCHEMA_VERSION)
    try:
        with closing(_read_only(path)) as con:
            _schema_and_integrity(con, report)
            years: dict[str, dict[str, int]] = {}
            for year, state, count in con.execute(
                    "SELECT year, state, count(*) FROM reports GROUP BY year, state"):
                years.setdefault(str(year), {})[state] = count
            for year, count in con.execute(
                    "SELECT year, count(*) FROM quarantine GROUP BY year"):
                years.setdefault(str(year) if year is not None else "unread",
                                 {})["quarantined"] = count
            report["reports"] = years
    except sqlite3.Error as exc:  # damaged, or of another schema: said, the rest goes on
        report["error"] = _failure(exc)["error"]
    return report


def catalogues_report(data_dir: Path) -> list[dict[str, Any]] | dict[str, str]:
    """The catalogues installed in the data folder: what they are, not their text."""
    try:
        from ..catalogue.installed import records

        return [{"id": r.id, "version": r.version, "years": list(r.years), "sha256": r.sha256,
                 "serial": r.serial, "signed_at": r.signed_at, "installed_at": r.installed_at}
                for r in records(data_dir)]
    except Exception as exc:  # an unreadable record: say so, go on with the rest
        return _failure(exc)


def _certificate(cert: Any) -> dict[str, Any]:
    from cryptography.hazmat.primitives import hashes

    until = cert.not_valid_after_utc
    return {"subject": cert.subject.rfc4514_string(), "issuer": cert.issuer.rfc4514_string(),
            "serial": format(cert.serial_number, "x"),
            "valid_from": cert.not_valid_before_utc.isoformat(),
            "valid_until": until.isoformat(), "expired": until < datetime.now(UTC),
            "sha256": cert.fingerprint(hashes.SHA256()).hex()}


def trust_report(data_dir: Path, trust_root: str | Path | None = None) -> dict[str, Any]:
    """The county root installed in the data folder (and the one named, if any): its name,
    validity and fingerprint, and its revocation lists' dates. Never the files."""
    out: dict[str, Any] = {}
    try:
        from ..signing.trust import installed_trust

        trust = installed_trust(data_dir)
        if trust is None:
            out["installed"] = None
        else:
            out["installed"] = _certificate(trust.root)
            out["installed"]["revocation_lists"] = [
                {"last_update": crl.last_update_utc.isoformat(),
                 "next_update": crl.next_update_utc.isoformat() if crl.next_update_utc else None,
                 "revoked": len(crl)} for crl in trust.crls]
    except Exception as exc:
        out["installed"] = _failure(exc)
    if trust_root is not None:
        try:
            from ..signing.pki import load_root

            out["given"] = {"file": str(trust_root), **_certificate(load_root(trust_root))}
        except Exception as exc:
            out["given"] = {"file": str(trust_root), **_failure(exc)}
    return out


def _log_folders(data_dir: Path) -> list[tuple[str, Path]]:
    folders = [("logs", data_dir / LOGS_FOLDER), ("logs-temp", fallback_dir())]
    current = logs_dir_path()
    if current is not None and all(current != f for _, f in folders):
        folders.append(("logs-current", current))
    return folders


# --- the zip -----------------------------------------------------------------------------------
def write_diagnostics(data_dir: str | Path, out_zip: str | Path, *,
                      trust_root: str | Path | None = None) -> Path:
    """Write the diagnostics of ``data_dir`` into ``out_zip`` (whole or not at all).

    ``trust_root``: a county-root.pem named by the user (``--trust``), described besides the
    installed one. Raises :class:`DiagnosticsError` when the zip cannot be written.
    """
    data_dir, out_zip = Path(data_dir), Path(out_zip)
    if not out_zip.parent.is_dir():
        raise DiagnosticsError(msg("diagnostics.no_output_dir", path=str(out_zip.parent)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        def put_json(name: str, value: Any) -> None:
            zf.writestr(name, json.dumps(value, ensure_ascii=False, indent=2, default=str))

        zf.writestr("README.txt", f"{render('diagnostics.readme', 'zh')}\n\n"
                                  f"{render('diagnostics.readme', 'en')}\n")
        put_json("versions.json", {**versions(), "generated": datetime.now(UTC).isoformat(),
                                   "data_folder": str(data_dir)})
        put_json("data-folder.json", data_listing(data_dir))
        databases: dict[str, Any] = {}
        for demo in (False, True):
            try:
                found = database_report(data_dir, demo)
            except Exception as exc:
                found = _failure(exc)
            databases["demo" if demo else "main"] = found
        try:
            databases["county"] = county_database_report(data_dir)
        except Exception as exc:
            databases["county"] = _failure(exc)
        put_json("databases.json", databases)
        put_json("catalogues.json", catalogues_report(data_dir))
        put_json("trust.json", trust_report(data_dir, trust_root))
        for prefix, folder in _log_folders(data_dir):
            try:
                names = sorted(p for p in folder.iterdir() if p.is_file())
            except OSError:
                continue
            for path in names:
                try:
                    zf.writestr(f"{prefix}/{path.name}", path.read_bytes())
                except OSError:
                    continue
    try:
        return write_atomically(out_zip, buffer.getvalue())
    except OSError as exc:
        raise DiagnosticsError(msg("diagnostics.write_failed", path=str(out_zip),
                                   detail=os_reason(exc))) from exc
