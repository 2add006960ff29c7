"""Prepares a scanned page for Tesseract: grey, even contrast, no specks, straight lines.

Reads: one page image (a file pdftoppm rendered, or a PNG, JPEG or TIFF page a scanner
wrote, each frame of a multi-page TIFF a page of its own), already checked against the
pixel limit. Writes: a `Page`, the prepared 8-bit grey image with its resolution and what
was done to it, which `read_ocr` saves as an uncompressed PGM for Tesseract.

The steps, each measured on the extraction corpus's scans made worse on purpose (colour
paper, JPEG at quality 40, turned by ±2°, salt-and-pepper specks):

- colour to grey (a JPEG's EXIF orientation applied first);
- contrast: the paper (the page's median grey) becomes white and the darkest 0.2 % black,
  so tinted paper or a faded copy reaches Tesseract's binarisation as black on white;
- specks: a page with many lone dark pixels (a dark pixel whose eight neighbours are
  nearly white; a clean page has next to none, even in a serif font) has each lone pixel
  replaced by its neighbours' mean, and so has each lone light pixel inside a stroke;
  a 3 × 3 median would do the same but also eats full stops and thin strokes at 200 dpi;
- skew: the angle, within ±5°, at which the rows of a small binarised copy of the page
  give the sharpest projection profile (coarse steps of 0.25°, then 0.05°); the page is
  turned back when that is 0.25° or more, with white filling the corners. Tesseract's
  own orientation detection (`--psm 0`) only knows quarter turns.

An image file scanned at more than 300 dpi is scaled down to 300 dpi. Nothing is scaled
up: on the corpus's 200-dpi scans Tesseract read as many words right without upscaling
to 300 dpi (99.5 % against 99.1 %), in about a quarter less time.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

MOST_DPI = 300  # an image file scanned finer is scaled down to this (a PDF's pages are rendered at it)
MOST_SKEW = 5.0  # degrees either way
STRAIGHTEN_FROM = 0.25  # degrees: less is left alone (Tesseract copes, and turning blurs a little)
SKEW_WIDTH = 800  # pixels across the copy the skew is measured on (about 100 dpi for A4)
SPECKS_FROM = 5e-5  # lone dark pixels per pixel from which a page counts as speckled (a clean page: < 1e-6)
# Pillow refuses more than twice its own pixel limit; avtale's limit (--max-pixels) was checked before and may be higher
UNREADABLE = (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError)
NEIGHBOURS = ImageFilter.Kernel((3, 3), (1, 1, 1, 1, 0, 1, 1, 1, 1), scale=8)


@dataclass
class Page:
    image: Image.Image  # 8-bit grey ("L")
    dpi: int | None  # None when the file does not say (Tesseract then estimates it from the text)
    angle: float = 0.0  # degrees (counter-clockwise) the page was turned by and is now turned back from
    specks: int = 0  # lone pixels removed

    def save(self, path: Path) -> Path:
        """An uncompressed PGM (Tesseract reads it at once; a PNG takes longer to write than to read)."""
        path = Path(path).with_suffix(".pgm")
        self.image.save(path, "PPM")
        return path


def frame_count(path: Path) -> int:
    """How many pages an image file holds (a multi-page TIFF many); 1 when Pillow cannot open it."""
    try:
        with Image.open(path) as im:
            return max(1, getattr(im, "n_frames", 1))
    except UNREADABLE:
        return 1


def frame(path: Path, index: int) -> tuple[Image.Image, int | None]:
    """Page `index` (0-based) of an image file, in grey, and its resolution if the file gives a likely one.
    Raises one of UNREADABLE when Pillow cannot decode it (Tesseract may still)."""
    with Image.open(path) as im:
        im.seek(index)
        return grey(im), _dpi(im)


def _dpi(im: Image.Image) -> int | None:
    dpi = im.info.get("dpi")
    try:
        value = round(float(dpi[0]))
    except (TypeError, ValueError, IndexError):
        return None
    return value if 100 <= value <= 1200 else None  # 72 or 1 is a default some writers put in, not a scan's


def prepare(image: Image.Image, dpi: int | None) -> Page:
    """The page, grey, at most MOST_DPI, with even contrast, specks removed and lines straightened."""
    g = image if image.mode == "L" else grey(image)
    if dpi and dpi > MOST_DPI:  # a 600-dpi scan: Tesseract reads it no better, and four times slower
        g = g.resize((round(g.width * MOST_DPI / dpi), round(g.height * MOST_DPI / dpi)), Image.Resampling.LANCZOS)
        dpi = MOST_DPI
    g = normalise(g)
    specks = 0
    if lone_pixels(g) > SPECKS_FROM * g.width * g.height:
        g, specks = despeckle(g)
    angle = skew(g)
    if abs(angle) >= STRAIGHTEN_FROM:
        g = g.rotate(-angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    else:
        angle = 0.0
    return Page(g, dpi, angle, specks)


def grey(image: Image.Image) -> Image.Image:
    """8-bit grey; a photo's EXIF orientation applied, transparency put on white."""
    if image.format == "JPEG" or "exif" in image.info:
        image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    if image.mode.startswith("I"):  # 16- or 32-bit grey: to 8 bits
        image = image.convert("I").point(lambda v: v * (1 / 256))
    return image.convert("L")  # a copy even when already grey: the next frame of a TIFF reuses the image


def normalise(g: Image.Image) -> Image.Image:
    """Stretch the greys so the paper (the median) is white and the darkest 0.2 % black."""
    hist = g.histogram()
    total = sum(hist)
    paper, ink = _percentile(hist, total * 0.5), _percentile(hist, total * 0.002)
    if paper < 128 or paper - ink < 48:  # a dark page, or one without text: leave it be
        return g
    span = paper - ink
    return g.point([0 if v <= ink else 255 if v >= paper else round((v - ink) * 255 / span) for v in range(256)])


def _percentile(hist: list[int], rank: float) -> int:
    seen = 0
    for value, count in enumerate(hist):
        seen += count
        if seen >= rank:
            return value
    return 255


def _mask(g: Image.Image, test) -> Image.Image:
    return g.point([255 if test(v) else 0 for v in range(256)])


def lone_pixels(g: Image.Image) -> int:
    """How many dark pixels have eight nearly white neighbours: specks (a letter's pixels have dark neighbours)."""
    around = g.filter(NEIGHBOURS)
    lone = ImageChops.multiply(_mask(g, lambda v: v < 160), _mask(around, lambda v: v > 230))
    return lone.histogram()[255]


def despeckle(g: Image.Image) -> tuple[Image.Image, int]:
    """Each lone dark pixel on paper, and each lone light pixel in a stroke, becomes its neighbours' mean."""
    around = g.filter(NEIGHBOURS)
    dark = ImageChops.multiply(_mask(g, lambda v: v < 160), _mask(around, lambda v: v > 215))
    light = ImageChops.multiply(_mask(g, lambda v: v > 128), _mask(around, lambda v: v < 55))
    lone = ImageChops.lighter(dark, light)
    return Image.composite(around, g, lone), lone.histogram()[255]


def skew(g: Image.Image) -> float:
    """The angle in degrees (counter-clockwise) by which the text lines are turned, within ±MOST_SKEW.

    A projection-profile search: the page is shrunk to about SKEW_WIDTH pixels across and
    binarised; at the right angle each text line falls into few rows, so the row sums
    jump most between line and gap (the sum of squared differences of neighbouring rows
    is highest). 0.0 for a page with too little text to tell.
    """
    factor = max(1, round(g.width / SKEW_WIDTH))
    small = g.reduce(factor) if factor > 1 else g
    ink = _mask(small, lambda v: v < 160)
    if ink.histogram()[255] < 0.001 * ink.width * ink.height:
        return 0.0
    level = _sharpness(ink, 0.0)
    best = max((_sharpness(ink, a), a) for a in _steps(0.0, MOST_SKEW, 0.25))
    best = max((_sharpness(ink, a), a) for a in _steps(best[1], 0.25, 0.05))
    if best[0] <= level * 1.02:  # no angle is clearly better than none
        return 0.0
    return round(-best[1], 2)


def _steps(centre: float, half: float, step: float) -> list[float]:
    n = round(half / step)
    return [round(centre + k * step, 4) for k in range(-n, n + 1)]


def _sharpness(ink: Image.Image, angle: float) -> float:
    turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0) if angle else ink
    rows = array("f", turned.convert("F").resize((1, turned.height), Image.Resampling.BOX).tobytes())
    return sum((a - b) ** 2 for a, b in zip(rows, rows[1:]))


def marks_left_of(image: Image.Image, words: list[tuple[int, int, int, int]], starts: list[tuple[int, int, int]]) -> int:
    """How many lines have a mark left of their first word (within three line heights) that no word covers, small
    and within the line's height.

    `words` are Tesseract's word boxes (left, top, width, height), `starts` each line's first word (left, top,
    height). Tesseract's column finder drops a small «–» bullet at 200 dpi as noise; this finds it.
    """
    ink = _mask(image, lambda v: v < 128)
    draw = ImageDraw.Draw(ink)
    for left, top, width, height in words:
        draw.rectangle((left - 2, top - 2, left + width + 2, top + height + 2), fill=0)
    count = 0
    for left, top, height in starts:
        box = (max(0, left - 3 * height), top - height // 4, left - height // 3, top + height + height // 4)
        if box[2] - box[0] < 2:
            continue
        strip = ink.crop(box)
        mark = strip.getbbox()  # a bullet lies within the line, no wider than it is high; a logo reaches out of it
        if (mark and strip.histogram()[255] >= max(4, height * height // 50) and mark[1] > 0
                and mark[3] < strip.height and mark[2] - mark[0] <= height):
            count += 1
    return count
