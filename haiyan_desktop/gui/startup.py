"""What the window's start leaves until the window has painted, and then does.

- Opening the window makes a few hundred thousand objects that live as long as the program
  (modules, classes, PySide6's types, the catalogue, the widgets' wrappers) and almost no
  garbage, so the collector's passes during the start only cost time (~10 ms on this stack,
  benchmarks/gui.py). :func:`pause_collection` stops it when the window is asked for;
  :func:`resume_collection` (after the first paint, or after ``RESUME_AFTER_MS`` whatever
  happens) freezes those objects out of its way once and starts it again. This module is the
  only place the program touches the collector.
"""

from __future__ import annotations

import gc

RESUME_AFTER_MS = 3000  # at the latest, even if no window ever paints (a first-run dialog)
_frozen = False


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
    resume_collection()
