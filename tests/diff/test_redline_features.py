"""The Word redline shows every addition of the format (issue 15) as tracked changes.

Each case is the example agreement (agreements/eksempel-2026-2029.yaml) with one change. For each, the
tracked-change XML is where it belongs, and accepting every change gives NEW's own DOCX build (text,
paragraph styles, footnotes, bold/italic/links of every piece), rejecting every change OLD's, both ways.
"""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
import uuid

import pytest
import yaml
from conftest import AGREEMENTS, require_tool
from redline_helpers import W, document_xml, formatted, note_texts, part_xml, resolve, styled, texts

from avtale import layout
from avtale.diff import compare
from avtale.model import Agreement
from avtale.redline import render_redline
from avtale.render import RenderContext
from avtale.render import docx as docx_render

DAY = dt.date(2026, 2, 1)
CONTEXT = RenderContext(layout=layout.load())
BASE = yaml.safe_load((AGREEMENTS / "eksempel-2026-2029.yaml").read_text(encoding="utf-8"))


def changed(change) -> Agreement:
    data = copy.deepcopy(BASE)
    change(data)
    return Agreement.model_validate(data)


EXAMPLE = changed(lambda d: None)


def redline(old, new) -> bytes:
    return render_redline(compare(old, new), old, new, date=DAY)


def check(old, new) -> bytes:
    data = redline(old, new)
    for resolved, agreement in ((resolve(data, accept=True), new), (resolve(data, accept=False), old)):
        built = docx_render.render(agreement, CONTEXT)
        assert texts(resolved) == texts(built)
        assert styled(resolved) == styled(built)
        assert note_texts(resolved) == note_texts(built)
        assert formatted(resolved) == formatted(built)
    return data


def economy_table(d) -> dict:
    return d["sections"][2]["blocks"][1]["table"]


def nested(d) -> list:
    return d["sections"][1]["blocks"][1]["numbered"]


def set_signatory(k, **values):
    return lambda d: d["signing"]["signatories"][k].update(values)


CASES = {
    "cell": lambda d: economy_table(d)["rows"][0].__setitem__(1, "130"),
    "row-added": lambda d: economy_table(d)["rows"].insert(2, ["Kompetanse", "40", "45"]),
    "header": lambda d: economy_table(d)["header"].__setitem__(0, "Område"),
    "caption": lambda d: economy_table(d).update(caption="Midler til områdene (mill. kroner)"),
    "caption-removed": lambda d: economy_table(d).pop("caption"),
    "column-added": lambda d: (economy_table(d)["header"].append("2028"),
                              [row.append("1") for row in economy_table(d)["rows"]]),
    "list-level-3-added": lambda d: nested(d)[1]["numbered"][1]["numbered"].append("barnets beste går foran."),
    "list-level-2-removed": lambda d: nested(d)[1]["numbered"].pop(0),
    "list-level-3-changed": lambda d: nested(d)[1]["numbered"][1]["numbered"].__setitem__(0, "samtykke er regelen, og"),
    "list-nested-added": lambda d: nested(d).__setitem__(0, {"text": "Tidlig innsats i barnehage og skole.",
                                                             "bullets": ["språk", "lesing"]}),
    "bold-added": lambda d: d["sections"][0]["blocks"].__setitem__(0, d["sections"][0]["blocks"][0].replace(
        "vurdere om", "**vurdere** om")),
    "bold-removed": lambda d: d["sections"][0]["blocks"].__setitem__(0, d["sections"][0]["blocks"][0].replace(
        "**likeverdige tjenester**", "likeverdige tjenester")),
    "italic-changed-words": lambda d: d["sections"][0]["blocks"].__setitem__(0, d["sections"][0]["blocks"][0].replace(
        "*jevnlig*", "*hvert år*")),
    "link-url": lambda d: d["sections"][0]["blocks"].__setitem__(1, d["sections"][0]["blocks"][1].replace(
        "https://lovdata.no/register/lover", "https://lovdata.no/lover")),
    "link-added": lambda d: d["sections"][0]["blocks"].__setitem__(1, d["sections"][0]["blocks"][1].replace(
        "barnehageloven,", "[barnehageloven](https://lovdata.no/lov/2005-06-17-64),")),
    "note-changed": lambda d: d["footnotes"].update(kostra="KOSTRA (kommune-stat-rapportering), se nettsidene til SSB."),
    "note-added": lambda d: (d["footnotes"].update(ny="Se også NOU 2023: 7."), d["sections"][3]["blocks"].__setitem__(
        0, d["sections"][3]["blocks"][0].replace("31. desember 2029.", "31. desember 2029.[^ny]"))),
    "subsection-2.1.1-added": lambda d: d["sections"][1]["subsections"][1].setdefault("subsections", []).append(
        {"title": "Felles tiltak", "blocks": ["Departementene lager felles tiltak."]}),
    "subsection-2.1.1-retitled": lambda d: d["sections"][1]["subsections"][0]["subsections"][0].update(
        title="Rapportering og oppfølging"),
    "annex-added": lambda d: d["annexes"].append({"id": "kontakt", "title": "Kontaktpersoner",
                                                  "blocks": ["Hver part oppgir en kontaktperson."]}),
    "annex-changed": lambda d: (d["annexes"][0].update(title="Mandat for styringsgruppen"),
                                d["annexes"][0]["blocks"][1]["bullets"].append("Referat sendes partene.")),
    "annex-moved": lambda d: d["annexes"].reverse(),
    "annex-subsection-changed": lambda d: d["annexes"][0]["subsections"][0]["blocks"].append("Den rapporterer årlig."),
    "electronic-off": lambda d: d["signing"].update(electronic=False, place="Oslo", date=dt.date(2026, 1, 15)),
    "own-place-changed": set_signatory(5, place="Tromsø"),
    "own-date-added": set_signatory(0, place="Bergen"),
    "sixth-signatory-renamed": set_signatory(5, name="Bjørn A. Gram"),
    "signatory-added": lambda d: d["signing"]["signatories"].append(
        {"party": "ks", "name": "Gunn Marit Helgesen", "title": "Leder i KS", "date": dt.date(2026, 1, 16)}),
    "signatory-removed": lambda d: d["signing"]["signatories"].pop(4),
    "place-date-added": lambda d: d["signing"].update(place="Oslo", date=dt.date(2026, 1, 20)),
}


@pytest.mark.parametrize("name", CASES)
def test_accept_all_gives_new_and_reject_all_gives_old_both_ways(name):
    new = changed(CASES[name])
    check(EXAMPLE, new)
    check(new, EXAMPLE)


def cell_of(node):
    return next((a for a in node.iterancestors(f"{W}tc")), None)


def test_changed_cell_is_tracked_inside_the_cell():
    root = document_xml(check(EXAMPLE, changed(CASES["cell"])))
    ins, dels = list(root.iter(f"{W}ins")), list(root.iter(f"{W}del"))
    assert ["".join(e.itertext()) for e in ins] == ["130"] and ["".join(e.itertext()) for e in dels] == ["120"]
    assert cell_of(ins[0]) is not None and cell_of(ins[0]) is cell_of(dels[0])


def test_added_and_removed_rows_are_marked_on_the_row():
    data = check(EXAMPLE, changed(CASES["row-added"]))
    rows = [tr for tr in document_xml(data).iter(f"{W}tr") if tr.find(f"{W}trPr/{W}ins") is not None]
    assert ["".join(tr.itertext()) for tr in rows] == ["Kompetanse4045"]
    data = check(changed(CASES["row-added"]), EXAMPLE)
    rows = [tr for tr in document_xml(data).iter(f"{W}tr") if tr.find(f"{W}trPr/{W}del") is not None]
    assert ["".join(tr.itertext()) for tr in rows] == ["Kompetanse4045"]


def test_header_and_caption_changes_are_words():
    root = document_xml(check(EXAMPLE, changed(CASES["header"])))
    header = next(tr for tr in root.iter(f"{W}tr") if tr.find(f"{W}trPr/{W}tblHeader") is not None)
    assert "".join(header.find(f".//{W}del").itertext()) == "Samarbeidsområde"
    assert "".join(header.find(f".//{W}ins").itertext()) == "Område"
    root = document_xml(check(EXAMPLE, changed(CASES["caption"])))
    assert ["".join(e.itertext()) for e in root.iter(f"{W}del")] == ["samarbeidsområdene"]
    assert ["".join(e.itertext()) for e in root.iter(f"{W}ins")] == ["områdene"]


def numbered_level(p) -> int:
    return int(p.find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val"))


def test_nested_list_items_are_tracked_at_their_level():
    root = document_xml(check(EXAMPLE, changed(CASES["list-level-3-added"])))
    inserted = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}ins") is not None]
    assert ["".join(p.itertext()) for p in inserted] == ["barnets beste går foran."]
    assert numbered_level(inserted[0]) == 2
    root = document_xml(check(EXAMPLE, changed(CASES["list-level-2-removed"])))
    # the deletion starts at the end of the item before it (docx_redline_numbers): the struck item holds
    # that item's properties, its own level in the property change that reject-all restores
    struck = [p for p in root.iter(f"{W}p") if p.find(f"{W}del") is not None and p.find(f"{W}r") is None]
    assert ["".join(p.itertext()) for p in struck] == ["felles kartlegging og oppfølging,"]
    assert int(struck[0].find(f"{W}pPr/{W}pPrChange/{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val")) == 1


def test_bold_added_or_removed_is_a_formatting_change():
    root = document_xml(check(EXAMPLE, changed(CASES["bold-added"])))
    assert list(root.iter(f"{W}ins")) == list(root.iter(f"{W}del")) == []
    changes = list(root.iter(f"{W}rPrChange"))
    assert len(changes) == 1
    run = changes[0].getparent().getparent()
    assert "".join(t.text for t in run.iter(f"{W}t")) == "vurdere"
    assert run.find(f"{W}rPr/{W}b") is not None and changes[0].find(f"{W}rPr/{W}b") is None
    assert changes[0].get(f"{W}author") == "avtale" and changes[0].get(f"{W}date") == "2026-02-01T00:00:00Z"
    root = document_xml(check(EXAMPLE, changed(CASES["bold-removed"])))
    changes = list(root.iter(f"{W}rPrChange"))
    assert ["".join(t.text for t in c.getparent().getparent().iter(f"{W}t")) for c in changes] == ["likeverdige tjenester"]
    assert changes[0].find(f"{W}rPr/{W}b") is not None and changes[0].getparent().find(f"{W}b") is None


def test_changed_link_is_the_old_link_deleted_and_the_new_inserted():
    data = check(EXAMPLE, changed(CASES["link-url"]))
    root = document_xml(data)
    links = [(h.find(f"{W}ins") is not None, h.find(f"{W}del") is not None, "".join(h.itertext()))
             for h in root.iter(f"{W}hyperlink")]
    assert (False, True, "Lovdata") in links and (True, False, "Lovdata") in links
    root = document_xml(check(EXAMPLE, changed(CASES["link-added"])))
    inserted = [h for h in root.iter(f"{W}hyperlink") if h.find(f"{W}ins") is not None]
    assert ["".join(h.itertext()) for h in inserted] == ["barnehageloven"]


def test_footnotes_changed_added_and_removed():
    notes = part_xml(check(EXAMPLE, changed(CASES["note-changed"])), "word/footnotes.xml")
    assert "nettsidene til SSB." in "".join(t.text for e in notes.iter(f"{W}ins") for t in e.iter(f"{W}t"))
    assert "ssb.no/kostra" in "".join(t.text for e in notes.iter(f"{W}del") for t in e.iter(f"{W}delText"))
    data = check(EXAMPLE, changed(CASES["note-added"]))
    added = [e for e in document_xml(data).iter(f"{W}ins") if e.find(f".//{W}footnoteReference") is not None]
    assert len(added) == 1
    note_id = added[0].find(f".//{W}footnoteReference").get(f"{W}id")
    note = part_xml(data, "word/footnotes.xml").find(f"{W}footnote[@{W}id='{note_id}']")
    assert "".join(t.text for e in note.iter(f"{W}ins") for t in e.iter(f"{W}t")) == "Se også NOU 2023: 7."
    data = check(changed(CASES["note-added"]), EXAMPLE)
    removed = [e for e in document_xml(data).iter(f"{W}del") if e.find(f".//{W}footnoteReference") is not None]
    assert len(removed) == 1


def test_subsection_2_1_1_is_heading_4():
    data = check(EXAMPLE, changed(CASES["subsection-2.1.1-added"]))
    inserted = [p for p in document_xml(data).iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}ins") is not None]
    assert [(p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") if p.find(f"{W}pPr/{W}pStyle") is not None else None,
             "".join(p.itertext())) for p in inserted] == [
        ("Heading4", "Felles tiltak"), (None, "Departementene lager felles tiltak.")]


def test_annexes_added_and_moved():
    data = check(EXAMPLE, changed(CASES["annex-added"]))
    inserted = [p for p in document_xml(data).iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}ins") is not None]
    assert "".join(inserted[0].itertext()) == "Vedlegg 3: Kontaktpersoner"
    # a moved annex is moved from its old place to its new one, its new number inserted inside the move
    data = check(EXAMPLE, changed(CASES["annex-moved"]))
    headings = [p for p in document_xml(data).iter(f"{W}p")
                if p.find(f"{W}pPr/{W}pStyle[@{W}val='Heading1']") is not None and "Vedlegg" in "".join(p.itertext())]
    marks = [(p.find(f"{W}pPr/{W}rPr/*").tag[len(W):] if p.find(f"{W}pPr/{W}rPr/*") is not None else None,
              "".join(p.itertext())) for p in headings]
    assert marks == [("moveTo", "Vedlegg 1: Fremdriftsplan"), (None, "Vedlegg 12: Mandat for partssamarbeidet"),
                     ("moveFrom", "Vedlegg 2: Fremdriftsplan")]


def test_signing_changes_in_place():
    root = document_xml(check(EXAMPLE, changed(CASES["sixth-signatory-renamed"])))
    assert ["".join(e.itertext()) for e in root.iter(f"{W}ins")] == ["A."]
    assert cell_of(next(root.iter(f"{W}ins"))) is not None  # in the second row of the signature table
    root = document_xml(check(EXAMPLE, changed(CASES["own-place-changed"])))
    assert ["".join(e.itertext()) for e in root.iter(f"{W}ins")] == ["Tromsø"]
    root = document_xml(check(EXAMPLE, changed(CASES["electronic-off"])))
    deleted = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}del") is not None]
    assert "Avtalen er signert elektronisk." in ["".join(p.itertext()) for p in deleted]


def test_libreoffice_opens_a_redline_of_several_changes(tmp_path):
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")

    def several(d):
        for name in ("cell", "row-added", "list-level-3-added", "bold-added", "link-url", "note-changed",
                     "annex-added", "sixth-signatory-renamed"):
            CASES[name](d)

    path = tmp_path / "redline.docx"
    path.write_bytes(check(EXAMPLE, changed(several)))
    profile = tmp_path / f"lo-{uuid.uuid4().hex}"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=240)
    text = " ".join(subprocess.run([pdftotext, str(tmp_path / "redline.pdf"), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    for needle in ("120", "130", "Kompetanse", "barnets beste går foran.", "Kontaktpersoner", "Bjørn Arild", "A. Gram",
                   "nettsidene til SSB", "ssb.no/kostra", "https://lovdata.no/register/lover"):
        assert needle in text, needle
