"""What the diff formats share: the numbers shown for parts and list items (the text and Markdown diffs and
the HTML and PDF redlines), and a phrase written with its marks."""

from __future__ import annotations

from avtale.diff import wording
from avtale.diff.tree import ADDED, CHANGED, MOVED, MOVED_AWAY, REMOVED, SAME, Block, SectionDiff, Text
from avtale.numbering import heading_number, list_marker


def part_number(s: SectionDiff, old_path: tuple | None, new_path: tuple | None) -> str:
    """«2.1.1», or «2.1.1→2.1.2» for a part that moved, from the paths of its parent on each side."""
    old = heading_number((*old_path, s.old_number)) if old_path is not None and s.old_number else None
    new = heading_number((*new_path, s.new_number)) if new_path is not None and s.new_number else None
    if old is None or new is None or old == new:
        return new or old or ""
    return f"{old}→{new}"


def child_paths(s: SectionDiff, old_path: tuple | None, new_path: tuple | None) -> tuple:
    """The paths of a part's subsections' parent (this part) on each side; None on a side it is not on."""
    return ((*old_path, s.old_number) if old_path is not None and s.old_number else None,
            (*new_path, s.new_number) if new_path is not None and s.new_number else None)


def item_tags(block: Block) -> list[str]:
    """The marker shown before each item: «•» in a bullet list; in a numbered list the item's number (in the
    list's own style: 1. a) i) …) in NEW, or in OLD for a removed item."""
    out, old_n, new_n = [], 0, 0
    for item in block.items:
        old_n += item.status not in (ADDED, MOVED)  # a moved item counts at its old place as MOVED_AWAY
        new_n += item.status not in (REMOVED, MOVED_AWAY)
        if block.kind == "bullets":
            out.append("•")
        elif item.status in (REMOVED, MOVED_AWAY):
            out.append(list_marker(block.old_style or block.style, old_n))
        else:
            out.append(list_marker(block.style, new_n))
    return out


def row_text(row) -> str:
    """A whole row's cells as one text: «Tidlig innsats | 120 | 125»."""
    return " | ".join(c.new or c.old for c in row.cells)


def table_changes(b, header: str, row: str):
    """What changed in a table block, in reading order, for the text and Markdown forms to word:
    ("column", j, old, new) for a column's settings (j from 0), ("row", name, status, Text) for a row added or
    removed whole, ("cell", name, j, Text) for a changed cell. `header` names the header row, `row` the others
    («row {n}»)."""
    for j, old, new in b.columns:
        yield "column", j - 1, old, new
    for name, r in [(header, b.header), *((row.format(n=r.new_number or r.old_number), r) for r in b.rows)]:
        if r.status == SAME:
            continue
        if r.status != CHANGED:
            yield "row", name, r.status, (Text.added if r.status == ADDED else Text.removed)(row_text(r))
            continue
        for j, cell in enumerate(r.cells):
            if cell.status != SAME:
                yield "cell", name, j, cell


def phrase(pieces: tuple, escape) -> str:
    """Pieces (text, bold, italic, link) written with their marks, each text through `escape`."""
    out = []
    for text, bold, italic, link in pieces:
        s = escape(text)
        if italic:
            s = f"*{s}*"
        if bold:
            s = f"**{s}**"
        if link:
            s = f"[{s}]({link})"
        out.append(s)
    return "".join(out)


def whole(status: str) -> bool:
    return status in (ADDED, REMOVED)




def move_places(diff) -> dict[int, tuple[str, str]]:
    """Where each moved paragraph or item stands: move number → (old place, new place), each a section's
    number («4.2»), «Vedlegg 1, 2» in an annex, or the preamble's name; so the text at one place can point at
    the other. Reads the `move` numbers the diff tree gives MOVED and MOVED_AWAY parts."""
    lang = wording.language(diff)
    out: dict[int, list] = {}

    def visit(blocks, place):
        for b in blocks:
            tags = item_tags(b) if b.kind == "numbered" else ["" for _ in b.items]
            for part, tag in [(b, ""), *zip(b.items, tags)]:
                n = part.move
                if n is not None and part.status in (MOVED, MOVED_AWAY):  # an item by its number: «4, punkt 9»
                    where = f"{place}, {wording.word('item', lang)} {tag.rstrip('.)')}" if tag else place
                    out.setdefault(n, ["", ""])[0 if part.status == MOVED_AWAY else 1] = where
            for item in b.items:
                visit(item.lists, place)

    def sections(parts, old_path, new_path, prefix):
        for s in parts:
            number = part_number(s, old_path, new_path).split("→")[-1]
            visit(s.blocks, prefix + number)
            paths = child_paths(s, old_path, new_path)
            sections(s.subsections, *paths, prefix)

    visit(diff.preamble, wording.word("preamble", lang).lower())
    sections(diff.sections, (), (), "")
    for s in diff.annexes:
        number = part_number(s, (), ())
        visit(s.blocks, f"{wording.word('annex', lang).lower()} {number}")
        sections(s.subsections, (), (), f"{wording.word('annex', lang).lower()} {number}, ")
    return {k: (v[0], v[1]) for k, v in out.items()}
