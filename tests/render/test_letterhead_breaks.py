"""The letterhead breaks every name at the same places in DOCX, PDF and HTML (issue 16, point 2).

Agreements of 2, 3, 5, 8 and 12 parties with long ministry names (some with a PNG logo instead) are built
as PDF (Typst), DOCX (printed by LibreOffice) and HTML (printed by headless Chromium). From each print,
`pdftotext -bbox-layout` gives the words above the title; each is given the column of the shared plan
(`render.letterhead_plan`) it stands in, and the lines of each column, top to bottom, must be the same in all
three prints, hold the names exactly (no hyphen added, no word broken) and every logo must stand at one height.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from layout_geometry import chromium_pdf, libreoffice_pdfs, lines, rows
from render_samples import agreement, context, write_png

from avtale import layout as layout_module
from avtale.render import docx, html, letterhead_plan, pdf

from conftest import require_tool

PT = 72 / 25.4
NAMES = ["Arbeids- og inkluderingsdepartementet", "Kommunal- og distriktsdepartementet", "Samferdselsdepartementet",
         "KS"]
COUNTS = [2, 3, 5, 8, 12]  # an agreement has two parties at least; one party: the plan's own test
LOGOS = {3: {1: (120, 40)}, 8: {0: (60, 30), 4: (150, 60)}}  # parties that show a PNG logo (pixels) instead
TITLE = "Avtale om prøve"


def parties(count: int) -> list[dict]:
    out = []
    for i in range(count):
        party = {"id": f"p{i}", "name": NAMES[i % len(NAMES)]}
        if i in LOGOS.get(count, {}):
            party["logo"] = {"file": f"logo{count}-{i}.png", "alt": f"Logo {i}"}
        out.append(party)
    return out


@pytest.fixture(scope="module")
def prints(tmp_path_factory):
    """count -> (the agreement's plan, {"pdf" | "docx" | "html": the printed PDF})."""
    base = tmp_path_factory.mktemp("letterhead")
    ctx = context(base)
    for count, logos in LOGOS.items():
        for i, (width, height) in logos.items():
            write_png(base / f"logo{count}-{i}.png", width, height)
    out, docx_files = {}, []
    for count in COUNTS:
        a = agreement(parties=parties(count), signing=None, title=TITLE, status="signed")  # no draft mark above
        name = f"parter-{count}"
        (base / f"{name}.pdf").write_bytes(pdf.render(a, ctx))
        (base / f"{name}.docx").write_bytes(docx.render(a, ctx))
        (base / f"{name}.html").write_bytes(html.render(a, ctx))
        docx_files.append(base / f"{name}.docx")
        out[count] = (a, letterhead_plan.for_agreement(a, base, layout_module.load()), {
            "pdf": base / f"{name}.pdf",
            "html": chromium_pdf(base / f"{name}.html", base / f"{name}.html.pdf"),
        })
    for count, printed in zip(COUNTS, libreoffice_pdfs(docx_files, base / "lo")):
        out[count][2]["docx"] = printed
    return out


def columns(printed, plan) -> list[list[str]]:
    """The lines of text of each column of the letterhead (the words on page 1 above the title), top to bottom."""
    found = rows(lines(printed))
    title = next(row for row in found if row[0].page == 1 and " ".join(w.text for w in row).startswith(TITLE))
    margin = layout_module.load()["page"]["margin_left_mm"] * PT
    edges = [margin + sum(plan.widths_mm[:c + 1]) * PT for c in range(plan.columns)]
    out: list[list[str]] = [[] for _ in range(plan.columns)]
    for row in found:
        if row[0].page != 1 or row[0].y >= title[0].y - 1:
            continue
        by_column: dict[int, list[str]] = {}
        for word in row:
            middle = (word.x + word.right) / 2
            column = next((c for c, edge in enumerate(edges) if middle < edge), plan.columns - 1)
            by_column.setdefault(column, []).append(word.text)
        for column, words in by_column.items():
            out[column].append(" ".join(words))
    return out


@pytest.mark.parametrize("count", COUNTS)
def test_every_format_breaks_the_names_at_the_same_places(prints, count):
    a, plan, printed = prints[count]
    got = {fmt: columns(path, plan) for fmt, path in printed.items()}
    assert got["docx"] == got["pdf"], (count, got)
    assert got["html"] == got["pdf"], (count, got)


@pytest.mark.parametrize("count", COUNTS)
def test_the_names_stand_whole_without_a_hyphen_added(prints, count):
    a, plan, printed = prints[count]
    for fmt, path in printed.items():
        got = columns(path, plan)
        for column in range(plan.columns):
            names = [p.name for p, cell in zip(a.parties, plan.cells) if cell.column == column and not p.logo]
            assert " ".join(got[column]) == " ".join(names), (fmt, count, column, got[column])
            assert not any("\u00ad" in line or re.search(r"\w-$", line) for line in got[column]), (fmt, got)


def test_long_names_wrap_only_at_spaces_in_few_columns(prints):
    """Two long ministries side by side keep each on as few lines as its column allows; none is hyphenated."""
    a, plan, printed = prints[2]
    got = columns(printed["pdf"], plan)
    assert got[0] == ["Arbeids- og inkluderingsdepartementet"] or got[0] == ["Arbeids- og", "inkluderingsdepartementet"]
    assert all(len(column) <= 2 for column in got)


def logo_heights(printed) -> list[float]:
    """The height in points of each image on page 1 (its pixels over its resolution), from `pdfimages -list`."""
    tool = require_tool("pdfimages")
    listing = subprocess.run([tool, "-f", "1", "-l", "1", "-list", str(printed)], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    heights = []
    for line in listing:
        fields = line.split()
        if fields[2] == "image":  # not an smask (a PNG's alpha is listed apart)
            heights.append(int(fields[4]) * 72 / float(fields[13]))
    return heights


@pytest.mark.parametrize("count", sorted(LOGOS))
def test_logos_stand_at_one_height_in_every_format(prints, count):
    a, plan, printed = prints[count]
    assert plan.logo_height_mm == layout_module.load()["letterhead"]["logo_height_mm"]
    for fmt, path in printed.items():
        heights = logo_heights(path)
        assert len(heights) == len(LOGOS[count]), (fmt, heights)
        assert all(abs(h - plan.logo_height_mm * PT) <= 0.5 for h in heights), (fmt, heights, plan.logo_height_mm * PT)


def test_the_plan_puts_many_parties_in_rows_of_three():
    layout = layout_module.load()
    one = letterhead_plan.plan([letterhead_plan.Item(text=NAMES[0])], layout)
    assert one.widths_mm == (pytest.approx(160, abs=0.05),) and one.cells[0].align == "left"
    assert one.size_pt == layout["size_pt"]["letterhead"]
    five = letterhead_plan.plan([letterhead_plan.Item(text=n) for n in NAMES + ["KS"]], layout)
    assert five.columns == 5 and five.rows == 1
    assert abs(sum(five.widths_mm) - 160) < 0.1
    assert [c.align for c in five.cells] == ["left", "center", "center", "center", "right"]
    eight = letterhead_plan.plan([letterhead_plan.Item(text=NAMES[i % 4]) for i in range(8)], layout)
    assert eight.columns == 3 and eight.rows == 3
    assert [(c.row, c.column) for c in eight.cells][-2:] == [(2, 0), (2, 1)]
    wide = letterhead_plan.plan([letterhead_plan.Item(logo_mm=400), letterhead_plan.Item(text="KS")], layout)
    assert wide.logo_height_mm < layout["letterhead"]["logo_height_mm"], "a logo too wide for its column goes lower"
