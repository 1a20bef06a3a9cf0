"""Numbers: percent, number, integer, money and coefficient differ only in a few settings.

What people type is read strictly: full-width digits and punctuation, ``%``/``％`` (percent
only), thousands separators, minus sign variants and money multipliers (元, 万, 亿) relative to
the indicator's unit (money only). Anything ambiguous is rejected, never guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from random import Random
from typing import TYPE_CHECKING

from ...messages import msg
from .base import (
    ExcelRule,
    IndicatorType,
    Normalized,
    is_number,
    range_rule,
    shown,
    text_of,
)

if TYPE_CHECKING:
    from ..model import Indicator

_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)\Z")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?\Z")
_MONEY_SUFFIX = re.compile(r"(元|万元|万|亿元|亿)\Z")
# value of one "unit word" in yuan
_YUAN = {"元": Decimal(1), "万": Decimal(10_000), "万元": Decimal(10_000),
         "亿": Decimal(100_000_000), "亿元": Decimal(100_000_000)}
_BOUNDLESS = 1e15  # the end of an Excel range rule without a limit
_FALLBACK_SPAN = 1000.0  # sample values of a number without any range


def _plain(number: float) -> str:
    """A number as the catalogue writes it, in full: 100, 0.5, 200000."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def sample_bounds(indicator: Indicator) -> tuple[float, float]:
    """The span plausible values of a numeric indicator are drawn from: its expected range,
    else its hard range, else 0 to 1000."""
    low = indicator.expected_min if indicator.expected_min is not None else indicator.min
    high = indicator.expected_max if indicator.expected_max is not None else indicator.max
    low = 0.0 if low is None else float(low)  # type: ignore[arg-type]
    high = low + _FALLBACK_SPAN if high is None else float(high)  # type: ignore[arg-type]
    return low, high


def _decimals(indicator: Indicator) -> int:
    return indicator.decimals if indicator.decimals is not None else 2


class NumberType(IndicatorType):
    numeric = True
    in_rules = True
    directions = ("higher", "lower", "threshold")
    excel_align = "right"

    def __init__(self, name: str, decimals: int, default_min: float | None,
                 default_max: float | None, example: str, *, whole: bool = False,
                 percent: bool = False, money: bool = False, grouped: bool = False,
                 quantity: bool = False):
        self.name = name
        self.decimals = decimals
        self.default_min, self.default_max = default_min, default_max
        self.example = example  # shown in the message for input that is no number
        self.whole = whole  # whole numbers only
        self.percent = percent  # a trailing % is allowed
        self.money = money  # 元 / 万 / 亿 suffixes are allowed
        self.grouped = grouped  # Excel shows thousands separators
        self.quantity = quantity

    # --- reading ------------------------------------------------------------------------------
    def read(self, text: str, raw: str, indicator: Indicator) -> Normalized:
        def not_number() -> Normalized:  # built only when needed: this is the keystroke path
            key = "input.not_integer" if self.whole else "input.not_number"
            return Normalized(None, msg(key, raw=shown(raw), example=self.example))

        if text.endswith("%"):
            if not self.percent:
                return Normalized(None, msg("input.percent_sign"))
            text = text[:-1].rstrip()
        scale = Decimal(1)
        suffix = _MONEY_SUFFIX.search(text)
        if suffix:
            unit = indicator.unit.zh if indicator.unit else "元"
            if not self.money or unit not in _YUAN:
                return Normalized(None, msg("input.money_suffix", unit=unit,
                                            suffix=suffix.group()))
            scale = _YUAN[suffix.group()] / _YUAN[unit]
            text = text[: suffix.start()].rstrip()
        if _GROUPED.match(text):
            text = text.replace(",", "")
        elif not _PLAIN.match(text):
            return not_number()
        try:
            number = Decimal(text) * scale
        except InvalidOperation:  # pragma: no cover - the patterns above admit only decimals
            return not_number()
        exponent = number.normalize().as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        allowed = _decimals(indicator)
        if decimals > allowed:
            if self.whole:
                return not_number()
            return Normalized(None, msg("input.too_many_decimals", raw=shown(raw),
                                        decimals=allowed))
        value = float(number)
        return Normalized(value + 0.0)  # + 0.0 turns -0.0 into 0.0

    # --- showing ------------------------------------------------------------------------------
    def report_text(self, value: object, indicator: Indicator, lang: str = "zh") -> str:
        text = self.display(value, indicator, lang)
        unit = indicator.unit.get(lang) if indicator.unit else ""
        if not unit or not is_number(value):
            return text
        return f"{text}{unit}" if unit == "%" else f"{text} {unit}"

    # --- scoring ------------------------------------------------------------------------------
    def attainment(self, indicator: Indicator, value: object) -> float:
        if indicator.direction == "threshold":
            return self.threshold(indicator, value)
        actual = float(value)  # type: ignore[arg-type]
        goal = float(indicator.target)  # type: ignore[arg-type]
        if indicator.direction == "lower":
            if actual <= 0:
                return 1.0
            return _clamp(goal / actual)
        # higher
        if goal <= 0:
            return 1.0
        return _clamp(actual / goal)

    # --- Excel --------------------------------------------------------------------------------
    def excel_value(self, value: object, indicator: Indicator, lang: str = "zh") -> object:
        if isinstance(value, float) and _decimals(indicator) == 0 and value.is_integer():
            return int(value)
        return value

    def excel_format(self, indicator: Indicator) -> str:
        decimals = _decimals(indicator)
        return ("#,##0" if self.grouped else "0") + ("." + "0" * decimals if decimals else "")

    def excel_rule(self, indicator: Indicator, lang: str = "zh") -> ExcelRule:
        low, high = indicator.min, indicator.max
        whole = self.whole or _decimals(indicator) == 0
        extra = [] if whole else [msg("excel.decimals", decimals=_decimals(indicator))]
        if self.percent:
            extra.append(msg("excel.percent"))
        return range_rule(
            "whole" if whole else "decimal", text_of("excel.what.whole" if whole
                                                     else "excel.what.number"), lang,
            None if low is None else _plain(low), None if high is None else _plain(high),
            _plain(-_BOUNDLESS if low is None else low),  # type: ignore[arg-type]
            _plain(_BOUNDLESS if high is None else high),  # type: ignore[arg-type]
            tuple(extra))

    # --- sample values ------------------------------------------------------------------------
    def sample(self, rng: Random, indicator: Indicator, quality: float) -> float:
        """A value near the target: good units get close, weaker ones fall short."""
        low, high = sample_bounds(indicator)
        target = indicator.target if is_number(indicator.target) else None
        if target is None:
            value = rng.uniform(low, high)
        elif indicator.direction == "lower":
            value = target * rng.uniform(0.75, 0.95 + (1 - quality))  # type: ignore[operator]
        elif indicator.direction == "threshold":
            factor = rng.uniform(0.5, 0.95)
            below = indicator.compare in ("<=", "<")
            value = target * factor if below else target / factor  # type: ignore[operator]
        else:
            value = target * rng.uniform(quality, 1.0)  # type: ignore[operator]
        value = min(max(value, low), high)
        return round(value, _decimals(indicator)) + 0.0


def _clamp(x: float) -> float:
    return max(0.0, min(1.0, x))


PERCENT = NumberType("percent", 2, 0.0, 100.0, "98.32", percent=True)
NUMBER = NumberType("number", 2, None, None, "128.5", quantity=True)
INTEGER = NumberType("integer", 0, 0.0, None, "1200", whole=True, grouped=True, quantity=True)
MONEY = NumberType("money", 2, 0.0, None, "1200.5", money=True, grouped=True, quantity=True)
COEFFICIENT = NumberType("coefficient", 3, 0.0, 1.0, "0.272")
