"""Signing a report (policy and mechanism) and verifying it, with real keys and pyHanko.

Each way a signed report can be wrong must be rejected with its own sentence. The mechanism is
tested on a report of real (not sample) data; a report of the demo data can be signed, for
training, but never verifies as acceptable.
"""

from __future__ import annotations

import hashlib
import io
import shutil
from datetime import UTC, datetime, timedelta

import pytest

from haiyan_desktop.messages import MESSAGES
from haiyan_desktop.signing import (
    SigningError,
    Trust,
    existing_signers,
    pki,
    sign_field,
    sign_report,
    verify_report,
)
from haiyan_desktop.store import Store, ValueRejected
from tests.county import CA_PASS, CLERK_NAME, HEAD_NAME, UNIT, UNIT_NAME, YEAR
from tests.reports import (
    incremental_update,
    paint_over,
    real_report,
    real_store_from_demo,
    signed_by_both,
)

SAMPLE_SENTENCE = "这是示例数据生成的报告，不能作为正式上报材料"


@pytest.fixture
def trust(county):
    return Trust.from_files(county.root)


@pytest.fixture
def store(demo_dir, tmp_path):
    """A writable copy of the demo data."""
    folder = tmp_path / "data"
    shutil.copytree(demo_dir, folder)
    with Store(folder, demo=True, write=True, actor="测试") as opened:
        yield opened


@pytest.fixture(scope="module")
def real_dir(demo_dir, tmp_path_factory):
    """A real store: the demo's 武原街道 2018 and 2019 (checked); tests only read it."""
    return real_store_from_demo(demo_dir, tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="module")
def real_unsigned(real_dir, tmp_path_factory):
    """The report of 武原街道 2019 from real data, built once; tests copy it."""
    return real_report(real_dir, tmp_path_factory.mktemp("real-report") / "wuyuan-2019.pdf")


@pytest.fixture(scope="module")
def real_signed(real_unsigned, county, tmp_path_factory):
    """The same signed by the clerk, then the head (no store involved)."""
    return signed_by_both(real_unsigned, county,
                          tmp_path_factory.mktemp("real-signed") / "signed.pdf")


@pytest.fixture
def real_store(real_dir, tmp_path):
    """A writable copy of the real data."""
    folder = tmp_path / "real"
    shutil.copytree(real_dir, folder)
    with Store(folder, write=True, actor="测试") as opened:
        yield opened


def problem_keys(result) -> list[str]:
    return [p.key for p in result.all_problems]


def signed_with(tmp_path, report, *kinds_and_fields, county):
    """``report`` signed in turn by each (certificate kind, field), written to tmp_path."""
    content = report.read_bytes()
    for kind, field in kinds_and_fields:
        content, _ = sign_field(content, field, county.credential(kind))
    out = tmp_path / "signed.pdf"
    out.write_bytes(content)
    return out


# --- the mechanism ----------------------------------------------------------------------------
def test_good_report_verifies(real_signed, trust):
    result = verify_report(real_signed, trust)
    assert result.ok, problem_keys(result)
    clerk, head = result.signatures
    assert (clerk.field, clerk.signer.name, clerk.signer.role) == ("clerk", CLERK_NAME, "clerk")
    assert (head.field, head.signer.name, head.signer.unit_name) == ("head", HEAD_NAME, UNIT_NAME)
    assert clerk.intact and clerk.trusted and head.intact and head.trusted
    assert not clerk.covers_whole and head.covers_whole  # the head's covers the clerk's
    assert not clerk.changed_after and not head.changed_after
    assert clerk.signed_at <= head.signed_at
    assert result.unit["code"] == UNIT and result.year == YEAR
    data = result.to_json("zh")
    assert data["ok"] and data["signatures"][1]["covers_whole_document"]


def _flip_inside_signed_range(content: bytes) -> bytes:
    at = content.index(b"stream", len(content) // 3) + 40
    changed = bytearray(content)
    changed[at] ^= 0x01
    return bytes(changed)


def test_one_changed_byte_breaks_both_signatures(real_signed, trust, tmp_path):
    tampered = tmp_path / "t.pdf"
    tampered.write_bytes(_flip_inside_signed_range(real_signed.read_bytes()))
    result = verify_report(tampered, trust)
    assert not result.ok
    assert problem_keys(result) == ["verify.not_intact", "verify.not_intact"]
    assert not any(s.intact for s in result.signatures)
    data = result.to_json("en")  # each problem also as a reason code, in the same order
    assert data["reasons"] == ["not_intact", "not_intact"] and len(data["problems"]) == 2
    assert [s["reasons"] for s in data["signatures"]] == [["not_intact"], ["not_intact"]]


def add_note(writer) -> None:
    from pyhanko.pdf_utils import generic

    name = generic.NameObject
    annot = writer.add_object(generic.DictionaryObject({
        name("/Type"): name("/Annot"), name("/Subtype"): name("/FreeText"),
        name("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (100, 500, 300, 540)]),
        name("/Contents"): generic.TextStringObject("实现度 100.00"),
        name("/DA"): generic.pdf_string("/Helv 12 Tf 0 g")}))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page[name("/Annots")] = generic.ArrayObject([annot])
    writer.update_container(page)


def test_painting_over_after_the_last_signature_is_caught(real_signed, trust, tmp_path):
    tampered = tmp_path / "t.pdf"
    tampered.write_bytes(incremental_update(real_signed.read_bytes(), paint_over))
    result = verify_report(tampered, trust)
    assert not result.ok
    assert problem_keys(result) == ["verify.content_changed"]
    head = result.signatures[-1]
    assert head.intact and head.trusted and not head.covers_whole and head.changed_after
    assert "第 2 页" in result.all_problems[0].zh


def test_an_annotation_after_signing_is_caught(real_signed, trust, tmp_path):
    tampered = tmp_path / "t.pdf"
    tampered.write_bytes(incremental_update(real_signed.read_bytes(), add_note))
    result = verify_report(tampered, trust)
    assert problem_keys(result) == ["verify.annotation_added"]
    assert "page 1" in result.all_problems[0].en


def test_a_change_between_the_two_signatures_is_caught(real_unsigned, county, trust,
                                                         tmp_path):
    content, _ = sign_field(real_unsigned.read_bytes(), "clerk", county.credential("clerk"))
    content = incremental_update(content, paint_over)
    content, _ = sign_field(content, "head", county.credential("head"))
    path = tmp_path / "t.pdf"
    path.write_bytes(content)
    result = verify_report(path, trust)
    assert problem_keys(result) == ["verify.content_changed"]
    assert result.signatures[0].changed_after and not result.signatures[1].changed_after


def test_impostor_ca_with_the_same_names(real_unsigned, county, trust, tmp_path):
    path = signed_with(tmp_path, real_unsigned, ("impostor_clerk", "clerk"),
                       ("head", "head"), county=county)
    result = verify_report(path, trust)
    assert problem_keys(result) == ["verify.foreign_ca"]
    assert not result.signatures[0].trusted and result.signatures[1].trusted


def test_revoked_certificate_with_the_crl(real_unsigned, county, tmp_path):
    path = signed_with(tmp_path, real_unsigned, ("revoked_clerk", "clerk"), ("head", "head"),
                       county=county)
    with_crl = verify_report(path, Trust.from_files(county.root, [county.crl]))
    assert problem_keys(with_crl) == ["verify.revoked"]
    assert with_crl.signatures[0].revoked_at is not None
    without = verify_report(path, Trust.from_files(county.root))
    assert without.ok  # the list is what tells: without it nobody can know


def test_expired_certificate(real_unsigned, county, trust, tmp_path):
    path = signed_with(tmp_path, real_unsigned, ("expired_clerk", "clerk"), ("head", "head"),
                       county=county)
    assert problem_keys(verify_report(path, trust)) == ["verify.expired"]


def test_clerk_of_another_unit(real_unsigned, county, trust, tmp_path):
    path = signed_with(tmp_path, real_unsigned, ("other_unit_clerk", "clerk"),
                       ("head", "head"), county=county)
    result = verify_report(path, trust)
    assert problem_keys(result) == ["verify.wrong_unit"]
    assert "百步镇" in result.all_problems[0].zh and UNIT_NAME in result.all_problems[0].zh


def test_head_in_the_clerks_place(real_unsigned, county, trust, tmp_path):
    path = signed_with(tmp_path, real_unsigned, ("head", "clerk"), county=county)
    assert problem_keys(verify_report(path, trust)) == ["verify.wrong_role",
                                                         "verify.missing_role"]


def test_unsigned_report(real_unsigned, trust):
    assert problem_keys(verify_report(real_unsigned, trust)) == ["verify.unsigned"]


def test_only_the_clerk_signed(real_unsigned, county, trust, tmp_path):
    path = signed_with(tmp_path, real_unsigned, ("clerk", "clerk"), county=county)
    result = verify_report(path, trust)
    assert problem_keys(result) == ["verify.missing_role"]
    assert result.signatures[0].covers_whole


def test_truncated_file(real_signed, trust, tmp_path):
    path = tmp_path / "t.pdf"
    path.write_bytes(real_signed.read_bytes()[: real_signed.stat().st_size // 2])
    assert problem_keys(verify_report(path, trust)) == ["verify.damaged"]


def test_not_a_pdf_and_not_our_pdf(trust, tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    text = tmp_path / "x.pdf"
    text.write_text("hello", encoding="utf-8")
    assert problem_keys(verify_report(text, trust)) == ["report.not_pdf"]
    other = tmp_path / "other.pdf"
    canvas = Canvas(str(other))
    canvas.drawString(100, 100, "someone else's PDF")
    canvas.save()
    assert problem_keys(verify_report(other, trust)) == ["report.no_data"]


def test_missing_file_raises(trust, tmp_path):
    with pytest.raises(SigningError) as excinfo:
        verify_report(tmp_path / "none.pdf", trust)
    assert excinfo.value.message.key == "report.unreadable"


def test_stale_crl_is_reported(real_signed, county, tmp_path):
    ca = pki.open_ca(county.ca, CA_PASS)
    old = pki.write_crl(ca, tmp_path / "old.crl", days=30,
                        now=datetime.now(UTC) - timedelta(days=60))
    result = verify_report(real_signed, Trust.from_files(county.root, [old]))
    assert problem_keys(result) == ["verify.crl_stale"]


def test_a_crl_of_another_root_is_refused(county, tmp_path):
    pki.init_county(tmp_path / "other", CA_PASS)
    other = pki.open_ca(tmp_path / "other", CA_PASS)
    foreign = pki.write_crl(other, tmp_path / "foreign.crl")
    with pytest.raises(SigningError) as excinfo:
        Trust.from_files(county.root, [foreign])
    assert excinfo.value.message.key == "trust.crl_foreign"


def test_every_rejection_has_its_own_sentence():
    keys = ["verify.not_intact", "verify.content_changed", "verify.annotation_added",
            "verify.foreign_ca", "verify.revoked", "verify.expired", "verify.wrong_unit",
            "verify.unsigned"]
    assert len({MESSAGES[k] for k in keys}) == len(keys)


# --- the policy (sign_report with the store) ----------------------------------------------------
def test_clerk_then_head_marks_the_submission_signed(store, unsigned_report, county, trust,
                                                      tmp_path):
    one = sign_report(unsigned_report, tmp_path / "one.pdf", county.credential("clerk"),
                      store=store, trust=trust)
    assert not one.complete and one.signer.name == CLERK_NAME
    assert store.submission(UNIT, YEAR).state == "checked"
    two = sign_report(one.path, tmp_path / "two.pdf", county.credential("head"), store=store,
                      trust=trust)
    assert two.complete
    submission = store.submission(UNIT, YEAR)
    assert submission.state == "signed"
    row = store.db.execute("SELECT sha256, path FROM reports WHERE submission_id = ?",
                           [submission.id]).fetchone()
    assert row[0] == hashlib.sha256(two.path.read_bytes()).hexdigest() == two.sha256
    assert row[1] == str(two.path.resolve())
    assert [f for f, _ in existing_signers(two.path.read_bytes())] == ["clerk", "head"]
    # sample data may be signed (training), but the signed report is not acceptable
    result = verify_report(two.path, trust)
    assert problem_keys(result) == ["verify.sample_data"] and result.sample_only
    assert unsigned_report.read_bytes()[:5] == b"%PDF-"  # the source is left as it was


def test_real_data_signed_through_the_store_verifies(real_store, real_unsigned, county, trust,
                                                     tmp_path):
    one = sign_report(real_unsigned, tmp_path / "one.pdf", county.credential("clerk"),
                      store=real_store, trust=trust)
    two = sign_report(one.path, tmp_path / "two.pdf", county.credential("head"),
                      store=real_store, trust=trust)
    assert two.complete and real_store.submission(UNIT, YEAR).state == "signed"
    result = verify_report(two.path, trust)
    assert result.ok and not result.sample_only, problem_keys(result)
    assert result.to_json("zh")["reasons"] == []


def refused(source, out, credential, **kwargs) -> str:
    with pytest.raises(SigningError) as excinfo:
        sign_report(source, out, credential, **kwargs)
    assert not out.exists()  # nothing written
    return excinfo.value.message.key


def test_head_cannot_sign_first(store, unsigned_report, county, tmp_path):
    assert refused(unsigned_report, tmp_path / "o.pdf", county.credential("head"),
                   store=store) == "sign.clerk_first"


def test_clerk_cannot_sign_twice(store, county, tmp_path, unsigned_report):
    one = sign_report(unsigned_report, tmp_path / "one.pdf", county.credential("clerk"),
                      store=store)
    assert refused(one.path, tmp_path / "o.pdf", county.credential("clerk"),
                   store=store) == "sign.clerk_signed"


def test_a_complete_report_takes_no_third_signature(signed_report, county, tmp_path):
    assert refused(signed_report, tmp_path / "o.pdf", county.credential("head")) == \
        "sign.complete"


def test_certificate_of_another_unit_cannot_sign(store, unsigned_report, county, tmp_path):
    assert refused(unsigned_report, tmp_path / "o.pdf", county.credential("other_unit_clerk"),
                   store=store) == "sign.wrong_unit"


def test_expired_certificate_cannot_sign(store, unsigned_report, county, tmp_path):
    assert refused(unsigned_report, tmp_path / "o.pdf", county.credential("expired_clerk"),
                   store=store) == "sign.cert_expired"


def test_foreign_and_revoked_certificates_cannot_sign(store, unsigned_report, county,
                                                      tmp_path):
    trust = Trust.from_files(county.root, [county.crl])
    assert refused(unsigned_report, tmp_path / "o.pdf", county.credential("impostor_clerk"),
                   store=store, trust=trust) == "sign.cert_foreign"
    assert refused(unsigned_report, tmp_path / "o.pdf", county.credential("revoked_clerk"),
                   store=store, trust=trust) == "sign.cert_revoked"


def test_a_draft_report_cannot_be_signed(demo_dir, county, tmp_path):
    from haiyan_desktop.report import build_report

    with Store(demo_dir, demo=True, write=False) as reader:
        draft = reader.submission("baibu", YEAR)
        assert draft.state == "draft"
        path = build_report(reader, draft, tmp_path / "draft.pdf").path
    assert refused(path, tmp_path / "o.pdf", county.credential("clerk")) == "sign.not_checked"


def test_report_must_still_match_the_store(store, unsigned_report, county, tmp_path):
    # last year's figures are in the report: changing them makes it stale, though this
    # year's submission is still checked
    last = store.submission(UNIT, YEAR - 1)
    before = store.assess(last).score.overall
    for code, entry in store.entries(last).items():
        try:
            number = float(entry.raw)
        except (TypeError, ValueError):
            continue
        try:
            if store.set_value(last, code, str(int(number * 0.5)), "测试修改"):
                break
        except ValueRejected:
            continue
    assert store.assess(last).score.overall != before
    assert store.submission(UNIT, YEAR).state == "checked"
    assert refused(unsigned_report, tmp_path / "o.pdf", county.credential("clerk"),
                   store=store) == "sign.data_changed"


def test_an_edited_submission_is_no_longer_signable(store, unsigned_report, county, tmp_path):
    sub = store.submission(UNIT, YEAR)
    code, entry = next((c, e) for c, e in store.entries(sub).items() if e.raw)
    store.set_value(sub, code, entry.raw, (entry.comment or "") + "。")
    assert refused(unsigned_report, tmp_path / "o.pdf", county.credential("clerk"),
                   store=store) == "sign.store_not_checked"


def test_report_of_a_unit_not_in_the_store(unsigned_report, county, tmp_path):
    with Store(tmp_path / "empty", write=True) as empty:
        assert refused(unsigned_report, tmp_path / "o.pdf", county.credential("clerk"),
                       store=empty) == "sign.not_in_store"


def test_signing_needs_a_report_of_ours(county, tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    other = tmp_path / "other.pdf"
    Canvas(str(other)).save()
    assert refused(other, tmp_path / "o.pdf", county.credential("clerk")) == "report.no_data"


def test_a_change_inside_the_heads_own_revision_is_caught(real_unsigned, county, trust,
                                                            tmp_path):
    """The head's signing step itself paints over page 2: the clerk never saw that page."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    content, _ = sign_field(real_unsigned.read_bytes(), "clerk", county.credential("clerk"))
    head = county.credential("head")
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    paint_over(writer)  # in the same revision as the head's signature
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(
            head.certificate.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(head.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())),
        cert_registry=None)
    out = signers.PdfSigner(signers.PdfSignatureMetadata(
        field_name="head", subfilter=fields.SigSeedSubFilter.PADES), signer=signer,
    ).sign_pdf(writer, output=io.BytesIO())
    path = tmp_path / "t.pdf"
    path.write_bytes(out.getvalue())
    result = verify_report(path, trust)
    assert problem_keys(result) == ["verify.content_changed"]
    assert result.signatures[0].changed_after and result.signatures[1].intact


def test_preview_copy_paints_the_stamps_and_is_never_valid(real_signed, real_unsigned,
                                                            trust, tmp_path):
    from haiyan_desktop.signing import with_stamps_drawn

    assert with_stamps_drawn(real_unsigned.read_bytes()) == real_unsigned.read_bytes()
    shown = tmp_path / "shown.pdf"
    shown.write_bytes(with_stamps_drawn(real_signed.read_bytes()))
    # for the screen only: painting on the page after signing is what verify rejects
    assert problem_keys(verify_report(shown, trust)) == ["verify.content_changed"]


# --- sample data ------------------------------------------------------------------------------
def test_a_signed_sample_report_is_not_acceptable(signed_report, trust):
    """Sound signatures (cryptographically valid, trusted) on a report of the demo data."""
    result = verify_report(signed_report, trust)
    assert not result.ok and result.sample_only
    assert problem_keys(result) == ["verify.sample_data"]
    assert all(s.ok and s.intact and s.trusted for s in result.signatures)
    assert result.all_problems[0].zh == SAMPLE_SENTENCE
    assert result.all_problems[0].en == ("This report was made from sample data and cannot be "
                                         "submitted as an official report.")
    data = result.to_json("zh")
    assert data["ok"] is False
    assert data["problems"] == [SAMPLE_SENTENCE] and data["reasons"] == ["sample_data"]
    assert [(s["ok"], s["reasons"]) for s in data["signatures"]] == [(True, []), (True, [])]


def test_a_sample_report_with_other_problems_lists_them_all(signed_report, unsigned_report,
                                                            trust, tmp_path):
    tampered = tmp_path / "t.pdf"
    tampered.write_bytes(_flip_inside_signed_range(signed_report.read_bytes()))
    result = verify_report(tampered, trust)
    assert problem_keys(result) == ["verify.not_intact", "verify.not_intact",
                                    "verify.sample_data"]
    assert not result.sample_only  # the verdict is the failure, sample data one of its reasons
    unsigned = verify_report(unsigned_report, trust)
    assert problem_keys(unsigned) == ["verify.unsigned", "verify.sample_data"]
    assert unsigned.to_json("en")["reasons"] == ["unsigned", "sample_data"]


def stamp_text(pdf, role: str) -> str:
    """What pdftotext reads inside ``role``'s signature box on the last page: the stamp (the
    watermark's huge diagonal glyphs left out)."""
    import re
    import subprocess

    from haiyan_desktop.report import SIGNATURE_BOXES
    from haiyan_desktop.report.layout import PAGE_HEIGHT

    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    last = out.split("<page ")[-1]
    x1, y1, x2, y2 = SIGNATURE_BOXES[role]
    words = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                         r'yMax="([\d.]+)">([^<]*)</word>', last):
        left, top, right, bottom = (float(m.group(i)) for i in range(1, 5))
        inside = (x1 - 1 <= left and right <= x2 + 1
                  and PAGE_HEIGHT - y2 - 1 <= top and bottom <= PAGE_HEIGHT - y1 + 1)
        if inside and bottom - top < 20:
            words.append(m.group(5))
    return " ".join(words)


def test_the_stamp_of_a_sample_report_says_sample(signed_report, real_signed):
    for role, name in (("clerk", CLERK_NAME), ("head", HEAD_NAME)):
        sample, real = stamp_text(signed_report, role), stamp_text(real_signed, role)
        assert name in sample and name in real  # the right boxes were read
        assert "示例" in sample and "SAMPLE" in sample, sample
        assert "示例" not in real and "SAMPLE" not in real, real
