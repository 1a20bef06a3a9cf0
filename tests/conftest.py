"""Shared fixtures: catalogues, and the CLI run as a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from haiyan_desktop.catalogue import Catalogue, default_catalogue, load_catalogue

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CATALOGUES = FIXTURES / "catalogues"


@pytest.fixture(scope="session")
def builtin() -> Catalogue:
    return default_catalogue()


@pytest.fixture(scope="session")
def scoring_catalogue() -> Catalogue:
    return load_catalogue(CATALOGUES / "scoring.yaml")


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    """Run `haiyan-desktop ARGS` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "haiyan_desktop.cli", *args],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd or ROOT, env=env, timeout=120,
    )


@pytest.fixture
def cli():
    return run_cli
