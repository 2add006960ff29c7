"""Recognise stage: title, preamble, sections, subsections, lists and the signature block.

Reads: `Para`s from unwrap. Writes: an `Outline` (with source lines), and a note for
every uncertain decision.

- Title: the first paragraph (or the one a structured reader marked).
- Heading numbering: «§ 1», «1.» or «1» by the first heading-like paragraph numbered 1;
  «none» when no paragraph is numbered so (headings are then short unpunctuated lines
  between paragraphs, or what a structured reader marked; a short one straight over
  another over body text heads a section of its own, as a subsection's parent does).
- Headings follow one another 1, 2, 3 …; a numbered list starts again at 1 inside a
  section, or numbers on from the list before it, in this section or an earlier one (Word's «continue
  numbering»: 4, 5, 6 after 1, 2, 3 with a lead-in between) and is a list of its own. When a paragraph «5. …» could be both section 5 and item 5 of an open list,
  it is the list item if the next paragraph is item 6, or if another heading-like «5. …»
  follows later; otherwise a short, unpunctuated one is the heading.
- Subsections «2.1» belong to the section with that number.
- Bullets (·, •, –, -, *) run on across blank lines; a numbered list («1.», «1)», «a)»)
  runs while numbers follow one another.
- The signature block was taken out before (stage `signing`) and is passed on.
"""

from __future__ import annotations

import re

from avtale.extract.lines import Notes, Para
from avtale.extract.markers import Marker, marker
from avtale.extract.outline import Block, Outline, Part, SigningOut

HEADING_MAX = 120


def heading_like(text: str) -> bool:
    text = " ".join(text.split())
    return (
        0 < len(text) <= HEADING_MAX
        and len(text.split()) <= 16
        and not re.search(r"[.:;,]['»\")]*$", text)
        and (text[0].isupper() or text[0] in "«\"")
    )


def recognise(paras: list[Para], notes: Notes, signed: SigningOut | None = None) -> Outline:
    out = Outline(signing=signed)
    if not paras:
        return out
    start = next((i for i, p in enumerate(paras) if p.hint == "title"), 0)
    out.title, out.title_line = " ".join(paras[start].text.split()), paras[start].first
    if marker(out.title).kind not in ("none", "bare") or not heading_like(out.title.rstrip(".")):
        notes.uncertain(out.title_line, f"title taken from the first paragraph: «{out.title[:60]}»")
    body = paras[start + 1 :]
    marks = [marker(" ".join(p.text.split())) for p in body]
    out.numbering = _numbering(body, marks)
    _walk(out, body, marks, notes)
    return out


def _head_kind(numbering: str) -> str:
    return {"§ 1": "section", "1.": "number", "1": "bare"}.get(numbering, "")


def _numbering(body: list[Para], marks: list[Marker]) -> str:
    """The heading numbering style: the first heading-like paragraph numbered 1 decides."""
    for i, (p, m) in enumerate(zip(body, marks)):
        if p.hint not in (None, "para", "heading") or m.number != 1 or not heading_like(m.text):
            continue
        nxt = marks[i + 1] if i + 1 < len(marks) else None
        if m.kind == "section":
            return "§ 1"
        if m.kind == "bare":
            return "1"
        if m.kind == "number" and m.style == "1." and not (nxt and nxt.kind == "number" and nxt.number == 2):
            return "1."
    return "none"


def _walk(out: Outline, body: list[Para], marks: list[Marker], notes: Notes) -> None:
    kind = _head_kind(out.numbering)
    expected = 1
    container = out.preamble
    section: Part | None = None
    list_block: Block | None = None  # the open list
    list_next = 0
    for i, (p, m) in enumerate(zip(body, marks)):
        text = " ".join(p.text.split())
        if _is_heading(i, body, marks, kind, expected, list_block, list_next, out.numbering, notes):
            section = Part(m.text if kind else text, p.first)
            out.sections.append(section)
            container = section.blocks
            expected += 1
            list_block = None
            continue
        if p.hint == "subheading" or (
            m.kind == "subsection" and section is not None and m.number == expected - 1
            and m.sub == len(section.subsections) + 1 and heading_like(m.text)
        ):
            sub = Part(m.text if m.kind == "subsection" else text, p.first)
            if section is None:
                notes.uncertain(p.first, f"subsection «{text}» before any section; kept as a paragraph")
                container.append(Block("paragraph", [text], p.first))
                continue
            section.subsections.append(sub)
            container = sub.blocks
            list_block = None
            continue
        if m.kind == "bullet" or p.hint == "bullet":
            item = m.text if m.kind == "bullet" else text
            if list_block is not None and list_block.kind == "bullets" and container and container[-1] is list_block:
                list_block.items.append(item)
            else:
                list_block = Block("bullets", [item], p.first)
                container.append(list_block)
            continue
        if m.kind in ("number", "letter"):
            style = m.style
            if list_block is not None and list_block.kind == "numbered" and list_block.style == style and m.number == list_next and container[-1] is list_block:
                list_block.items.append(m.text)
                list_next += 1
                continue
            if m.number == 1 or _numbered_on(out, style, m.number):
                if m.number != 1:
                    notes.uncertain(p.first, f"«{text[:40]}» numbers on from the list above: a list of its own, from 1")
                list_block = Block("numbered", [m.text], p.first, style, m.number)
                container.append(list_block)
                list_next = m.number + 1
                continue
            notes.uncertain(p.first, f"«{text[:40]}» is numbered {m.number} but follows no list; kept as a paragraph")
        list_block = None
        container.append(Block("paragraph", [text], p.first))


def _numbered_on(out: Outline, style: str, number: int) -> bool:
    """Word numbers a list on from the last one of its style (4, 5, 6 after 1, 2, 3; a lead-in, a heading or
    a list of another style, «a)» under «1.», between)."""
    blocks = out.preamble + [b for s in out.sections for b in s.blocks + [x for sub in s.subsections for x in sub.blocks]]
    last = next((b for b in reversed(blocks) if b.kind == "numbered" and b.style == style), None)
    return last is not None and len(last.items) + (last.start - 1) == number - 1


def _is_heading(i, body, marks, kind, expected, list_block, list_next, numbering, notes) -> bool:
    p, m = body[i], marks[i]
    if p.hint == "heading":
        return True
    if p.hint not in (None, "para"):
        return False
    if numbering == "none":
        return _unnumbered_heading(i, body, marks)
    if m.kind != kind or m.number != expected or not heading_like(m.text):
        return False
    nxt = marks[i + 1] if i + 1 < len(marks) else None
    list_open = list_block is not None and list_block.kind == "numbered" and list_block.style == m.style and list_next == m.number
    if kind == "number" and nxt is not None and nxt.kind == "number" and nxt.style == m.style and nxt.number == m.number + 1:
        if list_open:
            notes.uncertain(p.first, f"«{m.number}. {m.text[:40]}» read as list item {m.number}, not section {m.number}: item {m.number + 1} follows")
        return False
    if not list_open:
        return True
    later = any(
        mk.kind == kind and mk.number == m.number and heading_like(mk.text) and body[j].hint in (None, "para")
        for j, mk in enumerate(marks[i + 1 :], start=i + 1)
    )
    if later:
        notes.uncertain(p.first, f"«{m.number}. {m.text[:40]}» read as list item {m.number}: a later «{m.number}.» heads section {m.number}")
        return False
    notes.uncertain(p.first, f"«{m.number}. {m.text[:40]}» could end the list; read as section {m.number}")
    return True


def _unnumbered_heading(i: int, body: list[Para], marks: list[Marker]) -> bool:
    """Without numbers: a short unpunctuated line that opens a block and is followed by body text."""
    p, m = body[i], marks[i]
    if m.kind != "none" or not heading_like(p.text) or len(p.text.split()) > 10:
        return False
    if i + 1 >= len(body):
        return False
    nxt = body[i + 1]
    if heading_like(nxt.text) and marks[i + 1].kind == "none":
        after = body[i + 2] if i + 2 < len(body) else None  # a heading straight over a subheading: both head
        if after is None or heading_like(after.text) or len(p.text.split()) > 6:
            return False
    prev_ended = (i == 0 or p.blank_before or p.page_start or re.search(r"[.:!?]['»\")]*$", body[i - 1].text.strip())
                  or marks[i - 1].kind in ("bullet", "number", "letter") or body[i - 1].hint in ("bullet", "numbered"))
    return bool(prev_ended)
