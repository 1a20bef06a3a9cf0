"""The report document built in-process: deterministic pages, signature boxes on the last page,
progress, failures that leave nothing, units without last year or with nothing to score."""

from __future__ import annotations

import os
import random
import re
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from haiyan_desktop.demo import build_demo
from haiyan_desktop.report import (
    SIGNATURE_BOXES,
    ReportError,
    build_report,
    read_report_data,
)
from haiyan_desktop.report import document as report_document
from haiyan_desktop.report.layout import PAGE_HEIGHT, PAGE_WIDTH
from haiyan_desktop.sample_values import plausible_entries
from haiyan_desktop.store import Store
from tests.conftest import pdftotext

CHINA = timezone(timedelta(hours=8))
WHEN = datetime(2020, 1, 2, 9, 30, 15, tzinfo=CHINA)


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder)
    return folder


def build(folder: Path, unit: str, year: int, out: Path, demo: bool = True, **kwargs):
    with Store(folder, demo=demo, write=False) as store:
        return build_report(store, store.submission(unit, year), out, **kwargs)


def test_same_data_gives_the_same_document(demo_dir, tmp_path):
    first = build(demo_dir, "baibu", 2019, tmp_path / "a.pdf", generated_at=WHEN)
    again = build(demo_dir, "baibu", 2019, tmp_path / "b.pdf", generated_at=WHEN)
    later = build(demo_dir, "baibu", 2019, tmp_path / "c.pdf",
                  generated_at=WHEN + timedelta(hours=5, minutes=7))
    assert first.fingerprint == again.fingerprint == later.fingerprint
    assert first.path.read_bytes() == again.path.read_bytes()  # byte for byte
    texts = [pdftotext(p) for p in (first.path, later.path)]
    assert "2020-01-02 09:30:15 UTC+08:00" in texts[0]
    assert "2020-01-02 14:37:15 UTC+08:00" in texts[1]
    assert texts[0] != texts[1]

    def without_time(text: str) -> str:
        return re.sub(r"^.*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC.*$", "", text, flags=re.M)

    assert without_time(texts[0]) == without_time(texts[1])
    assert read_report_data(later.path)["generated_at"] == "2020-01-02T14:37:15+08:00"


def test_signature_boxes_are_drawn_on_the_last_page_where_layout_says(demo_dir, tmp_path):
    info = build(demo_dir, "wuyuan", 2019, tmp_path / "r.pdf")
    assert info.pages == pages_of(info.path)
    for x1, y1, x2, y2 in SIGNATURE_BOXES.values():
        assert 0 < x1 < x2 < PAGE_WIDTH and 0 < y1 < y2 < PAGE_HEIGHT
        assert x2 - x1 >= 150 and y2 - y1 >= 60  # room for a visible signature
    clerk, head = SIGNATURE_BOXES["clerk"], SIGNATURE_BOXES["head"]
    assert clerk[2] < head[0] or head[2] < clerk[0]  # side by side, not overlapping
    # the frames: an uncompressed copy of the PDF shows the rectangles on the last page only
    plain = tmp_path / "plain.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(info.path), str(plain)],
                   check=True)
    content = plain.read_bytes().decode("latin-1")
    pages = re.split(r"%% Contents for page \d+", content)[1:]
    assert len(pages) == info.pages
    for x1, y1, x2, y2 in SIGNATURE_BOXES.values():
        rect = re.compile(rf"\b{x1:g} {y1:g} {x2 - x1:g} {y2 - y1:g} re\b")
        assert rect.search(pages[-1].split("endstream")[0]), (x1, y1)
        assert not any(rect.search(p.split("endstream")[0]) for p in pages[:-1])
    # the labels sit just above their boxes, on the last page
    words = pdftotext(info.path, "-bbox", "-f", str(info.pages), "-l", str(info.pages))
    for role, label in (("clerk", "填报人（签字）"), ("head", "单位负责人（签字）")):
        x1, _, _, y2 = SIGNATURE_BOXES[role]
        found = re.search(rf'xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">'
                          rf"{label}<", words)
        assert found, label
        assert abs(float(found.group(1)) - x1) < 2
        baseline = PAGE_HEIGHT - float(found.group(2))
        assert y2 < baseline < y2 + 20


def test_progress_is_reported_step_by_step(demo_dir, tmp_path):
    seen: list[tuple[int, int]] = []
    info = build(demo_dir, "wuyuan", 2019, tmp_path / "r.pdf",
                 progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    umask = os.umask(0)
    os.umask(umask)
    assert info.path.stat().st_mode & 0o777 == 0o666 & ~umask  # a normal file, not 0600


def test_a_missing_output_folder_is_refused(demo_dir, tmp_path):
    with pytest.raises(ReportError) as err:
        build(demo_dir, "wuyuan", 2019, tmp_path / "nowhere" / "r.pdf")
    assert "输出目录不存在" in err.value.message.zh
    assert not (tmp_path / "nowhere").exists()


def test_a_failed_build_leaves_nothing_and_keeps_the_old_file(demo_dir, tmp_path, monkeypatch):
    out = tmp_path / "r.pdf"
    out.write_bytes(b"the previous report")

    def broken(data, path, lang="zh"):
        Path(path).write_bytes(b"%PDF-1.4 half a document")
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(report_document, "write_document", broken)
    with pytest.raises(RuntimeError):
        build(demo_dir, "wuyuan", 2019, out)
    assert out.read_bytes() == b"the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf"]  # no temporary file


def test_first_year_department_and_not_applicable(tmp_path, builtin):
    """No last year, a county department (most domains have nothing for it), a value marked
    not applicable with its reason."""
    with Store(tmp_path, actor="王五") as store:
        sub = store.open_submission(builtin, "edu_bureau", 2019)
        entries = plausible_entries(builtin, "department", random.Random(3))
        na_code = next(i.code for i in builtin.leaves("department")
                       if i.allow_na and not i.is_calculated)
        entries[na_code] = entries[na_code].__class__(None, "由县卫生健康局填报", True)
        store.set_values(sub, entries)
        info = build_report(store, sub, tmp_path / "dept.pdf")
        score = store.assess(sub).score
    text = pdftotext(info.path)
    flat = re.sub(r"\s+", "", text)
    assert "无上年度数据" in text
    assert "由县卫生健康局填报" in flat and "不适用" in text
    assert any(d.score is None for d in score.domains)
    assert "本领域没有适用于本单位的计分指标" in flat
    assert "县教育局" in text and "王五" in text


def test_the_cover_never_prints_a_login_name_and_the_signature_page_no_clerk(
        tmp_path, builtin, monkeypatch):
    """Entered with no clerk named (the audit trail knows only the login name): the cover's
    填报人 says 未填写. A clerk given by name is printed on the cover; the signature page leaves
    the names to the stamps of the certificates."""
    monkeypatch.setattr("getpass.getuser", lambda: "zhangs-pc")
    with Store(tmp_path) as store:
        sub = store.open_submission(builtin, "shendang", 2019)
        store.set_values(sub, plausible_entries(builtin, "town", random.Random(5)))
        zh = build_report(store, sub, tmp_path / "zh.pdf")
        en = build_report(store, sub, tmp_path / "en.pdf", lang="en")
        named = build_report(store, sub, tmp_path / "named.pdf", clerk="李四")
    for info, line in ((zh, "填报人未填写"), (en, "ClerkNotgiven")):
        assert "zhangs-pc" not in pdftotext(info.path)
        assert line in re.sub(r"\s+", "", pdftotext(info.path, "-l", "1"))
        meta = subprocess.run(["pdfinfo", str(info.path)], capture_output=True, text=True,
                              check=True).stdout
        assert "zhangs-pc" not in meta
    assert "填报人李四" in re.sub(r"\s+", "", pdftotext(named.path, "-l", "1"))
    last = pdftotext(named.path, "-f", str(named.pages), "-l", str(named.pages))
    assert "填报人（签字）" in last and "李四" not in last


def test_an_unknown_language_is_a_programming_error(demo_dir, tmp_path):
    with pytest.raises(ValueError):
        build(demo_dir, "wuyuan", 2019, tmp_path / "r.pdf", lang="fr")


def test_chinese_section_numbers():
    from haiyan_desktop.report.document import zh_number

    assert [zh_number(n) for n in (1, 8, 10, 11, 20, 23)] == ["一", "八", "十", "十一", "二十",
                                                              "二十三"]


def test_a_comment_longer_than_a_page_and_markup_characters(tmp_path, builtin):
    """A row taller than a page is split across pages; < and & are printed, not parsed."""
    from haiyan_desktop.validation import Entry

    with Store(tmp_path, actor="张三") as store:
        sub = store.open_submission(builtin, "baibu", 2019)
        entries = plausible_entries(builtin, "town", random.Random(4))
        entries["HEA05C"] = Entry("98.00", "核实" * 999 + "完毕")  # a warning: above 95
        entries["INS04"] = Entry(None, "<b>无</b> & 不适用", True)
        store.set_values(sub, entries)
        info = build_report(store, sub, tmp_path / "long.pdf")
    text = pdftotext(info.path)
    assert "完毕" in text and "<b>无</b> & 不适用" in text
    assert info.pages == pages_of(info.path)
