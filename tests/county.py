"""A county CA with every kind of certificate the signing tests need, built once per session.

Real keys and certificates (cryptography), made with the app's own ``pki`` module: the good
clerk and head of 武原街道, a clerk of another unit, an impostor CA's clerk with the very same
names, a revoked clerk (with the CRL) and an expired clerk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from haiyan_desktop.signing import Signer, load_credential, pki
from haiyan_desktop.signing.keystore import Credential

CA_PASS, P12_PASS = "county-passphrase", "township-passphrase"
UNIT, UNIT_NAME, YEAR = "wuyuan", "武原街道", 2019
OTHER_UNIT, OTHER_UNIT_NAME = "baibu", "百步镇"
CLERK_NAME, HEAD_NAME = "张晓明", "李建国"


@dataclass(frozen=True)
class County:
    folder: Path
    ca: Path
    root: Path
    crl: Path
    p12: dict[str, Path]  # kind -> file, all protected by P12_PASS

    def credential(self, kind: str) -> Credential:
        return load_credential(self.p12[kind], P12_PASS)


def make_county(folder: Path) -> County:
    ca_dir, evil_dir = folder / "county", folder / "impostor"
    root = pki.init_county(ca_dir, CA_PASS)
    ca = pki.open_ca(ca_dir, CA_PASS)
    pki.init_county(evil_dir, CA_PASS)
    evil = pki.open_ca(evil_dir, CA_PASS)
    files: dict[str, Path] = {}

    def issue(kind, authority, name, role, unit=UNIT, unit_name=UNIT_NAME, **kwargs):
        files[kind] = folder / f"{kind}.p12"
        return pki.issue(authority, Signer(name, unit, unit_name, role), P12_PASS,
                         files[kind], **kwargs)

    issue("clerk", ca, CLERK_NAME, "clerk")
    issue("head", ca, HEAD_NAME, "head")
    issue("other_unit_clerk", ca, "王芳", "clerk", OTHER_UNIT, OTHER_UNIT_NAME)
    issue("impostor_clerk", evil, CLERK_NAME, "clerk")
    revoked = issue("revoked_clerk", ca, "赵磊", "clerk")
    issue("expired_clerk", ca, "钱伟", "clerk", days=1,
          not_before=datetime.now(UTC) - timedelta(days=3))
    pki.revoke(ca, format(revoked.serial, "x"), "keyCompromise")
    return County(folder, ca_dir, root, ca_dir / pki.CRL_FILE, files)
