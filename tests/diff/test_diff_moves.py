"""Moved paragraphs and list items in the merged diff tree (`avtale.diff.moves`)."""

from __future__ import annotations

from avtale.diff import compare
from avtale.diff.tree import ADDED, MOVED, MOVED_AWAY, REMOVED
from avtale.model import Agreement

A = "Kommunene skal rapportere årlig om bruken av midlene."
B = "Staten skal gi veiledning til alle barnehager og skoler."
C = "Partene møtes minst to ganger i året for å følge opp avtalen."


def agreement(sections) -> Agreement:
    return Agreement.model_validate({
        "id": "a", "title": "Avtale", "language": "nb", "parties": [{"id": "kd", "name": "KD"}, {"id": "ks", "name": "KS"}],
        "period": {"end": "2030-12-31"}, "status": "draft",
        "sections": [{"title": t, "blocks": b} for t, b in sections]})


def entries(d):
    """(section title, status, move, old text, new text) of every paragraph and item that is not the same."""
    out = []

    def items(title, block):
        for i in block.items:
            if i.status != "same":
                out.append((title, "item", i.status, i.move, i.text.old, i.text.new))
            for sub in i.lists:
                items(title, sub)

    for s in d.sections:
        for b in s.blocks:
            if b.kind == "paragraph" and b.status != "same":
                out.append((s.title.new or s.title.old, "paragraph", b.status, b.move, b.text.old, b.text.new))
            elif b.kind in ("bullets", "numbered"):
                items(s.title.new or s.title.old, b)
    return out


def test_paragraph_moved_within_a_section():
    d = compare(agreement([("Formål", [A, B, C])]), agreement([("Formål", [B, C, A])]))
    assert entries(d) == [("Formål", "paragraph", MOVED_AWAY, 1, A, ""),
                          ("Formål", "paragraph", MOVED, 1, A, A)]
    moved = d.sections[0].blocks[-1]
    assert moved.text.ops == [("=", A)]


def test_paragraph_moved_across_sections():
    d = compare(agreement([("Formål", [A, B]), ("Økonomi", [C])]),
                agreement([("Formål", [B]), ("Økonomi", [C, A])]))
    assert entries(d) == [("Formål", "paragraph", MOVED_AWAY, 1, A, ""), ("Økonomi", "paragraph", MOVED, 1, A, A)]
    assert [s.status for s in d.sections] == ["changed", "changed"]


def test_list_item_moved_at_a_deeper_level():
    old = agreement([("Plikter", [{"numbered": [A, B, {"text": "Under:", "numbered": [C]}]}])])
    new = agreement([("Plikter", [{"numbered": [B, {"text": "Under:", "numbered": [C, A]}]}])])
    got = [e for e in entries(compare(old, new)) if e[2] in (MOVED, MOVED_AWAY)]
    assert got == [("Plikter", "item", MOVED_AWAY, 1, A, ""), ("Plikter", "item", MOVED, 1, A, A)]


def test_moved_with_an_edit_keeps_the_edit_inside_the_move():
    edited = "Kommunene skal rapportere hvert år om bruken av midlene."
    d = compare(agreement([("Formål", [A, B]), ("Økonomi", [C])]),
                agreement([("Formål", [B]), ("Økonomi", [C, edited])]))
    moved = d.sections[1].blocks[-1]
    assert (moved.status, moved.move, moved.text.old, moved.text.new) == (MOVED, 1, A, edited)
    assert ("-", "årlig") in moved.text.ops and ("+", "hvert år") in moved.text.ops
    away = d.sections[0].blocks[0]
    assert (away.status, away.move, away.text.ops) == (MOVED_AWAY, 1, [("-", A)])


def test_short_lines_and_dissimilar_texts_are_not_moves():
    d = compare(agreement([("Formål", ["Ingen.", A]), ("Økonomi", [C])]),
                agreement([("Formål", [A]), ("Økonomi", [C, "Ingen.", B])]))
    assert [(e[2], e[3], e[5] or e[4]) for e in entries(d)] == [
        (REMOVED, None, "Ingen."), (ADDED, None, "Ingen."), (ADDED, None, B)]


def test_identical_texts_in_both_places_pair_in_order():
    # the same text twice in OLD, both moved: the first found in NEW pairs with the first in OLD
    d = compare(agreement([("Formål", [A, B, A]), ("Økonomi", [C])]),
                agreement([("Formål", [B]), ("Økonomi", [C, A, A])]))
    got = [(e[0], e[2], e[3]) for e in entries(d)]
    assert got == [("Formål", MOVED_AWAY, 1), ("Formål", MOVED_AWAY, 2),
                   ("Økonomi", MOVED, 1), ("Økonomi", MOVED, 2)]
    # a text kept in place and added again elsewhere is an addition, not a move
    d = compare(agreement([("Formål", [A]), ("Økonomi", [C])]), agreement([("Formål", [A]), ("Økonomi", [C, A])]))
    assert [(e[2], e[3]) for e in entries(d)] == [(ADDED, None)]


def test_section_moves_are_kept():
    d = compare(agreement([("Formål", [A]), ("Økonomi", [C])]), agreement([("Økonomi", [C]), ("Formål", [A])]))
    assert [s.status for s in d.sections].count("moved") == 1
    assert entries(d) == []
