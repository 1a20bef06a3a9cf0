"""The county office's certificates and catalogue packages, good and bad, for the tests of
signed catalogues (unit, CLI and window).

Built on a copy of the session's county CA (tests/county.py), so revoking here changes nothing
the other signing tests see: the county office (role ``county``), one revoked (with the CRL),
one expired, an impostor CA's office with the very same names, and the county's own clerk.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from haiyan_desktop.catalogue import default_catalogue, parse_catalogue
from haiyan_desktop.signing import Signer, install_trust, load_credential, pki
from haiyan_desktop.signing.catalogue_package import (
    CATALOGUE,
    MANIFEST,
    SIGNATURE,
    build_package,
    zip_members,
)
from haiyan_desktop.signing.identity import COUNTY_UNIT_CODE, COUNTY_UNIT_NAME
from haiyan_desktop.signing.keystore import Credential
from tests.county import CA_PASS, P12_PASS, County

OFFICE_NAME = "王海燕"


@dataclass(frozen=True)
class Office:
    folder: Path
    ca: Path
    root: Path
    crl: Path
    p12: dict[str, Path]  # kind -> file, all protected by P12_PASS

    def credential(self, kind: str) -> Credential:
        return load_credential(self.p12[kind], P12_PASS)

    def trust(self, data_dir: Path) -> Path:
        """Install this county's root and CRL in ``data_dir`` (as `trust install` does)."""
        return install_trust(data_dir, self.root, self.crl)


def make_office(county: County, folder: Path) -> Office:
    ca_dir, evil_dir = folder / "county", folder / "impostor"
    shutil.copytree(county.ca, ca_dir)
    shutil.copytree(county.folder / "impostor", evil_dir)
    ca, evil = pki.open_ca(ca_dir, CA_PASS), pki.open_ca(evil_dir, CA_PASS)
    files: dict[str, Path] = {}

    def issue(kind, authority, name=OFFICE_NAME, role="county", **kwargs):
        files[kind] = folder / f"{kind}.p12"
        signer = (Signer(name, COUNTY_UNIT_CODE, COUNTY_UNIT_NAME, role) if role == "county"
                  else Signer(name, "wuyuan", "武原街道", role))
        return pki.issue(authority, signer, P12_PASS, files[kind], **kwargs)

    issue("office", ca)
    revoked = issue("revoked_office", ca, "赵磊")
    issue("expired_office", ca, "钱伟", days=1,
          not_before=datetime.now(UTC) - timedelta(days=3))
    issue("impostor_office", evil)
    issue("clerk", ca, "张晓明", role="clerk")
    pki.revoke(ca, format(revoked.serial, "x"), "keyCompromise")
    return Office(folder, ca_dir, ca_dir / pki.ROOT_CERT, ca_dir / pki.CRL_FILE, files)


def catalogue_bytes(version: str = "2019.9", years: list[int] | None = None) -> bytes:
    """The built-in catalogue with another version (and years): a catalogue of the county."""
    text = Path(default_catalogue().path).read_text(encoding="utf-8")
    text, count = re.subn(r'(?m)^version:.*$', f'version: "{version}"', text, count=1)
    assert count == 1
    if years is not None:
        text, count = re.subn(r"(?m)^years:.*$", f"years: {years}", text, count=1)
        assert count == 1
    return text.encode("utf-8")


def package(data: bytes, credential: Credential, **kwargs) -> bytes:
    """A package of ``data`` signed by ``credential``, no policy applied (hostile ones too)."""
    return build_package(data, parse_catalogue(data), credential,
                         signed_at=datetime.now().astimezone().replace(microsecond=0),
                         **kwargs)


def replace_member(package_bytes: bytes, name: str, content: bytes) -> bytes:
    """The package with one member's bytes replaced (the others kept as they are)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(package_bytes)) as archive:
        members = [(n, archive.read(n)) for n in archive.namelist()]
    return zip_members([(n, content if n == name else c) for n, c in members])


def resigned(package_bytes: bytes, data: bytes, credential: Credential) -> bytes:
    """The package carrying ``data`` (which need not be a valid catalogue), truly signed by
    ``credential``, its manifest's sha256 matching."""
    import hashlib
    import io
    import json
    import zipfile

    from haiyan_desktop.signing.catalogue_package import detached_signature

    with zipfile.ZipFile(io.BytesIO(package_bytes)) as archive:
        manifest = json.loads(archive.read(MANIFEST))
    manifest["catalogue"]["sha256"] = hashlib.sha256(data).hexdigest()
    signature = detached_signature(data, credential,
                                   datetime.now().astimezone().replace(microsecond=0))
    return zip_members([(MANIFEST, json.dumps(manifest).encode("utf-8")), (CATALOGUE, data),
                        (SIGNATURE, signature)])


def tampered(package_bytes: bytes, *, fix_manifest: bool) -> bytes:
    """The package with its catalogue edited after signing (a line added); with
    ``fix_manifest`` the manifest's sha256 is made to match, so only the signature tells."""
    import hashlib
    import io
    import json
    import zipfile

    with zipfile.ZipFile(io.BytesIO(package_bytes)) as archive:
        data, manifest = archive.read(CATALOGUE), json.loads(archive.read(MANIFEST))
    edited = data + "\n# 目标值已调整\n".encode()  # a comment added: still a valid catalogue
    out = replace_member(package_bytes, CATALOGUE, edited)
    if fix_manifest:
        manifest["catalogue"]["sha256"] = hashlib.sha256(edited).hexdigest()
        out = replace_member(out, MANIFEST, json.dumps(manifest).encode("utf-8"))
    return out


def bad_package(office: Office, signed: bytes, kind: str) -> bytes:
    """A bad package of kind ``kind`` (see BAD), made from the good package ``signed``."""
    if kind == "unsigned":
        return package(catalogue_bytes(), office.credential("office"),
                       include_signature=False)
    if kind == "tampered":
        return tampered(signed, fix_manifest=True)
    if kind == "tampered_label":
        return tampered(signed, fix_manifest=False)
    if kind == "foreign":
        return package(catalogue_bytes(), office.credential("impostor_office"))
    if kind == "revoked":
        return package(catalogue_bytes(), office.credential("revoked_office"))
    if kind == "expired":
        return package(catalogue_bytes(), office.credential("expired_office"))
    if kind == "clerk":
        return package(catalogue_bytes(), office.credential("clerk"))
    if kind == "broken_zip":
        return signed[: len(signed) // 2]
    if kind == "not_zip":
        return b"id: haiyan-2019\n"
    if kind == "damaged_signature":
        return replace_member(signed, SIGNATURE, b"\x30\x03\x02\x01\x01")
    if kind == "invalid_catalogue":
        bad = catalogue_bytes().replace(b"\nunits:", b"\nunits_misspelt:", 1)
        assert bad != catalogue_bytes()
        return resigned(signed, bad, office.credential("office"))
    raise AssertionError(kind)


BAD = [  # kind, message key, exit status (1 failed a check, 2 unreadable), words (zh)
    ("unsigned", "catpkg.unsigned", 1, "没有县评估办公室的数字签名"),
    ("tampered", "catpkg.tampered", 1, "签名之后被修改过"),
    ("tampered_label", "catpkg.tampered", 1, "签名之后被修改过"),
    ("foreign", "catpkg.foreign_ca", 1, "不是由本机安装的县级根证书签发的"),
    ("revoked", "catpkg.revoked", 1, "被县里吊销"),
    ("expired", "catpkg.expired", 1, "过期"),
    ("clerk", "catpkg.not_county", 1, "不是县评估办公室的证书"),
    ("broken_zip", "catpkg.not_package", 2, "不是考核目录包"),
    ("not_zip", "catpkg.not_package", 2, "不是考核目录包"),
    ("damaged_signature", "catpkg.signature_damaged", 1, "签名已损坏"),
    ("invalid_catalogue", "catpkg.catalogue_invalid", 1, "未通过校验"),
]


__all__ = ["BAD", "CATALOGUE", "MANIFEST", "OFFICE_NAME", "P12_PASS", "SIGNATURE", "Office",
           "bad_package", "catalogue_bytes", "make_office", "package", "replace_member",
           "resigned", "tampered"]
