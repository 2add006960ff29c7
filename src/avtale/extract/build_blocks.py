"""Build's blocks: the outline's blocks as model blocks, with what a reader's payload adds (`rich`).

Reads: outline `Block`s (each item with its source line) and the payloads by source line. Writes: model
blocks — paragraphs and list items as text with marks where the payload has them (`rich.item_source`),
plain text escaped everywhere else, so a literal «*» stays literal; a list item with nested items in its
payload as an `Item` with its list under it; a `table` block from its payload — and the footnotes those
texts refer to, in order of use. A heading whose line carries nested items (a list paragraph recognise
took for a heading) gets them as a list at the start of its blocks, so no text is lost.
"""

from __future__ import annotations

from avtale import inline
from avtale.extract.outline import Block
from avtale.extract.rich import Nested, Rich, item_source, source
from avtale.model import Bullets, Item, Numbered, Table, TableContent, list_style


class Blocks:
    def __init__(self, rich: dict[int, object] | None = None):
        self.rich = {k: v for k, v in (rich or {}).items() if isinstance(v, Rich)}
        self.notes: dict[str, str] = {}

    def _use(self, rich: Rich | None, ids: list[str]) -> None:
        for key in ids:
            if rich is not None and key in rich.notes:
                self.notes.setdefault(key, rich.notes[key])

    def text(self, text: str, line: int) -> str:
        rich = self.rich.get(line)
        src, ids = item_source(rich, text)
        self._use(rich, ids)
        return src

    def _item(self, text: str, line: int):
        rich = self.rich.get(line)
        src = self.text(text, line)
        if rich is None or not rich.items:
            return src
        kind, style, items, _i = self._list(rich, 0, 1, 2)
        return Item(text=src, **{kind: items}, style=style)

    def _list(self, rich: Rich, i: int, depth: int, level: int):
        """The list of nested items from `rich.items[i]` on at `depth` (its level in the model: `level`)."""
        nested = rich.items
        kind, style = nested[i].kind, nested[i].style
        out: list = []
        while i < len(nested) and nested[i].depth >= depth:
            it = nested[i]
            src = self._nested_text(rich, it)
            i += 1
            if i < len(nested) and nested[i].depth > depth:
                sub_kind, sub_style, sub, i = self._list(rich, i, depth + 1, level + 1)
                out.append(Item(text=src, **{sub_kind: sub}, style=sub_style))
            else:
                out.append(src)
        if kind == "bullets":
            return "bullets", None, out, i
        return "numbered", None if style == list_style(None, level) else style, out, i

    def _nested_text(self, rich: Rich, it: Nested) -> str:
        if it.pieces:
            self._use(rich, [p.target for p in it.pieces if p.kind == "note"])
            return source(it.pieces)
        return inline.escape(it.text)

    def lead(self, line: int) -> list:
        """Nested items on a heading's line (the module's docstring), as a list block."""
        rich = self.rich.get(line)
        if rich is None or not rich.items:
            return []
        kind, style, items, _i = self._list(rich, 0, rich.items[0].depth, 1)
        return [Bullets(bullets=items) if kind == "bullets" else Numbered(numbered=items, style=style)]

    def blocks(self, blocks: list[Block]) -> list:
        out = []
        for b in blocks:
            lines = b.lines if len(b.lines) == len(b.items) else [b.line] + [-1] * (len(b.items) - 1)
            if b.kind == "paragraph":
                out.append(self.text(b.items[0], lines[0]))
            elif b.kind == "table":
                rich = self.rich.get(b.line)
                if rich is None or rich.table is None:
                    out.append(inline.escape(b.items[0]))
                    continue
                self._use(rich, list(rich.notes))
                out.append(Table(table=TableContent(**rich.table)))
            elif b.kind == "bullets":
                out.append(Bullets(bullets=[self._item(t, n) for t, n in zip(b.items, lines)]))
            else:
                out.append(Numbered(numbered=[self._item(t, n) for t, n in zip(b.items, lines)],
                                    style=None if b.style == "1." else b.style))
        return out
