"""What the PDF, HTML and Markdown renderers share: numbers, list markers, the
signature columns and the fixed document date (logos are found by `avtale.assets`).

Numbers are never typed in the YAML; they follow from order, so every
format computes them here and they cannot disagree.
"""

from __future__ import annotations

from avtale.dates import format_date
from avtale.numbering import letters, list_marker  # noqa: F401  (the renderers' names for them)
from avtale.model import Agreement, Bullets, Numbered, list_style
from avtale.records import Frozen

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only
    import datetime as dt


def section_number(numbering: str, index: int) -> str:
    """Heading number of section `index` (0-based): '1.', '1', '§ 1' or '' for `none`."""
    n = index + 1
    if numbering == "none":
        return ""
    if numbering == "§ 1":
        return f"§ {n}"
    return f"{n}." if numbering == "1." else str(n)


def subsection_number(numbering: str, index: int, sub_index: int) -> str:
    """'2.1' for the first subsection of section 2; '' when headings are not numbered."""
    if numbering == "none":
        return ""
    return f"{index + 1}.{sub_index + 1}"


def blocks(items) -> list[dict]:
    """Blocks as plain dicts: {'kind': 'paragraph'|'bullets'|'numbered', 'text'|'items', 'style'}."""
    out = []
    for block in items:
        if isinstance(block, str):
            out.append({"kind": "paragraph", "text": block})
        elif isinstance(block, Bullets):
            out.append({"kind": "bullets", "items": [_item_text(i) for i in block.bullets]})
        elif isinstance(block, Numbered):
            out.append({"kind": "numbered", "items": [_item_text(i) for i in block.numbered],
                        "style": list_style(block.style, 1)})
    return out


def _item_text(item) -> str:
    return item if isinstance(item, str) else item.text


def sections(agreement: Agreement) -> list[dict]:
    """Sections with their numbers and blocks, ready for a template."""
    out = []
    for i, section in enumerate(agreement.sections):
        subs = [
            {"number": subsection_number(agreement.numbering, i, j), "title": sub.title, "blocks": blocks(sub.blocks)}
            for j, sub in enumerate(section.subsections)
        ]
        out.append({
            "number": section_number(agreement.numbering, i),
            "title": section.title,
            "blocks": blocks(section.blocks),
            "subsections": subs,
        })
    return out


class Column(Frozen):
    """One signatory's column in the signature block: `field` is the PDF signature field's name (sig-kd),
    `party` the party's full name, `label` the row over the line («For Kunnskapsdepartementet»), `place_date`
    where and when this signatory signs, when that is their own («Bergen, 3. mars 2026»)."""

    _fields = ("field", "party", "name", "title", "label", "place_date")

    def __init__(self, field: str, party: str, name: str, title: str, label: str, place_date: str = ""):
        self.__dict__.update(field=field, party=party, name=name, title=title, label=label, place_date=place_date)


def signature_columns(agreement: Agreement, layout: dict | None = None) -> list[Column]:
    """One column per signatory, in order; field names sig-<party>, then sig-<party>-2 …"""
    label = ((layout or {}).get("signature") or {}).get("party_label", "For {party}")
    if agreement.signing is None:
        return []
    seen: dict[str, int] = {}
    out = []
    for s in agreement.signing.signatories:
        seen[s.party] = seen.get(s.party, 0) + 1
        field = f"sig-{s.party}" + (f"-{seen[s.party]}" if seen[s.party] > 1 else "")
        party = agreement.party(s.party)
        name = party.name if party else s.party
        own = _joined(s.place, s.date) if (s.place or s.date) else ""
        out.append(Column(field, name, s.name, s.title, label.replace("{party}", name), own))
    return out


def _joined(place: str | None, date: dt.date | None) -> str:
    return ", ".join(p for p in (place, format_date(date) if date else None) if p)


def place_and_date(agreement: Agreement) -> str:
    """'Oslo, 7. november 2014' (or the place or the date alone, as the block has them); '' without a
    signature block or where each signatory signs in their own place and on their own date."""
    if agreement.signing is None:
        return ""
    return _joined(agreement.signing.place, agreement.signing.date)


def electronic_note(agreement: Agreement, layout: dict | None = None) -> str:
    """«Avtalen er signert elektronisk.» for an electronically signed agreement (from the layout), else ''."""
    if agreement.signing is None or not agreement.signing.electronic:
        return ""
    signature = (layout or {}).get("signature") or {}
    return signature.get(f"electronic_note_{agreement.language}",
                         signature.get("electronic_note_nb", "Avtalen er signert elektronisk."))


def document_date(agreement: Agreement) -> dt.date:
    """The date a build stamps into metadata: the signing date (the last signatory's own date where each
    has one), else period start, else period end."""
    signing = agreement.signing
    if signing is not None:
        if signing.date is not None:
            return signing.date
        dates = [s.date for s in signing.signatories if s.date is not None]
        if dates:
            return max(dates)
    return agreement.period.start or agreement.period.end


def footer_text(layout: dict, language: str) -> str:
    """The page-number template from the layout, e.g. 'Side {page} av {pages}'."""
    footer = layout.get("footer", {})
    return footer.get(f"text_{language}", footer.get("text_nb", "Side {page} av {pages}"))
