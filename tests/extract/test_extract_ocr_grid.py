"""Our scan reader's layout from Tesseract's word boxes: side-by-side blocks read as table rows (`ocr_grid`),
justified lines, soft paragraph breaks, and small bullets Tesseract dropped (`ocr_bullets`)."""

from __future__ import annotations

from PIL import Image, ImageDraw

from avtale.extract import ocr_bullets, read_ocr

HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def _tsv(words: list[tuple[int, int, int, int, int, int, str]]) -> str:
    """(block, paragraph, line, left, top, width, text) → Tesseract's TSV rows; words 26 px high, 12 px a letter."""
    rows = [HEAD]
    for n, (block, par, line, left, top, width, text) in enumerate(words, start=1):
        rows.append(f"5\t1\t{block}\t{par}\t{line}\t{n}\t{left}\t{top}\t{width or 12 * len(text)}\t26\t95\t{text}\n")
    return "".join(rows)


def _line(block, par, line, left, top, text, gap=8):
    out, x = [], left
    for word in text.split():
        out.append((block, par, line, x, top, 12 * len(word), word))
        x += 12 * len(word) + gap
    return out


def test_signature_cells_read_column_by_column_come_out_row_by_row():
    # Tesseract's order: the left column's two cells, then the right column's (a 2 × 2 table)
    words = (_line(1, 1, 1, 200, 100, "Oslo, 3. mars 2025")
             + _line(2, 1, 1, 200, 300, "Hanne Marie Fossum") + _line(2, 1, 2, 200, 340, "Kunnskapsminister")
             + _line(3, 1, 1, 200, 500, "Trygve Aas") + _line(3, 1, 2, 200, 540, "Fiskeri- og havminister")
             + _line(4, 1, 1, 900, 302, "Gunnar Lie") + _line(4, 1, 2, 900, 342, "Styreleiar i KS")
             + _line(5, 1, 1, 900, 501, "Liv Dahl") + _line(5, 1, 2, 900, 541, "Helseminister"))
    lines = read_ocr._lines(_tsv(words)).lines
    pad = " " * round(700 / 12)
    assert lines == ["Oslo, 3. mars 2025", "",
                     "Hanne Marie Fossum" + pad[len("Hanne Marie Fossum"):] + "Gunnar Lie",
                     "Kunnskapsminister" + pad[len("Kunnskapsminister"):] + "Styreleiar i KS", "",
                     "Trygve Aas" + pad[len("Trygve Aas"):] + "Liv Dahl",
                     "Fiskeri- og havminister" + pad[len("Fiskeri- og havminister"):] + "Helseminister"]


def test_a_cell_a_line_lower_keeps_its_column():
    words = (_line(1, 1, 1, 200, 300, "For KS") + _line(1, 1, 2, 200, 380, "Tone Rasmussen")
             + _line(1, 1, 3, 200, 420, "Administrerende direktør")
             + _line(2, 1, 1, 900, 300, "For Barne- og") + _line(2, 1, 2, 900, 340, "familiedepartementet")
             + _line(2, 1, 3, 900, 420, "Kari Holm"))
    lines = read_ocr._lines(_tsv(words)).lines
    assert [ln.split() for ln in lines] == [["For", "KS", "For", "Barne-", "og"], ["familiedepartementet"],
                                            ["Tone", "Rasmussen"], ["Administrerende", "direktør", "Kari", "Holm"]]
    assert lines[1].startswith(" " * 50)  # under its head, not under the first column


def test_a_running_header_beside_a_page_number_stays_apart():
    words = _line(1, 1, 1, 200, 60, "Avtale om barnevern") + _line(2, 1, 1, 1200, 60, "Side 2 av 3")
    assert read_ocr._lines(_tsv(words)).lines == ["Avtale om barnevern", "", "Side 2 av 3"]


def test_a_list_label_column_beside_its_items_is_no_table():
    words = (_line(1, 1, 1, 200, 100, "PFUNH")
             + _line(2, 1, 1, 300, 80, "vurdere gode overgangar") + _line(2, 1, 2, 300, 120, "støtte dei tilsette"))
    assert read_ocr._lines(_tsv(words)).lines == ["PFUNH", "", "vurdere gode overgangar", "støtte dei tilsette"]


def test_a_justified_lines_stretched_spaces_are_no_tabs_but_a_gap_between_signatures_is():
    justified = _line(1, 1, 1, 200, 100, "Avtalen gjeld frå 1. januar 2025 til 2028", gap=70)
    row = _line(2, 1, 1, 200, 200, "Per Olsen") + _line(2, 1, 1, 900, 200, "Kari Berg")
    lines = read_ocr._lines(_tsv(justified + row)).lines
    assert lines == ["Avtalen gjeld frå 1. januar 2025 til 2028", "", "Per Olsen\tKari Berg"]


def _prose(block, par, line, top, text):
    return _line(block, par, line, 200, top, text)


def test_a_break_at_the_ordinary_line_distance_on_a_spaced_page_is_no_paragraph_break():
    words = (_prose(1, 1, 1, 100, "Partane skal møtast to gonger i året.")
             + _prose(1, 2, 1, 180, "Staten gjev råd om dei nasjonale måla for")
             + _prose(1, 2, 2, 220, "sektoren.")
             + _prose(1, 3, 1, 260, "Direktoratet skal følgje opp arbeidet, og")
             + _prose(1, 3, 2, 300, "det skal evaluerast.")
             + _prose(1, 4, 1, 380, "Avtalen gjev ingen nye plikter."))
    lines = read_ocr._lines(_tsv(words)).lines
    assert lines == ["Partane skal møtast to gonger i året.", "", "Staten gjev råd om dei nasjonale måla for",
                     "sektoren.", "Direktoratet skal følgje opp arbeidet, og", "det skal evaluerast.", "",
                     "Avtalen gjev ingen nye plikter."]


def test_a_sentence_turn_at_the_line_distance_on_a_spaced_page_goes_on_however_short_the_line():
    # «Staten gjev råd.» is short: by its length a paragraph's end; on a page whose paragraphs are set apart by
    # space, the next sentence one line lower is the same paragraph (a manual line break), whether Tesseract set a
    # break there (paragraph 3) or kept both in its paragraph (paragraph 5)
    words = (_prose(1, 1, 1, 100, "Partane skal møtast to gonger i året.")
             + _prose(1, 2, 1, 180, "Staten gjev råd.")
             + _prose(1, 3, 1, 220, "Direktoratet skal følgje opp arbeidet, og")
             + _prose(1, 3, 2, 260, "det skal evaluerast.")
             + _prose(1, 4, 1, 340, "Avtalen gjev ingen nye plikter.")
             + _prose(1, 5, 1, 420, "Kommunane melder tal.")
             + _prose(1, 5, 2, 460, "Fylket samlar dei kvart år."))
    page = read_ocr._lines(_tsv(words))
    assert page.lines == ["Partane skal møtast to gonger i året.", "", "Staten gjev råd.",
                          "Direktoratet skal følgje opp arbeidet, og", "det skal evaluerast.", "",
                          "Avtalen gjev ingen nye plikter.", "", "Kommunane melder tal.", "Fylket samlar dei kvart år."]
    assert page.soft == {3, 9}


def test_a_tight_page_marks_no_turn_to_go_on():
    words = (_prose(1, 1, 1, 100, "Partane skal møtast to gonger i året.")
             + _prose(1, 2, 1, 140, "Staten gjev råd.")
             + _prose(1, 2, 2, 180, "Direktoratet skal følgje opp arbeidet, og")
             + _prose(1, 2, 3, 220, "det skal evaluerast.")
             + _prose(1, 3, 1, 260, "Avtalen gjev ingen nye plikter."))
    assert read_ocr._lines(_tsv(words)).soft == set()


def test_a_heading_alone_after_a_sentence_keeps_its_break():
    words = (_prose(1, 1, 1, 100, "Partane skal møtast to gonger i året.")
             + _prose(1, 2, 1, 180, "Staten gjev råd.") + _prose(1, 3, 1, 260, "Bakgrunn")
             + _prose(1, 4, 1, 340, "Avtalen gjev ingen nye plikter."))
    lines = read_ocr._lines(_tsv(words)).lines
    assert lines == ["Partane skal møtast to gonger i året.", "", "Staten gjev råd.", "", "Bakgrunn", "",
                     "Avtalen gjev ingen nye plikter."]


def _page_with_dots(dots: list[int]) -> tuple[Image.Image, list, list]:
    """Four lines of 26 px words at x 300; a 4 × 4 px dot 70 px left of the lines in `dots`."""
    image = Image.new("L", (1000, 400), 255)
    draw = ImageDraw.Draw(image)
    words, starts = [], []
    for n in range(4):
        top = 50 + 40 * n
        draw.rectangle((300, top, 500, top + 25), fill=0)
        words.append((300, top, 200, 26))
        starts.append((300, top, 200, 26))
        if n in dots:
            draw.rectangle((228, top + 12, 231, top + 15), fill=0)
    return image, words, starts + [None]


def test_small_dots_left_of_two_lines_are_bullets():
    image, words, starts = _page_with_dots([0, 1, 3])
    assert ocr_bullets.dropped(image, words, starts) == {0, 1, 3}


def test_a_lone_speck_or_a_dash_is_no_bullet():
    image, words, starts = _page_with_dots([2])
    assert ocr_bullets.dropped(image, words, starts) == set()
    image, words, starts = _page_with_dots([])
    draw = ImageDraw.Draw(image)
    for n in (0, 1):
        draw.rectangle((230, 50 + 40 * n + 12, 250, 50 + 40 * n + 14), fill=0)  # «–»: flat
    assert ocr_bullets.dropped(image, words, starts) == set()


def test_one_dropped_dot_under_bullets_tesseract_read_is_a_bullet():
    image, words, starts = _page_with_dots([0])
    assert ocr_bullets.dropped(image, words, starts) == set()
    assert ocr_bullets.dropped(image, words, starts, read=[(230.0, 300)]) == {0}
    assert ocr_bullets.dropped(image, words, starts, read=[(230.0, 360)]) == set()  # its text starts elsewhere


def test_a_signature_table_read_as_lines_across_is_cut_at_the_stops_its_rows_share():
    words = (_prose(1, 1, 1, 100, "Avtalen er signert elektronisk.")
             + _line(2, 1, 1, 200, 200, "KS") + _line(2, 1, 1, 700, 200, "Kunnskapsdepartementet")
             + _line(2, 1, 1, 1100, 200, "Forsvarsdepartementet", gap=20)
             + _line(2, 1, 2, 200, 240, "Randi Holm") + _line(2, 1, 2, 700, 240, "Tor Dahl")
             + _line(2, 1, 2, 1100, 240, "Jon Fuglesang")
             + _line(2, 1, 3, 1100, 280, "Forsvarsminister") + _line(3, 1, 1, 650, 400, "Side 3 av 3"))
    lines = read_ocr._lines(_tsv(words)).lines
    at = [round(500 / 12), round(900 / 12)]
    assert lines[2:5] == ["KS".ljust(at[0]) + "Kunnskapsdepartementet".ljust(at[1] - at[0]) + "Forsvarsdepartementet",
                          "Randi Holm".ljust(at[0]) + "Tor Dahl".ljust(at[1] - at[0]) + "Jon Fuglesang",
                          " " * at[1] + "Forsvarsminister"]
    assert lines[-1] == "Side 3 av 3"


def _tight(lines):
    """Lines of prose one under another at 40 px, all one paragraph by Tesseract's reading; a line's words spread
    over `width` px from x 200 (or 12 px a letter)."""
    words = []
    for n, (text, width) in enumerate(lines):
        x, letters = 200, len(text.replace(" ", ""))
        for word in text.split():
            w = (width - 8 * (len(text.split()) - 1)) * len(word) // letters if width else 12 * len(word)
            words.append((1, 1, n + 1, x, 100 + 40 * n, w, word))
            x += w + 8
    return words


def test_a_sentence_turn_on_a_tight_page_is_decided_by_the_room_left():
    lines = [("Partane skal samarbeide om tiltak i heile landet og", 800),  # full lines end at x 1000
             ("kommunane skal få råd om tiltaka kvart år i heile", 800),
             ("landet etter behov og vedtak i styret sitt.", 0),  # ends near x 700: «Staten» fits after it
             ("Staten gjev råd om tiltaka i heile landet kvart år.", 800),  # ends at the edge: goes on
             ("Fylket skal samle tal frå kommunane kvart år og", 800), ("publisere dei på nettsidene sine.", 0)]
    page = read_ocr._lines(_tsv(_tight(lines)))
    assert page.lines == ["Partane skal samarbeide om tiltak i heile landet og",
                          "kommunane skal få råd om tiltaka kvart år i heile", "landet etter behov og vedtak i styret sitt.",
                          "", "Staten gjev råd om tiltaka i heile landet kvart år.",
                          "Fylket skal samle tal frå kommunane kvart år og", "publisere dei på nettsidene sine."]
    assert page.soft == {5}  # «Fylket …» goes on the paragraph, however its length reads


def test_justified_or_ragged_by_the_full_lines():
    from avtale.extract import ocr_grid

    assert ocr_grid.justified([0.0, 0.1, 0.0, 0.2, 0.0, 0.1]) is True
    assert ocr_grid.justified([0.0, 0.9, 2.5]) is False  # two full lines end far short: ragged
    assert ocr_grid.justified([0.0, 0.1, 0.2]) is None  # too few to tell


def test_a_column_of_marks_read_as_one_tall_word_bullets_the_lines_beside_it():
    # «✓» bullets as tall as letters: Tesseract read the first as «v» and the other three as one word «Saa», unsure,
    # one letter wide and four lines high
    words = (_line(1, 1, 1, 200, 100, "Rapporteringa skal vise:") + _line(2, 1, 1, 256, 160, "v betre ressursbruk")
             + _line(2, 2, 1, 276, 202, "tidleg innsats")
             + _line(2, 3, 1, 276, 244, "kvaliteten i tenestene") + _line(2, 4, 1, 276, 286, "likeverdige tenester"))
    column = "5\t1\t3\t1\t1\t99\t256\t200\t14\t112\t0\tSaa\n"
    lines = read_ocr._lines(_tsv(words) + column).lines
    assert [ln for ln in lines if ln] == ["Rapporteringa skal vise:", "v betre ressursbruk",
                                          "• tidleg innsats", "• kvaliteten i tenestene", "• likeverdige tenester"]
    sure = column.replace("\t0\tSaa", "\t91\tSaa")  # read with confidence: a word, not marks
    assert "Saa" in "".join(read_ocr._lines(_tsv(words) + sure).lines)


def test_a_page_too_short_to_tell_follows_the_documents_spacing():
    # page 1 sets its paragraphs two line pitches apart; the last page has a manual line break Tesseract took for a
    # paragraph's start, at the line distance, and nothing else to tell by (seed 173, s634050612)
    first = read_ocr._lines(_tsv(_prose(1, 1, 1, 100, "Partane skal møtast to gonger i året.")
                                 + _prose(1, 2, 1, 180, "Staten gjev råd om dei nasjonale måla for")
                                 + _prose(1, 2, 2, 220, "sektoren.")
                                 + _prose(1, 3, 1, 300, "Direktoratet skal følgje opp arbeidet, og")
                                 + _prose(1, 3, 2, 340, "det skal evaluerast.")))
    last = read_ocr._lines(_tsv(_prose(1, 1, 1, 100, "Avtalen gjeld fram til 31. desember 2025.")
                                + _prose(1, 2, 1, 140, "Partane kan be om reforhandling dersom")
                                + _prose(1, 2, 2, 180, "føresetnadene blir endra.")))
    assert last.lines == ["Avtalen gjeld fram til 31. desember 2025.", "", "Partane kan be om reforhandling dersom",
                          "føresetnadene blir endra."]  # alone, the page keeps Tesseract's break
    last.bulleted = {last.starts[0]}  # a bullet `_bullets_back` found in the image stays through a new layout
    read_ocr.follow_document([first, last])
    assert last.lines == ["• Avtalen gjeld fram til 31. desember 2025.", "Partane kan be om reforhandling dersom",
                          "føresetnadene blir endra."]
    assert last.soft == {1}
    assert first.lines[1] == ""  # a page that shows its own spacing is left as it was read


def test_a_tight_document_leaves_its_pages_as_read():
    pages = [read_ocr._lines(_tsv(_prose(1, 1, 1, 100, "Avtalen gjeld fram til 31. desember 2025.")
                                  + _prose(1, 2, 1, 140, "Partane kan be om reforhandling dersom")
                                  + _prose(1, 2, 2, 180, "føresetnadene blir endra.")))]
    before = list(pages[0].lines)
    read_ocr.follow_document(pages)
    assert pages[0].lines == before and pages[0].soft == set()


SPACED_PAGE = (_prose(1, 1, 1, 100, "Partane skal møtast to gonger i året.")
               + _prose(1, 2, 1, 180, "Staten gjev råd om dei nasjonale måla for")
               + _prose(1, 2, 2, 220, "sektoren.")
               + _prose(1, 3, 1, 300, "Direktoratet skal følgje opp arbeidet, og")
               + _prose(1, 3, 2, 340, "det skal evaluerast."))


def test_a_page_follows_the_documents_line_pitch_not_its_own():
    # a last page of few lines, two line pitches apart: its own pitch (the distance within its one paragraph) is
    # twice the document's, and its paragraph break would look like a line's (seed 57, s982708630)
    first = read_ocr._lines(_tsv(SPACED_PAGE))
    last = read_ocr._lines(_tsv(_prose(1, 1, 1, 100, "Avtalen gjeld fram til 31. desember 2028.")
                                + _prose(1, 2, 1, 180, "Partane kan be om reforhandling dersom")
                                + _prose(1, 2, 2, 260, "føresetnadene blir endra.")))
    before = list(last.lines)
    read_ocr.follow_document([first, last])
    assert last.lines == before == ["Avtalen gjeld fram til 31. desember 2028.", "",
                                    "Partane kan be om reforhandling dersom", "føresetnadene blir endra."]
    assert last.soft == set()


def test_a_spaced_turn_tesseract_read_across_is_a_paragraph_break():
    # an empty paragraph between two paragraphs, which Tesseract read as one (seed 31, s1758407667)
    words = SPACED_PAGE + (_prose(1, 3, 3, 420, "Staten vil støtte arbeidet i tråd med regelverket.")
                           + _prose(1, 3, 4, 500, "Direktoratet skal leggje til rette for eit godt")
                           + _prose(1, 3, 5, 540, "samarbeid."))
    assert read_ocr._lines(_tsv(words)).lines[-6:] == [
        "det skal evaluerast.", "", "Staten vil støtte arbeidet i tråd med regelverket.", "",
        "Direktoratet skal leggje til rette for eit godt", "samarbeid."]


def test_a_heading_tesseract_kept_with_its_paragraph_keeps_its_break():
    # «Satsingsområde» a line under the paragraph above, in one block with the paragraph under it (seed 57,
    # s1789746594): a heading, not a manual line break
    words = SPACED_PAGE + (_prose(1, 4, 1, 420, "Avtalen gjev ingen nye plikter.")
                           + _prose(1, 5, 1, 460, "Satsingsområde")
                           + _prose(1, 5, 2, 500, "Kommunane skal rapportere kvart år."))
    page = read_ocr._lines(_tsv(words))
    assert page.lines[-4:] == ["Avtalen gjev ingen nye plikter.", "", "Satsingsområde",
                               "Kommunane skal rapportere kvart år."]
    assert page.soft == set()
