"""Rules on what the format's richer parts must hold: inline marks that close (AV310), footnotes and annexes
that are referred to and exist (AV311, AV312), tables that fit the page (AV313), structure no deeper than it
prints (AV314), and a paper signing with a place and a date (AV315).

A mark, a reference or a link is reported at the line and column where it was typed, inside the YAML text
(`store.places`), wherever the store can tell it; else at the start of the text.
"""

from __future__ import annotations

from avtale import inline
from avtale.checks import At, rule
from avtale.findings import WARNING
from avtale.i18n import N_, _
from avtale.model import MAX_LIST_DEPTH, MAX_SUBSECTION_DEPTH, Bullets, Item, Numbered, Table

# The average advance of a character of Liberation Sans (metric-compatible with Arial), in em: about 0.5 for
# Norwegian words in lower case, more for capitals and digits (0.556–0.722). 0.55 errs towards a word that
# just fits being told it does not, rather than a table that overflows the page passing.
AVERAGE_ADVANCE_EM = 0.55
MM_PER_PT = 25.4 / 72


class _Places:
    """Where each text of the file was typed, read once for a rule that reports inside texts."""

    def __init__(self, ctx):
        from avtale.store import places

        self.places = places
        self.lines = ctx.source.split("\n") if ctx.source is not None else []
        self.scalars = places.scalars(ctx.source) if ctx.source is not None else {}

    def text(self, loc: tuple, text: str) -> str:
        """The text as typed (the model holds it in NFC): offsets count in what was typed."""
        scalar = self.scalars.get(loc)
        return scalar.value if scalar is not None else text

    def at(self, loc: tuple, offset: int, found: str):
        """The `At` of `found` at `offset` in the text at `loc`; the text's start where the typing hides it;
        the key path where there is no file."""
        scalar = self.scalars.get(loc)
        if scalar is None:
            return loc
        where = self.places.position(self.lines, scalar, offset, found)
        return At(*where) if where else At(scalar.line + 1, scalar.col + 1)


def _prose(ctx):
    """(loc, text) of every text with marks: prose, less titles, names and places (literal)."""
    for loc, text in ctx.texts:
        last = loc[-1]
        if isinstance(last, int) or last in ("text", "caption") or loc[0] == "footnotes":
            yield loc, text


_UNCLOSED = {
    "**": N_("«**» opens bold here, but nothing closes it: end the bold words with «**», or write «\\*\\*» for "
             "asterisks"),
    "*": N_("«*» opens italic here, but nothing closes it: end the italic words with «*», or write «\\*» for an "
            "asterisk"),
}


@rule("AV310", "inline-marks", N_("every inline mark is closed, marks close in the order they open, and a link has "
                                  "words and an address (https://, http://, mailto: or #annex-id)"))
def inline_marks(agreement, ctx):
    places = None
    for loc, text in _prose(ctx):
        if not inline.has_marks(text):
            continue
        places = places or _Places(ctx)
        typed = places.text(loc, text)
        for problem in inline.parse(typed).problems:
            if problem.kind == "unclosed":
                yield places.at(loc, problem.offset, "*"), _(_UNCLOSED[problem.detail])
            elif problem.kind == "crossed":
                yield places.at(loc, problem.offset, "*"), _(
                    "«{mark}» opens here and is still open where a mark opened before it closes: close marks in the "
                    "reverse order, as in «**bold *and italic***»").format(mark=problem.detail)
            elif problem.kind == "url":
                yield places.at(loc, problem.offset, problem.detail), _(
                    "«{url}» is not a link address: write https://…, http://…, mailto:… or #id of an annex").format(
                        url=problem.detail)
            else:
                yield places.at(loc, problem.offset, "["), _(
                    "the link to «{url}» has no words: write them between «[» and «]»").format(url=problem.detail)


def _references(ctx):
    """(loc, text as typed, offset, kind, id) of every footnote and annex reference, in reading order."""
    places = None
    for loc, text in _prose(ctx):
        if "[" not in text:
            continue
        places = places or _Places(ctx)
        typed = places.text(loc, text)
        for offset, kind, ref in inline.references(typed):
            yield places, loc, offset, kind, ref


@rule("AV311", "footnotes", N_("every footnote reference `[^id]` has its note under `footnotes:`, every note is "
                               "referred to (a warning), and no note refers to another"))
def footnotes(agreement, ctx):
    notes = agreement.footnotes
    used = set()
    for places, loc, offset, kind, ref in _references(ctx):
        if kind != "note":
            continue
        used.add(ref)
        if loc[0] == "footnotes":
            yield places.at(loc, offset, "["), _(
                "a footnote cannot refer to another footnote («[^{id}]»): write what it says in this note").format(
                    id=ref)
        elif ref not in notes:
            known = ", ".join(notes) or _("none")
            yield places.at(loc, offset, "["), _(
                "«[^{id}]» refers to a footnote that is not under «footnotes:» (notes: {known}): add «{id}:» there, "
                "or correct the id").format(id=ref, known=known)
    for key in notes:
        if key not in used:
            yield ("footnotes", key), _("the footnote «{id}» is never referred to: write «[^{id}]» where it belongs, "
                                        "or delete the note").format(id=key), WARNING


@rule("AV312", "annex-references", N_("every annex reference `[#id]` or `[…](#id)` names an annex, and no two "
                                      "annexes share an id"))
def annex_references(agreement, ctx):
    ids = list(dict.fromkeys(a.id for a in agreement.annexes if a.id))
    for places, loc, offset, kind, ref in _references(ctx):
        if kind == "ref" and ref not in ids:
            known = ", ".join(ids) or _("none")
            yield places.at(loc, offset, "["), _(
                "«{id}» is not the id of an annex (annexes with an id: {known}): correct the id, or give the annex "
                "«id: {id}»").format(id=ref, known=known)
    seen = {}
    for i, annex in enumerate(agreement.annexes):
        if annex.id is None:
            continue
        if annex.id in seen:
            yield ("annexes", i, "id"), _("annex id «{id}» is used twice (annexes {first} and {second})").format(
                id=annex.id, first=seen[annex.id] + 1, second=i + 1)
        else:
            seen[annex.id] = i


# --- AV313: tables ----------------------------------------------------------------------------------------

def tables(agreement):
    """(loc, table content) of every table, in reading order."""
    def blocks(prefix, items):
        for i, block in enumerate(items):
            if isinstance(block, Table):
                yield (*prefix, i, "table"), block.table

    def parts(prefix, part):
        yield from blocks((*prefix, "blocks"), part.blocks)
        for j, sub in enumerate(part.subsections):
            yield from parts((*prefix, "subsections", j), sub)

    yield from blocks(("preamble",), agreement.preamble)
    for i, section in enumerate(agreement.sections):
        yield from parts(("sections", i), section)
    for i, annex in enumerate(agreement.annexes):
        yield from parts(("annexes", i), annex)


def column_widths_mm(table, text_width_mm: float) -> list[float]:
    """Each column's width on the page: `width`s are shares of the line; a column without one gets the mean of
    the others' (as render/tree.py shares the line)."""
    count = len(table.header)
    columns = list(table.columns or [])[:count]
    widths = [c.width for c in columns] + [None] * (count - len(columns))
    known = [w for w in widths if w is not None]
    fill = sum(known) / len(known) if known else 1.0
    widths = [w if w is not None else fill for w in widths]
    total = sum(widths)
    return [text_width_mm * w / total for w in widths]


def word_width_mm(word: str, size_pt: float) -> float:
    """A word's estimated width in Liberation Sans at `size_pt`: characters × AVERAGE_ADVANCE_EM."""
    return len(word) * AVERAGE_ADVANCE_EM * size_pt * MM_PER_PT


def _words(cell: str) -> list[str]:
    """The words of a cell as printed (marks left out), each broken after a hyphen as Word and Typst break it."""
    out = []
    for word in inline.plain(cell).split():
        out.extend(part for part in word.replace("-", "-\n").split("\n") if part)
    return out


@rule("AV313", "table-shape", N_("every row of a table has as many cells as its header, `columns` no more, and the "
                                 "table fits the page: each column at least `table.min_column_mm` wide, and its "
                                 "longest word no wider than the column"))
def table_shape(agreement, ctx):
    found = list(tables(agreement))
    if not found:
        return
    from avtale import layout  # only for a table: the layout file is read (and its reader imported) once

    settings = layout.load()
    page, table_settings = settings["page"], settings["table"]
    text_width = page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]
    least = float(table_settings["min_column_mm"])
    size = float(table_settings["size_pt"])
    padding = 2 * float(table_settings.get("cell_padding_mm", 0))
    for loc, table in found:
        count = len(table.header)
        for r, row in enumerate(table.rows):
            if len(row) != count:
                yield (*loc, "rows", r), _("the header has {count} cells, but this row has {n}: give every row one "
                                           "cell for each column (an empty cell is '')").format(n=len(row), count=count)
        if table.columns is not None and len(table.columns) > count:
            yield (*loc, "columns"), _("«columns:» sets {n} columns, but the header has {count}: remove the extra "
                                       "ones").format(n=len(table.columns), count=count)
        widths = column_widths_mm(table, text_width)
        narrow = [j for j, w in enumerate(widths) if w < least - 1e-9]
        if narrow:
            j = narrow[0]
            yield (*loc, "header", j), _("the table is wider than the page: column {n} would be {width:.0f} mm, less "
                                         "than the {least:.0f} mm a column needs; use fewer columns, or give this one a "
                                         "larger «width»").format(n=j + 1, width=widths[j], least=least)
            continue
        rows = [("header", table.header)] + [(("rows", r), row) for r, row in enumerate(table.rows)]
        told = set()
        for where, row in rows:
            for j, cell in enumerate(row[:count]):
                if j in told or not cell:
                    continue
                room = widths[j] - padding
                wide = next((w for w in _words(cell) if word_width_mm(w, size) > room), None)
                if wide is not None:
                    told.add(j)
                    cell_loc = (*loc, where, j) if where == "header" else (*loc, *where, j)
                    yield cell_loc, _("the table is wider than the page: the word «{word}» (about {need:.0f} mm) is "
                                      "wider than column {n} ({width:.0f} mm); give the column a larger «width», or "
                                      "shorten or split the word").format(
                                          word=wide, need=word_width_mm(wide, size), n=j + 1, width=room)


# --- AV314: depth ------------------------------------------------------------------------------------------

@rule("AV314", "depth", N_("subsections go no deeper than 2.1.1, and lists no deeper than three levels"))
def depth(agreement, ctx):
    def subsections(prefix, subs, level, number):
        for j, sub in enumerate(subs):
            loc = (*prefix, "subsections", j)
            here = f"{number}.{j + 1}"
            if level > MAX_SUBSECTION_DEPTH:
                yield (*loc, "title"), _("«{title}» is a subsection at level {level} ({number}); subsections go no "
                                         "deeper than {most} levels (2.1.1): make it a paragraph or a list").format(
                                             title=sub.title, level=level, number=here, most=MAX_SUBSECTION_DEPTH)
                continue
            yield from lists((*loc, "blocks"), sub.blocks)
            yield from subsections(loc, sub.subsections, level + 1, here)

    def lists(prefix, blocks):
        for i, block in enumerate(blocks):
            if isinstance(block, (Bullets, Numbered)):
                yield from items((*prefix, i, "bullets" if isinstance(block, Bullets) else "numbered"), block.items, 1)

    def items(loc, entries, level):
        for k, item in enumerate(entries):
            if not isinstance(item, Item):
                continue
            key = "bullets" if item.bullets is not None else "numbered"
            if level + 1 > MAX_LIST_DEPTH:
                yield (*loc, k, key), _("this list is at level {level}; lists go no deeper than {most} levels "
                                        "(1. → a) → i)): write its items into the item above, or lift them "
                                        "up").format(level=level + 1, most=MAX_LIST_DEPTH)
                continue
            yield from items((*loc, k, key), item.items, level + 1)

    yield from lists(("preamble",), agreement.preamble)
    for i, section in enumerate(agreement.sections):
        yield from lists(("sections", i, "blocks"), section.blocks)
        yield from subsections(("sections", i), section.subsections, 1, str(i + 1))
    for i, annex in enumerate(agreement.annexes):
        yield from lists(("annexes", i, "blocks"), annex.blocks)
        yield from subsections(("annexes", i), annex.subsections, 1, f"V{i + 1}")


# --- AV315: signing ----------------------------------------------------------------------------------------

@rule("AV315", "paper-signing", N_("an agreement signed on paper gives a place and a date: for the signature block, "
                                   "or for every signatory"))
def paper_signing(agreement, ctx):
    s = agreement.signing
    if s is None or s.electronic:
        return
    for key, missing in (("place", _("a place")), ("date", _("a date"))):
        if getattr(s, key) is not None:
            continue
        for i, signatory in enumerate(s.signatories):
            if getattr(signatory, key) is None:
                yield ("signing", "signatories", i), _(
                    "{name} signs on paper without {what}: give «{key}:» under «signing:», or one for every "
                    "signatory (or write «electronic: true» if the agreement is signed electronically)").format(
                        name=signatory.name, what=missing, key=key)
