"""Place, date and the signature block, as `docx_signing` sets them, drawn from `signature_grid`.

Reads the agreement, the layout's `signature` settings and the grid; writes `E` paragraphs and the block's
borderless table into the writer's body. Names wrap only at spaces (`w:noBreakHyphen` inside a name).
"""

from __future__ import annotations

import re

from avtale.render import common, signature_grid
from avtale.render.docx_fast import units
from avtale.render.docx_fast.inline import add_text
from avtale.render.docx_fast.package import clean
from avtale.render.docx_fast.units import twips
from avtale.render.docx_fast.xml import PPR, RPR, E, run_text

INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
BREAKS = re.compile("[\t\n\r]")
LINE_SPACE = "2"  # points between the signature line and the name under it
PARTS = 5  # more rows of signatories than this may part between rows at a page end (as the PDF)
CAPTIONS = {"nb": ("Avtaleparter", "Underskrifter"), "nn": ("Avtalepartar", "Underskrifter")}


def borderless(tbl_pr: E, width_twips: int, right_twips: int, caption: str) -> None:
    """docx_frame.borderless."""
    tbl_pr.add("w:tblW", w=str(width_twips), type="dxa")
    tbl_pr.add("w:tblInd", w="0", type="dxa")
    borders = tbl_pr.add("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.add(f"w:{side}", val="nil")
    tbl_pr.add("w:tblLayout", type="fixed")
    margins = tbl_pr.add("w:tblCellMar")
    for side, value in (("top", 0), ("left", 0), ("bottom", 0), ("right", right_twips)):
        margins.add(f"w:{side}", w=str(value), type="dxa")
    tbl_pr.add("w:tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0",
               noHBand="1", noVBand="1")
    tbl_pr.add("w:tblCaption", val=caption)


def signing(writer) -> None:
    """Place and date, the electronic note, the signature table and a minimal paragraph after it."""
    agreement, layout = writer.agreement, writer.layout
    cfg = layout["signature"]
    first = None
    when = common.place_and_date(agreement)
    if when:
        first = writer.paragraph(when)
        first.ppr().get_or_add("w:keepNext", PPR)
    note = common.electronic_note(agreement, layout)
    if note:
        paragraph = writer.paragraph(note)
        paragraph.ppr().get_or_add("w:keepNext", PPR)
        first = first or paragraph
    if first is not None:
        first.ppr().get_or_add("w:spacing", PPR).attrs["w:before"] = str(units.tw(units.mm(cfg["place_date_before_mm"])))
    grid = signature_grid.grid(agreement, layout)
    writer.body.append(signature_table(grid, layout, CAPTIONS[agreement.language][1]))
    writer.end_paragraph()


def signature_table(grid, layout: dict, caption: str) -> E:
    cfg = layout["signature"]
    heading_before = float(layout["spacing"]["heading_before_pt"])
    column, gap = twips(grid.column_mm), twips(grid.gap_mm)
    width = column * grid.per_row + gap * (grid.per_row - 1)
    shapes = [_cells(twips(grid.offset_mm(row)), len(row), column, gap, width) for row in grid.rows]
    edges = sorted({edge for cells in shapes for left, right, _m in cells for edge in (left, right)})
    tbl = E("w:tbl")
    borderless(tbl.add("w:tblPr"), width, 0, caption)
    tbl_grid = tbl.add("w:tblGrid")
    for a, b in zip(edges, edges[1:]):
        tbl_grid.add("w:gridCol", w=str(b - a))
    line_indent = str(column - twips(grid.line_mm))
    parts = len(grid.rows) > PARTS
    for number, (row, cells) in enumerate(zip(grid.rows, shapes)):
        spans = [(edges.index(right) - edges.index(left), right - left, margins) for left, right, margins in cells]
        own = [bool(c.place_date) for c in row]
        lines = [("label", [c.label for c in row])]
        if not grid.electronic:
            lines.append(("room", [""] * len(row)))
        lines += [("name", [c.name for c in row]), ("title", [c.title for c in row])]
        if any(own):
            lines.append(("own", [c.place_date for c in row]))
        last_row = None
        for kind, texts in lines:
            tr = _row(tbl, spans, twips(cfg["space_above_line_mm"]) if kind == "room" else None)
            last_row = tr
            if kind == "label":
                before = twips(cfg["space_above_line_mm"] / 2) if number == 0 else round(heading_before * 20)
            tcs = [kid for kid in tr.kids if kid.tag == "w:tc"]
            for tc, value in zip(tcs, texts):
                p = _paragraph(tc, line_indent if kind == "name" and not grid.electronic else None,
                               before if kind == "label" else 0, cfg)
                if value:
                    add_block_text(p, value)
        if parts or number == len(grid.rows) - 1:
            for p in last_row.iter("w:p"):
                ppr = p.kids[0]
                ppr.remove(ppr.find("w:keepNext"))
    if grid.size_pt < float(layout["size_pt"]["body"]):
        shrink(tbl, grid.size_pt)
    return tbl


def add_block_text(p: E, value: str) -> None:
    value = clean(value)
    pieces = INNER_HYPHEN.split(value)
    if len(pieces) == 1 or BREAKS.search(value):
        add_text(p, value)
        return
    run = E("w:r")
    for k, piece in enumerate(pieces):
        if k:
            run.append(E("w:noBreakHyphen"))
        if piece:
            run.append(run_text(piece))
    p.append(run)


def shrink(element: E, size_pt: float) -> None:
    half = str(units.half_points(units.pt(size_pt)))
    for r in list(element.iter("w:r")):
        if r.kids and r.kids[0].tag == "w:rPr":
            rpr = r.kids[0]
        else:
            rpr = E("w:rPr")
            r.kids.insert(0, rpr)
        rpr.get_or_add("w:sz", RPR).attrs["w:val"] = half
    for ppr in list(element.iter("w:pPr")):
        rpr = ppr.find("w:rPr")
        if rpr is None:
            rpr = E("w:rPr")
            ppr.insert_ordered(rpr, PPR)
        if rpr.find("w:sz") is None:
            rpr.add("w:sz", val=str(round(size_pt * 2)))


def _cells(offset: int, count: int, column: int, gap: int, width: int):
    starts = [offset + k * (column + gap) for k in range(count)]
    lefts = [0, *starts[1:]]
    rights = [*starts[1:], width]
    return [(left, right, (start - left, right - start - column)) for left, right, start in zip(lefts, rights, starts)]


def _row(tbl: E, spans, exact: int | None) -> E:
    tr = tbl.add("w:tr")
    tr_pr = tr.add("w:trPr")
    tr_pr.add("w:cantSplit")
    if exact is not None:
        tr_pr.add("w:trHeight", val=str(exact), hRule="exact")
    for span, width, (left, right) in spans:
        tc = tr.add("w:tc")
        tc_pr = tc.add("w:tcPr")
        tc_pr.add("w:tcW", w=str(width), type="dxa")
        if span > 1:
            tc_pr.add("w:gridSpan", val=str(span))
        if left or right:
            margins = tc_pr.add("w:tcMar")
            if left:
                margins.add("w:left", w=str(left), type="dxa")
            if right:
                margins.add("w:right", w=str(right), type="dxa")
    return tr


def _paragraph(tc: E, line_indent: str | None, before: int, cfg: dict) -> E:
    p = tc.add("w:p")
    ppr = p.add("w:pPr")
    ppr.add("w:keepNext")
    if line_indent is not None:
        ppr.add("w:pBdr").add("w:top", val="single", sz=str(round(cfg.get("line_weight_pt", 0.75) * 8)),
                              space=LINE_SPACE, color="000000")
    ppr.add("w:suppressAutoHyphens")
    ppr.add("w:spacing", before=str(before), after="0")
    if line_indent is not None:
        ppr.add("w:ind", right=line_indent)
    return p
