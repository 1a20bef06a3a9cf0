"""Chinese line breaking (禁则) for the report's paragraphs and chart labels.

reportlab's ``wordWrap="CJK"`` breaks between any two characters and knows one rule: a
character of its ``ALL_CANNOT_START`` list (it lacks ，：；？！》〉… and the other full-width marks)
is hung in the right margin instead of starting a line. It never keeps an opening bracket off a
line end, cuts Latin words and numbers anywhere, and leaves a single character alone on a last
line. :class:`Para` is a reportlab Paragraph that decides the break positions itself and builds
its lines with reportlab's own line objects, so layout, splitting across pages and drawing stay
reportlab's:

- a break is allowed between two Chinese characters, after a space, and between Chinese and
  Latin text; never inside a Latin word or number ("haiyan-2019", "99.5%");
- no opening bracket or quote at a line end (:data:`OPENING`), no closing punctuation at a line
  start (:data:`CLOSING`), no break inside "——" or "……"; nothing hangs in the margin (a
  table cell has no margin): the character before moves down with the punctuation;
- a last line holding a single Chinese character (with its closing punctuation) takes one more
  character from the line above when that is allowed ("保险比例", never "保险比/例");
- only when a line holds no allowed break at all (a long code or web address) is it cut where
  it is full, still keeping the bracket rules where it can.

The same breaker serves the chart labels (:func:`break_text`). Text without Chinese in an
English report keeps reportlab's breaking at spaces; :func:`glue` turns the spaces that would
leave a bracket at a line end or put "%" or ")" at a line start into no-break spaces, which
both reportlab and :class:`Para` keep on one line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import FragLine, Paragraph, ParaLines
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


class Para(Paragraph):
    """A Paragraph whose ``wordWrap="CJK"`` lines follow :func:`break_positions`.

    Paragraphs with inline images or bullets (the report has none) keep reportlab's breaking.
    """

    def breakLinesCJK(self, maxWidths: Any) -> ParaLines:  # reportlab's names
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        if getattr(self, "_splitpara", 0) and hasattr(self, "blPara"):
            return self.blPara  # the first part of a split: its lines are decided
        # a table measures a cell, then draws it: the same widths break the same way
        key = tuple(maxWidths)
        known = getattr(self, "_broken", None)
        if known is not None and known[0] == key:
            self.height = 0
            return known[1]
        broken = self._break_lines(maxWidths)
        self._broken = (key, broken)
        return broken

    def _break_lines(self, maxWidths: Sequence[float]) -> ParaLines:
        style = self.style
        frags = self.frags
        if self.bulletText or style.endDots or not frags \
                or any(hasattr(f, "cbDefn") for f in frags):
            return super().breakLinesCJK(maxWidths)
        self.height = 0
        if not any(getattr(f, "lineBreak", False) for f in frags):  # the common case: it fits
            used = sum(stringWidth((f.text or "").rstrip(" "), f.fontName, f.fontSize)
                       for f in frags)
            if used <= maxWidths[0] + _FUZZ:
                words = [f.clone(text=f.text) for f in frags if f.text]
                if words:
                    words[-1].text = words[-1].text.rstrip(" ")
                    return ParaLines(kind=1, lines=[_frag_line(words, maxWidths[0], used,
                                                               False)])
        lines: list[FragLine] = []
        # one segment per forced break (<br/>): its chars, their widths and frags
        chars: list[str] = []
        widths: list[float] = []
        owners: list[int] = []
        for index, frag in enumerate(frags):
            text = frag.text or ""
            if text:
                chars.append(text)
                widths += _char_widths(text, frag.fontName, frag.fontSize)
                owners += [index] * len(text)
            if getattr(frag, "lineBreak", False):
                self._segment_lines("".join(chars), widths, owners, maxWidths, lines,
                                    break_frag=frag)
                chars, widths, owners = [], [], []
        if chars or not lines:
            self._segment_lines("".join(chars), widths, owners, maxWidths, lines)
        return ParaLines(kind=1, lines=lines)

    def _segment_lines(self, text: str, widths: list[float], owners: list[int],
                       max_widths: Sequence[float], lines: list[FragLine],
                       break_frag: Any = None) -> None:
        rooms = list(max_widths[len(lines):]) or [max_widths[-1]]
        if not text:
            lines.append(self._line(text, widths, owners, 0, 0, rooms[0], break_frag))
            return
        if sum(widths) <= rooms[0] + _FUZZ:  # one line
            ends: list[int] = []
        else:
            ends = break_positions(text, widths, rooms)
        starts = [0, *ends]
        for k, (start, end) in enumerate(zip(starts, [*ends, len(text)], strict=True)):
            while start < end and text[start] in _BREAKING_SPACE and k:
                start += 1
            last = k == len(ends)
            lines.append(self._line(text, widths, owners, start, end,
                                    rooms[min(k, len(rooms) - 1)],
                                    break_frag if last else None))

    def _line(self, text: str, widths: list[float], owners: list[int], start: int, end: int,
              room: float, break_frag: Any) -> FragLine:
        while end > start and text[end - 1] in _BREAKING_SPACE:
            end -= 1
        words = []
        run = start
        while run < end:  # one word per run of the same frag
            owner = owners[run]
            stop = run
            while stop < end and owners[stop] == owner:
                stop += 1
            words.append(self.frags[owner].clone(text=text[run:stop]))
            run = stop
        if not words:  # an empty line: the break's frag carries its font
            frag = break_frag if break_frag is not None else self.frags[0]
            words.append(frag.clone(text=""))
        return _frag_line(words, room, sum(widths[start:end]), break_frag is not None)


def _frag_line(words: list[Any], room: float, used: float, line_break: bool) -> FragLine:
    """A line as reportlab's CJK breaking makes it (one word per run of one frag)."""
    extents = [_extent(w.fontName, w.fontSize) for w in words]
    return FragLine(kind=1, extraSpace=room - used, wordCount=1, words=words,
                    fontSize=max(w.fontSize for w in words),
                    ascent=max(a for a, _ in extents), descent=min(d for _, d in extents),
                    maxWidth=room, currentWidth=used, lineBreak=line_break)


@cache
def _extent(font: str, size: float) -> tuple[float, float]:
    return getAscentDescent(font, size)


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
