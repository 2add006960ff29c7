"""The bounds on work: every reader stops at these, and each is an option of the CLI.

`avtale --max-file-size 4 validate …` and so on; the defaults suit real
agreements with a wide margin (the real ones are 6 KB of YAML, 3 pages, and
logos of a few hundred pixels). `MOST` caps what an option may be set to:
beyond it nothing could be held in memory anyway, so a larger value is a
mistake, refused as one.
"""

from __future__ import annotations

from avtale.records import Record

MIB = 1024 * 1024


class Limits(Record):
    _fields = NAMES = ("yaml_bytes", "source_bytes", "part_bytes", "pages", "pixels", "logo_bytes", "logo_pixels",
                       "pdf_text")

    def __init__(self, yaml_bytes: int = 2 * MIB, source_bytes: int = 50 * MIB, part_bytes: int = 20 * MIB,
                 pages: int = 200, pixels: int = 80_000_000, logo_bytes: int = 5 * MIB, logo_pixels: int = 25_000_000,
                 pdf_text: int = 500_000):
        self.yaml_bytes = yaml_bytes  # an agreement file, also one read from git (REV:PATH)
        self.source_bytes = source_bytes  # a file given to `extract` (text, DOCX, PDF, image)
        self.part_bytes = part_bytes  # one decompressed part: a DOCX's XML part, a PDF stream
        self.pages = pages  # pages read from a PDF or scan
        self.pixels = pixels  # pixels in one image (A4 at 600 dpi is 35 million)
        self.logo_bytes = logo_bytes  # one party's logo file (the HTML carries it whole)
        self.logo_pixels = logo_pixels  # pixels in one logo (5000 × 5000); the PDF build decodes every one
        # text a PDF build sets, each heading counting 100 characters more and each other paragraph, list item
        # or name 40 more: Typst holds the whole document in memory, about 600 bytes per such character
        # (measured: 870 000 took 512 MB); the real agreements weigh about 10 000
        self.pdf_text = pdf_text


NAMES = Limits.NAMES

# the largest value each option accepts (MB for the sizes)
MOST_MEGABYTES = 65_536  # 64 GiB
MOST_PAGES = 100_000
MOST_PIXELS = 10_000_000_000
MOST_PDF_TEXT = 100_000_000
MOST_JOBS = 256  # parallel workers of `build`

current = Limits()


def set_limits(**values: int | None) -> None:
    """Change the limits in force (None keeps a value)."""
    for name, value in values.items():
        if value is not None:
            setattr(current, name, value)
