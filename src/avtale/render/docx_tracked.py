"""Word tracked changes (revisions) as XML: inserted and deleted runs, paragraphs and table rows.

Knows nothing about agreements; it turns word operations (`Text.ops`: "=",
"-", "+") into runs, and marks whole paragraphs and table rows as inserted or
deleted, so that Word and LibreOffice show them as changes to accept or reject:

* a changed run sits in `w:ins` or `w:del` (its text in `w:delText`);
* a whole paragraph inserted or deleted also has its paragraph mark marked
  (`w:pPr/w:rPr/w:ins|w:del`), so accepting or rejecting removes the paragraph;
* a whole table row inserted or deleted has `w:trPr/w:ins|w:del`.

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
# text elements and what they become inside a deletion
_DELETED_TAGS = {qn("w:t"): qn("w:delText"), qn("w:instrText"): qn("w:delInstrText")}
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

    def _wrap_runs(self, p, kind: str) -> None:
        """Wrap every group of consecutive runs of `p` not yet in a revision."""
        group: list = []
        for child in [*list(p), None]:
            if child is not None and child.tag == qn("w:r"):
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
