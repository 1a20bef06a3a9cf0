"""Who a certificate names: the county, a unit, a role and a person (Qt-free, no pyHanko).

A township certificate's subject carries everything the verifier needs, readable in any
certificate viewer: ``O`` is the unit's Chinese name, ``OU`` its catalogue code, ``title``
the role (填报人 or 单位负责人) and ``CN`` the person. A certificate of the county's assessment
office (``title`` 县评估办公室), which signs catalogues, names the county itself as its unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509
from cryptography.x509.oid import NameOID

from ..messages import Bilingual

CLERK, HEAD = "clerk", "head"
ROLES = (CLERK, HEAD)  # a report's signatures, also their order
COUNTY_OFFICE = "county"  # signs the county's catalogues, never a report
ROLE_LABELS = {
    CLERK: Bilingual("填报人", "Clerk"),
    HEAD: Bilingual("单位负责人", "Unit head"),
    COUNTY_OFFICE: Bilingual("县评估办公室", "County Assessment Office"),
}
COUNTY = Bilingual("海盐县", "Haiyan County")
PROVINCE = "浙江省"
ROOT_ORGANIZATION = "海盐县人民政府"
# What a county-office certificate names as its unit (O and OU): the county, not a township.
COUNTY_UNIT_CODE, COUNTY_UNIT_NAME = "county", ROOT_ORGANIZATION
ROOT_COMMON_NAME = "海盐县基本公共服务均等化评估根证书"


@dataclass(frozen=True)
class Signer:
    """The person, unit and role a certificate names (a township's, or the county office's)."""

    name: str
    unit_code: str
    unit_name: str
    role: str  # CLERK, HEAD or COUNTY_OFFICE

    @property
    def role_label(self) -> Bilingual:
        return ROLE_LABELS[self.role]


def _place() -> list[x509.NameAttribute]:
    return [x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, PROVINCE),
            x509.NameAttribute(NameOID.LOCALITY_NAME, COUNTY.zh)]


def root_subject() -> x509.Name:
    return x509.Name([
        *_place(),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, ROOT_ORGANIZATION),
        x509.NameAttribute(NameOID.COMMON_NAME, ROOT_COMMON_NAME)])


def signer_subject(signer: Signer) -> x509.Name:
    return x509.Name([
        *_place(),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, signer.unit_name),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, signer.unit_code),
        x509.NameAttribute(NameOID.TITLE, ROLE_LABELS[signer.role].zh),
        x509.NameAttribute(NameOID.COMMON_NAME, signer.name)])


def _one(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    found = name.get_attributes_for_oid(oid)
    return str(found[0].value) if len(found) == 1 else None


def role_from_label(label: str | None) -> str | None:
    """CLERK, HEAD or COUNTY_OFFICE from a title as written in a certificate (either language
    or the code)."""
    if label is None:
        return None
    wanted = label.strip().casefold()
    for role, names in ROLE_LABELS.items():
        if wanted in (role, names.zh.casefold(), names.en.casefold()):
            return role
    return None


def signer_of(subject: x509.Name) -> Signer | None:
    """The signer a subject names, or None when it is not one of the county's signing
    certificates (a township's or the county office's)."""
    name = _one(subject, NameOID.COMMON_NAME)
    unit_code = _one(subject, NameOID.ORGANIZATIONAL_UNIT_NAME)
    unit_name = _one(subject, NameOID.ORGANIZATION_NAME)
    role = role_from_label(_one(subject, NameOID.TITLE))
    if not (name and unit_code and unit_name and role):
        return None
    return Signer(name, unit_code, unit_name, role)
