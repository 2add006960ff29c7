"""What the PDF's signature block boxes and need not measure: exact widths of its words from Liberation Sans.

A name never breaks at its own hyphen: the template (templates/agreement.typ) sets a word that could break
inside (a hyphen, a slash, a letter outside Latin) in a box, where the word fits a column (which it
measures). A box costs Typst about as much as a paragraph, so the words that cannot break inside are set as
they are, in runs (`segments`); a word that kerns with a space next to it («A », « T») is boxed too, so a
run's width is its words' and spaces' widths, as if each word were boxed. And the template gives every name
of a row the height of the row's tallest, which it measures too. Here the widths are computed as Typst sets
them (`liberation_metrics`, measured by Typst: each character's advance and each pair's kerning), and where
they settle the question with room to spare (`MARGIN_MM`), the template is told the answer (`row_plan`)
instead of measuring. Where they cannot (a character outside the table, a word or a line within the margin
of the column, another font), it measures as before. Either way the PDF is the same to the byte
(tests/render/test_signature_plan.py holds the two to that, and the widths to Typst's own).

Pure: no format library.
"""

from __future__ import annotations

from avtale.render import docx_columns, liberation_metrics
from avtale.render.signature_fit import unbreakable

FONT = "Liberation Sans"  # the font whose metrics liberation_metrics holds
MARGIN_MM = 0.05  # a width within this of the column is left to Typst (its own tolerance is far below it)
_UNIT_MM = docx_columns.PT_MM / liberation_metrics.UNITS_PER_EM  # one font unit at 1 pt, in mm
_ADVANCES, _KERNING = liberation_metrics.ADVANCES, liberation_metrics.KERNING
_OPENING = "(«"  # no break after these
_CLOSING = "-,.;:)»!?"  # nor before these, nor between them and a space after
# the characters that kern with a space after them, and with one before them
_KERNS_BEFORE_SPACE = {pair[0] for pair in _KERNING if pair[1] == " "}
_KERNS_AFTER_SPACE = {pair[1] for pair in _KERNING if pair[0] == " "}


def needs_box(word: str) -> bool:
    """Whether `word` goes in a box: unless it is Latin letters and digits (between an opening bracket or
    quote and closing punctuation), it might break inside; and one that kerns with a space beside it is boxed
    too, so no run kerns across a space, and so is one with a character whose kerning the table does not know.
    An empty word (two spaces together) is boxed, as always."""
    core = word.lstrip(_OPENING).rstrip(_CLOSING)
    return (not core or not unbreakable(core) or word[0] in _KERNS_AFTER_SPACE
            or word[-1] in _KERNS_BEFORE_SPACE or not all(char in _ADVANCES for char in word))


def segments(text: str) -> list[list]:
    """`text` as the template sets it: [run, False] for words set as they are, with the spaces between and
    around them, and [word, True] for a word in a box. Joined, the runs and words are `text`."""
    out: list[list] = []
    pending = ""
    for i, word in enumerate(text.split(" ")):
        if i:
            pending += " "
        if needs_box(word):
            if pending:
                out.append([pending, False])
                pending = ""
            out.append([word, True])
        else:
            pending += word
    if pending:
        out.append([pending, False])
    return out


def width_mm(word: str, size_pt: float) -> float | None:
    """The width of `word` set alone (boxed) in Liberation Sans Regular at `size_pt`, in mm; None where a
    character is not in the table."""
    units = 0
    for i, char in enumerate(word):
        advance = _ADVANCES.get(char)
        if advance is None:
            return None
        units += advance
        if i:
            units += _KERNING.get(word[i - 1:i + 1], 0)
    return units * size_pt * _UNIT_MM


def line_count(text: str, width_mm_: float, size_pt: float) -> int | None:
    """How many lines `text` takes, broken greedily at spaces as Typst breaks it (each word boxed, or in a run
    that kerns across no space: the same widths), in a column `width_mm_` wide: 0 for an empty text; None
    where a word may not fit, a width is unknown, the text has a space at an end or two together, or a line
    would end within `MARGIN_MM` of the column's edge."""
    if text == "":
        return 0
    words = text.split(" ")
    widths = [width_mm(word, size_pt) for word in words]
    if "" in words or None in widths or max(widths) + MARGIN_MM > width_mm_:
        return None
    space = width_mm(" ", size_pt)
    count, used = 1, widths[0]
    for width in widths[1:]:
        wider = used + space + width
        if abs(wider - width_mm_) <= MARGIN_MM:
            return None
        if wider < width_mm_:
            used = wider
        else:
            count, used = count + 1, width
    return count


def words_fit(text: str, width_mm_: float, size_pt: float) -> bool:
    """Whether every word of `text`, split at spaces as the template splits it, is certainly narrower than
    the column: the template then boxes each without measuring it."""
    for word in text.split(" "):
        width = width_mm(word, size_pt)
        if width is None or width + MARGIN_MM > width_mm_:
            return False
    return True


def row_plan(row: list, width_mm_: float, size_pt: float, font: str) -> dict | None:
    """How the template may set a row of signatories (common.Column) with less measuring, or None where it
    must measure every word and text as before (a word that may not fit a column, another font). Otherwise
    every word is boxed unmeasured, and for the names and for the titles: "auto" where all take the same
    number of lines (each natural height is then the row's tallest), the index of the one taking the most
    lines where the counts are known, so only that one is measured, or "all" where one is not known."""
    if font != FONT:
        return None
    if not all(words_fit(getattr(c, key), width_mm_, size_pt) for c in row
               for key in ("label", "name", "title", "place_date")):
        return None
    plan = {}
    for key in ("name", "title"):
        counts = [line_count(getattr(c, key), width_mm_, size_pt) for c in row]
        if None in counts:
            plan[key] = "all"
        elif len(set(counts)) == 1:
            plan[key] = "auto"
        else:
            plan[key] = counts.index(max(counts))
    return plan
