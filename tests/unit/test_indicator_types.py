"""The registry of indicator types (catalogue/indicator_types): the one place that knows what a
type name means. The source of every other module is scanned for type-name comparisons."""

from __future__ import annotations

import ast
import random
import re
import sys
from pathlib import Path

import pytest

from haiyan_desktop.catalogue.indicator_types import (
    DIRECTIONS,
    REGISTRY,
    TYPE_NAMES,
    ExcelRule,
    IndicatorType,
    indicator_type,
    needs_target,
)
from haiyan_desktop.catalogue.model import Choice, Indicator
from haiyan_desktop.messages import Bilingual

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "haiyan_desktop"
REGISTRY_DIR = PACKAGE / "catalogue" / "indicator_types"


# --- nothing outside the registry compares type names ------------------------------------------

def _is_name(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value in TYPE_NAMES


def _holds_name(node: ast.AST) -> bool:
    if _is_name(node):
        return True
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_is_name(e) for e in node.elts)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args \
            and node.func.id in ("frozenset", "set", "tuple", "list"):
        return _holds_name(node.args[0])
    return False


def type_name_comparisons(source: str) -> list[str]:
    """Every place in ``source`` that branches on a type name: a comparison with one (or with a
    collection of them), a comparison of an attribute ``.type`` with anything but None, a
    ``match`` case on one, or a table keyed by several of them."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            with_none = any(isinstance(o, ast.Constant) and o.value is None for o in operands)
            if any(_holds_name(o) for o in operands) or (not with_none and any(
                    isinstance(o, ast.Attribute) and o.attr == "type" for o in operands)):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.MatchValue) and _is_name(node.value):
            found.append(f"{node.lineno}: case {ast.unparse(node.value)}")
        elif isinstance(node, ast.Dict) and sum(_is_name(k) for k in node.keys if k) >= 2:
            found.append(f"{node.lineno}: a table keyed by type names")
    return found


@pytest.mark.parametrize("snippet", [
    'if ind.type == "percent": pass',
    'ok = kind in ("integer", "money")',
    'ok = i.type in NUMERIC_TYPES',
    'ok = direction == "yesno"',
    'ok = ind.type != "choice"',
    'ok = t not in frozenset({"percent", "number"})',
    'DEFAULTS = {"percent": 2, "integer": 0}',
    'match ind.type:\n    case "date":\n        pass',
])
def test_the_scan_finds_type_name_comparisons(snippet):
    assert type_name_comparisons(snippet)


@pytest.mark.parametrize("snippet", [
    "if ind.type is None: pass",
    'if event.type() == QEvent.Type.Paint: pass',
    'if ind.direction == "threshold": pass',
    'kind = indicator_type(ind.type)',
])
def test_the_scan_lets_other_code_be(snippet):
    assert type_name_comparisons(snippet) == []


def test_no_module_outside_the_registry_compares_type_names():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if REGISTRY_DIR in path.parents:
            continue
        places = type_name_comparisons(path.read_text(encoding="utf-8"))
        if places:
            found[str(path.relative_to(ROOT))] = places
    assert found == {}, "ask catalogue.indicator_types instead of comparing type names"


def test_the_registry_imports_only_the_standard_library_and_messages():
    for path in REGISTRY_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        type_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                     and ast.unparse(block.test) == "TYPE_CHECKING"
                     for n in ast.walk(block)}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                if id(node) in type_only:
                    continue  # annotations only
                # its own modules, and haiyan_desktop.messages (the model: annotations only)
                assert node.level == 1 or (node.level, node.module) == (3, "messages"), (
                    path.name, node.module)
            elif isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) \
                    else [node.module or ""]
                for name in names:
                    assert name.split(".")[0] in sys.stdlib_module_names | {"__future__"}, (
                        path.name, name)


# --- the registry ----------------------------------------------------------------------------

def make(name: str, **extra) -> Indicator:
    itype = indicator_type(name)
    fields = {"decimals": itype.decimals, "min": itype.default_min, "max": itype.default_max,
              **extra}
    return Indicator(code="X01", name=Bilingual("测试", "Test"), weight=1, level=1, domain="D",
                     type=name, **fields)


CHOICES = (Choice("A", Bilingual("优秀", "Excellent"), 1.0),
           Choice("B", Bilingual("合格", "Adequate"), 0.6))


def test_names_directions_and_lookup():
    assert TYPE_NAMES == ("percent", "number", "integer", "money", "coefficient", "yesno",
                          "choice", "text", "date")
    assert DIRECTIONS == ("higher", "lower", "threshold", "yesno", "choice")
    assert all(REGISTRY[name].name == name for name in TYPE_NAMES)
    assert indicator_type(None) is indicator_type("text")  # a parent, or an unreadable type
    with pytest.raises(KeyError):
        indicator_type("colour")
    assert [d for d in DIRECTIONS if not needs_target(d)] == ["choice"]
    assert {n for n in TYPE_NAMES if indicator_type(n).numeric} == {
        "percent", "number", "integer", "money", "coefficient"}
    assert {n for n in TYPE_NAMES if indicator_type(n).in_rules} == {
        "percent", "number", "integer", "money", "coefficient", "yesno"}


def test_the_documentation_lists_every_type():
    docs = (ROOT / "docs" / "catalogue-format.md").read_text(encoding="utf-8")
    row = next(line for line in docs.splitlines() if line.startswith("| `type` |"))
    assert re.findall(r"`(\w+)`", row)[1:] == list(TYPE_NAMES)


SAMPLES = {"percent": (98.32, "98.32"), "number": (-2.5, "-2.50"), "integer": (1200.0, "1200"),
           "money": (1200.5, "1200.50"), "coefficient": (0.272, "0.272"), "yesno": (True, "是"),
           "choice": ("A", "A"), "text": ("备注", "备注"), "date": ("2019-12-31", "2019-12-31")}


@pytest.mark.parametrize("name", TYPE_NAMES)
def test_every_type_answers_every_question(name):
    itype = indicator_type(name)
    assert isinstance(itype, IndicatorType) and repr(itype) == f"<indicator type {name}>"
    ind = make(name, choices=CHOICES if itype.has_choices else ())
    value, text = SAMPLES[name]
    assert itype.text(value, ind) == text
    assert itype.parse(text, ind).value == value  # what it writes reads back
    for lang in ("zh", "en"):
        assert isinstance(itype.display(value, ind, lang), str)
        assert isinstance(itype.report_text(value, ind, lang), str)
        assert isinstance(itype.target_text(ind, lang), str)
        rule = itype.excel_rule(ind, lang)
        assert rule is None or (isinstance(rule, ExcelRule) and rule.message
                                and "{" not in rule.message)
    assert itype.excel_align in ("right", "left", "center")
    assert set(itype.directions) <= set(DIRECTIONS)
    sample = itype.sample(random.Random(1), ind, 0.9)
    if itype.numeric:
        assert isinstance(sample, float)
    elif sample is not None:
        assert itype.parse(sample, ind).error is None, sample


def test_display_in_each_language():
    yesno, choice, percent = make("yesno"), make("choice", choices=CHOICES), make(
        "percent", unit=Bilingual("%", "%"))
    assert indicator_type("yesno").display(True, yesno, "en") == "Yes"
    assert indicator_type("yesno").report_text(False, yesno, "en") == "no"
    assert indicator_type("yesno").options(yesno, "zh") == ["是", "否"]
    assert indicator_type("choice").display("B", choice, "en") == "Adequate"
    assert indicator_type("choice").target_text(choice, "zh") == "优秀"
    assert indicator_type("percent").report_text(98.3, percent, "zh") == "98.30%"
    higher = make("percent", target=95.0, direction="higher")
    assert indicator_type("percent").target_text(higher) == "≥ 95.00"
    below = make("number", target=5.0, direction="threshold", compare="<")
    assert indicator_type("number").target_text(below) == "< 5.00"
