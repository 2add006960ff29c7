"""When no heading numbering is recognised at first sight: stacked headings, a text with no headings, and texts
that are no agreement at all (recognise `_stacked`, `_deal_stacked`; build's one-section fallback)."""

from __future__ import annotations

import pytest

from avtale.errors import ExtractError
from avtale.extract import extract
from conftest import run_cli

SIGNED = """
Oslo, 1. mars 2025

Kari Nordmann                 Ola Nordmann
Kunnskapsminister             Styreleder i KS
"""

# pdftotext's reading order: the headings of a page stacked, then their paragraphs
STACKED = """Avtale om samarbeid om skolebibliotek 2025–2027

Avtalen er inngått mellom Kunnskapsdepartementet og KS.

1. Formål

2. Ansvar og roller

2.1 Departementets ansvar

Avtalen skal styrke skolebibliotekene i kommunene.

Partene har et felles ansvar for oppfølgingen.

Departementet skal:
- gi veiledning til kommunene
- følge opp tiltakene

3. Varighet

Avtalen gjelder fram til 31. desember 2027.
""" + SIGNED

STACKED_OUTLINE = """numbering: 1.
1: title: Avtale om samarbeid om skolebibliotek 2025–2027
3:   paragraph: Avtalen er inngått mellom Kunnskapsdepartementet og KS.
5: section 1: Formål
11:   paragraph: Avtalen skal styrke skolebibliotekene i kommunene.
7: section 2: Ansvar og roller
13:   paragraph: Partene har et felles ansvar for oppfølgingen.
9:   subsection 2.1: Departementets ansvar
15:     paragraph: Departementet skal:
16:     bullets (•):
      - gi veiledning til kommunene
      - følge opp tiltakene
19: section 3: Varighet
21:   paragraph: Avtalen gjelder fram til 31. desember 2027.
23: signing: Oslo, 2025-03-01
25:   signatory: Kari Nordmann | Kunnskapsminister
25:   signatory: Ola Nordmann | Styreleder i KS
"""

GUESS = ("  # TODO a guess: the source sets this heading straight over the next one, away from its text; it was given "
         "the first paragraph after them: check where its text ends")


def run(tmp_path, text: str, **kw):
    path = tmp_path / "src.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path, **kw)


def test_stacked_headings_are_headings_and_their_text_is_dealt_out(tmp_path):
    """«1. Formål» straight over «2. …» is no list: the numbers go on after body text («3. Varighet»)."""
    r = run(tmp_path, STACKED, id="x")
    assert r.outline.render() == STACKED_OUTLINE
    text = r.yaml()
    assert f"  - title: Formål{GUESS}\n" in text
    assert f"  - title: Ansvar og roller{GUESS}\n" in text
    assert "  - title: Varighet\n" in text and "numbering:" not in text  # «1.» is the default
    assert r.todos[:2] == [(("sections", 0, "title"), GUESS[9:]), (("sections", 1, "title"), GUESS[9:])]
    assert [n.message for n in r.notes.items if n.kind == "uncertain"] == [
        "«1. Formål» read as section 1, a heading stacked over the next one (the exporter took the headings away from their text)",
        "headings stacked without their text («Formål», «Ansvar og roller», «Departementets ansvar»): the paragraphs "
        "after them dealt out one to each, in order (a guess)",
    ]


def test_a_list_of_heading_like_items_stays_a_list(tmp_path):
    """Numbers that do not go on after body text are a list, in a document with unnumbered headings."""
    text = ("Avtale om samarbeid om skolebibliotek\n\nAvtalen er inngått mellom Kunnskapsdepartementet og KS.\n\n"
            "Formål\n\nPartene skal styrke skolebibliotekene.\n\n1. Kompetanse\n\n2. Rekruttering\n\n"
            "Varighet\n\nAvtalen gjelder fram til 31. desember 2027.\n")
    assert run(tmp_path, text, id="x").outline.render() == """numbering: none
1: title: Avtale om samarbeid om skolebibliotek
3:   paragraph: Avtalen er inngått mellom Kunnskapsdepartementet og KS.
5: section 1: Formål
7:   paragraph: Partene skal styrke skolebibliotekene.
9:   numbered (1.):
    - Kompetanse
    - Rekruttering
13: section 2: Varighet
15:   paragraph: Avtalen gjelder fram til 31. desember 2027.
"""


FLAT = """Avtale om samarbeid om skolebibliotek

Avtalen er inngått mellom Kunnskapsdepartementet og KS.

Partene skal samarbeide om å styrke skolebibliotekene i kommunene. Departementet gir veiledning.

Avtalen gjelder fram til 31. desember 2027.
""" + SIGNED

FLAT_YAML = """# yaml-language-server: $schema=../schema/agreement.schema.json
# extracted by `avtale extract` from src.txt
id: x
title: Avtale om samarbeid om skolebibliotek
language: nb
parties:
  - id: kunnskapsdepartementet
    name: Kunnskapsdepartementet
  - id: ks
    name: KS
period:  # TODO the text gives no start date: add «start: YYYY-MM-DD» if known
  end: 2027-12-31
status: signed
numbering: none
sections:
  - title: Innhold  # TODO a guess: the source shows no section headings; the whole text is this one section: split it into sections and title each
    blocks:
      - Avtalen er inngått mellom Kunnskapsdepartementet og KS.
      - >-
        Partene skal samarbeide om å styrke skolebibliotekene i kommunene.
        Departementet gir veiledning.
      - Avtalen gjelder fram til 31. desember 2027.
signing:
  place: Oslo
  date: 2025-03-01
  signatories:
    - party: kunnskapsdepartementet
      name: Kari Nordmann
      title: Kunnskapsminister
    - party: ks
      name: Ola Nordmann
      title: Styreleder i KS
"""


def test_no_headings_at_all_is_one_section_with_a_todo(tmp_path):
    r = run(tmp_path, FLAT, id="x")
    assert r.yaml("src.txt") == FLAT_YAML
    assert [n.message for n in r.notes.items if n.kind == "uncertain"] == [
        "no section headings found: the whole text is one section titled «Innhold» (a guess); "
        "split it into sections and give each its title"]


def test_no_headings_cli_writes_validates_and_says_so(tmp_path):
    src = tmp_path / "src.txt"
    src.write_text(FLAT, encoding="utf-8")
    out = tmp_path / "x.yaml"
    r = run_cli("extract", src, "-o", out)
    assert r.returncode == 0, r.stderr
    assert f"{src}:3: uncertain: no section headings found: the whole text is one section titled «Innhold»" in r.stderr
    assert "  - title: Innhold  # TODO a guess" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", [
    "Handleliste\n\nmelk\nbrød\negg\nsmør\n",
    "# myproject\n\nA small tool.\n\n## Install\n\nRun pip install myproject.\n\n## Usage\n\nmyproject --help\n",
    "Bare en linje med tekst uten struktur.\n",
    "Avtale om noe\n",  # a title that names an agreement, and nothing after it
])
def test_not_an_agreement_is_still_refused(tmp_path, text):
    with pytest.raises(ExtractError, match="no numbered or marked section headings found; this does not look like an agreement"):
        run(tmp_path, text)
