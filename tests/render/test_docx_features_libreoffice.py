"""The additions of issue 15 as a real client sets them: the DOCX opened by LibreOffice and converted to PDF.

The example agreement (every feature), the same with urls as footnotes, and a table long enough for two
pages are converted in one LibreOffice run; the PDF text (page by page) must hold the footnotes' text at
the foot of their page, the table cells in order with the header row repeated on the next page, the
nested list's markers (1. → a) → i)), the electronic note, and each annex starting a page.
"""

from __future__ import annotations

import copy
import subprocess
import uuid

import pytest
from conftest import AGREEMENTS, require_tool
from docx_helpers import context, find_in_order, squash

from avtale import agreements, layout
from avtale.model import Agreement
from avtale.render import RenderContext
from avtale.render import docx as docx_render


def long_table() -> Agreement:
    rows = [[f"Tiltak {i}", f"Ansvarlig {i}", f"{i}. mai"] for i in range(1, 71)]
    return Agreement.model_validate({
        "id": "lang-tabell", "title": "Lang tabell", "language": "nb",
        "parties": [{"id": "a", "name": "Aetat"}, {"id": "b", "name": "Bufetat"}],
        "period": {"end": "2027-12-31"}, "status": "draft",
        "sections": [{"title": "Tiltak", "blocks": [
            {"table": {"caption": "Tiltak og ansvar", "header": ["Hva", "Hvem", "Når"], "rows": rows}}]}],
    })


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, list[str]]:
    """name -> the text of each page of LibreOffice's PDF of the DOCX, as laid out (a line stays a line)."""
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    out = tmp_path_factory.mktemp("docx-features")
    example = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml")
    notes = copy.deepcopy(layout.load())
    notes["links"]["print_urls"] = "footnote"
    (out / "eksempel.docx").write_bytes(docx_render.render(example, context(AGREEMENTS)))
    (out / "fotnoter.docx").write_bytes(docx_render.render(example, RenderContext(base_dir=AGREEMENTS, layout=notes)))
    (out / "lang-tabell.docx").write_bytes(docx_render.render(long_table(), context(AGREEMENTS)))
    profile = tmp_path_factory.mktemp("lo-profile") / uuid.uuid4().hex
    files = sorted(out.glob("*.docx"))
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=240)
    result = {}
    for docx_file in files:
        pdf = out / f"{docx_file.stem}.pdf"
        assert pdf.is_file(), f"LibreOffice did not convert {docx_file.name}"
        text = subprocess.run([pdftotext, "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                              text=True).stdout
        result[docx_file.stem] = [page for page in text.split("\f") if page.strip()]
    return result


def test_text_lists_and_table_in_reading_order(pages):
    text = " ".join(pages["eksempel"])
    missing = find_in_order(text, [
        "Eksempel: Avtale om samarbeid om barn og unges oppvekst 2026–2029",
        "oppvekstpolitikk1 og på erfaringene",
        "Mandatet for partssamarbeidet står i vedlegg 1, og fremdriftsplanen i vedlegg 2.",
        "Lovene finnes på Lovdata (https://lovdata.no/register/lover).",
        "1. Tidlig innsats i barnehage og skole.",
        "2. Tverrfaglig samarbeid", "a) felles kartlegging og oppfølging,", "b) informasjonsdeling",
        "i) samtykke er hovedregelen, og", "ii) taushetsplikten gjelder som før;",
        "c) samlokaliserte tjenester", "3. Kompetanse i tjenestene, særlig", "• videreutdanning",
        "et tall merket med * er et anslag.",
        "2.1 Oppfølging i kommunene", "2.1.1 Rapportering", "2.2 Oppfølging i staten",
        "Tabell 1: Midler til samarbeidsområdene (mill. kroner)",
        "Samarbeidsområde", "2026", "2027", "Tidlig innsats", "120", "125", "Tverrfaglig samarbeid*", "80", "85",
        "Sum", "200", "210",
        "Avtalen er signert elektronisk.",
    ])
    assert not missing, missing[:3]


def test_footnotes_stand_on_the_page_of_their_reference(pages):
    for page in pages["eksempel"]:
        flat = squash(page)
        if "oppvekstpolitikk1" in flat:
            assert "1 Meld. St. 6 (2019–2020) Tett på – tidlig innsats" in flat
        if "rapporteringssystemene2" in flat:
            assert "2 KOSTRA (kommune-stat-rapportering), se ssb.no/kostra (https://www.ssb.no/offentlig-sektor/kostra)" \
                in flat
    assert any("oppvekstpolitikk1" in squash(p) for p in pages["eksempel"])


def test_urls_as_footnotes(pages):
    text = squash(" ".join(pages["fotnoter"]))
    assert "Lovene finnes på Lovdata2." in text and "(https://lovdata.no" not in text
    assert "2 https://lovdata.no/register/lover" in text


def test_each_annex_starts_a_page(pages):
    starts = [squash(page)[:60] for page in pages["eksempel"]]  # a draft: «UTKAST» heads every page
    assert any(s.startswith("UTKAST Vedlegg 1: Mandat for partssamarbeidet") for s in starts), starts
    assert any(s.startswith("UTKAST Vedlegg 2: Fremdriftsplan Tiltak Ansvar Frist") for s in starts), starts
    last = squash(pages["eksempel"][-1])
    # a cell's second line is laid out after the row's other cells
    assert "Felles veileder for tverrfaglig KD, BFD og KS 1. juni 2027 samarbeid" in last
    assert "Evaluering av avtalen Alle parter 31. desember 2028" in last


def test_the_header_row_repeats_on_each_page_of_a_long_table(pages):
    table_pages = pages["lang-tabell"]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert "Hva Hvem Når" in squash(page), squash(page)[:200]
    text = squash(" ".join(table_pages))
    assert not find_in_order(text, ["Tabell 1: Tiltak og ansvar", *[f"Tiltak {i} Ansvarlig {i}" for i in range(1, 71)]])
    assert text.count("Tabell 1") == 1
