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

