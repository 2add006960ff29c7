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


@pytest.mark.parametrize("agreement_id", IDS)
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
