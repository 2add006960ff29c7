"""Read stage for scans: PDF of page images, or PNG/JPEG/TIFF pages, read with Tesseract (`-l nor`).

Reads: image files (an image file is first checked against the size, page and pixel
limits from its header, so neither Pillow nor Tesseract decodes a decompression bomb),
or a scanned PDF, whose pages pdftoppm renders one by one at the resolution of the
page's scanned image (from `pdfimages -list`; 300 dpi when that is higher, lower than
150 dpi or unknown). Each page, each frame of a multi-page TIFF too, is prepared by
`ocr_prep` (grey, even contrast, specks removed, lines straightened) and read by its
own Tesseract process, one per core, the pages in parallel. Where Tesseract's column
finder lost part of a page's layout (a line that is a list label alone, its numbers taken for a column of
their own, as at 300 dpi; or small marks left of lines that no word covers, «–» bullets dropped as noise, as at 200 dpi), the page is read
again as one column (`--psm 4`) and the reading that lost less is kept. A running header read in the middle
of a later page is moved to its top (`ocr_text.headers_to_top`).

Writes: `Line`s rebuilt from Tesseract's TSV (words grouped by block, paragraph and
line; a wide gap between words becomes a tab, so signatures side by side stay
columns, but not the even, stretched spaces of a justified line; blocks side by side, a
signature table's cells that Tesseract reads column by column, are read row by row and set
out as pdftotext -layout does, a paragraph break Tesseract set at a line's ordinary
distance on a page of spaced paragraphs goes, and on a tight page a sentence turn is decided by the
room left after the line, justified documents told from ragged ones by their full lines: `ocr_grid`;
a line found to go on is marked `goes_on`, one found to start a paragraph the hint `para`; a small bullet Tesseract dropped
as noise, found in the image left of a line's first word, is set back as «• »: `ocr_bullets`; a column of list
marks or labels read as one tall, unsure word («Saa» for four «✓», «gUPuw» for «3.» … «6.») is no word: its box
is read again alone, and each line beside it gets the label level with it, or «• » where no labels are read (`ocr_marks`); a new paragraph becomes a blank line; a form feed before each page's first
line), line numbers counted through all pages, an `ocr` note for every word read with
confidence below 60 and for every page straightened or cleaned of specks; a punctuation
mark far smaller than the page's letters is a speck, not a word. OCR's usual confusions
are mended by `ocr_text` (shared with a Tesseract text export read by `read_text`):
`ocr_text.even_out` page by page (bullets read as «*», «»», «e»; «8 1 Formål» for
«§ 1 Formål»; dashes in year spans and between words; a line-end hyphen as a soft
division), then `ocr_text.mend_document` over all pages (a capital word read apart,
a heading number read apart), then `ocr_logos.drop_logos` over the first page (the
text read off logos above the title) and `ocr_lists.lost_labels` (list labels and
bullets Tesseract lost).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from avtale import limits
from avtale.errors import ExtractError, Position
from avtale.extract import guard, image_size, ocr_columns, ocr_grid, ocr_lists, ocr_logos, ocr_marks, ocr_text
from avtale.extract.lines import Line, Notes
from avtale.extract.markers import TERMINAL
from avtale.extract.read_text import lines_of
from avtale.i18n import _

UNSURE = ocr_marks.UNSURE  # a word read with less confidence is noted
READ_BULLETS = {"•", "·", "*", "»", "«", "°", "®", "©", "e", "o", "O", ".", "-", "–", "—", "v", "m", "=", "/"}  # a bullet as Tesseract reads it
LABEL_ALONE = re.compile(r"^\s*(?:\d{1,3}[.)]|[a-zA-Z][.)]|[*•·—–-])\s*$")
NATIVE_DPI = range(150, 301)  # a scan made at one of these is read at its own resolution
# A justified line stretches every space alike: where a line has this many gaps or more, a wide gap is a column's
# only when it is also half as wide again as the line's middle gap (a gap between two signatures stands out).
JUSTIFIED_GAPS = 4


@dataclass
class Task:
    """One page: a frame of an image file, or a page of a PDF to render at `dpi`."""

    source: Path
    index: int  # frame (0-based) of an image file, page (1-based) of a PDF
    dpi: int | None = None
    pdf: bool = False


class Word(NamedTuple):
    key: tuple  # page, block, paragraph, line
    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str


@dataclass
class Page:
    """One page as read: its lines, the words read with low confidence, and every word's box."""

    lines: list[str]
    unsure: list[tuple[int, str, float]]  # (line index, word, confidence)
    words: list[Word] = field(default_factory=list)
    angle: float = 0.0  # how the page was skewed (ocr_prep)
    specks: int = 0
    starts: list[Word | None] = field(default_factory=list)  # each line's first word (None: a blank line)
    soft: set[int] = field(default_factory=set)  # lines that go on a paragraph where Tesseract set a break (ocr_grid)
    short: set[int] = field(default_factory=set)  # lines after a line that ended short: new paragraph if justified
    offsets: list[float] = field(default_factory=list)  # how far short of the edge full lines end (ocr_grid)
    spacing: ocr_grid.Spacing = ocr_grid.Spacing()  # the page's evidence of paragraphs set apart by space
    columns: list[Word] = field(default_factory=list)  # columns of marks read as one word (`ocr_marks`): bullets
    labelled: dict = field(default_factory=dict)  # columns of list labels read as one word, and their labels
    bulleted: set[Word] = field(default_factory=set)  # lines' first words whose bullet Tesseract dropped

    def reorder(self, order: list[int]) -> None:
        """The lines in `order` (indices into the lines as they stand), the marks on them moved with them."""
        self.lines = [self.lines[i] for i in order]
        self.soft = {k for k, i in enumerate(order) if i in self.soft}
        self.short = {k for k, i in enumerate(order) if i in self.short}


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise ExtractError(_("{program} is not installed; it is needed to read scanned pages").format(program=name),
                           Position(name))
    return path


def ocr_page(image: Path, dpi: int | None = None) -> tuple[str, list[tuple[int, str, float]]]:
    """Text of one page (lines, blank lines between paragraphs) and the unsure words (line index, word, confidence)."""
    page = _tesseract(image, dpi)
    return "\n".join(ocr_text.even_out(page.lines)), page.unsure


def _tesseract(image: Path, dpi: int | None, psm: int = 3, prepared: bool = False) -> Page:
    """One page read; `psm` 3 finds columns, 4 reads the page as one column. Only a `prepared` image (ours, in our
    temporary directory) has parts of it read again (`ocr_marks`)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    args = [_tool("tesseract"), str(image), "-", "-l", "nor", "--psm", str(psm), *(["--dpi", str(dpi)] if dpi else []),
            "tsv"]
    proc = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600)
    if proc.returncode != 0:
        raise ExtractError(_("tesseract failed: {reason}")
                           .format(reason=proc.stderr.strip().splitlines()[-1:] or ["?"]), Position(image))
    return _lines(proc.stdout, image if prepared else None)


def _lines(tsv: str, image: Path | None = None) -> Page:
    """Tesseract's TSV words as lines: a blank line between paragraphs, a tab for a gap wider than 2.5 times the
    line's (median) word height and, on a line of `JUSTIFIED_GAPS` gaps or more, wider than 1.5 times its middle gap
    (a justified line's stretched spaces are alike); a mark of punctuation far smaller than the page's letters is a speck, not a word."""
    rows = []
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) >= 12 and f[0] == "5" and f[11].strip():
            rows.append(Word((f[1], f[2], f[3], f[4]), *map(int, f[6:10]), float(f[10]), f[11]))
    letters = sorted(w.height for w in rows if re.search(r"\w", w.text))
    letter = letters[len(letters) // 2] if letters else 0  # a letter's height on the page
    rows = [w for w in rows if re.search(r"\w", w.text) or max(w.width, w.height) >= 0.2 * letter]
    labelled, columns = {}, []  # columns of list labels or marks read as one tall word (`ocr_marks`)
    for w in (w for w in rows if ocr_marks.is_column(w, letter)):
        labels = ocr_marks.read_labels(image, w, letter, _tool("tesseract")) if image else []
        if labels:
            labelled[w] = labels
        elif len(w.text) <= ocr_marks.MARKS_MOST:
            columns.append(w)
    rows = [w for w in rows if w not in columns and w not in labelled]
    page = Page([], [], rows, columns=columns, labelled=labelled)
    page.spacing = ocr_grid.spacing(rows)
    return _lay_out(page)


def _lay_out(page: Page, spaced: int | None = None) -> Page:
    """The page's lines from its words (`ocr_grid.visual_lines`; `spaced`: the document's line pitch where it sets
    its paragraphs apart by space, else as the page shows), with the marks and labels of its columns and the
    bullets Tesseract dropped."""
    rows, columns, labelled = page.words, page.columns, page.labelled
    page.lines, page.unsure, page.starts, page.soft, page.short = [], [], [], set(), set()
    widths = sorted(w.width / len(w.text) for w in rows if len(w.text) >= 4)
    unit = max(1.0, widths[len(widths) // 2]) if widths else 10.0  # a character's width on the page
    visual = ocr_grid.visual_lines(rows, spaced)
    page.offsets = ocr_grid.edge_offsets(visual)
    for starts, cells, edge in visual:
        if starts:
            page.lines.append("")
            page.starts.append(None)
        elif starts is ocr_grid.SOFT:
            page.soft.add(len(page.lines))
        elif starts is ocr_grid.SHORT:
            page.short.add(len(page.lines))
        text = ""
        for words in cells:
            page.unsure += [(len(page.lines), w.text, w.conf) for w in words if w.conf < UNSURE]
            if edge is None:
                text += ("\t" if text else "") + _cell(words)
            elif words:  # a table's cell at its place across the page, as pdftotext -layout sets it
                at = round((words[0].left - edge) / unit)
                text += " " * (max(at - len(text), 3) if text else at) + _cell(words)
        page.lines.append(text)
        page.starts.append(next((ws[0] for ws in cells if ws), None))
    for i, w in enumerate(page.starts):  # each line beside a column has one of its marks or its label level with it
        for column in columns:
            if w and ocr_marks.beside(column, w):
                page.lines[i] = "• " + page.lines[i]
        for column, labels in labelled.items():
            label = ocr_marks.label_for(labels, w) if w and ocr_marks.beside(column, w) else None
            if label:
                page.lines[i] = f"{label} {page.lines[i]}"
    for i, w in enumerate(page.starts):
        if w in page.bulleted:
            page.lines[i] = "• " + page.lines[i]
    return page


def follow_document(pages: list[Page]) -> None:
    """Where the document sets its paragraphs apart by space (`ocr_grid.spaced_document`: one style sets them on
    every page), a page that did not show it itself (too few breaks: a last page of two paragraphs; or more manual
    line breaks Tesseract took for breaks than paragraphs) is laid out again as spaced."""
    pitch = ocr_grid.spaced_document([p.spacing for p in pages])
    if pitch is not None:
        for page in pages:
            if not page.spacing.shown():
                _lay_out(page, spaced=pitch)


def _cell(words: list[Word]) -> str:
    """A cell's words: a space between two, a tab at a gap wider than 2.5 times the (median) word height and, on a
    line of `JUSTIFIED_GAPS` gaps or more, 1.5 times its middle gap."""
    if not words:
        return ""
    height = max(1, sorted(w.height for w in words)[len(words) // 2])
    gaps = [w1.left - (w0.left + w0.width) for w0, w1 in zip(words, words[1:])]
    even = sorted(gaps)[(len(gaps) - 1) // 2] if len(gaps) >= JUSTIFIED_GAPS else 0
    out = words[0].text
    for gap, w1 in zip(gaps, words[1:]):
        out += ("\t" if gap > 2.5 * height and gap > 1.5 * even else " ") + w1.text
    return out


def _layout_lost(page: Page, image) -> int:
    """How many signs Tesseract's column finder lost or set apart: lines that are a list label alone, and marks
    left of a line's first word that no word covers (a «–» bullet dropped as noise at 200 dpi)."""
    from avtale.extract import ocr_prep

    starts: dict[tuple, Word] = {}
    for w in page.words:
        if w.key not in starts or w.left < starts[w.key].left:
            starts[w.key] = w
    alone = sum(1 for line in page.lines if LABEL_ALONE.match(line))
    return alone + ocr_prep.marks_left_of(image, [(w.left, w.top, w.width, w.height) for w in page.words],
                                          [(w.left, w.top, w.height) for w in starts.values()])


def _bullets_back(page: Page, image) -> None:
    """«• » before each line whose small bullet Tesseract dropped as noise (`ocr_bullets`)."""
    from avtale.extract import ocr_bullets

    boxes = [(w.left, w.top, w.width, w.height) for w in page.words]
    starts = [(w.left, w.top, w.width, w.height) if w else None for w in page.starts]
    read = []  # (centre x, its text's left) of each bullet read as a word («e —», «* —»: a dash for the tab)
    for n, w in enumerate(page.words):
        if w.text in READ_BULLETS and w in page.starts:
            text = next((x for x in page.words[n + 1:n + 3] if x.key == w.key and re.search(r"\w", x.text)), None)
            if text:
                read.append((w.left + w.width / 2, text.left))
    for i in ocr_bullets.dropped(image, boxes, starts, read):
        page.lines[i] = "• " + page.lines[i]
        page.bulleted.add(page.starts[i])


def _read(task: Task, tmp: Path) -> Page:
    """Render (a PDF page), prepare and read one page; its image files are removed once read."""
    from avtale.extract import ocr_prep

    stem = tmp / f"{'page' if task.pdf else 'frame'}-{task.index}-{id(task)}"
    try:
        if task.pdf:
            proc = subprocess.run([_tool("pdftoppm"), "-r", str(task.dpi), "-f", str(task.index), "-l",
                                   str(task.index), "-gray", "-singlefile", str(task.source), str(stem)],
                                  capture_output=True, text=True, timeout=600)
            try:
                if proc.returncode != 0:
                    raise OSError(proc.stderr)
                image, dpi = ocr_prep.frame(stem.with_suffix(".pgm"), 0)[0], task.dpi
            except ocr_prep.UNREADABLE:
                raise ExtractError(_("cannot render the PDF's pages for OCR"), Position(task.source)) from None
        else:
            try:
                image, dpi = ocr_prep.frame(task.source, task.index)
            except ocr_prep.UNREADABLE:  # a file Pillow cannot decode: Tesseract reads it as it is
                return _tesseract(task.source, None)
        prepared = ocr_prep.prepare(image, dpi)
        ready = prepared.save(stem.with_name(stem.name + "-ready"))
        page = _tesseract(ready, prepared.dpi, prepared=True)
        lost = _layout_lost(page, prepared.image)
        if lost >= 1:
            again = _tesseract(ready, prepared.dpi, psm=4, prepared=True)
            if _layout_lost(again, prepared.image) < lost:
                page = again
        page.angle, page.specks = prepared.angle, prepared.specks
        _bullets_back(page, prepared.image)
        return page
    finally:
        for done in (stem.with_suffix(".pgm"), stem.with_name(stem.name + "-ready.pgm")):
            done.unlink(missing_ok=True)


def _read_all(tasks: list[Task], notes: Notes, jobs: int | None) -> list[Line]:
    jobs = jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="avtale-ocr-") as tmp, ThreadPoolExecutor(max_workers=jobs) as pool:
        pages = list(pool.map(lambda t: _read(t, Path(tmp)), tasks))
    follow_document(pages)
    orders = ocr_text.header_orders([p.lines for p in pages])
    moved = ocr_text.header_notes([p.lines for p in pages], orders)
    for page, order in zip(pages, orders):
        page.reorder(order)
    signs = ocr_text.paragraph_signs([ln for p in pages for ln in p.lines])
    width = ocr_columns.full([ln for p in pages for ln in p.lines])
    texts, total = [], 0
    for number, page in enumerate(pages, start=1):
        if page.angle:
            if page.angle > 0:
                skewed = _("page {number} was skewed {angle:.1f}° anticlockwise; straightened before reading")
            else:
                skewed = _("page {number} was skewed {angle:.1f}° clockwise; straightened before reading")
            notes.ocr(total + 1, skewed.format(number=number, angle=abs(page.angle)))
        if page.specks:
            notes.ocr(total + 1, _("page {number}: {specks} specks removed before reading")
                                 .format(number=number, specks=page.specks))
        for index, message in ((i, m) for p, i, m in moved if p == number - 1):
            notes.ocr(total + index + 1, message)
        for index, word, conf in page.unsure:
            notes.ocr(total + index + 1, _("Tesseract unsure of «{word}» (confidence {conf:.0f})")
                                         .format(word=word, conf=conf))
        page.reorder(ocr_text.rejoin_order(page.lines, width))
        texts.append(ocr_text.even_out(page.lines, signs))
        total += len(page.lines)
    whole = ocr_text.mend_document([ln for text in texts for ln in text])
    first, dropped = ocr_logos.drop_logos(whole[: len(texts[0])])
    whole = first + whole[len(texts[0]) :]
    whole, listed = ocr_lists.lost_labels(whole, width)
    for index, note in dropped + listed:
        notes.ocr(index + 1, note)
    at, out = 0, []
    for text in texts:
        out.append("\n".join(whole[at : at + len(text)]))
        at += len(text)
    lines = lines_of("\n\f".join(out))  # a form feed before a page's first line (as pdftotext), none after its last
    starts = list(accumulate([0] + [len(p.lines) for p in pages]))
    justified = ocr_grid.justified([o for p in pages for o in p.offsets])
    for at, page in zip(starts, pages):
        for i in (at + k for k in sorted(page.soft | (page.short if justified is False else set()))):
            if _turn(lines, i):  # the paragraph goes on: `unwrap` joins the lines, however short the line above
                lines[i - 1].goes_on = True
        for i in (at + k for k in sorted(page.short if justified else ())):
            if _turn(lines, i):  # a justified paragraph's last line (not stretched to the edge) ended it
                lines[i].hint = "para"
    return lines


def _turn(lines: list[Line], i: int) -> bool:
    """Line `i` still starts a sentence after one that ended on the line above (the mending kept them in place)."""
    return 0 < i < len(lines) and lines[i].text.strip()[:1].isupper() and bool(TERMINAL.search(lines[i - 1].text.strip()))


def read_images(images: list[Path], notes: Notes, jobs: int | None = None) -> list[Line]:
    """Each image file's pages (every frame of a multi-page TIFF), read in parallel."""
    from avtale.extract import ocr_prep

    tasks = []
    for image in images:
        count = ocr_prep.frame_count(image)
        tasks += [Task(Path(image), i) for i in range(count)]
    return _read_all(tasks, notes, jobs)


def check_image(path: Path) -> None:
    """Refuse an image file before Tesseract decodes it: size, empty, pages, pixels (from the header)."""
    raw = guard.read_source(path)
    pages = image_size.sizes(raw, path, limits.current.pages)
    guard.check_pages(len(pages), path, counted_all=False)
    for number, (width, height) in enumerate(pages, start=1):
        guard.check_pixels(width, height, path, None if len(pages) == 1 else _("page {number}").format(number=number))


def read_pdf(path: Path, notes: Notes, jobs: int | None = None, dpi: int = 300) -> list[Line]:
    """A scanned PDF (read_pdf has checked its page count and each page's pixels at `dpi`), each page rendered at
    its scanned image's resolution, or `dpi` when that is higher, below 150 dpi or unknown."""
    sizes = _page_sizes(path)
    if not sizes:
        raise ExtractError(_("the PDF has no pages"), Position(path))
    native = _scan_dpi(path, sizes)
    tasks = [Task(Path(path), n, _render_dpi(native.get(n), dpi), pdf=True) for n in range(1, len(sizes) + 1)]
    return _read_all(tasks, notes, jobs)


def _render_dpi(scanned: int | None, most: int) -> int:
    """The scan's own resolution when it is between 150 dpi and `most` (no pixel invented or lost), else `most`."""
    return scanned if scanned in NATIVE_DPI and scanned < most else most


def _page_sizes(path: Path) -> list[float]:
    """Each page's area in square inches (pdfinfo), at most the page limit."""
    last = limits.current.pages
    proc = subprocess.run([_tool("pdfinfo"), "-f", "1", "-l", str(last), str(path)],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise ExtractError(_("cannot render the PDF's pages for OCR"), Position(path))
    sizes = {int(m[1]): float(m[2]) * float(m[3]) / 72 / 72
             for m in re.finditer(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", proc.stdout, re.M)}
    count = re.search(r"^Pages:\s+(\d+)", proc.stdout, re.M)
    pages = min(int(count[1]), last) if count else len(sizes)
    return [sizes.get(n, 0.0) for n in range(1, pages + 1)]


def _scan_dpi(path: Path, sizes: list[float]) -> dict[int, int]:
    """Page → the resolution of the image covering at least half of it (`pdfimages -list`), rounded to 10 dpi."""
    try:
        proc = subprocess.run([_tool("pdfimages"), "-list", "-l", str(len(sizes)), str(path)],
                              capture_output=True, text=True, timeout=120)
    except (ExtractError, subprocess.TimeoutExpired):
        return {}
    out: dict[int, int] = {}
    for row in proc.stdout.splitlines()[2:]:
        f = row.split()
        try:
            page, width, height, xppi, yppi = int(f[0]), int(f[3]), int(f[4]), float(f[12]), float(f[13])
        except (IndexError, ValueError):
            continue
        area = sizes[page - 1] if 0 < page <= len(sizes) else 0.0
        if f[2] == "image" and xppi > 0 and yppi > 0 and width / xppi * height / yppi >= area / 2:
            out[page] = max(out.get(page, 0), round(min(xppi, yppi) / 10) * 10)
    return out
