"""The agreement model: the centre every other part of avtale speaks.

Keys are English, content is Norwegian. Section and list numbers are never
typed: they follow from order, and how they are shown is a setting
(`numbering` on the agreement, `style` on a numbered list).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag, model_validator

Text = Annotated[str, StringConstraints(min_length=1), Field(description="Norwegian text; whitespace is normalised.")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]

HeadingNumbering = Literal["1.", "1", "§ 1", "none"]
ListStyle = Literal["1.", "1)", "a)", "i)"]
Align = Literal["left", "center", "right"]
Prose = Annotated[
    str,
    StringConstraints(min_length=1),
    Field(description="Norwegian text with inline marks: `**bold**`, `*italic*`, `[text](https://…)`, a footnote "
          "`[^id]`, an annex `[#id]`; `\\` before a mark character keeps it literal. Whitespace is normalised."),
]
Cell = Annotated[str, Field(description="A table cell: text with inline marks, or empty.")]
Language = Literal["nb", "nn"]
Status = Literal["draft", "signed"]


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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    @model_validator(mode="before")
    @classmethod
    def _read_in_nfc(cls, data):
        """Every text is read in NFC, whichever way the model is made (a file, `extract`, `new`): the one place."""
        if data.__class__ is dict and not _in_nfc(data.values()):
            return {key: nfc(value) for key, value in data.items()}
        return data


class Logo(_Model):
    """A party's logo, supplied by the user (the repository ships no third-party logos)."""

    file: str = Field(description="Path to a PNG or JPEG file, relative to the agreement file.")
    alt: Text = Field(description="Alternative text read by screen readers, e.g. «Kunnskapsdepartementets logo».")


class Party(_Model):
    """One party to the agreement."""

    id: Slug = Field(description="Short identifier used by signatories, e.g. `kd`.")
    name: Text = Field(description="Full name, e.g. «Kunnskapsdepartementet».")
    short: Text | None = Field(default=None, description="Short name, e.g. «KD».")
    logo: Logo | None = Field(default=None, description="Logo for the letterhead; without it the name is set as text.")


class Period(_Model):
    """When the agreement is in force."""

    start: dt.date | None = Field(default=None, description="First day in force, if known.")
    end: dt.date = Field(description="Last day in force, as the text says («fram til 31. desember 2017»).")


class Item(_Model):
    """A list item with a list of its own under it (bullets in a numbered list, or the other way round)."""

    text: Prose = Field(description="The item's own text.")
    bullets: list[ListItem] | None = Field(default=None, description="A bulleted list under the item.")
    numbered: list[ListItem] | None = Field(default=None, description="A numbered list under the item.")
    style: ListStyle | None = Field(
        default=None, description="How the list under the item is numbered; by default by its level (1. → a) → i)).")

    @model_validator(mode="after")
    def _one_list(self):
        if (self.bullets is None) == (self.numbered is None):
            raise ValueError("an item with `text:` has one list under it: `bullets:` or `numbered:`")
        if self.style is not None and self.numbered is None:
            raise ValueError("`style` belongs to a `numbered:` list")
        return self

    @property
    def items(self) -> list:
        return self.bullets if self.bullets is not None else self.numbered


def _item_tag(value: object) -> str | None:
    if isinstance(value, str):
        return "text"
    if isinstance(value, (Item, dict)):
        return "item"
    return None


ListItem = Annotated[
    Union[Annotated[Prose, Tag("text")], Annotated[Item, Tag("item")]],
    Discriminator(
        _item_tag,
        custom_error_type="item",
        custom_error_message="a list item is a text, or `text:` with a list (`bullets:` or `numbered:`) under it",
    ),
    Field(description="A list item: a text, or `text:` with a list of its own under it."),
]


class Bullets(_Model):
    """A bulleted list."""

    bullets: list[ListItem] = Field(min_length=1, description="The items, in order.")

    @property
    def items(self) -> list:
        return self.bullets


class Numbered(_Model):
    """A numbered list; numbers follow from order and start again at 1 (or a) in every list."""

    numbered: list[ListItem] = Field(min_length=1, description="The items, in order.")
    style: ListStyle | None = Field(
        default=None,
        description="How items are numbered: `1.`, `1)`, `a)` or `i)`; by default by the list's level (1. → a) → i)).")

    @property
    def items(self) -> list:
        return self.numbered


class Column(_Model):
    """How one column of a table is set."""

    width: float | None = Field(default=None, gt=0, le=1000,
                                description="Relative width (the widths of a table's columns are shares of the line).")
    align: Align = Field(default="left", description="`left`, `center` or `right`.")


class TableContent(_Model):
    """A table: a header row, rows of cells, optional column settings and a caption."""

    caption: Text | None = Field(default=None, description="The caption, printed over the table («Tabell 1: …»).")
    columns: list[Column] | None = Field(default=None, description="Width and alignment per column, left to right.")
    header: list[Cell] = Field(min_length=1, description="The header row, repeated on every page the table spans.")
    rows: list[list[Cell]] = Field(min_length=1, description="The rows, each with as many cells as the header.")


class Table(_Model):
    """A table block."""

    table: TableContent = Field(description="A table: `header`, `rows`, and optional `columns` and `caption`.")


def _block_tag(value: object) -> str | None:
    if isinstance(value, str):
        return "paragraph"
    if isinstance(value, Bullets) or (isinstance(value, dict) and "bullets" in value):
        return "bullets"
    if isinstance(value, Numbered) or (isinstance(value, dict) and "numbered" in value):
        return "numbered"
    if isinstance(value, Table) or (isinstance(value, dict) and "table" in value):
        return "table"
    return None


Block = Annotated[
    Union[
        Annotated[Prose, Tag("paragraph")],
        Annotated[Bullets, Tag("bullets")],
        Annotated[Numbered, Tag("numbered")],
        Annotated[Table, Tag("table")],
    ],
    Discriminator(
        _block_tag,
        custom_error_type="block",
        custom_error_message="a block is a paragraph (text), a list with `bullets:` or `numbered:`, or a `table:`",
    ),
    Field(description="A paragraph (a string with inline marks), a list (`bullets:` or `numbered:`) or a `table:`."),
]


class Subsection(_Model):
    """A numbered subsection (2.1, 2.2 …) inside a section, or (2.1.1) inside a subsection."""

    title: Text = Field(description="The heading, without its number.")
    blocks: list[Block] = Field(default_factory=list, description="Paragraphs, lists and tables, in order.")
    subsections: list[Subsection] = Field(
        default_factory=list, description="Subsections after the blocks (2.1.1 …; three levels at most).")


class Section(_Model):
    """A numbered section of the agreement."""

    title: Text = Field(description="The heading, without its number.")
    blocks: list[Block] = Field(default_factory=list, description="Paragraphs, lists and tables, in order.")
    subsections: list[Subsection] = Field(default_factory=list, description="Subsections after the blocks.")


class Annex(_Model):
    """An annex («Vedlegg 1: …») after the signature block, starting on a new page."""

    id: Slug | None = Field(default=None, description="Identifier for references from the text: `[#id]`.")
    title: Text = Field(description="The title, without «Vedlegg N:».")
    blocks: list[Block] = Field(default_factory=list, description="Paragraphs, lists and tables, in order.")
    subsections: list[Subsection] = Field(default_factory=list, description="Subsections after the blocks.")


class Signatory(_Model):
    """A person who signs for a party."""

    party: Slug = Field(description="The `id` of the party signed for.")
    name: Text = Field(description="Full name.")
    title: Text = Field(description="Title as printed under the name, e.g. «Kunnskapsminister».")
    place: Text | None = Field(default=None, description="Where this signatory signs, if not where the others do.")
    date: dt.date | None = Field(default=None, description="When this signatory signs, if not when the others do.")


class Signing(_Model):
    """Place, date and signatories: the signature block."""

    place: Text | None = Field(
        default=None, description="Where the agreement is signed, e.g. «Oslo»; on paper, here or for every signatory.")
    date: dt.date | None = Field(
        default=None, description="Date of signing, printed as «7. november 2014»; on paper, here or for every signatory.")
    electronic: bool = Field(
        default=False, description="Signed electronically: no signature lines; the note «Avtalen er signert elektronisk.»")
    signatories: list[Signatory] = Field(min_length=1, description="The signatories, in the order of the block.")


class Seal(_Model):
    """Set by `avtale sign-off`: the hash of the signed content. Signed text is frozen."""

    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256 of the agreement's canonical content (everything but `status` and `seal`)."
    )
    date: dt.date = Field(description="When the agreement was signed off.")


class Agreement(_Model):
    """An agreement between a ministry and KS (or between other public parties)."""

    id: Slug = Field(description="Identifier; equal to the file name without `.yaml`, e.g. `2014-2017`.")
    title: Text = Field(description="The title, as printed.")
    language: Language = Field(description="Written standard: `nb` (bokmål) or `nn` (nynorsk).")
    parties: list[Party] = Field(min_length=2, description="The parties, in the order of the letterhead.")
    period: Period
    status: Status = Field(description="`draft` while negotiated, `signed` once signed.")
    numbering: HeadingNumbering = Field(default="1.", description="How section headings are numbered.")
    preamble: list[Block] = Field(default_factory=list, description="Paragraphs and lists before the first section.")
    sections: list[Section] = Field(min_length=1, description="The sections, in order.")
    signing: Signing | None = Field(default=None, description="The signature block, where the source has one.")
    annexes: list[Annex] = Field(default_factory=list, description="Annexes after the signature block.")
    footnotes: dict[Slug, Prose] = Field(
        default_factory=dict, description="Footnotes by id, referred to in the text as `[^id]`; numbered in order of use.")
    supersedes: Slug | None = Field(default=None, description="The `id` of the agreement this one replaces.")
    seal: Seal | None = Field(default=None, description="Set by `avtale sign-off`; never edit by hand.")

    def party(self, party_id: str) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)


Item.model_rebuild()
Subsection.model_rebuild()

MAX_SUBSECTION_DEPTH = 2  # subsections in subsections: 2.1 and 2.1.1, no deeper
MAX_LIST_DEPTH = 3  # lists in list items: 1. → a) → i)


def block_kind(block: Block) -> str:
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


def all_strings(model: BaseModel) -> list[tuple[tuple, str]]:
    """(path, text) for every string of a model, found by walking its fields (not named here): prose, names,
    places, paths, ids and settings alike, in field order; `path` is a pydantic-style loc."""
    out: list[tuple[tuple, str]] = []
    _strings((), model, out)
    return out


def _strings(path: tuple, value, out: list) -> None:
    if isinstance(value, str):
        out.append((path, value))
    elif isinstance(value, BaseModel):
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


def _block_texts(prefix: tuple, blocks: list[Block]):
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
