"""The signature block as one grid, the same in DOCX, PDF, HTML and Markdown.

Signatories stand in rows of at most `signature.per_row` (3) equal columns: five parties are 3 + 2.
Each row of signatories is drawn as rows of lines — «For <party>», the room to sign, the line, the name,
the title, the signatory's own place and date — so each line stands at the same height in every column
whatever wraps above it. A row with fewer signatories than the others keeps the others' column width and
stands at the left or in the middle (`signature.short_row`).

Names, titles and party names wrap at spaces only, never inside a word and never with a hyphen. Where the
longest word of the block does not fit a column, the type of the whole block goes down once, to the size
at which it fits (in half points, not below `signature.min_size_pt`): one size for every column and row,
not a size per column. Widths come from Arial's metrics (`docx_columns.text_mm`); pure, no format library.
"""

from __future__ import annotations

import math
from avtale.records import Frozen

from avtale.model import Agreement
from avtale.render import common, docx_columns


class Grid(Frozen):
    """Where every signatory's column stands and at what size the block is set: `rows` of signatories, at most
    `per_row` each; `column_mm` the width of every column (the same in every row); `gap_mm` the room between
    two columns; `line_mm` the length of a signature line (the column's width, or the layout's line width if
    less); `size_pt` the type size of the whole block (the body size unless a word would not fit);
    `short_row` "left" or "center", where a row with fewer columns stands; `electronic`: signed
    electronically, no room to sign and no lines."""

    _fields = ("rows", "per_row", "column_mm", "gap_mm", "line_mm", "size_pt", "short_row", "electronic")

    def __init__(self, rows: list[list[common.Column]], per_row: int, column_mm: float, gap_mm: float,
                 line_mm: float, size_pt: float, short_row: str, electronic: bool):
        self.__dict__.update(rows=rows, per_row=per_row, column_mm=column_mm, gap_mm=gap_mm, line_mm=line_mm,
                             size_pt=size_pt, short_row=short_row, electronic=electronic)

    def offset_mm(self, row: list[common.Column]) -> float:
        """How far a row starts from the left margin (0 but for a short row set in the middle)."""
        missing = self.per_row - len(row)
        if missing <= 0 or self.short_row != "center":
            return 0.0
        return missing * (self.column_mm + self.gap_mm) / 2


def text_width_mm(layout: dict) -> float:
    page = layout["page"]
    return page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]


def grid(agreement: Agreement, layout: dict) -> Grid | None:
    """The grid of `agreement`'s signature block under `layout`, or None without a signature block."""
    if agreement.signing is None:
        return None
    cfg = layout.get("signature") or {}
    columns = common.signature_columns(agreement, layout)
    per_row = max(1, min(len(columns), int(cfg.get("per_row", 3))))
    gap = float(cfg.get("column_gap_mm", 10))
    column = (text_width_mm(layout) - gap * (per_row - 1)) / per_row
    body = float(layout["size_pt"]["body"])
    texts = [t for c in columns for t in (c.label, c.name, c.title, c.place_date) if t]
    size = docx_columns.fitting_size(texts, column, body, float(cfg.get("min_size_pt", 8)))
    if size < body:
        size = max(float(cfg.get("min_size_pt", 8)), math.floor(size * 2) / 2)
    rows = [columns[i:i + per_row] for i in range(0, len(columns), per_row)]
    short_row = "center" if cfg.get("short_row") == "center" else "left"
    return Grid(rows, per_row, column, gap, min(float(cfg.get("line_width_mm", 60)), column), size,
                short_row, bool(agreement.signing.electronic))
