"""Moves in the DOCX redline: Word's move markup (w:moveFrom/w:moveTo in named move ranges) for moved
sections, subsections, annexes, paragraphs and list items, with the edits inside a move tracked inside it.

Accept-all gives NEW's build and reject-all OLD's (on the XML, by `redline_helpers.resolve`, which follows
the standard and not the redline code; and through LibreOffice)."""

from __future__ import annotations

import subprocess

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import require_tool
from redline_helpers import W, document_xml
from test_redline import assert_round_trip
from test_redline_features import CASES, EXAMPLE, changed, check

from avtale.model import Agreement

A = "Kommunene skal rapportere årlig om bruken av midlene."
B = "Staten skal gi veiledning til alle barnehager og skoler."
C = "Partene møtes minst to ganger i året for å følge opp avtalen."
D = "Avtalen evalueres av partene sammen før den utløper."


def agreement(sections, annexes=()) -> Agreement:
    return Agreement.model_validate({
        "id": "a", "title": "Avtale", "language": "nb",
        "parties": [{"id": "kd", "name": "KD"}, {"id": "ks", "name": "KS"}],
        "period": {"end": "2030-12-31"}, "status": "draft",
        "sections": [s if isinstance(s, dict) else {"title": s[0], "blocks": s[1]} for s in sections],
        "annexes": list(annexes)})


def moves(data: bytes) -> dict:
    """Each move's name -> {"from": text at the old place, "to": text at the new place} (text of the
    move's runs, deleted words inside the move left out of "to"), checked to be well formed."""
    root = document_xml(data)
    out: dict = {}
    for kind in ("moveFrom", "moveTo"):
        starts = {s.get(f"{W}id"): s for s in root.iter(f"{W}{kind}RangeStart")}
        ends = {e.get(f"{W}id") for e in root.iter(f"{W}{kind}RangeEnd")}
        assert set(starts) == ends, f"every {kind} range has its start and its end"
        for start in starts.values():
            assert start.get(f"{W}author") == "avtale" and start.get(f"{W}date").endswith("T00:00:00Z")
            out.setdefault(start.get(f"{W}name"), {})[kind] = _range_text(root, start, kind)
    assert all(set(halves) == {"moveFrom", "moveTo"} for halves in out.values()), "each move has both places"
    return out


def _range_text(root, start, kind: str) -> str:
    """The text of the moved runs between a range's start and its end, in document order."""
    inside, words = False, []
    for element in root.iter():
        if element is start:
            inside = True
        elif element.tag == f"{W}{kind}RangeEnd" and element.get(f"{W}id") == start.get(f"{W}id"):
            break
        elif inside and element.tag == f"{W}t" and any(a.tag == f"{W}{kind}" for a in element.iterancestors()) \
                and not any(a.tag == f"{W}del" for a in element.iterancestors()):
            words.append(element.text or "")
    return "".join(words)


def changes(data: bytes) -> list[tuple[str, str]]:
    """Every w:ins and w:del of runs (not paragraph marks) with its text."""
    root = document_xml(data)
    return [(e.tag[len(W):], "".join(t.text or "" for t in e.iter(f"{W}t", f"{W}delText")))
            for e in root.iter(f"{W}ins", f"{W}del") if e.getparent().tag not in (f"{W}rPr", f"{W}trPr")]


def both_ways(old, new) -> bytes:
    assert_round_trip(new, old)
    return assert_round_trip(old, new)


def test_paragraph_moved_within_a_section():
    data = both_ways(agreement([("Formål", [A, B, C])]), agreement([("Formål", [B, C, A])]))
    assert moves(data) == {"move1": {"moveFrom": A, "moveTo": A}}
    assert changes(data) == []  # no insertion and deletion standing for the move
    root = document_xml(data)
    marks = [p.find(f"{W}pPr/{W}rPr/*").tag[len(W):] for p in root.iter(f"{W}p")
             if p.find(f"{W}pPr/{W}rPr/*") is not None and p.find(f"{W}pPr/{W}rPr/*").tag[len(W):].startswith("move")]
    assert marks == ["moveFrom", "moveTo"]


def test_paragraph_moved_across_sections_with_an_edit_inside():
    edited = "Kommunene skal rapportere hvert år om bruken av midlene."
    data = both_ways(agreement([("Formål", [A, B]), ("Økonomi", [C])]),
                     agreement([("Formål", [B]), ("Økonomi", [C, edited])]))
    assert moves(data) == {"move1": {"moveFrom": A, "moveTo": "Kommunene skal rapportere  om bruken av midlene."}}
    # the inserted words are an insertion inside the move range; the deleted ones stand at the old place,
    # moved from there (see docx_tracked: LibreOffice reads a deletion nested in the move as plain text)
    assert changes(data) == [("ins", "hvert år")]
    inserted = next(document_xml(data).iter(f"{W}ins"))
    assert inserted.getprevious().tag == f"{W}moveTo" and inserted.getnext().tag == f"{W}moveTo"


def test_list_items_moved_at_any_level():
    old = agreement([("Plikter", [{"numbered": [A, B, {"text": "Under:", "numbered": [C]}]}])])
    new = agreement([("Plikter", [{"numbered": [B, {"text": "Under:", "numbered": [C, A]}]}])])
    data = both_ways(old, new)
    assert moves(data) == {"move1": {"moveFrom": A, "moveTo": A}}
    assert changes(data) == []
    moved = [p for p in document_xml(data).iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}moveTo") is not None]
    assert moved[0].find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val") == "1"  # in the list under «Under:»


def test_several_moves_and_a_short_line_that_is_not_one():
    old = agreement([("Formål", [A, "Ingen.", B]), ("Økonomi", [C, D])])
    new = agreement([("Formål", [D, C]), ("Økonomi", [B, "Ingen.", A])])
    data = both_ways(old, new)
    found = moves(data)
    assert sorted(v["moveTo"] for v in found.values()) == sorted([A, B, C, D])
    assert all(v["moveFrom"] == v["moveTo"] for v in found.values())
    assert changes(data) == [("del", "Ingen."), ("ins", "Ingen.")]


def test_section_and_subsection_moved_with_edits_inside():
    def plan(*subs, first=("Formål", [A])):
        return agreement([first, {"title": "Plikter", "blocks": [B],
                                  "subsections": [{"title": t, "blocks": b} for t, b in subs]},
                          ("Slutt", [D])])

    old = plan(("Staten", [C]), ("Kommunene", ["Kommunene skal bidra med midler til arbeidet."]))
    new = agreement([("Slutt", [D]), {"title": "Plikter", "blocks": [B], "subsections": [
        {"title": "Kommunene", "blocks": ["Kommunene skal bidra med mer midler til arbeidet."]},
        {"title": "Staten", "blocks": [C]}]}, ("Formål", [A])])
    data = both_ways(old, new)
    found = moves(data)
    assert len(found) == 2  # «Slutt» and «Plikter» (the subsection moved inside «Plikter» is part of that move)
    plikter = next(v for v in found.values() if v["moveFrom"].startswith("Plikter"))
    assert plikter["moveTo"] == f"Plikter{B}KommuneneKommunene skal bidra med midler til arbeidet.Staten{C}"
    assert changes(data) == [("ins", "mer ")]


def test_annex_moved_with_an_edit_inside():
    case = CASES["annex-moved"]
    new = changed(lambda d: (case(d), d["annexes"][0]["blocks"].append("Planen oppdateres hvert halvår.")))
    data = check(EXAMPLE, new)
    check(new, EXAMPLE)
    found = moves(data)
    assert len(found) == 1
    (move,) = found.values()
    assert move["moveFrom"].startswith("Vedlegg 2: Fremdriftsplan")
    assert move["moveTo"].startswith("Vedlegg : Fremdriftsplan")  # its new number inserted inside the move
    assert ("ins", "1") in changes(data)
    assert ("ins", "Planen oppdateres hvert halvår.") in changes(data)


POOL = [A, B, C, D, "Ingen.", "Fylkene skal følge opp de videregående skolene.",
        "Partene skal samarbeide om tiltak for å redusere frafall."]
_part = st.lists(st.sampled_from(POOL) | st.builds(lambda x: {"bullets": x}, st.lists(st.sampled_from(POOL),
                                                                                       min_size=1, max_size=3)),
                 max_size=4)
_parts = st.lists(st.tuples(st.sampled_from(["Formål", "Plikter", "Økonomi", "Slutt"]), _part), min_size=1,
                  max_size=3, unique_by=lambda s: s[0])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=_parts, new=_parts, edit=st.booleans())
def test_paragraphs_and_items_shuffled_between_sections_round_trip(old, new, edit):
    """Texts from one small pool shuffled between sections, lists and places (and some edited): whatever
    the moves found, accept-all gives NEW and reject-all OLD, and each move has both its places."""
    if edit:
        new = [(t, [b.replace("skal", "må") if isinstance(b, str) else b for b in blocks]) for t, blocks in new]
    data = assert_round_trip(agreement(old), agreement(new))
    moves(data)


# --- LibreOffice ------------------------------------------------------------------------------

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _fodt(tmp_path, data: bytes):
    from lxml import etree
    source = tmp_path / "moves.docx"
    source.write_bytes(data)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "fodt", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    return etree.parse(str(tmp_path / "moves.fodt")).getroot()


def libreoffice_texts(root, accept: bool) -> list[str]:
    """The body's paragraphs (outside tables) as LibreOffice has them with every change it kept accepted
    or rejected: the text between a change's start and end dropped where that change goes away (a
    paragraph break inside it joins the paragraphs, as accepting a deleted paragraph mark does)."""
    kinds = {r.get(f"{TEXT}id"): next(iter(r)).tag[len(TEXT):] for r in root.iter(f"{TEXT}changed-region")}
    drop = "deletion" if accept else "insertion"
    pieces: list = []

    def walk(element, inside=False):
        tag = element.tag
        if tag == f"{TEXT}change-start":
            pieces.append(("start", element.get(f"{TEXT}change-id")))
        elif tag == f"{TEXT}change-end":
            pieces.append(("end", element.get(f"{TEXT}change-id")))
        elif tag == f"{TEXT}s":
            pieces.append(" " * int(element.get(f"{TEXT}c", "1")))
        elif tag == f"{TEXT}tab":
            pieces.append("\t")
        elif tag in (f"{TABLE}table", f"{TEXT}tracked-changes", f"{TEXT}note", f"{OFFICE}annotation",
                     f"{OFFICE}annotation-end"):
            return
        else:
            inside = inside or tag in (f"{TEXT}p", f"{TEXT}h")
            pieces.append(element.text or "" if inside else "")
            for child in element:
                walk(child, inside)
                pieces.append(child.tail or "" if inside else "")
            if tag in (f"{TEXT}p", f"{TEXT}h"):
                pieces.append(("para",))
            return

    walk(root.find(f".//{OFFICE}text"))
    out, current, dropping = [], [], set()
    for piece in pieces:
        if isinstance(piece, str):
            if not dropping:
                current.append(piece)
        elif piece[0] == "start" and kinds.get(piece[1]) == drop:
            dropping.add(piece[1])
        elif piece[0] == "end":
            dropping.discard(piece[1])
        elif piece[0] == "para" and not dropping:
            out.append("".join(current))
            current = []
    return [t for t in out if t]


def test_libreoffice_keeps_every_move_and_resolves_it(tmp_path):
    """LibreOffice 7.4 opens the redline, keeps each move (a deletion at the old place and insertions at
    the new one, linked by its «__RefMoveFrom__/__RefMoveTo__» bookmarks), and accepting or rejecting
    every change it kept gives NEW's or OLD's paragraphs."""
    require_tool("soffice")
    from avtale.render import docx as docx_render
    from redline_helpers import texts
    from test_redline import CONTEXT
    edited = "Kommunene skal rapportere hvert år om bruken av midlene."
    item = "Fylkene skal følge opp de videregående skolene."
    old = agreement([("Formål", [A, B]), ("Økonomi", [C, D]), ("Plikter", [{"bullets": [item, "En ting."]}]),
                     ("Slutt", [{"numbered": ["Første punkt her.", "Andre punkt her."]}])])
    new = agreement([("Økonomi", [C, D + " Nytt."]), ("Formål", [B, edited]), ("Plikter", [{"bullets": ["En ting."]}]),
                     ("Slutt", [{"numbered": ["Første punkt her.", item, "Andre punkt her."]}])])
    data = both_ways(old, new)
    assert len(moves(data)) == 3  # the section «Økonomi» (with an edit), the paragraph and the list item
    root = _fodt(tmp_path, data)
    bookmarks = {b.get(f"{TEXT}name") for b in root.iter(f"{TEXT}bookmark-start")}
    assert {f"__RefMove{side}__move{n}" for side in ("From", "To") for n in (1, 2, 3)} <= bookmarks
    for accept, agreement_ in ((True, new), (False, old)):
        built = [t for t in texts(docx_render.render(agreement_, CONTEXT)) if t and not t.startswith("[cell]")]
        assert libreoffice_texts(root, accept) == built


def test_moved_paragraphs_with_marks_and_footnotes():
    """A paragraph with bold and links moved to another section; a paragraph with a footnote reference
    moved and its reference removed in the move: notes, marks and texts right on both sides."""
    report = "Kommunene rapporterer gjennom de ordinære rapporteringssystemene[^kostra]; det innføres ingen nye rapporteringskrav."

    def move(d):
        first = d["sections"][0]["blocks"].pop(0)
        d["sections"][2]["blocks"].append(first)
        d["sections"][1]["subsections"][0]["subsections"][0]["blocks"].pop(0)
        d["sections"][1]["subsections"][0]["subsections"][0]["blocks"].append("Ingen.")
        d["sections"][3]["blocks"].append(report.replace("[^kostra]", ""))

    new = changed(move)
    data = check(EXAMPLE, new)
    check(new, EXAMPLE)
    found = moves(data)
    assert len(found) == 2
    assert any(v["moveTo"] == report.replace("[^kostra]", "") for v in found.values())


def test_libreoffice_resolves_moved_annex_and_section_of_the_example(tmp_path):
    """The example agreement (tables, footnotes, links, annexes) with an annex and a section moved, an edit
    in the moved section: LibreOffice's accept-all and reject-all give NEW's and OLD's paragraphs."""
    require_tool("soffice")
    from avtale.render import docx as docx_render
    from redline_helpers import texts
    from test_redline import CONTEXT

    def change(d):
        CASES["annex-moved"](d)
        d["sections"].insert(0, d["sections"].pop(3))
        d["sections"][0]["blocks"].append("Partene evaluerer avtalen sammen hvert andre år.")

    new = changed(change)
    data = check(EXAMPLE, new)
    assert len(moves(data)) == 2
    root = _fodt(tmp_path, data)
    assert libreoffice_texts(root, True) != libreoffice_texts(root, False)
    for accept, agreement_ in ((True, new), (False, EXAMPLE)):
        built = [t for t in texts(docx_render.render(agreement_, CONTEXT)) if t and not t.startswith("[cell]")]
        assert libreoffice_texts(root, accept) == built
