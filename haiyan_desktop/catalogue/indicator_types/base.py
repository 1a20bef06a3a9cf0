"""What every indicator type answers, and the plain defaults most types share.

An :class:`IndicatorType` is the one place that knows how values of its type are typed, read
from a catalogue, checked against a range, scored, shown, written to Excel and made up for demo
data. Everything else asks it (see the package docstring); no other module compares type names.
Values are plain Python data: a number is a ``float``, yes/no a ``bool``, a choice its value
``str``, text a ``str`` and a date its ISO ``str`` (``2019-12-31``).
"""

from __future__ import annotations

import math
import operator
import unicodedata
from collections.abc import Callable
from random import Random
from typing import TYPE_CHECKING, NamedTuple

from ...messages import MESSAGES, Bilingual, Message, msg

if TYPE_CHECKING:  # the model imports this package: no import of it at run time
    from ..model import Indicator

Value = float | bool | str | None
MAX_INPUT = 64  # a number longer than this is a paste accident, not a figure
MAX_TEXT = 2000

_MINUS = str.maketrans({c: "-" for c in "\u2212\u2012\u2013\u2014\u2010\u2011\ufe63\ufe58"})
_SHOWN_LIMIT = 24

# How a value must compare with the target for a threshold to hold (catalogue field compare).
COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le, "<": operator.lt, ">=": operator.ge, ">": operator.gt}
COMPARE_SIGN = {"<=": "≤", "<": "<", ">=": "≥", ">": ">"}
DIRECTION_SIGN = {"higher": "≥", "lower": "≤"}


class Normalized(NamedTuple):
    """The outcome of reading one cell: a value (None = empty) or an error message."""

    value: Value
    error: Message | None = None


EMPTY = Normalized(None)


class Setting(NamedTuple):
    """How a catalogue field holding a value of the type (min, max, target…) is read from the
    YAML: ``read`` gives the value, or None when the field holds something else; ``expects``
    names what is expected, for the loader's problem message."""

    read: Callable[[object], object]
    expects: Bilingual


class ExcelRule(NamedTuple):
    """The data validation of a value cell in the Excel template, as plain data.

    ``kind`` is the spreadsheet's validation type: ``list`` (one of ``options``), or ``whole``,
    ``decimal`` or ``date`` between the formulas ``low`` and ``high``. ``message`` is shown when
    a cell is refused and, for a range, as the prompt while the cell is selected.
    """

    kind: str
    message: str
    options: tuple[str, ...] = ()
    low: str = ""
    high: str = ""


def text_of(key: str) -> Bilingual:
    """A short piece of text of the message catalogue, as a Bilingual parameter."""
    return Bilingual(*MESSAGES[key])


def clean_text(raw: str) -> str:
    """NFKC-fold (full-width → ASCII), unify minus signs, trim spaces incl. 　 and NBSP."""
    return unicodedata.normalize("NFKC", raw).translate(_MINUS).strip()


def shown(raw: str) -> str:
    """The input as quoted back in a message: short, single-line, no control characters."""
    text = "".join(ch if ch.isprintable() else "�" for ch in raw.strip())
    return text if len(text) <= _SHOWN_LIMIT else text[:_SHOWN_LIMIT - 3] + "…"


def number_text(number: int | float) -> str:
    """A number from a spreadsheet as a person would have typed it."""
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def fixed(indicator: Indicator, number: float) -> str:
    """A number with the indicator's decimals (2 when it has none)."""
    decimals = indicator.decimals if indicator.decimals is not None else 2
    return f"{number:.{decimals}f}"


def yes_no(value: bool, lang: str) -> str:
    return text_of("value.yes" if value else "value.no").get(lang)


def _yaml_number(value: object) -> float | None:
    if not is_number(value):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:  # an integer too large for a float
        return None
    return number if math.isfinite(number) else None


def _yaml_bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


NUMBER_SETTING = Setting(_yaml_number, text_of("setting.number"))
BOOL_SETTING = Setting(_yaml_bool, text_of("setting.bool"))


class IndicatorType:
    """One type of indicator value. Subclasses override what differs from these defaults."""

    name: str = ""
    numeric = False  # its values are numbers: formulas may use them
    in_rules = False  # cross-field rules may name it (numbers; yes/no counts as 1 or 0)
    quantity = False  # a count or an amount (not a rate, a ratio or a word)
    has_choices = False  # the catalogue lists its answers under ``choices``
    directions: tuple[str, ...] = ()  # how a scored leaf of this type may be scored
    decimals: int | None = None  # default of the catalogue field decimals
    default_min: object = None  # default hard range
    default_max: object = None
    limit = NUMBER_SETTING  # how min, max, expected_min and expected_max are read
    goal = NUMBER_SETTING  # how target is read
    check_messages = "check"  # key prefix of the range messages (.min, .max, .expected_low…)
    excel_align = "center"  # right | left | center: how its cells are aligned in Excel

    def __repr__(self) -> str:
        return f"<indicator type {self.name}>"

    # --- reading what people type -----------------------------------------------------------
    def parse(self, raw: object, indicator: Indicator) -> Normalized:
        """Read one raw input (typed text, a spreadsheet cell) for ``indicator``. Empty input
        gives ``Normalized(None)``; anything that is not a value of the type an error that says
        what is expected. Never raises."""
        if raw is None:
            return EMPTY
        raw = self.raw_text(raw)
        if len(raw) > 4 * MAX_INPUT:
            return Normalized(None, msg("input.too_long", length=len(raw), limit=MAX_INPUT))
        text = clean_text(raw)
        if not text:
            return EMPTY
        if len(text) > MAX_INPUT:
            return Normalized(None, msg("input.too_long", length=len(text), limit=MAX_INPUT))
        return self.read(text, raw, indicator)

    def raw_text(self, raw: object) -> str:
        """Any input as text: yes/no as 是/否, numbers as a person would type them."""
        if isinstance(raw, bool):
            return "是" if raw else "否"
        if isinstance(raw, int | float):
            return number_text(raw)
        return raw if isinstance(raw, str) else str(raw)

    def read(self, text: str, raw: str, indicator: Indicator) -> Normalized:
        """Read cleaned, non-empty ``text`` (``raw`` as given, to quote in a message)."""
        return Normalized(text)

    # --- values in order ----------------------------------------------------------------------
    def order(self, value: object) -> float | None:
        """Where a value (or a range or target setting) lies on a line, for the hard and
        expected ranges and thresholds; None when values of the type have no order."""
        return float(value) if is_number(value) else None  # type: ignore[arg-type]

    # --- showing values -----------------------------------------------------------------------
    def text(self, value: object, indicator: Indicator) -> str:
        """A value in messages and problem lists, the same in both languages."""
        if isinstance(value, bool):
            return "是" if value else "否"
        if is_number(value):
            return fixed(indicator, float(value))  # type: ignore[arg-type]
        return str(value)

    def display(self, value: object, indicator: Indicator, lang: str = "zh") -> str:
        """A value in the entry grid (and, as words, in the Excel template) in ``lang``."""
        if isinstance(value, bool):
            return yes_no(value, lang)
        return self.text(value, indicator)

    def report_text(self, value: object, indicator: Indicator, lang: str = "zh") -> str:
        """A value in the report's tables."""
        return self.display(value, indicator, lang)

    def plain(self, setting: object) -> str:
        """A catalogue setting (min, max, target…) as the catalogue writes it: 100, 0.5."""
        if is_number(setting):
            return f"{float(setting):g}"  # type: ignore[arg-type]
        return str(setting)

    def options(self, indicator: Indicator, lang: str = "zh") -> list[str]:
        """The answers a drop-down offers (empty: the value is typed)."""
        return []

    def target_text(self, indicator: Indicator, lang: str = "zh") -> str:
        """What a scored leaf aims at, e.g. ``≥ 95.00``; empty when there is nothing to show."""
        target = indicator.target
        if target is None:
            return ""
        sign = DIRECTION_SIGN.get(indicator.direction or "", "")
        if indicator.direction == "threshold":
            sign = COMPARE_SIGN.get(indicator.compare, indicator.compare)
        return f"{sign} {self.text(target, indicator)}".strip()

    # --- scoring ------------------------------------------------------------------------------
    def attainment(self, indicator: Indicator, value: object) -> float:
        """Attainment (达成度) of a scored leaf's value, in [0, 1]."""
        return 0.0

    def threshold(self, indicator: Indicator, value: object) -> float:
        """1 when ``value compare target`` holds, else 0 (types with an order)."""
        actual, goal = self.order(value), self.order(indicator.target)
        if actual is None or goal is None:
            return 0.0
        return 1.0 if COMPARE[indicator.compare](actual, goal + 0.0) else 0.0

    # --- Excel --------------------------------------------------------------------------------
    def excel_value(self, value: object, indicator: Indicator, lang: str = "zh") -> object:
        """A value as it goes into a cell (a number, a date, a word)."""
        return self.display(value, indicator, lang)

    def excel_format(self, indicator: Indicator) -> str | None:
        """The cell's number format (None: the spreadsheet's default)."""
        return None

    def excel_rule(self, indicator: Indicator, lang: str = "zh") -> ExcelRule | None:
        """The data validation of the value cell (None: any input)."""
        return None

    # --- sample values ------------------------------------------------------------------------
    def sample(self, rng: Random, indicator: Indicator, quality: float) -> object:
        """A plausible value for demo data: a number for numeric types (formulas are solved
        on numbers), else the text a clerk would type. ``quality`` in (0, 1] is how close a
        unit comes to its targets."""
        return None


def range_rule(kind: str, what: Bilingual, lang: str, low: str | None, high: str | None,
               low_formula: str, high_formula: str, extra: tuple[Message, ...] = ()
               ) -> ExcelRule:
    """An Excel range rule and its message ("请输入 low 至 high 之间的{what}" …): ``low`` and
    ``high`` are the limits as shown (None: unbounded), the formulas the rule's ends."""
    if low is not None and high is not None:
        message = msg("excel.range.between", low=low, high=high, what=what)
    elif low is not None:
        message = msg("excel.range.min", low=low, what=what)
    elif high is not None:
        message = msg("excel.range.max", high=high, what=what)
    else:
        message = msg("excel.range.any", what=what)
    text = message.render(lang) + "".join(m.render(lang) for m in extra)
    return ExcelRule(kind, text, low=low_formula, high=high_formula)


def choose_rule(options: list[str], lang: str) -> ExcelRule:
    """An Excel list rule: one of ``options``."""
    return ExcelRule("list", msg("excel.choose", options=" / ".join(options)).render(lang),
                     options=tuple(options))

