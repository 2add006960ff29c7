"""A column of list labels Tesseract read as one tall word (`ocr_marks`): its box read again alone, by real
Tesseract, on an image with the labels drawn where the word's box says."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from avtale.extract import ocr_marks, read_ocr
from conftest import require_tool
from test_extract_ocr_grid import _line, _tsv

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ITEMS = ["gå gjennom medverknad", "vurdere felles mål", "styrkje samarbeidet", "gå gjennom erfaringsdelinga"]


def _page(tmp_path: Path, labels: list[str], top: int = 300, pitch: int = 42) -> Path:
    """A white page (300 dpi) with the labels drawn in a column at x 200, one every `pitch` pixels from `top`."""
    image = Image.new("L", (1200, 800), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 32)
    for n, label in enumerate(labels):
        draw.text((200, top + n * pitch), label, font=font, fill=0)
    path = tmp_path / "page-ready.pgm"
    image.save(path)
    return path


def _items(top: int = 300, pitch: int = 42) -> str:
    words = _line(1, 1, 1, 200, top - 60, "Partane skal:")
    for n, item in enumerate(ITEMS):
        words += _line(2, n + 1, 1, 256, top + n * pitch + 6, item)
    return _tsv(words)


def test_a_label_column_read_as_one_word_gets_its_labels_read_again(tmp_path):
    require_tool("tesseract")
    image = _page(tmp_path, ["3.", "4.", "5.", "6."])
    # Tesseract read the column «3.» … «6.» as one word, unsure, two letters wide and four lines high
    column = "5\t1\t3\t1\t1\t99\t196\t296\t40\t160\t0\tgUPuw\n"
    page = read_ocr._lines(_items() + column, image)
    assert [ln for ln in page.lines if ln] == ["Partane skal:", "3. gå gjennom medverknad", "4. vurdere felles mål",
                                               "5. styrkje samarbeidet", "6. gå gjennom erfaringsdelinga"]
    assert list(tmp_path.iterdir()) == [image]  # the crop read is gone
    # without the image (a file of the user's, not our prepared page) nothing is read again: the word stays
    assert "gUPuw" in "".join(read_ocr._lines(_items() + column).lines)


def test_letter_labels_in_sequence_are_read_too(tmp_path):
    require_tool("tesseract")
    image = _page(tmp_path, ["a)", "b)", "c)", "d)"])
    column = "5\t1\t3\t1\t1\t99\t196\t296\t40\t160\t0\tOPN\n"
    page = read_ocr._lines(_items() + column, image)
    assert [ln for ln in page.lines if ln][1:] == ["a) gå gjennom medverknad", "b) vurdere felles mål",
                                                   "c) styrkje samarbeidet", "d) gå gjennom erfaringsdelinga"]


def test_a_column_whose_labels_cannot_be_read_is_marks_when_short_else_a_word(tmp_path):
    require_tool("tesseract")
    image = _page(tmp_path, ["✓", "✓", "✓", "✓"])  # DejaVu draws the ticks; no run of labels in them
    short = "5\t1\t3\t1\t1\t99\t196\t296\t40\t160\t0\tSaa\n"
    lines = [ln for ln in read_ocr._lines(_items() + short, image).lines if ln]
    assert lines[1:] == [f"• {item}" for item in ITEMS]
    long = short.replace("Saa", "SaaVvv")
    assert "SaaVvv" in "".join(read_ocr._lines(_items() + long, image).lines)


def test_labels_must_run_in_sequence_and_share_their_form():
    assert ocr_marks._in_sequence(["3.", "4.", "5."])
    assert ocr_marks._in_sequence(["a)", "b)"])
    assert not ocr_marks._in_sequence(["3."])  # one label is no column
    assert not ocr_marks._in_sequence(["3.", "5."])
    assert not ocr_marks._in_sequence(["3.", "4)"])
    assert not ocr_marks._in_sequence(["3.", "S."])
    assert not ocr_marks._in_sequence(["Saa"])
