"""Tracked changes inside one paragraph, from the paragraph as each side builds it.

The redline does not set marked-up text itself: each side's paragraph is built by the renderer's own
inline writer (`docx_inline.Inline`) into a scratch `w:p`, so bold, italic, hyperlinks, printed urls and
footnote references are exactly as in that side's DOCX. Both scratch paragraphs are flattened into
printed characters, each with its formatting (the run's `w:rPr`, the hyperlink around it, or a whole
run that is not text, such as a footnote reference: one character of its own), the printed texts are
diffed word by word (`diff.words`), and the paragraph is written again:

* deleted and inserted words in `w:del`/`w:ins` (inside the `w:hyperlink` where they are linked);
* kept words whose bold or italic changed as a formatting change: the new `w:rPr` holding a
  `w:rPrChange` with the old `w:rPr`, so Word shows «Formatted: Bold» and rejecting restores it;
* kept words whose link changed (another url, or a link added or removed): the old linked words deleted
  and the new ones inserted, since Word tracks no change of a hyperlink's target.

Accepting every change gives the NEW paragraph's runs, rejecting every change the OLD one's.
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from avtale.diff.words import words
from avtale.render.docx_inline import _append_run
from avtale.render.docx_tracked import DEL, INS, Revisions

_R, _RPR, _T = qn("w:r"), qn("w:rPr"), qn("w:t")
_TAB, _BR, _CR = qn("w:tab"), qn("w:br"), qn("w:cr")
_HYPERLINK = qn("w:hyperlink")
_NOTE_REFERENCE = qn("w:footnoteReference")
_TEXT_TAGS = {_RPR, _T, _TAB, _BR, _CR}
NOTE_CHAR = 0xF0000  # a footnote reference is the character NOTE_CHAR + its id (supplementary private use)


class Atom:
    """One printed character with its formatting: `rpr` (or None), the `link` around it (or None), or
    `special`, a run that is not text (a footnote reference), copied whole."""

    __slots__ = ("char", "rpr", "link", "special", "key", "link_key")

    def __init__(self, char: str, rpr, link, special=None):
        self.char, self.rpr, self.link, self.special = char, rpr, link, special
        self.link_key = None if link is None else (link.get(qn("r:id")), link.get(qn("w:anchor")))
        if special is not None:
            self.key = ("special", etree.tostring(special))
        else:
            self.key = (b"" if rpr is None else etree.tostring(rpr), self.link_key)


def flatten(parent, link=None, out: list | None = None) -> list[Atom]:
    """The printed characters of a `w:p` (or a `w:hyperlink` in it), in order."""
    out = [] if out is None else out
    for child in parent:
        if child.tag == _HYPERLINK:
            flatten(child, child, out)
        elif child.tag == _R:
            _run(child, link, out)
    return out


def _run(r, link, out: list) -> None:
    if any(child.tag not in _TEXT_TAGS for child in r):
        reference = r.find(_NOTE_REFERENCE)
        char = chr(NOTE_CHAR + int(reference.get(qn("w:id")))) if reference is not None else "\ufffc"
        out.append(Atom(char, None, link, special=r))
        return
    rpr = r.find(_RPR)
    for child in r:
        if child.tag == _T:
            out.extend(Atom(c, rpr, link) for c in child.text or "")
        elif child.tag == _TAB:
            out.append(Atom("\t", rpr, link))
        elif child.tag in (_BR, _CR):
            out.append(Atom("\n", rpr, link))


def printed(atoms: list[Atom]) -> str:
    return "".join(a.char for a in atoms)


def merge(rev: Revisions, p, old: list[Atom] | None, new: list[Atom] | None, plain_text) -> None:
    """Append to `p` the tracked changes from `old`'s characters to `new`'s (None: that side has no such
    paragraph: all of the other side is inserted or deleted). `plain_text(p, s)` writes an unformatted run."""
    if old is None or new is None:
        ops = [("+", printed(new))] if old is None else [("-", printed(old))]
    else:
        ops = words(printed(old), printed(new)).ops
    old, new = old or [], new or []
    entries: list[tuple[str, Atom, object]] = []  # (op, atom, old rPr for "fmt")
    i = j = 0
    for op, s in ops:
        n = len(s)
        if op == "-":
            entries += [("-", a, None) for a in old[i:i + n]]
            i += n
        elif op == "+":
            entries += [("+", b, None) for b in new[j:j + n]]
            j += n
        else:
            entries += _kept(old[i:i + n], new[j:j + n])
            i, j = i + n, j + n
    if i != len(old) or j != len(new):  # the operations do not cover the texts: all of it replaced
        entries = [("-", a, None) for a in old] + [("+", b, None) for b in new]
    _write(rev, p, entries, plain_text)


def _kept(old: list[Atom], new: list[Atom]) -> list[tuple[str, Atom, object]]:
    """Kept characters: the same, a formatting change, or (where the link or a special run differs) the old
    phrase deleted and the new one inserted, each phrase whole."""
    out: list = []
    dels: list = []
    ins: list = []
    for a, b in zip(old, new):
        if a.key != b.key and (a.link_key != b.link_key or a.special is not None or b.special is not None):
            dels.append(("-", a, None))
            ins.append(("+", b, None))
            continue
        out += dels + ins
        dels, ins = [], []
        out.append(("=", b, None) if a.key == b.key else ("fmt", b, a.rpr))
    return out + dels + ins


def _write(rev: Revisions, p, entries: list, plain_text) -> None:
    k = 0
    while k < len(entries):
        op, atom, old_rpr = entries[k]
        group = [atom]
        k += 1
        while (k < len(entries) and entries[k][0] == op and entries[k][1].key == atom.key
               and atom.special is None and _same(entries[k][2], old_rpr)):
            group.append(entries[k][1])
            k += 1
        _group(rev, p, op, group, old_rpr, plain_text)


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return etree.tostring(a) == etree.tostring(b)


def _group(rev: Revisions, p, op: str, atoms: list[Atom], old_rpr, plain_text) -> None:
    first = atoms[0]
    last = p[-1] if len(p) else None
    if first.special is not None:
        p.append(copy.deepcopy(first.special))
    elif first.rpr is None and first.link is None and op != "fmt":
        plain_text(p, printed(atoms))
    else:
        _append_run(p, printed(atoms), copy.deepcopy(first.rpr) if first.rpr is not None else None)
    runs = list(last.itersiblings()) if last is not None else list(p)
    if op == "fmt":
        for run in runs:
            format_change(rev, run, old_rpr)
    container = p
    if first.link is not None:
        link = OxmlElement("w:hyperlink")
        for name, value in first.link.attrib.items():
            link.set(name, value)
        runs[0].addprevious(link)
        for run in runs:
            link.append(run)
        container = link
    if op in ("+", "-"):
        rev.wrap(container, runs, INS if op == "+" else DEL)


def format_change(rev: Revisions, run, old_rpr) -> None:
    """Mark `run`'s properties as changed from `old_rpr` (None: it had none): `w:rPr/w:rPrChange`."""
    rpr = run.find(_RPR)
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
    change = rev.mark("rPrChange")
    before = copy.deepcopy(old_rpr) if old_rpr is not None else OxmlElement("w:rPr")
    for stale in before.findall(qn("w:rPrChange")):
        before.remove(stale)
    change.append(before)
    rpr.append(change)
