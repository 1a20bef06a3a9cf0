"""Charts of the report, drawn with reportlab.graphics shapes on a scale fitted to the data.

Realization degrees are mostly between 90 and 100: on a 0–100 scale every bar would look alike
and the radar would be a circle. :func:`fit_scale` starts the scale just below the lowest
figure shown (last year's included) and ends it at the target, 100; a scale that does not start
at 0 says so under the chart, and the axis carries a break mark. The target is drawn as a heavy
dashed line (the radar's outer ring) and named in the legend.

Made to survive black-and-white printing, where grey tones alone are not enough: this year is
a dark solid bar or a solid line with filled squares, last year a white bar with a dark outline
and upright hatching or a dashed line with open circles; every bar carries its figure.

A chart is a reportlab Drawing of plain shapes (the tests read them); :class:`ChartDrawing`
paints those few kinds of shape straight onto the page with canvas calls, a third of what
reportlab's general renderer spends on its state bookkeeping for each shape.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import NamedTuple

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib.colors import Color, black, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..messages import render
from .layout import FONT, FONT_BOLD, RULE, SMALL_SIZE, THIS_YEAR
from .typesetting import break_text

Row = tuple[str, float | None, float | None]  # label, this year's score, last year's score

TARGET = 100.0  # a realization degree of 100: every indicator at its target
_STEPS = (1.0, 2.0, 5.0, 10.0, 20.0)
_MAX_TICKS = 6
_FULL_BELOW = 40.0  # a scale that would start below this starts at 0
_CJK = re.compile(r"[\u3400-\u9fff]")


class Scale(NamedTuple):
    """The value axis: from ``start`` to ``end`` with a grid line every ``step``."""

    start: float
    end: float
    step: float

    @property
    def ticks(self) -> list[float]:
        count = round((self.end - self.start) / self.step)
        return [self.start + k * self.step for k in range(count + 1)]

    def fraction(self, value: float) -> float:
        """Where ``value`` lies between start (0) and end (1), kept inside."""
        share = (value - self.start) / (self.end - self.start)
        return max(0.0, min(1.0, share))


def fit_scale(values: Sequence[float | None], target: float = TARGET) -> Scale:
    """A scale that shows the differences between ``values``: it ends at the target (or the
    largest value) and starts a little below the smallest, at a round figure, with at most
    six steps; at 0 when the figures spread far (below 40)."""
    shown = [v for v in values if v is not None]
    low = min(shown, default=0.0)
    end = max([target, *shown])
    for step in _STEPS:
        start = math.floor((low - step / 2) / step) * step  # the lowest bar stays visible
        start = min(start, end - 3 * step)  # three steps at least
        if (end - start) / step <= _MAX_TICKS + 1e-9:
            break
    if start < _FULL_BELOW:
        return Scale(0.0, end, 20.0 if end == 100 else end / 5)
    return Scale(start, end, step)


class ChartDrawing(Drawing):
    """A Drawing of :func:`bar_chart` and :func:`radar_chart` shapes, painted by
    :func:`paint_shape` (flat: no groups, no transforms)."""

    def draw(self, *_boundary: object) -> None:  # (no boundary is ever shown)
        canv = self.canv
        canv.saveState()
        for shape in self.contents:
            paint_shape(canv, shape)
        canv.restoreState()


def paint_shape(canv, shape) -> None:
    """One shape as reportlab's renderer draws it: fill and stroke when their colour is set,
    the stroke's width, dashes and cap, a string anchored at its start, middle or end."""
    if isinstance(shape, String):
        canv.setFillColor(shape.fillColor)
        canv.setFont(shape.fontName, shape.fontSize)
        draw = {"start": canv.drawString, "middle": canv.drawCentredString,
                "end": canv.drawRightString}[shape.textAnchor]
        draw(shape.x, shape.y, shape.text)
        return
    fill = getattr(shape, "fillColor", None)
    stroke = shape.strokeColor
    if stroke is not None:
        canv.setStrokeColor(stroke)
        canv.setLineWidth(shape.strokeWidth)
        canv.setLineCap(shape.strokeLineCap)
        canv.setDash(shape.strokeDashArray or [])
    if fill is not None:
        canv.setFillColor(fill)
    paint = {"stroke": int(stroke is not None), "fill": int(fill is not None)}
    if isinstance(shape, Rect):
        canv.rect(shape.x, shape.y, shape.width, shape.height, **paint)
    elif isinstance(shape, Line):
        if stroke is not None:
            canv.line(shape.x1, shape.y1, shape.x2, shape.y2)
    elif isinstance(shape, Circle):
        canv.circle(shape.cx, shape.cy, shape.r, **paint)
    elif isinstance(shape, PolyLine | Polygon):
        points = shape.points
        path = canv.beginPath()
        path.moveTo(points[0], points[1])
        for k in range(2, len(points), 2):
            path.lineTo(points[k], points[k + 1])
        if isinstance(shape, Polygon):
            path.close()
        else:
            paint["fill"] = 0
        canv.drawPath(path, **paint)
    else:
        raise TypeError(f"a chart cannot paint {type(shape).__name__}")


def _grey(level: float) -> Color:
    return Color(level, level, level)


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _tick(value: float) -> str:
    return f"{value:g}"


def _lang(lang: str | None, this_label: str) -> str:
    """The report's language; when not given, Chinese if the year label is ("2019 年度")."""
    if lang is not None:
        return lang
    return "zh" if _CJK.search(this_label) else "en"


def _wrap(text: str, width: float, size: float, lines: int = 2) -> list[str]:
    """Break a label into at most ``lines`` lines of ``width`` points by the Chinese line
    breaking rules; a label still too long ends with "…"."""
    out = break_text(text, width, FONT, size)
    if len(out) > lines:  # keep what fits, mark the cut
        rest = "".join(out[lines - 1:]) if _CJK.search(text) else " ".join(out[lines - 1:])
        out = [*out[: lines - 1], rest]
    last = out[-1]
    while stringWidth(last, FONT, size) > width and len(last) > 1:
        last = last[:-2] + "…"
    out[-1] = last
    return out


def _shortened(text: str, lines: list[str]) -> bool:
    """Whether :func:`_wrap` had to cut ``text`` to fit."""
    return "".join(lines).replace(" ", "") != text.replace(" ", "")


def _hatched_bar(drawing: Drawing, x: float, y: float, w: float, h: float) -> None:
    """Last year's bar: white with a dark outline, hatched with thin upright strokes (one
    dashed line as tall as the bar: the viewer draws the strokes)."""
    drawing.add(Rect(x, y, w, h, fillColor=white, strokeColor=None))
    if w > 1.5:
        drawing.add(Line(x + 0.8, y + h / 2, x + w - 0.3, y + h / 2, strokeColor=_grey(0.3),
                         strokeWidth=h - 1.2, strokeDashArray=[0.6, 1.4], strokeLineCap=0))
    drawing.add(Rect(x, y, w, h, fillColor=None, strokeColor=black, strokeWidth=0.5))


def _solid_bar(drawing: Drawing, x: float, y: float, w: float, h: float) -> None:
    drawing.add(Rect(x, y, w, h, fillColor=_grey(THIS_YEAR), strokeColor=black,
                     strokeWidth=0.5))


def _target_line(drawing: Drawing, x1: float, y1: float, x2: float, y2: float) -> None:
    drawing.add(Line(x1, y1, x2, y2, strokeColor=black, strokeWidth=1.2,
                     strokeDashArray=[4, 1.5]))


def _legend(drawing: Drawing, x: float, y: float, this_label: str, last_label: str | None,
            target_label: str | None, line: bool = False) -> None:
    """A one-line legend starting at (x, y): a swatch and a label for each year and the
    target."""
    size = SMALL_SIZE
    items = [(this_label, "this")] + ([(last_label, "last")] if last_label else [])
    items += [(target_label, "target")] if target_label else []
    for label, kind in items:
        if kind == "target":
            if line:  # the radar's target ring
                _target_line(drawing, x, y + 3, x + 16, y + 3)
                x += 20
            else:
                _target_line(drawing, x + 4, y - 1.5, x + 4, y + 8.5)
                x += 9
        elif line:
            current = kind == "this"
            drawing.add(Line(x, y + 3, x + 16, y + 3, strokeColor=black,
                             strokeWidth=1.4 if current else 1.0,
                             strokeDashArray=None if current else [3, 2]))
            _marker(drawing, x + 8, y + 3, current)
            x += 20
        else:
            (_solid_bar if kind == "this" else _hatched_bar)(drawing, x, y, 12, 7)
            x += 15
        drawing.add(String(x, y, label, fontName=FONT, fontSize=size))
        x += stringWidth(label, FONT, size) + 12


def _marker(drawing: Drawing, x: float, y: float, current: bool) -> None:
    if current:
        drawing.add(Rect(x - 2.2, y - 2.2, 4.4, 4.4, fillColor=black, strokeColor=black,
                         strokeWidth=0.5))
    else:
        drawing.add(Circle(x, y, 2.4, fillColor=white, strokeColor=black, strokeWidth=0.8))


def _axis_break(drawing: Drawing, x: float, y: float) -> None:
    """Two short slashes across the axis: the scale does not start at 0."""
    drawing.add(Rect(x - 3.5, y - 2.5, 7, 5, fillColor=white, strokeColor=None))
    for dx in (-1.6, 1.6):
        drawing.add(Line(x + dx - 1.5, y - 3, x + dx + 1.5, y + 3, strokeColor=black,
                         strokeWidth=0.7))


def bar_chart(rows: Sequence[Row], width: float, this_label: str,
              last_label: str | None = None, label_width: float | None = None, *,
              lang: str | None = None, target: float = TARGET) -> Drawing:
    """Horizontal bars, one group per row (this year, and last year if given), on a scale
    fitted to the figures, with the target as a dashed line."""
    lang = _lang(lang, this_label)
    size = SMALL_SIZE
    pair = last_label is not None
    scale = fit_scale([v for _, this, last in rows for v in (this, last if pair else None)],
                      target)
    bar = 7.0
    group = bar * (2 if pair else 1) + 5.0
    wrapped_width = label_width or min(
        max((stringWidth(label, FONT, size) for label, _, _ in rows), default=40) + 6,
        width * 0.32)
    labels = [_wrap(label, wrapped_width - 6, size) for label, _, _ in rows]
    group = max(group, max((len(lines) for lines in labels), default=1) * (size + 1) + 3)
    legend_h = 14.0
    note = (render("report.chart.axis_from", lang, start=_tick(scale.start))
            if scale.start > 0 else "")
    axis_h = 13.0 + (size + 3 if note else 0)
    plot_h = group * len(rows)
    height = legend_h + plot_h + axis_h
    drawing = ChartDrawing(width, height)
    x0 = wrapped_width
    figure_room = stringWidth("100.0", FONT_BOLD, size) + 6
    plot_w = width - x0 - figure_room
    top = height - legend_h
    bottom = axis_h
    tick_y = bottom - size - 2
    for tick in scale.ticks:  # grid and scale
        x = x0 + plot_w * scale.fraction(tick)
        edge = tick in (scale.start, scale.end)
        drawing.add(Line(x, bottom, x, top, strokeColor=_grey(RULE), strokeWidth=0.4,
                         strokeDashArray=None if edge else [1, 2]))
        drawing.add(String(x, tick_y, _tick(tick), fontName=FONT, fontSize=size,
                           textAnchor="middle"))
    if note:
        drawing.add(String(x0, tick_y - size - 3, note, fontName=FONT, fontSize=size - 0.5,
                           fillColor=_grey(0.2)))
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
            if value is not None:
                length = plot_w * scale.fraction(value)
                (_solid_bar if current else _hatched_bar)(drawing, x0, y + 0.5, length,
                                                          bar - 1)
            drawing.add(String(x0 + plot_w + 4, y + 1.6, _figure(value),
                               fontName=FONT_BOLD if current else FONT,
                               fontSize=size - 0.5))
    drawing.add(Line(x0, bottom, x0, top, strokeColor=black, strokeWidth=0.6))
    drawing.add(Line(x0, bottom, x0 + plot_w, bottom, strokeColor=black, strokeWidth=0.6))
    if scale.start > 0:
        _axis_break(drawing, x0 + min(9.0, plot_w * 0.05), bottom)
    if scale.start <= target <= scale.end:
        x = x0 + plot_w * scale.fraction(target)
        _target_line(drawing, x, bottom, x, top)
    _legend(drawing, x0, height - legend_h + 4, this_label, last_label,
            render("report.chart.target", lang, value=_tick(target)))
    return drawing


def radar_chart(rows: Sequence[Row], width: float, height: float, this_label: str,
                last_label: str | None = None, *, lang: str | None = None,
                target: float = TARGET) -> Drawing:
    """A radar of the domains, one spoke per row, on a radial scale fitted to the figures:
    rings at each step, the target as the dashed outer ring; a scale that does not start at 0
    says what the centre is.

    Spokes are labelled with the row labels when each fits in two short lines, else with
    ``codes`` given as "CODE label" rows: the text before the first space.
    """
    lang = _lang(lang, this_label)
    font = SMALL_SIZE
    legend_h = 14.0
    drawing = ChartDrawing(width, height)
    count = len(rows)
    if count < 3:
        return drawing
    pair = last_label is not None
    scale = fit_scale([v for _, this, last in rows for v in (this, last if pair else None)],
                      target)
    note = (render("report.chart.radar_centre", lang, start=_tick(scale.start))
            if scale.start > 0 else "")
    note_h = font + 4 if note else 0.0
    room = 62.0
    labels = [label.split(" ", 1)[1] if " " in label else label for label, _, _ in rows]
    wrapped = [_wrap(label, room, font) for label in labels]
    if any(_shortened(label, lines) for label, lines in zip(labels, wrapped, strict=True)):
        wrapped = [[label.split(" ", 1)[0]] for label, _, _ in rows]
    label_w = max(stringWidth(line, FONT, font) for lines in wrapped for line in lines)
    lines_h = 2 * (font + 1)
    cx, cy = width / 2, note_h + (height - legend_h - note_h) / 2
    radius = max(30.0, min(width / 2 - label_w - 10,
                           (height - legend_h - note_h) / 2 - lines_h - 6))

    def point(k: int, value: float) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * k / count
        r = radius * scale.fraction(value)
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for ring in scale.ticks[1:]:
        points = [c for k in range(count) for c in point(k, ring)]
        if ring == target:
            drawing.add(Polygon(points, fillColor=None, strokeColor=black, strokeWidth=1.2,
                                strokeDashArray=[4, 1.5]))
        else:
            drawing.add(Polygon(points, fillColor=None, strokeColor=_grey(RULE),
                                strokeWidth=0.6 if ring == scale.end else 0.4,
                                strokeDashArray=None if ring == scale.end else [1, 2]))
    for k, lines in enumerate(wrapped):
        x, y = point(k, scale.end)
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
    series = [(1, True)] + ([(2, False)] if pair else [])
    for index, current in reversed(series):  # this year drawn last, on top
        values = [row[index] for row in rows]
        points = [c for k, v in enumerate(values) for c in point(k, scale.start if v is None
                                                                 else v)]
        drawing.add(PolyLine([*points, points[0], points[1]], strokeColor=black,
                             strokeWidth=1.4 if current else 1.0,
                             strokeDashArray=None if current else [3, 2]))
        for k, v in enumerate(values):
            if v is not None:
                _marker(drawing, *point(k, v), current)
    # the ring figures, on a white ground, along the first spoke's left side
    for ring in scale.ticks:
        x, y = point(0, ring)
        text = _tick(ring)
        w = stringWidth(text, FONT, font - 1.5)
        drawing.add(Rect(x - 3 - w - 1, y - font / 2 - 0.5, w + 2, font - 1, fillColor=white,
                         strokeColor=None))
        drawing.add(String(x - 3, y - font / 2, text, fontName=FONT, fontSize=font - 1.5,
                           fillColor=_grey(0.25), textAnchor="end"))
    if note:
        drawing.add(String(2, 2, note, fontName=FONT, fontSize=font - 0.5,
                           fillColor=_grey(0.2)))
    target_label = (render("report.chart.target", lang, value=_tick(target))
                    if scale.start <= target <= scale.end else None)
    _legend(drawing, 2, height - legend_h + 4, this_label, last_label, target_label,
            line=True)
    return drawing
