"""What the window's start leaves until after its first paint (gui/startup.py): the plain role
numbers it uses are Qt's own, the settings file is not written before it, and the objects of
the start are frozen out of the garbage collector's way after it (the one place the program
touches the collector). PySide6's ``Qt`` namespace is built before it: the grid's model
answers ``flags()`` in Python (see entry_model.py)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap

from PySide6 import QtCore
from PySide6.QtCore import Qt

from haiyan_desktop.gui import roles
from tests.conftest import ROOT

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


# Runs the real command (`haiyan-desktop --smoke`, its entry point) in a fresh process; at the
# window's first paint it prints whether PySide6 has built its Qt namespace, whether the
# garbage collector runs, whether the settings file exists and whether reportlab is loaded (it
# is warmed up later, gui/startup.py). The probe is attached as benchmarks/gui.py attaches its
# stamp, changing nothing of the start.
PROBE = textwrap.dedent("""
    import gc
    import os
    import sys

    from benchmarks.gui import on_main_window_first_paint

    def report():
        import PySide6.QtCore as QtCore

        settings = QtCore.QSettings("Haiyan", "haiyan-desktop").fileName()
        print("at first paint: Qt built", "Qt" in QtCore.__dict__,
              "frozen", gc.get_freeze_count() > 0, "settings written", os.path.exists(settings),
              "reportlab", "reportlab" in sys.modules, flush=True)

    on_main_window_first_paint(report)
    sys.argv[0] = "haiyan-desktop"
    from haiyan_desktop import launch

    code = launch.main()
    print("at exit:", "Qt" in sys.modules["PySide6.QtCore"].__dict__)
    sys.exit(code)
""")


def test_the_window_paints_before_settings_and_collection(tmp_path, data_dir):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", PROBE, "--data-dir", str(data_dir),
                             "--smoke"], capture_output=True, text=True, env=env, timeout=120,
                            cwd=ROOT)  # (benchmarks.gui is imported from the checkout)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # Qt built: the grid's flags() must return a Qt.ItemFlag, and PySide6 builds the whole
    # namespace for it the first time the view asks, which it does to paint (entry_model.py)
    assert ("at first paint: Qt built True frozen False settings written False reportlab False"
            in lines), result.stdout
    assert lines[-1].startswith("at exit:")  # the probe ran to the end
    settings = (tmp_path / "Haiyan" / "haiyan-desktop.conf").read_text(encoding="utf-8")
    assert "unit=" in settings and "year=" in settings  # remembered once it had painted


def test_the_starts_objects_are_frozen_once_the_window_has_painted(make_app, qtbot):
    from haiyan_desktop.gui import startup

    app = make_app()
    qtbot.waitUntil(lambda: startup._frozen, timeout=5000)
    assert gc.get_freeze_count() > 0
    assert "Qt" in QtCore.__dict__
    assert app.window is not None



def test_reports_are_warmed_up_on_a_worker_after_the_first_paint(make_app, qtbot,
                                                                monkeypatch):
    import threading

    from haiyan_desktop.gui import startup
    from haiyan_desktop.jobs import report

    ran_on = []
    monkeypatch.setattr(report, "warm_up", lambda: ran_on.append(threading.current_thread()))
    monkeypatch.setattr(startup, "_warmed", False)  # (an earlier test's window warmed up)
    monkeypatch.setattr(startup, "WARM_UP_AFTER_MS", 10)
    make_app()
    qtbot.waitUntil(lambda: len(ran_on) == 1, timeout=5000)
    assert ran_on[0] is not threading.main_thread()
    startup.warm_up_reports()  # once per process: a second window starts nothing
    qtbot.wait(100)
    assert len(ran_on) == 1
