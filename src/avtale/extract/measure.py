"""How the lines of a text measure: its width, its first and last words, a row of columns.

Reads: `Line`s or one line's text. Writes: nothing (numbers and words for unwrap and lone_labels).
A count of characters stands for a line's width (plain text keeps no positions).
"""

from __future__ import annotations

from avtale.extract.clean import COLUMN_GAP
from avtale.extract.lines import Line
from avtale.extract.markers import marker


def width(lines: list[Line]) -> int:
    """The text's width in characters: its longest line, or (over twenty lines) the 95th percentile, rows left out."""
    lengths = sorted(len(ln.text.strip()) for ln in lines if not ln.blank() and not is_row(ln.text))
    if not lengths:
        return 0
    return lengths[max(0, int(len(lengths) * 0.95) - 1)] if len(lengths) > 20 else lengths[-1]


def is_row(text: str) -> bool:
    """Columns set side by side (signatures), not the gap after a list marker («-   item») nor a justified line
    with one wide gap (pdftotext -layout: «… mellom regjeringen                     og»): a cell of a row holds a
    name, a title or a date, never a clause of seven words or more."""
    m = marker(text)
    body = m.text if m.kind in ("bullet", "number", "letter") else text.strip()
    cells = COLUMN_GAP.split(body)
    return len(cells) > 1 and max(len(c.split()) for c in cells) < 7


def last_word(text: str) -> str:
    parts = text.split()
    return parts[-1].casefold() if parts else ""


def first_word(text: str) -> str:
    parts = text.split()
    return parts[0] if parts else ""


# Advance widths (thousandths of an em) averaged over Helvetica and Times (Adobe's core font metrics): a word
# processor wraps a line by its glyphs' widths, so in a proportional font «mmm» takes more room than «iii».
_NARROW = {"i": 250, "j": 250, "l": 250, "t": 278, "f": 305, "r": 333, "I": 305, "J": 444, " ": 264, ",": 264,
           ".": 264, ":": 278, ";": 278, "-": 333, "(": 333, ")": 333, "'": 222, "s": 444, "c": 472, "z": 472}
_WIDE = {"m": 805, "w": 722, "M": 861, "W": 944, "æ": 778, "Æ": 944, "ø": 555, "å": 500}
_UPPER = 680  # a capital, on average
_LOWER = 520  # any other lower-case letter, digit or sign
_AVERAGE = 480  # the unit: an average character of running Norwegian text


def glyph_width(text: str) -> float:
    """A text's width in average characters, by the glyphs' widths in a proportional font (see `_NARROW`)."""
    total = 0
    for c in text:
        total += _NARROW.get(c) or _WIDE.get(c) or (_UPPER if c.isupper() else _LOWER)
    return total / _AVERAGE
