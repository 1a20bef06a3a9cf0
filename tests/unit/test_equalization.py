"""Comparison and equalization (haiyan_desktop/county/equalization.py).

Most tests use a small catalogue written here and report data made by hand, with every
expected figure computed by hand in the comments (to 6 or more significant digits): four
townships — two subdistricts (街道, urban) s1, s2 and two towns (镇, rural) t1, t2 — and one
department. The last tests run on the demo's real report data, without naming any indicator
of the built-in catalogue (it changes).
"""

from __future__ import annotations

import json
import math
import random

import pytest

from haiyan_desktop.assessment import assess
from haiyan_desktop.catalogue import parse_catalogue
from haiyan_desktop.county.equalization import (
    NO_DATA,
    NOT_SUMMABLE,
    OVERALL,
    Stats,
    compare,
    comparison_data,
    competition_ranks,
    decompose,
    median,
    theil_index,
)
from haiyan_desktop.report.data import scores_json
from haiyan_desktop.sample_values import plausible_entries

YEAR = 2019
CATALOGUE = """
id: equalization-test
version: "test.1"
title: 均等化测试目录
title_en: Equalization test catalogue
years: [2018, 2019]
units:
  - {code: s1, name: 甲街道, name_en: S1 Subdistrict, kind: subdistrict}
  - {code: s2, name: 乙街道, name_en: S2 Subdistrict, kind: subdistrict}
  - {code: t1, name: 丙镇, name_en: T1 Town, kind: town}
  - {code: t2, name: 丁镇, name_en: T2 Town, kind: town}
  - {code: bureau, name: 县某局, name_en: County Bureau, kind: department}
domains:
  - code: AAA
    name: 甲领域
    name_en: Domain A
    weight: 60
    indicators:
      - code: A01
        name: 比率
        name_en: A rate
        weight: 50
        type: percent
        unit: "%"
        formula: A01N / A01D * 100
        target: 100
        direction: higher
        definition: 分子 ÷ 分母 × 100%
        definition_en: numerator ÷ denominator × 100 %
        source: 台账
        source_en: records
        lead_unit: bureau
        data_items:
          - code: A01D
            name: 分母
            name_en: Denominator
            type: integer
            definition: 分母
            definition_en: denominator
          - code: A01N
            name: 分子
            name_en: Numerator
            type: integer
            definition: 分子
            definition_en: numerator
      - code: A02
        name: 数量
        name_en: A count
        weight: 30
        type: number
        target: 10
        direction: higher
        definition: 数量
        definition_en: a count
        source: 台账
        source_en: records
        lead_unit: bureau
      - code: A03
        name: 系数比
        name_en: A ratio of coefficients
        weight: 20
        type: number
        formula: A03C / A01D
        target: 0.0001
        direction: higher
        definition: 系数 ÷ 分母
        definition_en: coefficient ÷ denominator
        source: 台账
        source_en: records
        lead_unit: bureau
        data_items:
          - code: A03C
            name: 系数
            name_en: Coefficient
            type: coefficient
            aggregate: none
            definition: 系数
            definition_en: coefficient
  - code: BBB
    name: 乙领域
    name_en: Domain B
    weight: 40
    indicators:
      - code: B01
        name: 是否达标
        name_en: Standard met
        weight: 60
        type: yesno
        target: true
        direction: yesno
        definition: 是否达标
        definition_en: whether the standard is met
        source: 台账
        source_en: records
        lead_unit: bureau
      - code: B02
        name: 县域指标
        name_en: A county-level indicator
        weight: 40
        type: percent
        target: 80
        direction: higher
        applies_to: [department]
        definition: 县域指标
        definition_en: a county-level indicator
        source: 台账
        source_en: records
        lead_unit: bureau
"""

KINDS = {"s1": "subdistrict", "s2": "subdistrict", "t1": "town", "t2": "town",
         "bureau": "department"}


@pytest.fixture(scope="module")
def cat():
    return parse_catalogue(CATALOGUE, "equalization-test.yaml")


def leaf(code, status, actual=None, attainment=None):
    return {"code": code, "status": status, "actual": actual, "attainment": attainment}


def payload(unit, overall, domains, leaves, values=(), year=YEAR, sha="", previous=None):
    """Report data as build_payload writes it, with only what the comparison reads."""
    return {
        "catalogue": {"id": "equalization-test", "version": "test.1", "sha256": sha},
        "unit": {"code": unit, "name": f"单位{unit}", "name_en": f"Unit {unit}",
                 "kind": KINDS[unit]},
        "year": year,
        "values": [{"code": c, "raw": str(v), "value": v, "na": False, "comment": ""}
                   for c, v in values],
        "scores": {"overall": overall,
                   "domains": [{"code": c, "score": s} for c, s in domains.items()],
                   "indicators": leaves, "missing": []},
        "previous": previous,
    }


def township(unit, overall, aaa, bbb, n, d, a02, b01, year=YEAR, previous=None):
    """A township's data: A01 = n/d*100 (attainment min(A01/100, 1)), A02 (target 10),
    B01 yes/no; A03 (attained by all) uses a coefficient that cannot be summed."""
    rate = n / d * 100
    leaves = [leaf("A01D", "unscored", d), leaf("A01N", "unscored", n),
              leaf("A01", "scored", rate, min(rate / 100, 1)),
              leaf("A02", "scored", a02, min(a02 / 10, 1)),
              leaf("A03C", "unscored", 0.5), leaf("A03", "scored", 0.001, 1.0),
              leaf("B01", "scored", b01, 1.0 if b01 else 0.0)]
    return payload(unit, overall, {"AAA": aaa, "BBB": bbb}, leaves,
                   [("A01D", d), ("A01N", n), ("A03C", 0.5), ("A02", a02), ("B01", b01)],
                   year=year, previous=previous)


def this_year():
    # unit     overall  AAA   BBB   A01N/A01D (A01)    A02   B01
    return [township("s1", 90, 95.0, 82.5, 99, 100, 20, True),  # 99 %
            township("s2", 80, 85.0, 72.5, 450, 500, 10, True),  # 90 %
            township("t1", 80, 75.0, 87.5, 8, 10, 6, True),  # 80 %
            township("t2", 50, 60.0, 35.0, 40, 50, 4, False),  # 80 %
            payload("bureau", 87.5, {"AAA": None, "BBB": 87.5},
                    [leaf("B02", "scored", 70.0, 0.875)], [("B02", 70.0)])]


def last_year():
    # overall 85, 80, 70, 60; A02 12, 10, 8, 10
    return [township("s1", 85, 90.0, 77.5, 98, 100, 12, True, YEAR - 1),
            township("s2", 80, 80.0, 80.0, 440, 500, 10, True, YEAR - 1),
            township("t1", 70, 70.0, 70.0, 7, 10, 8, True, YEAR - 1),
            township("t2", 60, 65.0, 52.5, 38, 50, 10, False, YEAR - 1)]


@pytest.fixture(scope="module")
def result(cat):
    return compare(cat, this_year(), last_year())


# --- the statistics on their own ------------------------------------------------------------
def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert median([20, 4, 10, 6]) == 8  # sorted 4 6 | 10 20: (6 + 10) / 2
    assert median([3, 1, 2]) == 2
    assert median([]) is None


def test_competition_ranks_share_a_rank_on_a_tie_and_skip_the_next():
    assert competition_ranks({"a": 90, "b": 80, "c": 80, "d": 50, "e": None}) == {
        "a": 1, "b": 2, "c": 2, "d": 4}


def test_theil_is_zero_when_all_are_equal_and_handles_zeros():
    assert theil_index([70.0, 70.0, 70.0]) == 0
    assert decompose("x", {"subdistrict": [5.0, 5.0], "town": [5.0]}).total == 0
    same = decompose("x", {"subdistrict": [5.0, 5.0], "town": [5.0]})
    assert (same.between, same.within) == (0, 0)
    # [0, 10]: μ = 5, T = ½ (0 · ln 0 → 0 + 2 ln 2) = ln 2 = 0.693147
    assert theil_index([0.0, 10.0]) == pytest.approx(0.693147, abs=1e-6)
    assert theil_index([0.0, 0.0]) == 0  # nothing to share: no inequality
    assert theil_index([-1.0, 3.0]) is None  # not defined for negative values
    zero_group = decompose("x", {"subdistrict": [0.0, 0.0], "town": [4.0, 6.0]})
    assert zero_group.between + zero_group.within == pytest.approx(zero_group.total, abs=1e-12)


def test_stats_of_a_set_with_a_zero_mean_or_minimum():
    assert Stats.of([0.0, 0.0]).cv is None  # sd / mean with mean 0
    assert Stats.of([0.0, 4.0]).max_min_ratio is None  # max / min with min 0
    assert Stats.of([]).n == 0 and Stats.of([]).mean is None


# --- the hand-computed small county -----------------------------------------------------------
def test_units_are_ranked_with_ties_and_departments_kept_apart(result):
    # overall 90, 80, 80, 50: ranks 1, 2, 2, 4 (s2 before t1: catalogue order within a tie)
    assert [(u.code, u.rank) for u in result.units] == [("s1", 1), ("s2", 2), ("t1", 2),
                                                         ("t2", 4)]
    assert "bureau" not in {u.code for u in result.units}
    # mean (90 + 80 + 80 + 50) / 4 = 75; median of 50 80 | 80 90 = 80
    assert (result.overall.n, result.overall.mean, result.overall.median) == (4, 75, 80)
    # AAA 95 85 75 60: mean 78.75, median (75 + 85) / 2 = 80; ranks 1 2 3 4
    aaa = result.domain_stats["AAA"]
    assert (aaa.mean, aaa.median) == (78.75, 80)
    assert [result.unit(c).domain_ranks["AAA"] for c in ("s1", "s2", "t1", "t2")] == [1, 2, 3, 4]
    # BBB 82.5 72.5 87.5 35: t1 first
    assert result.unit("t1").domain_ranks["BBB"] == 1


def test_the_heat_map_holds_domain_attainments_in_catalogue_order(result):
    assert result.heatmap.units == ("s1", "s2", "t1", "t2")
    assert result.heatmap.domains == ("AAA", "BBB")
    assert result.heatmap.values[0] == pytest.approx((0.95, 0.825))
    assert result.heatmap.values[3] == pytest.approx((0.60, 0.35))


def test_dispersion_of_a_number_cv_ratio_median_below_target(result):
    a02 = result.indicator("A02")
    # values 20, 10, 6, 4: n 4, mean 40/4 = 10, median (6 + 10)/2 = 8, min 4, max 20, range 16;
    # deviations 10 0 −4 −6, squares 100 0 16 36 = 152, variance 152/4 = 38,
    # sd √38 = 6.164414, CV = 6.164414 / 10 = 0.6164414; max/min = 20/4 = 5;
    # attainments 1 1 0.6 0.4: 2 below target, mean 3/4 = 0.75
    s = a02.stats
    assert (a02.basis, s.n, s.mean, s.median, s.min, s.max, s.range) == (
        "value", 4, 10, 8, 4, 20, 16)
    assert s.sd == pytest.approx(6.164414, abs=1e-6)
    assert s.cv == pytest.approx(0.6164414, abs=1e-7)
    assert s.max_min_ratio == 5
    assert (a02.below_target, a02.attainment_mean) == (2, 0.75)


def test_dispersion_of_a_yes_no_is_on_attainment_and_has_no_ratio_with_a_zero(result):
    b01 = result.indicator("B01")
    # attainments 1 1 1 0: mean 0.75, deviations .25 .25 .25 −.75, variance
    # (3 · 0.0625 + 0.5625)/4 = 0.1875, sd 0.4330127, CV 0.4330127/0.75 = 0.5773503;
    # min 0: no max/min ratio
    assert b01.basis == "attainment"
    assert b01.stats.cv == pytest.approx(0.5773503, abs=1e-7)
    assert b01.stats.max_min_ratio is None
    assert b01.below_target == 1
    assert "B02" not in {i.code for i in result.indicators}  # a department's indicator


def test_theil_of_the_overall_score_and_its_urban_rural_decomposition(result):
    t = result.theil_of(OVERALL)
    # 90 80 80 50, μ = 75: T = ¼ [1.2 ln 1.2 + 2 · (16/15) ln(16/15) + (2/3) ln(2/3)]
    #   = ¼ [0.2187859 + 0.1376822 − 0.2703101] = 0.0215395
    assert t.total == pytest.approx(0.0215395, abs=1e-7)
    # subdistricts 90 80: μ_u 85, share (2/4)(85/75) = 0.5666667,
    #   T_u = ½ [(90/85) ln(90/85) + (80/85) ln(80/85)] = ½ [0.0605206 − 0.0570585] = 0.0017311
    # towns 80 50: μ_r 65, share (2/4)(65/75) = 0.4333333,
    #   T_r = ½ [(80/65) ln(80/65) + (50/65) ln(50/65)] = ½ [0.2555562 − 0.2018187] = 0.0268688
    # between = 0.5666667 ln(85/75) + 0.4333333 ln(65/75) = 0.0709258 − 0.0620103 = 0.0089155
    # within = 0.5666667 · 0.0017311 + 0.4333333 · 0.0268688 = 0.0009809 + 0.0116431 = 0.0126241
    assert t.between == pytest.approx(0.0089155, abs=1e-7)
    assert t.within == pytest.approx(0.0126241, abs=1e-7)
    assert t.between + t.within == pytest.approx(t.total, abs=1e-12)
    groups = {g.group: g for g in t.groups}
    assert (groups["subdistrict"].mean, groups["town"].mean) == (85, 65)
    assert groups["subdistrict"].theil == pytest.approx(0.0017311, abs=1e-7)
    assert groups["town"].theil == pytest.approx(0.0268688, abs=1e-7)
    for measure in ("AAA", "BBB"):  # every domain adds up too
        d = result.theil_of(measure)
        assert d.total > 0
        assert d.between + d.within == pytest.approx(d.total, abs=1e-12)


def test_county_figure_is_sum_over_sum_not_the_mean_of_rates(result):
    [a01] = result.county_figures
    # Σ A01N = 99 + 450 + 8 + 40 = 597, Σ A01D = 100 + 500 + 10 + 50 = 660:
    # 597 / 660 × 100 = 90.454545 %; the mean of the rates (99 + 90 + 80 + 80)/4 = 87.25 %
    assert (a01.code, a01.units, a01.sums) == ("A01", 4, {"A01N": 597, "A01D": 660})
    assert a01.value == pytest.approx(90.454545, abs=1e-6)
    assert a01.mean_of_units == pytest.approx(87.25)
    assert a01.value != pytest.approx(a01.mean_of_units, abs=1)
    assert a01.attainment == pytest.approx(0.90454545, abs=1e-8)  # target 100, higher
    # A03 uses a coefficient (aggregate: none): no county figure
    assert [(n.code, n.reason) for n in result.not_formed] == [("A03", NOT_SUMMABLE)]


def test_county_figure_counts_only_the_townships_that_reported_every_data_item(cat):
    reports = this_year()
    t2 = reports[3]
    t2["values"] = [v for v in t2["values"] if v["code"] != "A01N"]
    t2["scores"]["indicators"] = [x for x in t2["scores"]["indicators"] if x["code"] != "A01N"]
    [a01] = compare(cat, reports).county_figures
    # without t2: Σ A01N = 557, Σ A01D = 610: 557/610 × 100 = 91.311475 %
    assert (a01.units, a01.sums) == (3, {"A01N": 557, "A01D": 610})
    assert a01.value == pytest.approx(91.311475, abs=1e-6)
    for r in reports[:4]:
        r["values"] = [v for v in r["values"] if v["code"] != "A01N"]
        r["scores"]["indicators"] = [x for x in r["scores"]["indicators"]
                                     if x["code"] != "A01N"]
    found = compare(cat, reports)
    assert not found.county_figures
    assert (found.not_formed[0].code, found.not_formed[0].reason) == ("A01", NO_DATA)


def test_weak_indicators_are_below_target_and_below_the_county_mean(result):
    # county mean attainments: A01 (0.99 + 0.9 + 0.8 + 0.8)/4 = 0.8725; A02 0.75; B01 0.75
    # s1: A01 0.99 is below target but above the mean: not weak; s2: nothing below the mean
    assert result.weak_of("s1") == ()
    assert result.weak_of("s2") == ()
    # t1: A02 0.6 (gap 0.15), A01 0.8 (gap 0.0725)
    assert [(w.code, round(w.gap, 6)) for w in result.weak_of("t1")] == [
        ("A02", 0.15), ("A01", 0.0725)]
    # t2: B01 0 (gap 0.75), A02 0.4 (gap 0.35), A01 0.8 (gap 0.0725)
    assert [(w.code, round(w.gap, 6)) for w in result.weak_of("t2")] == [
        ("B01", 0.75), ("A02", 0.35), ("A01", 0.0725)]


def test_change_against_last_year(result):
    c = result.changes
    assert c is not None and c.previous_year == YEAR - 1
    # overall now 90 80 80 50, last year 85 80 70 60: +5, 0, +10, −10; last year's ranks 1 2 3 4
    assert [(u.code, u.change, u.previous_rank, u.source) for u in c.units] == [
        ("s1", 5, 1, "reports"), ("s2", 0, 2, "reports"), ("t1", 10, 3, "reports"),
        ("t2", -10, 4, "reports")]
    # A02 last year 12 10 8 10: mean 10, variance (4 + 0 + 4 + 0)/4 = 2, sd √2 = 1.414214,
    # CV 0.1414214; now 0.6164414: change +0.4750200 (the county became less equal)
    a02 = next(i for i in c.indicators if i.code == "A02")
    assert a02.previous_cv == pytest.approx(0.1414214, abs=1e-7)
    assert a02.change == pytest.approx(0.4750200, abs=1e-7)
    assert c.less_equal >= 1
    overall = next(t for t in c.theil if t[0] == OVERALL)
    # last year 85 80 70 60 (μ 73.75); now 0.0215395: the total rose
    assert overall[1] == pytest.approx(0.0215395, abs=1e-7) and overall[2] < overall[1]


def test_change_falls_back_on_the_record_of_last_year_in_each_report(cat):
    reports = this_year()
    reports[0]["previous"] = {"year": YEAR - 1, "overall": 88.0, "domains": []}
    reports[1]["previous"] = {"year": YEAR - 3, "overall": 70.0, "domains": []}  # not last year
    found = compare(cat, reports)
    assert found.changes is not None and not found.changes.indicators
    s1, s2 = found.changes.units[0], found.changes.units[1]
    assert (s1.code, s1.previous, s1.change, s1.source) == ("s1", 88.0, 2.0, "report")
    assert (s2.code, s2.previous, s2.change, s2.source) == ("s2", None, None, None)
    assert compare(cat, this_year()).changes is None  # nothing known of last year


def test_departments_are_listed_with_their_own_realization_degree(result, cat):
    [bureau] = result.departments
    assert (bureau.code, bureau.name.zh, bureau.reported, bureau.overall) == (
        "bureau", "县某局", True, 87.5)
    assert [(i.code, i.attainment) for i in bureau.indicators] == [("B02", 0.875)]
    [missing] = compare(cat, this_year()[:4]).departments
    assert (missing.reported, missing.overall, missing.indicators[0].status) == (
        False, None, None)


def test_bad_input_is_refused(cat):
    with pytest.raises(ValueError, match="more than one report"):
        compare(cat, [*this_year(), this_year()[0]])
    with pytest.raises(ValueError, match="several years"):
        compare(cat, [*this_year()[:2], *last_year()[2:]])
    with pytest.raises(ValueError, match="not the data of a report"):
        compare(cat, [{"unit": {}}])
    empty = compare(cat, [], year=YEAR)
    assert (empty.year, empty.units, empty.overall.n) == (YEAR, (), 0)
    json.dumps(empty.to_json(), allow_nan=False)


def test_nothing_is_rounded_and_the_json_is_complete(result):
    data = result.to_json()
    text = json.dumps(data, allow_nan=False, ensure_ascii=False)
    assert json.loads(text) == data
    assert data["theil"][0]["total"] == result.theil_of(OVERALL).total  # full precision
    assert {"units", "scores", "heatmap", "indicators", "theil", "weak", "changes",
            "county_figures", "not_formed", "departments"} <= set(data)
    assert data["units"][0]["name"] == "单位s1" and data["units"][0]["name_en"] == "Unit s1"
    assert result.most_unequal(1)[0].code == "A02"  # CV 0.616 above B01's 0.577 and A01's


# --- comparison data: what compare reads of a report, kept by the county database ------------
def _through_json(data):
    return json.loads(json.dumps(data, ensure_ascii=False))


def _stranger():
    """A department this catalogue does not know, with its leaves by name."""
    data = payload("bureau", 70.0, {"BBB": 70.0},
                   [leaf("Z09", "scored", 7.0, 0.7), leaf("Z08", "unscored", 3.0)])
    data["unit"].update(code="elsewhere", name="外县某局", name_en="A Bureau Elsewhere")
    data["scores"]["indicators"][0].update(name="某指标", name_en="An Indicator")
    return data


def test_comparison_data_compares_as_the_full_data(cat):
    now, before = [*this_year(), _stranger()], last_year()
    expected = compare(cat, now, before).to_json()
    extracts = [_through_json(comparison_data(p)) for p in now]
    last = [_through_json(comparison_data(p)) for p in before]
    assert compare(cat, extracts, last).to_json() == expected
    assert compare(cat, [*extracts[:2], *now[2:]], before).to_json() == expected  # mixed
    assert comparison_data(extracts[0]) == extracts[0]  # already comparison data
    unknown = compare(cat, now).departments[-1]
    assert (unknown.code, [(i.code, i.name.zh) for i in unknown.indicators]) == (
        "elsewhere", [("Z09", "某指标")])


def test_comparison_data_holds_only_what_compare_reads(cat):
    full = this_year()[0]
    full["problems"] = [{"code": "A01", "message": "很长的一段说明" * 50}]
    for leaf_data in full["scores"]["indicators"]:
        leaf_data.update(name="名称" * 10, name_en="A name", weight=1.0, contribution=2.0)
    data = comparison_data(full)
    assert set(data) == {"format", "format_version", "unit", "catalogue", "year", "overall",
                         "domains", "leaves", "values", "previous"}
    assert set(data["leaves"]) == {"code", "status", "actual", "attainment"}  # no names
    assert data["leaves"]["code"] == "A01D A01N A01 A02 A03C A03 B01"
    assert len(json.dumps(data)) < len(json.dumps(full)) / 3


def test_reports_listing_their_leaves_in_other_orders_or_codes_compare_alike(cat):
    now, before = this_year(), last_year()
    expected = compare(cat, now, before).to_json()
    shuffled = _through_json(now)
    for data in shuffled[::2]:  # another order: another layout of the columns
        data["scores"]["indicators"].reverse()
        data["values"].reverse()
    assert compare(cat, shuffled, before).to_json() == expected
    odd = _through_json(now)
    odd[1]["scores"]["indicators"].append(leaf("ZZ 9", "scored", 1.0, 1.0))  # a space
    odd[2]["values"].append({"code": 7, "value": 1.0, "na": False})  # no string
    assert isinstance(comparison_data(odd[1])["leaves"]["code"], list)
    assert isinstance(comparison_data(odd[2])["values"]["code"], list)
    extracts = [_through_json(comparison_data(p)) for p in odd]
    assert compare(cat, extracts, before).to_json() == compare(cat, odd, before).to_json()


def test_comparison_data_of_what_is_no_report_is_refused(cat):
    for bad in ({"unit": {}}, {"unit": {"code": "s1", "name": "x", "kind": "town"}},
                {**this_year()[0], "scores": {"indicators": [{"code": "A01"}]}}, None, []):
        with pytest.raises(ValueError, match="not the data of a report"):
            comparison_data(bad)
    broken = comparison_data(this_year()[0])
    broken["leaves"]["status"].pop()
    with pytest.raises(ValueError, match="not the data of a report"):
        compare(cat, [broken])


# --- the demo's real report data --------------------------------------------------------------


def department_payload(catalogue, unit, year, seed=7):
    """A department's data, scored as the app scores it, on what it leads."""
    entries = plausible_entries(catalogue, unit.scope, random.Random(seed))
    scored = assess(catalogue, entries, unit)
    return {"catalogue": {"id": catalogue.id, "version": catalogue.version,
                          "sha256": catalogue.sha256},
            "unit": {"code": unit.code, "name": unit.name.zh, "name_en": unit.name.en,
                     "kind": unit.kind},
            "year": year, "values": [], "scores": scores_json(scored.score), "previous": None}


def test_real_demo_reports_every_township_ranked_and_finite(demo_payloads):
    catalogue, by_year = demo_payloads
    year = max(by_year)
    departments = [u for u in catalogue.units if u.kind == "department"]
    found = compare(catalogue, by_year[year], by_year.get(year - 1, ()))  # departments too
    towns = {p["unit"]["code"] for p in by_year[year] if p["unit"]["kind"] != "department"}
    assert {u.code for u in found.units} == towns
    n = len(found.units)
    ranks = [u.rank for u in found.units]
    assert ranks[0] == 1 and max(ranks) <= n and ranks == sorted(ranks)
    assert sorted({*ranks}) == sorted(set(competition_ranks({u.code: u.overall
                                                             for u in found.units}).values()))
    assert found.indicators and all(i.stats.n <= n for i in found.indicators)
    cvs = [i.stats.cv for i in found.indicators if i.stats.cv is not None]
    assert cvs and all(math.isfinite(cv) and cv >= 0 for cv in cvs)
    for t in found.theil:
        assert t.total is not None and t.total >= 0
        assert t.between + t.within == pytest.approx(t.total, abs=1e-12)
    assert {w.code for w in found.weak} == towns
    assert all(w.gap > 0 and w.attainment < 1 for u in found.weak for w in u.indicators)
    for figure in found.county_figures:
        assert math.isfinite(figure.value) and 0 < figure.units <= n
    assert len(found.departments) == len(departments) == 11  # listed apart, never ranked
    for department in found.departments:
        assert department.reported and department.overall is not None
        assert department.indicators
    assert found.changes is not None and len(found.changes.units) == n
    json.dumps(found.to_json(), allow_nan=False)
    extracts = [_through_json(comparison_data(p)) for p in by_year[year]]
    last = [_through_json(comparison_data(p)) for p in by_year.get(year - 1, ())]
    assert compare(catalogue, extracts, last).to_json() == found.to_json()
