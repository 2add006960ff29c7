"""Building the layout fixtures once and reading what was built: words with their boxes, pages as PNG.

Shared by the layout tests and by scripts/layout-references. Every fixture is built in all four formats by one
`avtale build` run; every DOCX goes to PDF in ONE LibreOffice run (a fresh profile); pages become small grey
PNGs with pdftoppm (40 dpi keeps the committed references small). The module is called layout_build, not
build, so that it never shadows the `build` package the packaging tests use.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURES = HERE / "fixtures"
REFERENCES = HERE / "references"
REGEN = "scripts/layout-references"
DPI = 40  # references at 40 dpi, grey: an A4 page is 331 × 468 pixels, a few kB
KINDS = ("pdf", "docx")  # the PDF as avtale writes it, and LibreOffice's PDF of the DOCX

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--virtual-time-budget=5000",
]


class MissingTool(RuntimeError):
    """An external program the layout checks need is not installed."""


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise MissingTool(f"{name} is not installed (make system installs it)")
    return path


def fixture_names() -> list[str]:
    return sorted(p.stem for p in FIXTURES.glob("*.yaml"))


def load(name: str):
    """The fixture's Agreement (read as `avtale build` reads it)."""
    from avtale import agreements

    return agreements.read(FIXTURES / f"{name}.yaml")


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    return env


@dataclass
class Built:
    """Where one run put each fixture's files."""

    out: Path
    names: list[str]

    def pdf(self, name: str, kind: str = "pdf") -> Path:
        return self.out / (f"{name}.pdf" if kind == "pdf" else f"docx-pdf/{name}.pdf")

    def docx(self, name: str) -> Path:
        return self.out / f"{name}.docx"

    def html(self, name: str) -> Path:
        return self.out / f"{name}.html"

    def pngs(self, name: str, kind: str) -> list[Path]:
        """The pages of `name`'s PDF (`kind` pdf) or of LibreOffice's PDF of its DOCX (`kind` docx), in order."""
        return page_files(self.out / "png" / name, kind)

    @property
    def diffs(self) -> Path:
        path = self.out / "diff"
        path.mkdir(exist_ok=True)
        return path


def page_files(folder: Path, kind: str) -> list[Path]:
    files = folder.glob(f"{kind}-*.png")
    return sorted(files, key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def build_all(out: Path, names: list[str] | None = None, dpi: int = DPI) -> Built:
    """Build `names` (default: every fixture) in all four formats into `out`, convert the DOCX files to PDF
    with LibreOffice and render every page of both PDFs to PNG. Raises MissingTool, or CalledProcessError
    with the tools' output when a step fails."""
    names = names or fixture_names()
    soffice, pdftoppm = tool("soffice"), tool("pdftoppm")
    out.mkdir(parents=True, exist_ok=True)
    _run([sys.executable, "-m", "avtale", "build", *(str(FIXTURES / f"{n}.yaml") for n in names), "-o", str(out)],
         env=_env())
    profile = out / "lo-profile"
    _run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf",
          "--outdir", str(out / "docx-pdf"), *(str(out / f"{n}.docx") for n in names)], timeout=300)
    built = Built(out, names)
    jobs = [(built.pdf(n, kind), out / "png" / n, kind) for n in names for kind in KINDS]
    for pdf, _, _ in jobs:
        if not pdf.exists():
            raise RuntimeError(f"{pdf} was not written")
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda job: render_pages(pdftoppm, *job, dpi=dpi), jobs))
    return built


def render_pages(pdftoppm: str, pdf: Path, folder: Path, kind: str, dpi: int = DPI, small: bool = True) -> list[Path]:
    """Every page of `pdf` as folder/<kind>-<n>.png (n from 1), grey, at `dpi`; `small`: in 16 grey levels
    (a 4-bit PNG, less than half the bytes of pdftoppm's), as the references are kept."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in page_files(folder, kind):
        old.unlink()
    _run([pdftoppm, "-r", str(dpi), "-gray", "-png", str(pdf), str(folder / kind)])
    # pdftoppm pads the page number to the width of the page count (kind-01.png): take the padding off
    for path in folder.glob(f"{kind}-*.png"):
        number = int(path.stem.rsplit("-", 1)[1])
        path.rename(folder / f"{kind}-{number}.png")
    if small:
        for path in page_files(folder, kind):
            sixteen_greys(path)
    return page_files(folder, kind)


def sixteen_greys(path: Path) -> None:
    from PIL import Image

    image = Image.open(path).convert("L").point(lambda v: (v + 8) // 17).convert("P")
    image.putpalette([level * 17 for level in range(16) for _ in range(3)])
    image.save(path, bits=4, optimize=True)


def _run(command: list[str], timeout: float = 180, env: dict | None = None) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False)
    if done.returncode != 0:
        raise subprocess.CalledProcessError(done.returncode, command, done.stdout, done.stderr)


# --- words and their boxes (pdftotext -bbox-layout) ---

@dataclass(frozen=True)
class Word:
    page: int  # from 1
    x0: float
    y0: float  # top, in points from the top of the page
    x1: float
    y1: float
    text: str
    line_start: bool  # the first word of a line as pdftotext groups them


def words(pdf: Path) -> tuple[list[Word], int]:
    """Every word of `pdf` in pdftotext's reading order, and the number of pages."""
    from lxml import etree

    xml = subprocess.run([tool("pdftotext"), "-bbox-layout", str(pdf), "-"], capture_output=True,
                         timeout=60, check=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True, huge_tree=True))
    out, pages = [], 0
    for page in root.iter("{*}page"):
        pages += 1
        for line in page.iter("{*}line"):
            for i, w in enumerate(line.iter("{*}word")):
                out.append(Word(pages, float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                                float(w.get("yMax")), w.text or "", i == 0))
    return out, pages


SQUASH = re.compile(r"[\s\u00ad\-‐]+")


def squash(text: str) -> str:
    """Text without spaces and hyphens (typed, soft or line-break), for finding a text however it broke."""
    return SQUASH.sub("", text)


def find(ws: list[Word], text: str, start: int = 0, line_start: bool = False,
         pages: set[int] | None = None) -> list[tuple[int, int]]:
    """Every run ws[i:j] (i >= start) whose words, run together without spaces and hyphens, are `text`:
    found however the text was broken across lines or inside words. All on one page, and with `line_start`
    beginning a line; with `pages`, on those pages only."""
    target, hits = squash(text), []
    for i in range(start, len(ws)):
        first = ws[i]
        if (line_start and not first.line_start) or (pages is not None and first.page not in pages):
            continue
        got, j = "", i
        while j < len(ws) and len(got) < len(target) and ws[j].page == first.page:
            got += squash(ws[j].text)
            j += 1
            if not target.startswith(got):
                break
        if got == target:
            hits.append((i, j))
    return hits


def shown(ws: list[Word], hit: tuple[int, int]) -> str:
    """How a found run stands in the PDF: its words with «|» where pdftotext saw a word end."""
    return "|".join(w.text.replace("\u00ad", "\u00ad(soft hyphen)") for w in ws[hit[0]:hit[1]])


# --- HTML, for the sheet ---

def html_pages(html: Path, folder: Path, dpi: int) -> list[Path]:
    """The HTML page printed by headless Chromium (its print CSS) and rendered to folder/html-<n>.png."""
    chromium = tool("chromium")
    profile = folder / "chromium-profile"
    profile.mkdir(parents=True, exist_ok=True)
    pdf = folder / "html.pdf"
    _run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
          "--print-to-pdf-no-header", f"--print-to-pdf={pdf}", html.resolve().as_uri()], timeout=120)
    return render_pages(tool("pdftoppm"), pdf, folder, "html", dpi, small=False)


# --- pictures ---

PIXEL_THRESHOLD = 64  # a pixel differs when its grey level moved by more than this (of 255): not anti-aliasing
TOLERANCE = 0.001  # a page fails when more than this share of its pixels differ (0.1 %: ~150 pixels at 40 dpi)


def compare(reference: Path, got: Path, diff: Path) -> str | None:
    """None when `got` matches `reference` within the tolerance; else what differs, with a diff image written
    to `diff` (the reference in grey, the differing pixels in red)."""
    from PIL import Image, ImageChops

    ref, new = Image.open(reference).convert("L"), Image.open(got).convert("L")
    if ref.size != new.size:
        return f"{got.name}: {new.size[0]}×{new.size[1]} pixels, the reference {ref.size[0]}×{ref.size[1]}"
    mask = ImageChops.difference(ref, new).point(lambda v: 255 if v > PIXEL_THRESHOLD else 0)
    changed = mask.histogram()[255]
    share = changed / (ref.size[0] * ref.size[1])
    if share <= TOLERANCE:
        return None
    picture = Image.merge("RGB", (ref.point(lambda v: 128 + v // 2),) * 3)
    picture.paste((220, 0, 0), mask=mask)
    diff.parent.mkdir(parents=True, exist_ok=True)
    picture.save(diff)
    return f"{got.name}: {share:.2%} of the pixels differ ({changed}; at most {TOLERANCE:.2%}); diff: {diff}"


def sheet(columns: list[tuple[str, list[Path]]], title: str, target: Path) -> Path:
    """A side-by-side sheet: one column per rendering (label, pages), page by page, labelled."""
    from PIL import Image, ImageDraw

    pages = max((len(files) for _, files in columns), default=0)
    images = [[Image.open(f).convert("L") for f in files] for _, files in columns]
    width = max((im.size[0] for col in images for im in col), default=200)
    height = max((im.size[1] for col in images for im in col), default=200)
    pad, head, label = 12, 28, 18
    canvas = Image.new("L", (pad + len(columns) * (width + pad), head + pages * (label + height + pad) + pad), 255)
    draw = ImageDraw.Draw(canvas)
    draw.text((pad, 8), title, fill=0)
    for c, ((name, _), col) in enumerate(zip(columns, images)):
        x = pad + c * (width + pad)
        for p in range(pages):
            y = head + p * (label + height + pad)
            draw.text((x, y + 2), f"{name}, page {p + 1}", fill=0)
            if p < len(col):
                canvas.paste(col[p], (x, y + label))
                draw.rectangle([x - 1, y + label - 1, x + col[p].size[0], y + label + col[p].size[1]], outline=160)
            else:
                draw.text((x + 8, y + label + 8), "(no page)", fill=90)
    target.parent.mkdir(parents=True, exist_ok=True)
    canvas.save(target, optimize=True)
    return target


# --- what the tests share ---

_SHARED: dict[str, Built] = {}


def shared(tmp_path_factory) -> Built:
    """Every fixture built once per test session (the first test that asks builds them; the others reuse it).
    A missing tool fails the test in CI and skips it elsewhere (conftest.require_tool)."""
    from conftest import require_tool

    for name in ("soffice", "pdftoppm", "pdftotext"):
        require_tool(name)
    if "built" not in _SHARED:
        _SHARED["built"] = build_all(tmp_path_factory.mktemp("layout"))
    return _SHARED["built"]


_WORDS: dict[Path, tuple[list[Word], int]] = {}


def cached_words(pdf: Path) -> tuple[list[Word], int]:
    if pdf not in _WORDS:
        _WORDS[pdf] = words(pdf)
    return _WORDS[pdf]


def headings(agreement, layout: dict) -> list[str]:
    """Each section's and annex's heading as printed: «1. Formål», «§ 2 Plikter», «Vedlegg 1: Mandat»."""
    from avtale.render import common, tree

    out = [" ".join(p for p in (common.section_number(agreement.numbering, i), s.title) if p)
           for i, s in enumerate(agreement.sections)]
    out += [f"{tree.annex_label(layout, agreement.language, n)}: {annex.title}"
            for n, annex in enumerate(agreement.annexes, 1)]
    return out


def heading_pages(ws: list[Word], texts: list[str]) -> dict[str, int | None]:
    """The page each heading starts on (None where it is not found): a run of whole lines, in order."""
    found, start = {}, 0
    for text in texts:
        hits = [h for h in find(ws, text, start, line_start=True) if h[1] == len(ws) or ws[h[1]].line_start]
        found[text] = ws[hits[0][0]].page if hits else None
        if hits:
            start = hits[0][1]
    return found
