"""Rows of a PDF page (`pdf_rows`): where a row splits into columns. PDFs typeset by Typst here, with the
columns where a test needs them."""

from __future__ import annotations

import io

import typst
from pypdf import PdfReader

from avtale.extract import pdf_rows

PAGE = '#set page(width: 210mm, height: 297mm, margin: 25mm)\n#set text(font: "Liberation Sans", size: 11.5pt)\n'


def _rows(source: str) -> list[str]:
    pdf = typst.compile((PAGE + source).encode(), format="pdf")
    return [row.text() for row in pdf_rows.page_rows(PdfReader(io.BytesIO(pdf)).pages[0])]


def test_names_over_titles_split_where_the_titles_columns_start():
    # the first name nearly fills its column: less than 1.5 em to the next, which the titles' row shows is a column
    # (a table's cells as LibreOffice sets them: the second title wraps in its cell)
    grid = ('#grid(columns: (151pt, 151pt, 120pt), inset: (x: 3pt), row-gutter: 4pt,\n'
            '  [Øystein Elise Aasen Moen], [Marte Rønning], [Åse Berg],\n'
            '  [Finansminister], [Kultur- og likestillingsminister], [Leder i KS])\n')
    rows = _rows("Bodø, 25. oktober 2030\n\n" + grid)
    assert rows == ["Bodø, 25. oktober 2030", "Øystein Elise Aasen Moen\tMarte Rønning\tÅse Berg",
                    "Finansminister\tKultur- og\tLeder i KS", "likestillingsminister"]


def test_one_row_alone_keeps_a_narrow_gap_a_space():
    # the same narrow gap on one row only: no column shows there, so it stays within the line
    rows = _rows('#grid(columns: (151pt, 151pt), inset: (x: 3pt), [Øystein Elise Aasen Moen], [Marte Rønning])\n\n'
                 "Partane skal møtast minst to gonger i året.\n")
    assert rows[0] == "Øystein Elise Aasen Moen Marte Rønning"


def test_justified_prose_is_not_split_by_its_wide_spaces():
    text = ("#set par(justify: true)\n" + " ".join(["Partane skal leggje til rette for eit godt samarbeid mellom "
                                                      "forvaltningsnivåa i heile avtaleperioden."] * 4) + "\n")
    rows = _rows(text)
    assert len(rows) >= 4 and not any("\t" in row for row in rows)
