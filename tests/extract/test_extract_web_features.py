"""`avtale extract` of avtale's own HTML and Markdown gives every addition of issue 15 back exactly.

The example agreement and one small agreement per feature (marks and links, footnotes, nested lists, tables,
three heading levels, annexes, electronic and paper signing with a signatory's own place and date) are built
to HTML and Markdown with the project's renderers and extracted; the YAML content (`extract_helpers.content`)
must be equal. Markdown has no letterhead: the parties' ids and short names travel in an HTML comment above the
signatures (without it, a short name the text never uses cannot come back).
"""

from __future__ import annotations

import re

import pytest

from avtale import agreements, render
from avtale.extract import extract
from avtale.model import Agreement
from conftest import AGREEMENTS
from extract_helpers import content
from test_extract_property import text_content

FORMATS = ["html", "md"]


def _agreement(**overrides) -> Agreement:
    data = {
        "id": "liten", "title": "Avtale om prøve", "language": "nb",
        "parties": [{"id": "kd", "name": "Kunnskapsdepartementet", "short": "KD"}, {"id": "ks", "name": "KS"}],
        "period": {"start": "2020-01-01", "end": "2021-12-31"}, "status": "signed",
        "preamble": ["Avtalen er inngått mellom Kunnskapsdepartementet (KD) og KS. Den gjelder fram til 31. desember 2021."],
        "sections": [{"title": "Formål", "blocks": ["Første avsnitt."]}, {"title": "Plikter", "blocks": ["Andre."]}],
        "signing": {"place": "Oslo", "date": "2020-03-02", "signatories": [
            {"party": "kd", "name": "Kari Nordmann", "title": "Kunnskapsminister"},
            {"party": "ks", "name": "Ola Nordmann", "title": "Styreleder i KS"}]},
    }
    data.update(overrides)
    return Agreement.model_validate(data)


def _roundtrip(a: Agreement, fmt: str, tmp_path) -> Agreement:
    path = tmp_path / f"a.{fmt}"
    path.write_bytes(render.render(a, fmt))
    result = extract(path)
    assert result.kind == {"html": "html", "md": "markdown"}[fmt]
    return result.agreement


FEATURES = {
    "marks": dict(sections=[{"title": "Formål", "blocks": [
        "Partene skal **jevnlig** og *grundig* vurdere **fet *og kursiv*** tekst, se [Lovdata](https://lovdata.no/a_(b)).",
        "Et tall merket med \\* er et anslag; samarbeid* og 5 \\* 3, «C:\\mapper» og \\[ikke lenke](x).",
        {"bullets": ["**Alt fett**", "[e-post](mailto:post@ks.no) og *kursiv*."]}]}]),
    "footnotes": dict(
        preamble=["Avtalen er inngått mellom Kunnskapsdepartementet (KD) og KS[^ks]. Den gjelder fram til 31. desember 2021."],
        sections=[{"title": "Formål", "blocks": ["Meldingen[^meld] sier det, og igjen[^meld].", "Rapport[^n2]."]}],
        footnotes={"ks": "Kommunesektorens organisasjon.", "meld": "Meld. St. 6 (2019–2020) *Tett på*, se [regjeringen.no](https://www.regjeringen.no).",
                   "n2": "**Fet** note."}),
    "nested-lists": dict(sections=[{"title": "Formål", "blocks": [
        {"numbered": ["Først.", {"text": "Så, blant annet", "numbered": [
            "en,", {"text": "to, der", "numbered": ["i en", "i to"]}, "tre."]},
            {"text": "Og punkter", "bullets": ["a", {"text": "b med", "numbered": ["x", "y"], "style": "1)"}]}]},
        {"bullets": [{"text": "Punkt med liste", "numbered": ["en", "to"], "style": "i)"}, "slutt"]},
        {"numbered": ["alfa", "beta"], "style": "a)"}]}]),
    "tables": dict(sections=[{"title": "Økonomi", "blocks": [
        "Fordelingen er:",
        {"table": {"caption": "Midler (mill. *kroner*)", "columns": [{"width": 3}, {"width": 1.5, "align": "right"},
                                                                      {"align": "center"}],
                   "header": ["Område", "2026", "Merknad"],
                   "rows": [["Tidlig innsats", "120", ""], ["Samarbeid*", "80", "se [Lovdata](https://lovdata.no)"],
                            ["**Sum**", "**200**", "a | b"]]}},
        {"table": {"header": ["Tiltak", "Ansvar"], "rows": [["Veileder", "KD og KS"]]}},
        {"table": {"columns": [{"align": "left"}, {"align": "right"}], "header": ["A", "B"], "rows": [["1", "2"]]}}]}]),
    "headings": dict(numbering="§ 1", sections=[
        {"title": "Formål", "blocks": ["Tekst."], "subsections": [
            {"title": "Oppfølging", "blocks": ["Mer."], "subsections": [
                {"title": "Rapportering", "blocks": ["Enda mer."]}, {"title": "Frister", "blocks": ["Frist."]}]},
            {"title": "Staten", "blocks": ["Staten."]}]},
        {"title": "Plikter", "blocks": ["Andre."]}]),
    "headings-unnumbered": dict(numbering="none", sections=[
        {"title": "Formål", "blocks": ["Tekst."], "subsections": [
            {"title": "Oppfølging", "blocks": ["Mer."], "subsections": [{"title": "Rapportering", "blocks": ["Enda."]}]}]},
        {"title": "Plikter", "blocks": ["Andre."]}]),
    "annexes": dict(
        preamble=["Avtalen er inngått mellom Kunnskapsdepartementet (KD) og KS. Den gjelder fram til 31. desember 2021.",
                  "Mandatet står i [#mandat], planen i [planen](#plan) og [Vedlegg 2](#plan)."],
        annexes=[{"id": "mandat", "title": "Mandat for samarbeidet", "blocks": ["Styringsgruppen møtes.", {"bullets": ["en", "to"]}],
                  "subsections": [{"title": "Oppgaver", "blocks": ["Følger opp."], "subsections": [
                      {"title": "Detaljer", "blocks": ["Små."]}]}]},
                 {"id": "plan", "title": "Fremdriftsplan", "blocks": [
                     {"table": {"header": ["Tiltak", "Frist"], "rows": [["Evaluering", "31. desember 2028"]]}}]},
                 {"title": "Uten id", "blocks": ["Tekst i vedlegget."]}]),
    "electronic": dict(
        parties=[{"id": "kd", "name": "Kunnskapsdepartementet", "short": "KD"},
                 {"id": "hod", "name": "Helse- og omsorgsdepartementet", "short": "HOD"},
                 {"id": "jd", "name": "Justis- og beredskapsdepartementet", "short": "JD"}, {"id": "ks", "name": "KS"}],
        preamble=["Avtalen er inngått mellom Kunnskapsdepartementet (KD), Helse- og omsorgsdepartementet (HOD), "
                  "Justis- og beredskapsdepartementet (JD) og KS. Den gjelder fram til 31. desember 2021."],
        signing={"electronic": True, "signatories": [
            {"party": "kd", "name": "Kari Nordmann", "title": "Kunnskapsminister", "date": "2020-03-02"},
            {"party": "hod", "name": "Ingrid Hansen", "title": "Helse- og omsorgsminister", "date": "2020-03-03"},
            {"party": "jd", "name": "Anne Larsen", "title": "Justis- og beredskapsminister"},
            {"party": "ks", "name": "Ola Nordmann", "title": "Styreleder i KS", "place": "Bodø", "date": "2020-03-04"}]}),
    "own-place": dict(signing={"place": "Oslo", "date": "2020-03-02", "signatories": [
        {"party": "kd", "name": "Kari Nordmann", "title": "Kunnskapsminister"},
        {"party": "ks", "name": "Ola Nordmann", "title": "Styreleder i KS", "place": "Bergen", "date": "2020-03-05"}]}),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_feature_reads_back_exactly(feature, fmt, tmp_path):
    a = _agreement(**FEATURES[feature])
    assert content(_roundtrip(a, fmt, tmp_path)) == content(a)


@pytest.mark.parametrize("fmt", FORMATS)
def test_example_reads_back(fmt, tmp_path):
    a = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml")
    got = _roundtrip(a, fmt, tmp_path)
    # the HTML letterhead and the Markdown comment above the signatures carry every party's id and short name
    # (HOD, KDD and JD are not used in the text: they could not be derived from it)
    assert content(got) == content(a)


def test_markdown_without_the_parties_comment_derives_the_parties(tmp_path):
    a = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml")
    text = render.render(a, "md").decode()
    assert text.count("<!-- parties: ") == 1
    path = tmp_path / "a.md"
    path.write_text(re.sub(r"<!-- parties: .* -->\n\n", "", text), encoding="utf-8")
    got = extract(path).agreement
    assert text_content(got) == text_content(a)
    assert [p.short for p in got.parties] == ["KD", "BFD", None, None, None, None]


def test_html_without_the_generator_is_read_line_by_line(tmp_path):
    """A page saved by a browser or edited elsewhere, without avtale's generator tag, goes the general way."""
    a = _agreement()
    page = render.render(a, "html").replace(b'<meta name="generator" content="avtale">\n', b"")
    path = tmp_path / "a.html"
    path.write_bytes(page)
    assert content(extract(path).agreement) == content(a)


def test_markdown_edited_by_hand_is_read_line_by_line(tmp_path):
    """Markdown avtale does not write (an image here) is read by the general reader, which keeps the text."""
    a = _agreement()
    text = render.render(a, "md").decode().replace("Første avsnitt.", "Første avsnitt. ![logo](x.png)")
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    got = extract(path)
    assert got.agreement.sections[0].blocks == ["Første avsnitt."]
