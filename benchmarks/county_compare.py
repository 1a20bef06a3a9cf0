"""County comparison speed at province scale: is ``county compare`` over 1,300 units ≤ 1 s?

Zhejiang has about 1,300 towns and subdistricts. This script builds a catalogue with that many
townships (the built-in catalogue's indicators, its departments, generated units: a third
subdistricts, the rest towns), draws each unit's values with
``sample_values.plausible_entries`` (this year) and ``next_year_entries`` (last year, derived
from them), scores them with ``assessment.assess`` and makes the report data the way a report
carries it (``scores_json``). Then it prints medians of:
  - ``compare`` over the year with last year's reports (target ≤ 1 s);
  - the parts of ``county compare --json`` besides starting the process: reading the
    reports of both years from a county database (``CountyStore.accepted``: the JSON of 2 × N
    reports), ``compare``, and writing the result as JSON the way ``print_json`` does;
and a few of the figures themselves (Theil index, its urban-rural split, the most unequal
indicators), so a change of the statistics shows up here too.
Run: .venv/bin/python benchmarks/county_compare.py [--units 1300] [--runs 5] [--no-store]
Try it small first: .venv/bin/python benchmarks/county_compare.py --units 50 --runs 2
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from haiyan_desktop.assessment import assess
from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.catalogue.model import Catalogue, Unit
from haiyan_desktop.county.equalization import OVERALL, compare
from haiyan_desktop.messages import Bilingual
from haiyan_desktop.report.data import fingerprint_of, scores_json
from haiyan_desktop.sample_values import next_year_entries, plausible_entries

YEAR = 2019
TARGET = 1.0


def verdict(seconds: float) -> str:
    return "OK" if seconds <= TARGET else "OVER"


def province_catalogue(units: int) -> Catalogue:
    """The built-in catalogue's indicators and departments with ``units`` generated
    townships (every third a subdistrict)."""
    base = default_catalogue()
    towns = [Unit(f"u{n:04d}", Bilingual(f"第{n}号{'街道' if n % 3 == 0 else '镇'}",
                                         f"{'Subdistrict' if n % 3 == 0 else 'Town'} {n}"),
                  "subdistrict" if n % 3 == 0 else "town")
             for n in range(1, units + 1)]
    departments = [u for u in base.units if u.kind == "department"]
    return dataclasses.replace(base, units=towns + departments, _leaves={})


def payload(catalogue: Catalogue, unit: Unit, year: int, entries: dict) -> dict:
    """The report data of a unit as :func:`haiyan_desktop.report.data.build_payload` lays it
    out (no store involved)."""
    result = assess(catalogue, entries, unit)
    values = result.check.values
    data = {
        "format": "haiyan-desktop/report-data", "format_version": 1,
        "catalogue": {"id": catalogue.id, "version": catalogue.version,
                      "sha256": catalogue.sha256},
        "unit": {"code": unit.code, "name": unit.name.zh, "name_en": unit.name.en,
                 "kind": unit.kind},
        "year": year, "state": "checked", "demo": False, "clerk": "基准测试",
        "values": [{"code": c, "raw": e.raw, "value": values.get(c), "na": e.na,
                    "comment": e.comment} for c, e in entries.items()],
        "problems": [],
        "scores": scores_json(result.score),
        "previous": None,
        "generated_at": f"{year + 1}-01-15T09:00:00+08:00",
    }
    data["fingerprint"] = fingerprint_of(data)
    return data


def build_reports(catalogue: Catalogue, seed: int = 2019) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    now, before = [], []
    for unit in catalogue.units:
        if not unit.is_township:
            continue
        urban = unit.kind == "subdistrict"  # a little ahead, as the seed's county is
        quality = rng.uniform(0.82, 0.98) if urban else rng.uniform(0.72, 0.95)
        last = plausible_entries(catalogue, unit.scope, rng, quality)
        this = next_year_entries(catalogue, unit.scope, last, rng)
        before.append(payload(catalogue, unit, YEAR - 1, last))
        now.append(payload(catalogue, unit, YEAR, this))
    return now, before


def timed(job, runs: int) -> tuple[float, float, object]:
    """The median wall time and median processor time of ``runs`` runs of ``job`` (the
    second tells the program's own cost when other processes share the cores), and the
    result of the last run."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = job()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def county_database(folder: Path, reports: list[dict]) -> Path:
    """A county database holding ``reports`` as accepted (the receiving side's own store)."""
    from haiyan_desktop.county.store import DATABASE_NAME, CountyStore, NewReport

    path = folder / DATABASE_NAME
    with CountyStore.open(path) as store:
        for data in reports:
            text = json.dumps(data, ensure_ascii=False)
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            store.accept(NewReport(sha, data, text, (), f"{data['unit']['code']}.pdf",
                                   f"/bench/{data['unit']['code']}.pdf", len(text)))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1300, help="townships (default 1300)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--no-store", action="store_true",
                        help="skip the figure with the county database")
    args = parser.parse_args()

    catalogue = province_catalogue(args.units)
    leaves = sum(1 for i in catalogue.leaves(None) if i.is_scored)
    start = time.perf_counter()
    now, before = build_reports(catalogue)
    made = time.perf_counter() - start
    print(f"{len(now)} townships × 2 years, {leaves} scored indicators each: report data "
          f"made in {made:.1f} s")

    seconds, cpu, result = timed(lambda: compare(catalogue, now, before), args.runs)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"compare ({len(now)} units, with last year): median {seconds:.3f} s wall "
          f"(target <= {TARGET:.0f} s) {verdict(seconds)}; {cpu:.3f} s of processor time "
          f"{verdict(cpu)} (load average {load} on {os.cpu_count()} cores)")

    if not args.no_store:
        from haiyan_desktop.county.store import CountyStore

        with tempfile.TemporaryDirectory(prefix="haiyan-compare-bench-") as tmp:
            start = time.perf_counter()
            path = county_database(Path(tmp), now + before)
            print(f"county database of {2 * len(now)} reports written in "
                  f"{time.perf_counter() - start:.1f} s "
                  f"({path.stat().st_size / 2**20:.1f} MiB)")

            def read() -> tuple[list[dict], list[dict]]:
                with CountyStore.open(path) as store:
                    return ([r.payload for r in store.accepted(YEAR)],
                            [r.payload for r in store.accepted(YEAR - 1)])

            reading, _, (this_year, last_year) = timed(read, args.runs)
            comparing, _, found = timed(lambda: compare(catalogue, this_year, last_year),
                                        args.runs)
            writing, _, text = timed(lambda: json.dumps(
                found.to_json(), ensure_ascii=False, indent=2), args.runs)
            print(f"county compare --json, in parts (medians): read {2 * len(now)} reports "
                  f"from the county database {reading:.3f} s + compare {comparing:.3f} s + "
                  f"JSON text as print_json writes it {writing:.3f} s "
                  f"({len(text) / 2**20:.1f} MiB) = {reading + comparing + writing:.3f} s")

    overall = result.theil_of(OVERALL)
    print(f"overall score: mean {result.overall.mean:.2f}, median {result.overall.median:.2f}, "
          f"CV {result.overall.cv:.4f}")
    print(f"Theil index of the overall score: total {overall.total:.6f} = between "
          f"{overall.between:.6f} + within {overall.within:.6f} "
          f"(between {overall.between / overall.total:.1%})")
    print("most unequal indicators (CV): " + ", ".join(
        f"{i.code} {i.stats.cv:.3f}" for i in result.most_unequal(5)))
    weak = sum(len(w.indicators) for w in result.weak)
    print(f"weak indicators: {weak} over {len(result.weak)} units; county-level figures: "
          f"{len(result.county_figures)}; indicators more / less equal than last year: "
          f"{result.changes.more_equal} / {result.changes.less_equal}")


if __name__ == "__main__":
    main()
