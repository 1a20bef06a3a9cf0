"""The county summary as a reportlab platypus document, in the unit report's house style.

The page frame, running header and footer ("第 x 页 共 y 页", the fingerprint), the embedded
data file, the outline and the table and paragraph helpers (Chinese line breaking included)
are the unit report's own (:mod:`haiyan_desktop.report.document`); this module adds the
summary's story: cover, ranking, heat map, dispersion, urban–rural Theil decomposition, the
change against last year, weak indicators, county-level figures and departments, the register
of reports, and a last page where the county assessment office signs (:data:`COUNTY_BOX`).

Figures are printed rounded from the unrounded comparison the data carries; the Theil index's
"within" part is printed as the printed total minus the printed "between" part, so that each
row adds up on paper.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, black, white
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from ..catalogue.model import Indicator
from ..messages import render
from ..report.charts import fit_scale
from ..report.document import (
    HouseDocument,
    PagedDocument,
    grey,
    house_styles,
    table_style,
    write_house_pdf,
)
from ..report.layout import (
    BODY_SIZE,
    CONTENT_WIDTH,
    FINGERPRINT_SHOWN,
    FONT,
    FONT_BOLD,
    RULE,
    SIGNATURE_FRAME_BOTTOM,
    SMALL_SIZE,
    TABLE_SIZE,
)
from ..signing.identity import ROLE_LABELS
from .equalization import OVERALL, Comparison, IndicatorDispersion
from .summary_data import SummaryData

# Where the county assessment office signs, on the last page (x1, y1, x2, y2), inside the
# region the unit report keeps free for its signatures (below SIGNATURE_FRAME_BOTTOM).
COUNTY_BOX = (315.0, 250.0, 535.0, 340.0)
SIGNATURE_FIELD = "county"  # the signature field's name: the role that signs there
assert COUNTY_BOX[3] + 40.0 <= SIGNATURE_FRAME_BOTTOM

SUBHEADING_ROOM = 90.0  # a part's heading starts a page unless this much fits below it
WEAK_SHOWN = 5  # weak indicators a unit's row lists (the largest gaps); the data has all
THEIL_DIGITS = 6
SHA_WIDTH = 156.0  # half a sha256 (32 hex digits) a line, the widest digits included
# The heat map's classes, from the best (every indicator at target) to the worst: the
# lightness falls at every step, so that the classes stay apart in black and white too.
HEAT = (
    Color(0.97, 0.97, 0.93), Color(0.99, 0.84, 0.62), Color(0.98, 0.67, 0.42),
    Color(0.93, 0.48, 0.25), Color(0.80, 0.30, 0.15), Color(0.55, 0.14, 0.08),
)
WHITE_BELOW = 0.45  # cells darker than this carry white figures


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _width(text: str) -> float:
    """Width of ``text`` in a table cell, measured in bold (a header, a total row)."""
    return stringWidth(text, FONT_BOLD, TABLE_SIZE)


def _lightness(colour: Color) -> float:
    return 0.2126 * colour.red + 0.7152 * colour.green + 0.0722 * colour.blue


def fixed(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def percent_of(share: float | None, digits: int = 2) -> str:
    """An attainment (0–1) as a percentage: 0.9871 → 98.71%."""
    return "—" if share is None else f"{share * 100:.{digits}f}%"


def signed(value: float | None, digits: int = 2) -> str:
    """A change with its sign (+1.50, -0.44); 0.00 when it rounds to nothing."""
    if value is None:
        return "—"
    return f"{0.0:.{digits}f}" if round(value, digits) == 0 else f"{value:+.{digits}f}"


def theil_parts(total: float | None, between: float | None
                ) -> tuple[int | None, int | None, int | None]:
    """Total, between and within in millionths, as printed: the within part is the printed
    total minus the printed between part, so that the printed row adds up."""
    if total is None or between is None:
        return (None if total is None else round(total * 10 ** THEIL_DIGITS), None, None)
    t, b = round(total * 10 ** THEIL_DIGITS), round(between * 10 ** THEIL_DIGITS)
    return t, b, t - b


def millionths(value: int | None) -> str:
    if value is None:
        return "—"
    sign = "-" if value < 0 else ""
    whole, rest = divmod(abs(value), 10 ** THEIL_DIGITS)
    return f"{sign}{whole}.{rest:0{THEIL_DIGITS}d}"


class _SummaryDoc(PagedDocument):
    """The unit report's page templates; the last page carries the county office's box."""

    def _signature_boxes(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        lang = self.decor.lang
        self.decor.signature_pages.append(canv.getPageNumber())
        x1, y1, x2, y2 = COUNTY_BOX
        canv.saveState()
        canv.setStrokeColor(black)
        canv.setLineWidth(0.6)
        canv.rect(x1, y1, x2 - x1, y2 - y1, stroke=1, fill=0)
        canv.setFont(FONT_BOLD, BODY_SIZE)
        canv.drawString(x1, y2 + 7, render("summary.sign.office", lang))
        canv.setFont(FONT, BODY_SIZE)
        canv.drawString(x1, y1 - 16, render("report.sign.date_stamp", lang))
        canv.restoreState()


def _styles(lang: str) -> dict[str, ParagraphStyle]:
    """The house styles; a heading does not pull a long table onto the next page here."""
    styles = house_styles(lang)
    for name in ("h1", "h2"):
        styles[name] = ParagraphStyle(name, parent=styles[name], keepWithNext=False)
    return styles


class SummaryDocument(HouseDocument):
    """The story of the county summary in one language, in the house style of the unit
    report (its text and table helpers: ``t``, ``p``, ``cell``, ``heading``, ``grid_table``,
    ``next_section``, the value and target texts…)."""

    def __init__(self, data: SummaryData, lang: str = "zh"):
        super().__init__(lang, data.catalogue)
        self.data = data
        self.comparison: Comparison = data.comparison
        self.styles = _styles(lang)
        self.names = {u.code: u.name for u in self.comparison.units}
        self.domain_names = {d.code: d.name for d in self.comparison.domains}

    # --- small helpers ----------------------------------------------------------------------
    def indicator(self, code: str) -> Indicator | None:
        return self.catalogue.index.get(code) if self.catalogue is not None else None

    def kind_label(self, kind: str) -> str:
        return self.t(f"summary.kind.{kind}") if kind in ("town", "subdistrict",
                                                          "department") else kind or "—"

    def when(self, moment: datetime | None) -> str:
        """A time of this computer's clock, to the minute (the offset is said once); day
        and time kept on one line."""
        return "—" if moment is None else f"{moment.astimezone():%Y-%m-%d\u00a0%H:%M}"

    def value(self, code: str, value: Any) -> str:
        """A figure of an indicator as the unit report prints it (its decimals and unit)."""
        ind = self.indicator(code)
        if value is None:
            return "—"
        if ind is None:
            return f"{value:.2f}" if isinstance(value, float) else str(value)
        return self.value_text(ind, value)

    def target(self, code: str, fallback: Any) -> str:
        ind = self.indicator(code)
        if ind is None:
            return "—" if fallback is None else str(fallback)
        return self.target_text_with_unit(ind)

    def stat(self, item: IndicatorDispersion, value: float | None, extra: bool) -> str:
        """A statistic of an indicator: attainments as percentages, figures with the
        indicator's decimals (``extra``: two at least, for means and deviations)."""
        if value is None:
            return "—"
        if item.basis == "attainment":
            return percent_of(value)
        ind = self.indicator(item.code)
        digits = ind.decimals if ind is not None and ind.decimals is not None else 2
        if extra:
            digits = max(digits, 2)
        return f"{value:,.{digits}f}"

    def table(self, keys: list[str], widths: list[float], rows: list[list[Any]],
              right: Sequence[int] = ()) -> Table:
        """A ruled table of the unit report's (header labels: message keys)."""
        return self.grid_table(keys, widths, rows, right=tuple(right))

    def section(self, key: str, **params: Any) -> Flowable:
        return self.heading(self.next_section() + self.t(key, **params), 0)

    def subheading(self, text: str) -> list[Flowable]:
        """A part's heading, on a new page unless the start of what follows fits below it
        (headings do not keep with the next flowable here: a long table would move whole
        to the next page)."""
        return [CondPageBreak(SUBHEADING_ROOM), self.heading(text, 1)]

    # --- the story --------------------------------------------------------------------------
    def story(self) -> list[Flowable]:
        out: list[Flowable] = []
        out += self.cover()
        out += [NextPageTemplate("body"), PageBreak()]
        for part in (self.ranking, self.heatmap, self.dispersion, self.theil, self.trend,
                     self.weak, self.county_and_departments, self.register):
            flowables = part()
            if flowables:
                out += [CondPageBreak(150), *flowables, Spacer(1, 10)]
        out += [NextPageTemplate("signature"), PageBreak()]
        out += self.signature()
        return out

    def catalogue_line(self) -> str:
        cat = self.comparison.catalogue
        if self.catalogue is not None:
            return self.t("report.catalogue", title=self.catalogue.title.get(self.lang),
                          id=cat["id"], version=cat["version"])
        return self.t("summary.catalogue_short", id=cat["id"], version=cat["version"])

    def counts_line(self) -> str:
        reg = self.data.register
        return self.t("summary.reports_line", units=reg.units, accepted=reg.accepted,
                      quarantined=reg.quarantined, missing=reg.missing,
                      files=len(reg.refused))

    def compared_line(self) -> str:
        units = self.comparison.units
        urban = sum(1 for u in units if u.kind == "subdistrict")
        return self.t("summary.compared_line", n=len(units), urban=urban,
                      rural=len(units) - urban)

    def cover(self) -> list[Flowable]:
        data = self.data
        when = data.generated_at
        offset = when.strftime("%z")
        generated = f"{when:%Y-%m-%d %H:%M:%S} UTC{offset[:3]}:{offset[3:]}"
        rows = [
            (self.t("report.field.county"), self.t("report.county")),
            (self.t("report.field.year"), self.t("report.year", year=data.year)),
            (self.t("report.field.catalogue"), self.catalogue_line()),
            (self.t("summary.field.catalogue_sha256"), data.comparison.catalogue["sha256"]),
            (self.t("summary.field.reports"), self.counts_line()),
            (self.t("summary.field.compared"), self.compared_line()),
            (self.t("report.field.generated"), generated),
            (self.t("report.field.fingerprint"), data.fingerprint[:FINGERPRINT_SHOWN]),
        ]
        out: list[Flowable] = [
            Spacer(1, 70), self.p(self.t("report.county"), "county"), Spacer(1, 10),
            self.p(self.t("summary.title"), "title"), Spacer(1, 12),
            self.p(self.t("summary.subtitle", year=data.year), "subtitle"), Spacer(1, 48),
            self.fields_table(rows, 100, 420), Spacer(1, 24),
        ]
        notices = []
        if self.comparison.other_catalogue:
            notices.append(self.t("summary.other_catalogue",
                                  units=self.unit_list(self.comparison.other_catalogue)))
        if self.comparison.unknown_units:
            notices.append(self.t("summary.unknown_units",
                                  units=self.unit_list(self.comparison.unknown_units)))
        return out + self.cover_notes(notices, self.t("summary.fingerprint_note"), 420)

    def unit_list(self, codes: Sequence[str]) -> str:
        sep = "、" if self.lang == "zh" else ", "
        return sep.join(self.names[c].get(self.lang) if c in self.names else c for c in codes)

    # --- ranking ----------------------------------------------------------------------------
    def domain_widths(self, fixed_width: float) -> list[float]:
        count = max(len(self.comparison.domains), 1)
        return [(CONTENT_WIDTH - fixed_width) / count] * len(self.comparison.domains)

    def domain_head(self, width: float) -> tuple[list[str], bool]:
        """The domains' column labels: their names where each wraps into three lines at most
        without cutting a word, else their codes (True: a legend must name them)."""
        room = width - 5
        names = [d.name.get(self.lang) for d in self.comparison.domains]

        def fits(name: str) -> bool:
            if _CJK.search(name):  # breaks between any two characters
                return _width(name) <= 3 * room
            words = name.split()
            return all(_width(w) <= room for w in words) and _width(name) <= 2.2 * room

        if all(fits(n) for n in names):
            return names, False
        return [d.code for d in self.comparison.domains], True

    def domain_legend(self) -> Flowable:
        sep = "；" if self.lang == "zh" else "; "
        legend = sep.join(f"{d.code} {d.name.get(self.lang)}" for d in self.comparison.domains)
        return self.p(self.t("summary.domains_legend", legend=legend), "small")

    def unit_width(self, names: Sequence[str], least: float = 56.0) -> float:
        """Room for the units' names on one line, within reason."""
        return min(max([least, *(_width(n) + 7 for n in names)]), 112.0)

    def raw_head(self, labels: list[str], widths: list[float]) -> list[Any]:
        """A header row of texts (not message keys): wrapped where a label does not fit."""
        return [label if _width(label) <= width - 5
                else self.p(label, "head") for label, width in zip(labels, widths, strict=True)]

    def ranked_table(self, head: list[str], widths: list[float], rows: list[list[Any]],
                     numeric_from: int, totals: int = 0) -> Table:
        cells = [self.raw_head(head, widths), *rows]
        table = Table(cells, colWidths=widths, repeatRows=1, splitInRow=1)
        style = self.grid_style(len(cells), numeric_from=numeric_from)
        style.add("VALIGN", (0, 1), (-1, -1), "MIDDLE")
        if totals:
            first = len(cells) - totals
            style.add("FONT", (0, first), (-1, -1), FONT_BOLD, TABLE_SIZE)
            style.add("LINEABOVE", (0, first), (-1, first), 0.6, black)
        table.setStyle(style)
        return table

    def ranking(self) -> list[Flowable]:
        comparison = self.comparison
        if not comparison.units:
            return []
        codes = [d.code for d in comparison.domains]
        kinds = [self.kind_label(k) for k in ("town", "subdistrict")]
        fixed_widths = [
            26.0,
            self.unit_width([u.name.get(self.lang) for u in comparison.units]
                            + [self.t("summary.mean"), self.t("summary.median")]),
            max(_width(k) for k in [*kinds, self.t("summary.col.kind")]) + 9,
            46.0]
        widths = fixed_widths + self.domain_widths(sum(fixed_widths))
        labels, legend = self.domain_head(widths[-1])
        head = [self.t("summary.col.rank"), self.t("summary.col.unit"),
                self.t("summary.col.kind"), self.t("summary.col.overall"), *labels]
        rows: list[list[Any]] = []
        for u in comparison.units:
            rows.append([str(u.rank), self.cell(u.name.get(self.lang), widths[1]),
                         self.kind_label(u.kind), fixed(u.overall),
                         *(fixed(u.domains.get(c)) for c in codes)])
        for key, attribute in (("summary.mean", "mean"), ("summary.median", "median")):
            rows.append(["", self.t(key), "", fixed(getattr(comparison.overall, attribute)),
                         *(fixed(getattr(comparison.domain_stats[c], attribute))
                           for c in codes)])
        table = self.ranked_table(head, widths, rows, numeric_from=3, totals=2)
        table.setStyle(table_style([("ALIGN", (0, 1), (0, -1), "CENTER"),
                               ("ALIGN", (2, 1), (2, -1), "CENTER")]))
        return [self.section("summary.section.ranking"),
                self.p(self.t("summary.ranking_intro", n=len(comparison.units)), "small"),
                *([self.domain_legend()] if legend else []), Spacer(1, 4), table]

    # --- heat map ---------------------------------------------------------------------------
    def heat_classes(self) -> list[tuple[float, float, Color]]:
        """(low, high, colour) of each class, in percent, best first: 100 % alone, then the
        steps of a scale fitted to the figures (as the unit report's charts fit theirs)."""
        values = [v * 100 for row in self.comparison.heatmap.values for v in row
                  if v is not None]
        scale = fit_scale(values)
        ticks = scale.ticks
        bands = [(ticks[k - 1], ticks[k]) for k in range(len(ticks) - 1, 0, -1)]
        colours = len(HEAT) - 1
        out = [(100.0, 100.0, HEAT[0])]
        for k, (low, high) in enumerate(bands):
            index = 1 + round(k * (colours - 1) / max(len(bands) - 1, 1))
            out.append((low, high, HEAT[index]))
        return out

    @staticmethod
    def heat_class(classes: list[tuple[float, float, Color]], value: float) -> Color:
        if value >= 100.0:
            return classes[0][2]
        for low, _high, colour in classes[1:]:
            if value >= low:
                return colour
        return classes[-1][2]

    def heatmap(self) -> list[Flowable]:
        heat = self.comparison.heatmap
        if not heat.units or not heat.domains:
            return []
        classes = self.heat_classes()
        unit_width = self.unit_width([n.get(self.lang) for n in self.names.values()], 80.0)
        widths = [unit_width, *self.domain_widths(unit_width)]
        labels, legend = self.domain_head(widths[-1])
        head = [self.t("summary.col.unit"), *labels]
        rows: list[list[Any]] = []
        commands: list[tuple[Any, ...]] = [("ALIGN", (1, 1), (-1, -1), "CENTER"),
                                           ("LINEAFTER", (0, 1), (-2, -1), 0.4, white)]
        for r, (code, values) in enumerate(zip(heat.units, heat.values, strict=True), start=1):
            name = self.names[code].get(self.lang) if code in self.names else code
            rows.append([self.cell(name, unit_width)] + [fixed(v * 100) if v is not None
                                                         else "—" for v in values])
            for c, v in enumerate(values, start=1):
                if v is None:
                    continue
                colour = self.heat_class(classes, v * 100)
                commands.append(("BACKGROUND", (c, r), (c, r), colour))
                if _lightness(colour) < WHITE_BELOW:
                    commands.append(("TEXTCOLOR", (c, r), (c, r), white))
        table = self.ranked_table(head, widths, rows, numeric_from=1)
        table.setStyle(table_style(commands))
        return [self.section("summary.section.heatmap"),
                self.p(self.t("summary.heatmap_intro"), "small"),
                *([self.domain_legend()] if legend else []), Spacer(1, 4),
                self.heat_legend(classes), Spacer(1, 6), table]

    def heat_legend(self, classes: list[tuple[float, float, Color]]) -> Table:
        labels = [self.t("summary.heat.full")]
        labels += [self.t("summary.heat.band", low=f"{low:g}", high=f"{high:g}")
                   for low, high, _c in classes[1:]]
        labels[-1] = self.t("summary.heat.below", high=f"{classes[-1][1]:g}")
        labels.append(self.t("summary.heat.none"))
        width = CONTENT_WIDTH / len(labels)
        table = Table([labels], colWidths=[width] * len(labels), hAlign="LEFT")
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), FONT, SMALL_SIZE), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("BOX", (0, 0), (-1, -1), 0.4, grey(RULE)),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
        for k, (_low, _high, colour) in enumerate(classes):
            commands.append(("BACKGROUND", (k, 0), (k, 0), colour))
            if _lightness(colour) < WHITE_BELOW:
                commands.append(("TEXTCOLOR", (k, 0), (k, 0), white))
        table.setStyle(table_style(commands))
        return table

    # --- dispersion -------------------------------------------------------------------------
    _DISPERSION = (
        ("summary.col.code", 38.0), ("summary.col.indicator", 114.28),
        ("summary.col.mean", 40.0), ("summary.col.median", 40.0), ("summary.col.min", 38.0),
        ("summary.col.max", 38.0), ("summary.col.range", 36.0), ("summary.col.sd", 36.0),
        ("summary.col.cv", 38.0), ("summary.col.ratio", 42.0), ("summary.col.below", 31.0),
    )

    def dispersion(self) -> list[Flowable]:
        items = self.comparison.indicators
        if not items:
            return []
        widths = [w for _k, w in self._DISPERSION]
        rows = []
        for item in items:
            s = item.stats
            label = item.name.get(self.lang)
            if item.basis == "attainment":
                label += self.t("summary.on_attainment")
            elif item.unit is not None and item.unit.get(self.lang):
                unit = item.unit.get(self.lang)  # as the unit report names a code
                label += f"（{unit}）" if self.lang == "zh" else f" ({unit})"
            rows.append([item.code, self.cell(label, widths[1]),
                         self.stat(item, s.mean, True), self.stat(item, s.median, True),
                         self.stat(item, s.min, False), self.stat(item, s.max, False),
                         self.stat(item, s.range, False), self.stat(item, s.sd, True),
                         fixed(s.cv, 4), fixed(s.max_min_ratio),
                         f"{item.below_target}/{s.n}"])
        table = self.table([k for k, _w in self._DISPERSION], widths, rows,
                           right=range(2, len(widths)))
        return [self.section("summary.section.dispersion"),
                self.p(self.t("summary.dispersion_intro"), "small"), Spacer(1, 4), table]

    # --- Theil index ------------------------------------------------------------------------
    def measure_label(self, measure: str) -> str:
        if measure == OVERALL:
            return self.t("summary.overall_score")
        name = self.domain_names.get(measure)
        return name.get(self.lang) if name is not None else measure

    def theil(self) -> list[Flowable]:
        theils = [t for t in self.comparison.theil if t.n]
        if not theils:
            return []
        keys = ["summary.col.measure", "summary.col.total", "summary.col.between",
                "summary.col.within", "summary.col.between_share", "summary.col.urban_mean",
                "summary.col.urban_theil", "summary.col.rural_mean", "summary.col.rural_theil"]
        widths = [86.0, 54.0, 54.0, 54.0, 48.0, 50.0, 56.0, 50.0, 59.28]
        rows = []
        for t in theils:
            total, between, within = theil_parts(t.total, t.between)
            share = (None if not total or between is None else between / total)
            groups = {g.group: g for g in t.groups}
            urban, rural = groups.get("subdistrict"), groups.get("town")
            rows.append([self.cell(self.measure_label(t.measure), widths[0]),
                         millionths(total), millionths(between), millionths(within),
                         percent_of(share, 1),
                         fixed(urban.mean) if urban else "—",
                         fixed(urban.theil, THEIL_DIGITS) if urban else "—",
                         fixed(rural.mean) if rural else "—",
                         fixed(rural.theil, THEIL_DIGITS) if rural else "—"])
        table = self.table(keys, widths, rows, right=range(1, len(widths)))
        overall = theils[0]
        counts = {g.group: g.n for g in overall.groups}
        return [KeepTogether([
            self.section("summary.section.theil"),
            self.p(self.t("summary.theil_intro", digits=THEIL_DIGITS,
                          urban=counts.get("subdistrict", 0), rural=counts.get("town", 0)),
                   "small"),
            Spacer(1, 4), table])]

    # --- against last year ------------------------------------------------------------------
    def trend(self) -> list[Flowable]:
        changes = self.comparison.changes
        year = self.data.year
        head = [self.section("summary.section.trend", year=year - 1)]
        if changes is None:
            return [*head, self.p(self.t("summary.no_last_year", year=year - 1))]
        out: list[Flowable] = [*head, self.p(self.t("summary.trend_intro",
                                                    year=changes.previous_year), "small"),
                               Spacer(1, 4)]
        keys = ["summary.col.unit", "summary.col.this_year", "summary.col.last_year",
                "summary.col.change", "summary.col.rank", "summary.col.last_rank"]
        widths = [141.28, 74.0, 74.0, 74.0, 74.0, 74.0]
        rows = []
        for u in changes.units:
            mark = "*" if u.source == "report" else ""
            rows.append([self.cell(u.name.get(self.lang), widths[0]), fixed(u.overall),
                         fixed(u.previous) + mark, signed(u.change), str(u.rank),
                         "—" if u.previous_rank is None else str(u.previous_rank)])
        out.append(self.table(keys, widths, rows, right=range(1, 6)))
        if changes.theil:
            out += [*self.subheading(self.t("summary.sub.theil_trend"))]
            rows = []
            for measure, now, before in changes.theil:
                diff = None if now is None or before is None else now - before
                rows.append([self.cell(self.measure_label(measure), 160), fixed(now, 6),
                             fixed(before, 6), signed(diff, 6), self.direction(diff, 6)])
            out.append(self.table(["summary.col.measure", "summary.col.this_year",
                                   "summary.col.last_year", "summary.col.change",
                                   "summary.col.trend"],
                                  [160.0, 90.0, 90.0, 90.0, 81.28], rows, right=(1, 2, 3)))
        if changes.indicators:
            out += [*self.subheading(self.t("summary.sub.cv_trend")),
                    self.p(self.t("equal.cv_change", more=changes.more_equal,
                                  less=changes.less_equal), "small")]
            widths = [40.0, 201.28, 70.0, 70.0, 70.0, 60.0]
            rows = [[c.code, self.cell(c.name.get(self.lang), widths[1]), fixed(c.cv, 4),
                     fixed(c.previous_cv, 4), signed(c.change, 4), self.direction(c.change, 4)]
                    for c in changes.indicators]
            out.append(self.table(["summary.col.code", "summary.col.indicator",
                                   "summary.col.cv_this", "summary.col.cv_last",
                                   "summary.col.change", "summary.col.trend"],
                                  widths, rows, right=(2, 3, 4)))
        return out

    def direction(self, change: float | None, digits: int) -> str:
        """What a change of an inequality measure means: below 0, more equal (as printed,
        to ``digits`` decimals: a change that prints as 0 is none)."""
        if change is None:
            return "—"
        change = round(change, digits)
        key = "more_equal" if change < 0 else "less_equal" if change > 0 else "unchanged"
        return self.t(f"summary.trend.{key}")

    # --- weak indicators --------------------------------------------------------------------
    def weak(self) -> list[Flowable]:
        weak = self.comparison.weak
        if not weak or not any(w.indicators for w in weak):
            return []
        widths = [78.0, 36.0, CONTENT_WIDTH - 114.0]
        rows = []
        ranks = {u.code: u.rank for u in self.comparison.units}
        for unit in weak:
            items = [self.t("summary.weak_item", code=w.code, name=w.name.get(self.lang),
                            attainment=percent_of(w.attainment),
                            mean=percent_of(w.county_mean))
                     for w in unit.indicators[:WEAK_SHOWN]]
            if len(unit.indicators) > WEAK_SHOWN:
                items.append(self.t("summary.weak_more",
                                    count=len(unit.indicators) - WEAK_SHOWN))
            name = unit.name.get(self.lang)
            if unit.code in ranks:
                name = self.t("summary.unit_ranked", name=name, rank=ranks[unit.code])
            rows.append([self.cell(name, widths[0]), str(len(unit.indicators)),
                         self.cell("\n".join(items) or self.t("summary.none"), widths[2])])
        table = self.table(["summary.col.unit", "summary.col.weak_count",
                            "summary.col.weak"], widths, rows)
        table.splitInRow = 0  # a unit's few lines stay on one page
        table.setStyle(table_style([("ALIGN", (1, 1), (1, -1), "CENTER")]))
        return [self.section("summary.section.weak"),
                self.p(self.t("summary.weak_intro", shown=WEAK_SHOWN), "small"),
                Spacer(1, 4), table]

    # --- county-level figures and departments -----------------------------------------------
    def county_and_departments(self) -> list[Flowable]:
        comparison = self.comparison
        parts: list[Flowable] = []
        if comparison.county_figures or comparison.not_formed:
            parts += [*self.subheading(self.t("summary.sub.county_figures")),
                      self.p(self.t("summary.county_intro"), "small"), Spacer(1, 3)]
        if comparison.county_figures:
            widths = [40.0, 135.28, 78.0, 76.0, 46.0, 36.0, 100.0]
            rows = []
            for f in comparison.county_figures:
                ind = self.indicator(f.code)
                rows.append([f.code, self.cell(f.name.get(self.lang), widths[1]),
                             self.cell(self.value(f.code, f.value), widths[2], "cell_right"),
                             self.target_cell(ind, widths[3]) if ind is not None
                             else self.cell(self.target(f.code, f.target), widths[3],
                                            "cell_right"),
                             percent_of(f.attainment), str(f.units),
                             self.cell(self.value(f.code, f.mean_of_units), widths[6],
                                       "cell_right")])
            parts.append(self.table(["summary.col.code", "summary.col.indicator",
                                     "summary.col.county_value", "summary.col.target",
                                     "summary.col.attainment", "summary.col.units",
                                     "summary.col.mean_of_units"], widths, rows,
                                    right=range(2, 7)))
        if comparison.not_formed:
            parts.append(Spacer(1, 3))
            parts += [self.p(self.t(f"equal.not_formed.{n.reason}", code=n.code,
                                    name=n.name.get(self.lang)), "small")
                      for n in comparison.not_formed]
        if comparison.departments:
            parts += [*self.subheading(self.t("summary.sub.departments")),
                      self.p(self.t("summary.departments_intro"), "small"), Spacer(1, 3)]
            widths = [120.0, 60.0, CONTENT_WIDTH - 180.0]
            rows = []
            for d in comparison.departments:
                led = "；" if self.lang == "zh" else "; "
                items = []
                for ind in d.indicators:
                    shown = f"{ind.code} {ind.name.get(self.lang)}"
                    if d.reported:
                        shown += f" {percent_of(ind.attainment)}"
                    items.append(shown)
                rows.append([self.cell(d.name.get(self.lang), widths[0]),
                             fixed(d.overall) if d.reported
                             else self.t("summary.department_missing"),
                             self.cell(led.join(items) or "—", widths[2])])
            table = self.table(["summary.col.department", "summary.col.overall",
                                "summary.col.led"], widths, rows, right=(1,))
            parts.append(table)
        if not parts:
            return []
        return [self.section("summary.section.county"), *parts]

    # --- the register -----------------------------------------------------------------------
    def register(self) -> list[Flowable]:
        reg = self.data.register
        offset = self.data.generated_at.strftime("%z")
        out: list[Flowable] = [self.section("summary.section.register"),
                               self.p(self.t("summary.register_intro",
                                             offset=f"UTC{offset[:3]}:{offset[3:]}"),
                                      "small")]
        if reg.received:
            widths = [70.0, SHA_WIDTH, 150.0, CONTENT_WIDTH - 220.0 - SHA_WIDTH]
            rows = []
            for r in reg.received:
                signers = "\n".join(
                    f"{ROLE_LABELS[s.role].get(self.lang) if s.role in ROLE_LABELS else '—'}"
                    f" {s.name} {self.when(s.signed_at)}" for s in r.signers) or "—"
                if r.state == "superseded":
                    verdict = self.t("summary.superseded", time=self.when(r.superseded_at),
                                     sha=(r.superseded_by or "")[:FINGERPRINT_SHOWN])
                else:
                    verdict = self.t("summary.verified", time=self.when(r.imported_at))
                rows.append([self.cell(r.unit_name.get(self.lang), widths[0]),
                             self.cell(f"{r.sha256[:32]}\n{r.sha256[32:]}", widths[1]),
                             self.cell(signers, widths[2]), self.cell(verdict, widths[3])])
            out += [*self.subheading(self.t("summary.sub.received", count=len(reg.received))),
                    self.table(["summary.col.unit", "summary.col.sha256",
                                "summary.col.signers", "summary.col.verification"],
                               widths, rows)]
        if reg.not_received:
            widths = [70.0, 110.0, 60.0, CONTENT_WIDTH - 240.0]
            rows = [[m.unit_code, self.cell(m.unit_name.get(self.lang), widths[1]),
                     self.kind_label(m.kind),
                     self.cell(self.t("summary.missing_refused", count=m.refused) if m.refused
                               else self.t("summary.missing_nothing"), widths[3])]
                    for m in reg.not_received]
            out += [*self.subheading(self.t("summary.sub.missing", count=len(reg.not_received))),
                    self.table(["summary.col.code", "summary.col.unit", "summary.col.kind",
                                "summary.col.note"], widths, rows)]
        if reg.refused:
            widths = [112.0, 60.0, SHA_WIDTH, CONTENT_WIDTH - 172.0 - SHA_WIDTH]
            rows = []
            for q in reg.refused:
                unit = (q.unit_name.get(self.lang) if q.unit_name is not None
                        else q.unit_code or "—")
                sha = f"{q.sha256[:32]}\n{q.sha256[32:]}" if q.sha256 else "—"
                reason = f"[{q.reason}] {q.message.get(self.lang)}"
                rows.append([self.cell(q.file_name, widths[0]), self.cell(unit, widths[1]),
                             self.cell(sha, widths[2]), self.cell(reason, widths[3])])
            out += [*self.subheading(self.t("summary.sub.refused", count=len(reg.refused))),
                    self.table(["summary.col.file", "summary.col.unit", "summary.col.sha256",
                                "summary.col.reason"], widths, rows)]
        return out

    # --- the last page: issued by the county office -----------------------------------------
    def signature(self) -> list[Flowable]:
        data = self.data
        rows = [
            (self.t("report.field.county"), self.t("report.county")),
            (self.t("report.field.year"), self.t("report.year", year=data.year)),
            (self.t("report.field.catalogue"), self.catalogue_line()),
            (self.t("summary.field.reports"), self.counts_line()),
            (self.t("summary.field.compared"), self.compared_line()),
            (self.t("report.field.fingerprint"), data.fingerprint),
        ]
        return [self.section("summary.section.signature"),
                self.p(self.t("summary.signature_intro", year=data.year)), Spacer(1, 8),
                KeepTogether([self.fields_table(rows, 110, CONTENT_WIDTH)])]


def write_summary(data: SummaryData, path: Path, lang: str = "zh") -> int:
    """Lay the summary out into ``path``; returns the number of pages."""
    return write_house_pdf(
        path, SummaryDocument(data, lang).story(), data.payload, data.generated_at, lang,
        running_title=render("summary.running_title", lang),
        footer=render("summary.footer", lang, year=data.year),
        state=render("summary.header_state", lang), watermarks=[],
        title=f"{render('summary.title', lang)} · {data.year}",
        author=render("summary.author", lang),
        subject=render("report.county", lang) + " · " + data.comparison.catalogue["id"],
        doc_class=_SummaryDoc)


__all__ = ["COUNTY_BOX", "SIGNATURE_FIELD", "SummaryDocument", "theil_parts", "write_summary"]
