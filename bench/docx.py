"""Benchmark: DOCX builds (issue 3). Not a timed test; prints what it measures.

1. one agreement to DOCX in a fresh process (`avtale build FILE --format docx`),
   best of five, against the 0.4 s target;
2. 100 generated agreements in one `avtale build` call, against pandoc run once
   per agreement on the equivalent Markdown (avtale's own Markdown rendering);
   both measured in the same run, the ratio printed.

Usage: python bench/docx.py [COUNT]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from generate import write_corpus  # noqa: E402

AVTALE = [sys.executable, "-m", "avtale"]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main(count: int) -> None:
    from avtale import agreements, render

    work = Path(tempfile.mkdtemp(prefix="avtale-bench-docx-"))
    try:
        corpus = write_corpus(work / "corpus", count)
        single = min(timed([*AVTALE, "build", str(ROOT / "agreements" / "2014-2017.yaml"), "--format", "docx",
                            "--out", str(work / "one")]) for _ in range(5))
        print(f"one agreement, fresh process: {single:.3f} s (target < 0.4 s)")

        ours = timed([*AVTALE, "build", str(work / "corpus"), "--format", "docx", "--out", str(work / "ours")])
        built = len(list((work / "ours").glob("*.docx")))
        print(f"{built} agreements, one avtale call: {ours:.2f} s")

        pandoc = shutil.which("pandoc")
        if not pandoc:
            print("pandoc not installed: no comparison")
            return
        markdown = []
        for path in corpus:
            target = work / "md" / f"{path.stem}.md"
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(render.render(agreements.read(path), "md"))
            markdown.append(target)
        start = time.perf_counter()
        for source in markdown:
            subprocess.run([pandoc, str(source), "-o", str(source.with_suffix(".docx"))], check=True)
        theirs = time.perf_counter() - start
        print(f"{len(markdown)} agreements, pandoc once each: {theirs:.2f} s")
        print(f"ratio pandoc / avtale: {theirs / ours:.2f} (above 1: avtale is faster)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
