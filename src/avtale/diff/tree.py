"""The merged tree of a diff: both versions in one structure, in NEW's order.

Statuses: `same`, `changed`, `added`, `removed`, `moved` (sections only).
Text carries word operations: ("=", s) kept, ("-", s) deleted, ("+", s) inserted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SAME, CHANGED, ADDED, REMOVED, MOVED = "same", "changed", "added", "removed", "moved"


@dataclass
class Text:
    ops: list[tuple[str, str]]

    @property
    def old(self) -> str:
        return "".join(s for op, s in self.ops if op != "+")

    @property
    def new(self) -> str:
        return "".join(s for op, s in self.ops if op != "-")

    @property
    def status(self) -> str:
        kinds = {op for op, _ in self.ops}
        if kinds <= {"="}:
            return SAME
        if kinds == {"+"}:
            return ADDED
        if kinds == {"-"}:
            return REMOVED
        return CHANGED

    @classmethod
    def same(cls, s: str) -> "Text":
        return cls([("=", s)])

    @classmethod
    def added(cls, s: str) -> "Text":
        return cls([("+", s)])

    @classmethod
    def removed(cls, s: str) -> "Text":
        return cls([("-", s)])


@dataclass
class Item:
    """A list item, with its status in the list."""

    text: Text
    status: str


@dataclass
class Block:
    """A paragraph (`text`) or a list (`kind` bullets/numbered with `items`)."""

    kind: str  # paragraph | bullets | numbered
    status: str
    text: Text | None = None
    items: list[Item] = field(default_factory=list)
    style: str = "1."


@dataclass
class SectionDiff:
    title: Text
    status: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list["SectionDiff"] = field(default_factory=list)
    old_number: int | None = None
    new_number: int | None = None

    @property
    def touched(self) -> bool:
        return self.status != SAME


@dataclass
class AgreementDiff:
    old_id: str
    new_id: str
    title: Text
    fields: list[tuple[str, str, str]]  # (name, old, new) for metadata that changed
    preamble: list[Block]
    sections: list[SectionDiff]
    signing: list[tuple[str, str, str]]  # (what, old, new)

    @property
    def empty(self) -> bool:
        return (
            self.title.status == SAME
            and not self.fields
            and not self.signing
            and all(b.status == SAME for b in self.preamble)
            and all(s.status == SAME for s in self.sections)
        )
