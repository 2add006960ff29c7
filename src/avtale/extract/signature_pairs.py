"""Which name, title and party of a signature block go together, and in which order (used by `signing`).

Reads: the slots `signing._fill` dealt the parts of the block into (each a dict of «name», «title», «party»
cells), or its signatories. Writes: the same, mended. The heuristics are listed in `signing`'s docstring
(«Each kind in its own order», «A title goes with the party it names», «Columns read one after another come
back row by row», «A stray title finds its name»).
"""

from __future__ import annotations

from avtale.extract.lines import Notes
from avtale.extract.outline import Signer
from avtale.extract.signature_parts import FOR, Cell
from avtale.i18n import _


def rows_first(signers: list[Signer], dated: list[int], notes: Notes) -> list[Signer]:
    """*Columns read one after another come back row by row.* pdftotext reads a table of two columns with nothing
    to tell them apart in its plain text as the left column, then a line set at the left margin below the table
    (the place and date), then the right column. Where the place and date stand between the signatories, as
    many before them as after (two or more each), every part on a line of its own, the two halves are the
    columns and the signatories are dealt row by row, left to right, as the block sets them."""
    if not dated:
        return signers
    lo, hi = min(dated), max(dated)
    before = [s for s in signers if s.line < lo]
    after = [s for s in signers if s.line > hi]
    if len(before) < 2 or len(before) != len(after) or len(before) + len(after) != len(signers):
        return signers
    notes.uncertain(lo, _("the place and date stand between two columns read one after another; signatories read row "
                          "by row"))
    return [s for pair in zip(before, after) for s in pair]


def _whole(slots: list[dict]) -> bool:
    """Every slot has a name, and a title (a party) where any has one (slots a stray title left empty aside)."""
    slots = [s for s in slots if s]
    return all("name" in s for s in slots) and all(
        all(k in s for s in slots) or not any(k in s for s in slots) for k in ("title", "party"))


def in_order(parts: list[Cell], slots: list[dict], notes: Notes) -> list[dict]:
    """*Each kind in its own order.* Where the runs leave a signatory without its title or party (or a title or
    party without a name), but the block holds as many names as titles and as many parties (or none) — a reader
    mixing rows and columns (pdftotext reading the heads as a row, then each column's line and name, then two
    columns' titles together) — the k-th name, title and party go together: every reader keeps the order of the
    columns within each kind, whatever it does between kinds."""
    if _whole(slots):
        return slots
    by = {k: [c for c in parts if slot_of(c.kind) == k] for k in ("name", "title", "party")}
    n = len(by["name"])
    if n < 2 or any(len(by[k]) not in (0, n) for k in ("title", "party")) or not (by["title"] or by["party"]):
        return slots
    notes.uncertain(by["name"][0].line, _("names, titles and parties of the signature block paired in their order"))
    return [{k: by[k][i] for k in by if by[k]} for i in range(n)]


def _named_by(title: str) -> str | None:
    """The party a title names («Energiminister» → «Energidepartementet», «Leder i KS» → «KS»), casefolded."""
    from avtale.extract.parties import mentions, ministry_of

    said = ministry_of(title) or next((n for _, n in mentions(title)), None)
    return said.casefold() if said else None


def titles_to_their_parties(slots: list[dict], notes: Notes, pages: dict[int, int]) -> None:
    """*A title goes with the party it names.* Where signatories with «For» parties hold titles that name parties
    of the block, the titles naming exactly those parties but not each its own signatory's, the two are put
    together again; titles that name no party («Administrerande direktør», «Styreleiar») keep their order and go
    with the parties the others leave. Which moves depends on where the text broke: where a title stands on
    another page than the name it was paired with (a reader taking a row broken across a page: «For A», «For B»,
    name A, title B, name B, and on the next page title A), the title is the stray one and goes to the
    signatory whose party it names (the names keep the order of the parties); where every name and title stand
    together on one page, the pair is sure and the party goes to the pair whose title names it (pdftotext
    dealing the «For» rows of a table out of their columns)."""
    from avtale.extract.parties import mentions

    group = [s for s in slots if "name" in s and "title" in s and "party" in s]
    owns = [{n.casefold() for _, n in mentions(party_text(s["party"]))} for s in group]
    said = [_named_by(s["title"].text) for s in group]
    named = [i for i, t in enumerate(said) if t]
    if len(group) < 2 or not named or all(said[i] in owns[i] for i in named):
        return
    homes = {i: [j for j, o in enumerate(owns) if said[i] in o] for i in named}
    if any(len(h) != 1 for h in homes.values()):
        return
    home = {i: h[0] for i, h in homes.items()}  # the one signatory whose party each named title names
    if len(set(home.values())) != len(home):
        return
    left = iter(j for j in range(len(group)) if j not in home.values())  # the unnamed titles, in their order
    order = {i: home[i] if i in home else next(left) for i in range(len(group))}
    if all(pages.get(s["name"].line) == pages.get(s["title"].line) for s in group):
        parties = [s["party"] for s in group]
        for i, s in enumerate(group):
            if s["party"] is not parties[order[i]]:
                party = party_text(parties[order[i]])
                notes.uncertain(s["name"].line, _("«{title}» names «{party}»; read as the party of «{name}»")
                                .format(title=s["title"].text, party=party, name=s["name"].text))
            s["party"] = parties[order[i]]
        return
    titles = [s["title"] for s in group]
    for i, title in enumerate(titles):
        if group[order[i]]["title"] is not title:
            notes.uncertain(title.line, _("«{title}» names the party of «{name}»; read as its title")
                                        .format(title=title.text, name=group[order[i]]["name"].text))
        group[order[i]]["title"] = title


def place_stray_titles(slots: list[dict], notes: Notes) -> None:
    """Titles with no name beside them go to the signatories without a title (the module's docstring)."""
    from avtale.extract.parties import mentions, ministry_of

    stray = [s for s in slots if "title" in s and "name" not in s and "party" not in s]
    untitled = [s for s in slots if "name" in s and "title" not in s]
    if not stray or not untitled:
        return

    def names(slot: dict, title: Cell) -> bool:
        party = slot.get("party")
        if party is None:
            return False
        said = ministry_of(title.text) or next((n for _, n in mentions(title.text)), None)
        return said is not None and said.casefold() in {n.casefold() for _, n in mentions(party_text(party))}

    for s in list(stray):
        match = [u for u in untitled if names(u, s["title"])]
        if match:
            _give_title(match[0], s, untitled, stray, notes)
    if len(stray) == len(untitled):
        for u, s in zip(list(untitled), list(stray)):
            _give_title(u, s, untitled, stray, notes)


def _give_title(slot: dict, stray: dict, untitled: list, strays: list, notes: Notes) -> None:
    title = stray.pop("title")
    slot["title"] = title
    untitled.remove(slot)
    strays.remove(stray)
    notes.uncertain(title.line, _("«{title}» stands apart from the names; read as the title of «{name}»")
                                .format(title=title.text, name=slot["name"].text))


def slot_of(kind: str) -> str:
    return {"for": "party", "party": "party", "line": "line", "name": "name"}.get(kind, "title")


def party_text(cell: Cell) -> str:
    m = FOR.match(cell.text)
    return (m.group("party") if m else cell.text).strip()
