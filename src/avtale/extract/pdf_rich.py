"""A PDF's inline marks and footnotes as payloads (`rich.Rich`) on the lines the PDF reader writes.

Reads: the `Line`s of `read_pdf` and, in step with them, the `pdf_rows.Row` each was read from (its text in
pieces with `pdf_runs.Attrs`). Writes: on the first line of each paragraph that has any, a `Rich` whose pieces
are the paragraph's text with its bold, italic, links, annex references and footnote references; the lines of
footnotes taken out of the text and kept as the notes of the paragraphs that refer to them.

Heuristics, each because a PDF keeps only what was printed:
- A paragraph is a line and the lines after it that go on with it (hint `wrap`); lines are joined as unwrap
  joins them (a soft hyphen at a line end divides a word). Where a stage later reads the paragraph otherwise,
  build's check (`rich.item_source`: the pieces must end in the item's text) keeps the plain text.
- A footnote is a line that starts with a superscript number (`pdf_runs`), with the lines that go on with it;
  its id is `n` and its number (a PDF keeps no note names). A superscript number in the text refers to it.
- A link whose words are «vedlegg N» and that goes to an annex's heading is an annex reference (`[#id]`);
  other words linking there are `[words](#id)`.
- «words (url)» where the url in parentheses links where the words do is the url printed for a reader who
  cannot click (layout `links.print_urls: parentheses`): the parentheses are dropped, and the paragraph's
  lines become one line with the text that is left.
- A run of a whole line or paragraph in bold is still bold (a drafter can bold a paragraph); heading lines
  (hints title, heading, subheading) get no payload, since titles are literal.
"""

from __future__ import annotations

import re

from avtale.extract.lines import Line
from avtale.extract.pdf_runs import PLAIN, Attrs
from avtale.extract.rich import Piece, Rich, normalise, source

ANNEX_WORDS = re.compile(r"vedlegg\s+\d+", re.IGNORECASE)
HEADINGS = ("title", "heading", "subheading", "subsubheading", "annex")


def _chars(row) -> list[tuple[str, Attrs]]:
    """The row's characters (one column only) with their attributes, as its text shows them (stripped); a
    footnote number as one item («\\x00» + number)."""
    if row is None or len(row.marks) != 1:
        return []
    out: list[tuple[str, Attrs]] = []
    for text, attrs in row.marks[0]:
        if attrs.note:
            out.append(("\0" + text.strip(), attrs))
        else:
            out.extend((c, attrs) for c in text)
    while out and out[0][0].isspace():
        out.pop(0)
    while out and out[-1][0].isspace():
        out.pop()
    # inside a line a soft hyphen is a hyphen glyph (`read_text.lines_of`)
    return [("-", a) if c == "\u00ad" and k < len(out) - 1 else (c, a) for k, (c, a) in enumerate(out)]


def _note_first(row) -> bool:
    """The row starts with a superscript number: a footnote's first line."""
    return bool(row.marks and row.marks[0] and row.marks[0][0][1].note)


def _join(chars: list, more: list) -> list:
    """`more` joined to `chars` in place (a paragraph of many lines costs its length)."""
    if chars and chars[-1][0] == "\u00ad":
        chars.pop()
    elif chars and not (chars[-1][0] == "-" and len(chars) > 1 and chars[-2][0].isalpha() and more[:1]
                        and more[0][0].islower()):
        chars.append((" ", chars[-1][1] if more and chars[-1][1] == more[0][1] else PLAIN))  # a broken mark goes on
    chars.extend(more)
    return chars


def _drop_printed_urls(chars: list) -> tuple[list, bool]:
    """«words ( url)» → «words» where the url links as the words before it do (the module's docstring)."""
    text = "".join(c[0] if len(c[0]) == 1 else "\x01" for c in chars)
    cut: list[tuple[int, int]] = []
    for m in re.finditer(r" ?\( ?([^\s()]+)\)", text):
        url = m.group(1)
        before = chars[m.start() - 1][1].link if m.start() else None
        if before and before == chars[m.start(1)][1].link == url:
            cut.append((m.start(), m.end()))
    if not cut:
        return chars, False
    out, at = [], 0
    for a, b in cut:
        out += chars[at:a]
        at = b
    return out + chars[at:], True


def _pieces(chars: list) -> list[Piece]:
    out: list[Piece] = []
    for c, a in chars:
        if c.startswith("\0"):
            out.append(Piece("", kind="note", target="n" + c[1:]))
            continue
        link = a.link
        if out and out[-1].kind == "text" and (out[-1].bold, out[-1].italic, out[-1].link) == (a.bold, a.italic, link):
            out[-1] = Piece(out[-1].text + c, a.bold, a.italic, link)
        else:
            out.append(Piece(c, a.bold, a.italic, link))
    refs = []
    for p in out:  # «vedlegg N» linking to an annex: a reference by the annex's label
        if p.kind == "text" and p.link and p.link.startswith("#") and ANNEX_WORDS.fullmatch(p.text.strip()):
            refs.append(Piece(p.text, kind="ref", target=p.link[1:]))
        else:
            refs.append(p)
    return normalise(refs)


def _marked(pieces: list[Piece]) -> bool:
    return any(p.kind != "text" or p.bold or p.italic or p.link for p in pieces)


def attach(lines: list[Line], sources: list) -> list[Line]:
    """The lines with payloads on the paragraphs that have marks, footnotes taken out (module docstring)."""
    if len(sources) != len(lines):  # a line the text split otherwise than the rows: no payloads, to be safe
        return lines
    groups: list[tuple[int, int]] = []  # (first, last + 1) of each paragraph with a row
    k = 0
    while k < len(lines):
        row = sources[k]
        if row is not None and not isinstance(row, tuple) and (
                lines[k].hint not in (*HEADINGS, "wrap") or _note_first(row)):
            j = k + 1
            while j < len(lines) and lines[j].hint == "wrap" and not isinstance(sources[j], tuple) \
                    and sources[j] is not None and not _note_first(sources[j]):
                j += 1
            groups.append((k, j))
            k = j
        else:
            k += 1
    notes: dict[str, list[Piece]] = {}
    gone: set[int] = set()
    texts: dict[int, tuple[list, bool]] = {}
    for a, b in groups:
        chars: list = []
        for k in range(a, b):
            chars = _join(chars, _chars(sources[k]))
        if not chars:
            continue
        if chars[0][0].startswith("\0"):  # a footnote: its number, then its text
            notes["n" + chars[0][0][1:]] = _pieces(_drop_printed_urls(chars[1:])[0])
            gone.update(range(a, b))
            continue
        texts[a] = _drop_printed_urls(chars) + (b,)
    for a, (chars, dropped, b) in texts.items():
        pieces = _pieces(chars)
        if not _marked(pieces):
            continue
        used = [p.target for p in pieces if p.kind == "note"]
        lines[a].rich = Rich(pieces=pieces, notes={n: source(notes[n]) for n in used if n in notes})
        if dropped:  # the printed url is gone from the text too: the paragraph is one line
            lines[a].text = "".join(c for c, _ in chars if not c.startswith("\0"))
            gone.update(range(a + 1, b))
    return [ln for k, ln in enumerate(lines) if k not in gone]
