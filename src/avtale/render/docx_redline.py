"""DOCX redline: the NEW agreement in the official layout, with OLD's differences as Word tracked changes.

Reads: the merged diff tree (`avtale.diff.compare`) and both agreements.
Writes: DOCX bytes. The layout is the DOCX renderer's own (`docx._Writer`:
page, letterhead, styles, numbering, signature block, package); this module
only walks the diff tree instead of one agreement, and `docx_tracked` turns
the word operations into `w:ins`/`w:del`:

* changed text: its kept words plain, its deleted and inserted words tracked;
* paragraphs, list items and sections added or removed: their runs and their
  paragraph marks tracked, so accepting or rejecting removes the paragraph
  (deleted list items keep their numbering, so Word shows them in the list);
* a moved section: deleted at its old place, inserted at its new place;
* retitled sections: the heading's words tracked;
* title, party names, place and date, signatories: their words tracked where
  they stand; a letterhead or signature block whose columns changed is shown
  as the old table deleted and the new table inserted. Metadata the document
  does not print (id, period, status …) goes into a comment on the title.

Accepting every change gives NEW's document text, rejecting every change OLD's.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx.oxml.ns import qn
from docx.shared import Pt

from avtale import dates
from avtale.diff.compare import words
from avtale.diff.tree import ADDED, MOVED, REMOVED, AgreementDiff, Block, SectionDiff, Text
from avtale.model import Agreement
from avtale.render import common, docx_package, docx_styles
from avtale.render.docx import _Writer, add_text
from avtale.render.docx_package import clean
from avtale.render.docx_tracked import DEL, INS, Revisions, track_revisions

NEW, OLD = "new", "old"
# metadata `compare` reports that the document does not print (the parties are in the letterhead)
LABELS = {"id": "id", "period": "periode", "status": "status", "language": "målform", "numbering": "nummerering"}  # which side of a diff a whole inserted/deleted part shows


def render(diff: AgreementDiff, old: Agreement, new: Agreement, layout: dict, *, base_dir: Path = Path("."),
           author: str = "avtale", date: dt.date | None = None) -> bytes:
    """The redline as DOCX bytes; the same inputs, author and date always give the same bytes."""
    return _RedlineWriter(diff, old, new, base_dir, layout, Revisions(author, date or dt.date.today())).write()


def side_sections(sections: list[SectionDiff], side: str) -> list[SectionDiff]:
    """The sections one side has, in that side's order (a moved section at its old place for OLD)."""
    if side == NEW:
        return [s for s in sections if s.status != REMOVED]
    return [s for s, where in _with_old_places(sections) if where != NEW and s.status != ADDED]


def _with_old_places(sections: list[SectionDiff]) -> list[tuple[SectionDiff, str | None]]:
    """The merged sections, each moved one twice: (s, OLD) at its old place and (s, NEW) at its new one.

    Sections OLD has, other than moved ones, stand in OLD's order in the merged
    list; a moved section goes before the first of them that came after it in OLD.
    """
    waiting = sorted((s for s in sections if s.status == MOVED), key=lambda s: s.old_number or 0)
    out: list[tuple[SectionDiff, str | None]] = []
    first = 0  # waiting[first:] still wait (pop(0) shifted the whole list: n² in moved sections)
    for s in sections:
        if s.status == MOVED:
            out.append((s, NEW))
            continue
        if s.status != ADDED and s.old_number is not None:
            while first < len(waiting) and (waiting[first].old_number or 0) < s.old_number:
                out.append((waiting[first], OLD))
                first += 1
        out.append((s, None))
    out += [(s, OLD) for s in waiting[first:]]
    return out


class _RedlineWriter(_Writer):
    def __init__(self, diff: AgreementDiff, old: Agreement, new: Agreement, base_dir: Path, layout: dict,
                 revisions: Revisions):
        super().__init__(new, base_dir, layout)
        self.diff, self.old, self.new = diff, old, new
        self.rev = revisions

    def write(self) -> bytes:
        d = self.diff
        self._page()
        self._letterhead_diff()
        title = self._paragraph(d.title, "Heading1")
        self._unprinted_changes(title)
        self._blocks_diff(d.preamble, None)
        self._sections_diff(d.sections, 0)
        self._signing_diff()
        self._footer()
        docx_styles.apply(self.document, self.layout, self.new.language, self.heading_num)
        self.numbering.write(self.document.part.numbering_part.element)
        docx_package.set_properties(self.document, self.new, docx_styles.LANGUAGES[self.new.language])
        track_revisions(self.document.settings.element)
        out = io.BytesIO()
        self.document.save(out)
        return docx_package.reproducible(out.getvalue())

    # -- paragraphs ------------------------------------------------------------

    def _paragraph(self, text, style_id: str | None = None, num_id: int | None = None, level: int = 0,
                   whole: str | None = None):
        """A body paragraph holding `text` (a string, or a diff `Text` whose changes are tracked).

        `whole` (INS/DEL) marks the paragraph itself inserted or deleted.
        """
        if isinstance(text, str):
            return super()._paragraph(text, style_id, num_id, level)
        paragraph = self._new_paragraph(style_id, num_id, level)
        self.rev.add_ops(paragraph, text.ops, add_text)
        if whole:
            self.rev.mark_paragraph(paragraph._p, whole)
        return paragraph

    def _unprinted_changes(self, title) -> None:
        """Changed metadata the document does not print (id, period, status …): a comment on the title."""
        changes = [(LABELS[name], old, new) for name, old, new in self.diff.fields if name in LABELS]
        if not changes:
            return
        anchor = title.add_run()  # an empty run at the title's end, outside any revision
        text = "Endret utenfor teksten: " + "; ".join(f"{label}: {old} → {new}" for label, old, new in changes)
        initials = "".join(w[0] for w in self.rev.author.split()[:3]).upper()
        comment = self.document.add_comment(anchor, text=clean(text), author=self.rev.author, initials=initials)
        comment._comment_elm.date = self.rev.when
        # the pruned template has no comment styles: drop the references to them
        for element in [*comment._comment_elm.iter(), *title._p.iter()]:
            if element.tag in (qn("w:pStyle"), qn("w:rStyle")) and element.get(qn("w:val")).startswith("Comment"):
                element.getparent().remove(element)

    # -- sections --------------------------------------------------------------

    def _sections_diff(self, sections: list[SectionDiff], level: int) -> None:
        for s, where in _with_old_places(sections):
            if s.status == ADDED or where == NEW:
                self._section_whole(s, level, NEW)
            elif s.status == REMOVED or where == OLD:
                self._section_whole(s, level, OLD)
            else:  # same or changed: the heading's words, then the blocks and subsections
                self._heading(s.title, level)
                self._blocks_diff(s.blocks, None)
                self._sections_diff(s.subsections, level + 1)

    def _section_whole(self, s: SectionDiff, level: int, side: str) -> None:
        """One side of a section, every paragraph of it inserted (NEW) or deleted (OLD)."""
        kind = INS if side == NEW else DEL
        self._paragraph(_side_text(s.title, side), "Heading2" if level == 0 else "Heading3", self.heading_num,
                        level, whole=kind)
        self._blocks_diff(s.blocks, side)
        for sub in side_sections(s.subsections, side):
            self._section_whole(sub, level + 1, side)

    # -- blocks ----------------------------------------------------------------

    def _blocks_diff(self, blocks: list[Block], side: str | None) -> None:
        """Blocks with their changes tracked; with `side`, only that side's blocks, all inserted/deleted."""
        skip = REMOVED if side == NEW else ADDED if side == OLD else None
        for block in blocks:
            if block.status == skip:
                continue
            whole = _whole(block.status, side)
            if block.kind == "paragraph":
                self._paragraph(_side_text(block.text, side), whole=whole)
                continue
            num_id = self.numbering.bullets() if block.kind == "bullets" else self.numbering.numbered_list(block.style)
            paragraph = None
            for item in block.items:
                if item.status == skip:
                    continue
                paragraph = self._paragraph(_side_text(item.text, side), "ListParagraph", num_id,
                                            whole=whole or _whole(item.status, None))
            if paragraph is not None:
                paragraph.paragraph_format.space_after = Pt(self.layout["spacing"]["paragraph_after_pt"])

    # -- letterhead and signatures ------------------------------------------------

    def _letterhead_diff(self) -> None:
        olds, news = self.old.parties, self.new.parties
        same_shape = len(olds) == len(news) and all((a.logo is None) == (b.logo is None) for a, b in zip(olds, news))
        if not same_shape:
            self._whole_part(self._letterhead, self.old, DEL)
            self._whole_part(self._letterhead, self.new, INS)
            return
        self._letterhead()
        table = self.document.tables[-1]
        for a, b, cell in zip(olds, news, table.rows[0].cells):
            if b.logo is None and a.name != b.name:
                self.rev.retext(cell.paragraphs[0], words(a.name, b.name), add_text)

    def _signing_diff(self) -> None:
        old, new = self.old.signing, self.new.signing
        if old is None and new is None:
            return
        self.document.paragraphs[-1].paragraph_format.keep_with_next = True
        if old is None or new is None or len(old.signatories) != len(new.signatories):
            if old is not None:
                self._whole_part(self._signing, self.old, DEL)
            if new is not None:
                self._whole_part(self._signing, self.new, INS)
            return
        self._signing()
        place = self.document.paragraphs[-2]  # the paragraph before the table (the last is the one after it)
        self.rev.retext(place, words(f"{old.place}, {dates.format_date(old.date)}",
                                     f"{new.place}, {dates.format_date(new.date)}"), add_text)
        old_columns = common.signature_columns(self.old, self.layout)
        new_columns = common.signature_columns(self.new, self.layout)
        cells = self.document.tables[-1].rows[0].cells
        for a, b, ca, cb, cell in zip(old.signatories, new.signatories, old_columns, new_columns, cells):
            label, name, title = cell.paragraphs[0], cell.paragraphs[1], cell.paragraphs[2]
            if ca.label != cb.label:
                self.rev.retext(label, words(ca.label, cb.label), add_text)
            if a.name != b.name:
                self.rev.retext(name, words(a.name, b.name), add_text)
            if a.title != b.title:
                self.rev.retext(title, words(a.title, b.title), add_text)

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


def _whole(status: str, side: str | None) -> str | None:
    """How a block or item is marked as a whole: inserted, deleted, or not at all."""
    if side is not None:
        return INS if side == NEW else DEL
    return INS if status == ADDED else DEL if status == REMOVED else None


def _side_text(text: Text, side: str | None) -> Text:
    """The text as tracked words (no side), or one side's text, all inserted (NEW) or deleted (OLD)."""
    if side is None:
        return text
    value = text.new if side == NEW else text.old
    return Text.added(value) if side == NEW else Text.removed(value)

