"""A column of list marks or labels that Tesseract read as one tall word.

Reads: a page's words (Tesseract's TSV) and, where there is one, the prepared page image. Writes: what each line
beside such a column starts with («3. », «b) », «• »).

Tesseract's column finder sometimes takes the labels or marks in front of a list's items for a block of their own
and reads the whole column as one word, unsure, narrow as a letter or two and as tall as the items beside it:
«gUPuw» for «3.», «4.», «5.», «6.»; «Saa» for four «✓». Such a word is no text (`is_column`). Its box is read
again alone, as a block of lines (`--psm 6`), which reads such labels well (`read_labels`): where that gives a
label a line, in sequence («3.», «4.» …; «a)», «b)» …), each line beside the column gets the label level with it.
Where it gives none, a short word (four letters or fewer: a column of marks) gives each line beside it a bullet; a
longer one stays a word.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

LABEL = re.compile(r"^(?:(\d{1,2})[.)]|([a-zæøå])\))$")
MARKS_MOST = 4  # a column read as this many letters or fewer is marks, when its labels cannot be read
COLUMN_MOST = 12  # a column of this many labels' letters at most
UNSURE = 60.0  # Tesseract's confidence under which a word is unsure (as `read_ocr.UNSURE`, which takes it from here)


def is_column(word: Any, letter: int) -> bool:
    """A column of labels or marks read as one word: short, unsure, narrow as two letters or less and as tall as two
    and a half lines or more."""
    return (letter > 0 and len(word.text) <= COLUMN_MOST and word.conf < UNSURE and word.height >= 2.5 * letter
            and word.width <= 2 * letter)


def read_labels(image: Path | None, word: Any, letter: int, tesseract: str) -> list[tuple[float, str]]:
    """The column's labels as Tesseract reads its box alone, with each label's middle (page pixels), or [] when the
    reading is no run of labels in sequence."""
    if image is None:
        return []
    from PIL import Image

    pad = max(4, letter // 2)
    crop = image.with_name(f"{image.stem}-column-{word.left}-{word.top}.png")
    try:
        with Image.open(image) as page:
            box = (max(0, word.left - pad), max(0, word.top - pad), min(page.width, word.left + word.width + pad),
                   min(page.height, word.top + word.height + pad))
            page.crop(box).save(crop)
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        proc = subprocess.run([tesseract, str(crop), "-", "-l", "nor", "--psm", "6", "tsv"], capture_output=True,
                              text=True, env=env, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []
    finally:
        crop.unlink(missing_ok=True)
    if proc.returncode != 0:
        return []
    out = []
    for row in proc.stdout.splitlines()[1:]:
        f = row.split("\t")
        if len(f) >= 12 and f[0] == "5" and f[11].strip():
            out.append((box[1] + int(f[7]) + int(f[9]) / 2, f[11].strip()))
    return out if _in_sequence([label for _, label in out]) else []


def _in_sequence(labels: list[str]) -> bool:
    """Two labels or more, each «N.», «N)» or «x)», of one form, each one on from the one before."""
    found = [LABEL.match(label) for label in labels]
    if len(labels) < 2 or not all(found):
        return False
    if len({label[-1] for label in labels}) != 1:
        return False
    values = [int(m.group(1)) if m.group(1) else ord(m.group(2)) for m in found]
    return all(b == a + 1 for a, b in zip(values, values[1:]))


def beside(column: Any, start: Any) -> bool:
    """A line whose first word is `start` stands beside the column: level with it and just right of it."""
    return (column.top - start.height // 2 <= start.top <= column.top + column.height - start.height // 2
            and 0 < start.left - column.left - column.width <= 4 * start.height)


def label_for(labels: list[tuple[float, str]], start: Any) -> str | None:
    """The label level with a line's first word (their middles within half the word's height), if any."""
    middle = start.top + start.height / 2
    return next((label for y, label in labels if abs(y - middle) <= start.height / 2), None)
