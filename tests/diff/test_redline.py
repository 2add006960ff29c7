"""The Word redline (`avtale diff --format docx`): NEW in the official layout with OLD's differences tracked.

Accepting every change must give exactly the text of NEW's own DOCX build,
rejecting every change exactly OLD's; every revision has an author, a date
and its own id; the same inputs and date give the same bytes; LibreOffice
opens the redline.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import uuid

import pytest
from conftest import AGREEMENTS, require_tool, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redline_helpers import W, document_xml, resolve, revisions, styled, texts
from test_compare import agreement, sections

from avtale import agreements, layout
from avtale.diff import compare
from avtale.redline import render_redline
from avtale.render import RenderContext
from avtale.render import docx as docx_render

DAY = dt.date(2025, 3, 14)
CONTEXT = RenderContext(layout=layout.load())
SIGNING = {"place": "Oslo", "date": "2024-01-05", "signatories": [
    {"party": "kd", "name": "Kari Nordmann", "title": "Kunnskapsminister"},
    {"party": "ks", "name": "Ola Nordmann", "title": "Styreleder"},
]}


def redline(old, new, **kw) -> bytes:
    return render_redline(compare(old, new), old, new, date=DAY, **kw)


def assert_round_trip(old, new) -> bytes:
    """Accept-all gives NEW's build, reject-all OLD's: text, tables and paragraph styles."""
    data = redline(old, new)
    built_new, built_old = docx_render.render(new, CONTEXT), docx_render.render(old, CONTEXT)
    accepted, rejected = resolve(data, accept=True), resolve(data, accept=False)
    assert texts(accepted) == texts(built_new)
    assert texts(rejected) == texts(built_old)
    assert styled(accepted) == styled(built_new)
    assert styled(rejected) == styled(built_old)
    return data


def ops_inside(data: bytes, tag: str) -> str:
    """The text inside every w:ins or w:del run, joined."""
    root = document_xml(data)
    return "".join(t.text or "" for el in root.iter(f"{W}{tag}") for t in el.iter(f"{W}t", f"{W}delText"))


# --- hand-made pairs -------------------------------------------------------------------


def test_changed_words_are_tracked_inside_the_paragraph():
    new = agreement(sections=sections(
        ("Formål", ["Avtalen skal styrke kvaliteten i barnehagen."]),
        ("Forpliktelser", ["Partene skal samarbeide.", {"bullets": ["En ting.", "To ting.", "Tre ting."]}]),
        ("Økonomi", ["Ingen nye midler."]),
    ))
    data = assert_round_trip(agreement(), new)
    assert (ops_inside(data, "del"), ops_inside(data, "ins")) == ("skolen", "barnehagen")
    root = document_xml(data)
    # only runs changed: no paragraph mark is inserted or deleted
    assert root.findall(f".//{W}pPr/{W}rPr/{W}ins") == root.findall(f".//{W}pPr/{W}rPr/{W}del") == []


def test_list_items_inserted_and_deleted_as_paragraphs_in_the_list():
    new = agreement(sections=sections(
        ("Formål", ["Avtalen skal styrke kvaliteten i skolen."]),
        ("Forpliktelser", ["Partene skal samarbeide.", {"bullets": ["En ting.", "Tre ting.", "Fire helt nye saker her."]}]),
        ("Økonomi", ["Ingen nye midler."]),
    ))
    data = assert_round_trip(agreement(), new)
    root = document_xml(data)
    deleted = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}del") is not None]
    inserted = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}ins") is not None]
    # the deletion starts at the end of the item before it (docx_redline_numbers): that item's mark is deleted
    assert ["".join(p.itertext()) for p in deleted] == ["En ting."]
    struck = [p for p in root.iter(f"{W}p") if p.find(f"{W}del") is not None and p.find(f"{W}r") is None]
    assert ["".join(p.itertext()) for p in struck] == ["To ting."]
    assert ["".join(p.itertext()) for p in inserted] == ["Fire helt nye saker her."]
    for p in struck + inserted:  # still list items of the same bulleted list
        assert p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "ListParagraph"
        assert p.find(f"{W}pPr/{W}numPr/{W}numId") is not None


def test_sections_added_removed_and_retitled():
    new = agreement(sections=sections(
        ("Formålet med avtalen", ["Avtalen skal styrke kvaliteten i skolen."]),
        ("Forpliktelser", ["Partene skal samarbeide.", {"bullets": ["En ting.", "To ting.", "Tre ting."]}]),
        ("Evaluering", ["Avtalen evalueres hvert år.", {"numbered": ["årlig", "ved slutten"], "style": "a)"}]),
    ))
    data = assert_round_trip(agreement(), new)
    assert "met avtalen" not in ops_inside(data, "del")
    assert "Økonomi" in ops_inside(data, "del") and "Evaluering" in ops_inside(data, "ins")


def test_moved_section_is_marked_moved_from_its_old_place_and_to_its_new_one():
    new = agreement(sections=sections(
        ("Økonomi", ["Ingen nye midler i det hele tatt."]),
        ("Formål", ["Avtalen skal styrke kvaliteten i skolen."]),
        ("Forpliktelser", ["Partene skal samarbeide.", {"bullets": ["En ting.", "To ting.", "Tre ting."]}]),
    ))
    data = assert_round_trip(agreement(), new)
    headings = [p for p in document_xml(data).iter(f"{W}p")
                if p.find(f"{W}pPr/{W}pStyle[@{W}val='Heading2']") is not None]
    marks = [(p.find(f"{W}pPr/{W}rPr/*") is not None and p.find(f"{W}pPr/{W}rPr/*").tag[len(W):], "".join(p.itertext()))
             for p in headings]
    assert marks == [("moveTo", "Økonomi"), (False, "Formål"), (False, "Forpliktelser"), ("moveFrom", "Økonomi")]
    # the paragraph replaced inside the moved section (too different to pair: «Ingen nye midler.») is an
    # insertion inside the move (the old one is at the old place, moved from there); nothing else is ins/del
    assert [(e.tag[len(W):], "".join(e.itertext())) for e in revisions(data)] == [
        ("ins", ""), ("ins", "Ingen nye midler i det hele tatt.")]


def test_subsections_added_removed_and_moved():
    def with_subs(*subs):
        return agreement(sections=[{"title": "Plikter", "blocks": ["Innledning."],
                                    "subsections": [{"title": t, "blocks": b} for t, b in subs]},
                                   {"title": "Slutt", "blocks": ["Slutt."]}])

    old = with_subs(("Staten", ["Staten skal betale."]), ("Kommunene", ["Kommunene skal bidra."]),
                    ("Fylkene", ["Fylkene skal følge opp."]))
    new = with_subs(("Fylkene", ["Fylkene skal følge opp."]), ("Staten", ["Staten skal betale mer."]),
                    ("Skolene", [{"numbered": ["en", "to"], "style": "1)"}]))
    assert_round_trip(old, new)
    assert_round_trip(new, old)
    # a moved section whose subsection is new (found by hypothesis)
    two = agreement(sections=sections(("Formål", []), ("Plikter", [])))
    moved = agreement(sections=[{"title": "Plikter", "blocks": [], "subsections": [{"title": "Formål", "blocks": []}]},
                                {"title": "Formål", "blocks": []}])
    assert_round_trip(two, moved)
    assert_round_trip(moved, two)


def test_title_preamble_and_list_style():
    old = agreement(preamble=["Innledning.", {"numbered": ["første", "andre"], "style": "a)"}])
    new = agreement(title="Ny avtale", preamble=[{"numbered": ["første", "tredje"], "style": "1."}, "Etterord."])
    data = assert_round_trip(old, new)
    title = next(p for p in document_xml(data).iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle[@{W}val='Heading1']") is not None)
    assert "".join(title.itertext()) == "AvtaleNy avtale"


def test_signing_added_changed_and_removed():
    two = {**SIGNING}
    changed = {**SIGNING, "place": "Bergen", "signatories": [
        {"party": "kd", "name": "Kari Nordmann", "title": "Statsråd"},
        {"party": "ks", "name": "Per Hansen", "title": "Styreleder"},
    ]}
    three = {**SIGNING, "signatories": [*SIGNING["signatories"], {"party": "ks", "name": "Ali Berg", "title": "Direktør"}]}
    assert_round_trip(agreement(), agreement(signing=two))
    assert_round_trip(agreement(signing=two), agreement())
    data = assert_round_trip(agreement(signing=two), agreement(signing=changed))
    assert "Per Hansen" in ops_inside(data, "ins") and "Ola Nordmann" in ops_inside(data, "del")
    assert len(document_xml(data).findall(f".//{W}tbl")) == 2  # letterhead and one signature table
    assert_round_trip(agreement(signing=two), agreement(signing=three))


def test_parties_renamed_added_and_removed():
    renamed = [{"id": "kd", "name": "Kunnskapsdepartementet"}, {"id": "ks", "name": "KS"}]
    three = [*renamed, {"id": "udir", "name": "Utdanningsdirektoratet"}]
    data = assert_round_trip(agreement(), agreement(parties=renamed))
    assert "Kunnskapsdepartementet" in ops_inside(data, "ins")
    assert_round_trip(agreement(), agreement(parties=three))
    assert_round_trip(agreement(parties=three), agreement())


def test_identical_agreements_give_no_revisions():
    data = assert_round_trip(agreement(signing=SIGNING), agreement(signing=SIGNING))
    assert revisions(data) == []


def test_text_outside_xml_and_line_breaks():
    old = agreement(title="Avtale\u0001 om\tnoe")
    new = agreement(title="Avtale om\tnoe annet\nog mer")
    assert_round_trip(old, new)


words = st.sampled_from(["skal", "kan", "partene", "staten", "KS", "skolen", "barnehagen", "år", "nye", "midler"])
sentence = st.lists(words, min_size=1, max_size=6).map(lambda w: " ".join(w).capitalize() + ".")
block = st.one_of(sentence, st.builds(lambda items: {"bullets": items}, st.lists(sentence, min_size=1, max_size=4)),
                  st.builds(lambda items, style: {"numbered": items, "style": style},
                            st.lists(sentence, min_size=1, max_size=4), st.sampled_from(["1.", "1)", "a)"])))
titles = st.sampled_from(["Formål", "Plikter", "Økonomi", "Evaluering", "Tidsramme", "Samarbeid", "Formål og mål"])
subsection = st.fixed_dictionaries({"title": titles, "blocks": st.lists(block, max_size=3)})
section = st.fixed_dictionaries({"title": titles, "blocks": st.lists(block, max_size=3),
                                 "subsections": st.lists(subsection, max_size=2)})
agreements_st = st.fixed_dictionaries({"title": sentence, "preamble": st.lists(block, max_size=2),
                                       "sections": st.lists(section, min_size=1, max_size=5)})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=agreements_st, new=agreements_st)
def test_any_pair_accepts_to_new_and_rejects_to_old(old, new):
    assert_round_trip(agreement(**old), agreement(**new))


# --- the real pair ------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_pair():
    old = agreements.read(AGREEMENTS / "2014-2017.yaml")
    new = agreements.read(AGREEMENTS / "2022-2025.yaml")
    return old, new


def test_real_pair_accepts_to_2022_and_rejects_to_2014(real_pair):
    data = assert_round_trip(*real_pair)
    assert "Samarbeidsområder" not in ops_inside(data, "del")
    assert "Torbjørn Røe Isaksen" in ops_inside(data, "del")  # 2022-2025 has no signature block


def test_every_revision_has_author_date_and_its_own_id(real_pair):
    data = redline(*real_pair, author="Kari Nordmann")
    marks = revisions(data)
    assert len(marks) > 40
    assert {(m.get(f"{W}author"), m.get(f"{W}date")) for m in marks} == {("Kari Nordmann", "2025-03-14T00:00:00Z")}
    ids = [m.get(f"{W}id") for m in marks]
    assert len(set(ids)) == len(ids)


def test_same_inputs_and_date_give_the_same_bytes(real_pair):
    assert redline(*real_pair) == redline(*real_pair)
    old, new = real_pair
    today = render_redline(compare(old, new), old, new)  # no date given: today's
    assert revisions(today)[0].get(f"{W}date") == f"{dt.date.today().isoformat()}T00:00:00Z"


def test_track_changes_stays_on_for_the_reviewers(real_pair):
    import io
    import zipfile

    settings_xml = zipfile.ZipFile(io.BytesIO(redline(*real_pair))).read("word/settings.xml")
    assert b"<w:trackRevisions/>" in settings_xml


# --- the command ------------------------------------------------------------------------


def test_cli_writes_the_redline(tmp_path):
    out = tmp_path / "redline.docx"
    old, new = AGREEMENTS / "2014-2017.yaml", AGREEMENTS / "2022-2025.yaml"
    args = ("diff", old, new, "--format", "docx", "--author", "Ola", "--date", "2025-03-14")
    result = run_cli(*args, "-o", out)
    assert result.returncode == 0, result.stderr
    first = out.read_bytes()
    assert first == redline(agreements.read(old), agreements.read(new), author="Ola")
    refused = run_cli(*args, "-o", out)  # diff does not own OUT: overwriting it takes --force
    assert (refused.returncode, refused.stderr) == (1, f"{out}: AV600 exists; use --force to overwrite it\n")
    assert run_cli(*args, "-o", out, "--force").returncode == 0 and out.read_bytes() == first
    assert run_cli("diff", old, new, "--format", "docx", "-o", tmp_path / "today.docx").returncode == 0


def test_cli_usage_errors(tmp_path):
    old, new = AGREEMENTS / "2014-2017.yaml", AGREEMENTS / "2022-2025.yaml"
    result = run_cli("diff", old, new, "--format", "docx")
    assert result.returncode == 2 and "--out" in result.stderr
    result = run_cli("diff", old, new, "--format", "docx", "--date", "14.03.2025", "-o", tmp_path / "x.docx")
    assert result.returncode == 2 and "--date" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_libreoffice_opens_the_redline(real_pair, tmp_path):
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    path = tmp_path / "redline.docx"
    path.write_bytes(redline(*real_pair))
    profile = tmp_path / f"lo-{uuid.uuid4().hex}"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=240)
    text = subprocess.run([pdftotext, str(tmp_path / "redline.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    flat = " ".join(text.split())
    for needle in ("Samarbeidsområder i avtaleperioden", "Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.",
                   "rammebetingelsene", "Torbjørn Røe Isaksen"):  # new text, and old text shown struck through
        assert needle in flat, needle



def test_metadata_the_document_does_not_print_is_a_comment_on_the_title(real_pair):
    import io
    import zipfile

    data = redline(*real_pair, author="Kari Nordmann")
    comments = zipfile.ZipFile(io.BytesIO(data)).read("word/comments.xml").decode()
    assert "periode: 1. januar 2015 – 31. desember 2017 → til 31. desember 2025" in comments
    assert 'w:author="Kari Nordmann"' in comments and 'w:date="2025-03-14T00:00:00Z"' in comments
    assert "word/comments.xml" not in zipfile.ZipFile(io.BytesIO(redline(agreement(), agreement(title="Ny")))).namelist()
