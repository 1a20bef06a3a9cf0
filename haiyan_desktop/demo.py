"""Demo data (示例数据): Haiyan's 9 townships, two years, kept in their own database.

Values come from :mod:`.sample_values`; a few warnings carry comments, one unit's latest year
is unfinished, earlier years are marked checked. Rebuilt from scratch on every call.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

from .catalogue import Catalogue, catalogue_for_year
from .catalogue.indicator_types import indicator_type
from .messages import msg
from .sample_values import next_year_entries, plausible_entries
from .store import Store, Submission
from .store.faults import translated
from .store.lock import WriteLock
from .store.repository import DATABASE_NAME, DEMO_DATABASE_NAME
from .validation import Entry

DEMO_YEARS = (2018, 2019)
DEMO_ACTOR = "示例数据"
UNFINISHED_UNIT = "tongyuan"  # its latest year is left a third empty
WARNING_COMMENT = "示例说明：数值已与原始台账核对无误（示例数据）"
BUILDING = "demo-building"  # the folder a new demo database is built in


def _explain_warnings(store: Store, sub: Submission) -> None:
    """Comment every open warning, as a careful clerk would."""
    current = store.entries(sub)
    comments = {}
    for problem in store.assess(sub).check.open_warnings:
        entry = current.get(problem.code, Entry())
        comments[problem.code] = Entry(entry.raw, WARNING_COMMENT, entry.na)
    if comments:
        store.set_values(sub, comments, action="demo")


def _outliers(catalogue: Catalogue, kind: str, rng: random.Random) -> dict[str, Entry]:
    """A couple of values just outside their expected range, explained by a comment."""
    linked = {n for i in catalogue.walk() if i.formula for n in i.formula.names}
    linked |= {c for rule in catalogue.rules for c in rule.codes}
    candidates = [i for i in catalogue.leaves(kind) if i.code not in linked
                  and not i.is_calculated and i.expected_max is not None and i.max is not None
                  and indicator_type(i.type).numeric and i.expected_max < i.max]
    picked = rng.sample(candidates, k=min(2, len(candidates)))
    out = {}
    for ind in picked:
        value = min(ind.max, ind.expected_max * 1.15)  # type: ignore[operator]
        decimals = ind.decimals or 0
        out[ind.code] = Entry(f"{value:.{decimals}f}", WARNING_COMMENT)
    return out


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
                _fill(store, catalogue, random.Random(seed), progress)
            built = staging / DEMO_DATABASE_NAME
            for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
                stale.unlink(missing_ok=True)  # the old demo's: not to be laid over the new
            built.replace(target)
        finally:
            lock.release()
            shutil.rmtree(staging, ignore_errors=True)  # the build's own scratch files
    return target


def _fill(store: Store, catalogue: Catalogue, rng: random.Random,
          progress: Callable[[int, int], None] | None) -> None:
    units = [u for u in catalogue.units if u.is_township]
    steps, done = len(units) * len(DEMO_YEARS), 0
    for n, unit in enumerate(units):
        quality = rng.uniform(0.8, 0.97)
        entries = plausible_entries(catalogue, unit.scope, rng, quality)
        for year in DEMO_YEARS:
            if year != DEMO_YEARS[0]:  # a unit changes a little from one year to the next
                entries = next_year_entries(catalogue, unit.scope, entries, rng)
            latest = year == DEMO_YEARS[-1]
            if latest and n % 4 == 1:
                entries.update(_outliers(catalogue, unit.scope, rng))
            if latest and unit.code == UNFINISHED_UNIT:
                keep = sorted(entries)[: len(entries) * 2 // 3]
                entries = {c: entries[c] for c in keep}
            sub = store.open_submission(catalogue, unit.code, year)
            store.set_values(sub, entries, action="demo")
            _explain_warnings(store, sub)
            if not (latest and unit.code == UNFINISHED_UNIT) and (not latest or n % 2 == 0):
                store.mark_checked(sub)
            done += 1
            if progress:
                progress(done, steps)
