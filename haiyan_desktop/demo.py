"""Demo data (示例数据): Haiyan's 9 townships and its 11 county departments, two years, kept
in their own database.

Every unit's figures come from one model of it (:mod:`.demo_model`), so they fit together and
add up to a county of about 440,000 residents; the few unusual figures carry the comment a
clerk would write. A department reports the county-level indicators it leads, so a clerk who
tries the demo as a bureau sees its own figures. One township's latest year is unfinished
(the domains whose figures it still waits for are empty), about half of the latest year and
every earlier year are marked checked. Rebuilt from scratch on every call.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from .catalogue import Catalogue, catalogue_for_year
from .catalogue.model import Unit
from .demo_model import unit_entries
from .messages import msg
from .store import Store
from .store.faults import translated
from .store.lock import WriteLock
from .store.repository import DATABASE_NAME, DEMO_DATABASE_NAME
from .validation import Entry

DEMO_YEARS = (2018, 2019)
DEMO_ACTOR = "示例数据"
UNFINISHED_UNIT = "tongyuan"  # its latest year is left about a third empty
# ... in these domains: the insurance figures wait for the bureaus' year-end data, culture
# and disability services are not started yet
UNFINISHED_DOMAINS = ("INS", "CUL", "DIS")
BUILDING = "demo-building"  # the folder a new demo database is built in


def _unfinished(catalogue: Catalogue, entries: dict[str, Entry]) -> dict[str, Entry]:
    """What a clerk has entered so far: whole domains are still empty (a catalogue without
    the named domains: its last third)."""
    codes = [d.code for d in catalogue.domains]
    empty = set(UNFINISHED_DOMAINS) & set(codes) or set(codes[-(len(codes) // 3 or 1):])
    return {c: e for c, e in entries.items() if catalogue.index[c].domain not in empty}


def build_demo(data_dir: str | Path, catalogue: Catalogue | None = None, seed: int = 2019,
               progress: Callable[[int, int], None] | None = None) -> Path:
    """Fill ``data_dir``'s demo database; returns its path.

    It is built in ``demo-building/`` and moved into place only when complete: a build that
    fails (a full disk, say) leaves the previous demo data as they were, and raises the
    storage fault told about the demo database.
    """
    data_dir = Path(data_dir)
    catalogue = catalogue or catalogue_for_year(DEMO_YEARS[-1])
    assert catalogue is not None
    target = data_dir / DEMO_DATABASE_NAME
    staging = data_dir / BUILDING
    kept = msg("store.fault_kept_demo", real=str(data_dir / DATABASE_NAME))
    with translated(target, kept):
        data_dir.mkdir(parents=True, exist_ok=True)
        lock = WriteLock(target)  # no other writer of the demo data meanwhile
        lock.acquire()
        try:
            shutil.rmtree(staging, ignore_errors=True)  # left by a build that was killed
            with Store(staging, demo=True, write=True, actor=DEMO_ACTOR) as store:
                _fill(store, catalogue, seed, progress)
            built = staging / DEMO_DATABASE_NAME
            for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
                stale.unlink(missing_ok=True)  # the old demo's: not to be laid over the new
            built.replace(target)
        finally:
            lock.release()
            shutil.rmtree(staging, ignore_errors=True)  # the build's own scratch files
    return target


def demo_units(catalogue: Catalogue) -> list[Unit]:
    """The units the demo data hold: the townships, then the departments."""
    return ([u for u in catalogue.units if u.is_township]
            + [u for u in catalogue.units if u.kind == "department"])


def _fill(store: Store, catalogue: Catalogue, seed: int,
          progress: Callable[[int, int], None] | None) -> None:
    units = demo_units(catalogue)
    steps, done = len(units) * len(DEMO_YEARS), 0
    for n, unit in enumerate(units):
        for year in DEMO_YEARS:
            entries = unit_entries(catalogue, unit, year, seed)
            latest = year == DEMO_YEARS[-1]
            unfinished = latest and unit.code == UNFINISHED_UNIT
            if unfinished:
                entries = _unfinished(catalogue, entries)
            sub = store.open_submission(catalogue, unit.code, year)
            store.set_values(sub, entries, action="demo")
            if not unfinished and (not latest or n % 2 == 0):
                store.mark_checked(sub)
            done += 1
            if progress:
                progress(done, steps)
