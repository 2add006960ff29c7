"""The PDF redline (`avtale diff --format pdf`): its text read back with pdftotext and pypdf (the change list
in Norwegian, inserted and deleted words in order), the marks in the data and drawn on the page (pixels of
the change colours under and through the words' boxes), moves, nynorsk, hostile text and the CLI."""

from __future__ import annotations

import copy
import io
import re
import subprocess
from pathlib import Path

import pytest
import strategies
import yaml
from conftest import AGREEMENTS, require_tool
from pypdf import PdfReader
from render_samples import agreement, assert_in_order, squash, write_png

from hypothesis import HealthCheck, given, settings

from avtale import agreements, layout
from avtale.diff import compare
from avtale.diff.tree import MOVED, Block, Text
from avtale.model import Agreement
from avtale.render import pdf_redline

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
LAYOUT = layout.load()
TEMPLATE = (layout.templates_dir() / "redline.typ").read_text(encoding="utf-8")


def build(old, new, diff=None) -> bytes:
    return pdf_redline.render(diff or compare(old, new), old, new, LAYOUT)


def pdftotext(data: bytes, tmp_path: Path, *options: str) -> str:
    tool = require_tool("pdftotext")
    pdf = tmp_path / "redline.pdf"
    pdf.write_bytes(data)
    return subprocess.run([tool, *options, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def pypdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def runs_of(data: dict, op: str) -> list[str]:
    """The text of every run with `op` anywhere in the redline's data."""
    out = []

    def walk(x):
        if isinstance(x, dict):
            if x.get("op") == op and "text" in x:
                out.append(x["text"])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(data["body"])
    return out


# --- the real pair 2014-2017 → 2022-2025 ------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    old = agreements.read(AGREEMENTS / "2014-2017.yaml")
    new = agreements.read(AGREEMENTS / "2022-2025.yaml")
    diff = compare(old, new)
    diff.old_label, diff.new_label = "agreements/2014-2017.yaml", "agreements/2022-2025.yaml"
    return old, new, diff, build(old, new, diff)


def test_real_pair_text_has_the_change_list_and_the_changes_in_order(real, tmp_path):
    old, new, diff, data = real
    text = pdftotext(data, tmp_path)
    for got in (text, pypdf_text(data)):
        assert_in_order(got, [
            "Endringer: Avtale om kvalitetsutvikling i barnehagen, grunnskolen og videregående opplæring",
            "Endringer fra 2014-2017 (agreements/2014-2017.yaml) til 2022-2025 (agreements/2022-2025.yaml)",
            "6 kapitler er endret.",
            "Tegnforklaring",
            "Endringer", "1.", "Endret tittel", "2.", "Endret avsnitt i innledningen",
            "Metadata og underskrifter", "Hva",
            # the text: the title's deleted word before the inserted words, as the redline sets them
            "Avtale om kvalitetsutvikling i barnehagen, grunnskolen og grunnopplæringenvideregående opplæring",
            "1.", "Formålet med avtalen om barnehagen og grunnopplæringen",
        ])
    assert "Fjernet underskriver: Torbjørn Røe Isaksen (Kunnskapsdepartementet)" in text
    # the table row by row (pdftotext reads a table column by column)
    assert_in_order(pypdf_text(data), ["Hva", "Før", "Etter", "id", "2014-2017", "2022-2025", "periode",
                                       "1. januar 2015 – 31. desember 2017", "til 31. desember 2025", "sted og dato",
                                       "Oslo, 7. november 2014", "ingen"])


def test_real_pair_metadata_language_and_tags(real):
    *_, data = real
    r = PdfReader(io.BytesIO(data))
    assert r.metadata.title == ("Endringer: Avtale om kvalitetsutvikling i barnehagen, grunnskolen og "
                                "videregående opplæring")
    root = r.trailer["/Root"]
    assert root["/Lang"] == "nb-NO"
    assert bool(root["/MarkInfo"]["/Marked"])  # tagged: the text is copyable in reading order
    assert "/StructTreeRoot" in root


def test_real_pair_change_list_links_to_each_change(real):
    old, new, diff, data = real
    r = PdfReader(io.BytesIO(data))
    links = [a.get_object() for page in r.pages for a in page.get("/Annots", [])]
    internal = [a for a in links if a.get("/Subtype") == "/Link" and ("/Dest" in a or "/A" in a
                and a["/A"].get("/S") == "/GoTo")]
    changes = pdf_redline.data(diff, old, new, LAYOUT)["changes"]
    assert len(changes) == 23
    assert len(internal) == len(changes)  # every entry of the change list links into the text (no moves here)


# --- marks: in the data, in the template, and drawn ---------------------------------------------------------


def small_change():
    old = agreement(sections=[{"title": "Formål", "blocks": ["Partene skal samarbeide jevnlig om tiltakene."]}])
    new = agreement(sections=[{"title": "Formål", "blocks": ["Partene skal nå samarbeide om tiltakene."]}])
    return old, new


def test_inserted_and_deleted_words_are_runs_with_their_marks():
    old, new = small_change()
    data = pdf_redline.data(compare(old, new), old, new, LAYOUT)
    assert runs_of(data, "-") == [" jevnlig"]
    assert runs_of(data, "+") == ["nå "]
    assert [c["text"] for c in data["changes"]] == ["Endret avsnitt i 1. Formål"]
    par = next(n for n in data["body"] if n["kind"] == "par" and n["label"])
    assert [(r["op"], r["text"]) for r in par["runs"]] == [
        ("=", "Partene skal "), ("+", "nå "), ("=", "samarbeide"), ("-", " jevnlig"), ("=", " om tiltakene.")]
    # the template marks each op with its function: underline, strike-through, double underline, dotted
    assert 'if op == "+" { ins(c) } else if op == "-" { del(c) } else if op == "moved" { moved(c) }' in TEMPLATE
    assert "#let ins(c) = underline(stroke: 0.8pt + rgb(C.ins)" in TEMPLATE
    assert "#let del(c) = strike(stroke: 0.8pt + rgb(C.del)" in TEMPLATE


def ppm(path: Path) -> tuple[int, int, bytes]:
    raw = path.read_bytes()
    magic, width, height, _maxval, pixels = re.match(rb"(P6)\s+(\d+)\s+(\d+)\s+(\d+)\s(.*)", raw, re.S).groups()
    return int(width), int(height), pixels


def near(pixel: tuple, colour: str) -> bool:
    target = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return sum(abs(a - b) for a, b in zip(pixel, target)) < 90


def word_box(bbox_html: str, word: str) -> tuple[float, float, float, float]:
    m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">' + re.escape(word) + "</word>",
                  bbox_html)
    assert m, word
    return tuple(float(v) for v in m.groups())


def coloured_rows(path: Path, box, colour: str, scale: float) -> list[int]:
    """Rows (in pixels, from the box's top) in which most of the word's width has `colour`."""
    width, height, pixels = ppm(path)
    x0, y0, x1, y1 = (round(v * scale) for v in box)
    out = []
    for y in range(y0 - 2, min(y1 + 6, height)):
        hits = sum(near(tuple(pixels[(y * width + x) * 3:(y * width + x) * 3 + 3]), colour) for x in range(x0, x1))
        if hits > 0.8 * (x1 - x0):
            out.append(y - y0)
    return out


def test_the_page_draws_the_underline_and_the_strike_through_in_their_colours(tmp_path):
    old, new = small_change()
    data = build(old, new)
    bbox = pdftotext(data, tmp_path, "-bbox", "-f", "2", "-l", "2")
    tool = require_tool("pdftoppm")
    scale = 4  # 288 dpi: a point is 4 pixels
    (tmp_path / "redline.pdf").write_bytes(data)
    subprocess.run([tool, "-r", "288", "-f", "2", "-l", "2", str(tmp_path / "redline.pdf"), str(tmp_path / "page")],
                   check=True)
    page = next(tmp_path.glob("page*.ppm"))
    inserted, deleted = word_box(bbox, "nå"), word_box(bbox, "jevnlig")
    height = round((inserted[3] - inserted[1]) * scale)
    under = coloured_rows(page, inserted, pdf_redline.COLOURS["ins"], scale)
    through = coloured_rows(page, deleted, pdf_redline.COLOURS["del"], scale)
    assert under and min(under) > height * 0.8  # a line under the inserted word, in the insertion colour
    assert through and all(height * 0.3 < y < height * 0.8 for y in through)  # one through the deleted word
    # kept words are neither
    assert not coloured_rows(page, word_box(bbox, "samarbeide"), pdf_redline.COLOURS["ins"], scale)


# --- moves, with a hand-made tree where the diff does not make them yet --------------------------------------


def test_a_moved_paragraph_is_marked_at_both_places_and_linked(tmp_path):
    old = agreement(sections=[{"title": "Formål", "blocks": ["Første avsnitt.", "Dette flyttes."]},
                              {"title": "Plikter", "blocks": ["Andre avsnitt."]}])
    new = agreement(sections=[{"title": "Formål", "blocks": ["Første avsnitt."]},
                              {"title": "Plikter", "blocks": ["Andre avsnitt.", "Dette flyttes nå."]}])
    diff = compare(old, new)
    first, second = diff.sections
    away = Block("paragraph", "moved-away", Text.removed("Dette flyttes."))
    away.move = 1
    there = Block("paragraph", MOVED, Text([("=", "Dette flyttes"), ("+", " nå"), ("=", ".")]))
    there.move = 1
    first.blocks = [b for b in first.blocks if "flyttes" not in b.text.old] + [away]
    second.blocks = [b for b in second.blocks if "flyttes" not in b.text.new] + [there]
    data = pdf_redline.data(diff, old, new, LAYOUT)
    assert runs_of(data, "moved-away") == ["Dette flyttes."]
    assert runs_of(data, "moved") == ["Dette flyttes", "."]
    assert runs_of(data, "+") == [" nå"]
    assert "Flyttet avsnitt i 2. Plikter" in [c["text"] for c in data["changes"]]
    assert not any("Fjernet avsnitt" in c["text"] for c in data["changes"])
    text = squash(pdftotext(build(old, new, diff), tmp_path))
    assert squash("Dette flyttes. (flyttet til →)") in text
    assert squash("Dette flyttes nå. (flyttet fra →)") in text


def test_a_moved_section_shows_its_old_place(tmp_path):
    a = {"title": "Formål", "blocks": ["En."]}
    b = {"title": "Plikter", "blocks": ["To."]}
    c = {"title": "Økonomi", "blocks": ["Tre."]}
    old, new = agreement(sections=[a, b, c]), agreement(sections=[c, a, b])
    text = pdftotext(build(old, new), tmp_path)
    assert "Flyttet kapittel 1. Økonomi" in text
    assert_in_order(text, ["1.", "Økonomi", "(flyttet fra →)", "Tre.", "Økonomi", "(flyttet til →)"])


# --- every element of the example agreement ------------------------------------------------------------------


def edited_example(d):
    table = d["sections"][2]["blocks"][1]["table"]
    table["rows"][0][1] = "130"
    table["rows"].insert(2, ["Kompetanse", "40", "45"])
    d["sections"][0]["blocks"][0] = d["sections"][0]["blocks"][0].replace("vurdere om", "**vurdere** om")
    d["sections"][1]["blocks"][1]["numbered"][1]["numbered"][1]["numbered"].append("barnets beste går foran.")
    d["footnotes"]["kostra"] = "KOSTRA (kommune-stat-rapportering), se nettsidene til SSB."
    d["annexes"].append({"id": "kontakt", "title": "Kontaktpersoner", "blocks": ["Hver part oppgir en kontaktperson."]})
    d["signing"]["signatories"].pop(4)


def test_example_against_an_edited_copy(tmp_path):
    base = yaml.safe_load((AGREEMENTS / "eksempel-2026-2029.yaml").read_text(encoding="utf-8"))
    old = Agreement.model_validate(copy.deepcopy(base))
    edited = copy.deepcopy(base)
    edited_example(edited)
    new = Agreement.model_validate(edited)
    data = pdf_redline.data(compare(old, new), old, new, LAYOUT)
    assert [c["text"] for c in data["changes"]] == [
        "Endret avsnitt i 1. Formålet med avtalen; «vurdere»: fet skrift lagt til",
        "Nytt punkt i 2. Samarbeidsområder",
        "Endret rad 1 i 3. Økonomi",
        "Ny rad 3 i 3. Økonomi",
        "Nytt vedlegg 3: Kontaktpersoner",
        "Endret fotnote 2",
        "Fjernet underskriver: Anne Larsen (Justis- og beredskapsdepartementet)",
    ]
    assert "fmt" in {r["op"] for n in data["body"] for r in n.get("runs", [])}
    text = pdftotext(build(old, new), tmp_path)
    assert_in_order(text, ["Endringer", "Nytt vedlegg 3: Kontaktpersoner", "barnets beste går foran.",
                           "Tidlig innsats", "120130", "Kompetanse", "40", "45", "Vedlegg 3: Kontaktpersoner",
                           "Underskrifter", "Anne Larsen", "Fotnoter", "se ssb.no/kostra.nettsidene til SSB."])


# --- nynorsk, hostile text ----------------------------------------------------------------------------------


def test_nynorsk_wording_and_language(tmp_path):
    old = agreement(language="nn", preamble=["Partane skal samarbeide om tiltaka i heile perioden."])
    new = agreement(language="nn", preamble=["Partane skal samarbeide tett om tiltaka i heile perioden."])
    data = build(old, new)
    r = PdfReader(io.BytesIO(data))
    assert r.trailer["/Root"]["/Lang"] == "nn-NO"
    assert r.metadata.title == "Endringar: Avtale om prøve"
    text = pdftotext(data, tmp_path)
    assert_in_order(text, ["Endringar frå liten til liten", "Teiknforklaring", "Endringar", "1.",
                           "Endra avsnitt i innleiinga", "Avtale om prøve", "Partane skal samarbeide tett om"])


def test_a_removed_item_after_a_moved_one_keeps_its_old_number():
    items = ["Partene samarbeider om tiltak i hele perioden.", "Partene følger opp barnehagene og skolene.",
             "Partene evaluerer avtalen hvert år sammen.", "Dette punktet blir fjernet fra listen."]
    old = agreement(sections=[{"title": "A", "blocks": [{"numbered": items}]}])
    new = agreement(sections=[{"title": "A", "blocks": [{"numbered": [items[2], *items[:2]]}]}])
    data = pdf_redline.data(compare(old, new), old, new, LAYOUT)

    def lists(node):
        if isinstance(node, dict):
            if "items" in node and any("marker" in i for i in node["items"]):
                yield node
            for value in node.values():
                yield from lists(value)
        elif isinstance(node, list):
            for value in node:
                yield from lists(value)

    (listing,) = list(lists(data))
    assert [(i["marker"], i["status"]) for i in listing["items"]] == [
        ("1.", "moved"), ("2.", "same"), ("3.", "same"), ("3.", "moved-away"), ("4.", "removed")]


def test_nynorsk_format_changes_are_worded_in_nynorsk():
    old = agreement(language="nn", preamble=["Partane skal vurdere tiltaka i heile perioden."])
    new = agreement(language="nn", preamble=["Partane skal **vurdere** tiltaka i heile perioden."])
    data = pdf_redline.data(compare(old, new), old, new, LAYOUT)
    assert [c["text"] for c in data["changes"]] == ["Endra avsnitt i innleiinga; «vurdere»: feit skrift lagd til"]


def test_hostile_text_prints_as_typed(tmp_path):
    hostile = r"Tekst #set page(width: 1cm) $x$ _y_ <b> @ref \\ \] slutt"
    old = agreement()
    new = agreement(preamble=["Innledning.", hostile], title="Avtale #strong[om] $prøve$ @x")
    data = pdf_redline.data(compare(old, new), old, new, LAYOUT)
    printed = "".join(r["text"] for n in data["body"] for r in n.get("runs", []) if r["op"] == "+")
    assert printed == r"Tekst #set page(width: 1cm) $x$ _y_ <b> @ref \ ] slutt"
    text = squash(pdftotext(build(old, new), tmp_path))
    assert squash(printed) in text
    assert squash("Endringer: Avtale #strong[om] $prøve$ @x") in text
    assert squash("#strong[om] $prøve$ @x") in text


# --- the CLI ----------------------------------------------------------------------------------------------


def test_cli_writes_the_pdf_with_out_and_refuses_without(cli, tmp_path):
    out = tmp_path / "endringer.pdf"
    old, new = AGREEMENTS / "2014-2017.yaml", AGREEMENTS / "2022-2025.yaml"
    done = cli("diff", old, new, "--format", "pdf", "--out", out)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert PdfReader(out).metadata.title.startswith("Endringer: ")
    refused = cli("diff", old, new, "--format", "pdf")
    assert refused.returncode == 2  # a usage error, as for the DOCX redline (tests/test_cli_args.py)
    assert "--out" in refused.stderr


def test_cli_never_overwrites_old_or_new(cli, tmp_path):
    old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
    old.write_bytes((AGREEMENTS / "2014-2017.yaml").read_bytes())
    new.write_bytes((AGREEMENTS / "2022-2025.yaml").read_bytes())
    before = old.read_bytes(), new.read_bytes()
    for target in (old, new):
        done = cli("diff", old, new, "--format", "pdf", "--out", target, "--force")
        assert done.returncode != 0
    assert (old.read_bytes(), new.read_bytes()) == before


def test_a_moved_list_is_in_the_move_colour_at_both_places():
    old = agreement(sections=[{"title": "Formål", "blocks": ["Første avsnitt.", {"bullets": ["en", "to"]}]},
                              {"title": "Plikter", "blocks": ["Andre avsnitt."]}])
    new = agreement(sections=[{"title": "Formål", "blocks": ["Første avsnitt."]},
                              {"title": "Plikter", "blocks": ["Andre avsnitt.", {"bullets": ["en", "to", "tre"]}]}])
    diff = compare(old, new)
    first, second = diff.sections
    away = next(b for b in first.blocks if b.kind == "bullets")
    there = next(b for b in second.blocks if b.kind == "bullets")
    away.status, there.status = "moved-away", MOVED
    away.move = there.move = 4
    for item in away.items:
        item.status = "removed"  # the protocol: a moved-away list's items as removed
    for item in there.items[:2]:
        item.status, item.text = "same", Text.same(item.text.new)
    data = pdf_redline.data(diff, old, new, LAYOUT)
    assert runs_of(data, "moved-away") == ["en", "to"]
    assert runs_of(data, "moved") == ["en", "to"]
    assert runs_of(data, "+") == ["tre"]
    assert not runs_of(data, "-")
    assert [c["text"] for c in data["changes"]] == ["Flyttet liste i 2. Plikter"]
    build(old, new, diff)  # both halves' links resolve (Typst refuses a link to a missing label)


def test_the_same_inputs_give_the_same_bytes():
    a = {"title": "Formål", "blocks": ["En."]}
    b = {"title": "Plikter", "blocks": ["To."]}
    old, new = agreement(sections=[a, b]), agreement(sections=[b, a])
    assert build(old, new) == build(old, new)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(strategies.agreements(), strategies.agreements())
def test_any_two_agreements_give_a_redline(old, new):
    """Every element of the format, in any combination, diffed both ways: Typst accepts the redline (every
    change's label and every move's link resolves) and its change list is numbered 1 … n."""
    data = pdf_redline.data(compare(old, new), old, new, LAYOUT)
    assert [c["n"] for c in data["changes"]] == list(range(1, len(data["changes"]) + 1))
    assert build(old, new).startswith(b"%PDF-")


def test_the_letterhead_is_new_s_with_its_logo(tmp_path):
    write_png(tmp_path / "kd.png")
    parties = [{"id": "kd", "name": "Kunnskapsdepartementet", "logo": {"file": "kd.png", "alt": "KDs logo"}},
               {"id": "ks", "name": "KS"}]
    old, new = agreement(), agreement(parties=parties, preamble=["Innledning, endret."])
    data = pdf_redline.render(compare(old, new), old, new, LAYOUT, base_dir=tmp_path)
    r = PdfReader(io.BytesIO(data))
    page = r.pages[1]
    assert any(page["/Resources"]["/XObject"][name]["/Subtype"] == "/Image" for name in page["/Resources"]["/XObject"])
    assert "KS" in page.extract_text()
