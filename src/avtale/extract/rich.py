"""What a structured reader knows for certain about a line, carried past the text heuristics to build.

Reads: nothing. Writes: nothing. The vocabulary of the payload a reader may attach to a `Line` (`Line.rich`).

Why a payload and not more hints: the stages after read (clean, signing, unwrap, recognise) decide from text
and hints, and are tuned on documents of many manners; what a Word file holds for certain — a run's bold, a
hyperlink, a footnote, a table, a list's level — they cannot see in text and need not. So a reader keeps each
line's text as it always was (plain, list labels written out) and attaches a `Rich` to it. The stages never
read it. `extract.pipeline` collects the payloads by source line number before clean, and build, which knows
each block item's source line (`Block.lines`), takes from the payload what the text cannot show:

- `pieces`: the paragraph's text as runs (bold, italic, a link, a footnote or annex reference), whitespace
  normalised as build normalises it. An item's source with marks is cut from them at the item's text (a list
  label recognise took off is cut off the pieces too), and written by `avtale.inline.emit`; where the item's
  text is not the end of the line's text (a stage changed it), the plain text is used, escaped.
- `notes`: the footnotes those pieces refer to (id → source with marks); build keeps those of the text it uses.
- `table`: a table block (`model.TableContent` as a dict of sources); the reader writes it as one line with the
  hint `table`, which recognise makes a block of its own.
- `items`: a nested list under a list item (`Nested`), read from the list's levels; the nested paragraphs are
  not lines of their own, so the text heuristics see the top level only.

Every plain text build writes is escaped (`literal`: `inline.escape`, but a word-final star as typed, «samarbeid*»),
so a literal «*» or «[» in any source stays literal.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from avtale import inline


@dataclass(frozen=True)
class Piece:
    """A run of text (`kind` text), a footnote reference (`note`, target the note id) or an annex reference
    whose words are the annex's label (`ref`, target the annex id; `text` the words as printed)."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    kind: str = "text"
    target: str = ""


@dataclass
class Nested:
    """A list item below the top level: its depth (1 under a top-level item), list kind and style, text."""

    depth: int
    kind: str  # bullets or numbered
    style: str  # 1., 1), a), i) (numbered)
    text: str
    pieces: list[Piece] | None = None


@dataclass
class Rich:
    pieces: list[Piece] | None = None
    notes: dict[str, str] = field(default_factory=dict)
    table: dict | None = None
    items: list[Nested] = field(default_factory=list)


def normalise(pieces: list[Piece]) -> list[Piece]:
    """Whitespace as build writes text: runs of it one space, none at the ends."""
    out: list[Piece] = []
    space = True  # at the start, a space is dropped
    for p in pieces:
        if p.kind != "text":
            out.append(p)
            if p.kind == "ref":  # the annex's words: a space after them is kept
                space = False
            continue
        text = " ".join(p.text.split())
        if p.text[:1].isspace() and text:
            text = " " + text
        if p.text[-1:].isspace() and text:
            text += " "
        if not text and p.text:
            text = " "
        if space and text.startswith(" "):
            text = text[1:]
        if text:
            out.append(replace(p, text=text))
            space = text.endswith(" ")
    while out and out[-1].kind == "text" and out[-1].text.endswith(" "):
        last = out[-1].text.rstrip()
        out[-1:] = [replace(out[-1], text=last)] if last else []
    return out


def plain(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.kind != "note")


def cut(pieces: list[Piece], k: int) -> list[Piece]:
    """The pieces without their first k characters of text (a list label taken off), leading spaces too."""
    out: list[Piece] = []
    for p in pieces:
        if k > 0 and p.kind != "note":
            if len(p.text) <= k:
                k -= len(p.text)
                continue
            p = replace(p, text=p.text[k:], kind="text") if p.kind == "ref" else replace(p, text=p.text[k:])
            k = 0
        out.append(p)
    while out and out[0].kind == "text" and not out[0].text.strip():
        out.pop(0)
    if out and out[0].kind == "text":
        out[0] = replace(out[0], text=out[0].text.lstrip())
    return out


def _link_key(p: Piece):
    return ("ref", p.target) if p.kind == "ref" else p.link


KEYS = (_link_key, lambda p: p.bold, lambda p: p.italic)


def _nodes(pieces: list[Piece], level: int = 0) -> list:
    if level == len(KEYS):
        return [inline.Mark("note", (), p.target) if p.kind == "note" else p.text for p in pieces]
    out: list = []
    for key, group in itertools.groupby(pieces, KEYS[level]):
        group = list(group)
        if not key:
            out += _nodes(group, level + 1)
        elif level == 0 and isinstance(key, tuple):
            out.append(inline.Mark("ref", (), key[1]))
        else:
            kind = ("link", "bold", "italic")[level]
            out += _wrap(kind, _nodes(group, level + 1), key if level == 0 else "")
    return out


def _wrap(kind: str, inner: list, target: str) -> list:
    """A marked span with the spaces at its ends set outside it (a mark closes only after a non-space)."""
    lead = trail = ""
    if inner and isinstance(inner[0], str):
        stripped = inner[0].lstrip()
        lead, inner = inner[0][: len(inner[0]) - len(stripped)], ([stripped] if stripped else []) + inner[1:]
    if inner and isinstance(inner[-1], str):
        stripped = inner[-1].rstrip()
        trail, inner = inner[-1][len(stripped):], inner[:-1] + ([stripped] if stripped else [])
    if not inner:
        return [lead + trail] if lead + trail else []
    return ([lead] if lead else []) + [inline.Mark(kind, tuple(inner), target)] + ([trail] if trail else [])


def _transparent(pieces: list[Piece]) -> list[Piece]:
    """A footnote reference takes the marks of the text around it where both sides have the same, so a note
    inside a bold phrase does not cut the phrase in two."""
    out = list(pieces)
    for i, p in enumerate(out):
        if p.kind == "note" and 0 < i < len(out) - 1:
            a, b = out[i - 1], out[i + 1]
            if (a.bold, a.italic, _link_key(a)) == (b.bold, b.italic, _link_key(b)) and a.kind == b.kind == "text":
                out[i] = replace(p, bold=a.bold, italic=a.italic, link=a.link)
    return out


def source(pieces: list[Piece]) -> str:
    """The pieces as text with marks, checked: what does not parse back to the same plain text (a url of a kind
    the syntax refuses, marks that would cross) is written without links, then without marks. Written as a
    drafter types it (`read_own_inline.source`: a word-final star «samarbeid*» bare)."""
    from avtale.extract import read_own_inline

    for attempt in (pieces, [replace(p, link=None) if p.kind == "text" else p for p in pieces]):
        text = read_own_inline.source(_nodes(_transparent(attempt)))
        parsed = inline.parse(text)
        if not parsed.problems and _same(parsed.nodes, attempt):
            return text
    return inline.escape(plain([replace(p, kind="text") if p.kind == "ref" else p for p in pieces]))


def _same(nodes, pieces: list[Piece]) -> bool:
    """The parsed nodes hold the pieces' text and notes in order (the check that emit wrote what was meant)."""
    got: list[str] = []

    def walk(ns):
        for n in ns:
            if isinstance(n, str):
                got.append(n)
            elif n.kind == "note":
                got.append(f"\0{n.target}")
            elif n.kind == "ref":
                got.append(f"\1{n.target}")
            else:
                walk(n.children)

    walk(nodes)
    want = [f"\0{p.target}" if p.kind == "note" else f"\1{p.target}" if p.kind == "ref" else p.text for p in pieces]
    return "".join(got) == "".join(want)


def literal(text: str) -> str:
    """Plain text as the source that reads back as exactly that text, written as a drafter types it (a
    word-final star bare, every other mark character escaped: `read_own_inline.source`)."""
    from avtale.extract import read_own_inline

    return read_own_inline.source([text]) if text.strip() else inline.escape(text)


def item_source(rich: Rich | None, text: str) -> tuple[str, list[str]]:
    """The source of an item whose plain text is `text` (the end of the line's text), and the note ids it uses."""
    if rich is None or rich.pieces is None:
        return literal(text), []
    whole = plain(rich.pieces)
    if not whole.endswith(text):
        return literal(text), []
    pieces = cut(rich.pieces, len(whole) - len(text))
    return source(pieces), [p.target for p in pieces if p.kind == "note"]
