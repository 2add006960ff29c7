"""DOCX redline: the NEW agreement in the official layout, with OLD's differences as Word tracked changes.

Reads: the merged diff tree (`avtale.diff.compare`) and both agreements.
Writes: DOCX bytes. The layout is the DOCX renderer's own (`docx._Writer`:
page, letterhead, styles, numbering, signature block, package); this module
only walks the diff tree instead of one agreement, and `docx_tracked` turns
the word operations into `w:ins`/`w:del`:

* changed text: its kept words plain, its deleted and inserted words tracked; prose with marks (bold,
  italic, links, footnote references) is diffed as each side prints it (`docx_redline_inline`), bold
  or italic added or removed as a formatting change;
* paragraphs, list items and sections added or removed: their runs and their
  paragraph marks tracked, so accepting or rejecting removes the paragraph
  (deleted list items keep their numbering, so Word shows them in the list);
* moves (Word's move markup, `docx_tracked.Revisions.move`): a moved section, subsection or annex is at
  its old place OLD's text in `w:moveFrom`, at its new place the merged text (its edits tracked inside
  the move) in `w:moveTo`; a moved paragraph or list item (`diff.moves`) likewise; both places of one
  move share a name («move1» …);
* lists at any level (`docx_redline_blocks`): items in their own numbering level; tables: changed cells
  inside the cell, rows added or removed as `w:trPr/w:ins|w:del`, header and caption like text;
* annexes: added, removed or changed like sections, under their «Vedlegg N: …» heading;
* footnotes (`docx_redline_notes`): a reference added or removed is tracked in the text, the note's own
  text inside the footnotes part;
* retitled sections: the heading's words tracked;
* title, party names, place and date, signatories (`docx_redline_signing`): their words tracked where
  they stand; a letterhead or signature block whose columns changed (parties or signatories added or
  removed, electronic signing on or off) is shown as the old part deleted and the new one inserted. Metadata the document
  does not print (id, period, status …) goes into a comment on the title.

Accepting every change gives NEW's document text, rejecting every change OLD's.
"""

from __future__ import annotations

import datetime as dt
import io
from contextlib import contextmanager
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from avtale.diff.compare import words
from avtale.diff import wording
from avtale.diff.places import side_sections, with_old_places
from avtale.diff.tree import ADDED, MOVED, REMOVED, AgreementDiff, SectionDiff, Text
from avtale.model import Agreement
from avtale.render import docx_inline, docx_letterhead, docx_notes, docx_package, docx_styles, tree
from avtale.render.docx import _Writer, add_text
from avtale.render.docx_package import clean
from avtale.render.docx_redline_blocks import NEW, OLD, BlocksMixin, side_text
from avtale.render.docx_redline_notes import NotesMixin
from avtale.render.docx_redline_numbers import readable_numbers
from avtale.render.docx_redline_signing import SigningDiffMixin
from avtale.render.docx_tracked import DEL, INS, MOVE_FROM, MOVE_TO, Revisions, track_revisions



def render(diff: AgreementDiff, old: Agreement, new: Agreement, layout: dict, *, base_dir: Path = Path("."),
           author: str = "avtale", date: dt.date | None = None) -> bytes:
    """The redline as DOCX bytes; the same inputs, author and date always give the same bytes."""
    return _RedlineWriter(diff, old, new, base_dir, layout, Revisions(author, date or dt.date.today())).write()


class _RedlineWriter(BlocksMixin, SigningDiffMixin, NotesMixin, _Writer):
    def __init__(self, diff: AgreementDiff, old: Agreement, new: Agreement, base_dir: Path, layout: dict,
                 revisions: Revisions):
        super().__init__(new, base_dir, layout)
        self.diff, self.old, self.new = diff, old, new
        self.rev = revisions
        self.sides = {OLD: old, NEW: new}
        # each side's tree, walked in that side's reading order, numbers its notes and tables as its build
        self.docs = {side: tree.Document(a, layout, self.print_urls) for side, a in self.sides.items()}
        self.inlines = {OLD: docx_inline.Inline(self.inline.plain_text, self.print_urls), NEW: self.inline}
        self._note_ids()

    def write(self) -> bytes:
        d = self.diff
        self._page()
        self._letterhead_diff()
        title = self._paragraph(d.title, "Heading1")
        self._unprinted_changes(title)
        self._blocks_diff(d.preamble, None, self.old.preamble, self.new.preamble)
        self._sections_diff(d.sections, 0, self.old.sections, self.new.sections)
        self._signing_diff()
        self._annexes_diff()
        self._end_diff()
        self._footer()
        notes = self._notes_diff()
        noted = {side: bool(self.docs[side].notes) for side in (OLD, NEW)}
        if noted[OLD] or noted[NEW]:  # as a build of each side has it (docx_letterhead.lead_paragraph)
            lead = docx_letterhead.lead_paragraph(self.document)
            if noted[OLD] != noted[NEW]:
                self.rev.mark_whole(lead, INS if noted[NEW] else DEL)
        links = any(i.links for i in self.inlines.values())
        docx_notes.add_styles(self.document, self.layout, notes=notes, links=links)
        docx_styles.apply(self.document, self.layout, self.new.language, self.heading_num)
        self.numbering.write(self.document.part.numbering_part.element)
        docx_package.set_properties(self.document, self.new, docx_styles.LANGUAGES[self.new.language])
        self.rev.pair_moves(self.document.element.body)
        readable_numbers(self.document.element.body, self.rev)
        track_revisions(self.document.settings.element)
        out = io.BytesIO()
        self.document.save(out)
        return docx_package.reproducible(out.getvalue())

    def _end_diff(self) -> None:
        """The minimal paragraph a build puts after a table that ends the body: kept where both sides end
        with a table, inserted or deleted where one does."""
        ends = {side: _ends_with_table(self._body_end, (INS, MOVE_TO) if side == OLD else (DEL, MOVE_FROM))
                for side in (OLD, NEW)}
        if ends[OLD] or ends[NEW]:
            self._end_paragraph()
            if ends[OLD] != ends[NEW]:
                self.rev.mark_whole(self._body_end.getprevious(), INS if ends[NEW] else DEL)

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
        """The summary of the changes (the same words as every diff format: `wording`) and changed metadata
        the document does not print (id, period, status …): a comment on the title."""
        lines = [*wording.summary(self.diff), wording.redline_comment(self.diff)]
        text = " ".join(line for line in lines if line)
        if not text:
            return
        anchor = title.add_run()  # an empty run at the title's end, outside any revision
        initials = "".join(w[0] for w in self.rev.author.split()[:3]).upper()
        comment = self.document.add_comment(anchor, text=clean(text), author=self.rev.author, initials=initials)
        comment._comment_elm.date = self.rev.when
        # the pruned template has no comment styles: drop the references to them
        for element in [*comment._comment_elm.iter(), *title._p.iter()]:
            if element.tag in (qn("w:pStyle"), qn("w:rStyle")) and element.get(qn("w:val")).startswith("Comment"):
                element.getparent().remove(element)

    # -- sections --------------------------------------------------------------

    def _sections_diff(self, sections: list[SectionDiff], level: int, olds: list, news: list) -> None:
        for s, where in with_old_places(sections):
            a, b = _node(olds, s.old_number), _node(news, s.new_number)
            if s.status == ADDED:
                self._section_whole(s, level, NEW, b)
            elif s.status == REMOVED:
                self._section_whole(s, level, OLD, a)
            elif where == OLD:
                with self._moving(s, MOVE_FROM):
                    self._section_whole(s, level, OLD, a)
            else:  # same, changed or moved here: the heading's words, then the blocks and subsections
                with self._moving(s, MOVE_TO if where == NEW else None):
                    self._heading(s.title, level)
                    self._blocks_diff(s.blocks, None, a.blocks, b.blocks)
                    self._sections_diff(s.subsections, level + 1, a.subsections, b.subsections)

    @contextmanager
    def _moving(self, s: SectionDiff, kind: str | None):
        """Write one place of a moved section, subsection or annex (`kind`: MOVE_FROM, MOVE_TO; None: not
        a move), then turn what was written into move markup."""
        start = self._body_end.getprevious()
        yield
        if kind is None or s.status != MOVED:
            return
        element = start.getnext() if start is not None else self.document.element.body[0]
        elements = []
        while element is not None and element is not self._body_end:
            elements.append(element)
            element = element.getnext()
        self.rev.move(elements, kind, self.rev.move_name(("part", id(s))))

    def _section_whole(self, s: SectionDiff, level: int, side: str, node) -> None:
        """One side of a section, every paragraph of it inserted (NEW) or deleted (OLD)."""
        kind = INS if side == NEW else DEL
        if level >= 2:
            self.numbering.heading_depth = 3
        self._paragraph(side_text(s.title, side), f"Heading{level + 2}", self.heading_num, level, whole=kind)
        self._blocks_diff(s.blocks, side, *_sided(side, node.blocks))
        for sub in side_sections(s.subsections, side):
            number = sub.new_number if side == NEW else sub.old_number
            self._section_whole(sub, level + 1, side, node.subsections[number - 1])

    # -- annexes ---------------------------------------------------------------

    def _annexes_diff(self) -> None:
        for s, where in with_old_places(self.diff.annexes):
            a, b = _node(self.old.annexes, s.old_number), _node(self.new.annexes, s.new_number)
            if s.status == ADDED:
                self._annex_whole(s, NEW, b)
            elif s.status == REMOVED:
                self._annex_whole(s, OLD, a)
            elif where == OLD:
                with self._moving(s, MOVE_FROM):
                    self._annex_whole(s, OLD, a)
            else:
                with self._moving(s, MOVE_TO if where == NEW else None):
                    self._annex_heading(words(self._annex_title(OLD, s.old_number, a), self._annex_title(
                        NEW, s.new_number, b)), b.id or f"vedlegg-{s.new_number}", s.new_number)
                    self._blocks_diff(s.blocks, None, a.blocks, b.blocks)
                    self._annex_subs_diff(s.subsections, (), a.subsections, b.subsections)

    def _annex_title(self, side: str, n: int, annex) -> str:
        agreement = self.sides[side]
        return f"{tree.annex_label(self.layout, agreement.language, n)}: {annex.title}"

    def _annex_heading(self, text: Text, name: str | None, n: int, kind: str | None = None) -> None:
        """«Vedlegg N: Title» on a new page, bookmarked by the annex's id (`name`; None: no bookmark)."""
        heading = self._new_paragraph("Heading1")
        heading.paragraph_format.page_break_before = True
        if name is not None:
            start = OxmlElement("w:bookmarkStart")
            start.set(qn("w:id"), str(n))
            start.set(qn("w:name"), name)
            heading._p.append(start)
        self.rev.add_ops(heading, text.ops, add_text)
        if name is not None:
            end = OxmlElement("w:bookmarkEnd")
            end.set(qn("w:id"), str(n))
            heading._p.append(end)
        if kind:
            self.rev.mark_paragraph(heading._p, kind)

    def _annex_whole(self, s: SectionDiff, side: str, annex) -> None:
        kind = INS if side == NEW else DEL
        n = s.new_number if side == NEW else s.old_number
        title = self._annex_title(side, n, annex)
        new_ids = {a.id or f"vedlegg-{k}" for k, a in enumerate(self.new.annexes, 1)}
        name = annex.id or f"vedlegg-{n}"
        if side == OLD:  # a deleted annex keeps its bookmark only where NEW has none of that name
            name, n = (None, n) if name in new_ids else (name, 1000 + n)
        self._annex_heading(Text.added(title) if side == NEW else Text.removed(title), name, n, kind)
        self._blocks_diff(s.blocks, side, *_sided(side, annex.blocks))
        for sub in side_sections(s.subsections, side):
            number = sub.new_number if side == NEW else sub.old_number
            self._annex_sub_whole(sub, (number - 1,), side, annex.subsections[number - 1])

    def _annex_sub_title(self, side: str, path: tuple[int, ...], title: str) -> str:
        if self.sides[side].numbering == "none":
            return title
        return f"{'.'.join(str(i + 1) for i in path)} {title}"

    def _annex_heading_paragraph(self, text: Text, level: int, kind: str | None = None) -> None:
        num = 0 if self.heading_num is not None else None
        self._paragraph(text, f"Heading{level}", num, whole=kind)

    def _annex_subs_diff(self, subs: list[SectionDiff], path: tuple[int, ...], olds: list, news: list) -> None:
        for s, where in with_old_places(subs):
            a, b = _node(olds, s.old_number), _node(news, s.new_number)
            if s.status == ADDED:
                self._annex_sub_whole(s, (*path, s.new_number - 1), NEW, b)
            elif s.status == REMOVED:
                self._annex_sub_whole(s, (*path, s.old_number - 1), OLD, a)
            elif where == OLD:
                with self._moving(s, MOVE_FROM):
                    self._annex_sub_whole(s, (*path, s.old_number - 1), OLD, a)
            else:
                old_path, new_path = (*path, s.old_number - 1), (*path, s.new_number - 1)
                with self._moving(s, MOVE_TO if where == NEW else None):
                    title = words(self._annex_sub_title(OLD, old_path, a.title),
                                  self._annex_sub_title(NEW, new_path, b.title))
                    self._annex_heading_paragraph(title, len(new_path) + 1)
                    self._blocks_diff(s.blocks, None, a.blocks, b.blocks)
                    self._annex_subs_diff(s.subsections, new_path, a.subsections, b.subsections)

    def _annex_sub_whole(self, s: SectionDiff, path: tuple[int, ...], side: str, node) -> None:
        kind = INS if side == NEW else DEL
        title = self._annex_sub_title(side, path, node.title)
        self._annex_heading_paragraph(Text.added(title) if side == NEW else Text.removed(title), len(path) + 1, kind)
        self._blocks_diff(s.blocks, side, *_sided(side, node.blocks))
        for sub in side_sections(s.subsections, side):
            number = sub.new_number if side == NEW else sub.old_number
            self._annex_sub_whole(sub, (*path, number - 1), side, node.subsections[number - 1])


def _ends_with_table(body_end, gone: tuple[str, str]) -> bool:
    """Whether the body's last element on one side (the elements marked `gone` left out: a row's
    insertion or deletion, a paragraph's that or its move) is a table."""
    element = body_end.getprevious()
    while element is not None:
        if element.tag == qn("w:tbl"):
            rows = element.findall(qn("w:tr"))
            if not all(tr.find(f"{qn('w:trPr')}/{qn('w:' + gone[0])}") is not None for tr in rows):
                return True
        elif all(element.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:' + g)}") is None for g in gone):
            return False
        element = element.getprevious()
    return False


def _node(nodes: list, number: int | None):
    """The model node a merged section stands for on one side (by its 1-based number there), or None."""
    return nodes[number - 1] if number else None


def _sided(side: str, blocks: list) -> tuple[list | None, list | None]:
    """(old blocks, new blocks) for a part shown from one side only."""
    return (None, blocks) if side == NEW else (blocks, None)

