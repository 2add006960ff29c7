"""Diffing agreements: alignment of sections, blocks and items; word operations."""

from __future__ import annotations

from avtale.diff import compare
from avtale.diff.compare import words
from avtale.model import Agreement

BASE = {
    "id": "a",
    "title": "Avtale",
    "language": "nb",
    "parties": [{"id": "kd", "name": "KD"}, {"id": "ks", "name": "KS"}],
    "period": {"end": "2030-12-31"},
    "status": "draft",
    "sections": [
        {"title": "Formål", "blocks": ["Avtalen skal styrke kvaliteten i skolen."]},
        {"title": "Forpliktelser", "blocks": ["Partene skal samarbeide.", {"bullets": ["En ting.", "To ting.", "Tre ting."]}]},
        {"title": "Økonomi", "blocks": ["Ingen nye midler."]},
    ],
}


def agreement(**changes) -> Agreement:
    return Agreement.model_validate({**BASE, **changes})


def sections(*specs):
    return [{"title": t, "blocks": b} for t, b in specs]


def test_words_keep_spacing_and_mark_changes():
    t = words("Partene skal samarbeide tett.", "Partene skal samarbeide godt og tett.")
    assert t.ops == [("=", "Partene skal samarbeide "), ("+", "godt og "), ("=", "tett.")]
    assert (t.old, t.new, t.status) == ("Partene skal samarbeide tett.", "Partene skal samarbeide godt og tett.", "changed")


def test_identical_agreements_have_an_empty_diff():
    d = compare(agreement(), agreement())
    assert d.empty
    assert [s.status for s in d.sections] == ["same", "same", "same"]


def test_changed_paragraph_and_list_item():
    new = agreement(sections=sections(
        ("Formål", ["Avtalen skal styrke kvaliteten i barnehagen."]),
        ("Forpliktelser", ["Partene skal samarbeide.", {"bullets": ["En ting.", "To nye ting.", "Tre ting."]}]),
        ("Økonomi", ["Ingen nye midler."]),
    ))
    d = compare(agreement(), new)
    assert [s.status for s in d.sections] == ["changed", "changed", "same"]
    para = d.sections[0].blocks[0]
    assert (para.kind, para.status, para.text.ops) == (
        "paragraph", "changed", [("=", "Avtalen skal styrke kvaliteten i "), ("-", "skolen"), ("+", "barnehagen"), ("=", ".")]
    )
    items = d.sections[1].blocks[1].items
    assert [(i.status, i.text.new) for i in items] == [("same", "En ting."), ("changed", "To nye ting."), ("same", "Tre ting.")]


def test_added_removed_and_retitled_sections():
    new = agreement(sections=sections(
        ("Formålet med avtalen", ["Avtalen skal styrke kvaliteten i skolen."]),
        ("Forpliktelser", ["Partene skal samarbeide.", {"bullets": ["En ting.", "To ting.", "Tre ting."]}]),
        ("Evaluering", ["Avtalen evalueres hvert år."]),
    ))
    d = compare(agreement(), new)
    assert [(s.status, s.title.old, s.title.new) for s in d.sections] == [
        ("changed", "Formål", "Formålet med avtalen"),
        ("same", "Forpliktelser", "Forpliktelser"),
        ("removed", "Økonomi", ""),
        ("added", "", "Evaluering"),
    ]


def test_moved_section_keeps_its_identity():
    new = agreement(sections=sections(
        ("Økonomi", ["Ingen nye midler."]),
        ("Formål", ["Avtalen skal styrke kvaliteten i skolen."]),
        ("Forpliktelser", ["Partene skal samarbeide.", {"bullets": ["En ting.", "To ting.", "Tre ting."]}]),
    ))
    d = compare(agreement(), new)
    assert [(s.status, s.title.new, s.old_number, s.new_number) for s in d.sections] == [
        ("moved", "Økonomi", 3, 1),
        ("same", "Formål", 1, 2),
        ("same", "Forpliktelser", 2, 3),
    ]


def test_list_items_inserted_and_deleted_as_such():
    new = agreement(sections=sections(
        ("Formål", ["Avtalen skal styrke kvaliteten i skolen."]),
        ("Forpliktelser", ["Partene skal samarbeide.", {"bullets": ["En ting.", "Tre ting.", "Fire helt nye saker her."]}]),
        ("Økonomi", ["Ingen nye midler."]),
    ))
    items = compare(agreement(), new).sections[1].blocks[1].items
    assert [(i.status, i.text.old or i.text.new) for i in items] == [
        ("same", "En ting."),
        ("removed", "To ting."),
        ("same", "Tre ting."),
        ("added", "Fire helt nye saker her."),
    ]


def test_real_pair(agreement_2014, agreement_2022):
    d = compare(agreement_2014, agreement_2022)
    assert [(s.status, s.old_number, s.new_number) for s in d.sections] == [("changed", i, i) for i in range(1, 7)]
    assert [s.title.new for s in d.sections][3] == "Samarbeidsområder i avtaleperioden"
    kinds = [(b.kind, b.status, len(b.items)) for b in d.sections[3].blocks]
    assert kinds == [("bullets", "removed", 17), ("paragraph", "added", 0), ("numbered", "added", 11)]
    assert ("id", "2014-2017", "2022-2025") in d.fields
    assert tuple(d.signing[0]) == ("sted og dato", "Oslo, 7. november 2014", "")
