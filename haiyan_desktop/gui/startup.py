"""What the window's start leaves until the window has painted, and then does.

- PySide6 builds the Python enums of its ``Qt`` namespace, about 90 of them (30–45 ms), the
  first time Python touches it. The start path never does (see roles.py), so they are built
  here, while the clerk looks at the window rather than at the first key pressed.
- The objects made to open the window (modules, classes, the catalogue, the widgets'
  wrappers) live as long as the program: ``gc.freeze()`` moves them out of the collector's
  way once, after the first window's first paint, so that later collections only walk what
  the clerk's work creates. This is the one place the program touches the collector.
"""

from __future__ import annotations

import gc

_frozen = False  # once per program: a rebuilt window (another unit) is the clerk's work


def after_first_paint() -> None:
    global _frozen
    from PySide6 import QtCore

    QtCore.Qt  # noqa: B018 (the attribute access builds it)
    if not _frozen:
        _frozen = True
        gc.freeze()
