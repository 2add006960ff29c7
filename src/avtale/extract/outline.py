"""The outline recognise produces and build consumes: the agreement's shape, with source lines.

Reads: nothing. Writes: nothing. `Outline.render()` is the text form used by golden files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Block:
    kind: str  # paragraph, bullets, numbered, table
    items: list[str]
    line: int
    style: str = "1."
    start: int = 1  # the number of the first item, as the source showed it
    lines: list[int] = field(default_factory=list)  # each item's source line (build finds a reader's payload by it)

    def __post_init__(self) -> None:
        if not self.lines:
            self.lines = [self.line]

    def add(self, item: str, line: int) -> None:
        self.items.append(item)
        self.lines.append(line)


@dataclass
class Part:
    """A section or subsection."""

    title: str
    line: int
    blocks: list[Block] = field(default_factory=list)
    subsections: list["Part"] = field(default_factory=list)  # of a subsection: 2.1.1 …
    id: str | None = None  # an annex's id


@dataclass
class Signer:
    name: str
    title: str
    line: int
    party: str | None = None  # a party name printed with the signatory («For KS»)
    place: str | None = None  # the signatory's own place and date, printed in their column
    date: dt.date | None = None


@dataclass
class SigningOut:
    place: str | None  # None (and date None) where only the signatories' own places and dates are printed
    date: dt.date | None
    line: int
    signers: list[Signer] = field(default_factory=list)
    electronic: bool = False  # «Avtalen er signert elektronisk.»
    stacked: bool = False  # every part stood on a line of its own: the text shows no row of cells side by side


@dataclass
class Outline:
    title: str = ""
    title_line: int = 0
    numbering: str = "1."
    preamble: list[Block] = field(default_factory=list)
    sections: list[Part] = field(default_factory=list)
    signing: SigningOut | None = None
    annexes: list[Part] = field(default_factory=list)  # after the signature block: blocks, subsections, id
    todos: list[tuple[tuple, str]] = field(default_factory=list)  # (path in the YAML, what to check there): recognise's guesses

    def render(self) -> str:
        out = [f"numbering: {self.numbering}", f"{self.title_line}: title: {self.title}"]
        out += _blocks(self.preamble, "  ")
        for i, s in enumerate(self.sections, 1):
            out.append(f"{s.line}: section {i}: {s.title}")
            out += _blocks(s.blocks, "  ")
            for j, sub in enumerate(s.subsections, 1):
                out.append(f"{sub.line}:   subsection {i}.{j}: {sub.title}")
                out += _blocks(sub.blocks, "    ")
                for k, deeper in enumerate(sub.subsections, 1):
                    out.append(f"{deeper.line}:     subsection {i}.{j}.{k}: {deeper.title}")
                    out += _blocks(deeper.blocks, "      ")
        if self.signing:
            g = self.signing
            out.append(f"{g.line}: signing: {g.place}, {g.date.isoformat() if g.date else None}")
            for s in g.signers:
                out.append(f"{s.line}:   signatory: {s.name} | {s.title}" + (f" | for {s.party}" if s.party else ""))
        for i, a in enumerate(self.annexes, 1):
            out.append(f"{a.line}: annex {i}: {a.title}" + (f" #{a.id}" if a.id else ""))
            out += _blocks(a.blocks, "  ")
            for j, sub in enumerate(a.subsections, 1):
                out.append(f"{sub.line}:   subsection {j}: {sub.title}")
                out += _blocks(sub.blocks, "    ")
        return "\n".join(out) + "\n"


def _blocks(blocks: list[Block], indent: str) -> list[str]:
    out = []
    for b in blocks:
        if b.kind in ("paragraph", "table"):
            out.append(f"{b.line}: {indent}{b.kind}: {b.items[0]}")
        else:
            out.append(f"{b.line}: {indent}{b.kind} ({b.style if b.kind == 'numbered' else '•'}):")
            out += [f"{indent}  - {item}" for item in b.items]
    return out
