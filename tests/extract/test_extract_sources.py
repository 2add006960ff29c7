"""`avtale extract` end to end on .docx and .pdf sources, and golden files of what each reader emits.

Sources are built with the project's own renderers from agreements/*.yaml. The CLI
must write YAML whose content equals the agreement's, never overwrite without
--force, and put notes with source line numbers on stderr. The golden files pin the
DOCX and PDF readers' lines (`AVTALE_UPDATE_GOLDEN=1` rewrites them).
"""

from __future__ import annotations

import re

import pytest

from avtale import agreements
from avtale.extract import read_docx, read_pdf
from avtale.extract.lines import Notes
from conftest import AGREEMENTS, run_cli
from extract_helpers import build_sources, check_golden, content
from extract_stages import show_lines

IDS = ["2014-2017", "2022-2025"]
NOTE = re.compile(r"^(?P<src>.+?)(?::(?P<line>\d+))?: (?:dropped|uncertain|ocr|metadata): \S")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_sources(tmp_path_factory.mktemp("sources"), IDS, prefix="source-")


@pytest.mark.parametrize("agreement_id", IDS)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_cli_extracts_the_agreement(built, agreement_id, fmt, tmp_path):
    source = built[agreement_id, fmt]
    out = tmp_path / f"{agreement_id}.yaml"
    r = run_cli("extract", source, "-o", out)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert content(agreements.read(out)) == content(agreements.read(AGREEMENTS / f"{agreement_id}.yaml"))
    notes = r.stderr.splitlines()
    assert notes[-1] == f"wrote {out}"
    matched = [NOTE.match(line) for line in notes[:-1]]
    assert all(m and m.group("src") == str(source) for m in matched), r.stderr
    if fmt == "pdf":  # avtale's own PDF is read by its tagged structure: nothing dropped, nothing guessed
        assert matched == [], r.stderr
    else:
        assert any(m.group("line") for m in matched), "no note carries a source line number"


def test_cli_notes_name_source_lines(built):
    docx, pdf = built["2014-2017", "docx"], built["2014-2017", "pdf"]
    r = run_cli("extract", docx)
    assert f"{docx}:1: dropped: «Kunnskapsdepartementet\tKS» (letterhead)" in r.stderr.splitlines()
    pdf = typst_bytes_only(pdf, pdf.parent / "made-elsewhere.pdf")  # read line by line, as any PDF
    r = run_cli("extract", pdf)
    assert re.search(rf"^{re.escape(str(pdf))}:\d+: dropped: «Side 1 av 3» \(page number\)$", r.stderr, re.M), r.stderr


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_cli_never_overwrites_without_force(built, fmt, tmp_path):
    out = tmp_path / "2014-2017.yaml"
    out.write_text("# the drafter's work\n", encoding="utf-8")
    r = run_cli("extract", built["2014-2017", fmt], "-o", out)
    assert (r.returncode, r.stdout, r.stderr) == (1, "", f"{out}: AV600 exists; use --force to overwrite it\n")
    assert out.read_text(encoding="utf-8") == "# the drafter's work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2014-2017.yaml"]
    r = run_cli("extract", built["2014-2017", fmt], "-o", out, "--force")
    assert r.returncode == 0, r.stderr
    assert content(agreements.read(out)) == content(agreements.read(AGREEMENTS / "2014-2017.yaml"))


@pytest.mark.parametrize("agreement_id", IDS)
def test_golden_docx_reader(built, agreement_id):
    check_golden(f"{agreement_id}.docx.read.txt", show_lines(read_docx.read(built[agreement_id, "docx"], Notes())))


@pytest.mark.parametrize("agreement_id", IDS)
def test_golden_pdf_reader(built, agreement_id):
    check_golden(f"{agreement_id}.pdf.read.txt", show_lines(read_pdf.read(built[agreement_id, "pdf"], Notes())))


def typst_bytes_only(pdf, out):
    """`pdf` without avtale's incremental update (named destinations, signature fields): the PDF as Typst
    wrote it, which carries nothing that marks it as avtale's own."""
    data = pdf.read_bytes()
    out.write_bytes(data[:data.index(b"%%EOF") + len(b"%%EOF")] + b"\n")
    return out
