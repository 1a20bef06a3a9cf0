"""The PySide6 window: a thin layer of Qt models, widgets and dialogs over the core.

Importing the package loads PySide6 and spares its import hook a useless pass over the app's
modules (see ``_spare_pyside_source_reads``).
"""

from __future__ import annotations

import pkgutil
import sys

import PySide6.QtCore  # noqa: F401 (loads PySide6, whose import hook is described below)


def _spare_pyside_source_reads() -> None:
    """Once PySide6 is loaded, the first import statement naming any module makes PySide6 read
    that module's whole source, to see whether it mentions "PySide6": that is how it sets up
    its opt-in ``__feature__`` switches (snake_case, true_property), which this app does not
    use. The window's modules name about 40 modules this way (the Qt-free core, the standard
    library, themselves): about 7 ms of reading at every start.

    So the modules already loaded are entered in PySide6's table as not using PySide6, and the
    window's own as using it, which is what the reading would find (the core is Qt-free:
    tests/unit/test_core_has_no_qt.py) and changes nothing while no module asks for a
    feature. A PySide6 without that table is left alone.
    """
    try:
        from PySide6.support import feature

        table = feature.pyside_feature_dict
    except (ImportError, AttributeError):
        return
    for name in list(sys.modules):
        if not name.startswith(("PySide6", "shiboken6")):
            table.setdefault(name, -1)  # -1: "ignore this module" (see feature.py)
    table.setdefault(__name__, 0)  # 0: uses PySide6, with no feature switched on
    for module in pkgutil.iter_modules(__path__, prefix=f"{__name__}."):
        table.setdefault(module.name, 0)


_spare_pyside_source_reads()
