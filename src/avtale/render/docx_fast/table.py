"""Tables of the agreement's text (`w:tbl`), as `docx_table.table` builds them.

Reads a table block of the document tree and the layout's `table` settings; writes an `E` table whose
cells' runs the writer's `add_runs` fills.
"""

from __future__ import annotations

from avtale.render import tree
from avtale.render.docx_fast.inline import text_of
from avtale.render.docx_fast.units import twips
from avtale.render.docx_fast.xml import E

JC = {"left": "left", "center": "center", "right": "right"}


def column_widths(columns: list[dict], text_width_twips: int) -> list[int]:
    """Whole twips for each column's share; they add up to the text width."""
    widths = [round(c["share"] * text_width_twips) for c in columns]
    if widths:
        widths[-1] = text_width_twips - sum(widths[:-1])
    return widths


def table(block: dict, text_width_twips: int, layout: dict, add_runs, caption: str = "") -> E:
    cfg = layout.get("table") or {}
    size_pt = cfg.get("size_pt")
    widths = column_widths(block["columns"], text_width_twips)
    rule = str(max(2, round(cfg.get("rule_pt", 0.5) * 8)))
    padding = twips(cfg.get("cell_padding_mm", 1.5))

    tbl = E("w:tbl")
    tbl_pr = tbl.add("w:tblPr")
    tbl_pr.add("w:tblW", w=sum(widths), type="dxa")
    tbl_pr.add("w:tblInd", w=0, type="dxa")
    borders = tbl_pr.add("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.add(f"w:{side}", val="single", sz=rule, space=0, color="000000")
    tbl_pr.add("w:tblLayout", type="fixed")
    margins = tbl_pr.add("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margins.add(f"w:{side}", w=padding if side in ("left", "right") else padding // 2, type="dxa")
    tbl_pr.add("w:tblLook", val="0020", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0",
               noHBand="1", noVBand="1")
    if caption:
        tbl_pr.add("w:tblCaption", val=caption)
    grid = tbl.add("w:tblGrid")
    for width in widths:
        grid.add("w:gridCol", w=width)

    aligns = [c["align"] for c in block["columns"]]
    rows = [(block["header"], True), *[(row, False) for row in block["rows"]]]
    for cells, header in rows:
        tr = tbl.add("w:tr")
        tr_pr = tr.add("w:trPr")
        tr_pr.add("w:cantSplit")
        if header:
            tr_pr.add("w:tblHeader")
        for i, width in enumerate(widths):
            tc = tr.add("w:tc")
            tc.add("w:tcPr").add("w:tcW", w=width, type="dxa")
            p = tc.add("w:p")
            p_pr = p.add("w:pPr")
            if header:
                p_pr.add("w:keepNext")
            p_pr.add("w:spacing", before=0, after=0)
            p_pr.add("w:jc", val=JC.get(aligns[i] if i < len(aligns) else "left", "left"))
            add_runs(p, cells[i] if i < len(cells) else [], bold=header, size_pt=size_pt)
    return tbl


def plain_caption(block: dict, layout: dict, language: str) -> str:
    """The caption as text, «Tabell 1: Midler …» ('' for a table without one)."""
    if not block.get("caption"):
        return ""
    before, after = tree.caption_frame(layout, language, block["n"])
    return before + text_of(block["caption_runs"]) + after
