"""Tables of the agreement's text as real Word tables (`w:tbl`), from a table block of the document tree.

* a caption paragraph «Tabell N: …» (layout `table.caption_nb/nn`) before the table, kept with it, and the
  caption as the table's `w:tblCaption` for screen readers;
* fixed column widths: each column's share of the text width (whole twips; the last column takes the rest);
* the header row marked `w:tblHeader` (Word repeats it on each page) and set in bold; no row splits across
  a page (`w:cantSplit`);
* rules and cell padding from `layout.table` (`rule_pt`, `cell_padding_mm`), type size `table.size_pt`;
* each cell's paragraph aligned as its column (`left`, `center`, `right`).

This module builds XML only; the inline runs of each cell are written by the writer's `Inline`.
"""

from __future__ import annotations

from docx.oxml import OxmlElement

from avtale.render.docx_fast.table import JC, column_widths, plain_caption  # noqa: F401  (shared, plain Python)
from avtale.render.docx_frame import add, twips


def table(block: dict, text_width_twips: int, layout: dict, add_runs, caption: str = ""):
    """A `w:tbl` for the tree's table `block`; `add_runs(p, runs, bold=…, size_pt=…)` fills a paragraph."""
    cfg = layout.get("table") or {}
    size_pt = cfg.get("size_pt")
    widths = column_widths(block["columns"], text_width_twips)
    rule = str(max(2, round(cfg.get("rule_pt", 0.5) * 8)))
    padding = twips(cfg.get("cell_padding_mm", 1.5))

    tbl = OxmlElement("w:tbl")
    tbl_pr = add(tbl, "w:tblPr")
    add(tbl_pr, "w:tblW", w=sum(widths), type="dxa")
    add(tbl_pr, "w:tblInd", w=0, type="dxa")
    borders = add(tbl_pr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        add(borders, f"w:{side}", val="single", sz=rule, space=0, color="000000")
    add(tbl_pr, "w:tblLayout", type="fixed")
    margins = add(tbl_pr, "w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        add(margins, f"w:{side}", w=padding if side in ("left", "right") else padding // 2, type="dxa")
    add(tbl_pr, "w:tblLook", val="0020", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0",
         noHBand="1", noVBand="1")
    if caption:
        add(tbl_pr, "w:tblCaption", val=caption)
    grid = add(tbl, "w:tblGrid")
    for width in widths:
        add(grid, "w:gridCol", w=width)

    aligns = [c["align"] for c in block["columns"]]
    rows = [(block["header"], True), *[(row, False) for row in block["rows"]]]
    for cells, header in rows:
        tr = add(tbl, "w:tr")
        tr_pr = add(tr, "w:trPr")
        add(tr_pr, "w:cantSplit")
        if header:
            add(tr_pr, "w:tblHeader")
        for i, width in enumerate(widths):
            tc = add(tr, "w:tc")
            tc_pr = add(tc, "w:tcPr")
            add(tc_pr, "w:tcW", w=width, type="dxa")
            p = add(tc, "w:p")
            p_pr = add(p, "w:pPr")
            if header:
                add(p_pr, "w:keepNext")
            add(p_pr, "w:spacing", before=0, after=0)
            add(p_pr, "w:jc", val=JC.get(aligns[i] if i < len(aligns) else "left", "left"))
            runs = cells[i] if i < len(cells) else []
            add_runs(p, runs, bold=header, size_pt=size_pt)
    return tbl
