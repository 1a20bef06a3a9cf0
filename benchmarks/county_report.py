"""County summary report speed: is ``county report`` for 100 units ≤ 5 s?

The county data folder is the one ``benchmarks/county.py`` makes: its own catalogue with
``--units`` townships, a county CA, the catalogue signed and installed, and one report per
unit of real values, signed by the unit's clerk and head (made once and cached under
``$XDG_CACHE_HOME/haiyan-desktop-benchmarks/county-<units>``). The reports are received with
the county's own import (``jobs.county.import_reports``: verified on every core) into a county
database kept beside them (``summary-data/``), once.

Then it prints, over ``--runs`` runs in this process (the first one apart: it registers the
fonts and loads reportlab), the seconds of:
  - the whole job, ``jobs.summary.county_report`` (target ≤ 5 s): the comparison and the
    status read from the county database, the PDF laid out and written;
  - its parts: ``compare_year``, ``county_status``, and laying out the PDF;
  - the job with the county office's signature (``--sign``);
and the pages and size of the file, and one run of the command as a user runs it
(``haiyan-desktop county report``, a new process: its start and imports included).
Run: .venv/bin/python benchmarks/county_report.py [--units 100] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from county import PASS, county_folder, default_cache, prepare, timed  # benchmarks/county.py

YEAR = 2019
TARGET = 5.0
ROOT = Path(__file__).resolve().parent.parent


def verdict(seconds: float) -> str:
    return "OK" if seconds <= TARGET else "OVER"


def received_folder(cache: Path, reports: list[Path]) -> Path:
    """The county data folder with every report received (made once, kept in the cache)."""
    from haiyan_desktop.jobs import DataFolder
    from haiyan_desktop.jobs.county import import_reports

    data, done = cache / "summary-data", cache / "summary-data.complete"
    if done.is_file():
        return data
    shutil.rmtree(data, ignore_errors=True)
    county_folder(cache, data)
    start = time.perf_counter()
    result = import_reports(DataFolder.at(data), reports)
    print(f"{result.accepted} of {len(reports)} reports received in "
          f"{time.perf_counter() - start:.1f} s (once; kept in {data})", flush=True)
    if result.accepted != len(reports):
        sys.exit("not every report was accepted: see `county status`")
    done.touch()
    return data


def spread(times: list[float]) -> str:
    return (f"median {statistics.median(times):.2f} s (min {min(times):.2f}, "
            f"max {max(times):.2f}, {len(times)} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100, help="townships (default 100)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=None, help="where the reports are kept")
    args = parser.parse_args()

    from haiyan_desktop.jobs import DataFolder
    from haiyan_desktop.jobs.county import county_status
    from haiyan_desktop.jobs.equalization import catalogue_by_sha256, compare_year
    from haiyan_desktop.jobs.summary import county_report
    from haiyan_desktop.signing import load_credential

    cache = args.cache or default_cache(args.units)
    reports = prepare(cache, args.units)
    data = received_folder(cache, reports)
    folder = DataFolder.at(data)
    with tempfile.TemporaryDirectory(prefix="haiyan-summary-bench-") as work:
        out = Path(work) / "summary.pdf"
        start = time.perf_counter()
        first = county_report(folder, YEAR, out)
        print(f"first run (fonts registered, reportlab loaded): "
              f"{time.perf_counter() - start:.2f} s")
        times, result = timed(lambda: county_report(folder, YEAR, out), args.runs)
        median = statistics.median(times)
        print(f"county summary of {result.units} units, {result.pages} pages, "
              f"{out.stat().st_size / 1024:.0f} kB: {spread(times)} "
              f"(target ≤ {TARGET:.0f} s: {verdict(median)})")
        assert first.fingerprint == result.fingerprint
        compare_times, comparison = timed(lambda: compare_year(folder, YEAR), args.runs)
        status_times, status = timed(lambda: county_status(folder, YEAR), args.runs)
        from haiyan_desktop.county.summary import build_summary

        catalogue = catalogue_by_sha256(data, comparison.catalogue["sha256"])
        build_times, _ = timed(lambda: build_summary(comparison, status, out, "zh", catalogue),
                               args.runs)
        print(f"  compare_year {spread(compare_times)}")
        print(f"  county_status {spread(status_times)}")
        print(f"  laying out and writing the PDF {spread(build_times)}")
        office = load_credential(cache / "office.p12", PASS)
        signed_times, _signed = timed(
            lambda: county_report(folder, YEAR, out, credential=office), max(1, args.runs // 2))
        print(f"with the county office's signature: {spread(signed_times)} "
              f"(target ≤ {TARGET:.0f} s: {verdict(statistics.median(signed_times))})")
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "haiyan_desktop.cli", "--data-dir",
                              str(data), "county", "report", "--year", str(YEAR), "-o",
                              str(Path(work) / "cli.pdf")], capture_output=True, text=True,
                             cwd=ROOT)
        seconds = time.perf_counter() - start
        print(f"`haiyan-desktop county report` as a new process: {seconds:.2f} s, exit "
              f"{run.returncode} (target ≤ {TARGET:.0f} s: {verdict(seconds)})")
        if run.returncode:
            print(run.stderr.strip())


if __name__ == "__main__":
    main()
