"""Place, date and the signature block of the DOCX, drawn from the one grid (`signature_grid`).

The block is one borderless table with fixed column widths. Each row of signatories (at most three, five
parties are 3 + 2) is written as table rows, one per line of the block: «For <party>», the room to sign
(a row of exactly `space_above_line_mm`), the name under its signature line (a top border of exactly
`line_mm`, the paragraph's right indent taking the rest of the column), the title, and the signatories' own
place and date where any of that row has one. Every line of the block thus stands at the same height in
every column whatever wraps above it. A row with fewer signatories keeps the others' column width and
stands at the left or in the middle (`grid.short_row`): the table's grid holds every column edge of every
row, and a short row starts after `w:gridBefore` columns.

The whole block is set in one type size (`grid.size_pt`, below the body size only where the longest word
would not fit a column); no paragraph of it is hyphenated (`w:suppressAutoHyphens`), and a hyphen inside a
name («Bjørnstad-Haugland») is a non-breaking one, so that names wrap at spaces only. It never splits
across pages (every row `w:cantSplit`, every paragraph but the last row's `w:keepNext`), and the place and
date, the electronic note and the last paragraph of the text stand with it. An electronically signed
agreement has no room to sign and no lines: the note («Avtalen er signert elektronisk.»,
`common.electronic_note`) stands after place and date, and each column holds the party row, the name,
the title and the signatory's own date.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.run import Run

from avtale.render import common, signature_grid
from avtale.render.docx_frame import BREAKS, CAPTIONS, add, borderless, twips
from avtale.render.docx_fast.signing import INNER_HYPHEN, LINE_SPACE, PARTS
from avtale.render.docx_package import clean



@dataclass
class Slot:
    """The paragraphs (`w:p`) of one signatory's column: party row, name, title, own place and date."""

    label: object
    name: object
    title: object
    own: object | None  # None where the signatory's row has no own place and date



class SigningMixin:
    """`_signing()` for the writer (`document`, `layout`, `agreement`, `_paragraph`, `_new_paragraph`, `_body_end`)."""

    def _signing(self, own_too: list[bool] | None = None) -> list[Slot]:
        """Place and date, the electronic note, and the signature table; the signatories' paragraphs.

        `own_too`: signatories (by index) whose row gets a place-and-date row even where they have none
        (the redline, where the old side had one)."""
        cfg = self.layout["signature"]
        first = None
        when = common.place_and_date(self.agreement)
        if when:
            first = self._paragraph(when)
            first.paragraph_format.keep_with_next = True
        note = common.electronic_note(self.agreement, self.layout)
        if note:
            paragraph = self._paragraph(note)
            paragraph.paragraph_format.keep_with_next = True
            first = first or paragraph
        if first is not None:
            first.paragraph_format.space_before = Mm(cfg["place_date_before_mm"])
        grid = signature_grid.grid(self.agreement, self.layout)
        tbl, slots = signature_table(grid, self.layout, CAPTIONS[self.agreement.language][1], own_too)
        self._body_end.addprevious(tbl)
        # Word wants a paragraph after a table that ends the body, and adds a full-size one
        # (which can spill onto a page of its own) when there is none: give it a minimal one
        end = self._new_paragraph()
        end.paragraph_format.space_before = end.paragraph_format.space_after = Pt(0)
        end.paragraph_format.line_spacing = Pt(1)
        end.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        return slots


def signature_table(grid: signature_grid.Grid, layout: dict, caption: str, own_too: list[bool] | None = None):
    """(the `w:tbl` of the block, one `Slot` per signatory in order)."""
    from docx.text.paragraph import Paragraph

    cfg = layout["signature"]
    heading_before = float(layout["spacing"]["heading_before_pt"])  # between two rows, as in the PDF
    column, gap = twips(grid.column_mm), twips(grid.gap_mm)
    width = column * grid.per_row + gap * (grid.per_row - 1)
    shapes = [_cells(twips(grid.offset_mm(row)), len(row), column, gap, width) for row in grid.rows]
    edges = sorted({edge for cells in shapes for left, right, _m in cells for edge in (left, right)})
    tbl = OxmlElement("w:tbl")
    _table_properties(tbl, width, caption)
    tbl_grid = add(tbl, "w:tblGrid")
    for a, b in zip(edges, edges[1:]):
        add(tbl_grid, "w:gridCol", w=str(b - a))
    line_indent = str(column - twips(grid.line_mm))
    parts = len(grid.rows) > PARTS  # so many rows that a page may end between two of them, each row whole
    slots: list[Slot] = []
    index = 0
    for number, (row, cells) in enumerate(zip(grid.rows, shapes)):
        spans = [(edges.index(right) - edges.index(left), right - left, margins) for left, right, margins in cells]
        own = [bool(c.place_date) or bool(own_too and own_too[index + k]) for k, c in enumerate(row)]
        lines = [("label", [c.label for c in row])]
        if not grid.electronic:
            lines.append(("room", [""] * len(row)))
        lines += [("name", [c.name for c in row]), ("title", [c.title for c in row])]
        if any(own):
            lines.append(("own", [c.place_date for c in row]))
        found = [dict() for _ in row]
        for kind, texts in lines:
            tr = _row(tbl, spans, twips(cfg["space_above_line_mm"]) if kind == "room" else None)
            if kind == "label":
                before = twips(cfg["space_above_line_mm"] / 2) if number == 0 else round(heading_before * 20)
            for k, (tc, text) in enumerate(zip(tr.iterchildren(qn("w:tc")), texts)):
                p = _paragraph(tc, line_indent if kind == "name" and not grid.electronic else None,
                               before if kind == "label" else 0, cfg)
                if text:
                    add_block_text(Paragraph(p, None), text)
                found[k][kind] = p
        slots += [Slot(f["label"], f["name"], f["title"], f.get("own")) for f in found]
        index += len(row)
        if parts or number == len(grid.rows) - 1:  # the block (or this row of it) ends here
            for p in tbl.findall(qn("w:tr"))[-1].iter(qn("w:p")):
                p.pPr.remove(p.pPr.find(qn("w:keepNext")))
    if grid.size_pt < float(layout["size_pt"]["body"]):
        shrink(tbl, grid.size_pt)
    return tbl, slots


def add_block_text(paragraph, text: str) -> None:
    """`text` as a run in which a hyphen between two letters («Bjørnstad-Haugland», «Anne-Kristine») is
    Word's non-breaking hyphen (`w:noBreakHyphen`): a name wraps at its spaces, never at a hyphen. Readers
    (python-docx, LibreOffice) give the hyphen back as «-». The same signature as `docx.add_text`, so the
    redline tracks changed words with it."""
    from avtale.render.docx import add_text

    text = clean(text)
    pieces = INNER_HYPHEN.split(text)
    if len(pieces) == 1 or BREAKS.search(text):
        add_text(paragraph, text)
        return
    run = OxmlElement("w:r")
    for k, piece in enumerate(pieces):
        if k:
            run.append(OxmlElement("w:noBreakHyphen"))
        if piece:
            t = OxmlElement("w:t")
            t.text = piece
            if piece != piece.strip():
                t.set(qn("xml:space"), "preserve")
            run.append(t)
    paragraph._p.append(run)


def shrink(element, size_pt: float) -> None:
    """Every run of `element` (and every paragraph mark) in the block's one type size."""
    for r in element.iter(qn("w:r")):
        Run(r, None).font.size = Pt(size_pt)
    for ppr in element.iter(qn("w:pPr")):
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
        if rpr.find(qn("w:sz")) is None:
            add(rpr, "w:sz", val=str(round(size_pt * 2)))


def _table_properties(tbl, width: int, caption: str) -> None:
    borderless(add(tbl, "w:tblPr"), width, 0, caption)


def _cells(offset: int, count: int, column: int, gap: int, width: int) -> list[tuple[int, int, tuple[int, int]]]:
    """(left edge, right edge, (left margin, right margin)) of each cell of a row of `count` signatories.

    Each signatory's text is `column` wide and starts `offset` + k × (`column` + `gap`) from the left;
    the cells fill the table's whole width, the room beside the text being cell margins: a short row
    needs no `w:gridBefore`/`w:gridAfter`, which LibreOffice draws as cells of their own."""
    starts = [offset + k * (column + gap) for k in range(count)]
    lefts = [0, *starts[1:]]
    rights = [*starts[1:], width]
    return [(left, right, (start - left, right - start - column)) for left, right, start in zip(lefts, rights, starts)]


def _row(tbl, spans, exact: int | None):
    """A table row of the block: its cells across the grid, never split, `exact` twips high if given."""
    tr = add(tbl, "w:tr")
    tr_pr = add(tr, "w:trPr")
    add(tr_pr, "w:cantSplit")
    if exact is not None:
        add(tr_pr, "w:trHeight", val=str(exact), hRule="exact")
    for span, width, (left, right) in spans:
        tc = add(tr, "w:tc")
        tc_pr = add(tc, "w:tcPr")
        add(tc_pr, "w:tcW", w=str(width), type="dxa")
        if span > 1:
            add(tc_pr, "w:gridSpan", val=str(span))
        if left or right:
            margins = add(tc_pr, "w:tcMar")
            if left:
                add(margins, "w:left", w=str(left), type="dxa")
            if right:
                add(margins, "w:right", w=str(right), type="dxa")
    return tr


def _paragraph(tc, line_indent: str | None, before: int, cfg: dict):
    """One paragraph of the block in cell `tc`: kept with the next, never hyphenated; the name's carries the line."""
    p = add(tc, "w:p")
    ppr = add(p, "w:pPr")
    add(ppr, "w:keepNext")
    if line_indent is not None:
        borders = add(ppr, "w:pBdr")
        add(borders, "w:top", val="single", sz=str(round(cfg.get("line_weight_pt", 0.75) * 8)),
             space=LINE_SPACE, color="000000")
    add(ppr, "w:suppressAutoHyphens")
    add(ppr, "w:spacing", before=str(before), after="0")
    if line_indent is not None:
        add(ppr, "w:ind", right=line_indent)
    return p
