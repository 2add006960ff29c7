"""Lists in text Tesseract read (`ocr_lists`, `ocr_columns.restore_bullets`): each rule on a small text as Tesseract
writes it (a blank line between its paragraphs), with the exact lines expected."""

from __future__ import annotations

from avtale.extract import ocr_columns, ocr_lists


def test_one_label_kept_and_the_label_column_read_as_a_word_numbers_every_item():
    lines = ["Partane skal:", "", "1. styrkje samarbeidet i sektoren", "", "følgje opp regelverket", "",
             "utvikle gode tenester gjennom faste møte", "styrkje felles mål for arbeidet", "", "AROEON", "",
             "2. Kompetanse"]
    out, notes = ocr_lists.lost_labels(lines, 90.0)
    assert out == ["Partane skal:", "", "1. styrkje samarbeidet i sektoren", "", "2. følgje opp regelverket", "",
                   "3. utvikle gode tenester gjennom faste møte", "4. styrkje felles mål for arbeidet", "", "", "",
                   "2. Kompetanse"]
    assert [i for i, _ in notes] == [9]


def test_a_label_column_read_as_a_word_with_a_capital_after_a_small_letter():
    # Tesseract's reading of «1.» … «4.» set after the paragraph that follows the list (seed 137, s1557790821)
    lines = ["Partane skal:", "", "gå gjennom medverknad frå innbyggjarane", "", "vurdere felles mål for arbeidet", "",
             "styrkje samarbeidet", "", "gå gjennom erfaringsdelinga", "", "Staten skal prioritere nettverk.", "",
             "guUpuw", "", "4. Varigheit og evaluering"]
    out, notes = ocr_lists.lost_labels(lines, 90.0)
    assert [ln for ln in out if ln] == ["Partane skal:", "1. gå gjennom medverknad frå innbyggjarane",
                                        "2. vurdere felles mål for arbeidet", "3. styrkje samarbeidet",
                                        "4. gå gjennom erfaringsdelinga", "Staten skal prioritere nettverk.",
                                        "4. Varigheit og evaluering"]
    assert [i for i, _ in notes] == [12]
    # a word written so elsewhere in the text is a word, not a column of labels
    named = lines[:10] + ["Staten skal prioritere guUpuw.", "", "guUpuw", "", "4. Varigheit og evaluering"]
    assert ocr_lists.lost_labels(named, 90.0)[0] == named


def test_a_long_word_of_capitals_is_a_label_column_only_as_long_as_the_items_allow():
    # «1.» … «5.» read as «GORØENEHE» under five one-sentence items (seed 137, s814744080)
    lines = ["Satsinga omfattar mellom anna:", "", "Likeverdige tenester i heile landet.", "",
             "Tverrfagleg samarbeid i kommunane.", "Erfaringsdeling mellom kommunane.", "Medverknad frå innbyggjarane.",
             "", "Forenkling av statlege krav og rapportering.", "", "GORØENEHE", "", "2. Satsingsområde"]
    out, _ = ocr_lists.lost_labels(lines, 90.0)
    assert [ln for ln in out if ln] == [
        "Satsinga omfattar mellom anna:", "1. Likeverdige tenester i heile landet.",
        "2. Tverrfagleg samarbeid i kommunane.", "3. Erfaringsdeling mellom kommunane.",
        "4. Medverknad frå innbyggjarane.", "5. Forenkling av statlege krav og rapportering.", "2. Satsingsområde"]
    # a heading in capitals after three items is too long for their labels: it stays, and so do the items
    heading = ["Partane skal:", "", "styrkje samarbeidet", "følgje opp regelverket", "utvikle gode tenester", "",
               "VARIGHET", "", "Avtalen gjeld fram til 31. desember 2027."]
    assert ocr_lists.lost_labels(heading, 90.0)[0][6] == "VARIGHET"
    # a word of mixed case is no heading: three letters a label («UuUKRKUWUNKE» for five, seed 77 s1485962777)
    mixed = lines[:10] + ["UuUKRKUWUNKE"] + lines[11:]
    assert ocr_lists.lost_labels(mixed, 90.0)[0][2] == "1. Likeverdige tenester i heile landet."


def test_lower_case_items_past_the_last_label_are_counted_when_the_column_left_debris():
    lines = ["Partane skal:", "", "1. styrkje samarbeidet", "2. følgje opp regelverket", "3. bidra til gode overgangar",
             "utvikle gode tenester gjennom faste møte", "styrkje felles mål for arbeidet", "", "ar", "",
             "2. Kompetanse"]
    out, _ = ocr_lists.lost_labels(lines, 90.0)
    assert out[5:9] == ["4. utvikle gode tenester gjennom faste møte", "5. styrkje felles mål for arbeidet", "", ""]
    # no debris: past the last label nothing tells an item from the rest of the last one
    plain = lines[:7] + ["", "Partane møtest kvart år."]
    assert ocr_lists.lost_labels(plain, 90.0)[0] == plain


def test_a_label_read_apart_as_a_letter_between_items():
    lines = ["KS skal:", "", "1. gi veiledning om samarbeid i kommunene", "", "N", "",
             "følge opp erfaringsdeling mellom kommunene", "3. prioritere forenkling av krav",
             "4. gi veiledning til små kommuner", "", "KS skal gjennomgå arbeidet."]
    out, notes = ocr_lists.lost_labels(lines, 90.0)
    assert out[2:9] == ["1. gi veiledning om samarbeid i kommunene", "", "", "",
                        "2. følge opp erfaringsdeling mellom kommunene", "3. prioritere forenkling av krav",
                        "4. gi veiledning til små kommuner"]
    assert [i for i, _ in notes] == [4]


def test_a_short_word_alone_does_not_number_a_list_that_kept_no_label():
    # «o» alone is a bullet read apart, no evidence of numbers: the items are left for the bullet rules
    lines = ["Partane skal:", "", "styrkje samarbeidet", "følgje opp regelverket", "", "o", "", "Partane møtest."]
    assert ocr_lists.lost_labels(lines, 90.0)[0] == lines


def test_a_capital_read_for_an_items_first_small_letter():
    lines = ["KS skal:", "1.   gjennomgå rekruttering av fagfolk", "   Sørge for likeverdige tjenester", "", "2",
             "3.   gjennomgå forenkling av krav", "4.   bidra til lokale nettverk", "", "Side 1 av 3"]
    out, notes = ocr_lists.lost_labels(lines, 90.0)
    assert out[1:7] == ["1. gjennomgå rekruttering av fagfolk", "2. sørge for likeverdige tjenester", "", "2",
                        "3. gjennomgå forenkling av krav", "4. bidra til lokale nettverk"]
    assert len(notes) == 2


def test_a_capitalised_line_after_or_at_the_end_of_a_list_keeps_its_capital():
    # a paragraph's first line straight under the items (long, or with a sentence's end in it), or a capital on
    # the last line: no evidence that Tesseract misread a small letter
    lines = ["Partane skal:", "", "1. styrkje samarbeidet", "følgje opp regelverket", "3. bidra til overgangar",
             "Staten skal vurdere tiltak som verkar. Direktoratet skal arbeide for", "av statlege krav og rapportering",
             "", "Sluttar med dette"]
    out, _ = ocr_lists.lost_labels(lines, 90.0)
    assert out[5] == lines[5] and out[3] == "2. følgje opp regelverket"
    last = ["Partane skal:", "", "a) styrkje samarbeidet", "b) følgje opp regelverket", "Samarbeid i regionane"]
    assert ocr_lists.lost_labels(last, 90.0)[0] == last


def test_a_letter_label_read_as_its_twin():
    lines = ["Satsinga omfattar:", "", "a) felles mål for arbeidet", "b) medverknad frå innbyggjarane",
             "C) rekruttering av fagfolk", "", "Departementet skal:", "e) utvikle rekruttering", "",
             "f) vurdere gode overgangar mellom", "tenestene", "", "9) gi rettleiing om tiltak", "h) bidra til samarbeid"]
    out, _ = ocr_lists.lost_labels(lines, 90.0)
    assert out[4] == "c) rekruttering av fagfolk" and out[12] == "g) gi rettleiing om tiltak"
    # not the letter after the one above, or a heading in capitals: left as read
    other = ["Dette gjeld:", "a) felles mål", "C) rekruttering av fagfolk", "", "b) medverknad", "C) Rekruttering"]
    assert ocr_lists.lost_labels(other, 90.0)[0][2] == "C) rekruttering av fagfolk"
    assert ocr_lists.lost_labels(other, 90.0)[0][5] == "C) Rekruttering"


def test_a_column_of_o_bullets_read_as_a_word_after_the_list():
    lines = ["Partene skal:", "", "legge til rette for bedre ressursbruk", "", "bidra til medvirkning", "",
             "gi veiledning om arbeidet med helse- og", "omsorgstjenestene", "",
             "Departementet skal vurdere gode overganger mellom tjenestene, slik at innbyggerne får",
             "gode og likeverdige tjenester.", "", "00009060", "", "Partene vil støtte erfaringsdeling."]
    out, notes = ocr_lists.bullet_column(lines, 90.0)
    assert out == ["Partene skal:", "", "• legge til rette for bedre ressursbruk", "", "• bidra til medvirkning", "",
                   "• gi veiledning om arbeidet med helse- og", "omsorgstjenestene", "",
                   "Departementet skal vurdere gode overganger mellom tjenestene, slik at innbyggerne får",
                   "gode og likeverdige tjenester.", "", "", "", "Partene vil støtte erfaringsdeling."]
    assert [i for i, _ in notes] == [12]


def test_a_column_of_o_bullets_read_before_an_item_or_with_a_bullet():
    lines = ["Partane skal samarbeide om:", "", "   eit godt samarbeid", "   betre bruk av digitale løysingar",
             "000006   regelverk som er enkelt å bruke", "   medverknad frå innbyggjarane", "", "4. Tiltak"]
    out, _ = ocr_lists.bullet_column(lines, 90.0)
    assert out == ["Partane skal samarbeide om:", "", "• eit godt samarbeid", "• betre bruk av digitale løysingar",
                   "• regelverk som er enkelt å bruke", "• medverknad frå innbyggjarane", "", "4. Tiltak"]
    lines = ["3.2 Digitalisering", "", "dei nasjonale måla", "", "tverrfagleg samarbeid i kommunane",
             "o eit godt samarbeid", "", "Kommunane skal sørgje for regelverk.", "", "o 0006", "", "4. Varigheit"]
    out, _ = ocr_lists.bullet_column(lines, 90.0)
    assert out[2:10] == ["• dei nasjonale måla", "", "• tverrfagleg samarbeid i kommunane", "o eit godt samarbeid", "",
                         "Kommunane skal sørgje for regelverk.", "", ""]


def test_zeros_with_no_list_by_them_are_left():
    lines = ["Kontonummer:", "", "000123", "", "Beløpet blir betalt kvart år."]
    assert ocr_lists.bullet_column(lines, 90.0)[0] == lines
    lines = ["Partane skal møtast.", "", "000", "", "Partane skal rapportere."]
    assert ocr_lists.bullet_column(lines, 90.0)[0] == lines


def test_the_rest_of_a_capitalised_item_wrapped_short_is_no_item():
    # the item's lines are narrower than the page's (its hanging indent): its rest ends the sentence it opened
    lines = ["Partene er enige om følgende mål:", "- Fylkeskommunene skal arbeide for erfaringsdeling mellom",
             "kommunene gjennom faste møter.", "- Fylkeskommunene skal samarbeide om et godt kunnskapsgrunnlag",
             "for tiltakene.", "", "Partene skal:", "- styrkje samarbeidet", "følgje opp regelverket."]
    prose = ["Partene skal samarbeide om kvaliteten i tjenestene, og arbeidet skal evalueres underveis i",
             "hele avtaleperioden. Statsforvalteren skal følge opp regelverket i samarbeid med kommunene."]
    got, _ = ocr_columns.restore_bullets(lines + [""] + prose * 3)
    assert got[:9] == ["Partene er enige om følgende mål:", "- Fylkeskommunene skal arbeide for erfaringsdeling mellom",
                       "kommunene gjennom faste møter.", "- Fylkeskommunene skal samarbeide om et godt kunnskapsgrunnlag",
                       "for tiltakene.", "", "Partene skal:", "- styrkje samarbeidet", "• følgje opp regelverket."]


def test_a_paragraph_above_the_list_is_not_taken_for_items():
    # its wrapped lines start in lower case, but its first does not: the list starts below it
    lines = ["Partane skal samarbeide om kvaliteten i tenestene, og arbeidet skal evaluerast undervegs i",
             "heile avtaleperioden gjennom faste møte med kommunane og fylkeskommunane i regionen",
             "kvart år.", "", "styrkje samarbeidet", "", "følgje opp regelverket", "", "00006", "", "5. Tiltak"]
    out, _ = ocr_lists.bullet_column(lines, 90.0)
    assert out == lines[:4] + ["• styrkje samarbeidet", "", "• følgje opp regelverket", "", "", "", "5. Tiltak"]


def test_a_column_of_marks_read_mark_by_mark_between_or_after_the_items():
    # «►» read «v v yy y» in place between the items (our scan reader), the lead-in right above the first item
    lines = ["Staten skal:", "• følgje opp erfaringsdeling mellom kommunane", "leggje til rette for digitale løysingar", "",
             "    vurdere tverrfagleg samarbeid", "v v yy y", "    utvikle beredskapsarbeidet", "", "Kompetanse"]
    out, notes = ocr_lists.bullet_column(lines, 90.0)
    assert out == ["Staten skal:", "• følgje opp erfaringsdeling mellom kommunane",
                   "• leggje til rette for digitale løysingar", "", "• vurdere tverrfagleg samarbeid", "",
                   "• utvikle beredskapsarbeidet", "", "Kompetanse"]
    assert [i for i, _ in notes] == [5]
    # «o 00 o» alone after the list (a Tesseract text export sets the column's block there)
    lines = ["Partane skal:", "", "arbeidet med tenestene", "betre ressursbruk i sektoren", "", "o 00 o", "",
             "Partane skal møtast."]
    assert ocr_lists.bullet_column(lines, 90.0)[0] == [
        "Partane skal:", "", "• arbeidet med tenestene", "• betre ressursbruk i sektoren", "", "", "",
        "Partane skal møtast."]
    prose = ["Avtalen gjeld frå 1. januar.", "", "o 00 o", "", "Partane skal møtast."]  # no list by it: left
    assert ocr_lists.bullet_column(prose, 90.0)[0] == prose
