"""What the window's start leaves until after its first paint (gui/startup.py): the plain role
numbers it uses are Qt's own, PySide6's ``Qt`` namespace is not built before the first paint,
the settings file is not written before it, PySide6's import hook reads no module's source
(gui/__init__.py), and the garbage collector, paused by the command (launch.py), runs again
after it."""

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
# garbage collector runs, whether the settings file exists and which sources were read. The
# probe is attached as benchmarks/gui.py attaches its stamp, changing nothing of the start.
PROBE = textwrap.dedent("""
    import gc
    import linecache
    import os
    import sys

    from benchmarks.gui import on_main_window_first_paint

    def report():
        import PySide6.QtCore as QtCore

        settings = QtCore.QSettings("Haiyan", "haiyan-desktop").fileName()
        print("at first paint: Qt built", "Qt" in QtCore.__dict__,
              "collecting", gc.isenabled(), "settings written", os.path.exists(settings),
              flush=True)
        # PySide6 reads sources through linecache (see gui/__init__.py)
        print("sources read:", *sorted(linecache.cache), flush=True)

    on_main_window_first_paint(report)
    sys.argv[0] = "haiyan-desktop"
    from haiyan_desktop import launch

    code = launch.main()
    print("at exit:", "Qt" in sys.modules["PySide6.QtCore"].__dict__)
    sys.exit(code)
""")


def test_the_window_paints_before_qt_enums_settings_and_collection(tmp_path, data_dir):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", PROBE, "--data-dir", str(data_dir),
                             "--smoke"], capture_output=True, text=True, env=env, timeout=120,
                            cwd=ROOT)  # (benchmarks.gui is imported from the checkout)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert ("at first paint: Qt built False collecting False settings written False"
            in lines), result.stdout
    assert lines[-1].startswith("at exit:")  # the probe ran to the end
    read = next(line for line in lines if line.startswith("sources read:")).split()[2:]
    unread = ("typing.py", "pathlib.py", "catalogue/model.py", "store/repository.py",
              "gui/main_window.py", "gui/entry_view.py")
    assert not [f for f in read if f.replace("\\", "/").endswith(unread)], read
    settings = (tmp_path / "Haiyan" / "haiyan-desktop.conf").read_text(encoding="utf-8")
    assert "unit=" in settings and "year=" in settings  # remembered once it had painted


def test_collection_runs_again_once_the_window_has_painted(make_app, qtbot):
    gc.disable()  # as the command leaves it (launch.py)
    try:
        app = make_app()
        qtbot.waitUntil(gc.isenabled, timeout=5000)
        assert "Qt" in QtCore.__dict__
        assert app.window is not None
    finally:
        gc.enable()


def test_collection_runs_again_before_the_first_run_dialog(qapp, tmp_path, data_dir,
                                                            monkeypatch):
    from haiyan_desktop.gui import dialogs
    from haiyan_desktop.gui.app import App
    from haiyan_desktop.gui.settings import Settings

    seen = []
    monkeypatch.setattr(dialogs, "ask_start", lambda *a, **k: seen.append(gc.isenabled()))
    gc.disable()
    try:
        app = App(qapp, data_dir, Settings(str(tmp_path / "first.ini")), "zh")
        assert app.start() is False  # the dialog was cancelled (None): nothing opens
    finally:
        gc.enable()
    assert seen == [True]
