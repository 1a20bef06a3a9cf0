"""Where the application finds its bundled resources (one place, also for the frozen build)."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

IS_FROZEN = bool(getattr(sys, "frozen", False))


@cache  # asked for by every form, catalogue and font lookup; the answer never changes
def resources_dir() -> Path:
    if IS_FROZEN:  # PyInstaller one-folder build: resources/ sits beside the executable's data
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def catalogues_dir() -> Path:
    return resources_dir() / "catalogues"


def default_data_dir() -> Path:
    """Where user data lives unless --data-dir says otherwise (HAIYAN_DATA_DIR overrides).

    The window passes Qt's QStandardPaths location instead; this is the CLI's default.
    """
    override = os.environ.get("HAIYAN_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "haiyan-desktop"


def cache_dir() -> Path:
    """Where rebuildable speed-ups live (parsed catalogues); HAIYAN_CACHE_DIR overrides.

    Deleting it loses nothing: whatever is missing is made again from the source files.
    """
    override = os.environ.get("HAIYAN_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "haiyan-desktop" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "haiyan-desktop"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "haiyan-desktop"
