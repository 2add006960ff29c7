"""Borderless layout tables of the DOCX renderer (the letterhead; the signature block builds its own grid
in `docx_signing`) and the captions of both.

These tables only place things side by side: fixed column widths, no header row, no banding, no borders,
a caption for screen readers (`w:tblCaption`).
"""

from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.table import _Cell

CAPTIONS = {
    "nb": ("Avtaleparter", "Underskrifter"),
    "nn": ("Avtalepartar", "Underskrifter"),
}
_XML_SPACE = qn("xml:space")

BREAKS = re.compile("[\t\n\r]")  # what python-docx writes as tabs and breaks, not as text


def copy_cell(shape, cell, width: int, name: str) -> None:
    """Put a copy of the finished name cell `shape` in `cell`'s place, with its width and `name`: the same
    XML as python-docx's setters make, which cost a millisecond a cell (a letterhead of many parties)."""
    tc = shape.__copy__()
    cell._tc.addnext(tc)
    cell._tc.getparent().remove(cell._tc)
    _Cell(tc, cell._parent).width = width
    text = next(tc.iter(qn("w:t")))
    text.text = name
    if len(name.strip()) < len(name):
        text.set(_XML_SPACE, "preserve")
    else:
        text.attrib.pop(_XML_SPACE, None)


def split(total: int, parts: int) -> list[int]:
    """`total` EMU in `parts` equal widths (whole twips, so Word's grid adds up)."""
    each = Emu(round(total / parts / 635) * 635)
    return [each] * parts


def layout_table(table, widths: list[int], *, gap: int, caption: str) -> None:
    """A borderless layout table: fixed column widths, no header row, no banding, a caption for screen readers."""
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    tbl_pr = table._tbl.tblPr
    for child in list(tbl_pr):
        tbl_pr.remove(child)
    borderless(tbl_pr, round(sum(widths) / 635), round(gap / 635), caption)


def borderless(tbl_pr, width_twips: int, right_twips: int, caption: str) -> None:
    """The properties of a layout table (letterhead, signature block): its width, no indent, no borders, a
    fixed layout, cells without margins but `right_twips` at the right, no banding, a caption."""
    add(tbl_pr, "w:tblW", w=str(width_twips), type="dxa")
    add(tbl_pr, "w:tblInd", w="0", type="dxa")
    borders = add(tbl_pr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        add(borders, f"w:{side}", val="nil")
    add(tbl_pr, "w:tblLayout", type="fixed")
    margins = add(tbl_pr, "w:tblCellMar")
    for side, value in (("top", 0), ("left", 0), ("bottom", 0), ("right", right_twips)):
        add(margins, f"w:{side}", w=str(value), type="dxa")
    add(tbl_pr, "w:tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0",
         noHBand="1", noVBand="1")
    add(tbl_pr, "w:tblCaption", val=caption)


def cell_gap(cell, right_twips: int) -> None:
    """Room between this cell's text and the next cell (w:tcMar, before w:vAlign in w:tcPr)."""
    margins = OxmlElement("w:tcMar")
    add(margins, "w:right", w=str(right_twips), type="dxa")
    cell._tc.get_or_add_tcPr().insert_element_before(margins, "w:textDirection", "w:tcFitText", "w:vAlign",
                                                     "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
                                                     "w:cellMerge", "w:tcPrChange")


def add(parent, tag: str, **attrs):
    """A new `tag` element (w: attributes from `attrs`) appended to `parent`."""
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    parent.append(element)
    return element


def twips(mm: float) -> int:
    """Millimetres in whole twentieths of a point, Word's unit of lengths."""
    return round(mm * 1440 / 25.4)
