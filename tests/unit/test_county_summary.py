"""The county summary report (county/summary*.py, jobs/summary.py), on the townships' real
signed reports of the county desk (tests/county_desk.py), received into a county database.

The PDF is read back with poppler's pdftotext (its figures against ``compare_year``'s, its
register against ``county_status``) and its attached data with the app's reader; signing is
refused to a township's certificate, and ``verify`` checks a signed summary with the unit
reports' reason codes. Nothing here names an indicator or a unit of the catalogue: they come
from the comparison and the desk.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from haiyan_desktop.county.summary import SummaryError
from haiyan_desktop.county.summary_data import KIND, read_summary_data
from haiyan_desktop.jobs import DataFolder
from haiyan_desktop.jobs.county import county_status
from haiyan_desktop.jobs.equalization import compare_year
from haiyan_desktop.jobs.summary import county_report
from haiyan_desktop.messages import render
from haiyan_desktop.report import read_report_data
from tests.county import UNIT, YEAR
from tests.county_desk import LAST_YEAR_GAIN, ReceivedYear


@pytest.fixture(scope="module")
def office(county, tmp_path_factory):
    """The county assessment office's certificates (and a township clerk's) of the same CA."""
    from tests.catalogue_packages import make_office

    return make_office(county, tmp_path_factory.mktemp("summary-office"))


@pytest.fixture(scope="module")
def zh(received, tmp_path_factory):
    out = tmp_path_factory.mktemp("summary-zh") / "汇总.pdf"
    steps = []
    result = county_report(received.folder, YEAR, out, progress=lambda *a: steps.append(a))
    assert steps == [(n, 4) for n in range(1, 5)]
    return result


def text_of(pdf: Path, *options: str) -> str:
    run = subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout


def between(text: str, start: str, end: str | None) -> str:
    part = text.split(start, 1)[1]
    return part.split(end, 1)[0] if end else part


def line_with(block: str, *words: str) -> str:
    found = [line for line in block.splitlines() if all(w in line for w in words)]
    assert len(found) == 1, (words, found)
    return found[0]


# --- the figures -------------------------------------------------------------------------------
def test_the_ranking_prints_every_units_rank_and_scores_as_compared(received, zh):
    comparison = compare_year(received.folder, YEAR)
    text = text_of(zh.path, "-layout")
    table = between(text, "实现度排名", "实现度热力图")
    codes = [d.code for d in comparison.domains]
    assert zh.units == len(comparison.units) == len(setup_units(received)) - 2
    for unit in comparison.units:
        cells = line_with(table, f" {unit.name.zh} ").split()
        assert cells[0] == str(unit.rank)
        assert cells[3:] == [f"{unit.overall:.2f}",
                             *(f"{unit.domains[c]:.2f}" for c in codes)]
    for label, attribute in (("全县平均", "mean"), ("中位数", "median")):
        cells = line_with(table, f" {label} ").split()
        assert cells[1:] == [f"{getattr(comparison.overall, attribute):.2f}",
                             *(f"{getattr(comparison.domain_stats[c], attribute):.2f}"
                               for c in codes)]
    for name in (received.refused_unit, received.missing_unit):
        assert name not in [u.code for u in comparison.units]


def status_of(folder: Path):
    return county_status(DataFolder.at(folder), YEAR)


def setup_units(received: ReceivedYear) -> list[str]:
    return [u.code for u in status_of(received.folder).units]


def test_the_theil_rows_add_up_as_printed_and_match_the_comparison(received, zh):
    comparison = compare_year(received.folder, YEAR)
    block = between(text_of(zh.path, "-layout"), "泰尔指数分解", "年度比较")
    labels = {"overall": "总体实现度", **{d.code: d.name.zh for d in comparison.domains}}
    for theil in comparison.theil:
        cells = line_with(block, f"{labels[theil.measure]} ").split()
        total, part_between, within = (Decimal(c) for c in cells[1:4])
        assert part_between + within == total  # on paper
        assert abs(total - Decimal(theil.total)) <= Decimal("0.0000005")
        assert abs(part_between - Decimal(theil.between)) <= Decimal("0.0000005")
        assert abs(within - Decimal(theil.within)) <= Decimal("0.000001")
        assert theil.between + theil.within == pytest.approx(theil.total, abs=1e-12)


def test_the_dispersion_table_has_every_indicator_with_its_statistics(received, zh):
    comparison = compare_year(received.folder, YEAR)
    block = between(text_of(zh.path, "-layout"), "各指标的离散程度", "泰尔指数分解")
    for item in comparison.indicators:
        row = line_with(block, f"{item.code} ")
        cells = row.split()
        assert cells[0] == item.code
        assert cells[-1] == f"{item.below_target}/{item.stats.n}"
        assert cells[-2] == ("—" if item.stats.max_min_ratio is None
                             else f"{item.stats.max_min_ratio:.2f}")
        assert cells[-3] == ("—" if item.stats.cv is None else f"{item.stats.cv:.4f}")


def test_no_last_year_is_said_and_last_years_changes_are_printed(received, zh, tmp_path):
    text = text_of(zh.path, "-layout")
    assert render("summary.no_last_year", "zh", year=YEAR - 1).replace("，", "")[:12] in \
        text.replace("，", "")
    result = county_report(received.with_last_year, YEAR, tmp_path / "trend.pdf")
    comparison = compare_year(received.with_last_year, YEAR)
    assert comparison.changes is not None
    block = between(text_of(result.path, "-layout"), f"与 {YEAR - 1} 年度比较", "短板指标")
    assert "没有" not in block
    for change in comparison.changes.units:
        cells = line_with(block, f"{change.name.zh} ").split()
        assert cells[0] == change.name.zh
        assert cells[1:] == [f"{change.overall:.2f}", f"{change.previous:.2f}",
                             f"{change.change:+.2f}", str(change.rank),
                             str(change.previous_rank)]
        assert cells[3] == f"+{LAST_YEAR_GAIN:.2f}"
    assert "泰尔指数的变化" in block and "各指标变异系数的变化" in block


def test_weak_indicators_county_figures_and_departments_are_listed(received, zh):
    comparison = compare_year(received.folder, YEAR)
    text = text_of(zh.path, "-layout")
    weak = between(text, "各单位的短板指标", "县域汇总指标与县级部门")
    for unit in comparison.weak:
        if unit.indicators:
            first = unit.indicators[0]
            assert f"{first.code} {first.name.zh}：{first.attainment * 100:.2f}%" in weak
    county = between(text, "县域汇总指标与县级部门", "报告接收登记")
    for figure in comparison.county_figures:
        assert figure.code in county
    for department in comparison.departments:
        assert department.name.zh in county


# --- the register -------------------------------------------------------------------------------
def test_the_register_lists_received_refused_and_missing(received, zh):
    status = status_of(received.folder)
    text = text_of(zh.path, "-layout")
    cover = text.split("\f")[0]
    flat = re.sub(r"\s+", "", cover)
    assert (f"已接收{status.count('accepted')}个，仅有被隔离文件{status.count('quarantined')}个，"
            f"未收到{status.count('missing')}个；被隔离的文件共{len(received.refused_files)}份"
            in flat)
    register = between(text, "报告接收登记", "本汇总报告由")
    accepted = between(register, "已接收的报告", "未收到有效报告的单位")
    for unit in status.units:
        if unit.report is not None:
            assert unit.report.sha256[:32] in accepted
            assert unit.report.sha256[32:] in accepted
            for signer in unit.report.signers:
                assert signer.name in accepted
    missing = between(register, "未收到有效报告的单位", "被隔离的文件")
    names = {u.code: u.name.zh for u in status.units}
    assert line_with(missing, received.missing_unit).split()[1] == names[received.missing_unit]
    assert "未收到任何报告" in line_with(missing, received.missing_unit)
    assert "被隔离" in line_with(missing, received.refused_unit)
    refused = between(register, "被隔离的文件", None)
    assert [q.file_name for q in status.unassigned] == ["not_pdf.pdf"]  # no unit, no year
    for entry in (*(q for u in status.units for q in u.quarantined), *status.unassigned):
        assert entry.file_name in refused
        assert f"[{entry.reason}]" in refused
    assert {"[not_intact]", "[year_not_in_catalogue]", "[not_pdf]"} <= set(
        re.findall(r"\[\w+\]", refused))


def test_every_page_carries_its_number_and_the_fingerprint(zh):
    pages = text_of(zh.path).split("\f")[:-1]
    assert len(pages) == zh.pages >= 5
    for number, page in enumerate(pages, start=1):
        flat = re.sub(r"\s+", "", page)  # poppler drops the spaces between CJK and digits
        assert f"第{number}页共{zh.pages}页" in flat
        assert f"数据指纹{zh.fingerprint[:16]}" in flat
    assert zh.fingerprint in re.sub(r"\s+", "", pages[-1])  # the whole of it where the office signs


def test_the_attached_data_is_the_comparison_and_register_fingerprinted(received, zh, tmp_path):
    data = read_summary_data(zh.path)
    assert data["kind"] == KIND and data["year"] == YEAR
    assert data["fingerprint"] == zh.fingerprint
    comparison = compare_year(received.folder, YEAR)
    assert data["comparison"] == json.loads(json.dumps(comparison.to_json()))
    assert data["catalogue"] == comparison.catalogue
    status = status_of(received.folder)
    assert data["counts"] == {"units": len(status.units), "accepted": status.count("accepted"),
                              "quarantined": status.count("quarantined"),
                              "missing": status.count("missing")}
    assert sorted(r["sha256"] for r in data["register"]["received"]) == sorted(
        u.report.sha256 for u in status.units if u.report is not None)
    assert {m["unit"] for m in data["register"]["missing"]} == {received.missing_unit,
                                                               received.refused_unit}
    # the same data in the other language: the same fingerprint
    en = county_report(received.folder, YEAR, tmp_path / "en.pdf", lang="en")
    assert en.fingerprint == zh.fingerprint
    # a unit's report reader does not take a summary for a report
    from haiyan_desktop.report import ReportError

    with pytest.raises(ReportError):
        read_report_data(zh.path)


def test_the_english_summary(received, tmp_path):
    result = county_report(received.folder, YEAR, tmp_path / "summary.pdf", lang="en")
    text = text_of(result.path, "-layout")
    for heading in ("Ranking", "Heat map of the domains", "Dispersion of each indicator",
                    "Urban–rural gap: Theil index decomposition", f"Against {YEAR - 1}",
                    "Weak indicators of each unit", "County-level figures and departments",
                    "Register of reports", "Issued by"):
        assert heading in text, heading
    assert f"There are no figures for {YEAR - 1}" in text
    table = between(text, "Ranking", "Heat map of the domains")
    for unit in compare_year(received.folder, YEAR).units:
        row = line_with(table, f" {unit.name.en} ")
        assert row.split()[0] == str(unit.rank) and f" {unit.overall:.2f} " in row
    pages = text_of(result.path).split("\f")[:-1]
    assert all(f"Page {n} of {len(pages)}" in p for n, p in enumerate(pages, start=1))
    headings = [line for line in text.splitlines() if re.match(r"\s*\d+\. \w", line)]
    assert headings and not any(re.search(r"[\u4e00-\u9fff]", h) for h in headings)


def test_heat_map_classes_stay_apart_in_grey():
    from haiyan_desktop.report.fonts import register_fonts

    register_fonts()
    from haiyan_desktop.county.summary_document import HEAT, _lightness

    tones = [_lightness(c) for c in HEAT]
    assert all(a - b >= 0.1 for a, b in itertools.pairwise(tones))


# --- signing and verifying ----------------------------------------------------------------------
def test_a_township_certificate_cannot_sign_the_summary(received, office, tmp_path):
    out = tmp_path / "signed.pdf"
    with pytest.raises(SummaryError) as caught:
        county_report(received.folder, YEAR, out, credential=office.credential("clerk"))
    assert caught.value.message.zh == ("张晓明（武原街道填报人）的证书不能签署县级汇总报告："
                                       "只有县评估办公室的证书可以签署")
    assert "County Assessment Office" in caught.value.message.en
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_verify_accepts_the_signed_summary_and_refuses_it_changed(received, office, desk,
                                                                 tmp_path):
    from haiyan_desktop.county.summary_verify import SummaryVerification
    from haiyan_desktop.jobs.signing import trust_for, verify
    from tests.reports import incremental_update, paint_over

    out = tmp_path / "signed.pdf"
    result = county_report(received.folder, YEAR, out, credential=office.credential("office"))
    assert result.signature is not None and result.signature.role == "county"
    assert result.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    trust = trust_for(received.folder)
    verdict = verify(out, trust)
    assert isinstance(verdict, SummaryVerification)
    assert verdict.ok, [p.render("en") for p in verdict.all_problems]
    assert [(s.field, s.signer.role) for s in verdict.signatures] == [("county", "county")]
    assert verdict.to_json("en")["kind"] == KIND and verdict.year == YEAR
    assert read_summary_data(out)["fingerprint"] == result.fingerprint

    content = out.read_bytes()
    flipped = bytearray(content)
    flipped[content.index(b"stream", len(content) // 3) + 40] ^= 0x01
    (tmp_path / "tampered.pdf").write_bytes(bytes(flipped))
    (tmp_path / "painted.pdf").write_bytes(incremental_update(content, paint_over))
    for name, reason in (("tampered", "not_intact"), ("painted", "content_changed")):
        bad = verify(tmp_path / f"{name}.pdf", trust)
        assert not bad.ok
        assert reason in bad.to_json("zh")["reasons"], bad.to_json("zh")["reasons"]
    unsigned = verify(county_report(received.folder, YEAR, tmp_path / "u.pdf").path, trust)
    assert unsigned.to_json("en")["reasons"] == ["unsigned"]
    # a unit's report is verified as before
    report = verify(desk.reports[UNIT], trust)
    assert report.ok and not isinstance(report, SummaryVerification)
    assert [s.field for s in report.signatures] == ["clerk", "head"]
