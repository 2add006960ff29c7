"""Named destinations in avtale's PDF for what the print cannot show, so `extract` reads the agreement back exactly.

A named destination is a standard, invisible part of a PDF (a name for a place on a page, which a link or a
viewer can go to); PDF/A-2 and PDF/UA-1 allow any number of them. Typst names only labelled headings (the
annexes' «avtale-annex-ID»); the others are added here, in the incremental update that adds the signature
fields (`fields`), at the places the template reports (`<avtale-dest>` metadata: name, page, x, y):

- «avtale-party-ID» at each party's letterhead cell, «avtale-party-ID:SHORT» where the party has a short name
  (percent-encoded UTF-8, so any text is safe in a name and the colon, which no id holds, parts them);
- «avtale-note-ID» at each footnote's first reference;
- «avtale-table-K» at the K-th table of the document, «avtale-table-K:3l,1r,1r» with its own column
  settings (width, empty for none, and l, c or r for the alignment) where the agreement gives them;
- «avtale-signing» at the top of the signature block.

`extract` (read_pdf_own) reads them with `parse`; a PDF without them is read from its text as any other.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

PREFIX = "avtale-"
PARTY, NOTE, TABLE, SIGNING = "avtale-party-", "avtale-note-", "avtale-table-", "avtale-signing"
ALIGNS = {"left": "l", "center": "c", "right": "r"}


def party_name(party) -> str:
    short = "" if party.short is None else ":" + quote(party.short, safe="")
    return PARTY + party.id + short


def note_name(note_id: str) -> str:
    return NOTE + note_id


def _number(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def table_name(k: int, table) -> str:
    columns = table.table.columns
    if columns is None:
        return f"{TABLE}{k}"
    spec = ",".join((_number(c.width) if c.width is not None else "") + ALIGNS.get(c.align, "l") for c in columns)
    return f"{TABLE}{k}:{spec}"


def table_names(agreement) -> list[str]:
    """A name for each table, in the order the document sets them (preamble, sections with their
    subsections, annexes)."""
    from avtale.model import Table

    found: list = []

    def blocks(items) -> None:
        found.extend(b for b in items if isinstance(b, Table))

    def part(p) -> None:
        blocks(p.blocks)
        for sub in p.subsections:
            part(sub)

    blocks(agreement.preamble)
    for s in agreement.sections:
        part(s)
    for a in agreement.annexes:
        part(a)
    return [table_name(k, t) for k, t in enumerate(found, 1)]


# -- reading ----------------------------------------------------------------------------------------------

def parse_party(name: str) -> tuple[str, str | None] | None:
    """(id, short or None) from «avtale-party-ID[:SHORT]»."""
    if not name.startswith(PARTY):
        return None
    pid, colon, short = name[len(PARTY):].partition(":")
    return (pid, unquote(short, errors="strict") if colon else None) if pid else None


def parse_table(name: str) -> tuple[int, list[dict] | None] | None:
    """(K, columns as model data or None) from «avtale-table-K[:SPEC]»."""
    if not name.startswith(TABLE):
        return None
    number, colon, spec = name[len(TABLE):].partition(":")
    if not number.isdigit():
        return None
    if not colon:
        return int(number), None
    columns = []
    back = {v: k for k, v in ALIGNS.items()}
    for item in spec.split(",") if spec else []:
        if not item or item[-1] not in back:
            return None
        try:
            width = float(item[:-1]) if item[:-1] else None
        except ValueError:
            return None
        columns.append({"width": width, "align": back[item[-1]]})
    return int(number), columns


# -- writing ----------------------------------------------------------------------------------------------

def add(update, dests: list[dict]) -> None:
    """Add `dests` (name, page from 1, x and y in pt from the page's top left) to the catalog's /Dests name
    tree in `update` (a `pdf_update.Update`), merged with the names Typst wrote, in the sorted order a name
    tree keeps."""
    from avtale.render.pdf_objects import Name, String, text

    if not dests:
        return
    root = update.touch(update.trailer["Root"])
    pages = update.pages()
    names_holder = root.get("Names")
    if names_holder is None:
        names_holder = root[Name("Names")] = {}
    elif not isinstance(names_holder, dict):
        names_holder = update.touch(names_holder)
    tree = names_holder.get("Dests")
    if tree is None:
        tree = names_holder[Name("Dests")] = {}
    elif not isinstance(tree, dict):
        tree = update.touch(tree)
    entries = update.get(tree.get("Names")) or []
    pairs = [(bytes(entries[i]), entries[i], entries[i + 1]) for i in range(0, len(entries) - 1, 2)
             if isinstance(entries[i], bytes)]
    if "Kids" in tree:  # a name tree of more than one node (Typst writes one): leave it as it is
        return
    for dest in dests:
        page_ref = pages[int(dest["page"]) - 1]
        box = [float(update.get(v)) for v in update.inherited(page_ref, "MediaBox")]
        top = max(box[1], box[3]) - float(dest["y"])
        key = text(dest["name"])
        array = [page_ref, Name("XYZ"), round(float(dest["x"]), 3), round(top, 3), 0]
        pairs.append((bytes(key), key, update.add(array)))
    pairs.sort(key=lambda p: p[0])
    flat: list = []
    for _, key, value in pairs:
        flat += [key if isinstance(key, bytes) else String(key), value]
    tree[Name("Names")] = flat
