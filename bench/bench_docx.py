"""Benchmark: DOCX builds (issues 3 and 8), against pandoc. (Not `docx.py`: that name would shadow python-docx.)

1. one agreement to DOCX in a fresh process (`avtale build FILE --format docx`)
   against pandoc on the same agreement's Markdown;
2. corpora of generated agreements (100, 1,000) in one `avtale build DIR` call,
   which builds in parallel across the cores, against pandoc run once per
   agreement on the equivalent Markdown (`avtale build --format md`), one
   process after the other, as a user's shell loop runs it.

The corpus builds sample the memory of the whole process tree too; the scaling
benchmark reuses them.

Usage: python bench/bench_docx.py [COUNT]   (prints the rows; `make bench` runs all)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import AVTALE, ROOT, Row, compare, log, run_many, run_once  # noqa: E402

SINGLE = ROOT / "agreements" / "2014-2017.yaml"


def markdown(sources: Path, out: Path) -> list[Path]:
    """The equivalent Markdown, as avtale renders it."""
    subprocess.run([AVTALE, "build", str(sources), "--format", "md", "--out", str(out)], check=True,
                   capture_output=True)
    return sorted(out.glob("*.md"))


def pandoc_each(md_files: list[Path], out: Path) -> list[list[str]]:
    out.mkdir(parents=True, exist_ok=True)
    return [["pandoc", str(m), "-o", str(out / f"{m.stem}.docx")] for m in md_files]


def single(work: Path, reps: int) -> Row:
    md = markdown(SINGLE, work / "docx-1-md")
    ours, peer = compare(
        reps,
        lambda: run_once([AVTALE, "build", str(SINGLE), "--format", "docx", "--out", str(work / "docx-1")]),
        lambda: run_many(pandoc_each(md, work / "docx-1-pandoc")),
    )
    row = Row("DOCX", f"1 agreement ({SINGLE.name}) → DOCX, fresh process", ours, "pandoc md→docx", peer,
              "at least as fast as pandoc, ratio ≥ 1.0 (issue 19)")
    row.met = row.ratio >= 1.0
    return row


def corpus(work: Path, corpus_dir: Path, reps: int, peer_reps: int | None = None) -> Row:
    """One `avtale build` call over the directory against pandoc once per file; tree memory sampled.

    The peer may run fewer times than avtale (the 1,000-file pandoc loop takes minutes);
    the first `peer_reps` runs are interleaved.
    """
    peer_reps = reps if peer_reps is None else peer_reps
    n = len(list(corpus_dir.glob("*.yaml")))
    md = markdown(corpus_dir, work / f"docx-{n}-md")
    cmds = pandoc_each(md, work / f"docx-{n}-pandoc")
    out = work / f"docx-{n}"
    a, b = compare(peer_reps, lambda: _build(corpus_dir, out), lambda: run_many(cmds))
    for _ in range(reps - peer_reps):
        a.runs.append(_build(corpus_dir, out))
    row = Row("DOCX", f"{n} generated agreements → DOCX, one `avtale build` call", a,
              "pandoc md→docx, one process per file", b)
    if peer_reps < reps:
        row.note = f"pandoc loop run {peer_reps}×"
    if n == 100:
        row.target, row.met = "≥ 10× faster than pandoc one file at a time (issue 19)", row.ratio >= 10
    return row


def _build(corpus_dir: Path, out: Path):
    shutil.rmtree(out, ignore_errors=True)
    return run_once([AVTALE, "build", str(corpus_dir), "--format", "docx", "--out", str(out)], sample_memory=True)


def main(count: int) -> None:
    from generate import write_corpus

    work = Path(tempfile.mkdtemp(prefix="avtale-bench-docx-"))
    try:
        write_corpus(work / "corpus", count)
        log("DOCX benchmark")
        for row in (single(work, 5), corpus(work, work / "corpus", 3)):
            print(f"{row.what}: avtale {row.ours.median:.3f} s, {row.peer_name} {row.peer.median:.3f} s, "
                  f"ratio {row.ratio:.2f} (above 1: avtale is faster)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
