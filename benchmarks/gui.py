"""The window's speed and size: start-up, switching domain, one keystroke, peak memory.

Prints, offscreen (QT_QPA_PLATFORM=offscreen):
- process start to the first paint of the main window on the demo data (`--smoke`, the real
  command) against a bare PySide6 script that shows one QLabel and quits on its first paint,
  both as subprocesses, median of several runs, as a ratio (target <= 1.5x);
- switching domain: selecting each domain in the tree and processing the events it posts,
  repaint included (target <= 50 ms);
- one keystroke: the typed text checked (session.validate), the editor restyled and the grid
  repainted with view.viewport().repaint() (target <= 5 ms); next to it the same keystroke
  with only the repaints Qt itself posts (the editor, the status bar), as in the app;
- peak memory of a process that opens the demo data, visits every domain and has loaded the
  report's fonts (as the window does on a worker after its start), next to a bare PySide6
  window's (target <= 200 MB): ru_maxrss, and on Linux VmHWM (see _peak).
The demo data folder is built once beforehand, so building it is not counted. Children run as
installed: bytecode and the app's caches are written by the unmeasured warm-up runs.
Run: .venv/bin/python benchmarks/gui.py [--runs 15] [--startup-only]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNIT, YEAR = "baibu", 2019
PAINT_MARK = "FIRST-PAINT"


# --- children (each a fresh process: python benchmarks/gui.py --child KIND ...) -------------
def _first_paint_filter(on_paint):
    """A filter calling ``on_paint`` at the first paint of the window it is installed on."""
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched, event):
            if (not self.seen and event.type() == QEvent.Type.Paint
                    and getattr(watched, "isWindow", lambda: False)()):
                self.seen = True
                on_paint()
            return False

    return FirstPaint()


def child_bare_start() -> int:
    """The yardstick: one label, quit on its first paint."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    label = QLabel("Haiyan Desktop")
    stamp = _first_paint_filter(lambda: (print(PAINT_MARK, time.time(), flush=True),
                                         QTimer.singleShot(0, app.quit)))
    label.installEventFilter(stamp)  # (kept referenced: a collected filter never fires)
    label.show()
    return app.exec()


def on_main_window_first_paint(on_paint) -> None:
    """Call ``on_paint()`` at the first paint of the app's main window, changing nothing of
    how the app starts (also used by tests/gui/test_roles.py).

    The call comes from a filter on the window itself, as the bare window's stamp does,
    installed as the app shows its main window. QMainWindow.show is wrapped by an import hook
    the moment the app has imported PySide6.QtWidgets, so the command starts exactly as it
    does for a clerk: its own modules first, then PySide6 (whose import hook reads the source
    of every module imported after it), with its garbage collector paused (launch.py). An
    application-wide Python filter would run for every event of the app's start-up, about
    75 ms that the bare window never pays.
    """

    def stamped_show(show):
        def show_and_stamp(window):
            window._haiyan_stamp = _first_paint_filter(on_paint)
            window.installEventFilter(window._haiyan_stamp)
            show(window)
        return show_and_stamp

    class WrapShowOnImport:  # a meta path finder for PySide6.QtWidgets alone, used once
        def find_spec(self, name, path, target=None):
            if name != "PySide6.QtWidgets":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            exec_module = spec.loader.exec_module

            def exec_and_wrap(module):
                exec_module(module)
                module.QMainWindow.show = stamped_show(module.QMainWindow.show)

            spec.loader.exec_module = exec_and_wrap
            return spec

    sys.meta_path.insert(0, WrapShowOnImport())


def child_app_start(args: list[str]) -> int:
    """The real command, `haiyan-desktop ARGS` with --smoke; the first paint of its window is
    stamped on stdout (see on_main_window_first_paint)."""
    on_main_window_first_paint(lambda: print(PAINT_MARK, time.time(), flush=True))
    sys.argv = ["haiyan-desktop", *args]
    from haiyan_desktop.launch import main

    return main()


def _open_app(data_dir: Path, settings_file: Path):
    """The real window on the demo data, as main() sets it up (font, translator, zh)."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from haiyan_desktop.gui.app import App, install_translator, make_qapp, register_fonts
    from haiyan_desktop.gui.settings import Settings

    qapp = make_qapp(sys.argv[:1])
    qapp.setFont(QFont(register_fonts(), 11))
    install_translator(qapp, "zh")
    app = App(qapp, data_dir, Settings(str(settings_file)), "zh")
    assert app.open(True, UNIT, YEAR), "cannot open the demo data"
    app.window.ui.resize(1366, 740)
    for _ in range(3):
        QApplication.processEvents()
    return qapp, app


def _warmed_up() -> None:
    """The window a few seconds after its start: reportlab and the report's fonts loaded on
    the worker (gui/startup.py), started now and waited for, so that the figures after it are
    the steady state and the memory includes them."""
    from PySide6.QtCore import QThreadPool

    from haiyan_desktop.gui.startup import warm_up_reports

    warm_up_reports()
    QThreadPool.globalInstance().waitForDone()


def _visit_domains(qapp, window) -> list[float]:
    """Select each domain in the tree in turn; seconds per switch (events processed)."""
    from haiyan_desktop.gui.side_models import CODE_ROLE

    tree, domains = window.ui.domainTree, window.domains
    times = []
    for row in [*range(1, domains.rowCount()), 0]:
        start = time.perf_counter()
        tree.setCurrentIndex(domains.index(row, 0))
        qapp.processEvents()
        times.append(time.perf_counter() - start)
        assert window.domain_code == domains.item(row).data(CODE_ROLE), "no switch"
    return times


def child_app_memory(data_dir: str, settings_file: str) -> int:
    import resource

    qapp, app = _open_app(Path(data_dir), Path(settings_file))
    _visit_domains(qapp, app.window)
    _warmed_up()
    print(json.dumps(_peak(resource)))
    app.close_store()
    return 0


def child_bare_memory() -> int:
    import resource

    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    label = QLabel("Haiyan Desktop")
    label.show()
    for _ in range(3):
        app.processEvents()
    print(json.dumps(_peak(resource)))
    return 0


def _peak(resource) -> dict[str, float]:
    """ru_maxrss in KiB, and on Linux VmHWM: the peak of this process's own memory.

    Linux carries ru_maxrss across execve, so a child started by a big parent reports at
    least the parent's size (python: fork, then exec); VmHWM belongs to the new image only.
    """
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak = {"maxrss_kb": rss / 1024 if sys.platform == "darwin" else rss}  # macOS: bytes
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak["vmhwm_kb"] = float(line.split()[1])
    return peak


# --- the parent ------------------------------------------------------------------------------
def child_env(config_dir: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config_dir))
    env.pop("HAIYAN_DEBUG", None)
    # as installed: with compiled bytecode (the warm-up runs write what is missing), as
    # benchmarks/report.py does; otherwise every run would compile changed modules again
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(seconds to the first paint, seconds to exit, stdout) of one fresh child process."""
    start = time.time()
    done = subprocess.run([sys.executable, __file__, "--child", *args], env=env,
                          capture_output=True, text=True, timeout=120)
    end = time.time()
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    paint = next((float(line.split()[1]) for line in done.stdout.splitlines()
                  if line.startswith(PAINT_MARK)), None)
    return (paint - start if paint is not None else float("nan")), end - start, done.stdout


def startup(data_dir: Path, env: dict[str, str], runs: int) -> None:
    app_args = ["app-start", "--data-dir", str(data_dir), "--smoke"]
    run_child(["bare-start"], env)  # warm the file cache for both
    run_child(app_args, env)
    bare, app = [], []
    for _ in range(runs):  # interleaved, so a slow moment of the machine hits both
        bare.append(run_child(["bare-start"], env)[:2])
        app.append(run_child(app_args, env)[:2])
    bare_paint = statistics.median(t[0] for t in bare)
    app_paint = statistics.median(t[0] for t in app)
    bare_exit = statistics.median(t[1] for t in bare)
    app_exit = statistics.median(t[1] for t in app)
    ratio = app_paint / bare_paint
    print(f"start to first paint ({runs} runs, median): app --smoke {app_paint * 1e3:.0f} ms, "
          f"bare PySide6 label {bare_paint * 1e3:.0f} ms -> {ratio:.2f}x (target <= 1.5x) "
          f"{'OK' if ratio <= 1.5 else 'OVER'}")
    # how much one run differs from the next on this machine: the ratio of each app run to
    # the bare run just before it, as quartiles
    q1, _, q3 = statistics.quantiles([a[0] / b[0] for a, b in zip(app, bare, strict=True)], n=4)
    print(f"  run by run (app / the bare run before it): quartiles {q1:.2f}x - {q3:.2f}x")
    print(f"  whole process, start to exit: app {app_exit * 1e3:.0f} ms, "
          f"bare {bare_exit * 1e3:.0f} ms -> {app_exit / bare_exit:.2f}x")


def in_process(data_dir: Path, settings_file: Path, rounds: int) -> None:
    from PySide6.QtWidgets import QApplication, QLineEdit

    from haiyan_desktop.gui.entry_model import VALUE

    qapp, app = _open_app(data_dir, settings_file)
    window = app.window
    _warmed_up()
    _visit_domains(qapp, window)  # warm up: every grid built once
    switches = [t for _ in range(rounds) for t in _visit_domains(qapp, window)]
    median, worst = statistics.median(switches), max(switches)
    print(f"switch domain ({len(switches)} switches over {window.domains.rowCount()} domains): "
          f"median {median * 1e3:.1f} ms, max {worst * 1e3:.1f} ms (target <= 50 ms) "
          f"{'OK' if worst <= 0.050 else 'OVER'}")

    # One keystroke in a value editor: check the text, restyle the editor, repaint the grid.
    view, session = window.view, window.session
    window.go_to(next(i.code for i in session.catalogue.leaves(session.kind)
                      if i.type == "percent" and not i.is_calculated))
    code = window.current_code()
    view.edit(view.currentIndex())
    QApplication.processEvents()
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), f"no line editor opened ({editor!r})"
    assert view.currentIndex().column() == VALUE
    typed = ["9", "98", "98.", "98.5", "98.5x", "98.5", "120", "12", "abc", "ab", "98.32"]
    keystrokes, as_typed, checks = [], [], []
    for _ in range(40):
        for text in typed:
            # as specified: check, restyle, then the whole grid repainted at once
            start = time.perf_counter()
            editor.setText(text)
            view.live_check(code, text, editor)  # session.validate + restyle + status bar
            view.viewport().repaint()  # the grid and the editor in it, painted now
            keystrokes.append(time.perf_counter() - start)
            # as the app does it: check, restyle, then only what Qt marked dirty is painted
            start = time.perf_counter()
            editor.setText(text)
            view.live_check(code, text, editor)
            QApplication.processEvents()  # the posted repaints (editor, status bar)
            as_typed.append(time.perf_counter() - start)
            start = time.perf_counter()
            session.validate(code, text)
            checks.append(time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(50):
        view.viewport().repaint()
    grid = (time.perf_counter() - start) / 50

    def p95(times: list[float]) -> float:
        return sorted(times)[int(len(times) * 0.95)]

    print(f"one keystroke: validate + restyle + view.viewport().repaint() "
          f"({len(keystrokes)} keystrokes): median {statistics.median(keystrokes) * 1e3:.2f} ms, "
          f"95th percentile {p95(keystrokes) * 1e3:.2f} ms (target <= 5 ms) "
          f"{'OK' if p95(keystrokes) <= 0.005 else 'OVER'}")
    print(f"  of which session.validate median {statistics.median(checks) * 1e6:.0f} us; "
          f"a full repaint of the grid alone {grid * 1e3:.2f} ms")
    print(f"  as typed (validate + restyle + the repaints Qt posts, editor and status bar): "
          f"median {statistics.median(as_typed) * 1e3:.2f} ms, 95th percentile "
          f"{p95(as_typed) * 1e3:.2f} ms")
    view.closeEditor(editor, view.itemDelegate().EndEditHint.RevertModelCache)
    app.close_store()


def memory(data_dir: Path, settings_file: Path, env: dict[str, str]) -> None:
    """Run first, while this process is still small (see _peak on ru_maxrss and exec)."""
    app = json.loads(run_child(["app-memory", str(data_dir), str(settings_file)], env)[2])
    bare = json.loads(run_child(["bare-memory"], env)[2])
    key = "vmhwm_kb" if "vmhwm_kb" in app else "maxrss_kb"
    app_mb, bare_mb = app[key] / 1024, bare[key] / 1024
    print(f"peak memory ({'VmHWM' if key == 'vmhwm_kb' else 'ru_maxrss'}) after opening the "
          f"demo data, visiting every domain and loading the report's fonts: {app_mb:.0f} MB "
          f"(target <= 200 MB) "
          f"{'OK' if app_mb <= 200 else 'OVER'}; a bare PySide6 window: {bare_mb:.0f} MB")
    if key == "vmhwm_kb":
        print(f"  ru_maxrss of the same children: app {app['maxrss_kb'] / 1024:.0f} MB, bare "
              f"{bare['maxrss_kb'] / 1024:.0f} MB (includes this parent's size at the fork)")


def main() -> int:
    if sys.argv[1:2] == ["--child"]:  # python benchmarks/gui.py --child KIND [ARGS...]
        kind, rest = sys.argv[2], sys.argv[3:]
        if kind == "bare-start":
            return child_bare_start()
        if kind == "app-start":
            return child_app_start(rest)
        if kind == "app-memory":
            return child_app_memory(*rest)
        if kind == "bare-memory":
            return child_bare_memory()
        raise SystemExit(f"unknown child {kind}")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="start-up runs of each (median)")
    parser.add_argument("--rounds", type=int, default=10, help="rounds through the domains")
    parser.add_argument("--startup-only", action="store_true",
                        help="measure only the start to the first paint")
    args = parser.parse_args()

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from haiyan_desktop.demo import build_demo

    with tempfile.TemporaryDirectory(prefix="haiyan-gui-bench-") as tmp:
        root = Path(tmp)
        data_dir = root / "data"
        data_dir.mkdir()
        build_demo(data_dir)  # once, beforehand: not part of any figure
        env = child_env(root / "config")
        print(f"Python {sys.version.split()[0]}, {sys.platform}, offscreen, demo data of "
              f"{UNIT} {YEAR}", flush=True)
        if not args.startup_only:
            memory(data_dir, root / "settings-memory.ini", env)
        startup(data_dir, env, args.runs)
        if not args.startup_only:
            in_process(data_dir, root / "settings.ini", args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
