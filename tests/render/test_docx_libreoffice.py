"""Built DOCX files opened by a real client: `avtale build` via the CLI, then LibreOffice to PDF.

Both agreements and a generated one (nynorsk, "§ 1", subsections, a) lists,
five signatories, a logo) are built once per module and converted in one
LibreOffice run; the PDF text must hold every heading with its number, every
paragraph and list item with its mark, place and date and the signatories, in order.
"""

from __future__ import annotations

import re
import subprocess
import uuid

import pytest
from conftest import AGREEMENTS, run_cli, require_tool
from docx_helpers import context, expected_printed, find_in_order, generated, squash, write_png

from avtale import agreements
from avtale.render import docx as docx_render

FOOTER = re.compile(r"Side \d+ av \d+")
MINISTRIES = ["Kommunal- og distriktsdepartementet", "Kunnskapsdepartementet", "Helse- og omsorgsdepartementet", "KS"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The CLI's build of agreements/, plus the generated agreement rendered beside it."""
    out = tmp_path_factory.mktemp("docx")
    result = run_cli("build", AGREEMENTS, "--format", "docx", "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    assets = tmp_path_factory.mktemp("assets")
    write_png(assets / "logo" / "kd.png")
    (out / "generert.docx").write_bytes(docx_render.render(generated(), context(assets)))
    (out / "mange-parter.docx").write_bytes(docx_render.render(many_parties(), context(assets)))
    return out


def many_parties():
    """Four parties with long names in the letterhead."""
    parties = [{"id": f"p{i}", "name": name} for i, name in enumerate(MINISTRIES)]
    signatories = [{"party": p["id"], "name": f"Navn {i}", "title": "Statsråd"} for i, p in enumerate(parties)]
    return generated(parties=parties, signing={"place": "Oslo", "date": "2024-01-05", "signatories": signatories})


@pytest.fixture(scope="module")
def pdfs(built, tmp_path_factory):
    """id -> LibreOffice's PDF of each DOCX (one soffice run for all, in a fresh profile)."""
    soffice = require_tool("soffice")
    profile = tmp_path_factory.mktemp("lo-profile") / uuid.uuid4().hex
    pdf_dir = tmp_path_factory.mktemp("pdf")
    files = sorted(built.glob("*.docx"))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(pdf_dir), *map(str, files)],
        check=True, capture_output=True, timeout=240,
    )
    out = {}
    for docx_file in files:
        pdf = pdf_dir / f"{docx_file.stem}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 1000, f"LibreOffice did not convert {docx_file.name}"
        out[docx_file.stem] = pdf
    return out


def _pdftotext(pdfs, *options) -> dict:
    pdftotext = require_tool("pdftotext")
    return {
        name: subprocess.run([pdftotext, *options, "-enc", "UTF-8", str(pdf), "-"],
                             check=True, capture_output=True, text=True).stdout
        for name, pdf in pdfs.items()
    }


@pytest.fixture(scope="module")
def pdf_text(pdfs):
    """id -> the PDF's text in reading order."""
    return _pdftotext(pdfs)


@pytest.fixture(scope="module")
def pdf_layout(pdfs):
    """id -> the PDF's text as laid out on the page (a table row stays one line)."""
    return _pdftotext(pdfs, "-layout")


def _agreement(name: str):
    return generated() if name == "generert" else agreements.read(AGREEMENTS / f"{name}.yaml")


def test_cli_builds_both_agreements(built):
    names = sorted(p.name for p in built.glob("*.docx"))
    assert names == ["2014-2017.docx", "2022-2025.docx", "eksempel-2026-2029.docx", "generert.docx",
                     "mange-parter.docx"]


def test_two_cli_builds_are_byte_identical(built, tmp_path):
    result = run_cli("build", AGREEMENTS, "--format", "docx", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    for name in ("2014-2017.docx", "2022-2025.docx"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


@pytest.mark.parametrize("name", ["2014-2017", "2022-2025", "generert"])
def test_pdf_holds_every_heading_paragraph_and_item_in_order(pdf_text, name):
    agreement = _agreement(name)
    text = FOOTER.sub(" ", pdf_text[name])
    missing = find_in_order(text, expected_printed(agreement))
    assert not missing, f"{name}: not found in order: {missing[:3]}"


@pytest.mark.parametrize("name", ["2014-2017", "generert", "mange-parter"])
def test_pdf_letterhead_stands_above_the_title(pdf_layout, name):
    agreement = many_parties() if name == "mange-parter" else _agreement(name)
    lines = pdf_layout[name].splitlines()
    title_line = next(i for i, line in enumerate(lines) if line.strip() and agreement.title.startswith(line.strip()))
    head = squash(" ".join(lines[:title_line])).split()
    for party in agreement.parties:
        if not party.logo:
            assert all(word in head for word in party.name.split()), (party.name, head)


@pytest.mark.parametrize("name", ["2014-2017", "generert"])
def test_pdf_holds_the_signatories_after_place_and_date(pdf_text, name):
    agreement = _agreement(name)
    text = squash(FOOTER.sub(" ", pdf_text[name]))
    tail = text[text.find(f"{agreement.signing.place}, "):]
    for person in agreement.signing.signatories:
        # columns may be read row by row or column by column; each word must be there, the title after the name
        for word in person.name.split() + person.title.split():
            assert word in tail, (person.name, word)
        assert tail.find(person.name.split()[-1]) < tail.rfind(person.title.split()[-1])


def test_pdf_numbers_the_eleven_items_of_2022(pdf_text):
    text = squash(FOOTER.sub(" ", pdf_text["2022-2025"]))
    numbers = re.findall(r"(?:^| )(\d{1,2})\. (?=[A-ZÆØÅ])", text)
    sections = [str(i) for i in range(1, len(_agreement("2022-2025").sections) + 1)]
    items = [str(i) for i in range(1, 12)]
    # sections 1-4, then the list 1-11, then sections 5 and 6
    assert numbers == sections[:4] + items + sections[4:]


def test_pdf_of_the_generated_agreement_restarts_every_list(pdf_text):
    text = squash(pdf_text["generert"])
    assert "a) fyrste punkt b) andre punkt" in text
    assert "a) alfa b) beta c) gamma" in text
    assert "§ 2 Plikter" in text and "2.1 Staten" in text and "2.2 Kommunane" in text
    assert "1) delta 2) epsilon" in text and "1. zeta" in text
    assert "Bergen, 29. februar 2024" in text


def test_long_party_names_are_not_broken_inside_a_word(pdf_text):
    # pdftotext may read a narrow right-hand cell after the body, so look at the words, not their order
    words = squash(pdf_text["mange-parter"]).split()
    for name in MINISTRIES:
        for word in name.split():
            assert word in words, f"«{word}» is broken or missing in the letterhead: {words[:12]}"
