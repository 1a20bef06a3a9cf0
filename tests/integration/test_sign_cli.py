"""The signing commands run as real processes, and the signed report checked by poppler.

`pdfsig` (poppler, with the county root in a temporary NSS database made by `certutil`) must
find both signatures valid and trusted; `pdftotext` must read the stamps' Chinese text. The
story runs on real data; a report of the demo data can be signed the same way (training), but
`verify` says it is sample data and fails.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from haiyan_desktop.store import Store
from tests.conftest import run_cli, tool
from tests.county import CA_PASS, CLERK_NAME, HEAD_NAME, P12_PASS, UNIT, UNIT_NAME, YEAR
from tests.reports import real_store_from_demo

SAMPLE_ZH = "这是示例数据生成的报告，不能作为正式上报材料"
SAMPLE_EN = ("This report was made from sample data and cannot be submitted as an official "
             "report.")


@pytest.fixture(scope="module")
def flow(tmp_path_factory, demo_dir):
    """The whole story through the CLI: county CA, two certificates, report --sign, sign
    (real data: the demo's 武原街道 copied into a real store)."""
    work = tmp_path_factory.mktemp("sign-cli")
    data = real_store_from_demo(demo_dir, work / "data")
    (work / "ca.pass").write_text(CA_PASS + "\n", encoding="utf-8")
    (work / "p12.pass").write_text(P12_PASS + "\n", encoding="utf-8")
    common = ["--data-dir", str(data)]
    results = {}

    def step(name, *args):
        results[name] = run_cli(*args)
        return results[name]

    step("init", "pki", "init-county", "--out", str(work / "ca"),
         "--ca-passphrase-file", str(work / "ca.pass"))
    for role, name in (("clerk", CLERK_NAME), ("head", HEAD_NAME)):
        step(f"issue-{role}", "pki", "issue", "--unit", UNIT_NAME, "--role", role, "--name",
             name, "--ca", str(work / "ca"), "--out", str(work / f"{role}.p12"),
             "--passphrase-file", str(work / "p12.pass"),
             "--ca-passphrase-file", str(work / "ca.pass"))
    step("report", *common, "report", "--unit", UNIT, "--year", str(YEAR), "-o",
         str(work / "clerk-signed.pdf"), "--sign", str(work / "clerk.p12"),
         "--passphrase-file", str(work / "p12.pass"))
    step("sign", *common, "sign", str(work / "clerk-signed.pdf"), "-o", str(work / "final.pdf"),
         "--p12", str(work / "head.p12"), "--passphrase-file", str(work / "p12.pass"))
    return work, data, results


def test_every_step_succeeds(flow):
    work, data, results = flow
    for name, result in results.items():
        assert result.returncode == 0, f"{name}: {result.stderr}"
    assert (work / "ca" / "county-root.pem").is_file()
    assert "已签发证书" in results["issue-clerk"].stdout
    assert "还需要单位负责人签名" in results["report"].stdout
    assert "已签名" in results["sign"].stdout
    # no temporary file left beside the outputs
    assert sorted(p.name for p in work.glob("*.pdf")) == ["clerk-signed.pdf", "final.pdf"]
    with Store(data, write=False) as store:
        assert store.submission(UNIT, YEAR).state == "signed"


def test_verify_passes_with_the_county_root(flow):
    work, _, _ = flow
    result = run_cli("verify", str(work / "final.pdf"), "--trust",
                     str(work / "ca" / "county-root.pem"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] and report["unit"] == UNIT and report["year"] == YEAR
    assert report["problems"] == report["reasons"] == []
    assert [(s["role"], s["signer"], s["intact"], s["trusted"], s["revoked"])
            for s in report["signatures"]] == [("clerk", CLERK_NAME, True, True, False),
                                                ("head", HEAD_NAME, True, True, False)]
    assert [s["covers_whole_document"] for s in report["signatures"]] == [False, True]


def test_pdfsig_finds_both_signatures_valid_and_trusted(flow, tmp_path):
    work, _, _ = flow
    nss = tmp_path / "nss"
    nss.mkdir()
    tool("certutil", "-N", "-d", f"sql:{nss}", "--empty-password")
    tool("certutil", "-A", "-d", f"sql:{nss}", "-n", "county-root", "-t", ",C,", "-i",
         str(work / "ca" / "county-root.pem"))
    out = tool("pdfsig", "-nssdir", f"sql:{nss}", str(work / "final.pdf"))
    blocks = re.split(r"^Signature #\d+:", out, flags=re.M)[1:]
    assert len(blocks) == 2, out
    for block, name in zip(blocks, (CLERK_NAME, HEAD_NAME), strict=True):
        assert f"Signer Certificate Common Name: {name}" in block
        assert "Signature is Valid." in block
        assert "Certificate is Trusted." in block
    assert "Not total document signed" in blocks[0]
    assert "Total document signed" in blocks[1] and "Not total" not in blocks[1]


def test_pdfsig_without_the_root_does_not_trust(flow, tmp_path):
    """The other side of the test above: the trust comes from the county root alone."""
    work, _, _ = flow
    nss = tmp_path / "empty-nss"
    nss.mkdir()
    tool("certutil", "-N", "-d", f"sql:{nss}", "--empty-password")
    out = tool("pdfsig", "-nssdir", f"sql:{nss}", str(work / "final.pdf"))
    assert "Certificate is Trusted." not in out


def test_stamps_carry_chinese_text_and_fonts_stay_embedded(flow):
    work, _, _ = flow
    pdf = work / "final.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(pdf))).group(1))
    last = re.sub(r"\s+", "", tool("pdftotext", "-f", str(pages), "-l", str(pages), str(pdf),
                                   "-"))
    for text in (CLERK_NAME, HEAD_NAME, "填报人签名", "单位负责人签名"):
        assert last.count(text) == 1, text
    assert "示例" not in last and "SAMPLE" not in last  # real data: no sample mark anywhere
    verified = json.loads(run_cli("verify", str(pdf), "--trust",
                                  str(work / "ca" / "county-root.pem"), "--json").stdout)
    for sig in verified["signatures"]:  # the stamp shows the minute the signature records
        signed_at = datetime.fromisoformat(sig["signed_at"]).astimezone()
        assert f"{signed_at:%Y-%m-%d%H:%M}" in last
    fonts = tool("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(re.search(r"\byes\s+yes\s+yes\b", line) for line in fonts), fonts
    tool("qpdf", "--check", str(pdf))


def test_tampered_file_fails_with_a_sentence(flow, tmp_path):
    work, _, _ = flow
    content = bytearray((work / "final.pdf").read_bytes())
    at = content.index(b"stream", len(content) // 3) + 40
    content[at] ^= 1
    (tmp_path / "t.pdf").write_bytes(bytes(content))
    result = run_cli("verify", str(tmp_path / "t.pdf"), "--trust",
                     str(work / "ca" / "county-root.pem"))
    assert result.returncode == 1
    assert "签名后文件被改动过" in result.stderr
    assert "Traceback" not in result.stderr


def test_revoked_head_fails_with_the_crl(flow, tmp_path):
    work, _, _ = flow
    ca = tmp_path / "ca"
    shutil.copytree(work / "ca", ca)  # the module's CA stays unrevoked for the other tests
    serial = next(e["serial"] for e in json.loads(run_cli("pki", "list", "--ca", str(ca),
                                                          "--json").stdout)
                  if e["role"] == "head")
    revoked = run_cli("pki", "revoke", "--ca", str(ca), "--serial", serial, "--reason",
                      "keyCompromise", "--ca-passphrase-file", str(work / "ca.pass"))
    assert revoked.returncode == 0, revoked.stderr
    result = run_cli("verify", str(work / "final.pdf"), "--trust",
                     str(ca / "county-root.pem"), "--crl", str(ca / "county.crl"))
    assert result.returncode == 1
    assert "被县里吊销" in result.stderr


def test_installed_trust_is_used_by_default(flow, tmp_path):
    work, _, _ = flow
    data = tmp_path / "data"
    none = run_cli("--data-dir", str(data), "verify", str(work / "final.pdf"))
    assert none.returncode == 2 and "没有安装县级根证书" in none.stderr
    installed = run_cli("--data-dir", str(data), "trust", "install", "--root",
                        str(work / "ca" / "county-root.pem"))
    assert installed.returncode == 0, installed.stderr
    ok = run_cli("--data-dir", str(data), "--lang", "en", "verify", str(work / "final.pdf"))
    assert ok.returncode == 0, ok.stderr
    assert "Verified" in ok.stdout


@pytest.mark.parametrize("case", ["wrong-passphrase", "damaged-p12", "no-passphrase"])
def test_bad_credentials_write_nothing(flow, tmp_path, case):
    work, data, _ = flow
    p12, passphrase = work / "clerk.p12", tmp_path / "pass"
    passphrase.write_text("not-the-passphrase\n" if case == "wrong-passphrase"
                          else P12_PASS, encoding="utf-8")
    if case == "damaged-p12":
        p12 = tmp_path / "damaged.p12"
        p12.write_bytes((work / "clerk.p12").read_bytes()[:200])
    args = ["--data-dir", str(data), "report", "--unit", UNIT, "--year", str(YEAR),
            "-o", str(tmp_path / "out.pdf"), "--sign", str(p12)]
    if case != "no-passphrase":
        args += ["--passphrase-file", str(passphrase)]
    result = subprocess.run([sys.executable, "-m", "haiyan_desktop.cli", *args],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    expected = {"wrong-passphrase": "口令不正确", "damaged-p12": "已损坏",
                "no-passphrase": "--passphrase-file"}[case]
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert "not-the-passphrase" not in result.stderr + result.stdout
    assert list(tmp_path.glob("*.pdf")) == []


def test_wrong_ca_passphrase_issues_nothing(flow, tmp_path):
    work, _, _ = flow
    (tmp_path / "bad.pass").write_text("wrong-county-pass", encoding="utf-8")
    result = run_cli("pki", "issue", "--unit", UNIT, "--role", "clerk", "--name", "某人",
                     "--ca", str(work / "ca"), "--out", str(tmp_path / "x.p12"),
                     "--passphrase-file", str(work / "p12.pass"),
                     "--ca-passphrase-file", str(tmp_path / "bad.pass"))
    assert result.returncode == 2 and "口令不正确" in result.stderr
    assert not (tmp_path / "x.p12").exists()


def test_unknown_unit_and_role_are_refused(flow, tmp_path):
    work, _, _ = flow
    base = ["pki", "issue", "--name", "某人", "--ca", str(work / "ca"), "--out",
            str(tmp_path / "x.p12"), "--passphrase-file", str(work / "p12.pass"),
            "--ca-passphrase-file", str(work / "ca.pass")]
    unknown_unit = run_cli(*base, "--unit", "火星镇", "--role", "clerk")
    assert unknown_unit.returncode == 2 and "火星镇" in unknown_unit.stderr
    unknown_role = run_cli(*base, "--unit", UNIT, "--role", "mayor")
    assert unknown_role.returncode == 2 and "mayor" in unknown_role.stderr
    assert not (tmp_path / "x.p12").exists()


def test_signed_report_data_still_reads_back(flow):
    work, _, _ = flow
    result = run_cli("report-data", str(work / "final.pdf"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["unit"]["code"] == UNIT


def test_rejected_paths_exist(flow):
    assert Path(flow[0], "final.pdf").stat().st_size > 0


# --- sample data --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_flow(flow, demo_dir, tmp_path_factory):
    """Training: the same certificates sign a report of the demo data through the CLI."""
    work = flow[0]
    folder = tmp_path_factory.mktemp("sample-cli")
    data = folder / "data"
    shutil.copytree(demo_dir, data)
    common = ["--data-dir", str(data), "--demo"]
    passphrase = ["--passphrase-file", str(work / "p12.pass")]
    results = [
        run_cli(*common, "report", "--unit", UNIT, "--year", str(YEAR), "-o",
                str(folder / "clerk-signed.pdf"), "--sign", str(work / "clerk.p12"), *passphrase),
        run_cli(*common, "sign", str(folder / "clerk-signed.pdf"), "-o",
                str(folder / "final.pdf"), "--p12", str(work / "head.p12"), *passphrase),
    ]
    return folder / "final.pdf", work / "ca" / "county-root.pem", results


def test_sample_data_can_be_signed_and_the_stamps_say_sample(sample_flow):
    pdf, _, results = sample_flow
    for result in results:
        assert result.returncode == 0, result.stderr
    pages = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(pdf))).group(1))
    last = re.sub(r"\s+", "", tool("pdftotext", "-f", str(pages), "-l", str(pages), str(pdf),
                                   "-"))
    assert last.count("示例/SAMPLE") == 2  # one line in each stamp
    assert last.count(CLERK_NAME) == last.count(HEAD_NAME) == 1


def test_verify_says_a_sample_report_is_not_acceptable(sample_flow):
    pdf, root, _ = sample_flow
    result = run_cli("verify", str(pdf), "--trust", str(root))
    assert result.returncode == 1
    assert result.stdout.strip().splitlines()[-1] == SAMPLE_ZH  # the verdict, said once
    assert result.stdout.count(SAMPLE_ZH) == 1 and "核验通过" not in result.stdout
    assert result.stderr == ""
    english = run_cli("--lang", "en", "verify", str(pdf), "--trust", str(root))
    assert english.returncode == 1
    assert english.stdout.strip().splitlines()[-1] == SAMPLE_EN


def test_verify_json_gives_the_sample_data_reason(sample_flow):
    pdf, root, _ = sample_flow
    result = run_cli("verify", str(pdf), "--trust", str(root), "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["reasons"] == ["sample_data"] and report["problems"] == [SAMPLE_ZH]
    # the signatures themselves are sound
    assert [(s["signer"], s["intact"], s["trusted"], s["ok"], s["reasons"])
            for s in report["signatures"]] == [(CLERK_NAME, True, True, True, []),
                                                (HEAD_NAME, True, True, True, [])]
