"""The county desk's test material, built once per test session (shared by the unit and the
CLI tests): a catalogue the county issued, every township's report signed by its own clerk
and head, and the bad files the county must refuse.

Built with the app's public functions only: the session's county CA (tests/county.py) and its
office (tests/catalogue_packages.py) issue the catalogue and the certificates; the values come
from the sample-values generator (``plausible_entries``) into a real (not sample) store, the
reports from ``build_report``, the signatures from ``sign_field``. Nothing here names an
indicator.
"""

from __future__ import annotations

import multiprocessing
import random
import shutil
import subprocess
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from haiyan_desktop.catalogue import Catalogue, installed_catalogues
from haiyan_desktop.report import build_report, read_report_data
from haiyan_desktop.sample_values import plausible_entries
from haiyan_desktop.signing import Signer, install_trust, load_credential, pki, sign_field
from haiyan_desktop.store import Store
from haiyan_desktop.validation import Entry
from tests.catalogue_packages import catalogue_bytes, make_office, package
from tests.county import CA_PASS, OTHER_UNIT, P12_PASS, UNIT, YEAR, County
from tests.reports import incremental_update, paint_over

ISSUED_VERSION = "2019.9"  # the catalogue the county issued for 2018-2019
LATER_VERSION = "2020.9"  # issued too, for 2020 only
UNISSUED_VERSION = "2019.8"  # never issued
CLERK_ACTOR = "县汇总测试"


@dataclass(frozen=True)
class Desk:
    work: Path
    template: Path  # a data folder with the county root, CRL and issued catalogues installed
    catalogue: Catalogue  # the issued catalogue the townships used
    units: tuple[str, ...]  # every township of it
    reports: dict[str, Path]  # unit code -> its report, signed by its clerk and its head
    bad: dict[str, Path]  # case -> file (see BAD_CASES)
    newer: Path  # UNIT's report again, reopened, changed and signed later
    township: Path  # the real store the reports were made from

    def fresh_folder(self, where: Path) -> Path:
        """A county data folder (root, CRL, issued catalogues; no county database yet)."""
        shutil.copytree(self.template, where)
        return where


# case -> the reason it is quarantined with
BAD_CASES = {
    "forged": "foreign_ca",  # the clerk's certificate from an impostor CA with the same names
    "tampered": "not_intact",  # one byte changed inside the signed range
    "foreign_key": "wrong_unit",  # signed by another unit's clerk
    "swapped": "data_not_signed",  # another report's data attached after signing
    "painted": "content_changed",  # a white box painted over a page after signing
    "revoked": "revoked",  # the clerk's certificate is on the county's CRL
    "clerk_only": "missing_role",  # the head never signed
    "sample": "sample_data",  # a signed report of the demo data
    "builtin_catalogue": "sample_catalogue",  # real data, the built-in sample catalogue
    "unissued_catalogue": "catalogue_not_issued",  # a catalogue the county never issued
    "year_not_in_catalogue": "year_not_in_catalogue",  # an issued catalogue of another year
    "not_pdf": "not_pdf",  # a text file named .pdf
    "empty": "empty",
    "truncated": "damaged",  # the first half of a signed report
    "encrypted": "encrypted",  # qpdf --encrypt of a good report
    "javascript": "javascript",  # a good report with a script added to open with
    "bomb": "attachment_too_large",  # an attachment unpacking to 64 MB
    "too_large": "too_large",  # 200 MB (sparse)
}

_BUILT: dict[str, object] = {}


def county_desk(tmp_path_factory, county: County, demo_signed: Path) -> Desk:
    """The desk, built on first use in this session (``demo_signed``: the session's signed
    report of the demo data)."""
    if "desk" not in _BUILT:
        _BUILT["desk"] = _build(tmp_path_factory.mktemp("county-desk"), county, demo_signed)
    return _BUILT["desk"]


LAST_YEAR_GAIN = 2.5  # every unit scores this much more than in the made-up last year


@dataclass(frozen=True)
class ReceivedYear:
    """A county data folder that received the desk's year (for the summary and the export)."""

    folder: Path  # this year only: no last year
    with_last_year: Path  # the same, and a last year made from it
    refused_unit: str  # only a refused file named it
    missing_unit: str  # nothing arrived
    refused_files: tuple[str, ...]  # names of the refused files, the tampered one first

    @property
    def tampered(self) -> str:
        return self.refused_files[0]


def received_year(tmp_path_factory, desk: Desk) -> ReceivedYear:
    """Built once per session: every township's report received but two; one of those only
    sent a report of a catalogue year the county did not issue, the other nothing; a report
    of an accepted unit with a byte changed, refused, and a file that is not a PDF.
    ``with_last_year`` adds a last year made from this one, every overall score
    :data:`LAST_YEAR_GAIN` lower."""
    import copy
    import hashlib
    import json

    from haiyan_desktop.county.store import CountyStore, NewReport
    from haiyan_desktop.jobs import DataFolder
    from haiyan_desktop.jobs.county import import_reports

    if "received" in _BUILT:
        return _BUILT["received"]
    work = tmp_path_factory.mktemp("county-received")
    folder = desk.fresh_folder(work / "county-data")
    refused_unit = read_report_data(desk.bad["year_not_in_catalogue"])["unit"]["code"]
    missing_unit = next(c for c in reversed(desk.units) if c not in (UNIT, refused_unit))
    files = [path for code, path in desk.reports.items()
             if code not in (refused_unit, missing_unit)]
    refused = (desk.bad["tampered"], desk.bad["year_not_in_catalogue"],
               desk.bad["not_pdf"])  # the last names no unit and no year
    result = import_reports(DataFolder.at(folder), [*files, *refused], workers=1)
    assert [f.outcome for f in result.files].count("accepted") == len(desk.units) - 2
    assert result.quarantined == len(refused)
    with_last_year = work / "with-last-year"
    shutil.copytree(folder, with_last_year)
    with CountyStore.open(with_last_year / "county.db") as store:
        for report in store.accepted(YEAR):
            data = copy.deepcopy(report.payload)
            data["year"] = YEAR - 1
            data["scores"]["overall"] -= LAST_YEAR_GAIN
            text = json.dumps(data, ensure_ascii=False)
            store.accept(NewReport(hashlib.sha256(text.encode()).hexdigest(), data, text, (),
                                   f"{report.unit_code}-{YEAR - 1}.pdf",
                                   f"/usb/{report.unit_code}-{YEAR - 1}.pdf", len(text)))
    _BUILT["received"] = ReceivedYear(folder, with_last_year, refused_unit, missing_unit,
                                      tuple(p.name for p in refused))
    return _BUILT["received"]


def _build(work: Path, county: County, demo_signed: Path) -> Desk:
    office = make_office(county, work / "office")
    template = work / "county-data"
    install_trust(template, county.root, county.crl)
    from haiyan_desktop.jobs.catalogues import install_catalogue

    packages = {}
    for version, years in ((ISSUED_VERSION, [2018, 2019]), (LATER_VERSION, [2020]),
                           (UNISSUED_VERSION, None)):
        packages[version] = work / f"haiyan-{version}.hycat"
        packages[version].write_bytes(package(catalogue_bytes(version, years),
                                              office.credential("office")))
    for version in (ISSUED_VERSION, LATER_VERSION):
        install_catalogue(template, packages[version])
    by_version = {c.version: c for _r, c in installed_catalogues(template)}
    issued, later = by_version[ISSUED_VERSION], by_version[LATER_VERSION]
    unissued_home = work / "unissued-home"  # a township that installed a foreign package
    install_trust(unissued_home, county.root)
    install_catalogue(unissued_home, packages[UNISSUED_VERSION])
    unissued = installed_catalogues(unissued_home)[0][1]

    ca = pki.open_ca(office.ca, CA_PASS)
    townships = [u for u in issued.units if u.is_township]
    p12: dict[tuple[str, str], Path] = {}
    for unit in townships:
        for role in ("clerk", "head"):
            if unit.code == UNIT:  # the session county's own 张晓明 and 李建国
                p12[unit.code, role] = county.p12[role]
                continue
            p12[unit.code, role] = work / f"{unit.code}-{role}.p12"
            pki.issue(ca, Signer(f"{unit.name.zh[:2]}{role}", unit.code, unit.name.zh, role),
                      P12_PASS, p12[unit.code, role])
    # the signatures (most of the time here) are made on two processes meanwhile
    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))

    def signed(report: Path, out: Path, clerk: Path | None = None, head: Path | bool = True
               ) -> Future:
        unit = read_report_data(report)["unit"]["code"]
        heads = p12[unit, "head"] if head is True else head or None
        return pool.submit(sign_both, report, out, clerk or p12[unit, "clerk"], heads)

    township = work / "township"
    unsigned, reports = work / "unsigned", work / "reports"
    unsigned.mkdir()
    reports.mkdir()
    rng = random.Random(2019)
    made: dict[str, Path] = {}
    with Store(township, write=True, actor=CLERK_ACTOR) as store:
        for n, unit in enumerate(townships):
            sub = store.open_submission(issued, unit.code, YEAR)
            store.set_values(sub, plausible_entries(issued, unit.scope, rng, 0.8 + n / 50))
            _comment_warnings(store, sub)
            sub = store.mark_checked(sub)
            made[unit.code] = build_report(store, sub, unsigned / f"{unit.code}.pdf").path
        # UNIT reopened after signing, one comment changed, checked and reported again
        sub = store.submission(UNIT, YEAR)
        _comment_warnings(store, sub, "复核后更新说明")
        sub = store.mark_checked(sub)
        later_at = datetime.now().astimezone().replace(microsecond=0) + timedelta(hours=2)
        newer_unsigned = build_report(store, sub, unsigned / "newer.pdf",
                                      generated_at=later_at).path
    signing = {code: signed(path, reports / f"{code}-{YEAR}.pdf")
               for code, path in made.items()}
    newer_signing = signed(newer_unsigned, work / f"{UNIT}-{YEAR}-newer.pdf")

    others = work / "others"  # real data on the wrong catalogues
    other_units = [u.code for u in townships if u.code != UNIT][:3]
    wrong = {}
    with Store(others, write=True, actor=CLERK_ACTOR) as store:
        for code, catalogue, case in zip(
                other_units, (later, unissued, None), ("year_not_in_catalogue",
                                                        "unissued_catalogue",
                                                        "builtin_catalogue"), strict=True):
            from haiyan_desktop.catalogue import default_catalogue

            catalogue = catalogue or default_catalogue()
            unit = next(u for u in catalogue.units if u.code == code)
            sub = store.open_submission(catalogue, code, YEAR)
            store.set_values(sub, plausible_entries(catalogue, unit.scope, rng, 0.9))
            _comment_warnings(store, sub)
            sub = store.mark_checked(sub)
            wrong[case] = build_report(store, sub, unsigned / f"{case}.pdf").path

    bad_dir = work / "bad"
    bad_dir.mkdir()
    later = {case: signed(path, bad_dir / f"{case}.pdf") for case, path in wrong.items()}
    later["forged"] = signed(made[UNIT], bad_dir / "forged.pdf",
                             clerk=county.p12["impostor_clerk"])
    later["foreign_key"] = signed(made[UNIT], bad_dir / "foreign_key.pdf",
                                  clerk=county.p12["other_unit_clerk"])
    later["revoked"] = signed(made[UNIT], bad_dir / "revoked.pdf",
                              clerk=county.p12["revoked_clerk"])
    later["clerk_only"] = signed(made[UNIT], bad_dir / "clerk_only.pdf", head=False)
    reports_of = {code: future.result() for code, future in signing.items()}
    newer = newer_signing.result()
    bad = {case: future.result() for case, future in later.items()}
    pool.shutdown()
    good = reports_of[UNIT]
    bad["sample"] = bad_dir / "sample.pdf"
    shutil.copyfile(demo_signed, bad["sample"])
    content = good.read_bytes()
    bad["tampered"] = _write(bad_dir / "tampered.pdf", _flip(content))
    bad["swapped"] = _write(bad_dir / "swapped.pdf",
                            incremental_update(content, _attach(reports_of[OTHER_UNIT])))
    bad["painted"] = _write(bad_dir / "painted.pdf", incremental_update(content, paint_over))
    bad["javascript"] = _write(bad_dir / "javascript.pdf",
                               incremental_update(content, _open_with_script))
    bad["not_pdf"] = _write(bad_dir / "not_pdf.pdf", "这不是 PDF，是一份说明。\n".encode())
    bad["empty"] = _write(bad_dir / "empty.pdf", b"")
    bad["truncated"] = _write(bad_dir / "truncated.pdf", content[: len(content) // 2])
    bad["bomb"] = _write(bad_dir / "bomb.pdf", _bomb())
    bad["encrypted"] = bad_dir / "encrypted.pdf"
    subprocess.run(["qpdf", "--encrypt", "user", "owner", "256", "--", str(good),
                    str(bad["encrypted"])], check=True, capture_output=True)
    bad["too_large"] = bad_dir / "too_large.pdf"
    with bad["too_large"].open("wb") as handle:  # sparse: nothing is really written
        handle.write(content[:1024])
        handle.truncate(200 * 1024 * 1024)
    assert set(bad) == set(BAD_CASES), set(bad) ^ set(BAD_CASES)
    return Desk(work, template, issued, tuple(u.code for u in townships), reports_of, bad,
                newer, township)


def sign_both(report: Path, out: Path, clerk: Path, head: Path | None) -> Path:
    """``report`` signed by the clerk of ``clerk`` (a .p12), then the head of ``head`` (none:
    only the clerk); written to ``out``."""
    content, _ = sign_field(report.read_bytes(), "clerk", load_credential(clerk, P12_PASS))
    if head is not None:
        content, _ = sign_field(content, "head", load_credential(head, P12_PASS))
    out.write_bytes(content)
    return out


def _comment_warnings(store: Store, sub, comment: str = "已核实") -> None:
    """Answer every open warning with a comment (as a clerk does before "checked")."""
    problems, _missing = store.blocking_problems(sub)
    entries = store.entries(sub)
    fix = {p.code: Entry(entries[p.code].raw if p.code in entries else None, comment,
                         entries[p.code].na if p.code in entries else False)
           for p in problems if not p.is_error and p.code in entries}
    if comment != "已核实" and not fix:  # a visible change all the same: one comment
        code = sorted(entries)[0]
        fix = {code: Entry(entries[code].raw, comment, entries[code].na)}
    if fix:
        store.set_values(sub, fix)


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def _flip(content: bytes) -> bytes:
    at = content.index(b"stream", len(content) // 3) + 40
    changed = bytearray(content)
    changed[at] ^= 0x01
    return bytes(changed)


def _attach(other_report: Path):
    """Replace the attached data with another (valid, fingerprinted) report's data."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.embed import EmbeddedFileObject

    from haiyan_desktop.report.data import ATTACHMENT_NAME, attachment_bytes

    data = attachment_bytes(read_report_data(other_report))

    def change(writer) -> None:
        name = generic.NameObject
        stream = writer.add_object(EmbeddedFileObject.from_file_data(
            writer, data, mime_type="application/json"))
        spec = writer.add_object(generic.DictionaryObject({
            name("/Type"): name("/Filespec"),
            name("/F"): generic.TextStringObject(ATTACHMENT_NAME),
            name("/UF"): generic.TextStringObject(ATTACHMENT_NAME),
            name("/EF"): generic.DictionaryObject({name("/F"): stream})}))
        writer.root[name("/Names")] = generic.DictionaryObject({
            name("/EmbeddedFiles"): generic.DictionaryObject({
                name("/Names"): generic.ArrayObject([
                    generic.TextStringObject(ATTACHMENT_NAME), spec])})})
        writer.update_root()

    return change


def _open_with_script(writer) -> None:
    from pyhanko.pdf_utils import generic

    name = generic.NameObject
    action = writer.add_object(generic.DictionaryObject({
        name("/Type"): name("/Action"), name("/S"): name("/JavaScript"),
        name("/JS"): generic.TextStringObject("app.alert('hello');")}))
    writer.root[name("/OpenAction")] = action
    writer.update_root()


def _bomb() -> bytes:
    """A small PDF whose attachment unpacks to 64 MB of zeros."""
    import zlib

    packed = zlib.compress(b"\0" * (64 * 1024 * 1024), 9)
    return (b"%PDF-1.7\n1 0 obj\n<< /Type /EmbeddedFile /Filter /FlateDecode /Length "
            + str(len(packed)).encode() + b" >>\nstream\n" + packed
            + b"\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n")


__all__ = ["BAD_CASES", "Desk", "county_desk"]
