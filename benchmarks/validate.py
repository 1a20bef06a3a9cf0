"""Validation and scoring speed: is checking on every keystroke free?

Prints the median time to validate and score one complete submission of the built-in
catalogue (target ≤ 2 ms) and to check one field (target ≤ 50 µs).
Run: .venv/bin/python benchmarks/validate.py
"""

from __future__ import annotations

import random
import statistics
import time

from haiyan_desktop.assessment import assess
from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.sample_values import plausible_entries
from haiyan_desktop.validation import Entry, check_field


def median_seconds(job, repeat: int, number: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            job()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def main() -> None:
    catalogue = default_catalogue()
    unit = next(u for u in catalogue.units if u.kind == "town")
    entries = plausible_entries(catalogue, unit.kind, random.Random(1))
    leaves = catalogue.leaves(unit.kind)
    result = assess(catalogue, entries, unit)
    assert not result.check.problems, "the benchmark submission must be clean"

    whole = median_seconds(lambda: assess(catalogue, entries, unit), repeat=25, number=40)
    percent = next(i for i in leaves if i.type == "percent" and not i.is_calculated)
    field_inputs = [(percent, Entry("９８．３２％")), (percent, Entry("98.325")),
                    (next(i for i in leaves if i.type == "integer"), Entry("1,200")),
                    (next(i for i in leaves if i.type == "yesno"), Entry("是"))]

    def one_field() -> None:
        for indicator, entry in field_inputs:
            check_field(indicator, entry)

    field = median_seconds(one_field, repeat=25, number=2000) / len(field_inputs)
    print(f"catalogue: {catalogue.id} {catalogue.version}, {len(leaves)} leaves for a town, "
          f"{len(catalogue.rules)} rules; score of the sample submission "
          f"{result.score.overall:.2f}")
    print(f"validate + score one complete submission: median {whole * 1e3:.3f} ms "
          f"(target <= 2 ms) {'OK' if whole <= 0.002 else 'OVER'}")
    print(f"check one field: median {field * 1e6:.1f} us (target <= 50 us) "
          f"{'OK' if field <= 50e-6 else 'OVER'}")


if __name__ == "__main__":
    main()
