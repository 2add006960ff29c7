"""The Markdown of issue 15's additions: exact text per feature, and what GitHub's reader makes of it."""

from __future__ import annotations

import pytest
from render_samples import agreement

from avtale import layout
from avtale.render import md

LINE = "\\_" * 24


def body(a) -> str:
    text = md.markdown(a, layout.load())
    return text[text.index("## 1"):]


def html_of(text: str) -> str:
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").enable("table").render(text)


MARKS = agreement(
    sections=[{"title": "Formål", "blocks": [
        "Partene skal **jevnlig** vurdere *tiltak*, **fet *og kursiv***, [Lovdata](https://lovdata.no/a_(b)), [#plan], "
        "[planen](#plan), [x](javascript:alert(1)) og \\*ikke\\* | # <b>.[^n]"]}],
    annexes=[{"id": "plan", "title": "Plan", "blocks": ["Tekst."]}], footnotes={"n": "Note med *kursiv*."})


def test_marks_links_notes_and_annexes():
    assert body(MARKS) == (
        "## 1. Formål\n\n"
        "Partene skal **jevnlig** vurdere *tiltak*, **fet *og kursiv***, [Lovdata](https://lovdata.no/a_(b)), "
        "[vedlegg 1](#plan), [planen](#plan), x og \\*ikke\\* \\| \\# \\<b\\>.[^n]\n\n"
        "Oslo, 2. mars 2020\n\n"
        '<!-- parties: [["Kunnskapsdepartementet", "kd", "KD"], ["KS", "ks", null]] -->\n\n'
        "| For Kunnskapsdepartementet | For KS |\n| --- | --- |\n"
        f"| {LINE} | {LINE} |\n| Kari Nordmann | Ola Nordmann |\n| Statsråd | Leder |\n\n"
        '<a id="plan"></a>\n\n## Vedlegg 1: Plan\n\nTekst.\n\n'
        "[^n]: Note med *kursiv*.\n")


def test_marks_render_as_marks_and_hostile_text_stays_text():
    rendered = html_of(md.markdown(MARKS))
    assert ("<strong>jevnlig</strong>" in rendered and "<em>tiltak</em>" in rendered
            and "<strong>fet <em>og kursiv</em></strong>" in rendered)
    assert '<a href="https://lovdata.no/a_(b)">Lovdata</a>' in rendered and '<a href="#plan">vedlegg 1</a>' in rendered
    assert "javascript" not in rendered and "<b>" not in rendered and "*ikke*" in rendered


def test_nested_lists_by_indentation():
    a = agreement(signing=None, sections=[{"title": "Formål", "blocks": [
        {"numbered": ["en", {"text": "to", "numbered": ["a", {"text": "b", "numbered": ["i", "ii"]}]},
                      {"text": "tre", "bullets": ["x"]}]},
        {"numbered": ["1. ikke", "b"], "style": "1)"}]}])
    assert body(a) == (
        "## 1. Formål\n\n1. en\n2. to\n   - a\\) a\n   - b\\) b\n     - i\\) i\n     - ii\\) ii\n3. tre\n   - x\n\n"
        "<!-- -->\n\n1) 1\\. ikke\n2) b\n")
    rendered = html_of(md.markdown(a))
    assert rendered.count("<ol>") == 2 and rendered.count("<ul>") == 3  # the comment keeps the two lists apart


def test_tables_and_three_heading_levels():
    a = agreement(signing=None, sections=[{"title": "Økonomi", "subsections": [{"title": "Under", "subsections": [
        {"title": "Tredje", "blocks": [
            {"table": {"caption": "Midler *x*", "columns": [{"width": 3}, {"width": 1, "align": "right"}, {"align": "center"}],
                       "header": ["Område", "2026", "|"], "rows": [["a", "**1**", ""]]}},
            {"table": {"header": ["A", "B"], "rows": [["1", "2"]]}}]}]}]}])
    assert body(a) == (
        "## 1. Økonomi\n\n### 1.1 Under\n\n#### 1.1.1 Tredje\n\n"
        "Tabell 1: Midler *x*\n\n<!-- column widths: 3 1 - -->\n\n"
        "| Område | 2026 | \\| |\n| :--- | ---: | :---: |\n| a | **1** |  |\n\n"
        "| A | B |\n| --- | --- |\n| 1 | 2 |\n")
    rendered = html_of(md.markdown(a))
    assert '<th style="text-align:right">2026</th>' in rendered and rendered.count("<table>") == 2
    assert "<h4>1.1.1 Tredje</h4>" in rendered


def test_electronic_signing_in_rows_of_three():
    parties = [{"id": f"p{i}", "name": f"Part {i}"} for i in range(4)]
    a = agreement(parties=parties, signing={"electronic": True, "signatories": [
        {"party": f"p{i}", "name": f"Navn {i}", "title": "Leder", **({"date": "2026-01-1%d" % i} if i else {}),
         **({"place": "Bodø"} if i == 3 else {})} for i in range(4)]})
    text = md.markdown(a)
    assert text[text.index("Avtalen er signert"):] == (
        "Avtalen er signert elektronisk.\n\n"
        '<!-- parties: [["Part 0", "p0", null], ["Part 1", "p1", null], ["Part 2", "p2", null], ["Part 3", "p3", null]] -->'
        "\n\n| For Part 0 | For Part 1 | For Part 2 |\n| --- | --- | --- |\n"
        "|  | 11\\. januar 2026 | 12\\. januar 2026 |\n| Navn 0 | Navn 1 | Navn 2 |\n| Leder | Leder | Leder |\n\n"
        "| For Part 3 |\n| --- |\n| Bodø, 13. januar 2026 |\n| Navn 3 |\n| Leder |\n")
    assert LINE not in text


def test_the_parties_comment_shows_nothing_and_no_name_ends_it():
    """Party ids and short names travel in an HTML comment above the signatures: nothing of it is shown, and a
    name holding «-->» cannot close it early (a «-» before another is written as a JSON escape)."""
    import json
    import re

    parties = [{"id": "kd", "name": "Kunnskaps--> <b>departementet", "short": "KD"}, {"id": "ks", "name": "KS"}]
    text = md.markdown(agreement(parties=parties))
    comment = re.search(r"<!-- parties: (.*) -->\n", text)
    assert comment and "--" not in comment.group(1)
    assert json.loads(comment.group(1)) == [["Kunnskaps--> <b>departementet", "kd", "KD"], ["KS", "ks", None]]
    rendered = html_of(text)
    before_table = rendered.split("<table>")[0]
    assert "<b>" not in before_table.replace(comment.group(0).strip(), "") and comment.group(0).strip() in rendered
