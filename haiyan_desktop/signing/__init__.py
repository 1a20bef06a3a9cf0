"""Digital signatures (Qt-free): the county PKI, signing the report, verifying it offline.

- :mod:`.pki`: the county root CA, township certificates (.p12), revocation lists;
- :mod:`.keystore`: opening a township's .p12 with its passphrase;
- :mod:`.sign`: the clerk's then the head's visible signature (PAdES B-B) on the report;
- :mod:`.stamp`: the red seal drawn into each signature;
- :mod:`.trust`: the county root and CRLs a verifier trusts;
- :mod:`.verify`: the verdict on a signed report;
- :mod:`.catalogue_package`: the county's signed catalogue (``.hycat``), made and checked.

pyHanko is imported only when a PDF is signed or verified (it takes about half a second).
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import SigningError

# name -> submodule; loaded on first use so that `import haiyan_desktop.signing` (done by the
# CLI for its error type) costs nothing: cryptography, reportlab and pyHanko come later.
_LAZY = {
    "CLERK": "identity", "HEAD": "identity", "ROLES": "identity", "ROLE_LABELS": "identity",
    "Signer": "identity", "Credential": "keystore", "load_credential": "keystore",
    "Signed": "sign", "SigningPlan": "sign", "existing_signers": "sign",
    "finish_signing": "sign", "page_count": "sign", "passphrase_from_file": "sign",
    "plan_signing": "sign",
    "report_file_name": "sign", "sign_field": "sign", "sign_report": "sign",
    "Trust": "trust", "install_trust": "trust", "installed_trust": "trust",
    "trust_folder": "trust", "SignatureCheck": "verify", "Verification": "verify",
    "verify_report": "verify", "with_stamps_drawn": "preview",
    "COUNTY_OFFICE": "identity", "CataloguePackageError": "catalogue_package",
    "open_package": "catalogue_package", "sign_catalogue_file": "catalogue_package",
}
__all__ = ["SigningError", *_LAZY]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value
