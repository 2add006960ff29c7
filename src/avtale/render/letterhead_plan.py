"""The letterhead's plan of columns, one for DOCX, PDF and HTML, so that every format breaks the names alike.

Up to five parties share one row, each column as wide as its name needs (`docx_columns.plan`: room for the
longest word first, the rest of the line shared towards each name's length). More parties stand in rows of
at most three equal columns, the type smaller only where a name's longest word would not fit its column.
Each column holds the gap to the next one (the last reaches the right margin); names stand left in the first
column, centred in the middle ones and right in the last. The type size is rounded down to half a point
(what Word keeps), widths to whole twips (what Word's grid keeps), and logos get one height for the whole
letterhead: the layout's `letterhead.logo_height_mm`, lower only where a logo would not fit its column.
Pure functions: the renderers set the plan, each in its own way (a table, a grid, a CSS grid).
"""

from __future__ import annotations

import math
from avtale.records import Frozen

from avtale.render import docx_columns
from avtale.render.docx_columns import Item

ONE_ROW = 5  # at most this many parties in a single row
PER_ROW = 3  # parties in each row beyond that
MIN_SIZE_PT = 7.0


class Cell(Frozen):
    """Where one party stands: its row and column, and how its name or logo aligns in the column
    ("left", "center" or "right")."""

    _fields = ("row", "column", "align")

    def __init__(self, row: int, column: int, align: str):
        self.__dict__.update(row=row, column=column, align=align)


class Plan(Frozen):
    """The letterhead: `widths_mm` of each column, the gap after it included (the last one reaches the margin),
    `gap_mm` between rows, the names' type size `size_pt`, every logo's height, and `cells`, one a party, in
    the parties' order."""

    _fields = ("widths_mm", "gap_mm", "size_pt", "logo_height_mm", "cells")

    def __init__(self, widths_mm: tuple[float, ...], gap_mm: float, size_pt: float, logo_height_mm: float,
                 cells: tuple[Cell, ...]):
        self.__dict__.update(widths_mm=widths_mm, gap_mm=gap_mm, size_pt=size_pt, logo_height_mm=logo_height_mm,
                             cells=cells)

    @property
    def columns(self) -> int:
        return len(self.widths_mm)

    @property
    def rows(self) -> int:
        return max((c.row for c in self.cells), default=-1) + 1

    def gap_after(self, column: int) -> float:
        """The room kept free at the right of `column` (none after the last)."""
        return self.gap_mm if column < self.columns - 1 else 0.0

    def room_mm(self, column: int) -> float:
        """The width a name or a logo has in `column`."""
        return self.widths_mm[column] - self.gap_after(column)


def twips_mm(mm: float) -> float:
    """`mm` rounded to whole twentieths of a point."""
    return round(mm * 1440 / 25.4) * 25.4 / 1440


def plan(items: list[Item], layout: dict) -> Plan:
    """The plan for the parties `items` (a name, or a logo with its width at the layout's logo height)."""
    cfg = layout["letterhead"]
    page = layout["page"]
    gap = float(cfg.get("gap_mm", 6))
    total = page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]
    size = layout["size_pt"]["letterhead"]
    if not items:
        return Plan((), gap, size, float(cfg["logo_height_mm"]), ())
    if len(items) <= ONE_ROW:
        widths, size = docx_columns.plan(items, total, size, gap, MIN_SIZE_PT)
        per_row = len(items)
    else:
        per_row = PER_ROW
        widths = [twips_mm(total / PER_ROW)] * PER_ROW
        size = docx_columns.fitting_size([item.text for item in items if item.text is not None],
                                         widths[0] - gap, size, MIN_SIZE_PT, bold=True)
    widths = tuple(twips_mm(w) for w in widths)
    last = len(widths) - 1
    cells = []
    for n in range(len(items)):
        column = n % per_row
        cells.append(Cell(n // per_row, column, "left" if column == 0 else "right" if column == last else "center"))
    result = Plan(widths, gap, math.floor(size * 2) / 2, float(cfg["logo_height_mm"]), tuple(cells))
    height = result.logo_height_mm
    for item, cell in zip(items, cells):
        if item.text is None and item.logo_mm > 0:
            height = min(height, result.logo_height_mm * result.room_mm(cell.column) / item.logo_mm)
    return Plan(widths, gap, result.size_pt, height, tuple(cells))


def logo_width_mm(width_px: int, height_px: int, height_mm: float) -> float:
    """A logo's width when set `height_mm` high."""
    return height_mm * width_px / max(height_px, 1)


def for_agreement(agreement, base_dir, layout: dict) -> Plan:
    """The plan for an agreement's parties, each logo's width read from its image header."""
    from avtale import assets, image_size

    height = float(layout["letterhead"]["logo_height_mm"])
    items = []
    for party in agreement.parties:
        if party.logo is None:
            items.append(Item(text=party.name))
        else:
            (width_px, height_px), = image_size.sizes(assets.read_logo(party.logo.file, base_dir, party.id))
            items.append(Item(logo_mm=logo_width_mm(width_px, height_px, height)))
    return plan(items, layout)
