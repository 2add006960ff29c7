"""Read stage for text sources: exported .txt (from Word, PDF viewers, pdftotext, pypdf, LibreOffice, pandoc).

Reads: the bytes of a text file. Writes: `Line`s with 1-based source line numbers;
a form feed or the exporters' page-break marker (a line holding a single space,
or one space glued before the next page's first line) sets `page_start`; in text
without form feeds (pypdf joins pages with a newline), a folio «Side 1 av 3» ends its page (so do «Side 1 (3)»
and «1 (3)», the state's letter template's).
Refuses binary, empty or oversized input (`guard`: the size limit, 100 lines a page)
with one `ExtractError`. A text that reads as Tesseract's text output (`ocr_text.is_export`)
is mended as our own OCR reading is (`ocr_text.mend_export`) and has the kind «ocr»
(`read_any`), so the later stages treat it as a scan; an `ocr` note for each restored
bullet or column. pandoc's plain text (`read_pandoc.is_plain`: wrapped at 72 columns, blocks set
apart by blank lines) has its paragraphs, list items and table rows put on one line each (`read_pandoc.read`).
A line that ends in the one space it broke at (pypdf) goes on (`wrapped_at_a_space`).
"""

from __future__ import annotations

import re

from pathlib import Path

from avtale.errors import ExtractError, Position
from avtale.extract import guard
from avtale.extract.lines import Line, Notes
from avtale.i18n import _


def decode(raw: bytes, path: Path | str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; binary data is refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ExtractError(_("not readable as UTF-16 text"), Position(path, 1)) from None
    if b"\x00" in raw[:65536]:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise ExtractError(_("binary data (NUL bytes), not a text export"), Position(path, line))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        if text.count("\ufffd") > 10:
            raise ExtractError(_("not text in UTF-8 or Windows-1252"), Position(path, 1)) from None
        return text


FOLIO = re.compile(r"^\s*(?:(?:side|sida|page)\s+(\d{1,3})\s*(?:av|of|/)\s*(\d{1,3})|(?:(?:side|sida|page)\s+)?(\d{1,3})\s*"
                   r"\(\s*(\d{1,3})\s*\))\s*$", re.IGNORECASE)


def lines_of(text: str) -> list[Line]:
    """Split text into `Line`s, marking page starts (form feeds, single-space markers)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    out: list[Line] = []
    page = 1
    pending_break = False
    folio = "\f" not in text  # no form feeds (pypdf): «Side 1 av 3» ends a page
    for no, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw:
            parts = raw.split("\f")
            page += len(parts) - 1
            raw = parts[-1] if parts[-1].strip() else "".join(parts)
            pending_break = True
        raw = raw.replace("\u00a0", " ")
        if "\u00ad" in raw:  # soft hyphen: at a line end a word division, inside a line a hyphen glyph
            body = raw.rstrip()
            end = "\u00ad" if body.endswith("\u00ad") else ""
            raw = body[: len(body) - len(end)].replace("\u00ad", "-") + end
        if raw == " ":
            out.append(Line(no, "", page))
            pending_break = True
            continue
        # a single-space marker starts a page only where no form feeds show the pages (pypdf); with them, a line
        # set one space in is an indent (pdftotext -layout: « 1. utvikle …», a list item)
        glued = folio and raw.startswith(" ") and not raw.startswith("  ") and bool(out) and not out[-1].blank()
        line = Line(no, raw.rstrip(), page, page_start=(pending_break or glued) and bool(raw.strip()))
        if line.page_start:
            pending_break = False
        out.append(line)
        m = FOLIO.match(raw) if folio else None
        if m and int(m.group(1) or m.group(3)) < int(m.group(2) or m.group(4)):
            page += 1
            pending_break = True
    return out


def _text(path: Path | str) -> str:
    raw = guard.read_source(path)
    guard.check_lines(max(raw.count(b"\n"), raw.count(b"\r")) + 1, path)
    if not raw.strip():
        raise ExtractError(_("file is empty"), Position(path, 1))
    text = decode(raw, path)
    if not text.strip():
        raise ExtractError(_("file holds no text"), Position(path, 1))
    return text


def read(path: Path | str) -> list[Line]:
    return lines_of(_text(path))


def read_any(path: Path | str, notes: Notes | None = None) -> tuple[list[Line], str]:
    """The lines and their kind: «ocr» for Tesseract's text output (`ocr_text.is_export`), mended as our own OCR
    reading is (`ocr_text.mend_export`), else «text» as they are."""
    from avtale.extract import ocr_text

    text = _text(path)
    if ocr_text.is_export(text, Path(path).name):
        text, mended = ocr_text.mend_export(text)
        for no, note in mended:
            if notes is not None:
                notes.ocr(no, note)
        return lines_of(text), "ocr"
    lines = lines_of(text)
    from avtale.extract import read_pandoc

    if read_pandoc.is_plain(lines):
        return read_pandoc.read(lines), "text"
    return wrapped_at_a_space(lines, text), "text"


def _ends_in_one_space(text: str) -> bool:
    """A word, then the one space a line broke at (`[^\\s]+ $`, read from the end: a search backtracks over a long
    line's every word)."""
    return len(text) >= 2 and text[-1] == " " and not text[-2].isspace()


def wrapped_at_a_space(lines: list[Line], text: str) -> list[Line]:
    """pypdf keeps the space a line of running text broke at (a line LibreOffice wrapped ends in «… mogleg. »), and
    writes none after a paragraph's last line: a line that ends in a single space goes on (`Line.goes_on`), however
    short, where the text shows that it breaks so: three lines or more that end in a space go on in lower case, more
    than stand before a blank line or end the text (an editor's stray spaces after a paragraph or heading).
    Only in text without form feeds (pdftotext, which ends its pages with them, strips its lines)."""
    if "\f" in text:
        return lines
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").split("\n")
    ends = [k for k, ln in enumerate(lines) if not ln.blank() and ln.no <= len(raw) and _ends_in_one_space(raw[ln.no - 1])]
    lower = sum(1 for k in ends if k + 1 < len(lines) and lines[k + 1].text.strip()[:1].islower())
    apart = sum(1 for k in ends if k + 1 == len(lines) or lines[k + 1].blank())
    if lower < 3 or lower <= apart:
        return lines
    going_on = set(ends)
    return [Line(ln.no, ln.text, ln.page, ln.hint, ln.page_start, True) if k in going_on else ln
            for k, ln in enumerate(lines)]
