"""Accept or reject every tracked change of a DOCX on its XML, and read its text back with python-docx.

Independent of the redline code: it knows only WordprocessingML's rules.
Accepting removes deleted runs, paragraphs whose mark is deleted and rows
that are deleted, and unwraps insertions; rejecting does the reverse (deleted
text coming back as ordinary text).
"""

from __future__ import annotations

import io
import zipfile

import docx
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document_xml(data: bytes):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def resolve(data: bytes, accept: bool) -> bytes:
    """The DOCX with every change accepted (`accept`) or rejected."""
    root = document_xml(data)
    gone, kept = (f"{W}del", f"{W}ins") if accept else (f"{W}ins", f"{W}del")
    for tr in list(root.iter(f"{W}tr")):
        if tr.find(f"{W}trPr/{gone}") is not None:
            tr.getparent().remove(tr)
    for tbl in list(root.iter(f"{W}tbl")):
        if tbl.find(f"{W}tr") is None:
            tbl.getparent().remove(tbl)
    for p in list(root.iter(f"{W}p")):
        if p.find(f"{W}pPr/{W}rPr/{gone}") is not None:
            live = [r for r in p if r.tag == f"{W}r" or r.tag == kept]
            assert not live, "a paragraph whose mark is removed still holds text that stays"
            p.getparent().remove(p)
    for element in list(root.iter(gone, kept)):
        parent = element.getparent()
        if parent.tag in (f"{W}rPr", f"{W}trPr"):  # a mark on a paragraph or row that stays
            parent.remove(element)
        elif element.tag == gone:
            parent.remove(element)
        else:  # unwrap
            index = parent.index(element)
            for child in list(element):
                parent.insert(index, child)
                index += 1
            parent.remove(element)
    for element in root.iter(f"{W}delText"):
        element.tag = f"{W}t"
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if name == "word/document.xml" else source.read(name)
            target.writestr(name, body)
    return out.getvalue()


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
