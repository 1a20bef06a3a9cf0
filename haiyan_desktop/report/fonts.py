"""The report's fonts: the bundled Noto Sans SC Regular and Bold, registered with reportlab.

reportlab embeds TrueType fonts as subsets, with a ToUnicode map, so Chinese text prints the
same on every PC and can be copied and searched. Once the family is registered, reportlab's
base fonts (``canvas_basefontname``, ``defaultGraphicsFontName``) are set to it, so no page
refers to the standard Helvetica, which is never embedded; every style of the report names
our font anyway. Register before :mod:`reportlab.lib.styles` is imported: it reads the base
font name once, at import.

Reading the metrics of a 31 000-glyph font takes reportlab about 0.07 s a font, once per
process. An earlier version kept them in a cache rebuilt from reportlab's private attributes;
the 0.13 s it saved a report process is not worth depending on another library's insides.
"""

from __future__ import annotations

import threading

from reportlab import rl_config

from ..fonts import ensure_fonts
from .layout import FONT, FONT_BOLD

_lock = threading.Lock()
_registered = False


def register_fonts() -> tuple[str, str]:
    """Register Regular and Bold once per process; returns their names."""
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
            rl_config.canvas_basefontname = FONT
            rl_config.defaultGraphicsFontName = FONT
            rl_config.shapeChecking = 0  # no attribute validation of chart shapes: faster
            rl_config.useA85 = 0  # binary page streams, not ASCII85: smaller files
            _registered = True
    return FONT, FONT_BOLD
