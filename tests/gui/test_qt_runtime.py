"""Guards against Qt binding bugs that would crash the window in a clerk's long day."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    sig_text = Signal(str)


def test_emitting_signals_does_not_leak_references_to_true(qapp):
    # PySide6 6.12.0 on Python 3.11 lost one reference to True per emit: after a few
    # thousand keystrokes the process aborted in bool_dealloc. pyproject pins around it.
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(500):
        emitter.sig_text.emit("x")
    assert sys.getrefcount(True) - before > -50  # the bug: exactly -500


def test_qt_own_dialogs_are_translated(qapp):
    from PySide6.QtCore import QCoreApplication

    from haiyan_desktop.gui.app import install_translator

    install_translator(qapp, "zh")
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        install_translator(qapp, "en")
