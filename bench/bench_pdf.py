"""Benchmark: PDF (issues 4 and 19) and one agreement to all four formats (issues 8 and 19).

avtale's PDF (Typst, PDF/A-2a + UA-1, signature fields) in a fresh process against
- LibreOffice headless converting avtale's DOCX to PDF (the usual route today), with a
  profile of its own that a warm-up run creates first (a user's LibreOffice has one);
- WeasyPrint (bench/.peers venv) on avtale's HTML.
And a corpus (`batch`): N agreements to PDF in one `avtale build DIR` call against one soffice
call converting their N DOCX files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import AVTALE, ROOT, Row, Stat, compare, log, run_once  # noqa: E402
from peers import peer  # noqa: E402

SINGLE = ROOT / "agreements" / "2014-2017.yaml"


def _soffice(work: Path, *docx: Path, out: str = "pdf-lo") -> list[str]:
    profile = (work / "lo-profile").resolve().as_uri()
    return ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
            "--outdir", str(work / out), *map(str, docx)]


def rows(work: Path, reps: int, peer_reps: int) -> list[Row]:
    sources = work / "pdf-sources"
    subprocess.run([AVTALE, "build", str(SINGLE), "--format", "docx,html", "--out", str(sources)], check=True,
                   capture_output=True)
    docx, html = sources / f"{SINGLE.stem}.docx", sources / f"{SINGLE.stem}.html"
    run_once(_soffice(work, docx))  # warm-up: creates the LibreOffice profile
    ours = lambda: run_once([AVTALE, "build", str(SINGLE), "--format", "pdf", "--out", str(work / "pdf-1")])  # noqa: E731
    a, lo = compare(peer_reps, ours, lambda: run_once(_soffice(work, docx)))
    weasy_cmd = [peer("weasyprint"), str(html), str(work / "pdf-weasy.pdf")]
    note = "same avtale runs as the row above"
    try:
        run_once(weasy_cmd)  # warm-up (font cache)
    except RuntimeError as exc:  # the peer failing on our HTML is a finding, not the end of the benchmark
        wp = None
        reason = next((ln for ln in reversed(str(exc).splitlines()) if ln.strip()), "?")
        note = f"WeasyPrint failed on avtale's HTML: {reason.strip()[:100]}"
        log(f"WeasyPrint: {note}")
    else:
        a2, wp = compare(peer_reps, ours, lambda: run_once(weasy_cmd))
        a.runs += a2.runs
    for _ in range(max(0, reps - len(a.runs))):
        a.runs.append(ours())
    lo_row = Row("PDF", f"1 agreement ({SINGLE.name}) → PDF, fresh process", a, "LibreOffice headless docx→pdf", lo,
                 "≥ 8× faster than LibreOffice (issue 19)")
    lo_row.met = lo_row.ratio >= 8
    wp_row = Row("PDF", f"1 agreement ({SINGLE.name}) → PDF, fresh process", a, "WeasyPrint html→pdf", wp,
                 "(none)", None, note)

    all4 = Stat()
    for _ in range(reps):
        shutil.rmtree(work / "all4", ignore_errors=True)
        all4.runs.append(run_once([AVTALE, "build", str(SINGLE), "--out", str(work / "all4")]))
    built = sorted(p.suffix for p in (work / "all4").iterdir())
    all_row = Row("Build", f"1 agreement → DOCX+PDF+HTML+MD ({', '.join(built)}), fresh process", all4, "", None,
                  "< 0.15 s on an idle machine (issue 19)", all4.median < 0.15)
    return [lo_row, wp_row, all_row]


def batch(work: Path, corpus_dir: Path, reps: int) -> Row:
    """N agreements to PDF in one `avtale build DIR --format pdf` call (one worker per core, each keeping one
    Typst compiler) against LibreOffice converting avtale's DOCX of the same N agreements in one soffice call
    (LibreOffice's own batch: one process, the files one after the other). Interleaved; tree memory sampled."""
    n = len(list(corpus_dir.glob("*.yaml")))
    sources = work / f"pdf-batch-{n}-docx"
    subprocess.run([AVTALE, "build", str(corpus_dir), "--format", "docx", "--out", str(sources)], check=True,
                   capture_output=True)
    docx = sorted(sources.glob("*.docx"))
    run_once(_soffice(work, docx[0]))  # warm-up: creates the LibreOffice profile (if `rows` has not)
    out, lo_out = work / f"pdf-batch-{n}", work / f"pdf-batch-{n}-lo"

    def ours():
        shutil.rmtree(out, ignore_errors=True)
        return run_once([AVTALE, "build", str(corpus_dir), "--format", "pdf", "--out", str(out)], sample_memory=True)

    def lo():
        shutil.rmtree(lo_out, ignore_errors=True)
        return run_once(_soffice(work, *docx, out=lo_out.name))

    a, b = compare(reps, ours, lo)
    made = (len(list(out.glob("*.pdf"))), len(list(lo_out.glob("*.pdf"))))
    if made != (n, n):
        raise RuntimeError(f"PDF batch: {made[0]} PDFs from avtale, {made[1]} from LibreOffice, of {n}")
    row = Row("PDF", f"{n} generated agreements → PDF, one `avtale build` call", a,
              f"LibreOffice headless docx→pdf, the {n} DOCX in one soffice call", b,
              "≥ 5× faster than LibreOffice's batch (issue 19)")
    row.met = row.ratio >= 5
    return row
