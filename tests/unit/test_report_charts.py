"""The report's charts: a scale fitted to the figures and said when it does not start at 0, the
target drawn, last year beside this year, told apart without colour."""

from __future__ import annotations

import pytest
from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String

from haiyan_desktop.report import register_fonts
from haiyan_desktop.report.charts import Scale, bar_chart, fit_scale, radar_chart

CLOSE = [("公共教育", 98.3, 97.7), ("就业创业", 98.7, 99.0), ("社会保险", 98.8, 99.2),
         ("社会服务", 94.7, 96.5), ("住房保障", 98.6, 98.6)]
SPREAD = [("公共教育", 96.1, 95.2), ("社会保险", 0.0, 96.9), ("住房保障", 19.4, 97.6)]


@pytest.fixture(scope="module", autouse=True)
def fonts():
    register_fonts()


def shapes(drawing: Drawing) -> list:
    return list(drawing.contents)


def texts(drawing: Drawing) -> list[str]:
    return [s.text for s in shapes(drawing) if isinstance(s, String)]


@pytest.mark.parametrize(("values", "scale"), [
    ([98.3, 97.7, 94.7, 99.2], Scale(94.0, 100.0, 1.0)),
    ([91.5, 90.5, 99.0], Scale(88.0, 100.0, 2.0)),
    ([83.4, 87.9, 98.5], Scale(80.0, 100.0, 5.0)),
    ([100.0, 100.0], Scale(97.0, 100.0, 1.0)),
    ([64.2, 95.0], Scale(50.0, 100.0, 10.0)),
    ([0.0, 96.1], Scale(0.0, 100.0, 20.0)),
    ([19.4, 97.6, None], Scale(0.0, 100.0, 20.0)),
    ([], Scale(0.0, 100.0, 20.0)),
])
def test_the_scale_fits_the_figures(values, scale):
    assert fit_scale(values) == scale


def test_the_lowest_figure_keeps_a_visible_bar():
    for low in (90.0, 90.4, 94.7, 97.99, 99.9):
        scale = fit_scale([low, 100.0])
        assert low - scale.start >= scale.step / 2
        assert len(scale.ticks) <= 7 and scale.ticks[-1] == 100.0


def test_close_figures_get_a_fitted_axis_that_says_so():
    chart = bar_chart(CLOSE, 280, "2019 年度", "2018 年度")
    shown = texts(chart)
    assert "94" in shown and "100" in shown and "0" not in shown
    assert "刻度从 94 起，不从 0 起" in shown
    assert "目标 100" in shown
    english = bar_chart(CLOSE, 280, "2019", "2018", lang="en")
    assert "the scale starts at 94, not 0" in texts(english)
    assert "target 100" in texts(english)


def test_bars_show_the_differences():
    chart = bar_chart(CLOSE, 280, "2019 年度", "2018 年度")
    dark = sorted(s.width for s in shapes(chart) if isinstance(s, Rect)
                  and s.fillColor is not None and s.fillColor.red < 0.5 and s.height > 5)
    # this year's bars (and the legend swatch): the shortest is a fraction of the longest
    assert dark[1] < dark[-1] * 0.2


def test_a_wide_spread_keeps_the_zero_based_axis():
    chart = bar_chart(SPREAD, 280, "2019 年度", "2018 年度")
    shown = texts(chart)
    assert "0" in shown and "100" in shown
    assert not any("不从 0 起" in t for t in shown)


def test_this_year_and_last_year_differ_without_colour():
    chart = bar_chart(CLOSE, 280, "2019 年度", "2018 年度")
    fills = {(round(s.fillColor.red, 2) if s.fillColor is not None else None)
             for s in shapes(chart) if isinstance(s, Rect) and s.height > 5}
    assert {0.22, 1.0} <= fills  # dark solid bars, white bars with upright hatching
    hatching = [s for s in shapes(chart) if isinstance(s, Line) and s.strokeWidth > 4]
    assert len(hatching) == len(CLOSE) + 1 and all(s.strokeDashArray for s in hatching)
    target = [s for s in shapes(chart) if isinstance(s, Line) and 1.2 <= s.strokeWidth < 4]
    assert target and all(s.strokeDashArray for s in target)  # the target: heavy dashes


def test_the_radar_is_fitted_and_marks_its_centre_and_target():
    radar = radar_chart(CLOSE, 240, 220, "2019 年度", "2018 年度")
    shown = texts(radar)
    assert "中心为 94，不是 0" in shown and "目标 100" in shown
    rings = [s for s in shapes(radar) if isinstance(s, Polygon)]
    assert any(s.strokeWidth >= 1.2 and s.strokeDashArray for s in rings)  # the target ring
    lines = [s for s in shapes(radar) if isinstance(s, PolyLine)]
    assert len(lines) == 2 and {bool(s.strokeDashArray) for s in lines} == {True, False}


def test_the_radar_of_a_wide_spread_starts_at_zero():
    radar = radar_chart(SPREAD, 240, 220, "2019", "2018", lang="en")
    assert not any("centre" in t for t in texts(radar))


def test_labels_break_by_the_chinese_rules():
    label = "镇（街道）“残疾人之家”达标运行"  # 15 characters of 7 points: 14 fit a line
    chart = bar_chart([(label, 90.0, 91.0)], 300, "2019 年度", "2018 年度", label_width=104.5)
    shown = texts(chart)
    assert "镇（街道）“残疾人之家”达标" in shown and "运行" in shown  # not 达标运 / 行


def test_charts_paint_as_reportlabs_own_renderer_does(tmp_path):
    """ChartDrawing paints its shapes itself (faster): the page must look the same, pixel by
    pixel, as reportlab's renderer makes it."""
    import subprocess

    from PIL import Image, ImageChops
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas

    charts = [bar_chart(CLOSE, 280, "2019 年度", "2018 年度"),
              bar_chart(SPREAD, 280, "2019", None, lang="en"),
              radar_chart(CLOSE, 240, 220, "2019 年度", "2018 年度")]
    pages = {}
    for way in ("ours", "reportlab"):
        pdf = tmp_path / f"{way}.pdf"
        canvas = Canvas(str(pdf), pagesize=(300, 900))
        y = 10.0
        for chart in charts:
            if way == "ours":
                chart.drawOn(canvas, 10, y)
            else:
                renderPDF.draw(chart, canvas, 10, y)
            y += chart.height + 20
        canvas.save()
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf),
                        str(tmp_path / way)], check=True)
        pages[way] = Image.open(tmp_path / f"{way}.png").convert("L")
    assert ImageChops.difference(pages["ours"], pages["reportlab"]).getbbox() is None
    assert pages["ours"].getextrema()[0] < 64  # (something dark was drawn at all)


def test_a_shape_charts_do_not_use_is_refused_in_words():
    from reportlab.graphics.shapes import Ellipse
    from reportlab.pdfgen.canvas import Canvas

    from haiyan_desktop.report.charts import paint_shape

    with pytest.raises(TypeError, match="Ellipse"):
        paint_shape(Canvas("unused.pdf"), Ellipse(0, 0, 5, 3))
