"""Turn what a clerk typed or pasted into a clean value, or say precisely what is expected.

Handles full-width digits and punctuation (NFKC), ``%``/``％``, thousands separators, minus
sign variants, money multipliers (元, 万, 亿) relative to the indicator's unit, yes/no words
and choice labels in either language. Anything ambiguous is rejected, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from ..catalogue.model import Indicator
from ..messages import Message, msg

Value = float | bool | str | None
MAX_INPUT = 64  # a number longer than this is a paste accident, not a figure
MAX_TEXT = 2000

_MINUS = str.maketrans({c: "-" for c in "\u2212\u2012\u2013\u2014\u2010\u2011\ufe63\ufe58"})
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)\Z")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?\Z")
_MONEY_SUFFIX = re.compile(r"(元|万元|万|亿元|亿)\Z")
# value of one "unit word" in yuan
_YUAN = {"元": Decimal(1), "万": Decimal(10_000), "万元": Decimal(10_000),
         "亿": Decimal(100_000_000), "亿元": Decimal(100_000_000)}
YES_WORDS = frozenset({"是", "有", "√", "✓", "✔", "yes", "y", "true", "1", "对", "已实现"})
NO_WORDS = frozenset({"否", "无", "×", "✗", "✘", "x", "no", "n", "false", "0", "未实现"})
_EXAMPLES = {"percent": "98.32", "integer": "1200", "money": "1200.5", "coefficient": "0.272",
             "number": "128.5"}


class Normalized(NamedTuple):
    """The outcome of reading one cell: a value (None = empty) or an error message."""

    value: Value
    error: Message | None = None


EMPTY = Normalized(None)


def clean_text(raw: str) -> str:
    """NFKC-fold (full-width → ASCII), unify minus signs, trim spaces incl. 　 and NBSP."""
    return unicodedata.normalize("NFKC", raw).translate(_MINUS).strip()


def normalize(indicator: Indicator, raw: object) -> Normalized:
    """Read one raw input for ``indicator``. Empty input gives ``Normalized(None)``."""
    if raw is None:
        return EMPTY
    if isinstance(raw, bool):
        raw = "是" if raw else "否"
    elif isinstance(raw, int | float):
        raw = _number_text(raw)
    elif not isinstance(raw, str):
        raw = str(raw)
    kind = indicator.type
    if kind == "text":
        text = raw.strip()
        if len(text) > MAX_TEXT:
            return Normalized(None, msg("input.too_long", length=len(text), limit=MAX_TEXT))
        return Normalized(text or None)
    if len(raw) > 4 * MAX_INPUT:
        return Normalized(None, msg("input.too_long", length=len(raw), limit=MAX_INPUT))
    text = clean_text(raw)
    if not text:
        return EMPTY
    if len(text) > MAX_INPUT:
        return Normalized(None, msg("input.too_long", length=len(text), limit=MAX_INPUT))
    if kind == "yesno":
        return _yesno(text, raw)
    if kind == "choice":
        return _choice(indicator, text, raw)
    return _number(indicator, text, raw)


def _number_text(number: int | float) -> str:
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def _yesno(text: str, raw: str) -> Normalized:
    word = text.casefold()
    if word in YES_WORDS:
        return Normalized(True)
    if word in NO_WORDS:
        return Normalized(False)
    return Normalized(None, msg("input.not_yesno", raw=_shown(raw)))


def _choice(indicator: Indicator, text: str, raw: str) -> Normalized:
    wanted = text.casefold()
    for choice in indicator.choices:
        names = (choice.value, choice.label.zh, choice.label.en)
        if any(clean_text(n).casefold() == wanted for n in names):
            return Normalized(choice.value)
    options = " / ".join(c.label.zh for c in indicator.choices)
    return Normalized(None, msg("input.not_choice", raw=_shown(raw), choices=options))


def _number(indicator: Indicator, text: str, raw: str) -> Normalized:
    kind = indicator.type or "number"

    def not_number() -> Normalized:  # built only when needed: this is the keystroke path
        key = "input.not_integer" if kind == "integer" else "input.not_number"
        return Normalized(None, msg(key, raw=_shown(raw), example=_EXAMPLES.get(kind, "1")))

    if text.endswith("%"):
        if kind != "percent":
            return Normalized(None, msg("input.percent_sign"))
        text = text[:-1].rstrip()
    scale = Decimal(1)
    suffix = _MONEY_SUFFIX.search(text)
    if suffix:
        unit = indicator.unit.zh if indicator.unit else "元"
        if kind != "money" or unit not in _YUAN:
            return Normalized(None, msg("input.money_suffix", unit=unit, suffix=suffix.group()))
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
    allowed = indicator.decimals if indicator.decimals is not None else 2
    if decimals > allowed:
        if kind == "integer":
            return not_number()
        return Normalized(None, msg("input.too_many_decimals", raw=_shown(raw), decimals=allowed))
    value = float(number)
    return Normalized(value + 0.0)  # + 0.0 turns -0.0 into 0.0


def _shown(raw: str) -> str:
    """The input as quoted back in a message: short, single-line, no control characters."""
    text = "".join(ch if ch.isprintable() else "�" for ch in raw.strip())
    return text if len(text) <= 24 else text[:21] + "…"
