"""The built-in sample catalogue meets what the county's indicator system requires."""

from __future__ import annotations

import re
from collections import Counter

from haiyan_desktop.catalogue import builtin_catalogue_paths, catalogue_for_year, load_catalogue
from haiyan_desktop.catalogue.indicator_types import indicator_type

HAIYAN_UNITS = {"武原街道", "西塘桥街道", "望海街道", "秦山街道",
                "沈荡镇", "百步镇", "于城镇", "澉浦镇", "通元镇"}


def test_counts_domains_and_units(builtin):
    assert [d.name.zh for d in builtin.domains] == [
        "公共教育", "就业创业", "社会保险", "医疗卫生",
        "社会服务", "住房保障", "文化体育", "残疾人服务"]
    assert builtin.first_level_count == 41
    assert builtin.second_level_count == 60
    assert sum(d.weight for d in builtin.domains) == 100
    townships = {u.name.zh for u in builtin.units if u.is_township}
    assert townships == HAIYAN_UNITS
    kinds = Counter(u.kind for u in builtin.units)
    assert kinds["subdistrict"] == 4 and kinds["town"] == 5


def test_41_and_60_count_indicators_only_data_items_apart(builtin):
    """The seed's 41 first-level and 60 second-level indicators are all evaluative: weight
    > 0 at both levels; the numerators and denominators are data items, counted apart."""
    indicators = list(builtin.indicators())
    assert Counter(i.level for i in indicators) == {1: 41, 2: 60}
    assert all(i.weight > 0 and i.is_scored for i in indicators)
    assert not [i.code for i in indicators if i.level == 2 and i.weight == 0]
    items = builtin.data_items()
    assert len(items) == builtin.data_item_count >= 30
    assert {i.code for i in items}.isdisjoint(i.code for i in indicators)
    assert all(i.is_data_item and not i.is_scored and i.target is None for i in items)
    assert len(list(builtin.walk())) == 41 + 60 + len(items)
    for first in (i for i in indicators if i.level == 1):
        siblings = first.children
        if siblings:  # a first-level indicator groups genuinely different measures
            assert len(siblings) >= 2 and sum(c.weight for c in siblings) == 100, first.code
            assert all(c.name.zh != first.name.zh for c in siblings), first.code
    for domain in builtin.domains:
        assert sum(i.weight for i in domain.indicators) == 100, domain.code


def test_every_lead_unit_is_a_department_and_every_department_leads(builtin):
    departments = {u.code for u in builtin.units if u.kind == "department"}
    assert len(departments) >= 10
    for ind in builtin.walk():
        if ind.is_leaf:
            assert ind.lead in departments, ind.code
            assert ind.lead_unit == builtin.unit(ind.lead).name, ind.code
    county = [i for i in builtin.leaves("department") if not i.is_data_item]
    led = {i.lead for i in county}
    assert led == departments  # each has something to fill and to be assessed on
    for unit in (u for u in builtin.units if u.kind == "department"):
        shown = builtin.leaves(unit.scope)
        assert shown and all(i.lead == unit.code for i in shown), unit.code
        assert all(i.applies_to == {"department"} for i in shown), unit.code


def test_the_codes_the_tests_rely_on_keep_their_meaning(builtin):
    ind = builtin.index
    rate = ind["EDU01C"]
    assert rate.type == "percent" and rate.target == 100 and rate.direction == "higher"
    assert rate.formula.text.replace(" ", "") == "EDU01B/EDU01A*100"
    assert [i.code for i in rate.data_items] == ["EDU01A", "EDU01B"]
    assert all(ind[c].type == "integer" and ind[c].is_data_item for c in ("EDU01A", "EDU01B"))
    assert "EDU01C" in [c.code for c in ind["EDU01"].children]
    assert ind["EDU02"].level == 1 and ind["EDU02"].is_leaf and ind["EDU02"].target == 100
    assert ind["EDU03"].children and ind["EDU05"].target in (97, 97.1)
    edu06 = ind["EDU06"]
    assert edu06.applies_to == {"department"} and edu06.children
    assert (ind["EDU06A"].type, ind["EDU06A"].target, ind["EDU06A"].allow_na) == (
        "coefficient", 0.5, True)
    assert (ind["EDU06B"].type, ind["EDU06B"].target) == ("coefficient", 0.45)
    assert ind["EDU06A"].lead == ind["EDU06B"].lead == "edu_bureau"
    for code in ("HEA01", "HEA02"):
        assert ind[code].applies_to == {"department"} and ind[code].children, code
    assert ind["INS04"].is_leaf and ind["INS04"].type == "percent" and ind["INS04"].allow_na
    assert all(ind[c].is_data_item and ind[c].type == "integer" for c in ("EMP01A", "EMP01B"))
    assert {"EMP01A", "EMP01B"} <= set(ind[ind["EMP01A"].parent].formula.names)
    assert ind[ind["EMP01A"].parent].direction == "lower"
    assert (ind["EMP02"].type, ind["EMP02"].target, ind["EMP02"].direction) == (
        "percent", 95, "higher")
    assert (ind["EMP05"].type, ind["EMP05"].target) == ("yesno", True)
    assert ind["HOU05A"].type == "yesno"
    r01 = next(r for r in builtin.rules if r.id == "R01")
    assert (r01.codes, r01.operator, r01.severity) == (("EDU01B", "EDU01A"), "<=", "error")


def test_no_flat_volume_is_scored_for_a_township(builtin):
    """Counts, money and lengths are data items a rate, per-head or coverage figure is
    computed from: a township is never scored on its size (the issue's EMP04, HOU03, HOU04,
    CUL03). A county-level fact (one unit, e.g. 155 catalogue items) may be a count."""
    for leaf in builtin.leaves("town"):
        if leaf.is_scored and indicator_type(leaf.type).quantity:
            assert leaf.is_calculated, leaf.code


def test_indicator_shapes_required_by_the_issue(builtin):
    leaves = builtin.leaves("town") + builtin.leaves("department")
    directions = Counter(i.direction for i in leaves if i.is_scored)
    types = Counter(i.type for i in leaves)
    assert directions["lower"] >= 1 and directions["yesno"] >= 1 and directions["choice"] >= 1
    thresholds = sorted(i.target for i in leaves if i.direction == "threshold")
    assert thresholds == [0.45, 0.5]  # inter-school difference coefficient, junior / primary
    assert types["money"] >= 2 and types["integer"] >= 4
    assert sum(1 for i in leaves if i.is_calculated) >= 4
    assert any(i.allow_na for i in builtin.leaves("town"))
    assert any(i.max_change for i in leaves)
    assert len(builtin.rules) >= 6
    assert {r.severity for r in builtin.rules} == {"error", "warning"}


def test_every_rate_is_computed_from_entered_data_items(builtin):
    for code in builtin.calculation_order:
        rate = builtin.index[code]
        assert rate.is_scored and rate.is_leaf, code
        for name in rate.formula.names:
            used = builtin.index[name]
            assert used.is_data_item and not used.is_calculated and used.weight == 0, (
                code, name)
            assert used.applies_to == rate.applies_to, (code, name)
    for item in builtin.data_items():  # each is used, first of all by its own indicator
        owner = builtin.index[item.parent]
        assert owner.is_leaf and item in owner.data_items
        assert item.code in owner.formula.names, item.code


def test_cross_field_rules_catch_the_impossible_combinations(builtin):
    """Every numerator ≤ its denominator and every part ≤ its whole (errors); the people
    counted by residence fit in the resident population (warnings)."""
    rules = {(r.left.names, r.operator, r.right.names if r.right else ()): r
             for r in builtin.rules}

    def rule(left: str, op: str, right: str):
        return rules.get(((left,), op, (right,)))

    shares = 0
    for rate in (builtin.index[c] for c in builtin.calculation_order):
        share = re.fullmatch(r"(\w+) / (\w+) \* 100", rate.formula.text)
        if share and rate.unit and rate.unit.zh == "%":  # a share of a whole
            found = rule(share[1], "<=", share[2])
            assert found and found.severity == "error", rate.code
            shares += 1
    assert shares >= 10
    chain = [rule("EDU03B", "<=", "EDU03A"), rule("EDU03A", "<=", "EDU01B"),
             rule("EDU01B", "<=", "EDU01A"), rule("EDU01D", "<=", "EDU01A")]
    assert all(r and r.severity == "error" for r in chain)  # migrant ≤ enrolled ≤ school-age
    for left in ("INS01A", "INS02A", "HEA03A", "HEA03E", "HEA05A"):  # ≤ resident population
        assert any(r.left.names == (left,) and r.right and "HEA03D" in r.right.names
                   for r in builtin.rules), left
    pairs = [r for r in builtin.rules if r.operator == "compulsory_pair"]
    assert pairs and all(r.severity == "error" for r in pairs)
    assert {r.severity for r in builtin.rules if r.right and "HEA03D" in r.right.names
            and r.right.text != "HEA03D"} == {"warning"}  # shares of the population


def test_the_seeds_figures_stay_county_targets_or_context(builtin):
    """The figures the Xinhua report gives stay where they were: targets of the county
    indicators, or the county's figure in a definition."""
    ind = builtin.index
    assert (ind["HEA01A"].target, ind["HEA01B"].target, ind["HEA01C"].target) == (7, 2, 14450)
    assert (ind["HEA02A"].target, ind["HEA02B"].target) == (17, 18)
    assert ind["SOC01B"].target == 155 and ind["EMP02"].target == 95
    text = " ".join(i.definition.zh for i in builtin.walk() if i.definition)
    for figure in ("97.1%", "0.272", "0.288", "95.79%", "96.4%", "98.32%", "98.11%", "2.92%",
                   "2.58%", "19%", "155 项", "56 项", "92 座", "128 公里", "1200 公里", "7 个",
                   "2 家", "17 家", "18 项", "1.445 亿元", "95% 以上"):
        assert figure in text, figure


def test_domain_md_figures_are_present(builtin):
    names = " ".join(i.name.zh for i in builtin.walk())
    for word in ("入学率", "巩固率", "随迁子女", "标准化学校", "校际差异系数", "竞聘上岗", "失业率",
                 "就业率", "医疗保险", "养老保险", "综合文化站", "文化礼堂", "危桥", "供水管网",
                 "公交", "污水", "医共体", "购买服务"):
        assert word in names, word
    county_only = [i for i in builtin.walk() if i.applies_to == {"department"}]
    assert any("医共体" in i.name.zh for i in county_only)


def test_leaves_are_documented_in_both_languages(builtin):
    for leaf in builtin.leaves("town") + builtin.leaves("department"):
        assert leaf.definition and len(leaf.definition.zh) >= 10 and leaf.definition.en
        assert leaf.source and leaf.lead_unit
        assert leaf.name.en != leaf.name.zh


def test_year_lookup_uses_the_builtin_files():
    assert builtin_catalogue_paths()
    assert catalogue_for_year(2019).id == "haiyan-2019"
    assert catalogue_for_year(1999) is None
    assert load_catalogue(builtin_catalogue_paths()[0]).sha256
