"""The report's data: gathered once from the store, fingerprinted, attached to the PDF, read back.

The attached JSON is the canonical record of what the report shows: catalogue (id, version,
sha256), unit, year, state, clerk, every stored value (raw text, value, not-applicable, comment),
every problem, the scores and last year's scores. Its ``fingerprint`` is the sha256 of the
canonical JSON (sorted keys, no spaces, UTF-8) of everything except ``generated_at`` and the
fingerprint itself, so the same data always gives the same fingerprint, in either language.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..assessment import Assessment
from ..catalogue.model import Catalogue
from ..messages import msg, os_reason
from ..scoring import ScoreReport
from ..store import Store, StoredValue, Submission, UnknownSubmission
from ..store.repository import default_actor
from ..validation import Entry
from .errors import ReportError

FORMAT = "haiyan-desktop/report-data"
FORMAT_VERSION = 1
ATTACHMENT_NAME = "haiyan-report-data.json"
ATTACHMENT_MIME = "application/json"
_NOT_HASHED = ("generated_at", "fingerprint")


@dataclass
class ReportData:
    """Everything the document shows, read from the store in one go."""

    catalogue: Catalogue
    submission: Submission
    demo: bool
    clerk: str
    generated_at: datetime
    values: dict[str, StoredValue]
    assessment: Assessment
    previous_year: int | None
    previous: Assessment | None
    payload: dict[str, Any]

    @property
    def fingerprint(self) -> str:
        return self.payload["fingerprint"]

    @property
    def score(self) -> ScoreReport:
        return self.assessment.score

    @property
    def draft(self) -> bool:
        """Shown with the 草稿 watermark: not checked yet, or reopened after signing."""
        return self.submission.state in ("draft", "reopened")


def latest_actor(store: Store, submission: Submission,
                 values: dict[str, StoredValue]) -> str:
    """Who made the latest edit of the submission's values (its creator when none)."""
    if values:
        latest = max(values.values(), key=lambda v: (v.updated_at, v.code))
        return latest.actor
    rows = store.history(submission)
    return rows[0]["actor"] if rows else store.actor


def entered_by(store: Store, submission: Submission, values: dict[str, StoredValue]) -> str:
    """The clerk a report names when none is given: who made the latest edit, unless the audit
    trail knows them only by this computer's login name (what it records when nobody named a
    clerk); then nobody (""), so a login name such as "root" is never printed as 填报人."""
    actor = latest_actor(store, submission, values)
    return "" if actor == default_actor() else actor


def collect(store: Store, submission: Submission, clerk: str | None = None,
            generated_at: datetime | None = None) -> ReportData:
    """Read the submission, score it and last year's, and build the fingerprinted payload.

    ``clerk`` is the 填报人 the report names; None means :func:`entered_by`. A name read back
    from a report (possibly "", nobody) is taken as it is, so the same data gives the same
    fingerprint on any computer.
    """
    catalogue = store.catalogue(submission.catalogue_sha256)
    values = store.values(submission)
    assessment = store.assess(submission)
    previous_year: int | None = None
    previous: Assessment | None = None
    try:
        last = store.submission(submission.unit.code, submission.year - 1)
    except UnknownSubmission:
        pass
    else:
        previous_year, previous = last.year, store.assess(last)
    clerk = entered_by(store, submission, values) if clerk is None else clerk.strip()
    demo = store.is_demo
    payload = build_payload(catalogue, submission, demo, clerk, values, assessment,
                            previous_year, previous)
    when = stamp(payload, generated_at)
    return ReportData(catalogue, submission, demo, clerk, when, values, assessment,
                      previous_year, previous, payload)


def build_payload(catalogue: Catalogue, submission: Submission, demo: bool, clerk: str,
                  values: dict[str, StoredValue], assessment: Assessment,
                  previous_year: int | None, previous: Assessment | None) -> dict[str, Any]:
    """The canonical data (without generation time and fingerprint)."""
    order = {ind.code: n for n, ind in enumerate(catalogue.walk())}
    codes = sorted(values, key=lambda c: (order.get(c, len(order)), c))
    unit = submission.unit
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "catalogue": {"id": catalogue.id, "version": catalogue.version,
                      "sha256": catalogue.sha256},
        "unit": {"code": unit.code, "name": unit.name.zh, "name_en": unit.name.en,
                 "kind": unit.kind},
        "year": submission.year,
        "state": submission.state,
        "demo": demo,
        "clerk": clerk,
        "values": [{"code": c, "raw": values[c].raw, "value": values[c].value,
                    "na": values[c].na, "comment": values[c].comment} for c in codes],
        "problems": [{"code": p.code, "rule": p.rule, "severity": p.severity, "value": p.value,
                      "message": p.message.zh, "message_en": p.message.en,
                      "commented": p.commented} for p in assessment.check.problems],
        "scores": scores_json(assessment.score),
        "previous": None if previous is None else {
            "year": previous_year, **scores_json(previous.score, leaves=False)},
    }


def scores_json(report: ScoreReport, leaves: bool = True) -> dict[str, Any]:
    """The scores as ``check --json`` prints them, with names in both languages."""
    data = report.to_json("zh")
    names = {d.code: d.name for d in report.domains}
    names.update({f.code: f.name for d in report.domains for f in d.children})
    names.update({c: leaf.name for c, leaf in report.leaves.items()})

    def add_en(node: dict[str, Any]) -> None:
        node["name_en"] = names[node["code"]].en
        for child in node.get("indicators", []):
            add_en(child)

    for domain in data["domains"]:
        add_en(domain)
    if leaves:
        for leaf in data["indicators"]:
            add_en(leaf)
    else:
        del data["indicators"], data["missing"]
    return data


def canonical_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def fingerprint_of(payload: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of the payload without generation time and fingerprint."""
    hashed = {k: v for k, v in payload.items() if k not in _NOT_HASHED}
    return hashlib.sha256(canonical_bytes(hashed)).hexdigest()


def stamp(payload: dict[str, Any], generated_at: datetime | None = None) -> datetime:
    """Add the generation time (local, to the second; default now) and the fingerprint to a
    canonical payload, as every printed document of ours carries them; returns the time."""
    when = (generated_at or datetime.now().astimezone()).replace(microsecond=0)
    if when.tzinfo is None:
        when = when.astimezone()
    payload["generated_at"] = when.isoformat()
    payload["fingerprint"] = fingerprint_of(payload)
    return when


def attachment_bytes(payload: dict[str, Any]) -> bytes:
    """The JSON file attached to the PDF: readable, keys in payload order.

    Laid out by hand (a key or a list entry a line, the scores' entries too) around pieces
    written by json's C encoder: ``indent=`` would use its pure-Python encoder, ten times
    slower on a report's worth of data.
    """
    return (_layout(payload, "") + "\n").encode("utf-8")


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def _layout(value: Any, indent: str) -> str:
    """A dict (two levels deep) or a list (three) with an entry a line, ``indent`` deep;
    anything else, and anything deeper, compact."""
    inner = indent + " "
    if isinstance(value, dict) and value and len(indent) < 2:
        entries = [f"{inner}{_compact(k)}: {_layout(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(entries) + "\n" + indent + "}"
    if isinstance(value, list) and value and len(indent) < 3:
        entries = [f"{inner}{_compact(v)}" for v in value]
        return "[\n" + ",\n".join(entries) + "\n" + indent + "]"
    return _compact(value)


def made_from_sample_data(data: dict[str, Any]) -> bool:
    """Whether report data (as read back) comes from the demo database: such a report is for
    training only, whatever its signatures."""
    return data.get("demo") is not False


def entries_from_data(data: dict[str, Any]) -> dict[str, Entry]:
    """The values of report data as entries for :meth:`Store.set_values` (import elsewhere)."""
    return {v["code"]: Entry(v["raw"], v["comment"] or "", bool(v["na"]))
            for v in data["values"]}


# --- reading the data back from a PDF ----------------------------------------------------------
_EMBEDDED_FILE = re.compile(rb"/Type\s*/EmbeddedFile(?![A-Za-z0-9])")
_STREAM = re.compile(rb"stream(\r\n|\n|\r)")


def read_report_data(path: str | Path) -> dict[str, Any]:
    """The data attached to a report made by this app, checked against its fingerprint.

    Raises :class:`ReportError` when the file cannot be read, is not a PDF, carries no report
    data of ours, or the data is damaged or was changed after the report was made.
    """
    return read_attached_data(path, FORMAT)


def report_data_of(content: bytes, shown: str) -> dict[str, Any]:
    """:func:`read_report_data` for the bytes of a file; ``shown`` names it in messages."""
    return attached_data_of(content, shown, FORMAT)


def read_attached_data(path: str | Path, data_format: str) -> dict[str, Any]:
    """:func:`attached_data_of` for a file (one more sentence: it cannot be read)."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise ReportError(msg("report.unreadable", path=str(path),
                              detail=os_reason(exc))) from exc
    return attached_data_of(content, str(path), data_format)


def attached_data_of(content: bytes, shown: str, data_format: str) -> dict[str, Any]:
    """The JSON attachment of ``data_format`` in a PDF, checked against its fingerprint;
    :class:`ReportError` with one sentence (and its reason code) for not a PDF, no data,
    damaged data, data changed. ``shown`` names the file in the sentences."""
    if not content[:1024].lstrip().startswith(b"%PDF-"):
        raise ReportError(msg("report.not_pdf", path=shown))
    found, broken = attached_json(content, data_format)
    if found is None:
        key = "report.broken_data" if broken else "report.no_data"
        raise ReportError(msg(key, path=shown))
    if not isinstance(found.get("fingerprint"), str) or fingerprint_of(found) \
            != found["fingerprint"]:
        raise ReportError(msg("report.data_altered", path=shown))
    return found


def attached_json(content: bytes, data_format: str) -> tuple[dict[str, Any] | None, bool]:
    """The last attached JSON whose ``format`` is ``data_format`` (an incremental update
    appends), unchecked, or None; and whether some attachment could not be decoded."""
    found: dict[str, Any] | None = None
    broken = False
    for stream in embedded_streams(content):
        if stream is None:
            broken = True
            continue
        try:
            data = json.loads(stream.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            continue  # someone else's attachment
        if isinstance(data, dict) and data.get("format") == data_format:
            found = data  # the last one wins
    return found, broken


def embedded_streams(content: bytes) -> list[bytes | None]:
    """The decoded content of every /EmbeddedFile stream (None for one that cannot be decoded).

    Stream dictionaries are never inside compressed object streams, so a plain scan finds them
    in any PDF, also one that a signing step has extended by an incremental update.
    """
    out: list[bytes | None] = []
    for match in _EMBEDDED_FILE.finditer(content):
        start = content.rfind(b" obj", 0, match.start())
        stream = _STREAM.search(content, match.end())
        if start < 0 or stream is None:
            continue
        between = content[match.end():stream.start()]
        if b"endobj" in between:  # not a stream object after all
            continue
        header = content[start:stream.start()]
        end = content.find(b"endstream", stream.end())
        if end < 0:
            out.append(None)
            continue
        raw = content[stream.end():end]
        if b"/FlateDecode" in header:
            try:
                out.append(zlib.decompressobj().decompress(raw))
            except zlib.error:
                out.append(None)
        elif b"/Filter" in header:
            out.append(None)  # a filter we do not write
        else:
            out.append(raw.rstrip(b"\r\n"))
    return out
