"""The additions of issue 15 as Word structures, read from the DOCX's XML: tables with a repeated header
row, multi-level numbering, bold and italic runs, hyperlinks and their relationships, footnotes, 2.1.1
headings, annexes on new pages with bookmarks, electronic signing, many parties and signatories."""

from __future__ import annotations

import copy
import io
import zipfile

import pytest
from conftest import AGREEMENTS
from docx_helpers import W, context
from lxml import etree

from avtale import agreements, layout
from avtale.model import Agreement
from avtale.render import RenderContext
from avtale.render import docx as docx_render

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
TEXT_WIDTH = round(160 * 1440 / 25.4)  # A4 less 25 mm margins, in twips
INDENT = round(8 * 1440 / 25.4)  # lists.levels: level 1's text and every level's hanging marker


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


class Docx:
    """The parts of a built DOCX as lxml trees."""

    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.body = self.xml("word/document.xml").find(f"{W}body")

    def xml(self, name: str):
        return etree.fromstring(self.zip.read(name))

    def has(self, name: str) -> bool:
        return name in self.zip.namelist()

    def rels(self, name: str = "word/_rels/document.xml.rels") -> dict:
        return {r.get("Id"): r for r in self.xml(name)}


def text(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def style(p) -> str | None:
    found = p.find(f"{W}pPr/{W}pStyle")
    return None if found is None else found.get(f"{W}val")


def num(p) -> tuple[int, int] | None:
    numpr = p.find(f"{W}pPr/{W}numPr")
    if numpr is None:
        return None
    return int(numpr.find(f"{W}numId").get(f"{W}val")), int(numpr.find(f"{W}ilvl").get(f"{W}val"))


def paragraph(doc: Docx, starts: str):
    return next(p for p in doc.body.iter(f"{W}p") if text(p).startswith(starts))


def numbering(doc: Docx) -> dict:
    """numId -> (restart level or None, {ilvl: (numFmt, lvlText, ind left, hanging)})."""
    root = doc.xml("word/numbering.xml")
    abstracts = {}
    for abstract in root.findall(f"{W}abstractNum"):
        levels = {}
        for lvl in abstract.findall(f"{W}lvl"):
            ind = lvl.find(f"{W}pPr/{W}ind")
            levels[int(lvl.get(f"{W}ilvl"))] = (lvl.find(f"{W}numFmt").get(f"{W}val"),
                                                 lvl.find(f"{W}lvlText").get(f"{W}val"),
                                                 int(ind.get(f"{W}left")), int(ind.get(f"{W}hanging") or 0))
        abstracts[abstract.get(f"{W}abstractNumId")] = levels
    out = {}
    for n in root.findall(f"{W}num"):
        override = n.find(f"{W}lvlOverride")
        restart = None if override is None else int(override.get(f"{W}ilvl"))
        out[int(n.get(f"{W}numId"))] = (restart, abstracts[n.find(f"{W}abstractNumId").get(f"{W}val")])
    return out


def minimal(**overrides) -> Agreement:
    data = {
        "id": "liten", "title": "Liten avtale", "language": "nb",
        "parties": [{"id": "a", "name": "Aetat"}, {"id": "b", "name": "Bufetat"}],
        "period": {"start": "2026-01-01", "end": "2027-12-31"}, "status": "draft",
        "sections": [{"title": "Formål", "blocks": ["Tekst."]}],
    }
    data.update(overrides)
    return Agreement.model_validate(data)


def build(agreement: Agreement, **layout_changes) -> Docx:
    if not layout_changes:
        return Docx(docx_render.render(agreement, context(AGREEMENTS)))
    changed = copy.deepcopy(layout.load())
    for key, value in layout_changes.items():
        section, name = key.split("__")
        changed[section][name] = value
    return Docx(docx_render.render(agreement, RenderContext(base_dir=AGREEMENTS, layout=changed)))


@pytest.fixture(scope="module")
def example() -> Docx:
    return build(agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml"))


# -- tables ------------------------------------------------------------------------------------------------


def content_tables(doc: Docx) -> list:
    """The tables with a header row (the letterhead and the signatures have none)."""
    return [t for t in doc.body.iter(f"{W}tbl") if t.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None]


def cells(table) -> list[list[str]]:
    return [[text(tc) for tc in tr.findall(f"{W}tc")] for tr in table.findall(f"{W}tr")]


def test_tables_are_word_tables_with_a_repeated_header_row_and_rows_that_do_not_split(example):
    first, second = content_tables(example)
    assert cells(first) == [["Samarbeidsområde", "2026", "2027"], ["Tidlig innsats", "120", "125"],
                            ["Tverrfaglig samarbeid*", "80", "85"], ["Sum", "200", "210"]]
    assert cells(second) == [["Tiltak", "Ansvar", "Frist"],
                             ["Felles veileder for tverrfaglig samarbeid", "KD, BFD og KS", "1. juni 2027"],
                             ["Evaluering av avtalen", "Alle parter", "31. desember 2028"]]
    for table in (first, second):
        rows = table.findall(f"{W}tr")
        assert [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows] == [True] + [False] * (len(rows) - 1)
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        assert table.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
        assert table.find(f"{W}tblPr/{W}tblLook").get(f"{W}firstRow") == "1"
        # the header is bold, the body is not (but for **Sum** …)
        assert all(r.find(f"{W}rPr/{W}b") is not None for r in rows[0].iter(f"{W}r"))
        assert all(r.find(f"{W}rPr/{W}sz").get(f"{W}val") == "20" for r in table.iter(f"{W}r"))  # table.size_pt


def test_column_widths_are_the_shares_of_the_text_width_and_cells_aligned_by_column(example):
    first, second = content_tables(example)
    grid = [int(c.get(f"{W}w")) for c in first.findall(f"{W}tblGrid/{W}gridCol")]
    assert sum(grid) == TEXT_WIDTH and grid[0] == round(TEXT_WIDTH * 3 / 5) and grid[1] == round(TEXT_WIDTH / 5)
    for tr in first.findall(f"{W}tr"):
        assert [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in tr.findall(f"{W}tc")] == grid
        assert [tc.find(f"{W}p/{W}pPr/{W}jc").get(f"{W}val") for tc in tr.findall(f"{W}tc")] == [
            "left", "right", "right"]
    equal = [int(c.get(f"{W}w")) for c in second.findall(f"{W}tblGrid/{W}gridCol")]  # no widths given: equal
    assert sum(equal) == TEXT_WIDTH and max(equal) - min(equal) <= 1


def test_rules_and_padding_come_from_the_layout(example):
    table = content_tables(example)[0]
    borders = table.find(f"{W}tblPr/{W}tblBorders")
    assert {(b.tag[len(W):], b.get(f"{W}val"), b.get(f"{W}sz")) for b in borders} == {
        (side, "single", "4") for side in ("top", "left", "bottom", "right", "insideH", "insideV")}
    margins = table.find(f"{W}tblPr/{W}tblCellMar")
    assert margins.find(f"{W}left").get(f"{W}w") == str(round(1.5 * 1440 / 25.4))
    thicker = build(agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml"), table__rule_pt=1.5)
    assert content_tables(thicker)[0].find(f"{W}tblPr/{W}tblBorders/{W}top").get(f"{W}sz") == "12"


def test_a_captioned_table_follows_its_caption_paragraph_and_bold_cells_stay_bold(example):
    first, second = content_tables(example)
    caption = first.getprevious()
    assert text(caption) == "Tabell 1: Midler til samarbeidsområdene (mill. kroner)"
    assert caption.find(f"{W}pPr/{W}keepNext") is not None
    assert first.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") == text(caption)
    assert second.getprevious().tag == f"{W}p" and "Tabell" not in text(second.getprevious())
    assert second.find(f"{W}tblPr/{W}tblCaption") is None
    last_row = first.findall(f"{W}tr")[-1]
    assert all(r.find(f"{W}rPr/{W}b") is not None for r in last_row.iter(f"{W}r"))  # **Sum** **200** **210**
    middle = first.findall(f"{W}tr")[1]
    assert all(r.find(f"{W}rPr/{W}b") is None for r in middle.iter(f"{W}r"))


def test_two_tables_in_a_row_stay_two_tables_and_a_table_ending_the_body_has_a_paragraph_after():
    table = {"table": {"header": ["A", "B"], "rows": [["1", "2"]]}}
    doc = build(minimal(sections=[{"title": "T", "blocks": [table, table]}]))
    first, second = content_tables(doc)
    between = first.getnext()
    assert between.tag == f"{W}p" and between is second.getprevious()
    assert second.getnext().tag == f"{W}p" and second.getnext().getnext().tag == f"{W}sectPr"


# -- lists ---------------------------------------------------------------------------------------------


def test_a_nested_list_is_one_multilevel_numbering_with_a_format_per_level(example):
    items = ["Tidlig innsats", "Tverrfaglig samarbeid", "felles kartlegging", "informasjonsdeling",
             "samtykke", "taushetsplikten", "samlokaliserte", "Kompetanse", "videreutdanning", "veiledning"]
    got = [num(paragraph(example, item)) for item in items]
    top = got[0][0]
    assert [n for n, _ in got[:8]] == [top] * 8, "one w:num for the list and its lists of the same kind"
    assert [lvl for _, lvl in got] == [0, 0, 1, 1, 2, 2, 1, 0, 1, 1]
    bullets = got[8][0]
    assert bullets != top and got[9][0] == bullets, "a bulleted list inside a numbered one has its own w:num"
    nums = numbering(example)
    restart, levels = nums[top]
    assert restart == 0
    assert {i: lv[:2] for i, lv in levels.items()} == {0: ("decimal", "%1."), 1: ("lowerLetter", "%2)"),
                                                       2: ("lowerRoman", "%3)")}
    # layout lists.levels: text at 8, 16, 24 mm, the marker hanging 8 mm in front of it
    assert [lv[2:] for lv in levels.values()] == [(INDENT, INDENT), (twips(16), INDENT), (twips(24), INDENT)]
    restart, levels = nums[bullets]
    assert restart == 1 and levels[1][:2] == ("bullet", "\u2022") and levels[0][:2] == ("decimal", "%1.")


def test_every_nested_list_restarts_and_bullets_may_hold_numbers():
    nested = {"bullets": [{"text": "punkt", "numbered": ["en", "to"]}, "siste"]}
    again = {"numbered": [{"text": "ett", "numbered": ["x"], "style": "1)"}]}
    doc = build(minimal(sections=[{"title": "T", "blocks": [nested, "mellom", nested, again]}]))
    firsts = [num(p) for p in doc.body.iter(f"{W}p") if text(p) == "punkt"]
    assert len(firsts) == 2 and firsts[0][0] != firsts[1][0], "each list its own w:num"
    nums = numbering(doc)
    for n, _ in firsts:
        restart, levels = nums[n]
        assert restart == 0 and levels[0][:2] == ("bullet", "\u2022") and levels[1][:2] == ("lowerLetter", "%2)")
    assert [num(p) for p in doc.body.iter(f"{W}p") if text(p) in ("en", "to")] == [(firsts[0][0], 1)] * 2 + [
        (firsts[1][0], 1)] * 2
    x = num(paragraph(doc, "x"))
    assert nums[x[0]][1][1][:2] == ("decimal", "%2)") and x[1] == 1


def test_flat_lists_keep_their_single_level_numbering():
    doc = build(minimal(sections=[{"title": "T", "blocks": [{"numbered": ["a", "b"], "style": "i)"},
                                                           {"bullets": ["c"]}]}]))
    nums = numbering(doc)
    restart, levels = nums[num(paragraph(doc, "a"))[0]]
    assert restart == 0 and levels == {0: ("lowerRoman", "%1)", INDENT, INDENT)}
    assert nums[num(paragraph(doc, "c"))[0]] == (None, {0: ("bullet", "\u2022", INDENT, INDENT)})


# -- inline marks, links, notes --------------------------------------------------------------------------


def runs(p) -> list[tuple[str, bool, bool]]:
    return [(text(r), r.find(f"{W}rPr/{W}b") is not None, r.find(f"{W}rPr/{W}i") is not None)
            for r in p.iter(f"{W}r") if text(r)]


def test_bold_and_italic_are_run_properties_and_an_escaped_asterisk_is_text(example):
    p = paragraph(example, "Formålet med avtalen er")
    assert runs(p) == [("Formålet med avtalen er å gi barn og unge ", False, False),
                       ("likeverdige tjenester", True, False),
                       (" der de bor, uansett hvilken kommune de vokser opp i. Partene skal ", False, False),
                       ("jevnlig", False, True), (" vurdere om avtalen virker etter sin hensikt.", False, False)]
    assert runs(paragraph(example, "Tallene i denne")) == [
        ("Tallene i denne avtalen er foreløpige; et tall merket med * er et anslag.", False, False)]


def test_a_link_is_a_hyperlink_to_an_external_relationship_and_its_url_follows_in_parentheses(example):
    p = paragraph(example, "Avtalen gjelder tjenester")
    (link,) = p.findall(f"{W}hyperlink")
    assert text(link) == "Lovdata"
    assert link.find(f"{W}r/{W}rPr/{W}rStyle").get(f"{W}val") == "Hyperlink"
    rel = example.rels()[link.get(f"{R}id")]
    assert (rel.get("Type"), rel.get("Target"), rel.get("TargetMode")) == (
        HYPERLINK, "https://lovdata.no/register/lover", "External")
    assert text(link.getnext()) == " (https://lovdata.no/register/lover)" and link.getnext().tag == f"{W}r"
    assert text(p).endswith("Lovdata (https://lovdata.no/register/lover).")
    styles = example.xml("word/styles.xml")
    assert styles.find(f"{W}style[@{W}styleId='Hyperlink']") is not None


def test_annex_references_are_hyperlinks_to_the_annexes_bookmarks(example):
    anchors = [(h.get(f"{W}anchor"), text(h)) for h in example.body.iter(f"{W}hyperlink") if h.get(f"{W}anchor")]
    assert anchors == [("mandat", "vedlegg 1"), ("plan", "vedlegg 2"), ("plan", "fremdriftsplanen")]
    marks = {b.get(f"{W}name"): b for b in example.body.iter(f"{W}bookmarkStart")}
    assert set(marks) == {"mandat", "plan"}
    for name, title in (("mandat", "Vedlegg 1: Mandat for partssamarbeidet"), ("plan", "Vedlegg 2: Fremdriftsplan")):
        heading = marks[name].getparent()
        assert text(heading) == title and style(heading) == "Heading1"
        assert heading.find(f"{W}pPr/{W}pageBreakBefore") is not None
        end = heading.find(f"{W}bookmarkEnd")
        assert end is not None and end.get(f"{W}id") == marks[name].get(f"{W}id")


def footnotes(doc: Docx) -> dict[int, object]:
    return {int(f.get(f"{W}id")): f for f in doc.xml("word/footnotes.xml").findall(f"{W}footnote")}


def test_footnotes_are_word_footnotes_referenced_in_order(example):
    references = [int(r.get(f"{W}id")) for r in example.body.iter(f"{W}footnoteReference")]
    assert references == [1, 2]
    for ref in example.body.iter(f"{W}footnoteReference"):
        assert ref.getparent().find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"
    mark = next(paragraph(example, "Avtalen er en del").iter(f"{W}footnoteReference")).getparent()
    assert text(mark.getprevious()).endswith("oppvekstpolitikk") and text(mark.getnext()).startswith(" og på")
    notes = footnotes(example)
    assert [notes[-1].get(f"{W}type"), notes[0].get(f"{W}type")] == ["separator", "continuationSeparator"]
    assert sorted(notes) == [-1, 0, 1, 2]
    first = notes[1].find(f"{W}p")
    assert style(first) == "FootnoteText" and first.find(f"{W}r/{W}footnoteRef") is not None
    assert text(first) == " Meld. St. 6 (2019–2020) Tett på – tidlig innsats og inkluderende fellesskap i " \
                          "barnehage, skole og SFO."
    assert ("Tett på – tidlig innsats og inkluderende fellesskap i barnehage, skole og SFO", False, True) in runs(first)
    # a link inside a note relates from the footnotes part
    (link,) = notes[2].iter(f"{W}hyperlink")
    rel = example.rels("word/_rels/footnotes.xml.rels")[link.get(f"{R}id")]
    assert rel.get("Target") == "https://www.ssb.no/offentlig-sektor/kostra" and rel.get("TargetMode") == "External"
    assert text(notes[2]).endswith("se ssb.no/kostra (https://www.ssb.no/offentlig-sektor/kostra).")


def test_footnote_part_relationship_content_type_and_styles(example):
    rels = [r for r in example.rels().values() if r.get("Type").endswith("/footnotes")]
    assert [r.get("Target") for r in rels] == ["footnotes.xml"]
    types = example.xml("[Content_Types].xml")
    override = [o for o in types if o.get("PartName") == "/word/footnotes.xml"]
    assert override[0].get("ContentType").endswith("wordprocessingml.footnotes+xml")
    styles = example.xml("word/styles.xml")
    note_text = styles.find(f"{W}style[@{W}styleId='FootnoteText']")
    assert note_text.find(f"{W}rPr/{W}sz").get(f"{W}val") == "18"  # footnotes.size_pt 9
    reference = styles.find(f"{W}style[@{W}styleId='FootnoteReference']")
    assert reference.find(f"{W}rPr/{W}vertAlign").get(f"{W}val") == "superscript"


def test_urls_as_footnotes_or_not_printed():
    text_with_link = "Se [Lovdata](https://lovdata.no) og [#v]."
    annex = [{"id": "v", "title": "V", "blocks": ["x"]}]
    as_notes = build(minimal(preamble=[text_with_link], annexes=annex), links__print_urls="footnote")
    p = paragraph(as_notes, "Se ")
    assert text(p) == "Se Lovdata og vedlegg 1."
    assert [int(r.get(f"{W}id")) for r in p.iter(f"{W}footnoteReference")] == [1]
    assert text(footnotes(as_notes)[1]) == " https://lovdata.no"
    # a note cannot hold a note: the url of a link inside a note is printed there in parentheses
    inner = build(minimal(preamble=["Tekst[^k]."], footnotes={"k": "Se [SSB](https://www.ssb.no)."}),
                  links__print_urls="footnote")
    assert sorted(footnotes(inner)) == [-1, 0, 1]
    assert text(footnotes(inner)[1]) == " Se SSB (https://www.ssb.no)."
    assert not list(inner.xml("word/footnotes.xml").iter(f"{W}footnoteReference"))
    silent = build(minimal(preamble=[text_with_link], annexes=annex), links__print_urls="none")
    assert text(paragraph(silent, "Se ")) == "Se Lovdata og vedlegg 1."
    assert not silent.has("word/footnotes.xml")


def test_a_note_used_twice_has_one_reference_and_its_number_printed_again():
    doc = build(minimal(preamble=["Først[^n] og så[^n] igjen[^m]."], footnotes={"n": "Note n.", "m": "Note m."}))
    p = paragraph(doc, "Først")
    assert [int(r.get(f"{W}id")) for r in p.iter(f"{W}footnoteReference")] == [1, 2]
    again = [r for r in p.iter(f"{W}r") if r.find(f"{W}rPr/{W}rStyle") is not None and text(r)]
    assert [text(r) for r in again] == ["1"]
    assert again[0].find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"


def test_the_real_agreements_have_no_footnotes_part_and_no_new_styles(agreement_2014, agreement_2022):
    for agreement in (agreement_2014, agreement_2022):
        doc = build(agreement)
        assert not doc.has("word/footnotes.xml")
        ids = {s.get(f"{W}styleId") for s in doc.xml("word/styles.xml").findall(f"{W}style")}
        assert not ids & {"Hyperlink", "FootnoteText", "FootnoteReference", "Heading4"}


# -- headings and annexes ----------------------------------------------------------------------------------


def test_a_subsection_of_a_subsection_is_heading_4_at_the_third_level_of_the_heading_numbering(example):
    p = paragraph(example, "Rapportering")
    assert style(p) == "Heading4" and num(p)[1] == 2
    heading_num = num(paragraph(example, "Formålet med avtalen"))[0]
    levels = numbering(example)[heading_num][1]
    assert [levels[i][:2] for i in (0, 1, 2)] == [("decimal", "%1."), ("decimal", "%1.%2"), ("decimal", "%1.%2.%3")]
    styles = example.xml("word/styles.xml")
    h4 = styles.find(f"{W}style[@{W}styleId='Heading4']")
    assert h4.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "3"
    assert h4.find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val") == "2"
    assert h4.find(f"{W}name").get(f"{W}val").lower() == "heading 4"


def test_annexes_follow_the_signatures_with_their_own_subsection_numbers(example):
    order = [text(p) for p in example.body.iter(f"{W}p")
             if style(p) and style(p).startswith("Heading")]
    assert order[-3:] == ["Vedlegg 1: Mandat for partssamarbeidet", "1 Styringsgruppens oppgaver",
                          "Vedlegg 2: Fremdriftsplan"]
    sub = paragraph(example, "1 Styringsgruppens")
    assert style(sub) == "Heading2" and num(sub) == (0, 0), "the section numbering is off in an annex"
    signatures = signature_table(example)
    annex = paragraph(example, "Vedlegg 1:")
    body = list(example.body)
    assert body.index(signatures) < body.index(annex)


# -- signing, parties ----------------------------------------------------------------------------------


def signature_table(doc: Docx):
    return [t for t in doc.body.findall(f"{W}tbl")
            if t.find(f"{W}tblPr/{W}tblCaption[@{W}val='Underskrifter']") is not None][0]


def test_electronic_signing_prints_the_note_and_no_signature_lines(example):
    table = signature_table(example)
    assert text(table.getprevious()) == "Avtalen er signert elektronisk."
    assert not list(table.iter(f"{W}pBdr"))
    assert table.find(f"{W}tr/{W}trPr/{W}trHeight") is None, "no room to sign"
    rows = cells(table)  # a table row per line of the block: party, name, title, own place and date
    assert [r[0] for r in rows[:4]] == ["For Kunnskapsdepartementet", "Kari Nordmann", "Kunnskapsminister",
                                        "12. januar 2026"]
    assert [r[2] for r in rows[4:8]] == ["For KS", "Bjørn Arild Gram", "Styreleder i KS", "Bodø, 15. januar 2026"]
    assert [len(r) for r in rows] == [3] * 8
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in table.findall(f"{W}tr"))


def test_seven_signatories_in_rows_of_three_with_lines_and_a_place_of_their_own():
    parties = [{"id": f"p{i}", "name": f"Part {i}"} for i in range(7)]
    people = [{"party": f"p{i}", "name": f"Navn {i}", "title": "Leder"} for i in range(7)]
    people[4]["place"] = "Tromsø"
    doc = build(minimal(parties=parties, signing={"place": "Oslo", "date": "2026-03-01", "signatories": people}))
    table = signature_table(doc)
    assert text(table.getprevious()) == "Oslo, 1. mars 2026"
    rows = table.findall(f"{W}tr")
    # party, room, name under its line, title (+ own place and date in the second row): 5 + 5 + 4
    assert [len(r.findall(f"{W}tc")) for r in rows] == [3] * 9 + [1] * 4, "the short last row has one cell"
    names = [p for p in table.iter(f"{W}p") if text(p).startswith("Navn")]
    assert [text(p) for p in names] == [f"Navn {i}" for i in range(7)]
    assert all(p.find(f"{W}pPr/{W}pBdr/{W}top") is not None for p in names)
    assert [r[1] for r in cells(table)[4:9]] == ["For Part 4", "", "Navn 4", "Leder", "Tromsø"]
    assert cells(table)[9:] == [["For Part 6"], [""], ["Navn 6"], ["Leder"]]


def test_more_than_five_parties_make_rows_of_three_in_the_letterhead(example):
    letterhead = example.body.find(f"{W}tbl")
    assert letterhead.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") == "Avtaleparter"
    assert cells(letterhead) == [["Kunnskapsdepartementet", "Barne- og familiedepartementet",
                                  "Helse- og omsorgsdepartementet"],
                                 ["Kommunal- og distriktsdepartementet", "Justis- og beredskapsdepartementet", "KS"]]
    eleven = build(minimal(parties=[{"id": f"p{i}", "name": f"Organisasjon nummer {i}"} for i in range(11)]))
    assert [len(r) for r in cells(eleven.body.find(f"{W}tbl"))] == [3, 3, 3, 3]
    assert [c for r in cells(eleven.body.find(f"{W}tbl")) for c in r if c] == [
        f"Organisasjon nummer {i}" for i in range(11)]


def test_the_example_builds_the_same_bytes_twice():
    agreement = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml")
    assert docx_render.render(agreement, context(AGREEMENTS)) == docx_render.render(agreement, context(AGREEMENTS))
