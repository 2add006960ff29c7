"""Inputs to `avtale extract` whose cost could grow faster than their size: many text operators in a small PDF,
one enormous line, many lines, list items, headings, deep HTML, long Markdown, large DOCX.

Each public function `name(path)` writes one input at `path` (see tests/corpus_makers/__init__.py). The
`*_source` helpers are shared with tests/extract/test_scaling.py, which builds the same inputs at sizes n, 4n, 16n.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

RUN = b"BT /F1 12 Tf 72 700 Td (x) Tj ET\n"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_source(contents: list[bytes], pages: list[int], widths: bool = False) -> bytes:
    """A PDF by hand: content streams `contents` (FlateDecode), and one page for each entry of `pages` naming
    the content stream it shows (pages may share one). `widths`: the font lists its glyph widths."""
    font = FONT[:-2] + b"/FirstChar 32 /LastChar 126 /Widths [" + b"500 " * 95 + b"] >>" if widths else FONT
    first_stream = 4 + len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + k) for k in range(len(pages)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(pages), kids),
               font]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                b"/Contents %d 0 R >>" % (first_stream + k) for k in pages]
    for data in contents:
        packed = zlib.compress(data, 9)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def lines_stream(lines: int, runs_per_line: int = 1, word: bytes = b"Avtalen") -> bytes:
    """A page's text: `lines` lines down the page (wrapping to the top), each of `runs_per_line` runs."""
    out = [b"BT /F1 10 Tf\n"]
    for k in range(lines):
        y = 800 - (k % 70) * 11
        for r in range(runs_per_line):
            out.append(b"1 0 0 1 %d %d Tm (%s) Tj\n" % (72 + r * 40, y, word))
    out.append(b"ET\n")
    return b"".join(out)


def pdf_shared_text_stream(path: Path) -> None:
    """The issue's case: 200 pages whose /Contents is one FlateDecode stream of 300,000 text operators
    (an 11 KB file)."""
    path.write_bytes(pdf_source([RUN * 300_000], [0] * 200))


def pdf_one_page_many_text_operators(path: Path) -> None:
    """One page, one stream of 300,000 text operators at one place."""
    path.write_bytes(pdf_source([RUN * 300_000], [0]))


def pdf_pages_share_stream_under_limit(path: Path) -> None:
    """200 pages sharing a stream of 2,000 runs on distinct lines: every page within the per-page bound,
    400,000 runs in the document."""
    path.write_bytes(pdf_source([lines_stream(2_000)], [0] * 200))


def pdf_one_line_many_runs(path: Path) -> None:
    """One baseline of 20,000 short runs side by side (with widths): one enormous line of text."""
    runs = b"".join(b"1 0 0 1 %d 700 Tm (ord) Tj\n" % (72 + k * 16) for k in range(20_000))
    path.write_bytes(pdf_source([b"BT /F1 10 Tf\n" + runs + b"ET\n"], [0], widths=True))


def pdf_one_enormous_run(path: Path) -> None:
    """One Tj of 1,000,000 characters of words."""
    text = b"avtale " * 150_000
    path.write_bytes(pdf_source([b"BT /F1 10 Tf 72 700 Td (" + text + b") Tj ET\n"], [0], widths=True))


def text_one_megabyte_line(path: Path) -> None:
    """A text source of one line of 1 MB (words, no line break)."""
    path.write_text("Partene skal samarbeide om tiltak, " * 30_000 + "\n", encoding="utf-8")


def text_many_short_lines(path: Path) -> None:
    """19,000 short lines, one paragraph each (under the 20,000 lines of the default page limit)."""
    path.write_text("".join(f"Linje {k} med tekst.\n\n" for k in range(9_500)), encoding="utf-8")


def text_many_list_items(path: Path) -> None:
    path.write_text("1. Formål\n\n" + "".join(f"- punkt nummer {k} i lista\n" for k in range(10_000)), encoding="utf-8")


def text_many_headings(path: Path) -> None:
    path.write_text("".join(f"{k}. Overskrift {k}\n\nTekst i punkt {k}.\n\n" for k in range(1, 5_001)), encoding="utf-8")


def html_deep_nesting(path: Path) -> None:
    """5 MB of HTML: 100,000 nested <div>s around a paragraph, then closed."""
    path.write_text("<!doctype html><html><body>" + "<div>" * 100_000 + "<p>Formål</p>" + "</div>" * 100_000
                    + "<p>" + "tekst " * 600_000 + "</p></body></html>", encoding="utf-8")


def markdown_many_lines(path: Path) -> None:
    """19,000 lines of Markdown: headings, paragraphs and list items."""
    parts = []
    for k in range(1, 1_901):
        parts.append(f"## {k}. Punkt {k}\n\nTekst i punktet som går over\nto linjer.\n\n- ett\n- to\n- tre\n\n")
    path.write_text("".join(parts), encoding="utf-8")


def docx_source(paragraphs: list[str], table_rows: int = 0) -> bytes:
    """A minimal DOCX: the paragraphs, then a table of `table_rows` rows of two cells."""
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    if table_rows:
        cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
        body += "<w:tbl>" + "".join("<w:tr>" + cell.format(f"rad {k}") + cell.format("verdi") + "</w:tr>"
                                    for k in range(table_rows)) + "</w:tbl>"
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{body}</w:body></w:document>")
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    return buf.getvalue()


def docx_many_paragraphs(path: Path) -> None:
    """19,000 paragraphs (under the 20,000 of the default page limit)."""
    path.write_bytes(docx_source(["1. Formål"] + [f"Avsnitt {k} med litt tekst." for k in range(18_999)]))


def docx_table_many_rows(path: Path) -> None:
    path.write_bytes(docx_source(["1. Formål", "Tekst."], table_rows=10_000))
