"""Every input form the issue names: accepted ones give the value, ambiguous ones a message."""

from __future__ import annotations

import pytest

from haiyan_desktop.catalogue.model import Choice, Indicator
from haiyan_desktop.messages import Bilingual
from haiyan_desktop.validation import normalize


def make(kind: str, decimals: int | None = None, unit: str | None = None, **extra) -> Indicator:
    defaults = {"percent": 2, "integer": 0, "money": 2, "coefficient": 3, "number": 2}
    return Indicator(code="X01", name=Bilingual("测试", "Test"), weight=1, level=1, domain="D",
                     type=kind, decimals=decimals if decimals is not None else defaults.get(kind),
                     unit=Bilingual(unit, unit) if unit else None, **extra)


PERCENT, INTEGER, NUMBER = make("percent"), make("integer"), make("number")
MONEY = make("money", unit="万元")
YESNO = make("yesno")
CHOICE = make("choice", choices=(
    Choice("special", Bilingual("省级特级", "Provincial special grade"), 1.0),
    Choice("first", Bilingual("省级一级", "Provincial first grade"), 0.9),
))


@pytest.mark.parametrize(
    ("indicator", "raw", "value"),
    [
        (PERCENT, "98.32", 98.32),
        (PERCENT, "９８．３２", 98.32),  # full-width digits and point
        (PERCENT, "98.32%", 98.32),
        (PERCENT, "98.32％", 98.32),  # full-width percent sign
        (PERCENT, " 98.32 % ", 98.32),
        (PERCENT, "\u300098.32\u3000", 98.32),  # ideographic spaces
        (PERCENT, "\u00a098.3\t", 98.3),  # NBSP and tab
        (PERCENT, "100", 100.0),
        (PERCENT, "98.30", 98.3),  # trailing zeros add no precision
        (INTEGER, "1,200", 1200.0),
        (INTEGER, "１，２００", 1200.0),  # full-width digits and comma
        (INTEGER, "1，200", 1200.0),  # Chinese comma as thousands separator
        (INTEGER, "12,345,678", 12345678.0),
        (INTEGER, "12.0", 12.0),
        (NUMBER, "-2.5", -2.5),
        (NUMBER, "－2.5", -2.5),  # full-width minus
        (NUMBER, "−2.5", -2.5),  # U+2212 minus sign
        (NUMBER, "+2.5", 2.5),
        (NUMBER, ".5", 0.5),
        (NUMBER, "-0", 0.0),
        (MONEY, "1200", 1200.0),
        (MONEY, "1200万", 1200.0),
        (MONEY, "1200万元", 1200.0),
        (MONEY, "1.445亿", 14450.0),  # 1.445 亿元 = 14450 万元
        (MONEY, "1.445亿元", 14450.0),
        (MONEY, "50000元", 5.0),
        (MONEY, "1,200.5万元", 1200.5),
        (YESNO, "是", True),
        (YESNO, "否", False),
        (YESNO, "有", True),
        (YESNO, "无", False),
        (YESNO, "√", True),
        (YESNO, "×", False),
        (YESNO, "yes", True),
        (YESNO, "NO", False),
        (YESNO, "True", True),
        (YESNO, "false", False),
        (YESNO, "1", True),
        (YESNO, "0", False),
        (YESNO, "１", True),
        (CHOICE, "省级特级", "special"),
        (CHOICE, "Provincial first grade", "first"),
        (CHOICE, "provincial FIRST grade", "first"),
        (CHOICE, "first", "first"),
    ],
)
def test_accepted_inputs(indicator, raw, value):
    result = normalize(indicator, raw)
    assert result.error is None, result.error and result.error.en
    assert result.value == value
    assert type(result.value) is type(value)


@pytest.mark.parametrize(
    ("indicator", "raw", "key"),
    [
        (PERCENT, "1.2.3", "input.not_number"),
        (PERCENT, "NaN", "input.not_number"),
        (PERCENT, "nan", "input.not_number"),
        (PERCENT, "inf", "input.not_number"),
        (PERCENT, "-Infinity", "input.not_number"),
        (PERCENT, "1e400", "input.not_number"),
        (PERCENT, "1E5", "input.not_number"),
        (PERCENT, "98.325", "input.too_many_decimals"),
        (PERCENT, "abc", "input.not_number"),
        (PERCENT, "九十八", "input.not_number"),
        (PERCENT, "98,32", "input.not_number"),  # a decimal comma is ambiguous
        (PERCENT, "--5", "input.not_number"),
        (PERCENT, "5-", "input.not_number"),
        (PERCENT, "%", "input.not_number"),
        (PERCENT, "0x10", "input.not_number"),
        (PERCENT, "1_000", "input.not_number"),
        (INTEGER, "12.5", "input.not_integer"),
        (INTEGER, "1,20", "input.not_integer"),  # bad grouping
        (INTEGER, "1,2000", "input.not_integer"),
        (INTEGER, "50%", "input.percent_sign"),
        (NUMBER, "5万", "input.money_suffix"),  # multipliers only for money
        (MONEY, "1.2345678亿", "input.too_many_decimals"),
        (YESNO, "maybe", "input.not_yesno"),
        (YESNO, "2", "input.not_yesno"),
        (CHOICE, "省级三级", "input.not_choice"),
        (PERCENT, "9" * 100, "input.too_long"),
    ],
)
def test_rejected_inputs(indicator, raw, key):
    result = normalize(indicator, raw)
    assert result.value is None
    assert result.error is not None and result.error.key == key
    # the message says what is expected, in both languages, with no placeholder left
    for text in (result.error.zh, result.error.en):
        assert text and "{" not in text


def test_message_names_the_expected_form():
    error = normalize(PERCENT, "abc").error
    assert "98.32" in error.zh and "98.32" in error.en
    assert "2" in normalize(PERCENT, "1.234").error.en  # "at most 2" decimals
    assert "省级特级" in normalize(CHOICE, "x").error.zh


@pytest.mark.parametrize("raw", ["", "   ", "\u3000", None])
def test_empty_is_no_value_not_an_error(raw):
    assert normalize(PERCENT, raw).value is None
    assert normalize(PERCENT, raw).error is None


def test_numbers_from_spreadsheets_are_accepted():
    assert normalize(INTEGER, 1200).value == 1200.0
    assert normalize(PERCENT, 98.32).value == 98.32
    assert normalize(INTEGER, 12.0).value == 12.0
    assert normalize(YESNO, True).value is True
