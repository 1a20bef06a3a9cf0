"""Why the store refused to do something, as one bilingual sentence."""

from __future__ import annotations

from pathlib import Path

from ..messages import Message, msg
from ..validation.problems import Problem


class StoreError(Exception):
    """A refusal the user must read: nothing was changed."""

    def __init__(self, message: Message):
        super().__init__(message.en)
        self.message = message


class NewerDatabase(StoreError):
    pass


class CorruptDatabase(StoreError):
    def __init__(self, path: Path, backup: Path | None):
        key = "store.corrupt_with_backup" if backup else "store.corrupt_no_backup"
        super().__init__(msg(key, path=str(path), backup=str(backup or "")))
        self.backup = backup


class DataDirLocked(StoreError):
    pass


class UnknownSubmission(StoreError):
    pass


class SubmissionLocked(StoreError):
    pass


class BadTransition(StoreError):
    pass


class ValueRejected(StoreError):
    """An edit failed validation; ``problems`` says why, field by field."""

    def __init__(self, problems: list[Problem]):
        first = problems[0].message
        super().__init__(first)
        self.problems = problems


class NotReady(StoreError):
    """The submission cannot be marked checked yet; ``problems`` lists what blocks it."""

    def __init__(self, problems: list[Problem], missing: list[str]):
        super().__init__(msg("store.not_ready", errors=sum(p.is_error for p in problems),
                             warnings=sum(not p.is_error for p in problems),
                             missing=len(missing)))
        self.problems = problems
        self.missing = missing
