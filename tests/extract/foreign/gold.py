"""What counts as right: the rule of tests/data/extract-corpus/README.md, as code.

`compare(extracted, gold)` gives the differences by area (meta, parties, body, signing), each
with its path; an extraction is exact when it gives none. What is compared is the project's own
`avtale.extract.compare.content`: comments, `seal`, `status`, `period.start`, `id` and the party
ids left out (a signatory's party is compared by the party's name), whitespace normalised,
defaults counting as given.

`what_source_can_hold(gold, manner, kind, source)` turns the gold into what a source of that
kind can give at all, mirroring the corpus README's "What some sources cannot hold". The list is
kept minimal; everything else is in the text, however hard (All caps titles, OCR, hyphens):

1. pandoc drops the automatic numbers of paragraphs in Heading styles (numbering.xml): neither
   the numbering nor which headings are subsections can be read. Expected: `numbering: none`,
   each subsection a section of its own after its parent.
2. pandoc shows automatic numbers of other paragraphs (bold Normal or List Paragraph headings)
   as list numbers «1.», without «§», without the choice of dot, and numbers subsections from 1
   («2.1» becomes «1.»). Expected: `numbering: "1."`, subsections flattened as in 1.
3. pdftotext (without -layout) may take heading numbers set off by a tab, and the headings
   with them, away from their paragraphs (corpus d01). Only when the source really is out of
   order (`in_order` finds the gold's headings and paragraphs out of sequence) the body is not
   compared at all.
4. pandoc leaves out a paragraph in Word's Title style that opens the document (it becomes the document's
   metadata, which plain text does not show): expected is the title left to fill in, `UNTITLED`.
5. Text exports of the PDF (pdftotext, -layout, pypdf) do not show a paragraph's end where Word's
   space after it is small and the paragraph's last line is full: there both readings are accepted
   (`avtale.extract.compare.unsure_breaks` and `merge_unsure`, applied by `run.check_source` only after
   the strict comparison failed, and counted apart).
6. pdftotext (without -layout) and pypdf do not show the empty paragraphs that set paragraphs apart in
   the manner `spacing` (pdftotext drops some of the gaps, pypdf all), so a manual line break between
   two sentences (`soft_break`) looks exactly like a paragraph's end: in those two kinds, in documents
   with manual breaks, every line end at a sentence end before a capital is a break of both readings
   (`soft_breaks`, used as 5). pdftotext -layout shows the gaps, so there a manual break is read.
"""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher

from avtale.extract.compare import AREAS, content
from avtale.extract.recognise import UNTITLED
from avtale.model import Agreement, all_texts


def compare(extracted: Agreement, gold: Agreement, skip=()) -> dict[str, list[str]]:
    """{area: differences} between an extraction and the gold; empty when exact. `skip`: areas left out.
    What is compared is `avtale.extract.compare.content` (the rule as the project's own code has it)."""
    a, b = content(extracted), content(gold)
    out: dict[str, list[str]] = {}
    for area in AREAS:
        found: list[str] = []
        if area not in skip:
            _diff(a[area], b[area], area, found)
        if found:
            out[area] = found
    return out


def _short(value, width: int = 90) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def _diff(x, y, path: str, out: list[str]) -> None:
    if x == y:
        return
    if isinstance(x, dict) and isinstance(y, dict):
        for k in list(y) + [k for k in x if k not in y]:
            _diff(x.get(k), y.get(k), f"{path}.{k}", out)
    elif isinstance(x, list) and isinstance(y, list):
        keys_x = [json.dumps(v, sort_keys=True, ensure_ascii=False) for v in x]
        keys_y = [json.dumps(v, sort_keys=True, ensure_ascii=False) for v in y]
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, keys_x, keys_y, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            both = min(i2 - i1, j2 - j1)
            for k in range(both):  # pair what was replaced, one by one, to say where inside it differs
                _diff(x[i1 + k], y[j1 + k], f"{path}[{j1 + k}]", out)
            if i2 - i1 > both:
                out.append(f"{path}[{j1 + both}]: extra {_short(x[i1 + both:i2])}")
            if j2 - j1 > both:
                out.append(f"{path}[{j1 + both}]: missing {_short(y[j1 + both:j2])}")
    elif isinstance(x, str) and isinstance(y, str):
        i = next((k for k, (a, b) in enumerate(zip(x, y)) if a != b), min(len(x), len(y)))
        at = max(0, i - 30)
        cut = "…" if at else ""
        out.append(f"{path}: {_short(cut + x[at:])}, gold {_short(cut + y[at:])}")
    else:
        out.append(f"{path}: {_short(x)}, gold {_short(y)}")


def first_difference(diffs: dict[str, list[str]]) -> str:
    """One line: the areas that differ and the first difference."""
    if not diffs:
        return "exact"
    first = next(iter(diffs.values()))[0]
    return f"{','.join(diffs)}: {first}"


# --- what a source can hold ---------------------------------------------------------------------
def flatten(data: dict) -> dict:
    """Each subsection becomes a section of its own, right after its parent."""
    sections = []
    for s in data["sections"]:
        sections.append({"title": s["title"], "blocks": s["blocks"]})
        sections.extend({"title": u["title"], "blocks": u["blocks"]} for u in s.get("subsections", []))
    return {**data, "sections": sections}


def what_source_can_hold(gold: Agreement, manner, kind: str, source: str | None = None
                         ) -> tuple[Agreement, dict[str, str]]:
    """(the gold as this source can give it, {area: why the source cannot hold it at all})."""
    data = gold.model_dump()
    unheld: dict[str, str] = {}
    if kind == "pandoc" and manner.numbers == "auto":
        data = flatten(data)
        data["numbering"] = "none" if manner.headings == "styles" else "1."
    if kind == "pandoc" and manner.title == "style" and manner.letterhead == "none":
        data["title"] = UNTITLED  # the document opens with its Title paragraph: pandoc takes it for metadata
    tabbed = manner.numbers != "none" and manner.gap == "tab"
    if kind == "pdftotext" and tabbed and source is not None and not in_order(gold, source):
        unheld["body"] = "pdftotext's reading order takes headings away from their paragraphs"
    return Agreement.model_validate(data), unheld


SOFT_BREAK_KINDS = ("pdftotext", "pypdf")


def soft_breaks(source: str) -> set[tuple[str, str]]:
    """Rule 6: every line end of `source` where a sentence ends and the next line, on the same page and
    with no blank line between, starts with a capital: (last three words, first three words); the last three
    words of the text up to the line end, so a short line («tenleg.») under the rest of its sentence counts."""
    lines = [" ".join(line.split()) for line in source.replace("\f", "\n\f").splitlines()]
    out, words = set(), []
    for a, b in zip(lines, lines[1:]):
        words = (words + a.split())[-3:] if a else []  # a line of one or two words ends what the lines above began
        if a and b and not b.startswith("\f") and re.search(r"[.!?][»”\")]?$", a) and b[:1].isupper():
            out.add((" ".join(words), " ".join(b.split()[:3])))
    return out


def _anchors(gold: Agreement) -> list[tuple[str, str]]:
    """(kind, text) for each heading and the first words of each paragraph and item, in order."""
    out = []
    for loc, text in all_texts(gold):
        if loc[0] in ("preamble", "sections"):
            words = " ".join(text.split()[:4])
            out.append(("heading" if loc[-1] == "title" else "start", words))
    return out


def in_order(gold: Agreement, source: str) -> bool:
    """Whether the source has the gold's headings and paragraph starts in the gold's order."""
    lines = [" ".join(line.split()) for line in source.splitlines()]
    lines = [re.sub(r"^(§ ?)?\d+(\.\d+)*\.?\s*", "", line) for line in lines]
    at = 0
    for kind, words in _anchors(gold):
        hits = [i for i, line in enumerate(lines) if (line == words if kind == "heading" else line.startswith(words))]
        ahead = [i for i in hits if i >= at]
        if ahead:
            at = ahead[0]
        elif hits:
            return False
    return True
