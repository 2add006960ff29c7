"""Scans: a built PDF rendered to 200-dpi grey pages (pdftoppm), read with Tesseract; structure exact, ≥ 99 % characters right."""

from __future__ import annotations

import difflib
import subprocess

import pytest

from conftest import AGREEMENTS, require_tool
from avtale import agreements, render
from avtale.extract import pipeline, read_ocr
from avtale.extract.lines import Notes
from avtale.model import all_texts


def _shape(agreement):
    return [(path[:-1] if isinstance(path[-1], int) else path) for path, _ in all_texts(agreement)]


@pytest.mark.parametrize("agreement_id", ["2014-2017", "2022-2025"])
def test_scan_structure_exact_and_characters(agreement_id, tmp_path):
    pdftoppm = require_tool("pdftoppm")
    require_tool("tesseract")
    want = agreements.read(AGREEMENTS / f"{agreement_id}.yaml")
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(render.render(want, "pdf"))
    subprocess.run([pdftoppm, "-r", "200", "-gray", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    notes = Notes()
    lines = read_ocr.read_images(sorted(tmp_path.glob("page*.png")), notes)
    got, _, _ = pipeline(lines, notes, end=want.period.end)
    assert [p for p, _ in all_texts(got)] == [p for p, _ in all_texts(want)]
    a = "\n".join(t for _, t in all_texts(got))
    b = "\n".join(t for _, t in all_texts(want))
    assert difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.99
