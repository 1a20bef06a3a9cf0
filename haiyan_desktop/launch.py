"""The `haiyan-desktop` command's entry point: the garbage collector paused while it starts.

Opening the window makes a few hundred thousand objects (modules, classes, PySide6's types,
the catalogue, the widgets' wrappers) that live as long as the window, and almost no garbage,
so the collector's passes during the start only cost time: about 50 passes and 10 ms before
the first paint (benchmarks/gui.py). A command resumes collection at once (``cli.main``), the
window after its first paint or before it asks anything (``gui.startup``).
"""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    from .cli import main as cli_main  # imported here: with collection paused

    return cli_main()
