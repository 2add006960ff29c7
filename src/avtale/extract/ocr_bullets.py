"""Read stage helper for scans: the small bullets Tesseract dropped as noise, found in the page image.

Reads: one prepared page image (`ocr_prep`) and Tesseract's word boxes on it, with each line's
first word. Writes: the indices of the lines whose first word has a bullet left of it that no
word covers; `read_ocr` sets «• » before those lines.

Tesseract's column finder drops a small bullet («·», a middle dot a few pixels across at
200 dpi; a small «•») as noise, and the item comes out bare: «Rapporteringa skal vise:» /
«beredskapsarbeidet i kommunane» / «betre bruk av digitale løysingar», which reads as one
paragraph. The text export keeps no trace of the dot (`ocr_columns.restore_bullets` guesses
from the items' form there); our own reader still has the image. A dropped bullet is:

- a single small mark of ink left of a line's first word, within four of the line's heights
  (a bullet's tab stop) and clear of the word by a third of a height, that no word box covers;
- dot-shaped: no wider or taller than half the line's height, and neither more than twice as
  wide as it is high nor the reverse (a «–» or a rule is flat; `read_ocr` handles a dropped
  «–» by reading the page again as one column);
- standing within the line's height (a bullet sits on the line, a logo or a rule reaches out);
- one of a column: two or more lines of the page have such a mark at the same place (within
  half a height), before words that start at the same place, or another line has a bullet
  Tesseract did read as a word there (the first of a list's «•» dropped, the others read).
  A single speck left of one line is noise, not a list.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

REACH = 4  # line heights left of the first word a bullet may stand (its tab stop)


def dropped(image: Image.Image, words: list[tuple[int, int, int, int]],
            starts: list[tuple[int, int, int, int] | None], read: list[tuple[float, int]] = ()) -> set[int]:
    """Indices of `starts` (each line's first word box, or None for a blank line) with a dropped bullet; `read`
    holds the bullets Tesseract did read as a word of their own: (the bullet's centre x, its text's left)."""
    ink = image.point([255 if v < 128 else 0 for v in range(256)])
    draw = ImageDraw.Draw(ink)
    for left, top, width, height in words:
        draw.rectangle((left - 2, top - 2, left + width + 2, top + height + 2), fill=0)
    marks: dict[int, tuple[float, int, int]] = {}  # line → (mark's centre x, word's left, height)
    for i, start in enumerate(starts):
        if start is None:
            continue
        left, top, _, height = start
        box = (max(0, left - REACH * height), top - height // 4, left - height // 3, top + height + height // 4)
        if box[2] - box[0] < 2:
            continue
        strip = ink.crop(box)
        mark = strip.getbbox()
        if not mark:
            continue
        w, h = mark[2] - mark[0], mark[3] - mark[1]
        if (mark[1] > 0 and mark[3] < strip.height and 0 < w <= height / 2 and 0 < h <= height / 2
                and w <= 2 * h and h <= 2 * w and strip.histogram()[255] >= 2):
            marks[i] = (box[0] + (mark[0] + mark[2]) / 2, left, height)
    found = set()
    for i, (x, left, height) in marks.items():
        column = [(x2, left2) for j, (x2, left2, _) in marks.items() if j != i] + list(read)
        if any(abs(x2 - x) <= height / 2 and abs(left2 - left) <= height / 2 for x2, left2 in column):
            found.add(i)
    return found
