"""Catalogues the county signed and this data folder installed (no YAML, no crypto here).

``catalogue install PKG`` (jobs/catalogues.py) checks a package's signature, then keeps three
files side by side in ``<data folder>/catalogues/``, each written whole or not at all:

- ``<id>-<version>.yaml``: the catalogue, byte for byte as the county signed it;
- ``<id>-<version>.hycat``: the package as received (the signature, for provenance);
- ``<id>-<version>.json``: the record below, written last: without it nothing is installed.

A catalogue counts as installed only while its YAML still has the sha256 its record names (a
file edited or dropped into the folder by hand is never used). Choosing the catalogue of a
year (:func:`haiyan_desktop.catalogue.catalogue_for_year`) prefers an installed catalogue
covering the year over the built-in sample, and among those the newest version.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any, NamedTuple

from ..messages import Bilingual

FOLDER = "catalogues"
FORMAT = "haiyan-installed-catalogue"
PACKAGE_SUFFIX = ".hycat"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

log = logging.getLogger(__name__)


class InstalledCatalogue(NamedTuple):
    """One installed catalogue: what it is, who signed it, where its files are."""

    id: str
    version: str
    title: Bilingual
    years: tuple[int, ...]
    sha256: str
    signer: str  # the person named by the county office's certificate
    signer_unit: str  # the organisation it names (海盐县人民政府)
    serial: str  # the certificate's serial number, hexadecimal
    signed_at: str  # ISO time the signature gives (self-reported), or ""
    installed_at: str  # ISO time of installation
    yaml: Path
    package: Path

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "title": self.title.zh,
                "title_en": self.title.en, "years": list(self.years), "sha256": self.sha256,
                "signer": self.signer, "signer_unit": self.signer_unit, "serial": self.serial,
                "signed_at": self.signed_at, "installed_at": self.installed_at,
                "file": str(self.yaml), "package": str(self.package)}


def folder_of(data_dir: str | Path) -> Path:
    """Where a data folder keeps its installed catalogues."""
    return Path(data_dir) / FOLDER


def file_stem(catalogue_id: str, version: str) -> str:
    """``<id>-<version>`` with anything a file name cannot safely hold replaced by ``_``."""
    return _UNSAFE.sub("_", f"{catalogue_id}-{version}").strip("._") or "catalogue"


def version_key(version: str) -> tuple:
    """Order versions as people read them: ``2019.2`` < ``2019.10`` < ``2020.1``."""
    parts = re.findall(r"\d+|[^\d]+", version)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def record_bytes(record: InstalledCatalogue) -> bytes:
    data = {"format": FORMAT, "format_version": 1, **record.to_json()}
    data["file"], data["package"] = record.yaml.name, record.package.name  # beside the record
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_record(path: Path) -> InstalledCatalogue | None:
    """The record in ``path``, or None when it is not one (damaged, foreign, half-written)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        return InstalledCatalogue(
            id=str(data["id"]), version=str(data["version"]),
            title=Bilingual(str(data["title"]), str(data.get("title_en") or data["title"])),
            years=tuple(int(y) for y in data["years"]), sha256=str(data["sha256"]),
            signer=str(data["signer"]), signer_unit=str(data.get("signer_unit", "")),
            serial=str(data.get("serial", "")), signed_at=str(data.get("signed_at") or ""),
            installed_at=str(data.get("installed_at") or ""),
            yaml=path.parent / Path(str(data["file"])).name,
            package=path.parent / Path(str(data["package"])).name)
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        log.warning("installed catalogue record %s is unreadable: %s", path.name,
                    type(exc).__name__)
        return None


def records(data_dir: str | Path) -> list[InstalledCatalogue]:
    """Every installed catalogue's record, oldest version first (none: an empty list)."""
    folder = folder_of(data_dir)
    if not folder.is_dir():
        return []
    found = [r for r in (read_record(p) for p in sorted(folder.glob("*.json"))) if r]
    return sorted(found, key=lambda r: (r.id, version_key(r.version), r.installed_at))


def newest_first(found: list[InstalledCatalogue]) -> list[InstalledCatalogue]:
    """The newest version first (then the latest installed)."""
    return sorted(found, key=lambda r: (version_key(r.version), r.installed_at), reverse=True)


__all__ = ["FOLDER", "PACKAGE_SUFFIX", "InstalledCatalogue", "file_stem", "folder_of",
           "newest_first", "read_record", "record_bytes", "records", "version_key"]
