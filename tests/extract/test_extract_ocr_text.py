"""The mending of Tesseract's text (`ocr_text`, `ocr_columns`): each rule on a small text as Tesseract writes it.

The texts are in the form `tesseract -l nor page.png -` gives (a blank line between its
paragraphs, a form feed between pages); each test gives the exact lines expected.
"""

from __future__ import annotations

from avtale.extract import extract, ocr_columns, ocr_lists, ocr_logos, ocr_signs, ocr_table, ocr_text
from avtale.extract.lines import Notes
from avtale.extract.read_text import read_any


def test_bullets_read_as_star_star_dash_and_e():
    lines = ["Departementet skal:", "", "* — sørgje for at regelverket er tydeleg",
             "e leggje til rette for rettleiing", "*  involvere KS tidleg", "» formidle erfaringar"]
    assert ocr_text.even_out(lines) == ["Departementet skal:", "", "• sørgje for at regelverket er tydeleg",
                                        "• leggje til rette for rettleiing", "• involvere KS tidleg",
                                        "• formidle erfaringar"]


def test_o_and_capital_o_beside_bullets():
    lines = ["o følgje opp kompetansen", "O prioritere kvaliteten", "o sørgje for kompetansen"]
    assert ocr_text.even_out(lines) == ["• følgje opp kompetansen", "• prioritere kvaliteten", "• sørgje for kompetansen"]


def test_bullets_read_twice_or_with_their_tab_are_bullets_alone():
    # «*e» (the bullet read as «*» and «e»), «e —» (the bullet and its tab), «Oo»: no Norwegian line starts so
    lines = ["Målet er:", "", "*e Rekruttering av fagfolk.", "", "Rapporteringa skal vise:", "",
             "e — Eit godt kunnskapsgrunnlag for tiltaka.", "", "Partane vil:", "Oo eit godt samarbeid"]
    assert ocr_text.even_out(lines) == ["Målet er:", "", "• Rekruttering av fagfolk.", "", "Rapporteringa skal vise:",
                                        "", "• Eit godt kunnskapsgrunnlag for tiltaka.", "", "Partane vil:",
                                        "• eit godt samarbeid"]


def test_a_zero_or_e_beside_a_bullet_past_its_items_wrapped_text():
    lines = ["Partene er enige om:", "", "e Fylkeskommunene skal samarbeide om en bedre ressursbruk i hele",
             "avtaleperioden der det er hensiktsmessig.", "", "* Kommunene skal gjennomgå krav.", "",
             "0 Regelverk som er enkelt å bruke.", "o Lokale nettverk."]
    assert ocr_text.even_out(lines) == [
        "Partene er enige om:", "", "• Fylkeskommunene skal samarbeide om en bedre ressursbruk i hele",
        "avtaleperioden der det er hensiktsmessig.", "", "• Kommunene skal gjennomgå krav.", "",
        "• Regelverk som er enkelt å bruke.", "• Lokale nettverk."]


def test_a_lone_e_is_a_word_not_a_bullet():
    lines = ["Avtalen gjeld frå 1. januar.", "", "e er ein bokstav i alfabetet"]
    assert ocr_text.even_out(lines) == lines


def test_paragraph_signs_only_when_two_headings_read_so():
    lines = ["8 1 Formål", "Formålet med avtalen er å styrke samarbeidet.", "5 2 Virkeområde", "$ 3 Varighet"]
    assert ocr_text.paragraph_signs(lines)
    assert ocr_text.even_out(lines, True) == ["§ 1 Formål", "Formålet med avtalen er å styrke samarbeidet.",
                                              "§ 2 Virkeområde", "§ 3 Varighet"]
    assert not ocr_text.paragraph_signs(["8 1 Formål", "Formålet med avtalen."])


def test_dashes_years_labels_and_between_words():
    lines = ["Avtale om læreplasser 2024—2026", "2. — Bakgrunn", "Rapporten Partnerskap i NAV -— status og veien videre",
             "barnevernet 2024-2027"]
    assert ocr_text.even_out(lines) == ["Avtale om læreplasser 2024–2026", "2. Bakgrunn",
                                        "Rapporten Partnerskap i NAV – status og veien videre", "barnevernet 2024–2027"]


def test_line_end_hyphen_before_lower_case_is_a_division():
    lines = ["Justis- og beredskapsdepar-", "tementet og KS skal samarbeide om helse-", "og omsorgstenestene."]
    assert ocr_text.even_out(lines) == ["Justis- og beredskapsdepar\u00ad", "tementet og KS skal samarbeide om helse-",
                                        "og omsorgstenestene."]


def test_capital_word_read_apart_is_joined_where_the_whole_stands_elsewhere():
    lines = ["NA V-kontoret er et partnerskap.", "Mange NAV-kontor er små.", "KS AV er ikkje eit ord."]
    assert ocr_text.join_capitals(lines) == ["NAV-kontoret er et partnerskap.", "Mange NAV-kontor er små.",
                                             "KS AV er ikkje eit ord."]


def test_glued_paragraph_signs_count_from_one():
    lines = ["51 Bakgrunn", "Tekst.", "52 Organisering", "Tekst.", "53 Varighet"]
    assert ocr_signs.glued_signs(lines) == ["§ 1 Bakgrunn", "Tekst.", "§ 2 Organisering", "Tekst.", "§ 3 Varighet"]
    assert ocr_signs.glued_signs(["52 Bakgrunn", "57 Organisering"]) == ["52 Bakgrunn", "57 Organisering"]


def test_heading_number_read_apart():
    lines = ["4. Prioriterte områder", "Tekst.", "", "[91]", "", ". Oppfølging", "Partene skal møtes.", "",
             "6. Varighet"]
    assert ocr_text.heading_numbers(lines) == ["4. Prioriterte områder", "Tekst.", "", "", "", "5. Oppfølging",
                                               "Partene skal møtes.", "", "6. Varighet"]


FULL = "Statsforvalteren skal minst hvert fjerde år gjennomføre en øvelse for kriseledelsen i hver\nkommune. Øvelsene skal evalueres, og erfaringene skal deles med de andre kommunene i hele\nfylket"


def test_bullets_tesseract_dropped_under_a_lead_in():
    lines = [*FULL.split("\n"), "",
             "Partene skal i avtaleperioden særlig samarbeide om:", "",
             "forsyningssikkerhet for vann, strøm og elektronisk kommunikasjon",
             "evakuering og forpleining av innbyggere ved naturhendelser", "",
             "beredskap i helse- og omsorgstjenestene, herunder legemiddelberedskap",
             "frivillige organisasjoners rolle i lokal beredskap", "", "Staten skal:", "",
             "vurdere erfaringsdeling mellom kommunane på nasjonalt og regionalt",
             "nivå", "gi kommunene kunnskap om risiko og sårbarhet på nasjonalt og",
             "regionalt nivå", "", "Statsforvalteren skal minst hvert fjerde år gjennomføre en øvelse."]
    got, notes = ocr_columns.restore_bullets(lines)
    assert got == [*FULL.split("\n"), "",
                   "Partene skal i avtaleperioden særlig samarbeide om:", "",
                   "• forsyningssikkerhet for vann, strøm og elektronisk kommunikasjon",
                   "• evakuering og forpleining av innbyggere ved naturhendelser", "",
                   "• beredskap i helse- og omsorgstjenestene, herunder legemiddelberedskap",
                   "• frivillige organisasjoners rolle i lokal beredskap", "", "Staten skal:", "",
                   "• vurdere erfaringsdeling mellom kommunane på nasjonalt og regionalt",
                   "nivå", "• gi kommunene kunnskap om risiko og sårbarhet på nasjonalt og",
                   "regionalt nivå", "", "Statsforvalteren skal minst hvert fjerde år gjennomføre en øvelse."]
    assert [i for i, _ in notes] == [6, 7, 9, 10, 14, 16]


def test_a_numbered_list_is_not_given_bullets():
    lines = ["Staten skal:", "", "a) gi kommunene oppdatert kunnskap om risiko og sårbarhet på nasjonalt og regionalt",
             "nivå", "", "b) samordne kravene"]
    assert ocr_columns.restore_bullets(lines)[0] == lines


def test_columns_of_names_and_titles():
    lines = ["Avtalen gjeld fram til 31. desember 2027.", "", "Oslo, 19. desember 2023", "",
             "Ingvild Sæther Lunde Håkon Rørvik", "", "Barne- og familieminister Leiar i KS", "", "Side 2 av 2"]
    got, _ = ocr_columns.restore_columns(lines)
    assert got == ["Avtalen gjeld fram til 31. desember 2027.", "", "Oslo, 19. desember 2023", "",
                   "Ingvild Sæther Lunde\tHåkon Rørvik", "", "Barne- og familieminister\tLeiar i KS", "", "Side 2 av 2"]


def test_columns_with_party_heads_and_broken_cells():
    lines = ["Bergen, 14. november 2024", "", "Kultur- og Kunnskapsdepartementet KS", "likestillingsdepartementet", "",
             "Solveig Hatlevik Nes Tormod Ask Aud Kristin Lyngstad", "", "Kultur- og Kunnskapsminister Leiar i KS",
             "likestillingsminister"]
    got, _ = ocr_columns.restore_columns(lines)
    assert got == ["Bergen, 14. november 2024", "", "Kultur- og likestillingsdepartementet\tKunnskapsdepartementet\tKS",
                   "", "", "Solveig Hatlevik Nes\tTormod Ask\tAud Kristin Lyngstad", "",
                   "Kultur- og likestillingsminister\tKunnskapsminister\tLeiar i KS", ""]
    lines = ["Hamar 20.07.2023", "", "Marit Holm Trond Dahl", "Styreleder i KS Forsknings- og høyere", "",
             "utdanningsminister"]
    got, _ = ocr_columns.restore_columns(lines)
    assert got[2:] == ["Marit Holm\tTrond Dahl", "Styreleder i KS\tForsknings- og høyere utdanningsminister", "", ""]


def test_columns_two_bands_and_one_alone():
    lines = ["Oslo, 9. desember 2024", "", "Hanne Strøm Aune Per Kristian Vik", "",
             "Helse- og omsorgsminister Kommunal- og distriktsminister", "Line Marie Haugland Oddvar Fuglesang", "",
             "Kultur- og likestillingsminister Barne- og familieminister", "", "Ingeborg Tveit", "Styreleder i KS"]
    got, _ = ocr_columns.restore_columns(lines)
    assert got == ["Oslo, 9. desember 2024", "", "Hanne Strøm Aune\tPer Kristian Vik", "",
                   "Helse- og omsorgsminister\tKommunal- og distriktsminister", "Line Marie Haugland\tOddvar Fuglesang",
                   "", "Kultur- og likestillingsminister\tBarne- og familieminister", "", "Ingeborg Tveit",
                   "Styreleder i KS"]


def test_no_columns_in_prose_or_without_names_above():
    lines = ["Kommunal- og distriktsminister Leiar i KS skal møtast.", "Energiminister Styreleder i KS"]
    assert ocr_columns.restore_columns(lines)[0] == lines


def test_is_export_by_the_text_and_the_name_as_a_hint():
    ocr = "8 1 Formål\nTekst.\n\n8 2 Varighet\nTekst.\n"
    assert ocr_text.is_export(ocr, "avtale.txt")
    assert not ocr_text.is_export("§ 1 Formål\n• punkt\n", "avtale.ocr.txt")  # signs Tesseract's model lacks
    assert not ocr_text.is_export("1. Formål\nTekst.\n", "avtale.txt")
    assert ocr_text.is_export("1. Formål\nTekst.\n", "avtale.ocr.txt")
    assert not ocr_text.is_export("1. Formål\n   Tekst.\n", "avtale.ocr.txt")


TESSERACT = """Avtale om læreplasser 2024—2026

Kunnskapsdepartementet og KS inngår denne avtalen for å øke antallet læreplasser i kommunene.

8 1 Formål
Formålet med avtalen er at flere ungdommer skal få læreplass.

8 2 Tiltak
Partene skal:

* — gi kommunene råd om opplæringen

e samle og dele gode eksempler
\fS 3 Varighet
Avtalen gjelder fram til 31. desember 2026.

Oslo, 21. august 2024

Sunniva Holm Aasen Trond Egil Strand
Kunnskapsminister Styreleder i KS
"""


def test_a_tesseract_export_extracts_as_our_own_reading(tmp_path):
    path = tmp_path / "avtale.txt"  # no hint in the name: the text tells
    path.write_text(TESSERACT, encoding="utf-8")
    notes = Notes()
    lines, kind = read_any(path, notes)
    assert kind == "ocr"
    assert [ln.text for ln in lines if ln.text.strip()] == [
        "Avtale om læreplasser 2024–2026",
        "Kunnskapsdepartementet og KS inngår denne avtalen for å øke antallet læreplasser i kommunene.",
        "§ 1 Formål", "Formålet med avtalen er at flere ungdommer skal få læreplass.", "§ 2 Tiltak", "Partene skal:",
        "• gi kommunene råd om opplæringen", "• samle og dele gode eksempler", "§ 3 Varighet",
        "Avtalen gjelder fram til 31. desember 2026.", "Oslo, 21. august 2024", "Sunniva Holm Aasen\tTrond Egil Strand",
        "Kunnskapsminister\tStyreleder i KS"]
    assert [n.line for n in notes.items] == [20, 19]
    got = extract(path).agreement
    assert got.numbering == "§ 1"
    assert [s.name for s in got.signing.signatories] == ["Sunniva Holm Aasen", "Trond Egil Strand"]
    assert [s.title for s in got.signing.signatories] == ["Kunnskapsminister", "Styreleder i KS"]


def test_logo_text_above_the_title_is_dropped():
    lines = ["Avtale om barnehager 2025–2027", "",
             "IKS | Kommunesektorens", "Arbeids- og Utdanningsdirektoratet organisasjon",
             "velferdsdepartem entet", "",
             "Avtale mellom staten og KS om barnehager", "2025–2027", "",
             "Arbeids- og velferdsdepartementet og KS inngår denne avtalen."]
    out, notes = ocr_logos.drop_logos(lines)
    assert out == ["Avtale om barnehager 2025–2027", "", "", "", "", "",
                   "Avtale mellom staten og KS om barnehager", "2025–2027", "",
                   "Arbeids- og velferdsdepartementet og KS inngår denne avtalen."]
    assert [i for i, _ in notes] == [2, 3, 4]


def test_logo_text_kept_where_it_is_a_title_a_sentence_or_a_clean_letterhead():
    title = ["Samarbeidsavtale mellom Helse- og", "omsorgsdepartementet og KS", "",
             "Partene skal møtes to ganger i året."]
    assert ocr_logos.drop_logos(title)[0] == title  # the rest of a title that goes on
    letterhead = ["Kunnskapsdepartementet", "KS", "", "Avtale om læreplasser", "", "Partene er enige."]
    assert ocr_logos.drop_logos(letterhead)[0] == letterhead  # clean reads it, and keeps the names
    prose = ["Avtale om læreplasser", "Kunnskapsdepartementet, Helse- og omsorgsdepartementet og KS",
             "inngår denne avtalen.", "", "KS Kommunesektorens", "organisasjon"]
    assert ocr_logos.drop_logos(prose)[0] == prose  # nothing past the first sentence


def test_running_header_read_mid_page_is_moved_to_the_top():
    pages = [["Avtale om læreplasser 2024", "", "Samarbeidsavtale om flere læreplasser", "", "Partene er enige."],
             ["Kari Nordmann", "", "Kunnskapsminister", "", "Avtale om læreplasser 2025", "", "Ola Hansen"],
             ["Avtale om læreplasser 2026", "", "Avtale om læreplasser 2024 er inngått."]]
    out, notes = ocr_text.headers_to_top(pages)
    assert out[0] == pages[0] and out[2] == pages[2]  # already at the top
    assert out[1] == ["Avtale om læreplasser 2025", "", "Kari Nordmann", "", "Kunnskapsminister", "", "Ola Hansen"]
    assert [(p, i) for p, i, _ in notes] == [(1, 0)]
    assert ocr_text.headers_to_top(pages[:2] + [["Ola Hansen"]])[1] == []  # not on every page: not a header
    names = [["Kunnskapsdepartementet KS", "", "Avtale om læreplasser"], ["Kari Nordmann", "", "Kunnskapsdepartementet KS"]]
    assert ocr_text.headers_to_top(names)[0] == names  # a letterhead whose names head the signatures


def test_blank_line_inside_a_sentence_moves_below_its_rest():
    page = ["Partene er enige om følgende mål:", "• Kommunene skal følge opp kvaliteten i de kommunale tjenestene,", "",
            "og arbeidet skal evalueres underveis.", "• Staten skal gi råd.", "", "sørge for gode tjenester", "",
            "Samarbeidet skal vare i fire år."]
    assert ocr_text.rejoin_wraps(page, 70.0) == [
        "Partene er enige om følgende mål:", "• Kommunene skal følge opp kvaliteten i de kommunale tjenestene,",
        "og arbeidet skal evalueres underveis.", "• Staten skal gi råd.", "", "", "sørge for gode tjenester", "",
        "Samarbeidet skal vare i fire år."]  # «• Staten skal gi råd.» neither full nor going on: a new item under it


def test_e_for_f_years_over_two_lines_and_sign_read_as_two_marks():
    lines = ["Frfaringane frå 2024-", "2026 er gode.", "8$ 3 Økonomi", "8 4 Varigheit", "2. —Bakgrunn"]
    assert ocr_text.even_out(lines, True) == ["Erfaringane frå 2024–", "2026 er gode.", "§ 3 Økonomi", "§ 4 Varigheit",
                                              "2. Bakgrunn"]


def test_list_numbers_read_as_a_word_number_the_items():
    lines = ["Kommunen skal:", "", "kartleggje behovet for barnehageplassar", "gje tilbod til alle søkjarar", "",
             "melde tala til fylket", "", "VRØNE", "", "Fylket samlar tala kvart år."]
    out, notes = ocr_lists.lost_labels(lines, 70.0)
    assert out == ["Kommunen skal:", "", "1. kartleggje behovet for barnehageplassar", "2. gje tilbod til alle søkjarar",
                   "", "3. melde tala til fylket", "", "", "", "Fylket samlar tala kvart år."]
    assert [i for i, _ in notes] == [7]


def test_letters_read_as_a_column_of_their_own():
    lines = ["Tilskotet går til:", "", "Drift av barnehagar.", "Opplæring av tilsette.", "", "a", "b", "",
             "Tilskotet blir fordelt etter søknad."]
    out, _ = ocr_lists.lost_labels(lines, 70.0)
    assert out[2:4] == ["a) Drift av barnehagar.", "b) Opplæring av tilsette."] and out[5:7] == ["", ""]


def test_labels_kept_here_and_there_are_counted_on():
    lines = ["Fylket skal:", "1) gje råd til kommunane", ") samle inn tal", "3) melde frå til departementet",
             ") følgje opp avtalen", "", "Partane møtest kvart år."]
    out, _ = ocr_lists.lost_labels(lines, 70.0)
    assert out[1:5] == ["1) gje råd til kommunane", "2) samle inn tal", "3) melde frå til departementet",
                        "4) følgje opp avtalen"]
    letters = ["Tiltaka er:", "a) betre tilbod", "", "fleire plassar", "", "c) lågare pris", "kortare ventetid"]
    out, _ = ocr_lists.lost_labels(letters, 70.0)
    assert out[1:] == ["a) betre tilbod", "", "b) fleire plassar", "", "c) lågare pris", "kortare ventetid"]


def test_one_sentence_paragraphs_under_a_lead_in_lost_their_bullets():
    lines = ["Målet er:", "", "Fleire lærlingar i kommunane.", "", "Betre rettleiing for instruktørar.", "",
             "Kommunane melder tal kvart år, og fylket samlar dei. Tala blir publiserte."]
    out, _ = ocr_lists.lost_labels(lines, 70.0)
    assert out[:6] == ["Målet er:", "", "• Fleire lærlingar i kommunane.", "", "• Betre rettleiing for instruktørar.", ""]
    assert out[6] == lines[6]
    prose = ["Vi viser til brevet:", "", "Kommunen har svart. Fylket har svart."]
    assert ocr_lists.lost_labels(prose, 70.0)[0] == prose


def test_a_glued_sign_among_sign_headings_follows_the_one_above():
    lines = ["§ 3 Økonomi", "Kostnadene blir delte.", "§ 4 Mål", "Måla er felles.", "85 Varigheit", "Avtalen gjeld."]
    assert ocr_signs.glued_signs(lines)[4] == "§ 5 Varigheit"
    assert ocr_signs.glued_signs(["§ 3 Økonomi", "85 Varigheit"]) == ["§ 3 Økonomi", "85 Varigheit"]  # not 4


def test_bullets_dropped_go_on_past_a_page_break():
    lines = ["Fylket skal:", "", "gje råd til kommunane", "", "Side 1 av 2", "Avtale om skyss", "", "samle inn tal",
             "", "Avtale om skyss", "Partane møtest kvart år."]
    got, _ = ocr_columns.restore_bullets(lines)
    assert got[2] == "• gje råd til kommunane" and got[7] == "• samle inn tal" and got[4:6] == lines[4:6]


def test_glued_signs_with_a_speck_before_one():
    lines = ["81 Formål", "Tekst.", "$2 Tiltak", "Tekst.", "&$3 Varigheit"]
    assert ocr_signs.glued_signs(lines) == ["§ 1 Formål", "Tekst.", "§ 2 Tiltak", "Tekst.", "§ 3 Varigheit"]


def test_a_compound_hyphen_tesseract_dropped_comes_back_where_the_document_has_it():
    lines = ["Kommunal- og distriktsdepartementet og KS har ansvar for helse- og omsorgstenestene.",
             "For Kommunal og distriktsdepartementet", "helse og omsorgstenestene", "barn og unge"]
    assert ocr_text.lost_hyphens(lines)[1:] == ["For Kommunal- og distriktsdepartementet", "helse- og omsorgstenestene",
                                                "barn og unge"]


def test_signature_columns_of_different_heights_rebuilt():
    lines = ["Avtalen gjeld frå 1. mars 2025.", "", "Bodø, 3. mars 2025", "",
             "For Landbruks- og For Nærings- og For KS", "matdepartementet fiskeridepartementet Hilde Sørum",
             "Ola Berg Kari Helland Bakken Styreleiar", "Landbruks- og Fiskeri- og havminister", "matminister"]
    out, notes = ocr_table.restore_table(lines)
    assert out[4:] == ["For Landbruks- og matdepartementet\tFor Nærings- og fiskeridepartementet\tFor KS",
                       "Ola Berg\tKari Helland Bakken\tHilde Sørum",
                       "Landbruks- og matminister\tFiskeri- og havminister\tStyreleiar", "", ""]
    assert [i for i, _ in notes] == [4]


def test_signature_table_rows_with_cut_heads_rebuilt():
    lines = ["Partane er samde.", "", "Kultur- og Barne- og KS", "likestillingsdeparte familiedepartement",
             "mentet et", "Side 3 av 4", "Anne Lise Dahl Per Mo Siri Rønning", "Kultur- og Barne- og Leiar i KS",
             "likestillingsminister familieminister"]
    out, _ = ocr_table.restore_table(lines)
    assert [ln for ln in out[2:] if ln] == [
        "Kultur- og likestillingsdepartementet\tBarne- og familiedepartementet\tKS", "Anne Lise Dahl\tPer Mo\tSiri Rønning",
        "Kultur- og likestillingsminister\tBarne- og familieminister\tLeiar i KS", "Side 3 av 4"]  # on the first lines
    prose = ["Partane er samde.", "", "For KS For Kulturdepartementet", "Tekst som ikkje er namn her"]
    assert ocr_table.restore_table(prose)[0] == prose


def test_logo_row_our_reader_set_in_cells_is_dropped_however_badly_read():
    lines = ["Avtale om skyss 2026", "", "Samferdsel\tKommunesektorens", "nrbssl\tArbeids-",
             "Samferdselsdepanementt\tEE\ter EG", "", "Avtale om skyss for elevar 2026", "",
             "Partane er Samferdselsdepartementet og KS."]
    out, _ = ocr_logos.drop_logos(lines)
    assert out[2:5] == ["", "", ""] and out[6] == lines[6]


def test_a_stray_letter_before_a_word_goes_where_the_rest_is_a_word_of_the_document():
    from avtale.extract import ocr_words

    lines = ["Fylkeskommunane skal gå xgjennom dei nasjonale måla.", "EFrfaringane skal nyttast.",
             "Erfaringane frå kommunane og måla blir gått gjennom kvart år.",
             "Eit utrygg arbeid er ikkje trygg, og trygg skal det vere."]
    assert ocr_words.mend(lines) == ["Fylkeskommunane skal gå gjennom dei nasjonale måla.",
                                     "Erfaringane skal nyttast.",
                                     "Erfaringane frå kommunane og måla blir gått gjennom kvart år.",
                                     "Eit utrygg arbeid er ikkje trygg, og trygg skal det vere."]


def test_a_lone_oe_is_i_and_a_capital_inside_a_sentence_is_lower_case_where_common_so():
    from avtale.extract import ocr_words

    lines = ["Partane skal ø avtaleperioden samarbeide om tiltak.", "Arbeidet skal evaluerast, og det Skal",
             "gjerast kvart år. Kommunen skal rapportere, og rapporten skal sendast til Bergen kommune.",
             "Møta blir haldne i Bergen."]
    assert ocr_words.mend(lines) == ["Partane skal i avtaleperioden samarbeide om tiltak.",
                                     "Arbeidet skal evaluerast, og det skal",
                                     lines[2], lines[3]]


def test_glued_signs_read_as_two_signs_still_count():
    lines = ["81 Formål", "Teksten.", "$2 Partar", "Teksten.", "853 Varigheit", "Teksten.", "&$4 Oppseiing"]
    assert ocr_signs.glued_signs(lines) == ["§ 1 Formål", "Teksten.", "§ 2 Partar", "Teksten.", "§ 3 Varigheit",
                                           "Teksten.", "§ 4 Oppseiing"]
    assert ocr_signs.glued_signs(["81 Formål", "854 Mål"]) == ["81 Formål", "854 Mål"]  # 4 is not the count's next


def test_sign_headings_however_read_count_on_through_each_other():
    # the sign read right, apart, glued, as two marks or a speck and a mark; a subsection under its section
    lines = ["&$1 Satsingsområder", "Tekst.", "82 Formål", "$ 2.1 Ansvar", "5 3 Roller", "8$4 Virkeområde", "§ 5 Varighet"]
    assert ocr_signs.glued_signs(lines) == ["§ 1 Satsingsområder", "Tekst.", "§ 2 Formål", "§ 2.1 Ansvar", "§ 3 Roller",
                                           "§ 4 Virkeområde", "§ 5 Varighet"]
    broken = ["$1 Formål", "83 Roller", "§ 4 Virkeområde"]  # 2 missing: no count, nothing read as a sign
    assert ocr_signs.glued_signs(broken) == broken
    wrong_sub = ["$ 1 Formål", "$ 2.1 Ansvar", "$ 2 Roller"]  # 2.1 under 1: no count
    assert ocr_signs.glued_signs(wrong_sub) == wrong_sub


def test_a_dash_glued_to_the_next_word_is_a_wide_space():
    lines = ["Denne avtalen er inngått mellom —Utenriksdepartementet, Justis- og", "Tiltak — status"]
    assert ocr_text.even_out(lines) == ["Denne avtalen er inngått mellom Utenriksdepartementet, Justis- og",
                                        "Tiltak \u2013 status"]


def test_two_words_read_as_one_are_split_where_the_document_has_them_apart():
    from avtale.extract import ocr_words

    lines = ["Et godt samarbeid.", "Etgodt kunnskapsgrunnlag for tiltakene.", "Leder iKS", "KS skal delta.",
             "Fagfolk i kommunene.", "Fag og folk."]
    assert ocr_words.glued_words(lines) == ["Et godt samarbeid.", "Et godt kunnskapsgrunnlag for tiltakene.",
                                            "Leder i KS", "KS skal delta.", "Fagfolk i kommunene.", "Fag og folk."]


def test_a_tesseract_export_signs_in_the_order_the_parties_are_named(tmp_path):
    # Tesseract reads the table «For FD | For ED» over «For KS» column by column: FD, KS, ED
    text = ("AVTALE OM SAMARBEID\n\nAvtalen er inngått mellom Forsvarsdepartementet, Energidepartementet og KS.\n\n"
            "1. Formål\n\nPartane skal møtast. Avtalen gjeld fram til 31. desember 2027.\n\n"
            "Oslo, 8. august 2026\n\nFor Forsvarsdepartementet\n\nKari Nordmann\n\nForsvarsminister\n\n"
            "For KS\n\nOla Hansen\n\nLeiar i KS\n\nFor Energidepartementet\n\nSolveig Aune\n\nEnergiminister\n")
    path = tmp_path / "avtale.ocr.txt"
    path.write_text(text, encoding="utf-8")
    got = extract(path).agreement
    assert [s.name for s in got.signing.signatories] == ["Kari Nordmann", "Solveig Aune", "Ola Hansen"]
    # pdftotext's plain text reads the table so too: the order read is exactly that table read down its columns
    plain = tmp_path / "avtale.txt"
    plain.write_text(text.replace("1. Formål", "1.\tFormål"), encoding="utf-8")  # a tab: not Tesseract's
    assert [s.name for s in extract(plain).agreement.signing.signatories] == ["Kari Nordmann", "Solveig Aune", "Ola Hansen"]
    # KS first, then the ministries: no table of the parties in their order reads so; the order read is kept
    swapped = text.replace("For Forsvarsdepartementet\n\nKari Nordmann\n\nForsvarsminister\n\nFor KS\n\nOla Hansen\n\nLeiar i KS",
                           "For KS\n\nOla Hansen\n\nLeiar i KS\n\nFor Forsvarsdepartementet\n\nKari Nordmann\n\nForsvarsminister")
    plain.write_text(swapped.replace("1. Formål", "1.\tFormål"), encoding="utf-8")
    assert [s.name for s in extract(plain).agreement.signing.signatories] == ["Ola Hansen", "Kari Nordmann", "Solveig Aune"]


def test_a_long_word_is_not_split_by_pieces_of_logo_text():
    from avtale.extract import ocr_words

    lines = ["og mentet ementet inkluderingsde", "forvaltningsde partementet", "",
             "Digitaliserings- og forvaltningsdepartementet og KS inngår avtalen."]
    assert ocr_words.glued_words(lines) == lines


def test_check_marks_and_squares_read_as_letters_beside_each_other_or_under_a_lead_in():
    # «✓» read «v» or «/», «▪» read «m» or «=»: no Norwegian line starts with one of these alone
    lines = ["Partane skal:", "", "v rekruttering av fagfolk", "v erfaringsdeling mellom kommunane", "",
             "Rapporteringa skal vise:", "", "m betre ressursbruk i sektoren", "", "Målet er:",
             "= Kommunane skal samarbeide.", "/ Eit godt kunnskapsgrunnlag."]
    assert ocr_text.even_out(lines) == [
        "Partane skal:", "", "• rekruttering av fagfolk", "• erfaringsdeling mellom kommunane", "",
        "Rapporteringa skal vise:", "", "• betre ressursbruk i sektoren", "", "Målet er:",
        "• Kommunane skal samarbeide.", "• Eit godt kunnskapsgrunnlag."]
    alone = ["Avtalen gjeld frå 1. januar.", "v betre ressursbruk", "", "Partane skal møtast."]
    assert ocr_text.even_out(alone) == alone  # one such line with no lead-in or bullet by it: left
    marks = ["Staten skal:", "• følgje opp", "v v yy y"]
    assert ocr_text.even_out(marks) == marks  # a line of marks only is a column, for `ocr_lists.bullet_column`


def test_a_glued_first_sign_heading_over_the_second_counts_from_one():
    """Foreign seed 91: «8 2 Verkeområde» … were read apart (and mended by `even_out`), but the first glued: «81
    Tiltak» over «§ 2 …» is «§ 1 Tiltak». A glued «81» with «§ 3» below it is no first of a count."""
    lines = ["81 Tiltak", "Tekst.", "§ 2 Verkeområde", "Tekst.", "§ 3 Føremål"]
    assert ocr_signs.glued_signs(lines)[0] == "§ 1 Tiltak"
    assert ocr_signs.glued_signs(["81 Tiltak", "Tekst.", "§ 3 Føremål"])[0] == "81 Tiltak"


def test_a_letter_label_read_as_a_digit_between_letters_of_its_list():
    lines = ["Departementa skal:", "", "e) styrkje kvaliteten", "", "f) gje rettleiing", "8) støtte dei nasjonale måla",
             "", "h) gå gjennom regelverket"]
    assert ocr_signs.letter_labels(lines)[5] == "g) støtte dei nasjonale måla"
    counted = ["1) styrkje kvaliteten", "2) gje rettleiing", "8) støtte måla"]  # a numbered list: no letters around
    assert ocr_signs.letter_labels(counted) == counted
    gap = ["e) styrkje kvaliteten", "8) støtte måla", "i) gå gjennom"]  # e, ?, i: no one letter between
    assert ocr_signs.letter_labels(gap) == gap


def test_round_bullets_read_with_an_edge_a_rim_or_as_an_ampersand():
    """Foreign seed 91: «o =erfaringsdeling» (an «=» read off the mark's edge), «O eit godt …» beside it, «[o]»
    alone on its line (the mark with its rim) and «& —» between two «* —» bullets."""
    lines = ["Partane skal i avtaleperioden særleg samarbeide om:", "", "o =erfaringsdeling mellom kommunane",
             "O eit godt samarbeid mellom forvaltningsnivåa", "", "Rapporteringa skal vise:", "", "[o]", "",
             "likeverdige tenester i heile landet", "", "0 kompetansen hos dei tilsette", "", "0 gode overgangar"]
    assert ocr_text.even_out(lines) == [
        lines[0], "", "• erfaringsdeling mellom kommunane", "• eit godt samarbeid mellom forvaltningsnivåa", "",
        lines[5], "", "•", "", lines[9], "", "• kompetansen hos dei tilsette", "", "• gode overgangar"]
    stars = ["Partane skal:", "", "* — sørgje for dei nasjonale måla", "& — støtte tverrfagleg samarbeid",
             "* — følgje opp kompetansen"]
    assert ocr_text.even_out(stars)[2:] == ["• sørgje for dei nasjonale måla", "• støtte tverrfagleg samarbeid",
                                            "• følgje opp kompetansen"]
    assert not ocr_text.even_out(["Møta er opne.", "& — til slutt"])[1].startswith("•")  # alone: no bullet


def test_a_typed_dash_bullet_with_its_tab_read_as_a_long_dash():
    lines = ["Satsinga omfattar:", "", "- gode overgangar mellom tenestene", "- — eit godt samarbeid mellom nivåa",
             "- — regelverk som er enkelt å bruke"]
    assert ocr_text.even_out(lines)[3:] == ["• eit godt samarbeid mellom nivåa", "• regelverk som er enkelt å bruke"]


def test_a_column_of_marks_with_three_in_a_group_is_a_bullet_column():
    assert ocr_text.MARKS_ONLY.match("Oo 000") and ocr_text.MARKS_ONLY.match("v v yy y")
    assert not ocr_text.MARKS_ONLY.match("Oo 0000 Tiltak")


def test_logos_whose_emblems_read_as_words_are_dropped_as_a_block():
    """Foreign seed 91: four logos side by side; Tesseract read their emblems and the names' first halves mixed
    («cs fig ku», «nunes uttur- og») over the names' last halves. The block goes whole; a title in it would stay."""
    lines = ["cs fig ku", "nunes uttur- og", "organisasjon - Kommunal- og Kultur",
             "Utenriksdepartementet distriktsdepartementet likestillingsdepartementet", "",
             "AVTALE OM TIDLIG INNSATS FOR BARN OG UNGE", "",
             "KS, Utenriksdepartementet, Kommunal- og distriktsdepartementet og Kultur- og",
             "likestillingsdepartementet inngår denne avtalen for å styrke samarbeidet."]
    out, _ = ocr_logos.drop_logos(lines)
    assert out[:5] == ["", "", "", "", ""] and out[5:] == lines[5:]
    titled = ["Avtale om skyss", "nunes uttur- og", "Utenriksdepartementet distriktsdepartementet", ""] + lines[5:]
    assert ocr_logos.drop_logos(titled)[0][0] == "Avtale om skyss"


def test_a_capital_at_a_line_start_under_prose_is_lower_case_where_common_so():
    from avtale.extract import ocr_words

    lines = ["Partane skal samarbeide om samfunnstryggleik og beredskap i kommunane. Partane",
             "Skal møtast minst to gonger i året. Partane skal gje råd, og dei skal rapportere.", "", "Roller",
             "Kommunane har ansvaret. Kommunane skal rapportere."]
    out = ocr_words.mend(lines)
    assert out[1].startswith("skal møtast")
    heading = ["Roller og ansvar", "Skal-lista er kort. Vi skal, dei skal og de skal."]  # under a heading: kept
    assert ocr_words.mend(heading) == heading
    # under a list's last item (seed 1): the paragraph after the list starts there
    after_list = ["Partane skal samarbeide om samfunnstryggleik og beredskap i kommunane der det trengst.",
                  "- gjennomgå gode overgangar mellom tenestene", "Kommunane skal samarbeide om rettleiing.",
                  "Dei skal rapportere til kommunane, og kommunane skal svare."]
    assert ocr_words.mend(after_list) == after_list


def test_a_folio_read_with_its_bracket_as_a_digit():
    page = ["KS skal bidra til rettleiing.", "", "103)"]
    assert ocr_text.even_out(page) == ["KS skal bidra til rettleiing.", "", "1 (3)"]
    assert ocr_text.even_out(["20)", "", "Satsinga omfattar:"])[0] == "2"  # the count lost: the page's number
    assert ocr_text.even_out(["Tekst.", "", "302)"])[2] == "302)"  # page 3 of 2: no folio
    assert ocr_text.even_out(["103)", "Tekst.", "Meir tekst."])[0] == "1 (3)"
    assert ocr_text.even_out(["Tekst.", "103)", "Meir tekst."])[1] == "103)"  # inside the page: left
