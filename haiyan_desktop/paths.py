"""Where the application finds its bundled resources (one place, also for the frozen build)."""

from __future__ import annotations

import sys
from pathlib import Path

IS_FROZEN = bool(getattr(sys, "frozen", False))


def resources_dir() -> Path:
    if IS_FROZEN:  # PyInstaller one-folder build: resources/ sits beside the executable's data
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def catalogues_dir() -> Path:
    return resources_dir() / "catalogues"
