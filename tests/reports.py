"""Real (not sample) data and reports for the signing tests.

The session's ``unsigned_report`` and ``signed_report`` (tests/conftest.py) are built from the
demo database, and a sample-data report never verifies as acceptable. The tests of everything
else about signatures use the same submission copied into a real store: the values of 武原街道
2018 and 2019 as the demo has them, 2019 checked, entered by the test county's clerk.
"""

from __future__ import annotations

import io
from pathlib import Path

from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.store import Store
from tests.county import CLERK_NAME, UNIT, YEAR


def real_store_from_demo(demo_dir: Path, folder: Path) -> Path:
    """``folder`` holding a real store with the demo's 武原街道 of last year and this year,
    this year checked; returns ``folder``."""
    catalogue = default_catalogue()
    with Store(demo_dir, demo=True, write=False) as demo, \
            Store(folder, write=True, actor=CLERK_NAME) as real:
        for year in (YEAR - 1, YEAR):
            source = demo.submission(UNIT, year)
            assert source.catalogue_sha256 == catalogue.sha256
            sub = real.open_submission(catalogue, UNIT, year)
            outcome = real.set_values(sub, demo.entries(source))
            assert not outcome.rejected, outcome.rejected
        real.mark_checked(real.submission(UNIT, YEAR))
        assert not real.is_demo
    return folder


def real_report(data_dir: Path, out: Path) -> Path:
    """The report of 武原街道 of this year from the real store at ``data_dir``."""
    from haiyan_desktop.report import build_report

    with Store(data_dir, write=False) as store:
        build_report(store, store.submission(UNIT, YEAR), out)
    return out


def signed_by_both(report: Path, county, out: Path) -> Path:
    """``report`` signed by the county's good clerk, then its good head (no store involved)."""
    from haiyan_desktop.signing import sign_field

    one, _ = sign_field(report.read_bytes(), "clerk", county.credential("clerk"))
    two, _ = sign_field(one, "head", county.credential("head"))
    out.write_bytes(two)
    return out


# --- changes made after signing, as an incremental update (pyHanko's writer) ------------------
def incremental_update(content: bytes, change) -> bytes:
    """``content`` with ``change(writer)`` appended as an incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def paint_over(writer) -> None:
    """Paint a white box over part of page 2 (where values stand)."""
    from pyhanko.pdf_utils import generic

    ref = writer.add_object(generic.StreamObject(
        stream_data=b"q 1 1 1 rg 300 300 240 300 re f Q"))
    writer.add_stream_to_page(1, ref)
