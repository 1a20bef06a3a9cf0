"""The bundled CJK font: Noto Sans SC Regular and Bold as static TrueType files.

reportlab needs static TrueType outlines and Qt must not depend on the office PC having a CJK
font, so the app ships its own. The files are made once from the variable Noto Sans SC of the
``justmytype-intl-cjk`` package (SIL OFL 1.1, licence in resources/fonts/OFL.txt) with
fontTools' instancer — at environment setup (``python -m haiyan_desktop.fonts``) or, failing
that, on first use. The variable file's default weight is Thin, hence explicit instances.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .files import atomic_path
from .paths import resources_dir

FAMILY = "Noto Sans SC"
WEIGHTS = {"Regular": 400, "Bold": 700}


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def font_path(style: str = "Regular") -> Path:
    return fonts_dir() / f"NotoSansSC-{style}.ttf"


def _variable_source() -> Path:
    import justmytype_intl_cjk  # the OFL font package, a runtime dependency

    return (Path(justmytype_intl_cjk.__file__).parent / "fonts" / "ofl" / "notosanssc"
            / "NotoSansSC[wght].ttf")


def _make_instance(source: str, weight: int, target: str) -> str:
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(source)
    static = instancer.instantiateVariableFont(font, {"wght": weight}, updateFontNames=True)
    with atomic_path(target) as partial:  # never leave a half-written font behind
        static.save(partial)
    return target


def ensure_fonts() -> dict[str, Path]:
    """The Regular and Bold files, made first if missing (about 30 s, both in parallel)."""
    wanted = {style: font_path(style) for style in WEIGHTS}
    missing = {s: p for s, p in wanted.items() if not p.exists()}
    if missing:
        from concurrent.futures import ProcessPoolExecutor  # a slow import: only when needed

        fonts_dir().mkdir(parents=True, exist_ok=True)
        source = str(_variable_source())
        with ProcessPoolExecutor(max_workers=len(missing)) as pool:
            jobs = [pool.submit(_make_instance, source, WEIGHTS[s], str(p))
                    for s, p in missing.items()]
            for job in jobs:
                job.result()
    return wanted


if __name__ == "__main__":
    made = ensure_fonts()
    print(" ".join(str(p) for p in made.values()), file=sys.stderr)
