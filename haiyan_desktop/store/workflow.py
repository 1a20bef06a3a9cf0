"""Submission states and the moves between them (pure rules; the store enforces them).

draft → checked (no errors, every warning commented, every required value given or marked
not applicable) → signed (read-only) → reopened (needs a reason) → checked → signed …
An edit of a checked submission sends it back to draft (or reopened): the check is stale.
"""

from __future__ import annotations

from ..messages import Bilingual

DRAFT, CHECKED, SIGNED, REOPENED = "draft", "checked", "signed", "reopened"
STATES = (DRAFT, CHECKED, SIGNED, REOPENED)
LABELS = {
    DRAFT: Bilingual("草稿", "Draft"),
    CHECKED: Bilingual("已校验", "Checked"),
    SIGNED: Bilingual("已签名", "Signed"),
    REOPENED: Bilingual("已重开", "Reopened"),
}
ACTION_LABELS = {
    "mark_checked": Bilingual("标记为已校验", "mark as checked"),
    "mark_signed": Bilingual("签名", "sign"),
    "reopen": Bilingual("重开", "reopen"),
    "edit": Bilingual("修改", "edit"),
}
EDITABLE = frozenset({DRAFT, CHECKED, REOPENED})
MOVES = {
    ("mark_checked", DRAFT): CHECKED,
    ("mark_checked", REOPENED): CHECKED,
    ("mark_checked", CHECKED): CHECKED,
    ("mark_signed", CHECKED): SIGNED,
    ("reopen", SIGNED): REOPENED,
    ("edit", CHECKED): DRAFT,
    ("edit", DRAFT): DRAFT,
    ("edit", REOPENED): REOPENED,
}


def next_state(action: str, state: str) -> str | None:
    """The state after ``action``, or None when the move is not allowed."""
    return MOVES.get((action, state))
