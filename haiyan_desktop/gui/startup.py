"""What the window's start leaves until the window has painted, and then does.

- PySide6 builds the Python enums of its ``Qt`` namespace, about 90 of them (30–45 ms), the
  first time Python touches it. The start path never does (see roles.py), so they are built
  here, while the clerk looks at the window rather than at the first key pressed.
- The command pauses the garbage collector while the program starts (haiyan_desktop/launch.py);
  it runs again from here on, or as soon as the program asks or tells the user anything
  first (the first-run dialog, a message).
"""

from __future__ import annotations

import gc


def after_first_paint() -> None:
    from PySide6 import QtCore

    QtCore.Qt  # noqa: B018 (the attribute access builds it)
    resume_collection()


def resume_collection() -> None:
    gc.enable()
