"""Scans as they come from real scanners: 300 dpi, colour on tinted paper, JPEG at quality 40, turned by
+1.5° and −2°, salt-and-pepper specks, and all at once, read end to end by `avtale.extract.extract`.

Reads: avtale's own PDF of agreements/2022-2025.yaml and the corpus scans d04 and d06
(tests/data/extract-corpus), whose page images are made worse here with Pillow, seeded,
so every run sees the same pixels, and wrapped as image-only PDFs. Writes: nothing.

Avtale's own agreement must come back with the same structure and ≥ 98 % of its words
(difflib over the words of every text); the corpus scans with ≥ 98 % of the gold's words
(their structure depends on the recognise and signing stages as well: see
bench/extract_score.py). The preparation steps are checked on their own too: the skew
of a page turned by a known angle, specks found and removed, tinted paper made white.
"""

from __future__ import annotations

import difflib
import random
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from conftest import AGREEMENTS, ROOT, require_tool
from avtale import agreements, render
from avtale.extract import extract, ocr_prep, read_ocr
from avtale.extract.lines import Notes
from avtale.model import all_texts

CORPUS = ROOT / "tests" / "data" / "extract-corpus"
PAPER = (250, 241, 212)  # slightly yellow paper
VARIANTS = {
    "300dpi": dict(dpi=300),
    "colour": dict(tint=True),
    "jpeg40": dict(quality=40),
    "turned+1.5": dict(angle=1.5),
    "turned-2": dict(angle=-2.0),
    "speckled": dict(specks=0.003),
    "all-at-once": dict(dpi=300, tint=True, angle=1.5, specks=0.003, quality=40),
}


def degrade(page: Image.Image, dpi_from: int, *, dpi: int | None = None, tint: bool = False, angle: float = 0.0,
            specks: float = 0.0, seed: int = 0) -> Image.Image:
    """The page as a worse scanner would give it: rescaled to `dpi`, turned with white corners, `specks` of the
    pixels set black or white at random (seeded), on tinted paper."""
    im = page.convert("L")
    if dpi and dpi != dpi_from:
        im = im.resize((round(im.width * dpi / dpi_from), round(im.height * dpi / dpi_from)), Image.Resampling.BICUBIC)
    if angle:
        im = im.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if specks:
        rng = random.Random(seed)
        px = im.load()
        for _ in range(int(im.width * im.height * specks)):
            px[rng.randrange(im.width), rng.randrange(im.height)] = rng.choice((0, 255))
    if tint:
        im = Image.merge("RGB", [im.point([v * k // 255 for v in range(256)]) for k in PAPER])
    return im


def scan_pdf(pages: list[Image.Image], path: Path, variant: str, dpi_from: int = 200) -> Path:
    """An image-only PDF of the pages made worse as `variant` says (Pillow stores each page as a JPEG)."""
    how = dict(VARIANTS[variant])
    quality = how.pop("quality", 92)
    out = [degrade(p, dpi_from, seed=n, **how) for n, p in enumerate(pages)]
    out[0].save(path, "PDF", save_all=True, append_images=out[1:], resolution=how.get("dpi", dpi_from),
                quality=quality)
    return path


def _render(pdf: Path, dpi: int, work: Path, first: int | None = None, last: int | None = None) -> list[Image.Image]:
    """The PDF's pages as grey images, rendered with pdftoppm into `work`."""
    pdftoppm = require_tool("pdftoppm")
    out = work / f"{pdf.stem}-{dpi}-{first or 0}"
    span = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    subprocess.run([pdftoppm, "-r", str(dpi), "-gray", *span, str(pdf), str(out)], check=True, timeout=120)
    return [Image.open(p).convert("L") for p in sorted(work.glob(f"{out.name}-*.pgm"))]


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ocr-prep")


@pytest.fixture(scope="module")
def own(work):
    """avtale's own agreement 2022-2025 and the PDF avtale builds of it."""
    want = agreements.read(AGREEMENTS / "2022-2025.yaml")
    pdf = work / "own.pdf"
    pdf.write_bytes(render.render(want, "pdf"))
    return want, pdf


def _words(agreement) -> list[str]:
    return [w for _, text in all_texts(agreement) for w in re.findall(r"\w+(?:[-.]\w+)*", text)]


def word_similarity(got, want) -> float:
    return difflib.SequenceMatcher(None, _words(got), _words(want), autojunk=False).ratio()


def _shape(agreement):
    return [p for p, _ in all_texts(agreement)]


@pytest.mark.slow
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_own_pdf_made_worse_keeps_structure_and_words(variant, own, work):
    require_tool("tesseract")
    want, pdf = own
    dpi = VARIANTS[variant].get("dpi", 200)
    scan = scan_pdf(_render(pdf, dpi, work), work / f"own-{variant}.pdf", variant, dpi_from=dpi)
    got = extract(scan, end=want.period.end, jobs=2).agreement
    assert _shape(got) == _shape(want)
    assert word_similarity(got, want) >= 0.98


@pytest.mark.slow
@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("doc", ["d04", "d06"])
def test_corpus_scan_made_worse_keeps_words(doc, variant, work):
    require_tool("tesseract")
    want = agreements.read(CORPUS / "gold" / f"{doc}.yaml")
    pages = _render(CORPUS / "src" / f"{doc}.scan.pdf", 200, work)  # the scans' own resolution: the pixels as stored
    scan = scan_pdf(pages, work / f"{doc}-{variant}.pdf", variant)
    got = extract(scan, end=want.period.end, jobs=2).agreement
    assert word_similarity(got, want) >= 0.98


@pytest.fixture(scope="module")
def page(own, work) -> Image.Image:
    """Page 1 of avtale's own PDF at 150 dpi, grey."""
    return _render(own[1], 150, work, 1, 1)[0]


@pytest.mark.parametrize("angle", [-4.5, -2.0, -0.6, 0.0, 0.8, 1.5, 3.3])
def test_skew_of_a_turned_page(page, angle):
    turned = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert abs(ocr_prep.skew(turned) - angle) <= 0.3


def test_skew_of_a_blank_or_straight_page_is_none(page):
    assert ocr_prep.skew(Image.new("L", page.size, 255)) == 0.0
    assert ocr_prep.prepare(page, 150).angle == 0.0


def test_a_turned_page_is_straightened(page):
    prepared = ocr_prep.prepare(page.rotate(-2.0, resample=Image.Resampling.BICUBIC, fillcolor=255), 150)
    assert abs(prepared.angle + 2.0) <= 0.3
    assert abs(ocr_prep.skew(prepared.image)) <= 0.1
    assert prepared.image.size == page.size
    assert prepared.image.getpixel((0, 0)) == 255  # the corners the turn uncovers are paper


def test_specks_found_and_removed_but_letters_kept(page):
    assert ocr_prep.lone_pixels(page) < ocr_prep.SPECKS_FROM * page.width * page.height  # a clean page: none
    assert ocr_prep.prepare(page, 150).specks == 0
    speckled = degrade(page, 150, specks=0.003, seed=1)
    prepared = ocr_prep.prepare(speckled, 150)
    assert prepared.specks > 0.001 * page.width * page.height
    assert ocr_prep.lone_pixels(prepared.image) < 0.05 * ocr_prep.lone_pixels(speckled)
    ink = lambda im: im.point([255 if v < 128 else 0 for v in range(256)]).histogram()[255]  # noqa: E731
    assert abs(ink(prepared.image) - ink(page)) < 0.02 * ink(page)  # the letters' dark pixels nearly all stay
    changed = ImageChops.difference(prepared.image, page).point([255 if v > 64 else 0 for v in range(256)])
    assert changed.histogram()[255] < 0.0005 * page.width * page.height


def test_finer_scans_scaled_down_to_300_dpi_coarser_left_alone(page):
    fine = ocr_prep.prepare(page.resize((page.width * 4, page.height * 4)), 600)
    assert fine.dpi == 300 and fine.image.size == (page.width * 2, page.height * 2)
    assert ocr_prep.prepare(page, 150).image.size == page.size


def test_tinted_colour_page_becomes_black_on_white(page):
    colour = degrade(page, 150, tint=True)
    assert colour.mode == "RGB"
    prepared = ocr_prep.prepare(colour, 150).image
    assert prepared.mode == "L"
    hist = prepared.histogram()
    assert hist[255] > 0.8 * prepared.width * prepared.height  # the paper is white
    assert sum(hist[:64]) > 0.5 * sum(page.histogram()[:64])  # the ink is black


def test_pdf_pages_read_at_their_scans_resolution(work):
    pages = [Image.new("L", (1654, 2339), 255)] * 2
    for dpi, want in ((200, 200), (300, 300), (600, 300), (100, 300)):
        pdf = work / f"blank-{dpi}.pdf"
        resized = [p.resize((round(p.width * dpi / 200), round(p.height * dpi / 200))) for p in pages]
        resized[0].save(pdf, "PDF", save_all=True, append_images=resized[1:], resolution=dpi)
        sizes = read_ocr._page_sizes(pdf)
        assert len(sizes) == 2 and abs(sizes[0] - 8.27 * 11.69) < 0.1
        native = read_ocr._scan_dpi(pdf, sizes)
        assert native == {1: dpi, 2: dpi}
        assert read_ocr._render_dpi(native.get(1), 300) == want


def test_multipage_tiff_read_page_by_page(own, work):
    require_tool("tesseract")
    want, pdf = own
    pages = _render(pdf, 200, work)
    tiff = work / "own.tif"
    pages[0].save(tiff, save_all=True, append_images=pages[1:], compression="tiff_lzw", dpi=(200, 200))
    assert ocr_prep.frame_count(tiff) == 2
    lines = read_ocr.read_images([tiff], Notes(), jobs=2)
    assert lines[-1].page == 2 and any(line.page_start and line.page == 2 for line in lines)
    text = " ".join(line.text for line in lines)
    assert want.title in text and want.sections[-1].title in text
