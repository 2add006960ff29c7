"""One diffed text of the PDF redline as runs for templates/redline.typ: each printed piece with its marks
(bold, italic, link, footnote reference) and what happened to it.

Reads: a `Text` of the diff tree (word operations on the text as typed, marks included). Writes: runs
{"text", "op", "bold", "italic", "link", "note"}: `op` is "=" kept, "+" inserted, "-" deleted, "fmt" kept
with its marks changed, "moved" kept inside a moved part, "moved-away" the old place of a moved part.

Why the text is diffed again: the tree's operations are on the typed text, where a change can cut through
a mark (`**a b**` → `**a** b`). Each side is parsed into printed characters with their marks, the printed
texts are diffed word by word (`diff.words`), and each piece takes the marks of the side it comes from.
Strings stay data: the template sets them as strings, never as markup, so nothing typed can change the
layout (the PDF renderer's rule; see templates/agreement.typ).
"""

from __future__ import annotations

from avtale import inline
from avtale.diff.tree import Text
from avtale.diff.words import words

NOTE_BASE = 0xF0000  # a footnote reference is one private-use character while the texts are diffed


class Marks:
    """Turns footnote ids into numbers and annex ids into their printed label, for one side each."""

    def __init__(self, notes: dict[str, int], annexes: dict[str, str]):
        self.notes, self.annexes = notes, annexes

    def chars(self, text: str) -> list[tuple]:
        """(character, bold, italic, link, (note id, number) or None) for each printed character of `text`."""
        out: list[tuple] = []
        self._walk(inline.parse(text).nodes, False, False, None, out)
        return out

    def _walk(self, nodes, bold, italic, link, out) -> None:
        for node in nodes:
            if isinstance(node, str):
                out += [(c, bold, italic, link, None) for c in node]
            elif node.kind == "bold":
                self._walk(node.children, True, italic, link, out)
            elif node.kind == "italic":
                self._walk(node.children, bold, True, link, out)
            elif node.kind == "link":
                self._walk(node.children, bold, italic, node.target if inline.allowed_url(node.target) else None,
                           out)
            elif node.kind == "note":
                out.append(("\0", False, False, None, (node.target, self.notes.get(node.target))))
            else:  # an annex reference: its label on this side
                label = self.annexes.get(node.target, node.target)
                out += [(c, bold, italic, None, None) for c in label]


def runs(text: Text, old_marks: Marks, new_marks: Marks, kept: str = "=", deleted: str = "-") -> list[dict]:
    """The runs of `text`; `kept`/`deleted` name what its kept and deleted words are ("moved",
    "moved-away" inside a move)."""
    shared: dict[str, str] = {}
    old = _chars(text.old, old_marks, shared)
    new = _chars(text.new, new_marks, shared)
    if not any(op != "=" for op, _ in text.ops) and not text.formats:
        return _join([(c, kept) for c in new])
    a, b = "".join(c[0] for c in old), "".join(c[0] for c in new)
    pieces: list[tuple] = []
    i = j = 0
    for op, s in words(a, b).ops:
        n = len(s)
        if op == "=":
            for x, y in zip(old[i:i + n], new[j:j + n]):
                pieces.append((y, "fmt" if x[1:4] != y[1:4] else kept))
            i, j = i + n, j + n
        elif op == "-":
            pieces += [(x, deleted) for x in old[i:i + n]]
            i += n
        else:
            pieces += [(y, "+") for y in new[j:j + n]]
            j += n
    return _join(pieces)


def _chars(text: str, marks: Marks, shared: dict[str, str]) -> list[tuple]:
    """The side's characters; a note is one private-use character per note id (`shared`: id -> character),
    so the same note on both sides is the same character."""
    out = []
    for c, bold, italic, link, note in marks.chars(text):
        if note is not None:
            c = shared.setdefault(note[0], chr(NOTE_BASE + len(shared)))
        out.append((c, bold, italic, link, note))
    return out


def _join(pieces: list[tuple]) -> list[dict]:
    out: list[dict] = []
    for (c, bold, italic, link, note), op in pieces:
        if note is not None:
            out.append({"text": str(note[1] or "?"), "op": op, "bold": False, "italic": False, "link": None,
                        "note": note[0]})
            continue
        last = out[-1] if out else None
        if last and last["note"] is None and (last["op"], last["bold"], last["italic"], last["link"]) == (
                op, bold, italic, link):
            last["text"] += c
        else:
            out.append({"text": c, "op": op, "bold": bold, "italic": italic, "link": link, "note": None})
    return out


def plain(s: str, op: str = "=") -> list[dict]:
    """One unmarked run (a label, a number, a value)."""
    return [{"text": s, "op": op, "bold": False, "italic": False, "link": None, "note": None}] if s else []
