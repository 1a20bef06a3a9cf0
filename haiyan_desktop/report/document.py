"""The report as a reportlab platypus document: cover, summary, domains, warnings, signatures.

Running header and footer (unit, year, "第 x 页 共 y 页", fingerprint) and the watermarks are
drawn once every page is laid out, by :class:`ReportCanvas`, so the page total is known.
The data JSON is attached as an embedded file (catalog /Names → /EmbeddedFiles), which PDF
readers list as an attachment and :func:`.data.read_report_data` reads back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, black, white
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .. import __version__
from ..catalogue.indicator_types import indicator_type
from ..catalogue.model import Catalogue, Indicator
from ..messages import render
from ..scoring import MISSING, SCORED, UNSCORED, LeafScore, NodeScore
from ..store.workflow import LABELS
from . import charts
from .data import ATTACHMENT_MIME, ATTACHMENT_NAME, ReportData, attachment_bytes
from .figures import FULL, change, figures, last_year, percent
from .figures import text as figure
from .layout import (
    BODY_SIZE,
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    FINGERPRINT_SHOWN,
    FONT,
    FONT_BOLD,
    FOOTER_Y,
    HEADER_Y,
    HEADING_SIZE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    SHADE,
    SIGNATURE_BOXES,
    SIGNATURE_FRAME_BOTTOM,
    SMALL_SIZE,
    SUBHEADING_SIZE,
    TABLE_SIZE,
    TITLE_SIZE,
    UNIT_SEAL_BOX,
    WATERMARK,
    WATERMARK_ALPHA,
)
from .method import Appendix, MethodPage
from .typesetting import TextBlock, glue

Value = float | bool | str | None
CHILD_INDENT = 7.0
MIN_FIGURE_SIZE = 6.0  # a figure too wide for its column is set this small at the least
_FIELD_RULES = frozenset({"min", "max", "expected_range", "max_change"})


def grey(level: float, alpha: float = 1.0) -> Color:
    return Color(level, level, level, alpha=alpha)


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table style that names our font for every cell first: reportlab's cell default is the
    base font read when its tables module was imported, perhaps before ours was registered."""
    return TableStyle([("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE, TABLE_SIZE * 1.3),
                       *commands])


def zh_number(n: int) -> str:
    """一, 二 … 十, 十一 … 九十九: section numbers in a Chinese report."""
    digits = "零一二三四五六七八九"
    if n <= 10:
        return "十" if n == 10 else digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _g(number: float) -> str:
    return f"{number:g}"


@dataclass
class PageDecor:
    """What every page shows around its content, drawn when the page total is known."""

    lang: str
    running_title: str
    footer: str
    fingerprint: str
    state: str
    watermarks: list[str]
    generated_at: datetime
    attachment: bytes
    description: str
    signature_pages: list[int] = field(default_factory=list)

    def page(self, canv: Canvas, number: int, total: int) -> None:
        canv.saveState()
        if self.watermarks:
            self._watermarks(canv)
        canv.setStrokeColor(grey(RULE))
        canv.setLineWidth(0.5)
        canv.setFillColor(black)
        if number > 1:  # the cover carries the title itself
            canv.setFont(FONT, SMALL_SIZE + 0.5)
            canv.drawString(MARGIN_LEFT, HEADER_Y, self.running_title)
            canv.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, HEADER_Y, self.state)
            canv.line(MARGIN_LEFT, HEADER_Y - 5, PAGE_WIDTH - MARGIN_RIGHT, HEADER_Y - 5)
        canv.line(MARGIN_LEFT, FOOTER_Y + 11, PAGE_WIDTH - MARGIN_RIGHT, FOOTER_Y + 11)
        canv.setFont(FONT, SMALL_SIZE + 0.5)
        canv.drawString(MARGIN_LEFT, FOOTER_Y, self.footer)
        canv.drawCentredString(PAGE_WIDTH / 2, FOOTER_Y,
                               render("report.page", self.lang, page=number, pages=total))
        canv.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, FOOTER_Y,
                             render("report.footer_fingerprint", self.lang,
                                    fingerprint=self.fingerprint[:FINGERPRINT_SHOWN]))
        canv.restoreState()

    def _watermarks(self, canv: Canvas) -> None:
        canv.saveState()
        canv.setFillColor(grey(WATERMARK, WATERMARK_ALPHA))
        canv.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canv.rotate(45)
        offsets = [0.0] if len(self.watermarks) == 1 else [110.0, -110.0]
        for text, offset in zip(self.watermarks, offsets, strict=False):
            size = min(120.0, 560.0 / stringWidth(text, FONT_BOLD, 1))
            canv.setFont(FONT_BOLD, size)
            canv.drawCentredString(0, offset - size / 3, text)
        canv.restoreState()

    def finish(self, canv: Canvas) -> None:
        """Attach the data JSON as an embedded file (a /Names /EmbeddedFiles entry)."""
        stream = PDFStream(PDFDictionary({
            "Type": PDFName("EmbeddedFile"),
            "Subtype": "/" + ATTACHMENT_MIME.replace("/", "#2F"),
            "Params": PDFDictionary({"Size": len(self.attachment)}),
        }), self.attachment, filters=[PDFZCompress])
        spec = PDFDictionary({
            "Type": PDFName("Filespec"),
            "F": PDFString(ATTACHMENT_NAME),
            "UF": PDFString(ATTACHMENT_NAME),
            "EF": PDFDictionary({"F": stream, "UF": stream}),
            "Desc": PDFString(self.description),
            "AFRelationship": PDFName("Data"),
        })
        canv.setCatalogEntry("Names", PDFDictionary({
            "EmbeddedFiles": PDFDictionary({"Names": PDFArray([PDFString(ATTACHMENT_NAME),
                                                               spec])})}))


def _time_stamp(when: datetime) -> TimeStamp:
    """reportlab's document time (CreationDate) set to the report's generation time."""
    stamp = TimeStamp(invariant=True)
    offset = when.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    stamp.t = when.timestamp()
    stamp.lt = when.timetuple()
    stamp.YMDhms = tuple(when.timetuple())[:6]
    stamp.dhh, stamp.dmm = int(minutes / 60), abs(minutes) % 60
    stamp.tzname = when.tzname() or "UTC"
    return stamp


class ReportCanvas(Canvas):
    """Keeps every page until the end, then draws header, footer and watermarks on each."""

    decor: PageDecor

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._doc._timeStamp = _time_stamp(self.decor.generated_at)
        self._kept: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's name
        self._kept.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._kept)
        for number, state in enumerate(self._kept, 1):
            self.__dict__.update(state)
            self.decor.page(self, number, total)
            Canvas.showPage(self)
        self.decor.finish(self)
        Canvas.save(self)


class _Bookmarked(TextBlock):
    """A heading that also becomes an entry of the PDF outline (the viewer's bookmarks)."""

    def __init__(self, text: str, style: ParagraphStyle, level: int):
        super().__init__(text, style)
        self.outline = (text, level)


class PagedDocument(BaseDocTemplate):
    def __init__(self, filename: str, decor: PageDecor, **kwargs: Any):
        super().__init__(filename, **kwargs)
        self.decor = decor
        self._marks = 0
        body = Frame(MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, CONTENT_HEIGHT, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        sign = Frame(MARGIN_LEFT, SIGNATURE_FRAME_BOTTOM, CONTENT_WIDTH,
                     PAGE_HEIGHT - MARGIN_TOP - SIGNATURE_FRAME_BOTTOM, id="sign",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [body]),
            PageTemplate("body", [body]),
            PageTemplate("signature", [sign], onPage=self._signature_boxes),
        ])

    def afterFlowable(self, flowable: Flowable) -> None:  # reportlab's name
        outline = getattr(flowable, "outline", None)
        if outline:
            self._marks += 1
            key = f"s{self._marks}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(outline[0], key, level=outline[1])

    def _signature_boxes(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        lang = self.decor.lang
        self.decor.signature_pages.append(canv.getPageNumber())
        canv.saveState()
        canv.setStrokeColor(black)
        canv.setLineWidth(0.6)
        for role, (x1, y1, x2, y2) in SIGNATURE_BOXES.items():
            canv.rect(x1, y1, x2 - x1, y2 - y1, stroke=1, fill=0)
            canv.setFont(FONT_BOLD, BODY_SIZE)
            canv.drawString(x1, y2 + 7, render(f"report.sign.{role}", lang))
            # the signing stamp shows the day and time of signing in the box: the line
            # below points there instead of waiting for a date by hand
            canv.setFont(FONT, BODY_SIZE)
            canv.drawString(x1, y1 - 16, render("report.sign.date_stamp", lang))
        # the unit's seal goes on paper, below the head's signature, with the day by hand
        x1, y1, x2, y2 = UNIT_SEAL_BOX
        canv.setFont(FONT_BOLD, BODY_SIZE)
        canv.drawString(x1, y2 + 7, render("report.sign.unit", lang))
        canv.setLineWidth(0.5)
        canv.setDash(3, 2)
        canv.rect(x1, y1, x2 - x1, y2 - y1, stroke=1, fill=0)
        canv.setDash()
        canv.setFont(FONT, BODY_SIZE)
        canv.drawRightString(x2, y1 - 16, render("report.sign.seal_date", lang))
        canv.restoreState()


def house_styles(lang: str) -> dict[str, ParagraphStyle]:
    """The paragraph styles of every document the program prints (the unit report, the
    county summary): the bundled fonts, its sizes, Chinese line breaking in Chinese."""
    wrap = "CJK" if lang == "zh" else None
    base = {"fontName": FONT, "wordWrap": wrap}
    return {
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=TITLE_SIZE,
                                leading=TITLE_SIZE * 1.35, alignment=TA_CENTER,
                                wordWrap=wrap),
        "county": ParagraphStyle("county", **base, fontSize=16, leading=24,
                                 alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", **base, fontSize=14, leading=20,
                                   alignment=TA_CENTER),
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=HEADING_SIZE,
                             leading=HEADING_SIZE * 1.4, spaceBefore=4, spaceAfter=8,
                             wordWrap=wrap, keepWithNext=True),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=SUBHEADING_SIZE,
                             leading=SUBHEADING_SIZE * 1.4, spaceBefore=10, spaceAfter=4,
                             wordWrap=wrap, keepWithNext=True),
        "body": ParagraphStyle("body", **base, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.5,
                               spaceAfter=4),
        "small": ParagraphStyle("small", **base, fontSize=SMALL_SIZE,
                                leading=SMALL_SIZE * 1.45, textColor=grey(0.25)),
        "notice": ParagraphStyle("notice", fontName=FONT_BOLD, fontSize=BODY_SIZE,
                                 leading=BODY_SIZE * 1.5, wordWrap=wrap),
        "cell": ParagraphStyle("cell", **base, fontSize=TABLE_SIZE,
                               leading=TABLE_SIZE * 1.3),
        "cell_bold": ParagraphStyle("cell_bold", fontName=FONT_BOLD, fontSize=TABLE_SIZE,
                                    leading=TABLE_SIZE * 1.3, wordWrap=wrap),
        "cell_child": ParagraphStyle("cell_child", **base, fontSize=TABLE_SIZE,
                                     leading=TABLE_SIZE * 1.3),
        "cell_right": ParagraphStyle("cell_right", **base, fontSize=TABLE_SIZE,
                                     leading=TABLE_SIZE * 1.3, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", fontName=FONT_BOLD, fontSize=TABLE_SIZE,
                               leading=TABLE_SIZE * 1.3, alignment=TA_CENTER, wordWrap=wrap),
        "label": ParagraphStyle("label", fontName=FONT_BOLD, fontSize=BODY_SIZE + 0.5,
                                leading=(BODY_SIZE + 0.5) * 1.45, wordWrap=wrap),
        "field": ParagraphStyle("field", **base, fontSize=BODY_SIZE + 0.5,
                                leading=(BODY_SIZE + 0.5) * 1.45, alignment=TA_LEFT),
        "cap": ParagraphStyle("cap", **base, fontSize=BODY_SIZE, leading=13,
                              alignment=TA_CENTER),
    }



class HouseDocument:
    """The house style every printed document shares (the unit report, the county summary):
    its paragraph styles and the helpers that set text, cells, headings, numbered sections,
    values and targets, and ruled tables, in one language."""

    def __init__(self, lang: str, catalogue: Catalogue | None):
        self.lang = lang
        self.catalogue = catalogue
        self.wrap = "CJK" if lang == "zh" else None
        self.styles = house_styles(lang)
        self.content_width = CONTENT_WIDTH
        self._sections = 0  # sections numbered as they are laid out: empty ones are left out

    # --- text helpers ---------------------------------------------------------------------
    def t(self, key: str, **params: Any) -> str:
        return render(key, self.lang, **params)

    def p(self, text: str, style: str = "body") -> Flowable:
        """A paragraph: its newlines are spaces, as in running text."""
        return TextBlock(glue(text.replace("\n", " ")), self.styles[style])

    def cell(self, text: str, width: float, style: str = "cell") -> str | Flowable:
        """Plain text when it fits on one line (a table draws it itself), else a text block;
        a newline breaks the line. Measured in bold: a table may print any row in bold (a
        total, a first-level row)."""
        if "\n" not in text and stringWidth(text, FONT_BOLD, TABLE_SIZE) <= width - 5:
            return text
        return TextBlock(glue(text), self.styles[style])

    def figure_cell(self, text: str, width: float) -> str | Flowable:
        """A figure plain when it fits, else set smaller so that it does (a change of
        +12630.00 in a narrow column), down to :data:`MIN_FIGURE_SIZE`; wider still, it
        wraps rather than run into the next column."""
        wide = stringWidth(text, FONT_BOLD, TABLE_SIZE)
        if wide <= width - 5:
            return text
        size = max(MIN_FIGURE_SIZE, TABLE_SIZE * (width - 5) / wide)
        name = f"figure_{size:.2f}"
        if name not in self.styles:
            self.styles[name] = ParagraphStyle(name, parent=self.styles["cell_right"],
                                               fontSize=size, leading=TABLE_SIZE * 1.3)
        return TextBlock(text, self.styles[name])

    def line(self, text: str, style: str) -> Flowable:
        """A title line (an appendix entry): a text block, broken only if it must."""
        return self.p(text, style)

    def heading(self, text: str, level: int) -> Flowable:
        return _Bookmarked(text, self.styles["h1" if level == 0 else "h2"], level)

    def section_number(self, n: int) -> str:
        return f"{zh_number(n)}、" if self.lang == "zh" else f"{n}. "

    def next_section(self) -> str:
        """The number of the next section that is printed (一、 or 1.)."""
        self._sections += 1
        return self.section_number(self._sections)

    def cover_notes(self, notices: list[str], note: str, width: float) -> list[Flowable]:
        """The foot of a cover: the notices in a ruled box (a draft, sample data…), then the
        small note on the fingerprint."""
        out: list[Flowable] = []
        if notices:
            box = Table([[self.p(n, "notice")] for n in notices], colWidths=[width],
                        hAlign="CENTER")
            box.setStyle(table_style([("BOX", (0, 0), (-1, -1), 1.0, black),
                                      ("TOPPADDING", (0, 0), (-1, -1), 6),
                                      ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 10)]))
            out += [box, Spacer(1, 16)]
        foot = Table([[self.p(note, "small")]], colWidths=[width], hAlign="CENTER")
        foot.setStyle(table_style([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return [*out, foot]

    # --- formatting of values ------------------------------------------------------------
    def value_text(self, ind: Indicator, value: Value, na: bool = False) -> str:
        if na:
            return self.t("report.na")
        if value is None:
            return "—"
        return indicator_type(ind.type).report_text(value, ind, self.lang)

    def target_text(self, ind: Indicator) -> str:
        return indicator_type(ind.type).target_text(ind, self.lang) or "—"

    def target_text_with_unit(self, ind: Indicator) -> str:
        """The target as the tables print it, a number with its unit: ≥ 100.00%."""
        shown = self.target_text(ind)
        unit = ind.unit.get(self.lang) if ind.unit else ""
        if not unit or not indicator_type(ind.type).numeric or not ind.is_scored \
                or ind.target is None:
            return shown
        return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}"

    def target_cell(self, ind: Indicator, width: float) -> str | Flowable:
        text = self.target_text_with_unit(ind) if ind.is_scored else ""
        if stringWidth(text, FONT, TABLE_SIZE) > width - 5:
            bare = self.target_text(ind)
            if text != bare and stringWidth(bare, FONT, TABLE_SIZE) <= width - 5:
                text = bare + "\n" + text[len(bare):].strip()  # the unit on a line of its own
            else:
                text = text.replace(" ", "\n", 1)  # too long (a date): break after the sign
        return self.cell(text, width, "cell_right")

    def fields_table(self, rows: list[tuple[str, str]], label_width: float,
                      width: float) -> Table:
        cells = [[self.p(k, "label"), self.p(v, "field")] for k, v in rows]
        table = Table(cells, colWidths=[label_width, width - label_width], hAlign="CENTER")
        table.setStyle(table_style([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, grey(RULE)),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, black),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, black),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]))
        return table

    def grid_table(self, head: list[str], widths: list[float], rows: list[list[Any]],
                   right: tuple[int, ...] = (), total_row: bool = False) -> Table:
        """A ruled table with a shaded header row (message keys), repeated on every page;
        a row taller than a page (a long comment) is split across pages."""
        cells = [self.head_row(head, widths), *rows]
        table = Table(cells, colWidths=widths, repeatRows=1, splitInRow=1)
        style = self.grid_style(len(cells), numeric_from=len(widths), total_row=total_row)
        style.add("VALIGN", (0, 1), (-1, -1), "TOP")
        for column in right:
            style.add("ALIGN", (column, 1), (column, -1), "RIGHT")
        table.setStyle(style)
        return table

    def head_row(self, keys: list[str], widths: list[float]) -> list[Any]:
        """A header row: plain text where a label fits on one line (bold and centred by the
        grid style; much cheaper than a paragraph in every table), else a wrapped one."""
        row: list[Any] = []
        for key, width in zip(keys, widths, strict=True):
            label = self.t(key)
            fits = stringWidth(label, FONT_BOLD, TABLE_SIZE) <= width - 5
            row.append(label if fits else self.p(label, "head"))
        return row

    def grid_style(self, rows: int, numeric_from: int, total_row: bool = False,
                    bold_rows: list[int] | None = None) -> TableStyle:
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, TABLE_SIZE, TABLE_SIZE * 1.3),
            ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ("BACKGROUND", (0, 0), (-1, 0), grey(SHADE)),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, black),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, grey(RULE)),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, black),
            ("ALIGN", (numeric_from, 1), (-1, -1), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        if total_row:
            commands += [("FONT", (0, rows - 1), (-1, rows - 1), FONT_BOLD, TABLE_SIZE),
                         ("LINEABOVE", (0, rows - 1), (-1, rows - 1), 0.6, black)]
        for row in bold_rows or []:
            commands += [("FONT", (0, row), (-1, row), FONT_BOLD, TABLE_SIZE),
                         ("LINEABOVE", (0, row), (-1, row), 0.5, grey(0.3))]
        return table_style(commands)


class ReportDocument(HouseDocument):
    """Builds the story of one report from :class:`ReportData` in one language."""

    def __init__(self, data: ReportData, lang: str = "zh"):
        super().__init__(lang, data.catalogue)
        self.data = data
        wrap, base = self.wrap, {"fontName": FONT, "wordWrap": self.wrap}
        self.kind = data.submission.unit.scope  # what the unit is shown (see Unit.scope)
        previous = data.previous
        # last year's values under this year's codes (a renamed indicator: replaces:)
        self.last_values = self.catalogue.carried_over(previous.check.values) if previous else {}
        self.last_na = previous.check.na if previous else set()
        self.last_nodes: dict[str, NodeScore] = {}
        if previous:
            for domain in previous.score.domains:
                self.last_nodes[domain.code] = domain
                for first in domain.children:
                    self.last_nodes[first.code] = first
        self.styles["note"] = ParagraphStyle("note", parent=self.styles["cell"],
                                             textColor=grey(0.2))
        for level, indent in (("1", 0.0), ("2", 14.0)):  # the appendix's entries
            self.styles["entry" + level] = ParagraphStyle(
                "entry" + level, fontName=FONT_BOLD, fontSize=TABLE_SIZE + 0.5,
                leading=(TABLE_SIZE + 0.5) * 1.35, wordWrap=wrap, spaceBefore=4,
                leftIndent=indent)
            self.styles["entry_body" + level] = ParagraphStyle(
                "entry_body" + level, **base, fontSize=TABLE_SIZE + 0.5,
                leading=(TABLE_SIZE + 0.5) * 1.4, leftIndent=indent + 14.0)
        # the figures as printed (rounded once, then computed: see .figures)
        self.fig = figures(self.catalogue, data.score, self.kind)
        self.last_fig = last_year(previous.score if previous else None)
        self.stored = data.values
        self._domain_section = 0

    def comment(self, code: str) -> str:
        stored = self.stored.get(code)
        return (stored.comment or "").strip() if stored else ""

    def name(self, code: str) -> str:
        return self.catalogue.index[code].name.get(self.lang)

    @property
    def year_label(self) -> str:
        return self.t("report.year", year=self.data.submission.year)

    @property
    def last_label(self) -> str | None:
        year = self.data.previous_year
        return None if year is None else self.t("report.year", year=year)

    def change_text(self, ind: Indicator, this: Value, last: Value) -> str:
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool)
                      for v in (this, last))
        if not numbers:
            return ""
        decimals = ind.decimals if ind.decimals is not None else 2
        diff = round(float(this) - float(last), decimals) + 0.0  # type: ignore[arg-type]
        return f"{diff:+.{decimals}f}"

    # --- the story -----------------------------------------------------------------------
    def story(self) -> list[Flowable]:
        out: list[Flowable] = []
        out += self.cover()
        out += [NextPageTemplate("body"), PageBreak()]
        out += self.summary()
        out += MethodPage(self).flowables()
        out += self.domains()
        out += self.problems()
        out += Appendix(self).flowables()
        out += [NextPageTemplate("signature"), PageBreak()]
        out += self.signature()
        return out

    def cover(self) -> list[Flowable]:
        data, sub = self.data, self.data.submission
        cat = self.catalogue
        when = data.generated_at
        offset = when.strftime("%z")
        generated = f"{when:%Y-%m-%d %H:%M:%S} UTC{offset[:3]}:{offset[3:]}"
        unit = sub.unit.name.get(self.lang)
        rows = [
            (self.t("report.field.county"), self.t("report.county")),
            (self.t("report.field.unit"), f"{unit}（{sub.unit.code}）" if self.lang == "zh"
             else f"{unit} ({sub.unit.code})"),
            (self.t("report.field.year"), self.year_label),
            (self.t("report.field.catalogue"),
             self.t("report.catalogue", title=cat.title.get(self.lang), id=cat.id,
                    version=cat.version)),
            (self.t("report.field.state"), LABELS[sub.state].get(self.lang)),
            (self.t("report.field.clerk"), data.clerk or self.t("report.clerk_not_given")),
            (self.t("report.field.overall"), percent(self.fig.overall.points)),
            (self.t("report.field.generated"), generated),
            (self.t("report.field.fingerprint"), data.fingerprint[:FINGERPRINT_SHOWN]),
        ]
        out: list[Flowable] = [
            Spacer(1, 70),
            self.p(self.t("report.county"), "county"),
            Spacer(1, 10),
            self.p(self.t("report.title"), "title"),
            Spacer(1, 12),
            self.p(self.t("report.subtitle", unit=unit, year=sub.year), "subtitle"),
            Spacer(1, 48),
            self.fields_table(rows, 100, 400),
            Spacer(1, 24),
        ]
        notices = []
        if data.draft:
            notices.append(self.t("report.draft_notice"))
        if data.demo:
            notices.append(self.t("report.demo_notice"))
        return out + self.cover_notes(notices, self.t("report.fingerprint_note"), 400)

    def summary(self) -> list[Flowable]:
        data = self.data
        score = data.score
        fig, last_fig = self.fig, self.last_fig
        out: list[Flowable] = [self.heading(self.next_section()
                                            + self.t("report.section.summary"), 0)]
        overall, last_overall = fig.overall.points, last_fig.get("")
        big = ParagraphStyle("big", fontName=FONT_BOLD, fontSize=24, leading=28,
                             alignment=TA_CENTER)
        mid = ParagraphStyle("mid", fontName=FONT_BOLD, fontSize=16, leading=28,
                             alignment=TA_CENTER)
        previous_caption = (self.t("report.previous_line", year=data.previous_year)
                            if data.previous_year else self.t("report.no_previous"))
        boxes = Table(
            [[Paragraph(percent(overall), big),
              Paragraph(percent(last_overall), mid),
              Paragraph(change(overall, last_overall), mid)],
             [self.p(self.t("report.overall_line", year=data.submission.year), "cap"),
              self.p(previous_caption, "cap"),
              self.p(self.t("report.change_line"), "cap")]],
            colWidths=[CONTENT_WIDTH / 3] * 3)
        boxes.setStyle(table_style([
            ("BOX", (0, 0), (-1, -1), 0.8, black),
            ("LINEAFTER", (0, 0), (1, -1), 0.4, grey(RULE)),
            ("BACKGROUND", (0, 0), (0, -1), grey(SHADE)),
            ("TOPPADDING", (0, 0), (-1, 0), 8),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
        ]))
        out += [boxes, Spacer(1, 12)]
        # one row per domain: weight × realization degree = points; they add up to the whole
        head = [key for key, _ in self.SUMMARY_COLUMNS]
        widths = [width for _, width in self.SUMMARY_COLUMNS]
        rows: list[list[Any]] = []
        for domain in score.domains:
            row, last_degree = fig.get(domain.code), last_fig.get(domain.code)
            rows.append([domain.code, self.cell(domain.name.get(self.lang), widths[1]),
                         figure(row.weight), percent(row.attainment), figure(row.points),
                         percent(last_degree), change(row.attainment, last_degree)])
        rows.append(["", self.t("report.col.total"), figure(fig.overall.weight), percent(overall),
                     figure(fig.overall.points), percent(last_overall),
                     change(overall, last_overall)])
        table = self.grid_table(head, widths, rows, right=tuple(range(2, 7)), total_row=True)
        legend = self.t("report.summary_legend")
        if any(fig.get(d.code).weight is None for d in score.domains):
            legend += self.t("report.summary_not_applicable",
                             text=self.t("report.domain_not_applicable"))
        out += [table, Spacer(1, 3), self.p(legend, "small")]
        out += self.weak_points()
        out += [Spacer(1, 14)]
        # charts: bars against 100 and the radar, side by side
        chart_rows = []
        for domain in score.domains:
            last_domain = self.last_nodes.get(domain.code)
            chart_rows.append((domain.name.get(self.lang), domain.score,
                               last_domain.score if last_domain else None))
        bar_width = CONTENT_WIDTH * 0.54
        bars = charts.bar_chart(chart_rows, bar_width, self.year_label, self.last_label)
        # the radar shows the domains that count for this unit (a spoke at 0 would mislead)
        radar_rows = [(f"{d.code} {label}", this, last)
                      for d, (label, this, last) in zip(score.domains, chart_rows, strict=True)
                      if this is not None or last is not None]
        titles: list[Any] = [self.p(self.t("report.chart.domains"), "label"), ""]
        charts_row: list[Any] = [bars, ""]
        if len(radar_rows) >= 3:
            titles[1] = self.p(self.t("report.chart.radar"), "label")
            charts_row[1] = charts.radar_chart(radar_rows, CONTENT_WIDTH - bar_width - 12,
                                               max(bars.height, 200), self.year_label,
                                               self.last_label)
        grid = Table([titles, charts_row], colWidths=[bar_width + 12,
                                                      CONTENT_WIDTH - bar_width - 12])
        grid.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                  ("BOTTOMPADDING", (0, 0), (-1, 0), 6)]))
        out += [KeepTogether([grid])]
        return out

    # the summary's table of domains: weight × realization degree = points
    SUMMARY_COLUMNS = (
        ("report.col.code", 40), ("report.col.domain", 171.28), ("report.col.weight", 55),
        ("report.col.score", 60), ("report.col.points", 55), ("report.col.last_score", 70),
        ("report.col.change", 60),
    )
    WEAK_POINTS = 5  # how many weak points the summary lists at most
    WEAK_COLUMNS = (
        ("report.col.code", 40), ("report.col.indicator", 128), ("report.col.value", 58),
        ("report.col.target", 60), ("report.col.attainment", 46), ("report.col.lost", 42),
        ("report.col.comment", CONTENT_WIDTH - 374),
    )

    def weak_points(self) -> list[Flowable]:
        """短板: the scored indicators furthest below target (lowest attainment, then most
        points lost), with the clerk's comment; those left empty are counted in one line."""
        score, fig, check = self.data.score, self.fig, self.data.assessment.check
        order = {ind.code: n for n, ind in enumerate(self.catalogue.leaves(self.kind))}
        weak = [code for code, leaf in score.leaves.items()
                if leaf.status == SCORED and code in order and fig.get(code).weight
                and (fig.get(code).attainment or 0) < FULL]
        weak.sort(key=lambda c: (fig.get(c).attainment or 0, -(fig.get(c).lost or 0), order[c]))
        missing = [c for c in score.missing if fig.get(c).weight]
        if not weak and not missing:
            return []
        out: list[Flowable] = [self.heading(self.t("report.sub.weak"), 1)]
        if weak:
            widths = [width for _, width in self.WEAK_COLUMNS]
            rows = []
            for code in weak[:self.WEAK_POINTS]:
                ind, row = self.catalogue.index[code], fig.get(code)
                rows.append([code, self.cell(ind.name.get(self.lang), widths[1]),
                             self.cell(self.value_text(ind, check.values.get(code)), widths[2],
                                       "cell_right"),
                             self.cell(self.target_text_with_unit(ind), widths[3],
                                       "cell_right"),
                             percent(row.attainment), figure(row.lost),
                             self.cell(self.comment(code) or "—", widths[6])])
            out.append(self.grid_table([key for key, _ in self.WEAK_COLUMNS], widths, rows,
                                       right=(2, 3, 4, 5)))
        if missing:
            lost = sum(fig.get(c).weight or 0 for c in missing)
            out += [Spacer(1, 3), self.p(self.t("report.weak_missing", count=len(missing),
                                                points=figure(lost)), "small")]
        return out

    # --- domains --------------------------------------------------------------------------
    _DOMAIN_COLUMNS = (
        ("report.col.code", 35), ("report.col.indicator", 115), ("report.col.value", 60),
        ("report.col.target", 52), ("report.col.attainment", 38), ("report.col.weight", 32),
        ("report.col.points", 32), ("report.col.last_value", 58), ("report.col.change", 39.28),
        ("report.col.flags", 50),  # two flags on one line: 错误、仅填报
    )

    def domains(self) -> list[Flowable]:
        intro: list[Flowable] = [self.heading(self.next_section()
                                              + self.t("report.section.domains"), 0),
                                 self.p(self.t("report.legend_points"), "small"), Spacer(1, 4)]
        self._domain_section = self._sections
        out: list[Flowable] = []
        score = self.data.score
        n = 0
        for domain in self.catalogue.domains:
            if not any(first.applies(self.kind) for first in domain.indicators):
                continue  # nothing of it to report: its summary row says so
            n += 1
            node = score.domain(domain.code)
            out += self.domain_section(n, domain.code, node, intro if n == 1 else [])
        return out or intro

    def domain_section(self, n: int, code: str, node: NodeScore,
                       intro: list[Flowable]) -> list[Flowable]:
        """One domain; ``intro`` (the section's heading) stays on the page with the first."""
        domain = next(d for d in self.catalogue.domains if d.code == code)
        number = (f"（{zh_number(n)}）" if self.lang == "zh"
                  else f"{self._domain_section}.{n} ")
        title = number + self.t("report.domain_heading_catalogue",
                                name=domain.name.get(self.lang), weight=_g(domain.weight))
        row, last_degree = self.fig.get(code), self.last_fig.get(code)
        if row.weight is None:
            line = self.t("report.domain_not_applicable")
        elif self.data.previous is None:
            line = self.t("report.domain_line_first", weight=figure(row.weight),
                          score=percent(row.attainment), points=figure(row.points))
        else:
            line = self.t("report.domain_line", weight=figure(row.weight),
                          score=percent(row.attainment), points=figure(row.points),
                          previous=percent(last_degree),
                          change=change(row.attainment, last_degree))
        head: list[Flowable] = [*intro, self.heading(title, 1), self.p(line)]
        needed = 60.0 + 110.0 + 60.0 * bool(intro)  # headings, then the table's first rows
        chart_rows = []
        for first in node.children:
            last_first = self.last_nodes.get(first.code)
            label = f"{first.code} {first.name.get(self.lang)}"
            chart_rows.append((label, first.score, last_first.score if last_first else None))
        if chart_rows:
            chart = charts.bar_chart(chart_rows, CONTENT_WIDTH, self.year_label,
                                     self.last_label, label_width=190)
            head += [chart, Spacer(1, 6)]
            needed += chart.height
        table = self.indicator_table(domain.indicators)
        # a new page unless the heading, the chart and the start of the table fit here
        return [CondPageBreak(needed), KeepTogether(head), table, Spacer(1, 6)]

    def indicator_table(self, firsts: list[Indicator]) -> Table:
        widths = [w for _, w in self._DOMAIN_COLUMNS]
        rows: list[list[Any]] = [self.head_row([k for k, _ in self._DOMAIN_COLUMNS], widths)]
        bold_rows: list[int] = []
        child_rows: list[int] = []
        note_rows: list[int] = []

        def note(ind: Indicator) -> None:
            """A line under the row of an indicator not applicable or scoring 0 by its
            answer: why, and the clerk's comment."""
            said = self.note_text(ind)
            if said:
                rows.append(["", self.p(said, "note"), *[""] * (len(widths) - 2)])
                note_rows.append(len(rows) - 1)

        def data_items(ind: Indicator) -> None:
            """The figures a leaf is calculated from, indented under it (never weighted)."""
            for item in ind.data_items:
                if item.applies(self.kind):
                    rows.append(self.leaf_row(item, widths, child=True))
                    child_rows.append(len(rows) - 1)
                    note(item)

        for first in firsts:
            if not first.applies(self.kind):
                continue
            if first.is_leaf:
                rows.append(self.leaf_row(first, widths, child=False))
                bold_rows.append(len(rows) - 1)
                note(first)
                data_items(first)
                continue
            children = [c for c in first.children if c.applies(self.kind)]
            row = self.fig.get(first.code)
            rows.append([first.code, self.cell(first.name.get(self.lang), widths[1],
                                               "cell_bold"),
                         "", "", percent(row.attainment), figure(row.weight), figure(row.points),
                         "", "", ""])
            bold_rows.append(len(rows) - 1)
            for child in children:
                rows.append(self.leaf_row(child, widths, child=True))
                child_rows.append(len(rows) - 1)
                note(child)
                data_items(child)
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        style = self.grid_style(len(rows), numeric_from=2, bold_rows=bold_rows)
        for row_number in child_rows:  # second-level names indented under their first level
            style.add("LEFTPADDING", (1, row_number), (1, row_number), 2.5 + CHILD_INDENT)
        for row_number in note_rows:  # the note belongs to the row above: no rule between
            style.add("SPAN", (1, row_number), (-1, row_number))
            style.add("LINEBELOW", (0, row_number - 1), (-1, row_number - 1), 0.6, white)
            style.add("TOPPADDING", (0, row_number), (-1, row_number), 0)
            style.add("LEFTPADDING", (1, row_number), (1, row_number), 2.5 + CHILD_INDENT)
        table.setStyle(style)
        return table

    def note_text(self, ind: Indicator) -> str | None:
        """Why an indicator is out of the scoring or scores 0 by its answer (a 否, a threshold
        missed, an answer worth 0), with the clerk's comment; None for any other."""
        check = self.data.assessment.check
        given = self.comment(ind.code)
        if ind.code in check.na:  # a scored one gives its weight to the others
            return self.t("report.note.na" if ind.is_scored else "report.note.na_input",
                          reason=given or self.t("report.not_commented"))
        leaf = self.data.score.leaves.get(ind.code)
        if leaf is None or leaf.status != SCORED or self.fig.get(ind.code).attainment != 0:
            return None
        value = self.value_text(ind, check.values.get(ind.code))
        if indicator_type(ind.type).has_choices:
            said = self.t("report.note.zero_choice", value=value)
        else:
            said = self.t("report.note.zero", value=value,
                          target=self.target_text_with_unit(ind))
        space = " " if self.lang == "en" else ""
        return said + space + (self.t("report.note.comment", comment=given) if given
                               else self.t("report.note.no_comment"))

    def leaf_row(self, ind: Indicator, widths: list[float], child: bool) -> list[Any]:
        check = self.data.assessment.check
        leaf: LeafScore = self.data.score.leaves[ind.code]
        na = ind.code in check.na
        value = check.values.get(ind.code)
        last_value = self.last_values.get(ind.code)
        last_na = ind.code in self.last_na
        flags = []
        problems = check.problems_for(ind.code)
        if any(p.is_error for p in problems):
            flags.append(self.t("report.flag.error"))
        if any(not p.is_error for p in problems):
            flags.append(self.t("report.flag.warning"))
        if leaf.status == MISSING:
            flags.append(self.t("report.flag.missing"))
        if ind.is_calculated:
            flags.append(self.t("report.flag.calculated"))
        if leaf.status == UNSCORED:
            flags.append(self.t("report.flag.input"))
        printed = self.fig.get(ind.code)
        name_style = "cell_child" if child else "cell_bold"
        name = ind.name.get(self.lang)
        return [
            ind.code,
            self.cell(name, widths[1] - (CHILD_INDENT if child else 0), name_style),
            self.cell(self.value_text(ind, value, na), widths[2], "cell_right"),
            self.target_cell(ind, widths[3]),
            percent(printed.attainment),
            figure(printed.weight),
            figure(printed.points),
            "" if self.data.previous is None else self.cell(
                self.value_text(ind, last_value, last_na), widths[7], "cell_right"),
            self.figure_cell(self.change_text(ind, value, last_value), widths[8]),
            self.cell(("、" if self.lang == "zh" else ", ").join(flags), widths[9]),
        ]

    # --- warnings and explanations ------------------------------------------------------
    def problems(self) -> list[Flowable]:
        """Warnings with their comments, errors, indicators not applicable with the reason,
        indicators left empty; a part with nothing in it is left out, and so is the section
        when all are."""
        check = self.data.assessment.check

        def problem_rows(problems: list[Any]) -> list[list[Any]]:
            rows = []
            for p in problems:
                ind = self.catalogue.index.get(p.code)
                comment = self.comment(p.code)
                comment = comment or (self.t("report.not_commented") if not p.is_error else "")
                shown = p.value or "—"
                if ind is not None and p.rule in _FIELD_RULES and p.code in check.values:
                    shown = self.value_text(ind, check.values[p.code])
                rows.append([p.code, self.cell(ind.name.get(self.lang) if ind else "", 110),
                             self.cell(shown, 56, "cell_right"),
                             self.cell(p.message.render(self.lang), 160),
                             self.cell(comment, 145.28)])
            return rows

        head = ["report.col.code", "report.col.indicator", "report.col.value",
                "report.col.problem", "report.col.comment"]
        widths = [40, 110, 56, 160, 145.28]
        parts: list[Flowable] = []
        for title_key, problems in (("report.sub.warnings", check.warnings),
                                    ("report.sub.errors", check.errors)):
            if problems:
                parts += [self.heading(self.t(title_key), 1),
                          self.grid_table(head, widths, problem_rows(problems), right=(2,))]
        # not applicable, with the reason given
        na_rows = [[ind.code, self.cell(ind.name.get(self.lang), 150),
                    self.cell(self.comment(ind.code) or "—", CONTENT_WIDTH - 190)]
                   for ind in self.catalogue.leaves(self.kind) if ind.code in check.na]
        if na_rows:
            parts += [self.heading(self.t("report.sub.na"), 1),
                      self.grid_table(["report.col.code", "report.col.indicator",
                                       "report.col.reason"],
                                      [40, 150, CONTENT_WIDTH - 190], na_rows)]
        missing = self.data.score.missing
        if missing:  # each loses its weight; the total is the one the summary names
            width = CONTENT_WIDTH - 40 - 60
            rows = [[c, self.cell(self.name(c), width), figure(self.fig.get(c).weight)]
                    for c in missing]
            rows.append(["", self.t("report.col.total"),
                         figure(sum(self.fig.get(c).weight or 0 for c in missing))])
            parts += [self.heading(self.t("report.sub.missing"), 1),
                      self.grid_table(["report.col.code", "report.col.indicator",
                                       "report.col.lost"], [40, width, 60], rows, right=(2,),
                                      total_row=True)]
        if not parts:
            return []
        return [CondPageBreak(160),
                self.heading(self.next_section() + self.t("report.section.problems"), 0),
                *parts]

    # --- signatures ---------------------------------------------------------------------
    def signature(self) -> list[Flowable]:
        data, sub = self.data, self.data.submission
        cat = self.catalogue
        fp = data.fingerprint
        rows = [
            (self.t("report.field.unit"), sub.unit.name.get(self.lang)),
            (self.t("report.field.year"), self.year_label),
            (self.t("report.field.catalogue"), f"{cat.id} {cat.version}"),
            (self.t("report.field.state"), LABELS[sub.state].get(self.lang)),
            (self.t("report.field.overall"), percent(self.fig.overall.points)),
            (self.t("report.field.fingerprint"), fp),
        ]
        table = self.fields_table([(k, v) for k, v in rows], 110, CONTENT_WIDTH)
        return [self.heading(self.next_section() + self.t("report.section.signature"), 0),
                self.p(self.t("report.signature_intro", year=sub.year)), Spacer(1, 8), table]


def write_document(data: ReportData, path: Path, lang: str = "zh") -> int:
    """Lay the report out into ``path``; returns the number of pages."""
    sub = data.submission
    watermarks = []
    if data.draft:
        watermarks.append(render("report.watermark.draft", lang))
    if data.demo:
        watermarks.append(render("report.watermark.demo", lang))
    unit = sub.unit.name.get(lang)
    return write_house_pdf(
        path, ReportDocument(data, lang).story(), data.payload, data.generated_at, lang,
        running_title=render("report.running_title", lang),
        footer=render("report.footer", lang, unit=unit, year=sub.year),
        state=LABELS[sub.state].get(lang), watermarks=watermarks,
        title=f"{render('report.title', lang)} · {unit} · {sub.year}", author=data.clerk,
        subject=render("report.county", lang) + " · " + data.catalogue.id)


def write_house_pdf(path: Path, story: list[Flowable], payload: dict[str, Any],
                    generated_at: datetime, lang: str, *, running_title: str, footer: str,
                    state: str, watermarks: list[str], title: str, author: str, subject: str,
                    doc_class: type[PagedDocument] = PagedDocument) -> int:
    """Lay a printed document of ours out into ``path``: every page carries the running
    title, the footer, "page x of y" and the payload's fingerprint; the payload is attached
    as JSON; the signature page must come last. Returns the number of pages."""
    fingerprint = payload["fingerprint"]
    decor = PageDecor(
        lang=lang, running_title=running_title, footer=footer, fingerprint=fingerprint,
        state=state, watermarks=watermarks, generated_at=generated_at,
        attachment=attachment_bytes(payload),
        description=render("report.field.fingerprint", lang) + " " + fingerprint,
    )
    canvas_class = type("HouseCanvas", (ReportCanvas,), {"decor": decor})
    doc = doc_class(str(path), decor, pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
                    leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
                    bottomMargin=MARGIN_BOTTOM, title=title, author=author, subject=subject,
                    creator=f"Haiyan Desktop {__version__}", keywords=[fingerprint],
                    invariant=1, initialFontName=FONT,
                    lang="zh-CN" if lang == "zh" else "en", displayDocTitle=True)
    doc.build(story, canvasmaker=canvas_class)
    pages = doc.page
    if decor.signature_pages != [pages]:
        raise RuntimeError(f"signature page not last: {decor.signature_pages} of {pages}")
    return pages
