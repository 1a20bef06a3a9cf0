"""`haiyan-desktop report` and `report-data` run as real processes; the PDFs are checked with
independent tools (poppler's pdftotext, pdffonts, pdfinfo, pdfdetach and qpdf)."""

from __future__ import annotations

import json
import random
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.sample_values import next_year_entries, plausible_entries
from haiyan_desktop.store import Store
from haiyan_desktop.validation import Entry, format_value
from tests.conftest import run_cli, tool

YEAR = 2019
REAL_UNIT = "shendang"
NA_CODE, NA_REASON = "INS04", "本镇无被征地人员，不适用"
CLERK = "张三"


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(pdf: Path) -> list[str]:
    return tool("pdftotext", str(pdf), "-").split("\f")[:-1]


def watermarks(pdf: Path) -> list[Counter]:
    """Per page, the letters drawn huge (poppler splits diagonal text into single glyphs)."""
    pages = tool("pdftotext", "-bbox", str(pdf), "-").split("<page ")[1:]
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                      r'yMax="([\d.]+)">([^<]*)</word>')
    out = []
    for page in pages:
        big = "".join(m.group(5) for m in word.finditer(page)
                      if float(m.group(4)) - float(m.group(2)) > 32)
        out.append(Counter(big))
    return out


def report(data_dir: Path, out: Path, *args: str, demo: bool = True, unit: str = "xitangqiao",
           lang: str = "zh") -> Path:
    result = run_cli("--data-dir", str(data_dir), *(["--demo"] if demo else []), "--lang", lang,
                     "report", "--unit", unit, "--year", str(YEAR), "-o", str(out), *args)
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    return out


def attached(pdf: Path, folder: Path) -> dict:
    """The attached JSON as poppler's pdfdetach extracts it."""
    listing = tool("pdfdetach", "-list", str(pdf))
    assert "1 embedded files" in listing and "haiyan-report-data.json" in listing
    folder.mkdir(exist_ok=True)
    tool("pdfdetach", "-saveall", "-o", str(folder), str(pdf))
    return json.loads((folder / "haiyan-report-data.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def real_dir(tmp_path_factory):
    """A real (not demo) store: 沈荡镇 2018 and 2019, 2019 checked, with a value marked not
    applicable and a warning explained by a comment."""
    folder = tmp_path_factory.mktemp("real")
    catalogue = default_catalogue()
    rng = random.Random(11)
    with Store(folder, actor=CLERK) as store:
        last = plausible_entries(catalogue, "town", rng, 0.92)
        this = next_year_entries(catalogue, "town", last, rng)
        for year, entries in ((YEAR - 1, last), (YEAR, this)):
            sub = store.open_submission(catalogue, REAL_UNIT, year)
            store.set_values(sub, entries)
        this_sub = store.submission(REAL_UNIT, YEAR)
        high = catalogue.index["HOU04A"]  # mains to renovate: above the usual range
        store.set_values(this_sub, {
            NA_CODE: Entry(None, NA_REASON, True),
            "HOU04A": Entry(f"{high.expected_max * 1.2:.2f}", "今年集中改造老旧管网"),
        })
        open_warnings = store.assess(this_sub).check.open_warnings
        store.set_values(this_sub, {p.code: Entry(store.entries(this_sub)[p.code].raw
                                                  if p.code in store.entries(this_sub)
                                                  else None, "已核实")
                                    for p in open_warnings})
        store.mark_checked(this_sub)
        assert store.submission(REAL_UNIT, YEAR).state == "checked"
    return folder


@pytest.fixture(scope="module")
def draft_pdf(demo_dir, tmp_path_factory):
    """Demo draft with explained warnings, and last year's submission (西塘桥街道)."""
    return report(demo_dir, tmp_path_factory.mktemp("draft") / "西塘桥街道 2019.pdf")


@pytest.fixture(scope="module")
def real_pdf(real_dir, tmp_path_factory):
    return report(real_dir, tmp_path_factory.mktemp("real-out") / "shendang.pdf", demo=False,
                  unit="沈荡镇")


def expected_values(data_dir: Path, unit: str, lang: str, demo: bool = True):
    """The unit, and every indicator applying to it with its value as the report shows it."""
    with Store(data_dir, demo=demo, write=False) as store:
        sub = store.submission(unit, YEAR)
        catalogue = store.catalogue(sub.catalogue_sha256)
        check = store.assess(sub).check
    rows = []
    for ind in catalogue.walk():
        if not ind.applies(sub.unit.kind):
            continue
        value = check.values.get(ind.code)
        if value is None:
            shown = "不适用" if ind.code in check.na and lang == "zh" else None
        elif isinstance(value, bool):
            shown = format_value(ind, value) if lang == "zh" else ("yes" if value else "no")
        elif ind.type == "choice":
            shown = ind.choice(value).label.get(lang)
        else:
            shown = format_value(ind, value)
        rows.append((ind, shown))
    return sub.unit, rows


@pytest.mark.parametrize("kind", ["draft", "real"])
def test_every_name_and_value_is_in_the_text(kind, demo_dir, real_dir, draft_pdf, real_pdf):
    pdf, folder, unit, demo = ((draft_pdf, demo_dir, "xitangqiao", True) if kind == "draft"
                               else (real_pdf, real_dir, REAL_UNIT, False))
    text = flat(tool("pdftotext", "-raw", str(pdf), "-"))
    count = 0
    unit_obj, rows = expected_values(folder, unit, "zh", demo)
    for ind, shown in rows:
        assert flat(ind.name.zh) in text, ind.code
        assert ind.code in text
        if shown is not None:
            assert flat(shown) in text, (ind.code, shown)
            count += 1
    assert unit_obj.name.zh in text
    assert count >= 50


def test_the_english_report_has_english_names(demo_dir, tmp_path):
    pdf = report(demo_dir, tmp_path / "en.pdf", lang="en")
    raw = tool("pdftotext", "-raw", str(pdf), "-")
    text = flat(raw)
    _, rows = expected_values(demo_dir, "xitangqiao", "en")
    for ind, shown in rows:
        assert flat(ind.name.en) in text, ind.code
        assert flat(ind.name.zh) not in text, ind.code
        if shown is not None:
            assert flat(shown) in text, (ind.code, shown)
    assert "Xitangqiao Subdistrict" in raw and "Haiyan County" in raw
    assert "Realization degree" in raw and "Page 1 of" in raw
    assert all(w == Counter("DRAFTSAMPLEDATA") for w in watermarks(pdf))
    assert "填报人" not in raw and "Clerk (signature)" in raw


def test_only_embedded_subset_fonts(draft_pdf, real_pdf):
    for pdf in (draft_pdf, real_pdf):
        rows = tool("pdffonts", str(pdf)).splitlines()[2:]
        assert rows, "no fonts listed"
        for row in rows:
            name, emb, sub, uni = (row.split()[0], *row.split()[-5:-2])
            assert (emb, sub, uni) == ("yes", "yes", "yes"), row
            assert re.fullmatch(r"[A-Z]{6}\+NotoSansSC-(Regular|Bold)", name), row
        assert any("Bold" in r for r in rows) and any("Regular" in r for r in rows)


def test_qpdf_finds_no_damage(draft_pdf, real_pdf):
    for pdf in (draft_pdf, real_pdf):
        result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors" in result.stdout


def test_page_count_agrees_with_every_footer(draft_pdf, real_pdf):
    for pdf in (draft_pdf, real_pdf):
        info = tool("pdfinfo", str(pdf))
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        assert "A4" in info
        texts = page_texts(pdf)
        assert len(texts) == pages >= 6
        for n, text in enumerate(texts, 1):
            found = re.findall(r"第\s*(\d+)\s*页\s*共\s*(\d+)\s*页", text)
            assert found == [(str(n), str(pages))], (n, found)


def test_attached_json_equals_the_store(real_dir, real_pdf, tmp_path):
    data = attached(real_pdf, tmp_path / "detached")
    with Store(real_dir, write=False) as store:
        sub = store.submission(REAL_UNIT, YEAR)
        stored = store.values(sub)
        score = store.assess(sub).score
        catalogue = store.catalogue(sub.catalogue_sha256)
    assert {v["code"]: (v["raw"], v["value"], v["na"], v["comment"]) for v in data["values"]} \
        == {c: (v.raw, v.value, v.na, v.comment) for c, v in stored.items()}
    assert data["catalogue"] == {"id": catalogue.id, "version": catalogue.version,
                                 "sha256": catalogue.sha256}
    assert (data["unit"]["code"], data["year"], data["state"]) == (REAL_UNIT, YEAR, "checked")
    assert data["demo"] is False and data["clerk"] == CLERK
    assert data["scores"]["overall"] == round(score.overall, 2)
    # report-data prints the same, and it is the data the footer's fingerprint names
    printed = run_cli("report-data", str(real_pdf))
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout) == data
    assert f"数据指纹 {data['fingerprint'][:16]}" in page_texts(real_pdf)[0]


def test_the_data_survives_a_rewrite_of_the_pdf(real_pdf, tmp_path):
    """Another tool saving the file anew (object streams, new layout) keeps the data readable."""
    rewritten = tmp_path / "rewritten.pdf"
    subprocess.run(["qpdf", "--object-streams=generate", str(real_pdf), str(rewritten)],
                   check=True)
    result = run_cli("report-data", str(rewritten))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["unit"]["code"] == REAL_UNIT


def test_warnings_and_not_applicable_are_explained(real_pdf):
    text = flat(tool("pdftotext", "-raw", str(real_pdf), "-"))
    assert "警告与说明" in text
    assert flat(NA_REASON) in text and "今年集中改造老旧管网" in text
    assert "填报人（签字）" in text and "单位负责人（签字）" in text
    assert CLERK in text


def test_watermarks_appear_exactly_when_they_should(demo_dir, draft_pdf, real_pdf, tmp_path):
    draft = watermarks(draft_pdf)  # a draft of demo data: both, on every page
    assert len(draft) == len(page_texts(draft_pdf))
    assert all(w == Counter("草稿示例数据") for w in draft)
    checked_demo = report(demo_dir, tmp_path / "wuyuan.pdf", unit="wuyuan")
    assert all(w == Counter("示例数据") for w in watermarks(checked_demo))
    assert all(w == Counter() for w in watermarks(real_pdf))  # checked, real data: neither
    real = page_texts(real_pdf)
    assert not any("草稿" in t or "示例数据" in t for t in real)
    assert "已校验" in real[0]


def test_a_reopened_submission_is_a_draft_again(tmp_path, builtin):
    folder = tmp_path / "data"
    with Store(folder, actor=CLERK) as store:
        sub = store.open_submission(builtin, REAL_UNIT, YEAR)
        store.set_values(sub, plausible_entries(builtin, "town", random.Random(2)))
        for p in store.assess(sub).check.open_warnings:
            store.set_values(sub, {p.code: Entry(store.entries(sub)[p.code].raw, "已核实")})
        store.mark_checked(sub)
        store.mark_signed(sub, "0" * 64, "signed.pdf")
        store.reopen(sub, "数据有误")
    pdf = report(folder, tmp_path / "reopened.pdf", demo=False, unit=REAL_UNIT)
    assert all(w == Counter("草稿") for w in watermarks(pdf))
    assert "已重开" in page_texts(pdf)[0]


@pytest.mark.parametrize("args, expected", [
    (["--unit", "nowhere", "--year", "2019"], "没有单位"),
    (["--unit", "xitangqiao", "--year", "2031"], "没有 2031 年度的填报记录"),
    (["--unit", "xitangqiao", "--year", "2019", "--lang", "en"], "The output folder does not "),
])
def test_bad_input_exits_2_with_one_sentence_and_no_file(args, expected, demo_dir, tmp_path):
    out = tmp_path / ("missing-dir" if "en" in args else "") / "r.pdf"
    result = run_cli("--data-dir", str(demo_dir), "--demo", "report", *args, "-o", str(out))
    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not out.exists() and not list(tmp_path.rglob("*.pdf*"))


def test_report_data_refuses_what_is_not_a_report(tmp_path, draft_pdf):
    cases = {tmp_path / "gone.pdf": "文件不存在"}
    text = tmp_path / "text.pdf"
    text.write_text("hello", encoding="utf-8")
    cases[text] = "不是 PDF 文件"
    plain = tmp_path / "plain.pdf"  # a PDF, but not ours: the report without its attachment
    content = draft_pdf.read_bytes()
    plain.write_bytes(content.replace(b"/EmbeddedFile", b"/SomethingElse"))
    cases[plain] = "没有附带的报告数据"
    for path, expected in cases.items():
        result = run_cli("report-data", str(path))
        assert result.returncode == 2, path
        assert expected in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    english = run_cli("--lang", "en", "report-data", str(text))
    assert english.returncode == 2 and "is not a PDF file" in english.stderr
