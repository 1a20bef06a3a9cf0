"""Haiyan Desktop: enter, check, score, report and sign a township's yearly assessment.

The core packages (catalogue, validation, scoring, exchange) import no Qt so they can be
tested and scripted without a display; the window is a thin layer over them.
"""

__version__ = "0.1.0"
APP_NAME = "haiyan-desktop"
