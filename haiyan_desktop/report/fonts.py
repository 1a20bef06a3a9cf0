"""The report's fonts: the bundled Noto Sans SC Regular and Bold, registered with reportlab.

reportlab embeds TrueType fonts as subsets, with a ToUnicode map, so Chinese text prints the
same on every PC and can be copied and searched. Once the family is registered, reportlab's
base fonts (``canvas_basefontname``, ``defaultGraphicsFontName``) are set to it, so no page
refers to the standard Helvetica, which is never embedded; every style of the report names
our font anyway. Register before :mod:`reportlab.lib.styles` is imported: it reads the base
font name once, at import.

Reading the metrics of a 31 000-glyph font is reportlab's slowest step (about 0.1 s a font, in
Python), so they are kept, like bytecode, in ``__pycache__`` beside this module (``marshal``,
keyed by the font file, reportlab's and Python's versions) and read back in a third of the time.
Each big table is read back only when reportlab first asks for it: ``glyphToChar``, the largest,
serves text shaping alone, which the report never uses. A missing, stale or unreadable cache
only means the font is parsed again.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
import threading
import zlib
from fnmatch import fnmatch
from functools import cache
from pathlib import Path
from typing import Any

import reportlab
from reportlab import rl_config

from ..files import write_atomically
from ..fonts import ensure_fonts
from .layout import FONT, FONT_BOLD

CACHE_FORMAT = 2
DEFAULT_CACHE = Path(__file__).with_name("__pycache__")
_NEEDED = ("charToGlyph", "charWidths", "hmetrics", "glyphPos", "table", "numGlyphs",
           "unitsPerEm", "name")
# The big tables, each kept as its own marshal blob and read on first use.
LAZY_TABLES = ("charToGlyph", "glyphToChar", "charWidths", "hmetrics", "glyphPos")
_lock = threading.Lock()
_tables_lock = threading.Lock()
_registered = False


def register_fonts(cache_dir: Path | None = DEFAULT_CACHE) -> tuple[str, str]:
    """Register Regular and Bold once per process; returns their names.

    ``cache_dir`` keeps the parsed metrics (None: parse every time). The default folder is
    written only where Python writes bytecode (not under PYTHONDONTWRITEBYTECODE).
    """
    global _registered
    with _lock:
        if not _registered:
            from reportlab.pdfbase import pdfmetrics

            paths = ensure_fonts()
            write = cache_dir is not None and (cache_dir != DEFAULT_CACHE
                                               or not sys.dont_write_bytecode)
            pdfmetrics.registerFont(load_font(FONT, paths["Regular"], cache_dir, write))
            pdfmetrics.registerFont(load_font(FONT_BOLD, paths["Bold"], cache_dir, write))
            pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                          boldItalic=FONT_BOLD)
            rl_config.canvas_basefontname = FONT
            rl_config.defaultGraphicsFontName = FONT
            rl_config.shapeChecking = 0  # no attribute validation of chart shapes: faster
            rl_config.useA85 = 0  # binary page streams, not ASCII85: smaller files
            _registered = True
    return FONT, FONT_BOLD


def cache_file(font: Path, cache_dir: Path) -> Path:
    """Where the metrics of ``font`` are kept: a new name whenever anything they depend on
    changes (the font file, reportlab, Python's marshal format, this module's format)."""
    stat = font.stat()
    key = "|".join(str(k) for k in (CACHE_FORMAT, reportlab.Version, sys.version_info[:2],
                                    marshal.version, font.name, stat.st_size,
                                    stat.st_mtime_ns))
    return cache_dir / f"{font.stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.metrics"


def load_font(name: str, path: Path, cache_dir: Path | None = None, write: bool = False):
    """A reportlab TTFont for ``path``, its metrics read from the cache when there."""
    from reportlab.pdfbase.ttfonts import TTFont

    cache = cache_file(path, cache_dir) if cache_dir is not None else None
    face = _cached_face(cache, path) if cache is not None else None
    if face is not None:
        return _font_from_face(name, face)
    font = TTFont(name, str(path))
    if cache is not None and write:
        _write_cache(cache, font.face)
    return font


def _font_from_face(name: str, face: Any):
    """A TTFont around an already-read face: what ``TTFont.__init__`` does after parsing
    (a unit test compares the result with a freshly parsed font, attribute by attribute)."""
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, unShapedFontGlob

    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)
    return font


def _face_state(face: Any) -> dict[str, Any]:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    state = {k: v for k, v in face.__dict__.items() if k not in ("_ttf_data", "_pdfScale")}
    blobs = {k: marshal.dumps(state.pop(k)) for k in LAZY_TABLES if k in state}
    tables = {k: (zlib.crc32(blob), blob) for k, blob in blobs.items()}
    names = sorted(k for k, v in state.items() if isinstance(v, TTFNameBytes))
    for key in names:
        state[key] = bytes(state[key])
    return {"state": state, "names": names, "tables": tables}


@cache
def _face_class() -> type:
    from reportlab.pdfbase.ttfonts import TTFontFace

    class CachedFace(TTFontFace):
        """A TTFontFace whose big tables are unmarshalled when first used."""

        def __getattr__(self, name: str) -> Any:  # only called for a missing attribute
            with _tables_lock:
                if name in self.__dict__:  # read by another thread meanwhile
                    return self.__dict__[name]
                tables = self.__dict__.get("_tables")
                if not tables or name not in tables:
                    raise AttributeError(name)
                value = marshal.loads(tables.pop(name))
                self.__dict__[name] = value
                if not tables:  # all read: the face holds what a parsed one holds
                    del self.__dict__["_tables"]
                return value

    return CachedFace


def _write_cache(cache: Path, face: Any) -> None:
    try:
        data = marshal.dumps(_face_state(face))
        cache.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(cache, data)
        for stale in cache.parent.glob(f"{cache.name.rsplit('-', 1)[0]}-*.metrics"):
            if stale != cache:  # made for an older font, reportlab or format
                stale.unlink(missing_ok=True)
    except (OSError, ValueError):  # read-only install, unmarshallable value: parse next time
        pass


def _cached_face(cache: Path, path: Path) -> Any | None:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    try:
        saved = marshal.loads(cache.read_bytes())
        state, names, tables = saved["state"], saved["names"], saved["tables"]
        if not all(k in state or k in tables for k in _NEEDED):
            return None
        # a damaged table must be found now, not in the middle of a report
        tables = {k: blob for k, (crc, blob) in tables.items() if zlib.crc32(blob) == crc}
        if len(tables) != len(saved["tables"]):
            return None
        for key in names:
            state[key] = TTFNameBytes(state[key])
        data = path.read_bytes()
    except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError):
        return None
    face_class = _face_class()
    face = face_class.__new__(face_class)
    face.__dict__.update(state)
    if tables:
        face._tables = tables
    face._ttf_data = data
    face.filename = str(path)
    units = state["unitsPerEm"]
    face._pdfScale = (lambda x: x) if units == 1000 else (lambda x: x * 1000 / units)
    return face
