"""Excel template speed: is exporting and reading back one unit's values instant?

Prints the median time to write the .xlsx template of one complete submission of the built-in
catalogue (a town, with last year's values) and to read it back into entries (target ≤ 0.5 s
each), plus the first run, which also imports openpyxl.
Run: .venv/bin/python benchmarks/exchange.py
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.exchange.template import write_csv, write_xlsx
from haiyan_desktop.exchange.values_file import read_values, rows_to_entries
from haiyan_desktop.sample_values import plausible_entries

TARGET = 0.5


def timed(job) -> float:
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def main() -> None:
    catalogue = default_catalogue()
    unit = next(u for u in catalogue.units if u.kind == "town")
    entries = plausible_entries(catalogue, unit.kind, random.Random(1))
    previous = {c: e.raw for c, e in plausible_entries(catalogue, unit.kind,
                                                        random.Random(2)).items()}
    year = catalogue.years[-1]
    with tempfile.TemporaryDirectory() as folder:
        xlsx, csv = Path(folder) / "template.xlsx", Path(folder) / "values.csv"

        def export() -> None:
            write_xlsx(xlsx, catalogue, unit, year, entries, previous)

        def read_back() -> None:
            found, problems = rows_to_entries(read_values(xlsx))
            assert len(found) == len(catalogue.leaves(unit.kind)) and not problems

        def export_csv() -> None:
            write_csv(csv, catalogue, unit, year, entries)

        def read_csv() -> None:
            rows_to_entries(read_values(csv))

        first_export, first_read = timed(export), timed(read_back)
        runs = 15
        write = statistics.median(timed(export) for _ in range(runs))
        read = statistics.median(timed(read_back) for _ in range(runs))
        csv_write = statistics.median(timed(export_csv) for _ in range(runs))
        csv_read = statistics.median(timed(read_csv) for _ in range(runs))
        size = xlsx.stat().st_size

    print(f"catalogue: {catalogue.id} {catalogue.version}, {len(catalogue.leaves(unit.kind))} "
          f"leaves for a town; template {size / 1024:.0f} KiB")
    for label, seconds in (("export .xlsx template", write), ("read .xlsx back", read)):
        print(f"{label}: median {seconds * 1e3:.1f} ms (target <= {TARGET * 1e3:.0f} ms) "
              f"{'OK' if seconds <= TARGET else 'OVER'}")
    print(f"first run incl. importing openpyxl: export {first_export * 1e3:.1f} ms, "
          f"read {first_read * 1e3:.1f} ms")
    print(f"CSV: export median {csv_write * 1e3:.2f} ms, read median {csv_read * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
