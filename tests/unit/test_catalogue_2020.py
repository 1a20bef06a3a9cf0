"""The 2020 sample catalogue: the 2019 one with a year's realistic changes.

What changed is written out by hand below and compared with `catalogue diff`; a 2020
submission of a store that holds the unit's 2019 values shows last year's value across the
renamed codes, and the ``max_change`` warning is measured against it.
"""

from __future__ import annotations

import json

import pytest

from haiyan_desktop.catalogue import (
    available_years,
    builtin_catalogue_paths,
    catalogue_for_year,
    default_catalogue,
    load_catalogue,
)
from haiyan_desktop.catalogue.diff import diff_catalogues
from haiyan_desktop.demo_model import unit_entries
from haiyan_desktop.session import EntrySession
from haiyan_desktop.store import Store
from haiyan_desktop.validation import Entry
from tests.conftest import ROOT

OLD = ROOT / "resources" / "catalogues" / "haiyan-2019.yaml"
NEW = ROOT / "resources" / "catalogues" / "haiyan-2020.yaml"
UNIT = "shendang"


@pytest.fixture(scope="module")
def new():
    return load_catalogue(NEW)


# --- the file --------------------------------------------------------------------------------
def test_the_2020_catalogue_is_valid_with_the_same_framework(new, cli):
    result = cli("catalogue", "check", str(NEW))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (new.id, new.version, new.years) == ("haiyan-2020", "2020.1", (2020,))
    assert (len(new.domains), new.first_level_count, new.second_level_count) == (8, 41, 60)
    assert (new.data_item_count, len(new.rules)) == (39, 35)
    assert "（2020 年版）" in new.title.zh and "2020 edition" in new.title.en


def test_each_year_has_its_built_in_catalogue(new):
    assert [p.name for p in builtin_catalogue_paths()] == ["haiyan-2019.yaml",
                                                           "haiyan-2020.yaml"]
    assert available_years() == [2018, 2019, 2020]
    assert catalogue_for_year(2018).id == catalogue_for_year(2019).id == "haiyan-2019"
    assert catalogue_for_year(2020).sha256 == new.sha256
    assert catalogue_for_year(2021) is None
    assert default_catalogue().id == "haiyan-2019"  # the sample the demo and tests start from


# --- what changed, by hand -------------------------------------------------------------------
TITLE = "海盐县基本公共服务均等化实现度评价指标体系（{}年版）"
TITLE_EN = ("Haiyan County Realization Degree of Equalized Basic Public Services: Indicator "
            "System ({} edition)")
TRAINING_DEF = (
    "EMP04A 所列劳动者当年参加经人力社保部门备案的职业技能培训、创业培训（含农村劳动力转移培训）"
    "并结业的人次，{}同一人参加不同项目分别计算。新居民参训另行统计，不计入本项，以与分母口径一致。"
    "以浙江省职业技能培训管理系统结业记录为准。")
TRAINING_DEF_EN = (
    "Completions during the year, by the workers in EMP04A, of vocational-skills or "
    "entrepreneurship training filed with the HR and social-security authority (including rural "
    "labour-transfer training){}; one person in two programmes counts twice. Training of new "
    "residents is counted elsewhere, not here, to match the denominator. Per the completion "
    "records of the Zhejiang vocational training system.")
ONLINE = "自 2020 年起含经备案、完成规定学时并通过线上考核的线上培训，"
ONLINE_EN = (", from 2020 on including filed online courses whose hours and online assessment "
             "were completed")
RATE_DEF = ("由 {b} ÷ EMP04A × 1000 自动计算，保留一位小数，不需填写；"
            "按劳动力规模折算，大镇小镇可比。{extra}全县数值按 Σ {b} ÷ Σ EMP04A × 1000 计算。")
RATE_EXTRA = "自 2020 年起含线上培训（接续 2019 年版 EMP04C，上年数值不含线上培训）。"
RATE_DEF_EN = ("Calculated as {b} ÷ EMP04A × 1000, one decimal; not entered. Scaled by the labour "
               "force so large and small towns compare. {extra}County figure: Σ {b} ÷ Σ EMP04A "
               "× 1000.")
RATE_EXTRA_EN = ("Online courses count from 2020 on (continues EMP04C of the 2019 edition, whose "
                 "figures did not include them). ")

EXPECTED = {
    ("setting", "changed", "haiyan-2020", None): {
        "id": ("haiyan-2019", "haiyan-2020"),
        "version": ("2019.1", "2020.1"),
        "title": (TITLE.format("2019 "), TITLE.format("2020 ")),
        "title_en": (TITLE_EN.format(2019), TITLE_EN.format(2020)),
        "years": ([2018, 2019], [2020]),
    },
    # 1. a target raised
    ("indicator", "changed", "EDU05", None): {"target": (97.0, 98.0)},
    # 2. vocational training counts online courses from 2020: new codes, replaces: old ones
    ("data_item", "changed", "EMP04A", None): {"parent": ("EMP04C", "EMP04F")},
    ("data_item", "renamed", "EMP04E", "EMP04B"): {
        "name": ("当年职业技能培训结业人次", "当年职业技能培训结业人次（含线上培训）"),
        "name_en": ("Vocational training completions during the year",
                    "Vocational training completions during the year (online courses "
                    "included)"),
        "definition": (TRAINING_DEF.format(""), TRAINING_DEF.format(ONLINE)),
        "definition_en": (TRAINING_DEF_EN.format(""), TRAINING_DEF_EN.format(ONLINE_EN)),
        "parent": ("EMP04C", "EMP04F"),
    },
    ("indicator", "renamed", "EMP04F", "EMP04C"): {
        "name": ("每千名劳动力职业技能培训人次", "每千名劳动力职业技能培训人次（含线上培训）"),
        "name_en": ("Vocational training completions per 1,000 workers",
                    "Vocational training completions per 1,000 workers (online courses "
                    "included)"),
        "definition": (RATE_DEF.format(b="EMP04B", extra=""),
                       RATE_DEF.format(b="EMP04E", extra=RATE_EXTRA)),
        "definition_en": (RATE_DEF_EN.format(b="EMP04B", extra=""),
                          RATE_DEF_EN.format(b="EMP04E", extra=RATE_EXTRA_EN)),
        "formula": ("EMP04B / EMP04A * 1000", "EMP04E / EMP04A * 1000"),
        "source": ("根据 EMP04A、EMP04B 自动计算", "根据 EMP04A、EMP04E 自动计算"),
        "source_en": ("Calculated from EMP04A and EMP04B", "Calculated from EMP04A and EMP04E"),
    },
    # 3. one retired and 4. one added in its place (same weight), the parent's text with them
    ("indicator", "changed", "HEA04", None): {
        "definition": ("村（社区）卫生服务站规范化建设和镇（街道）卫生院"
                       "接入县级医疗资源共享中心的情况。",
                       "村（社区）卫生服务站规范化建设和镇（街道）卫生院发热哨点诊室设置的情况。"),
        "definition_en": ("Village and community health stations built to standard, and the "
                          "township health centre linked to the county's resource-sharing "
                          "centres.",
                          "Village and community health stations built to standard, and the "
                          "fever sentinel clinic of the township health centre."),
    },
    ("indicator", "added", "HEA04C", None): {},
    ("indicator", "removed", "HEA04B", None): {},
}


def listed(changes):
    return {(c["kind"], c["status"], c["code"], c.get("old_code")):
            {f["field"]: (f["old"], f["new"]) for f in c["fields"]} for c in changes}


def test_the_changes_of_2020_are_the_ones_written_by_hand(builtin, new):
    result = diff_catalogues(builtin, new)
    assert listed([c.to_json() for c in result.changes]) == EXPECTED
    assert result.to_json()["summary"] == {"added": 1, "removed": 1, "renamed": 2,
                                           "changed": 4}
    added = new.index["HEA04C"]
    assert (added.weight, added.type, added.target, added.lead) == (40, "yesno", True,
                                                                     "health_bureau")


def test_the_command_lists_the_same_changes(cli):
    result = cli("catalogue", "diff", str(OLD), str(NEW), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["old"]["id"], data["new"]["id"]) == ("haiyan-2019", "haiyan-2020")
    assert listed(data["changes"]) == EXPECTED


# --- last year's value across the renamed codes ----------------------------------------------
@pytest.fixture
def store(tmp_path, builtin):
    """A real store with 沈荡镇's 2019 values and an empty 2020 submission."""
    with Store(tmp_path, actor="张三") as store:
        unit = builtin.unit(UNIT)
        last = store.open_submission(builtin, UNIT, 2019)
        store.set_values(last, unit_entries(builtin, unit, 2019))
        store.open_submission(catalogue_for_year(2020), UNIT, 2020)
        yield store


def test_a_2020_submission_shows_2019_values_across_the_renamed_codes(store):
    sub = store.submission(UNIT, 2020)
    assert store.catalogue(sub.catalogue_sha256).id == "haiyan-2020"
    before = store.assess(store.submission(UNIT, 2019)).check.values
    previous = store.previous_values(sub)
    assert previous["EMP04E"] == before["EMP04B"]  # a data item renamed
    assert previous["EMP04F"] == before["EMP04C"]  # the rate calculated from it
    assert previous["EMP04A"] == before["EMP04A"]  # a code kept
    session = EntrySession(store, sub)
    assert session.row("EMP04E").last_year == f"{before['EMP04B']:.0f}"
    assert session.row("EMP04F").last_year == f"{before['EMP04C']:.1f}"


def test_max_change_is_measured_against_last_years_value_under_the_old_code(store, builtin):
    sub = store.submission(UNIT, 2020)
    last = store.assess(store.submission(UNIT, 2019)).check.values["EMP04B"]
    limit = builtin.index["EMP04B"].max_change
    session = EntrySession(store, sub)
    session.apply("EMP04A", Entry(f"{store.previous_values(sub)['EMP04A']:.0f}"))
    # online courses counted for the first time: more than half as much again
    jump = round(last * (1 + limit) + 200)
    assert session.apply("EMP04E", Entry(str(jump))).accepted
    row = session.row("EMP04E")
    assert row.status == "warning"
    assert any(f"{last:.0f}" in m for m in row.messages)  # names last year's figure
    assert row.change.startswith("+")
    session.apply("EMP04E", Entry(str(round(last * 1.1))))  # within the usual change
    assert session.row("EMP04E").status != "warning"
