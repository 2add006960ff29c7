"""Markdown for pull requests: exact text for a small agreement, escaping, structure of the real ones."""

from __future__ import annotations

import pytest
from render_samples import HOSTILE, agreement, context, hostile_agreement

from avtale.model import all_texts
from avtale.render import md

from conftest import AGREEMENTS

LINE = "\\_" * 24

EXPECTED = f"""**UTKAST**

# Avtale om prøve

Innledning.

## 1. Formål

Første avsnitt.

- en
- to

## 2. Plikter

- a\\) alfa
- b\\) beta

### 2.1 Detaljer

1) gamma
2) delta

Oslo, 2. mars 2020

<!-- parties: [["Kunnskapsdepartementet", "kd", "KD"], ["KS", "ks", null]] -->

| For Kunnskapsdepartementet | For KS |
| --- | --- |
| {LINE} | {LINE} |
| Kari Nordmann | Ola Nordmann |
| Statsråd | Leder |
"""


def html_of(text: str) -> str:
    """CommonMark plus tables, as GitHub renders them (markdown-it-py comes with rich)."""
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").enable("table").render(text)


def test_exact_text_for_a_small_agreement():
    assert md.render(agreement(), context()).decode("utf-8") == EXPECTED


def test_heading_numbering_styles():
    assert "## § 2 Plikter\n" in md.markdown(agreement(numbering="§ 1"))
    assert "### 2.1 Detaljer\n" in md.markdown(agreement(numbering="1"))
    plain = md.markdown(agreement(numbering="none"))
    assert "## Plikter\n" in plain and "### Detaljer\n" in plain


def test_without_signing_there_is_no_signature_table():
    text = md.markdown(agreement(signing=None))
    assert "|" not in text and text.endswith("2) delta\n")


def test_drafter_text_cannot_become_markup():
    rendered = html_of(md.markdown(hostile_agreement()))
    assert "<script>" not in rendered and "<b>" not in rendered
    # «*bold*» in prose is the inline syntax's italic (avtale.inline); in a title it stays as typed
    assert rendered.count("<em>") == rendered.count("<em>bold</em>") == 3
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "*bold*" in rendered and "[a]" in rendered and "#set page(width: 1cm)" in rendered
    assert rendered.count("<h1>") == 1 and rendered.count("<h2>") == 1
    assert "\\$x\\$" in md.markdown(hostile_agreement())  # GitHub's math stays text


@pytest.mark.parametrize("text", ["1. ikke en liste", "- ikke punkt", "# ikke overskrift", "> ikke sitat",
                                  "+ nei", "=====", "a | b", "&amp; er ikke &", "tekst :smile: her", "slutt #"])
def test_line_starts_and_entities_stay_text(text):
    rendered = html_of(md.markdown(agreement(preamble=[text])))
    first = rendered.split("</h1>\n", 1)[1].split("\n", 1)[0]
    assert first.startswith("<p>"), first
    expected = text.replace("&", "&amp;").replace(">", "&gt;")
    assert expected in first
    assert "\\:smile:" in md.markdown(agreement(preamble=["tekst :smile: her"]))


def test_two_lists_in_a_row_stay_two_lists():
    a = agreement(preamble=[{"bullets": ["en"]}, {"bullets": ["to"]}])
    preamble = html_of(md.markdown(a)).split("<h2>")[0]
    assert preamble.count("<ul>") == 2 and preamble.count("<li>") == 2


@pytest.mark.parametrize("name", ["2014-2017", "2022-2025"])
def test_real_agreements_structure(name):
    from avtale import agreements

    a = agreements.read(AGREEMENTS / f"{name}.yaml")
    text = md.render(a, context(AGREEMENTS)).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == f"# {md.escape(a.title)}"
    assert [line for line in lines if line.startswith("## ")] == [
        f"## {i}. {md.escape(s.title)}" for i, s in enumerate(a.sections, 1)
    ]
    rendered = html_of(text)
    for _, piece in all_texts(a):
        assert md.escape(piece) in text
    if a.signing:
        assert "Oslo, 7. november 2014" in text and "<table>" in rendered
    else:
        assert "<table>" not in rendered
    if name == "2022-2025":
        assert rendered.count("<li>") == 11 and "<ol>" in rendered


def test_hostile_items_each_once():
    text = md.markdown(hostile_agreement())
    for needle in HOSTILE:
        assert md.escape(needle) in text
