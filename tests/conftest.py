"""Shared fixtures: catalogues, and the CLI run as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# Never the real user's settings, data or cache: QSettings, QStandardPaths and every CLI the
# tests start look here (set before Qt is imported, and inherited by subprocesses).
_PRIVATE_HOME = Path(tempfile.mkdtemp(prefix="haiyan-tests-"))
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = str(_PRIVATE_HOME / _name.lower())

from haiyan_desktop.catalogue import Catalogue, default_catalogue, load_catalogue  # noqa: E402 (after the private home is set)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CATALOGUES = FIXTURES / "catalogues"


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory):
    """Parsed catalogues are cached per user: the tests (and the CLI they start) keep theirs
    apart from the real one, starting empty."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HAIYAN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def builtin() -> Catalogue:
    return default_catalogue()


@pytest.fixture(scope="session")
def scoring_catalogue() -> Catalogue:
    return load_catalogue(CATALOGUES / "scoring.yaml")


def tool(*args: str) -> str:
    """The output of an external checker (pdftotext, pdffonts, pdfsig, qpdf…); a failure
    fails the test with the tool's own message."""
    result = subprocess.run(list(args), capture_output=True, text=True)
    assert result.returncode == 0, f"{args[0]} failed: {result.stderr}"
    return result.stdout


def pdftotext(pdf: Path, *args: str) -> str:
    """poppler's text of ``pdf`` (``args``: its options, e.g. "-layout")."""
    return tool("pdftotext", *args, str(pdf), "-")


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    """Run `haiyan-desktop ARGS` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "haiyan_desktop.cli", *args],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd or ROOT, env=env, timeout=120,
    )


def _demo_submissions() -> int:
    from haiyan_desktop.catalogue import catalogue_for_year
    from haiyan_desktop.demo import DEMO_YEARS, demo_units

    return len(demo_units(catalogue_for_year(DEMO_YEARS[-1]))) * len(DEMO_YEARS)


DEMO_SUBMISSIONS = _demo_submissions()  # 9 townships and 11 departments, × 2 years


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory):
    """The demo data (20 units × 2 years), built once; tests only read it (or copy it)."""
    from haiyan_desktop.demo import build_demo

    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder)
    return folder


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def county(tmp_path_factory):
    """The county CA and its test certificates (see tests/county.py), built once."""
    from tests.county import make_county

    return make_county(tmp_path_factory.mktemp("county"))


@pytest.fixture(scope="session")
def unsigned_report(demo_dir, tmp_path_factory):
    """The report of 武原街道 2019 (checked, demo data), built once; tests copy it."""
    from haiyan_desktop.report import build_report
    from haiyan_desktop.store import Store
    from tests.county import UNIT, YEAR

    out = tmp_path_factory.mktemp("report") / "wuyuan-2019.pdf"
    with Store(demo_dir, demo=True, write=False) as store:
        build_report(store, store.submission(UNIT, YEAR), out)
    return out


@pytest.fixture(scope="session")
def signed_report(county, unsigned_report, tmp_path_factory):
    """The same report signed by the clerk, then the head (no store involved)."""
    from haiyan_desktop.signing import sign_field

    one, _ = sign_field(unsigned_report.read_bytes(), "clerk", county.credential("clerk"))
    two, _ = sign_field(one, "head", county.credential("head"))
    out = tmp_path_factory.mktemp("signed") / "signed.pdf"
    out.write_bytes(two)
    return out


@pytest.fixture(scope="session")
def desk(tmp_path_factory, county, signed_report):
    """The county desk's material: the townships' signed reports and the bad files
    (tests/county_desk.py), built once."""
    from tests.county_desk import county_desk

    return county_desk(tmp_path_factory, county, signed_report)


@pytest.fixture(scope="session")
def received(tmp_path_factory, desk):
    """A county data folder that received the desk's year, and one with a last year too
    (tests/county_desk.py: received_year), built once."""
    from tests.county_desk import received_year

    return received_year(tmp_path_factory, desk)


@pytest.fixture(scope="session")
def demo_payloads(demo_dir):
    """The demo data's report payloads by year, and their catalogue."""
    from haiyan_desktop.report.data import collect
    from haiyan_desktop.store import Store

    by_year: dict[int, list[dict]] = {}
    with Store(demo_dir, demo=True, write=False) as store:
        subs = store.submissions()
        catalogue = store.catalogue(subs[-1].catalogue_sha256)
        for sub in subs:
            by_year.setdefault(sub.year, []).append(collect(store, sub).payload)
    return catalogue, by_year


def convert_with_libreoffice(source: Path, workdir: Path, to: str = "xlsx") -> Path:
    """Open ``source`` in LibreOffice Calc headless and save it again as ``to``."""
    import shutil

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice Calc is needed for this test (soffice is not on PATH): "
                    "apt-get install -y --no-install-recommends libreoffice-calc-nogui")
    out = workdir / "converted"
    profile = (workdir / "lo-profile").as_uri()  # a private profile: no clash between runs
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to,
         "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=180)
    converted = out / f"{source.stem}.{to}"
    assert converted.exists(), f"LibreOffice did not convert the file: {result.stderr}"
    return converted


def catalogue_strings(value):
    """Every string inside nested dicts and lists (e.g. the catalogue as JSON)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from catalogue_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from catalogue_strings(v)


@pytest.fixture
def private_log_temp(tmp_path, monkeypatch):
    """The log's fallback folder lies in this test's temporary folder; every log session the
    test started is ended (tests/unit/test_logs.py, test_diagnostics.py)."""
    import tempfile

    from haiyan_desktop import logs

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    yield
    logs.stop_logging()
