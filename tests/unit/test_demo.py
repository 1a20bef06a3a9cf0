"""Demo data: 9 townships and 11 departments × 2 years in its own database, marked as sample
data, every figure from the unit's model (tests/unit/test_demo_model.py checks the model
itself)."""

from __future__ import annotations

import pytest

from haiyan_desktop.demo import DEMO_YEARS, UNFINISHED_DOMAINS, UNFINISHED_UNIT, build_demo
from haiyan_desktop.demo_model import EXPLAINED, NO_HOUSES_LEFT
from haiyan_desktop.store import Store
from tests.conftest import DEMO_SUBMISSIONS


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Every demo submission with its check (last year's values as the store gives them)."""
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder)
    with Store(folder, demo=True, write=False) as store:
        subs = store.submissions()
        catalogue = store.catalogue(subs[0].catalogue_sha256)
        assessed = {(s.unit.code, s.year): (s, store.assess(s), store.entries(s),
                                            store.status(s), store.verify_audit(s))
                    for s in subs}
    return folder, catalogue, assessed


def test_demo_fills_its_own_database(demo):
    folder, catalogue, assessed = demo
    assert (folder / "demo.sqlite").is_file()
    assert not (folder / "haiyan.sqlite").exists()  # never mixes with real data
    assert {unit for unit, _ in assessed} == {
        "wuyuan", "xitangqiao", "wanghai", "qinshan", "shendang", "baibu", "yucheng", "ganpu",
        "tongyuan", *(u.code for u in catalogue.units if u.kind == "department")}
    assert {year for _, year in assessed} == set(DEMO_YEARS)
    assert {"checked", "draft"} <= {sub.state for sub, *_ in assessed.values()}
    assert all(status.demo for *_, status, _audit in assessed.values())
    assert all(audit == [] for *_, audit in assessed.values())


def test_demo_is_rebuilt_not_appended(tmp_path):
    build_demo(tmp_path)
    build_demo(tmp_path)
    with Store(tmp_path, demo=True, write=False) as store:
        assert len(store.submissions()) == DEMO_SUBMISSIONS == 40


def test_every_unit_and_year_passes_every_rule(demo):
    """No error of any kind (a rule, a range, a pair): only the unfinished unit misses
    values, and every other submission is complete."""
    _folder, catalogue, assessed = demo
    for (unit, year), (_sub, result, _entries, status, _audit) in assessed.items():
        errors = [p for p in result.check.errors if p.rule != "required"]
        assert errors == [], (unit, year, errors)
        if (unit, year) != (UNFINISHED_UNIT, DEMO_YEARS[-1]):
            assert result.check.errors == [] and result.score.missing == [], (unit, year)
            assert status.filled == status.total
    rules = {r.id for r in catalogue.rules}
    broken = {(unit, year, p.rule) for (unit, year), (_s, result, *_) in assessed.items()
              for p in result.check.problems if p.rule in rules and p.is_error}
    assert broken == set()


def test_warnings_are_explained_by_the_units_own_story(demo):
    """Every warning carries the comment the model gives that unusual figure; there are a
    few, on the drafts the reports show (西塘桥街道, 百步镇) and elsewhere."""
    _folder, _catalogue, assessed = demo
    comments = {u.comment for unusual in EXPLAINED.values() for u in unusual}
    commented = []
    for (unit, year), (_sub, result, entries, _status, _audit) in assessed.items():
        assert result.check.open_warnings == [], (unit, year)
        for problem in result.check.warnings:
            assert entries[problem.code].comment in comments, (unit, year, problem.code)
            commented.append((unit, year, problem.code))
    assert len(commented) >= 3
    assert {unit for unit, *_ in commented} >= {"xitangqiao", "baibu"}
    # not applicable where a unit truly has none, with the reason
    na = {(unit, year, code): e.comment for (unit, year), (_s, _r, entries, *_) in assessed.items()
          for code, e in entries.items() if e.na}
    assert na and set(na.values()) == {NO_HOUSES_LEFT}


def test_one_unit_is_unfinished_in_whole_domains(demo):
    _folder, catalogue, assessed = demo
    sub, result, entries, status, _audit = assessed[UNFINISHED_UNIT, DEMO_YEARS[-1]]
    assert sub.state == "draft"
    assert status.filled < status.total and result.score.missing
    missing = {catalogue.index[c].domain for c in result.score.missing}
    assert missing == set(UNFINISHED_DOMAINS)  # what it waits for, nothing else
    assert not {catalogue.index[c].domain for c in entries} & set(UNFINISHED_DOMAINS)
    # about a third of what the unit enters is still empty
    entered = [i for i in catalogue.leaves(sub.unit.scope) if not i.is_calculated]
    empty = [i for i in entered if i.domain in UNFINISHED_DOMAINS]
    assert 0.2 <= len(empty) / len(entered) <= 0.45
    last_year = assessed[UNFINISHED_UNIT, DEMO_YEARS[0]]
    assert last_year[0].state == "checked" and last_year[1].score.missing == []


def test_each_department_holds_only_the_indicators_it_leads(demo):
    _folder, catalogue, assessed = demo
    departments = [u for u in catalogue.units if u.kind == "department"]
    assert len(departments) == 11
    for unit in departments:
        for year in DEMO_YEARS:
            _sub, result, entries, status, _audit = assessed[unit.code, year]
            led = {i.code for i in catalogue.leaves(unit.scope)}
            assert entries and set(entries) <= led, (unit.code, year)
            assert status.filled == status.total and result.score.missing == []
            assert result.score.overall is not None and result.score.overall > 80
