"""Build stage for avtale's own HTML and Markdown: the structure read exactly, the rest derived as `build` derives it.

Reads: an `OwnDoc` (what `read_html_own` or `read_markdown_own` read from a page or file avtale wrote: the
title, the heading numbering, the blocks of the preamble, sections and annexes as model blocks with their
inline marks, the footnotes by id, the signature block, the letterhead's party ids and short names).
Writes: a valid `Agreement` and the to-dos.

What the text does not hold as structure — the language, the period, the parties and whom each signatory
signs for — is derived by `build.build`, given an outline of the plain text (the marks taken out), as for
any other source; then the structure read is set in its place. So the two paths cannot disagree on what
both derive, and the shared stages are unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import ValidationError

from avtale import inline
from avtale.errors import ExtractError, Position
from avtale.extract import build as build_stage
from avtale.extract import carried
from avtale.extract.lines import Notes
from avtale.extract.outline import Block, Outline, Part, Signer, SigningOut
from avtale.i18n import _
from avtale.model import Agreement, Bullets, Numbered, Table


@dataclass
class OwnSigner:
    party: str  # the party's name as the «For …» row prints it
    name: str
    title: str
    place: str | None = None
    date: dt.date | None = None


@dataclass
class OwnDoc:
    title: str
    numbering: str = "1."
    preamble: list = field(default_factory=list)  # model blocks
    sections: list = field(default_factory=list)  # model Sections
    annexes: list = field(default_factory=list)  # model Annexes
    footnotes: dict = field(default_factory=dict)
    place: str | None = None
    date: dt.date | None = None
    electronic: bool = False
    signers: list[OwnSigner] | None = None  # None: no signature block
    letterhead: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (name, id, short)


def build(doc: OwnDoc, notes: Notes, *, id: str | None = None, start: dt.date | None = None,
          end: dt.date | None = None, source: str = "<source>") -> tuple[Agreement, Outline, list]:
    outline = Outline(title=doc.title, title_line=1, numbering=doc.numbering,
                      preamble=_plain_blocks(doc.preamble),
                      sections=[_part(s) for s in doc.sections] + [_part(a) for a in doc.annexes])
    signers = doc.signers or []
    if signers:
        outline.signing = SigningOut(doc.place, doc.date, 1, [Signer(s.name, s.title, 1, s.party) for s in signers])
    orgs = [name for name, _, _ in doc.letterhead if name]
    base, todos = build_stage.build(outline, orgs, notes, id=id, start=start, end=end, source=source)
    data = base.model_dump(mode="python", exclude_none=False)
    ids = {p.id: p.id for p in base.parties}
    facts = [(pid, short) for _, pid, short in doc.letterhead]
    if any(pid or short for pid, short in facts) and not carried.parties_ok(facts):
        notes.meta(_("the document's party properties do not match the parties in its text; ids and short names "
                     "derived from the text"))
    elif doc.letterhead and [n for n, _, _ in doc.letterhead] == [p.name for p in base.parties]:
        parties = []
        for (name, pid, short), p in zip(doc.letterhead, base.parties):
            ids[p.id] = pid or p.id
            parties.append({**p.model_dump(), "id": pid or p.id, "short": short})
        data["parties"] = parties
    data.update(preamble=doc.preamble, sections=doc.sections, annexes=doc.annexes, footnotes=doc.footnotes)
    if base.signing is not None:
        data["signing"] = {
            "place": doc.place, "date": doc.date, "electronic": doc.electronic,
            "signatories": [{"party": ids.get(sig.party, sig.party), "name": sig.name, "title": sig.title,
                             "place": own.place, "date": own.date}
                            for sig, own in zip(base.signing.signatories, signers)],
        }
    try:
        agreement = Agreement.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(x) for x in err["loc"])
        raise ExtractError(_("the extracted agreement is not valid: `{where}`: {problem}")
                           .format(where=where, problem=err["msg"]), Position(source)) from None
    outline.sections = outline.sections[:len(doc.sections)]
    return agreement, outline, todos


def _part(node) -> Part:
    part = Part(node.title, 1, _plain_blocks(node.blocks))
    for sub in node.subsections:
        child = _part(sub)
        part.subsections.append(child)
        part.subsections += child.subsections  # body_texts reads two levels: deeper text is read as theirs
        child.subsections = []
    return part


def _plain_blocks(blocks) -> list[Block]:
    """The blocks as the outline holds them, plain text: what `build` derives the language, dates and parties from."""
    out = []
    for b in blocks:
        if isinstance(b, str):
            out.append(Block("paragraph", [inline.plain(b)], 1))
        elif isinstance(b, Table):
            t = b.table
            texts = ([t.caption] if t.caption else []) + [c for row in [t.header, *t.rows] for c in row if c]
            out += [Block("paragraph", [inline.plain(c)], 1) for c in texts]
        else:
            out.append(Block("bullets" if isinstance(b, Bullets) else "numbered", _item_texts(b.items), 1))
    return out


def _item_texts(items) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(inline.plain(item))
        else:
            out.append(inline.plain(item.text))
            out += _item_texts(item.items)
    return out


__all__ = ["OwnDoc", "OwnSigner", "build", "Numbered"]
