"""The package around the document: relationships, content types, document properties, the fixed parts.

Reads the base template's fixed parts from `templates/docx/` (theme, font table, web settings: python-docx's
default template as `docx_package.base_template()` keeps them) and the agreement for the properties. Writes
the parts' bytes as python-docx saves them: relationships in the order they were made (the base template's
first, with its ids), [Content_Types].xml with defaults and overrides sorted, core properties in the
template's element order. `Rels` numbers new relationships as python-docx does: the lowest free rIdN.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from avtale.render import common
from avtale.render.docx_fast.xml import DECLARATION, attr, text

# characters XML 1.0 cannot carry; lxml refuses them (both DOCX writers drop them with `clean`)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
PROPERTY_LIMIT = 255  # characters of one core property (python-docx refuses more; so does the OPC schema)
PARTY_PROPERTY = "avtale.party.{n}"  # a custom property per party (`docx_meta`)
STATUS = {"draft": "Utkast", "signed": "Signert"}
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_APP = OD + "extended-properties"
RT_DOCUMENT = OD + "officeDocument"
RT_CUSTOM = OD + "custom-properties"
RT_HYPERLINK = OD + "hyperlink"
RT_IMAGE = OD + "image"
RT_FOOTER = OD + "footer"
RT_HEADER = OD + "header"
RT_FOOTNOTES = OD + "footnotes"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CONTENT_TYPES = {
    "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "/docProps/custom.xml": "application/vnd.openxmlformats-officedocument.custom-properties+xml",
    "/word/document.xml": WML + "document.main+xml",
    "/word/fontTable.xml": WML + "fontTable+xml",
    "/word/footer1.xml": WML + "footer+xml",
    "/word/header1.xml": WML + "header+xml",
    "/word/footnotes.xml": WML + "footnotes+xml",
    "/word/numbering.xml": WML + "numbering+xml",
    "/word/settings.xml": WML + "settings+xml",
    "/word/styles.xml": WML + "styles+xml",
    "/word/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
    "/word/webSettings.xml": WML + "webSettings+xml",
}
DEFAULTS = {"rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml",
            "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}
APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>avtale</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def clean(value: str) -> str:
    """Text as Word can hold it: characters XML forbids are dropped."""
    return NOT_XML.sub("", value)


def fit(value: str, limit: int = PROPERTY_LIMIT) -> str:
    """`value` as a core property can hold it: cut at a word where one is near, ending in «…»."""
    if len(value) <= limit:
        return value
    cut = value[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def template(name: str) -> bytes:
    """A fixed part from templates/docx/ (the packaged templates, as `avtale.layout` finds them)."""
    from avtale.layout import templates_dir

    return (templates_dir() / "docx" / name).read_bytes()


class Rels:
    """One part's relationships: (rId, type, target, external) in the order made."""

    def __init__(self, initial: list[tuple[str, str, str]] = ()):
        self.items = [(r, t, target, False) for r, t, target in initial]

    def add(self, reltype: str, target: str, external: bool = False) -> str:
        """The rId of the relationship to `target` (an existing one of that type and target is used again)."""
        for r_id, t, old, ext in self.items:
            if t == reltype and old == target and ext == external:
                return r_id
        used = {r for r, *_rest in self.items}
        n = 1
        while f"rId{n}" in used:
            n += 1
        self.items.append((f"rId{n}", reltype, target, external))
        return f"rId{n}"

    def xml(self) -> bytes:
        out = [DECLARATION, f'<Relationships xmlns="{RELS_NS}">']
        for r_id, reltype, target, external in self.items:
            mode = ' TargetMode="External"' if external else ""
            out.append(f'<Relationship Id="{r_id}" Type="{reltype}" Target="{attr(target)}"{mode}/>')
        out.append("</Relationships>")
        return "".join(out).encode("utf-8")


def package_rels() -> Rels:
    return Rels([("rId3", RT_CORE, "docProps/core.xml"), ("rId4", RT_APP, "docProps/app.xml"),
                 ("rId1", RT_DOCUMENT, "word/document.xml")])


def document_rels() -> Rels:
    return Rels([("rId3", OD + "styles", "styles.xml"), ("rId5", OD + "settings", "settings.xml"),
                 ("rId6", OD + "webSettings", "webSettings.xml"), ("rId7", OD + "fontTable", "fontTable.xml"),
                 ("rId8", OD + "theme", "theme/theme1.xml"), ("rId2", OD + "numbering", "numbering.xml")])


def content_types(partnames: list[str]) -> bytes:
    defaults = {"rels": DEFAULTS["rels"], "xml": DEFAULTS["xml"]}
    overrides = {}
    for name in partnames:
        ext = name.rsplit(".", 1)[-1]
        if name.startswith("/word/media/"):
            defaults[ext] = DEFAULTS[ext]
        else:
            overrides[name] = CONTENT_TYPES[name]
    out = [DECLARATION, '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">']
    out += [f'<Default Extension="{e}" ContentType="{defaults[e]}"/>' for e in sorted(defaults)]
    out += [f'<Override PartName="{n}" ContentType="{overrides[n]}"/>' for n in sorted(overrides)]
    out.append("</Types>")
    return "".join(out).encode("utf-8")


def join_names(names: list[str]) -> str:
    """['A', 'B', 'C'] -> 'A, B og C' (the same in bokmål and nynorsk)."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


def core_xml(agreement, lang: str, layout: dict) -> bytes:
    """docProps/core.xml as `docx_package.set_properties` leaves it."""
    from avtale.render import draft

    names = [clean(p.name) for p in agreement.parties]
    day = common.document_date(agreement)
    when = dt.datetime(day.year, day.month, day.day).strftime("%Y-%m-%dT%H:%M:%SZ")
    who = text(fit("; ".join(names)))
    values = [
        ("dc:title", fit(clean(draft.title(agreement, layout)))),
        ("dc:subject", fit("Avtale mellom " + join_names(names))),
    ]
    out = [DECLARATION,
           '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
           ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
           ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">']
    out += [f"<{tag}>{text(value)}</{tag}>" for tag, value in values]
    out.append(f"<dc:creator>{who}</dc:creator><cp:keywords></cp:keywords><dc:description></dc:description>"
               f"<cp:lastModifiedBy>{who}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
               f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
               f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
               f"<cp:category>Avtale</cp:category><cp:contentStatus>{STATUS[agreement.status]}</cp:contentStatus>"
               f"<dc:identifier>{text(fit(agreement.id))}</dc:identifier><dc:language>{lang}</dc:language>"
               "</cp:coreProperties>")
    return "".join(out).encode("utf-8")


def party_values(agreement) -> list[tuple[str, str]]:
    """(property name, value) for each party whose value fits a property (`docx_meta` says why)."""
    out = []
    for n, party in enumerate(agreement.parties, 1):
        value = json.dumps({"id": party.id, "short": party.short, "name": clean(party.name)}, ensure_ascii=False)
        if len(value) <= PROPERTY_LIMIT:
            out.append((PARTY_PROPERTY.format(n=n), value))
    return out


def custom_xml(agreement) -> bytes | None:
    """docProps/custom.xml (`docx_meta`): each party's id, short name and name; None where none fits."""
    values = party_values(agreement)
    if not values:
        return None
    props = "".join(f'<property fmtid="{_FMTID}" pid="{pid}" name="{_escape(name)}"><vt:lpwstr>{_escape(value)}'
                    f"</vt:lpwstr></property>" for pid, (name, value) in enumerate(values, 2))
    xml = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           f"{props}</Properties>")
    return xml.encode("utf-8")


def _escape(value: str) -> str:
    """xml.sax.saxutils.escape: & < > only."""
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
