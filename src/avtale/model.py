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
ListStyle = Literal["1.", "1)", "a)"]
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


class Bullets(_Model):
    """A bulleted list."""

    bullets: list[Text] = Field(min_length=1, description="The items, in order.")


class Numbered(_Model):
    """A numbered list; numbers follow from order and start again at 1 (or a) in every list."""

    numbered: list[Text] = Field(min_length=1, description="The items, in order.")
    style: ListStyle = Field(default="1.", description="How items are numbered: `1.`, `1)` or `a)`.")


def _block_tag(value: object) -> str | None:
    if isinstance(value, str):
        return "paragraph"
    if isinstance(value, Bullets) or (isinstance(value, dict) and "bullets" in value):
        return "bullets"
    if isinstance(value, Numbered) or (isinstance(value, dict) and "numbered" in value):
        return "numbered"
    return None


Block = Annotated[
    Union[
        Annotated[Text, Tag("paragraph")],
        Annotated[Bullets, Tag("bullets")],
        Annotated[Numbered, Tag("numbered")],
    ],
    Discriminator(
        _block_tag,
        custom_error_type="block",
        custom_error_message="a block is a paragraph (text) or a list with `bullets:` or `numbered:`",
    ),
    Field(description="A paragraph (a plain string), or a list: `bullets:` or `numbered:`."),
]


class Subsection(_Model):
    """A numbered subsection (2.1, 2.2 …) inside a section."""

    title: Text = Field(description="The heading, without its number.")
    blocks: list[Block] = Field(default_factory=list, description="Paragraphs and lists, in order.")


class Section(_Model):
    """A numbered section of the agreement."""

    title: Text = Field(description="The heading, without its number.")
    blocks: list[Block] = Field(default_factory=list, description="Paragraphs and lists, in order.")
    subsections: list[Subsection] = Field(default_factory=list, description="Subsections after the blocks.")


class Signatory(_Model):
    """A person who signs for a party."""

    party: Slug = Field(description="The `id` of the party signed for.")
    name: Text = Field(description="Full name.")
    title: Text = Field(description="Title as printed under the name, e.g. «Kunnskapsminister».")


class Signing(_Model):
    """Place, date and signatories: the signature block."""

    place: Text = Field(description="Where the agreement is signed, e.g. «Oslo».")
    date: dt.date = Field(description="Date of signing; printed as «7. november 2014».")
    signatories: list[Signatory] = Field(min_length=1, max_length=5, description="One to five signatories.")


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
    supersedes: Slug | None = Field(default=None, description="The `id` of the agreement this one replaces.")
    seal: Seal | None = Field(default=None, description="Set by `avtale sign-off`; never edit by hand.")

    def party(self, party_id: str) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)


def block_kind(block: Block) -> str:
    """`paragraph`, `bullets` or `numbered`."""
    if isinstance(block, str):
        return "paragraph"
    return "bullets" if isinstance(block, Bullets) else "numbered"


def all_texts(agreement: Agreement):
    """Yield (path, text) for every piece of prose, in reading order; `path` is a pydantic-style loc."""
    yield ("title",), agreement.title
    yield from _block_texts(("preamble",), agreement.preamble)
    for i, section in enumerate(agreement.sections):
        yield ("sections", i, "title"), section.title
        yield from _block_texts(("sections", i, "blocks"), section.blocks)
        for j, sub in enumerate(section.subsections):
            yield ("sections", i, "subsections", j, "title"), sub.title
            yield from _block_texts(("sections", i, "subsections", j, "blocks"), sub.blocks)
    if agreement.signing:
        yield ("signing", "place"), agreement.signing.place
        for i, s in enumerate(agreement.signing.signatories):
            yield ("signing", "signatories", i, "name"), s.name
            yield ("signing", "signatories", i, "title"), s.title


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


def _block_texts(prefix: tuple, blocks: list[Block]):
    for i, block in enumerate(blocks):
        if isinstance(block, str):
            yield (*prefix, i), block
        elif isinstance(block, Bullets):
            for j, item in enumerate(block.bullets):
                yield (*prefix, i, "bullets", j), item
        else:
            for j, item in enumerate(block.numbered):
                yield (*prefix, i, "numbered", j), item
