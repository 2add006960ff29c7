"""Party ids, short names and order carried in a DOCX's custom document properties, read where present.

Reads: the package's custom properties part (`docProps/custom.xml`, found through the package relationships)
and the agreement build made from the text. Writes: the agreement with the carried ids, short names and order
of its parties (the signatories' party ids renamed to match), where the properties name exactly the parties
build found, by name.

Why after build and not instead of it: the page is what the reader trusts. avtale's DOCX writes one property per
party (`render/docx_meta`: `avtale.party.N` = `{"id", "short", "name"}`); a Word file made elsewhere has none,
and a file whose parties were edited by hand (a name changed, a party added) no longer matches its properties:
then nothing is taken from them, and the parties stay as derived from the text (with a note).
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import zipfile

from lxml import etree

from avtale.extract import carried as carried_facts
from avtale.extract.lines import Notes
from avtale.i18n import _
from avtale.model import Agreement

CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
PROPS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
NAME = re.compile(r"avtale\.party\.(\d{1,4})")
MAX_PART = 1_000_000  # bytes of the custom properties part read at most


def carried(raw: bytes) -> list[dict]:
    """The parties the package's custom properties carry, in their order ([] where it has none)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            rels = etree.fromstring(z.read("_rels/.rels"))
            target = next((r.get("Target") for r in rels.iter(f"{PKG_REL}Relationship")
                           if r.get("Type") == CUSTOM and r.get("TargetMode") != "External"), None)
            if not target:
                return []
            name = posixpath.normpath(target.lstrip("/"))
            if z.getinfo(name).file_size > MAX_PART:
                return []
            root = etree.fromstring(z.read(name))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError, OSError):
        return []
    found: dict[int, dict] = {}
    for prop in root.iter(f"{PROPS}property"):
        m = NAME.fullmatch(prop.get("name") or "")
        value = prop.find(f"{VT}lpwstr")
        if not m or value is None:
            continue
        try:
            data = json.loads(value.text or "")
        except ValueError:
            continue
        if isinstance(data, dict) and all(isinstance(data.get(k), str) for k in ("id", "name")) \
                and isinstance(data.get("short"), (str, type(None))):
            found.setdefault(int(m.group(1)), data)
    return [found[k] for k in sorted(found)]


def apply(agreement: Agreement, parties: list[dict], notes: Notes) -> Agreement:
    """The agreement with the carried parties' ids, short names and order (the module's docstring)."""
    if not parties:
        return agreement
    by_name = {p.name: p for p in agreement.parties}
    if not carried_facts.parties_ok([(p["id"], p.get("short")) for p in parties]) or sorted(by_name) != sorted(p["name"] for p in parties) or len(by_name) != len(agreement.parties):
        notes.meta(_("the document's party properties do not match the parties in its text; ids and short names "
                     "derived from the text"))
        return agreement
    data = agreement.model_dump(mode="json", exclude_none=True)
    renamed = {by_name[p["name"]].id: p["id"] for p in parties}
    data["parties"] = []
    for p in parties:
        party = by_name[p["name"]].model_dump(mode="json", exclude_none=True)
        party.pop("short", None)
        data["parties"].append({**party, "id": p["id"], **({"short": p["short"]} if p.get("short") else {})})
    if data.get("signing"):
        for s in data["signing"]["signatories"]:
            s["party"] = renamed.get(s["party"], s["party"])
    try:
        return Agreement.model_validate(data)
    except ValueError:  # ids that do not validate (a hand-edited property): the text's parties stay
        return agreement
