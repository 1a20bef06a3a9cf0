"""The report's fonts: the metrics cache gives exactly the font a fresh parse gives."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from haiyan_desktop.fonts import ensure_fonts
from haiyan_desktop.report.fonts import LAZY_TABLES, cache_file, load_font
from haiyan_desktop.sample_values import plausible_entries
from haiyan_desktop.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def regular() -> Path:
    return ensure_fonts()["Regular"]


def _comparable(font: TTFont) -> dict:
    face = {k: v for k, v in font.face.__dict__.items() if k != "_pdfScale"}
    rest = {k: v for k, v in font.__dict__.items() if k not in ("face", "state", "encoding")}
    return {"face": face, "font": rest, "keys": sorted(font.__dict__),
            "types": {k: type(v) for k, v in font.__dict__.items() if k != "face"},
            "face_is_a_face": isinstance(font.face, TTFontFace),  # (the cached one subclasses)
            "face_types": {k: type(v) for k, v in font.face.__dict__.items()}}


def test_cached_metrics_give_the_same_font_as_parsing(regular, tmp_path):
    fresh = load_font("Probe", regular)  # no cache
    written = load_font("Probe", regular, tmp_path, write=True)
    cache = cache_file(regular, tmp_path)
    assert cache.is_file() and list(tmp_path.iterdir()) == [cache]
    cached = load_font("Probe", regular, tmp_path)
    assert not set(LAZY_TABLES) & set(cached.face.__dict__)  # each read when first used
    assert cached.face._pdfScale(437) == fresh.face._pdfScale(437)
    text = "海盐县 实现度 98.32% ≥100"
    assert cached.stringWidth(text, 9) == fresh.stringWidth(text, 9)
    class Doc:  # reportlab keeps a font's subsets per document
        pass

    assert cached.splitString(text, Doc()) == fresh.splitString(text, Doc())
    assert "glyphToChar" not in cached.face.__dict__  # text shaping alone needs it
    for name in LAZY_TABLES:
        getattr(cached.face, name)
    assert _comparable(cached) == _comparable(fresh) == _comparable(written)


def test_a_damaged_or_foreign_cache_is_ignored(regular, tmp_path):
    cache = cache_file(regular, tmp_path)
    cache.parent.mkdir(exist_ok=True)
    for junk in (b"", b"not marshal at all", b"\xe9" * 50):
        cache.write_bytes(junk)
        font = load_font("Probe", regular, tmp_path)
        assert font.face.numGlyphs > 30000 and font.face.charToGlyph
    import marshal

    cache.write_bytes(marshal.dumps({"state": {"name": b"x"}, "names": []}))
    assert load_font("Probe", regular, tmp_path).face.numGlyphs > 30000


def test_a_damaged_table_in_the_cache_is_found_at_load(regular, tmp_path):
    import marshal

    load_font("Probe", regular, tmp_path, write=True)
    cache = cache_file(regular, tmp_path)
    saved = marshal.loads(cache.read_bytes())
    crc, blob = saved["tables"]["hmetrics"]
    saved["tables"]["hmetrics"] = (crc, blob[:-9] + b"\x00" * 9)  # still marshal, not the same
    cache.write_bytes(marshal.dumps(saved))
    font = load_font("Probe", regular, tmp_path)
    assert "_tables" not in font.face.__dict__  # parsed from the font file instead
    assert len(font.face.hmetrics) == font.face.numGlyphs


def test_the_cache_name_changes_with_the_font_file(regular, tmp_path):
    copy = tmp_path / regular.name
    copy.write_bytes(regular.read_bytes())
    first = cache_file(copy, tmp_path)
    os.utime(copy, ns=(copy.stat().st_atime_ns, copy.stat().st_mtime_ns + 10**9))
    assert cache_file(copy, tmp_path) != first


def test_reports_are_the_same_with_and_without_the_cache(tmp_path, builtin):
    with Store(tmp_path / "data", actor="张三") as store:
        sub = store.open_submission(builtin, "baibu", 2019)
        store.set_values(sub, plausible_entries(builtin, "town", random.Random(4)))
    script = textwrap.dedent("""
        import sys
        from datetime import datetime, timezone
        from pathlib import Path
        from haiyan_desktop.report import build_report, register_fonts
        from haiyan_desktop.store import Store
        cache = None if sys.argv[1] == "-" else Path(sys.argv[1])
        register_fonts(cache)
        with Store(sys.argv[2], write=False) as store:
            build_report(store, store.submission("baibu", 2019), sys.argv[3],
                         generated_at=datetime(2020, 1, 2, tzinfo=timezone.utc))
    """)
    cache = tmp_path / "cache"
    outputs = []
    for n, cache_arg in enumerate(["-", str(cache), str(cache)]):  # none, written, read
        out = tmp_path / f"r{n}.pdf"
        result = subprocess.run([sys.executable, "-c", script, cache_arg, str(tmp_path / "data"),
                                 str(out)], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
        if n == 1:
            assert len(list(cache.glob("*.metrics"))) == 2  # Regular and Bold
    assert outputs[0] == outputs[1] == outputs[2]


def test_no_standard_font_even_when_reportlab_was_imported_first(tmp_path, builtin):
    """The window may load reportlab's styles before the report registers our fonts."""
    with Store(tmp_path / "data", actor="张三") as store:
        sub = store.open_submission(builtin, "baibu", 2019)
        store.set_values(sub, plausible_entries(builtin, "town", random.Random(4)))
    script = textwrap.dedent("""
        import sys
        import reportlab.graphics.shapes, reportlab.lib.styles, reportlab.platypus
        import haiyan_desktop.report.document
        from haiyan_desktop.report import build_report
        from haiyan_desktop.store import Store
        with Store(sys.argv[1], write=False) as store:
            for lang in ("zh", "en"):
                build_report(store, store.submission("baibu", 2019), f"{sys.argv[2]}-{lang}.pdf",
                             lang=lang)
    """)
    out = tmp_path / "early"
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "data"), str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    for lang in ("zh", "en"):
        fonts = subprocess.run(["pdffonts", f"{out}-{lang}.pdf"], capture_output=True,
                               text=True, check=True).stdout.splitlines()[2:]
        assert fonts and all("NotoSansSC" in row and row.split()[-5:-2] == ["yes"] * 3
                             for row in fonts), fonts
