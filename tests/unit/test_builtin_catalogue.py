"""The built-in sample catalogue meets what the county's indicator system requires."""

from __future__ import annotations

from collections import Counter

from haiyan_desktop.catalogue import builtin_catalogue_paths, catalogue_for_year, load_catalogue

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


def test_every_rate_is_computed_from_entered_inputs(builtin):
    for code in builtin.calculation_order:
        rate = builtin.index[code]
        for name in rate.formula.names:
            used = builtin.index[name]
            assert not used.is_calculated and used.weight == 0, (code, name)


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
