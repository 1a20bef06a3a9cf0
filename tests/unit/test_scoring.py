"""Scores computed by hand on tests/fixtures/catalogues/scoring.yaml (see its header)."""

from __future__ import annotations

import pytest

from haiyan_desktop.scoring import MISSING, NOT_APPLICABLE, SCORED, UNSCORED, attainment, score
from haiyan_desktop.validation import Entry, check_submission


def _score(catalogue, raw: dict[str, object], na=(), kind=None):
    entries = {code: Entry(value, "说明" if code in na else "", code in na)
               for code, value in raw.items()}
    checked = check_submission(catalogue, entries, kind)
    return checked, score(catalogue, checked.values, checked.na, kind)


FULL = {"A01": "90", "A02A": "200", "A02B": "190", "A02D": "4", "B01": "0.4", "B02": "是",
        "B03": "中"}


def test_every_direction_and_nested_weights(scoring_catalogue):
    checked, report = _score(scoring_catalogue, FULL)
    assert checked.errors == []
    leaves = report.leaves
    assert leaves["A01"].attainment == pytest.approx(0.9)  # higher: 90 / 100
    assert leaves["A02C"].actual == pytest.approx(95.0)  # 190 / 200 * 100, calculated
    assert leaves["A02C"].attainment == pytest.approx(0.95)
    assert leaves["A02D"].attainment == pytest.approx(0.75)  # lower: 3 / 4
    assert leaves["B01"].attainment == 1.0  # threshold: 0.4 <= 0.5
    assert leaves["B02"].attainment == 1.0  # yes/no
    assert leaves["B03"].attainment == 0.5  # choice "中" scores 0.5
    # A02 = 0.6*0.95 + 0.4*0.75 = 0.87; A = 0.5*0.9 + 0.5*0.87 = 0.885
    # B = (30*1 + 20*1 + 30*0.5) / 80 = 0.8125 (B04 applies to departments only)
    assert report.domain("A").score == pytest.approx(88.5)
    assert report.domain("B").score == pytest.approx(81.25)
    assert report.overall == pytest.approx(60 * 0.885 + 40 * 0.8125)  # 85.6
    assert report.overall_rounded == 85.6


def test_contributions_add_up_to_the_total(scoring_catalogue):
    _, report = _score(scoring_catalogue, FULL)
    assert sum(leaf.contribution for leaf in report.leaves.values()) == pytest.approx(
        report.overall)
    # A01's share of the whole: domain A 60 % x A01 50 % = 30 %, at 0.9 -> 27 points
    assert report.leaves["A01"].weight == pytest.approx(0.30)
    assert report.leaves["A01"].contribution == pytest.approx(27.0)
    assert report.leaves["A02A"].status == UNSCORED
    assert report.leaves["A02A"].contribution == 0


def test_not_applicable_leaves_the_weighting_and_missing_scores_zero(scoring_catalogue):
    raw = dict(FULL, B01="0.6", B02="否")
    del raw["B03"]
    checked, report = _score(scoring_catalogue, raw, na={"A02D"})
    # A02 = A02C alone = 0.95; A = 0.5*0.9 + 0.5*0.95 = 0.925
    assert report.leaves["A02D"].status == NOT_APPLICABLE
    assert report.domain("A").score == pytest.approx(92.5)
    # B01 fails its threshold, B02 is "no", B03 is missing: all 0
    assert report.leaves["B01"].attainment == 0.0
    assert report.leaves["B03"].status == MISSING
    assert report.missing == ["B03"]
    assert report.domain("B").score == pytest.approx(0.0)
    assert report.overall == pytest.approx(60 * 0.925)
    assert any(p.code == "B03" and p.rule == "required" for p in checked.errors)


def test_department_sees_only_its_indicators(scoring_catalogue):
    _, report = _score(scoring_catalogue, {"B04": "500"}, kind="department")
    assert report.domain("A").attainment is None  # nothing in A applies: A leaves the weighting
    assert report.domain("B").score == pytest.approx(50.0)
    assert report.overall == pytest.approx(50.0)
    assert set(report.leaves) == {"B04"}


def test_an_empty_submission_scores_zero(scoring_catalogue):
    _, report = _score(scoring_catalogue, {})
    assert report.overall == 0.0
    assert set(report.missing) == {"A01", "A02C", "A02D", "B01", "B02", "B03"}


@pytest.mark.parametrize(
    ("code", "value", "expected"),
    [
        ("A01", 120.0, 1.0),  # higher is capped at 1
        ("A01", 0.0, 0.0),
        ("A02D", 0.0, 1.0),  # lower: zero unemployment is full attainment
        ("A02D", 1.5, 1.0),  # lower: below target is capped at 1
        ("A02D", 6.0, 0.5),
        ("B01", 0.5, 1.0),  # threshold holds at equality (<=)
        ("B01", 0.501, 0.0),
        ("B02", False, 0.0),
        ("B03", "poor", 0.0),
        ("B03", "unknown", 0.0),
    ],
)
def test_attainment_edges(scoring_catalogue, code, value, expected):
    assert attainment(scoring_catalogue.index[code], value) == pytest.approx(expected)


def test_score_json_is_explainable(scoring_catalogue):
    _, report = _score(scoring_catalogue, FULL)
    data = report.to_json("en")
    a01 = next(i for i in data["indicators"] if i["code"] == "A01")
    assert a01 == {"code": "A01", "name": "A one", "status": SCORED, "actual": 90.0,
                   "target": 100.0, "direction": "higher", "attainment": 0.9, "weight": 30.0,
                   "contribution": 27.0}
    assert [d["code"] for d in data["domains"]] == ["A", "B"]
    assert data["overall"] == 85.6
