"""Geometry of built files for the layout tests: where each word stands on the page, in points.

One agreement is built three ways and printed to PDF by the real clients: Typst's PDF as it is,
the DOCX through LibreOffice (`soffice --convert-to pdf`), the HTML through headless Chromium
(`--print-to-pdf`, the page's own @page margins). `pdftotext -bbox-layout` then gives every word
with its box, grouped in lines; the tests compare those positions across the three.
"""

from __future__ import annotations

import subprocess
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from conftest import require_tool

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--virtual-time-budget=5000",
    "--no-pdf-header-footer",
]
NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    page: int
    x: float  # left edge, points from the page's left
    y: float  # top edge, points from the page's top
    right: float
    bottom: float
    text: str


@dataclass(frozen=True)
class Line:
    page: int
    x: float
    y: float
    bottom: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def build(agreement, context, out: Path, name: str) -> dict[str, Path]:
    """{"pdf", "docx", "html"} -> a PDF of each (the DOCX and HTML printed by LibreOffice and Chromium)."""
    from avtale.render import docx, html, pdf

    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.pdf").write_bytes(pdf.render(agreement, context))
    (out / f"{name}.docx").write_bytes(docx.render(agreement, context))
    (out / f"{name}.html").write_bytes(html.render(agreement, context))
    return {
        "pdf": out / f"{name}.pdf",
        "docx": libreoffice_pdfs([out / f"{name}.docx"], out / "lo")[0],
        "html": chromium_pdf(out / f"{name}.html", out / f"{name}.html.pdf"),
    }


def libreoffice_pdfs(files: list[Path], out: Path) -> list[Path]:
    """LibreOffice's PDF of each DOCX, in one run and a fresh profile."""
    soffice = require_tool("soffice")
    out.mkdir(parents=True, exist_ok=True)
    profile = out / f"profile-{uuid.uuid4().hex}"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=300,
    )
    pdfs = [out / f"{f.stem}.pdf" for f in files]
    for pdf in pdfs:
        assert pdf.is_file(), f"LibreOffice did not convert {pdf.stem}"
    return pdfs


def chromium_pdf(page: Path, pdf: Path) -> Path:
    """Chromium's print of an HTML file (A4, the margins of the page's @page rule)."""
    tool = require_tool("chromium")
    profile = pdf.parent / f"chromium-{uuid.uuid4().hex}"
    subprocess.run(
        [tool, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    assert pdf.is_file(), "Chromium did not print the page"
    return pdf


def lines(pdf: Path) -> list[Line]:
    """Every line of text of the PDF in pdftotext's reading order, with its words' boxes."""
    tool = require_tool("pdftotext")
    xml = subprocess.run([tool, "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    root = ET.fromstring(xml)
    out = []
    for n, page in enumerate(root.iter(f"{NS}page"), 1):
        for line in page.iter(f"{NS}line"):
            words = tuple(
                Word(n, float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")),
                     w.text or "")
                for w in line.iter(f"{NS}word")
            )
            if words:
                out.append(Line(n, float(line.get("xMin")), float(line.get("yMin")), float(line.get("yMax")), words))
    return out


def rows(all_lines: list[Line], tolerance: float = 1.5) -> list[tuple[Word, ...]]:
    """The words of the page in rows (same page, tops within `tolerance`), each row left to right, rows top
    to bottom: a marker in a box of its own (pdftotext may put it in a line apart) stands in its item's row."""
    words = sorted((w for line in all_lines for w in line.words), key=lambda w: (w.page, w.y, w.x))
    out: list[list[Word]] = []
    for word in words:
        if out and out[-1][0].page == word.page and abs(out[-1][0].y - word.y) <= tolerance:
            out[-1].append(word)
        else:
            out.append([word])
    return [tuple(sorted(row, key=lambda w: w.x)) for row in out]


def find_item(all_rows: list[tuple[Word, ...]], marker: str, text: str) -> tuple[float, float]:
    """(x of the marker, x of the text's first word) of the list item whose row is `marker` followed by the
    first words of `text`."""
    want = text.split()[:2]
    for words in all_rows:
        for i, word in enumerate(words[:-len(want)]):
            if word.text == marker and [w.text for w in words[i + 1:i + 1 + len(want)]] == want:
                return word.x, words[i + 1].x
    raise AssertionError(f"no row {marker} {text!r}")
