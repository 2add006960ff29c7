"""Round trips: build DOCX and PDF with the project's renderers, export them with real tools, extract, compare.

Compared is the content (everything but id, period.start and status). Known limit:
`pandoc -t plain` drops Word's automatic heading numbers, so its text cannot say
how headings were numbered; there `numbering` is not compared.
pdftotext (plain and -layout) is in test_extract_pdftotext.py.
"""

from __future__ import annotations

import subprocess

import pytest

from conftest import AGREEMENTS, require_tool
from avtale import agreements
from avtale.extract import extract

from extract_helpers import build_sources, content

IDS = ["2014-2017", "2022-2025"]
# The 2022–2025 agreement, laid out without hyphenation as the DOCX is, ends a paragraph on a full line with a
# full stop («… for økt kvalitet.») and starts the next with a capital: a text export shows no sign of that
# paragraph end, and the extractor joins the two (issue 12: a paragraph end a text export does not show).
FULL_LINE_END = pytest.mark.xfail(strict=True, reason="a paragraph end after a full line: not shown by the text export")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_sources(tmp_path_factory.mktemp("built"), IDS)


def _expect(agreement_id):
    return agreements.read(AGREEMENTS / f"{agreement_id}.yaml")


@pytest.mark.parametrize("agreement_id", IDS)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_own_readers(built, agreement_id, fmt):
    result = extract(built[agreement_id, fmt])
    assert content(result.agreement) == content(_expect(agreement_id))


@pytest.mark.parametrize("agreement_id", ["2014-2017", pytest.param("2022-2025", marks=FULL_LINE_END)])
def test_pypdf_text(built, agreement_id, tmp_path):
    import pypdf

    txt = tmp_path / f"{agreement_id}.txt"
    txt.write_text("\n".join(p.extract_text() for p in pypdf.PdfReader(built[agreement_id, "pdf"]).pages), encoding="utf-8")
    assert content(extract(txt).agreement) == content(_expect(agreement_id))


@pytest.mark.parametrize("agreement_id", IDS)
def test_libreoffice_text(built, agreement_id, tmp_path):
    soffice = require_tool("soffice")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "txt:Text",
         "--outdir", str(tmp_path), str(built[agreement_id, "docx"])],
        check=True, capture_output=True, timeout=180,
    )
    assert content(extract(tmp_path / f"{agreement_id}.txt").agreement) == content(_expect(agreement_id))


@pytest.mark.parametrize("agreement_id", IDS)
def test_pandoc_plain(built, agreement_id, tmp_path):
    pandoc = require_tool("pandoc")
    txt = tmp_path / f"{agreement_id}.txt"
    subprocess.run([pandoc, "-t", "plain", str(built[agreement_id, "docx"]), "-o", str(txt)], check=True, timeout=120)
    got, want = content(extract(txt).agreement), content(_expect(agreement_id))
    assert got.pop("numbering") == "none"
    want.pop("numbering", None)
    assert got == want
