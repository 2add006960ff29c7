"""Benchmark: PDF (issue 4) and one agreement to all four formats (issue 8).

avtale's PDF (Typst, PDF/A-2a + UA-1, signature fields) in a fresh process against
- LibreOffice headless converting avtale's DOCX to PDF (the usual route today), with a
  profile of its own that a warm-up run creates first (a user's LibreOffice has one);
- WeasyPrint (bench/.peers venv) on avtale's HTML.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import AVTALE, ROOT, Row, Stat, compare, run_once  # noqa: E402
from peers import peer  # noqa: E402

SINGLE = ROOT / "agreements" / "2014-2017.yaml"


def _soffice(work: Path, docx: Path) -> list[str]:
    profile = (work / "lo-profile").resolve().as_uri()
    return ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
            "--outdir", str(work / "pdf-lo"), str(docx)]


def rows(work: Path, reps: int, peer_reps: int) -> list[Row]:
    sources = work / "pdf-sources"
    subprocess.run([AVTALE, "build", str(SINGLE), "--format", "docx,html", "--out", str(sources)], check=True,
                   capture_output=True)
    docx, html = sources / f"{SINGLE.stem}.docx", sources / f"{SINGLE.stem}.html"
    run_once(_soffice(work, docx))  # warm-up: creates the LibreOffice profile
    ours = lambda: run_once([AVTALE, "build", str(SINGLE), "--format", "pdf", "--out", str(work / "pdf-1")])  # noqa: E731
    a, lo = compare(peer_reps, ours, lambda: run_once(_soffice(work, docx)))
    weasy_cmd = [peer("weasyprint"), str(html), str(work / "pdf-weasy.pdf")]
    run_once(weasy_cmd)  # warm-up (font cache)
    a2, wp = compare(peer_reps, ours, lambda: run_once(weasy_cmd))
    a.runs += a2.runs
    for _ in range(max(0, reps - len(a.runs))):
        a.runs.append(ours())
    lo_row = Row("PDF", f"1 agreement ({SINGLE.name}) → PDF, fresh process", a, "LibreOffice headless docx→pdf", lo,
                 "≥ 20× faster than LibreOffice; < 0.3 s (issue 4)")
    lo_row.met = lo_row.ratio >= 20 and a.median < 0.3
    wp_row = Row("PDF", f"1 agreement ({SINGLE.name}) → PDF, fresh process", a, "WeasyPrint html→pdf", wp,
                 "(none)", None, "same avtale runs as the row above")

    all4 = Stat()
    for _ in range(reps):
        shutil.rmtree(work / "all4", ignore_errors=True)
        all4.runs.append(run_once([AVTALE, "build", str(SINGLE), "--out", str(work / "all4")]))
    built = sorted(p.suffix for p in (work / "all4").iterdir())
    all_row = Row("Build", f"1 agreement → DOCX+PDF+HTML+MD ({', '.join(built)}), fresh process", all4, "", None,
                  "< 0.5 s", all4.median < 0.5)
    return [lo_row, wp_row, all_row]
