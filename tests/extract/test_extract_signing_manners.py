"""Common Norwegian manners of a signature block, page numbering and list bullets, each read exactly from plain text.

Every text is a whole small agreement as an export of a Word document or a PDF leaves it (a title, a preamble naming
the parties, numbered sections, blank lines between paragraphs, then the block); what is asserted is what the YAML
holds: the parties, the signing (place, date, `electronic`, each signatory's name, title and party) and the sections
with their blocks, so that nothing of the block stays in the last section and nothing of the section goes into it.
"""

from __future__ import annotations

import pytest
import yaml

from avtale.extract import extract


def run(tmp_path, text: str):
    path = tmp_path / "avtale.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path)


def data(tmp_path, text: str) -> dict:
    """The YAML `avtale extract` writes, read back (dates as ISO strings)."""
    return yaml.load(run(tmp_path, text).yaml(), Loader=yaml.BaseLoader)


KD_KS = """Avtale om samarbeid om kvalitet i skolen

Kunnskapsdepartementet og KS inngår denne avtalen om samarbeid for bedre kvalitet i grunnopplæringen.

1. Formål

Partene skal samarbeide om kvalitet i skolen og følge opp arbeidet sammen.

2. Ansvar

Partene har hver sitt ansvar for oppfølgingen av avtalen i sine egne organer.

3. Varighet

Avtalen gjelder fram til 31. desember 2027.

"""
KD_KS_PARTIES = [{"id": "kunnskapsdepartementet", "name": "Kunnskapsdepartementet"}, {"id": "ks", "name": "KS"}]
KD_KS_SECTIONS = [
    {"title": "Formål", "blocks": ["Partene skal samarbeide om kvalitet i skolen og følge opp arbeidet sammen."]},
    {"title": "Ansvar", "blocks": ["Partene har hver sitt ansvar for oppfølgingen av avtalen i sine egne organer."]},
    {"title": "Varighet", "blocks": ["Avtalen gjelder fram til 31. desember 2027."]},
]

NN_THREE = """Avtale om samarbeid om helse og omsorg i kommunane

Kommunal- og distriktsdepartementet, Helse- og omsorgsdepartementet og KS inngår denne avtalen om samarbeid.

1. Føremål

Partane skal samarbeide om gode tenester til innbyggjarane i heile landet.

2. Ansvar

Partane har kvar sitt ansvar for oppfølginga av avtalen.

3. Varigheit

Avtalen gjeld fram til 31. desember 2028.

"""
NN_THREE_PARTIES = [
    {"id": "kommunal-og-distriktsdepartementet", "name": "Kommunal- og distriktsdepartementet"},
    {"id": "helse-og-omsorgsdepartementet", "name": "Helse- og omsorgsdepartementet"},
    {"id": "ks", "name": "KS"},
]
NN_THREE_SECTIONS = [
    {"title": "Føremål", "blocks": ["Partane skal samarbeide om gode tenester til innbyggjarane i heile landet."]},
    {"title": "Ansvar", "blocks": ["Partane har kvar sitt ansvar for oppfølginga av avtalen."]},
    {"title": "Varigheit", "blocks": ["Avtalen gjeld fram til 31. desember 2028."]},
]
NN_THREE_SIGNERS = [
    {"party": "kommunal-og-distriktsdepartementet", "name": "Sigbjørn Gjelsvik", "title": "kommunal- og distriktsminister"},
    {"party": "helse-og-omsorgsdepartementet", "name": "Jan Christian Vestre", "title": "helse- og omsorgsminister"},
    {"party": "ks", "name": "Gunn Marit Helgesen", "title": "styreleiar i KS"},
]
KD_KS_SIGNERS = [
    {"party": "kunnskapsdepartementet", "name": "Kari Nordmann", "title": "kunnskapsminister"},
    {"party": "ks", "name": "Ola Hansen", "title": "styreleder i KS"},
]


def check(got: dict, parties, sections, signing) -> None:
    assert got["parties"] == parties
    assert got["sections"] == sections
    assert got["signing"] == signing
    assert got["status"] == "signed"


# --- the state's note on electronic approval, and other electronic-signing notes ---------------------------------
def test_the_ministries_note_on_electronic_approval_with_names_and_titles_on_one_line(tmp_path):
    """The whole block used to stay in the last section: the twelve-word note, «Sted og dato: …» and «Name, title»."""
    text = KD_KS + ("Sted og dato: Oslo, 12. mars 2024\n\n"
                    "For Kunnskapsdepartementet\nKari Nordmann, kunnskapsminister\n\n"
                    "For KS\nOla Hansen, styreleder i KS\n\n"
                    "Dokumentet er elektronisk godkjent og har derfor ikke håndskrevne signaturer.\n")
    check(data(tmp_path, text), KD_KS_PARTIES, KD_KS_SECTIONS,
          {"place": "Oslo", "date": "2024-03-12", "electronic": "true", "signatories": KD_KS_SIGNERS})


def test_the_nynorsk_note_wrapped_by_a_pdf_export_with_three_signatories_in_tab_columns(tmp_path):
    text = NN_THREE + (
        "Stad og dato: Bergen, 4. mai 2025\n\n"
        "Dokumentet er elektronisk godkjent og har difor ikkje\nhandskrivne signaturar.\n\n"
        "For Kommunal- og distriktsdepartementet\tFor Helse- og omsorgsdepartementet\tFor KS\n\n"
        "Sigbjørn Gjelsvik, kommunal- og distriktsminister\tJan Christian Vestre, helse- og omsorgsminister\t"
        "Gunn Marit Helgesen, styreleiar i KS\n")
    check(data(tmp_path, text), NN_THREE_PARTIES, NN_THREE_SECTIONS,
          {"place": "Bergen", "date": "2025-05-04", "electronic": "true", "signatories": NN_THREE_SIGNERS})


@pytest.mark.parametrize("note", [
    "Avtalen er elektronisk signert av partene.",
    "Signert elektronisk",
    "Elektronisk signert",
    "Avtalen er signert digitalt.",
    "Avtalen er godkjent elektronisk.",
    "Dokumentet er elektronisk godkjent og har derfor ikke håndskrevne signaturer.",
])
def test_an_electronic_signing_note_is_a_note_never_a_signatory_nor_a_paragraph(tmp_path, note):
    text = KD_KS + f"Tromsø, 2. juni 2025\n\n{note}\n\nKari Nordmann\nkunnskapsminister\n\nOla Hansen\nstyreleder i KS\n"
    got = data(tmp_path, text)
    check(got, KD_KS_PARTIES, KD_KS_SECTIONS, {"place": "Tromsø", "date": "2025-06-02", "electronic": "true",
                                               "signatories": KD_KS_SIGNERS})


def test_the_note_after_the_signatures_of_three_in_nynorsk(tmp_path):
    text = NN_THREE + (
        "Trondheim, 9. september 2025\n\n"
        "Sigbjørn Gjelsvik\nkommunal- og distriktsminister\n\n"
        "Jan Christian Vestre\nhelse- og omsorgsminister\n\n"
        "Gunn Marit Helgesen\nstyreleiar i KS\n\n"
        "Dokumentet er elektronisk godkjent og har difor ikkje handskrivne signaturar.\n")
    check(data(tmp_path, text), NN_THREE_PARTIES, NN_THREE_SECTIONS,
          {"place": "Trondheim", "date": "2025-09-09", "electronic": "true",
           "signatories": NN_THREE_SIGNERS})


def test_a_body_sentence_on_electronic_signing_is_a_paragraph(tmp_path):
    """A sentence that mentions «elektronisk» in the body, and as the last paragraph before the block, stays a
    paragraph: it is no note, so the agreement is not electronically signed."""
    text = KD_KS.replace(
        "Partene har hver sitt ansvar for oppfølgingen av avtalen i sine egne organer.\n",
        "Partene har hver sitt ansvar for oppfølgingen av avtalen i sine egne organer.\n\n"
        "Kommunene skal ta i bruk elektronisk signering i sine tjenester.\n").replace(
        "Avtalen gjelder fram til 31. desember 2027.\n",
        "Avtalen gjelder fram til 31. desember 2027.\n\nDokumentene skal godkjennes elektronisk av partene.\n")
    text += "Oslo, 12. mars 2024\n\n____________________\nKari Nordmann\nkunnskapsminister\n\n" \
            "____________________\nOla Hansen\nstyreleder i KS\n"
    got = data(tmp_path, text)
    sections = [dict(s) for s in KD_KS_SECTIONS]
    sections[1] = {"title": "Ansvar", "blocks": sections[1]["blocks"] + [
        "Kommunene skal ta i bruk elektronisk signering i sine tjenester."]}
    sections[2] = {"title": "Varighet", "blocks": sections[2]["blocks"] + [
        "Dokumentene skal godkjennes elektronisk av partene."]}
    check(got, KD_KS_PARTIES, sections, {"place": "Oslo", "date": "2024-03-12", "signatories": KD_KS_SIGNERS})
    assert "electronic" not in got["signing"]


# --- «Sted og dato: …» on one line -------------------------------------------------------------------------------
@pytest.mark.parametrize("line, place, date", [
    ("Sted og dato: Oslo, 12. mars 2024", "Oslo", "2024-03-12"),
    ("Sted/dato: Hamar 01.06.2025", "Hamar", "2025-06-01"),
    ("Sted, dato: Bodø, 3. februar 2026", "Bodø", "2026-02-03"),
    ("Sted og dato:\nOslo, 12. mars 2024", "Oslo", "2024-03-12"),  # the label alone, its value below
])
def test_place_and_date_behind_one_label_with_underscore_lines(tmp_path, line, place, date):
    text = KD_KS + (f"{line}\n\n____________________________\t____________________________\n"
                    "Kari Nordmann\tOla Hansen\nkunnskapsminister\tstyreleder i KS\n")
    check(data(tmp_path, text), KD_KS_PARTIES, KD_KS_SECTIONS,
          {"place": place, "date": date, "signatories": KD_KS_SIGNERS})


def test_place_and_date_behind_the_nynorsk_label_after_the_signatures(tmp_path):
    text = NN_THREE + (
        "For Kommunal- og distriktsdepartementet\n____________________\nSigbjørn Gjelsvik\nkommunal- og distriktsminister\n\n"
        "For Helse- og omsorgsdepartementet\n____________________\nJan Christian Vestre\nhelse- og omsorgsminister\n\n"
        "For KS\n____________________\nGunn Marit Helgesen\nstyreleiar i KS\n\n"
        "Stad og dato: Ålesund, 20. oktober 2025\n")
    check(data(tmp_path, text), NN_THREE_PARTIES, NN_THREE_SECTIONS,
          {"place": "Ålesund", "date": "2025-10-20", "signatories": NN_THREE_SIGNERS})


# --- «Name, title» on one line --------------------------------------------------------------------------------------
def test_name_and_title_on_one_line_under_for_rows_and_lines_with_place_and_date_labelled(tmp_path):
    text = KD_KS + ("For Kunnskapsdepartementet\n\n____________________________\nKari Nordmann, kunnskapsminister\n\n"
                    "For KS\n\n____________________________\nOla Hansen, styreleder i KS\n\nSted: Bodø\nDato: 3. mars 2025\n")
    check(data(tmp_path, text), KD_KS_PARTIES, KD_KS_SECTIONS,
          {"place": "Bodø", "date": "2025-03-03", "signatories": KD_KS_SIGNERS})


def test_name_and_title_on_one_line_in_tab_columns_of_two(tmp_path):
    text = KD_KS + ("Oslo, 12. mars 2024\n\nFor Kunnskapsdepartementet\tFor KS\n\n"
                    "____________________________\t____________________________\n"
                    "Kari Nordmann, kunnskapsminister\tOla Hansen, styreleder i KS\n")
    check(data(tmp_path, text), KD_KS_PARTIES, KD_KS_SECTIONS,
          {"place": "Oslo", "date": "2024-03-12", "signatories": KD_KS_SIGNERS})


def test_name_and_title_on_one_line_stacked_three_in_nynorsk(tmp_path):
    text = NN_THREE + (
        "Bergen, 4. mai 2025\n\n"
        "For Kommunal- og distriktsdepartementet\n\nSigbjørn Gjelsvik, kommunal- og distriktsminister\n\n"
        "For Helse- og omsorgsdepartementet\n\nJan Christian Vestre, helse- og omsorgsminister\n\n"
        "For KS\n\nGunn Marit Helgesen, styreleiar i KS\n")
    check(data(tmp_path, text), NN_THREE_PARTIES, NN_THREE_SECTIONS,
          {"place": "Bergen", "date": "2025-05-04", "signatories": NN_THREE_SIGNERS})


# --- «(sign.)» ------------------------------------------------------------------------------------------------------
def test_sign_mark_after_the_name_stacked(tmp_path):
    text = KD_KS + ("Oslo, 12. mars 2024\n\nFor Kunnskapsdepartementet\nKari Nordmann (sign.)\nkunnskapsminister\n\n"
                    "For KS\nOla Hansen (sign.)\nstyreleder i KS\n")
    check(data(tmp_path, text), KD_KS_PARTIES, KD_KS_SECTIONS,
          {"place": "Oslo", "date": "2024-03-12", "signatories": KD_KS_SIGNERS})


def test_sign_mark_where_the_signature_would_be_in_tab_columns_of_three(tmp_path):
    text = NN_THREE + (
        "Stad og dato: Bergen, 4. mai 2025\n\n"
        "For Kommunal- og distriktsdepartementet\tFor Helse- og omsorgsdepartementet\tFor KS\n\n"
        "(sign.)\t(sign.)\t(sign.)\n"
        "Sigbjørn Gjelsvik\tJan Christian Vestre\tGunn Marit Helgesen\n"
        "kommunal- og distriktsminister\thelse- og omsorgsminister\tstyreleiar i KS\n")
    check(data(tmp_path, text), NN_THREE_PARTIES, NN_THREE_SECTIONS,
          {"place": "Bergen", "date": "2025-05-04", "signatories": NN_THREE_SIGNERS})


def test_sign_mark_alone_and_after_a_name_without_for_rows_nor_date_line_order(tmp_path):
    """«sign.» alone over one name, «(sign.)» after the other and its title on the same line; the place and date after
    the signatures."""
    text = KD_KS + ("sign.\nKari Nordmann\nkunnskapsminister\n\nOla Hansen (sign.), styreleder i KS\n\n"
                    "Lillehammer, 30. august 2027\n")
    check(data(tmp_path, text), KD_KS_PARTIES, KD_KS_SECTIONS,
          {"place": "Lillehammer", "date": "2027-08-30", "signatories": KD_KS_SIGNERS})


# --- page numbers «2 (5)» and «Side 2 (5)» --------------------------------------------------------------------------
PAGED = """Avtale om samarbeid om digitalisering i kommunesektoren

Digitaliserings- og forvaltningsdepartementet og KS inngår denne avtalen.

1. Formål

Partene skal samarbeide om felles digitale løsninger for innbyggerne og næringslivet.

{folio1}
\f2. Ansvar

Partene skal følge opp arbeidet i et felles forum som møtes to ganger i året.

{folio2}
\f3. Varighet

Avtalen gjelder fram til 31. desember 2029.

Oslo, 1. april 2026

For Digitaliserings- og forvaltningsdepartementet
Karianne Tung, digitaliserings- og forvaltningsminister

For KS
Gunn Marit Helgesen, styreleder i KS

{folio3}
"""
PAGED_SECTIONS = [
    {"title": "Formål", "blocks": ["Partene skal samarbeide om felles digitale løsninger for innbyggerne og næringslivet."]},
    {"title": "Ansvar", "blocks": ["Partene skal følge opp arbeidet i et felles forum som møtes to ganger i året."]},
    {"title": "Varighet", "blocks": ["Avtalen gjelder fram til 31. desember 2029."]},
]
PAGED_SIGNING = {"place": "Oslo", "date": "2026-04-01", "signatories": [
    {"party": "digitaliserings-og-forvaltningsdeparteme", "name": "Karianne Tung",  # an id is 40 characters at most
     "title": "digitaliserings- og forvaltningsminister"},
    {"party": "ks", "name": "Gunn Marit Helgesen", "title": "styreleder i KS"}]}


@pytest.mark.parametrize("folio", ["{n} (3)", "Side {n} (3)", "side {n} (3)"])
def test_page_numbers_with_the_page_count_in_brackets_are_dropped(tmp_path, folio):
    text = PAGED.format(**{f"folio{n}": folio.format(n=n) for n in (1, 2, 3)})
    x = run(tmp_path, text)
    got = yaml.load(x.yaml(), Loader=yaml.BaseLoader)
    assert got["sections"] == PAGED_SECTIONS
    assert got["signing"] == PAGED_SIGNING
    dropped = {n.message for n in x.notes.items if n.kind == "dropped"}
    assert {f"«{folio.format(n=n)}» (page number)" for n in (1, 2, 3)} <= dropped


@pytest.mark.parametrize("folio", ["{n} (2)", "Side {n} (2)"])
def test_a_heading_number_alone_on_its_line_stays_among_page_numbers_in_brackets(tmp_path, folio):
    """pdftotext set each heading's number on a line of its own («2» / «Ansvar»); the folios go, the numbers stay the
    headings' (the numbering «1» is read from them)."""
    text = ("Avtale om samarbeid om digitalisering i kommunesektoren\n\n"
            "Digitaliserings- og forvaltningsdepartementet og KS inngår denne avtalen.\n\n"
            "1\n\nFormål\n\nPartene skal samarbeide om felles digitale løsninger for innbyggerne og næringslivet.\n\n"
            "2\n\nAnsvar\n\nPartene skal følge opp arbeidet i et felles forum som møtes to ganger i året.\n\n"
            f"{folio.format(n=1)}\n\fForumet ledes av departementet og møtes første gang i løpet av våren.\n\n"
            "3\n\nVarighet\n\nAvtalen gjelder fram til 31. desember 2029.\n\nOslo, 1. april 2026\n\n"
            "For Digitaliserings- og forvaltningsdepartementet\nKarianne Tung, digitaliserings- og forvaltningsminister\n\n"
            f"For KS\nGunn Marit Helgesen, styreleder i KS\n\n{folio.format(n=2)}\n")
    got = data(tmp_path, text)
    assert got["numbering"] == "1"
    assert got["sections"] == [
        PAGED_SECTIONS[0],
        {"title": "Ansvar", "blocks": PAGED_SECTIONS[1]["blocks"] + [
            "Forumet ledes av departementet og møtes første gang i løpet av våren."]},
        PAGED_SECTIONS[2],
    ]
    assert got["signing"] == PAGED_SIGNING


# --- typed and Wingdings bullets ------------------------------------------------------------------------------------
LISTED = """Avtale om samarbeid om {topic}

{parties} inngår denne avtalen.

1. Formål

Partene skal:

{b} bidra med midler til arbeidet i kommunene
{b} følge opp arbeidet i faste møter
{b} rapportere om resultatene hvert år

2. Varighet

Avtalen gjelder fram til 31. desember 2030.

Oslo, 5. mai 2026

Kari Nordmann
kunnskapsminister

Ola Hansen
styreleder i KS
"""


@pytest.mark.parametrize("b", ["►", "▸", "▶", "➢", "➤", "✓", "✔", "◆", "♦", "❖", "□", "→", "▪", "-", "–", "•"])
def test_typed_bullet_characters_make_a_list(tmp_path, b):
    got = data(tmp_path, LISTED.format(b=b, topic="kvalitet i skolen", parties="Kunnskapsdepartementet og KS"))
    assert got["sections"][0] == {"title": "Formål", "blocks": ["Partene skal:", {"bullets": [
        "bidra med midler til arbeidet i kommunene", "følge opp arbeidet i faste møter",
        "rapportere om resultatene hvert år"]}]}
    assert got["sections"][1] == {"title": "Varighet", "blocks": ["Avtalen gjelder fram til 31. desember 2030."]}


def test_bullets_exported_with_tabs_and_lone_on_their_lines(tmp_path):
    """Word's typed «►<tab>item», and pdftotext's column of lone «✓» labels before the items."""
    tabbed = LISTED.format(b="►", topic="helse", parties="Helse- og omsorgsdepartementet og KS").replace("► ", "►\t")
    got = data(tmp_path, tabbed)
    assert got["sections"][0]["blocks"][1] == {"bullets": [
        "bidra med midler til arbeidet i kommunene", "følge opp arbeidet i faste møter",
        "rapportere om resultatene hvert år"]}
    lone = LISTED.format(b="✓", topic="helse", parties="Helse- og omsorgsdepartementet og KS").replace(
        "✓ bidra med midler til arbeidet i kommunene\n✓ følge opp arbeidet i faste møter\n"
        "✓ rapportere om resultatene hvert år\n",
        "✓\n✓\n✓\n\nbidra med midler til arbeidet i kommunene\nfølge opp arbeidet i faste møter\n"
        "rapportere om resultatene hvert år\n")
    got = data(tmp_path, lone)
    assert got["sections"][0]["blocks"][1] == {"bullets": [
        "bidra med midler til arbeidet i kommunene", "følge opp arbeidet i faste møter",
        "rapportere om resultatene hvert år"]}
