"""`avtale extract` costs time and memory in proportion to its input, for every source kind and along every axis
that grew faster before (issue 14): sections, paragraph length, lines, list items, table rows and cells, pages,
runs of text, a signature block, page numbers, numbered paragraphs.

Each test builds the same kind of agreement at sizes n, 4n and 16n (`corpus_makers.extract_cost`) and times the
whole extraction in this process. Times are compared within one run, never with a fixed figure: 16n may cost up
to `RATIO` times n (a sixteenth of the input, plus noise and constant costs); a cost that grows with the square
(256 times) fails. OCR is bounded by its pages and left out.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from pathlib import Path

import pytest

from avtale.errors import ExtractError
from avtale.extract import extract
from corpus_makers import extract_cost as make

RATIO = 40  # 16n may cost this many times n (linear: 16; quadratic: 256), over what size 0 costs
SLACK = 0.25  # seconds of noise allowed on top
SIZES = (0, 1, 4, 16)


def _extract(path: Path) -> None:
    try:
        extract(path)
    except ExtractError:
        pass  # a refusal is an answer too: what counts is what it cost


def _seconds(path: Path) -> float:
    """The time of one extraction, the cyclic garbage collector held off (its passes over a growing heap are noise)."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        _extract(path)
        return time.perf_counter() - start
    finally:
        gc.enable()


def _write(path: Path, data) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _costs(tmp_path: Path, suffix: str, build, n: int) -> dict[int, float]:
    """Seconds to extract `build(size)` (text or bytes) at 0, n, 4n and 16n: the agreement alone, then with n, 4n
    and 16n of what the axis adds. The smaller ones are the best of three (noise only ever adds)."""
    return {k: min(_seconds(_write(tmp_path / f"source-{k}{suffix}", build(k * n))) for _ in range(3 if k < 4 else 1))
            for k in SIZES}


def assert_linear(tmp_path: Path, suffix: str, build, n: int) -> None:
    """What 16n adds to the agreement's own cost is at most `RATIO` times what n adds (and `SLACK` for noise)."""
    costs = _costs(tmp_path, suffix, build, n)
    shown = ", ".join(f"{k}n: {s:.3f} s" for k, s in costs.items())
    added = {k: costs[k] - costs[0] for k in SIZES}
    assert added[16] <= RATIO * added[1] + SLACK, (
        f"16n adds {added[16] / max(added[1], 1e-3):.0f} times what n adds ({shown})")


def assert_memory_linear(tmp_path: Path, suffix: str, build, n: int) -> None:
    """Peak memory the extraction allocates at n and 16n (tracemalloc), within `RATIO` of each other."""
    peaks = {}
    for k in (1, 16):
        path = tmp_path / f"source-{k}{suffix}"
        data = build(k * n)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        gc.collect()
        tracemalloc.start()
        try:
            _extract(path)
            peaks[k] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peaks[16] <= RATIO * peaks[1], f"16n takes {peaks[16] / peaks[1]:.0f} times the memory of n ({peaks})"


def _long_paragraph(sentences: int):
    blocks = make._agreement()
    blocks[3] = ("para", " ".join([make.SENTENCE] * sentences))
    return blocks


def _pdf_runs_on_a_line(count: int) -> bytes:
    streams = make._page_streams(make._agreement()) + [make._runs_on_one_line(count)]
    return make._pdf(streams, list(range(len(streams))))


def _pdf_shared_page(pages: int) -> bytes:
    """An agreement on its first page, then pages that all show one page of prose."""
    prose = make._page_streams([("para", " ".join([make.SENTENCE] * 16))])[0]
    return make._pdf([make._page_streams(make._agreement(sections=2))[0], prose], [0] + [1] * (pages - 1))


def _signature_block(rows: int) -> str:
    block = "________________\t________________\nNavn Navnesen\tOla Nordmann\nStatsråd\tStyreleder\n\n" * rows
    return make._as_text(make._agreement()) + "Oslo, 7. november 2014\n\n" + block


def _page_numbers(count: int) -> str:
    numbers = "".join(f"{k % 90 + 1}\n\nTekst i avsnitt {k}.\n\n" for k in range(count))
    return make._as_text(make._agreement()).replace(".\n\n", ".\n\n" + numbers, 1)


def _numbered_paragraphs(count: int) -> str:
    items = "".join(f"{k % 50 + 2}. tekst i et punkt som ikke er en overskrift.\n\nEt avsnitt.\n\n" for k in range(count))
    return make._as_text(make._agreement()).replace(".\n\n", ".\n\n" + items, 1)


def _long_word(letters: int) -> str:
    return make._as_text(make._agreement()).replace(".\n\n", ".\n\n" + "a" * letters + "\n\n", 1)


def _html_list_item(paragraphs: int) -> str:
    item = "<ul><li>" + "<p>Avsnitt i punktet.</p>" * paragraphs + "</li></ul>"
    return make._as_html(make._agreement()).replace("</body>", item + "</body>")


def _html_wide_row(cells: int) -> str:
    row = "<table><tr>" + "<td>Navn</td>" * cells + "<td>" + "Linje<br>" * cells + "</td></tr></table>"
    return make._as_html(make._agreement()).replace("</body>", row + "</body>")


def _grid_table(columns: int) -> str:
    border = "+" + "-+" * columns
    return make._as_text(make._agreement()) + "\n" + border + "\n" + "|x|\n" * (columns // 20) + border + "\n"


CASES = {
    # source kind, axis: (suffix, build(size), n)
    "text, sections": (".txt", lambda k: make._as_text(make._agreement(sections=k)), 60),
    "text, paragraph length": (".txt", lambda k: make._as_text(_long_paragraph(k)), 600),
    "text, list items": (".txt", lambda k: make._as_text(make._agreement(sections=1, items=k)), 600),
    "text, one long word": (".txt", _long_word, 100_000),
    "text, signature block": (".txt", _signature_block, 250),
    "text, page numbers": (".txt", _page_numbers, 280),
    "text, numbered paragraphs": (".txt", _numbered_paragraphs, 280),
    "text, grid table border": (".txt", _grid_table, 20_000),
    "pandoc text, paragraph lines": (".txt", lambda k: make._as_wrapped_text(_long_paragraph(k)), 200),
    "pandoc text, list items": (".txt", lambda k: make._as_wrapped_text(make._agreement(sections=1, items=k)), 400),
    "markdown, paragraph lines": (".md", lambda k: make._as_markdown(_long_paragraph(k)), 250),
    "markdown, list items": (".md", lambda k: make._as_markdown(make._agreement(sections=1, items=k)), 400),
    "html, sections": (".html", lambda k: make._as_html(make._agreement(sections=k)), 60),
    "html, list item paragraphs": (".html", _html_list_item, 1_500),
    "html, table row cells": (".html", _html_wide_row, 400),
    "docx, paragraphs": (".docx", lambda k: make._as_docx(make._agreement(sections=k)), 60),
    "docx, table rows": (".docx", lambda k: make._as_docx(make._agreement(), table_rows=k), 400),
    "pdf, pages": (".pdf", lambda k: make._as_pdf(make._agreement(sections=k)), 10),
    "pdf, runs on one line": (".pdf", _pdf_runs_on_a_line, 300),
    "pdf, pages sharing one stream": (".pdf", _pdf_shared_page, 12),
}
SLOW = {"pdf, pages", "pdf, pages sharing one stream", "text, sections", "html, sections", "docx, paragraphs",
        "text, one long word"}


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.slow) if c in SLOW else c for c in CASES])
def test_extract_time_grows_linearly(case, tmp_path):
    suffix, build, n = CASES[case]
    assert_linear(tmp_path, suffix, build, n)


@pytest.mark.slow
@pytest.mark.parametrize("case", ["text, paragraph length", "html, table row cells", "pdf, pages sharing one stream"])
def test_extract_memory_grows_linearly(case, tmp_path):
    suffix, build, n = CASES[case]
    assert_memory_linear(tmp_path, suffix, build, n)


def test_the_scaling_inputs_are_agreements(tmp_path):
    """The inputs reach every stage: at size n each is read as an agreement with its end date."""
    for case, (suffix, build, n) in CASES.items():
        path = tmp_path / f"source{suffix}"
        data = build(n)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        assert extract(path).agreement.period.end.isoformat() == "2025-12-31", case
