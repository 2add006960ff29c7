"""The PDF, read back with pypdf: metadata, PDF/A + PDF/UA markers, tags, fonts, text, reproducibility."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from render_samples import HOSTILE, agreement, assert_in_order, context, hostile_agreement, write_png

from avtale import inline
from avtale.errors import RenderError
from avtale.model import all_texts
from avtale.render import pdf

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def build(a, base=None) -> bytes:
    return pdf.render(a, context(base or "."))


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def text_of(r: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in r.pages)


def structure(r: PdfReader) -> list[str]:
    """Structure element types in document order (depth first)."""
    out = []

    def walk(node):
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if node.get("/Type") == "/StructElem":
            out.append(node["/S"])
        kids = node.get("/K")
        kids = kids.get_object() if kids is not None else None
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object"):
                walk(kid)

    walk(r.trailer["/Root"]["/StructTreeRoot"])
    return out


def xmp(r: PdfReader) -> str:
    return r.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


@pytest.fixture(scope="module")
def pdf_2014():
    from conftest import AGREEMENTS

    from avtale import agreements

    a = agreements.read(AGREEMENTS / "2014-2017.yaml")
    return a, build(a, AGREEMENTS)


def test_language_title_and_viewer_shows_title(pdf_2014):
    a, data = pdf_2014
    r = reader(data)
    root = r.trailer["/Root"]
    assert root["/Lang"] == "nb-NO"
    assert r.metadata.title == a.title  # signed: no draft mark
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert r.metadata.author == "Kunnskapsdepartementet, KS"
    assert f">{a.title}<" in xmp(r)


def test_nynorsk_sets_the_language():
    r = reader(build(agreement(language="nn")))
    assert r.trailer["/Root"]["/Lang"] == "nn-NO"
    assert "<rdf:li>nn-NO</rdf:li>" in xmp(r)


def test_pdfa_2a_and_pdfua_1_markers(pdf_2014):
    meta = xmp(reader(pdf_2014[1]))
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", meta)
    assert re.search(r"<pdfaid:conformance>A</pdfaid:conformance>", meta)
    assert re.search(r"<pdfuaid:part>1</pdfuaid:part>", meta)
    assert "/OutputIntents" in reader(pdf_2014[1]).trailer["/Root"]


def test_tagged_structure(pdf_2014):
    r = reader(pdf_2014[1])
    root = r.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    tags = structure(r)
    assert tags.count("/H1") == 1
    assert tags.count("/H2") == 6
    assert tags.index("/H1") < tags.index("/H2")
    for tag in ("/L", "/LI", "/Lbl", "/LBody", "/Table", "/TH", "/TD", "/Form"):
        assert tag in tags, tag
    assert tags.count("/Form") == 2  # one per signature field


def test_every_font_is_embedded_and_is_liberation_sans(pdf_2014):
    r = reader(pdf_2014[1])
    seen = 0
    for page in r.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, descriptor["/FontName"]
                assert "LiberationSans" in descriptor["/FontName"]
                seen += 1
    assert seen >= 2  # regular and bold


def test_text_holds_everything_in_order(pdf_2014):
    a, data = pdf_2014
    text = text_of(reader(data))
    expected = [t for _, t in all_texts(a)]
    expected[expected.index(a.signing.place)] = "Oslo, 7. november 2014"
    assert_in_order(text, expected)
    pages = len(reader(data).pages)
    assert pages >= 2
    for n in range(1, pages + 1):
        assert f"Side {n} av {pages}" in text


def test_2022_numbered_list_restarts_and_counts_to_11():
    from conftest import AGREEMENTS

    from avtale import agreements

    a = agreements.read(AGREEMENTS / "2022-2025.yaml")
    r = reader(build(a, AGREEMENTS))
    text = text_of(r)
    assert_in_order(text, [t for _, t in all_texts(a)])
    assert_in_order(text, [f"{n}. {item}" for n, item in enumerate(a.sections[3].blocks[1].numbered, 1)])
    assert "/AcroForm" not in r.trailer["/Root"]  # no signature block, no fields
    assert r.metadata.creation_date.year == 2025  # no signing date, no start: the end of the period


def test_list_styles_and_heading_numbers():
    text = text_of(reader(build(agreement(numbering="§ 1"))))
    assert_in_order(text, ["§ 1", "Formål", "• en", "• to", "§ 2", "Plikter", "a) alfa", "b) beta",
                           "2.1", "Detaljer", "1) gamma", "2) delta"])
    plain = text_of(reader(build(agreement(numbering="none"))))
    assert "§" not in plain and "2.1" not in plain and "1. Formål" not in plain
    assert_in_order(text_of(reader(build(agreement(numbering="1")))), ["1 Formål", "2 Plikter", "2.1 Detaljer"])


def test_typst_and_html_special_text_stays_literal():
    a = hostile_agreement()
    r = reader(build(a))
    text = text_of(r)
    for needle in HOSTILE:
        assert needle in text.replace("\n", " ")  # the literal title keeps them all
    # prose is read with inline marks: the list item «*bold*» prints «bold» in italics
    literal = ("title", "name", "place")
    assert_in_order(text, [t if loc[-1] in literal else inline.plain(t) for loc, t in all_texts(a)])
    assert r.metadata.title == "UTKAST – " + a.title  # a draft: the mark before the title (render.draft)
    page = r.pages[0].mediabox
    assert (round(float(page.width)), round(float(page.height))) == (595, 842)  # "#set page" changed nothing


def test_two_builds_are_byte_identical(pdf_2014):
    from conftest import AGREEMENTS

    a, first = pdf_2014
    assert build(a, AGREEMENTS) == first
    date = reader(first).metadata.creation_date
    assert (date.year, date.month, date.day) == (2014, 11, 7)


def test_creation_date_falls_back_to_period_start():
    a = agreement(signing=None)
    date = reader(build(a)).metadata.creation_date
    assert (date.year, date.month, date.day) == (2020, 1, 1)


def test_logo_is_a_figure_with_alt_text(tmp_path):
    write_png(tmp_path / "kd.png")
    parties = [
        {"id": "kd", "name": "Kunnskapsdepartementet", "logo": {"file": "kd.png", "alt": "Kunnskapsdepartementets logo"}},
        {"id": "ks", "name": "KS"},
    ]
    r = reader(build(agreement(parties=parties), tmp_path))
    figures = []

    def walk(node):
        node = node.get_object()
        if node.get("/S") == "/Figure":
            figures.append(node)
        kids = node.get("/K")
        kids = kids.get_object() if kids is not None else []
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                walk(kid)

    walk(r.trailer["/Root"]["/StructTreeRoot"])
    assert [f["/Alt"] for f in figures] == ["Kunnskapsdepartementets logo"]
    assert r.pages[0]["/Resources"]["/XObject"]  # the image is drawn
    text = text_of(r)
    assert "KS" in text and not text.startswith("Kunnskapsdepartementet")  # logo instead of the name


@pytest.mark.parametrize("file", ["missing.png", "../outside.png"])
def test_bad_logo_is_one_clear_render_error(tmp_path, file):
    base = tmp_path / "agreements"
    base.mkdir()
    write_png(tmp_path / "outside.png")
    parties = [{"id": "kd", "name": "KD", "logo": {"file": file, "alt": "Logo"}}, {"id": "ks", "name": "KS"}]
    with pytest.raises(RenderError) as err:
        build(agreement(parties=parties), base)
    message = str(err.value)
    assert "\n" not in message and file in message
    assert ("outside" in message) if file.startswith("..") else ("not found" in message)
