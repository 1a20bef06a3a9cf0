"""Two sections of the report that explain it: the method page (计分方法) and the appendix
(指标说明).

The method page says how every printed score is made, with examples taken from the report's
own figures (:mod:`.figures`): attainment by each way of scoring, weights and their rescaling
when an indicator does not apply, missing values, points, totals and rounding. The appendix
gives each indicator's definition, source and lead unit, the data items and formula behind a
calculated rate (with this year's figures put in), and the catalogue's id, version and sha256.

Both are built from a :class:`~.document.ReportDocument` and its paragraph helpers, so the
report's Chinese typesetting applies to them as to the rest.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table

from ..catalogue import is_builtin
from ..catalogue.indicator_types import indicator_type
from ..catalogue.model import Indicator
from ..scoring import SCORED
from .figures import FULL, hundredths, percent, text

if TYPE_CHECKING:
    from .document import ReportDocument

KEEP_NAME_WITH_TEXT = 36.0  # points: an appendix entry's name and two lines of its text
# the ways a leaf is scored, as the method page lists them
KINDS = ("higher", "lower", "threshold", "yesno", "choice", "date")
_OPERATORS = {"/": "÷", "*": "×", "-": "−", "+": "+"}
_OPERATOR = re.compile(r"\s*([-+*/])\s*")


def scoring_kind(ind: Indicator) -> str:
    """How a scored leaf is scored, as :data:`KINDS` names it: its direction, except that a
    threshold on a date (a type without numbers) is listed as a date."""
    if ind.direction == "threshold" and not indicator_type(ind.type).numeric:
        return KINDS[-1]
    return ind.direction or ""


def _number(ind: Indicator, value: object) -> str:
    """A value or setting as the tables print it, without unit: 99.01, 100.00, 11563."""
    return indicator_type(ind.type).text(value, ind)


def _exact(value: Decimal) -> str:
    """A decimal in full when it ends within 4 decimals (3.75, 2.8125), else to 4 and "…"."""
    if value == value.quantize(Decimal("0.01")):
        return f"{value.quantize(Decimal('0.01'))}"
    short = value.quantize(Decimal("0.0001"))
    return f"{short.normalize()}" + ("" if short == value else "…")


def _g(number: float) -> str:
    return f"{number:g}"


class MethodPage:
    """The 计分方法 section of one report."""

    def __init__(self, doc: ReportDocument):
        self.doc = doc
        self.score = doc.data.score
        self.check = doc.data.assessment.check
        self.fig = doc.fig

    def t(self, key: str, **params: Any) -> str:
        return self.doc.t(key, **params)

    def label(self, ind: Indicator) -> dict[str, str]:
        return {"code": ind.code, "name": ind.name.get(self.doc.lang)}

    def flowables(self) -> list[Flowable]:
        doc = self.doc
        out: list[Flowable] = [
            CondPageBreak(220),
            doc.heading(doc.next_section() + self.t("report.section.method"), 0),
            doc.p(self.t("report.method.intro")),
            doc.heading(self.t("report.method.sub.attainment"), 1),
            doc.p(self.t("report.method.attainment_intro")),
            self.attainment_table(),
            doc.heading(self.t("report.method.sub.weights"), 1),
            doc.p(self.t("report.method.weights")),
        ]
        example = self.weights_example()
        if example:
            out.append(doc.p(example))
        out.append(doc.p(self.t("report.method.input_only")))
        missing = self.t("report.method.missing")
        codes = self.score.missing
        if codes:
            lost = sum(self.fig.get(c).weight or 0 for c in codes)
            missing += self.t("report.method.missing_here", count=len(codes), points=text(lost))
        out += [doc.p(missing), doc.heading(self.t("report.method.sub.points"), 1)]
        example = self.points_example()
        if example:
            out.append(doc.p(example))
        out += [doc.p(self.t("report.method.totals")),
                doc.heading(self.t("report.method.sub.rounding"), 1),
                doc.p(self.t("report.method.rounding")),
                doc.p(self.overall_text()),
                Spacer(1, 6)]
        return out

    # --- attainment ---------------------------------------------------------------------------
    def scored_leaves(self) -> list[Indicator]:
        """This unit's scored leaves that have a value, in catalogue order."""
        return [ind for ind in self.doc.catalogue.leaves(self.doc.kind)
                if ind.is_scored and self.score.leaves.get(ind.code) is not None
                and self.score.leaves[ind.code].status == SCORED]

    def examples(self) -> dict[str, Indicator]:
        """One leaf of each way of scoring: the first in the catalogue, for a ratio one whose
        attainment lies strictly between 0 and 100 % when there is one."""
        found: dict[str, Indicator] = {}
        for ind in self.scored_leaves():
            kind = scoring_kind(ind)
            att = self.score.leaves[ind.code].attainment or 0.0
            ratio = kind in KINDS[:2]
            if kind not in found or (ratio and 0 < att < 1 and not self._between(found[kind])):
                found[kind] = ind
        return found

    def _between(self, ind: Indicator) -> bool:
        return 0 < (self.score.leaves[ind.code].attainment or 0.0) < 1

    def attainment_table(self) -> Table:
        doc = self.doc
        widths = [62.0, 196.0, doc.content_width - 258.0]
        examples = self.examples()
        rows = []
        for kind in KINDS:
            ind = examples.get(kind)
            example = self.example(kind, ind) if ind else self.t("report.method.example.none")
            rows.append([doc.cell(self.t(f"report.direction.{kind}"), widths[0]),
                         doc.cell(self.t(f"report.method.rule.{kind}"), widths[1]),
                         doc.cell(example, widths[2])])
        return doc.grid_table(["report.method.col.direction", "report.method.col.rule",
                               "report.method.col.example"], widths, rows)

    def example(self, kind: str, ind: Indicator) -> str:
        value = self.check.values.get(ind.code)
        attained = percent(self.fig.get(ind.code).attainment)
        if kind in KINDS[:2]:
            actual, target = float(value), float(ind.target)  # type: ignore[arg-type]
            top, bottom = (actual, target) if kind == KINDS[0] else (target, actual)
            if bottom <= 0:
                why = f"{_number(ind, bottom)} ≤ 0"
                return self.t("report.method.example.free", value=_number(ind, value),
                              why=why, **self.label(ind))
            line = self.t("report.method.example.ratio", a=_number(ind, top),
                          b=_number(ind, bottom),
                          ratio=percent(hundredths(top / bottom, FULL)), **self.label(ind))
            return line + (self.t("report.method.example.capped") if top > bottom else "")
        shown = self.doc.value_text(ind, value)
        if indicator_type(ind.type).has_choices:
            choices = "、" if self.doc.lang == "zh" else ", "
            listed = choices.join(f"{c.label.get(self.doc.lang)} {c.score * 100:g}%"
                                  for c in ind.choices)
            return self.t("report.method.example.choice", value=shown, attainment=attained,
                          choices=listed, **self.label(ind))
        return self.t("report.method.example.answer", value=shown,
                      target=self.doc.target_text_with_unit(ind), attainment=attained,
                      **self.label(ind))

    # --- weights ------------------------------------------------------------------------------
    def weights_example(self) -> str:
        """The weight of one first-level indicator worked out from the catalogue: one whose
        domain has first-level indicators out of the scoring when there is one."""
        catalogue = self.doc.catalogue
        counted_domains = [d for d in self.score.domains if d.attainment is not None
                           and d.weight > 0]
        if not counted_domains:
            return ""
        chosen = None
        for node in counted_domains:
            domain = next(d for d in catalogue.domains if d.code == node.code)
            counted = {f.code for f in node.children if f.attainment is not None and f.weight > 0}
            left_out = [f.code for f in domain.indicators if f.code not in counted
                        and f.weight > 0]
            first = next((f for f in node.children if f.code in counted), None)
            if first is None:
                continue
            if chosen is None or (left_out and not chosen[3]):
                chosen = (node, first, counted, left_out)
            if left_out:
                break
        if chosen is None:
            return ""
        node, first, counted, left_out = chosen
        sd = sum(d.weight for d in counted_domains)
        sf = sum(f.weight for f in node.children if f.code in counted)
        exact = (Decimal(100) * Decimal(repr(node.weight)) / Decimal(repr(sd))
                 * Decimal(repr(first.weight)) / Decimal(repr(sf)))
        printed = text(self.fig.get(first.code).weight)
        shown = _exact(exact)
        separator = "、" if self.doc.lang == "zh" else ", "
        return self.t(
            "report.method.weights_example", domain=node.name.get(self.doc.lang),
            dw=_g(node.weight), sd=_g(sd), code=first.code, name=first.name.get(self.doc.lang),
            fw=_g(first.weight), sf=_g(sf),
            excluded=self.t("report.method.excluded", codes=separator.join(left_out))
            if left_out else "",
            exact=shown,
            printed="" if shown == printed else self.t("report.method.printed_as",
                                                       printed=printed))

    # --- points -------------------------------------------------------------------------------
    def points_example(self) -> str:
        """Weight × attainment of one leaf, worked out: a leaf attained strictly between 0
        and 100 % and not adjusted, the ratio example's when it is one."""
        adjusted = {code for code, _ in self.fig.adjusted}
        candidates = [i for i in self.scored_leaves() if self._between(i)
                      and i.code not in adjusted and self.fig.get(i.code).weight]
        examples = self.examples()
        preferred = [examples[k] for k in KINDS[:2] if k in examples]
        ind = next((i for i in preferred if i in candidates), None) or next(
            iter(candidates), None)
        if ind is None:
            return ""
        row = self.fig.get(ind.code)
        assert row.weight is not None and row.attainment is not None
        exact = Decimal(row.weight * row.attainment) / Decimal(10) ** 6
        return self.t("report.method.points", weight=text(row.weight),
                      attainment=percent(row.attainment), exact=format(exact.normalize(), "f"),
                      points=text(row.points), **self.label(ind))

    # --- rounding -----------------------------------------------------------------------------
    def overall_text(self) -> str:
        """How the points are shared out, and the rows where that moved a hundredth."""
        line = self.t("report.method.overall", overall=percent(self.fig.overall.points))
        if self.fig.overall.points is None:
            return line
        if not self.fig.adjusted:
            return line + self.t("report.method.adjusted_none")
        separator = "、" if self.doc.lang == "zh" else ", "
        items = separator.join(
            self.t("report.method.adjusted.more" if n > 0 else "report.method.adjusted.less",
                   code=code, amount=text(abs(n))) for code, n in self.fig.adjusted)
        return line + self.t("report.method.adjusted", items=items)


# --- the appendix -------------------------------------------------------------------------------
def formula_text(ind: Indicator) -> str:
    """A formula as printed: EDU01B ÷ EDU01A × 100."""
    assert ind.formula is not None
    return _OPERATOR.sub(lambda m: f" {_OPERATORS[m.group(1)]} ", ind.formula.text).strip()


class Appendix:
    """The 指标说明 section: every indicator that applies to the unit."""

    def __init__(self, doc: ReportDocument):
        self.doc = doc
        self.values = doc.data.assessment.check.values

    def t(self, key: str, **params: Any) -> str:
        return self.doc.t(key, **params)

    def flowables(self) -> list[Flowable]:
        doc = self.doc
        cat = doc.catalogue
        lang = doc.lang
        out: list[Flowable] = [
            CondPageBreak(200),
            doc.heading(doc.next_section() + self.t("report.section.appendix"), 0),
            doc.p(self.t("report.appendix_catalogue", title=cat.title.get(lang), id=cat.id,
                         version=cat.version, sha256=cat.sha256), "small"),
        ]
        if is_builtin(cat):  # not the county's: the program's own sample (README, signed)
            out.append(doc.p(self.t("catpkg.report_sample"), "small"))
        # a glossary, not a table: paragraphs at full width are laid out once and drawn with
        # few lines (a table of 90 rows costs a third of the whole report)
        for domain in cat.domains:
            indicators = [i for i in domain.indicators if i.applies(doc.kind)]
            if not indicators:
                continue
            out.append(doc.heading(domain.name.get(lang), 1))
            for first in indicators:
                entries = [first, *(c for c in first.children if c.applies(doc.kind))]
                for ind in [row for e in entries for row in e.with_data_items()
                            if row.applies(doc.kind)]:
                    level = "1" if ind.level == 1 and not ind.is_data_item else "2"
                    # the name stays with the first lines of its text (keepWithNext would
                    # lay every entry out twice)
                    out += [CondPageBreak(KEEP_NAME_WITH_TEXT),
                            doc.line(f"{ind.code}  {ind.name.get(lang)}", "entry" + level),
                            doc.p(self.described(ind), "entry_body" + level)]
        return out

    def described(self, ind: Indicator) -> str:
        """The definition; for a calculated indicator its formula, data items and this year's
        figures; the source and the lead unit."""
        doc, lang = self.doc, self.doc.lang
        lines = [ind.definition.get(lang)] if ind.definition else []
        if ind.formula is not None:
            separator = "、" if lang == "zh" else "; "
            items = separator.join(f"{n} {doc.name(n)}" for n in ind.formula.names
                                   if n in doc.catalogue.index)
            lines.append(self.t("report.formula", formula=formula_text(ind))
                         + ("；" if lang == "zh" else "; ")
                         + self.t("report.formula_inputs", items=items))
            filled = self.filled(ind)
            if filled:
                lines.append(self.t("report.formula_values", values=filled))
        if ind.source or ind.lead_unit:
            lines.append(self.t("report.source_and_lead",
                                source=ind.source.get(lang) if ind.source else "—",
                                lead=ind.lead_unit.get(lang) if ind.lead_unit else "—"))
        if not lines:
            return "—"
        stop = "" if lang == "zh" else " "
        return stop.join(line if line[-1] in "。.；;" else line + ("。" if lang == "zh" else ".")
                         for line in lines)

    def filled(self, ind: Indicator) -> str | None:
        """The formula with this year's values put in and its result, as printed in the
        tables: 11448 ÷ 11563 × 100 = 99.01; None when a value is missing."""
        assert ind.formula is not None
        names = ind.formula.names
        index = self.doc.catalogue.index
        if any(self.values.get(n) is None or n not in index for n in names) \
                or self.values.get(ind.code) is None:
            return None

        def put(match: re.Match[str]) -> str:
            code = match.group(0)
            shown = _number(index[code], self.values[code])
            return f"({shown})" if shown.startswith("-") else shown

        pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
        result = self.doc.value_text(ind, self.values[ind.code])
        return f"{pattern.sub(put, formula_text(ind))} = {result}"
