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

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from avtale.render.docx_fast.package import custom_xml


def write(document, agreement) -> None:
    """The custom properties part, related from the package."""
    xml = custom_xml(agreement)  # the same part as the standard-library writer's
    if xml is None:
        return
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, xml, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
