"""Support logs: what the program did and where it failed, never what the clerk entered.

One log per data folder, ``<data folder>/logs/haiyan.log`` (UTF-8, 1 MB, then renamed to
``haiyan.log.1`` … ``.3``), shared by the window and the commands (each line names the program
and its process). :func:`start_logging` begins it with the versions in use and
:func:`stop_logging` ends it; in between, :func:`log_job` records each piece of work: started,
finished with its outcome and time, or failed with its traceback. When the data folder cannot be
written (a read-only share, a CD), the log goes to the temporary folder instead
(``<temp>/haiyan-desktop-logs``) and the session says so (:meth:`LogSession.fallback_message`),
for the caller to tell the user once.

A crash that kills the interpreter (a fault in Qt or another C library) leaves no Python
traceback: :mod:`faulthandler` writes the threads' stacks into ``logs/crash-<time>-<pid>.txt``,
opened at the start with one header line and removed again on a clean stop. A file with more
than its header is what a run that died left behind; :func:`previous_crash` finds it at the next
start (once: it is renamed ``….reported.txt``) so the program can say where it is.

**What may be logged.** Job names, outcomes in words, counts, timings, versions, file and
folder paths, exception types and tracebacks. **Never** a value (figure), a comment, a
passphrase, a private key or a certificate's content: callers pass names and outcomes, not
data. Tracebacks name code, not data (no local variables are logged), and an exception's own
text is logged with its quoted parts and figures blanked (:func:`scrub_text`), since Python's
messages often repeat what was typed (``could not convert string to float: '98765.43'``);
quoted paths are kept.

Standard library only: Python's ``logging`` with its ``RotatingFileHandler``; no hand-made
logger.
"""

from __future__ import annotations

import atexit
import faulthandler
import logging
import os
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import IO, Any

from . import APP_NAME, __version__
from .messages import Message, msg, os_reason

LOGS_FOLDER = "logs"
LOG_NAME = "haiyan.log"
FALLBACK_FOLDER = "haiyan-desktop-logs"  # under tempfile.gettempdir()
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 3
CRASH_PREFIX = "crash-"
CRASH_SUFFIX = ".txt"
REPORTED_SUFFIX = ".reported.txt"
CRASH_HEADER = "# haiyan-desktop crash record"
KEEP_REPORTED = 10  # reported crash files kept (the oldest go)
STALE_SECONDS = 30 * 24 * 3600  # a header-only file this old belongs to no live run
PACKAGE_LOGGER = "haiyan_desktop"  # modules log with logging.getLogger(__name__)
ACTION_ATTRIBUTE = "haiyan_action"  # set on an exception that escaped log_job(action=...)

log = logging.getLogger(PACKAGE_LOGGER)


# --- what a traceback may say -------------------------------------------------------------------
@cache  # compiled when first needed: not part of the window's start
def _quoted_or_figure() -> re.Pattern[str]:
    return re.compile(
        r"'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’"  # quoted text
        r"|(?<![\w.])[-+]?\d[\d,_]*\.\d+(?:[eE][-+]?\d+)?"  # a figure with decimals
        r"|(?<![\w.])\d{5,}(?![\w.])")  # a long whole number


def scrub_text(text: str) -> str:
    """``text`` with its quoted parts (except paths) and its figures blanked.

    >>> scrub_text("could not convert string to float: '98765.4321'")
    "could not convert string to float: '…'"
    """
    def blank(match: re.Match[str]) -> str:
        found = match.group(0)
        if not found[0].isdigit() and found[0] not in "+-":  # quoted
            inner = found[1:-1]
            if "/" in inner or "\\" in inner:  # a path: needed, and not a value
                return found
            return f"{found[0]}…{found[-1]}" if inner else found
        return "#"

    return _quoted_or_figure().sub(blank, text)


def _exception_line(exc: BaseException) -> str:
    kind = type(exc)
    name = kind.__qualname__ if kind.__module__ in ("builtins", "__main__") else (
        f"{kind.__module__}.{kind.__qualname__}")
    try:
        text = str(exc)
    except Exception:  # a broken __str__
        text = "<unprintable>"
    return f"{name}: {scrub_text(text)}" if text else name


def describe_exception(exc: BaseException) -> str:
    """The traceback of ``exc`` and the exceptions it was raised from, as Python prints it,
    with each exception's text scrubbed (:func:`scrub_text`)."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, (
                "\nThe above exception was the direct cause of the following exception:\n\n")
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, (
                "\nDuring handling of the above exception, another exception occurred:\n\n")
        else:
            current = None
    parts: list[str] = []
    for i, (item, _) in enumerate(reversed(chain)):
        if i:  # the sentence joining it to the one before (stored with the later exception)
            parts.append(chain[len(chain) - i][1])
        if item.__traceback__ is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(item.__traceback__))
        parts.append(_exception_line(item) + "\n")
    return "".join(parts).rstrip("\n")


class _Formatter(logging.Formatter):
    """Any exception logged (``log.exception``, ``exc_info=``) goes through the scrubber."""

    def formatException(self, ei: Any) -> str:  # (logging's name)
        return describe_exception(ei[1]) if ei and ei[1] is not None else ""


# --- the log file -------------------------------------------------------------------------------
# --- a run's session ----------------------------------------------------------------------------
class LogSession:
    """Where this run logs. ``logs_dir`` is None when no folder could be written at all.

    (A plain class, as is :class:`Job`: a dataclass costs a millisecond of the window's start.)
    """

    def __init__(self, program: str, wanted_dir: Path, logs_dir: Path | None,
                 problem: OSError | None = None):
        self.program = program
        self.wanted_dir = wanted_dir  # <data folder>/logs
        self.logs_dir = logs_dir
        self.log_file: Path | None = logs_dir / LOG_NAME if logs_dir else None
        self.crash_file: Path | None = None
        self.problem = problem  # why wanted_dir could not be used
        self.started = time.monotonic()
        self._handlers: list[logging.Handler] = []
        self._crash_stream: IO[str] | None = None
        self._crash_header_bytes = 0
        self._faulthandler_was_enabled = False
        self._levels = (logging.root.level, log.level)

    def __repr__(self) -> str:
        return (f"LogSession(program={self.program!r}, logs_dir={self.logs_dir!r}, "
                f"fallback={self.fallback})")

    @property
    def fallback(self) -> bool:
        """True when the log is not in the data folder (the caller tells the user once)."""
        return self.logs_dir != self.wanted_dir

    def fallback_message(self) -> Message | None:
        """The sentence to show once when the log is not where it should be, else None."""
        if not self.fallback:
            return None
        if self.logs_dir is None:
            return msg("logs.nowhere", wanted=str(self.wanted_dir))
        return msg("logs.fallback", wanted=str(self.wanted_dir), path=str(self.logs_dir))


_session: LogSession | None = None
_atexit_registered = False


def current_session() -> LogSession | None:
    return _session


def log_file_path() -> Path | None:
    """The file this run logs to (for "详细信息已记录在 …"), or None when it logs nowhere."""
    return _session.log_file if _session else None


def logs_dir_path() -> Path | None:
    """The folder of this run's log and crash files, or None."""
    return _session.logs_dir if _session else None


def fallback_dir() -> Path:
    return Path(tempfile.gettempdir()) / FALLBACK_FOLDER


def platform_text() -> str:
    """The operating system in one line, without importing ``platform`` (4 ms)."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        v = sys.getwindowsversion()
        return f"Windows {v.major}.{v.minor}.{v.build}"
    u = os.uname()
    return f"{u.sysname} {u.release} {u.machine}"


def _open_log(folder: Path, max_bytes: int, backup_count: int) -> logging.Handler:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    from logging.handlers import RotatingFileHandler

    return RotatingFileHandler(folder / LOG_NAME, maxBytes=max_bytes,
                               backupCount=backup_count, encoding="utf-8")


def start_logging(data_dir: str | Path, *, verbose: bool = False, program: str = "cli",
                  qt_version: str | None = None, pyside_version: str | None = None,
                  catalogue: str | None = None, max_bytes: int = MAX_BYTES,
                  backup_count: int = BACKUP_COUNT) -> LogSession:
    """Log this run into ``<data_dir>/logs/haiyan.log`` (else the temporary folder), arm the
    crash file, and write the start line. ``verbose`` also logs to stderr (debug included).

    Qt's and PySide6's versions and the catalogue are named on the start line when given (the
    window passes them; the commands do not import Qt). A second call ends the first session.
    Never raises for a folder problem: see :attr:`LogSession.fallback`.
    """
    global _session, _atexit_registered
    stop_logging()
    wanted = Path(data_dir) / LOGS_FOLDER
    handler: logging.Handler | None = None
    problem: OSError | None = None
    logs_dir: Path | None = None
    for folder in (wanted, fallback_dir()):
        try:
            handler = _open_log(folder, max_bytes, backup_count)
        except OSError as exc:
            problem = problem or exc
            continue
        logs_dir = folder
        break
    session = LogSession(program, wanted, logs_dir, problem if logs_dir != wanted else None)
    pattern = f"%(asctime)s %(levelname)-7s {program.replace('%', '%%')}[%(process)d] " \
              "%(name)s: %(message)s"
    if handler is not None:
        handler.setFormatter(_Formatter(pattern))
        session._handlers.append(handler)
    if verbose and sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(_Formatter("%(levelname)s %(name)s: %(message)s"))
        session._handlers.append(stream)
    for h in session._handlers:
        logging.root.addHandler(h)
    if not logging.root.level or logging.root.level > logging.WARNING:
        logging.root.setLevel(logging.WARNING)  # other libraries: their warnings and errors
    log.setLevel(logging.DEBUG if verbose else logging.INFO)
    if logs_dir is not None:
        _arm_crash_file(session, logs_dir)
    _session = session
    if not _atexit_registered:  # a command that exits early still ends its session cleanly
        atexit.register(stop_logging)
        _atexit_registered = True

    facts = [f"{APP_NAME} {__version__} ({program})",
             f"Python {sys.version.split()[0]}", platform_text()]
    if pyside_version:
        facts.append(f"PySide6 {pyside_version}")
    if qt_version:
        facts.append(f"Qt {qt_version}")
    if catalogue:
        facts.append(f"catalogue {catalogue}")
    if getattr(sys, "frozen", False):
        facts.append("installed build")
    log.info("start: %s; data folder %s", ", ".join(facts), Path(data_dir))
    if session.fallback:
        log.warning("the log folder %s cannot be written (%s); logging to %s",
                    wanted, os_reason(problem).en if problem else "?", logs_dir)
    return session


def _arm_crash_file(session: LogSession, logs_dir: Path) -> None:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = logs_dir / f"{CRASH_PREFIX}{stamp}-{os.getpid()}{CRASH_SUFFIX}"
    header = (f"{CRASH_HEADER}: {APP_NAME} {__version__} ({session.program}), "
              f"pid {os.getpid()}, started {datetime.now().astimezone().isoformat()}\n")
    try:
        stream = open(path, "w", encoding="utf-8")  # noqa: SIM115 (open for the whole run)
    except OSError:
        return  # no crash record then; the log itself still works
    try:
        stream.write(header)
        stream.flush()
        session._faulthandler_was_enabled = faulthandler.is_enabled()
        faulthandler.enable(file=stream, all_threads=True)
    except (OSError, ValueError, RuntimeError):
        stream.close()
        path.unlink(missing_ok=True)
        return
    session.crash_file = path
    session._crash_stream = stream
    session._crash_header_bytes = len(header.encode("utf-8"))


def stop_logging() -> None:
    """Write the stop line, close the log, and remove this run's crash file when nothing was
    written to it. Safe to call twice (it also runs at exit)."""
    global _session
    session, _session = _session, None
    if session is None:
        return
    log.info("stop: ran %.1f s", time.monotonic() - session.started)
    for h in session._handlers:
        logging.root.removeHandler(h)
        h.close()
    logging.root.setLevel(session._levels[0])
    log.setLevel(session._levels[1])
    stream = session._crash_stream
    if stream is not None:
        faulthandler.disable()
        if session._faulthandler_was_enabled and sys.__stderr__ is not None:
            # as it was (pytest, python -X faulthandler): onto the standard error
            with suppress(OSError, ValueError, RuntimeError):
                faulthandler.enable(file=sys.__stderr__, all_threads=True)
        stream.close()
        path = session.crash_file
        try:
            if path is not None and path.stat().st_size <= session._crash_header_bytes:
                path.unlink()
        except OSError:
            pass


# --- crash files of earlier runs ----------------------------------------------------------------
def _crashed(path: Path) -> bool:
    """True when something was written after the header line."""
    data = path.read_bytes()
    _, _, rest = data.partition(b"\n")
    return bool(rest.strip())


def previous_crash(logs_dir: str | Path | None, *, now: float | None = None) -> Path | None:
    """The crash record of an earlier run that died, not reported before, else None.

    Each such file is renamed ``crash-….reported.txt`` (so it is said once, even with two
    programs starting together) and the newest is returned. Records of runs that ended without
    writing anything are removed once a month old (a live run's own file is never touched:
    it is this session's, or younger); only the newest ``KEEP_REPORTED`` reported ones stay.
    """
    if logs_dir is None:
        return None
    folder = Path(logs_dir)
    if not folder.is_dir():
        return None
    mine = _session.crash_file if _session else None
    now = time.time() if now is None else now
    newest: Path | None = None
    for path in sorted(folder.glob(f"{CRASH_PREFIX}*{CRASH_SUFFIX}")):
        if path.name.endswith(REPORTED_SUFFIX) or path == mine:
            continue
        try:
            if not _crashed(path):
                if now - path.stat().st_mtime > STALE_SECONDS:
                    path.unlink()
                continue
            reported = path.with_name(path.name[:-len(CRASH_SUFFIX)] + REPORTED_SUFFIX)
            path.rename(reported)  # fails for all but one program starting at the same time
        except OSError:
            continue
        newest = reported  # sorted by name: by time
    for old in sorted(folder.glob(f"{CRASH_PREFIX}*{REPORTED_SUFFIX}"))[:-KEEP_REPORTED]:
        with suppress(OSError):
            old.unlink()
    return newest


# --- jobs ---------------------------------------------------------------------------------------
class Job:
    """What :func:`log_job` yields: set ``outcome`` to say how it ended in words and counts
    (``"stored 12, rejected 1"``), never values."""

    __slots__ = ("name", "outcome")

    def __init__(self, name: str, outcome: str = "ok"):
        self.name = name
        self.outcome = outcome


def job_started(name: str) -> None:
    log.info("job started: %s", name)


def job_finished(name: str, outcome: str = "ok", seconds: float | None = None) -> None:
    took = f" in {seconds:.2f} s" if seconds is not None else ""
    log.info("job finished: %s: %s%s", name, outcome, took)


def log_exception(exc: BaseException, what: str = "unexpected error") -> None:
    """Log ``exc``'s traceback (scrubbed) as an error."""
    log.error("%s: %s\n%s", what, type(exc).__name__, describe_exception(exc))


def action_of(exc: BaseException) -> str | None:
    """The action (in the user's words) during which ``exc`` escaped a :func:`log_job`."""
    action = getattr(exc, ACTION_ATTRIBUTE, None)
    return action if isinstance(action, str) else None


@contextmanager
def log_job(name: str, *, action: str | None = None,
            expected: tuple[type[BaseException], ...] = ()) -> Iterator[Job]:
    """Log the start and the end of a piece of work, and the traceback if it fails.

    ``expected`` are the refusals the user is told about (a rejected value, a locked data
    folder): logged as the outcome, without a traceback. Anything else is logged with its
    traceback and re-raised, carrying ``action`` (what the user was doing, in their words;
    :func:`action_of`) for the error dialog. ``name`` and outcomes follow the module's rule.
    """
    job = Job(name)
    job_started(name)
    began = time.monotonic()
    try:
        yield job
    except expected as exc:
        job_finished(name, f"refused ({type(exc).__name__})", time.monotonic() - began)
        raise
    except Exception as exc:
        log_exception(exc, f"job failed: {name}")
        if action is not None and action_of(exc) is None:  # the innermost job names it
            with suppress(AttributeError):  # (an exception type with __slots__)
                setattr(exc, ACTION_ATTRIBUTE, action)
        raise
    except BaseException as exc:  # KeyboardInterrupt, SystemExit
        job_finished(name, f"interrupted ({type(exc).__name__})", time.monotonic() - began)
        raise
    job_finished(name, job.outcome, time.monotonic() - began)
