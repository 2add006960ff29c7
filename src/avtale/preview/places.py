"""Where in the rendered agreement a finding belongs: the heading of the part its path points into.

reads: an agreement (model) and a finding's path (`loc`, e.g. ('sections', 2, 'paragraphs', 1))
writes: the index of that part's heading among the document's headings, or the signature block

The headings come in the order both the PDF and the HTML set them: the title, each section and its
subsections depth first, then each annex and its subsections. `headings` lists their paths in that order;
the preview's page finds the n-th heading (h1–h4 in the HTML, the PDF's reported heading places) by it.
"""

from __future__ import annotations

from avtale.model import Agreement

TITLE = ("title",)


def headings(agreement: Agreement) -> list[tuple]:
    """The path of every heading, in the order the document sets them."""
    out = [TITLE]
    for i, section in enumerate(agreement.sections):
        out += _with_subsections(("sections", i), section)
    for i, annex in enumerate(agreement.annexes):
        out += _with_subsections(("annexes", i), annex)
    return out


def _with_subsections(path: tuple, part) -> list[tuple]:
    out = [path]
    for j, sub in enumerate(part.subsections):
        out += _with_subsections((*path, "subsections", j), sub)
    return out


def target(loc: tuple, places: list[tuple]) -> dict:
    """{"heading": n} for the deepest heading whose part holds `loc`, {"signing": true} for the signature block,
    the title's heading (n = 0) for everything before the first section (metadata, parties, preamble)."""
    loc = tuple(loc)
    if loc[:1] == ("signing",):
        return {"signing": True}
    best = 0
    for n, path in enumerate(places):
        if loc[:len(path)] == path and len(path) >= len(places[best]):
            best = n
    return {"heading": best}
