"""The report's data: fingerprint, attachment read back, import elsewhere gives the same scores."""

from __future__ import annotations

import hashlib
import json
import random
import re
from datetime import datetime, timedelta, timezone

import pytest

from haiyan_desktop.report import (
    ReportError,
    build_report,
    entries_from_data,
    read_report_data,
)
from haiyan_desktop.report.data import canonical_bytes, collect, fingerprint_of
from haiyan_desktop.sample_values import plausible_entries
from haiyan_desktop.store import Store
from haiyan_desktop.validation import Entry

CHINA = timezone(timedelta(hours=8))
WHEN = datetime(2020, 1, 2, 9, 30, tzinfo=CHINA)


@pytest.fixture(scope="module")
def demo_report(demo_dir, tmp_path_factory):
    """A draft with commented warnings (西塘桥街道 2019) and its data read from the PDF."""
    out = tmp_path_factory.mktemp("report") / "xitangqiao.pdf"
    with Store(demo_dir, demo=True, write=False) as store:
        info = build_report(store, store.submission("xitangqiao", 2019), out,
                            generated_at=WHEN)
    return info, read_report_data(out)


def test_attached_data_holds_what_the_issue_lists(demo_dir, demo_report):
    info, data = demo_report
    assert data["fingerprint"] == info.fingerprint
    assert data["catalogue"]["id"] == "haiyan-2019" and len(data["catalogue"]["sha256"]) == 64
    assert data["unit"]["code"] == "xitangqiao" and data["year"] == 2019
    assert data["state"] == "draft" and data["demo"] is True
    assert data["generated_at"] == "2020-01-02T09:30:00+08:00"
    with Store(demo_dir, demo=True, write=False) as store:
        sub = store.submission("xitangqiao", 2019)
        stored = store.values(sub)
        score = store.assess(sub).score
    assert {v["code"]: (v["raw"], v["value"], v["na"], v["comment"]) for v in data["values"]} \
        == {c: (v.raw, v.value, v.na, v.comment) for c, v in stored.items()}
    assert data["scores"]["overall"] == round(score.overall, 2)
    assert [d["score"] for d in data["scores"]["domains"]] == [
        None if d.score is None else round(d.score, 2) for d in score.domains]
    assert any(p["commented"] for p in data["problems"])  # the explained warnings
    assert data["previous"]["year"] == 2018 and data["previous"]["overall"] > 0


def test_fingerprint_is_the_hash_of_the_data_without_the_time(demo_dir, demo_report):
    _, data = demo_report
    assert fingerprint_of(data) == data["fingerprint"]
    rest = {k: v for k, v in data.items() if k not in ("generated_at", "fingerprint")}
    assert hashlib.sha256(canonical_bytes(rest)).hexdigest() == data["fingerprint"]
    with Store(demo_dir, demo=True, write=False) as store:
        sub = store.submission("xitangqiao", 2019)
        later = collect(store, sub, generated_at=WHEN + timedelta(days=3))
        other_clerk = collect(store, sub, clerk="李四", generated_at=WHEN)
    assert later.fingerprint == data["fingerprint"]  # the time is not part of it
    assert other_clerk.fingerprint != data["fingerprint"]  # the clerk is


def test_fingerprint_follows_the_values(tmp_path, builtin):
    with Store(tmp_path, actor="张三") as store:
        sub = store.open_submission(builtin, "shendang", 2019)
        store.set_values(sub, plausible_entries(builtin, "town", random.Random(1)))
        before = collect(store, sub, generated_at=WHEN).fingerprint
        store.set_value(sub, "EDU02", "99.50")
        after = collect(store, sub, generated_at=WHEN).fingerprint
        clerk = collect(store, sub).clerk
    assert before != after
    assert clerk == "张三"  # the actor of the latest edit


def test_a_login_name_is_never_taken_for_the_clerk(tmp_path, builtin, monkeypatch):
    """With no clerk named, the audit trail records the computer's login name: the report then
    names nobody; a clerk given by name, or named before the edit, is the one printed."""
    monkeypatch.setattr("getpass.getuser", lambda: "zhangs-pc")
    seconds = iter(range(10**6))  # a second per write: the latest edit is never a tie

    def clock() -> str:
        return f"{datetime(2020, 1, 1) + timedelta(seconds=next(seconds)):%Y-%m-%dT%H:%M:%SZ}"

    with Store(tmp_path, clock=clock) as store:
        sub = store.open_submission(builtin, "shendang", 2019)
        store.set_values(sub, plausible_entries(builtin, "town", random.Random(1)))
        assert {v.actor for v in store.values(sub).values()} == {"zhangs-pc"}
        nobody = collect(store, sub, generated_at=WHEN)
        given = collect(store, sub, clerk=" 李四 ", generated_at=WHEN)
        # the sign step collects again with the clerk read back from the report ("" here):
        # on another login the data must still match
        monkeypatch.setattr("getpass.getuser", lambda: "county-pc")
        read_back = collect(store, sub, clerk=nobody.clerk, generated_at=WHEN)
        store.actor = "王五"  # a clerk named in the window: the next edit is theirs
        store.set_value(sub, "EDU02", "99.50")
        named = collect(store, sub, generated_at=WHEN)
    assert nobody.clerk == nobody.payload["clerk"] == ""
    assert given.clerk == "李四"
    assert read_back.fingerprint == nobody.fingerprint
    assert named.clerk == "王五"


def test_importing_the_data_elsewhere_gives_the_same_scores(demo_report, builtin, tmp_path):
    _, data = demo_report
    assert data["catalogue"]["sha256"] == builtin.sha256
    with Store(tmp_path / "county", actor="县里") as store:
        sub = store.open_submission(builtin, data["unit"]["code"], data["year"])
        outcome = store.set_values(sub, entries_from_data(data))
        assert not outcome.rejected
        score = store.assess(sub).score
    assert round(score.overall, 2) == data["scores"]["overall"]
    assert {d.code: None if d.score is None else round(d.score, 2) for d in score.domains} \
        == {d["code"]: d["score"] for d in data["scores"]["domains"]}
    leaves = {leaf["code"]: leaf["contribution"] for leaf in data["scores"]["indicators"]}
    assert {c: round(leaf.contribution, 4) for c, leaf in score.leaves.items()} == leaves


def test_reading_a_file_that_is_not_a_report_is_refused(tmp_path, demo_report):
    missing = tmp_path / "missing.pdf"
    with pytest.raises(ReportError) as err:
        read_report_data(missing)
    assert "missing.pdf" in err.value.message.zh
    text = tmp_path / "notes.pdf"
    text.write_text("just text", encoding="utf-8")
    with pytest.raises(ReportError) as err:
        read_report_data(text)
    assert "不是 PDF 文件" in err.value.message.zh and "is not a PDF" in err.value.message.en


def test_a_pdf_without_our_data_is_refused(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    plain = tmp_path / "plain.pdf"
    canvas = Canvas(str(plain))
    canvas.drawString(100, 700, "hello")
    canvas.save()
    with pytest.raises(ReportError) as err:
        read_report_data(plain)
    assert "没有附带的报告数据" in err.value.message.zh
    assert "carries no report data" in err.value.message.en


def test_changed_data_no_longer_matches_its_fingerprint(tmp_path, demo_report):
    info, data = demo_report
    source = info.path.read_bytes()
    assert b"/EmbeddedFile" in source
    # a report whose attached data was edited (re-attached uncompressed with a new score)
    altered = dict(data, scores=dict(data["scores"], overall=100.0))
    body = json.dumps(altered, ensure_ascii=False).encode("utf-8")
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(
        b"%PDF-1.4\n1 0 obj\n<< /Type /EmbeddedFile /Length " + str(len(body)).encode()
        + b" >>\nstream\n" + body + b"\nendstream\nendobj\n%%EOF\n")
    with pytest.raises(ReportError) as err:
        read_report_data(forged)
    assert "与其数据指纹不符" in err.value.message.zh
    # the same, untouched, is accepted: the reader needs no particular layout
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    forged.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /EmbeddedFile >>\nstream\n" + body
                       + b"\nendstream\nendobj\n")
    assert read_report_data(forged)["fingerprint"] == info.fingerprint


def test_a_damaged_attachment_is_reported_as_damaged(tmp_path, demo_report):
    info, _ = demo_report
    content = bytearray(info.path.read_bytes())
    start = re.search(rb"/Type\s*/EmbeddedFile\s", content).start()
    stream = content.index(b"stream\n", start) + len(b"stream\n")
    content[stream:stream + 40] = b"\x00" * 40  # the compressed JSON is garbage now
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(bytes(content))
    with pytest.raises(ReportError) as err:
        read_report_data(broken)
    assert "已损坏" in err.value.message.zh


def test_entries_from_data_keep_not_applicable_and_comments():
    data = {"values": [{"code": "INS04", "raw": None, "value": None, "na": True,
                        "comment": "本镇无被征地人员"},
                       {"code": "EDU02", "raw": "99.5", "value": 99.5, "na": False,
                        "comment": ""}]}
    assert entries_from_data(data) == {"INS04": Entry(None, "本镇无被征地人员", True),
                                       "EDU02": Entry("99.5", "", False)}
