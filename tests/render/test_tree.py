"""The document tree every renderer sets: numbers of headings, list items, footnotes, tables and annexes
follow from order, each counted once."""

from __future__ import annotations

from avtale.model import Agreement
from avtale.render.tree import document

BASE = {
    "id": "t", "title": "T", "language": "nb", "status": "draft", "period": {"end": "2027-12-31"},
    "parties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
}


def agreement(**parts) -> Agreement:
    return Agreement.model_validate({**BASE, **parts})


def table(caption: str) -> dict:
    return {"table": {"caption": caption, "header": ["x"], "rows": [["1"]]}}


def test_captioned_tables_are_numbered_once_in_reading_order_annex_subsections_included():
    a = agreement(
        sections=[{"title": "S", "blocks": [table("en"), {"table": {"header": ["x"], "rows": [["1"]]}}]}],
        annexes=[{"title": "V", "blocks": [table("to")],
                  "subsections": [{"title": "U", "blocks": [table("tre")],
                                   "subsections": [{"title": "W", "blocks": [table("fire")]}]}]},
                 {"title": "V2", "blocks": [table("fem")]}],
    )
    t = document(a)
    numbers = [t["sections"][0]["blocks"][0]["n"], t["sections"][0]["blocks"][1]["n"],
               t["annexes"][0]["blocks"][0]["n"], t["annexes"][0]["subsections"][0]["blocks"][0]["n"],
               t["annexes"][0]["subsections"][0]["subsections"][0]["blocks"][0]["n"],
               t["annexes"][1]["blocks"][0]["n"]]
    assert numbers == [1, None, 2, 3, 4, 5]
    assert [s["number"] for s in t["annexes"][0]["subsections"]] == ["1"]
    assert t["annexes"][0]["subsections"][0]["subsections"][0]["number"] == "1.1"


def test_footnotes_are_numbered_in_order_of_first_use_and_url_notes_counted_once():
    a = agreement(
        preamble=["Først[^b], så [lenke](https://e.no)[^a] og igjen[^b]."],
        sections=[{"title": "S", "blocks": ["Tekst[^c]."]}],
        annexes=[{"title": "V", "subsections": [{"title": "U", "blocks": ["[Lenke](https://f.no)"]}]}],
        footnotes={"a": "Note a", "b": "Note b", "c": "Note c"},
    )
    t = document(a, print_urls="footnote")
    assert [(n["n"], n.get("id"), n.get("url")) for n in t["notes"]] == [
        (1, "b", None), (2, None, "https://e.no"), (3, "a", None), (4, "c", None), (5, None, "https://f.no")]
    runs = t["preamble"][0]["runs"]
    assert [r["note"] for r in runs if "note" in r] == [1, 2, 3, 1]


def test_headings_lists_and_annex_references():
    a = agreement(
        sections=[{"title": "S", "blocks": [
            "Se [#m] og [mandatet](#m).",
            {"numbered": ["x", {"text": "y", "numbered": ["z", {"text": "w", "numbered": ["v", "u"]}]}]}],
            "subsections": [{"title": "U", "subsections": [{"title": "W", "blocks": ["p"]}]}]}],
        annexes=[{"id": "m", "title": "Mandat", "blocks": ["q"]}],
    )
    t = document(a)
    s = t["sections"][0]
    assert (s["number"], s["subsections"][0]["number"], s["subsections"][0]["subsections"][0]["number"]) == (
        "1.", "1.1", "1.1.1")
    lst = s["blocks"][1]
    inner = lst["items"][1]["list"]
    innermost = inner["items"][1]["list"]
    assert [i["marker"] for i in lst["items"]] == ["1.", "2."]
    assert [i["marker"] for i in inner["items"]] == ["a)", "b)"]
    assert [i["marker"] for i in innermost["items"]] == ["i)", "ii)"]
    refs = [(r["text"], r["link"]) for r in s["blocks"][0]["runs"] if r.get("link")]
    assert refs == [("vedlegg 1", "#m"), ("mandatet", "#m")]
    assert (t["annexes"][0]["label"], t["annexes"][0]["id"]) == ("Vedlegg 1", "m")
