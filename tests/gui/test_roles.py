"""The plain role numbers the start path uses are Qt's own, and the start never builds PySide6's
``Qt`` namespace before the window's first paint (the reason they exist: see gui/roles.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt

from haiyan_desktop.gui import roles

ROLE, ALIGN = Qt.ItemDataRole, Qt.AlignmentFlag


def test_role_numbers_are_qts():
    pairs = [(ROLE.DisplayRole, roles.DISPLAY), (ROLE.EditRole, roles.EDIT),
             (ROLE.ToolTipRole, roles.TOOLTIP), (ROLE.TextAlignmentRole, roles.TEXT_ALIGNMENT),
             (ROLE.BackgroundRole, roles.BACKGROUND), (ROLE.ForegroundRole, roles.FOREGROUND),
             (ROLE.AccessibleTextRole, roles.ACCESSIBLE_TEXT), (ROLE.UserRole, roles.USER),
             (ALIGN.AlignRight | ALIGN.AlignVCenter, roles.ALIGN_NUMBER)]
    for qts, ours in pairs:
        assert qts.value == ours, qts
    assert min(roles.CODE, roles.EDIT_TEXT) > ROLE.UserRole.value  # the application's own


# Runs the real command (`--smoke`) in a fresh process; at the window's first paint it prints
# whether PySide6 has built its Qt namespace, then once more as the command ends.
PROBE = textwrap.dedent("""
    import sys
    from haiyan_desktop.cli import main
    import PySide6.QtCore as QtCore
    import PySide6.QtWidgets as QtWidgets

    class Probe(QtCore.QObject):
        def eventFilter(self, watched, event):
            if event.type() == QtCore.QEvent.Type.Paint and not hasattr(self, "seen"):
                self.seen = True
                print("at first paint:", "Qt" in QtCore.__dict__, flush=True)
            return False

    show = QtWidgets.QMainWindow.show

    def probed_show(window):
        window._probe = Probe()
        window.installEventFilter(window._probe)
        show(window)

    QtWidgets.QMainWindow.show = probed_show
    code = main(sys.argv[1:])
    print("at exit:", "Qt" in QtCore.__dict__)
    sys.exit(code)
""")


def test_the_window_paints_before_qt_enums_are_built(tmp_path, data_dir):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", PROBE, "--data-dir", str(data_dir),
                             "--smoke"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "at first paint: False" in lines, result.stdout
    assert lines[-1].startswith("at exit:")  # the probe ran to the end
