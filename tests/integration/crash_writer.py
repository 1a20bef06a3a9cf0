"""Child process of test_store_crash.py: writes values into a store until it is killed.

Usage: python crash_writer.py DATA_DIR [SEED]

Opens the store for writing (so it must get the write lock), opens the 2019 submission of
``shendang`` and prints ``READY``. Then, forever, it cycles through the numeric, non-calculated
leaves of the built-in catalogue and gives each a new valid value: before each call it prints
``TRY <code> <raw>``, and after ``set_value`` returned (the transaction is committed) it prints
``ACK <code> <raw>``; every line is flushed at once, so the parent knows exactly what was
acknowledged when it kills this process. Any surprise is printed as ``ERR ...`` with exit
status 3. It stops by itself after ``MAX_SECONDS`` in case the parent died.
"""

from __future__ import annotations

import random
import sys
import time

from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.sample_values import plausible_entries
from haiyan_desktop.store import Store

UNIT = "shendang"
YEAR = 2019
MAX_SECONDS = 60.0


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def numeric_codes(catalogue, kind: str) -> list[str]:
    return [i.code for i in catalogue.leaves(kind) if i.is_numeric and not i.is_calculated]


def main(argv: list[str]) -> int:
    data_dir = argv[1]
    seed = int(argv[2]) if len(argv) > 2 else 0
    rng = random.Random(seed)
    catalogue = default_catalogue()
    unit = catalogue.unit(UNIT)
    assert unit is not None
    codes = numeric_codes(catalogue, unit.kind)
    store = Store(data_dir, write=True, actor="crash-writer")
    submission = store.open_submission(catalogue, UNIT, YEAR)
    current = {code: v.raw for code, v in store.values(submission).items()}
    say("READY")

    def draw() -> dict[str, str]:
        entries = plausible_entries(catalogue, unit.kind, random.Random(rng.randrange(2**32)))
        return {code: str(entries[code].raw) for code in codes}

    pool = draw()
    started = time.monotonic()
    while time.monotonic() - started < MAX_SECONDS:
        for code in codes:
            raw = pool[code]
            while current.get(code) is not None and float(raw) == float(current[code]):
                pool = draw()  # the same number again would be stored as "unchanged"
                raw = pool[code]
            say(f"TRY {code} {raw}")
            if not store.set_value(submission, code, raw):
                say(f"ERR {code} {raw} was not stored (unchanged?)")
                return 3
            say(f"ACK {code} {raw}")
            current[code] = raw
        pool = draw()
    store.close()
    say("DONE")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
