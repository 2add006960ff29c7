"""The redline's blocks: paragraphs, lists at any level and tables, with their changes tracked.

Each merged block (`diff.tree.Block`) is set from both sides' own document trees (`render/tree.py`,
walked in each side's reading order, so that footnote and table numbers are each build's), so every
paragraph holds exactly what that side's DOCX holds:

* a paragraph: its words tracked (`docx_redline_inline` where marks are involved);
* a list: each item at its level in a (multi-level, where either side nests) Word numbering, items added
  or removed as whole paragraphs, a list under an item diffed item by item the same way;
* a table (same number of columns on both sides): NEW's table with a changed cell's words tracked in the
  cell, a row added or removed marked as such (`w:trPr/w:ins|w:del`), the header row and the caption
  tracked like text. A table added or removed, or whose columns were added or removed, is the old table
  deleted and the new one inserted.
"""

from __future__ import annotations

from contextlib import contextmanager

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from avtale.diff.places import NEW, OLD  # which side of a diff a whole inserted/deleted part shows
from avtale.diff.tree import ADDED, MOVED, MOVED_AWAY, REMOVED, Block, Text
from avtale import inline
from avtale.render import docx_table, tree
from avtale.render.docx import add_text
from avtale.render.docx_fast.writer import list_format, list_shape
from avtale.render.docx_package import clean
from avtale.render.docx_redline_inline import flatten, merge
from avtale.render.docx_tracked import DEL, INS, MOVE_FROM, MOVE_TO

_REFERENCE = qn("w:footnoteReference")


def whole(status: str, side: str | None) -> str | None:
    """How a block or item is marked as a whole: inserted, deleted, or not at all."""
    if status in (MOVED, MOVED_AWAY):  # a move's place: its paragraph mark is the move's (`_mark_move`)
        return None if status == MOVED else DEL
    if side is not None:
        return INS if side == NEW else DEL
    return INS if status == ADDED else DEL if status in (REMOVED, MOVED_AWAY) else None


def skipped(side: str | None) -> tuple:
    """The statuses of blocks and items not shown when only one side is: those the other side has."""
    return (REMOVED, MOVED_AWAY) if side == NEW else (ADDED, MOVED) if side == OLD else ()


def _in_old(status: str) -> bool:
    """Whether OLD has the block or item here (a moved one's old text is at its old place)."""
    return status not in (ADDED, MOVED)


def _in_new(status: str) -> bool:
    return status not in (REMOVED, MOVED_AWAY)


def side_text(text: Text, side: str | None) -> Text:
    """The text as tracked words (no side), or one side's text, all inserted (NEW) or deleted (OLD)."""
    if side is None:
        return text
    value = text.new if side == NEW else text.old
    return Text.added(value) if side == NEW else Text.removed(value)


def _plain(content) -> bool:
    """Whether a side's (runs, text) prints as its source, unformatted (no marks): then the diff tree's
    own word operations are used, as before marks existed."""
    if content is None:
        return True
    runs, text = content
    if not runs:
        return True
    run = runs[0]
    return (len(runs) == 1 and "text" in run and not (run["bold"] or run["italic"] or run["link"])
            and run["text"] == text)


class _Cell:
    """A table cell in the merged table: each side's runs (or None)."""

    def __init__(self, old, new):
        self.old, self.new = old, new


class BlocksMixin:
    """For the redline writer: `docx`, `docs` and `inlines` by side, `rev`, `note_ids`."""

    # -- one paragraph's content --------------------------------------------------

    def _plain_text(self, p, text: str) -> None:
        add_text(Paragraph(p, None), text)

    def _fill(self, p, old, new, text: Text | None = None, **options) -> None:
        """Fill the `w:p` `p` with the tracked changes from `old` to `new`: each (runs, text as typed) or
        None. `text`, the merged diff's, gives the word operations where neither side has marks."""
        if text is not None and _plain(old) and _plain(new):
            if old is not None and new is not None:
                ops = text.ops
            else:
                ops = [("+", new[1])] if old is None else [("-", old[1])]
            self.rev.add_ops(Paragraph(p, None), ops, add_text)
            return
        merge(self.rev, p, None if old is None else self._atoms(OLD, old, **options),
              None if new is None else self._atoms(NEW, new, **options), self._plain_text)

    def _fill_moved(self, p, new, text: Text) -> None:
        """A moved paragraph or item at its new place: the edits inside the move (the diff's words) where
        both sides print it unformatted; where either has marks, NEW's runs as they are (the move shown,
        its edits not: the old runs are at the old place)."""
        if _plain(new) and inline.plain(text.old) == text.old:
            self._fill(p, ([], text.old), new, text)
        else:
            atoms = self._atoms(NEW, new)
            merge(self.rev, p, atoms, atoms, self._plain_text)

    def _mark_move(self, p, entry) -> None:
        """A moved paragraph or item's place (both MOVED and MOVED_AWAY carry `move`) in move markup."""
        if entry.status in (MOVED, MOVED_AWAY) and entry.move is not None:
            self.rev.move([p], MOVE_TO if entry.status == MOVED else MOVE_FROM,
                          self.rev.move_name(("block", entry.move)))

    def _atoms(self, side: str, content, *, before: str = "", after: str = "", part=None, **options):
        """One side's paragraph as its build writes it (in a scratch `w:p`), flattened."""
        scratch = OxmlElement("w:p")
        runs, _text = content
        before, after = getattr(content, "before", before), getattr(content, "after", after)
        if before:
            self._plain_text(scratch, before)
        if runs:
            self.inlines[side].add(scratch, runs, part or self.document.part, **options)
        if after:
            self._plain_text(scratch, after)
        self._remap(scratch, side)
        return flatten(scratch)

    def _remap(self, element, side: str) -> None:
        """Footnote references as the redline numbers its notes (one id per note of either side)."""
        notes = self.docs[side].notes
        for reference in element.iter(_REFERENCE):
            entry = notes[int(reference.get(qn("w:id"))) - 1]
            reference.set(qn("w:id"), str(self.note_ids[self.note_key(entry, side)]))

    @contextmanager
    def _as_side(self, side: str):
        """Build with one side's agreement and inline writer (a table or signature block of that side)."""
        agreement, inline = self.agreement, self.inline
        self.agreement, self.inline = self.sides[side], self.inlines[side]
        try:
            yield
        finally:
            self.agreement, self.inline = agreement, inline

    # -- blocks -------------------------------------------------------------------

    def _blocks_diff(self, blocks: list[Block], side: str | None, olds: list | None, news: list | None) -> None:
        """Blocks with their changes tracked; with `side`, only that side's blocks, all inserted/deleted.
        `olds` and `news` are the model blocks of each side (None for the side not shown)."""
        skip = skipped(side)
        old_blocks, new_blocks = iter(olds or []), iter(news or [])
        for block in blocks:
            if block.status in skip:
                continue
            a = next(old_blocks) if olds is not None and _in_old(block.status) else None
            b = next(new_blocks) if news is not None and _in_new(block.status) else None
            od = self.docs[OLD].blocks([a])[0] if a is not None else None
            nd = self.docs[NEW].blocks([b])[0] if b is not None else None
            kind = whole(block.status, side)
            if block.kind == "paragraph":
                p = self._new_paragraph()._p
                if block.status == MOVED:
                    self._fill_moved(p, _content(nd), block.text)
                else:
                    self._fill(p, _content(od), _content(nd), side_text(block.text, side))
                if kind:
                    self.rev.mark_paragraph(p, kind)
                self._mark_move(p, block)
            elif block.kind == "table":
                self._table_diff(block, od, nd, side)
            else:
                last = self._list_diff(block, od, nd, side)
                if last is not None:
                    last.paragraph_format.space_after = Pt(self.layout["spacing"]["paragraph_after_pt"])

    # -- lists --------------------------------------------------------------------

    def _list_diff(self, block: Block, od: dict | None, nd: dict | None, side: str | None,
                   num_id: int | None = None, shape: tuple | None = None):
        """The merged list's items (and the lists under them) as numbered paragraphs; the last paragraph."""
        base = nd if nd is not None else od
        if num_id is None:
            nested = [d for d in (nd, od) if d is not None and any(i["list"] for i in d["items"])]
            if not nested:
                num_id = (self.numbering.bullets() if base["kind"] == "bullets"
                          else self.numbering.numbered_list(base["style"]))
            else:
                shape = list_shape(nested[0])
                num_id = self.numbering.nested_list(shape, 0)
        skip = skipped(side)
        old_items, new_items = iter(od["items"] if od else []), iter(nd["items"] if nd else [])
        level = base["level"] - 1
        last = None
        for item in block.items:
            if item.status in skip:
                continue
            oi = next(old_items) if od is not None and _in_old(item.status) else None
            ni = next(new_items) if nd is not None and _in_new(item.status) else None
            last = self._new_paragraph("ListParagraph", num_id, level)
            if item.status == MOVED:
                self._fill_moved(last._p, _content(ni), item.text)
            else:
                self._fill(last._p, _content(oi), _content(ni), side_text(item.text, side))
            kind = whole(item.status, side)
            if kind:
                self.rev.mark_paragraph(last._p, kind)
            self._mark_move(last._p, item)
            for sub in item.lists:
                if sub.status in skip:
                    continue
                so = oi["list"] if oi is not None and sub.status != ADDED else None
                sn = ni["list"] if ni is not None and sub.status != REMOVED else None
                if so is None and sn is None:
                    continue
                sub_base = sn if sn is not None else so
                sub_level = sub_base["level"] - 1
                if shape is not None and shape[sub_level] == list_format(sub_base):
                    last = self._list_diff(sub, so, sn, side, num_id, shape)
                else:
                    own = (shape or list_shape(sub_base))[:sub_level] + list_shape(sub_base)[sub_level:]
                    last = self._list_diff(sub, so, sn, side, self.numbering.nested_list(own, sub_level), own)
        return last

    # -- tables -------------------------------------------------------------------

    def _table_diff(self, block: Block, od: dict | None, nd: dict | None, side: str | None) -> None:
        if od is None or nd is None or len(od["columns"]) != len(nd["columns"]):
            if od is not None:
                self._table_side(od, OLD)
            if nd is not None:
                self._table_side(nd, NEW)
            return
        previous = self._body_end.getprevious()
        if od["caption"] or nd["caption"]:
            caption = self._new_paragraph()
            caption.paragraph_format.keep_with_next = True
            self._fill(caption._p, self._caption(OLD, od), self._caption(NEW, nd))
            if not (od["caption"] and nd["caption"]):
                self.rev.mark_paragraph(caption._p, INS if nd["caption"] else DEL)
        elif previous is not None and previous.tag == qn("w:tbl"):
            self._end_paragraph()
        rows, marks = [], []
        for row in block.rows:
            a = od["rows"][row.old_number - 1] if row.status != ADDED else None
            b = nd["rows"][row.new_number - 1] if row.status != REMOVED else None
            count = len(nd["columns"])
            rows.append([_Cell(a[i] if a is not None else None, b[i] if b is not None else None) for i in range(count)])
            marks.append(whole(row.status, None))
        merged = {**nd, "header": [_Cell(x, y) for x, y in zip(od["header"], nd["header"])], "rows": rows}

        def add_runs(p, cell, bold, size_pt):
            if isinstance(cell, _Cell):
                self._fill(p, None if cell.old is None else (cell.old, None),
                           None if cell.new is None else (cell.new, None), bold=bold, size_pt=size_pt)

        caption = docx_table.plain_caption(nd, self.layout, self.new.language)
        tbl = docx_table.table(merged, round(self.text_width / 635), self.layout, add_runs, caption=clean(caption))
        for tr, kind in zip(tbl.findall(qn("w:tr"))[1:], marks):
            if kind:
                tr.get_or_add_trPr().insert_element_before(self.rev.mark(kind), "w:trPrChange")
        self._body_end.addprevious(tbl)

    def _caption(self, side: str, d: dict):
        """A table's caption paragraph as (runs, None) with its «Tabell N: » frame, or None."""
        if not d["caption"]:
            return None
        before, after = tree.caption_frame(self.layout, self.sides[side].language, d["n"])
        return _Framed(d["caption_runs"], before, after)

    def _table_side(self, d: dict, side: str) -> None:
        """One side's whole table (and its caption) as that side builds it, all inserted or deleted."""
        start = self._body_end.getprevious()
        with self._as_side(side):
            self._table(d)
        element = start.getnext() if start is not None else self.document.element.body[0]
        while element is not None and element is not self._body_end:
            self._remap(element, side)
            self.rev.mark_whole(element, INS if side == NEW else DEL)
            element = element.getnext()


class _Framed(tuple):
    """(runs, None) with the text set before and after the runs (a caption's «Tabell N: »)."""

    def __new__(cls, runs, before, after):
        self = super().__new__(cls, (runs, None))
        self.before, self.after = before, after
        return self


def _content(d: dict | None):
    """A paragraph's or item's (runs, text as typed), or None."""
    return None if d is None else (d["runs"], d["text"])
