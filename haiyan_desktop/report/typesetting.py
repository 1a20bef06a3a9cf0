"""Chinese line breaking (禁则) for the report's text and chart labels.

reportlab's ``wordWrap="CJK"`` breaks between any two characters and knows one rule: a
character of its ``ALL_CANNOT_START`` list (it lacks ，：；？！》〉… and the other full-width marks)
is hung in the right margin instead of starting a line. It never keeps an opening bracket off a
line end, cuts Latin words and numbers anywhere, and leaves a single character alone on a last
line. The report's text is therefore set by :class:`TextBlock`, a flowable of our own that
breaks its lines here and draws them with reportlab's canvas:

- a break is allowed between two Chinese characters, after a space, and between Chinese and
  Latin text; never inside a Latin word or number ("haiyan-2019", "99.5%");
- no opening bracket or quote at a line end (:data:`OPENING`), no closing punctuation at a line
  start (:data:`CLOSING`), no break inside "——" or "……"; nothing hangs in the margin (a
  table cell has no margin): the character before moves down with the punctuation;
- a last line holding a single Chinese character (with its closing punctuation) takes one more
  character from the line above when that is allowed ("保险比例", never "保险比/例");
- only when a line holds no allowed break at all (a long code or web address) is it cut where
  it is full, still keeping the bracket rules where it can.

English text follows the same rules, which break it at its spaces; :func:`glue` turns the
spaces that would leave a bracket at a line end or put "%" or ")" at a line start into
no-break spaces. The same breaker serves the chart labels (:func:`break_text`). A text block
costs a fraction of a reportlab Paragraph (no markup to parse, one text object to draw).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable
from reportlab.rl_config import _FUZZ

# Never at the end of a line: opening brackets and quotes, and prefixes (currency, numbers).
OPENING = frozenset("“‘（《〈「『【〔｛＜［〖〘｢([{<$£¥￥＄￡＃#§〒")
# Never at the start of a line: closing brackets and quotes, stops, pauses, unit signs,
# iteration marks, connectors and the middle dot.
CLOSING = frozenset("”’）》〉」』】〕｝＞］〗〙｣)]}>"
                    "、，。．：；？！,.:;?!…‥‰％%℃°′″"
                    "·・‧／～〜々〻ー゠")
# Never split in two: a run of these is one mark (破折号 ——, 省略号 ……).
DOUBLED = frozenset("—…⋯―")
# Glue: no break on either side (no-break space, word joiner, narrow no-break space).
GLUE = frozenset("\u00a0\u2060\u202f\ufeff")
_BREAKING_SPACE = frozenset(" \t\u3000\u2002\u2003\u2009")


_SPACE_BEFORE_CLOSING = re.compile(f"[ \t](?=[{re.escape(''.join(sorted(CLOSING)))}])")
_SPACE_AFTER_OPENING = re.compile(f"(?<=[{re.escape(''.join(sorted(OPENING)))}])[ \t]")


def glue(text: str) -> str:
    """``text`` with no-break spaces where a break would set a bracket or a stop wrong:
    "× 100 %" never ends a line with "100" and starts the next with "%"."""
    if " " not in text and "\t" not in text:
        return text
    return _SPACE_AFTER_OPENING.sub("\u00a0", _SPACE_BEFORE_CLOSING.sub("\u00a0", text))


def is_cjk(ch: str) -> bool:
    """A character of Chinese (or Japanese, Korean) text, breakable on either side."""
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF)


def _word(ch: str) -> bool:
    """Part of a Latin word or a number: no break between two of them."""
    return not (ch in _BREAKING_SPACE or ch in OPENING or ch in CLOSING or ch in GLUE
                or is_cjk(ch))


def break_allowed(before: str, after: str) -> bool:
    """Whether a line may end with ``before`` and the next one start with ``after``."""
    if before in OPENING or after in CLOSING or after in _BREAKING_SPACE:
        return False
    if before in GLUE or after in GLUE or (before == after and before in DOUBLED):
        return False
    if before in _BREAKING_SPACE:
        return True
    if before in ".,:/" and after.isascii() and after.isalnum():
        return False  # inside a number or a name: "100.00", "1,200", "haiyan-2019/…"
    return not (_word(before) and _word(after))


def _bracket_allowed(before: str, after: str) -> bool:
    """The rules kept even when a line has no allowed break (a cut inside a long word)."""
    return before not in OPENING and after not in CLOSING


def is_lone(text: str) -> bool:
    """A line of one Chinese character, perhaps with closing punctuation: "例", "率。"."""
    core = "".join(ch for ch in text if ch not in CLOSING and not ch.isspace())
    return len(core) == 1 and is_cjk(core)


def _content_width(text: str, widths: Sequence[float], start: int, end: int) -> float:
    """Width of text[start:end] without its trailing spaces (they may pass the margin)."""
    while end > start and text[end - 1] in _BREAKING_SPACE:
        end -= 1
    return sum(widths[start:end])


def break_positions(text: str, widths: Sequence[float],
                    max_widths: Sequence[float]) -> list[int]:
    """Where the lines of ``text`` end: the index of each line's first character after the
    first line, given each character's width and each line's room (the last one repeats)."""
    n = len(text)
    ends: list[int] = []
    start = 0
    while True:
        room = max_widths[min(len(ends), len(max_widths) - 1)] + _FUZZ
        used = 0.0
        end = start
        while end < n:  # the furthest end that fits (spaces at the end may pass the margin)
            w = widths[end]
            if used + w > room and text[end] not in _BREAKING_SPACE:
                break
            used += w
            end += 1
        if end >= n:
            break
        cut = next((i for i in range(end, start, -1)
                    if break_allowed(text[i - 1], text[i])), None)
        if cut is None:  # no allowed break: cut inside the word, brackets still kept
            cut = next((i for i in range(end, start, -1)
                        if _bracket_allowed(text[i - 1], text[i])), max(end, start + 1))
        ends.append(cut)
        start = cut
        while start < n and text[start] in _BREAKING_SPACE:  # no space at a line start
            start += 1
        if start >= n:
            ends.pop()  # only spaces were left
            break
    return _avoid_lone_last(text, widths, max_widths, ends)


def _avoid_lone_last(text: str, widths: Sequence[float], max_widths: Sequence[float],
                     ends: list[int]) -> list[int]:
    """Move the last break back by one character (or the fewest allowed, up to three) when
    the last line would hold a single Chinese character; the line above keeps two at least."""
    if not ends:
        return ends
    last = ends[-1]
    if not is_lone(text[last:]):
        return ends
    line_start = ends[-2] if len(ends) > 1 else 0
    while line_start < last and text[line_start] in _BREAKING_SPACE:
        line_start += 1
    room = max_widths[min(len(ends), len(max_widths) - 1)] + _FUZZ
    for cut in range(last - 1, max(line_start + 1, last - 4), -1):
        if break_allowed(text[cut - 1], text[cut]) \
                and _content_width(text, widths, cut, len(text)) <= room:
            return [*ends[:-1], cut]
    return ends


def break_text(text: str, max_width: float, font: str, size: float) -> list[str]:
    """``text`` broken into lines of ``max_width`` points by the rules above (chart labels)."""
    if stringWidth(text, font, size) <= max_width + _FUZZ:
        return [text.strip()]
    ends = break_positions(text, _char_widths(text, font, size), [max_width])
    bounds = zip([0, *ends], [*ends, len(text)], strict=True)
    return [text[a:b].strip() for a, b in bounds]


class TextBlock(Flowable):
    """Plain text in a paragraph style: lines broken by :func:`break_positions`, drawn as one
    PDF text object. Only reportlab's public Flowable and canvas calls are used.

    A newline is a forced line break. Alignment is left, right or centred (the report
    justifies nothing); the first baseline sits ``fontSize`` below the top, as in a reportlab
    Paragraph, and every line takes ``leading``. Split across a frame, a block keeps its lines
    (the next frame is as wide) and never leaves its first line alone at the bottom
    (``allowOrphans``), as a Paragraph would not.
    """

    def __init__(self, text: str, style: Any, *,
                 lines: list[tuple[str, bool]] | None = None, room: float | None = None,
                 first: bool = True, last: bool = True):
        super().__init__()
        self.text, self.style = text, style
        self._lines = lines  # (the line, whether a forced break ends it)
        self._room = room
        self._fixed = lines is not None  # a part of a split: its lines are decided
        self._first, self._last = first, last

    @property
    def lines(self) -> list[tuple[str, bool]]:
        """The lines as last laid out (after :meth:`wrap`)."""
        return list(self._lines or [])

    def _break(self, room: float) -> list[tuple[str, bool]]:
        style = self.style
        if not self.text.strip():
            return []
        out: list[tuple[str, bool]] = []
        segments = self.text.split("\n")
        for k, segment in enumerate(segments):
            parts = (break_text(segment, room, style.fontName, style.fontSize)
                     if segment.strip() else [""])
            out += [(part, False) for part in parts[:-1]]
            out.append((parts[-1], k < len(segments) - 1))
        return out

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        style = self.style
        room = availWidth - style.leftIndent - style.rightIndent
        if not self._fixed and (self._lines is None or self._room != room):
            self._lines, self._room = self._break(room), room
        self.width = availWidth
        self.height = len(self._lines or ()) * style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # reportlab's names
        self.wrap(availWidth, availHeight)
        lines = self._lines or []
        fits = int((availHeight + _FUZZ) // self.style.leading)
        if fits >= len(lines):
            return [self]
        if fits < 1 or (fits == 1 and not self.style.allowOrphans):
            return []
        return [TextBlock(self.text, self.style, lines=lines[:fits], room=self._room,
                          first=self._first, last=False),
                TextBlock(self.text, self.style, lines=lines[fits:], room=self._room,
                          first=False, last=self._last)]

    def getSpaceBefore(self) -> float:  # reportlab's names
        return self.style.spaceBefore if self._first else 0.0

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter if self._last else 0.0

    def draw(self) -> None:
        style = self.style
        room = self._room if self._room is not None else self.width
        text = self.canv.beginText()
        text.setFont(style.fontName, style.fontSize, style.leading)
        text.setFillColor(style.textColor)
        y = self.height - style.fontSize
        text.setTextOrigin(style.leftIndent, y)
        for line, _forced in self._lines or ():
            if style.alignment in (TA_RIGHT, TA_CENTER):  # each line placed in its room
                spare = room - stringWidth(line, style.fontName, style.fontSize)
                text.setTextOrigin(style.leftIndent
                                   + (spare if style.alignment == TA_RIGHT else spare / 2), y)
                y -= style.leading
            text.textLine(line)  # then down by the leading
        self.canv.drawText(text)


_widths: dict[tuple[str, float], dict[str, float]] = {}


def _char_widths(text: str, font: str, size: float) -> list[float]:
    """The width of each character of ``text``, remembered per font, size and character."""
    known = _widths.setdefault((font, size), {})
    try:
        return [known[ch] for ch in text]
    except KeyError:
        for ch in set(text).difference(known):
            known[ch] = stringWidth(ch, font, size)
        return [known[ch] for ch in text]
