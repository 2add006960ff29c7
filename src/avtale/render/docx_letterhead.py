"""The letterhead of the DOCX: one cell per party (its logo, or its name in bold) above the title.

Up to five parties share one row, each column as wide as its name needs (`docx_columns.plan`). More
parties are laid out in rows of at most three equal columns (a «samfunnskontrakt» of ten parties must not
break the page), the type made smaller only where a name's longest word would not fit its column.
"""

from __future__ import annotations

import math
from pathlib import Path

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image as DocxImage
from docx.shared import Emu, Mm, Pt

from avtale import assets
from avtale.errors import RenderError
from avtale.i18n import _
from avtale.model import Party
from avtale.render import docx_columns
from avtale.render.docx_frame import BREAKS, CAPTIONS, cell_gap, copy_cell, layout_table, split
from avtale.render.docx_package import clean

ONE_ROW = 5  # at most this many parties in a single row
PER_ROW = 3  # parties in each row beyond that


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


class LetterheadMixin:
    """`_letterhead()` for the writer (which has `document`, `layout`, `agreement`, `base_dir`)."""

    def _letterhead(self) -> None:
        parties = self.agreement.parties
        cfg = self.layout["letterhead"]
        page = self.layout["page"]
        gap_mm = cfg.get("gap_mm", 6)
        text_mm = page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]
        if len(parties) <= ONE_ROW:
            logos = {p.id: self._logo_width_mm(p, cfg["logo_height_mm"]) for p in parties if p.logo}
            items = [docx_columns.Item(logo_mm=logos[p.id]) if p.logo else docx_columns.Item(text=clean(p.name))
                     for p in parties]
            widths_mm, size_pt = docx_columns.plan(items, text_mm, self.layout["size_pt"]["letterhead"], gap_mm)
            widths = [Emu(twips(w) * 635) for w in widths_mm]
            rows = [parties]
        else:
            widths = split(Mm(text_mm), PER_ROW)
            size_pt = docx_columns.fitting_size([clean(p.name) for p in parties if not p.logo],
                                                widths[0] / Mm(1) - gap_mm, self.layout["size_pt"]["letterhead"],
                                                7.0, bold=True)
            rows = [parties[i:i + PER_ROW] for i in range(0, len(parties), PER_ROW)]
        table = self.document.add_table(rows=len(rows), cols=len(widths))
        layout_table(table, widths, gap=0, caption=CAPTIONS[self.agreement.language][0])
        last = len(widths) - 1
        shapes: dict[int, object] = {}  # a finished name cell of each place (first, middle, last)
        for row_parties, row in zip(rows, table.rows):
            for i, (party, cell) in enumerate(zip(row_parties, row.cells)):
                place = 0 if i == 0 else 2 if i == last else 1
                self._party_cell(party, cell, i, last, place, widths[i], gap_mm, size_pt, shapes)

    def _party_cell(self, party: Party, cell, i: int, last: int, place: int, width: int, gap_mm: float,
                    size_pt: float, shapes: dict) -> None:
        cfg = self.layout["letterhead"]
        if not party.logo and place in shapes and not BREAKS.search(clean(party.name)):
            copy_cell(shapes[place], cell, width, clean(party.name))
            return
        if not party.logo:
            shapes[place] = cell._tc
        if i < last:
            cell_gap(cell, twips(gap_mm))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        if i == last and i > 0:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif i > 0:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        if party.logo:
            room = width - (Mm(gap_mm) if i < last else 0)
            self._logo(run, party, Mm(cfg["logo_height_mm"]), room)
        else:
            run.text = clean(party.name)
            run.bold = True
            run.font.size = Pt(math.floor(size_pt * 2) / 2)

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
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", clean(party.logo.alt))
        doc_pr.set("name", f"Logo {party.id}")

    def _asset(self, party: Party) -> Path:
        return assets.resolve_logo(party.logo.file, self.base_dir, party.id)

