"""What the window's start leaves until the window has painted, and then does.

- Opening the window makes a few hundred thousand objects that live as long as the program
  (modules, classes, PySide6's types, the catalogue, the widgets' wrappers) and almost no
  garbage, so the collector's passes during the start only cost time (~10 ms on this stack,
  benchmarks/gui.py). :func:`pause_collection` stops it when the window is asked for;
  :func:`resume_collection` (after the first paint, or after ``RESUME_AFTER_MS`` whatever
  happens) freezes those objects out of its way once and starts it again. This module is the
  only place the program touches the collector.
- A few seconds after that, :func:`warm_up_reports` loads reportlab and the report's fonts on
  a worker thread (jobs.report.warm_up), so the first PDF export does not pay for them.
"""

from __future__ import annotations

import gc

RESUME_AFTER_MS = 3000  # at the latest, even if no window ever paints (a first-run dialog)
WARM_UP_AFTER_MS = 2000  # after the first paint: the clerk is reading, not yet typing
_frozen = False
_warmed = False


def pause_collection() -> None:
    gc.disable()


def resume_collection() -> None:
    """Idempotent: freezes the start's objects the first time, then collects as usual."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()
    gc.enable()


def after_first_paint() -> None:
    from PySide6.QtCore import QTimer

    resume_collection()
    QTimer.singleShot(WARM_UP_AFTER_MS, warm_up_reports)


def warm_up_reports() -> None:
    """Once per process, on the worker pool: nothing is shown, and a failure is only logged
    (the export that needs the fonts says what is wrong)."""
    global _warmed
    if _warmed:
        return
    _warmed = True
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().start(_warm_up)


def _warm_up() -> None:
    import logging

    from ..jobs.report import warm_up

    try:
        warm_up()
    except Exception:  # a missing or broken font: the real build reports it in words
        logging.getLogger(__name__).debug("report warm-up failed", exc_info=True)
