"""The visible part of a signature: a red seal with the unit's name and who signed when.

Drawn with reportlab in the report's bundled font (embedded as a subset, so it prints the same
everywhere and extracts as text) as a one-page PDF exactly the size of the signature box;
pyHanko places that page into the signature field's appearance.
"""

from __future__ import annotations

import io
import math
from datetime import datetime

from ..messages import msg
from ..report.fonts import register_fonts
from .identity import COUNTY, Signer

RED = (0.78, 0.06, 0.12)
SEAL_MARGIN = 4.0


def stamp_pdf(signer: Signer, signed_at: datetime, width: float, height: float, *,
              sample: bool = False) -> bytes:
    """A one-page PDF of ``width`` × ``height`` points: the seal left, the signer right.

    ``sample``: the report was made from sample data; the stamp says so (示例 / SAMPLE) above
    the signer, so a training signature never looks like a real one.
    """
    regular, bold = register_fonts()
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), pageCompression=1, invariant=1)
    canvas.setTitle("signature stamp")
    canvas.setFillColorRGB(*RED)
    canvas.setStrokeColorRGB(*RED)
    radius = min(height, width / 2.2) / 2 - SEAL_MARGIN
    cx, cy = SEAL_MARGIN + radius, height / 2
    ring = signer.unit_name  # 海盐县人民政府 names the county already
    ring = ring if ring.startswith(COUNTY.zh) else COUNTY.zh + ring
    _seal(canvas, cx, cy, radius, ring, signer.role_label.zh, bold)
    left = cx + radius + 10
    room = width - left - 2
    sample_mark = msg("sign.stamp_sample")
    lines = [  # (text, font, size)
        *([(f"{sample_mark.zh} / {sample_mark.en}", bold, 9)] if sample else []),
        (signer.role_label.zh + "签名", regular, 8),
        (signer.name, bold, 13),
        (signer.unit_name, regular, 8),
        (signed_at.strftime("%Y-%m-%d %H:%M"), regular, 8),
        ("UTC" + signed_at.strftime("%z")[:3] + ":" + signed_at.strftime("%z")[3:]
         if signed_at.utcoffset() is not None else "", regular, 7),
    ]
    total = sum(size * 1.25 for _, _, size in lines)
    y = cy + total / 2
    for text, font, size in lines:
        y -= size * 1.25
        size = _fit(canvas, text, font, size, room)
        canvas.setFont(font, size)
        canvas.drawString(left, y + size * 0.2, text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _fit(canvas, text: str, font: str, size: float, room: float) -> float:
    """The largest size up to ``size`` at which ``text`` fits ``room`` points."""
    wide = canvas.stringWidth(text, font, size)
    return size if wide <= room else max(4.0, size * room / wide)


def _seal(canvas, cx: float, cy: float, radius: float, ring_text: str, centre_text: str,
          font: str) -> None:
    """A round seal: double ring, the name along the upper arc, a star, the role below."""
    canvas.setLineWidth(radius * 0.07)
    canvas.circle(cx, cy, radius, stroke=1, fill=0)
    canvas.setLineWidth(radius * 0.02)
    canvas.circle(cx, cy, radius * 0.90, stroke=1, fill=0)
    _star(canvas, cx, cy + radius * 0.02, radius * 0.28)
    # the name along an arc of up to 210°, centred on the top, read clockwise
    size = radius * 0.27
    count = len(ring_text)
    span = min(210.0, count * 30.0)
    step = span / max(count - 1, 1)
    text_radius = radius * 0.70
    for i, char in enumerate(ring_text):
        angle = 90.0 + span / 2 - i * step
        a = math.radians(angle)
        canvas.saveState()
        canvas.translate(cx + text_radius * math.cos(a), cy + text_radius * math.sin(a))
        canvas.rotate(angle - 90.0)
        canvas.setFont(font, size)
        canvas.drawCentredString(0, -size * 0.35, char)
        canvas.restoreState()
    label = size * 0.95
    canvas.setFont(font, _fit(canvas, centre_text, font, label, radius * 1.1))
    canvas.drawCentredString(cx, cy - radius * 0.52, centre_text)


def _star(canvas, cx: float, cy: float, r: float) -> None:
    path = canvas.beginPath()
    for k in range(10):
        rr = r if k % 2 == 0 else r * 0.38
        a = math.radians(90 + k * 36)
        x, y = cx + rr * math.cos(a), cy + rr * math.sin(a)
        path.moveTo(x, y) if k == 0 else path.lineTo(x, y)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
