"""Read a catalogue YAML file into :class:`~.model.Catalogue`, or list every problem in it.

The reader never stops at the first mistake: it collects each problem with its file, line,
indicator code and field, so the county can fix a catalogue in one pass.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from ..messages import Bilingual, Message, msg, os_reason
from . import expressions
from .indicator_types import (
    DIRECTIONS,
    TYPE_NAMES,
    IndicatorType,
    Setting,
    indicator_type,
    needs_target,
)
from .model import (
    AGGREGATES,
    COMPARES,
    MISSING_STRATEGIES,
    RULE_OPERATORS,
    SEVERITIES,
    TOWNSHIP_KINDS,
    UNIT_KINDS,
    Catalogue,
    Choice,
    Domain,
    Indicator,
    Rule,
    Unit,
)
from .problems import CatalogueError, CatalogueProblem

TOP_FIELDS = ("id", "version", "title", "title_en", "years", "units", "domains", "rules")
UNIT_FIELDS = ("code", "name", "name_en", "kind")
DOMAIN_FIELDS = ("code", "name", "name_en", "weight", "indicators")
CHOICE_FIELDS = ("value", "label", "label_en", "score")
RULE_FIELDS = ("id", "left", "operator", "right", "severity", "missing", "message", "message_en")
LEAF_FIELDS = (
    "type", "unit", "unit_en", "decimals", "required", "min", "max", "expected_min",
    "expected_max", "max_change", "target", "direction", "compare", "choices", "formula",
    "allow_na",
)
INDICATOR_FIELDS = (
    "code", "name", "name_en", "definition", "definition_en", "weight", "children",
    *LEAF_FIELDS, "data_items", "applies_to", "source", "source_en", "lead_unit", "replaces",
)
# A data item (基础数据项) is entered like a leaf, but never weighted, scored or calculated.
NOT_ON_DATA_ITEMS = ("weight", "children", "target", "direction", "compare", "choices",
                     "formula", "data_items")
DATA_ITEM_FIELDS = (*(f for f in INDICATOR_FIELDS if f not in NOT_ON_DATA_ITEMS), "aggregate")
OPERATOR_ALIASES = {"≤": "<=", "≥": ">=", "≠": "!=", "=": "==", "<>": "!="}
INDICATOR_CODE = re.compile(r"[A-Z][A-Z0-9_]*\Z")
UNIT_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
HAS_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
WEIGHT_TOLERANCE = 1e-6

# (zh, en) names of the value kinds the reader expects
KIND_TEXT = Bilingual("文本", "text")
KIND_NUMBER = Bilingual("数字", "a number")
KIND_INTEGER = Bilingual("整数", "a whole number")
KIND_BOOL = Bilingual("true 或 false", "true or false")
KIND_LIST = Bilingual("列表", "a list")


# --- YAML with line numbers ---------------------------------------------------------------
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Map(dict):
    """A YAML mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    def __init__(self, stream: str):
        super().__init__(stream)
        self.duplicate_keys: list[tuple[str, int]] = []


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    own = sum(1 for key_node, _ in node.value if key_node.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)
    merged = len(node.value) - own  # entries copied in front by a "<<" merge key
    result = _Map()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    own_keys: set[str] = set()
    for index, (key_node, value_node) in enumerate(node.value):
        key = str(loader.construct_object(key_node, deep=True))
        line = key_node.start_mark.line + 1
        if index >= merged:  # a key may override a merged one, but not repeat its own
            if key in own_keys:
                loader.duplicate_keys.append((key, line))
            own_keys.add(key)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:  # more digits than Python converts: report it with its line
        raise yaml.constructor.ConstructorError(
            None, None, "the number has too many digits", node.start_mark) from None


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    """A date is kept as written (``2019-12-31``): the indicator's type reads it, and reports
    one that does not exist (``2019-02-30``) with its line instead of failing the parse."""
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


# --- the reader ---------------------------------------------------------------------------
class _Reader:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[CatalogueProblem] = []
        # (id of an Indicator or Rule, field) -> line, for the whole-catalogue checks
        self.field_lines: dict[tuple[int, str], int] = {}
        # groups of siblings ("" for the domains, else the parent's code) with a member that
        # could not be read: their weights are not added up (that problem is already reported)
        self.incomplete: set[str] = set()
        self.units: dict[str, Unit] = {}  # read before the domains: lead units name them

    # problems
    def problem(self, line: int, code: str | None, where: str | None, key: str, /,
                **params: Any) -> None:
        """Record a problem at ``line``; ``where`` is the field it is about."""
        self.problems.append(CatalogueProblem(self.file, line, code, where, msg(key, **params)))

    @staticmethod
    def line_of(m: _Map, key: str) -> int:
        return m.key_lines.get(key, m.line)

    def remember(self, obj: object, m: _Map, *keys: str) -> None:
        for key in keys:
            self.field_lines[(id(obj), key)] = self.line_of(m, key)

    def line_for(self, obj: Indicator | Rule, key: str) -> int:
        return self.field_lines.get((id(obj), key), obj.line)

    # structure
    def mapping(self, value: Any, line: int, code: str | None, field: str | None) -> _Map | None:
        if isinstance(value, _Map):
            return value
        self.problem(line, code, field, "cat.not_mapping")
        return None

    def items(self, m: _Map, key: str, code: str | None) -> list[Any]:
        value = m.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(self.line_of(m, key), code, key, "cat.not_list")
            return []
        return value

    def fields(self, m: _Map, allowed: tuple[str, ...], required: tuple[str, ...],
               code: str | None) -> None:
        for key in m:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.7)
                hint = msg("cat.did_you_mean", suggestion=close[0]) if close else None
                self.problems.append(CatalogueProblem(
                    self.file, self.line_of(m, key), code, key,
                    _unknown_field(key, hint)))
        for key in required:
            if m.get(key) is None:
                self.problem(m.line, code, key, "cat.missing_field", field=key)

    # typed values
    def wrong(self, m: _Map, key: str, code: str | None, kind: Bilingual) -> None:
        self.problem(self.line_of(m, key), code, key, "cat.wrong_type", field=key,
                     expected=kind, actual=_short(m[key]))

    def text(self, m: _Map, key: str, code: str | None) -> str | None:
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value).strip() if isinstance(value, str) else str(value)
        self.wrong(m, key, code, KIND_TEXT)
        return None

    def number(self, m: _Map, key: str, code: str | None) -> float | None:
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                number = float(value)
            except OverflowError:  # an integer too large for a float
                number = math.inf
            if math.isfinite(number):
                return number
        self.wrong(m, key, code, KIND_NUMBER)
        return None

    def integer(self, m: _Map, key: str, code: str | None) -> int | None:
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
            return value
        self.wrong(m, key, code, KIND_INTEGER)
        return None

    def setting(self, m: _Map, key: str, code: str | None, setting: Setting) -> Any:
        """A value of an indicator's type (min, max, target…), read as its type says."""
        value = m.get(key)
        if value is None:
            return None
        read = setting.read(value)
        if read is None:
            self.wrong(m, key, code, setting.expects)
        return read

    def boolean(self, m: _Map, key: str, code: str | None, default: bool) -> bool:
        value = m.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        self.wrong(m, key, code, KIND_BOOL)
        return default

    def enum(self, m: _Map, key: str, code: str | None, allowed: tuple[str, ...],
             aliases: dict[str, str] | None = None) -> str | None:
        value = self.text(m, key, code)
        if value is None:
            return None
        value = (aliases or {}).get(value, value)
        if value not in allowed:
            self.problem(self.line_of(m, key), code, key, "cat.bad_enum", field=key,
                         actual=value, allowed=", ".join(allowed))
            return None
        return value

    def bilingual(self, m: _Map, key: str, code: str | None, required: bool) -> Bilingual | None:
        zh = self.text(m, key, code) or None  # an empty name is no name
        en = self.text(m, f"{key}_en", code)
        if zh is None:
            if required and not m.get(key):
                self.problem(m.line, code, key, "cat.missing_field", field=key)
            return None
        if not en:
            self.problem(self.line_of(m, key), code, f"{key}_en", "cat.missing_translation",
                         field=key)
            en = zh
        return Bilingual(zh, en)

    def code(self, m: _Map, key: str, pattern: re.Pattern[str]) -> str | None:
        value = self.text(m, key, None)
        if value is not None and not pattern.match(value):
            self.problem(self.line_of(m, key), value, key, "cat.bad_code", actual=value)
        return value


def _unknown_field(key: str, hint: Message | None) -> Message:
    # The hint is itself a message; render it per language through a Bilingual parameter.
    hint_text = Bilingual(hint.zh, hint.en) if hint else Bilingual("", "")
    return msg("cat.unknown_field", field=key, hint=hint_text)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


# --- building the model ---------------------------------------------------------------------
def _read_units(r: _Reader, top: _Map) -> list[Unit]:
    units: list[Unit] = []
    first: dict[str, int] = {}
    for item in r.items(top, "units", None):
        m = r.mapping(item, r.line_of(top, "units"), None, "units")
        if m is None:
            continue
        code = r.code(m, "code", UNIT_CODE)
        if code in first:
            r.problem(r.line_of(m, "code"), code, "code", "cat.duplicate_code", code=code,
                      first_line=first[code])
        elif code is not None:
            first[code] = r.line_of(m, "code")
        r.fields(m, UNIT_FIELDS, ("code", "name", "kind"), code)
        name = r.bilingual(m, "name", code, required=True)
        kind = r.enum(m, "kind", code, UNIT_KINDS)
        if code and name and kind:
            units.append(Unit(code, name, kind))
            r.units.setdefault(code, units[-1])
    if not units and "units" in top:
        r.problem(r.line_of(top, "units"), None, "units", "cat.no_units")
    return units


def _read_choices(r: _Reader, m: _Map, code: str | None) -> tuple[Choice, ...]:
    choices: list[Choice] = []
    first: dict[str, int] = {}
    for item in r.items(m, "choices", code):
        c = r.mapping(item, r.line_of(m, "choices"), code, "choices")
        if c is None:
            continue
        r.fields(c, CHOICE_FIELDS, ("value", "label", "score"), code)
        value = r.text(c, "value", code)
        if value in first:
            r.problem(r.line_of(c, "value"), code, "choices", "cat.duplicate_code", code=value,
                      first_line=first[value])
        elif value is not None:
            first[value] = r.line_of(c, "value")
        label = r.bilingual(c, "label", code, required=True)
        score = r.number(c, "score", code)
        if score is not None and not 0 <= score <= 1:
            r.problem(r.line_of(c, "score"), code, "score", "cat.choice_score", actual=score)
            score = None
        if value is not None and label and score is not None:
            choices.append(Choice(value, label, score))
    return tuple(choices)


def _read_indicator(r: _Reader, m: _Map, level: int, domain: str, parent: Indicator | None
                    ) -> Indicator | None:
    code = r.code(m, "code", INDICATOR_CODE)
    allowed = INDICATOR_FIELDS if level == 1 else tuple(f for f in INDICATOR_FIELDS
                                                        if f != "children")
    r.fields(m, allowed, ("code", "name", "weight"), code)
    name = r.bilingual(m, "name", code, required=True)
    weight = r.number(m, "weight", code)
    if weight is not None and weight <= 0:
        r.problem(r.line_of(m, "weight"), code, "weight", "cat.weight_not_positive",
                  actual=f"{weight:g}")
        weight = None
    has_children = level == 1 and bool(m.get("children"))
    applies = _read_applies_to(r, m, code, parent)
    lead = _read_lead_unit(r, m, code, required=not has_children, inherited=None)
    indicator = Indicator(
        code=code or "?", name=name or Bilingual("?", "?"), weight=weight or 0.0, level=level,
        domain=domain, parent=parent.code if parent else None,
        definition=r.bilingual(m, "definition", code, required=not has_children),
        source=r.bilingual(m, "source", code, required=not has_children),
        lead=lead, lead_unit=r.units[lead].name if lead else None,
        replaces=r.code(m, "replaces", INDICATOR_CODE) if "replaces" in m else None,
        applies_to=applies, line=m.line,
    )
    if has_children:
        for key in (*LEAF_FIELDS, "data_items"):
            if key in m:
                r.problem(r.line_of(m, key), code, key, "cat.leaf_field_on_parent", field=key)
        for item in r.items(m, "children", code):
            child_map = r.mapping(item, r.line_of(m, "children"), code, "children")
            child = None if child_map is None else _read_indicator(
                r, child_map, 2, domain, indicator)
            if child is not None:
                indicator.children.append(child)
            else:
                r.incomplete.add(indicator.code)
    else:
        _read_leaf(r, m, indicator)
        for item in r.items(m, "data_items", code):
            item_map = r.mapping(item, r.line_of(m, "data_items"), code, "data_items")
            data_item = None if item_map is None else _read_data_item(r, item_map, indicator)
            if data_item is not None:
                indicator.data_items.append(data_item)
    ok = code is not None and name is not None and weight is not None
    return indicator if ok else None


def _read_data_item(r: _Reader, m: _Map, owner: Indicator) -> Indicator | None:
    """A 基础数据项 under ``owner``: the leaf fields, without weight, target or formula."""
    code = r.code(m, "code", INDICATOR_CODE)
    for key in NOT_ON_DATA_ITEMS:
        if key in m:
            r.problem(r.line_of(m, key), code, key, "cat.not_on_data_item", field=key)
    r.fields(m, (*DATA_ITEM_FIELDS, *NOT_ON_DATA_ITEMS), ("code", "name"), code)
    name = r.bilingual(m, "name", code, required=True)
    lead = _read_lead_unit(r, m, code, required=False, inherited=owner.lead)
    item = Indicator(
        code=code or "?", name=name or Bilingual("?", "?"), weight=0.0, level=owner.level,
        domain=owner.domain, parent=owner.code, is_data_item=True,
        definition=r.bilingual(m, "definition", code, required=True),
        source=r.bilingual(m, "source", code, required=False) or owner.source,
        lead=lead, lead_unit=r.units[lead].name if lead else None,
        replaces=r.code(m, "replaces", INDICATOR_CODE) if "replaces" in m else None,
        aggregate=r.enum(m, "aggregate", code, AGGREGATES) or "sum",
        applies_to=_read_applies_to(r, m, code, owner), line=m.line,
    )
    _read_leaf(r, {k: v for k, v in m.items() if k not in NOT_ON_DATA_ITEMS}, item, m)
    return item if code is not None and name is not None else None


def _read_lead_unit(r: _Reader, m: _Map, code: str | None, required: bool,
                    inherited: str | None) -> str | None:
    """The lead unit's code: a unit of kind department (牵头单位)."""
    if "lead_unit" not in m:
        if required and inherited is None:
            r.problem(m.line, code, "lead_unit", "cat.missing_field", field="lead_unit")
        return inherited
    lead = r.text(m, "lead_unit", code)
    if lead is None:
        return inherited
    unit = r.units.get(lead)
    if unit is None or unit.kind != "department":
        departments = ", ".join(u.code for u in r.units.values() if u.kind == "department")
        r.problem(r.line_of(m, "lead_unit"), code, "lead_unit", "cat.lead_not_department",
                  actual=_short(lead), allowed=departments or "—")
        return None
    return lead


def _read_applies_to(r: _Reader, m: _Map, code: str | None, parent: Indicator | None
                     ) -> frozenset[str]:
    inherited = parent.applies_to if parent else TOWNSHIP_KINDS
    value = m.get("applies_to")
    if value is None:
        return inherited
    if not isinstance(value, list):
        value = [value]
    kinds = set()
    for kind in value:
        if kind in UNIT_KINDS:
            kinds.add(kind)
        else:
            r.problem(r.line_of(m, "applies_to"), code, "applies_to", "cat.bad_enum",
                      field="applies_to", actual=kind, allowed=", ".join(UNIT_KINDS))
    return frozenset(kinds) or inherited


def _read_leaf(r: _Reader, m: _Map, ind: Indicator, lines: _Map | None = None) -> None:
    """The value fields of a leaf or data item; ``lines``: the map whose lines to report when
    ``m`` is a filtered copy of it."""
    if lines is not None:
        m = _copy_map(m, lines)
    code = ind.code
    ind.type = r.enum(m, "type", code, TYPE_NAMES)
    if ind.type is None and "type" not in m:
        r.problem(m.line, code, "type", "cat.missing_field", field="type")
    itype = indicator_type(ind.type)  # no type: read as text (the problem is reported)
    unit = r.text(m, "unit", code)
    unit_en = r.text(m, "unit_en", code)
    if unit and not unit_en and HAS_CJK.search(unit):
        r.problem(r.line_of(m, "unit"), code, "unit_en", "cat.missing_translation", field="unit")
    if unit:
        ind.unit = Bilingual(unit, unit_en or unit)
    given = r.integer(m, "decimals", code)
    ind.decimals = given if given is not None else itype.decimals
    ind.required = r.boolean(m, "required", code, True)
    ind.allow_na = r.boolean(m, "allow_na", code, False)
    given_min = r.setting(m, "min", code, itype.limit)
    given_max = r.setting(m, "max", code, itype.limit)
    ind.min = given_min if given_min is not None else itype.default_min
    ind.max = given_max if given_max is not None else itype.default_max
    ind.expected_min = r.setting(m, "expected_min", code, itype.limit)
    ind.expected_max = r.setting(m, "expected_max", code, itype.limit)
    ind.max_change = r.number(m, "max_change", code)
    ind.direction = r.enum(m, "direction", code, DIRECTIONS)
    ind.compare = r.enum(m, "compare", code, COMPARES) or "<="
    ind.choices = _read_choices(r, m, code)
    ind.target = r.setting(m, "target", code, itype.goal)
    r.remember(ind, m, "formula")
    ind.formula = _expression(r, m, "formula", code)
    _check_leaf_consistency(r, m, ind, itype)


def _copy_map(items: dict[str, Any], lines: _Map) -> _Map:
    copy = _Map(items)
    copy.line, copy.key_lines = lines.line, lines.key_lines
    return copy


def _check_leaf_consistency(r: _Reader, m: _Map, ind: Indicator, itype: IndicatorType
                            ) -> None:
    code, line, at = ind.code, r.line_of, itype.order
    low_end, high_end = at(ind.min), at(ind.max)
    ranges = (("min", ind.min, "max", ind.max),
              ("expected_min", ind.expected_min, "expected_max", ind.expected_max))
    for low_field, low, high_field, high in ranges:
        low_at, high_at = at(low), at(high)
        if low_at is not None and high_at is not None and low_at > high_at:
            r.problem(line(m, low_field), code, low_field, "cat.min_above_max",
                      low_field=low_field, low=_fmt(itype, low), high_field=high_field,
                      high=_fmt(itype, high))
    in_range = low_end is None or high_end is None or low_end <= high_end
    bounded = [("expected_min", ind.expected_min), ("expected_max", ind.expected_max),
               ("target", ind.target)]
    for field, value in bounded:
        value_at = at(value)
        if value_at is None or not in_range:
            continue
        if (low_end is not None and value_at < low_end) or (
                high_end is not None and value_at > high_end):
            r.problem(line(m, field), code, field, "cat.outside_range", field=field,
                      value=_fmt(itype, value), low=_fmt(itype, ind.min),
                      high=_fmt(itype, ind.max))
    if ind.max_change is not None and ind.max_change <= 0:
        r.problem(line(m, "max_change"), code, "max_change", "cat.wrong_type",
                  field="max_change", expected=KIND_NUMBER, actual=ind.max_change)
    if itype.has_choices and not ind.choices and "choices" not in m:
        r.problem(m.line, code, "choices", "cat.choices_needed")
    if not itype.has_choices and "choices" in m:
        r.problem(line(m, "choices"), code, "choices", "cat.choices_only")
    if ind.formula is not None and ind.type is not None and not itype.numeric:
        r.problem(line(m, "formula"), code, "formula", "cat.direction_type",
                  direction="formula", type=ind.type)
    if ind.is_data_item or ind.weight <= 0 or ind.type is None:
        return  # a data item is not scored; a bad weight is reported already
    if ind.direction is None and "direction" not in m:
        r.problem(m.line, code, "direction", "cat.scored_needs", field="direction")
    if (ind.target is None and "target" not in m and ind.direction is not None
            and needs_target(ind.direction)):
        r.problem(m.line, code, "target", "cat.scored_needs", field="target")
    if ind.direction is not None and ind.direction not in itype.directions:
        r.problem(line(m, "direction"), code, "direction", "cat.direction_type",
                  direction=ind.direction, type=ind.type)


def _fmt(itype: IndicatorType, value: object) -> str:
    if value is None:
        return "—"
    return itype.plain(value)


def _read_domains(r: _Reader, top: _Map) -> list[Domain]:
    domains: list[Domain] = []
    for item in r.items(top, "domains", None):
        m = r.mapping(item, r.line_of(top, "domains"), None, "domains")
        if m is None:
            r.incomplete.add("")
            continue
        code = r.code(m, "code", INDICATOR_CODE)
        r.fields(m, DOMAIN_FIELDS, ("code", "name", "weight", "indicators"), code)
        name = r.bilingual(m, "name", code, required=True)
        weight = r.number(m, "weight", code)
        if weight is None:
            r.incomplete.add("")
        domain = Domain(code or "?", name or Bilingual("?", "?"), weight or 0.0, [], m.line)
        for entry in r.items(m, "indicators", code):
            im = r.mapping(entry, r.line_of(m, "indicators"), code, "indicators")
            indicator = None if im is None else _read_indicator(r, im, 1, domain.code, None)
            if indicator is not None:
                domain.indicators.append(indicator)
            else:
                r.incomplete.add(domain.code)
        domains.append(domain)
    if not domains and "domains" in top:
        r.problem(r.line_of(top, "domains"), None, "domains", "cat.no_domains")
    return domains


def _read_rules(r: _Reader, top: _Map) -> list[Rule]:
    rules: list[Rule] = []
    for item in r.items(top, "rules", None):
        m = r.mapping(item, r.line_of(top, "rules"), None, "rules")
        if m is None:
            continue
        rule_id = r.text(m, "id", None)
        r.fields(m, RULE_FIELDS, ("id", "left", "operator", "severity", "message"), rule_id)
        operator = r.enum(m, "operator", rule_id, RULE_OPERATORS, OPERATOR_ALIASES)
        severity = r.enum(m, "severity", rule_id, SEVERITIES)
        missing = r.enum(m, "missing", rule_id, MISSING_STRATEGIES) or "skip_if_any_missing"
        message = r.bilingual(m, "message", rule_id, required=True)
        left = _expression(r, m, "left", rule_id)
        right = _expression(r, m, "right", rule_id)
        pair = operator in ("compulsory_pair", "exclusive_pair")
        if pair and left is not None and len(left.names) < 2:
            r.problem(r.line_of(m, "left"), rule_id, "left", "cat.pair_needs_codes")
        if operator and not pair and right is None and "right" not in m:
            r.problem(m.line, rule_id, "right", "cat.right_needed")
        if rule_id and operator and severity and message and left and (pair or right):
            rule = Rule(rule_id, left, operator, None if pair else right, severity,
                        missing, message, m.line)
            r.remember(rule, m, "left", "right")
            rules.append(rule)
    return rules


def _expression(r: _Reader, m: _Map, key: str, code: str | None) -> expressions.Expression | None:
    text = r.text(m, key, code)
    if text is None:
        return None
    try:
        expression = expressions.parse(text)
    except (expressions.ExpressionError, OverflowError) as exc:  # e.g. a 400-digit number
        r.problem(r.line_of(m, key), code, key, "cat.expression_syntax", expr=text,
                  detail=str(exc))
        return None
    try:  # a trial run with every code at 1 finds calls that can never work, e.g. max(A)
        expression.evaluate(dict.fromkeys(expression.names, 1.0))
    except expressions.ZeroDivision:
        pass
    except (TypeError, ValueError, ArithmeticError) as exc:
        r.problem(r.line_of(m, key), code, key, "cat.expression_syntax", expr=text,
                  detail=str(exc))
        return None
    return expression


# --- whole-catalogue checks ------------------------------------------------------------------
def _check_duplicates(r: _Reader, catalogue: Catalogue) -> None:
    groups: list[list[tuple[str, int]]] = [  # unit codes and choice values: while reading
        [(d.code, d.line) for d in catalogue.domains]
        + [(i.code, i.line) for i in catalogue.walk()],
        [(rule.id, rule.line) for rule in catalogue.rules],
    ]
    for group in groups:
        first: dict[str, int] = {}
        for code, line in group:
            if code == "?":  # no code: already reported as missing
                continue
            if code in first:
                r.problem(line, code, "code", "cat.duplicate_code", code=code,
                          first_line=first[code])
            else:
                first[code] = line


def _check_weights(r: _Reader, catalogue: Catalogue) -> None:
    def check(weights: list[float], line: int, code: str | None, group: Bilingual) -> None:
        if (code or "") in r.incomplete:
            return
        total = sum(weights)
        if not any(w > 0 for w in weights):
            r.problem(line, code, "weight", "cat.no_scored_child", group=group)
        elif abs(total - 100) > WEIGHT_TOLERANCE:
            r.problem(line, code, "weight", "cat.weights_sum", group=group, total=f"{total:g}")

    if catalogue.domains:
        check([d.weight for d in catalogue.domains], catalogue.domains[0].line, None,
              Bilingual("全部服务领域", "all domains"))
    for d in catalogue.domains:
        if d.indicators:
            check([i.weight for i in d.indicators], d.line, d.code,
                  Bilingual(f"服务领域 {d.code} 的一级指标",
                            f"the first-level indicators of {d.code}"))
        for first in d.indicators:
            if first.children:
                check([c.weight for c in first.children], first.line, first.code,
                      Bilingual(f"一级指标 {first.code} 的二级指标",
                                f"the second-level indicators of {first.code}"))


def _check_references(r: _Reader, catalogue: Catalogue) -> None:
    index = catalogue.index
    valued = {i.code for i in catalogue.walk() if i.is_leaf}
    numeric = {c for c in valued if indicator_type(index[c].type).numeric}
    for ind in catalogue.walk():
        if ind.formula is None:
            continue
        line = r.line_for(ind, "formula")
        for name in ind.formula.names:
            if name not in index:
                r.problem(line, ind.code, "formula", "cat.unknown_reference", code=name)
            elif name not in numeric:
                r.problem(line, ind.code, "formula", "cat.non_numeric_reference", code=name)
    for rule in catalogue.rules:
        pair = rule.operator in ("compulsory_pair", "exclusive_pair")
        usable = valued if pair else {c for c in valued if indicator_type(index[c].type).in_rules}
        sides = [("left", rule.left), ("right", rule.right)]
        for side, expression in sides:
            if expression is None:
                continue
            line = r.line_for(rule, side)
            for name in expression.names:
                if name not in index:
                    r.problem(line, rule.id, side, "cat.unknown_reference", code=name)
                elif name not in usable:
                    r.problem(line, rule.id, side, "cat.non_numeric_reference", code=name)


def _calculation_order(r: _Reader, catalogue: Catalogue) -> list[str]:
    """Calculated indicators ordered so each comes after what it uses; cycles are problems."""
    index = catalogue.index
    calculated = {i.code: i for i in catalogue.walk() if i.formula is not None}
    order: list[str] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done
    reported: set[frozenset[str]] = set()

    def uses(code: str) -> Iterator[str]:
        return (n for n in calculated[code].formula.names  # type: ignore[union-attr]
                if n in calculated)

    def visit(start: str) -> None:  # depth first, with an explicit stack
        path = [start]
        stack = [uses(start)]
        state[start] = 1
        while stack:
            for name in stack[-1]:
                if state.get(name) == 1:
                    cycle = [*path[path.index(name):], name]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        ind = index[name]
                        r.problem(r.line_for(ind, "formula"), name, "formula",
                                  "cat.formula_cycle", cycle=" → ".join(cycle))
                elif state.get(name) != 2:
                    state[name] = 1
                    path.append(name)
                    stack.append(uses(name))
                    break
            else:
                stack.pop()
                done = path.pop()
                state[done] = 2
                order.append(done)

    for code in calculated:
        if code not in state:
            visit(code)
    return order


# --- public API ----------------------------------------------------------------------------------
def load_catalogue(path: str | Path) -> Catalogue:
    """Load and check a catalogue file; raise :class:`CatalogueError` listing every problem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = CatalogueProblem(str(path), 0, None, None,
                                   msg("cat.file_unreadable", detail=os_reason(exc)))
        raise CatalogueError([problem]) from None
    return parse_catalogue(data, str(path))


def parse_catalogue(data: bytes | str, file: str = "<catalogue>") -> Catalogue:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    r = _Reader(file)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        r.problem(0, None, None, "cat.file_unreadable", detail=f"not UTF-8 ({exc.reason})")
        raise CatalogueError(r.problems) from None
    loader = _LineLoader(text)
    try:
        document = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark else 0
        if isinstance(exc, yaml.reader.ReaderError):  # a control character: no mark
            bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
            line = text.count("\n", 0, bad.start()) + 1 if bad else 0
            detail = f"#x{ord(bad.group()):04x}: {exc.reason}" if bad else exc.reason
        r.problem(line, None, None, "cat.yaml_syntax", detail=detail)
        raise CatalogueError(r.problems) from None
    finally:
        loader.dispose()
    for key, line in loader.duplicate_keys:
        r.problem(line, None, key, "cat.duplicate_key", field=key)
    top = r.mapping(document, 1, None, None)
    if top is None:
        raise CatalogueError(r.problems)
    catalogue = _build(r, top)
    catalogue.path = file
    catalogue.sha256 = hashlib.sha256(raw).hexdigest()
    if r.problems:
        r.problems.sort(key=lambda p: p.line)
        raise CatalogueError(r.problems)
    return catalogue


def _build(r: _Reader, top: _Map) -> Catalogue:
    r.fields(top, TOP_FIELDS, ("id", "version", "title", "years", "units", "domains"), None)
    cat_id = r.code(top, "id", UNIT_CODE)
    version = r.text(top, "version", None)
    title = r.bilingual(top, "title", None, required=True)
    years: list[int] = []
    for year in r.items(top, "years", None):
        if isinstance(year, int) and not isinstance(year, bool) and 1990 <= year <= 2100:
            years.append(year)
        else:
            r.problem(r.line_of(top, "years"), None, "years", "cat.wrong_type", field="years",
                      expected=KIND_INTEGER, actual=_short(year))
    if top.get("years") == []:
        r.problem(r.line_of(top, "years"), None, "years", "cat.missing_field", field="years")
    catalogue = Catalogue(
        id=cat_id or "?", version=version or "?", title=title or Bilingual("?", "?"),
        years=tuple(years), units=_read_units(r, top), domains=_read_domains(r, top),
        rules=_read_rules(r, top),
    )
    catalogue.index = {}
    for ind in catalogue.walk():
        catalogue.index.setdefault(ind.code, ind)
    checks: list[Callable[[_Reader, Catalogue], object]] = [
        _check_duplicates, _check_weights, _check_references]
    for check in checks:
        check(r, catalogue)
    catalogue.calculation_order = _calculation_order(r, catalogue)
    return catalogue
