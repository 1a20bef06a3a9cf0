"""The bundled font: static Regular and Bold, usable by reportlab and pyHanko, covering our text."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from haiyan_desktop.catalogue.serialize import catalogue_to_dict
from haiyan_desktop.fonts import ensure_fonts
from haiyan_desktop.messages import MESSAGES
from tests.conftest import catalogue_strings


@pytest.fixture(scope="module")
def fonts():
    return {style: TTFont(path) for style, path in ensure_fonts().items()}


_strings = catalogue_strings


def test_static_instances_with_the_right_weights(fonts):
    assert fonts["Regular"]["OS/2"].usWeightClass == 400
    assert fonts["Bold"]["OS/2"].usWeightClass == 700
    for font in fonts.values():
        assert "fvar" not in font  # static: reportlab cannot use a variable font
        assert "glyf" in font  # TrueType outlines
        assert font["head"].unitsPerEm == 1000  # what pyHanko's stamp needs


def test_the_font_covers_the_catalogue_and_every_message(fonts, builtin):
    text = "".join(_strings(catalogue_to_dict(builtin)))
    text += "".join(zh + en for zh, en in MESSAGES.values())
    wanted = {ch for ch in text if not ch.isspace()}
    for font in fonts.values():
        cmap = font.getBestCmap()
        missing = sorted(ch for ch in wanted if ord(ch) not in cmap)
        assert missing == [], "".join(missing)
