"""Paragraphs in Tesseract's text export (`unwrap` with `ocr_text`): where a sentence ends at a line's end, whether
the paragraph goes on. Each text is Tesseract's own export of a page avtale did not write (the foreign writer's
agreements, `tesseract -l nor` on 200-dpi grey pages), whole; the paragraphs expected are the Word document's.
"""

from __future__ import annotations

from pathlib import Path

from avtale.extract import extract

# A short justified agreement (seed 173, s786272068): «… gjennom faste møter.» lost its stretch to the OCR, and
# too few lines wrap for `Room` to measure; `Bounds` still shows that «Departementet» would not have fitted.
SHORT_JUSTIFIED = (
    'Avtale om bedre 2026-2028\n'
    '\n'
    'likestillingsdepartementet\n'
    '\n'
    'PES Kommunesektorens\n'
    'Kultur- og organisasjon\n'
    '\n'
    'AVTALE OM BEDRE TJENESTER TIL ELDRE 2026—2028\n'
    '\n'
    'Denne avtalen er inngått mellom Kultur- og likestillingsdepartementet og KS. Erfaringene\n'
    'skal brukes i arbeidet med en eventuell ny avtale.\n'
    '\n'
    'Mål for samarbeidet\n'
    '\n'
    'Staten skal sørge for erfaringsdeling mellom kommunene gjennom faste møter.\n'
    'Departementet vil støtte tidlig innsats for barn og unge så langt det er mulig, men ansvaret for\n'
    'tjenestene ligger fortsatt hos kommunene. Statsforvalteren skal sørge for arbeidet med helse-\n'
    'og omsorgstjenestene.\n'
    '\n'
    'Oppfølging og rapportering\n'
    'Partene skal samarbeide om arbeidet med helse- og omsorgstjenestene i tråd med gjeldende\n'
    'regelverk.\n'
    '\n'
    'Side 1 av 2\n'
    '\x0cAvtale om bedre 2026-2028\n'
    '\n'
    'Organisering\n'
    'Partene skal prioritere forenkling av statlige krav og rapportering. Avtalen er en del av\n'
    'konsultasjonsordningen mellom regjeringen og kommunesektoren.\n'
    '\n'
    'Varighet og evaluering\n'
    'Avtalen gjelder fra 1. januar 2026 og fram til 31. desember 2028.\n'
    '\n'
    'Tromsø, 24. juli 2025\n'
    '\n'
    'Marte Elise Sæther Lars Marie Aasen Tangen\n'
    '\n'
    'Kultur- og likestillingsminister Styreleder i KS\n'
    '\n'
    'Side 2 av 2\n'
)

# Tesseract sets every paragraph apart by a blank line here (seed 173, s595516598): the sentence turn under «… 30.
# juni 2027.» without one is a manual line break (Shift+Enter) inside the paragraph.
MANUAL_BREAK = (
    'Energidepartementet Samferdselsdepartementet KS\n'
    '\n'
    'Avtale om inkludering av flyktningar i kommunane\n'
    '2024-2027\n'
    '\n'
    'Denne avtalen er inngått mellom Energidepartementet,\n'
    'Samferdselsdepartementet og KS.\n'
    '\n'
    'Staten skal sørgje for arbeidet med helse- og omsorgstenestene.\n'
    '\n'
    '8 1 Informasjon og dialog\n'
    '\n'
    'Kommunesektoren skal bidra til tidleg innsats for barn og unge så langt det er\n'
    'mogleg.\n'
    '\n'
    '82 Ansvaret til partane\n'
    '\n'
    'KS skal arbeide for medverknad frå innbyggjarane. Tiltak som krev\n'
    'finansiering, skal handsamast i dei ordinære budsjettprosessane.\n'
    '\n'
    'Arbeidet skal særleg rettast mot:\n'
    '\n'
    '1. Forenkling av statlege krav og rapportering.\n'
    '2. Tidleg innsats for barn og unge.\n'
    '\n'
    'Staten skal bidra til lokale og regionale nettverk. Avtalen er ein del av\n'
    'konsultasjonsordninga mellom regjeringa og kommunesektoren. Direktoratet\n'
    'skal arbeide for likeverdige tenester i heile landet i samarbeid med\n'
    'kommunane.\n'
    '\n'
    '$ 3 Oppfølging og rapportering\n'
    'Møta blir leidde vekselvis av departementa og KS.\n'
    'Staten skal:\n'
    '\n'
    'a) leggje til rette for dei nasjonale måla for sektoren\n'
    'b) bidra til medverknad frå innbyggjarane\n'
    'c) sørgje for dei nasjonale måla for sektoren der det er tenleg\n'
    '\x0c8 4 Varigheit og oppseiing\n'
    '\n'
    'Avtalen gjeld frå signering og fram til 30. juni 2027.\n'
    'Partane kan be om reforhandling dersom føresetnadene for avtalen blir\n'
    'monaleg endra.\n'
    '\n'
    'Bergen, 13. juli 2023\n'
    '\n'
    'Ola Østby Løvås\n'
    'Energiminister\n'
    '\n'
    'Liv Tveit\n'
    'Samferdselsminister\n'
    '\n'
    'Åse Berg\n'
    'Leiar i KS\n'
)

# Tesseract kept a heading with the paragraphs under it in one block (seed 31, s326140954): a blank line is no
# evidence there, and the two one-line paragraphs under «Varigheit og oppseiing» stay two.
HEADING_BLOCK = (
    'KS Kommunesektorens K al\n'
    'organisasjon Kultur- og fommunal- og\n'
    'likestillingsdepartementet distriktsdepartementet\n'
    '\n'
    'Avtale om betre tenester til eldre\n'
    'Partane i denne avtalen er KS, Kultur- og likestillingsdepartementet og Kommunal- og distriktsdepartementet.\n'
    '\n'
    'Møta blir leidde vekselvis av departementa og KS. Statsforvaltaren har ansvar for felles mål for arbeidet.\n'
    'Arbeidsgruppa har ansvar for eit godt kunnskapsgrunnlag for tiltaka.\n'
    '\n'
    'Informasjon og dialog\n'
    '\n'
    'Statlege tiltak blir tilpassa dei økonomiske rammene som Stortinget vedtek.\n'
    '\n'
    'Økonomi\n'
    '\n'
    'Statsforvaltaren har ansvar for dei nasjonale måla for sektoren innanfor gjeldande budsjettrammer. KS skal\n'
    'leggje til rette for kompetansen hos dei tilsette i heile avtaleperioden, og arbeidet skal evaluerast undervegs.\n'
    '\n'
    'Arbeidsgruppa skal prioritere kompetansen hos dei tilsette i samarbeid med kommunane.\n'
    '\n'
    'Tiltak\n'
    '\n'
    'Fylkeskommunane skal vurdere forenkling av statlege krav og rapportering, og arbeidet skal evaluerast\n'
    'undervegs.\n'
    '\n'
    'KS skal:\n'
    '\n'
    '1. støtte eit godt kunnskapsgrunnlag for tiltaka\n'
    '2. vurdere dei nasjonale måla for sektoren\n'
    '\n'
    'Mål for samarbeidet\n'
    '\n'
    'Kommunane vil støtte kvaliteten i dei kommunale tenestene, slik at innbyggjarane får gode og likeverdige\n'
    'tenester. Kommunesektoren skal gå gjennom kvaliteten i dei kommunale tenestene der det er tenleg.\n'
    'Departementa skal utvikle felles mål for arbeidet på nasjonalt og regionalt nivå.\n'
    '\n'
    'Satsinga omfattar mellom anna:\n'
    '\n'
    'o —erfaringsdeling mellom kommunane\n'
    'o rekruttering av fagfolk til kommunane innanfor gjeldande budsjettrammer\n'
    '\n'
    'Erfaringane skal nyttast i arbeidet med ein eventuell ny avtale.\n'
    '\n'
    'KS skal leggje til rette for dei nasjonale måla for sektoren.\n'
    '\x0cBakgrunn\n'
    '\n'
    'Fylkeskommunane skal sørgje for erfaringsdeling mellom kommunane. Rettleiarar og døme frå kommunane er\n'
    'samla på ks.no. Departementa skal styrkje beredskapsarbeidet i kommunane.\n'
    '\x0cOrganisering\n'
    '\n'
    'Statsforvaltaren skal sørgje for rekruttering av fagfolk til kommunane der det er tenleg.\n'
    '\n'
    'Oppfølging og rapportering\n'
    '\n'
    'Arbeidsgruppa skal leggje til rette for medverknad frå innbyggjarane, slik at innbyggjarane får gode og\n'
    'likeverdige tenester. Statsforvaltaren skal utvikle arbeidet med helse- og omsorgstenestene på nasjonalt og\n'
    '\n'
    'regionalt nivå. Rettleiarar og døme frå kommunane er samla på ks.no.\n'
    '\n'
    'Varigheit og oppseiing\n'
    'Avtalen gjeld fram til 31. desember 2027.\n'
    'Avtalen skal evaluerast i løpet av 2026.\n'
    '\n'
    'KS Kultur- og\n'
    'likestillingsdepartementet\n'
    '\n'
    'Kommunal- og\n'
    'distriktsdepartementet\n'
    '\n'
    'Unni Elise Bråten Vik Sigrid Ødegård\n'
    'Leiar i KS Kultur- og likestillingsminister\n'
    '\n'
    'Stad: Stavanger\n'
    'Dato: 7. november 2023\n'
    '\n'
    'Astrid Nes\n'
    'Kommunal- og distriktsminister\n'
)


def sections(tmp_path: Path, text: str) -> dict[str, list]:
    source = tmp_path / "avtale.ocr.txt"
    source.write_text(text, encoding="utf-8")
    agreement = extract(source).agreement
    return {s.title: [b if isinstance(b, str) else b.model_dump(exclude_none=True) for b in s.blocks]
            for s in agreement.sections}


def test_a_justified_line_cut_short_by_a_long_word_goes_on(tmp_path):
    assert sections(tmp_path, SHORT_JUSTIFIED)["Mål for samarbeidet"] == [
        "Staten skal sørge for erfaringsdeling mellom kommunene gjennom faste møter. Departementet vil støtte tidlig "
        "innsats for barn og unge så langt det er mulig, men ansvaret for tjenestene ligger fortsatt hos kommunene. "
        "Statsforvalteren skal sørge for arbeidet med helse- og omsorgstjenestene."]


def test_a_manual_line_break_where_tesseract_sets_paragraphs_apart(tmp_path):
    got = sections(tmp_path, MANUAL_BREAK)
    assert got["Varigheit og oppseiing"] == [
        "Avtalen gjeld frå signering og fram til 30. juni 2027. Partane kan be om reforhandling dersom føresetnadene "
        "for avtalen blir monaleg endra."]
    assert got["Oppfølging og rapportering"][0] == "Møta blir leidde vekselvis av departementa og KS."


def test_paragraphs_in_a_block_tesseract_began_with_a_heading_stay_apart(tmp_path):
    got = sections(tmp_path, HEADING_BLOCK)
    assert got["Varigheit og oppseiing"] == ["Avtalen gjeld fram til 31. desember 2027.",
                                             "Avtalen skal evaluerast i løpet av 2026."]
    assert got["Bakgrunn"] == [
        "Fylkeskommunane skal sørgje for erfaringsdeling mellom kommunane. Rettleiarar og døme frå kommunane er "
        "samla på ks.no. Departementa skal styrkje beredskapsarbeidet i kommunane."]
