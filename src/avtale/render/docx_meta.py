"""What the printed page cannot show, carried in the DOCX as custom document properties.

A party's id (`kd`) and short name (`KD`) are the YAML's, not the page's: the letterhead prints the name only,
and a short name the text never uses cannot be read from it. So that `avtale extract` gives the agreement back
exactly, each party is a custom document property (`docProps/custom.xml`, the standard place Word shows under
File › Properties › Custom and keeps when it saves): `avtale.party.1`, `avtale.party.2` … in the agreement's
order, each a JSON object `{"id", "short", "name"}` (the name so that a reader matches the property to the
party it sees). A value longer than a property holds (255 characters) is left out: the reader then derives
that party from the text, as for any Word file.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from avtale.render.docx_package import PROPERTY_LIMIT, clean

PARTY_PROPERTY = "avtale.party.{n}"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id of user-defined properties


def party_values(agreement) -> list[tuple[str, str]]:
    """(property name, value) for each party whose value fits a property."""
    out = []
    for n, party in enumerate(agreement.parties, 1):
        value = json.dumps({"id": party.id, "short": party.short, "name": clean(party.name)}, ensure_ascii=False)
        if len(value) <= PROPERTY_LIMIT:
            out.append((PARTY_PROPERTY.format(n=n), value))
    return out


def write(document, agreement) -> None:
    """The custom properties part, related from the package."""
    values = party_values(agreement)
    if not values:
        return
    props = "".join(f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name)}"><vt:lpwstr>{escape(value)}'
                    f"</vt:lpwstr></property>" for pid, (name, value) in enumerate(values, 2))
    xml = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           f"{props}</Properties>")
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, xml.encode("utf-8"), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
