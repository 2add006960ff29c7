"""The PDF sets every addition of issue 15, read back with pypdf: footnotes at the foot of their page,
annexes on pages of their own, nested list markers, tables (cells in order, the header repeated, TH/TD in
the tag tree), links, rows of signatories, electronic signing without fields; PDF/A-2a + PDF/UA-1 kept."""

from __future__ import annotations

import copy
import io
import re

import pytest
from pypdf import PdfReader
from render_samples import agreement, assert_in_order, context, squash

from avtale import agreements, layout
from avtale.render import fields, pdf

from conftest import AGREEMENTS

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def build(a, base=None, **layout_changes) -> bytes:
    ctx = context(base or ".")
    ctx = ctx.replaced(layout=copy.deepcopy(ctx.layout))  # the loaded layout is shared: never change it
    for key, value in layout_changes.items():  # e.g. links={"print_urls": "footnote"}
        ctx.layout[key] = {**ctx.layout.get(key, {}), **value}
    return pdf.render(a, ctx)


def pages(data: bytes) -> list[str]:
    """Each page's text; Typst's hyphen reads as U+00AD (see render_samples.squash), here as "-"."""
    return [p.extract_text().replace("\u00ad", "-") for p in PdfReader(io.BytesIO(data)).pages]


def elements(data: bytes) -> list[dict]:
    """Every structure element, depth first: {"S", "A" (attribute dicts), "ID", "kids" (their S)}."""
    r = PdfReader(io.BytesIO(data))
    out = []

    def walk(node):
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        kids = node.get("/K")
        kids = kids.get_object() if kids is not None else []
        kids = [k.get_object() for k in (kids if isinstance(kids, list) else [kids]) if hasattr(k, "get_object")]
        kids = [k for k in kids if hasattr(k, "get")]
        if node.get("/Type") == "/StructElem":
            attributes = node.get("/A")
            attributes = attributes.get_object() if attributes is not None else []
            attributes = attributes if isinstance(attributes, list) else [attributes]
            out.append({"S": node["/S"], "A": [a.get_object() for a in attributes], "ID": node.get("/ID"),
                        "kids": [k.get("/S") for k in kids]})
        for kid in kids:
            walk(kid)

    walk(r.trailer["/Root"]["/StructTreeRoot"])
    return out


def tags(data: bytes) -> list[str]:
    return [e["S"] for e in elements(data)]


def outline(data: bytes) -> list[tuple[str, int]]:
    """(title, 0-based page) of every bookmark, depth first."""
    r = PdfReader(io.BytesIO(data))
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((item.title, r.get_destination_page_number(item)))

    walk(r.outline)
    return out


@pytest.fixture(scope="module")
def example():
    a = agreements.read(AGREEMENTS / "eksempel-2026-2029.yaml")
    return a, pdf.render(a, context(AGREEMENTS))


# -- the example agreement --------------------------------------------------------------------------------


def test_footnotes_stand_at_the_foot_of_the_page_that_refers_to_them(example):
    text = pages(example[1])
    first, second = text[0], text[1]
    assert "oppvekstpolitikk1 og" in first and "rapporteringssystemene2;" in second
    note1 = first.index("1Meld. St. 6 (2019–2020) Tett på")
    assert first.index("oppvekstpolitikk1 og") < note1 < first.index("Side 1 av 4"), "the note above the footer"
    body_end = second.index("nye rapporteringskrav.")
    note2 = second.index("2KOSTRA (kommune-stat-rapportering), se ssb.no/kostra (https://www.ssb.no/offentlig-sektor/kostra).")
    assert body_end < note2 < second.index("Side 2 av 4"), "the note on the page that refers to it, above the footer"
    assert not any("Meld. St. 6" in t for t in text[1:])


def test_footnote_text_is_set_smaller(example):
    r = PdfReader(io.BytesIO(example[1]))
    sizes = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.setdefault(text.strip(), size * tm[0])

    r.pages[0].extract_text(visitor_text=visit)
    note = next(v for k, v in sizes.items() if k.startswith("Meld. St. 6"))
    body = next(v for k, v in sizes.items() if k.startswith("Partene skal særskilt"))
    assert (round(note, 1), round(body, 1)) == (9.0, 11.0)


def test_each_annex_starts_a_page_after_the_signatures(example):
    text = pages(example[1])
    assert len(text) == 4
    assert text[1].index("Avtalen er signert elektronisk.") < text[1].index("Bjørn Arild Gram")
    assert text[2].startswith("UTKAST\nVedlegg 1: Mandat for partssamarbeidet\nPartssamarbeidet ledes")  # a draft: the mark heads every page
    assert text[3].startswith("UTKAST\nVedlegg 2: Fremdriftsplan\n")
    assert_in_order(text[2], ["Vedlegg 1: Mandat for partssamarbeidet", "• Styringsgruppen møtes",
                              "1 Styringsgruppens oppgaver", "Styringsgruppen følger opp"])


def test_nested_list_markers_by_level(example):
    assert_in_order(pages(example[1])[0], [
        "1. Tidlig innsats", "2. Tverrfaglig samarbeid", "a) felles kartlegging", "b) informasjonsdeling",
        "i) samtykke er hovedregelen", "ii) taushetsplikten gjelder", "c) samlokaliserte tjenester",
        "3. Kompetanse i tjenestene", "• videreutdanning", "• veiledning av nyutdannede",
        "et tall merket med * er et anslag."])


def test_nested_lists_indent_by_the_layout(example, tmp_path):
    """Each level further in moves its text in by spacing.list_indent_mm (8 mm), bullets and numbers alike."""
    from test_pdf_signing import words

    found = words(example[1], tmp_path)[1]
    x = {w: x0 for w, x0, *_ in found}
    step = 8 * 72 / 25.4
    assert abs(x["felles"] - x["a)"] - step) < 0.5 and abs(x["samtykke"] - x["i)"] - step) < 0.5
    assert abs(x["samtykke"] - x["felles"] - step) < 0.5, "level 3 text one step in from level 2"
    assert abs(x["i)"] - x["felles"]) < 0.5, "a nested marker stands where its item's text starts"
    assert abs(x["videreutdanning"] - x["felles"]) < 0.5, "bullets at level 2 indent as numbers do"


def test_headings_three_levels_and_annexes_in_the_bookmarks(example):
    marks = outline(example[1])
    assert ("2.1.1Rapportering", 1) in marks
    assert ("Vedlegg 1: Mandat for partssamarbeidet", 2) in marks and ("Vedlegg 2: Fremdriftsplan", 3) in marks
    assert ("1Styringsgruppens oppgaver", 2) in marks
    assert [t for t in tags(example[1]) if re.fullmatch(r"/H\d", t)] == (
        ["/H1", "/H2", "/H2", "/H3", "/H4", "/H3", "/H2", "/H2", "/H2", "/H3", "/H2"])


def test_marks_and_links(example):
    r = PdfReader(io.BytesIO(example[1]))
    first = pages(example[1])[0]
    assert "Lovdata (https://lovdata.no/register/lover)." in first.replace("Love-\nne", "Lovene")
    found = tags(example[1])
    assert found.count("/Strong") == 1 + 3 and "/Em" in found  # «likeverdige tjenester», the Sum row's cells
    assert found.count("/Link") >= 6
    annots = [a.get_object() for a in r.pages[0]["/Annots"]]
    uris = [a["/A"]["/URI"] for a in annots if "/A" in a]
    assert uris.count("https://lovdata.no/register/lover") == 2  # the words and the printed url
    annexes = [a["/Dest"] for a in annots if isinstance(a.get("/Dest"), str)]
    assert annexes == ["avtale-annex-mandat", "avtale-annex-plan"]
    named = r.named_destinations
    assert r.get_destination_page_number(named["avtale-annex-mandat"]) == 2
    assert r.get_destination_page_number(named["avtale-annex-plan"]) == 3
    assert "vedlegg 1, og fremdriftsplanen i vedlegg 2." in first


def test_table_cells_in_order_with_the_caption_above(example):
    text = pages(example[1])
    assert_in_order(text[1], ["Tabell 1: Midler til samarbeidsområdene (mill. kroner)", "Samarbeidsområde", "2026",
                              "2027", "Tidlig innsats", "120", "125", "Tverrfaglig samarbeid*", "80", "85", "Sum",
                              "200", "210", "Statens forpliktelser"])
    assert_in_order(text[3], ["Tiltak", "Ansvar", "Frist", "Felles veileder for tverrfaglig samarbeid",
                              "KD, BFD og KS", "1. juni 2027", "Evaluering av avtalen", "Alle parter"])
    assert "Tabell 2" not in "".join(text), "a table without a caption is not numbered"


def tables(data: bytes) -> list[dict]:
    """Each /Table element with the TH and TD elements that follow it (depth first: its own cells)."""
    out = []
    for e in elements(data):
        if e["S"] == "/Table":
            out.append({**e, "TH": [], "TD": [], "TR": 0})
        elif e["S"] in ("/TH", "/TD") and out:
            out[-1][e["S"][1:]].append(e)
        elif e["S"] == "/TR" and out:
            out[-1]["TR"] += 1
    return out


def test_tables_are_tagged_with_header_cells_and_scope(example):
    found = tables(example[1])
    # the budget, the signature block's two rows (a table each, as always), the annex's plan
    assert [len(t["TH"]) for t in found] == [3, 3, 3, 3]
    budget, plan = found[0], found[3]
    assert budget["kids"] == ["/Caption", "/THead", "/TBody"] and plan["kids"] == ["/THead", "/TBody"]
    assert (len(budget["TD"]), budget["TR"], len(plan["TD"]), plan["TR"]) == (9, 4, 6, 3)
    for table in (budget, plan):
        ids = [c["ID"] for c in table["TH"]]
        for cell in table["TH"]:
            assert any(a.get("/O") == "/Table" and a.get("/Scope") == "/Column" for a in cell["A"])
        for n, cell in enumerate(table["TD"]):  # each data cell names its column's header
            headers = [list(a["/Headers"]) for a in cell["A"] if a.get("/O") == "/Table"]
            assert headers == [[ids[n % 3]]]
    assert all(set(e["kids"]) <= {"/TH", "/TD"} for e in elements(example[1]) if e["S"] == "/TR")


def test_footnotes_are_tagged_as_notes(example):
    found = elements(example[1])
    notes = [e for e in found if e["S"] == "/Note"]
    assert [n["ID"] for n in notes] == ["Note 1", "Note 2"]
    assert all(n["kids"][0] == "/Lbl" for n in notes)


def test_electronic_signing_prints_the_note_and_has_no_fields(example):
    a, data = example
    r = PdfReader(io.BytesIO(data))
    assert "/AcroForm" not in r.trailer["/Root"]
    assert "/Form" not in tags(data)
    text = pages(data)[1]
    assert_in_order(text, ["Avtalen er signert elektronisk.", "For Kunnskapsdepartementet", "Kari Nordmann",
                           "Kunnskapsminister", "12. januar 2026", "Bjørn Arild Gram", "Styreleder i KS",
                           "Bodø, 15. januar 2026"])


def test_still_pdfa_2a_and_pdfua_1(example):
    r = PdfReader(io.BytesIO(example[1]))
    meta = r.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>2</pdfaid:part>" in meta and "<pdfaid:conformance>A</pdfaid:conformance>" in meta
    assert "<pdfuaid:part>1</pdfuaid:part>" in meta


def test_the_weight_counts_annexes_tables_notes_and_printed_urls(example):
    from avtale.model import Agreement, all_texts

    a = example[0]
    base = pdf.weight(a)
    data = a.model_dump(mode="json", exclude_none=True)

    def weight_with(change) -> int:
        changed = __import__("copy").deepcopy(data)
        change(changed)
        return pdf.weight(Agreement.model_validate(changed))

    assert weight_with(lambda d: None) == base
    assert weight_with(lambda d: d["annexes"][0].update(title=d["annexes"][0]["title"] + "x" * 10)) == base + 10
    assert weight_with(lambda d: d["footnotes"].update(kostra=d["footnotes"]["kostra"] + "y" * 7)) == base + 7
    assert weight_with(lambda d: d["annexes"][1]["blocks"][0]["table"]["rows"][0].__setitem__(0, "z")) == base - len(
        "Felles veileder for tverrfaglig samarbeid") + 1
    assert base - weight_with(lambda d: d["annexes"][0].update(subsections=[])) == (
        len("Styringsgruppens oppgaver") + 100 + len(
            "Styringsgruppen følger opp avtalen og foreslår endringer for partene.") + 40)
    texts = list(all_texts(a))
    urls = ["https://lovdata.no/register/lover", "https://www.ssb.no/offentlig-sektor/kostra"]
    headings = [t for loc, t in texts if loc == ("title",) or loc[-1] == "title" and loc[0] in ("sections", "annexes")]
    assert base == (sum(len(t) + 40 for _, t in texts) + 60 * len(headings) + sum(len(u) + 3 for u in urls)
                    + sum(len(p.name) + 40 for p in a.parties))


# -- small agreements, one feature each -------------------------------------------------------------------

HEADER = ["Tiltak", "Ansvar", "Frist"]


def long_table():
    rows = [[f"Tiltak nummer {i}", f"Ansvarlig {i}", f"{i}. mars"] for i in range(1, 81)]
    return agreement(sections=[{"title": "Plan", "blocks": [
        {"table": {"caption": "Alle tiltak", "header": HEADER, "rows": rows}}]}], signing=None)


def test_a_long_table_repeats_its_header_on_the_next_page():
    data = build(long_table())
    text = pages(data)
    assert len(text) >= 2
    assert_in_order(text[0], ["Tabell 1: Alle tiltak", "Tiltak Ansvar Frist", "Tiltak nummer 1 Ansvarlig 1 1. mars"])
    assert_in_order(text[1], ["Tiltak Ansvar Frist", "Tiltak nummer"])
    assert text[1].index("Tiltak Ansvar Frist") < text[1].index("Tiltak nummer")
    assert "Tabell 1" not in text[1], "the caption is not repeated"
    assert_in_order("".join(text), [f"Tiltak nummer {i} Ansvarlig {i} {i}. mars" for i in range(1, 81)])
    found = elements(data)
    assert [e["S"] for e in found].count("/TH") == 3, "the repeated header is tagged once"
    assert [e["S"] for e in found].count("/TR") == 81


def test_column_shares_and_alignment(tmp_path):
    from test_pdf_signing import words

    a = agreement(sections=[{"title": "Tall", "blocks": [{"table": {
        "columns": [{"width": 3}, {"width": 1, "align": "right"}],
        "header": ["Post", "Beløp"], "rows": [["Lønn", "17"], ["Drift", "1000"]]}}]}], signing=None)
    found = words(build(a), tmp_path)[1]
    x0 = {w: (a, b) for w, a, _, b, _ in found}
    left, right = 25 * 72 / 25.4, (210 - 25) * 72 / 25.4
    pad = 1.5 * 72 / 25.4
    assert abs(x0["Post"][0] - (left + pad)) < 1 and abs(x0["Lønn"][0] - (left + pad)) < 1
    split = left + (right - left) * 3 / 4
    assert split < x0["Beløp"][0] and split < x0["1000"][0] < x0["17"][0], "the second column is a quarter"
    for word in ("Beløp", "17", "1000"):  # right-aligned, within the padding
        assert abs(x0[word][1] - (right - pad)) < 1.5, word


def test_links_print_their_url_as_a_footnote_when_the_layout_says_so():
    a = agreement(preamble=["Se [Lovdata](https://lovdata.no) og en note[^n] og [Lovdata](https://lovdata.no)."],
                  footnotes={"n": "Noten, se [SSB](https://ssb.no)."})
    data = build(a, links={"print_urls": "footnote"})
    text = pages(data)[0]
    assert "Se Lovdata1 og en note2 og Lovdata4." in text
    assert_in_order(text, ["1https://lovdata.no", "2Noten, se SSB3.", "3https://ssb.no", "4https://lovdata.no"])
    assert "(https://" not in text
    plain = pages(build(a, links={"print_urls": "none"}))[0]
    assert "Se Lovdata og en note1 og Lovdata." in plain and "1Noten, se SSB." in plain and "https" not in plain


def test_a_note_referred_to_twice_has_one_number_and_one_text():
    a = agreement(preamble=["Første[^n] og andre[^m] og første igjen[^n]."],
                  footnotes={"n": "Note en.", "m": "Note to."})
    text = pages(build(a))[0]
    assert "Første1 og andre2 og første igjen1." in text
    assert text.count("Note en.") == 1 and text.index("1Note en.") < text.index("2Note to.")


def test_explicit_list_styles_win_over_the_level():
    a = agreement(sections=[{"title": "Liste", "blocks": [{"numbered": [
        {"text": "topp", "numbered": ["under", "under to"], "style": "1)"}], "style": "a)"}]}], signing=None)
    assert_in_order(pages(build(a))[0], ["a) topp", "1) under", "2) under to"])


def seven(electronic=False, parties=7):
    return agreement(
        parties=[{"id": f"p{i}", "name": f"Departement nummer {i}"} for i in range(1, parties + 1)],
        signing={"place": "Oslo", "date": "2020-03-02", "electronic": electronic, "signatories": [
            {"party": f"p{i}", "name": f"Navn{i} Etternavn", "title": f"Tittel {i}"} for i in range(1, 8)]})


def test_seven_signatories_on_paper_get_seven_fields_in_rows_of_three():
    from test_pdf_signing import widgets

    data = build(seven())
    found = widgets(data)
    assert [n for n, _, _ in found] == [f"sig-p{i}" for i in range(1, 8)]
    assert len({page for _, page, _ in found}) == 1, "the block stays on one page"
    bottoms = [round(float(w["/Rect"][1]), 1) for _, _, w in found]
    assert bottoms[0] == bottoms[1] == bottoms[2] > bottoms[3] == bottoms[4] == bottoms[5] > bottoms[6]
    assert tags(data).count("/Form") == 7


def test_seven_signatories_signing_electronically_get_no_fields():
    data = build(seven(electronic=True))
    assert "/AcroForm" not in PdfReader(io.BytesIO(data)).trailer["/Root"]
    text = "".join(pages(data))
    assert_in_order(text, ["Oslo, 2. mars 2020", "Avtalen er signert elektronisk.", "Navn1 Etternavn",
                           "Navn7 Etternavn"])


def test_seven_parties_in_the_letterhead_stand_in_rows_of_three(tmp_path):
    from test_pdf_signing import words

    data = build(seven())
    found = words(data, tmp_path)[1]
    numbers = [(w, y0) for w, x0, y0, *_ in found if re.fullmatch(r"[1-7]", w)][:7]
    rows = sorted({round(y) for _, y in numbers})
    assert [w for w, _ in numbers] == [str(i) for i in range(1, 8)] and len(rows) == 3
    first_heading = next(y0 for w, x0, y0, *_ in found if w == "Avtale")
    assert max(y for _, y in numbers) < first_heading


def test_signing_without_lines_adds_no_fields():
    original = build(agreement(signing=None))
    assert fields.add_signature_fields(original, [], {}, layout.load()) == original


def test_the_real_agreements_set_no_new_structure():
    for name in ("2014-2017.yaml", "2022-2025.yaml"):
        found = tags(pdf.render(agreements.read(AGREEMENTS / name), context(AGREEMENTS)))
        for tag in ("/Note", "/Strong", "/Em", "/Link", "/H4", "/Caption"):
            assert tag not in found, (name, tag)
    assert squash("Vedlegg") not in squash("".join(pages(pdf.render(
        agreements.read(AGREEMENTS / "2014-2017.yaml"), context(AGREEMENTS)))))


def test_a_header_with_a_note_is_printed_once_and_the_pdf_still_builds():
    """Typst makes a repeated header an artifact, and PDF/UA-1 allows no link (a note's mark) in one."""
    rows = [[f"Rad {i}", "x"] for i in range(1, 81)]
    a = agreement(preamble=["Tekst[^n]."], footnotes={"n": "Noten.", "h": "Hodenote."}, signing=None,
                  sections=[{"title": "T", "blocks": [{"table": {"header": ["Kolonne[^h]", "B"], "rows": rows}}]}])
    text = pages(build(a))
    assert len(text) >= 2
    assert "Kolonne2 B" in text[0] and "2Hodenote." in text[0] and "Kolonne" not in text[1]
    assert_in_order("".join(text), [f"Rad {i} x" for i in range(1, 81)])


def test_signatories_too_many_for_one_page_part_between_rows():
    from test_pdf_signing import widgets

    n = 18
    a = agreement(parties=[{"id": f"p{i}", "name": f"Departement {i}"} for i in range(1, n + 1)],
                  signing={"place": "Oslo", "date": "2020-03-02", "signatories": [
                      {"party": f"p{i}", "name": f"Navn{i} Etternavn", "title": f"Tittel {i}"} for i in range(1, n + 1)]})
    found = widgets(build(a))
    assert [name for name, _, _ in found] == [f"sig-p{i}" for i in range(1, n + 1)]
    by_page = {}
    for i, (_, page, w) in enumerate(found):
        by_page.setdefault(page, []).append(i)
    assert len(by_page) == 2 and all(len(rows) % 3 == 0 for rows in by_page.values()), "rows stay whole"


def test_url_in_parentheses_once_after_a_link_of_mixed_marks_and_a_missing_annex_is_plain_text():
    a = agreement(preamble=["Les [**hele** loven](https://lovdata.no/lov) nå, og [#finnes-ikke]."], signing=None)
    data = build(a)
    assert "Les hele loven (https://lovdata.no/lov) nå, og finnes-ikke." in pages(data)[0]
    annots = [x.get_object() for x in PdfReader(io.BytesIO(data)).pages[0]["/Annots"]]
    assert [x["/A"]["/URI"] for x in annots] == ["https://lovdata.no/lov"] * 3  # «hele», «loven», the url
    assert not any("/Dest" in x for x in annots)
