"""The county's signed catalogues: sign one (the county office), install one (a township), and
list what a data folder has installed. The window and the CLI both call these.

The signature itself is made and checked in :mod:`haiyan_desktop.signing.catalogue_package`;
where installed catalogues live and how the catalogue of a year is chosen is in
:mod:`haiyan_desktop.catalogue.installed` and :func:`haiyan_desktop.catalogue.catalogue_for_year`.
An install refused for any reason installs, writes and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..catalogue import Catalogue, is_builtin, load_cached
from ..catalogue import installed_catalogues as usable_installed
from ..catalogue.installed import (
    PACKAGE_SUFFIX,
    InstalledCatalogue,
    file_stem,
    folder_of,
    record_bytes,
    records,
)
from ..errors import EXIT_USAGE
from ..files import write_atomically
from ..messages import Bilingual, msg, os_reason
from .folder import DataFolder, existing_file


@dataclass(frozen=True)
class Installed:
    """What :func:`install_catalogue` did: the record, the catalogue, and whether the very
    same catalogue was installed already (then nothing was written)."""

    record: InstalledCatalogue
    catalogue: Catalogue
    already: bool = False

    def years_text(self) -> str:
        return ", ".join(str(y) for y in self.record.years)


def _data_dir(folder: DataFolder | str | Path) -> Path:
    return folder.path if isinstance(folder, DataFolder) else Path(folder)


def sign_catalogue(source: str | Path, out: str | Path, credential,
                   folder: DataFolder | str | Path | None = None):
    """Sign the catalogue file ``source`` with the county office's ``credential`` into the
    package ``out`` (``.hycat``): a ``SignedPackage``. With a data folder whose county root is
    installed, a certificate the county did not issue or has revoked is refused too."""
    from ..signing import installed_trust
    from ..signing.catalogue_package import sign_catalogue_file

    source = existing_file(source)
    trust = installed_trust(_data_dir(folder)) if folder is not None else None
    return sign_catalogue_file(source, out, credential, trust=trust)


def install_catalogue(folder: DataFolder | str | Path, package: str | Path) -> Installed:
    """Verify the package against the county root and CRL installed in the data folder, then
    keep its catalogue (and the package) in ``<data folder>/catalogues/``.

    Raises ``CataloguePackageError`` (one sentence: unsigned, tampered, foreign, revoked,
    expired, not the county office, a catalogue that does not load, a clash with an installed
    version) or ``HaiyanError`` (the file is missing); nothing is written then.
    """
    from ..signing import installed_trust
    from ..signing.catalogue_package import CataloguePackageError, open_package

    data_dir = _data_dir(folder)
    package = existing_file(package)
    trust = installed_trust(data_dir)
    if trust is None:
        raise CataloguePackageError(msg("catpkg.no_trust"), EXIT_USAGE)
    verified = open_package(package, trust)
    catalogue = verified.catalogue
    for record in records(data_dir):
        if (record.id, record.version) != (catalogue.id, catalogue.version):
            continue
        if record.sha256 == verified.sha256 and _intact(record):
            return Installed(record, load_cached(record.yaml), already=True)
        if record.sha256 != verified.sha256:
            raise CataloguePackageError(msg("catpkg.conflict", id=catalogue.id,
                                            version=catalogue.version))
    target = folder_of(data_dir)
    stem = _free_stem(data_dir, catalogue, verified.sha256)
    yaml_path, package_path = target / f"{stem}.yaml", target / f"{stem}{PACKAGE_SUFFIX}"
    record = InstalledCatalogue(
        id=catalogue.id, version=catalogue.version, title=catalogue.title,
        years=tuple(catalogue.years), sha256=verified.sha256, signer=verified.signer.name,
        signer_unit=verified.signer.unit_name,
        serial=format(verified.certificate.serial_number, "x"),
        signed_at=verified.signed_at.isoformat() if verified.signed_at else "",
        installed_at=datetime.now().astimezone().replace(microsecond=0).isoformat(),
        yaml=yaml_path, package=package_path)
    written: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for path, content in ((yaml_path, verified.catalogue_bytes),
                              (package_path, verified.package),
                              (target / f"{stem}.json", record_bytes(record))):
            write_atomically(path, content)  # the record last: until then nothing counts
            written.append(path)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise CataloguePackageError(msg("catpkg.write_failed", path=str(target),
                                        detail=os_reason(exc)), EXIT_USAGE) from exc
    return Installed(record, load_cached(yaml_path))


def _intact(record: InstalledCatalogue) -> bool:
    """Whether an installed catalogue's file still has the bytes its record names."""
    try:
        return load_cached(record.yaml).sha256 == record.sha256
    except Exception:  # a file gone or changed: install it again
        return False


def _free_stem(data_dir: Path, catalogue: Catalogue, sha256: str) -> str:
    """``<id>-<version>``, unless another installed catalogue's files took that name (two
    ids and versions that differ only in characters a file name cannot hold)."""
    stem = file_stem(catalogue.id, catalogue.version)
    taken = {r.yaml.stem: r for r in records(data_dir)}
    other = taken.get(stem)
    if other is not None and (other.id, other.version) != (catalogue.id, catalogue.version):
        stem = f"{stem}-{sha256[:8]}"
    return stem


def signed_by(record: InstalledCatalogue) -> Bilingual:
    """Who signed an installed catalogue: 海盐县人民政府县评估办公室王海燕."""
    from ..signing.catalogue_package import label_of
    from ..signing.identity import COUNTY_OFFICE

    return label_of(record.signer, record.signer_unit, COUNTY_OFFICE)


def installed_catalogues(folder: DataFolder | str | Path) -> list[InstalledCatalogue]:
    """The catalogues installed in the data folder that can be used, newest version first
    (one whose file no longer loads or was changed by hand is left out)."""
    return [record for record, _catalogue in usable_installed(_data_dir(folder))]


def provenance(catalogue: Catalogue, folder: DataFolder | str | Path | None) -> Bilingual:
    """Where a catalogue comes from, in words: the built-in sample, or the county office that
    signed the installed catalogue with these bytes (or, for neither, its file)."""
    if is_builtin(catalogue):
        return Bilingual(msg("catpkg.sample").zh, msg("catpkg.sample").en)
    if folder is not None:
        for record in installed_catalogues(folder):
            if record.sha256 == catalogue.sha256:
                issued = msg("catpkg.issued_by", signer=signed_by(record))
                return Bilingual(issued.zh, issued.en)
    name = Path(catalogue.path).name or catalogue.id
    return Bilingual(name, name)


__all__ = ["Installed", "install_catalogue", "installed_catalogues", "provenance",
           "sign_catalogue", "signed_by"]
