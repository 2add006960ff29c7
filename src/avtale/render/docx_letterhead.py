"""Letterhead columns: widths that give each party's name (or logo) room, and a type size that fits.

Equal columns break long names mid-word as soon as three or four ministries
share the row («Kunnskapsdepartemen|tet»). Here every column first gets room
for its longest word (or a logo at half its width), then the rest of the line
is shared out towards each name's full length. When even the longest words do
not fit, the type size goes down (not below `min_size_pt`).

Widths are estimated from character classes of Arial Bold, on the generous
side; no font files are read. Pure functions, no python-docx.
"""

from __future__ import annotations

from dataclasses import dataclass

PT_MM = 25.4 / 72


@dataclass(frozen=True)
class Item:
    """One letterhead cell: a name set as text, or a logo of a given natural width (mm)."""

    text: str | None = None
    logo_mm: float = 0.0


def text_mm(text: str, size_pt: float) -> float:
    """Estimated width of `text` in Arial Bold at `size_pt`, in millimetres."""
    em = 0.0
    for char in text:
        if char == " ":
            em += 0.28
        elif char in "ilj.,;:'!|-":
            em += 0.3
        elif char.isupper() or char in "mwMW":
            em += 0.78
        else:
            em += 0.61
    return em * size_pt * PT_MM


def plan(items: list[Item], total_mm: float, size_pt: float, gap_mm: float,
         min_size_pt: float = 7.0) -> tuple[list[float], float]:
    """(column widths in mm summing to `total_mm`, type size in pt) for the letterhead row."""
    gaps = [gap_mm] * (len(items) - 1) + [0.0]  # the last column ends at the margin
    size = size_pt
    longest = [_longest_word(item, 1.0) for item in items]
    text_room = total_mm - sum(gaps) - sum(item.logo_mm / 2 for item in items if item.text is None)
    text_need = sum(w for w, item in zip(longest, items) if item.text is not None)
    if text_need * size > text_room > 0:
        size = max(min_size_pt, text_room / text_need)
    minimum = [_longest_word(item, size) + gap for item, gap in zip(items, gaps)]
    full = [max(_full(item, size) + gap, low) for item, gap, low in zip(items, gaps, minimum)]
    extra = total_mm - sum(minimum)
    desire = [f - m for f, m in zip(full, minimum)]
    if extra <= 0:
        widths = [m * total_mm / sum(minimum) for m in minimum]
    elif sum(desire) >= extra:
        widths = [m + extra * d / sum(desire) for m, d in zip(minimum, desire)]
    else:
        spare = (extra - sum(desire)) / len(items)
        widths = [f + spare for f in full]
    return widths, size


def _longest_word(item: Item, size_pt: float) -> float:
    if item.text is None:
        return item.logo_mm / 2
    return max(text_mm(word, size_pt) for word in item.text.split() or [""])


def _full(item: Item, size_pt: float) -> float:
    return item.logo_mm if item.text is None else text_mm(item.text, size_pt)
