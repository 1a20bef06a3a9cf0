"""Store speed on a county-sized database: is loading and editing a submission instant?

Builds, in a temporary folder, a database of UNITS units × YEARS years (2000 onwards) with a
complete submission of the built-in catalogue each (one ``set_values`` transaction per
submission), prints how long that took and how big the file is, then prints medians of:
  - loading one submission, i.e. ``store.values`` + ``store.assess`` (target ≤ 20 ms),
  - one audited edit committed with ``set_value`` (target ≤ 10 ms),
  - exporting one submission as .xlsx and reading it back (target ≤ 0.5 s each), when
    ``haiyan_desktop.exchange.template.write_xlsx`` exists.
Run: .venv/bin/python benchmarks/store.py [--units 200] [--years 20] [--repeat 30] [--keep]
Try it small first: .venv/bin/python benchmarks/store.py --units 5 --years 3
"""

from __future__ import annotations

import argparse
import importlib
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.catalogue.model import Unit
from haiyan_desktop.messages import Bilingual
from haiyan_desktop.sample_values import plausible_entries
from haiyan_desktop.store import Store

FIRST_YEAR = 2000
POOL = 12  # distinct complete submissions per unit kind, reused across the database
LOAD_TARGET, EDIT_TARGET, XLSX_TARGET = 0.020, 0.010, 0.5


def verdict(seconds: float, target: float) -> str:
    return "OK" if seconds <= target else "OVER"


def figure(label: str, seconds: float, target: float) -> None:
    print(f"{label}: median {seconds * 1e3:.2f} ms (target <= {target * 1e3:.0f} ms) "
          f"{verdict(seconds, target)}")


def median_of(job, repeat: int) -> float:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        job(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def size_text(path: Path) -> str:
    def mib(p: Path) -> float:
        return p.stat().st_size / 2**20 if p.exists() else 0.0

    wal = Path(f"{path}-wal")
    return f"{mib(path):.1f} MiB (+ {mib(wal):.1f} MiB WAL)"


def build(store: Store, catalogue, units: list[Unit], years: list[int], rng: random.Random
          ) -> None:
    pools: dict[str, list] = {}
    for unit in units:
        if unit.kind not in pools:
            pools[unit.kind] = [plausible_entries(catalogue, unit.kind, random.Random(i))
                                for i in range(POOL)]
    total, done, rejected = len(units) * len(years), 0, 0
    start = time.perf_counter()
    for unit in units:
        for year in years:
            sub = store.open_submission(catalogue, unit.code, year)
            outcome = store.set_values(sub, rng.choice(pools[unit.kind]))
            rejected += len(outcome.rejected)
            done += 1
            if done % max(1, total // 10) == 0:
                elapsed = time.perf_counter() - start
                print(f"  built {done}/{total} submissions in {elapsed:.1f} s "
                      f"({elapsed / done * 1e3:.1f} ms each)", flush=True)
    if rejected:
        print(f"  warning: {rejected} values were rejected while building")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200, help="number of units (default 200)")
    parser.add_argument("--years", type=int, default=20,
                        help=f"number of years from {FIRST_YEAR} (default 20)")
    parser.add_argument("--repeat", type=int, default=30, help="runs per median (default 30)")
    parser.add_argument("--keep", action="store_true", help="keep the database folder")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    catalogue = default_catalogue()
    units = list(catalogue.units)[:args.units]
    for n in range(len(units) + 1, args.units + 1):
        units.append(Unit(f"bench{n:03d}", Bilingual(f"测试镇{n:03d}", f"Bench town {n:03d}"),
                          "town"))
    years = list(range(FIRST_YEAR, FIRST_YEAR + args.years))
    folder = Path(tempfile.mkdtemp(prefix="haiyan-bench-"))
    try:
        store = Store(folder, write=True, actor="benchmark")
        try:
            for unit in units[len(catalogue.units):]:
                store.add_unit(unit)
            print(f"building {len(units)} units x {len(years)} years "
                  f"({years[0]}-{years[-1]}) = {len(units) * len(years)} submissions of "
                  f"{catalogue.id} {catalogue.version} in {folder}")
            start = time.perf_counter()
            build(store, catalogue, units, years, rng)
            took = time.perf_counter() - start
            audit_rows = store.db.execute("SELECT count(*) FROM audit").fetchone()[0]
            entries = store.db.execute("SELECT count(*) FROM entries").fetchone()[0]
            print(f"build: {took:.1f} s, {entries} values, {audit_rows} audit rows, "
                  f"database {size_text(store.path)}")
            measure(store, catalogue, units, years, rng, args.repeat, folder)
        finally:
            store.close()
        print(f"database after the run: {size_text(folder / 'haiyan.sqlite')}")
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def measure(store: Store, catalogue, units: list[Unit], years: list[int],
            rng: random.Random, repeat: int, folder: Path) -> None:
    townships = [u for u in units if u.is_township]
    picks = [store.submission(rng.choice(townships).code, rng.choice(years[1:] or years))
             for _ in range(repeat)]

    def load(i: int) -> None:
        store.values(picks[i])
        store.assess(picks[i])

    store.assess(picks[0])  # the frozen catalogue is parsed once per session, not per load
    figure("load one submission (values + assess)", median_of(load, repeat), LOAD_TARGET)

    sub = picks[0]
    leaf = next(i for i in catalogue.leaves(sub.unit.kind)
                if i.type == "integer" and not i.is_calculated)
    current = store.values(sub)[leaf.code].raw
    low = int(leaf.min or 0)
    alternatives = [str(max(low, int(current) + d)) for d in (1, 2)]

    def edit(i: int) -> None:
        if not store.set_value(sub, leaf.code, alternatives[i % 2]):
            raise SystemExit(f"the edit of {leaf.code} was not stored")

    figure(f"one audited edit committed (set_value {leaf.code})", median_of(edit, repeat),
           EDIT_TARGET)

    try:
        template = importlib.import_module("haiyan_desktop.exchange.template")
        write_xlsx = template.write_xlsx
    except (ImportError, AttributeError):
        print("xlsx export / read back: not available yet "
              "(haiyan_desktop.exchange.template.write_xlsx is missing)")
        return
    from haiyan_desktop.exchange.values_file import read_values

    runs = max(3, min(repeat, 7))
    path = folder / "export.xlsx"
    entries, previous = store.entries(sub), store.previous_values(sub)

    def export(_: int) -> None:
        write_xlsx(path, catalogue, sub.unit, sub.year, entries, previous)

    figure("export one submission as xlsx", median_of(export, runs), XLSX_TARGET)
    rows: list = []

    def read_back(_: int) -> None:
        rows[:] = read_values(path)

    figure("read the xlsx back (read_values)", median_of(read_back, runs), XLSX_TARGET)
    got = {r.code for r in rows}
    if not set(entries) <= got:
        print(f"  warning: {len(set(entries) - got)} of {len(entries)} values were not read "
              "back from the exported file")


if __name__ == "__main__":
    main()
