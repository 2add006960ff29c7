"""Issue 16, point 6: any title length works in every format. A DOCX core property holds 255 characters: a longer
title (and a draft's «UTKAST – » before one just under the limit) is cut there at a word, ending in «…», and every
other property stays within the limit; the document itself (DOCX body, PDF heading and metadata, HTML <h1> and
<title>, Markdown heading) carries the whole title. Titles of 2000 characters build in every format."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import docx as python_docx
import pytest
from pypdf import PdfReader
from render_samples import agreement, context

from avtale.render import docx, html, md, pdf
from avtale.render.docx_package import PROPERTY_LIMIT, fit
from conftest import require_tool

WORDS = "Avtale om kvalitetsutvikling i barnehagen, grunnopplæringen og de kommunale helse- og omsorgstjenestene"


def title_of(length: int) -> str:
    """A title of exactly `length` characters, of words."""
    text = " ".join([WORDS] * (length // len(WORDS) + 2))
    return text[:length].rstrip() + "x" * (length - len(text[:length].rstrip()))


LONG = title_of(2000)
JUST_UNDER = title_of(PROPERTY_LIMIT - 3)  # fits alone; «UTKAST – » before it does not


def printed(path) -> str:
    """pdftotext's text of a PDF without the page furniture (page numbers, a draft's mark), without spaces and
    hyphens (pdftotext drops the «-» of «helse-» that ends a line, a hyphen the title has)."""
    text = subprocess.run([require_tool("pdftotext"), str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = [ln for ln in text.splitlines() if not re.fullmatch(r"\s*(?:Side \d+ av \d+|UTKAST)\s*", ln)]
    return squash(" ".join(lines))


def squash(text: str) -> str:
    return re.sub(r"[\s-]", "", text)


def test_title_helper_gives_the_asked_length():
    assert len(LONG) == 2000 and len(JUST_UNDER) == PROPERTY_LIMIT - 3


# -- DOCX -----------------------------------------------------------------------------------------------------------

def core_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("docProps/core.xml").decode("utf-8")


@pytest.mark.parametrize("status", ["signed", "draft"])
def test_docx_with_a_2000_character_title_cuts_every_property_and_keeps_the_whole_title(status):
    data = docx.render(agreement(title=LONG, status=status), context())
    document = python_docx.Document(io.BytesIO(data))
    props = document.core_properties
    expected = LONG if status == "signed" else f"UTKAST – {LONG}"
    assert props.title == fit(expected) and props.title.endswith("…") and len(props.title) <= PROPERTY_LIMIT
    assert expected.startswith(props.title[:-1])
    # every text element of core.xml within the limit (title, subject, creator, lastModifiedBy, keywords …)
    for name, value in re.findall(r"<(\w+:\w+)[^>]*>([^<]*)</\1>", core_xml(data)):
        assert len(value) <= PROPERTY_LIMIT, name
    assert document.paragraphs[0].text == LONG  # the title paragraph holds all of it


def test_docx_draft_mark_before_a_title_just_under_the_limit_is_cut_with_an_ellipsis():
    signed = python_docx.Document(io.BytesIO(docx.render(agreement(title=JUST_UNDER, status="signed"), context())))
    assert signed.core_properties.title == JUST_UNDER  # it fits: not cut
    data = docx.render(agreement(title=JUST_UNDER, status="draft"), context())
    props = python_docx.Document(io.BytesIO(data)).core_properties
    assert props.title.startswith("UTKAST – ") and props.title.endswith("…")
    assert len(props.title) <= PROPERTY_LIMIT
    assert f"UTKAST – {JUST_UNDER}".startswith(props.title[:-1].rstrip())


def test_docx_with_a_2000_character_title_opens_in_libreoffice(tmp_path):
    soffice = require_tool("soffice")
    path = tmp_path / "lang.docx"
    path.write_bytes(docx.render(agreement(title=LONG, status="signed"), context()))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True,
                   timeout=240)
    assert squash(f"KS {LONG} Innledning.") in printed(tmp_path / "lang.pdf")


# -- PDF, HTML, Markdown --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status", ["signed", "draft"])
def test_pdf_with_a_2000_character_title(status, tmp_path):
    path = tmp_path / "lang.pdf"
    path.write_bytes(pdf.render(agreement(title=LONG, status=status), context()))
    reader = PdfReader(str(path))
    expected = LONG if status == "signed" else f"UTKAST – {LONG}"
    assert reader.metadata.title == expected
    assert reader.xmp_metadata.dc_title == {"x-default": expected}
    assert len(reader.pages) == 3  # the title runs onto page 2
    assert squash(f"KS {LONG} Innledning.") in printed(path)  # the whole title, unhyphenated, as the heading


@pytest.mark.parametrize("status", ["signed", "draft"])
def test_html_with_a_2000_character_title(status):
    page = html.render(agreement(title=LONG, status=status), context()).decode("utf-8")
    expected = LONG if status == "signed" else f"UTKAST – {LONG}"
    assert f"<title>{expected}</title>" in page
    assert f"<h1>{LONG}</h1>" in page


@pytest.mark.parametrize("status", ["signed", "draft"])
def test_markdown_with_a_2000_character_title(status):
    text = md.render(agreement(title=LONG, status=status), context()).decode("utf-8")
    head = "**UTKAST**\n\n" if status == "draft" else ""
    assert text.startswith(f"{head}# {LONG}\n\n")
