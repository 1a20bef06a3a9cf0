"""County comparison speed at province scale: is ``county compare`` over 1,300 units ≤ 1 s?

Zhejiang has about 1,300 towns and subdistricts. This script builds a catalogue with that many
townships (the built-in catalogue's indicators and departments with made-up towns, as
``benchmarks/county.py`` does: every fifth a subdistrict), draws each unit's values with
``sample_values.plausible_entries`` (last year) and ``next_year_entries`` (this year, derived
from them), scores them with ``assessment.assess`` and makes the report data the way a report
carries it (``scores_json``).

A county data folder is made once and cached (``--cache``, default
``$XDG_CACHE_HOME/haiyan-desktop-benchmarks/compare-<units>``): a county CA, the catalogue
signed by its office and installed, and a county database holding both years' reports as
accepted (written with ``CountyStore.accept``, what ``county import`` stores once it has
verified a file; the signing and verifying are ``benchmarks/county.py``'s business). A
database cached by an older program is brought up to date by the first command that opens
it (its migration is timed once, apart). Then it prints medians and ranges of:
  - the whole command, as a user runs it: ``haiyan-desktop county compare --year Y`` (text)
    and ``... --json`` in a new process each (target ≤ 1 s), and a command that stops right
    after opening the database (``--year`` without reports: the start of the process, its
    imports and the database's opening); each with its processor time too (what the program
    itself costs when other processes share the cores);
  - the parts of the command, in this process: reading both years' report data from the
    county database (``CountyStore.comparison_data``), finding and loading the catalogue,
    ``compare``, ``Comparison.to_json``, the JSON text and the text lines as the command
    writes them;
  - ``compare`` alone on the full report data in memory (each made into its comparison
    data on the way);
and a few of the figures themselves (Theil index, its urban-rural split, the most unequal
indicators), so a change of the statistics shows up here too.
Run: .venv/bin/python benchmarks/county_compare.py [--units 1300] [--runs 5]
Try it small first: .venv/bin/python benchmarks/county_compare.py --units 50 --runs 2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from county import county_office, timed  # benchmarks/county.py: the same province

from haiyan_desktop.assessment import assess
from haiyan_desktop.catalogue import load_catalogue
from haiyan_desktop.catalogue.model import Catalogue, Unit
from haiyan_desktop.county.equalization import OVERALL, compare
from haiyan_desktop.report.data import fingerprint_of, scores_json
from haiyan_desktop.sample_values import next_year_entries, plausible_entries

YEAR = 2019
TARGET = 1.0
ROOT = Path(__file__).resolve().parent.parent


def verdict(seconds: float) -> str:
    return "OK" if seconds <= TARGET else "OVER"


def default_cache(units: int) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "haiyan-desktop-benchmarks" / f"compare-{units}"


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
    """This year's and last year's report data of every township."""
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


# --- the cached county data folder -------------------------------------------------------------
def prepare(cache: Path, units: int) -> Path:
    """The cache: ``ca/``, ``office.p12``, ``catalogue.yaml``, ``catalogue.hycat`` and the
    county data folder ``data/`` (root, CRL, catalogue installed; ``county.db`` with both
    years' reports). Made once; a half-made data folder is made again."""
    from haiyan_desktop.jobs.catalogues import install_catalogue
    from haiyan_desktop.signing import install_trust, pki

    data, done = cache / "data", cache / "data.complete"
    ca_dir, yaml, package, made = county_office(cache, units)
    if made:  # a new CA or catalogue: the data folder made from the old one is stale
        done.unlink(missing_ok=True)
    if done.is_file():
        return data
    shutil.rmtree(data, ignore_errors=True)
    install_trust(data, ca_dir / pki.ROOT_CERT, ca_dir / pki.CRL_FILE)
    install_catalogue(data, package)
    catalogue = load_catalogue(yaml)
    start = time.perf_counter()
    now, before = build_reports(catalogue)
    print(f"report data of {len(now)} townships × 2 years made in "
          f"{time.perf_counter() - start:.1f} s", flush=True)
    start = time.perf_counter()
    county_database(data, now + before)
    print(f"county database of {2 * len(now)} reports written in "
          f"{time.perf_counter() - start:.1f} s", flush=True)
    done.touch()
    return data


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


# --- measuring ---------------------------------------------------------------------------------
def figure(walls: list[float]) -> str:
    return (f"median {statistics.median(walls):.3f} s (range {min(walls):.3f}–"
            f"{max(walls):.3f})")


def command(data: Path, *extra: str, year: int = YEAR) -> tuple[float, int, int, float]:
    """Seconds, exit status, output size and processor seconds (user and system: what the
    program itself costs when other processes share the cores) of one ``county compare``
    process.

    The process runs as an installed program does, from compiled bytecode: it may write it
    (into ``pycache/`` of the cache, never beside the sources) even where the environment
    says PYTHONDONTWRITEBYTECODE, else every module changed since the last compilation
    would be compiled again on every run."""
    cmd = [sys.executable, "-m", "haiyan_desktop.cli", "--data-dir", str(data), "county",
           "compare", "--year", str(year), *extra]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(data.parent / "pycache")
    with tempfile.TemporaryFile() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        status = subprocess.run(cmd, stdout=out, stderr=subprocess.DEVNULL, cwd=ROOT,
                                env=env).returncode
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        size = out.tell()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, status, size, cpu


def whole_command(data: Path, runs: int) -> None:
    from haiyan_desktop.county.store import SCHEMA_VERSION

    version = _user_version(data / "county.db")
    if version < SCHEMA_VERSION:  # a database cached by an older program: migrated once
        seconds, status, _, _ = command(data, "--json")
        print(f"first command on the cached database of schema {version}, migrated to "
              f"{SCHEMA_VERSION} on the way: {seconds:.2f} s, exit {status}")
    command(data)  # warm: the catalogue's parse cache, the file cache
    for label, extra in (("county compare --year Y", ()),
                         ("county compare --year Y --json", ("--json",))):
        results = [command(data, *extra) for _ in range(runs)]
        walls, cpus = [r[0] for r in results], [r[3] for r in results]
        print(f"whole command `{label}` ({results[-1][2] / 2**20:.1f} MiB out, exit "
              f"{results[-1][1]}): {figure(walls)} (target <= {TARGET:.0f} s) "
              f"{verdict(statistics.median(walls))}; processor time {figure(cpus)}")
    results = [command(data, year=1900) for _ in range(runs)]
    print(f"  of which start, imports, opening the database (a year without reports): "
          f"{figure([r[0] for r in results])}; processor time "
          f"{figure([r[3] for r in results])}")


def _user_version(path: Path) -> int:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def parts(data: Path, runs: int) -> None:
    """The command's steps in this process, as cli_county.py and jobs/equalization.py take
    them (the cycle collector paused as they pause it)."""
    from haiyan_desktop.cli_county import comparison_lines, json_text
    from haiyan_desktop.county.equalization import collector_paused
    from haiyan_desktop.county.store import CountyStore
    from haiyan_desktop.jobs.equalization import catalogue_by_sha256, compare_year

    def read() -> tuple[list, list]:
        with collector_paused(), CountyStore.open(data / "county.db") as store:
            return store.comparison_data(YEAR), store.comparison_data(YEAR - 1)

    def paused(job):
        def run():
            with collector_paused():
                return job()
        return run

    reading, (now, before) = timed(read, runs)
    sha256 = now[0].catalogue_sha256
    finding, catalogue = timed(lambda: catalogue_by_sha256(data, sha256), runs)
    comparing, found = timed(lambda: compare(catalogue, [r.data for r in now],
                                             [r.data for r in before]), runs)
    whole, _ = timed(lambda: compare_year(data, YEAR), runs)
    shaping, tree = timed(paused(found.to_json), runs)
    writing, text = timed(paused(lambda: json_text(tree)), runs)
    lines, _ = timed(paused(lambda: "\n".join(comparison_lines(found, "zh"))), runs)
    print(f"the parts, in this process: read {len(now) + len(before)} reports' comparison "
          f"data {figure(reading)}; find the catalogue {figure(finding)}; compare "
          f"{figure(comparing)}; compare_year (these three) {figure(whole)}; to_json "
          f"{figure(shaping)}; its JSON text {figure(writing)} ({len(text) / 2**20:.1f} MiB); "
          f"the text lines {figure(lines)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1300, help="townships (default 1300)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure")
    parser.add_argument("--cache", type=Path, default=None, help="where the data are kept")
    args = parser.parse_args()

    cache = args.cache or default_cache(args.units)
    data = prepare(cache, args.units)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"county data folder {data} (load average {load} on {os.cpu_count()} cores)")
    whole_command(data, args.runs)
    parts(data, args.runs)

    catalogue = load_catalogue(cache / "catalogue.yaml")
    from haiyan_desktop.county.store import CountyStore

    with CountyStore.open(data / "county.db") as store:
        now = [r.payload for r in store.accepted(YEAR)]
        before = [r.payload for r in store.accepted(YEAR - 1)]
    walls, result = timed(lambda: compare(catalogue, now, before), args.runs)
    print(f"compare alone on the full report data in memory ({len(now)} units, with last "
          f"year): {figure(walls)} {verdict(statistics.median(walls))}")

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
