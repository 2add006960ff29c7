"""Benchmark: reading scanned pages (the issue on OCR: «a scanned page < 3 s with pages read in parallel»).

The first PAGES pages of the 10-page generated agreement (bench_extract's), rendered
with `pdftoppm -gray` and stored as an image-only PDF the way a scanner does (JPEG,
quality 75), at 200 and at 300 dpi. Each figure is one whole process,
`python -c "extract(PDF, jobs=N)"`, divided by the number of pages: seconds per page,
with one job (pages one after another) and two (one Tesseract per core). The peer is
Tesseract itself (Norwegian, one thread, as avtale runs it) on the same page images one
after another, text only: avtale renders, prepares (grey, contrast, specks, skew) and
reads every page, then builds and validates the agreement.

Usage alone: python bench/bench_ocr.py [--quick]
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Row, Run, Stat, compare, log, run_many, run_once  # noqa: E402

PAGES = 4
TARGET = 3.0  # seconds per page, pages read in parallel


def scans(work: Path) -> dict[int, tuple[Path, list[Path], str]]:
    """dpi → (image-only PDF, its page images as PNG for the peer, the agreement's end date)."""
    from PIL import Image

    from bench_extract import long_sources

    src = long_sources(work)
    pdf = src["pdf"]
    out = {}
    for dpi in (200, 300):
        stem = work / f"scan-{dpi}"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", "1", "-l", str(PAGES), str(pdf), str(stem)],
                       check=True, timeout=300)
        images = sorted(work.glob(f"scan-{dpi}-*.png"))
        pages = [Image.open(p).convert("L") for p in images]
        scan = work / f"scan-{dpi}.pdf"
        pages[0].save(scan, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=75)
        out[dpi] = (scan, images, src["end"])
    return out


def _extract(pdf: Path, jobs: int, end: str) -> list[str]:
    code = (f"import datetime; from avtale.extract import extract; "
            f"extract({str(pdf)!r}, jobs={jobs}, end=datetime.date.fromisoformat({end!r}))")
    return [sys.executable, "-c", code]


def _per_page(stat: Stat | None, pages: int) -> Stat | None:
    if stat is None:
        return None
    return Stat([Run(r.seconds / pages, r.max_rss_kb, r.tree_peak_kb, r.returncode) for r in stat.runs])


def rows(work: Path, reps: int) -> list[Row]:
    sources = scans(work)
    env = {"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}
    out = []
    for dpi, (pdf, images, end) in sources.items():
        peer = lambda images=images: run_many(  # noqa: E731
            [["tesseract", str(p), str(work / "peer"), "-l", "nor"] for p in images], env=env)
        for jobs in (1, 2):
            log(f"OCR: {PAGES} pages at {dpi} dpi, {jobs} job(s)")
            a, b = compare(reps, lambda pdf=pdf, jobs=jobs: run_once(_extract(pdf, jobs, end)),
                           peer if jobs == 1 else None)
            parallel = jobs > 1
            out.append(Row("OCR", f"scanned page, {dpi} dpi JPEG image-only PDF, {PAGES} pages, {jobs} job(s), "
                                  "seconds per page", _per_page(a, PAGES),
                           "tesseract -l nor, one page after another (text only)" if b else "", _per_page(b, PAGES),
                           f"< {TARGET:g} s per page, in parallel" if parallel else "",
                           (a.median / PAGES < TARGET) if parallel else None))
    return out


def main() -> int:
    import shutil
    import tempfile

    from run import table  # the same table as bench/results.md

    work = Path(tempfile.mkdtemp(prefix="avtale-bench-ocr-"))
    try:
        result = rows(work, 1 if "--quick" in sys.argv else 3)
        print("\n".join(table(result)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
