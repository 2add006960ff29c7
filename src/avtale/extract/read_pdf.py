"""Read stage for PDF with a text layer (pypdf).

Reads: a .pdf file. Writes: `Line`s as for a text export (pages separated by page
breaks, line numbers counted through the whole text), or None when the pages hold
no text (a scan: the caller then reads it with OCR). Lines, paragraph gaps and columns
come from the text's positions (see `pdf_lines`); a line that continues the block above
has the hint `wrap`. pypdf keeps the typesetter's
word divisions as soft hyphens at line ends; unwrap rejoins them.
"""

from __future__ import annotations

from pathlib import Path

from avtale.errors import ExtractError, Position
from avtale.extract.lines import Line, Notes
from avtale.extract.pdf_lines import document_lines
from avtale.extract.read_text import MAX_BYTES, lines_of, read_bytes

MIN_CHARS_PER_PAGE = 20


def page_texts(path: Path) -> tuple[list[str], list]:
    import io
    import logging

    import pypdf
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    raw = read_bytes(path, 4 * MAX_BYTES)
    if not raw.startswith(b"%PDF"):
        raise ExtractError("not a PDF file", Position(path, 1))
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractError("the PDF is encrypted", Position(path))
        if len(reader.pages) > 500:
            raise ExtractError(f"{len(reader.pages)} pages; more than 500 is not an agreement", Position(path))
        return [page.extract_text() or "" for page in reader.pages], reader.pages
    except ExtractError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ExtractError(f"unreadable PDF: {type(exc).__name__}: {str(exc)[:80]}", Position(path)) from None


def read(path: Path | str, notes: Notes) -> list[Line] | None:
    from pypdf.errors import PyPdfError

    texts, pages = page_texts(Path(path))
    if not texts or sum(len(t.strip()) for t in texts) < MIN_CHARS_PER_PAGE * len(texts):
        notes.meta("the PDF has no text layer; reading the pages with OCR")
        return None
    try:
        laid_out = document_lines(pages)
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, ZeroDivisionError) as exc:
        notes.uncertain(None, f"text positions unreadable ({type(exc).__name__}); reading the text without them")
        return lines_of("\f".join(texts))
    lines = lines_of("\n\f".join("\n".join(t for t, _ in page) for page in laid_out))
    hints = [h for page in laid_out for _, h in page]
    for line, hint in zip(lines, hints):
        line.hint = hint
    return lines
