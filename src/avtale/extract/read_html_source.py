"""The source of an HTML page: its bytes decoded, the tags bounded, the page parsed (for read_html and its kin).

Bounded: tags before parsing (1000 for each of --max-pages), nesting (MAX_DEPTH). Text is UTF-8 unless the
page declares a charset (a byte-order mark first; latin1 and ascii read as browsers read them). Anything else,
or a page the parser gives up on, is one `ExtractError`.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from avtale import limits
from avtale.errors import ExtractError, Position
from avtale.i18n import _

MAX_DEPTH = 200
TAGS_PER_PAGE = 1000
CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
                     re.IGNORECASE)
AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819", "iso_8859-1"}

def check_tags(count: int, path: Path | str) -> None:
    """Tags are bounded before parsing: lxml's tree takes some 300 bytes for each element."""
    most = TAGS_PER_PAGE * limits.current.pages
    if count > most:
        raise ExtractError(_("{count} tags, more than {most} ({per_page} for each of the --max-pages)")
                           .format(count=count, most=most, per_page=TAGS_PER_PAGE), Position(path))


def decode(raw: bytes, path: Path | str) -> str:
    """By byte-order mark, else the declared charset (<meta charset>, <?xml encoding?>), else UTF-8."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return _decode(raw[len(bom):], encoding, path, _("as its byte-order mark says it is"))
    if b"\x00" in raw[:65536]:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise ExtractError(_("binary data (NUL bytes), not an HTML page"), Position(path, line))
    m = CHARSET.search(raw[:4096])
    if not m:
        return _decode(raw, "utf-8", path, _("and no charset is declared: save the page as UTF-8 or declare its charset"))
    declared = (m.group(1) or m.group(2)).decode("ascii").lower()
    encoding = "cp1252" if declared in AS_WINDOWS_1252 else "utf-8" if declared.startswith(("utf-16", "utf8")) else declared
    try:  # latin1 and ascii are read as browsers read them; a UTF-16 without byte-order mark as UTF-8 (HTML standard)
        if not getattr(codecs.lookup(encoding), "_is_text_encoding", True):
            raise LookupError
    except LookupError:
        raise ExtractError(_("unknown charset «{charset}» declared").format(charset=declared[:40]),
                           Position(path, raw[: m.start()].count(b"\n") + 1)) from None
    return _decode(raw, encoding, path, _("as the page declares it is"))


def _decode(raw: bytes, encoding: str, path: Path | str, why: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start : exc.start + 1].hex().upper()
        raise ExtractError(_("not valid {encoding} (byte 0x{byte}), {why}")
                           .format(encoding=codecs.lookup(encoding).name, byte=byte, why=why), Position(path, line)) from None


def parse(text: str, path: Path | str):
    """lxml's HTML document; a fatal parser error or nesting deeper than MAX_DEPTH is an ExtractError."""
    import lxml.html
    from lxml import etree

    # lxml refuses a str with an XML declaration (XHTML); its line breaks stay so line numbers hold
    text = re.sub(r"^\s*<\?xml[^>]*\?>", lambda m: "\n" * m.group(0).count("\n"), text)
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True, no_network=True)
    try:
        doc = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        if "empty" in str(exc).lower():
            raise ExtractError(_("no text in the page"), Position(path)) from None
        raise ExtractError(_("not a readable HTML page: {reason}")
                           .format(reason=str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__),
                           Position(path)) from None
    for error in (e for e in parser.error_log if e.level_name == "FATAL"):
        deep = "depth" in error.message.lower()
        if deep:
            message = _("tags nested more than {most} deep").format(most=MAX_DEPTH)
        else:
            message = _("the HTML parser gave up: {reason}").format(reason=error.message.strip()[:80])
        raise ExtractError(message, Position(path, error.line or None))
    stack = [(doc, 0)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExtractError(_("tags nested more than {most} deep").format(most=MAX_DEPTH), Position(path, el.sourceline))
        stack.extend((child, depth + 1) for child in el)
    return doc
