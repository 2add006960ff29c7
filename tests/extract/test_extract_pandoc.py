"""pandoc's plain text (`read_pandoc`): recognised by its 72-column wrap, read paragraph by paragraph, its
list items and tables one line each, and Word's heading numbers it restarted numbered on."""

from __future__ import annotations

import textwrap

from avtale.extract import read_pandoc
from avtale.extract.read_text import lines_of

PROSE = ("Kommunene og staten har et felles ansvar for at barn og unge som trenger hjelp, får et helhetlig "
         "tilbud der de bor. Partene vil derfor styrke samordningen mellom barnevern, skole og helsetjenester "
         "gjennom felles planlegging og tydelige avtaler om hvem som gjør hva.")


def wrap(*paras: str, indent: str = "") -> str:
    """Paragraphs as pandoc writes them: greedy wrap at 72 columns, a blank line between."""
    return "\n\n".join(textwrap.fill(p, 72, initial_indent=indent, subsequent_indent=indent) for p in paras) + "\n"


def texts(text: str) -> list[str]:
    return [ln.text for ln in read_pandoc.read(lines_of(text)) if not ln.blank()]


def test_plain_is_told_by_its_wrap_at_72_columns():
    assert read_pandoc.is_plain(lines_of(wrap(PROSE, PROSE)))
    narrow = "\n\n".join(textwrap.fill(p, 60) for p in (PROSE, PROSE))  # wrapped early: another tool's width
    assert not read_pandoc.is_plain(lines_of(narrow))
    one_line = PROSE + "\n\n" + PROSE + "\n"  # a paragraph a line (LibreOffice)
    assert not read_pandoc.is_plain(lines_of(one_line))


def test_a_block_is_one_paragraph_and_a_manual_break_between_sentences_joins():
    text = wrap(PROSE) + "\nTiltakene skal evalueres innen utgangen av 2027.\nPartene kan be om reforhandling.\n\n" \
        + "Oslo, 3. mars 2026\n\nFor Barne- og familiedepartementet\nKjersti Toppe\nBarne- og familieminister\n"
    assert texts(text) == [
        " ".join(PROSE.split()),
        "Tiltakene skal evalueres innen utgangen av 2027. Partene kan be om reforhandling.",
        "Oslo, 3. mars 2026",
        "For Barne- og familiedepartementet", "Kjersti Toppe", "Barne- og familieminister",
    ]


def test_list_items_go_on_under_their_text_and_tight_items_stay_apart():
    item = ("gi kommunene råd om hvordan de kan organisere samarbeidet mellom barnevernet og skolen i "
            "små kommuner")
    text = wrap(PROSE) + "\n" + textwrap.fill(item, 72, initial_indent="-   ", subsequent_indent="    ") \
        + "\n-   dele erfaringer fra forsøkskommunene\n"
    assert texts(text)[1:] == ["-   " + item, "-   dele erfaringer fra forsøkskommunene"]


def test_a_date_that_wraps_to_the_start_of_a_line_is_no_list_item():
    text = wrap("Partene skal legge fram en felles rapport om hvordan samarbeidet har virket innen "
                "1. mars hvert år, med tall fra kommunene.", PROSE)
    assert texts(text)[0].endswith("innen 1. mars hvert år, med tall fra kommunene.")


GRID = """\
Bodø, 12. januar 2026

+------------------------------+------------------------------+
| For Helse- og                | For KS                       |
| omsorgsdepartementet         |                              |
|                              |                              |
| Ingvild Kjerkol              | Bente Stein Mathisen         |
|                              |                              |
| Helse- og omsorgsminister    | Styreleder                   |
+==============================+==============================+
| For Nordland                 |                              |
| fylkeskommune                |                              |
+------------------------------+------------------------------+
"""


def test_grid_table_cells_at_their_columns():
    assert texts(wrap(PROSE) + "\n" + GRID)[1:] == [
        "Bodø, 12. januar 2026",
        " For Helse- og omsorgsdepartementet   For KS",  # the wider cell pushes the next three spaces on
        " Ingvild Kjerkol                Bente Stein Mathisen",
        " Helse- og omsorgsminister      Styreleder",
        " For Nordland fylkeskommune",
    ]


MULTILINE = """\
  -------------------------------------------------------------
  Kunnskapsdepartementet       Kommunesektorens
                               organisasjon KS
  ---------------------------- --------------------------------
  Kari Nessa Nordtun           Gunn Marit Helgesen

  Kunnskapsminister            Styreleder
  -------------------------------------------------------------
"""


def test_multiline_table_rows_read_by_the_rule_under_the_head():
    assert texts(wrap(PROSE) + "\n" + MULTILINE)[1:] == [
        "  Kunnskapsdepartementet       Kommunesektorens organisasjon KS",
        "  Kari Nessa Nordtun           Gunn Marit Helgesen",
        "  Kunnskapsminister            Styreleder",
    ]


NARROW = """\
+-----------------------+-----------------------+
| For Justis- og        | For KS                |
| be                    |                       |
| redskapsdepartementet | Gunn Marit Helgesen   |
|                       |                       |
| Emilie Enger Mehl     | Styreleder            |
+=======================+=======================+
"""


def test_a_word_longer_than_its_column_is_put_together_again():
    assert texts(wrap(PROSE) + "\n" + NARROW)[1:] == [
        " For Justis- og beredskapsdepartementet   For KS",
        " Emilie Enger Mehl       Gunn Marit Helgesen",
        "                         Styreleder",
    ]


EXACT = """\
+-----------------------+-----------------------+
| Lubna Jaffery         | Gunn Marit Helgesen   |
|                       |                       |
| Kultur- og            | Styreleder i KS       |
| likestillingsminister |                       |
+=======================+=======================+
"""


def test_a_word_exactly_as_wide_as_its_column_after_a_joining_word_is_a_word_of_its_own():
    """«likestillingsminister» fills the column but is whole: the line above ends in «og», where no word is cut."""
    assert texts(wrap(PROSE) + "\n" + EXACT)[1:] == [
        " Lubna Jaffery           Gunn Marit Helgesen",
        " Kultur- og likestillingsminister   Styreleder i KS",
    ]


FOR_EXACT = """\
+-----------------------+-----------------------+
| For                   | For KS                |
| Utanriksdepartementet |                       |
|                       | Gunn Marit Helgesen   |
| Solveig Ødegård       |                       |
+=======================+=======================+
"""


def test_a_word_exactly_as_wide_as_its_column_after_for_is_a_word_of_its_own():
    """Foreign seed 151: «For» over «Utanriksdepartementet», which fills the column: two words, not «ForUtanriks…»."""
    assert texts(wrap(PROSE) + "\n" + FOR_EXACT)[1:3] == [" For Utanriksdepartementet   For KS",
                                                           " Solveig Ødegård         Gunn Marit Helgesen"]


def test_a_table_wider_than_72_columns_is_still_pandoc():
    wide = ("  " + "-" * 92 + "\n  Kunnskapsdepartementet         Kommunal- og distriktsdepartementet    KS\n"
            "  ------------------------------ ------------------------------ ------------------------------\n"
            "  Kari Nessa Nordtun             Erling Sande                   Gunn Marit Helgesen\n"
            "  " + "-" * 92 + "\n")
    assert read_pandoc.is_plain(lines_of(wrap(PROSE, PROSE) + "\n" + wide))


def test_heading_numbers_pandoc_restarted_are_numbered_on():
    text = "\n\n".join([
        "1.  Bakgrunn", PROSE,
        "    1.  Kommunenes rolle", PROSE,
        "1.  Oppfølging", "Partene skal:", "1.  møtes to ganger i året", "2.  rapportere på tiltakene", PROSE,
    ]) + "\n"
    out = [ln for ln in read_pandoc.read(lines_of(text)) if not ln.blank()]
    assert [(ln.text, ln.hint) for ln in out if ln.hint] == [
        ("1. Bakgrunn", "heading"), ("2. Kommunenes rolle", "heading"), ("3. Oppfølging", "heading")]
    assert [ln.text for ln in out if ln.text.startswith(("1.  ", "2.  "))] == [
        "1.  møtes to ganger i året", "2.  rapportere på tiltakene"]


def test_unnumbered_headings_straight_over_one_another_are_marked():
    text = "\n\n".join(["Avtale om barnevern i kommunene", "Mellom Barne- og familiedepartementet og KS",
                        PROSE, "Samarbeidet", "Barnevernet i små kommuner", PROSE,
                        "Oslo, 3. mars 2026", "Kjersti Toppe", "Barne- og familieminister"]) + "\n"
    out = [ln for ln in read_pandoc.read(lines_of(text)) if not ln.blank()]
    assert [ln.text for ln in out if ln.hint == "heading"] == ["Samarbeidet", "Barnevernet i små kommuner"]


def test_one_lone_numbered_item_is_left_to_the_later_stages():
    text = "\n\n".join(["1.  Bakgrunn", PROSE, PROSE]) + "\n"
    assert texts(text)[0] == "1.  Bakgrunn"


def test_pandoc_text_end_to_end(tmp_path):
    from avtale.extract import extract

    body = "\n\n".join([
        textwrap.fill("Denne avtalen er inngått mellom Barne- og familiedepartementet, "
                      "Kunnskapsdepartementet og KS.", 72),
        "1.  Formål", "    1.  Bakgrunn", textwrap.fill(PROSE, 72),
        "1.  Varighet", "Avtalen gjelder fra signering og fram til 31. desember 2028.",
        "Tromsø, 2. februar 2026",
        "Kjersti Toppe Kari Nessa Nordtun Gunn Marit Helgesen",
        "Barne- og familieminister Kunnskapsminister Styreleder i KS",
    ]) + "\n"
    path = tmp_path / "avtale.txt"
    path.write_text(body, encoding="utf-8")
    got = extract(path).agreement
    assert got.title == "(tittel)"
    assert got.numbering == "1."
    # a heading straight over the next (a subsection's parent) keeps no text: pandoc keeps the document's order
    assert [(s.title, len(s.blocks)) for s in got.sections] == [("Formål", 0), ("Bakgrunn", 1), ("Varighet", 1)]
    assert [(s.name, s.title) for s in got.signing.signatories] == [
        ("Kjersti Toppe", "Barne- og familieminister"), ("Kari Nessa Nordtun", "Kunnskapsminister"),
        ("Gunn Marit Helgesen", "Styreleder i KS")]
