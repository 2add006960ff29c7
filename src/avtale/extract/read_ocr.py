"""Read stage for scans: PDF of page images, or PNG/JPEG/TIFF pages, read with Tesseract (`-l nor`).

Reads: image files (a scanned PDF is first rendered with pdftoppm; an image file is
first checked against the size, page and pixel limits from its header, so
Tesseract never decodes a decompression bomb). Writes: `Line`s
rebuilt from Tesseract's TSV (words grouped by block, paragraph and line; a wide gap
between words becomes a tab, so signatures side by side stay columns; a new
paragraph becomes a blank line), line numbers counted through all pages, and an
`ocr` note for every word read with confidence below 60. Pages are read in
parallel, one Tesseract process per core. OCR's usual confusions are evened out:
a bullet read as «*», «»» or «* —» becomes «•», and a hyphen at a line end before a
lower-case word is treated as the typesetter's division (a soft hyphen).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from avtale import limits
from avtale.errors import ExtractError, Position
from avtale.extract import guard, image_size
from avtale.extract.lines import Line, Notes
from avtale.extract.read_text import lines_of

UNSURE = 60.0
BULLET_OCR = re.compile(r"^\s*(?:[*»«°•·®©]\s*)(?:[—–-]\s+)?|^\s*[—–]\s+")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise ExtractError(f"{name} is not installed; it is needed to read scanned pages", Position(name))
    return path


def ocr_page(image: Path) -> tuple[str, list[tuple[int, str, float]]]:
    """Text of one page (lines, blank lines between paragraphs) and the unsure words (line index, word, confidence)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    proc = subprocess.run([_tool("tesseract"), str(image), "-", "-l", "nor", "tsv"], capture_output=True, text=True, env=env, timeout=600)
    if proc.returncode != 0:
        raise ExtractError(f"tesseract failed: {proc.stderr.strip().splitlines()[-1:] or ['?']}", Position(image))
    lines: list[str] = []
    unsure: list[tuple[int, str, float]] = []
    key_prev = None
    words: list[tuple[int, int, str]] = []  # left, width, text

    def flush():
        if words:
            height = max(1, heights[-1] if heights else 30)
            out = words[0][2]
            for (l0, w0, _), (l1, _, t1) in zip(words, words[1:]):
                out += ("\t" if l1 - (l0 + w0) > 2.5 * height else " ") + t1
            lines.append(out)
            words.clear()

    heights: list[int] = []
    for row in proc.stdout.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        block, par, line = f[2], f[3], f[4]
        if key_prev and (block, par) != key_prev[:2]:
            flush()
            lines.append("")
        elif key_prev and line != key_prev[2]:
            flush()
        key_prev = (block, par, line)
        words.append((int(f[6]), int(f[8]), f[11]))
        heights.append(int(f[9]))
        conf = float(f[10])
        if conf < UNSURE:
            unsure.append((len(lines), f[11], conf))
    flush()
    return "\n".join(_even_out(lines)), unsure


def _even_out(lines: list[str]) -> list[str]:
    out = []
    for i, line in enumerate(lines):
        line = BULLET_OCR.sub("• ", line) if BULLET_OCR.match(line) and len(line) > 3 else line
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if re.search(r"[a-zæøå]-$", line) and re.match(r"^[a-zæøå]", nxt) and not re.match(r"^(og|eller)\b", nxt):
            line = line[:-1] + "\u00ad"
        out.append(line)
    return out


def read_images(images: list[Path], notes: Notes, jobs: int | None = None) -> list[Line]:
    jobs = jobs or os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        pages = list(pool.map(ocr_page, images))
    offsets, total = [], 0
    for text, _ in pages:
        offsets.append(total)
        total += text.count("\n") + 1
    for (text, unsure), offset in zip(pages, offsets):
        for index, word, conf in unsure:
            notes.ocr(offset + index + 1, f"Tesseract unsure of «{word}» (confidence {conf:.0f})")
    return lines_of("\f".join(text for text, _ in pages))


def check_image(path: Path) -> None:
    """Refuse an image file before Tesseract decodes it: size, empty, pages, pixels (from the header)."""
    raw = guard.read_source(path)
    pages = image_size.sizes(raw, path, limits.current.pages)
    guard.check_pages(len(pages), path, counted_all=False)
    for number, (width, height) in enumerate(pages, start=1):
        guard.check_pixels(width, height, path, "image" if len(pages) == 1 else f"page {number}")


def read_pdf(path: Path, notes: Notes, jobs: int | None = None, dpi: int = 300) -> list[Line]:
    """A scanned PDF (read_pdf has checked its page count and each page's pixels at `dpi`)."""
    with tempfile.TemporaryDirectory(prefix="avtale-ocr-") as tmp:
        proc = subprocess.run([_tool("pdftoppm"), "-r", str(dpi), "-l", str(limits.current.pages), "-gray", "-png",
                               str(path), f"{tmp}/page"],
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise ExtractError("cannot render the PDF's pages for OCR", Position(path))
        images = sorted(Path(tmp).glob("page*.png"))
        if not images:
            raise ExtractError("the PDF has no pages", Position(path))
        return read_images(images, notes, jobs)
