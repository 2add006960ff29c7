"""Benchmark: `avtale extract` (issues 5 and 8).

- each seed text (tests/data/seeds/*.txt);
- a 10-page generated agreement (bench/generate.py `generate_long(4, 12, 2)`), built by
  avtale, read back through text (pdftotext of the PDF, as an export), DOCX and PDF;
- one scanned page: page 1 of that PDF rendered with `pdftoppm -r 200 -gray`.

Peers do less than avtale (they give text, not a validated agreement): pandoc
docx→markdown for DOCX, pdftotext for PDF, Tesseract (Norwegian, one OpenMP thread,
as avtale runs it) for the scan. A text export has no peer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import AVTALE, ROOT, Row, compare, run_once  # noqa: E402

SEEDS = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
LONG = (4, 12, 2)  # seed, sections, rounds: 10 pages


def _extract(source: Path, out: Path, *extra: str) -> list[str]:
    return [AVTALE, "extract", str(source), "--out", str(out), "--force", *extra]


def long_sources(work: Path) -> dict[str, Path]:
    from generate import generate_long

    from avtale.agreements import canonical_yaml

    agreement = generate_long(*LONG)
    src = work / "extract-src"
    src.mkdir(parents=True, exist_ok=True)
    yaml = src / f"{agreement.id}.yaml"
    yaml.write_text(canonical_yaml(agreement), encoding="utf-8")
    subprocess.run([AVTALE, "build", str(yaml), "--format", "docx,pdf", "--out", str(src)], check=True,
                   capture_output=True)
    pdf = src / f"{agreement.id}.pdf"
    text = src / f"{agreement.id}.txt"
    subprocess.run(["pdftotext", str(pdf), str(text)], check=True)
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-f", "1", "-l", "1", "-png", str(pdf), str(src / "scan")],
                   check=True)
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    n_pages = next((ln.split()[-1] for ln in pages.splitlines() if ln.startswith("Pages:")), "?")
    return {"txt": text, "docx": src / f"{agreement.id}.docx", "pdf": pdf, "scan": next(src.glob("scan*.png")),
            "pages": n_pages, "end": agreement.period.end.isoformat()}


def rows(work: Path, reps: int, scan_reps: int) -> list[Row]:
    out = work / "extracted.yaml"
    result = []
    for seed in SEEDS:
        a, _ = compare(reps, lambda s=seed: run_once(_extract(s, out)))
        result.append(Row("Extract", f"seed text {seed.name} ({seed.stat().st_size // 1024} KB)", a, "", None,
                          "< 0.5 s (issue 5)", a.median < 0.5))
    src = long_sources(work)
    pages = src["pages"]
    a, b = compare(reps, lambda: run_once(_extract(src["txt"], out)), None)
    result.append(Row("Extract", f"{pages}-page generated agreement, text (pdftotext export)", a, "", None,
                      "< 0.5 s (issue 5)", a.median < 0.5))
    a, b = compare(reps, lambda: run_once(_extract(src["docx"], out)),
                   lambda: run_once(["pandoc", "-f", "docx", "-t", "markdown", "-o", str(work / "peer.md"),
                                     str(src["docx"])]))
    result.append(Row("Extract", f"{pages}-page generated agreement, DOCX", a, "pandoc docx→markdown (text only)",
                      b, "< 0.5 s (issue 5)", a.median < 0.5))
    a, b = compare(reps, lambda: run_once(_extract(src["pdf"], out)),
                   lambda: run_once(["pdftotext", str(src["pdf"]), str(work / "peer.txt")]))
    result.append(Row("Extract", f"{pages}-page generated agreement, PDF", a, "pdftotext (text only)", b))
    env = {"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}
    a, b = compare(scan_reps, lambda: run_once(_extract(src["scan"], out, "--end", src["end"]), ok=(0, 1)),
                   lambda: run_once(["tesseract", str(src["scan"]), str(work / "peer-ocr"), "-l", "nor"], env=env))
    rcs = sorted({r.returncode for r in a.runs})
    result.append(Row("Extract", "1 scanned page (pdftoppm -r 200 -gray, page 1)", a,
                      "tesseract -l nor (text only)", b,
                      note="exit 1: one page alone is not a valid agreement (no signatories)" if 1 in rcs else ""))
    return result
