"""The hard cases named in issue 5, each on a small text nobody tuned for, plus the general shapes."""

from __future__ import annotations

import pytest

from avtale.errors import ExtractError
from avtale.extract import extract
from avtale.model import Bullets, Numbered


def run(tmp_path, text: str, **kw):
    path = tmp_path / "src.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path, **kw)


WRAPPED = """Avtale om samarbeid mellom departementet og kommunesektoren om et langt tema som
går over to linjer

Avtalen er en del av konsultasjonsordningen mellom regjeringen og kommunesektoren
representert ved KS.

1. Formål

Partene skal samarbeide om følgende:

1. Samarbeide om utvikling av tiltak for barn og unge i alle kommuner og
fylkeskommuner.

2. Bidra til bedre styring.

3. Samarbeide om digital kompetanse i barnehage-, grunnskole og videregående
opplæring.

4. Dialog om deltakelse i relevante nasjonale og regionale samarbeidsfora og

utvalg
5. Dialog om tilsyn og veiledning i kommunesektoren og nasjonale organer

6. Oppfølging av evalueringen

 2. Økonomi
Avtalen skal ikke gi nye økonomiske forpliktelser for noen av partene i
avtaleperioden. Samarbeidet gjelder fram til
31. desember 2025, eller til en av partene ønsker å si den opp.

1. mars hvert år skal partene gjøre opp status for samarbeidet i et felles møte.
"""


def test_wrapped_title_and_list_item_five_is_not_section_five(tmp_path):
    a = run(tmp_path, WRAPPED).agreement
    assert a.title == "Avtale om samarbeid mellom departementet og kommunesektoren om et langt tema som går over to linjer"
    assert [s.title for s in a.sections] == ["Formål", "Økonomi"]
    lead, items = a.sections[0].blocks
    assert lead == "Partene skal samarbeide om følgende:"
    assert isinstance(items, Numbered) and len(items.numbered) == 6
    assert items.numbered[2] == "Samarbeide om digital kompetanse i barnehage-, grunnskole og videregående opplæring."


def test_line_starting_with_a_date_is_wrapped_text_and_a_paragraph_may_start_with_a_date(tmp_path):
    a = run(tmp_path, WRAPPED).agreement
    assert a.sections[1].blocks == [
        "Avtalen skal ikke gi nye økonomiske forpliktelser for noen av partene i avtaleperioden. "
        "Samarbeidet gjelder fram til 31. desember 2025, eller til en av partene ønsker å si den opp.",
        "1. mars hvert år skal partene gjøre opp status for samarbeidet i et felles møte.",
    ]
    assert a.period.end.isoformat() == "2025-12-31"


def test_heading_glued_after_page_break(tmp_path):
    text = (
        "Avtale om noe viktig for kommunene\n\n1. Formål\n\nDette er en lang linje med tekst som fyller bredden av siden\n"
        "og fortsetter her med flere ord. Avtalen gjelder fram til 31. desember 2030.\n"
        " 2. Økonomi\n\nIngen nye økonomiske forpliktelser følger av denne avtalen for partene.\n"
    )
    a = run(tmp_path, text).agreement
    assert [s.title for s in a.sections] == ["Formål", "Økonomi"]


def test_later_heading_with_same_number_decides(tmp_path):
    text = (
        "Avtale om samarbeid\n\n1. Formål\n\nTekst om formålet, fram til 31. desember 2030.\n\n"
        "2. Områder\n\nPartene skal:\n\n1. Samarbeide om skole\n\n2. Samarbeide om barnehage\n\n"
        "3. Dialog om utvalg\n\n3. Økonomi\n\nIngen nye forpliktelser.\n"
    )
    result = run(tmp_path, text)
    a = result.agreement
    assert [s.title for s in a.sections] == ["Formål", "Områder", "Økonomi"]
    assert a.sections[1].blocks[1] == Numbered(numbered=["Samarbeide om skole", "Samarbeide om barnehage", "Dialog om utvalg"])
    assert any("read as list item 3" in n for n in result.notes.render("s"))


def test_ocr_dashes_make_one_bullet_list(tmp_path):
    text = "Avtale om noe\n\n1. Tiltak\n\nVi skal:\n— første punkt\n– andre punkt\n- tredje punkt\n• fjerde\n\nfram til 31. desember 2030.\n"
    a = run(tmp_path, text).agreement
    assert a.sections[0].blocks[1] == Bullets(bullets=["første punkt", "andre punkt", "tredje punkt", "fjerde"])


@pytest.mark.parametrize(
    "first, second, joined",
    [
        ("Statsråden er Digitaliserings-", "og forvaltningsminister i regjeringen.", "Digitaliserings- og forvaltningsminister"),
        ("Gjennom KS-", "programmet «Den gode skoleeier» og mer.", "KS-programmet"),
        ("Vi styrker etter-", "og videreutdanning for lærere i skolen.", "etter- og videreutdanning"),
    ],
)
def test_hyphen_at_line_end_is_kept(tmp_path, first, second, joined):
    pad = " ord" * 18
    text = f"Avtale om noe\n\n1. Formål\n\nFørste linje{pad}\nfortsetter her.{pad} {first}\n{second}\n\nfram til 31. desember 2030.\n"
    a = run(tmp_path, text).agreement
    assert joined in a.sections[0].blocks[0]


def test_word_division_joined_when_the_word_occurs_elsewhere(tmp_path):
    pad = " ord" * 18
    text = f"Avtale om noe\n\n1. Formål\n\nKommunesektoren er viktig{pad}\nfortsetter her.{pad} kommune-\nsektoren skal delta.\n\nfram til 31. desember 2030.\n"
    result = run(tmp_path, text)
    assert "kommunesektoren skal delta." in result.agreement.sections[0].blocks[0]
    assert any("word divided" in n for n in result.notes.render("s"))


def test_paragraph_section_numbering_and_subsections(tmp_path):
    text = (
        "Avtale om forvaltning\n\n§ 1 Formål\n\nAvtalen gjelder fram til 31. desember 2027.\n\n"
        "§ 2 Plikter\n\nInnledning.\n\n2.1 Staten\n\nStaten skal:\n\na) gjøre en ting\nb) gjøre en annen\n\n"
        "2.2 KS\n\nKS skal:\n1) delta\n2) melde fra\n"
    )
    a = run(tmp_path, text).agreement
    assert a.numbering == "§ 1"
    s2 = a.sections[1]
    assert [b.title for b in s2.subsections] == ["Staten", "KS"]
    assert s2.subsections[0].blocks[1] == Numbered(numbered=["gjøre en ting", "gjøre en annen"], style="a)")
    assert s2.subsections[1].blocks[1] == Numbered(numbered=["delta", "melde fra"], style="1)")


def test_bare_number_headings(tmp_path):
    text = "Avtale om noe\n\n1 Formål\n\nAvtalen gjelder fram til 31. desember 2027.\n\n2 Økonomi\n\n2 000 kroner er beløpet.\n"
    a = run(tmp_path, text).agreement
    assert a.numbering == "1"
    assert [s.title for s in a.sections] == ["Formål", "Økonomi"]
    assert a.sections[1].blocks == ["2 000 kroner er beløpet."]


def test_unnumbered_headings(tmp_path):
    text = "Avtale om noe\n\nInnledende tekst.\n\nFormål\n\nAvtalen gjelder fram til 31. desember 2027.\n\nØkonomi\n\nIngen nye kostnader.\n"
    a = run(tmp_path, text).agreement
    assert a.numbering == "none"
    assert a.preamble == ["Innledende tekst."]
    assert [s.title for s in a.sections] == ["Formål", "Økonomi"]


def test_three_signatories_in_columns_with_party_rows(tmp_path):
    text = (
        "Avtale om noe\n\n1. Formål\n\nHelse- og omsorgsdepartementet, Kunnskapsdepartementet og KS samarbeider "
        "fram til 31. desember 2027.\n\nBergen, 3. mars 2024\n\n"
        "For Helse- og omsorgsdepartementet\tFor Kunnskapsdepartementet\tFor KS\n"
        "Ola Nordmann\t\tKari Nordmann      Per Hansen\n"
        "Helse- og omsorgsminister\tKunnskapsminister\tStyreleder\n"
    )
    a = run(tmp_path, text).agreement
    assert a.signing.place == "Bergen" and a.signing.date.isoformat() == "2024-03-03"
    got = [(s.party, s.name, s.title) for s in a.signing.signatories]
    ids = [p.id for p in a.parties]
    assert [p.name for p in a.parties] == ["Helse- og omsorgsdepartementet", "Kunnskapsdepartementet", "KS"]
    assert got == [(ids[0], "Ola Nordmann", "Helse- og omsorgsminister"), (ids[1], "Kari Nordmann", "Kunnskapsminister"), ("ks", "Per Hansen", "Styreleder")]


def test_party_rows_read_cell_by_cell(tmp_path):
    """LibreOffice's text export reads a signature table cell by cell: «For X», name, title, «For Y», …"""
    text = (
        "Avtale om noe\n\n1. Formål\n\nKunnskapsdepartementet og KS samarbeider fram til 31. desember 2027.\n\n"
        "Oslo, 7. november 2024\n"
        "For Kunnskapsdepartementet\nKari Nordmann\nKunnskapsminister\nFor KS\nPer Hansen\nLeder KS\n"
    )
    a = run(tmp_path, text).agreement
    names = {p.id: p.name for p in a.parties}
    got = [(names[s.party], s.name, s.title) for s in a.signing.signatories]
    assert got == [("Kunnskapsdepartementet", "Kari Nordmann", "Kunnskapsminister"), ("KS", "Per Hansen", "Leder KS")]


def test_signatories_one_under_another_and_nynorsk(tmp_path):
    text = (
        "Avtale om kvalitetsutvikling i skulen\n\n1. Føremål\n\nPartane skal ikkje gjere dette åleine, men saman med "
        "kommunane fram til 31. desember 2027. Det er berre eit døme.\n\nOslo, 1. februar 2024\n\n"
        "Kari Nordmann\nKunnskapsminister\n\nPer Hansen\nLeiar KS\n"
    )
    a = run(tmp_path, text).agreement
    assert a.language == "nn"
    assert [(s.name, s.title) for s in a.signing.signatories] == [("Kari Nordmann", "Kunnskapsminister"), ("Per Hansen", "Leiar KS")]
    assert [(p.id, p.name) for p in a.parties] == [("kunnskapsdepartementet", "Kunnskapsdepartementet"), ("ks", "KS")]
    assert [s.party for s in a.signing.signatories] == ["kunnskapsdepartementet", "ks"]


def test_page_numbers_and_running_headers_dropped(tmp_path):
    text = (
        "Avtale om noe\n\nAvtale om noe – utkast\n1. Formål\n\nFørste avsnitt.\nSide 1 av 3\n\f"
        "Avtale om noe – utkast\nAndre avsnitt fram til 31. desember 2027.\n- 2 -\n\f"
        "Avtale om noe – utkast\n2. Økonomi\n\nTredje avsnitt.\nSide 3 av 3\n"
    )
    result = run(tmp_path, text)
    a = result.agreement
    assert a.title == "Avtale om noe"
    assert a.sections[0].blocks == ["Første avsnitt.", "Andre avsnitt fram til 31. desember 2027."]
    notes = "\n".join(result.notes.render("s"))
    assert "«Side 1 av 3» (page number)" in notes and "«- 2 -» (page number)" in notes
    assert notes.count("running header") == 3


@pytest.mark.parametrize(
    "payload, message",
    [
        (b"", "file is empty"),
        (b"\x00\x01\x02binary", "binary data"),
        (b"Bare en linje med tekst uten struktur.\n", "no numbered or marked section headings"),
    ],
)
def test_hostile_input_is_one_error(tmp_path, payload, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(payload)
    with pytest.raises(ExtractError) as info:
        extract(path)
    assert message in str(info.value) and str(path) in str(info.value)


def test_no_end_date_needs_option(tmp_path):
    text = "Avtale om noe\n\n1. Formål\n\nTekst.\n"
    with pytest.raises(ExtractError, match="--end"):
        run(tmp_path, text)
    assert run(tmp_path, text, end=__import__("datetime").date(2030, 1, 1)).agreement.period.end.year == 2030


def test_two_divisions_one_into_a_ministry_word_make_a_hyphenated_text(tmp_path):
    """A typeset PDF's text (pypdf shows the division as «-»): «beredskapsdepar-» + «tementet» ends in the word
    every ministry's name ends in, so the text is hyphenated and «sikkerhetsmyn-» + «digheit» is a division too;
    one real hyphen alone («e-» / «post») is kept."""
    pad = " ord" * 18
    text = (f"Avtale om noe\n\n1. Formål\n\nAvtalen er inngått mellom Justis- og beredskapsdepar-\ntementet og KS.{pad}\n"
            f"Vi samarbeider med Nasjonal sikkerhetsmyn-\ndigheit om dette.\n\nfram til 31. desember 2030.\n")
    block = run(tmp_path, text).agreement.sections[0].blocks[0]
    assert "Justis- og beredskapsdepartementet og KS." in block and "Nasjonal sikkerhetsmyndigheit om" in block
    single = f"Avtale om noe\n\n1. Formål\n\nSvar kommer på e-\npost til alle.{pad}\n\nfram til 31. desember 2030.\n"
    assert "e-post" in run(tmp_path, single).agreement.sections[0].blocks[0]
