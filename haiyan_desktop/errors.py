"""The one error type of the program: a failure the user reads, with an exit status.

Every module raises a subclass (StoreError, ReportError, SigningError, CatalogueError, …)
where a caller must tell cases apart; front ends catch :class:`HaiyanError` alone: the CLI
prints :meth:`HaiyanError.lines` and exits with :attr:`HaiyanError.status`, the window shows
the lines in a message box. Anything else that escapes is a bug, reported as such.
"""

from __future__ import annotations

from .messages import Message

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2  # success; a check failed; usage or unreadable input


class HaiyanError(Exception):
    """A clear, expected failure: ``message`` in both languages, ``status`` for the CLI."""

    status = EXIT_USAGE

    def __init__(self, message: Message, status: int | None = None):
        super().__init__(message.en)
        self.message = message
        if status is not None:
            self.status = status

    def lines(self, lang: str) -> list[str]:
        """What went wrong, one sentence a line (a catalogue lists every problem, say)."""
        return [self.message.render(lang)]

    def details(self, lang: str) -> list[str]:
        """The items behind it (the rows of a refused file, say): the CLI prints them on
        standard output, where a script reads results."""
        return []


class Refused(HaiyanError):
    """The data or the document failed a check (exit 1): nothing was changed."""

    status = EXIT_FAILED
