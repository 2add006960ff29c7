"""The letterhead of the DOCX: one cell per party (its logo, or its name in bold) above the title.

The columns, their widths, the type size and the logos' height come from `letterhead_plan` (the same plan
the PDF and the HTML set, so every format breaks the names at the same places): up to five parties in one
row, each column as wide as its name needs; more in rows of at most three equal columns.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image as DocxImage
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

from avtale import assets
from avtale.errors import RenderError
from avtale.i18n import _
from avtale.model import Party
from avtale.render import docx_columns, letterhead_plan
from avtale.render.docx_frame import BREAKS, CAPTIONS, cell_gap, copy_cell, layout_table, twips
from avtale.render.docx_package import clean

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
PLACE = {"left": 0, "center": 1, "right": 2}



class LetterheadMixin:
    """`_letterhead()` for the writer (which has `document`, `layout`, `agreement`, `base_dir`)."""

    def _letterhead(self) -> None:
        parties = self.agreement.parties
        height = self.layout["letterhead"]["logo_height_mm"]
        items = [docx_columns.Item(logo_mm=self._logo_width_mm(p, height)) if p.logo
                 else docx_columns.Item(text=clean(p.name)) for p in parties]
        plan = letterhead_plan.plan(items, self.layout)
        widths = [Emu(twips(w) * 635) for w in plan.widths_mm]
        table = self.document.add_table(rows=plan.rows, cols=plan.columns)
        layout_table(table, widths, gap=0, caption=CAPTIONS[self.agreement.language][0])
        shapes: dict[int, object] = {}  # a finished name cell of each place (first, middle, last)
        cells = [row.cells for row in table.rows]  # once: a row looked up by number is a search of the table
        for party, place in zip(parties, plan.cells):
            self._party_cell(party, cells[place.row][place.column], place, plan, widths[place.column], shapes)
        for row in cells[1:]:  # rows stand gap_mm apart, as in the PDF's and the HTML's grid
            for cell in row:
                cell.paragraphs[0].paragraph_format.space_before = Mm(plan.gap_mm)

    def _party_cell(self, party: Party, cell, place: letterhead_plan.Cell, plan: letterhead_plan.Plan, width: int,
                    shapes: dict) -> None:
        key = PLACE[place.align]
        if not party.logo and key in shapes and not BREAKS.search(clean(party.name)):
            copy_cell(shapes[key], cell, width, clean(party.name))
            return
        if not party.logo:
            shapes[key] = cell._tc
        gap = plan.gap_after(place.column)
        if gap:
            cell_gap(cell, twips(gap))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        if place.align != "left":
            paragraph.alignment = ALIGN[place.align]
        run = paragraph.add_run()
        if party.logo:
            self._logo(run, party, Mm(plan.logo_height_mm), width - Mm(gap))
        else:
            run.text = clean(party.name)
            run.bold = True
            run.font.size = Pt(plan.size_pt)

    def _logo_width_mm(self, party: Party, height_mm: float) -> float:
        """The logo's width at the letterhead's height, from its pixel size."""
        path = self._asset(party)
        try:
            image = DocxImage.from_file(str(path))
        except (UnrecognizedImageError, OSError, ValueError) as exc:
            raise RenderError(_("logo of party «{party}» ({file}) cannot be read as an image: {reason}")
                              .format(party=party.id, file=party.logo.file, reason=exc))
        return height_mm * image.px_width / max(image.px_height, 1)

    def _logo(self, run, party: Party, height: int, max_width: int) -> None:
        path = self._asset(party)
        try:
            shape = run.add_picture(str(path), height=height)
        except (UnrecognizedImageError, OSError, ValueError) as exc:
            raise RenderError(_("logo of party «{party}» ({file}) cannot be read as an image: {reason}")
                              .format(party=party.id, file=party.logo.file, reason=exc))
        if shape.width > max_width:
            shape.height = Emu(round(shape.height * max_width / shape.width))
            shape.width = Emu(max_width)
        for side in ("distT", "distB", "distL", "distR"):  # LibreOffice takes a missing distance as 0.125 in
            shape._inline.set(side, "0")
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", clean(party.logo.alt))
        doc_pr.set("name", f"Logo {party.id}")

    def _asset(self, party: Party) -> Path:
        return assets.resolve_logo(party.logo.file, self.base_dir, party.id)


def lead_paragraph(document):
    """A paragraph of 1 pt before the letterhead table. LibreOffice, opening a DOCX with footnotes whose body
    starts with a table, puts an empty paragraph of a whole line above the table, moving every page's text
    down a line from where Word (and the PDF) have it; given a paragraph of its own, it adds none."""
    paragraph = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    for key, value in (("w:before", "0"), ("w:after", "0"), ("w:line", "20"), ("w:lineRule", "exact")):
        spacing.set(qn(key), value)
    ppr.append(spacing)
    paragraph.append(ppr)
    document.element.body.insert(0, paragraph)
    return paragraph
