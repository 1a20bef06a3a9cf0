"""Answers in words: yes/no, one of the catalogue's choices, and free text."""

from __future__ import annotations

from random import Random
from typing import TYPE_CHECKING

from ...messages import msg
from .base import (
    BOOL_SETTING,
    EMPTY,
    MAX_TEXT,
    ExcelRule,
    IndicatorType,
    Normalized,
    choose_rule,
    clean_text,
    shown,
    yes_no,
)

if TYPE_CHECKING:
    from ..model import Indicator

YES_WORDS = frozenset({"是", "有", "√", "✓", "✔", "yes", "y", "true", "1", "对", "已实现"})
NO_WORDS = frozenset({"否", "无", "×", "✗", "✘", "x", "no", "n", "false", "0", "未实现"})


class YesNoType(IndicatorType):
    """是 / 否. Scored by ``yesno``: attained when the answer is the catalogue's ``target``."""

    name = "yesno"
    in_rules = True  # 1 or 0 in a cross-field rule
    directions = ("yesno",)
    goal = BOOL_SETTING

    def read(self, text: str, raw: str, indicator: Indicator) -> Normalized:
        word = text.casefold()
        if word in YES_WORDS:
            return Normalized(True)
        if word in NO_WORDS:
            return Normalized(False)
        return Normalized(None, msg("input.not_yesno", raw=shown(raw)))

    def report_text(self, value: object, indicator: Indicator, lang: str = "zh") -> str:
        word = self.display(value, indicator, lang)
        return word.lower() if lang == "en" else word  # "yes" in an English table row

    def options(self, indicator: Indicator, lang: str = "zh") -> list[str]:
        return [yes_no(True, lang), yes_no(False, lang)]

    def target_text(self, indicator: Indicator, lang: str = "zh") -> str:
        return yes_no(self.wanted(indicator), lang)

    @staticmethod
    def wanted(indicator: Indicator) -> bool:
        return True if indicator.target is None else bool(indicator.target)

    def attainment(self, indicator: Indicator, value: object) -> float:
        return 1.0 if bool(value) == self.wanted(indicator) else 0.0

    def excel_rule(self, indicator: Indicator, lang: str = "zh") -> ExcelRule:
        return choose_rule(self.options(indicator, lang), lang)

    def sample(self, rng: Random, indicator: Indicator, quality: float) -> str:
        return "是" if rng.random() < 0.6 + 0.4 * quality else "否"


class ChoiceType(IndicatorType):
    """One of the catalogue's ``choices``, stored by its value, shown by its label; scored by
    ``choice``: the chosen answer's score is the attainment."""

    name = "choice"
    has_choices = True
    directions = ("choice",)

    def read(self, text: str, raw: str, indicator: Indicator) -> Normalized:
        wanted = text.casefold()
        for choice in indicator.choices:
            names = (choice.value, choice.label.zh, choice.label.en)
            if any(clean_text(n).casefold() == wanted for n in names):
                return Normalized(choice.value)
        options = " / ".join(c.label.zh for c in indicator.choices)
        return Normalized(None, msg("input.not_choice", raw=shown(raw), choices=options))

    def display(self, value: object, indicator: Indicator, lang: str = "zh") -> str:
        choice = indicator.choice(str(value))
        return choice.label.get(lang) if choice else super().display(value, indicator, lang)

    def options(self, indicator: Indicator, lang: str = "zh") -> list[str]:
        return [c.label.get(lang) for c in indicator.choices]

    def target_text(self, indicator: Indicator, lang: str = "zh") -> str:
        best = max(indicator.choices, key=lambda c: c.score, default=None)
        return best.label.get(lang) if best else ""

    def attainment(self, indicator: Indicator, value: object) -> float:
        choice = indicator.choice(str(value))
        return choice.score if choice else 0.0

    def excel_rule(self, indicator: Indicator, lang: str = "zh") -> ExcelRule:
        return choose_rule(self.options(indicator, lang), lang)

    def sample(self, rng: Random, indicator: Indicator, quality: float) -> str:
        ranked = sorted(indicator.choices, key=lambda c: -c.score)
        pick = ranked[0] if rng.random() < quality else rng.choice(ranked[:3])
        return pick.label.zh


class TextType(IndicatorType):
    """Free text (a note, a name): kept as typed, never scored."""

    name = "text"
    excel_align = "left"

    def parse(self, raw: object, indicator: Indicator) -> Normalized:
        if raw is None:
            return EMPTY
        text = self.raw_text(raw).strip()
        if len(text) > MAX_TEXT:
            return Normalized(None, msg("input.too_long", length=len(text), limit=MAX_TEXT))
        return Normalized(text or None)

    def target_text(self, indicator: Indicator, lang: str = "zh") -> str:
        return ""

    def excel_format(self, indicator: Indicator) -> str:
        return "@"  # kept as text: 0012 stays 0012

    def sample(self, rng: Random, indicator: Indicator, quality: float) -> str:
        return "—"


YESNO = YesNoType()
CHOICE = ChoiceType()
TEXT = TextType()
