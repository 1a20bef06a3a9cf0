"""The validation engine: field checks, calculated indicators, cross-field rules, comments."""

from __future__ import annotations

import pytest

from haiyan_desktop.catalogue import expressions
from haiyan_desktop.catalogue.model import Rule
from haiyan_desktop.messages import Bilingual
from haiyan_desktop.validation import Entry, check_field, check_submission
from haiyan_desktop.validation.rules import rule_violated

GOOD = {"A01": Entry("95"), "A02A": Entry("200"), "A02B": Entry("190"), "A02D": Entry("2.5"),
        "B01": Entry("0.3"), "B02": Entry("是"), "B03": Entry("优")}


def rules_of(result):
    return {(p.code, p.rule, p.severity) for p in result.problems}


def test_a_complete_good_submission_passes(scoring_catalogue):
    result = check_submission(scoring_catalogue, GOOD)
    assert result.problems == []
    assert result.passed
    assert result.values["A02C"] == 95.0  # calculated, rounded to the indicator's decimals


def test_hard_range_is_an_error_and_the_value_is_not_kept(scoring_catalogue):
    a01 = scoring_catalogue.index["A01"]
    result = check_field(a01, Entry("100.5"))
    assert [(p.rule, p.severity) for p in result.problems] == [("max", "error")]
    assert result.value is None
    assert "100" in result.problems[0].message.zh
    result = check_field(scoring_catalogue.index["A02A"], Entry("-3"))
    assert [p.rule for p in result.problems] == ["min"]


def test_expected_range_is_a_warning_that_a_comment_answers(scoring_catalogue):
    a01 = scoring_catalogue.index["A01"]
    bare = check_field(a01, Entry("70"))
    assert [(p.rule, p.severity, p.commented) for p in bare.problems] == [
        ("expected_range", "warning", False)]
    assert bare.value == 70.0  # a warning keeps the value
    explained = check_field(a01, Entry("70", comment="当年新建学校，生源未满"))
    assert explained.problems[0].commented
    assert not explained.problems[0].is_open


def test_uncommented_warning_blocks_the_submission(scoring_catalogue):
    result = check_submission(scoring_catalogue, dict(GOOD, A01=Entry("70")))
    assert not result.passed and result.errors == []
    assert [p.code for p in result.open_warnings] == ["A01", "A01"]  # range + rule R3
    commented = check_submission(scoring_catalogue, dict(GOOD, A01=Entry("70", "说明")))
    assert commented.passed


def test_year_over_year_change_warning(scoring_catalogue):
    a01 = scoring_catalogue.index["A01"]  # max_change 0.2
    assert check_field(a01, Entry("95"), previous=90).problems == []
    jump = check_field(a01, Entry("95"), previous=70)
    assert [p.rule for p in jump.problems] == ["max_change"]
    assert "+35.7" in jump.problems[0].message.zh and "70.00" in jump.problems[0].message.en


def test_required_and_not_applicable(scoring_catalogue):
    a02d = scoring_catalogue.index["A02D"]  # allow_na
    assert [p.rule for p in check_field(a02d, Entry("")).problems] == ["required"]
    assert [p.rule for p in check_field(a02d, Entry(na=True)).problems] == ["na_comment"]
    ok = check_field(a02d, Entry(na=True, comment="本街道无农村人口"))
    assert ok.problems == [] and ok.na
    a01 = scoring_catalogue.index["A01"]  # does not allow NA
    assert [p.rule for p in check_field(a01, Entry(na=True, comment="x")).problems] == [
        "na_not_allowed"]


def test_type_errors_carry_the_raw_value(scoring_catalogue):
    result = check_field(scoring_catalogue.index["A01"], Entry("９８．３２５"))
    assert [(p.rule, p.value) for p in result.problems] == [("type", "９８．３２５")]


def test_calculated_indicator(scoring_catalogue):
    result = check_submission(scoring_catalogue, dict(GOOD, A02A=Entry("0"), A02B=Entry("0")))
    assert ("A02C", "formula", "error") in rules_of(result)
    assert "A02C" not in result.values
    over = check_submission(scoring_catalogue, dict(GOOD, A02B=Entry("250")))
    assert ("A02C", "max", "error") in rules_of(over)  # 125 % is outside 0–100
    assert ("A02B", "R1", "error") in rules_of(over)
    # a value typed for a calculated indicator is ignored: the formula decides
    typed = check_submission(scoring_catalogue, dict(GOOD, A02C=Entry("12")))
    assert typed.values["A02C"] == 95.0


def test_compulsory_pair_and_missing_strategy(scoring_catalogue):
    only_one = dict(GOOD)
    del only_one["A02B"]
    result = check_submission(scoring_catalogue, only_one)
    assert ("A02A", "R2", "error") in rules_of(result)
    # R1 (A02B <= A02A) skips when a value is missing: no R1 problem
    assert not any(p.rule == "R1" for p in result.problems)


def test_unknown_codes_and_indicators_of_other_units(scoring_catalogue):
    result = check_submission(scoring_catalogue, dict(GOOD, ZZ99=Entry("1"), B04=Entry("5")))
    assert ("ZZ99", "unknown_code", "error") in rules_of(result)
    assert ("B04", "not_for_unit", "error") in rules_of(result)
    dept = check_submission(scoring_catalogue, {"B04": Entry("5")}, kind="department")
    assert dept.values == {"B04": 5.0}


def test_problem_json_names_code_rule_value_message(scoring_catalogue):
    result = check_submission(scoring_catalogue, dict(GOOD, A01=Entry("70")))
    data = result.warnings[0].to_json("en")
    assert data == {"code": "A01", "rule": "expected_range", "severity": "warning",
                    "value": "70.00", "message": data["message"], "commented": False}
    assert "usual range" in data["message"]


def _rule(left: str, op: str, right: str | None = None, missing: str = "skip_if_any_missing"):
    return Rule("T", expressions.parse(left), op, expressions.parse(right) if right else None,
                "error", missing, Bilingual("测", "t"))


@pytest.mark.parametrize(
    ("op", "a", "b", "violated"),
    [("<=", 1, 2, False), ("<=", 2, 2, False), ("<=", 3, 2, True),
     ("<", 2, 2, True), ("<", 1, 2, False),
     ("==", 2, 2, False), ("==", 2, 3, True),
     (">=", 2, 2, False), (">=", 1, 2, True),
     (">", 3, 2, False), (">", 2, 2, True),
     ("!=", 2, 2, True), ("!=", 2, 3, False)],
)
def test_comparison_operators(op, a, b, violated):
    assert rule_violated(_rule("A", op, "B"), {"A": a, "B": b}, {"A", "B"}) is violated


def test_missing_value_strategies():
    values = {"A": 5.0, "B": None}
    assert not rule_violated(_rule("A", "<=", "B", "skip_if_any_missing"), values, {"A"})
    # missing counts as 0 once at least one value is there: 5 <= 0 fails
    assert rule_violated(_rule("A", "<=", "B", "skip_if_all_missing"), values, {"A"})
    assert not rule_violated(_rule("A", "<=", "B", "skip_if_all_missing"),
                             {"A": None, "B": None}, set())
    assert rule_violated(_rule("A", ">", "B", "never_skip"), {"A": None, "B": None}, set())


def test_pair_operators():
    compulsory = _rule("A + B", "compulsory_pair")
    assert rule_violated(compulsory, {"A": 1.0}, {"A"})
    assert not rule_violated(compulsory, {"A": 1.0, "B": 2.0}, {"A", "B"})
    assert not rule_violated(compulsory, {}, set())
    exclusive = _rule("A + B", "exclusive_pair")
    assert rule_violated(exclusive, {"A": 1.0, "B": 2.0}, {"A", "B"})
    assert not rule_violated(exclusive, {"A": 1.0}, {"A"})
