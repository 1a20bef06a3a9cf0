"""Figures for the county desk's import (not a test): ``.venv/bin/python benchmarks/county.py``.

Builds its own catalogue with ``--units`` townships (default 1,300: every town and subdistrict
of Zhejiang), a county CA, a signed and installed copy of that catalogue, and one report per
unit of real (not sample) values from the sample-values generator, signed by the unit's own
clerk and head. The reports are made once, in parallel, and cached (``--cache``, default
``$XDG_CACHE_HOME/haiyan-desktop-benchmarks/county-<units>``); later runs reuse them.

Then, for each size in ``--sizes`` (default 100 and all units), `haiyan-desktop county import
FOLDER` runs as a whole process on a fresh county database and the benchmark prints: the
seconds, the time per report, the peak memory of the largest process (``ru_maxrss``, the
import and its worker processes) and of the whole process tree at once (sampled), and whether
every report was accepted. Targets: 100 reports ≤ 10 s, 1,300 ≤ 120 s, the time per report
flat within 20 %, peak memory ≤ 500 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

PASS = "benchmark-passphrase"
YEAR = 2019
ROOT = Path(__file__).resolve().parent.parent


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def default_cache(units: int) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "haiyan-desktop-benchmarks" / f"county-{units}"


# --- the catalogue, the CA and the reports (made once, cached) ---------------------------------
def catalogue_text(units: int) -> str:
    """The built-in catalogue with ``units`` townships: its own, then made-up towns (every
    fifth a subdistrict), under its own version."""
    from haiyan_desktop.catalogue import default_catalogue

    builtin = default_catalogue()
    text = Path(builtin.path).read_text(encoding="utf-8")
    own = sum(1 for u in builtin.units if u.is_township)
    lines = []
    for n in range(1, max(0, units - own) + 1):
        kind = "subdistrict" if n % 5 == 0 else "town"
        label = ("街道", "Subdistrict") if kind == "subdistrict" else ("镇", "Town")
        lines.append(f"  - {{code: b{n:04d}, name: 模拟{n}{label[0]}, "
                     f'name_en: "Bench {label[1]} {n}", kind: {kind}}}\n')
    text, count = re.subn(r"(?m)^units:[ \t]*\n", lambda m: m.group(0) + "".join(lines), text,
                          count=1)
    assert count == 1, "no units: list in the catalogue"
    text, count = re.subn(r'(?m)^version:.*$', f'version: "bench-{units}"', text, count=1)
    assert count == 1
    return text


def county_office(cache: Path, units: int) -> tuple[Path, Path, Path, bool]:
    """The county's side, made once in ``cache``: its CA (``ca/``, with a CRL), the office's
    certificate (``office.p12``), the catalogue of ``units`` townships (``catalogue.yaml``)
    and its signed package (``catalogue.hycat``). Returns the CA folder, the catalogue, the
    package and whether anything was made now (what was made from them is stale then)."""
    from haiyan_desktop.signing import Signer, load_credential, pki
    from haiyan_desktop.signing.catalogue_package import sign_catalogue_file
    from haiyan_desktop.signing.identity import COUNTY_UNIT_CODE, COUNTY_UNIT_NAME

    cache.mkdir(parents=True, exist_ok=True)
    ca_dir, yaml, package = cache / "ca", cache / "catalogue.yaml", cache / "catalogue.hycat"
    made = False
    if not (ca_dir / pki.ROOT_CERT).is_file():
        shutil.rmtree(ca_dir, ignore_errors=True)
        pki.init_county(ca_dir, PASS)
        ca = pki.open_ca(ca_dir, PASS)
        pki.write_crl(ca, ca_dir / pki.CRL_FILE)
        pki.issue(ca, Signer("评估办", COUNTY_UNIT_CODE, COUNTY_UNIT_NAME, "county"), PASS,
                  cache / "office.p12")
        yaml.write_text(catalogue_text(units), encoding="utf-8")
        package.unlink(missing_ok=True)
    if not package.is_file():
        sign_catalogue_file(yaml, package, load_credential(cache / "office.p12", PASS))
        made = True
    return ca_dir, yaml, package, made


def timed(job, runs: int) -> tuple[list[float], object]:
    """The wall times of ``runs`` runs of ``job`` and the result of the last run."""
    walls, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = job()
        walls.append(time.perf_counter() - start)
    return walls, result


def prepare(cache: Path, units: int) -> list[Path]:
    """The cache: ``ca/``, ``catalogue.yaml``, ``catalogue.hycat``, ``reports/*.pdf``."""
    from haiyan_desktop.catalogue import load_catalogue

    _ca_dir, yaml, _package, _made = county_office(cache, units)
    catalogue = load_catalogue(yaml)
    codes = [u.code for u in catalogue.units if u.is_township]
    reports = cache / "reports"
    reports.mkdir(exist_ok=True)
    todo = [c for c in codes if not (reports / f"{c}.pdf").is_file()]
    if todo:
        print(f"making {len(todo)} signed reports (cached in {reports}) ...", flush=True)
        started, done = time.perf_counter(), 0
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            for _ in pool.map(make_report, [(str(cache), c) for c in todo], chunksize=4):
                done += 1
                if done % 50 == 0 or done == len(todo):
                    print(f"  {done}/{len(todo)}  {time.perf_counter() - started:.0f} s",
                          flush=True)
    return [reports / f"{c}.pdf" for c in codes]


def make_report(job: tuple[str, str]) -> str:
    """One unit's report: certificates, a real store, values, the report, two signatures."""
    from haiyan_desktop.catalogue import load_cached
    from haiyan_desktop.report import build_report
    from haiyan_desktop.sample_values import plausible_entries
    from haiyan_desktop.signing import Signer, load_credential, pki, sign_field
    from haiyan_desktop.store import Store
    from haiyan_desktop.validation import Entry

    cache, code = Path(job[0]), job[1]
    catalogue = load_cached(cache / "catalogue.yaml")
    unit = next(u for u in catalogue.units if u.code == code)
    out = cache / "reports" / f"{code}.pdf"
    with tempfile.TemporaryDirectory(prefix="haiyan-county-bench-") as folder:
        work = Path(folder)
        shutil.copytree(cache / "ca", work / "ca")  # its own registry: no writers clash
        ca = pki.open_ca(work / "ca", PASS)
        credentials = {}
        for role in ("clerk", "head"):
            p12 = work / f"{role}.p12"
            pki.issue(ca, Signer(f"{unit.name.zh}{role}", code, unit.name.zh, role), PASS, p12)
            credentials[role] = load_credential(p12, PASS)
        rng = random.Random(code)
        with Store(work / "data", write=True, actor=f"{unit.name.zh}填报员") as store:
            sub = store.open_submission(catalogue, code, YEAR)
            store.set_values(sub, plausible_entries(catalogue, unit.scope, rng,
                                                    rng.uniform(0.75, 0.97)))
            problems, _missing = store.blocking_problems(sub)
            entries = store.entries(sub)
            answers = {p.code: Entry(entries[p.code].raw, "已核实", entries[p.code].na)
                       for p in problems if not p.is_error and p.code in entries}
            if answers:
                store.set_values(sub, answers)
            sub = store.mark_checked(sub)
            report = build_report(store, sub, work / "report.pdf").path
        content, _ = sign_field(report.read_bytes(), "clerk", credentials["clerk"])
        content, _ = sign_field(content, "head", credentials["head"])
        partial = out.with_suffix(".partial")
        partial.write_bytes(content)
        partial.replace(out)
    return code


def county_folder(cache: Path, where: Path) -> Path:
    """A fresh county data folder: the root and CRL, the catalogue installed."""
    from haiyan_desktop.jobs.catalogues import install_catalogue
    from haiyan_desktop.signing import install_trust, pki

    install_trust(where, cache / "ca" / pki.ROOT_CERT, cache / "ca" / pki.CRL_FILE)
    install_catalogue(where, cache / "catalogue.hycat")
    return where


# --- measuring ---------------------------------------------------------------------------------
def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and all its descendants now (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def timed_import(data: Path, folder: Path) -> tuple[float, int, int, str, int]:
    """Seconds, largest process's peak RSS, peak RSS of the tree, output, exit status."""
    cmd = [sys.executable, "-m", "haiyan_desktop.cli", "--data-dir", str(data), "county",
           "import", "--json", str(folder)]
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, cwd=ROOT)
        peak, stop = [0], threading.Event()

        def sample() -> None:
            while not stop.wait(0.05):
                peak[0] = max(peak[0], tree_rss(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        stop.set()
        sampler.join()
        out.seek(0)
        text = out.read().decode("utf-8")
    return elapsed, usage.ru_maxrss * 1024, peak[0], text, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1300, help="townships (default 1300)")
    parser.add_argument("--sizes", default=None,
                        help="comma-separated import sizes (default: 100 and --units)")
    parser.add_argument("--cache", type=Path, default=None, help="where the reports are kept")
    args = parser.parse_args()
    import json

    cache = args.cache or default_cache(args.units)
    started = time.perf_counter()
    reports = prepare(cache, args.units)
    print(f"{len(reports)} signed reports ready in {cache} "
          f"({time.perf_counter() - started:.0f} s)")
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else \
        sorted({min(100, len(reports)), len(reports)})
    per_report = {}
    with tempfile.TemporaryDirectory(prefix="haiyan-county-bench-") as folder:
        work = Path(folder)
        for size in sizes:
            chosen = work / f"stick-{size}"
            chosen.mkdir()
            for path in reports[:size]:
                os.link(path, chosen / path.name)  # the cached files, not copies
            data = county_folder(cache, work / f"data-{size}")
            seconds, largest, tree, output, status = timed_import(data, chosen)
            summary = json.loads(output)["summary"] if output.strip() else {}
            per_report[size] = seconds / size
            target = 10 if size <= 100 else 120 * size / 1300
            print(f"import {size:>5} reports: {seconds:6.1f} s (target ≤ {target:.0f} s: "
                  f"{verdict(seconds <= target)}), {per_report[size] * 1000:.0f} ms per report; "
                  f"accepted {summary.get('accepted')}/{size}, exit {status}; "
                  f"peak memory: largest process {largest / 2**20:.0f} MB, all processes "
                  f"together {tree / 2**20:.0f} MB (target ≤ 500 MB: "
                  f"{verdict(tree <= 500 * 2**20)})", flush=True)
    if len(per_report) > 1:
        low, high = min(per_report), max(per_report)
        small, large = per_report[low], per_report[high]
        change = (large - small) / small * 100
        marginal = (large * high - small * low) / (high - low)
        print(f"time per report {low} → {high}: {change:+.0f} % (target within ±20 %: "
              f"{verdict(abs(change) <= 20)}; the start of the process and its workers is "
              f"spread over more reports); each report beyond the first {low}: "
              f"{marginal * 1000:.0f} ms")


if __name__ == "__main__":
    main()
