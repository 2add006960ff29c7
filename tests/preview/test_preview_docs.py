"""The README's preview pictures (made by scripts/preview-image, never here): there, of the size and kind the
README expects, small enough for the repository, and showing what they claim (an editor pane with a highlighted
line beside the preview's page)."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "preview-image"
PICTURES = [ROOT / "docs" / "preview.png", ROOT / "docs" / "preview-html.png"]
SIZE = (1600, 900)
EDITOR_W = 640  # scripts/preview-image's EDITOR_W
HIGHLIGHT = (0xFD, 0xE2, 0xE1)  # the finding's line in the editor (and in the finding's excerpt)
BAR = (0x1F, 0x3A, 0x5F)  # the preview's top bar


def test_the_script_is_executable_python():
    assert SCRIPT.is_file()
    assert os.access(SCRIPT, os.X_OK)
    first = SCRIPT.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == "#!/usr/bin/env python3"
    compile(SCRIPT.read_text(encoding="utf-8"), str(SCRIPT), "exec")


@pytest.mark.parametrize("picture", PICTURES, ids=lambda p: p.name)
def test_picture_is_a_png_of_the_expected_size(picture):
    data = picture.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == SIZE
    assert len(data) < 400_000


def _near(pixel, colour, tolerance=6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


@pytest.mark.parametrize("picture", PICTURES, ids=lambda p: p.name)
def test_picture_shows_an_editor_with_the_findings_line_beside_the_preview(picture):
    from PIL import Image

    image = Image.open(picture).convert("RGB")
    width, height = image.size
    # the editor's highlighted line: a band of rows mostly of its colour across the editor, left of the preview
    xs = range(60, EDITOR_W - 10, 10)
    rows = [y for y in range(40, height - 30)
            if sum(_near(image.getpixel((x, y)), HIGHLIGHT) for x in xs) >= len(xs) // 2]
    assert 15 <= len(rows) <= 60, len(rows)  # one line of the file (wrapped once here): 19 px a row
    assert max(rows) - min(rows) < 60
    # the preview's top bar, right of the editor, and not in the editor
    assert all(_near(image.getpixel((x, 2)), BAR) for x in range(EDITOR_W + 10, width, 50))
    assert not _near(image.getpixel((EDITOR_W // 2, 300)), BAR)
