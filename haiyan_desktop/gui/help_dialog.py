"""The built-in guide (F1): one Markdown file per language in resources/help, shown offline.

resources/help/guide.zh.md and guide.en.md are the only source of the guide's text; the window
shows them in a QTextBrowser (``setMarkdown``), which follows no links and loads nothing from the
network.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..paths import resources_dir


def guide_path(lang: str) -> Path:
    """The guide's Markdown file for ``lang`` (Chinese for anything but English)."""
    return resources_dir() / "help" / f"guide.{'en' if lang == 'en' else 'zh'}.md"


def guide_text(lang: str) -> str:
    return guide_path(lang).read_text(encoding="utf-8")


def show_guide(parent: QWidget | None, lang: str) -> QDialog:
    """Show the guide in ``lang`` beside the window (modeless; deleted when closed)."""
    dialog = QDialog(parent)
    dialog.setObjectName("GuideDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(QCoreApplication.translate("HelpDialog", "Haiyan Desktop guide"))
    browser = QTextBrowser(dialog)
    browser.setObjectName("guideBrowser")
    browser.setOpenLinks(False)  # nothing to follow: the guide is all here, offline
    browser.setMarkdown(guide_text(lang))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    em = browser.fontMetrics().horizontalAdvance("中")
    dialog.resize(max(640, 40 * em), max(600, 36 * em))
    dialog.show()
    return dialog
