"""Benchmark: how `avtale build --format docx DIR` grows with the number of agreements.

1, 10, 100 and 1,000 generated agreements, one call each, spread over all cores
(avtale's default: one worker per core). Wall time and peak memory: the largest
single process (ru_maxrss from wait4) and the peak of the summed RSS of the whole
process tree (sampled every 50 ms from /proc; RSS counts pages shared between the
forked workers once per worker, so it overstates a little). 100 and 1,000 are the
runs of the DOCX benchmark.

The fit is least squares of time = fixed + per_file × N over the medians.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import AVTALE, Stat, run_once  # noqa: E402


def measure(corpus_dir: Path, out: Path, reps: int) -> Stat:
    stat = Stat()
    for _ in range(reps):
        shutil.rmtree(out, ignore_errors=True)
        stat.runs.append(run_once([AVTALE, "build", str(corpus_dir), "--format", "docx", "--out", str(out)],
                                  sample_memory=True))
    return stat


def fit(points: dict[int, float]) -> tuple[float, float]:
    """Least squares a + b·n."""
    xs, ys = list(points), list(points.values())
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return my - b * mx, b


def table(stats: dict[int, Stat], cores: int) -> list[str]:
    lines = ["| agreements | wall median (s) | runs | per agreement (ms) | peak RSS, whole tree (MB) | "
             "largest process (MB) |", "|---:|---:|---:|---:|---:|---:|"]
    for n, s in sorted(stats.items()):
        lines.append(f"| {n} | {s.median:.3f} | {s.n} | {1000 * s.median / n:.1f} | {s.peak_kb() / 1024:.0f} | "
                     f"{max(r.max_rss_kb for r in s.runs) / 1024:.0f} |")
    fixed, per_file = fit({n: s.median for n, s in stats.items()})
    small, large = min(stats), max(stats)
    mid = sorted(stats)[-2]
    mem_growth = stats[large].peak_kb() / stats[small].peak_kb()
    lines += ["", f"Fit over the medians: time ≈ {fixed:.2f} s + {1000 * per_file:.1f} ms × N on {cores} cores "
              f"(≈ {1000 * per_file * cores:.0f} ms of CPU per agreement when every core is busy). Cost grows "
              f"linearly in N: from {mid} to {large} agreements the time grows "
              f"{stats[large].median / stats[mid].median:.1f}× for {large // mid}× the files; below ~10 files the "
              f"fixed cost (start-up, imports in each worker) dominates. Peak memory of the whole tree grows "
              f"{mem_growth:.1f}× from {small} to {large} agreements: it is set by the number of workers (one per "
              f"core, each holding one agreement at a time), not by N."]
    return lines
