"""The readers' bounds: image headers of real files, limits read when a file is read, DOCX archive checks.

The hostile files themselves run through the CLI in tests/corpus/ (see cases.yaml);
these tests pin what the corpus cannot: sizes read from real PNG, JPEG and TIFF
files, and that a limit changed after import is the one in force.
"""

from __future__ import annotations

import io
import os
import subprocess
import zipfile

import pytest

from avtale import limits
from avtale.errors import ExtractError
from avtale.extract import docx_guard, guard, image_size, read_ocr
from conftest import SEED_2014, require_tool


@pytest.fixture
def restore_limits():
    saved = limits.Limits(**vars(limits.current))
    yield limits.current
    limits.set_limits(**vars(saved))


@pytest.mark.parametrize("fmt, suffix", [("-png", "png"), ("-jpeg", "jpg"), ("-tiff", "tif")])
def test_sizes_of_real_images(tmp_path, fmt, suffix):
    pdftoppm = require_tool("pdftoppm")
    from avtale import agreements, render
    from conftest import AGREEMENTS

    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(render.render(agreements.read(AGREEMENTS / "2014-2017.yaml"), "pdf"))
    subprocess.run([pdftoppm, "-r", "50", "-f", "1", "-l", "1", fmt, str(pdf), str(tmp_path / "page")], check=True, timeout=60)
    image = next(tmp_path.glob(f"page*.{suffix}"))
    assert image_size.sizes(image.read_bytes(), image, 200) == [(414, 585)]  # A4 at 50 dpi, as pdftoppm rounds
    read_ocr.check_image(image)


def test_limits_are_read_when_the_file_is_read(restore_limits, tmp_path):
    guard.read_source(SEED_2014)
    limits.set_limits(source_bytes=1000)
    with pytest.raises(ExtractError, match=r"larger than the limit of 1000 bytes \(see --max-source-size\)"):
        guard.read_source(SEED_2014)
    limits.set_limits(pages=2)
    with pytest.raises(ExtractError, match=r"3 pages, more than the limit of 2 \(see --max-pages\)"):
        guard.check_pages(3, "x.pdf")
    limits.set_limits(pixels=99)
    with pytest.raises(ExtractError, match=r"10 × 10 pixels, more than the limit of 99"):
        guard.check_pixels(10, 10, "x.png")


def test_never_reads_past_the_limit(restore_limits):
    limits.set_limits(source_bytes=4096)
    with pytest.raises(ExtractError, match="larger than the limit of 4096"):
        guard.read_source("/proc/self/smaps")  # a regular file that says it is empty and is not


def test_a_device_or_a_fifo_is_refused_without_blocking(tmp_path):
    with pytest.raises(ExtractError, match="^/dev/zero: AV500 is a device, not a regular file$"):
        guard.read_source("/dev/zero")
    os.mkfifo(tmp_path / "scan.pdf")
    for read in (guard.read_source, guard.read_head):
        with pytest.raises(ExtractError, match="AV500 is a named pipe \\(FIFO\\), not a regular file$"):
            read(tmp_path / "scan.pdf")


def _docx(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


RELS = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        b'Target="/word/document2.xml"/></Relationships>')


def test_docx_main_part_from_the_relationships():
    raw = _docx({"[Content_Types].xml": b"<Types/>", "_rels/.rels": RELS, "word/document2.xml": b"<w:document/>"})
    assert docx_guard.check(raw, "a.docx") == "word/document2.xml"


def test_docx_parts_together_bounded(restore_limits):
    limits.set_limits(source_bytes=10_000)
    raw = _docx({"[Content_Types].xml": b"<Types/>", "_rels/.rels": RELS, "word/document2.xml": b" " * 6000,
                 "word/media/a.png": b"\0" * 6000})
    with pytest.raises(ExtractError, match=r"the parts inflate to more than 10000 bytes in all \(see --max-source-size\)"):
        docx_guard.check(raw, "a.docx")


def test_docx_doctype_split_across_chunks():
    xml = b" " * (docx_guard.CHUNK - 4) + b"<!DOCTYPE x>"
    raw = _docx({"[Content_Types].xml": b"<Types/>", "_rels/.rels": RELS, "word/document2.xml": xml})
    with pytest.raises(ExtractError, match="declares a DOCTYPE"):
        docx_guard.check(raw, "a.docx")
