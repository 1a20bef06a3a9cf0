"""The message catalogue: both languages present and with the same placeholders."""

from __future__ import annotations

import string

import pytest

from haiyan_desktop.messages import MESSAGES, Bilingual, msg


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    zh, en = MESSAGES[key]
    assert zh.strip() and en.strip()
    assert _fields(zh) == _fields(en)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh) or _fields(zh) == {"message"}


def test_bilingual_parameters_render_per_language():
    m = msg("cat.weights_sum", group=Bilingual("全部服务领域", "all domains"), total="90")
    assert m.zh == "全部服务领域的权重合计为 90，应为 100"
    assert m.en == "The weights of all domains add up to 90, not 100"


def test_unknown_key_is_a_programming_error():
    with pytest.raises(KeyError):
        msg("no.such.key")
