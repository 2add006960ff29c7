"""The draft mark read back in a source avtale did not write (`extract.draft_mark.take`): «UTKAST» (or «Utkast»)
alone on the first line of the document or of a page makes the extraction a draft, whatever its signature block,
and is no text of it; the word elsewhere is the agreement's own."""

from __future__ import annotations

import subprocess

import pytest

from avtale.extract import draft_mark, extract
from avtale.extract.lines import Line, Notes
from avtale.model import Agreement, all_texts
from avtale.render import RenderContext, pdf
from avtale import layout as layout_mod
from conftest import require_tool

SAMPLE = {
    "id": "fremmed", "title": "Avtale om samarbeid på prøve", "language": "nb",
    "parties": [{"id": "kd", "name": "Kunnskapsdepartementet"}, {"id": "ks", "name": "KS"}],
    "period": {"end": "2021-12-31"}, "status": "signed",
    "preamble": ["Avtalen gjelder fram til 31. desember 2021."],
    "sections": [{"title": "Formål", "blocks": ["Partene skal samarbeide om kvalitet."]},
                 {"title": "Oppfølging", "blocks": ["Utkast til rapport legges fram hvert år."]}],
    "signing": {"place": "Oslo", "date": "2020-03-02", "signatories": [
        {"party": "kd", "name": "Kari Nordmann", "title": "Statsråd"},
        {"party": "ks", "name": "Ola Nordmann", "title": "Leder"}]},
}


@pytest.fixture(scope="module")
def text(tmp_path_factory):
    """The signed sample as a text export of its PDF (pdftotext), the way a foreign text reaches extract."""
    root = tmp_path_factory.mktemp("foreign")
    context = RenderContext(base_dir=root, layout=layout_mod.load())
    (root / "a.pdf").write_bytes(pdf.render(Agreement.model_validate(SAMPLE), context))
    return subprocess.run([require_tool("pdftotext"), str(root / "a.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout


def _extract(tmp_path, body: str):
    path = tmp_path / "a.txt"
    path.write_text(body, encoding="utf-8")
    return extract(path)


def _texts(a) -> list[str]:
    return [t for loc, t in all_texts(a) if loc[0] != "signing"]


def test_a_signed_text_reads_signed(text, tmp_path):
    back = _extract(tmp_path, text)
    assert back.agreement.status == "signed"


@pytest.mark.parametrize("mark", ["UTKAST", "Utkast", "  UTKAST  "])
def test_a_mark_over_the_text_makes_a_draft_and_is_dropped(text, tmp_path, mark):
    plain = _extract(tmp_path, text).agreement
    back = _extract(tmp_path, f"{mark}\n\n{text}")
    assert back.agreement.status == "draft"
    assert _texts(back.agreement) == _texts(plain)  # the mark is no text; the rest as before
    assert back.agreement.signing == plain.signing
    assert any("draft mark" in n.message for n in back.notes.items)
    assert not any(loc == ("status",) for loc, _ in back.todos)


def test_a_mark_at_the_top_of_a_later_page_makes_a_draft(text, tmp_path):
    at = text.rindex("\n", 0, text.index("Oppfølging")) + 1  # the start of the heading «2. Oppfølging»
    back = _extract(tmp_path, text[:at] + "\fUTKAST\n\n" + text[at:])  # page 2 starts with the mark
    assert back.agreement.status == "draft"
    assert _texts(back.agreement) == _texts(_extract(tmp_path, text).agreement)


def test_the_word_inside_the_text_is_the_agreements_own(text, tmp_path):
    back = _extract(tmp_path, text)
    assert "Utkast til rapport legges fram hvert år." in _texts(back.agreement)
    assert back.agreement.status == "signed"


def test_take_drops_only_a_first_line_of_the_document_or_a_page():
    lines = [Line(1, ""), Line(2, "UTKAST"), Line(3, "Avtale om prøve"), Line(4, "UTKAST"),
             Line(5, "UTKAST", page=2), Line(6, "Tekst", page=2), Line(7, "**Utkast**", page=3)]
    notes = Notes()
    out = draft_mark.take(lines, notes)
    assert [ln.text for ln in out] == ["", "", "Avtale om prøve", "UTKAST", "", "Tekst", ""]
    assert notes.draft_mark == "UTKAST"
    notes = Notes()
    draft_mark.take([Line(1, "Avtale om utkast"), Line(2, "Utkast til avtale")], notes)
    assert notes.draft_mark is None
