"""`haiyan-desktop county compare --year Y [--json]`, run as a real subprocess on a county
database holding the demo units' report data of two years.

The county database is written with the county store's own public API
(``CountyStore.open`` + ``accept``), from the data the demo's reports carry
(``report.data.collect``): what ``county import`` stores once it has verified the signed
files (that part is tested with the import). No indicator code of the built-in catalogue is
named here.
"""

from __future__ import annotations

import hashlib
import json
import math

import pytest

from haiyan_desktop.county.equalization import OVERALL, compare
from haiyan_desktop.county.store import CountyStore, NewReport

YEAR = 2019


def _accept(data_dir, payloads):
    with CountyStore.open(data_dir / "county.db") as store:
        for data in payloads:
            text = json.dumps(data, ensure_ascii=False)
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            code = data["unit"]["code"]
            store.accept(NewReport(sha, data, text, (), f"{code}-{data['year']}.pdf",
                                   f"/usb/{code}-{data['year']}.pdf", len(text)))


@pytest.fixture(scope="module")
def demo_payloads(demo_dir):
    from haiyan_desktop.report.data import collect
    from haiyan_desktop.store import Store

    by_year: dict[int, list[dict]] = {}
    with Store(demo_dir, demo=True, write=False) as store:
        subs = store.submissions()
        catalogue = store.catalogue(subs[-1].catalogue_sha256)
        for sub in subs:
            by_year.setdefault(sub.year, []).append(collect(store, sub).payload)
    assert YEAR in by_year and YEAR - 1 in by_year
    return catalogue, by_year


@pytest.fixture(scope="module")
def county_dir(tmp_path_factory, demo_payloads):
    _catalogue, by_year = demo_payloads
    folder = tmp_path_factory.mktemp("county-desk")
    _accept(folder, by_year[YEAR] + by_year[YEAR - 1])
    return folder


def test_compare_json_matches_the_library_on_the_same_reports(cli, county_dir, demo_payloads):
    catalogue, by_year = demo_payloads
    run = cli("--data-dir", str(county_dir), "county", "compare", "--year", str(YEAR), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    towns = {p["unit"]["code"] for p in by_year[YEAR] if p["unit"]["kind"] != "department"}
    assert data["year"] == YEAR
    assert {u["code"] for u in data["units"]} == towns
    ranks = [u["rank"] for u in data["units"]]
    assert ranks[0] == 1 and ranks == sorted(ranks) and max(ranks) <= len(towns)
    assert data["catalogue"]["sha256"] == catalogue.sha256
    for theil in data["theil"]:
        assert theil["between"] + theil["within"] == pytest.approx(theil["total"], abs=1e-12)
    assert all(math.isfinite(i["cv"]) for i in data["indicators"] if i["cv"] is not None)
    assert data["changes"]["previous_year"] == YEAR - 1
    assert {u["source"] for u in data["changes"]["units"]} == {"reports"}
    expected = compare(catalogue, by_year[YEAR], by_year[YEAR - 1]).to_json()
    assert data == json.loads(json.dumps(expected))  # the very same figures, unrounded


def test_compare_text_in_both_languages(cli, county_dir, demo_payloads):
    _catalogue, by_year = demo_payloads
    towns = [p["unit"] for p in by_year[YEAR] if p["unit"]["kind"] != "department"]
    zh = cli("--data-dir", str(county_dir), "county", "compare", "--year", str(YEAR))
    assert zh.returncode == 0, zh.stderr
    for heading in ("【排名】", "【泰尔指数】", "【差异最大的指标】", "【短板指标】",
                    f"【与 {YEAR - 1} 年比较】", "【县域汇总指标】", "【县级部门】"):
        assert heading in zh.stdout
    assert all(u["name"] in zh.stdout for u in towns)
    assert "全县平均" in zh.stdout and "中位数" in zh.stdout
    en = cli("--data-dir", str(county_dir), "--lang", "en", "county", "compare", "--year",
             str(YEAR))
    assert en.returncode == 0, en.stderr
    for heading in ("[Ranking]", "[Theil index]", "[Most unequal indicators]",
                    "[Weak indicators]", f"[Against {YEAR - 1}]", "[County-level figures]",
                    "[County departments]"):
        assert heading in en.stdout
    assert all(u["name_en"] in en.stdout for u in towns)
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en.stdout.split("[Ranking]")[0])


def test_the_ranking_lines_show_each_unit_with_its_rank_and_score(cli, county_dir):
    data = json.loads(cli("--data-dir", str(county_dir), "county", "compare", "--year",
                          str(YEAR), "--json").stdout)
    text = cli("--data-dir", str(county_dir), "--lang", "en", "county", "compare", "--year",
               str(YEAR)).stdout
    table = text.split("[Ranking]")[1].split("[Theil index]")[0]
    for unit in data["units"]:
        line = next(row for row in table.splitlines() if unit["name_en"] in row)
        assert line.split()[0] == str(unit["rank"])
        assert f"{unit['overall']:.2f}" in line
    overall = next(t for t in data["theil"] if t["measure"] == OVERALL)
    assert f"{overall['total']:.6f}" in text


def test_no_county_database_is_one_sentence_and_creates_nothing(cli, tmp_path):
    run = cli("--data-dir", str(tmp_path), "county", "compare", "--year", str(YEAR))
    assert run.returncode == 2
    assert run.stdout == ""
    assert "尚未接收到 2019 年的镇（街道）报告" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "county.db").exists()
    en = cli("--data-dir", str(tmp_path), "--lang", "en", "county", "compare", "--year",
             str(YEAR))
    assert en.returncode == 2 and "No township reports of 2019" in en.stderr


def test_a_year_without_reports(cli, county_dir):
    run = cli("--data-dir", str(county_dir), "county", "compare", "--year", "2017")
    assert run.returncode == 2
    assert "尚未接收到 2017 年" in run.stderr


def test_reports_of_a_catalogue_this_computer_lacks(cli, tmp_path, demo_payloads):
    _catalogue, by_year = demo_payloads
    foreign = json.loads(json.dumps(by_year[YEAR][:3]))
    for data in foreign:
        data["catalogue"] = {"id": "elsewhere-2019", "version": "9.9", "sha256": "0" * 64}
    _accept(tmp_path, foreign)
    run = cli("--data-dir", str(tmp_path), "county", "compare", "--year", str(YEAR))
    assert run.returncode == 2
    assert "elsewhere-2019" in run.stderr and "9.9" in run.stderr
    assert "catalogue install" in run.stderr
