"""Letterheads (`avtale.extract.letterhead`): the organisations' names above the title are nobody's text, and
the names they show, in their order, are evidence for the parties; each rule on a small realistic text shaped
as an exporter writes a narrow-celled letterhead table."""

from __future__ import annotations

from avtale.extract import clean
from avtale.extract.lines import Line, Notes


def cleaned(text: str) -> tuple[list[str], list[str]]:
    """The kept non-blank lines and the letterhead's names."""
    lines = [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]
    kept, orgs = clean.clean(lines, Notes())
    return [ln.text for ln in kept if not ln.blank()], orgs


BODY = (
    "Avtale om heiltidskultur i helse- og omsorgstenestene\n"
    "Avtalen er inngått mellom Helse- og omsorgsdepartementet, Kunnskapsdepartementet og KS.\n"
    "1. Bakgrunn\n"
    "Kommunane treng fleire fagfolk i faste stillingar.\n"
    "Oslo, 2. mai 2025\n"
    "Helse- og omsorgsminister\tKunnskapsminister\tStyreleiar i KS\n"
)


def test_cells_one_under_another_with_words_broken_inside_cells():
    """pypdf: each cell's lines one under another, no blank line before the title; Word broke the long
    words where the cell ended («Kunnskapsdep» / «artementet»)."""
    got, orgs = cleaned("Helse- og\nomsorgsdeparteme\nntet\nKunnskapsdep\nartementet\nKS\n" + BODY)
    assert got[0] == "Avtale om heiltidskultur i helse- og omsorgstenestene"
    assert orgs[:3] == ["Helse- og omsorgsdepartementet", "Kunnskapsdepartementet", "KS"]


def test_layout_rows_of_a_letterhead_table():
    """pdftotext -layout: the table's rows, each column's first word in the first row."""
    text = ("Helse- og               Kunnskapsdep        KS\n"
            "omsorgsdepartemen       artementet\n"
            "tet\n\n\n" + BODY)
    got, orgs = cleaned(text)
    assert got[0] == "Avtale om heiltidskultur i helse- og omsorgstenestene"
    assert orgs[:3] == ["Helse- og omsorgsdepartementet", "Kunnskapsdepartementet", "KS"]


def test_a_tail_of_one_letter_in_a_row_of_a_letterhead():
    """A narrow cell broke «Kunnskapsdepartemente» / «t»: the lone «t» is a tail, and the rows under it too."""
    text = ("Helse- og               Kunnskapsdepartemente   KS\n"
            "omsorgsdepartemen       t\n"
            "tet\n\n\n" + BODY)
    got, orgs = cleaned(text)
    assert got[0] == "Avtale om heiltidskultur i helse- og omsorgstenestene"
    assert orgs[:3] == ["Helse- og omsorgsdepartementet", "Kunnskapsdepartementet", "KS"]


def test_the_letterhead_in_a_different_order_than_the_preamble_keeps_its_order():
    got, orgs = cleaned("KS\nKunnskapsdep\nartementet\nHelse- og\nomsorgsdepartementet\n" + BODY)
    assert orgs[:3] == ["KS", "Kunnskapsdepartementet", "Helse- og omsorgsdepartementet"]


def test_a_name_only_a_minister_title_names_is_read_from_its_pieces():
    """The text never writes «Justis- og beredskapsdepartementet» whole; the signature's title names it."""
    text = ("Justis- og\nberedskapsdepart\nementet\nKS\n"
            "Samarbeid om beredskap i kommunane\nPartane er staten og KS.\n1. Føremål\nTekst.\n"
            "Justis- og beredskapsminister\tStyreleiar i KS\n")
    got, orgs = cleaned(text)
    assert got[0] == "Samarbeid om beredskap i kommunane"
    assert orgs[:2] == ["Justis- og beredskapsdepartementet", "KS"]


def test_a_title_of_words_that_open_names_is_no_letterhead():
    """«Helse og omsorg» opens «Helse- og omsorgsdepartementet», but a cell keeps the hyphen and a broken
    piece is long: the title stays."""
    got, orgs = cleaned("Helse og omsorg\nAvtalen er inngått mellom Helse- og omsorgsdepartementet og KS.\n1. Bakgrunn\nTekst.\n")
    assert got[0] == "Helse og omsorg"
    assert orgs == []


def test_a_preamble_listing_the_parties_is_no_letterhead():
    """A text without a title opens with the preamble; its names end in commas and go on into a sentence."""
    text = ("Helse- og omsorgsdepartementet, Kunnskapsdepartementet,\n"
            "og KS inngår denne avtalen om heiltidskultur.\n1. Bakgrunn\nTekst.\n")
    got, _ = cleaned(text)
    assert got[0] == "Helse- og omsorgsdepartementet, Kunnskapsdepartementet,"


def test_letterhead_named_again_over_the_signatures_is_no_running_header():
    """LibreOffice's text: one name a line above the title, the same lines again over the signatures; the
    first is the letterhead's, not a header repeated at page tops."""
    text = ("Kunnskapsdepartementet\nKS\n\nAvtale om lærlingar\n"
            "Avtalen er inngått mellom Kunnskapsdepartementet og KS.\n1. Bakgrunn\nTekst.\n"
            "Kunnskapsdepartementet\nKS\nKari Nordmann\nOla Hansen\n")
    got, orgs = cleaned(text)
    assert got[0] == "Avtale om lærlingar"
    assert got[-4:] == ["Kunnskapsdepartementet", "KS", "Kari Nordmann", "Ola Hansen"]
    assert orgs == ["Kunnskapsdepartementet", "KS"]


def test_running_header_over_the_letterhead_leaves_the_title_under_the_letterhead():
    """pypdf without page breaks: the running header (the title) tops every page, the first over the
    letterhead; the title under the letterhead is the title, not the header again."""
    text = ("Avtale om skulehelsetenesta\nKunnskapsdepartementet\nHelse- og\nomsorgsdepartementet\nKS\n"
            "Avtale om skulehelsetenesta\nAvtalen er inngått mellom Kunnskapsdepartementet, Helse- og\n"
            "omsorgsdepartementet og KS.\n1 Føremål\nTekst om føremålet.\n- 1 -\n"
            "Avtale om skulehelsetenesta\n2 Ansvar\nTekst om ansvar.\n")
    got, orgs = cleaned(text)
    assert got[:2] == ["Avtale om skulehelsetenesta", "Avtalen er inngått mellom Kunnskapsdepartementet, Helse- og"]
    assert "2 Ansvar" == got[got.index("Tekst om føremålet.") + 1]
    assert orgs[:3] == ["Kunnskapsdepartementet", "Helse- og omsorgsdepartementet", "KS"]


def test_a_preamble_line_that_ends_in_names_is_no_letterhead():
    """pypdf, no title: the preamble's first line holds only names, but its «og» follows a whole name."""
    text = ("Helse- og omsorgsdepartementet og\nKunnskapsdepartementet inngår denne avtalen om heiltidskultur.\n"
            "1. Bakgrunn\nTekst.\n")
    got, _ = cleaned(text)
    assert got[0] == "Helse- og omsorgsdepartementet og"


def test_a_ministry_logo_with_its_formal_name():
    """Text read off ministries' logos (OCR, or a logo set as text): «Det kongelige» over the ministry's
    name in the indefinite form, in capitals or not, in columns or one under another."""
    body = ("Avtale om leksehjelp\nAvtalen er inngått mellom Kunnskapsdepartementet, Helse- og\n"
            "omsorgsdepartementet og KS.\n1. Bakgrunn\nTekst.\n")
    got, orgs = cleaned("DET KONGELIGE            Det kongelige                    KS\n"
                        "KUNNSKAPSDEPARTEMENT     helse- og omsorgsdepartement\n\n" + body)
    assert got[0] == "Avtale om leksehjelp"
    assert orgs[:3] == ["Kunnskapsdepartementet", "Helse- og omsorgsdepartementet", "KS"]
    got, orgs = cleaned("Det kongelege\nkunnskapsdepartement\nKS\n" + body)
    assert got[0] == "Avtale om leksehjelp"
    assert orgs[:2] == ["Kunnskapsdepartementet", "KS"]
    got, orgs = cleaned("Det kongelige finansdepartement\n" + body)
    assert got[0] == "Avtale om leksehjelp" and orgs == ["Finansdepartementet"]


def test_logo_text_in_capitals_but_not_a_title_in_capitals():
    body = "Avtalen er inngått mellom Kunnskapsdepartementet og KS.\n1. Bakgrunn\nTekst.\n"
    got, orgs = cleaned("KUNNSKAPSDEPARTEMENTET     KS\n\nSAMARBEIDSAVTALE\n" + body)
    assert got[0] == "SAMARBEIDSAVTALE"
    assert orgs == ["Kunnskapsdepartementet", "KS"]
    got, _ = cleaned("KULTUR- OG\nLIKESTILLINGSDEPARTEMENTET\nNAV\nSAMARBEIDSAVTALE\n" + body)
    assert got[0] == "SAMARBEIDSAVTALE"


def test_ocr_rows_of_a_letterhead_read_without_their_columns():
    """Tesseract reads a letterhead table row by row with single spaces: the first row's halves do not
    join the second row's first tail («Kommunal- og» + «fiskeridepartementet» is no ministry), and a
    logo's name over two lines is read whole («… Kommunesektorens» / «organisasjon»)."""
    text = ("Nærings- og Barne- og Kommunal- og\n"
            "fiskeridepartementet familiedepartementet distriktsdepartementet\n\n"
            "Iks | Kommunesektorens\norganisasjon\n\n"
            "Samarbeidsavtale om forenkling\n"
            "Nærings- og fiskeridepartementet, Barne- og familiedepartementet, Kommunal- og\n"
            "distriktsdepartementet og KS inngår denne avtalen.\n1. Føremål\nTekst.\n")
    got, orgs = cleaned(text)
    assert got[0] == "Samarbeidsavtale om forenkling"
    assert [o for o in orgs if "departementet" in o] == [
        "Nærings- og fiskeridepartementet", "Barne- og familiedepartementet", "Kommunal- og distriktsdepartementet"]
