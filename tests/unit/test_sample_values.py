"""Generated sample values are complete and clean for every kind of unit (demo data, benchmarks)."""

from __future__ import annotations

import random

import pytest

from haiyan_desktop.assessment import assess
from haiyan_desktop.sample_values import plausible_entries


@pytest.mark.parametrize("kind", ["town", "subdistrict", "department"])
@pytest.mark.parametrize("seed", range(8))
def test_plausible_entries_pass_every_check(builtin, kind, seed):
    unit = next(u for u in builtin.units if u.kind == kind)
    entries = plausible_entries(builtin, unit.scope, random.Random(seed))
    result = assess(builtin, entries, unit)
    assert result.check.problems == []
    assert result.score.missing == []
    assert 60 <= result.score.overall <= 100


def test_quality_shapes_the_score(builtin):
    good = [assess(builtin, plausible_entries(builtin, "town", random.Random(s), 0.98)).score
            for s in range(5)]
    weak = [assess(builtin, plausible_entries(builtin, "town", random.Random(s), 0.75)).score
            for s in range(5)]
    assert sum(r.overall for r in good) > sum(r.overall for r in weak)


def test_same_seed_same_values(builtin):
    assert plausible_entries(builtin, "town", random.Random(7)) == plausible_entries(
        builtin, "town", random.Random(7))


def test_next_year_stays_close_and_clean(builtin):
    from haiyan_desktop.sample_values import next_year_entries

    rng = random.Random(11)
    last = plausible_entries(builtin, "town", rng)
    this = next_year_entries(builtin, "town", last, rng)
    assert assess(builtin, this).check.problems == []
    moved = 0
    for code, entry in last.items():
        if builtin.index[code].is_numeric:
            before, after = float(entry.raw), float(this[code].raw)
            assert abs(after - before) <= 0.07 * abs(before) + 1
            moved += before != after
    assert moved > 10


def test_fixed_entries_are_kept_and_the_rest_drawn_around_them(builtin):
    """The demo model's fallback: what it knows is given, the catalogue draws the rest, a
    rate's free input solved against the given one."""
    from haiyan_desktop.validation import Entry

    fixed = {"EDU01A": Entry("5000"), "EMP05": Entry("否", "两个新建社区的站点年底前建成"),
             "HOU02A": Entry(None, "无危房户", True), "HOU02B": Entry(None, "无危房户", True)}
    for seed in range(5):
        entries = plausible_entries(builtin, "town", random.Random(seed), fixed=fixed)
        assert {c: entries[c] for c in fixed} == fixed
        result = assess(builtin, entries)
        assert [p for p in result.check.problems if p.is_open] == []
        assert result.score.missing == []
        assert 4950 <= float(entries["EDU01B"].raw) <= 5000  # enrolment rate of 99–100 %
        assert {"HOU02A", "HOU02B", "HOU02"} <= result.check.na


def test_nothing_left_to_draw_gives_the_fixed_entries(builtin):
    whole = plausible_entries(builtin, "town", random.Random(3))
    assert plausible_entries(builtin, "town", random.Random(4), fixed=whole) == whole
