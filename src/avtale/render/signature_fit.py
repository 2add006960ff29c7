"""Whether the signature block, with the paragraph it carries, certainly fits on one page.

The PDF keeps the last paragraph and the signature block whole on one page, and parts them only where they
are taller than a page (templates/agreement.typ). Typst can only tell by laying the block out once more to
measure it, a third of what the block costs. Nearly every block is far shorter than a page, so this module
gives an upper bound on its height from Arial's advance widths (`docx_columns`, the metrics of Liberation
Sans, which the PDF sets), and the template measures only where the bound cannot promise a fit. The bound
decides nothing about the layout: it only spares a measurement whose answer it already knows, so the PDF is
the same to the byte either way (tests/render/test_signature_fit.py holds the two paths to that).

Why the bound holds:
- every character counts its widest advance (regular or bold) and a margin; one outside the width table
  counts more than any glyph of Liberation Sans (`UNKNOWN_EM`);
- lines are counted by breaking greedily at spaces only, as the block's names, titles and labels break (each
  word in a box); plain text breaks at spaces and at more places (hyphens, slashes), and more places to
  break never need more lines;
- a word wider than a line takes a line of its own where nothing inside it can break (it overflows the
  line); a wider word that might break inside gives no bound (the template measures);
- every line counts the layout's line height with room to spare (`LINE_SLACK`, a raised footnote mark),
  every gap the template sets counts, and the whole is compared with the page after a further margin.

Pure: no format library.
"""

from __future__ import annotations

from avtale.render import docx_columns
from avtale.render.signature_grid import Grid, text_width_mm

PT_MM = docx_columns.PT_MM
UNKNOWN_EM = 1.2  # a character without a width in the table (Liberation Sans' widest glyphs are 1 em)
WIDTH_SLACK = 1.05  # on top of the table's own margin: kerning, rounding
LINE_SLACK = 1.25  # a line's height as the layout sets it, with room for a raised mark
NOTE_MARK = "\uffff" * 3  # a footnote's mark after a word: counted as three unknown characters, unbroken
SLACK_MM = 15.0  # the margin left between the bound and the page
_WIDEST = {c: max(docx_columns.WIDTHS[False][c], docx_columns.WIDTHS[True][c]) / 1000
           for c in docx_columns.WIDTHS[False]}


def word_mm(word: str, size_pt: float) -> float:
    """An upper bound on the width of `word` at `size_pt`, in mm."""
    em = sum(_WIDEST.get(char, UNKNOWN_EM) for char in word)
    return em * size_pt * PT_MM * docx_columns.SAFETY * WIDTH_SLACK


def lines(text: str, width_mm: float, size_pt: float, hyphenated: bool = False) -> int | None:
    """An upper bound on the lines `text` takes at `width_mm`, broken greedily at spaces (at least one line).
    A word wider than the line stands on a line of its own, overflowing it, where nothing in it allows a break
    (`unbreakable`, and not `hyphenated`); where something might, there is no bound (None)."""
    words = text.split(" ")
    widths = [word_mm(word, size_pt) for word in words]
    if any(width > width_mm and (hyphenated or not unbreakable(word)) for word, width in zip(words, widths)):
        return None
    return greedy_lines(widths, word_mm(" ", size_pt), width_mm)


def greedy_lines(widths: list[float], space: float, width_mm: float) -> int:
    """Lines of words of `widths` broken greedily at spaces of width `space` (at least one line); a word wider
    than a line stands alone on one."""
    count, used = 1, None
    for width in widths:
        if used is None:
            used = width
        elif used + space + width <= width_mm:
            used += space + width
        else:
            count, used = count + 1, width
    return count


def unbreakable(word: str) -> bool:
    """Whether Typst finds no place to break inside `word`: Latin letters and digits only (no hyphen, slash
    or other punctuation, nothing of a script that breaks between its letters); hyphenation is `lines`' to
    rule out."""
    return all(char.isalnum() and ord(char) < 0x250 for char in word)


def runs_text(runs: list[dict]) -> str:
    """The text a paragraph's runs (render/pdf_tree.py) set, a footnote's mark counted as `NOTE_MARK`."""
    return "".join(NOTE_MARK if "note" in run else run["text"] for run in runs)


def height_bound_mm(grid: Grid, layout: dict, carried: str | None, place_date: str, note: str) -> float | None:
    """An upper bound on the height of the block the template keeps on one page: the carried paragraph's text
    (or None), the place and date, the electronic-signing note (where signed so) and the rows of signatories;
    None where no bound can be given."""
    spacing, sig = layout["spacing"], layout.get("signature") or {}
    body, size = float(layout["size_pt"]["body"]), grid.size_pt
    page = text_width_mm(layout)
    line = float(spacing["line"]) * 1.149 * PT_MM * LINE_SLACK  # per pt of type size
    after = float(spacing["paragraph_after_pt"]) * PT_MM
    room = float(sig["space_above_line_mm"])
    weight = float(sig.get("line_weight_pt", 0.75)) * PT_MM
    counts = []

    def height(text: str, width: float, at: float, hyphenated: bool = False) -> float:
        n = lines(text, width, at, hyphenated)
        counts.append(n)
        return (n or 0) * line * at

    total = 0.0
    if carried is not None:
        # the carried paragraph is set as the body is (hyphenated where the layout says so); the block never is
        total += height(carried, page, body, bool(layout.get("hyphenate"))) + after + float(sig["place_date_before_mm"])
    total += height(place_date, page, size) + after
    if grid.electronic:
        total += height(note, page, size) + after
    total += after + room / 2
    for i, row in enumerate(grid.rows):
        if i > 0:
            total += float(spacing["heading_before_pt"]) * PT_MM
        for key in ("label", "name", "title", "place_date"):
            total += max(height(getattr(c, key), grid.column_mm, size) for c in row) + after
        if not grid.electronic:
            total += room + 2 * weight + 2 * PT_MM
    if any(n is None for n in counts):
        return None
    return total


def certainly_fits(grid: Grid, layout: dict, carried: str | None, place_date: str, note: str) -> bool:
    """Whether the bound promises that the block fits within the page's text area, with `SLACK_MM` to spare."""
    bound = height_bound_mm(grid, layout, carried, place_date, note)
    if bound is None:
        return False
    page = layout["page"]
    room = float(page["height_mm"]) - float(page["margin_top_mm"]) - float(page["margin_bottom_mm"])
    return bound + SLACK_MM <= room
