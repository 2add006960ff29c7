"""Read stage for PDF with a text layer (pypdf).

Reads: a .pdf file. Writes: `Line`s as for a text export (pages separated by page
breaks, line numbers counted through the whole text), or None when the pages hold
no text (a scan: the caller then reads it with OCR). Lines, paragraph gaps and columns
come from the text's positions (see `pdf_lines`); a line that continues the block above
has the hint `wrap`. pypdf keeps the typesetter's
word divisions as soft hyphens at line ends; unwrap rejoins them.

Bounded: the file's size (`source_bytes`), the page count (`pages`), every
decompressed stream (`part_bytes`, through pypdf's configuration), what reading the pages' text may cost in
all (`pdf_budget`: content, operators, runs of text, so many for each page allowed), and for a scan
the pixels of each page at the OCR resolution (`pixels`), all checked before the
work they bound. An encrypted PDF that opens without a password is read; one that
needs a password is refused.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from avtale import limits
from avtale.errors import ExtractError, Position
from avtale.extract import guard, pdf_rich
from avtale.extract.lines import Line, Notes
from avtale.extract.pdf_budget import Budget
from avtale.extract.pdf_lines import document_lines
from avtale.extract.read_text import lines_of
from avtale.i18n import _

MIN_CHARS_PER_PAGE = 20
OCR_DPI = 300


@contextlib.contextmanager
def bounded():
    """pypdf's limits on decompression and parsing, set from `part_bytes` for as long as the block runs."""
    import pypdf

    most = limits.current.part_bytes
    with pypdf.apply_configuration(
        maximum_declared_stream_length=most, array_based_stream_maximum_output_length=most,
        jbig2_maximum_output_length=most, lzw_maximum_output_length=most, run_length_maximum_output_length=most,
        zlib_maximum_output_length=most, brotli_maximum_output_length=most, image_maximum_buffer_size=most,
        stream_decoding_work_maximum_length=4 * most,
    ):
        yield


def _refusal(exc: Exception, path: Path) -> ExtractError:
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

    detail = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
    if isinstance(exc, LimitReachedError) and "decompress" in detail.lower():
        return ExtractError(_("a stream in the PDF inflates to more than the limit of {most} bytes (see --max-part-size)")
                            .format(most=limits.current.part_bytes), Position(path))
    if isinstance(exc, LimitReachedError):
        return ExtractError(_("the PDF is larger than pypdf reads ({detail})").format(detail=detail), Position(path))
    if isinstance(exc, FileNotDecryptedError):
        return ExtractError(_("the PDF is encrypted; decrypt it first"), Position(path))
    if isinstance(exc, RecursionError):
        return ExtractError(_("unreadable PDF: its objects nest too deep"), Position(path))
    if isinstance(exc, PdfReadError):
        return ExtractError(_("the PDF is damaged or cut short ({detail})").format(detail=detail), Position(path))
    return ExtractError(_("unreadable PDF: {kind}: {detail}").format(kind=type(exc).__name__, detail=detail), Position(path))


ERRORS = (ValueError, KeyError, TypeError, IndexError, AttributeError, ZeroDivisionError, OSError, RecursionError,
          AssertionError)


def open_pages(path: Path, budget: Budget | None = None) -> list:
    """The PDF's pages (pypdf), each checked under the limits; a PDF that cannot be opened is refused."""
    import io
    import logging

    import pypdf
    from pypdf.errors import DependencyError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    raw = guard.read_source(path)
    if not raw.startswith(b"%PDF"):
        raise ExtractError(_("not a PDF file"), Position(path, 1))
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError):
                opened = 0
            if not opened:
                raise ExtractError(_("the PDF is encrypted; decrypt it first"), Position(path))
        guard.check_pages(len(reader.pages), path)
        budget = budget or Budget(path)
        for number, page in enumerate(reader.pages, start=1):
            check_page(page, number, path, budget)
        return list(reader.pages)
    except ExtractError:
        raise
    except (PyPdfError, *ERRORS) as exc:
        raise _refusal(exc, path) from None


def check_page(page, number: int, path: Path, budget: Budget) -> None:
    """Decode the page's content stream and forms under the limits, and check its images' declared pixels,
    before pypdf's text extraction (which swallows a limit reached) or pdftoppm (which has none) sees them.
    The decoded bytes count against the document's budget (`pdf_budget`)."""
    budget.contents(page, number)
    xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
    for name in list(xobjects)[:1000]:
        xobject = xobjects[name].get_object()
        if xobject.get("/Subtype") == "/Image":
            guard.check_pixels(int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0)), path,
                               _("image {name} on page {number}").format(name=name, number=number))
        elif xobject.get("/Subtype") == "/Form":
            budget.count_bytes(len(xobject.get_data()))


def plain_texts(pages: list, budget: Budget) -> list[str]:
    """pypdf's plain text of each page, under the same budget as a reading with positions (counted afresh)."""
    budget.restart()
    out = []
    for number, page in enumerate(pages, start=1):
        budget.page(number)
        with budget.parsing():
            out.append(page.extract_text(visitor_operand_before=lambda op, args, cm, tm: budget.visit(op, args)) or "")
    return out


def check_scan_pixels(pages, path: Path) -> None:
    """A scanned page rendered at OCR_DPI must stay under the pixel limit (a page can declare any size)."""
    for number, page in enumerate(pages, start=1):
        box = page.mediabox
        unit = float(page.get("/UserUnit", 1) or 1)  # PDF 1.6: a page's unit can be any multiple of 1/72 inch
        width = round(abs(float(box.width)) * unit * OCR_DPI / 72)
        height = round(abs(float(box.height)) * unit * OCR_DPI / 72)
        guard.check_pixels(width, height, path, what=_("page {number} at {dpi} dpi").format(number=number, dpi=OCR_DPI))


def named_destinations(reader) -> dict:
    """{name: (page index, left, top)} of the document's named destinations that avtale writes («avtale-…»)."""
    out = {}
    try:
        for name, dest in list(reader.named_destinations.items())[:10_000]:
            if str(name).startswith("avtale-"):
                out[str(name)] = (reader.get_destination_page_number(dest), float(dest.get("/Left") or 0),
                                  float(dest.get("/Top") or 0))
    except (*ERRORS,):
        return {}
    return out


def read_own(path: Path | str, notes: Notes):
    """(OwnDoc, "pdf") where the PDF is avtale's own (`read_pdf_own`), else None. Nothing is reported: a PDF
    that is not avtale's, or that cannot be read so, is read again as any other PDF (which reports)."""
    from pypdf.errors import PyPdfError

    from avtale.extract import pdf_tags, read_pdf_own

    path = Path(path)
    budget = Budget(path)
    try:
        with bounded():
            pages = open_pages(path, budget)
            if not pages:
                return None
            reader = pages[0].pdf
            dests = named_destinations(reader)
            if not read_pdf_own.is_own(dests):
                return None
            tree = pdf_tags.structure(reader, pages, budget)
            language = str(reader.trailer["/Root"].get("/Lang", "nb") or "nb").split("-")[0].lower()
            doc = read_pdf_own.read(tree, dests, language=language)
            if doc is not None:
                _draft_title(reader, doc.title, notes)
    except (ExtractError, PyPdfError, pdf_tags.TooLarge, *ERRORS):
        return None
    return (doc, "pdf") if doc is not None else None


def _draft_title(reader, title: str, notes: Notes) -> None:
    """A draft's mark, which avtale's PDF prints as an artifact (no text of the tag tree), read from the title
    metadata it also stands in: «UTKAST – <the H1's title>» (`render.draft.title`)."""
    from avtale.extract import draft_mark
    from avtale.render import draft

    meta = str((reader.metadata or {}).get("/Title") or "")
    word, sep, rest = meta.partition(draft.SEPARATOR)
    if sep and draft_mark.is_mark(word) and " ".join(rest.split()) == title:
        draft_mark.seen(notes, word)


def read(path: Path | str, notes: Notes) -> list[Line] | None:
    from pypdf.errors import PyPdfError

    path = Path(path)
    budget = Budget(path)
    with bounded():
        pages = open_pages(path, budget)
        texts = None  # pypdf's plain text, only where the positions cannot be read (one text extraction, not two)
        try:
            sources: list = []
            laid_out = document_lines(pages, budget, sources)
            chars = sum(len(t.strip()) for page in laid_out for t, _ in page)
        except (PyPdfError, *ERRORS) as exc:
            if "Limit" in type(exc).__name__:
                raise _refusal(exc, path) from None
            why = type(exc).__name__
            try:
                texts = plain_texts(pages, budget)
            except (PyPdfError, *ERRORS) as again:
                raise _refusal(again, path) from None
            chars = sum(len(t.strip()) for t in texts)
        if not pages or chars < MIN_CHARS_PER_PAGE * len(pages):
            try:
                check_scan_pixels(pages, path)
            except (PyPdfError, *ERRORS) as exc:
                raise _refusal(exc, path) from None
            notes.meta(_("the PDF has no text layer; reading the pages with OCR"))
            return None
        if texts is not None:
            notes.uncertain(None, _("text positions unreadable ({reason}); reading the text without them")
                                  .format(reason=why))
            return lines_of("\f".join(texts))
    lines = lines_of("\n\f".join("\n".join(t for t, _ in page) for page in laid_out))
    guard.check_lines(len(lines), path)
    hints = [h for page in laid_out for _, h in page]
    for line, hint in zip(lines, hints):
        line.hint = hint
    return pdf_rich.attach(lines, [s for page in sources for s in page])
