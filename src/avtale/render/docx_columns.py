"""Columns of names (letterhead, signatures): widths that give each name room, and a type size that fits.

Equal columns break long names mid-word as soon as three or four ministries
share the row («Kunnskapsdepartemen|tet»). Here every column first gets room
for its longest word (or a logo, whole), then the rest of the line
is shared out towards each name's full length. When even the longest words do
not fit, the type size goes down (not below `min_size_pt`).

Widths come from Arial's character widths (the same as Liberation Sans, which
LibreOffice and the PDF use), plus a small margin; no font files are read.
Pure functions, no python-docx.
"""

from __future__ import annotations

from avtale.records import Frozen

PT_MM = 25.4 / 72


class Item(Frozen):
    """One letterhead cell: a name set as text, or a logo of a given natural width (mm)."""

    _fields = ("text", "logo_mm")

    def __init__(self, text: str | None = None, logo_mm: float = 0.0):
        self.__dict__.update(text=text, logo_mm=logo_mm)


# advance widths in 1/1000 em of Arial (= Helvetica = Liberation Sans metrics), regular and bold
_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZæøåÆØÅ0123456789 -.,;:()«»/&'§"
_REGULAR = (
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278,
    556, 500, 722, 500, 500, 500,
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611,
    722, 667, 944, 667, 667, 611,
    889, 611, 556, 1000, 778, 667, *[556] * 10, 278, 333, 278, 278, 278, 278, 333, 333, 556, 556, 278, 667,
    191, 556,
)
_BOLD = (
    556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333,
    611, 556, 778, 556, 556, 500,
    722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611,
    722, 667, 944, 667, 667, 611,
    889, 611, 556, 1000, 778, 722, *[556] * 10, 278, 333, 278, 278, 333, 333, 333, 333, 556, 556, 278, 722,
    238, 556,
)
WIDTHS = {False: dict(zip(_CHARS, _REGULAR)), True: dict(zip(_CHARS, _BOLD))}
UNKNOWN = {False: 600, True: 650}  # a character outside the table: about the widest lowercase
SAFETY = 1.03  # renderers differ a little in kerning and rounding


def text_mm(text: str, size_pt: float, bold: bool = True) -> float:
    """Width of `text` in Arial (Bold, or regular) at `size_pt`, in millimetres, with a small margin."""
    table, unknown = WIDTHS[bold], UNKNOWN[bold]
    em = sum(table.get(char, unknown) for char in text) / 1000
    return em * size_pt * PT_MM * SAFETY


def fitting_size(texts: list[str], room_mm: float, size_pt: float, min_size_pt: float = 8.0,
                 bold: bool = False) -> float:
    """The largest size up to `size_pt` at which the longest word of `texts` fits `room_mm` (not below the floor)."""
    longest = max((text_mm(word, 1.0, bold) for text in texts for word in text.split()), default=0.0)
    if longest * size_pt <= room_mm:
        return size_pt
    return max(min_size_pt, room_mm / longest)


def plan(items: list[Item], total_mm: float, size_pt: float, gap_mm: float,
         min_size_pt: float = 7.0) -> tuple[list[float], float]:
    """(column widths in mm summing to `total_mm`, type size in pt) for the letterhead row."""
    gaps = [gap_mm] * (len(items) - 1) + [0.0]  # the last column ends at the margin
    size = size_pt
    longest = [_longest_word(item, 1.0) for item in items]
    text_room = total_mm - sum(gaps) - sum(item.logo_mm for item in items if item.text is None)
    text_need = sum(w for w, item in zip(longest, items) if item.text is not None)
    if text_need * size > text_room > 0:
        size = max(min_size_pt, text_room / text_need)
    minimum = [_longest_word(item, size) + gap for item, gap in zip(items, gaps)]
    full = [max(_full(item, size) + gap, low) for item, gap, low in zip(items, gaps, minimum)]
    needed = sum(minimum)  # summed once: a sum inside the lists below made many parties cost n²
    extra = total_mm - needed
    desire = [f - m for f, m in zip(full, minimum)]
    wanted = sum(desire)
    if extra <= 0:
        widths = [m * total_mm / needed for m in minimum]
    elif wanted >= extra:
        widths = [m + extra * d / wanted for m, d in zip(minimum, desire)]
    else:
        spare = (extra - wanted) / len(items)
        widths = [f + spare for f in full]
    return widths, size


def _longest_word(item: Item, size_pt: float) -> float:
    if item.text is None:
        return item.logo_mm  # a logo does not wrap: its column holds it whole at the letterhead's height
    return max(text_mm(word, size_pt) for word in item.text.split() or [""])


def _full(item: Item, size_pt: float) -> float:
    return item.logo_mm if item.text is None else text_mm(item.text, size_pt)
