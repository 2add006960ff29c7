"""Helpers for the DOCX tests: a generated agreement, reading a DOCX back, what the text should be."""

from __future__ import annotations

import io
import re
from pathlib import Path

import render_samples

from avtale import dates
from avtale.model import Agreement, Bullets, list_style
from avtale.render import RenderContext

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_NUMBERS = {"1.": "{}.", "1": "{}", "§ 1": "§ {}", "none": ""}
LIST_MARKS = {"1.": "{}.", "1)": "{})", "a)": "{})"}


def generated(**overrides) -> Agreement:
    """Nynorsk, "§ 1" numbering, subsections, a) and 1) lists, a logo, three parties and five signatories."""
    data = {
        "id": "generert",
        "title": "Avtale om samarbeid på prøve",
        "language": "nn",
        "parties": [
            {"id": "kd", "name": "Kunnskapsdepartementet", "short": "KD",
             "logo": {"file": "logo/kd.png", "alt": "Kunnskapsdepartementets logo"}},
            {"id": "ks", "name": "KS"},
            {"id": "udir", "name": "Utdanningsdirektoratet"},
        ],
        "period": {"start": "2024-01-01", "end": "2026-12-31"},
        "status": "draft",
        "numbering": "§ 1",
        "preamble": ["Innleiing til avtalen.", {"numbered": ["fyrste punkt", "andre punkt"], "style": "a)"}],
        "sections": [
            {"title": "Formål", "blocks": ["Avtalen skal gje betre samarbeid.", {"bullets": ["eitt", "to"]}]},
            {
                "title": "Plikter",
                "blocks": [{"numbered": ["alfa", "beta", "gamma"], "style": "a)"}],
                "subsections": [
                    {"title": "Staten", "blocks": [{"numbered": ["delta", "epsilon"], "style": "1)"}]},
                    {"title": "Kommunane", "blocks": ["Kommunane skal bidra.", {"numbered": ["zeta"], "style": "1."}]},
                ],
            },
            {"title": "Økonomi", "blocks": ["Ingen nye pliktar."]},
        ],
        "signing": {
            "place": "Bergen",
            "date": "2024-02-29",
            "signatories": [
                {"party": "kd", "name": "Torbjørn Røe Isaksen", "title": "Kunnskapsminister"},
                {"party": "ks", "name": "Ola Dal", "title": "Leiar"},
                {"party": "udir", "name": "Siri Ås", "title": "Utdanningsdirektør"},
                {"party": "kd", "name": "Per Moe", "title": "Kommunal- og distriktsminister"},
                {"party": "ks", "name": "Ali Berg", "title": "Nestleiar"},
            ],
        },
    }
    data.update(overrides)
    return Agreement.model_validate(data)


def context(base_dir: Path) -> RenderContext:
    return render_samples.context(base_dir)


def write_png(path: Path, width: int = 90, height: int = 60, rgb=(0, 51, 160)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return render_samples.write_png(path, width, height, rgb)


def read(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def num_pr(paragraph) -> tuple[int, int] | None:
    """(numId, ilvl) written on the paragraph itself, or None."""
    ppr = paragraph._p.pPr
    numpr = None if ppr is None else ppr.find(f"{W}numPr")
    if numpr is None:
        return None
    return int(numpr.find(f"{W}numId").get(f"{W}val")), int(numpr.find(f"{W}ilvl").get(f"{W}val"))


def numbering(document) -> dict:
    """numId -> {"abstract": id, "start": startOverride or None, "levels": {ilvl: (numFmt, lvlText, pStyle)}}."""
    root = document.part.numbering_part.element
    abstracts = {}
    for abstract in root.findall(f"{W}abstractNum"):
        levels = {}
        for lvl in abstract.findall(f"{W}lvl"):
            style = lvl.find(f"{W}pStyle")
            levels[int(lvl.get(f"{W}ilvl"))] = (
                lvl.find(f"{W}numFmt").get(f"{W}val"),
                lvl.find(f"{W}lvlText").get(f"{W}val"),
                None if style is None else style.get(f"{W}val"),
            )
        abstracts[abstract.get(f"{W}abstractNumId")] = levels
    out = {}
    for num in root.findall(f"{W}num"):
        abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
        start = num.find(f"{W}lvlOverride/{W}startOverride")
        out[int(num.get(f"{W}numId"))] = {
            "abstract": abstract_id,
            "start": None if start is None else int(start.get(f"{W}val")),
            "levels": abstracts[abstract_id],
        }
    return out


def body_paragraphs(document):
    """The paragraphs of the body outside tables, in order."""
    return list(document.paragraphs)


def expected_body(agreement: Agreement) -> list[tuple[str, str]]:
    """(style id, text) for every body paragraph outside tables, in the order of the model."""
    out = [("Heading1", agreement.title)]
    out += _blocks(agreement.preamble)
    for section in agreement.sections:
        out.append(("Heading2", section.title))
        out += _blocks(section.blocks)
        for sub in section.subsections:
            out.append(("Heading3", sub.title))
            out += _blocks(sub.blocks)
    if agreement.signing:
        out.append((None, f"{agreement.signing.place}, {dates.format_date(agreement.signing.date)}"))
        out.append((None, ""))  # the minimal paragraph Word wants after the signature table
    return out


def _blocks(blocks) -> list[tuple[str | None, str]]:
    out = []
    for block in blocks:
        if isinstance(block, str):
            out.append((None, block))
        else:
            items = block.bullets if isinstance(block, Bullets) else block.numbered
            out += [("ListParagraph", item) for item in items]
    return out


def expected_printed(agreement: Agreement) -> list[str]:
    """What a reader sees, in order: numbered headings, paragraphs, list items with their marks."""
    heading = HEADING_NUMBERS[agreement.numbering]
    out = [agreement.title, *_printed_blocks(agreement.preamble)]
    for i, section in enumerate(agreement.sections, 1):
        number = heading.format(i)
        out.append(f"{number} {section.title}".strip())
        out += _printed_blocks(section.blocks)
        for j, sub in enumerate(section.subsections, 1):
            out.append(f"{i}.{j} {sub.title}" if heading else sub.title)
            out += _printed_blocks(sub.blocks)
    if agreement.signing:
        out.append(f"{agreement.signing.place}, {dates.format_date(agreement.signing.date)}")
    return out


def _printed_blocks(blocks) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, str):
            out.append(block)
        elif isinstance(block, Bullets):
            out += [f"\u2022 {item}" for item in block.bullets]
        else:
            style = list_style(block.style, 1)  # a list in the text: 1. unless it says otherwise
            for n, item in enumerate(block.numbered, 1):
                mark = "abcdefghijklmnopqrstuvwxyz"[n - 1] if style == "a)" else str(n)
                out.append(f"{LIST_MARKS[style].format(mark)} {item}")
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def find_in_order(haystack: str, needles: list[str]) -> list[str]:
    """The needles not found in order in `haystack` (whitespace-insensitive); empty when all are."""
    haystack = squash(haystack)
    missing, pos = [], 0
    for needle in needles:
        at = haystack.find(squash(needle), pos)
        if at < 0:
            missing.append(needle)
        else:
            pos = at + len(squash(needle))
    return missing
