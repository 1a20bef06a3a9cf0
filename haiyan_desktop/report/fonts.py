"""The report's fonts: the bundled Noto Sans SC Regular and Bold, registered with reportlab.

reportlab embeds TrueType fonts as subsets, with a ToUnicode map, so Chinese text prints the
same on every PC and can be copied and searched. ``rl_config.canvas_basefontname`` is set
before any other reportlab module reads it, so no page refers to the standard Helvetica
(never embedded) — every style of the report names our font anyway.
"""

from __future__ import annotations

import threading

from reportlab import rl_config

from ..fonts import ensure_fonts
from .layout import FONT, FONT_BOLD

rl_config.canvas_basefontname = FONT

_lock = threading.Lock()
_registered = False


def register_fonts() -> tuple[str, str]:
    """Register Regular and Bold once per process (about 0.3 s); returns their names."""
    global _registered
    with _lock:
        if not _registered:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            paths = ensure_fonts()
            pdfmetrics.registerFont(TTFont(FONT, str(paths["Regular"])))
            pdfmetrics.registerFont(TTFont(FONT_BOLD, str(paths["Bold"])))
            pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                          boldItalic=FONT_BOLD)
            _registered = True
    return FONT, FONT_BOLD
