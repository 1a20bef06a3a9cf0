"""Figures for the PDF report (not a test): ``.venv/bin/python benchmarks/report.py``.

Prints, for the full report of one demo unit:
- the build time inside a running process with the fonts already registered, as in the app
  (median; target ≤ 0.25 s);
- the whole ``haiyan-desktop report`` process beside LibreOffice converting the same unit's
  exported .xlsx to PDF (``soffice --headless --convert-to pdf``, private profile, warmed up
  once), as a ratio (target: ours ≥ 2.5× faster);
- the file size (target ≤ 1 MB) and the peak memory of the report process (target ≤ 250 MB);
- the 9 demo townships' reports built in one process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from haiyan_desktop.demo import DEMO_YEARS, build_demo
from haiyan_desktop.report import build_report, register_fonts
from haiyan_desktop.store import Store


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (bytes) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {err}")
    if proc.stderr:
        proc.stderr.close()
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return elapsed, usage.ru_maxrss * scale


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("haiyan-desktop")
    return [str(script)] if script.exists() else [sys.executable, "-m", "haiyan_desktop.cli"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", default="wuyuan", help="demo unit (default: wuyuan)")
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median)")
    args = parser.parse_args()
    year = DEMO_YEARS[-1]
    with tempfile.TemporaryDirectory(prefix="haiyan-report-bench-") as tmp:
        work = Path(tmp)
        data = work / "data"
        build_demo(data)
        out = work / "report.pdf"

        # 1. inside a running process, fonts registered once (the window's case)
        started = time.perf_counter()
        register_fonts()
        font_time = time.perf_counter() - started
        times = []
        with Store(data, demo=True, write=False) as store:
            sub = store.submission(args.unit, year)
            info = build_report(store, sub, out)  # first build: lazy imports, caches
            for _ in range(args.runs):
                started = time.perf_counter()
                build_report(store, sub, out)
                times.append(time.perf_counter() - started)
            in_process = statistics.median(times)
            # 5. all demo units in one run
            started = time.perf_counter()
            all_units = []
            for unit_sub in (s for s in store.submissions()
                             if s.year == year and s.unit.is_township):
                unit_info = build_report(store, unit_sub, work / f"{unit_sub.unit.code}.pdf")
                all_units.append((unit_sub.unit.code, unit_info.pages,
                                  unit_info.path.stat().st_size))
            all_time = time.perf_counter() - started
        size = out.stat().st_size

        # 2. the whole `haiyan-desktop report` process, as installed: with compiled bytecode
        # (a first, unmeasured run writes it even where PYTHONDONTWRITEBYTECODE is set)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["HAIYAN_LANG"] = "zh"
        cmd = [*cli_command(), "--data-dir", str(data), "--demo", "report", "--unit", args.unit,
               "--year", str(year), "-o", str(work / "cli.pdf")]
        run_measured(cmd, env)
        process_runs = [run_measured(cmd, env) for _ in range(args.runs)]
        process_time = statistics.median(t for t, _ in process_runs)
        peak = max(m for _, m in process_runs)

        # 3. LibreOffice converting the same unit's exported workbook
        xlsx = work / f"{args.unit}-{year}.xlsx"
        run_measured([*cli_command(), "--data-dir", str(data), "--demo", "export", "--unit",
                      args.unit, "--year", str(year), "-o", str(xlsx)], env)
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        office_time = None
        if soffice:
            profile = (work / "lo-profile").as_uri()
            office = [soffice, f"-env:UserInstallation={profile}", "--headless",
                      "--convert-to", "pdf", "--outdir", str(work / "lo"), str(xlsx)]
            run_measured(office)  # the first start creates the private profile
            office_time = statistics.median(run_measured(office)[0]
                                            for _ in range(max(3, args.runs // 2)))

    mb = 1024 * 1024
    print(f"Report of demo unit {args.unit} {year}: {info.pages} pages, "
          f"fingerprint {info.fingerprint[:16]}")
    print(f"  font registration (once per process):  {font_time * 1000:7.0f} ms")
    print(f"  build in a running process (median of {args.runs}): {in_process * 1000:7.0f} ms"
          f"   target ≤ 250 ms  {verdict(in_process <= 0.25)}")
    print(f"  `haiyan-desktop report` process (median): {process_time * 1000:7.0f} ms")
    if office_time is not None:
        ratio = office_time / process_time
        print(f"  LibreOffice xlsx → pdf (median):        {office_time * 1000:7.0f} ms")
        print(f"  ratio LibreOffice / ours:               {ratio:7.2f} ×"
              f"   target ≥ 2.5 ×  {verdict(ratio >= 2.5)}")
    else:
        print("  LibreOffice (soffice) not found: no comparison")
    print(f"  file size:                              {size / 1024:7.0f} KiB"
          f"   target ≤ 1 MB  {verdict(size <= mb)}")
    print(f"  peak memory of the report process:      {peak / mb:7.0f} MiB"
          f"   target ≤ 250 MB  {verdict(peak <= 250 * 1000 * 1000)}")
    print(f"The {len(all_units)} townships' reports in one process: {all_time:.2f} s "
          f"({all_time / max(1, len(all_units)) * 1000:.0f} ms each)")
    for code, pages, nbytes in all_units:
        print(f"  {code:<12} {pages:>3} pages  {nbytes / 1024:6.0f} KiB")


if __name__ == "__main__":
    main()
