"""Text read off logos above the title (`ocr_logos`): cut pieces of names, misread names, crumbs, debris rows."""

from avtale.extract import ocr_logos


def test_a_cut_piece_is_a_start_or_end_of_a_name_the_document_uses():
    known = ocr_logos.name_words(["Avtalen er inngått mellom Digitaliserings- og forvaltningsdepartementet,",
                                  "Arbeids- og inkluderingsdepartementet og KS."])
    assert {"Digitaliserings", "forvaltningsdepartementet", "inkluderingsdepartementet"} <= known
    assert ocr_logos.cut_piece("Digitaliseri", known)
    assert ocr_logos.cut_piece("inkluderingsde", known)
    assert ocr_logos.cut_piece("ningsdepartementet", known)  # the end of «forvaltningsdepartementet»
    assert not ocr_logos.cut_piece("Digitalisering", known)  # one letter short: a word of its own
    assert not ocr_logos.cut_piece("Digi", known)  # too short to tell from any word's start
    assert not ocr_logos.cut_piece("Digitaliseri", frozenset())  # only names the document uses
    assert not ocr_logos.cut_piece("Samarbeid", known)


def test_a_misread_name_is_within_two_edits_with_the_same_first_letter():
    assert ocr_logos.misread("Kommunesektørens") == "Kommunesektorens"
    assert ocr_logos.misread("Kommunesekt0rens") is None  # a digit: not a word of letters
    assert ocr_logos.misread("Kornmunesektorens") == "Kommunesektorens"  # «m» read «rn»
    assert ocr_logos.misread("orgamsasjon") == "organisasjon"
    assert ocr_logos.misread("Kommunesektoren") is None  # a real shorter form, not a misread
    assert ocr_logos.misread("kommunesektorens") is None  # small first letter: prose, not the logo
    assert ocr_logos.misread("Kommunesektorens") is None  # the word itself is no misread
    assert ocr_logos.misread("Kommunereformens") is None  # three edits away


def test_a_misread_strong_name_makes_its_line_logo_like():
    assert ocr_logos.logo_like("Kommunesektørens")
    assert not ocr_logos.logo_like("Kommunesektørens skal samarbeide")  # more debris than names
    assert ocr_logos._counts("Kommunesektørens")[2] == 1
    assert ocr_logos._counts("orgamsasjon")[2] == 0  # «organisasjon» is a name's word, not a strong one


def test_crumbs_are_one_or_two_short_small_words():
    assert ocr_logos.crumbs("om")
    assert ocr_logos.crumbs("an v")
    assert not ocr_logos.crumbs("Om")
    assert not ocr_logos.crumbs("om dette")
    assert not ocr_logos.crumbs("om i en")
    assert not ocr_logos.crumbs("2025")


def test_cut_pieces_of_names_the_preamble_uses_count_as_names():
    lines = ["KS Digitaliserings- Energideparte Utenriksdepart Arbeids- og", "og mentet ementet inkluderingsde",
             "forvaltningsde partementet", "partementet", "", "SAMARBEIDSAVTALE OM BEDRE TJENESTER", "",
             "KS, Digitaliserings- og forvaltningsdepartementet, Energidepartementet,",
             "Utenriksdepartementet og Arbeids- og inkluderingsdepartementet inngår denne avtalen."]
    out, notes = ocr_logos.drop_logos(lines)
    assert out[:4] == ["", "", "", ""] and out[4:] == lines[4:]
    assert [i for i, _ in notes] == [0, 1, 2, 3]
    # no name in the text below: «inkluderingsde» is debris (the line still goes, in the logos' paragraph)
    assert ocr_logos._counts(lines[1], ocr_logos.name_words(["Avtalen gjeld samarbeid mellom partane."])) == (3, 1.0, 0)
    assert ocr_logos._counts(lines[1], ocr_logos.name_words(lines[7:])) == (4, 0.0, 0)


def test_a_cut_name_and_emblem_debris_above_the_names_go_with_them():
    lines = ["Avtale om samarbeid 2028–2029", "", "Digitaliseri IKS | Kommunesektorens",
             "IgItaliserngs og Energidepartementet Kommunal- og organisasjon",
             "forvaltningsdepartementet distriktsdepartementet", "", "AVTALE OM SAMARBEID OM KVALITET I",
             "BARNEVERNET 2028–2029", "", "Avtalen er inngått mellom Digitaliserings- og forvaltningsdepartementet,",
             "Energidepartementet, Kommunal- og distriktsdepartementet og KS. Partane skal"]
    out, _ = ocr_logos.drop_logos(lines)
    assert out[2:5] == ["", "", ""]
    assert out[:2] == lines[:2] and out[5:] == lines[5:]


def test_a_row_of_cells_ending_in_a_mark_is_no_sentence():
    lines = ["Avtale om samarbeid 2028–2029", "", "Digitaliseri\tKommunesektorens",
             "igitaliserings- og\tKommunal-\torganisasjon",
             "forvaltningsdepartementet\tEnergidepariementet\tdistriktsdepartementet\tganses!", "",
             "AVTALE OM SAMARBEID OM KVALITET I", "", "Avtalen er inngått mellom Digitaliserings- og KS."]
    out, _ = ocr_logos.drop_logos(lines)
    assert out[2:5] == ["", "", ""] and out[6] == lines[6]
    prose = ["Avtale om samarbeid", "", "Partane er samde.\tKS", "", "Kommunesektorens", "organisasjon"]
    assert ocr_logos.drop_logos(prose)[0] == prose  # a row of cells that is not logo-like ends the top still


def test_a_misread_name_over_the_logos_goes_with_them():
    lines = ["Samarbeidsavtale om tidleg innsats 2028–2032", "", "Kommunesektørens",
             "organisasjon\tLandbruks- og\tDigitaliserings- og", "matdepartementet\tforvaltningsdepartementet", "",
             "Kommunal- og", "distriktsdepartementet", "", "Samarbeidsavtale om tidleg innsats",
             "", "Avtalen er inngått mellom KS og Landbruks- og matdepartementet."]
    out, _ = ocr_logos.drop_logos(lines)
    assert out[2:8] == [""] * 6 and out[9] == lines[9]


def test_crumbs_under_the_logos_go_with_them_but_not_alone():
    lines = ["an\tArbeids- og Forsvarsdepartementet Samferdselsdepartementet",
             "v Finansdepartementet v inkluderingsdepartementet Oo", "", "om", "",
             "Avtale om inkludering av flyktninger i kommunene", "",
             "Denne avtalen er inngått mellom Finansdepartementet og KS."]
    out, notes = ocr_logos.drop_logos(lines)
    assert out[:4] == ["", "", "", ""] and out[5] == lines[5]
    assert [i for i, _ in notes] == [0, 1, 3]
    alone = ["om", "", "Avtale om inkludering", "", "Denne avtalen er inngått mellom Finansdepartementet og KS."]
    assert ocr_logos.drop_logos(alone)[0] == alone


def test_a_name_that_lost_its_first_letter_to_the_emblem_is_misread():
    assert ocr_logos.misread("ommunesektorens") == "Kommunesektorens"
    assert ocr_logos.misread("rganisasjon") == "organisasjon"
    assert ocr_logos.misread("ommune") is None  # too short to tell
    assert ocr_logos.misread("kommunesektorens") is None  # prose, as before


def test_a_piece_of_a_name_cut_and_misread_at_once():
    known = ocr_logos.name_words(["Partane er KS, Helse- og omsorgsdepartementet og Kunnskapsdepartementet."])
    assert ocr_logos.misread_piece("felse-", known)  # «Helse-», its capital misread
    assert ocr_logos.misread_piece("Kumskapsd", known)  # «Kunnskapsd…», two edits in nine letters
    assert not ocr_logos.misread_piece("Kumskap", known)  # two edits in seven letters: too far
    assert not ocr_logos.misread_piece("felse-", frozenset())  # only names the document uses
    assert not ocr_logos.misread_piece("samarbeid", known)


def test_a_mark_at_a_words_edge_is_left_off():
    # «(ommunal-»: the emblem's edge read as a bracket before «Kommunal-», its capital lost
    assert ocr_logos._counts("Justis- Helse- (ommunal- og igitaliserings- og organisasjon") == (7, 0.0, 0)


def test_a_line_of_emblems_is_no_title():
    lines = ["p— O0-— O0-— OQ=-", "", "Avtale om utvikling av kulturskuletilbodet",
             "Avtalen er inngått mellom Samferdselsdepartementet og KS."]
    out, notes = ocr_logos.drop_logos(lines)
    assert out == [""] + lines[1:]
    assert [i for i, _ in notes] == [0]
    assert not ocr_logos.emblems("om") and not ocr_logos.emblems("– 1 –") and not ocr_logos.emblems("Avtale om KS")


def test_the_logos_first_row_read_too_badly_to_count_goes_with_the_rows_under_it():
    lines = ["Ar IKS | Kommunesektoren", "ima- og Nærings- o nriksdepartement sndenaomdner — dl organisasjon",
             "mijødepanementt et Vianiksdepaniementt matdepartementet oase", "",
             "SAMARBEIDSAVTALE OM INKLUDERING AV", "FLYKTNINGAR I KOMMUNANE 2025-2026", "",
             "Avtalen er inngått mellom Klima- og miljødepartementet, Nærings- og fiskeridepartementet og KS."]
    out, notes = ocr_logos.drop_logos(lines)
    assert out == ["", "", ""] + lines[3:]
    # a title's line over the logos in their paragraph stays
    titled = ["Samarbeidsavtale om inkludering"] + lines[1:]
    assert ocr_logos.drop_logos(titled)[0][0] == titled[0]
