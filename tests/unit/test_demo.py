"""Demo data: 9 townships × 2 years in its own database, marked as sample data."""

from __future__ import annotations

from haiyan_desktop.demo import DEMO_YEARS, UNFINISHED_UNIT, WARNING_COMMENT, build_demo
from haiyan_desktop.store import Store


def test_demo_fills_its_own_database(tmp_path):
    path = build_demo(tmp_path)
    assert path.name == "demo.sqlite"
    assert not (tmp_path / "haiyan.sqlite").exists()  # never mixes with real data
    with Store(tmp_path, demo=True, write=False) as store:
        subs = store.submissions()
        assert store.is_demo
        assert len({s.unit.code for s in subs}) == 9 and {s.year for s in subs} == set(
            DEMO_YEARS)
        states = {s.state for s in subs}
        assert {"checked", "draft"} <= states
        statuses = {(s.unit.code, s.year): store.status(s) for s in subs}
        unfinished = statuses[(UNFINISHED_UNIT, DEMO_YEARS[-1])]
        assert unfinished.filled < unfinished.total and unfinished.score.missing
        commented = [p for s in subs for p in store.assess(s).check.warnings if p.commented]
        assert len(commented) >= 3
        assert all(not store.assess(s).check.open_warnings for s in subs)
        comments = {v.comment for s in subs for v in store.values(s).values()}
        assert WARNING_COMMENT in comments
        assert all(store.verify_audit(s) == [] for s in subs)
        assert all(st.demo for st in statuses.values())


def test_demo_is_rebuilt_not_appended(tmp_path):
    build_demo(tmp_path)
    build_demo(tmp_path)
    with Store(tmp_path, demo=True, write=False) as store:
        assert len(store.submissions()) == 18


def test_demo_submissions_have_no_errors(tmp_path):
    build_demo(tmp_path)
    with Store(tmp_path, demo=True, write=False) as store:
        for sub in store.submissions():
            errors = [p for p in store.assess(sub).check.errors if p.rule != "required"]
            assert errors == [], (sub.unit.code, sub.year)
