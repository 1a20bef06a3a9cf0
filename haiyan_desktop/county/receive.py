"""Receiving the units' signed reports: each PDF checked, then stored or quarantined.

For each file, cheapest first: its size (at most 50 MB), that it is a PDF, not encrypted, with
no scripts, no attachment that unpacks to more than a report's data could; then both
signatures against the county root and revocation lists installed in the data folder
(:func:`haiyan_desktop.signing.verify.verify_report`), the attached data read back, the data
being the very data the signatures cover, the signers being of the unit the data names (verify
checks that), the data not being sample data, the catalogue being one the county issued and
installed here (never the built-in sample), with the report's year and unit in it, and the
data checked (the only state that can be signed). Then, against the database: the same file
(sha256) received before is skipped as a duplicate; a report newer than the one accepted for
its unit and year (made later, or made at the same time and signed later) supersedes it (both
kept, the change recorded); an older one is refused (``older_than_received``).

Every refused file is quarantined with exactly one reason: a stable code (those of ``verify
--json``, such as ``foreign_ca``, ``not_intact``, ``sample_data``, and the county's own, such
as ``catalogue_not_issued``), never half-imported.

The checks of a file run in worker processes, one per core (``ProcessPoolExecutor``, spawned:
safe in the window's threads), once there are enough files to pay for starting them: each
reads, verifies and parses its file; the parent alone writes the database, file by file in
the order the files were found (sorted), so the same files give the same outcome every time.
A program that calls this from a script needs the ``if __name__ == "__main__":`` guard (and a
frozen build ``multiprocessing.freeze_support()``), as any spawned pool does.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..messages import Bilingual, Message, msg, os_reason
from . import CountyError
from .store import CountyStore, NewReport, ReceivedSigner, newer_than

log = logging.getLogger(__name__)

MAX_SIZE_MB = 50
MAX_SIZE = MAX_SIZE_MB * 1024 * 1024
MAX_ATTACHMENT_MB = 16  # a report's data is some 40 kB; a bigger attachment is not ours
MAX_ATTACHMENT = MAX_ATTACHMENT_MB * 1024 * 1024
WORKER_MEMORY = 3 * 1024 ** 3  # a worker's address space: a decompression bomb fails alone
SIGNABLE_STATES = ("checked", "signed")
POOL_FROM = 24  # files from which the checks run in worker processes (each starts in ~1 s)

ACCEPTED, SUPERSEDED, QUARANTINED, DUPLICATE = "accepted", "superseded", "quarantined", \
    "duplicate"
OUTCOMES = (ACCEPTED, SUPERSEDED, QUARANTINED, DUPLICATE)


def reason_of(message: Message) -> str:
    """The stable reason code of a refusal: its message key without the section (as
    :func:`haiyan_desktop.signing.verify.reason_code`)."""
    return message.key.split(".", 1)[1]


# --- what the workers are told and tell back ----------------------------------------------------
@dataclass(frozen=True)
class IssuedCatalogue:
    """A catalogue installed in the data folder, as the checks need it."""

    sha256: str
    id: str
    version: str
    years: tuple[int, ...]
    units: frozenset[str]
    sample: bool  # the built-in sample catalogue (signed and installed all the same)


@dataclass(frozen=True)
class Examined:
    """What a worker found about one file: a reason to refuse it, or what to store."""

    path: str
    size: int
    sha256: str | None = None
    duplicate: bool = False
    refusal: Message | None = None
    unit_code: str | None = None
    year: int | None = None
    payload_json: str | None = None
    signers: tuple[ReceivedSigner, ...] = ()
    note: str | None = None  # what went wrong inside, for the parent's log (a traceback)


@dataclass(frozen=True)
class FileOutcome:
    """What became of one file: accepted, superseded (accepted, replacing the report accepted
    before for its unit and year), quarantined (with its reason) or duplicate (skipped)."""

    path: Path
    outcome: str
    sha256: str | None = None
    reason: str | None = None
    message: Message | None = None
    unit_code: str | None = None
    unit_name: Bilingual | None = None
    year: int | None = None
    supersedes: str | None = None  # sha256 of the report it replaced

    def to_json(self, lang: str) -> dict[str, Any]:
        return {"file": str(self.path), "outcome": self.outcome, "sha256": self.sha256,
                "reason": self.reason,
                "message": self.message.render(lang) if self.message else None,
                "unit": self.unit_code,
                "unit_name": self.unit_name.get(lang) if self.unit_name else None,
                "year": self.year, "supersedes": self.supersedes}


@dataclass
class ImportResult:
    """Every PDF's outcome (in the order examined), the other files left alone, the time."""

    files: list[FileOutcome] = field(default_factory=list)
    skipped: int = 0
    seconds: float = 0.0

    def count(self, outcome: str) -> int:
        return sum(1 for f in self.files if f.outcome == outcome)

    @property
    def accepted(self) -> int:
        """Files stored as their unit's report (superseding or not)."""
        return self.count(ACCEPTED) + self.count(SUPERSEDED)

    @property
    def quarantined(self) -> int:
        return self.count(QUARANTINED)

    def to_json(self, lang: str) -> dict[str, Any]:
        return {"files": [f.to_json(lang) for f in self.files],
                "summary": {"pdfs": len(self.files), "accepted": self.accepted,
                            "superseded": self.count(SUPERSEDED),
                            "quarantined": self.quarantined,
                            "duplicates": self.count(DUPLICATE), "skipped": self.skipped,
                            "seconds": round(self.seconds, 2)}}


Progress = Callable[[int, int, Path, FileOutcome], None] | None


# --- finding the files ------------------------------------------------------------------------
def check_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The paths, each of which must exist (else :class:`CountyError`)."""
    wanted = [Path(p) for p in paths]
    for path in wanted:
        if not path.exists():
            raise CountyError(msg("county.no_paths", path=str(path)))
    return wanted


def find_pdfs(paths: Iterable[str | Path]) -> tuple[list[Path], int]:
    """The ``*.pdf`` files (any case) named or under the folders named (recursively, sorted,
    each once), and how many other files were passed over. A path that does not exist is
    refused before anything is done."""
    wanted = check_paths(paths)
    found: dict[str, Path] = {}
    skipped = 0

    def consider(path: Path) -> None:
        nonlocal skipped
        if path.name.lower().endswith(".pdf"):
            found.setdefault(os.path.realpath(path), path)
        else:
            skipped += 1

    for path in wanted:
        if not path.is_dir():
            consider(path)
            continue
        for folder, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                consider(Path(folder, name))
    return list(found.values()), skipped


# --- the checks of one file (in a worker) ----------------------------------------------------
_WORKER: dict[str, Any] = {}


def start_worker(data_dir: str, issued: dict[str, IssuedCatalogue], known: frozenset[str],
                 in_worker: bool = True) -> None:
    """A worker's start: the installed trust, the issued catalogues, the files known. A
    worker process prints nothing (its findings go back to the parent, which logs them) and
    has a bounded address space."""
    from ..signing.trust import installed_trust

    if in_worker:
        import warnings

        warnings.simplefilter("ignore")
        logging.getLogger().addHandler(logging.NullHandler())
        _limit_memory()
    _WORKER.update(trust=installed_trust(data_dir), issued=issued, known=known)
    import pyhanko.sign.validation  # noqa: F401 (loaded once, before the first file)


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft > WORKER_MEMORY:
        ceiling = WORKER_MEMORY if hard == resource.RLIM_INFINITY else min(hard, WORKER_MEMORY)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))


def examine(path: str) -> Examined:
    """Every check of one file that needs no database; never raises."""
    try:
        return _examine(path)
    except MemoryError:
        return Examined(path, _size(path), refusal=msg("county.out_of_memory"),
                        note="out of memory")
    except Exception:  # a hostile file may trip the PDF library anywhere
        import traceback

        return Examined(path, _size(path), refusal=msg("verify.damaged", path=path),
                        note=traceback.format_exc())


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _examine(path: str) -> Examined:
    shown = path
    try:
        size = os.stat(path).st_size
        if size == 0:
            return Examined(path, 0, refusal=msg("county.empty"))
        if size > MAX_SIZE:
            return Examined(path, size, refusal=msg(
                "county.too_large", size=f"{size / 1024 / 1024:.0f}", limit=MAX_SIZE_MB))
        with open(path, "rb") as handle:
            content = handle.read(MAX_SIZE + 1)
    except OSError as exc:
        return Examined(path, _size(path), refusal=msg("county.unreadable",
                                                       detail=os_reason(exc)))
    size = len(content)
    digest = hashlib.sha256(content).hexdigest()

    def refused(message: Message, data: dict[str, Any] | None = None) -> Examined:
        unit = data.get("unit") if isinstance(data, dict) else None
        year = data.get("year") if isinstance(data, dict) else None
        return Examined(path, size, digest, refusal=message,
                        unit_code=unit.get("code") if isinstance(unit, dict) else None,
                        year=year if isinstance(year, int) else None)

    if digest in _WORKER["known"]:
        return Examined(path, size, digest, duplicate=True)
    if size > MAX_SIZE:
        return refused(msg("county.too_large", size=f"{size / 1024 / 1024:.0f}",
                           limit=MAX_SIZE_MB))
    if not content[:1024].lstrip().startswith(b"%PDF-"):
        return refused(msg("report.not_pdf", path=shown))
    outside = _outside_streams(content)
    if _ENCRYPT.search(outside):
        return refused(msg("county.encrypted"))
    if _ACTIVE.search(outside):
        return refused(msg("county.javascript"))
    if _attachment_too_large(content):
        return refused(msg("county.attachment_too_large", limit=MAX_ATTACHMENT_MB))

    from ..report import ReportError
    from ..report.data import report_data_of
    from ..signing import SigningError
    from ..signing.verify import verify_report

    try:
        verification = verify_report(path, _WORKER["trust"])
    except SigningError as exc:
        return refused(exc.message)
    if not verification.signatures:  # not ours, damaged, data altered, unsigned...
        data = {"unit": verification.unit, "year": verification.year}
        return refused(verification.all_problems[0], data)
    try:
        data = report_data_of(content, shown)
    except ReportError as exc:
        return refused(exc.message)
    if not _signed_data_matches(content, data):
        return refused(msg("county.data_not_signed"), data)
    problems = verification.all_problems
    if problems:
        return refused(problems[0], data)
    refusal = _catalogue_refusal(data) or _state_refusal(data)
    if refusal is not None:
        return refused(refusal, data)
    signers = tuple(ReceivedSigner(
        s.field, s.signer.role if s.signer else None,
        s.signer.name if s.signer else s.common_name,
        s.signer.unit_code if s.signer else None, s.signer.unit_name if s.signer else None,
        s.signed_at) for s in verification.signatures)
    return Examined(path, size, digest, unit_code=data["unit"]["code"], year=data["year"],
                    payload_json=json.dumps(data, ensure_ascii=False), signers=signers)


# The bytes outside stream data: where a PDF's dictionaries are (stream data is compressed
# binary, in which any short name may appear by chance).
_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")
_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|RichMedia)(?![A-Za-z0-9])")
_EMBEDDED = re.compile(rb"/Type\s*/EmbeddedFile(?![A-Za-z0-9])")


def _outside_streams(content: bytes) -> bytes:
    parts, at = [], 0
    for match in _STREAM_START.finditer(content):
        if match.start() < at:
            continue
        parts.append(content[at:match.start()])
        end = content.find(b"endstream", match.end())
        if end < 0:
            at = len(content)
            break
        at = end
    parts.append(content[at:])
    return b"".join(parts)


def _attachment_too_large(content: bytes) -> bool:
    """Whether an attached file's stream unpacks to more than a report's data may have (read
    at most that much: a decompression bomb is never unpacked)."""
    for match in _EMBEDDED.finditer(content):
        start = content.rfind(b" obj", 0, match.start())
        stream = _STREAM_START.search(content, match.end())
        if start < 0 or stream is None:
            continue
        header = content[start:stream.start()]
        if b"/FlateDecode" not in header:
            continue
        end = content.find(b"endstream", stream.end())
        raw = content[stream.end():end if end >= 0 else len(content)]
        unpacker = zlib.decompressobj()
        try:
            out = unpacker.decompress(raw, MAX_ATTACHMENT + 1)
        except zlib.error:
            continue  # a damaged attachment: the data reader says so
        if len(out) > MAX_ATTACHMENT or unpacker.unconsumed_tail:
            return True
    return False


def _signed_data_matches(content: bytes, data: dict[str, Any]) -> bool:
    """Whether the data read is the data the document's attachment held as it was made (its
    first revision: what every signature covers, verify having found them intact),
    fingerprint for fingerprint. (Not ``embedded_signatures``: parsing the signatures
    again would double the time of the whole check.)"""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    from ..report.data import ATTACHMENT_NAME, fingerprint_of

    reader = PdfFileReader(io.BytesIO(content), strict=False)
    made = reader.get_historical_resolver(0)
    try:
        names = made.root["/Names"]["/EmbeddedFiles"]["/Names"]
        spec = next(names[i + 1] for i in range(0, len(names) - 1, 2)
                    if str(names[i]) == ATTACHMENT_NAME)
        stream = spec["/EF"]["/F"]
        if int(stream.get("/Length", 0)) > MAX_SIZE:
            return False
        attached = json.loads(stream.data.decode("utf-8"))
    except (KeyError, StopIteration, TypeError, ValueError, AttributeError):
        return False
    if not isinstance(attached, dict):
        return False
    return (attached.get("fingerprint") == data.get("fingerprint")
            == fingerprint_of(attached) and fingerprint_of(data) == data.get("fingerprint"))


def _catalogue_refusal(data: dict[str, Any]) -> Message | None:
    """Why the report's catalogue, year or unit is not one the county issued, or None."""
    catalogue = data.get("catalogue") or {}
    ident = {"id": str(catalogue.get("id", "?")), "version": str(catalogue.get("version", "?"))}
    issued: IssuedCatalogue | None = _WORKER["issued"].get(catalogue.get("sha256"))
    if issued is None:
        if _is_builtin(str(catalogue.get("sha256"))):
            return msg("county.sample_catalogue")
        return msg("county.catalogue_not_issued", **ident)
    if issued.sample:
        return msg("county.sample_catalogue")
    year = data.get("year")
    if year not in issued.years:
        return msg("county.year_not_in_catalogue", year=year,
                   years=", ".join(str(y) for y in issued.years), **ident)
    unit = data.get("unit") or {}
    if unit.get("code") not in issued.units:
        return msg("county.unit_not_in_catalogue", unit=unit.get("name") or unit.get("code"),
                   **ident)
    return None


def _state_refusal(data: dict[str, Any]) -> Message | None:
    state = data.get("state")
    if state in SIGNABLE_STATES:
        return None
    from ..store.workflow import LABELS

    label = LABELS.get(str(state))
    return msg("county.not_checked", state=label if label is not None else str(state))


def _is_builtin(sha256: str) -> bool:
    from ..catalogue import builtin_catalogue_paths, load_cached

    return any(load_cached(p).sha256 == sha256 for p in builtin_catalogue_paths())


# --- the import -------------------------------------------------------------------------------
def issued_catalogues(data_dir: str | Path) -> dict[str, IssuedCatalogue]:
    """The catalogues installed in the data folder (county-issued), by sha256."""
    from ..catalogue import installed_catalogues, is_builtin

    return {c.sha256: IssuedCatalogue(c.sha256, c.id, c.version, tuple(c.years),
                                      frozenset(u.code for u in c.units), is_builtin(c))
            for _record, c in installed_catalogues(data_dir)}


def receive(store: CountyStore, data_dir: str | Path, paths: Iterable[str | Path],
            progress: Progress = None, workers: int | None = None) -> ImportResult:
    """Examine every PDF in ``paths`` and store or quarantine each; see the module's doc.

    ``workers``: processes checking files (default: one per core, or none, checking in
    this process, for fewer than :data:`POOL_FROM` files). Raises
    :class:`CountyError` before anything is done when a path does not exist or no county
    root is installed.
    """
    from ..signing.trust import installed_trust

    started = time.perf_counter()
    data_dir = Path(data_dir)
    pdfs, skipped = find_pdfs(paths)
    if installed_trust(data_dir) is None:
        raise CountyError(msg("county.no_trust"))
    result = ImportResult(skipped=skipped)
    issued = issued_catalogues(data_dir)
    known = frozenset(store.received_hashes())
    if workers is None:  # starting a worker costs more than checking a few files
        workers = (os.cpu_count() or 1) if len(pdfs) >= POOL_FROM else 1
    count = max(1, min(workers, len(pdfs)))
    seen: set[str] = set()

    def record(examined: Examined) -> None:
        try:
            outcome = _store(store, examined, seen)
        except sqlite3.Error as exc:  # another program writing the database, a full disk
            raise CountyError(msg("county.db_failed", path=str(store.path),
                                  detail=Bilingual(str(exc), str(exc)))) from exc
        result.files.append(outcome)
        if progress is not None:
            progress(len(result.files), len(pdfs), outcome.path, outcome)

    if count == 1:  # a few files (or one worker asked for): no process to start
        start_worker(str(data_dir), issued, known, in_worker=False)
        for path in pdfs:
            record(examine(str(path)))
    else:
        _in_workers(pdfs, count, (str(data_dir), issued, known), record)
    result.seconds = time.perf_counter() - started
    log.info("county import: %d PDFs (%d accepted, %d quarantined), %d other files, %.1f s",
             len(pdfs), result.accepted, result.quarantined, skipped, result.seconds)
    return result


def _in_workers(pdfs: list[Path], count: int, initargs: tuple, record) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # spawn: a fresh interpreter per worker, safe in a program with threads (the window)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=count, mp_context=context,
                             initializer=start_worker, initargs=initargs) as pool:
        pending = deque(pool.submit(examine, str(path)) for path in pdfs)
        try:
            while pending:
                record(pending.popleft().result())  # in order; results are not kept
        except BrokenProcessPool as exc:
            raise CountyError(msg("county.worker_failed")) from exc
        finally:
            # Stop pressed, a database fault, a dead worker: files not yet started are
            # dropped, so leaving the pool waits only for the few being checked now.
            for future in pending:
                future.cancel()


def _store(store: CountyStore, ex: Examined, seen: set[str]) -> FileOutcome:
    """Write one file's verdict to the database (one transaction): the outcome."""
    path = Path(ex.path)
    if ex.note:
        log.warning("examining %s failed: %s", path.name, ex.note)
    if ex.sha256 is not None and (ex.duplicate or ex.sha256 in seen):
        earlier = store.received(ex.sha256)
        name = earlier.file_name if earlier else path.name
        return FileOutcome(path, DUPLICATE, ex.sha256, DUPLICATE,
                           msg("county.duplicate", name=name),
                           earlier.unit_code if earlier else ex.unit_code,
                           earlier.unit_name if earlier else None,
                           earlier.year if earlier else ex.year)
    if ex.sha256 is not None:
        seen.add(ex.sha256)
    if ex.refusal is not None:
        return _quarantine(store, ex, ex.refusal)
    payload = json.loads(ex.payload_json or "{}")
    new = NewReport(ex.sha256 or "", payload, ex.payload_json or "", ex.signers, path.name,
                    str(path.resolve()), ex.size)
    unit = payload["unit"]
    name = Bilingual(unit.get("name") or unit["code"], unit.get("name_en") or unit["code"])
    current = store.accepted_for(new.unit_code, new.year)
    if current is not None and not newer_than(new.generated_at, new.signed_at, current):
        return _quarantine(store, ex, msg("county.older_than_received", unit=name,
                                          year=new.year, newer=current.file_name),
                           unit_name=name)
    store.accept(new, supersedes=current)
    return FileOutcome(path, SUPERSEDED if current else ACCEPTED, new.sha256, None, None,
                       new.unit_code, name, new.year,
                       current.sha256 if current else None)


def _quarantine(store: CountyStore, ex: Examined, message: Message,
                unit_name: Bilingual | None = None) -> FileOutcome:
    path = Path(ex.path)
    reason = reason_of(message)
    store.quarantine(ex.sha256, path.name, str(path.resolve()), ex.size, reason, message,
                     ex.unit_code, ex.year)
    return FileOutcome(path, QUARANTINED, ex.sha256, reason, message, ex.unit_code,
                       unit_name, ex.year)


__all__ = ["ACCEPTED", "DUPLICATE", "OUTCOMES", "QUARANTINED", "SUPERSEDED", "Examined",
           "FileOutcome", "ImportResult", "IssuedCatalogue", "check_paths", "examine",
           "find_pdfs",
           "issued_catalogues", "reason_of", "receive"]
