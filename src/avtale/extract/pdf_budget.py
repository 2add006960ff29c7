"""What reading the text of a PDF's pages may cost, for the PDF read stage (`read_pdf`, `pdf_lines`, `pdf_rows`).

Reads: pypdf pages, and the operators pypdf's text extraction visits. Writes: each page's content stream,
parsed once and given to every page that shows it; or one `ExtractError` naming the bound reached.

pypdf parses a content stream again for every page that shows it, and its text extraction costs
more than the stream's size: a page's text is gathered into one string a run at a time, so a page of many
runs of much text costs their product. An 11 KB file whose 200 pages share one stream of 300,000 text
operators would take hours. So, counted over the whole document as its pages show them (a stream that
pages share counts for each page), with the decoded content bounded before anything is parsed:

- content: `BYTES_PER_PAGE` decoded bytes of content streams (and the forms a page lists) for each page
  that `--max-pages` allows;
- operators and operands: `TOKENS_PER_PAGE` for each page allowed (pypdf's own parsing budget is set to
  what is left, so no one stream is parsed past it);
- runs of text (text-showing operators: Tj, TJ, ', "): `RUNS_PER_PAGE` for each page allowed;

and on any one page at most `PAGE_RUNS` runs and `PAGE_GLYPHS` bytes of text shown, many times what a page
of an agreement holds (a page of LibreOffice's or Typst's holds 30 to 70 runs and 3,000 characters, in
1,000 to 3,200 operators and operands and 8 to 30 KB of content).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from avtale import limits
from avtale.errors import ExtractError, Position
from avtale.i18n import _

BYTES_PER_PAGE = 30_000
TOKENS_PER_PAGE = 2_000
RUNS_PER_PAGE = 250
PAGE_RUNS = 5_000
PAGE_GLYPHS = 100_000
TEXT_OPERATORS = (b"Tj", b"TJ", b"'", b'"')


class Budget:
    """The counts of one reading of a PDF. `contents` before a page is read, `page` as its reading starts,
    `visit` for every operator (pypdf's `visitor_operand_before`), `parsing` around pypdf's text extraction."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else Path("<pdf>")
        self._parsed: dict = {}  # content stream (object number, the array's, or id) -> (ContentStream, bytes, raw)
        self.bytes = self.tokens = self.runs = 0
        self._tokens_most = self._most(TOKENS_PER_PAGE)
        self.number = 0
        self._page_runs = self._page_glyphs = 0
        self.widths: dict = {}  # what pages share: each font's widths (`glyphs.Spans`) and mean width
        self.means: dict = {}

    def _refuse(self, message: str) -> ExtractError:
        return ExtractError(message, Position(self.path))

    def _most(self, per_page: int) -> int:
        return per_page * limits.current.pages

    def contents(self, page, number: int) -> None:
        """Decode the page's content stream (once for all the pages that show it), count its bytes, and give the
        page a ContentStream that pypdf parses once: later pages that show it find it parsed."""
        from pypdf.generic import ArrayObject, ContentStream, NameObject, StreamObject

        raw = page.get("/Contents")
        if raw is None:
            return
        key = _key(raw)
        entry = self._parsed.get(key)
        if entry is None:
            resolved = raw.get_object()
            if not isinstance(resolved, (ArrayObject, StreamObject)):
                return
            # as pypdf's text extraction makes it («bytes»: strings are decoded by the font, not as text)
            stream = ContentStream(resolved, getattr(page, "pdf", None), "bytes")
            entry = self._parsed[key] = self._parsed[("object", id(stream))] = (stream, len(stream.get_data()), raw)
        stream, size = entry[:2]  # (the raw object is kept too: an object's id is unique only while it lives)
        self.count_bytes(size)
        page[NameObject("/Contents")] = stream

    def restart(self) -> None:
        """A second reading of the same pages (pypdf's plain text) counts its operators afresh."""
        self.tokens = self.runs = 0

    def count_bytes(self, size: int) -> None:
        self.bytes += size
        most = self._most(BYTES_PER_PAGE)
        if self.bytes > most:
            raise self._refuse(_("the PDF's pages inflate to more than {most} bytes of content "
                                 "({per} for each of the --max-pages)").format(most=most, per=BYTES_PER_PAGE))

    def page(self, number: int) -> None:
        self.number = number
        self._page_runs = self._page_glyphs = 0

    def visit(self, op: bytes, args) -> None:
        """Count one operator and its operands (an array's items each)."""
        self.tokens += 1 + len(args)
        for arg in args:
            if isinstance(arg, list):
                self.tokens += len(arg)
        if self.tokens > self._tokens_most:
            raise self._tokens()
        if op in TEXT_OPERATORS:
            self.runs += 1
            self._page_runs += 1
            self._page_glyphs += _glyphs(op, args)
            most = self._most(RUNS_PER_PAGE)
            if self.runs > most:
                raise self._refuse(_("the PDF's pages show more than {most} runs of text "
                                     "({per} for each of the --max-pages)").format(most=most, per=RUNS_PER_PAGE))
            if self._page_runs > PAGE_RUNS:
                raise self._refuse(_("page {number} shows more than {most} runs of text; no page of an agreement "
                                     "holds that many").format(number=self.number, most=PAGE_RUNS))
            if self._page_glyphs > PAGE_GLYPHS:
                raise self._refuse(_("page {number} shows more than {most} bytes of text; no page of an agreement "
                                     "holds that many").format(number=self.number, most=PAGE_GLYPHS))

    def _tokens(self) -> ExtractError:
        most = self._most(TOKENS_PER_PAGE)
        return self._refuse(_("the PDF's pages hold more than {most} operators and operands "
                              "({per} for each of the --max-pages)").format(most=most, per=TOKENS_PER_PAGE))

    @contextlib.contextmanager
    def parsing(self):
        """pypdf parses no stream past the operators and operands left; reaching that is this budget's refusal."""
        import pypdf
        from pypdf.errors import LimitReachedError

        left = max(1, self._most(TOKENS_PER_PAGE) - self.tokens)
        try:
            with pypdf.apply_configuration(stream_parsing_work_maximum_count=left):
                yield
        except LimitReachedError as exc:
            if "tokens" in str(exc):
                raise self._tokens() from None
            raise


def _key(raw):
    """A content stream's identity: its object number (an array: its streams'), else the object itself."""
    from pypdf.generic import ArrayObject, IndirectObject

    if isinstance(raw, IndirectObject):
        return ("ref", raw.idnum, raw.generation)
    if isinstance(raw, ArrayObject):
        return ("array", *(_key(item) for item in raw))
    return ("object", id(raw))


def _glyphs(op: bytes, args) -> int:
    """Bytes of text an operator shows."""
    shown = args[2:3] if op == b'"' else args[:1]
    total = 0
    for item in shown:
        if isinstance(item, list):
            total += sum(len(s) for s in item if isinstance(s, (str, bytes)))
        elif isinstance(item, (str, bytes)):
            total += len(item)
    return total
