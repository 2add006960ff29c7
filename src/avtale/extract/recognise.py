"""Recognise stage: title, preamble, sections, subsections, lists and the signature block.

Reads: `Para`s from unwrap. Writes: an `Outline` (with source lines), and a note for
every uncertain decision.

- Title: the first paragraph (or the one a structured reader marked).
- Heading numbering: «§ 1», «1.» or «1» by the first heading-like paragraph numbered 1;
  «none» when no paragraph is numbered so (headings are then short unpunctuated lines
  between paragraphs, or what a structured reader marked; a short one straight over
  another over body text heads a section of its own, as a subsection's parent does).
  When no «1.» qualifies because item 2 follows it, «1.» is still the numbering if the
  paragraphs «1.», «2.» … are stacked headings (below) and the numbers go on after body
  text: a later heading-like «N+1.» stands after text that is no list item. A list does
  not go on across body text with heading-like items (Word's «continue numbering» comes
  after a lead-in «…:», which stacked headings never follow).
- Stacked headings: a PDF's text export (pdftotext without -layout) follows the page's text
  flow, which may take several headings away from their paragraphs and set them one after
  another («1. Føremål», «2. Ansvar og roller», «2.1 …», then the paragraphs of all three).
  A run of heading-like «N.», «N+1.» … numbered as the sections go on is headings, not a
  list, when it does not follow a lead-in «…:», no list is open, and no later heading-like
  «N.» heads section N. Their text is then dealt out (see `_deal_stacked`).
- A paragraph that is only a heading number («2.», «2.1», «§ 3»: the exporter took the number
  away from its heading) is no content: dropped with a note.
- Headings follow one another 1, 2, 3 …; a numbered list starts again at 1 inside a
  section, or numbers on from the list before it, in this section or an earlier one (Word's «continue
  numbering»: 4, 5, 6 after 1, 2, 3 with a lead-in between) and is a list of its own. When a paragraph «5. …» could be both section 5 and item 5 of an open list,
  it is the list item if the next paragraph is item 6, or if another heading-like «5. …»
  follows later; otherwise a short, unpunctuated one is the heading.
- Subsections «2.1» belong to the section with that number. A third level (2.1.1) only where a reader
  marked it (`subsubheading`: Word's heading styles), under the last subsection; its number is taken off.
- A line a reader marked `table` is a table block (the cells travel in the line's payload, `rich`).
- Bullets (·, •, –, -, *) run on across blank lines; a numbered list («1.», «1)», «a)»)
  runs while numbers follow one another.
- The signature block was taken out before (stage `signing`) and is passed on.
"""

from __future__ import annotations

import re

from avtale.extract.lines import Notes, Para
from avtale.extract.markers import Marker, marker
from avtale.extract.outline import Block, Outline, Part, SigningOut
from avtale.i18n import _

HEADING_MAX = 120
DEEP_NUMBER = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s+")  # «2.1.1 » before a third-level heading
LONE_NUMBER = re.compile(r"^\s*(?:§\s*)?\d{1,2}(?:\.\d{1,2})*\.?\s*$")


def heading_like(text: str) -> bool:
    text = " ".join(text.split())
    return (
        0 < len(text) <= HEADING_MAX
        and len(text.split()) <= 16
        and not re.search(r"[.:;,]['»\")]*$", text)
        and (text[0].isupper() or text[0] in "«\"")
    )


UNTITLED = "(tittel)"


def _sentences(text: str) -> bool:
    """A paragraph of prose, not a title: six words or more and a full stop at the end."""
    return len(text.split()) >= 6 and bool(re.search(r"[.!?]['»\")]*$", text))


def recognise(paras: list[Para], notes: Notes, signed: SigningOut | None = None) -> Outline:
    out = Outline(signing=signed)
    if not paras:
        return out
    start = next((i for i, p in enumerate(paras) if p.hint == "title"), 0)
    first = " ".join(paras[start].text.split())
    if paras[start].hint != "title" and _sentences(first):
        # pandoc leaves out a paragraph in Word's Title style (it is the document's metadata): the text starts
        # with the preamble, and a title to be filled in is better than a sentence taken for one
        out.title, out.title_line = UNTITLED, paras[start].first
        out.todos.append((("title",), _("the source shows no title (pandoc leaves out Word's Title style): write it")))
        notes.uncertain(out.title_line, _("no title: the text starts with a sentence; the title is left to fill in"))
        start -= 1
    else:
        out.title, out.title_line = first, paras[start].first
        if marker(out.title).kind not in ("none", "bare") or not heading_like(out.title.rstrip(".")):
            notes.uncertain(out.title_line, _("title taken from the first paragraph: «{title}»")
                                            .format(title=out.title[:60]))
    body = []
    for p in paras[start + 1 :]:
        if LONE_NUMBER.match(p.text) and p.hint in (None, "para", "heading", "subheading"):
            notes.dropped(p.first, p.text.strip(), _("a heading number alone, away from its heading"))
            continue
        body.append(p)
    marks = [marker(" ".join(p.text.split())) for p in body]
    index = _Index(body, marks)
    out.numbering = _numbering(body, marks, index)
    _walk(out, body, marks, notes, index)
    _deal_stacked(out, notes, {p.first for p in body if p.hint == "heading"})
    return out


class _Index:
    """What the rules ask of the paragraphs after one (a later heading «N.», where a run of «N.», «N+1.» … ends),
    found once: asked for each paragraph by a look through all those after it, a text of many numbered paragraphs
    cost the square of their number."""

    def __init__(self, body: list[Para], marks: list[Marker]) -> None:
        self.body, self.marks = body, marks
        self._like: dict[int, bool] = {}
        self._ends: list[int] | None = None
        self._last: dict[tuple, int] | None = None

    def like(self, j: int) -> bool:
        """The paragraph's marked text is heading-like and no reader gave it a hint but «para»."""
        if j not in self._like:
            self._like[j] = heading_like(self.marks[j].text) and self.body[j].hint in (None, "para")
        return self._like[j]

    def run_end(self, i: int) -> int:
        """`_run_end`, for every paragraph at once (from the last one back)."""
        if self._ends is None:
            marks, n = self.marks, len(self.marks)
            self._ends = list(range(1, n + 1))
            for j in range(n - 2, -1, -1):
                a, b = marks[j], marks[j + 1]
                if (b.kind == "number" and b.style == a.style and b.number == a.number + 1
                        and self.like(j + 1)):
                    self._ends[j] = self._ends[j + 1]
        return self._ends[i]

    def last(self, kind: str, number: int, style: str | None = None) -> int:
        """The last heading-like paragraph marked `kind` with this number (and style, where given), or -1."""
        if self._last is None:
            self._last = {}
            for j, mk in enumerate(self.marks):
                if mk.kind in ("number", "section", "bare", "subsection", "letter") and self.like(j):
                    self._last[(mk.kind, mk.number, None)] = j
                    self._last[(mk.kind, mk.number, mk.style)] = j
        return self._last.get((kind, number, style), -1)


def _head_kind(numbering: str) -> str:
    return {"§ 1": "section", "1.": "number", "1": "bare"}.get(numbering, "")


def _numbering(body: list[Para], marks: list[Marker], index: _Index) -> str:
    """The heading numbering style: the first heading-like paragraph numbered 1 decides."""
    for i, (p, m) in enumerate(zip(body, marks)):
        if p.hint not in (None, "para", "heading") or m.number != 1 or not heading_like(m.text):
            continue
        nxt = marks[i + 1] if i + 1 < len(marks) else None
        if m.kind == "section":
            return "§ 1"
        if m.kind == "bare":
            return "1"
        if m.kind == "number" and m.style == "1." and (p.hint == "heading" or not (nxt and nxt.kind == "number" and nxt.number == 2)):
            return "1."
    for i, (p, m) in enumerate(zip(body, marks)):
        if m.kind == "number" and m.style == "1." and m.number == 1 and _stacked(i, body, marks, index):
            end = index.run_end(i)
            last = marks[end - 1].number
            prose = next((x for x in range(end, len(marks)) if marks[x].kind == "none"), len(marks))  # the first
            goes_on = any(
                mk.kind == "number" and mk.style == "1." and mk.number == last + 1 and index.like(j)
                and not _lead_in(body[j - 1]) and prose < j
                for j, mk in enumerate(marks[end + 1 :], start=end + 1)
            )
            if goes_on:
                return "1."
    return "none"


def _lead_in(p: Para) -> bool:
    return bool(re.search(r":['»\")]*$", p.text.strip()))


def _stacked(i: int, body: list[Para], marks: list[Marker], index: _Index) -> bool:
    """Paragraph i opens a run of headings stacked by a PDF's text flow (module docstring): at least two heading-like
    «N.» numbered on, not after a lead-in «…:», and no heading-like «N.» after the run (that one would head section N
    and the run be a list)."""
    m = marks[i]
    if m.kind != "number" or not index.like(i):
        return False
    end = index.run_end(i)
    if end - i < 2 or (i > 0 and _lead_in(body[i - 1])):
        return False
    return index.last("number", m.number, m.style) < end


def _walk(out: Outline, body: list[Para], marks: list[Marker], notes: Notes, index: _Index) -> None:
    kind = _head_kind(out.numbering)
    expected = 1
    container = out.preamble
    section: Part | None = None
    list_block: Block | None = None  # the open list
    list_next = 0
    numbered: dict[str, Block] = {}  # the last numbered list of each style, in reading order (`_numbered_on`)
    for i, (p, m) in enumerate(zip(body, marks)):
        text = " ".join(p.text.split())
        if _is_heading(i, body, marks, kind, expected, list_block, list_next, out.numbering, notes, index):
            section = Part(m.text if kind else text, p.first)
            out.sections.append(section)
            container = section.blocks
            expected += 1
            list_block = None
            continue
        if p.hint == "table":  # a reader's table (its cells travel as the line's payload to build)
            container.append(Block("table", [text], p.first))
            list_block = None
            continue
        if p.hint == "subsubheading" and section is not None and section.subsections:
            deeper = Part(DEEP_NUMBER.sub("", text), p.first)
            section.subsections[-1].subsections.append(deeper)
            container = deeper.blocks
            list_block = None
            continue
        if p.hint == "subheading" or (
            m.kind == "subsection" and section is not None and m.number == expected - 1
            and m.sub == len(section.subsections) + 1 and heading_like(m.text)
        ):
            sub = Part(m.text if m.kind == "subsection" else text, p.first)
            if section is None:
                notes.uncertain(p.first, _("subsection «{text}» before any section; kept as a paragraph")
                                         .format(text=text))
                container.append(Block("paragraph", [text], p.first))
                continue
            section.subsections.append(sub)
            container = sub.blocks
            list_block = None
            continue
        if m.kind == "bullet" or p.hint == "bullet":
            item = m.text if m.kind == "bullet" else text
            if list_block is not None and list_block.kind == "bullets" and container and container[-1] is list_block:
                list_block.add(item, p.first)
            else:
                list_block = Block("bullets", [item], p.first)
                container.append(list_block)
            continue
        if m.kind in ("number", "letter"):
            style = m.style
            if list_block is not None and list_block.kind == "numbered" and list_block.style == style and m.number == list_next and container[-1] is list_block:
                list_block.add(m.text, p.first)
                list_next += 1
                continue
            if m.number == 1 or _numbered_on(numbered.get(style), m.number):
                if m.number != 1:
                    notes.uncertain(p.first, _("«{text}» numbers on from the list above: a list of its own, from 1")
                                             .format(text=text[:40]))
                list_block = Block("numbered", [m.text], p.first, style, m.number)
                container.append(list_block)
                numbered[style] = list_block
                list_next = m.number + 1
                continue
            notes.uncertain(p.first, _("«{text}» is numbered {number} but follows no list; kept as a paragraph")
                                     .format(text=text[:40], number=m.number))
        list_block = None
        container.append(Block("paragraph", [text], p.first))


def _numbered_on(last: Block | None, number: int) -> bool:
    """Word numbers a list on from the last one of its style (4, 5, 6 after 1, 2, 3; a lead-in, a heading or
    a list of another style, «a)» under «1.», between). `last`: that list (the outline is built in reading order,
    so the last made is the last in the text)."""
    return last is not None and len(last.items) + (last.start - 1) == number - 1


def _is_heading(i, body, marks, kind, expected, list_block, list_next, numbering, notes, index) -> bool:
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
            notes.uncertain(p.first, _("«{number}. {text}» read as list item {number}, not section {number}: "
                                       "item {next} follows").format(number=m.number, text=m.text[:40], next=m.number + 1))
            return False
        if _stacked(i, body, marks, index):
            notes.uncertain(p.first, _("«{number}. {text}» read as section {number}, a heading stacked over the next "
                                       "one (the exporter took the headings away from their text)")
                                     .format(number=m.number, text=m.text[:40]))
            return True
        return False
    if not list_open:
        return True
    later = index.last(kind, m.number) > i
    if later:
        notes.uncertain(p.first, _("«{number}. {text}» read as list item {number}: a later «{number}.» heads "
                                   "section {number}").format(number=m.number, text=m.text[:40]))
        return False
    notes.uncertain(p.first, _("«{number}. {text}» could end the list; read as section {number}")
                             .format(number=m.number, text=m.text[:40]))
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


def _deal_stacked(out: Outline, notes: Notes, marked: set[int] = frozenset()) -> None:
    """Headings stacked with no text of their own get a share of the text after the stack.

    A stack is a run of sections and subsections, in reading order, where all but the last have no blocks and at
    least one of those is an empty leaf (a section with neither text nor subsections, or a subsection without text):
    such a heading cannot be empty in an agreement, so the text flow took the headings away from their text
    (pdftotext). The text after the stack (all in the last part) is dealt out in order, one unit to each heading of
    the stack (a lead-in «…:» goes with the list after it, a list alone is a unit), the rest staying with the last;
    the last always keeps one unit. Each heading dealt to gets a to-do: where the text of one heading ends and the
    next begins, the source cannot tell. A stack of headings a reader marked (`marked`: their source lines; the
    reader saw them in the document's own order, as pandoc's list headings) is left as it is.
    """
    parts: list[tuple[tuple, Part]] = []
    for i, s in enumerate(out.sections):
        parts.append((("sections", i), s))
        parts += [(("sections", i, "subsections", j), sub) for j, sub in enumerate(s.subsections)]

    def empty_leaf(k: int) -> bool:
        loc, part = parts[k]
        return not part.blocks and (len(loc) > 2 or not part.subsections)

    k = 0
    while k < len(parts):
        end = k
        while end < len(parts) and not parts[end][1].blocks:
            end += 1
        if end == len(parts) or end == k or not any(empty_leaf(x) for x in range(k, end)) \
                or all(parts[x][1].line in marked for x in range(k, end + 1)):
            k = end + 1
            continue
        units = _units(parts[end][1].blocks)
        dealt = []
        for x in range(k, end):
            if len(units) <= 1:
                break
            loc, part = parts[x]
            part.blocks = units.pop(0)
            dealt.append(part.title)
            out.todos.append(((*loc, "title"), _("a guess: the source sets this heading straight over the next one, "
                                                 "away from its text; it was given the first paragraph after them: "
                                                 "check where its text ends")))
        parts[end][1].blocks = [b for u in units for b in u]
        if dealt:
            notes.uncertain(parts[k][1].line, _("headings stacked without their text («{headings}»): the paragraphs "
                                                "after them dealt out one to each, in order (a guess)")
                            .format(headings="», «".join(t[:30] for t in dealt + [parts[end][1].title])))
        k = end + 1


def _units(blocks: list[Block]) -> list[list[Block]]:
    """Blocks grouped as a reader would take them: a lead-in paragraph ending in «:» with the list after it, else one block."""
    units: list[list[Block]] = []
    for b in blocks:
        if b.kind != "paragraph" and units and len(units[-1]) == 1 and units[-1][0].kind == "paragraph" \
                and re.search(r":['»\")]*$", units[-1][0].items[0]):
            units[-1].append(b)
        else:
            units.append([b])
    return units
