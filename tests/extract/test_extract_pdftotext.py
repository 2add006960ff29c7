"""Round trip through pdftotext (poppler): build the PDF, export it in both of pdftotext's modes, extract, compare.

Plain mode (`pdftotext`) reads a heading's number, a list label and each signature
column as blocks of their own: the number «1.» or bullet «•» stands alone on a line
before its text, and the signature block comes column by column («For A», «For B»,
names, titles). Layout mode (`pdftotext -layout`) keeps the page's columns with runs
of spaces. Both are supported; the content must equal the YAML's.

Known limit (plain mode): signature cells that wrap (four or five narrow columns) come
out in an order pdftotext picks per block; the curated agreements have two columns.
"""

from __future__ import annotations

import subprocess

import pytest

from conftest import AGREEMENTS, require_tool
from avtale import agreements, render
from avtale.extract import extract

from extract_helpers import content

# The 2022–2025 agreement, laid out without hyphenation as the DOCX is, ends a paragraph on a full line with a
# full stop («… for økt kvalitet.») and starts the next with a capital: a text export shows no sign of that
# paragraph end, and the extractor joins the two (issue 12: a paragraph end a text export does not show).
FULL_LINE_END = pytest.mark.xfail(strict=True, reason="a paragraph end after a full line: not shown by the text export")
IDS = ["2014-2017", "2022-2025"]
CASES = ["2014-2017", pytest.param("2022-2025", marks=FULL_LINE_END)]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdftotext")
    files = {}
    for agreement_id in IDS:
        path = out / f"{agreement_id}.pdf"
        path.write_bytes(render.render(agreements.read(AGREEMENTS / f"{agreement_id}.yaml"), "pdf"))
        files[agreement_id] = path
    return files


@pytest.mark.parametrize("mode", ["plain", "layout"])
@pytest.mark.parametrize("agreement_id", CASES)
def test_pdftotext(pdfs, agreement_id, mode, tmp_path):
    pdftotext = require_tool("pdftotext")
    txt = tmp_path / f"{agreement_id}.{mode}.txt"
    flags = ["-layout"] if mode == "layout" else []
    subprocess.run([pdftotext, *flags, "-enc", "UTF-8", str(pdfs[agreement_id]), str(txt)], check=True, timeout=60)
    assert content(extract(txt).agreement) == content(agreements.read(AGREEMENTS / f"{agreement_id}.yaml"))


def test_plain_mode_markers_alone_on_a_line(tmp_path):
    """«1.» and «•» on lines of their own (with or without a blank line after) join the text that follows."""
    from avtale.extract.lines import Line
    from avtale.extract.unwrap import attach_lone_markers

    lines = [Line(i, t) for i, t in enumerate(["1.", "", "Formålet", "•", "KD har ansvar.", "§ 2", "", "Økonomi", "a)", "", "Tiltak"], 1)]
    got = [(ln.no, ln.text) for ln in attach_lone_markers(lines)]
    assert got == [(1, "1. Formålet"), (4, "• KD har ansvar."), (6, "§ 2 Økonomi"), (9, "a) Tiltak")]


def test_plain_mode_for_rows_one_under_another():
    """Column order: «For A», «For B», the names, then the titles; each signatory keeps its party."""
    from avtale.extract import signing
    from avtale.extract.lines import Line, Notes

    texts = ["Oslo, 7. november 2014", "For Kunnskapsdepartementet", "For KS", "Torbjørn Røe Isaksen",
             "Gunn Marit Helgesen", "Kunnskapsminister", "Leder KS"]
    out = signing.read_block([Line(i, t) for i, t in enumerate(texts, 1)], Notes())
    assert [(s.name, s.title, s.party) for s in out.signers] == [
        ("Torbjørn Røe Isaksen", "Kunnskapsminister", "Kunnskapsdepartementet"),
        ("Gunn Marit Helgesen", "Leder KS", "KS"),
    ]


def test_bare_heading_number_alone_is_kept_but_page_number_dropped():
    from avtale.extract import clean
    from avtale.extract.lines import Line, Notes

    lines = [Line(1, "Tittel"), Line(2, "1"), Line(3, ""), Line(4, "Formålet med avtalen"), Line(5, "Tekst her."),
             Line(6, "2"), Line(7, "Neste side.", page=2, page_start=True), Line(8, "Mer tekst.", page=2),
             Line(9, "Enda mer tekst.", page=2), Line(10, "2", page=2), Line(11, "", page=2), Line(12, "Økonomi", page=2),
             Line(13, "Partane dekkjer eigne kostnader.", page=2)]
    kept, _ = clean.clean(lines, Notes())
    assert [ln.text for ln in kept] == ["Tittel", "1", "", "Formålet med avtalen", "Tekst her.", "", "Neste side.",
                                        "Mer tekst.", "Enda mer tekst.", "2", "", "Økonomi", "Partane dekkjer eigne kostnader."]


def _attached(texts: list[str]) -> list[str]:
    from avtale.extract.lines import Line
    from avtale.extract.lone_labels import attach_lone_markers

    return [ln.text for ln in attach_lone_markers([Line(i, t) for i, t in enumerate(texts, 1)]) if ln.text.strip()]


def test_label_column_with_the_next_heading_number_in_it():
    """Bullets, then the next heading's number, then the items (one wrapped), then that heading: dealt in order."""
    got = _attached(["Kommunen skal sikre:", "•", "•", "", "3.", "", "at barnehageplassene blir fordelt etter",
                     "søknadsfristen", "at foreldrebetalingen følger maksprisen", "", "Økonomiske rammer", "",
                     "Tilskuddet utbetales kvartalsvis."])
    assert got == ["Kommunen skal sikre:", "• at barnehageplassene blir fordelt etter", "søknadsfristen",
                   "• at foreldrebetalingen følger maksprisen", "3. Økonomiske rammer", "Tilskuddet utbetales kvartalsvis."]


def test_label_column_heading_number_read_before_the_list_above_it():
    """«4.» read before the labels «1.»–«3.» of the list above it heads the line after the list."""
    got = _attached(["Fylkeskommunen sørger for:", "", "4.", "", "1.", "2.", "3.", "", "skyss til og fra skolen",
                     "tilrettelagt undervisning", "leirskole hvert tredje år", "", "Klage", "",
                     "Vedtak kan påklages til statsforvalteren."])
    assert got == ["Fylkeskommunen sørger for:", "1. skyss til og fra skolen", "2. tilrettelagt undervisning",
                   "3. leirskole hvert tredje år", "4. Klage", "Vedtak kan påklages til statsforvalteren."]


def test_label_column_heading_number_under_the_heading_above():
    """«Tilsyn» / «2.» / «·» / «·» / «3.»: the first number goes back to the heading over the column."""
    got = _attached(["Partene møtes hvert år.", "", "Tilsyn", "", "2.", "·", "·", "3.", "", "årlig egenvurdering",
                     "stikkprøver ved behov", "", "Mislighold", "", "Ved brudd kan avtalen sies opp."])
    assert got == ["Partene møtes hvert år.", "2. Tilsyn", "· årlig egenvurdering", "· stikkprøver ved behov",
                   "3. Mislighold", "Ved brudd kan avtalen sies opp."]


def test_label_column_without_a_fitting_reading_is_left_alone():
    """Three bullets but the text after them reads as two items only and no heading: the column is not dealt out
    (only the label next to the text joins it, as any lone label does)."""
    got = _attached(["Tiltak:", "•", "•", "•", "", "Partene har ansvar for å melde endringer.",
                     "Kommunen rapporterer innen 1. mars."])
    assert got == ["Tiltak:", "•", "•", "• Partene har ansvar for å melde endringer.", "Kommunen rapporterer innen 1. mars."]


def test_heading_number_set_under_its_heading():
    """«Formål» / «§1» / a sentence: the number goes with the heading above, not with the sentence."""
    got = _attached(["Innledning", "", "Formål", "", "§1", "", "Avtalen skal sikre et godt tilbud til eldre i kommunen.",
                     "", "Varighet", "", "§2", "", "Avtalen gjelder i fire år."])
    assert got == ["Innledning", "§1 Formål", "Avtalen skal sikre et godt tilbud til eldre i kommunen.",
                   "§2 Varighet", "Avtalen gjelder i fire år."]


def test_heading_number_under_its_heading_over_a_wrapped_sentence():
    """«Formål» / «1.» / a first line of ten words with no closing mark, which goes on in lower case: the line is
    prose, not a heading, so the number goes with «Formål» above."""
    got = _attached(["Formål", "", "1.", "", "Kommunen og helseforetaket skal samarbeide om pasientforløp for eldre med",
                     "sammensatte behov.", "", "Varighet", "", "2.", "", "Avtalen gjelder i fire år."])
    assert got == ["1. Formål", "Kommunen og helseforetaket skal samarbeide om pasientforløp for eldre med",
                   "sammensatte behov.", "2. Varighet", "Avtalen gjelder i fire år."]


def test_lone_number_after_a_lead_in_stays_with_its_item():
    """A list's «1.» after a lead-in «…:» is no heading's number: it joins the item after it."""
    assert _attached(["Partene skal:", "", "1.", "", "Møtes to ganger i året."]) == ["Partene skal:", "1. Møtes to ganger i året."]


def test_o_bullets_one_by_one_are_kept():
    """pdftotext sets an «o» bullet and its item apart, item by item: the «o» lines are bullets, not logo text."""
    from avtale.extract import clean
    from avtale.extract.lines import Line, Notes

    texts = ["Avtale om skoleskyss", "Tiltak", "o", "", "skyss for elever med lang vei", "", "o", "", "tilrettelagt skyss"]
    kept, _ = clean.clean([Line(i, t) for i, t in enumerate(texts, 1)], Notes())
    assert [ln.text for ln in kept].count("o") == 2


def test_o_bullet_apart_from_its_item_next_to_o_items_is_kept():
    """One «o» set apart from its item (the item wrapped), the next items with their «o» on the line: a bullet."""
    from avtale.extract import clean
    from avtale.extract.lines import Line, Notes

    texts = ["Avtale om skoleskyss", "Kommunen skal:", "o", "", "tilby skyss til elever med lang skolevei og",
             "tilrettelagt skyss", "o melde fra om endringer", "o betale egenandelen"]
    kept, _ = clean.clean([Line(i, t) for i, t in enumerate(texts, 1)], Notes())
    assert [ln.text for ln in kept].count("o") == 1


def test_label_column_lower_case_items_then_a_capital_paragraph():
    """Four bullets, four items in lower case (one wrapped, one nearly full), then the paragraph after the list in
    the same block, starting with a capital: the items end before it, not at a narrower measure taking it in."""
    intro = ["Skyssordningen gjelder for alle elever i grunnskolen som har rett til skyss etter opplæringsloven, og",
             "kommunen og fylkeskommunen skal samarbeide om rutiner for bestilling og oppfølging av skyssen."]
    items = ["tilby skyss til elever med lang skolevei",
             "sørge for tilrettelagt undervisning for elever som har vedtak om spesialundervisning",
             "melde fra om endringer",
             "varsle fylkeskommunen om nye elever med behov for skyss og om elever som flytter i løpet av",
             "skoleåret"]
    after = ["Fylkeskommunen betaler for skyssen etter satsene som gjelder for skoleskyss i", "fylket."]
    got = _attached(intro + ["Kommunen skal:", "•", "•", "•", "•", ""] + items + after)
    assert got == intro + ["Kommunen skal:"] + ["• " + t for t in items[:4]] + ["skoleåret"] + after


def test_label_column_items_then_a_paragraph_without_a_blank_line():
    """Three bullets, three items starting with capitals (the last wrapped), then the paragraph after the list in the
    same block: the paragraph is no item."""
    got = _attached(["Kommunen skal:", "•", "•", "•", "", "Tilby skyss til elever med lang skolevei.",
                     "Sørge for tilrettelagt undervisning.", "Melde fra til fylkeskommunen om endringer i",
                     "elevtallet innen 1. mars.", "Fylkeskommunen betaler for skyssen."])
    assert got == ["Kommunen skal:", "• Tilby skyss til elever med lang skolevei.", "• Sørge for tilrettelagt undervisning.",
                   "• Melde fra til fylkeskommunen om endringer i", "elevtallet innen 1. mars.",
                   "Fylkeskommunen betaler for skyssen."]



def test_lone_number_over_the_one_heading_of_unnumbered_headings_is_a_folio():
    """pypdf runs pages together: the «1» that ends page one stands over a heading, but no «2» heads another."""
    from avtale.extract import clean
    from avtale.extract.lines import Line, Notes

    texts = ["Avtale om skuleskyss", "Formål", "Partane skal samarbeide om skyssen.", "1", "Varigheit",
             "Avtalen gjeld til 2027.", "Oslo, 1. mars 2025", "2"]
    kept, _ = clean.clean([Line(i, t) for i, t in enumerate(texts, 1)], Notes())
    assert [ln.text for ln in kept if ln.text] == [t for t in texts if t not in ("1", "2")]


def test_folios_counting_to_the_end_of_a_text_without_page_breaks():
    """pypdf: the folios «1», «2», «3» stand in the text, «1» over a heading and «2» among the signatures;
    they count up to the text's last line, so the «2» is no evidence that the «1» numbers a heading."""
    from avtale.extract import clean
    from avtale.extract.lines import Line, Notes

    texts = ["Avtale om skuleskyss", "Formål", "Partane skal samarbeide om skyssen.", "1", "Varigheit",
             "Avtalen gjeld til 2027.", "Oslo, 1. mars 2025", "Kari Dahl", "Fylkesordførar", "2", "Ola Berg",
             "Leiar i KS", "3"]
    kept, _ = clean.clean([Line(i, t) for i, t in enumerate(texts, 1)], Notes())
    assert [ln.text for ln in kept if ln.text] == [t for t in texts if t not in ("1", "2", "3")]


def _kept(texts: list[str], page_break_at: int | None = None, blanks: bool = False) -> list[str]:
    """The lines clean keeps of `texts` (the blank ones too with `blanks`); from index `page_break_at` on, the lines
    are on page 2."""
    from avtale.extract import clean
    from avtale.extract.lines import Line, Notes

    lines = [Line(i + 1, t, 1 if page_break_at is None or i < page_break_at else 2, page_start=i == page_break_at)
             for i, t in enumerate(texts)]
    kept, _ = clean.clean(lines, Notes())
    return [ln.text for ln in kept if ln.text or blanks]


def test_heading_number_set_under_its_heading_is_no_page_number():
    """«Økonomi» / «2» / prose, away from the page breaks: pdftotext read the heading's number after its text; clean
    keeps it and lone_labels gives it back to the heading."""
    from avtale.extract.lines import Line
    from avtale.extract.lone_labels import attach_lone_markers

    texts = ["Avtale om skuleskyss", "", "Formål", "", "1", "", "Partane skal samarbeide om skyssen for alle elevar.",
             "", "Økonomi", "", "2", "", "Partane dekkjer eigne kostnader.", "Meir tekst på side to.",
             "Enda meir tekst.", "Og ei linje til."]
    kept = _kept(texts, page_break_at=13, blanks=True)
    assert kept == texts
    joined = [ln.text for ln in attach_lone_markers([Line(i, t) for i, t in enumerate(kept, 1)]) if ln.text]
    assert joined[:4] == ["Avtale om skuleskyss", "1 Formål", "Partane skal samarbeide om skyssen for alle elevar.", "2 Økonomi"]


def test_number_under_a_heading_over_another_heading_is_a_page_number_still():
    """A bare number under a heading-like line but over no prose (a fragment in lower case) is not taken for the
    heading's."""
    texts = ["Avtale om skuleskyss", "", "Partane skal samarbeide.", "", "Økonomi", "", "2", "", "og kommunane", "",
             "Meir tekst.", "Enda meir.", "Og meir.", "Og enda meir."]
    assert "2" not in _kept(texts, page_break_at=11)


def test_heading_number_at_the_foot_of_a_label_column_is_kept():
    """«Partane skal:» / «•» / «•» / «3» / the items / «Varigheit»: pdftotext read the next heading's number in the
    bullets' column; clean keeps it though a lower-case item follows, and the column is dealt out."""
    from avtale.extract.lines import Line
    from avtale.extract.lone_labels import attach_lone_markers

    texts = ["Avtale om skuleskyss", "", "2 Formål", "", "Partane skal:", "•", "•", "", "3", "", "gje råd om skyssen",
             "følgje opp arbeidet", "", "Varigheit", "", "Avtalen gjeld til 2030.", "Side to.", "Meir.", "Og meir."]
    kept = _kept(texts, page_break_at=16, blanks=True)
    assert "3" in kept
    joined = [ln.text for ln in attach_lone_markers([Line(i, t) for i, t in enumerate(kept, 1)]) if ln.text]
    assert joined[3:7] == ["• gje råd om skyssen", "• følgje opp arbeidet", "3 Varigheit", "Avtalen gjeld til 2030."]


def test_number_under_one_lone_label_is_a_page_number_still():
    """One bullet alone is no column of labels: the number under it over a lower-case line is dropped as before."""
    texts = ["Avtale om skuleskyss", "", "Partane skal:", "•", "", "3", "", "gje råd om skyssen", "Side to.", "Meir.",
             "Og meir.", "Og enda meir."]
    assert "3" not in _kept(texts, page_break_at=8)


def test_number_at_a_page_break_that_has_its_folio_heads_a_heading():
    """«-1-» ends page one, «3» opens page two over «Varigheit», after a «2» heading: the page break has its folio, so
    the «3» is the heading's number. Without the folio it is a page's, as before."""
    texts = ["Avtale om skuleskyss", "", "2", "", "Økonomi", "", "Partane dekkjer eigne kostnader.", "", "-1-",
             "3", "", "Varigheit", "", "Avtalen gjeld til 2030."]
    assert "3" in _kept(texts, page_break_at=9)
    no_folio = texts[:8] + ["", *texts[9:]]
    assert "3" not in _kept(no_folio, page_break_at=9)
    not_on = [t if t != "2" else "" for t in texts]  # no «2» above: nothing says the «3» numbers on
    assert "3" not in _kept(not_on, page_break_at=9)


def test_number_after_a_sentence_of_its_page_near_the_page_break_heads_a_heading():
    """A sentence of page two ends just above the «4», two lines under the page break: no folio stands there."""
    texts = ["Avtale om skuleskyss", "", "3", "", "Organisering", "", "Side 1 av 3", "Kommunane skal følgje opp arbeidet.",
             "", "4", "", "Mål for samarbeidet", "", "Departementa skal arbeide for felles mål."]
    assert "4" in _kept(texts, page_break_at=7)


def test_text_of_a_pdf_set_narrow_is_not_read_as_pandoc():
    """A PDF set in a wide face wraps its lines under 72 characters, as pandoc's plain text does; but pdftotext ends
    each page with a form feed and pypdf writes no blank lines, neither of which pandoc ever does."""
    import textwrap

    from avtale.extract import read_pandoc
    from avtale.extract.read_text import lines_of

    words = ("Partane skal samarbeide om skyssen for alle elevar i grunnskulen som har rett til skyss etter "
             "opplæringslova, og kommunen skal melde frå om endringar i elevtalet innan fristen. ") * 3
    para = textwrap.fill(words.strip(), 72)
    pandoc = "\n\n".join([para, "Statsforvaltaren skal gje råd.", para])
    assert read_pandoc.is_plain(lines_of(pandoc))
    assert not read_pandoc.is_plain(lines_of(pandoc + "\n\f"))  # pdftotext: a form feed ends each page
    assert not read_pandoc.is_plain(lines_of(pandoc.replace("\n\n", "\n")))  # pypdf: no blank lines


def test_unstretched_line_over_a_stretched_one_ends_its_paragraph():
    """pypdf shows a justified line's wide spaces as runs of spaces; «… og KS.» shows none, though it is no wider and
    has no more spaces than the stretched line under it: it was not justified, so it is its paragraph's last line,
    however long the next line's first word. The stretched line goes on with the line after it."""
    from avtale.extract.lines import Line, Notes
    from avtale.extract.unwrap import _unstretched_over_stretched, unwrap

    texts = ["Avtale mellom staten og KS om kvalitetsutvikling i barnehagen",
             "og skolen",
             "Denne avtalen er inngått mellom Nærings- og fiskeridepartementet, Samferdselsdepartementet,",
             "Kommunal- og distriktsdepartementet, Landbruks- og matdepartementet og KS.",
             "Fylkeskommunene skal gjennomgå veiledning til kommuner med små fagmiljøer.",
             "Fylkeskommunene skal gi råd om lokale og regionale nettverk, men ansvaret for tjenestene ligger",
             "fortsatt hos kommunene."]
    lines = [Line(i, t, goes_on=i == 5) for i, t in enumerate(texts, 1)]
    paras = [p.text for p in unwrap(lines, Notes())]
    assert paras == [" ".join(texts[:2]), " ".join(texts[2:4]), " ".join(texts[4:])]
    wider = Line(5, "Fylkeskommunene skal gjennomgå veiledning til kommuner med små fagmiljøer og", goes_on=True)
    assert not _unstretched_over_stretched(lines[3], Line(5, texts[4]))  # nothing shown stretched: no evidence
    assert _unstretched_over_stretched(lines[3], wider)
    assert not _unstretched_over_stretched(Line(4, texts[3] + " Partane skal møtast."), lines[4])  # wider than it
    assert not _unstretched_over_stretched(Line(4, texts[3].replace(" og KS.", "  og  KS.")), lines[4])  # a stretch shown


def test_heading_number_under_its_heading_over_a_numbered_subsection():
    """«Utfordringar» / «3.» / «Kunnskapsgrunnlag» / «3.1» / a sentence: each number stands under its heading, so
    «3.» goes back to «Utfordringar», not on to «Kunnskapsgrunnlag», which has «3.1» under it."""
    got = _attached(["Partane skal møtast.", "", "Utfordringar", "", "3.", "", "Kunnskapsgrunnlag", "", "3.1", "",
                     "Direktoratet skal følgje opp rettleiinga.", "", "Varigheit", "", "4.", "", "Varigheit",
                     "og evaluering"])
    assert got[:4] == ["Partane skal møtast.", "3. Utfordringar", "3.1 Kunnskapsgrunnlag",
                       "Direktoratet skal følgje opp rettleiinga."]
    assert got[4:] == ["Varigheit", "4. Varigheit", "og evaluering"]  # no number under the next line: it is the number's


def test_number_at_a_page_top_far_from_the_pages_index_heads_a_heading():
    """«6» opens page 2 over «Varigheit», after a «5» heading, with no folio at the break: a folio of page 2 (or 1)
    is never «6». A «2» there, the page's own index, is taken for a folio as before."""
    texts = ["Avtale om skuleskyss", "", "5", "", "Økonomi", "", "Partane dekkjer eigne kostnader.", "",
             "6", "", "Varigheit", "", "Avtalen gjeld til 2030."]
    assert "6" in _kept(texts, page_break_at=8)
    own = [{"5": "1", "6": "2"}.get(t, t) for t in texts]
    assert "2" not in _kept(own, page_break_at=8)


def test_number_under_a_running_header_at_a_page_break_with_its_folio_heads_a_heading():
    """«1» ends page 1, page 2 opens with the running header, then «3» over a heading (after a «2» heading): the
    break has its folio, so the «3» next to the header is no page number."""
    header = "Avtale om skuleskyss 2024–2025"
    texts = [header, "", "Avtale om skuleskyss", "", "2", "", "Økonomi", "", "Partane dekkjer eigne kostnader.", "",
             "1", header, "", "3", "", "Varigheit", "", "Avtalen gjeld til 2030."]
    kept = _kept(texts, page_break_at=11)
    assert "3" in kept and "1" not in kept and kept.count(header) == 0


def test_numbered_heading_takes_no_stray_word_across_a_blank_line():
    """«3. Utfordringar» / «» / «beredskapsdepartementet,» (a justified line's word pdftotext set apart): the word is
    not the heading's; across a page break a lower-case line still goes on with the paragraph above."""
    from avtale.extract.lines import Line, Notes
    from avtale.extract.unwrap import unwrap

    texts = ["Avtale om samarbeid om forenkling av statleg styring", "Denne avtalen er inngått mellom departementa",
             "og KS, og ho gjeld for heile landet.", "", "3. Utfordringar", "", "beredskapsdepartementet,", "",
             "Kommunane skal arbeide for dei nasjonale måla for sektoren og", "gode overgangar mellom tenestene."]
    paras = [p.text for p in unwrap([Line(i, t) for i, t in enumerate(texts, 1)], Notes())]
    assert "3. Utfordringar" in paras and "beredskapsdepartementet," in paras
    lines = [Line(i, t, page=2 if i >= 7 else 1, page_start=i == 7) for i, t in enumerate(texts, 1)]
    lines[4] = Line(5, "3. Partane skal gje råd om")  # a list item going on over the page break
    assert "3. Partane skal gje råd om beredskapsdepartementet," in [p.text for p in unwrap(lines, Notes())]


def test_pypdf_line_ending_in_the_space_it_broke_at_goes_on(tmp_path):
    """pypdf keeps the space a wrapped line broke at: «… føremålet. » goes on with «Fylkeskommunane …», though it is
    short (bold words after it were too wide to fit); a line without one is read as before. Stray spaces after
    headings and paragraphs of a text that is not wrapped so (no three lines going on in lower case) say nothing."""
    from avtale.extract import extract

    text = ("Avtale om betre tenester til eldre\n"
            "Avtalen er ein del av konsultasjonsordninga mellom regjeringa og kommunesektoren, og \n"
            "han gjeld for heile landet.\n"
            "1 Føremål\n"
            "Arbeidsgruppa skal gje råd om tiltak som verkar etter føremålet. \n"
            "Fylkeskommunane skal gje råd om dei nasjonale måla for sektoren. \n"
            "Arbeidsgruppa skal følgje opp eit godt samarbeid mellom forvaltningsnivåa der det \n"
            "er tenleg.\n"
            "Direktoratet skal utvikle tidleg innsats for barn og unge i heile landet og i samarbeid med \n"
            "kommunane.\n"
            "2 Varigheit\n"
            "Avtalen gjeld fram til 31. desember 2030.\n")
    path = tmp_path / "avtale.txt"
    path.write_text(text, encoding="utf-8")
    blocks = extract(path).agreement.sections[0].blocks
    stray = tmp_path / "word.txt"
    end = "Avtalen gjeld fram til 31. desember 2030."
    stray.write_text(f"Avtale om skyss\n1 Føremål \nPartane skal samarbeide. \n2 Varigheit \n{end}\n", encoding="utf-8")
    assert [s.blocks for s in extract(stray).agreement.sections] == [["Partane skal samarbeide."], [end]]
    assert blocks == ["Arbeidsgruppa skal gje råd om tiltak som verkar etter føremålet. Fylkeskommunane skal gje råd om "
                      "dei nasjonale måla for sektoren. Arbeidsgruppa skal følgje opp eit godt samarbeid mellom "
                      "forvaltningsnivåa der det er tenleg.",
                      "Direktoratet skal utvikle tidleg innsats for barn og unge i heile landet og i samarbeid med kommunane."]
