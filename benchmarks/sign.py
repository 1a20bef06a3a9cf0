"""Figures for signing (not a test): ``.venv/bin/python benchmarks/sign.py [--runs 9]``.

Prints, for the full report of one demo unit (武原街道 2019, 8 pages), inside one running
process after a warm-up (pyHanko imported, fonts registered, as in the window):
- signing: the clerk's then the head's signature with sign_report (checks, stamp drawing,
  pyHanko, writing the file), median (target <= 0.8 s for both);
- verifying the doubly signed file with the county root and its CRL, median (target <= 0.1 s);
and, for context, the `haiyan-desktop verify` command as a whole process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.demo import build_demo
from haiyan_desktop.report import build_report
from haiyan_desktop.signing import Signer, Trust, load_credential, pki, sign_report, verify_report
from haiyan_desktop.store import Store

UNIT, UNIT_NAME, YEAR = "wuyuan", "武原街道", 2019
PASS = "benchmark-passphrase"


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="haiyan-sign-bench-") as folder:
        work = Path(folder)
        build_demo(work / "data")
        # the demo's unit copied into a real store: a sample-data report never verifies
        with Store(work / "data", demo=True, write=False) as demo, \
                Store(work / "real", write=True, actor="张晓明") as store:
            catalogue = default_catalogue()
            for year in (YEAR - 1, YEAR):
                sub = store.open_submission(catalogue, UNIT, year)
                store.set_values(sub, demo.entries(demo.submission(UNIT, year)))
            store.mark_checked(store.submission(UNIT, YEAR))
            report = build_report(store, store.submission(UNIT, YEAR), work / "report.pdf").path
        pki.init_county(work / "ca", PASS)
        ca = pki.open_ca(work / "ca", PASS)
        for role, name in (("clerk", "张晓明"), ("head", "李建国")):
            pki.issue(ca, Signer(name, UNIT, UNIT_NAME, role), PASS, work / f"{role}.p12")
        pki.write_crl(ca, work / "county.crl")
        clerk = load_credential(work / "clerk.p12", PASS)
        head = load_credential(work / "head.p12", PASS)
        trust = Trust.from_files(work / "ca" / pki.ROOT_CERT, [work / "county.crl"])

        def sign_both() -> Path:
            one = sign_report(report, work / "one.pdf", clerk, trust=trust)
            return sign_report(one.path, work / "two.pdf", head, trust=trust).path

        signed = sign_both()  # warm-up: imports, fonts
        assert verify_report(signed, trust).ok
        sign_times, verify_times = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            signed = sign_both()
            sign_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            result = verify_report(signed, trust)
            verify_times.append(time.perf_counter() - start)
            assert result.ok
        process = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "haiyan_desktop.cli", "verify", str(signed),
                            "--trust", str(work / "ca" / pki.ROOT_CERT), "--crl",
                            str(work / "county.crl")], check=True, capture_output=True)
            process.append(time.perf_counter() - start)
        size = signed.stat().st_size
    sign_ms, verify_ms = median_ms(sign_times), median_ms(verify_times)
    print(f"report: {report.name}, signed file {size / 1024:.0f} KiB, {args.runs} runs")
    print(f"sign, clerk then head (in process): median {sign_ms:.0f} ms "
          f"(min {min(sign_times) * 1000:.0f}) — target <= 800 ms: "
          f"{'ok' if sign_ms <= 800 else 'MISSED'}")
    print(f"verify both signatures with root + CRL (in process): median {verify_ms:.0f} ms "
          f"(min {min(verify_times) * 1000:.0f}) — target <= 100 ms: "
          f"{'ok' if verify_ms <= 100 else 'MISSED'}")
    print(f"`haiyan-desktop verify` whole process: median {median_ms(process):.0f} ms")


if __name__ == "__main__":
    main()
