"""Dates: the day something happened, e.g. the day a service standard was met.

A date is kept as its ISO text (``2019-12-31``) and shown that way in every language. A clerk
may type it as ``2019-12-31``, ``2019/12/31``, ``2019.12.31``, ``20191231`` or
``2019年12月31日`` (also with full-width digits, one-digit months and days, spaces, 号 for 日);
a spreadsheet's date cell is read as the date it holds. A day that does not exist (2019-02-30)
is refused with a message saying so, never moved to a neighbouring day. In the catalogue,
``min``, ``max``, ``expected_min``, ``expected_max`` and ``target`` are dates too; the only
direction is ``threshold``: attained when the date compares with the target as ``compare``
says (default ``<=``: on or before the target day).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from random import Random
from typing import TYPE_CHECKING

from ...messages import msg
from .base import (
    ExcelRule,
    IndicatorType,
    Normalized,
    Setting,
    clean_text,
    is_number,
    number_text,
    range_rule,
    shown,
    text_of,
)

if TYPE_CHECKING:
    from ..model import Indicator

_CHINESE = re.compile(r"(?P<y>[0-9]{4})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*"
                      r"(?P<d>[0-9]{1,2})\s*[日号]?\Z")
_SEPARATED = re.compile(r"(?P<y>[0-9]{4})\s*(?P<sep>[-/.])\s*(?P<m>[0-9]{1,2})\s*(?P=sep)\s*"
                        r"(?P<d>[0-9]{1,2})(?:[ T]00:00(?::00)?)?\Z")  # str() of a midnight
_COMPACT = re.compile(r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})\Z")
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_EARLIEST, _LATEST = date(1900, 1, 1), date(9999, 12, 31)  # ends of an open Excel range


def date_parts(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of cleaned ``text`` in one of the accepted spellings (the day need
    not exist), or None."""
    for pattern in (_CHINESE, _SEPARATED, _COMPACT):
        found = pattern.match(text)
        if found:
            return int(found["y"]), int(found["m"]), int(found["d"])
    return None


def _as_date(value: object) -> date | None:
    """A date setting or value (ISO text, a date, a midnight datetime) as a date."""
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) and value.tzinfo is None else None
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _read_setting(value: object) -> str | None:
    """A date in the catalogue: ``2019-12-31`` (as YAML writes it, quoted or not), any spelling
    a clerk may type, or a YAML date; None when it is no date or no real day."""
    found = _as_date(value)
    if found is not None:
        return found.isoformat()
    if isinstance(value, str) or is_number(value):
        parts = date_parts(clean_text(value if isinstance(value, str) else number_text(value)))
        if parts is not None:
            try:
                return date(*parts).isoformat()
            except ValueError:
                return None
    return None


DATE_SETTING = Setting(_read_setting, text_of("setting.date"))


def _excel_date(day: date) -> str:
    return f"DATE({day.year},{day.month},{day.day})"


class DateType(IndicatorType):
    name = "date"
    directions = ("threshold",)
    default_min = "1900-01-01"  # default hard range: anything else is surely a typo
    default_max = "2099-12-31"
    limit = DATE_SETTING
    goal = DATE_SETTING
    check_messages = "check.date"
    excel_align = "right"

    # --- reading ------------------------------------------------------------------------------
    def parse(self, raw: object, indicator: Indicator) -> Normalized:
        if isinstance(raw, date):  # a spreadsheet's date cell
            day = _as_date(raw)
            if day is None:  # a time of day besides the date: which day was meant?
                return Normalized(None, msg("input.not_date", raw=shown(str(raw))))
            return Normalized(day.isoformat())
        return super().parse(raw, indicator)

    def read(self, text: str, raw: str, indicator: Indicator) -> Normalized:
        parts = date_parts(text)
        if parts is None:
            return Normalized(None, msg("input.not_date", raw=shown(raw)))
        try:
            return Normalized(date(*parts).isoformat())
        except ValueError:
            year, month, day = parts
            return Normalized(None, msg("input.no_such_date", raw=shown(raw), year=year,
                                        month=month, day=day))

    def order(self, value: object) -> float | None:
        day = _as_date(value)
        return None if day is None else float(day.toordinal())

    # --- scoring ------------------------------------------------------------------------------
    def attainment(self, indicator: Indicator, value: object) -> float:
        return self.threshold(indicator, value)

    # --- Excel --------------------------------------------------------------------------------
    def excel_value(self, value: object, indicator: Indicator, lang: str = "zh") -> object:
        day = _as_date(value)
        return value if day is None else day  # a real date cell

    def excel_format(self, indicator: Indicator) -> str:
        return "yyyy-mm-dd"

    def excel_rule(self, indicator: Indicator, lang: str = "zh") -> ExcelRule:
        low, high = _as_date(indicator.min), _as_date(indicator.max)
        return range_rule("date", text_of("excel.what.date"), lang,
                          None if low is None else low.isoformat(),
                          None if high is None else high.isoformat(),
                          _excel_date(low or _EARLIEST), _excel_date(high or _LATEST))

    # --- sample values ------------------------------------------------------------------------
    def sample(self, rng: Random, indicator: Indicator, quality: float) -> str:
        """A day near the target: most units make it in time, weaker ones are a little late."""
        low = self._first(indicator.expected_min, indicator.min, self.default_min)
        high = self._first(indicator.expected_max, indicator.max, self.default_max)
        target = self.order(indicator.target)
        if target is None:
            day = rng.uniform(low, high)
        else:
            on_time = rng.random() < 0.5 + 0.5 * quality
            offset = rng.randint(1, 180) if on_time else -rng.randint(1, 60)
            day = target - offset if indicator.compare in ("<=", "<") else target + offset
        return date.fromordinal(int(min(max(day, low), high))).isoformat()

    def _first(self, *settings: object) -> float:
        return next(at for at in map(self.order, settings) if at is not None)


DATE = DateType()
