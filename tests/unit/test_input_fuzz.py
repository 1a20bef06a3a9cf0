"""Property tests: no text a person can type or paste crashes the checks or slips past them."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from haiyan_desktop.validation import Entry, Normalized, check_field, check_submission, normalize

CHARS = "0123456789０１２３４５６７８９.．,，%％-－−+ 　\t\n\r\x00\x1b万亿元eE是否√×nNaAiIfF\u202e"
TRICKY = st.sampled_from([*CHARS, "1e400", "NaN", "inf", "1,200", "98.32%"])
TEXT = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=CHARS, max_size=40),
    st.text(min_size=1000, max_size=5000),
    st.lists(TRICKY, max_size=30).map("".join),
)
SHORT = st.one_of(st.lists(TRICKY, max_size=6).map("".join), st.text(max_size=6))


@settings(max_examples=300, deadline=None)
@given(raw=TEXT)
def test_normalize_never_raises_and_values_are_finite(builtin, raw):
    for indicator in builtin.leaves("department") + builtin.leaves():
        result = normalize(indicator, raw)
        assert isinstance(result, Normalized)
        assert (result.value is None) or (result.error is None)
        if isinstance(result.value, float):
            assert math.isfinite(result.value)
        if indicator.type == "choice" and result.value is not None:
            assert indicator.choice(result.value) is not None
        if result.error is not None:
            assert result.error.zh and result.error.en


@settings(max_examples=200, deadline=None)
@given(raw=TEXT, comment=st.text(max_size=20), na=st.booleans())
def test_field_check_stays_inside_hard_range(builtin, raw, comment, na):
    for indicator in builtin.leaves():
        result = check_field(indicator, Entry(raw, comment, na))
        if isinstance(result.value, float):
            if indicator.min is not None:
                assert result.value >= indicator.min
            if indicator.max is not None:
                assert result.value <= indicator.max
        for problem in result.problems:
            assert problem.severity in ("error", "warning")


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_whole_submissions_of_random_text_never_crash(builtin, data):
    leaves = builtin.leaves()
    entries = {i.code: Entry(data.draw(SHORT), data.draw(st.text(max_size=3)),
                             data.draw(st.booleans())) for i in leaves}
    result = check_submission(builtin, entries)
    for problem in result.problems:
        assert problem.message.zh and problem.message.en
