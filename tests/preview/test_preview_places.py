"""preview/places.py: a finding's path to the heading of its part, in the order the PDF and the HTML set them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from avtale import agreements, layout, render
from avtale.preview import places
from avtale.render.pdf_preview import PageSetter

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "agreements").glob("*.yaml"))


def test_headings_are_the_title_then_sections_depth_first_then_annexes():
    example = agreements.read(ROOT / "agreements" / "eksempel-2026-2029.yaml")
    assert places.headings(example) == [
        ("title",), ("sections", 0), ("sections", 1), ("sections", 1, "subsections", 0),
        ("sections", 1, "subsections", 0, "subsections", 0), ("sections", 1, "subsections", 1), ("sections", 2),
        ("sections", 3), ("annexes", 0), ("annexes", 0, "subsections", 0), ("annexes", 1)]


@pytest.mark.parametrize("loc, expected", [
    (("title",), {"heading": 0}),
    (("period", "end"), {"heading": 0}),
    (("parties", 3, "name"), {"heading": 0}),
    (("preamble", 0), {"heading": 0}),
    (("sections", 0, "blocks", 1), {"heading": 1}),
    (("sections", 1), {"heading": 2}),
    (("sections", 1, "subsections", 0, "blocks", 0), {"heading": 3}),
    (("sections", 1, "subsections", 0, "subsections", 0, "title"), {"heading": 4}),
    (("sections", 1, "subsections", 1, "blocks", 2, "bullets", 0), {"heading": 5}),
    (("annexes", 0, "blocks", 0), {"heading": 6}),
    (("signing", "signatories", 2, "party"), {"signing": True}),
])
def test_target_is_the_deepest_heading_holding_the_path(loc, expected):
    paths = [("title",), ("sections", 0), ("sections", 1), ("sections", 1, "subsections", 0),
             ("sections", 1, "subsections", 0, "subsections", 0), ("sections", 1, "subsections", 1), ("annexes", 0)]
    assert places.target(loc, paths) == expected


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_pdf_and_the_html_set_as_many_headings_as_places_lists(path):
    """The page finds the n-th heading by this order: the PDF's reported places and the HTML's h1–h4 must
    be exactly the headings listed, in their levels."""
    agreement = agreements.read(path)
    context = render.RenderContext(base_dir=path.parent.resolve(), layout=layout.load())
    paths = places.headings(agreement)
    levels = [1] + [_level(p) for p in paths[1:]]
    pages = PageSetter(path.parent).pages(agreement, context)
    assert [h["level"] for h in pages.headings] == levels
    assert all(1 <= h["page"] <= len(pages.svgs) and 0 < h["y"] < pages.height_pt for h in pages.headings)
    html = render.render(agreement, "html", context).decode("utf-8")
    assert [int(n) for n in re.findall(r"<h([1-4])\b", html)] == levels
    if agreement.signing is not None:
        assert pages.signing is not None and 1 <= pages.signing["page"] <= len(pages.svgs)
    json.dumps(pages.headings)  # sent to the page as it is


def _level(path: tuple) -> int:
    """A section or an annex is a level-2 heading, each subsection one deeper."""
    return 2 + path.count("subsections")
