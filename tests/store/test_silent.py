"""Text YAML would change without a word (`avtale.store.silent`): each place found, and nothing else."""

from __future__ import annotations

from avtale.store import silent


def test_a_comment_after_text_is_found_at_its_hash():
    text = "blocks:\n  - Avtalepartene skal ha jevnlig dialog om tiltak #1 og måloppnåelse.\n"
    assert silent.find(text) == [(2, 52, silent.COMMENT)]


def test_comments_as_meant_are_not_found():
    text = ("# yaml-language-server: $schema=x\nstatus: signed  # kommentar\nend: 2025-12-31 # dato\n"
            "blocks:\n  # et nytt punkt under\n  - 'Tiltak #1 og måloppnåelse.'\n  - >-\n    Tiltak #2 og mer.\n"
            "  - \"Tiltak #3 og mer.\"\n")
    assert silent.find(text) == []


def test_an_item_indented_into_the_text_above_is_found_at_its_dash():
    text = "blocks:\n  - Partene skal møtes to ganger i året\n    - en felles statusrapport hvert år\n  - Neste punkt.\n"
    assert silent.find(text) == [(3, 5, silent.FOLDED_ITEM)]


def test_a_dash_inside_a_line_of_text_is_text():
    text = "blocks:\n  - Partene skal møtes to ganger i året\n    og lage en rapport - hvert år.\n"
    assert silent.find(text) == []


def test_text_that_does_not_parse_reports_nothing_here():
    assert silent.find("blocks:\n  - 'ikke lukket # sitat\n") == []


def test_a_todo_comment_after_text_is_meant():
    """`extract` marks a guessed heading «title: Mål for samarbeidet  # TODO a guess: …»."""
    assert silent.find("sections:\n  - title: Mål for samarbeidet  # TODO a guess: check it\n") == []
