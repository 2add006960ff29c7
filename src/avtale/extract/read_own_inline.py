"""Inline marks read back from avtale's own HTML and Markdown, written as the YAML's inline syntax.

Reads: the nodes a reader built (plain strings and `inline.Mark`s) from `<strong>`, `<em>`, `<a>` and note
references, or from markdown-it's tokens. Writes: the text with marks (`source`), the nodes checked to parse
back to themselves.

A mark character the page shows as text may have been typed escaped or not: «et anslag merket med \\*» and
«samarbeid*» print alike. `source` writes what a drafter would type: a star ending a word (a footnote star,
«samarbeid*») as it is, every other mark character escaped as `inline.escape` escapes it; where that does not
read back to the same nodes, everything is escaped (`inline.emit`).
"""

from __future__ import annotations

import re

from avtale import inline

_WORD_STAR = re.compile(r"(?<=\S)\*(?=\s|$|[.,;:!?)»])")


def source(nodes: list) -> str:
    """The text with marks that parses to `nodes`."""
    nodes = tidy(nodes)
    natural = _emit(nodes)
    parsed = inline.parse(natural)
    if parsed.nodes == nodes and not parsed.problems:
        return natural
    return inline.emit(nodes)


def tidy(nodes: list) -> list:
    """Whitespace collapsed, adjacent strings merged, the ends trimmed (as the YAML's prose is)."""
    out = _collapse(nodes)
    if out and isinstance(out[0], str):
        out[0] = out[0].lstrip()
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
    return [n for n in out if n != ""]


def _collapse(nodes) -> list:
    out: list = []
    for node in nodes:
        if isinstance(node, str):
            node = re.sub(r"\s+", " ", node)
            if out and isinstance(out[-1], str):
                out[-1] += node
            elif node:
                out.append(node)
        else:
            out.append(inline.Mark(node.kind, tuple(_collapse(node.children)), node.target))
    return out


def _emit(nodes) -> str:
    """`inline.emit`, but a star that ends a word («samarbeid*») stays bare, as the drafter typed it."""
    return inline.emit(nodes, text=lambda piece: "*".join(inline.escape(p) for p in _WORD_STAR.split(piece)))


def plain_text(nodes) -> str:
    """The words of nodes (a link's words), for comparing with an annex's reference label."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        else:
            out.append(plain_text(node.children))
    return " ".join("".join(out).split())


def link(words: list, target: str, annex_labels: dict) -> inline.Mark:
    """A link to `#id` whose words are the annex's reference label («vedlegg 2») is a reference `[#id]`."""
    if target.startswith("#") and annex_labels.get(target[1:]) == plain_text(words):
        return inline.Mark("ref", (), target[1:])
    return inline.Mark("link", tuple(words), target)
