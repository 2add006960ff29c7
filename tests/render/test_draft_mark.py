"""Issue 16, point 3: a draft carries «UTKAST» (the layout's word) on every page of the PDF and of the DOCX (as
LibreOffice lays it out), at the top of the HTML (as Chromium builds the page, and on every printed page) and of
the Markdown, and before the title in the title metadata; a signed agreement never does. Both styles (`header`,
`watermark`) and nynorsk. The mark is no text of the agreement: avtale's own files read back exactly, as drafts."""

from __future__ import annotations

import copy
import re
import subprocess
import uuid
import zipfile

import pytest
from pypdf import PdfReader
from render_samples import agreement

from avtale import layout as layout_mod
from avtale.extract import extract
from avtale.model import all_texts
from avtale.render import RenderContext, docx, html, md, pdf
from conftest import require_tool
from test_html import chromium

LONG = ("Partene samarbeider om kvalitet i barnehagen og skolen, og de møtes jevnlig. " * 30).strip()


def content(a) -> dict:
    """What the text holds (as tests/extract's helper): everything but id, period.start, status and seal."""
    data = a.model_dump(mode="json")
    for key in ("id", "status", "seal"):
        data.pop(key, None)
    data["period"].pop("start", None)
    return data


def draft(**overrides):
    """A draft of four pages or so (long sections), with its signature block filled in."""
    data = {"preamble": ["Avtalen gjelder fra 1. januar 2020 fram til 31. desember 2021."],
            "sections": [{"title": f"Del {i}", "blocks": [LONG, LONG]} for i in range(1, 5)]}
    return agreement(**{**data, **overrides})


def signed(**overrides):
    return draft(status="signed", **overrides)


def ctx(style: str = "header", **draft_keys) -> RenderContext:
    layout = copy.deepcopy(layout_mod.load())
    layout["draft"].update(style=style, **draft_keys)
    return RenderContext(base_dir=layout_mod.templates_dir().resolve(), layout=layout)


def pdftotext_pages(path) -> list[str]:
    """pdftotext's text of each page."""
    tool = require_tool("pdftotext")
    text = subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def first_line(page: str) -> str:
    return next(line.strip() for line in page.splitlines() if line.strip())


def pypdf_pages(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def grey_pixels(path, colour: int = 0xD9) -> list[int]:
    """How many pixels of each page (rendered in grey at 20 dpi) are the watermark's light grey."""
    tool = require_tool("pdftoppm")
    out = subprocess.run([tool, "-r", "20", "-gray", str(path)], capture_output=True, check=True).stdout
    counts = []
    while out:
        m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", out)
        w, h = int(m.group(1)), int(m.group(2))
        pixels = out[m.end():m.end() + w * h]
        counts.append(sum(1 for v in pixels if abs(v - colour) <= 6))
        out = out[m.end() + w * h:]
    return counts


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every format of the draft (both styles, bokmål and nynorsk) and of the signed agreement, and LibreOffice's
    PDF of each DOCX (one soffice run)."""
    root = tmp_path_factory.mktemp("draft-mark")
    cases = {
        "header": (draft(), ctx("header")),
        "watermark": (draft(), ctx("watermark")),
        "nynorsk": (draft(language="nn"), ctx("header", mark_nn="UTKAST NN")),
        "signed": (signed(), ctx("header")),
        "signed-watermark": (signed(), ctx("watermark")),
    }
    for name, (a, c) in cases.items():
        (root / f"{name}.pdf").write_bytes(pdf.render(a, c))
        (root / f"{name}.docx").write_bytes(docx.render(a, c))
        (root / f"{name}.html").write_bytes(html.render(a, c))
        (root / f"{name}.md").write_bytes(md.render(a, c))
    soffice = require_tool("soffice")
    lo = root / "lo"
    profile = tmp_path_factory.mktemp("lo-profile") / uuid.uuid4().hex
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to",
                    "pdf", "--outdir", str(lo), *[str(root / f"{n}.docx") for n in cases]],
                   check=True, capture_output=True, timeout=240)
    return root, cases


# -- PDF ----------------------------------------------------------------------------------------------------------

def test_pdf_header_mark_heads_every_page(built):
    root, _ = built
    pages = pdftotext_pages(root / "header.pdf")
    assert len(pages) >= 3
    assert [first_line(p) for p in pages] == ["UTKAST"] * len(pages)
    assert all(p.count("UTKAST") == 1 for p in pages)


def test_pdf_watermark_stands_on_every_page(built):
    root, _ = built
    pages = pypdf_pages(root / "watermark.pdf")  # pdftotext leaves diagonal text out; pypdf reads it
    assert len(pages) >= 3 and all(p.count("UTKAST") == 1 for p in pages)
    assert not any(first_line(p) == "UTKAST" for p in pdftotext_pages(root / "watermark.pdf"))  # not a header
    marked, plain = grey_pixels(root / "watermark.pdf"), grey_pixels(root / "signed.pdf")
    assert all(m > p + 250 for m, p in zip(marked, plain)), (marked, plain)  # (the text's edges are grey too)


def test_pdf_mark_is_an_artifact_and_the_pdf_stays_pdfa_and_pdfua(built):
    root, _ = built
    for name in ("header", "watermark"):
        reader = PdfReader(str(root / f"{name}.pdf"))
        stream = reader.pages[1].get_contents().get_data()
        kind = b"/Pagination" if name == "header" else b"/Background"
        assert re.search(rb"/Artifact\s*<<[^>]*/Type\s*/" + kind[1:], stream) or kind in stream
        xmp = reader.xmp_metadata.stream.get_data().decode("utf-8")
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "<pdfaid:part>2</pdfaid:part>" in xmp


@pytest.mark.parametrize("name", ["header", "watermark"])
def test_pdf_title_metadata_carries_the_mark(built, name):
    root, cases = built
    reader = PdfReader(str(root / f"{name}.pdf"))
    title = cases[name][0].title
    assert reader.metadata.title == f"UTKAST – {title}"
    assert reader.xmp_metadata.dc_title == {"x-default": f"UTKAST – {title}"}
    assert first_line(pdftotext_pages(root / f"{name}.pdf")[0].split("KS", 1)[1]) == title  # the H1 as it was


# -- DOCX ---------------------------------------------------------------------------------------------------------

def header_xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if re.fullmatch(r"word/header\d*\.xml", n))


def test_docx_header_mark_in_the_page_header_and_on_every_page_in_libreoffice(built):
    root, _ = built
    header = header_xml(root / "header.docx")
    assert re.search(r"<w:jc w:val=\"center\"/>.*<w:b/>.*<w:t>UTKAST</w:t>", header, re.S)
    with zipfile.ZipFile(root / "header.docx") as z:
        document = z.read("word/document.xml").decode("utf-8")
    assert "UTKAST" not in document  # the page header's, not the body's
    assert re.search(r'<w:headerReference w:type="default" r:id="rId\d+"/>', document)
    pages = pdftotext_pages(root / "lo" / "header.pdf")
    assert len(pages) >= 3
    assert [first_line(p) for p in pages] == ["UTKAST"] * len(pages)


def test_docx_watermark_is_words_shape_behind_the_text_on_every_page_in_libreoffice(built):
    root, _ = built
    header = header_xml(root / "watermark.docx")
    assert re.search(r'<v:shape id="PowerPlusWaterMarkObject1"[^>]*type="#_x0000_t136"[^>]*style="[^"]*rotation:305;'
                     r'z-index:-\d+;[^"]*"[^>]*fillcolor="#D9D9D9" stroked="f"', header)
    assert 'string="UTKAST"' in header and "<w:t>" not in header
    marked, plain = grey_pixels(root / "lo" / "watermark.pdf"), grey_pixels(root / "lo" / "signed.pdf")
    assert len(marked) >= 3 and len(marked) == len(plain)
    assert all(m > p + 250 for m, p in zip(marked, plain)), (marked, plain)  # (the text's edges are grey too)


@pytest.mark.parametrize("name", ["header", "watermark"])
def test_docx_title_property_carries_the_mark(built, name):
    import docx as python_docx

    root, cases = built
    document = python_docx.Document(str(root / f"{name}.docx"))
    assert document.core_properties.title == f"UTKAST – {cases[name][0].title}"
    assert document.core_properties.content_status == "Utkast"
    assert document.paragraphs[0].text != "UTKAST"
    assert PdfReader(str(root / "lo" / f"{name}.pdf")).metadata.title == f"UTKAST – {cases[name][0].title}"


def test_the_mark_takes_no_room_pages_break_as_without_it(built):
    root, _ = built
    for kind in ("", "lo/"):
        counts = {n: len(PdfReader(str(root / f"{kind}{n}.pdf")).pages) for n in ("header", "watermark", "signed")}
        assert len(set(counts.values())) == 1, (kind, counts)


# -- HTML and Markdown --------------------------------------------------------------------------------------------

def test_html_mark_first_in_the_page_as_chromium_builds_it_and_in_the_title(built, tmp_path):
    root, cases = built
    dom = chromium(tmp_path, (root / "header.html").as_uri(), "--dump-dom").stdout
    main = dom[dom.index("<main>"):]
    assert re.match(r'<main>\s*<p class="draft-mark" role="note">UTKAST</p>\s*<header class="letterhead">', main)
    assert f"<title>UTKAST – {cases['header'][0].title}</title>" in dom
    assert re.sub(r"<style>.*?</style>", "", dom, flags=re.S).count("UTKAST") == 2


@pytest.mark.parametrize("name", ["header", "watermark"])
def test_html_printed_carries_the_mark_on_every_page(built, tmp_path, name):
    root, _ = built
    out = tmp_path / f"{name}.pdf"
    chromium(tmp_path, (root / f"{name}.html").as_uri(), "--no-pdf-header-footer", f"--print-to-pdf={out}")
    if name == "header":
        pages = pdftotext_pages(out)
        assert len(pages) >= 3 and [first_line(p) for p in pages] == ["UTKAST"] * len(pages)
    else:
        pages = pypdf_pages(out)
        assert len(pages) >= 3 and all(p.count("UTKAST") == 1 for p in pages)


def test_markdown_mark_on_the_first_line(built):
    root, cases = built
    text = (root / "header.md").read_text("utf-8")
    assert text.startswith(f"**UTKAST**\n\n# {cases['header'][0].title}\n\n")
    assert text.count("UTKAST") == 1
    assert (root / "watermark.md").read_text("utf-8") == text  # Markdown has no pages: the style changes nothing


# -- never for a signed agreement; nynorsk --------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["signed", "signed-watermark"])
def test_a_signed_agreement_never_carries_the_mark(built, name):
    root, cases = built
    title = cases[name][0].title
    for path in (root / f"{name}.pdf", root / "lo" / f"{name}.pdf"):
        assert not any("UTKAST" in p for p in pdftotext_pages(path) + pypdf_pages(path))
        assert PdfReader(str(path)).metadata.title == title
    assert "UTKAST" not in header_xml(root / f"{name}.docx")
    assert "utkast" not in (root / f"{name}.html").read_text("utf-8").casefold()
    assert "UTKAST" not in (root / f"{name}.md").read_text("utf-8")
    assert f"<title>{title}</title>" in (root / f"{name}.html").read_text("utf-8")


def test_nynorsk_takes_the_layouts_nynorsk_word(built):
    root, cases = built
    title = cases["nynorsk"][0].title
    assert [first_line(p) for p in pdftotext_pages(root / "nynorsk.pdf")][:2] == ["UTKAST NN"] * 2
    assert [first_line(p) for p in pdftotext_pages(root / "lo" / "nynorsk.pdf")][:2] == ["UTKAST NN"] * 2
    assert PdfReader(str(root / "nynorsk.pdf")).metadata.title == f"UTKAST NN – {title}"
    assert '<p class="draft-mark" role="note">UTKAST NN</p>' in (root / "nynorsk.html").read_text("utf-8")
    assert (root / "nynorsk.md").read_text("utf-8").startswith("**UTKAST NN**\n\n# ")


# -- read back ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "md"])
@pytest.mark.parametrize("name", ["header", "watermark"])
def test_own_files_read_back_exactly_and_as_drafts(built, fmt, name):
    root, cases = built
    back = extract(root / f"{name}.{fmt}")
    assert content(back.agreement) == content(cases[name][0])
    assert back.agreement.status == "draft"
    assert not any("UTKAST" in text for _, text in all_texts(back.agreement))


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "md"])
def test_a_signed_own_file_reads_back_signed(built, fmt):
    root, cases = built
    back = extract(root / f"signed.{fmt}")
    assert content(back.agreement) == content(cases["signed"][0])
    assert back.agreement.status == "signed"
