"""The audit trail: one row per accepted change, each row's hash covering the one before.

A submission's rows form a chain: ``hash = sha256(prev_hash + canonical JSON of the row)``.
The submission keeps the number of rows and the newest hash, so a row that was edited, deleted
(also the last one), inserted or moved out of order is found by :func:`verify_chain`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any, NamedTuple

from ..messages import Message, msg
from .database import rows

GENESIS = "0" * 64
CONTENT_FIELDS = ("submission_id", "seq", "at", "actor", "action", "code", "old_json",
                  "new_json", "reason")


def row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    content = json.dumps({k: row.get(k) for k in CONTENT_FIELDS}, ensure_ascii=False,
                         sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + "\n" + content).encode("utf-8")).hexdigest()


def append(con: sqlite3.Connection, submission_id: int, at: str, actor: str, action: str,
           code: str | None = None, old: Any = None, new: Any = None,
           reason: str | None = None) -> dict[str, Any]:
    """Add one audit row inside the caller's transaction and move the chain's head."""
    sub = con.execute("SELECT audit_count, audit_head FROM submissions WHERE id = ?",
                      [submission_id]).fetchone()
    count, head = (sub[0] or 0), (sub[1] or GENESIS)
    row = {"submission_id": submission_id, "seq": count + 1, "at": at, "actor": actor,
           "action": action, "code": code, "old_json": _json(old), "new_json": _json(new),
           "reason": reason, "prev_hash": head}
    row["hash"] = row_hash(head, row)
    con.execute(f"INSERT INTO audit ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()))
    con.execute("UPDATE submissions SET audit_count = ?, audit_head = ? WHERE id = ?",
                [row["seq"], row["hash"], submission_id])
    return row


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


class Finding(NamedTuple):
    seq: int | None
    kind: str  # edited | deleted | out_of_order | truncated
    message: Message


def verify_chain(con: sqlite3.Connection, submission_id: int) -> list[Finding]:
    """Every break in the submission's chain; an empty list means it is intact."""
    chain = rows(con, "SELECT * FROM audit WHERE submission_id = ? ORDER BY id",
                 [submission_id])
    findings: list[Finding] = []
    by_seq = sorted(chain, key=lambda r: r["seq"])
    if [r["id"] for r in by_seq] != [r["id"] for r in chain]:
        findings.append(Finding(None, "out_of_order", msg("audit.out_of_order")))
    prev_hash, expected_seq = GENESIS, 1
    for row in by_seq:
        if row["seq"] != expected_seq:
            findings.append(Finding(row["seq"], "deleted", msg(
                "audit.deleted", first=expected_seq, last=row["seq"] - 1)))
        elif row["prev_hash"] != prev_hash:
            findings.append(Finding(row["seq"], "out_of_order",
                                    msg("audit.bad_link", seq=row["seq"])))
        if row_hash(row["prev_hash"], row) != row["hash"]:
            findings.append(Finding(row["seq"], "edited", msg("audit.edited", seq=row["seq"])))
        prev_hash, expected_seq = row["hash"], row["seq"] + 1
    sub = con.execute("SELECT audit_count, audit_head FROM submissions WHERE id = ?",
                      [submission_id]).fetchone()
    count, head = (sub[0] or 0, sub[1] or GENESIS) if sub else (0, GENESIS)
    if count != len(chain) or head != prev_hash:
        if count > expected_seq - 1:
            findings.append(Finding(None, "truncated", msg(
                "audit.truncated", first=expected_seq, last=count)))
        elif not findings:
            findings.append(Finding(None, "edited", msg("audit.head_mismatch")))
    return findings
