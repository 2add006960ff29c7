"""Accept or reject every tracked change of a DOCX on its XML, and read its text back with python-docx.

Independent of the redline code: it knows only WordprocessingML's rules.
Accepting removes deleted runs, paragraphs whose mark is deleted and rows
that are deleted, and unwraps insertions; rejecting does the reverse (deleted
text coming back as ordinary text). A paragraph whose mark goes joins what
stays of it to the next paragraph. Formatting changes (`w:rPrChange`,
`w:pPrChange`) are dropped on accepting and put back on rejecting; the
footnotes part is resolved like the body. Moves (ECMA-376 Part 1, 17.13.5): accepting removes `w:moveFrom`
content and paragraphs whose mark is `w:moveFrom` and unwraps `w:moveTo`; rejecting the reverse; the move
range marks (`w:moveFromRangeStart` …) go either way. What is nested goes with what holds it (a `w:del`
inside a `w:moveTo` is removed with it on rejecting).
"""

from __future__ import annotations

import io
import zipfile

import docx
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def document_xml(data: bytes):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def part_xml(data: bytes, name: str):
    archive = zipfile.ZipFile(io.BytesIO(data))
    return etree.fromstring(archive.read(name)) if name in archive.namelist() else None


def resolve(data: bytes, accept: bool) -> bytes:
    """The DOCX with every change accepted (`accept`) or rejected."""
    parts = {name: _resolve(part_xml(data, name), accept) for name in ("word/document.xml", "word/footnotes.xml")
             if part_xml(data, name) is not None}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            body = etree.tostring(parts[name], xml_declaration=True, encoding="UTF-8", standalone=True) \
                if name in parts else source.read(name)
            target.writestr(name, body)
    return out.getvalue()


def _resolve(root, accept: bool):
    for change in list(root.iter(f"{W}rPrChange")):
        rpr = change.getparent()
        if not accept:
            old = change.find(f"{W}rPr")
            for child in list(rpr):
                rpr.remove(child)
            for child in list(old if old is not None else []):
                rpr.append(child)
        else:
            rpr.remove(change)
    for mark in list(root.iter(*(f"{W}{m}Range{e}" for m in ("moveFrom", "moveTo") for e in ("Start", "End")))):
        mark.getparent().remove(mark)
    gone, kept = (f"{W}del", f"{W}ins") if accept else (f"{W}ins", f"{W}del")
    gone_move, kept_move = (f"{W}moveFrom", f"{W}moveTo") if accept else (f"{W}moveTo", f"{W}moveFrom")
    for tr in list(root.iter(f"{W}tr")):
        if tr.find(f"{W}trPr/{gone}") is not None:
            tr.getparent().remove(tr)
    for tbl in list(root.iter(f"{W}tbl")):
        if tbl.find(f"{W}tr") is None:
            tbl.getparent().remove(tbl)
    _resolve_paragraph_changes(root, accept)
    for p in list(root.iter(f"{W}p")):
        if p.find(f"{W}pPr/{W}rPr/{gone}") is not None or p.find(f"{W}pPr/{W}rPr/{gone_move}") is not None:
            _join_next(p, (kept, kept_move))
    for element in list(root.iter(gone, kept, gone_move, kept_move)):
        parent = element.getparent()
        if parent is None:
            continue
        if parent.tag in (f"{W}rPr", f"{W}trPr"):  # a mark on a paragraph or row that stays
            parent.remove(element)
        elif element.tag in (gone, gone_move):
            parent.remove(element)
        else:  # unwrap
            index = parent.index(element)
            for child in list(element):
                parent.insert(index, child)
                index += 1
            parent.remove(element)
    for element in root.iter(f"{W}delText"):
        element.tag = f"{W}t"
    return root


def _resolve_paragraph_changes(root, accept: bool) -> None:
    """`w:pPrChange`: dropped on accepting; on rejecting its properties replace the paragraph's own
    (the paragraph mark's `w:rPr` stays)."""
    for change in list(root.iter(f"{W}pPrChange")):
        ppr = change.getparent()
        ppr.remove(change)
        if not accept:
            old = change.find(f"{W}pPr")
            mark = ppr.find(f"{W}rPr")
            for child in list(ppr):
                if child is not mark:
                    ppr.remove(child)
            for child in list(old if old is not None else []):
                if mark is not None:
                    mark.addprevious(child)
                else:
                    ppr.append(child)


def _join_next(p, kept: tuple) -> None:
    """A paragraph whose mark is removed: what stays of its content joins the next paragraph (which keeps
    its own properties), as Word joins them; a paragraph with nothing that stays just goes."""
    live = [child for child in p if child.tag != f"{W}pPr"]
    nxt = p.getnext()
    if any(child.tag in (f"{W}r", *kept, f"{W}hyperlink") for child in live):
        assert nxt is not None and nxt.tag == f"{W}p", "a paragraph whose mark is removed has no next paragraph"
        ppr = nxt.find(f"{W}pPr")
        at = 0 if ppr is None else nxt.index(ppr) + 1
        for child in live:
            nxt.insert(at, child)
            at += 1
    p.getparent().remove(p)


def texts(data: bytes) -> list[str]:
    """The text python-docx reads: every body paragraph, and every table cell's paragraphs, in order."""
    document = docx.Document(io.BytesIO(data))
    out = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            for row in item.rows:
                for cell in row.cells:
                    out += [f"[cell] {p.text}" for p in cell.paragraphs]
        else:
            out.append(item.text)
    return out


def styled(data: bytes) -> list[tuple[str | None, str]]:
    """(style id, text) of every body paragraph outside tables."""
    document = docx.Document(io.BytesIO(data))
    return [(p._p.style, p.text) for p in document.paragraphs]


def revisions(data: bytes) -> list:
    """Every w:ins and w:del element of the body."""
    return list(document_xml(data).iter(f"{W}ins", f"{W}del"))


def note_texts(data: bytes) -> list[str]:
    """The footnotes' texts in the order of their references in the body (as Word numbers them)."""
    body, notes = document_xml(data), part_xml(data, "word/footnotes.xml")
    if notes is None:
        return []
    by_id = {n.get(f"{W}id"): "".join(t.text or "" for t in n.iter(f"{W}t", f"{W}delText"))
             for n in notes.iter(f"{W}footnote")}
    return [by_id[r.get(f"{W}id")] for r in body.iter(f"{W}footnoteReference")]


def formatted(data: bytes) -> list[list[tuple]]:
    """Every paragraph (body, table cells) as its pieces of text: (text, bold, italic, link target), joined
    where the formatting is the same; a footnote reference as ("[note]", …)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out = []
    for p in document_xml(data).iter(f"{W}p"):
        pieces: list[tuple] = []
        for r in p.iter(f"{W}r"):
            link = next((a for a in r.iterancestors(f"{W}hyperlink")), None)
            target = None if link is None else (targets[link.get(f"{R}id")] if link.get(f"{R}id")
                                                else "#" + (link.get(f"{W}anchor") or ""))
            rpr = r.find(f"{W}rPr")
            bold = rpr is not None and rpr.find(f"{W}b") is not None
            italic = rpr is not None and rpr.find(f"{W}i") is not None
            text = "".join(t.text or "" for t in r.iter(f"{W}t"))
            if r.find(f"{W}footnoteReference") is not None:
                text = "[note]"
            if not text:
                continue
            if pieces and pieces[-1][1:] == (bold, italic, target):
                pieces[-1] = (pieces[-1][0] + text, bold, italic, target)
            else:
                pieces.append((text, bold, italic, target))
        out.append(pieces)
    return out
