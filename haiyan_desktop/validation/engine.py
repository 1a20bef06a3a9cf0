"""Validate one field as it is typed, or a whole submission (calculations and rules included).

Everything here is pure: entries in, values and problems out. The store and the window call
the same two functions, so what the clerk sees while typing is what the county's check finds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from ..catalogue.expressions import ZeroDivision
from ..catalogue.indicator_types import indicator_type
from ..catalogue.model import Catalogue, Indicator
from ..messages import msg
from .normalize import Value, normalize
from .problems import ERROR, WARNING, Problem
from .rules import rule_violated


class Entry(NamedTuple):
    """What the clerk gave for one indicator: the raw text, a comment, not-applicable."""

    raw: object = None
    comment: str = ""
    na: bool = False

    @property
    def has_comment(self) -> bool:
        return bool(self.comment and self.comment.strip())


class FieldResult(NamedTuple):
    code: str
    value: Value
    na: bool
    problems: list[Problem]


@dataclass
class SubmissionCheck:
    """All values (typed and calculated) and every problem of a submission."""

    values: dict[str, Value] = field(default_factory=dict)
    na: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def open_warnings(self) -> list[Problem]:
        return [p for p in self.warnings if not p.commented]

    @property
    def passed(self) -> bool:
        return not any(p.is_open for p in self.problems)

    def problems_for(self, code: str) -> list[Problem]:
        return [p for p in self.problems if p.code == code]


def format_value(indicator: Indicator, value: Value) -> str | None:
    """A value as the messages show it (fixed decimals, 是/否, choice value, ISO date): the
    same in both languages, as its type writes it."""
    if value is None:
        return None
    return indicator_type(indicator.type).text(value, indicator)


def check_field(indicator: Indicator, entry: Entry, previous: float | None = None) -> FieldResult:
    """Check one entry on its own: type, range, decimals, expected range, change, NA."""
    code, problems = indicator.code, []
    commented = entry.has_comment

    def add(rule: str, severity: str, value: str | None, key: str, **params: object) -> None:
        problems.append(Problem(code, rule, severity, value, msg(key, **params),
                                commented and severity == WARNING))

    if entry.na:
        if not indicator.allow_na:
            add("na_not_allowed", ERROR, "不适用", "check.na_not_allowed")
        elif not commented:
            add("na_comment", ERROR, "不适用", "check.na_comment")
        return FieldResult(code, None, True, problems)
    if indicator.is_calculated:
        return FieldResult(code, None, False, problems)
    result = normalize(indicator, entry.raw)
    shown = None if entry.raw is None else str(entry.raw).strip() or None
    if result.error is not None:
        add("type", ERROR, shown, result.error.key, **dict(result.error.params))
        return FieldResult(code, None, False, problems)
    if result.value is None:
        if indicator.required:
            add("required", ERROR, None, "check.required")
        return FieldResult(code, None, False, problems)
    if indicator_type(indicator.type).order(result.value) is not None:  # a number, a date
        problems.extend(check_range(indicator, result.value, previous, commented))
        if any(p.is_error for p in problems):  # out of the hard range: rejected, not kept
            return FieldResult(code, None, False, problems)
    return FieldResult(code, result.value, False, problems)


def check_range(indicator: Indicator, value: Value, previous: float | None,
                commented: bool) -> list[Problem]:
    """Hard range (error), expected range and year-over-year change (warnings) of a value
    whose type orders its values (numbers, dates); the type words the messages."""
    problems: list[Problem] = []
    code = indicator.code
    itype = indicator_type(indicator.type)
    at = itype.order(value)
    if at is None:
        return problems

    def add(rule: str, severity: str, key: str, **params: object) -> None:
        shown = format_value(indicator, value)  # formatted only when there is a problem
        answered = commented and severity == WARNING
        key = f"{key}_answered" if answered else key  # (its prompt is done with)
        problems.append(Problem(code, rule, severity, shown, msg(key, value=shown, **params),
                                answered))

    def below(limit: object) -> bool:
        end = itype.order(limit)
        return end is not None and at < end  # type: ignore[operator]

    def above(limit: object) -> bool:
        end = itype.order(limit)
        return end is not None and at > end  # type: ignore[operator]

    prefix = itype.check_messages
    if below(indicator.min):
        add("min", ERROR, f"{prefix}.min", limit=itype.plain(indicator.min))
    elif above(indicator.max):
        add("max", ERROR, f"{prefix}.max", limit=itype.plain(indicator.max))
    low, high = indicator.expected_min, indicator.expected_max
    if below(low) or above(high):
        span = {"low": "…" if low is None else itype.plain(low),
                "high": "…" if high is None else itype.plain(high)}
        key = f"{prefix}.expected_low" if below(low) else f"{prefix}.expected_high"
        add("expected_range", WARNING, key, **span)
    if indicator.max_change is not None and previous and isinstance(value, float):
        change = (value - previous) / abs(previous)
        if abs(change) > indicator.max_change + 1e-12:
            add("max_change", WARNING, "check.max_change",
                previous=format_value(indicator, previous), change=f"{change * 100:+.1f}",
                limit=_g(indicator.max_change * 100))
    return problems


def _g(number: float) -> str:
    return f"{number:g}"


def check_submission(
    catalogue: Catalogue,
    entries: Mapping[str, Entry],
    kind: str | None = None,
    previous: Mapping[str, float] | None = None,
) -> SubmissionCheck:
    """Check every indicator that applies to a unit of ``kind`` (None: any township)."""
    previous = previous or {}
    result = SubmissionCheck()
    empty = Entry()
    applicable = [i for i in catalogue.leaves(kind)]
    applicable_codes = {i.code for i in applicable}
    for code, entry in entries.items():
        indicator = catalogue.index.get(code)
        if indicator is None or not indicator.is_leaf:
            result.problems.append(Problem(code, "unknown_code", ERROR, _raw(entry),
                                           msg("check.unknown_code", code=code)))
        elif code not in applicable_codes and (entry.raw not in (None, "") or entry.na):
            result.problems.append(Problem(code, "not_for_unit", ERROR, _raw(entry),
                                           msg("check.not_for_unit", code=code)))
    for indicator in applicable:
        entry = entries.get(indicator.code, empty)
        checked = check_field(indicator, entry, previous.get(indicator.code))
        result.problems.extend(checked.problems)
        if checked.na:
            result.na.add(indicator.code)
        elif checked.value is not None:
            result.values[indicator.code] = checked.value
    _calculate(catalogue, entries, applicable_codes, previous, result)
    _apply_rules(catalogue, entries, applicable_codes, result)
    return result


def _raw(entry: Entry) -> str | None:
    return None if entry.raw is None else str(entry.raw)


def numeric_values(values: Mapping[str, Value]) -> dict[str, float | None]:
    """Values as expressions see them: numbers as they are, yes/no as 1/0, others absent."""
    out: dict[str, float | None] = {}
    for code, value in values.items():
        if isinstance(value, bool):
            out[code] = 1.0 if value else 0.0
        elif isinstance(value, float):
            out[code] = value
    return out


def _calculate(catalogue: Catalogue, entries: Mapping[str, Entry], applicable: set[str],
               previous: Mapping[str, float], result: SubmissionCheck) -> None:
    numbers = numeric_values(result.values)
    for code in catalogue.calculation_order:
        if code not in applicable:
            continue
        indicator = catalogue.index[code]
        formula = indicator.formula
        assert formula is not None
        if code in result.na or any(name in result.na for name in formula.names):
            result.na.add(code)  # a rate over a quantity that does not apply does not apply
            continue
        try:
            value = formula.evaluate(numbers)
        except ZeroDivision:
            result.problems.append(Problem(code, "formula", ERROR, None,
                                           msg("check.formula_zero")))
            continue
        if value is None:
            continue
        decimals = indicator.decimals if indicator.decimals is not None else 2
        value = round(value, decimals) + 0.0
        commented = entries.get(code, Entry()).has_comment
        found = check_range(indicator, value, previous.get(code), commented)
        result.problems.extend(found)
        if not any(p.is_error for p in found):
            numbers[code] = value
            result.values[code] = value


def _apply_rules(catalogue: Catalogue, entries: Mapping[str, Entry], applicable: set[str],
                 result: SubmissionCheck) -> None:
    numbers = numeric_values(result.values)
    answered = set(result.values) | result.na
    for rule in catalogue.rules:
        codes = rule.codes
        if not all(c in applicable for c in codes):
            continue
        if not rule_violated(rule, numbers, answered):
            continue
        target = codes[0]
        shown = ", ".join(
            f"{c}={format_value(catalogue.index[c], result.values.get(c)) or '—'}" for c in codes)
        commented = entries.get(target, Entry()).has_comment
        result.problems.append(Problem(
            target, rule.id, rule.severity, shown,
            msg("rule.failed", message=rule.message),
            commented and rule.severity == WARNING))
