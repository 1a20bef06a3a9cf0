"""Every preference declared once, typed, with its default (QSettings underneath).

Window geometry lives apart from preferences so resetting one never touches the other.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION, APPLICATION = "Haiyan", "haiyan-desktop"


class Option(NamedTuple):
    key: str
    default: Any
    kind: type


CLERK = Option("preferences/clerk", "", str)
LANGUAGE = Option("preferences/language", "zh", str)
FONT_SIZE = Option("preferences/font_size", 11, int)
LAST_UNIT = Option("session/unit", "", str)
LAST_YEAR = Option("session/year", 0, int)
LAST_DEMO = Option("session/demo", False, bool)
CERTIFICATE_FOLDER = Option("files/certificate_folder", "", str)  # never the passphrase
VERIFY_FOLDER = Option("files/verify_folder", "", str)
GEOMETRY = Option("window/geometry", QByteArray(), QByteArray)
SPLITTER = Option("window/splitter", QByteArray(), QByteArray)


class Settings:
    """Typed access to the options above; ``path`` lets tests use a private file."""

    def __init__(self, path: str | None = None):
        self._q = (QSettings(path, QSettings.Format.IniFormat) if path
                   else QSettings(ORGANIZATION, APPLICATION))

    def get(self, option: Option) -> Any:
        value = self._q.value(option.key, option.default)
        if option.kind is bool:
            return value in (True, "true", "1", 1)
        if option.kind is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return option.default
        return value if isinstance(value, option.kind) else option.default

    def set(self, option: Option, value: Any) -> None:
        self._q.setValue(option.key, value)

    def sync(self) -> None:
        self._q.sync()
