"""Undo/redo of entries: each step, undo and redo included, is committed and audited."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ..session import EntrySession
from ..validation import Entry


class SetEntryCommand(QUndoCommand):
    """Replace one indicator's entry. Pushed only after the first change was accepted."""

    def __init__(self, session: EntrySession, code: str, old: Entry, new: Entry,
                 text: str, changed: Callable[[str], None]):
        super().__init__(text)
        self.session, self.code, self.old, self.new = session, code, old, new
        self._changed = changed
        self._first = True  # the edit itself already happened when the command is pushed

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self.new, "redo")

    def undo(self) -> None:
        self._apply(self.old, "undo")

    def _apply(self, entry: Entry, reason: str) -> None:
        result = self.session.apply(self.code, entry, reason=reason)
        if not result.accepted:  # e.g. the submission was signed meanwhile
            self.setObsolete(True)
        self._changed(self.code)
