"""The HTML redline's prose: one text of the merged diff written with its marks, its insertions and deletions.

A `Text`'s operations are on the text as typed (`**fet**`), so a mark may open in a kept piece and close in an
inserted one; writing each piece through the inline parser would leave stray asterisks. Instead each side's
whole text is parsed once into printed characters, each with its marks (bold, italic, link, note), the printed
texts are diffed word by word (`diff.words`), and the runs are written again: deleted words in `<del>`,
inserted ones in `<ins>`, kept words whose marks changed in `<span class="format">` with what changed in its
`title` and in a visually hidden text (so a screen reader says it too).

Reads: `diff.tree.Text`. Writes: escaped HTML (`markupsafe.escape` on every agreement text; a link's address
only where the inline syntax allows it).
"""

from __future__ import annotations

from markupsafe import escape

from avtale import inline
from avtale.diff import wording
from avtale.diff.tree import Format, Text
from avtale.diff.words import words

NOTE_CHAR = 0xF0000  # a note reference is one character: NOTE_CHAR + its index in `Prose.notes`


class Prose:
    """Writes texts of one diff. `note_numbers(id)` gives a note's number (NEW's, or OLD's for a removed one);
    `annex_label(id)` how an annex reference prints; `lang` the diff's wording (nb or nn)."""

    def __init__(self, note_numbers, annex_label, lang: str = "nb"):
        self.note_numbers, self.annex_label, self.lang = note_numbers, annex_label, lang
        self.notes: list[str] = []

    # -- characters ------------------------------------------------------------------------------------------

    def atoms(self, text: str) -> list[tuple[str, tuple]]:
        """(character, (bold, italic, link)) for every printed character of `text`."""
        out: list[tuple[str, tuple]] = []
        self._walk(inline.parse(text).nodes, False, False, None, out)
        return out

    def _walk(self, nodes, bold, italic, link, out) -> None:
        for node in nodes:
            if isinstance(node, str):
                out.extend((c, (bold, italic, link)) for c in node)
            elif node.kind == "bold":
                self._walk(node.children, True, italic, link, out)
            elif node.kind == "italic":
                self._walk(node.children, bold, True, link, out)
            elif node.kind == "link":
                self._walk(node.children, bold, italic, node.target if inline.allowed_url(node.target) else None, out)
            elif node.kind == "note":
                if node.target not in self.notes:
                    self.notes.append(node.target)
                out.append((chr(NOTE_CHAR + self.notes.index(node.target)), (False, False, None)))
            elif node.kind == "ref":
                label = self.annex_label(node.target)
                out.extend((c, (bold, italic, "#" + node.target)) for c in label)

    # -- writing ---------------------------------------------------------------------------------------------

    def run(self, atoms: list[tuple[str, tuple]]) -> str:
        """Atoms written with their marks (consecutive atoms with the same marks as one element)."""
        out, i = [], 0
        while i < len(atoms):
            marks = atoms[i][1]
            j = i
            while j < len(atoms) and atoms[j][1] == marks and ord(atoms[j][0]) < NOTE_CHAR:
                j += 1
            if j == i:  # a note reference
                key = self.notes[ord(atoms[i][0]) - NOTE_CHAR]
                n = self.note_numbers(key)
                out.append(f'<sup><a href="#fn-{escape(key)}">{escape(n if n is not None else key)}</a></sup>')
                i += 1
                continue
            s = str(escape("".join(c for c, _ in atoms[i:j])))
            bold, italic, link = marks
            if italic:
                s = f"<em>{s}</em>"
            if bold:
                s = f"<strong>{s}</strong>"
            if link:
                s = f'<a href="{escape(link)}">{s}</a>'
            out.append(s)
            i = j
        return "".join(out)

    def plain(self, text: str) -> str:
        """A text as typed, written with its marks and no change marks (a moved part's old place)."""
        return self.run(self.atoms(text))

    def text(self, t: Text, ins: str = "ins", dele: str = "del") -> str:
        """A diffed text: kept words as they are (a change of their marks shown as such), deleted ones in
        `<del>`, inserted ones in `<ins>`. Whole-added or whole-removed texts are one `<ins>` or `<del>`."""
        old, new = self.atoms(t.old), self.atoms(t.new)
        if not t.old:
            return f"<ins>{self.run(new)}</ins>" if new else ""
        if not t.new:
            return f"<del>{self.run(old)}</del>" if old else ""
        (old_s, old_at), (new_s, new_at) = _printed(old), _printed(new)
        out, i, j = [], 0, 0  # offsets in the printed strings
        for op, s in words(old_s, new_s).ops:
            n = len(s)
            if op == "-":
                out.append(f"<del>{self.run(old[old_at[i]:old_at[i + n]])}</del>")
                i += n
            elif op == "+":
                out.append(f"<ins>{self.run(new[new_at[j]:new_at[j + n]])}</ins>")
                j += n
            else:
                out.append(self._kept(old[old_at[i]:old_at[i + n]], new[new_at[j]:new_at[j + n]]))
                i, j = i + n, j + n
        return "".join(out)

    def _kept(self, old, new) -> str:
        """Kept words: runs whose marks changed as a format change, the rest as they are (a note reference
        that became another one: the old deleted, the new inserted)."""
        out, k = [], 0
        while k < len(new):
            if old[k][0] != new[k][0]:
                out.append(f"<del>{self.run(old[k:k + 1])}</del><ins>{self.run(new[k:k + 1])}</ins>")
                k += 1
                continue
            changed = old[k][1] != new[k][1]
            m = k
            while m < len(new) and old[m][0] == new[m][0] and (old[m][1] != new[m][1]) == changed and (
                    not changed or (old[m][1], new[m][1]) == (old[k][1], new[k][1])):
                m += 1
            words_html = self.run(new[k:m])
            if changed:
                phrase = "".join(c for c, _ in new[k:m])
                change = Format(phrase, ((phrase, *old[k][1]),), ((phrase, *new[k][1]),))
                what = wording.describe(change, self.lang)
                out.append(f'<span class="format" title="{escape(what)}">{words_html}'
                           f'<span class="visually-hidden"> ({escape(what)})</span></span>')
            else:
                out.append(words_html)
            k = m
        return "".join(out)


def _printed(atoms) -> tuple[str, dict[int, int]]:
    """The printed text to diff, and the atom at each offset where one starts. A note reference prints as
    «[^n<k>]», one token of `diff.words` of its own, so that a note added after a word leaves the word kept and
    two notes are told apart."""
    out, at, offset = [], {}, 0
    for k, (c, _) in enumerate(atoms):
        at[offset] = k
        piece = f"[^n{ord(c) - NOTE_CHAR}]" if ord(c) >= NOTE_CHAR else c
        out.append(piece)
        offset += len(piece)
    at[offset] = len(atoms)
    return "".join(out), at
