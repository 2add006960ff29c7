"""The redline's letterhead and signature block.

Where both sides have the same shape (as many parties with and without logos; as many signatories,
signed the same way, on paper or electronically), NEW's part is built and each changed name, title,
label, place and date has its words tracked where it stands, in the signatory's cell of each line of the
grid (`docx_signing.Slot`). A place and date that one side has and the other not is a paragraph inserted
or deleted; a row of own places and dates that one side has and the other not is a row inserted or deleted (NEW's
build makes it for the old side's, `_signing(own_too=…)`), where both have it each cell is tracked. Where the shape differs (a party or signatory added or removed,
electronic signing turned on or off) the old part is deleted and the new one inserted as a whole.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from avtale.diff.compare import words
from avtale.model import Agreement
from avtale.render import common, signature_grid
from avtale.render.docx import add_text
from avtale.render.docx_signing import add_block_text, shrink
from avtale.render.docx_tracked import DEL, INS


class SigningDiffMixin:
    """For the redline writer (`old`, `new`, `document`, `layout`, `rev`, `_letterhead`, `_signing`)."""

    def _letterhead_diff(self) -> None:
        olds, news = self.old.parties, self.new.parties
        same_shape = len(olds) == len(news) and all((a.logo is None) == (b.logo is None) for a, b in zip(olds, news))
        if not same_shape:
            self._whole_part(self._letterhead, self.old, DEL)
            self._whole_part(self._letterhead, self.new, INS)
            return
        self._letterhead()
        cells = [cell for row in self.document.tables[-1].rows for cell in row.cells]
        for a, b, cell in zip(olds, news, cells):
            if b.logo is None and a.name != b.name:
                self.rev.retext(cell.paragraphs[0], words(a.name, b.name), add_text)

    def _signing_diff(self) -> None:
        old, new = self.old.signing, self.new.signing
        if old is None and new is None:
            return
        self.document.paragraphs[-1].paragraph_format.keep_with_next = True
        if (old is None or new is None or len(old.signatories) != len(new.signatories)
                or old.electronic != new.electronic):
            if old is not None:
                self._whole_part(self._signing, self.old, DEL)
            if new is not None:
                self._whole_part(self._signing, self.new, INS)
            return
        old_columns = common.signature_columns(self.old, self.layout)
        new_columns = common.signature_columns(self.new, self.layout)
        start = self._body_end.getprevious()
        slots = self._signing(own_too=[bool(a.place_date) for a in old_columns])
        first = start.getnext()
        ow, nw = common.place_and_date(self.old), common.place_and_date(self.new)
        if nw:
            self._retext_or_mark(first, ow, nw)
        elif ow:
            gone = OxmlElement("w:p")
            first.addprevious(gone)
            self._deleted_paragraph(gone, ow)
        note = first.getnext() if nw else first
        on, nn = common.electronic_note(self.old, self.layout), common.electronic_note(self.new, self.layout)
        if nn and on != nn:
            self._retext_or_mark(note, on, nn)
        own_rows: dict = {}  # the table row of own places and dates -> its (old column, new column, slot)
        for a, b, slot in zip(old_columns, new_columns, slots):
            for p, x, y in ((slot.label, a.label, b.label), (slot.name, a.name, b.name), (slot.title, a.title, b.title)):
                if x != y:
                    self.rev.retext(Paragraph(p, None), words(x, y), add_block_text)
            if slot.own is not None:
                own_rows.setdefault(slot.own.getparent().getparent(), []).append((a, b, slot))
        for tr, members in own_rows.items():
            self._own_row(tr, members)
        grid = signature_grid.grid(self.new, self.layout)
        if grid.size_pt < float(self.layout["size_pt"]["body"]):
            shrink(slots[0].label.getparent().getparent().getparent(), grid.size_pt)  # the words just written

    def _own_row(self, tr, members: list) -> None:
        """A row of own places and dates: inserted or deleted as a row where one side has none in it, else
        each cell's words tracked (a cell keeps its paragraph, which both sides' tables have)."""
        if not any(b.place_date for _a, b, _s in members):
            for a, _b, slot in members:
                if a.place_date:
                    add_block_text(Paragraph(slot.own, None), a.place_date)
            self.rev.mark_whole(tr, DEL)
            return
        if not any(a.place_date for a, _b, _s in members):
            self.rev.mark_whole(tr, INS)
            return
        for a, b, slot in members:
            if a.place_date and b.place_date:
                if a.place_date != b.place_date:
                    self.rev.retext(Paragraph(slot.own, None), words(a.place_date, b.place_date), add_block_text)
            elif a.place_date or b.place_date:
                if a.place_date:
                    add_block_text(Paragraph(slot.own, None), a.place_date)
                self.rev.wrap(slot.own, slot.own.findall(qn("w:r")), DEL if a.place_date else INS)

    def _retext_or_mark(self, p, old: str, new: str) -> None:
        """A paragraph NEW's build wrote holding `new`: its words tracked from `old`, or (no `old`) inserted."""
        if old:
            if old != new:
                self.rev.retext(Paragraph(p, None), words(old, new), add_text)
        else:
            self.rev.mark_whole(p, INS)

    def _deleted_paragraph(self, p, text: str) -> None:
        add_text(Paragraph(p, None), text)
        self.rev.mark_whole(p, DEL)

    def _whole_part(self, build, agreement: Agreement, kind: str) -> None:
        """Build a part of the layout (letterhead, signatures) from `agreement`, all of it inserted or deleted."""
        body = self.document.element.body
        start = len(body) - (1 if body[-1].tag.endswith("}sectPr") else 0)
        self.agreement = agreement
        try:
            build()
        finally:
            self.agreement = self.new
        for element in list(body)[start:]:
            if not element.tag.endswith("}sectPr"):
                self.rev.mark_whole(element, kind)
