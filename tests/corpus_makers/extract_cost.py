"""Inputs to `avtale extract` whose cost grew faster than their size, for tests/corpus/cases/extract-cost.yaml.

Each public function `name(path)` writes one input at `path` (see tests/corpus_makers/__init__.py). The private
builders (`_agreement`, `_as_text`, `_as_pdf` …) make an agreement of any size in every source kind; the scaling
tests (tests/extract/test_extract_scaling.py) build the same inputs at sizes n, 4n and 16n.
"""

from __future__ import annotations

import io
import textwrap
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

TITLE = "Avtale om kvalitetsutvikling i barnehagen og grunnopplæringen"
SENTENCE = ("Partene skal samarbeide om tiltak som styrker kvaliteten i tjenestene for barn og unge, "
            "og legge til rette for lokale løsninger.")
END = "Avtalen gjelder fram til 31. desember 2025."


def _agreement(sections: int = 6, sentences: int = 2, items: int = 3, paragraphs: int = 1) -> list[tuple[str, str]]:
    """The blocks of an agreement, as (kind, text): title, para, heading («§ k …»: up to 999 of them), bullet.
    `sentences` in each paragraph, `paragraphs` and a list of `items` in each section; the last section says when
    it ends."""
    out = [("title", TITLE), ("para", "Avtalen er en del av konsultasjonsordningen mellom regjeringen og KS.")]
    for k in range(1, sections + 1):
        out.append(("heading", f"§ {k} Samarbeidsområde nummer {k}"))
        out += [("para", " ".join([SENTENCE] * sentences)) for _ in range(paragraphs)]
        out += [("bullet", f"Tiltak nummer {j} i området.") for j in range(1, items + 1)]
    out += [("heading", f"§ {sections + 1} Tidsramme"), ("para", END)]
    return out


def _as_text(blocks: list[tuple[str, str]]) -> str:
    """As LibreOffice exports a Word file: a paragraph a line, a blank line after each block but a list item."""
    out = []
    for kind, text in blocks:
        out.append(f"• {text}" if kind == "bullet" else text)
        if kind != "bullet":
            out.append("")
    return "\n".join(out) + "\n"


def _as_wrapped_text(blocks: list[tuple[str, str]]) -> str:
    """As pandoc writes plain text: wrapped at 72 columns, list items in a field of four, blocks set apart."""
    out = []
    for kind, text in blocks:
        if kind == "bullet":
            out += textwrap.wrap(text, 72, initial_indent="-   ", subsequent_indent="    ")
        else:
            out += textwrap.wrap(text, 72) + [""]
    return "\n".join(out) + "\n"


def _as_markdown(blocks: list[tuple[str, str]]) -> str:
    out = []
    for kind, text in blocks:
        if kind == "title":
            out.append(f"# {text}\n")
        elif kind == "heading":
            out.append(f"## {text}\n")
        elif kind == "bullet":
            out.append(f"- {text}")
        else:
            out.append("\n" + "\n".join(textwrap.wrap(text, 72)) + "\n")
    return "\n".join(out) + "\n"


def _as_html(blocks: list[tuple[str, str]]) -> str:
    tags = {"title": "h1", "heading": "h2", "para": "p", "bullet": "li"}
    body = "".join(f"<{tags[kind]}>{escape(text)}</{tags[kind]}>" for kind, text in blocks)
    return f"<!doctype html><html><head><title>{TITLE}</title></head><body>{body}</body></html>"


def _docx(body: str) -> bytes:
    """A minimal DOCX around a document body of WordprocessingML."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
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


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>"


def _as_docx(blocks: list[tuple[str, str]], table_rows: int = 0) -> bytes:
    """The blocks as Word paragraphs (numbers and bullets typed), and a table of `table_rows` rows before the end."""
    body = "".join(_paragraph(f"• {text}" if kind == "bullet" else text) for kind, text in blocks[:-1])
    if table_rows:
        cell = "<w:tc>{}</w:tc>"
        body += "<w:tbl>" + "".join("<w:tr>" + cell.format(_paragraph(f"Rad {k}")) + cell.format(_paragraph("Verdi"))
                                    + "</w:tr>" for k in range(table_rows)) + "</w:tbl>"
    return _docx(body + _paragraph(blocks[-1][1]))


def _pdf(streams: list[bytes], pages: list[int]) -> bytes:
    """A PDF by hand: the content streams (FlateDecode), and a page for each entry of `pages` naming the stream it
    shows (pages may share one). The font lists its glyph widths."""
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 "
            b"/Widths [" + b"500 " * 224 + b"] >>")
    first = 4 + len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + k) for k in range(len(pages)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(pages), kids), font]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                b"/Contents %d 0 R >>" % (first + k) for k in pages]
    for data in streams:
        packed = zlib.compress(data, 9)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _show(text: str) -> bytes:
    """A PDF string of text in WinAnsiEncoding (Windows-1252)."""
    raw = text.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _page_streams(blocks: list[tuple[str, str]], lines_per_page: int = 48) -> list[bytes]:
    """The blocks set as a typesetter sets them, a line a Tj: wrapped at 88 characters, a gap between blocks, the
    title and headings larger; a new page every `lines_per_page` lines."""
    lines: list[tuple[float, str, float]] = []  # (size, text, gap before)
    for kind, text in blocks:
        size = {"title": 16.0, "heading": 13.0}.get(kind, 10.0)
        wrapped = textwrap.wrap(f"• {text}" if kind == "bullet" else text, 88)
        for k, line in enumerate(wrapped):
            lines.append((size, line, 8.0 if k == 0 and kind != "bullet" else 0.0))
    streams = []
    for start in range(0, len(lines), lines_per_page):
        y, ops = 800.0, [b"BT"]
        for size, text, gap in lines[start:start + lines_per_page]:
            y -= size * 1.3 + gap
            ops.append(b"/F1 %.1f Tf 1 0 0 1 72 %.1f Tm %s Tj" % (size, y, _show(text)))
        streams.append(b"\n".join(ops + [b"ET"]) + b"\n")
    return streams


def _as_pdf(blocks: list[tuple[str, str]]) -> bytes:
    streams = _page_streams(blocks)
    return _pdf(streams, list(range(len(streams))))


def _runs_on_one_line(count: int) -> bytes:
    """One baseline of `count` short runs far apart (a row of as many columns), in one content stream."""
    return b"BT /F1 10 Tf\n" + b"".join(b"1 0 0 1 %d 300 Tm (ord) Tj\n" % (72 + 30 * k) for k in range(count)) + b"ET\n"


# --- the corpus cases -----------------------------------------------------------------------------------------

RUN = b"BT /F1 12 Tf 72 700 Td (x) Tj ET\n"


def pdf_pages_share_one_text_stream(path: Path) -> None:
    """The issue's case: 200 pages whose /Contents is one FlateDecode stream of 170,000 text operators (a 50 KB
    file; under pypdf's own bound on one stream, so each page parsed it again: no answer in two minutes)."""
    path.write_bytes(_pdf([RUN * 170_000], [0] * 200))


def pdf_many_operators_one_page(path: Path) -> None:
    """One page of 20,000 path operators (60,000 operators and operands, 120 KB) and no text."""
    path.write_bytes(_pdf([b"0 0 m\n" * 20_000], [0]))


def pdf_pages_share_many_runs(path: Path) -> None:
    """10 pages sharing one stream of 4,000 runs of text, a line each, each page under its bound (40,000 runs in all)."""
    path.write_bytes(_pdf([b"BT /F1 10 Tf 12 TL 72 800 Td\n" + b"(ord) Tj T*\n" * 4000 + b"ET\n"], [0] * 10))


def pdf_one_line_many_runs(path: Path) -> None:
    """One page whose one line holds 6,000 runs set far apart."""
    path.write_bytes(_pdf([_runs_on_one_line(6000)], [0]))


def pdf_one_run_of_much_text(path: Path) -> None:
    """One Tj of 150,000 characters."""
    path.write_bytes(_pdf([b"BT /F1 10 Tf 72 700 Td (" + b"avtale " * 21_500 + b") Tj ET\n"], [0]))


def pdf_pages_share_one_page(path: Path) -> None:
    """An agreement on its first page, then 100 pages that all show one page of prose (one stream, parsed once)."""
    prose = _page_streams([("para", " ".join([SENTENCE] * 16))])[0]
    path.write_bytes(_pdf([_page_streams(_agreement(sections=2))[0], prose], [0] + [1] * 100))


def pdf_agreement_on_one_long_line(path: Path) -> None:
    """An agreement whose second page is one line of 4,000 runs side by side (a row of as many columns)."""
    streams = _page_streams(_agreement()) + [_runs_on_one_line(4000)]
    path.write_bytes(_pdf(streams, list(range(len(streams)))))


def text_paragraph_of_many_lines(path: Path) -> None:
    """An agreement whose first section is one paragraph of 7,000 wrapped lines (500 KB)."""
    blocks = _agreement()
    blocks[3] = ("para", " ".join([SENTENCE] * 4_000))
    path.write_text(_as_wrapped_text(blocks).replace("\n\n\n", "\n\n"), encoding="utf-8")


def text_line_of_one_long_word(path: Path) -> None:
    """An agreement with a line of one word of 1,000,000 letters."""
    text = _as_text(_agreement())
    path.write_text(text.replace(".\n\n", ".\n\n" + "a" * 1_000_000 + "\n\n", 1), encoding="utf-8")


def text_grid_table_wide_border(path: Path) -> None:
    """A pandoc grid table whose border has 100,000 columns, over 5,000 rows of one cell."""
    table = "+" + "-+" * 100_000 + "\n" + "|x|\n" * 5_000 + "+" + "-+" * 100_000 + "\n"
    path.write_text(_as_text(_agreement()) + "\n" + table, encoding="utf-8")


def text_many_page_numbers(path: Path) -> None:
    """An agreement with 9,000 bare numbers on lines of their own between its paragraphs."""
    numbers = "".join(f"{k % 90 + 1}\n\nTekst i avsnitt {k}.\n\n" for k in range(4_500))
    path.write_text(_as_text(_agreement()).replace(".\n\n", ".\n\n" + numbers, 1), encoding="utf-8")


def text_many_numbered_paragraphs(path: Path) -> None:
    """An agreement with 9,000 paragraphs numbered as if they went on from a list above («7. …»)."""
    items = "".join(f"{k % 50 + 2}. tekst i et punkt som ikke er en overskrift.\n\nEt avsnitt.\n\n" for k in range(4_500))
    path.write_text(_as_text(_agreement()).replace("\n\n", "\n\n" + items, 1), encoding="utf-8")


def text_long_signature_block(path: Path) -> None:
    """An agreement signed in a block of 16,000 lines: rules, names and titles in two columns."""
    rows = "________________\t________________\nNavn Navnesen\tOla Nordmann\nStatsråd\tStyreleder\n\n" * 4_000
    path.write_text(_as_text(_agreement()) + "Oslo, 7. november 2014\n\n" + rows, encoding="utf-8")


def markdown_paragraph_of_many_lines(path: Path) -> None:
    """A Markdown agreement whose first section is one paragraph of 7,000 lines."""
    blocks = _agreement()
    blocks[3] = ("para", " ".join([SENTENCE] * 4_000))
    path.write_text(_as_markdown(blocks), encoding="utf-8")


def html_list_item_of_many_paragraphs(path: Path) -> None:
    """An HTML agreement with a list item of 15,000 paragraphs."""
    page = _as_html(_agreement())
    item = "<ul><li>" + "<p>Avsnitt i punktet.</p>" * 15_000 + "</li></ul>"
    path.write_text(page.replace("</body>", item + "</body>"), encoding="utf-8")


def html_table_row_of_many_cells(path: Path) -> None:
    """An HTML agreement with a table row of 10,000 cells, one of them 9,000 lines tall."""
    cells = "<td>Navn</td>" * 10_000 + "<td>" + "Linje<br>" * 9_000 + "</td>"
    page = _as_html(_agreement())
    path.write_text(page.replace("</body>", f"<table><tr>{cells}</tr></table></body>"), encoding="utf-8")


def docx_table_row_of_many_cells(path: Path) -> None:
    """A Word agreement with a table row of 5,000 cells, one of them of 5,000 paragraphs."""
    blocks = _agreement()
    body = "".join(_paragraph(text) for _, text in blocks[:-1])
    cells = "<w:tc>" + _paragraph("Navn") + "</w:tc>"
    tall = "<w:tc>" + _paragraph("Linje") * 5_000 + "</w:tc>"
    path.write_bytes(_docx(body + f"<w:tbl><w:tr>{cells * 5_000}{tall}</w:tr></w:tbl>" + _paragraph(blocks[-1][1])))
