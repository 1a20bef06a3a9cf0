"""Every preference declared once, typed, with its default (QSettings underneath).

Window geometry lives apart from preferences so resetting one never touches the other.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANIZATION, APPLICATION = "Haiyan", "haiyan-desktop"


class Option(NamedTuple):
    key: str
    default: Any
    kind: type


CLERK = Option("preferences/clerk", "", str)
LANGUAGE = Option("preferences/language", "zh", str)
FONT_SIZE = Option("preferences/font_size", 11, int)
# What was open last belongs to one data folder: another (or a new, empty) folder must not
# reopen it. Their keys name the folder (see Settings.get).
LAST_UNIT = Option("folders/{folder}/unit", "", str)
LAST_YEAR = Option("folders/{folder}/year", 0, int)
LAST_DEMO = Option("folders/{folder}/demo", False, bool)
# Which desk a data folder opens: the township's entry (TOWNSHIP) or the county's summary
# (COUNTY), and the year the county desk showed last.
TOWNSHIP, COUNTY = "township", "county"
LAST_MODE = Option("folders/{folder}/mode", TOWNSHIP, str)
COUNTY_YEAR = Option("folders/{folder}/county_year", 0, int)
CERTIFICATE_FOLDER = Option("files/certificate_folder", "", str)  # never the passphrase
VERIFY_FOLDER = Option("files/verify_folder", "", str)
FILES_FOLDER = Option("files/folder", "", str)  # where the clerk last opened or saved a file
REPORTS_FOLDER = Option("files/reports_folder", "", str)  # where the county last took reports
GEOMETRY = Option("window/geometry", QByteArray(), QByteArray)
SPLITTER = Option("window/splitter", QByteArray(), QByteArray)
DOCKS = Option("window/docks", QByteArray(), QByteArray)  # where the docks are, shown or not
COUNTY_GEOMETRY = Option("window/county_geometry", QByteArray(), QByteArray)
COUNTY_TAB = Option("window/county_tab", 0, int)


class Settings:
    """Typed access to the options above; ``path`` lets tests use a private file."""

    def __init__(self, path: str | None = None):
        self._q = (QSettings(path, QSettings.Format.IniFormat) if path
                   else QSettings(ORGANIZATION, APPLICATION))

    def get(self, option: Option, folder: str | Path | None = None) -> Any:
        value = self._q.value(_key(option, folder), option.default)
        if option.kind is bool:
            return value in (True, "true", "1", 1)
        if option.kind is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return option.default
        return value if isinstance(value, option.kind) else option.default

    def set(self, option: Option, value: Any, folder: str | Path | None = None) -> None:
        self._q.setValue(_key(option, folder), value)

    def sync(self) -> None:
        self._q.sync()


def _key(option: Option, folder: str | Path | None) -> str:
    """The option's key; a per-folder option is keyed by a digest of the folder's path."""
    if "{folder}" not in option.key:
        return option.key
    if folder is None:
        raise ValueError(f"{option.key} is kept per data folder: name the folder")
    digest = hashlib.sha256(str(Path(folder).resolve()).encode("utf-8")).hexdigest()[:16]
    return option.key.replace("{folder}", digest)


def documents_folder() -> Path:
    """The user's Documents folder (文档), where file dialogs start the first time."""
    location = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def start_folder(settings: Settings, option: Option = FILES_FOLDER) -> Path:
    """Where a file dialog opens: the folder used last for this kind of file, if it is still
    there, else Documents (never the program's own folder)."""
    last = settings.get(option)
    return Path(last) if last and Path(last).is_dir() else documents_folder()
