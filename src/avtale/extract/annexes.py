"""Annexes after the signature block: split off before signing, each read as a small outline of its own.

Reads: `Line`s, where a reader marked an annex heading with the hint `annex` (its payload names the annex's
number, title and id: `docx_structure.AnnexHeading`). Writes: the lines before the first annex (the agreement,
whose signature block is then at its end, where the signing stage looks), and for each annex a `Part`
(title, id, blocks, subsections) read by unwrap and recognise as a text whose title is the annex's.

Inside an annex the headings one level below the annex heading are its subsections: where the reader's hints
put them a level lower (the annex heading is a section-level heading), they are raised by one.
"""

from __future__ import annotations

from dataclasses import replace

from avtale.extract.lines import Line, Notes
from avtale.extract.outline import Part

RAISE = {"subheading": "heading", "subsubheading": "subheading"}


def split(lines: list[Line]) -> tuple[list[Line], list[list[Line]]]:
    starts = [i for i, ln in enumerate(lines) if ln.hint == "annex"]
    if not starts:
        return lines, []
    groups = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
    return lines[:starts[0]], groups


def read(groups: list[list[Line]], notes: Notes) -> list[Part]:
    from avtale.extract import recognise, unwrap

    out = []
    for group in groups:
        head, rest = group[0], group[1:]
        if not any(ln.hint == "heading" for ln in rest):
            rest = [replace(ln, hint=RAISE.get(ln.hint, ln.hint)) for ln in rest]
        lines = [Line(head.no, head.text, head.page, "title")] + rest
        outline = recognise.recognise(unwrap.unwrap(lines, notes), notes)
        info = head.rich
        out.append(Part(getattr(info, "title", head.text), head.no, outline.preamble, outline.sections,
                        getattr(info, "id", None)))
    return out
