"""Place, date and the signature block of the DOCX.

A borderless table, one column per signatory: the party row («For Kunnskapsdepartementet»), room to sign,
the signature line (a top border) over the name, the title, and the signatory's own place and date where
they sign elsewhere or on another day. Up to five signatories share one row; more are laid out in rows of
at most three. An electronically signed agreement has no lines and no room to sign: the note
(«Avtalen er signert elektronisk.», `common.electronic_note`) stands after place and date, and each
column holds the party row, the name, the title and the signatory's own date.
"""

from __future__ import annotations

import math

from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.shared import Emu, Mm, Pt

from avtale.render import common, docx_columns
from avtale.render.docx_frame import CAPTIONS, layout_table, split, top_border

ONE_ROW = 5  # at most this many signatories side by side
PER_ROW = 3  # signatories in each row beyond that


class SigningMixin:
    """`_signing()` for the writer (`document`, `layout`, `agreement`, `text_width`, `_paragraph`)."""

    def _signing(self) -> None:
        from avtale.render.docx import add_text

        signing = self.agreement.signing
        cfg = self.layout["signature"]
        electronic = bool(signing.electronic)
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

        people = signing.signatories
        count = len(people) if len(people) <= ONE_ROW else PER_ROW
        rows = (len(people) + count - 1) // count
        table = self.document.add_table(rows=rows, cols=count)
        widths = split(self.text_width, count)
        # the gap between columns shrinks with many signatories, so that names keep room
        gap = Emu(min(Mm(cfg["column_gap_mm"]), round(widths[0] * 0.15 / 635) * 635))
        layout_table(table, widths, gap=gap, caption=CAPTIONS[self.agreement.language][1])
        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cells = [cell for row in table.rows for cell in row.cells]
        # long titles («Kunnskapsminister») in five columns: smaller type rather than a word broken in two
        body_pt = self.layout["size_pt"]["body"]
        columns = common.signature_columns(self.agreement, self.layout)
        size = docx_columns.fitting_size([t for c in columns for t in (c.label, c.name, c.title, c.place_date)],
                                         (widths[0] - gap) / Mm(1), body_pt)
        for person, column, cell, width in zip(people, columns, cells, widths * rows):
            room = width - gap
            line = min(Mm(cfg["line_width_mm"]), room)
            label = cell.paragraphs[0]  # «For Kunnskapsdepartementet», as in every format
            add_text(label, column.label)
            label.paragraph_format.space_before = Mm(cfg["space_above_line_mm"] / 2)  # as in the PDF
            label.paragraph_format.space_after = Pt(0)
            label.paragraph_format.keep_with_next = True
            name = cell.add_paragraph()
            add_text(name, person.name)
            fmt = name.paragraph_format
            fmt.space_before = Pt(0) if electronic else Mm(cfg["space_above_line_mm"])
            fmt.space_after = Pt(0)
            if not electronic:
                fmt.right_indent = Emu(room - line)
            fmt.keep_with_next = True
            if not electronic:
                top_border(name, cfg.get("line_weight_pt", 0.75))
            title = cell.add_paragraph()
            add_text(title, person.title)
            title.paragraph_format.space_after = Pt(0)
            own = []
            if column.place_date:
                title.paragraph_format.keep_with_next = True
                own = [cell.add_paragraph()]
                add_text(own[0], column.place_date)
                own[0].paragraph_format.space_after = Pt(0)
            if size < body_pt:
                for paragraph in (label, name, title, *own):
                    for run in paragraph.runs:
                        run.font.size = Pt(math.floor(size * 2) / 2)
        # Word wants a paragraph after a table that ends the body, and adds a full-size one
        # (which can spill onto a page of its own) when there is none: give it a minimal one
        end = self._new_paragraph()
        end.paragraph_format.space_before = end.paragraph_format.space_after = Pt(0)
        end.paragraph_format.line_spacing = Pt(1)
        end.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
