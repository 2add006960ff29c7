"""Rules of the clean, unwrap and PDF-line stages for text written by other hands, each on small realistic texts.

Every text here is shaped as the exporter writes it (pdftotext, pdftotext -layout, pypdf); the expected
paragraphs are exact. The measure of what a text export cannot hold (`compare.unsure_breaks`) is tested
both ways: an unsure break is left open, a sure one is not.
"""

from __future__ import annotations

from collections import Counter

from avtale.extract import clean, glyphs, measure, pdf_lines, pdf_marks, pdf_table, unwrap
from avtale.extract.compare import merge_unsure, unsure_breaks
from avtale.extract.lines import Line, Notes
from avtale.model import Agreement


def numbered(text: str) -> list[Line]:
    """The text's lines, numbered from 1."""
    return [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]


def paragraphs(text: str) -> list[str]:
    lines = numbered(text)
    kept, _ = clean.clean(lines, Notes())
    return [p.text for p in unwrap.unwrap(kept, Notes(), plain_text=True)]


PROSE = (
    "Direktoratet skal samarbeide om eit godt samarbeid mellom forvaltningsnivåa, og arbeidet skal\n"
    "evaluerast undervegs. Kommunesektoren har ansvar for lokale og regionale nettverk i heile\n"
    "landet, og departementa skal følgje opp dei nasjonale måla for sektoren gjennom faste møte\n"
    "med kommunane og fylkeskommunane. Partane skal gje råd om betre bruk av digitale løysingar\n"
    "i kommunane, og arbeidet skal evaluerast kvart år av ei arbeidsgruppe med folk frå partane\n"
    "og frå kommunane sjølve.\n"
)


def test_title_in_capitals_goes_on_with_a_line_in_capitals():
    got = paragraphs("AVTALE MELLOM STATEN OG KS OM DET LOKALE\nFOLKEHELSEARBEIDET\n" + PROSE)
    assert got[0] == "AVTALE MELLOM STATEN OG KS OM DET LOKALE FOLKEHELSEARBEIDET"


def test_short_unpunctuated_line_after_a_sentence_is_a_heading():
    """pypdf writes no blank lines: «Informasjon og dialog» would otherwise end the paragraph above it."""
    text = ("Avtale om kvalitet\n" + PROSE.replace("sjølve.\n", "sjølve. Partane i denne avtalen er Utanriksdepartementet og KS.\n")
            + "Informasjon og dialog\nPartane skal møtast to gonger i året.\n")
    got = paragraphs(text)
    assert got[-2:] == ["Informasjon og dialog", "Partane skal møtast to gonger i året."]


def test_lone_symbol_bullets_pair_with_items_that_wrap():
    """pdftotext sets Symbol-font bullets (U+F0B7) as a column of their own; an item may wrap."""
    text = (PROSE + "Partane er samde om desse måla:\n\uf0b7\n\uf0b7\n\uf0b7\n\n"
            "Staten skal sørgje for gode overgangar mellom tenestene.\n"
            "Statlege tiltak blir tilpassa dei økonomiske rammene som Stortinget vedtek.\n"
            "Fylkeskommunane skal leggje til rette for kompetansen hos dei tilsette der\n"
            "det er tenleg.\n")
    assert paragraphs(text)[-3:] == [
        "• Staten skal sørgje for gode overgangar mellom tenestene.",
        "• Statlege tiltak blir tilpassa dei økonomiske rammene som Stortinget vedtek.",
        "• Fylkeskommunane skal leggje til rette for kompetansen hos dei tilsette der det er tenleg.",
    ]


def test_lone_o_bullets_pair_with_lower_case_items():
    text = (PROSE + "Staten skal:\no\no\n\nstøtte forenkling av statlege krav og rapportering\n"
            "følgje opp rekruttering av fagfolk til kommunane\n")
    assert paragraphs(text)[-2:] == ["o støtte forenkling av statlege krav og rapportering",
                                     "o følgje opp rekruttering av fagfolk til kommunane"]


def test_stretched_justified_line_is_prose_and_goes_on():
    """pdftotext -layout stretched a justified line with long words: it is not a row of columns."""
    text = (PROSE + "\nPartene i denne avtalen er Samferdselsdepartementet, Klima- og\n"
            "miljødepartementet,       Forsvarsdepartementet,       Nærings-         og\n"
            "fiskeridepartementet og KS.\n")
    assert paragraphs(text)[-1] == ("Partene i denne avtalen er Samferdselsdepartementet, Klima- og miljødepartementet, "
                                    "Forsvarsdepartementet, Nærings- og fiskeridepartementet og KS.")


def test_stretched_tells_prose_from_columns():
    assert clean._stretched("Denne  avtalen  er  inngått  mellom  Samferdselsdepartementet  og  KS.")
    assert clean._stretched("Meir  informasjon  om  arbeidet  er  publisert på  regjeringen.no.")
    assert not clean._stretched("Kari Nordmann          Ola Hansen          Per Olsen")
    assert not clean._stretched("Finansminister      Næringsminister      Styreleiar")  # no word of prose
    assert not clean._stretched("____________   ____________   ____________   og")
    assert not clean._stretched("Leiar i KS      Kunnskapsminister      Kommunal- og distriktsminister")


def test_unevenly_stretched_line_with_a_lone_og_is_prose():
    """pdftotext -layout set a justified line's gaps unevenly (10, 5, 6 spaces): a lone «og» between gaps is prose."""
    text = (PROSE + "\nAvtalen er inngått mellom Kommunal- og distriktsdepartementet, Helse- og\n"
            "omsorgsdepartementet,          Kunnskapsdepartementet,     Nærings-      og\n"
            "fiskeridepartementet og KS.\n")
    assert paragraphs(text)[-1] == ("Avtalen er inngått mellom Kommunal- og distriktsdepartementet, Helse- og "
                                    "omsorgsdepartementet, Kunnskapsdepartementet, Nærings- og fiskeridepartementet og KS.")


def test_full_line_ending_in_a_lone_og_after_one_wide_gap_is_prose():
    """Two lines in a row with one or two wide gaps each, reaching the right edge and ending in a lone «og»."""
    text = ("AVTALE OM SAMARBEID OM BARNEVERN\n" + PROSE
            + "\nAvtalen er inngått mellom Barne- og familiedepartementet, Arbeids-                          og\n"
            "inkluderingsdepartementet,       Digitaliserings- og forvaltningsdepartementet                  og\n"
            "KS.\n\nPartane skal møtast minst to gonger i året.\n")
    assert paragraphs(text)[-2] == ("Avtalen er inngått mellom Barne- og familiedepartementet, Arbeids- og "
                                    "inkluderingsdepartementet, Digitaliserings- og forvaltningsdepartementet og KS.")
    assert not clean._stretched_prose("Kultur-    og", 80)


def test_stretched_prose_tells_a_lone_word_of_prose_from_cells():
    assert clean._stretched_prose("Statsforvaltaren skal leggje til rette for eit      godt   samarbeid   mellom")
    assert clean._stretched_prose("Fylket skal prioritere tiltak som er                 enkle   å   gjennomføre.")
    assert not clean._stretched_prose("Kultur- og             Landbruks- og         Helse- og               KS")
    assert not clean._stretched_prose("for Kommunal- og distriktsdepartementet      for KS")
    assert not clean._stretched_prose("for      Kunnskapsdepartementet       for      KS")
    assert not clean._stretched_prose("Oslo, 3. mars 2026     Bergen, 4. mars 2026     Tromsø, 5. mars 2026     Bodø")


def test_stretched_line_before_a_manual_break_goes_on():
    """Word justifies the line before a Shift+Enter: pdftotext -layout sets its two words far apart. It goes on
    with the sentence above (not a row of columns), and the next sentence stays in the paragraph."""
    text = (PROSE + "\nFylkeskommunen skal styrkje rettleiinga til kommunar med små fagmiljø, og arbeidet skal\n"
            "følgjast                                                          opp.\n"
            "Rettleiarane er samla på nettsidene til fylket.\n")
    assert paragraphs(text)[-1] == ("Fylkeskommunen skal styrkje rettleiinga til kommunar med små fagmiljø, og arbeidet "
                                    "skal følgjast opp. Rettleiarane er samla på nettsidene til fylket.")


def test_a_line_a_reader_marked_to_go_on_keeps_its_paragraph_through_clean_and_unwrap():
    """The scan reader marks a short line before a manual break (`goes_on`): a line's length would end the paragraph
    there, the mark keeps it going, and the lines after it join as any wrapped lines do."""
    text = PROSE + "\nKS gjev råd.\nFylket samlar tala frå kommunane kvart år, og dei blir publiserte\nsaman.\n"
    lines = [Line(i, t, goes_on=t == "KS gjev råd.") for i, t in enumerate(text.split("\n"), start=1)]
    kept, _ = clean.clean(lines, Notes())
    assert [ln.goes_on for ln in kept if ln.text.startswith("KS gjev")] == [True]
    paras = [p.text for p in unwrap.unwrap(kept, Notes(), plain_text=False)]
    assert paras[-1] == "KS gjev råd. Fylket samlar tala frå kommunane kvart år, og dei blir publiserte saman."
    assert paragraphs(text)[-2:] == ["KS gjev råd.", "Fylket samlar tala frå kommunane kvart år, og dei blir publiserte saman."]


def test_a_row_after_a_finished_sentence_is_not_taken_for_prose():
    above = Line(1, "Avtalen er underteikna i to eksemplar, eitt til kvar part.")
    assert not clean._goes_on_with_prose(above, Line(2, "statsråd                      styreleiar"))
    assert not clean._goes_on_with_prose(Line(1, "Fylkesordførar       Leiar i KS"), Line(2, "for fylket      for KS"))


def test_logo_fragments_under_a_row_of_logos_are_not_prose():
    lines = [Line(1, "Barne- og           Kunnskapsdep     Digitaliserings-   Utenriksdepart   KS"),
             Line(2, "familiedeparte      artementet       og                 ementet")]
    assert clean._unstretch_prose([Line(1, ""), lines[1]], lines)[1] == lines[1]


def test_glyph_widths():
    assert glyphs.width("iii") == 666.0
    assert glyphs.width("mmm") == 2499.0
    assert glyphs.width("Æ–") == 1556.0
    assert glyphs.scale({"a", "b"}, 500.0) == 500 / 556
    assert glyphs.scale(set(), 500.0) == 1.0


def test_line_pitch_where_paragraphs_are_one_line_apart_by_empty_ones():
    assert pdf_lines._line_pitch(Counter({27.3: 30, 13.6: 6, 40.9: 2})) == 13.6
    assert pdf_lines._line_pitch(Counter({13.6: 30, 12.0: 3, 27.3: 6})) == 13.6  # a tight signature is no pitch


def test_table_cell_lines_kept_apart_unless_one_goes_on():
    assert not pdf_table.goes_on("________________________", "Kjersti Solvang")
    assert pdf_table.goes_on("________________________", "____")
    assert not pdf_table.goes_on("Kjersti Solvang", "Næringsminister")
    assert pdf_table.goes_on("Nærings- og", "fiskeridepartementet")
    assert pdf_table.goes_on("Kommunal- og distriktsdeparte", "mentet")


WRAPS = ("Partane skal samarbeide om eit godt kunnskapsgrunnlag for tiltaka der det er tenleg og\n"
         "fylkeskommunane skal støtte arbeidet med rettleiing til kommunar med små fagmiljø og\n"
         "regionale nettverk skal styrkjast i heile landet i samarbeid med dei regionale leddene\n"
         "gjennom faste møte, og staten skal vurdere betre ressursbruk i sektoren i samarbeid med\n"
         "kommunane, slik at innbyggjarane får gode og likeverdige tenester i heile landet der dei\n"
         "bur.\n")


def test_unsure_break_at_a_full_line_and_sure_break_at_a_short_one():
    full = WRAPS + "Departementa skal følgje opp dei nasjonale måla for sektoren i tråd med gjeldande regelverk.\nKommunesektoren har ansvar.\n"
    short = WRAPS + "Departementa skal følgje opp dei nasjonale måla.\nKommunesektoren har ansvar.\n"
    assert unsure_breaks(full) == {("med gjeldande regelverk.", "Kommunesektoren har ansvar.")}
    assert unsure_breaks(short) == set()


def test_merge_unsure_makes_either_reading_compare_alike():
    base = {"id": "x", "title": "Avtale om kvalitet", "language": "nn",
            "parties": [{"id": "kd", "name": "Kunnskapsdepartementet"}, {"id": "ks", "name": "KS"}],
            "period": {"end": "2027-12-31"}, "status": "draft", "preamble": ["Partane skal samarbeide."]}
    split = Agreement.model_validate({**base, "sections": [{"title": "Mål", "blocks": [
        "Departementa skal følgje opp gjeldande regelverk.", "Kommunesektoren har ansvar for dette."]}]})
    joined = Agreement.model_validate({**base, "sections": [{"title": "Mål", "blocks": [
        "Departementa skal følgje opp gjeldande regelverk. Kommunesektoren har ansvar for dette."]}]})
    breaks = {("opp gjeldande regelverk.", "Kommunesektoren har ansvar")}
    assert merge_unsure(split, breaks) == merge_unsure(joined, breaks) == joined
    assert merge_unsure(split, set()) == split


def test_title_in_capitals_keeps_a_compound_capital_only_before_the_same_words():
    from avtale.extract.build import sentence_case

    texts = ["Partane er Klima- og miljødepartementet og KS. Dei styrer NAV-kontoret."]
    assert sentence_case("AVTALE OM SAMARBEID OM KLIMA- OG ENERGIARBEID I KOMMUNANE", texts) == \
        "Avtale om samarbeid om klima- og energiarbeid i kommunane"
    assert sentence_case("AVTALE MED KLIMA- OG MILJØDEPARTEMENTET OM NAV-KONTORET", texts) == \
        "Avtale med Klima- og miljødepartementet om NAV-kontoret"


def test_title_in_capitals_keeps_an_acronym_the_text_only_writes_opening_a_sentence():
    """Foreign seed 91: «KS, Klima- og miljødepartementet og … inngår denne avtalen»: KS is never written mid-sentence."""
    from avtale.extract.build import sentence_case

    texts = ["KS, Klima- og miljødepartementet inngår avtalen. Dei skal samarbeide. Kommunane skal følgje opp."]
    assert sentence_case("AVTALE MELLOM STATEN OG KS OM KLIMA- OG ENERGIARBEID 2031–2033", texts) == \
        "Avtale mellom staten og KS om klima- og energiarbeid 2031–2033"
    # a capital opening a sentence is no evidence for an ordinary word
    assert sentence_case("AVTALE OM KOMMUNANE OG DEI", texts) == "Avtale om kommunane og dei"


def test_text_opening_with_a_sentence_has_its_title_left_to_fill_in():
    """pandoc leaves out a Title-style paragraph that opens a document: the preamble's first sentence is no title."""
    from avtale.extract.recognise import UNTITLED, recognise
    from avtale.extract.lines import Para

    paras = [Para("Denne avtalen er inngått mellom Forsvarsdepartementet og KS.", 1, 1),
             Para("1. Formål", 3, 3), Para("Partene skal samarbeide om beredskap.", 5, 5)]
    out = recognise(paras, Notes())
    assert out.title == UNTITLED == "(tittel)"
    assert out.preamble[0].items == ["Denne avtalen er inngått mellom Forsvarsdepartementet og KS."]
    assert out.todos == [(("title",), "the source shows no title (pandoc leaves out Word's Title style): write it")]
    kept = recognise([Para("Avtale om samarbeid om beredskap", 1, 1)] + paras, Notes())
    assert kept.title == "Avtale om samarbeid om beredskap" and kept.todos == []


def test_compound_hyphen_lost_by_pdftotext_comes_back():
    """pdftotext takes «Nærings-» + «og» at a line end for a divided word («Næringsog»); «dialog» and «katalog»
    stay as they are; «Kommunalog» (a stem in «-l», as in «dialog») only because the text writes «Kommunal- og»."""
    got = paragraphs("Avtale om samarbeid om helseog omsorgstjenester\n\n"
                     "Avtalen er inngått mellom Næringsog fiskeridepartementet, Kommunalog\n"
                     "distriktsdepartementet og KS etter dialog med Fiskeridirektoratet.\n\n"
                     "Partene fører en katalog over tiltakene.\n\nFor Kommunal- og distriktsdepartementet\n")
    assert got == ["Avtale om samarbeid om helse- og omsorgstjenester",
                   "Avtalen er inngått mellom Nærings- og fiskeridepartementet, Kommunal- og "
                   "distriktsdepartementet og KS etter dialog med Fiskeridirektoratet.",
                   "Partene fører en katalog over tiltakene.", "For Kommunal- og distriktsdepartementet"]


def test_compound_hyphen_lost_in_a_title_in_capitals_comes_back():
    """«SKOLEOG BARNEHAGEEIERE» in a title set in capitals: «SKOLE- OG»; «NASJONALT KATALOG» and «BARSKOG» stay."""
    got = paragraphs("AVTALE OM TILSYN MED SKOLEOG BARNEHAGEEIERE\n\n" + LONG)
    assert got[0] == "AVTALE OM TILSYN MED SKOLE- OG BARNEHAGEEIERE"
    kept = unwrap.compound_hyphens([Line(1, "VEDLEGG: NASJONALT KATALOG OVER BARSKOG OG MYR")], Notes())
    assert kept[0].text == "VEDLEGG: NASJONALT KATALOG OVER BARSKOG OG MYR"


LONG = ("Kommunen skal sørge for at tilbudet er tilgjengelig for alle innbyggere i hele kommunen, og tiltakene skal\n"
        "vurderes hvert år av en arbeidsgruppe der begge parter er med. Tilskuddet fra staten skal brukes til\n"
        "tiltak for barn og unge, og kommunen skal rapportere om bruken til direktoratet innen utgangen av\n"
        "mars hvert år, slik at tiltakene kan følges opp i de ordinære budsjettprosessene for neste år.\n")


def test_word_stack_of_a_stretched_line_is_one_line_again():
    """pdftotext sets each word of a justified line ending in a manual break on a line of its own; the title's last
    word above it stays with the title, and the stack goes on with the line after it."""
    got = paragraphs("Avtale om skolehelsetjenesten i\nkommunene\nPartene\ni\ndenne\navtalen\ner\nHelsedirektoratet,\n"
                     "Bergen kommune og Vestland fylkeskommune.\n\n" + LONG)
    assert got[:2] == ["Avtale om skolehelsetjenesten i kommunene",
                       "Partene i denne avtalen er Helsedirektoratet, Bergen kommune og Vestland fylkeskommune."]


def test_words_scattered_past_a_heading_number_go_back_into_the_paragraph():
    """The text flow set the next heading's number «2.» between the paragraph and the stretched line's last words
    («utgangen» / «av» / «mars.»): the words go back, the number stays with its heading."""
    got = paragraphs("Avtale om skoleskyss\n\n" + LONG + "\nSøknaden om skyss sendes til fylkeskommunen innen\n"
                     "Fylkeskommunen svarer innen fire uker.\n\n2.\n\nutgangen\n\nav\n\nmars.\n\nVarighet\n\n"
                     "Avtalen gjelder i fire år.\n")
    assert got[-3:] == ["Søknaden om skyss sendes til fylkeskommunen innen utgangen av mars. Fylkeskommunen svarer innen "
                        "fire uker.", "2. Varighet", "Avtalen gjelder i fire år."]


def test_scattered_words_with_two_words_kept_together_go_back():
    """Among the scattered words pdftotext kept two together («samarbeid med»): they go back with the rest."""
    got = paragraphs("Avtale om skoleskyss\n\n" + LONG + "\nKommunen skal planlegge skyssen\nfylkeskommunen.\n\n"
                     "for\n\nelevene\n\ni\n\nsamarbeid med\n\n2. Varighet\n\nAvtalen gjelder i fire år.\n")
    assert got[-3:] == ["Kommunen skal planlegge skyssen for elevene i samarbeid med fylkeskommunen.", "2. Varighet",
                        "Avtalen gjelder i fire år."]


def test_span_of_years_ending_a_title_is_no_word_of_a_stack():
    """«2026–2029» (the title's last line) over a stack of the stretched line's words stays with the title."""
    got = paragraphs("Avtale om skolehelsetjenesten\n2026–2029\nPartene\ni\ndenne\navtalen\ner\nHelsedirektoratet,\n"
                     "Bergen kommune og Vestland fylkeskommune.\n\n" + LONG)
    assert got[:2] == ["Avtale om skolehelsetjenesten 2026–2029",
                       "Partene i denne avtalen er Helsedirektoratet, Bergen kommune og Vestland fylkeskommune."]


def test_words_scattered_after_a_paragraph_go_back_into_it():
    """The stretched line's first words stay with the paragraph's last line; its other words follow the paragraph,
    one block each: they go back between the two lines."""
    got = paragraphs("Avtale om skoleskyss\n\nAvtalen er inngått\nVestland fylkeskommune.\n\nmellom\n\nBergen\n\nkommune\n\nog\n\n"
                     + LONG)
    assert got[:2] == ["Avtale om skoleskyss", "Avtalen er inngått mellom Bergen kommune og Vestland fylkeskommune."]


def test_words_scattered_around_the_next_lead_in_go_back_into_the_paragraph():
    """pdftotext read the next paragraph's lead-in («Departementene skal:») among the stretched line's words, and the
    rest of them after it, across the page's footer (seed 173, s1019133471): all go back, the lead-in keeps its
    place over its list."""
    got = paragraphs("Avtale om skoleskyss\n\n" + LONG + "\nKommunene skal legge\nforvaltningsnivåene.\n\ntil\n\n"
                     "rette\n\nDepartementene skal:\n-1-\n\nfor\n\net\n\ngodt\n\nsamarbeid\n\nmellom\n\n"
                     "1. prioritere et godt samarbeid\n2. følge opp arbeidet\n")
    assert got[-4:] == ["Kommunene skal legge til rette for et godt samarbeid mellom forvaltningsnivåene.",
                        "Departementene skal:", "1. prioritere et godt samarbeid", "2. følge opp arbeidet"]


def test_a_lead_in_with_one_word_after_it_ends_the_scattered_words():
    """A lead-in with fewer than two words from inside a sentence after it ends the scattered words: the word after
    it is its own (a list item), not the stretched line's."""
    got = paragraphs("Avtale om skoleskyss\n\n" + LONG + "\nKommunene skal legge\nforvaltningsnivåene.\n\ntil\n\n"
                     "rette\n\nDepartementene skal:\n\nvurdere\n\nRapporteringen skal vise:\n")
    assert got[-4:] == ["Kommunene skal legge til rette forvaltningsnivåene.", "Departementene skal:", "vurdere",
                        "Rapporteringen skal vise:"]


def test_words_scattered_after_a_word_stack_go_before_its_last_word():
    """A stack of the stretched line's first words and the paragraph's last line (one word, closing the sentence),
    then the stretched line's other words one block each: they go before that last word; a heading of one word
    after them is none of them."""
    got = paragraphs("Avtale om skoleskyss\n\n" + LONG + "\nUtgifter\nsom\nfaller\nutenfor\nordningen,\n"
                     "fylkeskommunen.\n\ndekkes\n\netter\n\nsøknad\n\nfra\n\nVarighet\n\nAvtalen gjelder i fire år.\n")
    assert got[-3:] == ["Utgifter som faller utenfor ordningen, dekkes etter søknad fra fylkeskommunen.", "Varighet",
                        "Avtalen gjelder i fire år."]


def test_headings_one_word_each_are_no_scattered_words():
    """Headings of one word set apart by blank lines after a paragraph stay headings (capitals, no comma)."""
    got = paragraphs("Avtale om skoleskyss\n\nPartene er enige om\nfølgende.\n\nFormål\n\nBakgrunn\n\n" + LONG)
    assert got[1:4] == ["Partene er enige om følgende.", "Formål", "Bakgrunn"]


def test_a_line_ending_in_a_comma_goes_on():
    """A paragraph never ends in a comma: a short line «…Forsvarsdepartementet,» goes on with the capital after it."""
    got = paragraphs("Avtale om beredskap\n\nAvtalen er inngått mellom Justis- og beredskapsdepartementet,\n"
                     "Forsvarsdepartementet,\nKommunal- og distriktsdepartementet og KS.\n\n" + LONG)
    assert got[1] == ("Avtalen er inngått mellom Justis- og beredskapsdepartementet, Forsvarsdepartementet, "
                      "Kommunal- og distriktsdepartementet og KS.")


def test_two_digit_list_number_without_a_space():
    """pdftotext writes «10.gi råd …» when a two-digit label fills its tab: still item 10; «2.Formål» is no label,
    nor is a date «1.mars»."""
    from avtale.extract.markers import marker

    assert (marker("10.gi råd om tiltak").kind, marker("10.gi råd om tiltak").number) == ("number", 10)
    assert marker("11.følge opp avtalen").text == "følge opp avtalen"
    assert [marker(t).kind for t in ("2.Formål", "1.mars hvert år")] == ["none", "none"]


def test_capacity_leaves_out_a_title_set_larger():
    """The title wraps sooner (set larger): its span is no measure of where body lines wrap."""
    body = PROSE.strip().split("\n")
    lines = [Line(i, t) for i, t in enumerate(["Avtale om samarbeid om forenkling av statlig styring",
                                               "av kommunene 2031–2033"] + body, 1)]
    assert measure.capacity(lines) == min(measure._spans(lines)[1:]) > 90


def test_paragraph_ending_on_og_goes_on_across_a_page_break():
    """«… vekselvis av departementet og» at a page's foot, «KS. …» on the next page: one paragraph."""
    got = paragraphs("Avtale om skoleskyss\n\n" + PROSE + "Møtene ledes vekselvis av departementet og\n\nSide 1 av 2\n\f"
                     "KS. Partene skal møtes to ganger i året.\n")
    assert got[-1] == "Møtene ledes vekselvis av departementet og KS. Partene skal møtes to ganger i året."


def test_one_word_heading_over_a_word_stack_stays_a_heading():
    """«Organisering» over a stack is its heading; the stack (up to «ks.no.») is a stretched line, which goes on."""
    got = paragraphs("Avtale om skoleskyss\n\n" + PROSE + "\nOrganisering\nVeiledere\nog\neksempler\nfra\nkommunene\n"
                     "er\nsamlet\npå\nks.no.\nPartene møtes to ganger i året.\n")
    assert got[-2:] == ["Organisering", "Veiledere og eksempler fra kommunene er samlet på ks.no. Partene møtes to ganger i året."]


def test_folio_beside_a_running_header_is_dropped_where_pages_run_together():
    """pypdf joins pages with no break: the folio «1» that ends page one and the running header that opens page
    two are furniture, though «1» over a short capitalised line looks like a heading's number."""
    header = "Avtale om barnevern 2025–2028"
    text = (header + "\nAvtale om barnevern 2025–2028 mellom Bufdir og KS\n§ 1 Formål\n" + PROSE
            + "1\n" + header + "\nSted: Trondheim\n§ 2 Økonomi\nPartane dekkjer eigne kostnader.\n2\n" + header
            + "\n§ 3 Varigheit\nAvtalen gjeld til 31. desember 2028.\n")
    got = paragraphs(text)
    assert "1" not in got and "2" not in got and header not in got
    assert got[-6:] == [PROSE.strip().replace("\n", " "), "Sted: Trondheim", "§ 2 Økonomi",
                        "Partane dekkjer eigne kostnader.", "§ 3 Varigheit", "Avtalen gjeld til 31. desember 2028."]


def test_paragraph_goes_on_over_a_page_break_past_the_running_header():
    """PDF lines: the sentence cut by the page break goes on under the next page's running header, not into it."""
    head = ("Samarbeidsavtale om kulturskulen 2026", None)
    page1 = [head, ("", None), ("§ 3 Oppfølging", "heading"), ("", None),
             ("Partane skal møtast to gonger i året, og sekretariatet i direktoratet skal", None),
             ("kalle inn til møta og føre referat frå dei. Referata skal sendast til alle", "wrap"),
             ("", None), ("Side 1 av 2", None)]
    page2 = [head, ("", None), ("partane innan to veker.", None), ("", None), ("§ 4 Varigheit", "heading"),
             ("", None), ("Side 2 av 2", None)]
    pdf_lines._join_pages([page1, page2])
    assert page2[0] == head and page2[2] == ("partane innan to veker.", "wrap")
    assert pdf_lines._running([page1, page2]) == {(0, 0), (1, 0)}


def _pdf_page(content: bytes):
    """One A4 page whose text is set in a font with every glyph 500/1000 em wide."""
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/FirstChar"): NumberObject(32),
                             NameObject("/LastChar"): NumberObject(255),
                             NameObject("/Widths"): ArrayObject([NumberObject(500)] * 224),
                             NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return PdfReader(buffer).pages[0]


def test_pdf_text_measured_with_the_fonts_widths_and_word_spacing():
    """A justified line set with word spacing (Tw) in two runs is one line, not two columns: the first run ends
    where its glyphs and stretched spaces end, next to where the second starts."""
    first = "Partane skal samarbeide om gode overgangar mellom tenestene i"
    end = 72 + len(first) * 5 + first.count(" ") * 4 + 5 + 4
    page = _pdf_page(b"BT /F1 10 Tf 4 Tw 72 700 Td (" + first.encode() + b" ) Tj ET BT /F1 10 Tf 4 Tw "
                     + str(end).encode() + b" 700 Td (heile landet,) Tj ET BT /F1 10 Tf 0 Tw 72 686 Td "
                     b"[(slik at)-1000(innbyggjarane)] TJ ET")
    spans = glyphs.Spans(page)
    page.extract_text(visitor_operand_before=spans.visit)
    assert spans.spans[2] == (686.0, 72.0, 72 + 20 * 5 + 10)  # a TJ offset moves the pen
    assert [r.text() for r in pdf_lines.page_rows(page)] == [f"{first} heile landet,", "slik at innbyggjarane"]


def test_name_a_signature_cell_wrapped_goes_on_under_it():
    above = (132.7, 476.7)  # «Torbjørn Kristian » ends here; the cell's rule ends at 511.4
    assert pdf_table.overflows(above, "Bråten", 373.4, 413.6, 511.4)
    assert not pdf_table.overflows((132.7, 420.0), "Leiar", 373.4, 400.0, 511.4)  # would have fitted: a line of its own


def test_line_pitch_where_most_paragraphs_are_short_and_spaced():
    """Paragraphs of one or two lines with space after them: the gap inside a paragraph is as common as the gap
    between them; gaps a rounding apart are one."""
    assert pdf_lines._line_pitch(Counter({20.9: 11, 14.9: 11, 16.9: 8})) == 14.9
    assert pdf_lines._line_pitch(Counter({19.6: 4, 19.7: 3, 13.7: 2, 13.6: 2, 15.6: 1})) in (13.6, 13.7)


def test_line_ended_its_paragraph_where_the_next_word_would_have_fitted():
    """No gaps between paragraphs: a line ends its paragraph when the next line's first word would have fitted
    after it within the text column (right edge 520), and goes on when it would not."""
    def row(y, text, end, x=72.0):
        return pdf_lines.Row(y, 12.0, [(x, text)], ends=[end])

    short = row(700, "Partane i avtalen er Kunnskapsdepartementet og KS.", 380.0)
    full = row(700, "Partane skal samarbeide om kvaliteten i barnehagen og i skulen, og ", 518.0)
    nxt = row(685, "Staten har ansvar for regelverket.", 260.0)
    assert pdf_lines._ended(short, nxt, 520.0, 72.0) is True
    assert pdf_lines._ended(full, nxt, 520.0, 72.0) is False
    assert pdf_lines._ended(row(700, "Avtale om", 300.0, x=250.0), nxt, 520.0, 72.0) is None  # centred


def test_header_over_the_title_it_repeats_wrapped_in_capitals_is_dropped():
    """A one-page agreement shows its running header once: it is known by the title under it saying it again."""
    text = ("Avtale om samarbeid om folkehelse i Vestland 2025–2028\nAVTALE OM SAMARBEID OM FOLKEHELSE\n"
            "I VESTLAND 2025–2028\n" + PROSE)
    kept, _ = clean.clean(numbered(text), Notes())
    assert [ln.text for ln in kept][:3] == ["", "AVTALE OM SAMARBEID OM FOLKEHELSE", "I VESTLAND 2025–2028"]
    other = "Avtale om folkehelse\nAVTALE OM SAMARBEID OM FOLKEHELSE\nI VESTLAND 2025–2028\n" + PROSE
    kept, _ = clean.clean(numbered(other), Notes())
    assert kept[0].text == "Avtale om folkehelse"
    # the title wrapped inside its span of years («2024–» / «2025», foreign seed 151)
    broken = ("Avtale mellom staten og KS om kvalitet i barnevernet 2024–2025\n\n"
              "Avtale mellom staten og KS om kvalitet i barnevernet 2024–\n2025\n" + PROSE)
    kept, _ = clean.clean(numbered(broken), Notes())
    assert [ln.text for ln in kept][:4] == ["", "", "Avtale mellom staten og KS om kvalitet i barnevernet 2024–", "2025"]


def test_bullets_glued_to_their_items_get_their_space_back():
    """pdftotext -layout may lose the narrow tab after a typed «–»: «–gjennomgå …» is a bullet where two lines of a
    list show it (a wrapped rest between them); one dash glued to a word is left as it is."""
    text = (PROSE + "Partene skal:\n    –gjennomgå veiledning til kommuner med små fagmiljøer\n"
            "    –støtte forenkling av statlige krav og rapportering innenfor gjeldende\n     budsjettrammer\n"
            "    –følge opp arbeidet\nTiltak som krever finansiering, skal behandles i budsjettet.\n")
    kept, _ = clean.clean(numbered(text), Notes())
    texts = [ln.text.strip() for ln in kept]
    assert "– gjennomgå veiledning til kommuner med små fagmiljøer" in texts
    assert "– støtte forenkling av statlige krav og rapportering innenfor gjeldende" in texts
    assert "– følge opp arbeidet" in texts
    lone = PROSE + "–Ikke alle kommuner har dette.\nPartene skal møtes.\n"
    kept, _ = clean.clean(numbered(lone), Notes())
    assert "–Ikke alle kommuner har dette." in [ln.text for ln in kept]


def test_header_giving_the_titles_first_words_is_dropped():
    """A short running header that is the title's start («Samarbeidsavtale om forenkling»), over the title that
    says those words again and goes on: the header, not the title. A title's own first line is kept."""
    for header, title in (("Samarbeidsavtale om forenkling", ["Samarbeidsavtale om forenkling av statleg",
                                                              "styring av kommunane"]),
                          ("Avtale om læreplasser", ["Avtale om læreplasser i kommunesektoren 2026–2030"]),
                          ("Avtale mellom staten 2028–2030",  # first words and the years: a short title
                           ["AVTALE MELLOM STATEN OG KS OM KVALITETSUTVIKLING I", "BARNEHAGEN OG SKOLEN 2028–2030"])):
        for gap in ("\n", "\n\n\n\n"):  # pypdf / pdftotext -layout (the header right-aligned, blank lines)
            text = header + gap + "\n".join(title) + "\n" + PROSE
            got = paragraphs(text)
            assert got[0] == " ".join(title)
            assert header not in got
    own = paragraphs("Samarbeidsavtale om forenkling\nav statleg styring av kommunane\n" + PROSE)
    assert own[0] == "Samarbeidsavtale om forenkling av statleg styring av kommunane"
    own = paragraphs("Avtale mellom staten 2028–2030\n" + PROSE)  # a short title with no title under it: kept
    assert own[0] == "Avtale mellom staten 2028–2030"


def test_list_labels_glued_to_their_items_get_their_space_back():
    """Word's tab after «10.» had no room left: pypdf and pdftotext -layout write «10.rettleiing …»."""
    text = (PROSE + "Tiltaka omfattar mellom anna:\n10.rettleiing til kommunar med små fagmiljø\n"
            "11.felles opplæring for tilsette i barnevernet\nMøtet er 1.januar kvart år.\n")
    kept, _ = clean.clean(numbered(text), Notes())
    assert [ln.text for ln in kept][-4:-1] == ["10. rettleiing til kommunar med små fagmiljø",
                                               "11. felles opplæring for tilsette i barnevernet", "Møtet er 1.januar kvart år."]
    alone = clean.clean([Line(1, "1.januar er fristen."), Line(2, "Partane møtest.")], Notes())[0]
    assert alone[0].text == "1.januar er fristen."


def test_signature_line_set_with_tabs_wraps_to_the_margin_with_its_last_column():
    """«For Helse- og omsorgsdepartementet⇥For Klima- og» wrapped: «miljødepartementet» at the margin below is the
    last column's, not the first's."""
    def row(y, *cells):
        return pdf_lines.Row(y, 11.0, [(x, t) for x, t in cells], ends=[x + 6 * len(t) for x, t in cells])

    rows = [row(580, (71.0, "For Helse- og omsorgsdepartementet "), (312.0, "For Klima- og ")),
            row(566, (71.0, "miljødepartementet")),
            row(522, (71.0, "____________________ "), (312.0, "____________________")),
            row(508, (71.0, "Kari Nordmann "), (312.0, "Ola Hansen"))]
    assert pdf_table.table(rows, pdf_lines.Pitch({11.0: 13.8})) == [
        "For Helse- og omsorgsdepartementet\tFor Klima- og miljødepartementet",
        "____________________\t____________________", "Kari Nordmann\tOla Hansen"]


def test_numbered_heading_indented_under_a_list_item_is_no_part_of_it():
    """LibreOffice's text export indents an automatically numbered heading as deep as a list item's text:
    «    3 Økonomi» under «2.⇥…» starts a heading, it is not the item going on."""
    text = ("Avtale om skuleskyss\n    1 Formål\nPartane skal:\n1.\tsamarbeide om skyssen\n"
            "2.\tdele kostnadene likt\n    2 Økonomi\nKostnadene blir delte etter folketal.\n")
    assert paragraphs(text)[-3:] == ["2.\tdele kostnadene likt", "2 Økonomi", "Kostnadene blir delte etter folketal."]


def test_capital_after_a_list_item_at_a_page_end_starts_the_paragraph_after_the_list():
    item = "b) vurdere felles rutinar for skyss av elevar med særskilde behov gjennom heile året"
    body = "Kommunane skal melde frå om avvik til fylkeskommunen så snart som råd, og fylkeskommunen"
    page1 = [(body, None), ("skal følgje opp.", "wrap"), ("", None), ("Fylkeskommunen skal:", None), ("", None),
             ("a) gje råd om skyss av elevar", None), ("", None), (item, None)]
    page2 = [("Partane skal møtast to gonger i året og gå gjennom avtalen og korleis han verkar.", None)]
    pdf_lines._join_pages([page1, page2])
    assert page2[0][1] is None
    page1[-1] = ("b) vurdere felles rutinar for skyss av elevar med særskilde behov gjennom heile", None)
    page2 = [("året og på alle skuledagar.", None)]
    pdf_lines._join_pages([page1, page2])
    assert page2[0][1] == "wrap"


def test_stretched_line_of_few_long_words_at_the_right_edge():
    """pdftotext -layout sets each word in its nearest character cell: a full justified line of long words gets
    gaps from 2 to 9 spaces. At the text's right edge it is still one stretched line, not columns."""
    line = "Avtalen er inngått         mellom   KS,    Justis-   og    beredskapsdepartementet       og"
    assert not clean._stretched(line)
    assert clean._stretched(line, full=len(line) - 1)
    assert not clean._stretched("Leiar i KS      Kunnskapsminister      Kommunal- og distriktsminister", full=40)
    text = (PROSE + "\n" + line + "\nEnergidepartementet.\n")
    assert paragraphs(text)[-1] == ("Avtalen er inngått mellom KS, Justis- og beredskapsdepartementet og "
                                    "Energidepartementet.")


def test_end_of_a_sentence_repeated_by_a_page_break_is_no_running_footer():
    lines = [Line(1, "Avtale om skyss"), Line(2, "Direktoratet skal følgje opp tiltaka i tråd med"),
             Line(3, "gjeldande regelverk."), Line(4, "Partane møtest to gonger i året."), Line(5, "Side 1 av 3"),
             Line(6, "Kommunane skal melde avvik i tråd med", page=2, page_start=True),
             Line(7, "gjeldande regelverk.", page=2), Line(8, "Partane dekkjer eigne kostnader.", page=2),
             Line(9, "Side 2 av 3", page=2), Line(10, "Staten skal rettleie i tråd med", page=3, page_start=True),
             Line(11, "gjeldande regelverk.", page=3), Line(12, "Side 3 av 3", page=3)]
    kept, _ = clean.clean(lines, Notes())
    assert [ln.text for ln in kept].count("gjeldande regelverk.") == 3


def test_signature_rows_of_two_cells_where_a_long_first_cell_pushed_the_second_to_a_later_tab_stop():
    def row(y, *cells):
        return pdf_lines.Row(y, 10.0, [(x, t) for x, t in cells], ends=[x + 5 * len(t) for x, t in cells])

    rows = [row(234, (71.0, "For Helse- og omsorgsdepartementet "), (312.0, "For Energidepartementet")),
            row(221, (71.0, "Kari Nes "), (312.0, "Ola Dahl")),
            row(178, (71.0, "For Digitaliserings- og forvaltningsdepartementet "), (359.0, "For KS")),
            row(165, (71.0, "Liv Berg "), (312.0, "Per Moen"))]
    assert pdf_table.table(rows, pdf_lines.Pitch({10.0: 12.5})) == [
        "For Helse- og omsorgsdepartementet\tFor Energidepartementet", "Kari Nes\tOla Dahl",
        "For Digitaliserings- og forvaltningsdepartementet\tFor KS", "Liv Berg\tPer Moen"]
    logos = [row(762, (71.0, "Kommunal- og distriktsde-")), row(755, (236.0, "Kunnskapsdepartementet"), (510.0, "KS")),
             row(749, (71.0, "partementet"))]  # logos set at staggered heights: columns by where they stand
    assert pdf_table.table(logos, pdf_lines.Pitch({10.0: 12.5})) == [
        "Kommunal- og distriktsdepartementet\tKunnskapsdepartementet\tKS"]


def test_a_lead_in_repeated_on_every_page_over_indented_items_is_no_running_header():
    """pdftotext -layout sets list items one space in; with form feeds showing the pages, such a line starts no
    page, so «KS skal:» over a list on three pages stays (it is not next to a page break)."""
    from avtale.extract.read_text import lines_of

    page = (PROSE + "\nStaten skal følgje opp lokale og regionale nettverk i heile landet, og arbeidet skal evaluerast\n"
            "kvart år av partane.\nKS skal:\n 1. utvikle tverrfagleg samarbeid i kommunane\n"
            " 2. styrkje likeverdige tenester i heile landet\n\n" + PROSE + "\n")
    lines = lines_of("Avtale om samarbeid\n\n" + "\f".join([page] * 3))
    assert not any(ln.page_start for ln in lines if ln.text.startswith(" 2."))
    kept, _ = clean.clean(lines, Notes())
    assert sum(ln.text == "KS skal:" for ln in kept) == 3
    assert lines_of("Avsnitt ein.\n Side to begynner her.")[1].page_start  # no form feeds (pypdf): a page's start


def test_paragraph_gaps_with_a_manual_break_in_every_other_paragraph():
    """pdftotext -layout shows Word's empty paragraphs as blank lines; half the paragraphs have a line break
    (Shift+Enter) between two sentences: the text is still blank-separated, and each break is inside its paragraph."""
    text = ("Kommunane skal vurdere kompetansen hos dei tilsette.\n"
            "Fylkeskommunen har ansvar for rettleiinga i heile fylket.\n\n"
            "Partane skal møtast minst to gonger i året for å følgje opp avtalen.\n\n"
            "Tiltak som krev finansiering, skal handsamast i dei ordinære budsjettprosessane.\n"
            "Partane skal rapportere på tiltaka kvart år.\n\n"
            "Avtalen gjev ingen nye økonomiske plikter for partane i avtaleperioden.\n")
    lines = numbered(text)
    assert unwrap.blank_separated(lines, wrapped=True)
    assert paragraphs(PROSE + "\n" + text)[1:] == [
        "Kommunane skal vurdere kompetansen hos dei tilsette. Fylkeskommunen har ansvar for rettleiinga i heile fylket.",
        "Partane skal møtast minst to gonger i året for å følgje opp avtalen.",
        "Tiltak som krev finansiering, skal handsamast i dei ordinære budsjettprosessane. Partane skal rapportere på "
        "tiltaka kvart år.",
        "Avtalen gjev ingen nye økonomiske plikter for partane i avtaleperioden."]


def test_one_blank_line_in_a_text_without_paragraph_gaps_makes_no_blank_separated_text():
    text = ("Kommunane skal vurdere kompetansen hos dei tilsette i heile avtaleperioden.\n"
            "Fylkeskommunen har ansvar for rettleiinga i heile fylket og for nettverka.\n\n"
            "Partane skal møtast minst to gonger i året for å følgje opp avtalen.\n"
            "Tiltak som krev finansiering, skal handsamast i dei ordinære budsjettprosessane.\n")
    lines = numbered(text)
    assert not unwrap.blank_separated(lines, wrapped=True)


def test_a_short_libreoffice_text_with_paragraph_gaps_and_two_manual_breaks_is_blank_separated():
    """Foreign seed 151: LibreOffice's text of a short agreement, a paragraph a line, Word's empty paragraphs as
    blank lines and a manual break in two paragraphs: four blocks after a gap against two lines right under one
    is enough; with no gaps it is not blank-separated."""
    text = ("Avtale om samarbeid om fleire læreplassar\n\n"
            "Kommunal- og distriktsdepartementet og KS inngår denne avtalen.\n"
            "Møta blir leidde vekselvis av departementa og KS.\n\n"
            "Statsforvaltaren skal styrkje eit godt kunnskapsgrunnlag for tiltaka.\n\n"
            "Kommunane skal sørgje for forenkling av statlege krav og rapportering.\n"
            "Kommunesektoren skal følgje opp tidleg innsats for barn og unge.\n\n"
            "Avtalen gjeld frå signering og fram til 31. desember 2028.\n")
    lines = numbered(text)
    assert unwrap.blank_separated(lines, wrapped=False)
    tight = numbered(text.replace("\n\n", "\n"))
    assert not unwrap.blank_separated(tight, wrapped=False)


def test_a_text_set_out_as_on_the_page_with_a_manual_break_in_most_paragraphs_is_blank_separated():
    """pdftotext -layout (it indents a list's items and a centred title) shows every gap the page has: two gaps
    between paragraphs against three manual breaks is a blank-separated text; plain text with the same lines, which
    shows some gaps and drops others, is not."""
    text = ("Kommunane skal vurdere kompetansen hos dei tilsette.\n"
            "Fylkeskommunen har ansvar for rettleiinga i heile fylket.\n\n"
            "Partane skal møtast minst to gonger i året for å følgje opp avtalen.\n"
            "Meir informasjon om arbeidet er publisert på regjeringen.no.\n\n"
            "Tiltak som krev finansiering, skal handsamast i dei ordinære budsjettprosessane.\n"
            "Partane skal rapportere på tiltaka kvart år.\n")
    plain = numbered(text)
    assert not unwrap.blank_separated(plain, wrapped=True)
    laid_out = [Line(0, "              Avtale om samarbeid")] + plain
    assert unwrap.blank_separated(laid_out, wrapped=True)


WATER = [
    "Kommunane i Vestmo og Nordmo skal i avtaleperioden samarbeide om drift av",
    "vassverket, og felles rutinar for vedlikehald av leidningsnettet skal vere på plass",
    "innan utgangen av mars. Kommunane dekkjer kostnadene etter folketal. Leiinga i",
    "kvar kommune melder frå om mangelfull vasskvalitet utan opphald, og",
    "tilsynsmyndigheita skal varslast same dag.",
    "Miljøvernavdelinga hos Statsforvaltaren gjev råd om tiltak mot forureining i",
    "nedbørfeltet, og kommunane gjer greie for korleis råda er følgde opp. Rapporten blir",
    "lagd fram for kommunestyra kvart år.",
    "Vassverket i Nordmo står for om lag tre fjerdedelar av produksjonen, medan Vestmo",
    "har ansvar for reservevatnet. Kvar kommune har éin representant i styringsgruppa,",
    "som møtest minst to gonger i året. Møta blir leidde vekselvis av dei to",
    "kommunedirektørane, og referat blir lagde ut på nettsidene til kommunane.",
    "Avtalen gjeld frå 1. januar 2026 og fram til 31. desember 2029. Kvar av partane kan",
    "seie opp avtalen med tolv månaders varsel. Tvistar som ikkje blir løyste i",
    "styringsgruppa, blir lagde fram for kommunestyra i begge kommunane.",
    "Kostnadene med felles investeringar blir fordelte etter folketalet per 1. januar same",
    "år. Nordmo kommune fører rekneskapen for samarbeidet, og Vestmo kommune får",
    "eit årleg oversyn innan utgangen av februar. Meirforbruk ut over budsjettet krev",
    "samtykke frå begge kommunestyra.",
]


def test_glyphs_measure_a_proportional_face():
    """«m» and «w» are wide, «i», «l» and «t» narrow: as many characters, not as wide a line."""
    width = measure.glyphs
    assert width("Møte med kommunen") > len("Møte med kommunen") > width("til tiltak i tide")
    assert width("mmmm") > 1.5 * width("nnnn") > 2.5 * width("iiii")


def test_a_line_of_narrow_letters_is_not_full():
    """PDF text (pdftotext, pypdf) wrapped by a proportional face: «… nettsidene til kommunane.» has as many
    characters as the lines that wrapped, but its letters are narrow, so «Avtalen» would have fitted after it: the
    paragraph ends there. Counted in characters, the line looked full and went on."""
    lines = [Line(i, t) for i, t in enumerate(WATER, 1)]
    assert measure.line_measure(lines) is measure.glyphs
    got = paragraphs("Avtale om vassforsyning\n\n" + "\n".join(WATER) + "\n")
    assert [p.split()[0] for p in got[1:]] == ["Kommunane", "Miljøvernavdelinga", "Vassverket", "Avtalen",
                                          "Kostnadene"]
    assert got[3].endswith("nettsidene til kommunane.")


def test_text_wrapped_at_a_column_is_measured_in_characters():
    """pandoc wraps at 72 columns: counted in characters its lines come out even, so characters are its measure."""
    import textwrap

    text = textwrap.fill(" ".join(WATER), 72).split("\n")
    assert measure.line_measure([Line(i, t) for i, t in enumerate(text, 1)]) is len


def test_a_party_name_broken_in_its_cell_is_one_word_again():
    """A name too long for its signature cell, broken inside the word without a hyphen (pdftotext, pypdf)."""
    text = (PROSE + "\nSamferdselsdeparteme\nntet\n\nKS\n\nFor\nSamferdselsdepartemente\nt\n__________\nKari Lien\n"
            "Samferdselsminister\n\nDet er mange\nnye\nplikter.")
    notes = Notes()
    kept, _ = clean.clean(numbered(text), notes)
    assert [ln.text for ln in kept if ln.text][6:] == ["Samferdselsdepartementet", "KS", "For Samferdselsdepartementet",
                                                   "__________", "Kari Lien", "Samferdselsminister", "Det er mange",
                                                   "nye", "plikter."]
    assert sum("broken in its cell" in n.message for n in notes.items) == 2


def test_an_indented_list_is_no_table_but_a_signature_table_is():
    def row(y, *cells):
        return pdf_lines.Row(y, 11.0, [(x, t) for x, t in cells], ends=[x + 5 * len(t) for x, t in cells])

    items = [row(563, (89, "–"), (107, "Statlige tiltak tilpasses de økonomiske rammene.")),
             row(547, (89, "– Direktoratet vil støtte forenkling av statlige krav, slik at innbyggerne får gode")),
             row(533, (107, "og likeverdige tjenester.")), row(518, (89, "– Avtalen gir ingen nye forpliktelser."))]
    assert not pdf_lines._really_columns(items, 71.0)
    signatures = [row(300, (71, "For KS"), (300, "For Kunnskapsdepartementet")), row(280, (300, "Kari Lien")),
                  row(260, (71, "Ola Vik"))]
    assert pdf_lines._really_columns(signatures, 71.0)
    cells_alone = [row(300, (71, "For KS")), row(280, (320, "For Kunnskapsdepartementet")), row(260, (320, "Kari Lien"))]
    assert pdf_lines._really_columns(cells_alone, 71.0)  # a cell far right, under no list item


def test_structure_leaves_words_aside_but_not_blocks():
    from avtale.extract.compare import structure

    a = Agreement.model_validate({
        "id": "a", "title": "Avtale om samarbeid", "language": "nb", "parties": [{"id": "kd", "name": "Kunnskapsdepartementet"},
                                                                               {"id": "ks", "name": "KS"}],
        "period": {"end": "2027-12-31"}, "status": "draft",
        "preamble": ["Avtalen er inngått mellom Kunnskapsdepartementet og KS."],
        "sections": [{"title": "Formål", "blocks": ["Partane skal:", {"bullets": ["samarbeide", "møtast"]}]}]})
    misread = a.model_copy(update={"title": "Avtale om samarbeld", "preamble": ["Avtalen er inngått mellom KD og KS."]})
    assert structure(misread) == structure(a)
    split = a.model_copy(update={"preamble": ["Avtalen er inngått.", "Mellom Kunnskapsdepartementet og KS."]})
    assert structure(split) != structure(a)
    fewer = Agreement.model_validate({**a.model_dump(mode="json"), "sections": [
        {"title": "Formål", "blocks": ["Partane skal:", {"bullets": ["samarbeide møtast"]}]}]})
    assert structure(fewer) != structure(a)


def test_a_span_actual_text_stands_for_its_glyphs():
    """Typst marks a division's hyphen `/Span<</ActualText<FEFF00AD>>>BDC … Tj EMC`: a soft hyphen."""
    from pypdf.generic import ByteStringObject, DictionaryObject, NameObject

    actual = pdf_marks.ActualText()
    cm, tm = [1, 0, 0, 1, 0, 0], [1, 0, 0, 1, 520.0, 721.0]
    span = DictionaryObject({NameObject("/ActualText"): ByteStringObject(b"\xfe\xff\x00\xad")})
    actual.visit(b"BDC", [NameObject("/Span"), span], cm, tm)
    actual.visit(b"Tj", [b"\x00\x11"], cm, tm)
    actual.visit(b"EMC", [], cm, tm)
    assert actual.text("-", cm, tm) == "\u00ad"  # pypdf hands the glyph on after the span closed
    assert actual.text("", cm, tm) == ""
    assert actual.text("-", cm, [1, 0, 0, 1, 74.0, 707.0]) == "-"  # a hyphen elsewhere is a hyphen
    assert actual.text("beredskapsdepar", cm, tm) == "beredskapsdepar"


def test_a_lone_dash_pdftotext_made_of_a_column_of_dashes_labels_each_item():
    """Typed «-<tab>» items: pdftotext joins the column «-» / «-» (a line ending in a hyphen goes on) into one «-»;
    under a lead-in «…:», lower-case lines that are not full are items each. A wrapped item stays one item, and the
    paragraph after the list (a capital) is no item."""
    text = (PROSE + "\nPartene skal i avtaleperioden særlig samarbeide om:\n-\n\n"
            "et godt samarbeid mellom forvaltningsnivåene\nmedvirkning fra innbyggerne gjennom faste møter\n"
            "Departementene vil støtte et godt samarbeid mellom forvaltningsnivåene.\n")
    assert paragraphs(text)[-4:] == [
        "Partene skal i avtaleperioden særlig samarbeide om:",
        "- et godt samarbeid mellom forvaltningsnivåene",
        "- medvirkning fra innbyggerne gjennom faste møter",
        "Departementene vil støtte et godt samarbeid mellom forvaltningsnivåene.",
    ]
    one = (PROSE + "\nPartene skal i avtaleperioden særlig samarbeide om:\n-\n\n"
           "et godt samarbeid mellom forvaltningsnivåene, og departementa skal følgje opp dei nasjonale måla\n"
           "for sektoren gjennom faste møte.\n")
    assert paragraphs(one)[-2:] == [
        "Partene skal i avtaleperioden særlig samarbeide om:",
        "- et godt samarbeid mellom forvaltningsnivåene, og departementa skal følgje opp dei nasjonale måla for "
        "sektoren gjennom faste møte.",
    ]


def test_a_lone_dash_over_items_starting_with_a_capital_labels_each_where_none_is_full():
    """Foreign seed 91: the joined «-» over items that start with a capital and end in a full stop. Each line is
    an item where none is full, all end alike and a blank line follows; a paragraph right under one item (no
    blank line between, or a wrapped one) is no list."""
    items = "Felles mål for arbeidet.\nForenkling av statlege krav og rapportering.\nMedverknad frå innbyggjarane.\n"
    text = PROSE + "\nPartane skal i avtaleperioden særleg samarbeide om:\n-\n\n" + items + "\nPartane skal møtast.\n"
    assert paragraphs(text)[-5:] == [
        "Partane skal i avtaleperioden særleg samarbeide om:", "- Felles mål for arbeidet.",
        "- Forenkling av statlege krav og rapportering.", "- Medverknad frå innbyggjarane.", "Partane skal møtast."]
    mixed = PROSE + "\nPartane skal i avtaleperioden særleg samarbeide om:\n-\n\nFelles mål for arbeidet\n" \
        "Forenkling av statlege krav og rapportering.\n\nPartane skal møtast.\n"
    assert "- Forenkling av statlege krav og rapportering." not in paragraphs(mixed)  # they end unlike: no list
    run_on = PROSE + "\nPartane skal i avtaleperioden særleg samarbeide om:\n-\n\n" + items + PROSE
    assert "- Medverknad frå innbyggjarane." not in paragraphs(run_on)  # a wrapped paragraph follows: no list


def test_a_line_of_prose_ending_in_a_comma_goes_on_in_a_text_too_little_wrapped_to_measure():
    """Foreign seed 77: a short agreement whose paragraphs are mostly one line each shows too few wraps to measure
    its width; the preamble's first line still ends in a comma, and no paragraph does. A short line ending in
    a comma (a row of names) is no such evidence."""
    text = ("Avtale om samarbeid om kvalitet i barnevernet\n"
            "Avtalen er inngått mellom Klima- og miljødepartementet, Helse- og omsorgsdepartementet,\n"
            "Forsvarsdepartementet, Barne- og familiedepartementet og KS.\n\n1 Kompetanse\n"
            "Kommunesektoren skal gje råd om tiltak som verkar etter føremålet.\n")
    assert paragraphs(text)[1] == ("Avtalen er inngått mellom Klima- og miljødepartementet, Helse- og "
                                   "omsorgsdepartementet, Forsvarsdepartementet, Barne- og familiedepartementet og KS.")
    names = "Avtale om skyss\nOslo,\nKunnskapsdepartementet\n\n1 Formål\nPartane skal møtast.\n"
    assert paragraphs(names)[1:3] == ["Oslo,", "Kunnskapsdepartementet"]


def test_page_numbers_with_the_count_in_brackets_go_where_pages_break():
    """«2 (3)» and «Side 2 (3)» at the foot of a page (pdftotext ends each page with a form feed), with spaces inside
    the brackets as a PDF reader may set the page fields; the paragraph goes on over the break."""
    for folio in ("{n} (3)", "Side {n} (3)", "{n} ( 3)"):
        text = ("Avtale om skoleskyss\n\n" + PROSE + "Møtene ledes vekselvis av departementet og\n\n"
                + folio.format(n=1) + "\n\fKS, og partene dekker egne kostnader.\n\n" + folio.format(n=2) + "\n\f"
                "Avtalen gjelder til 2030.\n\n" + folio.format(n=3) + "\n")
        got = paragraphs(text)
        assert got[-2:] == ["Møtene ledes vekselvis av departementet og KS, og partene dekker egne kostnader.",
                            "Avtalen gjelder til 2030."], folio


def test_a_lone_dash_at_a_page_top_goes_on_with_the_list_above():
    """The list goes on over a page break: the lone «-» on the next page (under the dropped folio) stands under an
    item of the list, not under its lead-in."""
    from avtale.extract.read_text import lines_of

    text = (PROSE + "\nDepartementet skal:\n-\n\nstøtte et godt samarbeid mellom forvaltningsnivåene\n"
            "gjennomgå tiltak som virker etter hensikten\n\n1\n\n\f-\n\n"
            "prioritere likeverdige tjenester i hele landet gjennom faste møter\n"
            "legge til rette for et godt kunnskapsgrunnlag for tiltakene\n"
            "Arbeidsgruppen skal utvikle arbeidet med helse- og omsorgstjenestene.\n")
    kept, _ = clean.clean(lines_of(text), Notes())
    got = [p.text for p in unwrap.unwrap(kept, Notes(), plain_text=True)]
    assert got[-6:] == ["Departementet skal:", "- støtte et godt samarbeid mellom forvaltningsnivåene",
                        "- gjennomgå tiltak som virker etter hensikten",
                        "- prioritere likeverdige tjenester i hele landet gjennom faste møter",
                        "- legge til rette for et godt kunnskapsgrunnlag for tiltakene",
                        "Arbeidsgruppen skal utvikle arbeidet med helse- og omsorgstjenestene."]


def test_header_over_a_letterhead_and_the_title_it_repeats_is_dropped():
    """A one-page agreement's running header that is the whole title, then the letterhead's names, then the title
    wrapped: the header goes, the names stay a letterhead, and the title is the title."""
    names = "Forsvarsdepartementet\nKommunal- og distriktsdepartementet\nKS\n"
    title = "Avtale mellom staten og KS om inkludering av flyktningar i kommunane 2028–2032"
    for wrapped in ("Avtale mellom staten og KS om\ninkludering av flyktningar i kommunane 2028–2032", title):
        text = title + "\n" + names + wrapped + "\n" + PROSE
        kept, organisations = clean.clean(numbered(text), Notes())
        assert [ln.text for ln in kept[:4]] == ["", "", "", ""]
        assert [ln.text for ln in kept[4 : 4 + wrapped.count("\n") + 1]] == wrapped.split("\n")
        assert organisations == ["Forsvarsdepartementet", "Kommunal- og distriktsdepartementet", "KS"]
    other = "Avtale om folkehelse\n" + names + title + "\n" + PROSE  # a first line the title does not repeat: kept
    kept, _ = clean.clean(numbered(other), Notes())
    assert kept[0].text == "Avtale om folkehelse"


def test_a_sentence_said_twice_at_page_tops_is_no_running_header():
    """Foreign seed 91: «Statlege tiltak blir tilpassa … vedtek.» opens pages 2 and 3 of four; the running header
    over it is on every page. The sentence stays; a header sentence on every page but the first still goes."""
    from avtale.extract.read_text import lines_of

    header, sentence = "Avtale om kvalitetsutvikling i skulen", "Statlege tiltak blir tilpassa dei økonomiske rammene."
    pages = [PROSE, f"{sentence}\nKommunane skal styrkje tenestene.\n\n" + PROSE,
             f"{sentence}\nStatsforvaltaren skal gå gjennom samarbeidet.\n\n" + PROSE, "Partane skal møtast.\n"]
    text = "\f".join(f"{header}\n\n{p}\nSide {n} av 4\n" for n, p in enumerate(pages, start=1))
    notes = Notes()
    kept, _ = clean.clean(lines_of(text), notes)
    assert sum(ln.text == sentence for ln in kept) == 2
    assert not any(ln.text == header for ln in kept)
    every = "\f".join(f"{header}\n\n" + (f"{sentence}\n" if n > 1 else "") + f"{p}\nSide {n} av 4\n"
                      for n, p in enumerate([PROSE] * 4, start=1))
    kept, _ = clean.clean(lines_of(every), Notes())
    assert not any(ln.text == sentence for ln in kept)


def test_lone_o_bullets_set_apart_by_a_page_foot_stay_bullets():
    """Foreign seed 91: pdftotext sets each «o» and its item apart by blank lines, and the page's foot stands
    between the two items: six lines from one «o» to the next. Both are bullets, not logo letters."""
    from avtale.extract.read_text import lines_of

    text = (PROSE + "Partene skal:\no\n\nbidra til likeverdige tjenester i hele landet\n\nSide 1 (4)\n\n\fo\n\n"
            "bidra til beredskapsarbeidet i kommunene\n\nMer informasjon om arbeidet er publisert på regjeringen.no.\n")
    kept, _ = clean.clean(lines_of(text), Notes())
    got = [p.text for p in unwrap.unwrap(kept, Notes(), plain_text=True)]
    assert got[-4:] == ["Partene skal:", "o bidra til likeverdige tjenester i hele landet",
                        "o bidra til beredskapsarbeidet i kommunene",
                        "Mer informasjon om arbeidet er publisert på regjeringen.no."]
    # one «o» under a lead-in, its item after it, is a bullet too; an «o» among prose lines is a logo's letter
    kept, _ = clean.clean(lines_of(PROSE + "Partene skal:\no\n\nbidra til et godt samarbeid\n"), Notes())
    assert [p.text for p in unwrap.unwrap(kept, Notes(), plain_text=True)][-1] == "o bidra til et godt samarbeid"
    kept, _ = clean.clean(lines_of("o\n\n" + PROSE), Notes())
    assert not any(ln.text.strip() == "o" for ln in kept)


def test_a_lead_in_over_a_list_said_at_every_page_top_is_no_running_header():
    """Foreign seed 77: «Staten skal:» opens a list right where each of three pages turned. A lead-in with a list
    item after it each time is the agreement's own; a short line at each page top with prose under it goes."""
    from avtale.extract.read_text import lines_of

    pages = [PROSE, "Staten skal:\n\n1) utvikle felles mål for arbeidet\n2) prioritere beredskapsarbeidet\n\n" + PROSE,
             "Staten skal:\n6) følgje opp tverrfagleg samarbeid\n\n" + PROSE]
    text = "\f".join(f"{p}\nSide {n} av 3\n" for n, p in enumerate(pages, start=1))
    kept, _ = clean.clean(lines_of(text), Notes())
    assert sum(ln.text == "Staten skal:" for ln in kept) == 2
    header = "\f".join(f"Avtale om samarbeid:\n\n{p}\nSide {n} av 3\n" for n, p in enumerate([PROSE] * 3, start=1))
    kept, _ = clean.clean(lines_of(header), Notes())
    assert not any(ln.text == "Avtale om samarbeid:" for ln in kept)


def test_a_compound_wrapped_in_a_narrow_column_near_each_page_turn_is_no_running_header():
    """Foreign seed 137: «Landbruks- og» opens the letterhead, heads the party's signature column and starts the
    minister's title, each time near a page break, each time with its second half on the next line. It stays
    in the signature block; a short header on every page still goes."""
    from avtale.extract.read_text import lines_of

    pages = ["Landbruks- og\nmatdepartementet\n\nKS\n\nAvtale om samarbeid\n" + PROSE, PROSE,
             "Bergen den 24. oktober 2026\nLandbruks- og\nmatdepartementet\n\nKS\n\n" + "____\n\n" * 2
             + "Tone Strand Holm\n\nKari Lunde\n\nLandbruks- og\nmatminister\n\nLeder i KS\n"]
    text = "\f".join(f"{p}\n-{n}-\n" for n, p in enumerate(pages, start=1))
    kept, _ = clean.clean(lines_of(text), Notes())
    assert [ln.text for ln in kept if ln.text == "Landbruks- og"] == ["Landbruks- og"] * 2  # the letterhead's goes
    header = "\f".join(f"Landbruks- og\n\n{p}\n-{n}-\n" for n, p in enumerate([PROSE] * 3, start=1))
    kept, _ = clean.clean(lines_of(header), Notes())
    assert not any(ln.text == "Landbruks- og" for ln in kept)
