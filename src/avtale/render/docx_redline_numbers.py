"""Numbers that read right in a redline's markup view (LibreOffice 7.4's; Word's as the standard has it).

Reads: the redline's body (`w:body`), after every paragraph and revision is written.
Writes: the same body with two rewrites; accept-all and reject-all give the same documents as before.

* `delete_from_kept_end`: a run of deleted paragraphs after a kept paragraph is deleted from the kept
  paragraph's end instead of up to the next paragraph's start: the kept paragraph's mark is deleted, the
  run's last paragraph keeps its mark and takes the kept paragraph's properties (a `w:pPrChange` holds its
  own, so reject-all gives OLD's paragraph back). ECMA-376 Part 1 §17.13.5.15 (deleted paragraph mark):
  the paragraph joins the next one, whose properties the joined paragraph keeps.
* `renew_mark_before`: a kept numbered paragraph with words deleted inside it gets, before it, the
  previous paragraph's mark deleted and an empty paragraph with an inserted mark.

Why: LibreOffice (7.3 and later) prints a numbered paragraph in its markup view with its number as the
list stands with the changes hidden, and the original number after it in brackets where the two differ
(«2.[3.]», «[2.]» for a deleted one). LibreOffice 7.4 leaves out of that count every paragraph a deletion
touches, the paragraph where a deleted paragraph mark's deletion ends included, and counts again one an
insertion touches: so a kept heading or item right after a deleted one, or holding deleted words
(«[1.] Formålet …»), printed no final number, and every number after it was one too low («3.
Samarbeidsområder» for the final 4). Tried in tests/diff/test_redline_numbers.py. Word numbers a
paragraph by its paragraph mark and counts the list as accepted (not checked here: no Word).
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_MARKS = (qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo"))
_NOT_BASE = (qn("w:rPr"), qn("w:sectPr"), qn("w:pPrChange"))


def readable_numbers(body, revisions) -> None:
    """Both rewrites below, on the finished body (called once by `docx_redline.write`)."""
    delete_from_kept_end(body, revisions)
    renew_mark_before(body, revisions)


def delete_from_kept_end(body, revisions) -> int:
    """Rewrite each run of paragraphs with deleted marks that follows a kept paragraph (see the module),
    where the run or the paragraph after it is numbered and the kept paragraph `_fits` the run's last one;
    the number of runs rewritten.

    `_fits`, because the run's last paragraph shows the kept one's properties in the markup view: a
    deleted body paragraph or list item right after a heading would look like a heading. There (a list
    that begins its section, a section removed right after the title) the run stays as it was, and
    LibreOffice 7.4 shows the paragraph after it without its final number."""
    done = 0
    for parent in {p.getparent() for p in body.iter(qn("w:p"))}:
        children = list(parent)
        i = 0
        while i < len(children):
            if not _deleted(children[i]):
                i += 1
                continue
            j = i
            while j + 1 < len(children) and _deleted(children[j + 1]):
                j += 1
            kept = children[i - 1] if i > 0 else None
            after = children[j + 1] if j + 1 < len(children) else None
            numbered = any(_numbered(p) for p in (*children[i:j + 1], after) if p is not None)
            if (numbered and kept is not None and kept.tag == qn("w:p") and _plain_mark(kept)
                    and _fits(kept, children[j])):
                _shift(kept, children[j], revisions)
                done += 1
            i = j + 1
    return done


def _mark(p):
    rpr = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    return [] if rpr is None else [c for c in rpr if c.tag in _MARKS]


def _deleted(element) -> bool:
    return element.tag == qn("w:p") and [m.tag for m in _mark(element)] == [qn("w:del")]


def _numbered(element) -> bool:
    """A paragraph in a list (a numbered heading, a list item): the only ones whose place matters."""
    num_id = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return element.tag == qn("w:p") and num_id is not None and num_id.get(qn("w:val")) != "0"


def _style(p) -> str:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return "" if style is None else style.get(qn("w:val"))


def _fits(kept, last) -> bool:
    """Whether the run's last paragraph may show the kept one's properties: the same style, or neither a
    heading (a body paragraph and a list item)."""
    styles = _style(kept), _style(last)
    return styles[0] == styles[1] or not any(s.startswith(("Heading", "Title")) for s in styles)


def _plain_mark(p) -> bool:
    """A kept paragraph whose mark has no revision and that ends no section."""
    ppr = p.find(qn("w:pPr"))
    return not _mark(p) and (ppr is None or (ppr.find(qn("w:sectPr")) is None and ppr.find(qn("w:pPrChange")) is None))


def _shift(kept, last, revisions) -> None:
    kept_ppr = kept.get_or_add_pPr()
    last_ppr = last.find(qn("w:pPr"))
    mark = last_ppr.find(qn("w:rPr")).find(qn("w:del"))
    # the last deleted paragraph: the kept one's properties now, its own in the change
    old = OxmlElement("w:pPr")
    for child in last_ppr:
        if child.tag not in _NOT_BASE:
            old.append(copy.deepcopy(child))
    new_ppr = copy.deepcopy(kept_ppr)
    change = revisions.mark("pPrChange")
    change.append(old)
    new_ppr.append(change)
    last.replace(last_ppr, new_ppr)
    # the kept paragraph's mark: deleted (the deleted paragraphs' own mark element moves there)
    rpr = kept_ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        kept_ppr.append(rpr)
    rpr.insert(0, mark)



def renew_mark_before(body, revisions) -> int:
    """Before each kept numbered paragraph with deleted words in it whose previous paragraph is a kept,
    unnumbered one (a retitled heading after body text, a changed first item after a list's intro): that
    paragraph's mark deleted and an empty paragraph with its properties and an inserted mark after it; the
    number of paragraphs given one.

    Why: LibreOffice 7.4 leaves a paragraph holding a deletion out of its markup view's count («[1.]
    Formålet …», the numbers after it one too low), unless an insertion reaches the paragraph's start (it
    counts a paragraph an insertion touches). Accept-all joins the previous paragraph's text to the empty
    one, which has its properties; reject-all drops the empty paragraph: both as before. The markup view
    shows the renewed mark as an empty inserted line before the paragraph.
    """
    done = 0
    for p in list(body.iter(qn("w:p"))):
        kept = p.getprevious()
        if (not _numbered(p) or _mark(p) or p.find(qn("w:del")) is None or kept is None
                or kept.tag != qn("w:p") or _numbered(kept) or not _plain_mark(kept)):
            continue
        empty = OxmlElement("w:p")  # the kept paragraph's properties, its mark inserted
        empty.append(copy.deepcopy(kept.get_or_add_pPr()))
        revisions.mark_paragraph(empty, "ins")
        revisions.mark_paragraph(kept, "del")
        kept.addnext(empty)
        done += 1
    return done
