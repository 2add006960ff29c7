"""Signature blocks as exporters of Word documents written by other hands leave them, each read exactly.

Every text is shaped as the exporter writes it: pandoc's plain text and pypdf join the cells of a row
with single spaces; pdftotext moves a title past the place and date; pdftotext -layout staggers the
columns of a table. The expected signatories (name, title, «For» party) are exact.
"""

from __future__ import annotations

import pytest

from avtale.extract import clean, ocr_columns, signing
from avtale.extract.lines import Line, Notes
from avtale.extract.signature_parts import broken_word, cut_names, cut_titles

BODY = "Avtalen gjelder fra signering og fram til 31. desember 2030.\n\n"


def signers(text: str) -> list[tuple[str, str, str | None]]:
    return signers_of([Line(i, t) for i, t in enumerate((BODY + text).split("\n"), start=1)])


def signers_of(lines: list[Line]) -> list[tuple[str, str, str | None]]:
    body, out = signing.split(lines, Notes())
    assert out is not None, "no signature block found"
    assert body[0].text.startswith("Avtalen gjelder")
    return [(s.name, s.title, s.party) for s in out.signers]


# pandoc (plain text) and pypdf: tab-separated columns joined with single spaces, no row showing the gaps.
@pytest.mark.parametrize("text, want", [
    ("Ålesund, 8. juli 2024\n\nAvtalen er signert elektronisk.\n\nAnne Hatlevik Liv Haugen\n\n"
     "Kommunal- og distriktsminister Klima- og miljøminister\n\nPer Olav Rønning\n\nLeder i KS",
     [("Anne Hatlevik", "Kommunal- og distriktsminister", None), ("Liv Haugen", "Klima- og miljøminister", None),
      ("Per Olav Rønning", "Leder i KS", None)]),
    ("Stavanger den 30. oktober 2025\n\nMarte Lyngstad Liv Sofie Moen\n\n"
     "Samferdselsminister Digitaliserings- og forvaltningsminister\n\nMarit Dahl\n\nStyreleiar i KS",
     [("Marte Lyngstad", "Samferdselsminister", None), ("Liv Sofie Moen", "Digitaliserings- og forvaltningsminister", None),
      ("Marit Dahl", "Styreleiar i KS", None)]),
    ("Oslo, 16. november 2029\nAvtalen er signert elektronisk.\nEirik Aune Ragnhild Olav Berg\n"
     "Barne- og familieminister Leiar i KS",
     [("Eirik Aune", "Barne- og familieminister", None), ("Ragnhild Olav Berg", "Leiar i KS", None)]),
    ("Trondheim, 7. november 2030\nAvtalen er signert elektronisk.\nLiv Margrethe Dahl Aud Fuglesang Aune\n"
     "Energiminister Styreleder i KS",
     [("Liv Margrethe Dahl", "Energiminister", None), ("Aud Fuglesang Aune", "Styreleder i KS", None)]),
])
def test_columns_joined_with_spaces_are_cut_by_the_row_of_titles(text, want):
    assert signers(text) == want


def test_a_name_ends_in_a_surname_not_a_given_name():
    """«Jon Hatlevik Unni | Kristian Hatlevik Tangen» is as even a cut, but a name seldom ends in a given name."""
    text = ("____________________________ ____________________________\n\n"
            "Jon Hatlevik Unni Kristian Hatlevik Tangen\n\nSamferdselsminister Administrerende direktør\n\n"
            "Sted: Ålesund\n\nDato: 9. juli 2028")
    assert signers(text) == [("Jon Hatlevik", "Samferdselsminister", None),
                             ("Unni Kristian Hatlevik Tangen", "Administrerende direktør", None)]


def test_a_row_of_titles_beside_names_cuts_them_without_a_common_given_name():
    """The titles row shows two signatories: «Trygve Slagsvold Vedum Gunn Marit Helgesen» is two names though its
    parts need not start with a common given name, and a six-word row of names stays in the block."""
    text = ("Kristiansand, 4. april 2027\n\nOddmund Hoel Solberg Bergstø\n\n"
            "Statsråd Styreleder\n")
    assert signers(text) == [("Oddmund Hoel", "Statsråd", None), ("Solberg Bergstø", "Styreleder", None)]
    text = ("Trygve Slagsvold Vedum Gunn Marit Helgesen\n\nFinansminister Styreleder i KS\n\n"
            "Hamar, 2. mai 2027")
    assert signers(text) == [("Trygve Slagsvold Vedum", "Finansminister", None),
                             ("Gunn Marit Helgesen", "Styreleder i KS", None)]


def test_a_name_or_title_wrapped_in_its_column_goes_on():
    """A cell's rest on the next line, though its end does not show it open: a lower-case word that makes a title,
    one capitalised word that makes a longer name (pdftotext -layout, and read down by pdftotext)."""
    layout = ("Tromsø, 5. mai 2027\n\n"
              "Ola Borten Moe                     Hans Kristian Sandvik\n"
              "Forsknings- og høyere              Kristiansen\n"
              "utdanningsminister                 Styreleder i KS\n")
    assert signers(layout) == [("Ola Borten Moe", "Forsknings- og høyere utdanningsminister", None),
                               ("Hans Kristian Sandvik Kristiansen", "Styreleder i KS", None)]
    down = "Tromsø, 5. mai 2027\n\nHans Kristian Sandvik\nKristiansen\n\nStyreleder i KS\n"
    assert signers(down) == [("Hans Kristian Sandvik Kristiansen", "Styreleder i KS", None)]


@pytest.mark.parametrize("rows", [
    # pdftotext -layout: the tabbed line of titles wrapped back to the margin
    "Ola Borten Moe                              Anne Beathe Tvinnereim\n"
    "Helse- og omsorgsminister                   Forsknings- og høyere\nutdanningsminister\n",
    # pdftotext: the rest read before the cell it ends
    "Ola Borten Moe\n\nAnne Beathe Tvinnereim\n\nHelse- og omsorgsminister\nutdanningsminister\n\n"
    "Forsknings- og høyere\n",
    # a reader of PDF positions: the rest glued to the whole title beside it
    "Ola Borten Moe\tAnne Beathe Tvinnereim\nHelse- og omsorgsminister utdanningsminister\tForsknings- og høyere\n",
])
def test_the_rest_of_a_wrapped_title_finds_its_cell(rows):
    text = "Lillehammer, 30. august 2027\n\n" + rows
    assert signers(text) == [("Ola Borten Moe", "Helse- og omsorgsminister", None),
                             ("Anne Beathe Tvinnereim", "Forsknings- og høyere utdanningsminister", None)]


@pytest.mark.parametrize("titles", [
    "Kommunal- og distriktsminister Landbruks- og \nmatminister",  # the joined row ends open
    "Landbruks- og matminister Kommunal- og \ndistriktsminister",
    "Kommunal- og distriktsminister Forsknings- og høyere \nutdanningsminister",  # ends in a word, not open
])
def test_a_joined_row_of_titles_the_text_flow_wrapped(titles):
    """pypdf: a joined row of titles wraps its last title onto a line of its own; the rest goes back before the
    row is cut."""
    text = ("Lillehammer, 30. august 2027\n____________________________ ____________________________\n"
            f"Sigbjørn Gjelsvik Sandra Borch\n{titles}\n")
    first, second = titles.replace(" \n", " ").split("minister ", 1)
    assert signers(text) == [("Sigbjørn Gjelsvik", first + "minister", None), ("Sandra Borch", second, None)]


def test_a_layout_row_of_titles_set_tight_with_a_column_empty():
    """pdftotext -layout: the first column's title is a line higher, the other two titles are one space apart."""
    text = ("Tromsø, 3. mars 2028\n\n"
            "____________________  ____________________  ____________________\n"
            "Gunn Marit Helgesen   Kjersti Toppe         Geir Pollestad\n"
            "Styreleder i KS\n"
            "                      Barne- og familieminister Landbruks- og\n"
            "                                            matminister\n")
    assert signers(text) == [("Gunn Marit Helgesen", "Styreleder i KS", None),
                             ("Kjersti Toppe", "Barne- og familieminister", None),
                             ("Geir Pollestad", "Landbruks- og matminister", None)]


def test_a_party_rest_glued_to_the_cell_beside_it_goes_back():
    """A reader of PDF positions set the rest of «For Landbruks- og» after the whole «For» cell beside it; the open
    cell does not take the name or the title below it for its rest."""
    text = ("Stad: Bergen\nDato: 19. juni 2027\n\n"
            "For Kunnskapsdepartementet matdepartementet\tFor Landbruks- og\n"
            "Kari Nessa Nordtun\tGeir Pollestad\nKunnskapsminister\tLandbruks- og matminister\n")
    assert signers(text) == [("Kari Nessa Nordtun", "Kunnskapsminister", "Kunnskapsdepartementet"),
                             ("Geir Pollestad", "Landbruks- og matminister", "Landbruks- og matdepartementet")]


def test_pypdf_rows_joined_under_joined_column_heads():
    """pypdf joins each row of a table: the heads («Helsedepartementet KS») cut into parties, the names by the
    titles row, a name's last word the text flow wrapped goes on the last name; the three titles are long
    but no prose."""
    text = ("Helsedepartementet Kunnskapsdepartementet KS\n"
            "____________________________ ____________________________ ____________________________\n"
            "Jan Christian Vestre Kari Nessa Nordtun Gunn Marit\nHelgesen\n"
            "Helse- og omsorgsminister Kunnskapsminister Styreleder i KS\nHamar 09.12.2027")
    assert signers(text) == [("Jan Christian Vestre", "Helse- og omsorgsminister", "Helsedepartementet"),
                             ("Kari Nessa Nordtun", "Kunnskapsminister", "Kunnskapsdepartementet"),
                             ("Gunn Marit Helgesen", "Styreleder i KS", "KS")]


def test_pypdf_row_broken_where_a_cell_wrapped_goes_on():
    """pypdf starts a new line where a cell of a table row wraps: the heads after «Kommunal- og» /
    «distriktsdepartementet», and the titles after «Barne- og» / «familieminister», come on lines of their own
    («KS»; «Styreleiar i» / «KS» is one more title); they are the same row, so the names cut into three."""
    text = ("Bodø, 2. mai 2026\n"
            "Justis- og beredskapsdepartementet Barne- og\nfamiliedepartementet\nKS\n"
            "Emilie Enger Mehl Kjersti Toppe Bjørn Arild Gram\n"
            "Justis- og beredskapsminister Barne- og\nfamilieminister\nStyreleiar i KS\n")
    assert signers(text) == [
        ("Emilie Enger Mehl", "Justis- og beredskapsminister", "Justis- og beredskapsdepartementet"),
        ("Kjersti Toppe", "Barne- og familieminister", "Barne- og familiedepartementet"),
        ("Bjørn Arild Gram", "Styreleiar i KS", "KS")]


def test_pypdf_row_broken_twice_takes_a_wrapped_cell_after_it():
    """The cell after the wrapped one wraps too («Fungerende» / «direktør»): taken with its rest it is one more
    title of the row."""
    text = ("Hamar, 4.3.2027\n______________ ______________ ______________\n"
            "Tonje Brenna Cecilie Myrseth Trine Skei Grande\n"
            "Næringsminister Arbeids- og\ninkluderingsminister\nFungerende\ndirektør\n")
    assert signers(text) == [("Tonje Brenna", "Næringsminister", None),
                             ("Cecilie Myrseth", "Arbeids- og inkluderingsminister", None),
                             ("Trine Skei Grande", "Fungerende direktør", None)]


def test_pypdf_narrow_columns_every_cell_wrapped():
    """A table of narrow columns: pypdf gives each cell (or piece of one) a line, a long word broken without a
    hyphen («fiskeridepartem» / «entet»), the row of names cut after the wrapped surname of its second name; the
    rows are gathered again and cut into three columns by the row of titles."""
    text = ("Sted: Tromsø\nDato: 12. mai 2027\nAvtalen er signert elektronisk.\n"
            "Nærings- og\nfiskeridepartem\nentet\n"
            "Helse- og\nomsorgsdepartementet\nKS\n"
            "Cecilie Myrseth Jan Christian\nVestre\nGunn Marit Helgesen\n"
            "Nærings- og\nfiskeriminister\nHelse- og\nomsorgsminister\nStyreleder i KS\n")
    assert [s[:2] for s in signers(text)] == [("Cecilie Myrseth", "Nærings- og fiskeriminister"),
                                              ("Jan Christian Vestre", "Helse- og omsorgsminister"),
                                              ("Gunn Marit Helgesen", "Styreleder i KS")]


def test_two_titles_one_under_another_without_a_wrap_stay_apart():
    """Titles on lines of their own with no cell wrapped before them are no broken row (nothing gathers them)."""
    text = ("Oslo, 1. april 2026\n____________\nKari Nessa Nordtun\nKunnskapsminister\n"
            "____________\nGunn Marit Helgesen\nStyreleder i KS\n")
    assert signers(text) == [("Kari Nessa Nordtun", "Kunnskapsminister", None),
                             ("Gunn Marit Helgesen", "Styreleder i KS", None)]


def test_heads_as_a_row_then_columns_mixed_pair_each_kind_in_order():
    """pdftotext reads the «For» heads one after another, then each column's line and name, but two columns' titles
    together: the runs leave signatories without a party or title, so the k-th name, title and party go together."""
    text = ("Oslo, 3. juni 2027\nFor Kunnskapsdepartementet\nFor Helse- og omsorgsdepartementet\nFor KS\n"
            "________\nKari Nessa Nordtun\n________\nJan Christian Vestre\nKunnskapsminister\n"
            "Helse- og omsorgsminister\n________\nGunn Marit Helgesen\nStyreleder i KS")
    assert signers(text) == [("Kari Nessa Nordtun", "Kunnskapsminister", "Kunnskapsdepartementet"),
                             ("Jan Christian Vestre", "Helse- og omsorgsminister", "Helse- og omsorgsdepartementet"),
                             ("Gunn Marit Helgesen", "Styreleder i KS", "KS")]


def test_a_minister_title_broken_off_by_a_page_goes_to_the_ministry_it_names():
    """A row broken across a page: pdftotext reads the first name, then the second column's title, then the second
    name and, on the next page, the first title. Each title names its ministry; the title a page broke from its
    name is the stray one, and the names keep the heads' order."""
    page1 = ("Bergen, 9. september 2026\nFor Landbruks- og\nmatdepartementet\nFor Klima- og miljødepartementet\n"
             "Geir Pollestad\nKlima- og miljøminister\nAndreas Bjelland Eriksen").split("\n")
    page2 = "Landbruks- og matminister\nFor KS\nGunn Marit Helgesen\nStyreleder i KS".split("\n")
    lines = [Line(1, BODY.strip(), 1)] + [Line(i, t, 1) for i, t in enumerate(page1, start=3)] \
        + [Line(i, t, 2) for i, t in enumerate(page2, start=20)]
    body, out = signing.split(lines, Notes())
    assert [(s.name, s.title, s.party) for s in out.signers] == [
        ("Geir Pollestad", "Landbruks- og matminister", "Landbruks- og matdepartementet"),
        ("Andreas Bjelland Eriksen", "Klima- og miljøminister", "Klima- og miljødepartementet"),
        ("Gunn Marit Helgesen", "Styreleder i KS", "KS")]


def test_a_name_and_title_together_take_the_party_the_title_names():
    """pdftotext deals a table's «For» rows out of their columns; each name stands over its own title on one page,
    so the pair is sure and the «For» party its title names goes with it."""
    text = ("Molde, 2. juni 2027\nFor Energidepartementet\n______________________\nFor Justis- og\n"
            "beredskapsdepartementet\n______________________\nEmilie Enger Mehl\nJustis- og beredskapsminister\n"
            "Terje Aasland\nEnergiminister\n")
    assert signers(text) == [
        ("Emilie Enger Mehl", "Justis- og beredskapsminister", "Justis- og beredskapsdepartementet"),
        ("Terje Aasland", "Energiminister", "Energidepartementet")]


def test_two_columns_read_one_after_another_around_the_place_and_date_come_row_by_row():
    """pdftotext's plain text of a 2 × 2 table with the place and date under it: the left column, the place and
    date, the right column. The signatories come as the table sets them, row by row."""
    text = ("For Kunnskapsdepartementet\n__________________\nKari Nessa Nordtun\nKunnskapsminister\n"
            "For Barne- og familiedepartementet\n__________________\nLubna Jaffery\nBarne- og familieminister\n"
            "Tromsø, 14. mars 2026\n"
            "For Helse- og omsorgsdepartementet\n__________________\nJan Christian Vestre\nHelse- og omsorgsminister\n"
            "For KS\n__________________\nGunn Marit Helgesen\nStyreleder i KS\n")
    assert [n for n, _, _ in signers(text)] == ["Kari Nessa Nordtun", "Jan Christian Vestre", "Lubna Jaffery",
                                                "Gunn Marit Helgesen"]


def test_place_and_date_after_a_table_of_cells_set_apart_keep_the_order():
    """Where the rows show their cells (tabs), the order is the text's, place and date anywhere."""
    text = ("For Kunnskapsdepartementet\tFor Helse- og omsorgsdepartementet\nKari Nessa Nordtun\tJan Christian Vestre\n"
            "Kunnskapsminister\tHelse- og omsorgsminister\nTromsø, 14. mars 2026\n"
            "For Barne- og familiedepartementet\tFor KS\nLubna Jaffery\tGunn Marit Helgesen\n"
            "Barne- og familieminister\tStyreleder i KS\n")
    assert [n for n, _, _ in signers(text)] == ["Kari Nessa Nordtun", "Jan Christian Vestre", "Lubna Jaffery",
                                                "Gunn Marit Helgesen"]


def test_a_surname_by_itself_starts_no_name():
    """«Moen» is a surname by itself (an ending of farm names, whatever its case): «Liv Margrethe Moen | Stein
    Haugen», not «Liv Margrethe | Moen Stein Haugen»."""
    assert cut_names("Kari Tveit Liv Margrethe Moen Stein Haugen", 3) == ["Kari Tveit", "Liv Margrethe Moen", "Stein Haugen"]


def test_pypdf_stacks_each_column_under_heads_it_joined():
    """pypdf reads a table's head row as one line («For KS For Samferdselsdepartementet», the second head
    wrapped) and then each cell's lines one column after another: the columns are cut where a line comes again."""
    text = ("Molde, 14. juni 2028\nFor KS For Klima- og\n____________________________\nGunn Marit Helgesen\n"
            "Styreleder i KS\nmiljødepartementet\n____________________________\nAndreas Bjelland Eriksen\n"
            "Klima- og miljøminister\nFor Samferdselsdepartementet\n____________________________\nJon-Ivar Nygård\n"
            "Samferdselsminister")
    assert signers(text) == [("Gunn Marit Helgesen", "Styreleder i KS", "KS"),
                             ("Andreas Bjelland Eriksen", "Klima- og miljøminister", "Klima- og miljødepartementet"),
                             ("Jon-Ivar Nygård", "Samferdselsminister", "Samferdselsdepartementet")]


def test_a_long_row_of_joined_names_is_no_prose():
    """Three names joined (nine capitalised words) do not end the block as a long line of prose would."""
    text = ("Drammen 28.09.2027\nFor KS For Energidepartementet For Kunnskapsdepartementet\n"
            "Gunn Marit Helgesen Terje Aasland Kari Nessa Nordtun\n"
            "Styreleder i KS Energiminister Kunnskapsminister")
    assert signers(text) == [("Gunn Marit Helgesen", "Styreleder i KS", "KS"),
                             ("Terje Aasland", "Energiminister", "Energidepartementet"),
                             ("Kari Nessa Nordtun", "Kunnskapsminister", "Kunnskapsdepartementet")]


def test_a_name_seldom_starts_with_a_surname():
    """«Torhild Aarbergsbotten Bransdal | Steinar Ravndal»: neither part starts with a common given name in the
    list, but «Bransdal» ends as a surname does."""
    assert cut_names("Torhild Aarbergsbotten Bransdal Trygve Ravndal", 2) == [
        "Torhild Aarbergsbotten Bransdal", "Trygve Ravndal"]
    assert cut_names("Synne Rønning Borgen Stein Lie", 2) == ["Synne Rønning Borgen", "Stein Lie"]


def test_one_long_name_is_not_cut():
    text = "Oslo, 1. mars 2025\n\nAnne Marie Berg Dahl\n\nKunnskapsminister"
    assert signers(text) == [("Anne Marie Berg Dahl", "Kunnskapsminister", None)]


def test_a_title_cut_needs_a_capital_and_one_noun_per_title():
    assert cut_titles("Samferdselsminister Administrerende direktør") == ["Samferdselsminister", "Administrerende direktør"]
    assert cut_titles("Kultur- og likestillingsminister") is None
    assert cut_titles("Administrerende direktør") is None
    assert cut_titles("Styreleder i KS") is None
    assert cut_names("Tone Kristian Nes Lunde Geir Bråten", 2) == ["Tone Kristian Nes Lunde", "Geir Bråten"]


def test_a_row_of_titles_under_stacked_for_rows_and_names():
    """pypdf reads each cell's «For» row and name, then the row of titles."""
    text = ("For Finansdepartementet\nLars Elise Vik Hatlevik\nFor Kommunal- og distriktsdepartementet\nGeir Bråten\n"
            "Finansminister Kommunal- og distriktsminister\nFor KS\nUnni Erik Holm\nStyreleiar i KS\n"
            "Kristiansand den 12. desember 2029")
    assert signers(text) == [
        ("Lars Elise Vik Hatlevik", "Finansminister", "Finansdepartementet"),
        ("Geir Bråten", "Kommunal- og distriktsminister", "Kommunal- og distriktsdepartementet"),
        ("Unni Erik Holm", "Styreleiar i KS", "KS")]


def test_a_title_pdftotext_moved_past_the_place_and_date_goes_to_its_signatory():
    text = ("For Finansdepartementet\n\nFor Kommunal- og distriktsdepartementet\n\nLars Elise Vik Hatlevik\n\n"
            "Geir Bråten\n\n\nFinansminister\nFor KS\n\nUnni Erik Holm\nStyreleiar i KS\n\n"
            "Kristiansand den 12. desember 2029\n\nKommunal- og distriktsminister")
    assert signers(text) == [
        ("Lars Elise Vik Hatlevik", "Finansminister", "Finansdepartementet"),
        ("Geir Bråten", "Kommunal- og distriktsminister", "Kommunal- og distriktsdepartementet"),
        ("Unni Erik Holm", "Styreleiar i KS", "KS")]


def test_staggered_layout_columns_are_read_by_their_heads():
    """pdftotext -layout sets a cell a line lower than its neighbour; the column heads say whose it is."""
    text = (
        "Kristiansand, 20. november 2028\n\n\n"
        "For Utenriksdepartementet    For Nærings- og           For KS\n"
        "                             fiskeridepartementet\n\n"
        "______________________                                 ______________________\n"
        "______                       ______________________    ______\n"
        "                             ______\n"
        "Jon Olav Tangen                                        Åse Solvang Østby\n"
        "                             Tone Østby\n"
        "Utviklingsminister                                     Leder i KS\n"
        "                             Fiskeri- og havminister\n")
    assert signers(text) == [
        ("Jon Olav Tangen", "Utviklingsminister", "Utenriksdepartementet"),
        ("Tone Østby", "Fiskeri- og havminister", "Nærings- og fiskeridepartementet"),
        ("Åse Solvang Østby", "Leder i KS", "KS")]


def test_staggered_layout_in_two_groups_of_two():
    text = (
        "Trondheim, 26. juni 2030\n\n"
        "For Nærings- og fiskeridepartementet For Kultur- og likestillingsdepartementet\n\n"
        "Unni Haugen                          Håkon Bakke\n"
        "Næringsminister                      Kultur- og likestillingsminister\n\n\n"
        "For Justis- og                       For KS\n"
        "beredskapsdepartementet\n\n\n\n"
        "                                     Geir Strand Haugen\n"
        "Tone Kristian Bakke                  Leder i KS\n"
        "Justis- og beredskapsminister\n")
    assert signers(text) == [
        ("Unni Haugen", "Næringsminister", "Nærings- og fiskeridepartementet"),
        ("Håkon Bakke", "Kultur- og likestillingsminister", "Kultur- og likestillingsdepartementet"),
        ("Tone Kristian Bakke", "Justis- og beredskapsminister", "Justis- og beredskapsdepartementet"),
        ("Geir Strand Haugen", "Leder i KS", "KS")]


def test_a_title_adjective_goes_on_in_the_cell_below():
    """pandoc's plain-text table wraps «Administrerande direktør» inside its column."""
    text = (
        "Tromsø den 29. november 2025\n\n"
        "  Digitaliserings- og         Landbruks- og           KS\n"
        "  forvaltningsdepartementet   matdepartementet\n"
        "  --------------------------- ----------------------- -----------------------\n"
        "  Stein Margrethe Holm        Ola Bakke Ødegård       Jon Bakke\n\n"
        "  Digitaliserings- og         Landbruks- og           Administrerande\n"
        "  forvaltningsminister        matminister             direktør\n")
    got = signers(text)
    assert [(n, t) for n, t, _ in got] == [
        ("Stein Margrethe Holm", "Digitaliserings- og forvaltningsminister"),
        ("Ola Bakke Ødegård", "Landbruks- og matminister"), ("Jon Bakke", "Administrerande direktør")]


def test_ocr_columns_uses_the_same_name_cut():
    out, _ = ocr_columns.restore_columns(["Avtalen gjelder til 2030.", "Jon Hatlevik Unni Kristian Hatlevik Tangen",
                                          "Samferdselsminister Administrerende direktør"])
    assert out[1:] == ["Jon Hatlevik\tUnni Kristian Hatlevik Tangen", "Samferdselsminister\tAdministrerende direktør"]


def test_two_ministries_joined_by_a_space_are_column_heads_not_a_name():
    from avtale.extract.signature_parts import classify, name_like

    assert not name_like("Forsvarsdepartementet Kunnskapsdepartementet")
    assert classify("Forsvarsdepartementet Kunnskapsdepartementet") != "name"
    assert name_like("Eirik Tveit") and name_like("Åse Marie Nes")


# «Name, title» on one line, in columns: tab-separated, or joined with single spaces (pandoc, pypdf).
@pytest.mark.parametrize("text, want", [
    ("Oslo, 12. mars 2024\n\nFor Kunnskapsdepartementet\tFor KS\n\n"
     "Kari Nordmann, kunnskapsminister\tOla Hansen, styreleder i KS",
     [("Kari Nordmann", "kunnskapsminister", "Kunnskapsdepartementet"), ("Ola Hansen", "styreleder i KS", "KS")]),
    ("Oslo, 12. mars 2024\n\nFor Kunnskapsdepartementet For KS\n\n"
     "Kari Nordmann, kunnskapsminister Ola Hansen, styreleder i KS",
     [("Kari Nordmann", "kunnskapsminister", "Kunnskapsdepartementet"), ("Ola Hansen", "styreleder i KS", "KS")]),
    ("Stad og dato: Bergen, 4. mai 2025\n\n"
     "Sigbjørn Gjelsvik, kommunal- og distriktsminister Jan Christian Vestre, helse- og omsorgsminister "
     "Gunn Marit Helgesen, styreleiar i KS",
     [("Sigbjørn Gjelsvik", "kommunal- og distriktsminister", None), ("Jan Christian Vestre", "helse- og omsorgsminister", None),
      ("Gunn Marit Helgesen", "styreleiar i KS", None)]),
    ("Bodø, 3. mars 2025\n\n(sign.) (sign.)\nKari Anne Nordmann, Kunnskapsminister Ola Hansen, Styreleder i KS\n\n"
     "Kari Nordmann, statssekretær, Kunnskapsdepartementet",
     [("Kari Anne Nordmann", "Kunnskapsminister", None), ("Ola Hansen", "Styreleder i KS", None),
      ("Kari Nordmann", "statssekretær, Kunnskapsdepartementet", None)]),
])
def test_name_and_title_on_one_line_in_columns(text, want):
    assert signers(text) == want


def _paged(text: str) -> list[Line]:
    """Lines of BODY + text, a form feed starting a new page."""
    out, page = [], 1
    for i, t in enumerate((BODY + text).split("\n"), start=1):
        page += t.startswith("\f")
        out.append(Line(i, t.lstrip("\f"), page, page_start=t.startswith("\f")))
    return out


def test_a_title_broken_onto_the_next_page_goes_to_the_party_it_names_and_the_others_keep_their_order():
    """Foreign seed 91: LibreOffice broke a table row of three columns across a page, and the middle column's
    title came alone on the next page. pdftotext reads the columns one after another, so the rest of the titles
    move up a place; the ministers' titles name their «For» parties, and the title naming none («Administrerende
    direktør») takes the party the others leave. Word also broke «…departementet» in its narrow column."""
    text = ("Oslo, 20. november 2023\nFor Klima- og\nmiljødepartementet\n\n__________________________\n"
            "Ola Berge Sand\nKlima- og miljøminister\n\nFor Landbruks- og\nmatdepartemente\nt\n\n"
            "__________________________\nKari Moen\nFor KS\n\n__________________________\nTone Lie Aas\n"
            "Administrerende direktør\n\n\fLandbruks- og\nmatminister\n")
    assert signers_of(clean.clean(_paged(text), Notes())[0]) == [
        ("Ola Berge Sand", "Klima- og miljøminister", "Klima- og miljødepartementet"),
        ("Kari Moen", "Landbruks- og matminister", "Landbruks- og matdepartementet"),
        ("Tone Lie Aas", "Administrerende direktør", "KS")]


def test_a_title_naming_no_party_of_the_block_moves_nothing():
    """A minister's title that names no «For» party of the block («Digitaliseringsminister» signing for
    Kommunal- og distriktsdepartementet) is no evidence: the block is read as it stands."""
    text = ("Oslo, 20. november 2023\nFor Kommunal- og\ndistriktsdepartementet\n\n__________________________\n"
            "Ola Berge Sand\nDigitaliseringsminister\n\nFor KS\n\n__________________________\nTone Lie Aas\n"
            "Administrerende direktør\n")
    assert signers(text) == [
        ("Ola Berge Sand", "Digitaliseringsminister", "Kommunal- og distriktsdepartementet"),
        ("Tone Lie Aas", "Administrerende direktør", "KS")]


def test_a_word_broken_in_a_narrow_cell_is_whole_again_but_two_words_stay_two():
    assert broken_word("For Landbruks- og matdepartemente", "t")
    assert broken_word("forvaltningsdepartem", "entet")
    assert not broken_word("Forsknings- og høyere", "utdanningsminister")  # «høyere utdanningsminister»
    assert not broken_word("For Kunnskapsdepartementet", "t")  # whole already
    assert not broken_word("Avtalen gjelder for", "t")


def test_a_title_alone_on_the_next_page_of_a_tabbed_table_goes_to_the_party_it_names():
    """The same row as our PDF reader writes it, its cells set apart by tabs: the middle column's title stands
    alone on the next page, and the block's order would give each title to the column left of its own."""
    text = ("Oslo, 20. november 2023\n"
            "For Klima- og miljødepartementet\tFor Landbruks- og matdepartementet\tFor KS\n"
            "__________________________\t__________________________\t__________________________\n"
            "Ola Berge Sand\tKari Moen\tTone Lie\nKlima- og miljøminister\t\tAas\n\t\tAdministrerende direktør\n"
            "\fLandbruks- og matminister\n")
    assert signers_of(_paged(text)) == [
        ("Ola Berge Sand", "Klima- og miljøminister", "Klima- og miljødepartementet"),
        ("Kari Moen", "Landbruks- og matminister", "Landbruks- og matdepartementet"),
        ("Tone Lie Aas", "Administrerende direktør", "KS")]


def test_cells_set_apart_by_blank_lines_are_no_row_broken_at_a_wrapped_cell():
    """Foreign seed 91: pdftotext's plain text of a 2 × 2 table's second row sets every cell apart by blank
    lines, two names and then two titles, the first title wrapped. «Leder i KS» after the blank is the next
    cell, not the rest of a row of titles, so no name is cut in two to match."""
    text = ("Kristiansand 18.09.2026\n\n____________________________\n\n____________________________\n\n"
            "Håkon Elise Fjeld Aune\n\nMarte Andreas Strand Bråten\n\nDigitaliserings- og\nforvaltningsminister\n\n"
            "Leder i KS\n")
    assert signers(text) == [
        ("Håkon Elise Fjeld Aune", "Digitaliserings- og forvaltningsminister", None),
        ("Marte Andreas Strand Bråten", "Leder i KS", None)]


def test_an_order_read_down_the_columns_of_a_table_of_the_parties():
    """pdftotext's plain text of «A | B» over «C | D» reads A, C, B, D; of «A | B» over «C»: A, C, B; of three
    columns over two: A, D, B, E, C. Only such orders count; any other is the order the drafter chose."""
    from avtale.extract.build import _read_down_columns

    assert _read_down_columns([0, 2, 1, 3]) and _read_down_columns([0, 2, 1]) and _read_down_columns([0, 3, 1, 4, 2])
    assert not _read_down_columns([0, 1, 2, 3])  # in order already
    assert not _read_down_columns([1, 0, 2, 3]) and not _read_down_columns([2, 0, 1])
    assert not _read_down_columns([0, 2, None, 1])  # a signatory with no party: nothing to order by
    assert not _read_down_columns([1, 0])  # two: a row or a stack reads the same


def test_titles_at_the_next_page_top_go_to_the_names_a_page_broke_them_from():
    """Foreign seed 137: a table of signatories one under another, its fourth row broken by a page: pdftotext sets
    the two names on one page and their titles one under another at the top of the next, before the last
    signatory. The titles go to those two names in their order, not to the names after them."""
    text = ("Sted og dato: Bodø, 4. juli 2029\n\n____________\nStein Sofie Tveit\nLandbruks- og matminister\n\n"
            "____________\nOla Aune\nForsvarsminister\n\n____________\nMarit Løvås\n\n____________\nTorbjørn Lunde\n\n"
            "\fFiskeri- og havminister\n\nBarne- og familieminister\n\n____________\nRagnhild Vik\nStyreleder i KS")
    assert [(n, t) for n, t, _ in signers_of(_paged(text))] == [
        ("Stein Sofie Tveit", "Landbruks- og matminister"), ("Ola Aune", "Forsvarsminister"),
        ("Marit Løvås", "Fiskeri- og havminister"), ("Torbjørn Lunde", "Barne- og familieminister"),
        ("Ragnhild Vik", "Styreleder i KS")]


def test_a_titles_rest_a_page_broke_off_after_the_next_signatories_joins_its_cell():
    """Foreign seed 151 (pypdf): a row of three cells broken by a page after «Kultur- og», the first line of the
    second title; the reader goes on with the third cell, and «likestillingsminister» comes on the next page."""
    text = ("Sted: Kristiansand\nDato: 21. oktober 2029\nFor Barne- og\nfamiliedepartementet\nSigrid Margrethe Holm\n"
            "Barne- og\nfamilieminister\nFor Kultur- og\nlikestillingsdepartement\net\nAnne Olav Tangen Berg\n"
            "Kultur- og\nFor KS\nAstrid Sæther\nLeder i KS\n\flikestillingsminister")
    assert signers_of(_paged(text)) == [
        ("Sigrid Margrethe Holm", "Barne- og familieminister", "Barne- og familiedepartementet"),
        ("Anne Olav Tangen Berg", "Kultur- og likestillingsminister", "Kultur- og likestillingsdepartementet"),
        ("Astrid Sæther", "Leder i KS", "KS")]
