"""`haiyan-desktop county report` and `verify` run as real processes on a county database of
the townships' real signed reports (tests/county_desk.py, received as in
tests/unit/test_county_summary.py); the PDFs are checked with independent tools: poppler's
pdftotext, pdffonts and pdfsig, and qpdf.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.catalogue_packages import make_office
from tests.conftest import run_cli, tool
from tests.county import P12_PASS, YEAR


@pytest.fixture(scope="module")
def office(county, tmp_path_factory):
    made = make_office(county, tmp_path_factory.mktemp("report-cli-office"))
    passphrase = made.folder / "passphrase.txt"
    passphrase.write_text(P12_PASS + "\n", encoding="utf-8")
    return made, passphrase


@pytest.fixture(scope="module")
def compared(received):
    run = run_cli("--data-dir", str(received.folder), "county", "compare", "--year", str(YEAR),
                  "--json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def county_report(received, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--data-dir", str(received.folder), "county", "report", "--year", str(YEAR),
                   "-o", str(out), *args)


@pytest.fixture(scope="module")
def zh_pdf(received, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("county-report-cli") / "海盐县_2019_县级汇总.pdf"
    run = county_report(received, out)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"县级汇总报告已生成：{out}（共 ")
    assert out.is_file()
    return out


@pytest.fixture(scope="module")
def signed(received, office, tmp_path_factory) -> tuple[Path, dict]:
    made, passphrase = office
    out = tmp_path_factory.mktemp("county-report-signed") / "signed.pdf"
    run = county_report(received, out, "--sign", "--p12", str(made.p12["office"]),
                        "--passphrase-file", str(passphrase), "--json")
    assert run.returncode == 0, run.stderr
    return out, json.loads(run.stdout)


def test_the_summary_prints_the_figures_of_county_compare(zh_pdf, compared):
    text = tool("pdftotext", "-layout", str(zh_pdf), "-")
    for heading in ("实现度排名", "各服务领域实现度热力图", "各指标的离散程度",
                    "城乡差距：泰尔指数分解", f"与 {YEAR - 1} 年度比较", "各单位的短板指标",
                    "县域汇总指标与县级部门", "报告接收登记", "签发"):
        assert heading in text, heading
    ranking = text.split("实现度排名", 1)[1].split("实现度热力图", 1)[0]
    for unit in compared["units"]:
        row = next(line for line in ranking.splitlines() if f" {unit['name']} " in line)
        assert row.split()[0] == str(unit["rank"])
        assert row.split()[3] == f"{unit['overall']:.2f}"
    theil = text.split("泰尔指数分解", 1)[1].split("年度比较", 1)[0]
    overall = next(t for t in compared["theil"] if t["measure"] == "overall")
    row = next(line for line in theil.splitlines() if line.strip().startswith("总体实现度"))
    total, between, within = (float(x) for x in row.split()[1:4])
    assert round(between + within, 6) == total == round(overall["total"], 6)


def test_fonts_embedded_and_qpdf_finds_no_damage(zh_pdf, signed):
    for pdf in (zh_pdf, signed[0]):
        rows = tool("pdffonts", str(pdf)).splitlines()[2:]
        assert rows
        for row in rows:
            name, emb, sub, uni = (row.split()[0], *row.split()[-5:-2])
            assert (emb, sub, uni) == ("yes", "yes", "yes"), row
            assert re.fullmatch(r"[A-Z]{6}\+NotoSansSC-(Regular|Bold)", name), row
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "No syntax or stream encoding errors" in check.stdout


def test_the_english_summary(received, compared, tmp_path):
    out = tmp_path / "summary-en.pdf"
    run = county_report(received, out, "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("The county summary is ready: ")
    text = tool("pdftotext", "-layout", str(out), "-")
    for heading in ("1. Ranking", "Heat map of the domains", "Register of reports",
                    "Files refused (quarantined)", "Units without an accepted report"):
        assert heading in text
    for unit in compared["units"]:
        assert unit["name_en"] in text


def test_the_register_names_the_refused_file_and_the_missing_unit(received, zh_pdf):
    register = tool("pdftotext", "-layout", str(zh_pdf), "-").split("报告接收登记", 1)[1]
    status = json.loads(run_cli("--data-dir", str(received.folder), "county", "status", "--year",
                                str(YEAR), "--json").stdout)
    missing = next(u for u in status["units"] if u["unit"] == received.missing_unit)
    assert missing["state"] == "missing"
    row = next(line for line in register.splitlines() if received.missing_unit in line)
    assert missing["name"] in row and "未收到任何报告" in row
    refused = [*(q for u in status["units"] for q in u["quarantined"]), *status["unassigned"]]
    for name in received.refused_files:
        row = next(line for line in register.splitlines() if name in line)
        entry = next(q for q in refused if q["file"] == name)
        assert f"[{entry['reason']}]" in row
    # the file that named no unit or year is listed apart by `county status` too
    text = run_cli("--data-dir", str(received.folder), "county", "status", "--year",
                   str(YEAR)).stdout
    apart = text.split("隔离时未能读出单位或年度的文件 1 份", 1)[1]
    assert "not_pdf.pdf" in apart and "年度不明" in apart and "[not_pdf]" in apart


def test_the_signed_summary_verifies_and_pdfsig_sees_the_county_office(received, signed):
    out, result = signed
    assert result["signature"]["role"] == "county" and result["file"] == str(out)
    sig = tool("pdfsig", str(out))
    assert "Signature Field Name: county" in sig
    assert "title=县评估办公室" in sig and "Total document signed" in sig
    assert "Signature is Valid." in sig
    run = run_cli("--data-dir", str(received.folder), "verify", str(out), "--json")
    assert run.returncode == 0, run.stdout + run.stderr
    verdict = json.loads(run.stdout)
    assert verdict["ok"] and verdict["kind"] == "county-summary" and verdict["year"] == YEAR
    assert [(s["field"], s["role"]) for s in verdict["signatures"]] == [("county", "county")]
    text = run_cli("--data-dir", str(received.folder), "verify", str(out))
    assert "核验通过：海盐县 2019 年度县级汇总报告" in text.stdout


def test_verify_refuses_the_summary_with_one_byte_changed(received, signed, tmp_path):
    content = signed[0].read_bytes()
    changed = bytearray(content)
    changed[content.index(b"stream", len(content) // 3) + 40] ^= 0x01
    bad = tmp_path / "changed.pdf"
    bad.write_bytes(bytes(changed))
    run = run_cli("--data-dir", str(received.folder), "verify", str(bad), "--json")
    assert run.returncode == 1
    verdict = json.loads(run.stdout)
    assert not verdict["ok"] and verdict["reasons"] == ["not_intact"]


def test_a_township_certificate_is_refused_in_one_sentence(received, office, tmp_path):
    made, passphrase = office
    out = tmp_path / "summary.pdf"
    run = county_report(received, out, "--sign", "--p12", str(made.p12["clerk"]),
                        "--passphrase-file", str(passphrase))
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.strip() == ("张晓明（武原街道填报人）的证书不能签署县级汇总报告："
                                  "只有县评估办公室的证书可以签署")
    en = county_report(received, out, "--lang", "en", "--sign", "--p12", str(made.p12["clerk"]),
                       "--passphrase-file", str(passphrase))
    assert en.returncode == 2 and len(en.stderr.strip().splitlines()) == 1
    assert "only a County Assessment Office certificate can" in en.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []
    alone = county_report(received, out, "--sign")
    assert alone.returncode == 2 and "--p12" in alone.stderr and not out.exists()
