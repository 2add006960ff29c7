"""The agreement model: the centre every other part of avtale speaks.

Keys are English, content is Norwegian. Section and list numbers are never
typed: they follow from order, and how they are shown is a setting
(`numbering` on the agreement, `style` on a numbered list).

The format itself — every field, type, constraint and description — is defined once, in pydantic, in
`avtale.definition`. The classes here carry the same names and fields and are validated by the same rules,
but without importing pydantic or building its classes in every process (that was most of the start-up of
`validate` and `build`): `model_core.py`, generated from the definition by `scripts/compile-model`, holds
the pydantic-core schema of every class with these classes in it, and pydantic-core's own validator and
serializer are built from it on first use. Where the installed pydantic-core is not the version that
schema was made with, it is made again from the definition at run time (slower, the same result).
`tests/test_model_compiled.py` holds the two to the same results and findings.
"""

from __future__ import annotations

import unicodedata

from avtale import model_runtime
from avtale.model_runtime import Model


def __getattr__(name: str):
    if name == "ValidationError":  # what validation raises: pydantic's own class, from pydantic-core, loaded when
        # asked for (a valid file is validated without it: avtale.model_fast)
        return model_runtime.core().ValidationError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


MAX_SUBSECTION_DEPTH = 2  # subsections in subsections: 2.1 and 2.1.1, no deeper
MAX_LIST_DEPTH = 3  # lists in list items: 1. → a) → i)


class Logo(Model):
    """A party's logo, supplied by the user (the repository ships no third-party logos)."""


class Party(Model):
    """One party to the agreement."""


class Period(Model):
    """When the agreement is in force."""


class Item(Model):
    """A list item with a list of its own under it (bullets in a numbered list, or the other way round)."""

    @property
    def items(self) -> list:
        return self.bullets if self.bullets is not None else self.numbered


class Bullets(Model):
    """A bulleted list."""

    @property
    def items(self) -> list:
        return self.bullets


class Numbered(Model):
    """A numbered list; numbers follow from order and start again at 1 (or a) in every list."""

    @property
    def items(self) -> list:
        return self.numbered


class Column(Model):
    """How one column of a table is set."""


class TableContent(Model):
    """A table: a header row, rows of cells, optional column settings and a caption."""


class Table(Model):
    """A table block."""


class Subsection(Model):
    """A numbered subsection (2.1, 2.2 …) inside a section, or (2.1.1) inside a subsection."""


class Section(Model):
    """A numbered section of the agreement."""


class Annex(Model):
    """An annex («Vedlegg 1: …») after the signature block, starting on a new page."""


class Signatory(Model):
    """A person who signs for a party."""


class Signing(Model):
    """Place, date and signatories: the signature block."""


class Seal(Model):
    """Set by `avtale sign-off`: the hash of the signed content. Signed text is frozen."""


class Agreement(Model):
    """An agreement between a ministry and KS (or between other public parties)."""

    def party(self, party_id: str) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)


# --- the behaviour the definition's validators call (and the validator made from it) -------------------------

def nfc(value):
    """A text in Unicode NFC (a list of values: each text in it), so that «å» typed as one character or as «a»
    and a combining ring is one and the same text to every rule (AV207's equal titles), to `fmt` and to the
    seal; anything else as it is."""
    if isinstance(value, str):
        return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    return value


def _in_nfc(values) -> bool:
    """Whether every text among `values` (and in the lists among them) is in NFC already: the usual case, told
    without building anything."""
    for value in values:
        if value.__class__ is str:
            if not _is_nfc("NFC", value):
                return False
        elif value.__class__ is list and not _in_nfc(value):
            return False
        elif value.__class__ is dict and not (_in_nfc(value.keys()) and _in_nfc(value.values())):
            return False
    return True


_is_nfc = unicodedata.is_normalized


def read_in_nfc(data):
    """Every text is read in NFC, whichever way the model is made (a file, `extract`, `new`): the one place."""
    if data.__class__ is dict and not _in_nfc(data.values()):
        return {key: nfc(value) for key, value in data.items()}
    return data


def one_list(item):
    """An item with `text:` has exactly one list under it, and `style` only on a numbered one."""
    if (item.bullets is None) == (item.numbered is None):
        raise ValueError("an item with `text:` has one list under it: `bullets:` or `numbered:`")
    if item.style is not None and item.numbered is None:
        raise ValueError("`style` belongs to a `numbered:` list")
    return item


def item_tag(value: object) -> str | None:
    """Which kind of list item a value is: `text` or `item` (None: neither, told by the union's own error)."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, (Item, dict)):
        return "item"
    return None


def block_tag(value: object) -> str | None:
    """Which kind of block a value is: `paragraph`, `bullets`, `numbered` or `table` (None: none of them)."""
    if isinstance(value, str):
        return "paragraph"
    if isinstance(value, Bullets) or (isinstance(value, dict) and "bullets" in value):
        return "bullets"
    if isinstance(value, Numbered) or (isinstance(value, dict) and "numbered" in value):
        return "numbered"
    if isinstance(value, Table) or (isinstance(value, dict) and "table" in value):
        return "table"
    return None


model_runtime.bind(globals())


# --- reading an agreement ----------------------------------------------------------------------------------

def block_kind(block) -> str:
    """`paragraph`, `bullets`, `numbered` or `table`."""
    if isinstance(block, str):
        return "paragraph"
    if isinstance(block, Bullets):
        return "bullets"
    return "numbered" if isinstance(block, Numbered) else "table"


def list_style(style: str | None, level: int) -> str:
    """The numbering of a numbered list at `level` (1 for a list in the text, 2 for a list in an item …):
    its own `style`, else 1. → a) → i) by level."""
    if style is not None:
        return style
    return ("1.", "a)", "i)")[(level - 1) % 3]


def all_texts(agreement: Agreement):
    """Yield (path, text) for every piece of prose, in reading order; `path` is a pydantic-style loc."""
    yield ("title",), agreement.title
    yield from _block_texts(("preamble",), agreement.preamble)
    for i, section in enumerate(agreement.sections):
        yield ("sections", i, "title"), section.title
        yield from _block_texts(("sections", i, "blocks"), section.blocks)
        yield from _subsection_texts(("sections", i), section.subsections)
    if agreement.signing:
        if agreement.signing.place:
            yield ("signing", "place"), agreement.signing.place
        for i, s in enumerate(agreement.signing.signatories):
            yield ("signing", "signatories", i, "name"), s.name
            yield ("signing", "signatories", i, "title"), s.title
            if s.place:
                yield ("signing", "signatories", i, "place"), s.place
    for i, annex in enumerate(agreement.annexes):
        yield ("annexes", i, "title"), annex.title
        yield from _block_texts(("annexes", i, "blocks"), annex.blocks)
        yield from _subsection_texts(("annexes", i), annex.subsections)
    for key, note in agreement.footnotes.items():
        yield ("footnotes", key), note


def all_strings(model: Model) -> list[tuple[tuple, str]]:
    """(path, text) for every string of a model, found by walking its fields (not named here): prose, names,
    places, paths, ids and settings alike, in field order; `path` is a pydantic-style loc."""
    out: list[tuple[tuple, str]] = []
    _strings((), model, out)
    return out


def _strings(path: tuple, value, out: list) -> None:
    if isinstance(value, str):
        out.append((path, value))
    elif isinstance(value, Model):
        for name in type(value).model_fields:
            _strings((*path, name), getattr(value, name), out)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _strings((*path, i), item, out)
    elif isinstance(value, dict):
        for key, item in value.items():
            out.append(((*path, key), key))
            _strings((*path, key), item, out)


def _subsection_texts(prefix: tuple, subsections: list[Subsection]):
    for j, sub in enumerate(subsections):
        yield (*prefix, "subsections", j, "title"), sub.title
        yield from _block_texts((*prefix, "subsections", j, "blocks"), sub.blocks)
        yield from _subsection_texts((*prefix, "subsections", j), sub.subsections)


def _block_texts(prefix: tuple, blocks: list):
    for i, block in enumerate(blocks):
        if isinstance(block, str):
            yield (*prefix, i), block
        elif isinstance(block, Table):
            t = block.table
            if t.caption:
                yield (*prefix, i, "table", "caption"), t.caption
            for j, cell in enumerate(t.header):
                if cell:
                    yield (*prefix, i, "table", "header", j), cell
            for r, row in enumerate(t.rows):
                for j, cell in enumerate(row):
                    if cell:
                        yield (*prefix, i, "table", "rows", r, j), cell
        else:
            yield from _item_texts((*prefix, i, "bullets" if isinstance(block, Bullets) else "numbered"), block.items)


def _item_texts(prefix: tuple, items: list):
    for j, item in enumerate(items):
        if isinstance(item, str):
            yield (*prefix, j), item
        else:
            yield (*prefix, j, "text"), item.text
            yield from _item_texts((*prefix, j, "bullets" if item.bullets is not None else "numbered"), item.items)
