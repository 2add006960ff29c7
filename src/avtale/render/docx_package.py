"""The DOCX package around the body: parts, document properties, reproducible bytes.

* starts from python-docx's template without what an agreement has no use
  for (a thumbnail of an empty page, Word 2010's stylesWithEffects, customXml,
  150 unused styles) and with its own app.xml (the template names "Microsoft
  Macintosh Word"); this base is built once per process;
* sets the core properties from the agreement, leaving no python-docx values
  (a property holds at most 255 characters: a longer title is shortened there,
  ending in «…»; the document itself carries the whole title);
* rewrites the zip with fixed entry times and a stable entry order, so that
  the same YAML gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import lru_cache

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from avtale.render import common
from avtale.render.docx_fast.package import APP_XML, NOT_XML, PROPERTY_LIMIT, STATUS, clean, fit, join_names  # noqa: F401

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
UNWANTED = {RT.THUMBNAIL, RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
# the template's styles an agreement uses (and the defaults Word expects); the other 150 go
KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Heading1", "Heading2", "Heading3",
               "ListParagraph", "Footer"}





@lru_cache(maxsize=1)
def base_template() -> bytes:
    """python-docx's default template, pruned; open it with `docx.Document(io.BytesIO(...))`."""
    from docx import Document

    document = Document()
    for source in (document.part.package, document.part):
        for r_id, rel in list(source.rels.items()):
            if rel.reltype in UNWANTED:
                del source.rels[r_id]
            elif rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = APP_XML
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEEP_STYLES:
            styles.remove(style)
        else:
            for link in style.findall(qn("w:link")):
                style.remove(link)
    settings = document.settings.element
    for element in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(element)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def document_date(agreement) -> dt.datetime:
    """The date the document is dated: signing date, else period start, else period end (midnight UTC)."""
    day = common.document_date(agreement)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)




def set_properties(document, agreement, lang: str, layout: dict | None = None) -> None:
    """Title (a draft's with its mark: «UTKAST – …», `render.draft`), subject, author (the parties) and dates from
    the agreement (the redline passes no layout: its title as it is); nothing from python-docx. Each text cut to what a property holds (`fit`)."""
    from avtale.render import draft
    names = [clean(p.name) for p in agreement.parties]
    when = document_date(agreement).replace(tzinfo=None)
    props = document.core_properties
    props.title = fit(clean(draft.title(agreement, layout) if layout is not None else agreement.title))
    props.subject = fit("Avtale mellom " + join_names(names))
    props.author = fit("; ".join(names))
    props.last_modified_by = fit("; ".join(names))
    props.comments = ""
    props.keywords = ""
    props.category = "Avtale"
    props.content_status = STATUS[agreement.status]
    props.identifier = fit(agreement.id)  # a slug: [a-z0-9-]
    props.language = lang
    props.revision = 1
    props.created = when
    props.modified = when


def reproducible(data: bytes) -> bytes:
    """The same zip with fixed entry times and attributes, [Content_Types].xml first, then sorted."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in names]
    order = first + sorted(n for n in names if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()
