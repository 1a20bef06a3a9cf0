"""The report's fonts: registered once, embedded whole-family, never a standard font."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from haiyan_desktop.report.fonts import register_fonts
from haiyan_desktop.report.layout import FONT, FONT_BOLD
from haiyan_desktop.sample_values import plausible_entries
from haiyan_desktop.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_fonts_are_registered_once_and_measure_chinese():
    assert register_fonts() == (FONT, FONT_BOLD)
    regular = pdfmetrics.getFont(FONT)
    assert register_fonts() == (FONT, FONT_BOLD)
    assert pdfmetrics.getFont(FONT) is regular  # not read again
    assert regular.face.numGlyphs > 30000
    # a CJK glyph is one em wide; bold digits are wider than regular ones
    assert regular.stringWidth("海盐县", 10) == 30
    assert pdfmetrics.stringWidth("98.32%", FONT_BOLD, 10) > regular.stringWidth("98.32%", 10)


def test_no_standard_font_even_when_reportlab_was_imported_first(tmp_path, builtin):
    """The window may load reportlab's styles before the report registers our fonts."""
    with Store(tmp_path / "data", actor="张三") as store:
        sub = store.open_submission(builtin, "baibu", 2019)
        store.set_values(sub, plausible_entries(builtin, "town", random.Random(4)))
    script = textwrap.dedent("""
        import sys
        import reportlab.graphics.shapes, reportlab.lib.styles, reportlab.platypus
        import haiyan_desktop.report.document
        from haiyan_desktop.report import build_report
        from haiyan_desktop.store import Store
        with Store(sys.argv[1], write=False) as store:
            for lang in ("zh", "en"):
                build_report(store, store.submission("baibu", 2019), f"{sys.argv[2]}-{lang}.pdf",
                             lang=lang)
    """)
    out = tmp_path / "early"
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "data"), str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    for lang in ("zh", "en"):
        fonts = subprocess.run(["pdffonts", f"{out}-{lang}.pdf"], capture_output=True,
                               text=True, check=True).stdout.splitlines()[2:]
        assert fonts and all("NotoSansSC" in row and row.split()[-5:-2] == ["yes"] * 3
                             for row in fonts), fonts


def test_the_warm_up_loads_reportlab_and_registers_the_fonts():
    """What the window does on a worker after its first paint (jobs.report.warm_up)."""
    script = textwrap.dedent("""
        import sys
        from reportlab.pdfbase import pdfmetrics
        from haiyan_desktop.jobs.report import warm_up
        from haiyan_desktop.report.layout import FONT, FONT_BOLD
        loaded = lambda: ("reportlab.platypus" in sys.modules,
                          "haiyan_desktop.report.document" in sys.modules)
        before = loaded()
        warm_up()
        print(before, loaded(), {FONT, FONT_BOLD} <= set(pdfmetrics.getRegisteredFontNames()))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == "(False, False) (True, True) True"
