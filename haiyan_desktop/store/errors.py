"""Why the store refused to do something, as one bilingual sentence."""

from __future__ import annotations

from pathlib import Path

from ..errors import EXIT_FAILED, HaiyanError
from ..messages import msg
from ..validation.problems import Problem


class StoreError(HaiyanError):
    """A refusal the user must read: nothing was changed."""


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
    status = EXIT_FAILED


class BadTransition(StoreError):
    status = EXIT_FAILED


class ValueRejected(StoreError):
    """An edit failed validation; ``problems`` says why, field by field."""

    status = EXIT_FAILED

    def __init__(self, problems: list[Problem]):
        first = problems[0].message
        super().__init__(first)
        self.problems = problems


class NotReady(StoreError):
    """The submission cannot be marked checked yet; ``problems`` lists what blocks it."""

    status = EXIT_FAILED

    def __init__(self, problems: list[Problem], missing: list[str]):
        super().__init__(msg("store.not_ready", errors=sum(p.is_error for p in problems),
                             warnings=sum(not p.is_error for p in problems),
                             missing=len(missing)))
        self.problems = problems
        self.missing = missing

    def details(self, lang: str) -> list[str]:
        from ..messages import render

        lines = [f"  {p.code} [{p.rule}] {p.message.render(lang)}" for p in self.problems]
        if self.missing:
            lines.append(f"{render('cli.missing', lang)}: {', '.join(self.missing)}")
        return lines
