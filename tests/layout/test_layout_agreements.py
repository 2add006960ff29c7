"""The committed agreements (agreements/*.yaml) laid out alike in the PDF and in LibreOffice's PDF of the DOCX:
the same number of pages, every section and annex heading and the signature block on the same page (issue 16,
point 5). The fixtures are checked more closely in test_layout_geometry.py; these are the real texts."""

from __future__ import annotations

import sys
from pathlib import Path

import layout_build
import pytest

from avtale import agreements
from avtale import layout as layouts

pytestmark = [pytest.mark.layout, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
NAMES = sorted(p.stem for p in (ROOT / "agreements").glob("*.yaml"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import require_tool

    soffice = require_tool("soffice")
    require_tool("pdftotext")
    out = tmp_path_factory.mktemp("agreements")
    layout_build._run([sys.executable, "-m", "avtale", "build", *(str(ROOT / "agreements" / f"{n}.yaml") for n in NAMES),
                       "-o", str(out), "--format", "docx,pdf"], env=layout_build._env())
    layout_build._run([soffice, f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless", "--norestore",
                       "--convert-to", "pdf", "--outdir", str(out / "docx-pdf"), *(str(out / f"{n}.docx") for n in NAMES)],
                      timeout=300)
    return out


def test_there_are_agreements_to_check():
    assert {"2014-2017", "2022-2025", "eksempel-2026-2029"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_pdf_and_docx_have_the_same_pages(built, name):
    agreement = agreements.read(ROOT / "agreements" / f"{name}.yaml")
    texts = layout_build.headings(agreement, layouts.load())
    first = agreement.signing.signatories[0].name if agreement.signing else None
    seen = {}
    for kind, pdf in (("pdf", built / f"{name}.pdf"), ("docx", built / "docx-pdf" / f"{name}.pdf")):
        ws, pages = layout_build.words(pdf)
        found = layout_build.heading_pages(ws, texts)
        assert None not in found.values(), f"{name} ({kind}): headings not found as whole lines: {found}"
        if first:
            hits = layout_build.find(ws, first)
            assert hits, f"{name} ({kind}): the first signatory's name is not found"
            found["the signature block"] = ws[hits[-1][0]].page
        seen[kind] = (pages, found)
    assert seen["pdf"][0] == seen["docx"][0], f"{name}: {seen['pdf'][0]} pages in the PDF, {seen['docx'][0]} in the DOCX"
    differ = {t: (p, seen["docx"][1][t]) for t, p in seen["pdf"][1].items() if p != seen["docx"][1][t]}
    assert not differ, f"{name}: on different pages (PDF page, DOCX page): {differ}"
