"""Lists indent the same way in every format, per level, as the layout's `lists.levels` says (issue 16, point 4).

The example agreement (nested «1.» → «a)» → «i)», bullets inside a numbered item, bullets in an annex) plus a
section of every other kind (a list in «a)» and «i)», bullets three deep, an item long enough to wrap) is built
as PDF (Typst), DOCX (printed by LibreOffice) and HTML (printed by headless Chromium). For each item the x of
its marker and of its text's first word is read from `pdftotext -bbox-layout`: the PDF stands where the layout
puts it (within 1 pt), LibreOffice's print of the DOCX within 1 pt of the PDF, Chromium's within 1.5 pt.
"""

from __future__ import annotations

import copy

import pytest
import yaml
from layout_geometry import build, find_item, lines, rows
from render_samples import context

from avtale import layout as layout_module
from avtale.model import Agreement
from avtale.render import list_levels

from conftest import AGREEMENTS

PT = 72 / 25.4
LONG = ("Dette punktet er så langt at det bryter over flere linjer, og den andre linjen skal begynne "
        "akkurat der teksten i den første linjen begynner, under teksten og ikke under punkttegnet.")
EVERY_KIND = {"title": "Lister av alle slag", "blocks": [
    {"numbered": ["Alfapunkt en.", {"text": "Alfapunkt to med", "numbered": ["Betapunkt under."], "style": "1."}], "style": "a)"},
    {"numbered": ["Romerpunkt en.", "Romerpunkt to."], "style": "i)"},
    {"bullets": [LONG, {"text": "Kulepunkt ytre", "bullets": [{"text": "Kulepunkt midtre", "bullets": ["Kulepunkt indre."]}]}]},
]}
# (marker, the item's first words, level) — every kind of list at each of the three levels
ITEMS = [
    ("1.", "Tidlig innsats", 1),
    ("2.", "Tverrfaglig samarbeid", 1),
    ("a)", "felles kartlegging", 2),
    ("b)", "informasjonsdeling mellom", 2),
    ("i)", "samtykke er", 3),
    ("ii)", "taushetsplikten gjelder", 3),
    ("•", "videreutdanning for", 2),
    ("•", "Styringsgruppen møtes", 1),
    ("a)", "Alfapunkt en.", 1),
    ("1.", "Betapunkt under.", 2),
    ("i)", "Romerpunkt en.", 1),
    ("ii)", "Romerpunkt to.", 1),
    ("•", "Dette punktet", 1),
    ("•", "Kulepunkt ytre", 1),
    ("•", "Kulepunkt midtre", 2),
    ("•", "Kulepunkt indre.", 3),
]


def example() -> Agreement:
    data = yaml.safe_load((AGREEMENTS / "eksempel-2026-2029.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["sections"].append(EVERY_KIND)
    return Agreement.model_validate(data)


@pytest.fixture(scope="module")
def placed(tmp_path_factory):
    """format -> [(marker x, text x) of each of ITEMS, in points from the page's left margin], and the rows."""
    layout = layout_module.load()
    margin = layout["page"]["margin_left_mm"] * PT
    files = build(example(), context(AGREEMENTS), tmp_path_factory.mktemp("lists"), "lister")
    out = {}
    for fmt, pdf in files.items():
        found = rows(lines(pdf))
        out[fmt] = ([tuple(x - margin for x in find_item(found, marker, text)) for marker, text, _ in ITEMS],
                    found)
    return out


def test_the_pdf_sets_each_level_where_the_layout_says(placed):
    levels = list_levels.levels(layout_module.load())
    got, _ = placed["pdf"]
    for (marker, text, level), (marker_x, text_x) in zip(ITEMS, got):
        want = levels[level - 1]
        assert abs(marker_x - want.marker_mm * PT) <= 1, (marker, text, marker_x / PT)
        assert abs(text_x - want.text_mm * PT) <= 1, (marker, text, text_x / PT)


@pytest.mark.parametrize("fmt, within", [("docx", 1.0), ("html", 1.5)])
def test_docx_and_html_set_markers_and_text_where_the_pdf_does(placed, fmt, within):
    pdf, _ = placed["pdf"]
    got, _ = placed[fmt]
    for (marker, text, level), (pdf_marker, pdf_text), (marker_x, text_x) in zip(ITEMS, pdf, got):
        assert abs(marker_x - pdf_marker) <= within, (fmt, marker, text, level, marker_x, pdf_marker)
        assert abs(text_x - pdf_text) <= within, (fmt, marker, text, level, text_x, pdf_text)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_wrapped_item_goes_on_under_its_text_not_under_its_marker(placed, fmt):
    got, found = placed[fmt]
    first = next(i for i, (_, text, _) in enumerate(ITEMS) if text == "Dette punktet")
    text_x = got[first][1]
    start = next(i for i, row in enumerate(found) if [w.text for w in row[:3]] == ["•", "Dette", "punktet"])
    follow = found[start + 1]  # the item's second line
    assert follow[0].text in LONG.split() and follow[0].text != "•"
    margin = layout_module.load()["page"]["margin_left_mm"] * PT
    assert abs(follow[0].x - margin - text_x) <= 0.5, (fmt, follow[0].text, follow[0].x - margin, text_x)


def test_a_layout_without_levels_steps_by_the_list_indent():
    layout = {"spacing": {"list_indent_mm": 6}, "lists": {"bullet": "-"}}
    assert [(lv.marker_mm, lv.text_mm) for lv in list_levels.levels(layout)] == [(0, 6), (6, 12), (12, 18)]
    given = {"lists": {"levels": [{"marker_mm": 4, "text_mm": 10}, {"marker_mm": 10, "text_mm": 16}]}}
    assert [(lv.marker_mm, lv.text_mm) for lv in list_levels.levels(given, 4)] == [
        (4, 10), (10, 16), (16, 22), (22, 28)]
