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
