"""Chinese line breaking in the report (禁则): every line that reportlab draws is checked.

The reports of the demo units are built in-process with the drawing of text blocks and table
cells watched, so each block's own lines are seen (pdftotext would put the columns of a table
side by side). The rules, written here from the issue and not taken from the module
under test: no opening bracket or quote at a line end, no closing punctuation at a line start,
no single Chinese character alone on a last line when the line above could give one more, no
short label wrapped, no plain cell wider than its column. A last test lays a report out with
reportlab's own Paragraph, to show that these checks see the faults it makes.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table

from haiyan_desktop.report import build_report, register_fonts
from haiyan_desktop.report import document as report_document
from haiyan_desktop.report.layout import FONT
from haiyan_desktop.report.typesetting import TextBlock, break_text, glue
from haiyan_desktop.store import Store

OPENING = "“‘（《〈「『【〔｛＜([{"
CLOSING = "”’）》〉」』】〕｝＞)]}、，。．：；？！…‰％%"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z0-9]")
SHORT_LABEL = 8  # characters: a label this short is never wrapped
SEPARATORS = ("、", "，", ",", "；", ";")
EN_UNITS = ("wuyuan", "shendang", "health_bureau")
UNITS = 9 + 11  # the demo's townships and departments


@dataclass
class Block:
    """One paragraph or table cell as drawn: its lines and the room they had."""

    where: str
    lines: list[str]
    soft: list[bool]  # soft[i]: line i ends where the breaker chose (not a <br/>)
    room: float
    font: str
    size: float
    cell: bool
    shrink: float = 0.0  # how far reportlab lets a line of words pass: its spaces may shrink


def _paragraph_block(para: Paragraph, where: str) -> Block:
    bl = para.blPara
    style = para.style
    lines, soft = [], []
    for line in bl.lines:
        if bl.kind == 0:
            lines.append(" ".join(line[1]))
            soft.append(True)
        else:
            lines.append("".join(w.text for w in line.words))
            soft.append(not getattr(line, "lineBreak", False))
    room = getattr(para, "_wrapWidths", [para.width])[-1]
    shrink = style.spaceShrinkage * stringWidth(" ", style.fontName, style.fontSize) \
        if bl.kind == 0 else 0.0
    return Block(where, lines, soft, room, style.fontName, style.fontSize,
                 cell=style.name.startswith(("cell", "head")), shrink=shrink)


def _text_block(block: TextBlock, where: str) -> Block:
    style = block.style
    return Block(where, [line for line, _ in block.lines],
                 [not forced for _, forced in block.lines], block._room or block.width,
                 style.fontName, style.fontSize, cell=style.name.startswith(("cell", "head")))


def _watch(patch: pytest.MonkeyPatch, blocks: list[Block], where: list[str]) -> None:
    draw_para = Paragraph.drawPara
    draw_block = TextBlock.draw
    draw_cell = Table._drawCell

    def drawPara(self, debug=0):
        blocks.append(_paragraph_block(self, where[0]))
        return draw_para(self, debug)

    def draw(self):
        blocks.append(_text_block(self, where[0]))
        return draw_block(self)

    def _drawCell(self, cellval, cellstyle, pos, size):
        if isinstance(cellval, str) and cellval.strip():
            room = size[0] - cellstyle.leftPadding - cellstyle.rightPadding
            lines = cellval.split("\n")
            blocks.append(Block(where[0], lines, [False] * len(lines), room,
                                cellstyle.fontname, cellstyle.fontsize, cell=True))
        return draw_cell(self, cellval, cellstyle, pos, size)

    patch.setattr(Paragraph, "drawPara", drawPara)
    patch.setattr(TextBlock, "draw", draw)
    patch.setattr(Table, "_drawCell", _drawCell)


def build_watched(folder: Path, out_dir: Path, reports: list[tuple[str, int, str]]
                  ) -> list[Block]:
    register_fonts()
    blocks: list[Block] = []
    where = [""]
    with pytest.MonkeyPatch.context() as patch, Store(folder, demo=True, write=False) as store:
        _watch(patch, blocks, where)
        for unit, year, lang in reports:
            where[0] = f"{unit} {year} {lang}"
            build_report(store, store.submission(unit, year), out_dir / f"{unit}-{lang}.pdf",
                         lang=lang)
    return blocks


def latest_reports(folder: Path) -> list[tuple[str, int, str]]:
    """Every unit's latest report in Chinese (townships and departments), and three in
    English."""
    with Store(folder, demo=True, write=False) as store:
        subs = list(store.submissions())
    year = max(s.year for s in subs)
    units = sorted({s.unit.code for s in subs if s.year == year})
    return [(u, year, "zh") for u in units] + [(u, year, "en") for u in EN_UNITS]


@pytest.fixture(scope="module")
def blocks(demo_dir, tmp_path_factory) -> list[Block]:
    reports = latest_reports(demo_dir)
    assert len(reports) == UNITS + len(EN_UNITS)
    return build_watched(demo_dir, tmp_path_factory.mktemp("typeset"), reports)


# --- the rules ----------------------------------------------------------------------------
def _show(block: Block, i: int) -> str:
    return f"{block.where}: {block.lines[i - 1].strip()!r} / {block.lines[i].strip()!r}"


def bracket_at_end(blocks: list[Block]) -> list[str]:
    return [_show(b, i + 1) for b in blocks for i, line in enumerate(b.lines[:-1])
            if b.soft[i] and line.rstrip()[-1:] in tuple(OPENING)]


def closing_at_start(blocks: list[Block]) -> list[str]:
    return [_show(b, i) for b in blocks for i in range(1, len(b.lines))
            if b.soft[i - 1] and b.lines[i].lstrip()[:1] in tuple(CLOSING)]


def _could_give(block: Block, above: str, last: str) -> bool:
    """Whether moving the last one or two characters of ``above`` down is allowed and fits."""
    for k in (1, 2):
        rest, moved = above[:-k].rstrip(), above[-k:]
        if len(rest) < 2 or rest[-1] in OPENING or moved[0] in CLOSING:
            continue
        if LATIN.match(rest[-1]) and LATIN.match(moved[0]):
            continue
        if stringWidth(moved + last, block.font, block.size) <= block.room:
            return True
    return False


def lone_last(blocks: list[Block]) -> list[str]:
    out = []
    for b in blocks:
        if len(b.lines) < 2 or not b.soft[-2]:
            continue
        above, last = b.lines[-2].strip(), b.lines[-1].strip()
        core = "".join(ch for ch in last if ch not in CLOSING)
        if len(core) == 1 and CJK.match(core) and _could_give(b, above, last):
            out.append(_show(b, len(b.lines) - 1))
    return out


def short_label_wrapped(blocks: list[Block], stacked: bool = False) -> list[str]:
    """Short cells printed on two lines or more, not at a list separator (错误、/仅填报 is a
    list wrapped where it may be). ``stacked``: only plain cells stacked with newlines, which
    read as a wrapped label too (错误/未填); else all other cells."""
    out = []
    for b in blocks:
        if not b.cell or len(b.lines) < 2 or len("".join(b.lines).strip()) > SHORT_LABEL:
            continue
        if (not any(b.soft)) != stacked:
            continue
        if any(not line.rstrip().endswith(SEPARATORS) for line in b.lines[:-1]):
            out.append(f"{b.where}: {' / '.join(b.lines)!r}")
    return out


def cell_overflows(blocks: list[Block]) -> list[str]:
    """Lines wider than their cell (reportlab's space shrinkage allowed for)."""
    return [f"{b.where}: {line!r} {stringWidth(line, b.font, b.size):.1f} > {b.room:.1f}"
            for b in blocks if b.cell for line in b.lines
            if stringWidth(line, b.font, b.size) > b.room + 0.01 + b.shrink * line.count(" ")]


# --- the report ---------------------------------------------------------------------------
def test_every_report_was_seen(blocks):
    seen = {b.where for b in blocks}
    assert len(seen) == UNITS + len(EN_UNITS)
    assert sum(len(b.lines) > 1 for b in blocks) > 100  # plenty of wrapped paragraphs


def test_no_opening_bracket_or_quote_at_a_line_end(blocks):
    assert bracket_at_end(blocks) == []


def test_no_closing_punctuation_at_a_line_start(blocks):
    assert closing_at_start(blocks) == []


def test_no_lone_character_on_a_last_line(blocks):
    assert lone_last(blocks) == []


def test_short_labels_do_not_wrap(blocks):
    assert short_label_wrapped(blocks) == []


def test_flags_are_not_stacked(blocks):
    assert short_label_wrapped(blocks, stacked=True) == []


def test_no_break_inside_a_number():
    from haiyan_desktop.report.typesetting import break_allowed

    assert not break_allowed(".", "0") and not break_allowed(",", "2")
    assert break_allowed("。", "我")


def test_plain_cells_fit_their_column(blocks):
    assert cell_overflows(blocks) == []


def test_the_checks_see_reportlabs_own_faults(demo_dir, tmp_path):
    """reportlab's Paragraph, as the report used it before: the checks find the faults that
    the issue lists, so the tests above would fail without the typesetting module."""
    def paragraph(text: str, style) -> Paragraph:  # the report's text as it was set before
        markup = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return Paragraph(markup.replace("\n", "<br/>"), style)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(report_document, "TextBlock", paragraph)
        seen = build_watched(demo_dir, tmp_path, [("xitangqiao", 2019, "zh")])
    ends = "\n".join(bracket_at_end(seen))
    assert "（2019 年版）（' / 'haiyan-2019" in ends
    assert "统计调查数据（' / '年度更新）" in ends  # CUL03A's definition in the appendix
    assert len(lone_last(seen)) >= 3  # e.g. 保险比/例, 覆盖/率 at the column widths


# --- the breaker --------------------------------------------------------------------------
def test_a_lone_last_character_takes_one_more():
    assert break_text("被征地人员纳入职工基本养老保险比例", 120, FONT, 7.5) == [
        "被征地人员纳入职工基本养老保险", "比例"]


def test_a_bracket_goes_down_with_what_it_opens():
    text = "海盐县基本公共服务均等化实现度评价指标体系（2019 年版）（haiyan-2019，版本 2019.1）"
    lines = break_text(text, 290, FONT, 10)
    assert lines == ["海盐县基本公共服务均等化实现度评价指标体系（2019 年版）",
                     "（haiyan-2019，版本 2019.1）"]


def test_closing_punctuation_takes_a_character_down_rather_than_hang():
    width = stringWidth("一二三四五", FONT, 10)
    assert break_text("一二三四五。六七八", width, FONT, 10) == ["一二三四", "五。六七八"]


def test_words_and_numbers_are_not_cut():
    lines = break_text("可用 haiyan-desktop report-data 读出附带数据核对", 110, FONT, 10)
    assert len(lines) > 1
    assert any("haiyan-desktop" in line for line in lines)
    assert any("report-data" in line for line in lines)
    assert break_text("达成 99.5% 以上", 30, FONT, 10) == ["达成", "99.5%", "以上"]


def test_a_word_longer_than_the_line_is_still_cut():
    lines = break_text("x" * 60, 50, FONT, 10)
    assert len(lines) > 1 and "".join(lines) == "x" * 60
    assert all(stringWidth(line, FONT, 10) <= 50 for line in lines)


def test_glued_spaces_keep_a_sign_with_its_number_in_english_text():
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    style = ParagraphStyle("en", fontName=FONT, fontSize=7.5, leading=10)
    text = "eligible applicants × 100 %, per the records ( see below )"
    width = stringWidth("eligible applicants × 100", FONT, 7.5) + 1
    plain = Paragraph(text, style)
    plain.wrap(width, 1000)
    assert plain.blPara.lines[1][1][0] == "%,"  # reportlab alone
    block = TextBlock(glue(text), style)  # as the report's text helpers make them
    block.wrap(width, 1000)
    lines = [line for line, _ in block.lines]
    assert len(lines) > 1 and "".join(lines).replace("\u00a0", "").replace(" ", "") \
        == text.replace(" ", "")
    assert not any(line.startswith(tuple(CLOSING)) for line in lines[1:])
    assert not any(line.endswith(tuple(OPENING)) for line in lines[:-1])
    assert glue("（ 2019 年版 ）") == "（\u00a02019 年版\u00a0）"


def test_forced_breaks_and_page_splits_keep_the_text(tmp_path):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    style = ParagraphStyle("t", fontName=FONT, fontSize=10, leading=14)
    text = ("第一行\n" + "县级指标均允许标记“不适用”（allow_na），非牵头部门填报时标记不适用"
            "并注明“由××局填报”。" * 3)
    block = TextBlock(text, style)
    width, height = block.wrap(120, 1000)
    lines = block.lines
    assert lines[0] == ("第一行", True) and not any(forced for _, forced in lines[1:])
    assert height == 14 * len(lines) and width == 120
    assert all(stringWidth(line, FONT, 10) <= 120 for line, _ in lines)
    assert not any(line.endswith(tuple(OPENING)) for line, _ in lines)
    assert not any(line.startswith(tuple(CLOSING)) for line, _ in lines[1:])
    assert "".join(line for line, _ in lines) == text.replace("\n", "")
    head, tail = block.split(120, 14 * 4)
    assert head.lines == lines[:4] and tail.lines == lines[4:]
    assert head.getSpaceAfter() == 0 and tail.getSpaceBefore() == 0
    assert block.split(120, 14) == []  # a first line is not left alone at a page's foot
    assert block.split(120, 1000) == [block]
    doc = SimpleDocTemplate(str(tmp_path / "t.pdf"))
    doc.build([TextBlock("一" * 2000, style)])  # many pages, no error
    pages = subprocess.run(["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True,
                           text=True, check=True).stdout
    assert re.sub(r"\s+", "", pages) == "一" * 2000


def test_alignment_right_and_centre_place_the_line_in_its_room(tmp_path):
    """Where poppler finds the words: "海盐" at 10 pt is 20 pt wide, in a room of 100 pt."""
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    pdf = tmp_path / "aligned.pdf"
    canvas = Canvas(str(pdf), pagesize=(300, 300))
    for row, alignment in enumerate((TA_LEFT, TA_RIGHT, TA_CENTER)):
        style = ParagraphStyle(f"a{row}", fontName=FONT, fontSize=10, leading=12,
                               alignment=alignment)
        block = TextBlock("海盐\n海盐", style)  # two lines: each placed alike
        block.wrap(100, 100)
        block.drawOn(canvas, 50, 250 - 40 * row)
    canvas.save()
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    starts = [float(x) for x in re.findall(r'<word xMin="([\d.]+)"', boxes)]
    assert starts == pytest.approx([50, 50, 130, 130, 90, 90], abs=0.5)


def test_a_figure_too_wide_for_its_column_is_set_smaller_not_broken():
    from haiyan_desktop.report.document import MIN_FIGURE_SIZE, HouseDocument
    from haiyan_desktop.report.layout import FONT_BOLD, TABLE_SIZE

    register_fonts()
    house = HouseDocument("zh", None)
    assert house.figure_cell("+2630.00", 39.28) == "+2630.00"  # fits: plain
    cell = house.figure_cell("+123456.00", 39.28)
    assert isinstance(cell, TextBlock)
    cell.wrap(39.28 - 5, 100)
    assert cell.lines == [("+123456.00", False)]  # one line, whole
    size = cell.style.fontSize
    assert MIN_FIGURE_SIZE < size < TABLE_SIZE
    assert stringWidth("+123456.00", FONT_BOLD, size) <= 39.28 - 5 + 0.01
    huge = house.figure_cell("+123456789.00", 39.28)  # no smaller than the floor: it wraps
    huge.wrap(39.28 - 5, 100)
    assert huge.style.fontSize == MIN_FIGURE_SIZE and len(huge.lines) == 2
