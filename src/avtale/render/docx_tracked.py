"""Word tracked changes (revisions) as XML: inserted and deleted runs, paragraphs and table rows.

Knows nothing about agreements; it turns word operations (`Text.ops`: "=",
"-", "+") into runs, and marks whole paragraphs and table rows as inserted or
deleted, so that Word and LibreOffice show them as changes to accept or reject:

* a changed run sits in `w:ins` or `w:del` (its text in `w:delText`);
* a whole paragraph inserted or deleted also has its paragraph mark marked
  (`w:pPr/w:rPr/w:ins|w:del`), so accepting or rejecting removes the paragraph;
* a whole table row inserted or deleted has `w:trPr/w:ins|w:del`;
* a moved part (`Revisions.move`): at its old place its runs in `w:moveFrom` and its paragraph marks
  `w:pPr/w:rPr/w:moveFrom`, at its new place its kept runs in `w:moveTo`, the words inserted inside the
  move as `w:ins`, and its paragraph marks `w:moveTo`; each place between `w:moveFromRangeStart`/`…End`
  (or `w:moveTo…`) named like the other place (ECMA-376 Part 1, 17.13.5). Words deleted inside the move
  are shown at the old place only (the old text stands there whole, moved from): a `w:del` nested in the
  `w:moveTo` is what the standard allows, but LibreOffice 7.4 reads it (and a `w:del` in a `w:ins`) as
  plain text, so accepting there would keep the deleted words; a `w:del` beside the `w:moveTo` would come
  back at the new place on rejecting. Table rows have no move mark: a moved table's rows are deleted and
  inserted (`w:trPr/w:del|w:ins`), its cells' text moved.

Every revision carries a unique `w:id`, the author and one fixed date, so the
same inputs on the same date give the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from avtale.render.docx_package import clean

INS, DEL = "ins", "del"
MOVE_FROM, MOVE_TO = "moveFrom", "moveTo"
_P, _R, _TR, _PPR, _RPR = qn("w:p"), qn("w:r"), qn("w:tr"), qn("w:pPr"), qn("w:rPr")
_HYPERLINK = qn("w:hyperlink")
_MARKS = {qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo")}
# text elements and what they become inside a deletion
_DELETED_TAGS = {qn("w:t"): qn("w:delText"), qn("w:instrText"): qn("w:delInstrText")}
_KEPT_TAGS = {deleted: kept for kept, deleted in _DELETED_TAGS.items()}
_WRAPPERS = {qn("w:ins"), qn("w:del")}
_ID = qn("w:id")


class Revisions:
    """Makes revision marks: one author, one date, ids counted from 1."""

    def __init__(self, author: str, date: dt.date):
        self.author = clean(author) or "avtale"
        self.date = f"{date.isoformat()}T00:00:00Z"
        self.when = dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)
        self._next_id = 1
        self._marks: dict[str, object] = {}
        self._move_names: dict[object, str] = {}

    def mark(self, kind: str):
        """A new, empty <w:ins> or <w:del> with id, author and date (a copy of the first one made: a redline
        holds one for each paragraph and run)."""
        shape = self._marks.get(kind)
        if shape is None:
            shape = self._marks[kind] = OxmlElement(f"w:{kind}")
            shape.set(_ID, "0")
            shape.set(qn("w:author"), self.author)
            shape.set(qn("w:date"), self.date)
        element = shape.__copy__()
        element.set(_ID, str(self._next_id))
        self._next_id += 1
        return element

    # -- runs ----------------------------------------------------------------

    def add_ops(self, paragraph, ops, add_text, rpr=None) -> None:
        """Append word operations to a python-docx `paragraph`: kept text plain, the rest in ins/del.

        `add_text(paragraph, s)` appends plain runs (the renderer's own, so tabs and
        line breaks come out as they do in a build); `rpr` is a <w:rPr> to copy into each run.
        """
        p = paragraph._p
        for op, s in ops:
            if not clean(s):
                continue
            last = _last_child(p)  # the runs added are those after it (counting p's children is n² in ops)
            add_text(paragraph, s)
            runs = list(last.itersiblings()) if last is not None else list(p)
            if rpr is not None:
                for run in runs:
                    run.insert(0, copy.deepcopy(rpr))
            if op != "=":
                self.wrap(p, runs, INS if op == "+" else DEL)

    def wrap(self, parent, runs: list, kind: str) -> None:
        """Move the consecutive children `runs` of `parent` into one new <w:ins>/<w:del>."""
        if not runs:
            return
        wrapper = self.mark(kind)
        runs[0].addprevious(wrapper)
        for run in runs:
            wrapper.append(run)
            if kind == DEL:
                for element in run.iter():
                    if element.tag in _DELETED_TAGS:
                        element.tag = _DELETED_TAGS[element.tag]

    # -- whole paragraphs and rows ----------------------------------------------

    def mark_paragraph(self, p, kind: str) -> None:
        """Mark the paragraph mark of <w:p> `p` inserted or deleted."""
        ppr = p.get_or_add_pPr()
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
        rpr.insert(0, self.mark(kind))

    def mark_whole(self, element, kind: str) -> None:
        """Everything in `element` (a paragraph, a table, or a body element) inserted or deleted as such."""
        paragraphs = [element] if element.tag == qn("w:p") else list(element.iter(qn("w:p")))
        for p in paragraphs:
            self._wrap_runs(p, kind)
            self.mark_paragraph(p, kind)
        for tr in element.iter(qn("w:tr")):
            tr_pr = tr.get_or_add_trPr()
            tr_pr.insert_element_before(self.mark(kind), "w:trPrChange")

    # -- moves ----------------------------------------------------------------

    def move_name(self, key) -> str:
        """The name both places of one move share: «move1», «move2» … in the order first asked for."""
        name = self._move_names.get(key)
        if name is None:
            name = self._move_names[key] = f"move{len(self._move_names) + 1}"
        return name

    def move(self, elements: list, kind: str, name: str) -> None:
        """Turn the body elements written for one place of a move into Word's move markup.

        MOVE_FROM: the elements were written deleted (the old side whole): every deletion becomes a
        `w:moveFrom`. MOVE_TO: the elements were written with the changes inside the move tracked: kept
        runs go into `w:moveTo`, insertions stay, deleted words, paragraphs and rows (and the old place of
        a move inside this one) are left out, their text being at the old place of this move."""
        if kind == MOVE_FROM:
            for element in elements:
                for mark in list(element.iter(qn("w:del"))):
                    if mark.getparent().tag == qn("w:trPr"):
                        continue
                    self._retag(mark, MOVE_FROM)
        else:
            elements = [e for e in elements if not self._drop_gone(e)]
            for element in elements:
                for p in [element] if element.tag == _P else list(element.iter(_P)):
                    self._move_to_paragraph(p)
                for tr in element.iter(_TR):
                    tr_pr = tr.get_or_add_trPr()
                    if tr_pr.find(qn("w:ins")) is None:
                        tr_pr.insert_element_before(self.mark(INS), "w:trPrChange")
        paragraphs = [p for e in elements for p in ([e] if e.tag == _P else e.iter(_P))]
        if not paragraphs:
            return
        shape = self.mark(f"{kind}RangeStart")
        shape.set(qn("w:name"), name)
        ppr = paragraphs[0].find(_PPR)
        if ppr is not None:
            ppr.addnext(shape)
        else:
            paragraphs[0].insert(0, shape)
        end = OxmlElement(f"w:{kind}RangeEnd")
        end.set(_ID, shape.get(_ID))
        paragraphs[-1].append(end)

    def pair_moves(self, root) -> None:
        """Leave only moves with both places: a move one of whose places was left out (the old place of a
        paragraph inside a moved section's new place) loses its range marks; its runs stay moved where
        they lie inside another move's range, and are otherwise inserted (deleted) text."""
        starts: dict[str, set] = {}
        for kind in (MOVE_FROM, MOVE_TO):
            for start in root.iter(qn(f"w:{kind}RangeStart")):
                starts.setdefault(start.get(qn("w:name")), set()).add(kind)
        lone = {name for name, kinds in starts.items() if len(kinds) == 1}
        if not lone:
            return
        open_ranges: dict[str, str] = {}  # range id -> name, of the ranges open at this point
        alone_ids: set[str] = set()
        retag: list = []
        gone: list = []
        for element in list(root.iter()):
            tag = element.tag
            if tag in (qn("w:moveFromRangeStart"), qn("w:moveToRangeStart")):
                name = element.get(qn("w:name"))
                if name in lone:
                    alone_ids.add(element.get(_ID))
                    if not any(n not in lone for n in open_ranges.values()):
                        retag.append(element.get(_ID))
                    gone.append(element)
                else:
                    open_ranges[element.get(_ID)] = name
            elif tag in (qn("w:moveFromRangeEnd"), qn("w:moveToRangeEnd")):
                if element.get(_ID) in alone_ids:
                    gone.append(element)
                open_ranges.pop(element.get(_ID), None)
        if retag:  # lone moves outside any other move: their marks as insertions and deletions
            self._lone_marks(root, set(retag))
        for element in gone:
            element.getparent().remove(element)

    def _lone_marks(self, root, ids: set) -> None:
        inside: str | None = None
        for element in list(root.iter()):
            if element.get(_ID) in ids and element.tag in (qn("w:moveFromRangeStart"), qn("w:moveToRangeStart")):
                inside = element.get(_ID)
            elif inside is not None and element.tag in (qn("w:moveFrom"), qn("w:moveTo")):
                self._retag(element, DEL if element.tag == qn("w:moveFrom") else INS)
            elif inside is not None and element.tag in (qn("w:moveFromRangeEnd"), qn("w:moveToRangeEnd")) \
                    and element.get(_ID) == inside:
                inside = None

    def _retag(self, mark, kind: str) -> None:
        """A revision mark (a run wrapper or a paragraph mark) made one of `kind` with a new id, its text
        elements as that kind has them (`w:delText` in a deletion, `w:t` elsewhere: moved text is not
        deleted text)."""
        new = self.mark(kind)
        for child in list(mark):
            new.append(child)
        mark.addprevious(new)
        mark.getparent().remove(mark)
        tags = _DELETED_TAGS if kind == DEL else _KEPT_TAGS
        for element in new.iter():
            if element.tag in tags:
                element.tag = tags[element.tag]

    def _drop_gone(self, element) -> bool:
        """Remove what the new place of a move does not show: paragraphs and rows deleted there, the old
        places of moves inside it. Whether `element` itself went."""
        def gone(p) -> bool:
            mark = _paragraph_mark(p)
            return mark is not None and mark.tag in (qn("w:del"), qn("w:moveFrom"))

        if element.tag == _P:
            if gone(element):
                element.getparent().remove(element)
                return True
            return False
        for tr in list(element.iter(_TR)):
            if tr.find(f"{qn('w:trPr')}/{qn('w:del')}") is not None:
                tr.getparent().remove(tr)
        if element.tag == qn("w:tbl") and element.find(_TR) is None:
            element.getparent().remove(element)
            return True
        return False

    def _move_to_paragraph(self, p) -> None:
        for container in [p, *p.findall(_HYPERLINK)]:
            for deleted in container.findall(qn("w:del")):
                container.remove(deleted)
            self._wrap_runs(container, MOVE_TO)
        if _paragraph_mark(p) is None:
            self.mark_paragraph(p, MOVE_TO)

    def _wrap_runs(self, p, kind: str) -> None:
        """Wrap every group of consecutive runs of `p` not yet in a revision."""
        group: list = []
        for child in [*list(p), None]:
            if child is not None and child.tag == _R:
                group.append(child)
                continue
            self.wrap(p, group, kind)
            group = []

    def retext(self, paragraph, text, add_text) -> None:
        """Replace the runs of a python-docx `paragraph` by `text`'s operations, in its first run's formatting."""
        p = paragraph._p
        runs = p.findall(qn("w:r"))
        rpr = runs[0].find(qn("w:rPr")) if runs else None
        rpr = copy.deepcopy(rpr) if rpr is not None else None
        for run in runs:
            p.remove(run)
        self.add_ops(paragraph, text.ops, add_text, rpr)


def _paragraph_mark(p):
    """The revision on a paragraph's mark (`w:pPr/w:rPr/w:ins|w:del|w:moveFrom|w:moveTo`), or None."""
    rpr = p.find(f"{_PPR}/{_RPR}")
    if rpr is None:
        return None
    return next((child for child in rpr if child.tag in _MARKS), None)


def _last_child(element):
    try:
        return element[-1]  # lxml finds it from the end; len(element) would count every child
    except IndexError:
        return None


def track_revisions(settings) -> None:
    """Turn on Track Changes in settings.xml, so that the reviewers' own edits are tracked too."""
    if settings.find(qn("w:trackRevisions")) is not None:
        return
    element = OxmlElement("w:trackRevisions")
    later = ("w:doNotTrackMoves", "w:doNotTrackFormatting", "w:documentProtection", "w:autoFormatOverride",
             "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
             "w:characterSpacingControl", "w:compat", "w:rsids", "m:mathPr", "w:themeFontLang",
             "w:clrSchemeMapping", "w:doNotAutoCompressPictures", "w:shapeDefaults", "w:decimalSymbol",
             "w:listSeparator")
    for child in settings:
        if child.tag in {qn(t) for t in later}:
            child.addprevious(element)
            return
    settings.append(element)
