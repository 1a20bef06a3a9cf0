"""`catalogue diff`: what changed between last year's catalogue and this year's.

The new catalogue is valid-small.yaml edited the way a county edits one for a new year: a
target raised, an indicator recoded (``replaces`` names its old code), one added, one retired,
a unit added. The expected changes are written out by hand.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from haiyan_desktop.catalogue import parse_catalogue
from haiyan_desktop.catalogue.diff import diff_catalogues

HERE = Path(__file__).resolve().parent
VALID = HERE.parent / "fixtures" / "catalogues" / "valid-small.yaml"
OLD_TEXT = VALID.read_text(encoding="utf-8")


def next_year() -> str:
    text = OLD_TEXT.replace('version: "test.1"', 'version: "test.2"')
    text = text.replace("        target: 15\n", "        target: 14\n")  # EDU02 raised
    # EDU03 recoded EDU04, with a new name: last year's value follows it
    text = text.replace("      - code: EDU03\n        name: 学校标准化建设等级\n",
                        "      - code: EDU04\n        replaces: EDU03\n"
                        "        name: 学校标准化建设水平\n")
    # HEA01 retired; HEA03 added with the same weight
    start = text.index("      - code: HEA01")
    end = text.index("      - code: HEA02")
    added = ("      - code: HEA03\n        name: 家庭医生签约率\n        name_en: Family doctor "
             "contracts\n        weight: 60\n        type: percent\n        target: 70\n"
             "        direction: higher\n        definition: 签约人数 ÷ 常住人口\n"
             "        definition_en: Contracted ÷ residents\n        source: 卫健统计\n"
             "        source_en: Health statistics\n        lead_unit: health_bureau\n")
    text = text[:start] + added + text[end:]
    # R03 was about HEA01: retired with it
    text = text[:text.index("  - id: R03")]
    return text.replace("  - {code: baibu,",
                        "  - {code: ganpu, name: 澉浦镇, name_en: Ganpu Town, kind: town}\n"
                        "  - {code: baibu,")


def test_the_changes_of_a_year_are_listed_as_written_by_hand():
    old = parse_catalogue(OLD_TEXT, "old.yaml")
    new = parse_catalogue(next_year(), "new.yaml")
    result = diff_catalogues(old, new)
    listed = {(c.kind, c.status, c.code, c.old_code): {f.field: (f.old, f.new) for f in c.fields}
              for c in result.changes}
    assert listed == {
        ("setting", "changed", "valid-small", None): {"version": ("test.1", "test.2")},
        ("unit", "added", "ganpu", None): {},
        ("indicator", "changed", "EDU02", None): {"target": (15.0, 14.0)},
        ("indicator", "renamed", "EDU04", "EDU03"): {"name": ("学校标准化建设等级",
                                                               "学校标准化建设水平")},
        ("indicator", "added", "HEA03", None): {},
        ("indicator", "removed", "HEA01", None): {},
        ("rule", "removed", "R03", None): {},
    }
    assert result.to_json()["summary"] == {"added": 2, "removed": 2, "renamed": 1,
                                           "changed": 2}


def test_the_same_catalogue_has_no_changes():
    same = parse_catalogue(OLD_TEXT, "same.yaml")
    assert diff_catalogues(same, parse_catalogue(OLD_TEXT, "again.yaml")).changes == []


def test_last_years_values_follow_a_renamed_code():
    new = parse_catalogue(next_year(), "new.yaml")
    carried = new.carried_over({"EDU03": "B", "EDU02": 12.0})
    assert carried == {"EDU03": "B", "EDU02": 12.0, "EDU04": "B"}


def test_the_command_prints_and_gives_json(tmp_path):
    new = tmp_path / "new.yaml"
    new.write_text(next_year(), encoding="utf-8")

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "haiyan_desktop.cli", *extra, "catalogue",
                               "diff", str(VALID), str(new)], capture_output=True, text=True,
                              encoding="utf-8", timeout=120)

    shown = run("--lang", "zh")
    assert shown.returncode == 0, shown.stderr
    assert "更名  指标 EDU04 ← EDU03  学校标准化建设水平" in shown.stdout
    assert "    target: 15.0 → 14.0" in shown.stdout
    assert "共新增 2 项、删除 2 项、更名 1 项、修改 2 项" in shown.stdout
    english = run("--lang", "en")
    assert "renamed  indicator EDU04 ← EDU03" in english.stdout
    data = json.loads(subprocess.run(
        [sys.executable, "-m", "haiyan_desktop.cli", "catalogue", "diff", str(VALID), str(new),
         "--json"], capture_output=True, text=True, encoding="utf-8", timeout=120).stdout)
    assert data["summary"]["renamed"] == 1 and data["new"]["version"] == "test.2"
    broken = subprocess.run([sys.executable, "-m", "haiyan_desktop.cli", "catalogue", "diff",
                             str(VALID), str(tmp_path / "nope.yaml")], capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    assert broken.returncode == 2 and "Traceback" not in broken.stderr and broken.stderr.strip()
