"""The report a county official can check line by line (issue 15).

Figures are read back from the PDF with poppler's pdftotext (words and their positions) and
checked as an official would with pen and paper: every total is the sum of its printed parts,
every change the difference of the printed figures, points = weight × attainment, on every demo
unit in both languages. Then the method page, the notes under 否 and not-applicable rows, the
weak points, the appendix, empty sections left out, and the signature page.
"""

from __future__ import annotations

import itertools
import random
import re
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import NamedTuple

import pytest

from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.demo import DEMO_YEARS
from haiyan_desktop.messages import render
from haiyan_desktop.report import build_report, read_report_data
from haiyan_desktop.report.document import ReportDocument
from haiyan_desktop.report.figures import (
    FULL,
    apportion,
    change,
    figures,
    hundredths,
    percent,
    product,
    text,
)
from haiyan_desktop.report.layout import MARGIN_LEFT, UNIT_SEAL_BOX
from haiyan_desktop.sample_values import plausible_entries
from haiyan_desktop.store import Store
from haiyan_desktop.validation import Entry
from tests.conftest import pdftotext

UNITS = ("wuyuan", "xitangqiao", "wanghai", "qinshan", "shendang", "baibu", "yucheng", "ganpu",
         "tongyuan")
CATALOGUE = default_catalogue()
CODES = set(CATALOGUE.index)
DOMAINS = {d.code for d in CATALOGUE.domains}
CENT = Decimal("0.01")


# --- reading the PDF back ------------------------------------------------------------------------
class Word(NamedTuple):
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"([^<]*)</word>")


def lines_of(pdf: Path) -> list[list[Word]]:
    """Every line of text of the document in reading order: words of one page that share a
    vertical position, left to right (the watermarks' giant letters left out)."""
    out: list[list[Word]] = []
    for page in pdftotext(pdf, "-bbox").split("<page ")[1:]:
        words = [Word(float(a), float(b), float(c), float(d), t.replace("&amp;", "&")
                      .replace("&lt;", "<").replace("&gt;", ">"))
                 for a, b, c, d, t in _WORD.findall(page)]
        words = [w for w in words if w.y1 - w.y0 < 30]
        words.sort(key=lambda w: ((w.y0 + w.y1) / 2, w.x0))
        current: list[Word] = []
        for word in words:
            middle = (word.y0 + word.y1) / 2
            if current and abs(middle - (current[0].y0 + current[0].y1) / 2) > 2.5:
                out.append(sorted(current, key=lambda w: w.x0))
                current = []
            current.append(word)
        if current:
            out.append(sorted(current, key=lambda w: w.x0))
    return out


def cells(line: list[Word], widths: list[float]) -> list[str]:
    """The line's words sorted into the columns of a table starting at the left margin."""
    edges = [MARGIN_LEFT]
    for width in widths:
        edges.append(edges[-1] + width)
    out = []
    for left, right in itertools.pairwise(edges):
        out.append(" ".join(w.text for w in line if w.x0 >= left - 0.5 and w.x1 <= right + 0.5))
    return out


def number(shown: str) -> Decimal | None:
    """A printed figure: 3.75, 99.01% (as 99.01), +0.65, -0.27, −0.01; None for "—" or ""."""
    found = re.search(r"[-+−]?\d+(?:\.\d+)?", shown.replace(",", ""))
    if not found or shown.strip() in ("", "—"):
        return None
    return Decimal(found.group().replace("−", "-"))


def printed_value(ind, values: dict) -> Decimal | None:
    """A number as the tables print it (the indicator's decimals); None for any other."""
    value = values.get(ind.code)
    if not isinstance(value, float):
        return None
    decimals = ind.decimals if ind.decimals is not None else 2
    return Decimal(f"{value:.{decimals}f}")


def times(weight: Decimal, attainment: Decimal) -> Decimal:
    """Printed weight × printed attainment (a percentage), 四舍五入 as an official would."""
    return (weight * attainment / 100).quantize(CENT, ROUND_HALF_UP)


def template(key: str, lang: str, **groups: str) -> re.Pattern[str]:
    """A message as a regular expression over text without spaces: its placeholders become
    named groups matching a printed figure."""
    marks = {name: f"\x00{name}\x00" for name in groups}
    shown = re.escape(re.sub(r"\s+", "", render(key, lang, **marks)))
    for name, pattern in groups.items():
        shown = shown.replace(re.escape(marks[name]), f"(?P<{name}>{pattern})")
    return re.compile(shown)


FIGURE = r"[-+−]?\d+\.\d\d%?|—"


class Printed(NamedTuple):
    summary: dict[str, list[str]]  # domain code (or "" for the total) -> cells
    rows: dict[str, list[str]]  # code -> cells of its row in the domain tables
    weak: dict[str, list[str]]
    flat: str  # the whole text in the order it is drawn, without white space


def read_back(pdf: Path, lang: str) -> Printed:
    columns = ReportDocument.SUMMARY_COLUMNS, ReportDocument._DOMAIN_COLUMNS, \
        ReportDocument.WEAK_COLUMNS
    summary_w, domain_w, weak_w = ([w for _, w in c] for c in columns)
    headings = {key: render(f"report.section.{key}", lang)
                for key in ("summary", "method", "domains", "problems", "appendix",
                            "signature")}
    weak_title = render("report.sub.weak", lang)
    total = render("report.col.total", lang)
    section, in_weak, in_table = "", False, False
    code_head, name_head = render("report.col.code", lang), render("report.col.indicator", lang)
    printed = Printed({}, {}, {}, re.sub(r"\s+", "", pdftotext(pdf, "-raw")))
    for line in lines_of(pdf):
        joined = "".join(w.text for w in line)
        found = next((k for k, h in headings.items()
                      if joined.endswith(h.replace(" ", "")) and len(joined) < len(h) + 6), None)
        if found:
            section, in_weak = found, False
            continue
        if section == "summary" and joined == weak_title.replace(" ", ""):
            in_weak = True
            continue
        if section == "summary" and not in_weak:
            row = cells(line, summary_w)
            if row[0] in DOMAINS or (row[0] == "" and row[1] == total):
                printed.summary[row[0]] = row
        elif section == "summary":
            row = cells(line, weak_w)
            if row[0] in CODES:
                printed.weak[row[0]] = row
        elif section == "domains":
            row = cells(line, domain_w)
            if row[0] == code_head and row[1] == name_head:  # a table starts (or goes on)
                in_table = True
            elif line[0].y1 - line[0].y0 > 9:  # a domain's heading or line, then its chart
                in_table = False
            elif in_table and row[0] in CODES:
                assert row[0] not in printed.rows, f"{row[0]} printed twice"
                printed.rows[row[0]] = row
    return printed


def adjusted(flat: str, lang: str) -> dict[str, Decimal]:
    """The rows the method page says were moved off weight × attainment: code -> amount."""
    out = {}
    for key, sign in (("report.method.adjusted.more", 1), ("report.method.adjusted.less", -1)):
        for found in template(key, lang, code=r"[A-Z]{3}(?:\d\d[A-Z]?)?",
                              amount=r"\d+\.\d\d").finditer(flat):
            out[found.group("code")] = sign * Decimal(found.group("amount"))
    return out


# --- the figures, worked out -------------------------------------------------------------------
def test_largest_remainder_shares_out_exactly():
    assert apportion(1500, [20, 15, 15, 15, 15]) == [375, 282, 281, 281, 281]
    assert sum(apportion(1200, [25, 20, 20, 20, 15])) == 1200
    assert apportion(10000, [1, 1, 1]) == [3334, 3333, 3333]  # the earlier part on a tie
    assert apportion(0, [1, 2]) == [0, 0] and apportion(100, []) == []


def test_points_are_printed_weight_times_printed_attainment_half_up():
    assert product(375, 9901) == 371  # 3.75 × 99.01 % = 3.712875
    assert product(300, 9850) == 296  # 2.955: half up, as by hand
    assert product(281, FULL) == 281 and product(281, 0) == 0
    assert text(371) == "3.71" and text(-44) == "-0.44" and text(None) == "—"
    assert percent(9769) == "97.69%" and change(9769, 9813) == "-0.44"
    assert change(9830, 9765) == "+0.65" and change(5, 5) == "0.00"
    assert hundredths(97.6934) == 9769 and hundredths(0.990057, FULL) == 9901


@pytest.mark.parametrize("year", DEMO_YEARS)
@pytest.mark.parametrize("unit", UNITS)
def test_printed_figures_add_up_before_any_pdf(demo_dir, unit, year):
    """The figures module alone: weights add up to 100.00 and to each total, points to each
    total and to the realization degree the app shows; every row is weight × attainment but
    the few named as adjusted, by a hundredth or two."""
    with Store(demo_dir, demo=True, write=False) as store:
        sub = store.submission(unit, year)
        score = store.assess(sub).score
    fig = figures(CATALOGUE, score, sub.unit.kind)
    assert fig.overall.points == round(score.overall * 100) == hundredths(score.overall)
    domains = [fig.get(d.code) for d in score.domains]
    assert sum(d.weight or 0 for d in domains) == 10000
    assert sum(d.points or 0 for d in domains) == fig.overall.points
    moved = dict(fig.adjusted)
    assert len(moved) == len(fig.adjusted) <= 16 and all(abs(n) <= 2 for n in moved.values())
    for code, row in fig.rows.items():
        if row.weight is not None:
            assert row.points == product(row.weight, row.attainment) + moved.get(code, 0), code
    for domain in score.domains:
        firsts = [fig.get(f.code) for f in domain.children if fig.get(f.code).weight]
        assert sum(f.weight for f in firsts) == fig.get(domain.code).weight  # type: ignore
        assert sum(f.points for f in firsts) == fig.get(domain.code).points  # type: ignore
        for first in domain.children:
            ind = CATALOGUE.index[first.code]
            leaves = [c for c in ([ind] if ind.is_leaf else ind.children)
                      if fig.get(c.code).weight is not None]  # not applicable: no weight
            if not ind.is_leaf and leaves:
                assert sum(fig.get(c.code).weight for c in leaves) == fig.get(first.code).weight
                assert sum(fig.get(c.code).points for c in leaves) == fig.get(first.code).points
            for leaf in leaves:
                assert fig.get(leaf.code).attainment == hundredths(
                    score.leaves[leaf.code].attainment, FULL)  # as scoring has it


# --- the printed report, read back -------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("year", DEMO_YEARS)
@pytest.mark.parametrize("unit", UNITS)
def test_every_printed_total_and_change_checks_by_hand(demo_dir, tmp_path, unit, year, lang):
    with Store(demo_dir, demo=True, write=False) as store:
        sub = store.submission(unit, year)
        info = build_report(store, sub, tmp_path / "r.pdf", lang=lang)
        check = store.assess(sub).check
        previous = store.submission(unit, year - 1) if year > DEMO_YEARS[0] else None
        before = store.assess(previous).check.values if previous else {}
    data = read_report_data(info.path)
    printed = read_back(info.path, lang)
    moved = adjusted(printed.flat, lang)
    # the summary: domains add up to the total, which is the realization degree of the data
    total = printed.summary[""]
    rows = [printed.summary[d] for d in sorted(DOMAINS)]
    assert len(rows) == 8
    weights = [number(r[2]) for r in rows if number(r[2]) is not None]
    points = [number(r[4]) for r in rows if number(r[4]) is not None]
    assert sum(weights) == number(total[2]) == Decimal("100.00")
    assert sum(points) == number(total[4]) == number(total[3])
    assert number(total[4]) == Decimal(str(data["scores"]["overall"])).quantize(CENT)
    for row in [*rows, total]:
        this, last, diff = number(row[3]), number(row[5]), number(row[6])
        if this is not None and last is not None:
            assert diff == this - last, row  # the difference of the printed figures
        if number(row[2]) is not None:  # weight × realization degree = points
            assert number(row[4]) == times(number(row[2]), this) + moved.get(row[0], 0), row
    key, extra = ("report.domain_line", ("previous", "change")) if year > DEMO_YEARS[0] \
        else ("report.domain_line_first", ())
    said = template(key, lang, **dict.fromkeys(("weight", "score", "points", *extra), FIGURE))
    lines: dict[tuple, list] = {}  # two domains may print the same three figures
    for m in said.finditer(printed.flat):
        lines.setdefault(m.group("weight", "score", "points"), []).append(m)
    assert sum(map(len, lines.values())) == sum(number(printed.summary[d][2]) is not None
                                                for d in DOMAINS)
    # the domain tables: parts add up to first-level indicators, those to the domain
    for code in sorted(DOMAINS):
        summary = printed.summary[code]
        if number(summary[2]) is None:
            continue
        said_lines = lines[(summary[2], summary[3], summary[4])]  # the line says the same
        for line in said_lines:
            if extra and number(line.group("previous")) is not None:
                assert number(line.group("change")) == number(summary[3]) - number(
                    line.group("previous"))
        domain = next(d for d in CATALOGUE.domains if d.code == code)
        first_rows = [printed.rows[f.code] for f in domain.indicators if f.code in printed.rows]
        counted = [r for r in first_rows if number(r[5]) is not None]
        assert sum(number(r[5]) for r in counted) == number(summary[2]), code
        assert sum(number(r[6]) for r in counted) == number(summary[4]), code
        for first in domain.indicators:
            if first.code not in printed.rows:
                continue
            parent = printed.rows[first.code]
            leaves = [first] if first.is_leaf else [c for c in first.children
                                                    if c.code in printed.rows]
            scored = [printed.rows[c.code] for c in leaves if number(printed.rows[c.code][5])]
            if not first.is_leaf and scored:
                assert sum(number(r[5]) for r in scored) == number(parent[5]), first.code
                assert sum(number(r[6]) for r in scored) == number(parent[6]), first.code
                assert number(parent[6]) == times(number(parent[5]), number(parent[4])) \
                    + moved.get(first.code, 0), first.code
            for leaf, row in ((c, printed.rows[c.code]) for c in leaves):
                if number(row[5]) is None:
                    assert row[4] == row[5] == row[6] == "—", row
                    continue
                assert number(row[6]) == times(number(row[5]), number(row[4])) + moved.get(
                    leaf.code, 0), row
                # the change: this year's printed value minus last year's (a value's cell
                # may wrap, so the values are taken as printed from the data)
                this, last = printed_value(leaf, check.values), printed_value(leaf, before)
                if this is not None and last is not None:
                    assert number(row[8]) == this - last, row
    # the weak points: lost = weight - points, as the tables print them
    for code, row in printed.weak.items():
        table = printed.rows[code]
        assert row[4] == table[4], code
        assert number(row[5]) == number(table[5]) - number(table[6]), code
    assert set(moved) <= set(printed.rows) | DOMAINS


def test_the_figures_an_issue_named_now_multiply_and_subtract(demo_dir, tmp_path):
    """武原街道 2019 (the demo's figures; the issue named others of the same kind):
    3.00 × 93.72 % is 2.8116, printed 2.81, and says so; 99.69 − 97.81 is +1.88."""
    with Store(demo_dir, demo=True, write=False) as store:
        info = build_report(store, store.submission("wuyuan", 2019), tmp_path / "r.pdf")
    printed = read_back(info.path, "zh")
    flat = printed.flat
    assert printed.rows["EDU05"][4:7] == ["93.72%", "3.00", "2.81"]  # 10 of 11 campuses
    assert printed.summary[""][3:7] == ["99.69%", "99.69", "97.81%", "+1.88"]
    assert "得分=权重×达成度。例：EDU05义务教育省标准化学校达标率：3.00×93.72%=2.8116，" \
        "四舍五入为2.81" in flat
    assert "EDU01的权重=100×15÷100×20÷75=4.00" in flat
    assert "（EDU06、EDU07不适用于本单位，不计入）" in flat
    assert "≥100.00%" in printed.rows["EDU01C"][3].replace(" ", "")
    assert "得分=权重×达成度×100" not in flat


# --- the method page ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_method_page_names_every_way_of_scoring_with_an_example(demo_dir, tmp_path, lang):
    with Store(demo_dir, demo=True, write=False) as store:
        info = build_report(store, store.submission("yucheng", 2019), tmp_path / "r.pdf",
                            lang=lang)
    flat = read_back(info.path, lang).flat
    for kind in ("higher", "lower", "threshold", "yesno", "choice", "date"):
        assert re.sub(r"\s+", "", render(f"report.method.rule.{kind}", lang)) in flat, kind
    none = re.sub(r"\s+", "", render("report.method.example.none", lang))
    assert flat.count(none) == 2  # threshold and date: no such indicator for a town
    if lang == "zh":
        assert "EMP01C城镇登记失业率：达成度=3.00÷" in flat and "，按100%计" in flat  # lower
        assert "EMP03D零就业家庭动态清零：是，目标是，达成度100.00%" in flat
        assert "CUL01A镇（街道）综合文化站等级：" in flat
        assert "（可选：省级特级100%、省级一级90%" in flat
        for part in ("最大余数法", "先舍入，后计算", "没有填写的，达成度按0计",
                     "变化”是本年所列数字减去上年所列数字"):
            assert part in flat, part
    else:
        assert "largest-remainder" in flat and "roundsfirstandthencomputes" in flat


def test_threshold_and_date_examples_come_from_a_department(builtin, tmp_path):
    """A county department reports the inter-school difference coefficients (≤ 0.500)."""
    with Store(tmp_path, actor="王五") as store:
        sub = store.open_submission(builtin, "edu_bureau", 2019)
        store.set_values(sub, plausible_entries(builtin, "department", random.Random(3)))
        info = build_report(store, sub, tmp_path / "dept.pdf")
    flat = read_back(info.path, "zh").flat
    assert re.search(r"EDU06A[^：]*：0\.\d{3}，目标≤0\.500，达成度(100\.00|0\.00)%", flat)
    assert flat.count("本报告没有这类指标") >= 1  # the date


def test_a_date_example_and_a_date_missed_says_why(tmp_path):
    """The date catalogue of the tests: the example of a date, and a day after the target
    scoring 0 with its note in the table."""
    from haiyan_desktop.catalogue import load_catalogue
    from tests.conftest import CATALOGUES

    cat = load_catalogue(CATALOGUES / "dates.yaml")
    with Store(tmp_path, actor="张三") as store:
        sub = store.open_submission(cat, "town1", 2019)
        store.set_values(sub, {"SVC01": Entry("96"), "SVC02": Entry("2019年7月20日", "验收推迟"),
                               "SVC03": Entry(None, "本镇未建台账", True)})
        info = build_report(store, sub, tmp_path / "dates.pdf")
    flat = re.sub(r"\s+", "", pdftotext(info.path, "-raw"))
    assert "SVC02达到服务标准的日期：2019-07-20，目标≤2019-06-30，达成度0.00%" in flat
    assert "填报“2019-07-20”，目标为“≤2019-06-30”，未达到：达成度0，得0分。说明：验收推迟" in flat
    assert "SVC01服务覆盖率：达成度=96.00÷95.00=101.05%，按100%计" in flat
    assert "不适用：本镇未建台账。" in flat  # SVC03 is not scored: it has no weight to share
    assert "不适用：本镇未建台账。该项退出计分" not in flat


# --- notes, weak points, empty sections ----------------------------------------------------------
@pytest.fixture(scope="module")
def noted(tmp_path_factory):
    """A town with a 否 explained, a 否 unexplained, an indicator not applicable with its
    reason and a weak point with a comment."""
    folder = tmp_path_factory.mktemp("noted")
    catalogue = default_catalogue()
    with Store(folder, actor="张三") as store:
        sub = store.open_submission(catalogue, "baibu", 2019)
        entries = plausible_entries(catalogue, "town", random.Random(11))
        entries["EMP05"] = Entry("否", "站点改建中，2020 年 3 月恢复")
        entries["HOU05A"] = Entry("否")
        entries["INS04"] = Entry(None, "本镇无被征地人员", True)
        entries["EDU05"] = Entry("60.00", "两所学校尚在改造")
        store.set_values(sub, entries)
        out = {lang: build_report(store, sub, folder / f"{lang}.pdf", lang=lang).path
               for lang in ("zh", "en")}
    return out


def test_a_no_and_a_not_applicable_carry_their_comment_in_the_table(noted):
    flat = read_back(noted["zh"], "zh").flat
    assert "填报“否”，目标为“是”，未达到：达成度0，得0分。说明：站点改建中，2020年3月恢复" in flat
    assert "填报“否”，目标为“是”，未达到：达成度0，得0分。填报人未说明原因。" in flat
    assert "不适用：本镇无被征地人员。该项退出计分" in flat
    english = read_back(noted["en"], "en").flat
    assert "Answered“no”,thetargetis“Yes”:notmet,attainment0,0points.Comment:站点改建中" \
        in english


def test_weak_points_on_the_summary_page_with_the_comment(noted):
    printed = read_back(noted["zh"], "zh")
    assert list(printed.weak)[:2] in (["EMP05", "HOU05A"], ["HOU05A", "EMP05"])  # 0 % first
    assert "EDU05" in printed.weak and printed.weak["EDU05"][6] == "两所学校尚在改造"
    assert printed.weak["EMP05"][6].startswith("站点改建中")
    summary_page = pdftotext(noted["zh"], "-f", "2", "-l", "2")
    assert "短板" in summary_page and "EDU05" in summary_page
    assert len(printed.weak) <= ReportDocument.WEAK_POINTS


def test_empty_sections_are_left_out(demo_dir, tmp_path):
    """沈荡镇 2019 has no warning, error, indicator not applicable or empty: no such section,
    no "无。"; 通元镇 2019 (unfinished) lists its errors and empty indicators."""
    with Store(demo_dir, demo=True, write=False) as store:
        done = build_report(store, store.submission("shendang", 2019), tmp_path / "w.pdf")
        draft = build_report(store, store.submission("tongyuan", 2019), tmp_path / "t.pdf")
        empty = store.assess(store.submission("tongyuan", 2019)).score.missing
    text_done, text_draft = pdftotext(done.path, "-raw"), pdftotext(draft.path, "-raw")
    heading = re.compile(r"^\f?[一二三四五六七]、警告与说明$", re.M)
    assert not heading.search(text_done) and "无。" not in text_done
    assert "未填写的指标" not in text_done and "五、签字确认" in text_done
    assert heading.search(text_draft) and "未填写的指标（按 0 计分）" in text_draft
    assert "不适用的指标" not in text_draft and "无。" not in text_draft
    assert "六、签字确认" in text_draft
    flat = re.sub(r"\s+", "", text_draft)
    lost = re.search(r"另有(\d+)项指标未填写，按0计分，共失(\d+\.\d\d)分", flat)
    assert lost and lost.group(1) == str(len(empty)) and len(empty) >= 10
    rows = read_back(draft.path, "zh").rows  # the sum of the printed weights of those left empty
    assert Decimal(lost.group(2)) == sum(number(rows[c][5]) for c in empty)
    assert all(rows[c][4] == "0.00%" and rows[c][6] == "0.00" for c in empty)
    assert f"本报告有{len(empty)}项未填写，共失{lost.group(2)}分" in flat  # the method page
    assert f"合计{lost.group(2)}" in flat  # the total row of the table of empty indicators


def test_an_answered_warning_shows_its_comment_not_the_prompt(demo_dir, tmp_path):
    with Store(demo_dir, demo=True, write=False) as store:
        sub = store.submission("xitangqiao", 2019)
        info = build_report(store, sub, tmp_path / "x.pdf")
        comments = {p.code: store.entries(sub)[p.code].comment
                    for p in store.assess(sub).check.warnings}
    flat = read_back(info.path, "zh").flat
    assert comments and all(re.sub(r"\s+", "", c) in flat for c in comments.values())
    assert "请核实并填写说明" not in flat and "已填写说明" in flat


# --- the appendix --------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_appendix_defines_every_indicator_with_source_lead_and_inputs(demo_dir, tmp_path,
                                                                          lang):
    with Store(demo_dir, demo=True, write=False) as store:
        sub = store.submission("wuyuan", 2019)
        info = build_report(store, sub, tmp_path / "r.pdf", lang=lang)
        values = store.assess(sub).check.values
    flat = read_back(info.path, lang).flat
    appendix = flat[flat.index(re.sub(r"\s", "", render("report.section.appendix", lang))):]
    assert CATALOGUE.sha256 in appendix and CATALOGUE.id in appendix
    assert CATALOGUE.version in appendix
    for ind in CATALOGUE.walk():
        if not ind.applies("subdistrict"):
            assert f"{ind.code}{re.sub(r'[ ]', '', ind.name.get(lang))}" not in appendix
            continue
        assert ind.code in appendix
        if ind.definition:
            assert re.sub(r"\s+", "", ind.definition.get(lang))[:30] in appendix, ind.code
        if ind.lead_unit:
            assert re.sub(r"\s+", "", ind.lead_unit.get(lang)) in appendix, ind.code
    if lang == "zh":
        assert "计算公式：EDU01B÷EDU01A×100；数据项：EDU01B已入学人数、" \
            "EDU01A义务教育适龄儿童少年数" in appendix
        enrolled, children = (f"{values[c]:.0f}" for c in ("EDU01B", "EDU01A"))
        assert f"本年：{enrolled}÷{children}×100={values['EDU01C']:.2f}%" in appendix
        assert "计算公式：EMP01A÷(EMP01A+EMP01B)×100" in appendix
    else:
        assert "Formula:EDU01B÷EDU01A×100;Dataitems:EDU01BEnrolledschool-agechildren" \
            in appendix


# --- the cover and the signature page ----------------------------------------------------------
def test_cover_time_local_with_offset_and_degree_with_its_unit(demo_dir, tmp_path):
    from datetime import datetime, timedelta, timezone

    when = datetime(2020, 1, 2, 9, 30, 15, tzinfo=timezone(timedelta(hours=8)))
    with Store(demo_dir, demo=True, write=False) as store:
        sub = store.submission("wuyuan", 2019)
        info = build_report(store, sub, tmp_path / "r.pdf", generated_at=when)
        overall = store.assess(sub).score.overall
    cover = re.sub(r"\s+", "", pdftotext(info.path, "-raw", "-l", "1"))
    assert "生成时间2020-01-0209:30:15UTC+08:00" in cover
    assert f"实现度{overall:.2f}%" in cover


def test_signature_page_has_the_units_seal_and_points_to_the_stamps_for_the_date(
        signed_report, unsigned_report):
    for pdf in (unsigned_report, signed_report):
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
        last = pdftotext(pdf, "-raw", "-f", str(pages), "-l", str(pages))
        assert last.count("日期：见签章") == 2 and "单位（盖章）" in last
        assert re.search(r"年\s+月\s+日", last)  # the day of the seal, by hand
    words = pdftotext(unsigned_report, "-bbox", "-f", "1", "-l", "100").split("<page ")[-1]
    seal = re.search(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">'
                     r"单位（盖章）<", words)
    assert seal and abs(float(seal.group(1)) - UNIT_SEAL_BOX[0]) < 2
    # the signed file's stamps carry the day and time the date line points to
    signed_last = pdftotext(signed_report)
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", signed_last)
