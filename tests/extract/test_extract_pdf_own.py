"""avtale's own PDF read back through its tag tree and named destinations (`read_pdf_own`): every feature of
issue 15 comes back exactly — tables with their column settings, nested lists, third-level headings,
annexes, electronic signing with each signatory's own date, footnote ids, party ids and short names — and a
PDF without avtale's destinations is read as before, line by line."""

from __future__ import annotations

import pytest

from conftest import AGREEMENTS
from avtale import agreements, render
from avtale.extract import extract, read_pdf
from avtale.extract.lines import Notes
from avtale.model import Agreement

from extract_helpers import content
from test_extract_pdf_features import _agreement

SEED = AGREEMENTS / "2022-2025.yaml"


def _pdf(a: Agreement, tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(render.render(a, "pdf"))
    return path


def _same(a: Agreement, tmp_path) -> Agreement:
    path = _pdf(a, tmp_path)
    assert read_pdf.read_own(path, Notes()) is not None, "read as avtale's own PDF"
    back = extract(path).agreement
    assert content(back) == content(a)
    return back


@pytest.mark.parametrize("name", ["eksempel-2026-2029", "2014-2017", "2022-2025"])
def test_committed_agreements_read_back_exactly(name, tmp_path):
    back = _same(agreements.read(AGREEMENTS / f"{name}.yaml"), tmp_path)
    if name == "eksempel-2026-2029":
        assert [(p.id, p.short) for p in back.parties][:3] == [("kd", "KD"), ("bfd", "BFD"), ("hod", "HOD")]
        assert list(back.footnotes) == ["oppvekst", "kostra"]


def test_tables_with_columns_caption_and_marks(tmp_path):
    _same(_agreement(blocks=[
        "Fordelingen er:",
        {"table": {"caption": "Midler (mill. kroner), *foreløpige*",
                   "columns": [{"width": 2.5}, {"width": 1, "align": "right"}, {"align": "center"}],
                   "header": ["Område", "2026", "Merknad"],
                   "rows": [["Tidlig innsats", "120", "ny"], ["**Sum**", "**200**", ""]]}},
        {"table": {"header": ["Tiltak", "Ansvar"], "rows": [["Veileder for tverrfaglig samarbeid", "KD, BFD og KS"]]}},
        "Tallene er anslag.",
    ]), tmp_path)


def test_nested_lists(tmp_path):
    _same(_agreement(blocks=[
        "Partene skal:",
        {"numbered": [
            "samarbeide om tidlig innsats,",
            {"text": "samarbeide om utsatte barn, blant annet om", "numbered": [
                "kartlegging,",
                {"text": "informasjonsdeling, der", "numbered": ["samtykke er hovedregelen, og", "taushetsplikten gjelder;"]},
            ]},
            {"text": "styrke kompetansen, særlig", "bullets": ["videreutdanning,", "veiledning."]},
        ]},
        {"bullets": [{"text": "Et punkt med egen nummerering:", "numbered": ["første", "andre"], "style": "1)"}]},
    ]), tmp_path)


def test_third_level_heading(tmp_path):
    a = _agreement()
    data = a.model_dump(mode="python", exclude_none=True)
    data["sections"][0]["subsections"] = [{"title": "Oppfølging", "blocks": ["KS følger opp."], "subsections": [
        {"title": "Rapportering", "blocks": ["Kommunene rapporterer i KOSTRA."]}]}]
    back = _same(Agreement.model_validate(data), tmp_path)
    assert back.sections[0].subsections[0].subsections[0].title == "Rapportering"


def test_annexes_with_subsections(tmp_path):
    _same(_agreement(
        preamble=["Mandatet står i [#mandat], og [fremdriftsplanen](#plan)."],
        annexes=[
            {"id": "mandat", "title": "Mandat for partssamarbeidet",
             "blocks": ["Samarbeidet ledes av en styringsgruppe.", {"bullets": ["Den møtes to ganger i året."]}],
             "subsections": [{"title": "Styringsgruppens oppgaver", "blocks": ["Den følger opp avtalen."]}]},
            {"id": "plan", "title": "Fremdriftsplan",
             "blocks": [{"table": {"header": ["Tiltak", "Frist"], "rows": [["Evaluering", "31. desember 2028"]]}}]},
        ]), tmp_path)


def test_electronic_signing_rows_of_three_with_own_dates(tmp_path):
    a = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml")
    back = _same(a, tmp_path)
    assert back.signing.electronic and back.signing.place is None and back.signing.date is None
    assert [(s.party, s.place, s.date.isoformat()) for s in back.signing.signatories][-2:] == [
        ("jd", None, "2026-01-14"), ("ks", "Bodø", "2026-01-15")]


def test_footnote_ids_are_carried(tmp_path):
    back = _same(_agreement(blocks=[
        "Avtalen bygger på meldingen[^oppvekst] og på KOSTRA[^kostra-tall].",
        "Se igjen meldingen[^oppvekst].",
    ], footnotes={"kostra-tall": "KOSTRA, se [ssb.no](https://www.ssb.no/).", "oppvekst": "Meld. St. 6 *Tett på*."}),
        tmp_path)
    assert set(back.footnotes) == {"oppvekst", "kostra-tall"}


def test_party_ids_and_short_names_any_text(tmp_path):
    a = _agreement()
    data = a.model_dump(mode="python", exclude_none=True)
    data["parties"][0]["short"] = "K:D 100% æ/ø"
    data["parties"][1].pop("short", None)
    _same(Agreement.model_validate(data), tmp_path)


def test_pdf_without_avtales_destinations_is_read_line_by_line(tmp_path, monkeypatch):
    """The same PDF without avtale's named destinations (as a PDF made another way has none) is not read as
    avtale's own, and extracts as it did before: the seed whole, from its text."""
    from avtale.render import pdf_dests

    monkeypatch.setattr(pdf_dests, "add", lambda update, dests: None)
    a = agreements.read(SEED)
    path = _pdf(a, tmp_path)
    assert b"avtale-party-" not in path.read_bytes()
    assert read_pdf.read_own(path, Notes()) is None
    assert content(extract(path).agreement) == content(a)


def test_destinations_do_not_change_the_text_layer(tmp_path, monkeypatch):
    """The destinations are in the update only: the pages and their tags are Typst's, unchanged."""
    from avtale.render import pdf_dests

    a = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml")
    with_dests = render.render(a, "pdf")
    monkeypatch.setattr(pdf_dests, "add", lambda update, dests: None)
    without = render.render(a, "pdf")
    assert with_dests.startswith(without) and len(with_dests) > len(without)  # Typst's bytes, then the update
    import io

    from pypdf import PdfReader

    r1, r2 = PdfReader(io.BytesIO(with_dests)), PdfReader(io.BytesIO(without))
    assert [p.extract_text() for p in r1.pages] == [p.extract_text() for p in r2.pages]
    names = set(r1.named_destinations)
    assert {"avtale-party-kd:KD", "avtale-party-ks", "avtale-note-oppvekst", "avtale-signing",
            "avtale-table-1:3l,1r,1r", "avtale-table-2", "avtale-annex-plan"} <= names


@pytest.mark.parametrize("mode", ["footnote", "none"])
def test_printed_urls_as_footnotes_or_not_at_all(mode, tmp_path):
    """`links.print_urls: footnote` prints a link's url as a note of its own: no footnote of the agreement."""
    import copy

    from avtale import layout
    from avtale.render import RenderContext

    a = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml")
    custom = copy.deepcopy(layout.load())
    custom.setdefault("links", {})["print_urls"] = mode
    path = tmp_path / "a.pdf"
    path.write_bytes(render.render(a, "pdf", RenderContext(layout=custom)))
    assert content(extract(path).agreement) == content(a)


@pytest.mark.parametrize("name", [b"avtale-party-K :%Z", b"avtale-party-kd:\x01\x02", b"avtale-party-ks:KD"])
def test_destinations_the_format_would_refuse_are_not_used(name, tmp_path):
    """Destinations nobody sees may be named anything: an id the schema refuses, a short name with control
    characters, an id given twice — the parties are then derived from the text, and nothing else changes."""
    a = agreements.read(SEED)
    path = _pdf(a, tmp_path)
    data = path.read_bytes()
    assert data.count(b"(avtale-party-kd:KD)") == 1
    path.write_bytes(data.replace(b"(avtale-party-kd:KD)", b"(" + name + b")"))
    result = extract(path)
    assert [(p.id, p.short) for p in result.agreement.parties] == [("kd", "KD"), ("ks", None)]
    assert content(result.agreement) == content(a)
    assert any("party properties do not match" in n.message for n in result.notes.items), result.notes.items


def test_a_broken_cross_reference_table_is_rebuilt_and_read_by_structure(tmp_path):
    """Every xref offset wrong and startxref pointing nowhere (tests/corpus's broken-xref.pdf): pypdf rebuilds
    the table, and the destinations and tag tree are found all the same."""
    import re

    a = agreements.read(SEED)
    path = _pdf(a, tmp_path)
    raw = re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (int(m.group(1)) + 7, m.group(2)),
                 path.read_bytes())
    path.write_bytes(re.sub(rb"startxref\s+\d+", b"startxref\n999999", raw))
    assert read_pdf.read_own(path, Notes()) is not None
    assert content(extract(path).agreement) == content(a)
