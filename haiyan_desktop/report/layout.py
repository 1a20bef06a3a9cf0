"""Page geometry, fonts, sizes and tones of the PDF report, in PDF points (1/72 inch).

Everything that another part of the app must agree on lives here, above all
:data:`SIGNATURE_BOXES`: the signing step places its visible signature fields exactly on these
rectangles of the report's last page, where the report draws only a thin frame and a label.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4

PAGE_WIDTH, PAGE_HEIGHT = A4  # 595.28 × 841.89
MARGIN_LEFT = MARGIN_RIGHT = 42.0
MARGIN_TOP = 58.0  # room for the running header
MARGIN_BOTTOM = 54.0  # room for the running footer
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
CONTENT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
HEADER_Y = PAGE_HEIGHT - 34.0  # baseline of the running header
FOOTER_Y = 30.0  # baseline of the running footer

FONT = "NotoSansSC"  # registered by report.fonts from resources/fonts
FONT_BOLD = "NotoSansSC-Bold"

# (x1, y1, x2, y2) on the last page, origin bottom left: where the clerk (填报人) and the unit
# head (单位负责人) sign. The signing step puts pyHanko's visible signature fields here.
SIGNATURE_BOXES: dict[str, tuple[float, float, float, float]] = {
    "clerk": (60.0, 250.0, 280.0, 340.0),
    "head": (315.0, 250.0, 535.0, 340.0),
}
# The signature page's text stays above the boxes and their labels.
SIGNATURE_FRAME_BOTTOM = max(box[3] for box in SIGNATURE_BOXES.values()) + 40.0
# Below the head's signature, where the unit's seal (单位（盖章）) is pressed on the printed
# report: a dashed frame and a label only, never a signature field.
UNIT_SEAL_BOX = (315.0, 92.0, 535.0, 192.0)

# Tones: grey levels that stay distinct when printed in black and white.
INK = 0.0
RULE = 0.55  # table rules, chart grid
SHADE = 0.90  # table header background
THIS_YEAR = 0.22  # dark bars / solid line
LAST_YEAR = 0.78  # light bars with a dark outline / dashed line
WATERMARK = 0.55
WATERMARK_ALPHA = 0.16

# Sizes
TITLE_SIZE = 22.0
HEADING_SIZE = 14.0
SUBHEADING_SIZE = 11.0
BODY_SIZE = 9.5
TABLE_SIZE = 7.5
SMALL_SIZE = 7.0
FINGERPRINT_SHOWN = 16  # hex digits of the fingerprint shown on every page
