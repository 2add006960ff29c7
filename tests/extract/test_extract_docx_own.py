"""`avtale extract` of avtale's own DOCX gives the agreement back exactly (`extract_helpers.content`).

The example agreement and small agreements per feature are rendered by the project's DOCX renderer and
extracted; ids the page cannot show (footnote ids, party ids and short names) travel as invisible metadata
(bookmarks, custom document properties) and are read where present. The same files with that metadata taken
out (as a Word file made by hand has none) still extract as before: the visible text is the fallback.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from avtale import agreements, render
from avtale.extract import extract
from avtale.model import Agreement
from conftest import AGREEMENTS
from extract_helpers import content
from test_extract_web_features import FEATURES, _agreement


def _docx(a: Agreement, tmp_path, edit=None, name="a.docx"):
    data = render.render(a, "docx")
    if edit is not None:
        data = _rewrite(data, edit)
    path = tmp_path / name
    path.write_bytes(data)
    result = extract(path)
    assert result.kind == "docx"
    return result.agreement


def _rewrite(data: bytes, edit) -> bytes:
    """The package with each part's text passed through `edit(name, text)` (None: the part left out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            raw = zin.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                text = edit(info.filename, raw.decode("utf-8"))
                if text is None:
                    continue
                raw = text.encode("utf-8")
            zout.writestr(info, raw)
    return out.getvalue()


def _no_note_bookmarks(name: str, text: str) -> str:
    return re.sub(r"<w:bookmark(Start|End) w:id=\"1\d{4}\"[^>]*/>", "", text) if name == "word/footnotes.xml" else text


# -- the example ----------------------------------------------------------------------------------------------

def test_example_reads_back_exactly(tmp_path):
    a = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml")
    assert content(_docx(a, tmp_path)) == content(a)


# -- one feature at a time ------------------------------------------------------------------------------------

# a column without a width shares the line with the others: its width comes back as a number (the DOCX keeps
# the columns' proportions only), so the DOCX round trip of tables gives each column its width
DOCX_FEATURES = {**FEATURES, "tables": {
    "sections": [{"title": "Økonomi", "blocks": [
        "Fordelingen er:",
        {"table": {"caption": "Midler (mill. *kroner*)", "columns": [{"width": 3}, {"width": 1.5, "align": "right"},
                                                                      {"width": 1, "align": "center"}],
                   "header": ["Område", "2026", "Merknad"],
                   "rows": [["Tidlig innsats", "120", ""], ["Samarbeid*", "80", "se [Lovdata](https://lovdata.no)"],
                            ["**Sum**", "**200**", "a | b"]]}},
        {"table": {"header": ["Tiltak", "Ansvar"], "rows": [["Veileder", "KD og KS"]]}},
        {"table": {"columns": [{"align": "left"}, {"align": "right"}], "header": ["A", "B"], "rows": [["1", "2"]]}}]}]}}


@pytest.mark.parametrize("feature", sorted(DOCX_FEATURES))
def test_feature_reads_back_exactly(feature, tmp_path):
    a = _agreement(**DOCX_FEATURES[feature])
    assert content(_docx(a, tmp_path)) == content(a)


# -- footnotes ------------------------------------------------------------------------------------------------

NOTES = dict(
    sections=[{"title": "Formål", "blocks": [
        "Lovene finnes på [Lovdata](https://lovdata.no/register/lover), se merknaden[^kostra].",
        "Rapporteringen[^kostra-2] er som før[^kostra]."]}],
    footnotes={"kostra": "KOSTRA, se [ssb.no/kostra](https://www.ssb.no/offentlig-sektor/kostra).",
               "kostra-2": "Uten lenke."})


def test_a_link_in_a_footnote_keeps_its_own_url_and_loses_the_printed_one(tmp_path):
    """The footnotes part numbers its relationships apart from the body (both have an rId1 here): a note's link
    is resolved in the footnotes part's; « (https://…)» printed after a link (in a note and in the body) is the
    link's url shown on paper, not text."""
    a = _agreement(**NOTES)
    data = render.render(a, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert 'Id="rId1"' in z.read("word/_rels/footnotes.xml.rels").decode()
        body = z.read("word/document.xml").decode()
        notes = z.read("word/footnotes.xml").decode()
    assert "(https://lovdata.no/register/lover)" in body and "(https://www.ssb.no/offentlig-sektor/kostra)" in notes
    got = _docx(a, tmp_path)
    assert got.footnotes["kostra"] == "KOSTRA, se [ssb.no/kostra](https://www.ssb.no/offentlig-sektor/kostra)."
    assert got.sections[0].blocks[0] == "Lovene finnes på [Lovdata](https://lovdata.no/register/lover), se merknaden[^kostra]."


def test_footnote_ids_travel_as_bookmarks_in_the_notes(tmp_path):
    a = _agreement(**NOTES)
    with zipfile.ZipFile(io.BytesIO(render.render(a, "docx"))) as z:
        notes = z.read("word/footnotes.xml").decode()
    assert re.findall(r'<w:bookmarkStart w:id="(\d+)" w:name="([^"]+)"/>', notes) == [("10001", "kostra"),
                                                                                     ("10002", "kostra-2")]
    got = _docx(a, tmp_path)
    assert got.footnotes == a.footnotes
    assert got.sections[0].blocks == a.sections[0].blocks  # a second reference (its number printed) is the note


def test_footnotes_without_bookmarks_are_numbered_as_before(tmp_path):
    got = _docx(_agreement(**NOTES), tmp_path, _no_note_bookmarks)
    assert got.sections[0].blocks[1] == "Rapporteringen[^n2] er som før[^n1]."
    assert set(got.footnotes) == {"n1", "n2"}


# -- tables and marks -----------------------------------------------------------------------------------------

def test_a_bold_header_row_is_no_mark_and_a_word_final_star_stays_bare(tmp_path):
    a = _agreement(sections=[{"title": "Økonomi", "blocks": [
        {"table": {"header": ["Område", "2026"], "rows": [["Samarbeid*", "80"], ["**Sum**", "**200**"]]}},
        "Et tall merket med \\* er et anslag; samarbeid* også."]}])
    got = _docx(a, tmp_path)
    assert got.sections[0].blocks[0].table.header == ["Område", "2026"]
    assert got.sections[0].blocks[0].table.rows == [["Samarbeid*", "80"], ["**Sum**", "**200**"]]
    assert got.sections[0].blocks[1] == "Et tall merket med \\* er et anslag; samarbeid* også."


# -- annexes --------------------------------------------------------------------------------------------------

def test_annex_subsections_lose_their_printed_numbers(tmp_path):
    """An annex's subsection heading is in a heading style whose numbering the paragraph turns off (numId 0):
    no section number is put before it, and its own «1», «1.1» is the annex's numbering, not its title."""
    a = _agreement(**FEATURES["annexes"])
    with zipfile.ZipFile(io.BytesIO(render.render(a, "docx"))) as z:
        assert '<w:numId w:val="0"/>' in z.read("word/document.xml").decode()
    got = _docx(a, tmp_path)
    assert [s.title for s in got.annexes[0].subsections] == ["Oppgaver"]
    assert [s.title for s in got.annexes[0].subsections[0].subsections] == ["Detaljer"]
    assert [x.id for x in got.annexes] == ["mandat", "plan", None]
    assert got.preamble[1] == "Mandatet står i [#mandat], planen i [planen](#plan) og [Vedlegg 2](#plan)."


# -- lists ----------------------------------------------------------------------------------------------------

def test_a_list_item_numbered_as_the_next_section_stays_a_list_item(tmp_path):
    """«3. Kompetanse i tjenestene, særlig» with bullets under it, in section 2 of 3: Word numbers it as a list
    item and the sections are in heading styles, so it is no heading «3.»."""
    a = _agreement(sections=[
        {"title": "Formål", "blocks": ["Tekst."]},
        {"title": "Samarbeid", "blocks": [{"numbered": [
            "Tidlig innsats.", "Samarbeid om utsatte barn.",
            {"text": "Kompetanse i tjenestene, særlig", "bullets": ["videreutdanning,", "veiledning."]}]}]},
        {"title": "Økonomi", "blocks": ["Ingen nye forpliktelser."]}])
    got = _docx(a, tmp_path)
    assert content(got)["sections"] == content(a)["sections"]


def test_a_word_list_without_heading_styles_is_read_as_before(tmp_path):
    """Where no heading style marks the sections, a numbered paragraph may be a section heading: no list hint."""
    from docx_features_maker import Maker

    m = Maker()
    m.title("Avtale om prøve")
    m.para("Avtalen er inngått mellom Kunnskapsdepartementet (KD) og KS. Den gjelder fram til 31. desember 2021.")
    for n, (title, text) in enumerate([("Formål", "Tekst."), ("Plikter", "Andre.")], 1):
        m.para(f"{n}. {title}")
        m.para(text)
    got = extract(m.save(tmp_path / "b.docx")).agreement
    assert [s.title for s in got.sections] == ["Formål", "Plikter"]


# -- parties --------------------------------------------------------------------------------------------------

def _no_custom_properties(name: str, text: str) -> str | None:
    if name == "docProps/custom.xml":
        return None
    if name == "_rels/.rels":
        return re.sub(r"<Relationship [^>]*custom-properties[^>]*/>", "", text)
    if name == "[Content_Types].xml":
        return re.sub(r'<Override PartName="/docProps/custom.xml"[^>]*/>', "", text)
    return text


def test_party_ids_short_names_and_order_travel_as_custom_properties(tmp_path):
    a = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml")
    with zipfile.ZipFile(io.BytesIO(render.render(a, "docx"))) as z:
        custom = z.read("docProps/custom.xml").decode()
    assert re.findall(r'name="(avtale\.party\.\d)"><vt:lpwstr>([^<]+)<', custom)[:2] == [
        ("avtale.party.1", '{"id": "kd", "short": "KD", "name": "Kunnskapsdepartementet"}'),
        ("avtale.party.2", '{"id": "bfd", "short": "BFD", "name": "Barne- og familiedepartementet"}')]
    got = _docx(a, tmp_path)
    assert [(p.id, p.name, p.short) for p in got.parties] == [(p.id, p.name, p.short) for p in a.parties]
    assert [s.party for s in got.signing.signatories] == ["kd", "bfd", "hod", "kdd", "jd", "ks"]


def test_without_the_properties_parties_are_derived_from_the_text(tmp_path):
    """A Word file without avtale's properties (or saved by a program that dropped them): ids from the names."""
    a = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml")
    got = _docx(a, tmp_path, _no_custom_properties)
    assert sorted(p.name for p in got.parties) == sorted(p.name for p in a.parties)
    assert "hod" not in {p.id for p in got.parties} and {p.short for p in got.parties} >= {None}
    assert {s.party for s in got.signing.signatories} == {p.id for p in got.parties}


def test_properties_that_no_longer_match_the_text_are_not_used(tmp_path):
    a = _agreement()
    edit = lambda name, text: text.replace("Kunnskapsdepartementet", "Kulturdepartementet") \
        if name == "docProps/custom.xml" else text  # noqa: E731
    got = _docx(a, tmp_path, edit)
    assert [p.name for p in got.parties] == ["Kunnskapsdepartementet", "KS"]
    assert content(_docx(a, tmp_path, name="b.docx")) == content(a)


# -- signing --------------------------------------------------------------------------------------------------

def test_each_signatory_keeps_their_own_place_and_date(tmp_path):
    """Own places and dates stand in the signatories' columns, under their titles; the block's place and date
    is set only where a line of its own prints it. A row with one date in its middle column gives it to that
    column's signatory (the table's empty cells are tabs in the reader's line)."""
    parties = [{"id": "kd", "name": "Kunnskapsdepartementet", "short": "KD"},
               {"id": "hod", "name": "Helse- og omsorgsdepartementet", "short": "HOD"},
               {"id": "jd", "name": "Justis- og beredskapsdepartementet", "short": "JD"}, {"id": "ks", "name": "KS"}]
    preamble = ["Avtalen er inngått mellom Kunnskapsdepartementet (KD), Helse- og omsorgsdepartementet (HOD), "
                "Justis- og beredskapsdepartementet (JD) og KS. Den gjelder fram til 31. desember 2021."]
    people = [("kd", "Kari Nordmann", "Kunnskapsminister"), ("hod", "Ingrid Hansen", "Helse- og omsorgsminister"),
              ("jd", "Anne Larsen", "Justis- og beredskapsminister"), ("ks", "Ola Nordmann", "Styreleder i KS")]
    for signing in (
        {"place": "Oslo", "date": "2020-03-02"},
        {"place": "Oslo", "date": "2020-03-02", 1: {"date": "2020-03-05"}},
        {1: {"place": "Bergen", "date": "2020-03-05"}, 3: {"date": "2020-03-09"}, 0: {"date": "2020-03-01"},
         2: {"date": "2020-03-01"}},
        {"electronic": True, 1: {"place": "Bodø", "date": "2020-03-05"}, 0: {"date": "2020-03-01"},
         2: {"date": "2020-03-01"}, 3: {"date": "2020-03-01"}},
    ):
        data = {k: v for k, v in signing.items() if isinstance(k, str)}
        data["signatories"] = [{"party": p, "name": n, "title": t, **signing.get(k, {})}
                               for k, (p, n, t) in enumerate(people)]
        a = _agreement(parties=parties, preamble=preamble, signing=data)
        assert content(_docx(a, tmp_path))["signing"] == content(a)["signing"], signing


def test_a_word_signature_table_with_dates_under_the_titles(tmp_path):
    """A Word file made by hand: each column's own date under the title is that signatory's; with a place and
    date line of its own above the table, that line is the block's."""
    from docx_features_maker import Maker, skeleton

    signers = [("Kunnskapsdepartementet", "Kari Nordmann", "Kunnskapsminister", "Oslo, 12. januar 2026"),
               ("KS", "Ola Hansen", "Styreleder", "Bergen, 14. januar 2026")]
    path = skeleton(Maker(), lambda m: m.para("Innledning."), signers=signers, place_date=None).save(tmp_path / "w.docx")
    g = extract(path).agreement.signing
    assert (g.place, g.date) == (None, None)
    assert [(s.name, s.place, s.date.isoformat()) for s in g.signatories] == [
        ("Kari Nordmann", "Oslo", "2026-01-12"), ("Ola Hansen", "Bergen", "2026-01-14")]
    path = skeleton(Maker(), lambda m: m.para("Innledning."), signers=[s[:3] + (None,) for s in signers]
                    ).save(tmp_path / "v.docx")
    g = extract(path).agreement.signing
    assert (g.place, g.date.isoformat()) == ("Oslo", "2026-01-12")
    assert [(s.place, s.date) for s in g.signatories] == [(None, None), (None, None)]


@pytest.mark.parametrize("value", [
    '{"id": "K D", "short": "KD", "name": "Kunnskapsdepartementet"}',        # not an id the schema takes
    '{"id": "kd", "short": "K\\u0000D", "name": "Kunnskapsdepartementet"}',  # a control character
    '{"id": "kd", "short": " KD", "name": "Kunnskapsdepartementet"}',        # a space at the end
    '{"id": "ks", "short": "KD", "name": "Kunnskapsdepartementet"}',         # KS's id twice
])
def test_properties_the_format_would_refuse_are_not_used(value, tmp_path):
    """Properties nobody sees may hold anything: what the schema would refuse is not carried into the YAML."""
    a = _agreement()
    edit = lambda name, text: re.sub(r'(name="avtale\.party\.1"><vt:lpwstr>)[^<]+', lambda m: m.group(1) + value
                                     .replace("&", "&amp;"), text) if name == "docProps/custom.xml" else text  # noqa: E731
    got = _docx(a, tmp_path, edit)
    assert [(p.id, p.short) for p in got.parties] == [("kd", "KD"), ("ks", None)]  # derived from the text
