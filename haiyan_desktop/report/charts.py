"""Charts of the report, drawn with reportlab.graphics shapes on a fixed 0–100 scale.

Made to survive black-and-white printing: this year is a dark solid bar or a solid line with
filled squares, last year a light bar with a dark outline or a dashed line with open circles,
and every bar carries its figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib.colors import Color, black
from reportlab.pdfbase.pdfmetrics import stringWidth

from .layout import FONT, LAST_YEAR, RULE, SMALL_SIZE, THIS_YEAR

Row = tuple[str, float | None, float | None]  # label, this year's score, last year's score


def _grey(level: float) -> Color:
    return Color(level, level, level)


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _wrap(text: str, width: float, size: float, lines: int = 2) -> list[str]:
    """Break a label into at most ``lines`` lines of ``width`` points (words, else characters)."""
    if stringWidth(text, FONT, size) <= width:
        return [text]
    parts = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    out: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current}{joiner}{part}" if current else part
        if current and stringWidth(candidate, FONT, size) > width:
            out.append(current)
            current = part
        else:
            current = candidate
    out.append(current)
    if len(out) > lines:  # keep what fits, mark the cut
        out = [*out[: lines - 1], joiner.join(out[lines - 1:])]
    last = out[-1]
    while stringWidth(last, FONT, size) > width and len(last) > 1:
        last = last[:-2] + "…"
    out[-1] = last
    return out


def _shortened(text: str, lines: list[str]) -> bool:
    """Whether :func:`_wrap` had to cut ``text`` to fit."""
    return "".join(lines).replace(" ", "") != text.replace(" ", "")


def _legend(drawing: Drawing, x: float, y: float, this_label: str, last_label: str | None,
            line: bool = False) -> None:
    """A one-line legend starting at (x, y): swatch + label for each year."""
    size = SMALL_SIZE
    items = [(this_label, True)] + ([(last_label, False)] if last_label else [])
    for label, current in items:
        if line:
            drawing.add(Line(x, y + 3, x + 16, y + 3, strokeColor=black,
                             strokeWidth=1.4 if current else 1.0,
                             strokeDashArray=None if current else [3, 2]))
            _marker(drawing, x + 8, y + 3, current)
            x += 20
        else:
            drawing.add(Rect(x, y, 10, 7, fillColor=_grey(THIS_YEAR if current else LAST_YEAR),
                             strokeColor=black, strokeWidth=0.5))
            x += 13
        drawing.add(String(x, y, label, fontName=FONT, fontSize=size))
        x += stringWidth(label, FONT, size) + 14


def _marker(drawing: Drawing, x: float, y: float, current: bool) -> None:
    if current:
        drawing.add(Rect(x - 2.2, y - 2.2, 4.4, 4.4, fillColor=black, strokeColor=black,
                         strokeWidth=0.5))
    else:
        drawing.add(Circle(x, y, 2.4, fillColor=Color(1, 1, 1), strokeColor=black,
                           strokeWidth=0.8))


def bar_chart(rows: Sequence[Row], width: float, this_label: str,
              last_label: str | None = None, label_width: float | None = None) -> Drawing:
    """Horizontal bars against 100, one group per row (this year, and last year if given)."""
    size = SMALL_SIZE
    pair = last_label is not None
    bar = 7.0
    group = bar * (2 if pair else 1) + 5.0
    wrapped_width = label_width or min(
        max((stringWidth(label, FONT, size) for label, _, _ in rows), default=40) + 6,
        width * 0.32)
    labels = [_wrap(label, wrapped_width - 6, size) for label, _, _ in rows]
    group = max(group, max((len(lines) for lines in labels), default=1) * (size + 1) + 3)
    legend_h, axis_h = 14.0, 14.0
    plot_h = group * len(rows)
    height = legend_h + plot_h + axis_h
    drawing = Drawing(width, height)
    x0 = wrapped_width
    figure_room = stringWidth("100.0", FONT, size) + 4
    plot_w = width - x0 - figure_room
    top = height - legend_h
    for tick in range(0, 101, 20):  # grid and scale
        x = x0 + plot_w * tick / 100
        drawing.add(Line(x, axis_h, x, top, strokeColor=_grey(RULE), strokeWidth=0.4,
                         strokeDashArray=None if tick in (0, 100) else [1, 2]))
        drawing.add(String(x, axis_h - size - 2, str(tick), fontName=FONT, fontSize=size,
                           textAnchor="middle"))
    for n, ((_, this, last), lines) in enumerate(zip(rows, labels, strict=True)):
        y_top = top - n * group - 2.5
        middle = y_top - (group - 5) / 2
        first = middle + (len(lines) - 1) * (size + 1) / 2 - size / 3
        for k, line in enumerate(lines):
            drawing.add(String(x0 - 5, first - k * (size + 1), line, fontName=FONT,
                               fontSize=size, textAnchor="end"))
        bars = [(this, True)] + ([(last, False)] if pair else [])
        for k, (value, current) in enumerate(bars):
            y = y_top - (k + 1) * bar
            length = plot_w * max(0.0, min(100.0, value or 0.0)) / 100
            if value is not None:
                drawing.add(Rect(x0, y + 0.5, length, bar - 1,
                                 fillColor=_grey(THIS_YEAR if current else LAST_YEAR),
                                 strokeColor=black, strokeWidth=0.4))
            drawing.add(String(x0 + length + 2, y + 1.6, _figure(value), fontName=FONT,
                               fontSize=size - 0.5))
    drawing.add(Line(x0, axis_h, x0, top, strokeColor=black, strokeWidth=0.6))
    _legend(drawing, x0, height - legend_h + 4, this_label, last_label)
    return drawing


def radar_chart(rows: Sequence[Row], width: float, height: float, this_label: str,
                last_label: str | None = None) -> Drawing:
    """A radar of the domains on a 0–100 scale: rings at 20, 40 … 100, one spoke per row.

    Spokes are labelled with the row labels when each fits in two short lines, else with
    ``codes`` given as "CODE label" rows: the text before the first space.
    """
    font = SMALL_SIZE
    legend_h = 14.0
    drawing = Drawing(width, height)
    count = len(rows)
    if count < 3:
        return drawing
    room = 62.0
    labels = [label.split(" ", 1)[1] if " " in label else label for label, _, _ in rows]
    wrapped = [_wrap(label, room, font) for label in labels]
    if any(_shortened(label, lines) for label, lines in zip(labels, wrapped, strict=True)):
        wrapped = [[label.split(" ", 1)[0]] for label, _, _ in rows]
    label_w = max(stringWidth(line, FONT, font) for lines in wrapped for line in lines)
    lines_h = 2 * (font + 1)
    cx, cy = width / 2, (height - legend_h) / 2
    radius = max(30.0, min(width / 2 - label_w - 10, cy - lines_h - 6))

    def point(k: int, value: float) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * k / count
        r = radius * max(0.0, min(100.0, value)) / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for ring in range(20, 101, 20):
        points = [c for k in range(count) for c in point(k, ring)]
        drawing.add(Polygon(points, fillColor=None, strokeColor=_grey(RULE),
                            strokeWidth=0.6 if ring == 100 else 0.4,
                            strokeDashArray=None if ring == 100 else [1, 2]))
        x, y = point(0, ring)
        drawing.add(String(x - 3, y - font / 2, str(ring), fontName=FONT, fontSize=font - 1.5,
                           fillColor=_grey(0.35), textAnchor="end"))
    for k, lines in enumerate(wrapped):
        x, y = point(k, 100)
        drawing.add(Line(cx, cy, x, y, strokeColor=_grey(RULE), strokeWidth=0.4))
        angle = math.pi / 2 - 2 * math.pi * k / count
        lx, ly = cx + (radius + 6) * math.cos(angle), cy + (radius + 6) * math.sin(angle)
        cos, sin = math.cos(angle), math.sin(angle)
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        block = len(lines) * (font + 1)
        top = ly + (block if sin > 0.2 else (0 if sin < -0.2 else block / 2)) - font
        for n, line in enumerate(lines):
            drawing.add(String(lx, top - n * (font + 1), line, fontName=FONT, fontSize=font,
                               textAnchor=anchor))
    series = [(1, True)] + ([(2, False)] if last_label is not None else [])
    for index, current in reversed(series):  # this year drawn last, on top
        values = [row[index] for row in rows]
        points = [c for k, v in enumerate(values) for c in point(k, v or 0.0)]
        drawing.add(PolyLine([*points, points[0], points[1]], strokeColor=black,
                             strokeWidth=1.4 if current else 1.0,
                             strokeDashArray=None if current else [3, 2]))
        for k, v in enumerate(values):
            if v is not None:
                _marker(drawing, *point(k, v), current)
    _legend(drawing, 4, height - legend_h + 4, this_label, last_label, line=True)
    return drawing
