"""Broken catalogues: every mistake is reported at once, with its file, line, code and field.

Each file in tests/fixtures/catalogues/broken/ is a copy of valid-small.yaml with a few
deliberate mistakes, marked "MISTAKE" in the file. For each one the test lists exactly the
problems the loader must report: (message key, code, field, line). A line is given as the text
found on it, so the expectations read like the fixture and survive edits elsewhere in the file.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from haiyan_desktop.catalogue import (
    Catalogue,
    CatalogueError,
    CatalogueProblem,
    load_catalogue,
    parse_catalogue,
)
from haiyan_desktop.messages import MESSAGES

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CATALOGUES = HERE.parent / "fixtures" / "catalogues"
VALID = CATALOGUES / "valid-small.yaml"
BROKEN = CATALOGUES / "broken"


@dataclass(frozen=True)
class Expect:
    """One problem the loader must report."""

    key: str  # message key, e.g. "cat.unknown_field"
    code: str | None  # indicator / unit / rule code the problem is about
    field: str | None
    at: str  # text of the line it must point to (see line_of)
    params: tuple[tuple[str, object], ...] = ()  # message parameters that must match


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the one line of ``path`` that is ``text`` (indentation aside),
    else that is ``text`` followed by a comment, else that contains ``text``. Fails when the
    first of these that finds anything finds several lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if line.strip() == text]
    found = found or [n for n, line in enumerate(lines, 1) if line.split(" #")[0].strip() == text]
    found = found or [n for n, line in enumerate(lines, 1) if text in line]
    assert len(found) == 1, f"{text!r} is on lines {found} of {path.name}, expected one"
    return found[0]


def problems_of(path: Path) -> list[CatalogueProblem]:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    assert caught.value.problems, "CatalogueError without problems"
    return caught.value.problems


def as_tuples(problems: list[CatalogueProblem]) -> list[tuple[str, str | None, str | None, int]]:
    return sorted(((p.message.key, p.code, p.field, p.line) for p in problems),
                  key=lambda t: (t[3], t[0], str(t[1]), str(t[2])))


# --- what each broken file must report -------------------------------------------------------
CASES: dict[str, list[Expect]] = {
    "unknown-field": [
        Expect("cat.unknown_field", "EDU02", "wieght", "wieght: 30"),
        Expect("cat.missing_field", "EDU02", "weight", "- code: EDU02", (("field", "weight"),)),
        Expect("cat.unknown_field", "baibu", "colour", "colour: blue"),
    ],
    "duplicate-code": [
        Expect("cat.duplicate_code", "EDU02", "code", "- code: EDU02  # MISTAKE",
               (("code", "EDU02"), ("first_line", "@- code: EDU02"))),
        Expect("cat.duplicate_code", "wuyuan", "code", "Baibu Town",
               (("code", "wuyuan"), ("first_line", "@Wuyuan Subdistrict"))),
        Expect("cat.duplicate_code", "R01", "code", "- id: R01  # MISTAKE",
               (("code", "R01"), ("first_line", "@- id: R01"))),
        Expect("cat.duplicate_code", "EDU03", "choices", "label_en: Inadequate",
               (("code", "B"), ("first_line", "@label_en: Adequate"))),
    ],
    "weights-not-100": [
        Expect("cat.weights_sum", None, "weight", "- code: EDU", (("total", "90"),)),
        Expect("cat.weights_sum", "EDU01", "weight", "- code: EDU01", (("total", "90"),)),
    ],
    "formula-unknown-code": [
        Expect("cat.unknown_reference", "EDU01C", "formula", "formula: EDU01B / EDU01X * 100",
               (("code", "EDU01X"),)),
    ],
    "rule-unknown-code": [
        Expect("cat.unknown_reference", "R01", "right", "right: EDU01Z", (("code", "EDU01Z"),)),
        Expect("cat.unknown_reference", "R02", "left", "left: EDU01A + EDU01Y",
               (("code", "EDU01Y"),)),
    ],
    "formula-cycle": [
        Expect("cat.formula_cycle", "EDU01C", "formula",
               "formula: EDU01B / EDU01A * 100 + EDU02 * 0",
               (("cycle", "EDU01C → EDU02 → EDU01C"),)),
    ],
    "min-above-max": [
        Expect("cat.min_above_max", "EDU02", "min", "min: 50",
               (("low", "50"), ("high", "10"), ("high_field", "max"))),
        Expect("cat.min_above_max", "EDU01A", "expected_min", "expected_min: 40",
               (("low", "40"), ("high", "20"), ("high_field", "expected_max"))),
    ],
    "target-outside-range": [
        Expect("cat.outside_range", "EDU01C", "target", "target: 120",
               (("value", "120"), ("low", "0"), ("high", "100"))),
        Expect("cat.outside_range", "EDU02", "expected_max", "expected_max: 150",
               (("value", "150"), ("high", "100"))),
    ],
    "missing-translation": [
        Expect("cat.missing_translation", "EDU02", "name_en", "name: 生师比", (("field", "name"),)),
        Expect("cat.missing_translation", "R01", "message_en",
               "message: 已入学人数不能大于适龄儿童数", (("field", "message"),)),
        Expect("cat.missing_translation", "EDU01A", "unit_en", "unit: 人  # MISTAKE",
               (("field", "unit"),)),
        Expect("cat.missing_translation", "baibu", "name_en", "name: 百步镇", (("field", "name"),)),
    ],
    "wrong-type": [
        Expect("cat.wrong_type", "EDU02", "weight", "weight: heavy", (("actual", "heavy"),)),
        Expect("cat.wrong_type", "EDU02", "decimals", "decimals: 1.5", (("actual", "1.5"),)),
        Expect("cat.wrong_type", None, "years", 'years: ["x"]', (("actual", "x"),)),
        Expect("cat.wrong_type", "HEA02", "allow_na", 'allow_na: "sometimes"'),
    ],
    "bad-enum": [
        Expect("cat.bad_enum", "EDU01C", "type", "type: percentage", (("actual", "percentage"),)),
        Expect("cat.bad_enum", "EDU02", "direction", "direction: up", (("actual", "up"),)),
        Expect("cat.bad_enum", "baibu", "kind", "kind: village", (("actual", "village"),)),
        Expect("cat.bad_enum", "R03", "severity", "severity: fatal", (("actual", "fatal"),)),
    ],
    "yaml-syntax-error": [
        Expect("cat.yaml_syntax", None, None, "name_en: Infant mortality: rate"),
    ],
    "duplicate-yaml-key": [
        Expect("cat.duplicate_key", None, "weight", "weight: 30  # MISTAKE"),
        Expect("cat.duplicate_key", None, "version", 'version: "test.2"'),
    ],
    "scored-without-target": [
        Expect("cat.scored_needs", "EDU02", "target", "- code: EDU02", (("field", "target"),)),
        Expect("cat.scored_needs", "HEA01", "direction", "- code: HEA01",
               (("field", "direction"),)),
    ],
    "direction-type-mismatch": [
        Expect("cat.direction_type", "EDU01C", "direction", "direction: yesno  # MISTAKE",
               (("direction", "yesno"), ("type", "percent"))),
        Expect("cat.direction_type", "EDU01D", "direction", "direction: higher  # MISTAKE",
               (("direction", "higher"), ("type", "yesno"))),
    ],
    "bad-expression": [
        Expect("cat.expression_syntax", "EDU01C", "formula", "formula: \"__import__"),
        Expect("cat.expression_syntax", "R01", "left", "left: EDU01B ** 2",
               (("expr", "EDU01B ** 2"),)),
        Expect("cat.expression_syntax", "R03", "left", "left: HEA01 +"),
    ],
    "several-problems": [
        Expect("cat.unknown_field", "EDU02", "expected_mx", "expected_mx: 30"),
        Expect("cat.duplicate_code", "HEA01", "code", "- code: HEA01  # MISTAKE"),
        Expect("cat.weights_sum", None, "weight", "- code: EDU", (("total", "105"),)),
        Expect("cat.unknown_reference", "EDU01C", "formula", "formula: EDU01B / EDU01Q * 100",
               (("code", "EDU01Q"),)),
        Expect("cat.bad_enum", "EDU02", "direction", "direction: down"),
        Expect("cat.missing_translation", "R02", "message_en",
               "message: 适龄儿童数与已入学人数须同时填写"),
        Expect("cat.min_above_max", "HEA01", "min", "min: 2000"),
        Expect("cat.unknown_reference", "R03", "left", "left: HEA09", (("code", "HEA09"),)),
    ],
}

BROKEN_FILES = sorted(BROKEN.glob("*.yaml"))


def test_every_broken_file_has_expectations() -> None:
    names = {p.stem for p in BROKEN_FILES}
    assert len(names) >= 14
    assert names == set(CASES), "a broken fixture without expectations, or the reverse"


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_catalogue_reports_its_mistakes(name: str) -> None:
    path = BROKEN / f"{name}.yaml"
    problems = problems_of(path)
    expected = [(e.key, e.code, e.field, line_of(path, e.at)) for e in CASES[name]]
    # Exactly the deliberate mistakes: none missing, and no noise from problems that follow
    # from them (e.g. an unreadable weight must not also make the sibling weights "wrong").
    assert as_tuples(problems) == sorted(expected, key=lambda t: (t[3], t[0], str(t[1]),
                                                                  str(t[2])))
    for e in CASES[name]:
        problem = next(p for p in problems if (p.message.key, p.code, p.field)
                       == (e.key, e.code, e.field) and p.line == line_of(path, e.at))
        params = dict(problem.message.params)
        for param, value in e.params:
            if isinstance(value, str) and value.startswith("@"):  # a line, given by its text
                value = line_of(path, value[1:])
            assert str(params[param]) == str(value), (e, params)


@pytest.mark.parametrize("path", BROKEN_FILES, ids=lambda p: p.stem)
def test_problems_render_in_both_languages(path: Path) -> None:
    for problem in problems_of(path):
        assert problem.message.key in MESSAGES
        assert problem.line > 0, problem
        assert Path(problem.file).name == path.name
        zh, en = problem.render("zh"), problem.render("en")
        assert zh != en
        for text in (zh, en):
            assert text.startswith(f"{path}:{problem.line}: "), text
            assert "{" not in text, f"unfilled placeholder in {text!r}"
        assert re.search(r"[\u4e00-\u9fff]", zh), zh  # the Chinese sentence is Chinese
        json.dumps(problem.to_json("en"), ensure_ascii=False)


def test_several_problems_are_reported_together() -> None:
    problems = problems_of(BROKEN / "several-problems.yaml")
    keys = {p.message.key for p in problems}
    assert len(keys) >= 5, keys
    assert len(problems) == len(CASES["several-problems"])
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_unknown_field_suggests_the_close_name() -> None:
    problems = {p.field: p for p in problems_of(BROKEN / "unknown-field.yaml")}
    assert "did you mean “weight”?" in problems["wieght"].render("en")
    assert "是否应为“weight”" in problems["wieght"].render("zh")
    assert "did you mean" not in problems["colour"].render("en")  # nothing close to "colour"
    assert "是否应为" not in problems["colour"].render("zh")


def test_bad_expressions_are_rejected_not_evaluated(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    problems = problems_of(BROKEN / "bad-expression.yaml")
    assert calls == []
    formula = next(p for p in problems if p.field == "formula")
    assert "__import__" in formula.render("en")


def test_yaml_syntax_error_stops_with_one_problem() -> None:
    (problem,) = problems_of(BROKEN / "yaml-syntax-error.yaml")
    assert problem.code is None and problem.field is None
    assert "YAML" in problem.render("en")


# --- the valid one ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small() -> Catalogue:
    return load_catalogue(VALID)


def test_valid_small_loads_with_expected_counts(small: Catalogue) -> None:
    assert small.id == "valid-small"
    assert small.years == (2018, 2019)
    assert [u.kind for u in small.units] == ["subdistrict", "town", "department", "department"]
    assert [(d.code, d.weight) for d in small.domains] == [("EDU", 60), ("HEA", 40)]
    assert small.first_level_count == 5
    assert small.second_level_count == 2
    assert [i.code for i in small.data_items()] == ["EDU01A", "EDU01B"]
    assert len(small.leaves()) == 7  # township units: all leaves and data items but HEA02
    assert [i.code for i in small.leaves("department")] == ["HEA02"]
    # a department is shown only what it leads
    health, education = (small.unit("health_bureau"), small.unit("edu_bureau"))
    assert [i.code for i in small.leaves(health.scope)] == ["HEA02"]
    assert small.leaves(education.scope) == []
    assert len(small.rules) == 3
    assert small.calculation_order == ["EDU01C"]
    assert len(small.sha256) == 64


def test_valid_small_covers_the_features(small: Catalogue) -> None:
    ind = small.index
    assert ind["EDU01A"].is_data_item and ind["EDU01B"].is_data_item
    assert [i.code for i in ind["EDU01C"].data_items] == ["EDU01A", "EDU01B"]
    assert ind["EDU01A"].direction is None and not ind["EDU01A"].is_scored
    assert ind["EDU01A"].lead == "edu_bureau"  # inherited from its indicator
    assert ind["EDU01C"].formula is not None
    assert ind["EDU01C"].formula.names == ("EDU01B", "EDU01A")
    assert ind["EDU01C"].formula.evaluate({"EDU01A": 200.0, "EDU01B": 190.0}) == 95.0
    assert (ind["EDU01D"].type, ind["EDU01D"].target) == ("yesno", True)
    assert ind["EDU02"].direction == "lower"
    assert [c.value for c in ind["EDU03"].choices] == ["A", "B", "C"]
    assert (ind["HEA01"].direction, ind["HEA01"].compare) == ("threshold", "<=")
    assert ind["HEA02"].allow_na and ind["HEA02"].applies_to == {"department"}
    rules = {r.id: r for r in small.rules}
    assert rules["R01"].operator == "<="
    assert rules["R02"].operator == "compulsory_pair" and rules["R02"].right is None
    assert rules["R03"].severity == "warning"


# --- the command line -------------------------------------------------------------------------
def run_check(path: Path | str, *options: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("HAIYAN_LANG", "HAIYAN_DEBUG")}
    return subprocess.run(
        [sys.executable, "-m", "haiyan_desktop.cli", "--lang", "en", "catalogue", "check",
         str(path), *options],
        capture_output=True, text=True, encoding="utf-8", cwd=REPO, env=env, timeout=120,
    )


def test_cli_check_broken_file_lists_every_place() -> None:
    path = BROKEN / "several-problems.yaml"
    shown = path.relative_to(REPO).as_posix()
    result = run_check(shown)
    assert result.returncode == 1, result.stderr
    out_lines = result.stdout.splitlines()
    assert len(out_lines) == len(CASES["several-problems"])
    for e in CASES["several-problems"]:
        assert any(line.startswith(f"{shown}:{line_of(path, e.at)}: ") for line in out_lines), e
    assert "8 problem" in result.stderr


def test_cli_check_json_lists_lines() -> None:
    path = BROKEN / "rule-unknown-code.yaml"
    result = run_check(path, "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert {(p["code"], p["field"], p["line"]) for p in data["problems"]} == {
        ("R01", "right", line_of(path, "right: EDU01Z")),
        ("R02", "left", line_of(path, "left: EDU01A + EDU01Y")),
    }


def test_cli_check_valid_file() -> None:
    result = run_check(VALID.relative_to(REPO).as_posix())
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("2 domains, 5 first-level and 2 second-level indicators, 2 data items, "
            "3 cross-field rules") in result.stdout


def test_cli_check_missing_file() -> None:
    result = run_check(CATALOGUES / "no-such-catalogue.yaml")
    assert result.returncode == 2
    assert "no-such-catalogue.yaml" in result.stderr
    assert "Traceback" not in result.stderr


# --- odd input never escapes as another exception ---------------------------------------------
VALID_TEXT = VALID.read_text(encoding="utf-8")


def edited(old: str, new: str) -> str:
    assert VALID_TEXT.count(old) == 1, old
    return VALID_TEXT.replace(old, new)


def problems_in(text: str) -> list[CatalogueProblem]:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text, "edited.yaml")
    return caught.value.problems


def test_huge_numbers_are_problems_not_crashes() -> None:
    (problem,) = problems_in(edited("        target: 15\n", "        target: " + "9" * 400 + "\n"))
    assert (problem.message.key, problem.code, problem.field) == ("cat.wrong_type", "EDU02",
                                                                  "target")
    text = edited("        target: 15\n", "        target: " + "9" * 5000 + "\n")
    (problem,) = problems_in(text)
    assert problem.message.key == "cat.yaml_syntax"
    assert problem.line == text.splitlines().index("        target: " + "9" * 5000) + 1
    formula = "formula: EDU01B / EDU01A * 100"
    (problem,) = problems_in(edited(formula, "formula: EDU01B * " + "9" * 400))
    assert (problem.message.key, problem.field) == ("cat.expression_syntax", "formula")


@pytest.mark.parametrize("formula", ["round(EDU01B, 1, 2)", "max(EDU01B)", "abs(EDU01A, 1)"])
def test_calls_that_can_never_work_are_rejected(formula: str) -> None:
    (problem,) = problems_in(edited("formula: EDU01B / EDU01A * 100", f"formula: {formula}"))
    assert (problem.message.key, problem.code, problem.field) == (
        "cat.expression_syntax", "EDU01C", "formula")


def test_control_character_is_reported_on_its_line() -> None:
    text = edited("        name_en: Pupil-teacher ratio\n", "        name_en: Pupil\x07ratio\n")
    (problem,) = problems_in(text)
    assert problem.message.key == "cat.yaml_syntax"
    assert problem.line == text.splitlines().index("        name_en: Pupil\x07ratio") + 1


def test_merge_key_override_is_not_a_duplicate() -> None:
    denominator = "              - code: EDU01A             # denominator: entered, not scored\n"
    numerator = "              - code: EDU01B             # numerator: entered, not scored\n"
    anchored = denominator.replace("- code", "- &denominator\n                code")
    text = edited(denominator, anchored)
    text = text.replace(numerator, numerator + "                <<: *denominator\n")
    catalogue = parse_catalogue(text, "merge.yaml")  # own keys override the merged ones
    assert catalogue.index["EDU01B"].name.en == "Enrolled children"
    assert catalogue.index["EDU01B"].max == 50000  # merged from EDU01A
    again = text.replace("                <<: *denominator\n",
                         "                <<: *denominator\n                type: integer\n")
    (problem,) = problems_in(again)  # a key repeated in the mapping itself still is one
    assert (problem.message.key, problem.field) == ("cat.duplicate_key", "type")


def _chain(length: int, closed: bool) -> str:
    """EDU01 gets ``length`` more children C0 = C1 + 1, C1 = C2 + 1, ... (weights too small
    to move the sum off 100)."""
    leaf = ("{{code: C{i}, name: 链, name_en: chain, weight: 1.0e-12, type: number, {formula}"
            "definition: d, definition_en: d, source: s, source_en: s, "
            "lead_unit: edu_bureau, direction: higher, target: 1}}")
    items = [leaf.format(i=i, formula=f'formula: "C{i + 1} + 1", ') for i in range(length - 1)]
    last = 'formula: "C0 + 1", ' if closed else ""
    items.append(leaf.format(i=length - 1, formula=last))
    children = "        children:\n" + "".join(f"          - {item}\n" for item in items)
    return edited("        children:\n", children)


def test_long_formula_chain_does_not_overflow_the_stack() -> None:
    catalogue = parse_catalogue(_chain(1500, closed=False), "chain.yaml")
    order = catalogue.calculation_order
    assert len(order) == 1500  # C0..C1498 and EDU01C
    assert order.index("C1498") < order.index("C0")
    (problem,) = problems_in(_chain(1500, closed=True))
    assert (problem.message.key, problem.field) == ("cat.formula_cycle", "formula")


PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
ODD_VALUES = ["", "[]", "{}", "-1", "9" * 400, "null", "true", "[1, [2]]", "2019-01-01",
              '"A + "', "!!binary aGk=", "department"]


def test_any_edit_gives_a_catalogue_or_catalogue_error() -> None:
    """Delete each line, or give each kind of field odd values: never another exception."""
    lines = VALID_TEXT.splitlines()
    variants = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        variants.append(lines[:i] + lines[i + 1:])
        if ": " in line and not line.lstrip().startswith("#"):
            head = line[:line.index(": ") + 2]
            if head not in seen:  # e.g. the first "        source_en: " stands for all
                seen.add(head)
                variants += [[*lines[:i], head + value, *lines[i + 1:]] for value in ODD_VALUES]
    for variant in variants:
        try:
            parse_catalogue("\n".join(variant), "fuzz.yaml")
        except CatalogueError as exc:
            for problem in exc.problems:
                for lang in ("zh", "en"):
                    assert not PLACEHOLDER.search(problem.render(lang)), problem


def test_empty_years_and_empty_names_are_problems():
    text = (CATALOGUES / "valid-small.yaml").read_text(encoding="utf-8")
    text = text.replace("years: [2018, 2019]", "years: []", 1)
    assert "years: []" in text
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text, "empty-years.yaml")
    assert ("cat.missing_field", "years") in {(p.message.key, p.field)
                                             for p in caught.value.problems}


def test_an_empty_name_is_a_missing_name():
    text = VALID.read_text(encoding="utf-8")
    first_name = re.search(r"^(\s+)name: (\S+)$", text, flags=re.M)
    assert first_name is not None
    text = text.replace(first_name.group(0), f'{first_name.group(1)}name: ""', 1)
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text, "empty-name.yaml")
    assert ("cat.missing_field", "name") in {(p.message.key, p.field)
                                            for p in caught.value.problems}


# --- data items and lead units -----------------------------------------------------------------
def test_an_indicator_weighted_0_is_told_to_become_a_data_item() -> None:
    (problem,) = problems_in(edited("        weight: 30\n        type: number\n",
                                    "        weight: 0\n        type: number\n"))
    assert (problem.message.key, problem.code, problem.field) == (
        "cat.weight_not_positive", "EDU02", "weight")
    assert "data_items" in problem.message.zh and "data_items" in problem.message.en


def test_a_data_item_cannot_be_scored() -> None:
    item = "                unit_en: persons\n                max: 50000\n"
    problems = problems_in(edited(item, item + "                target: 100\n"
                                  "                weight: 10\n"))
    assert {(p.message.key, p.code, p.field) for p in problems} == {
        ("cat.not_on_data_item", "EDU01A", "target"), ("cat.not_on_data_item", "EDU01A", "weight")}


def test_a_lead_unit_must_be_a_department_of_the_catalogue() -> None:
    text = VALID_TEXT.replace("lead_unit: health_bureau", "lead_unit: 县卫生健康局")
    problems = problems_in(text)
    assert problems and all(p.message.key == "cat.lead_not_department" for p in problems)
    assert "edu_bureau, health_bureau" in problems[0].message.render("en")
    (town,) = problems_in(edited("            lead_unit: edu_bureau\n      # \"lower\"",
                                 "            lead_unit: baibu\n      # \"lower\""))
    assert (town.message.key, town.field) == ("cat.lead_not_department", "lead_unit")
