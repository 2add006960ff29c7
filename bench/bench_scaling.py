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
    big = max(stats)
    lines += ["", f"Fit over the medians: time ≈ {fixed:.2f} s + {1000 * per_file:.1f} ms × N "
              f"(on {cores} cores, so ≈ {1000 * per_file * cores:.0f} ms of CPU per agreement). "
              f"Cost grows linearly in N once the pool is busy: from 100 to {big} agreements the time grows "
              f"{stats[big].median / stats[100].median:.1f}× for {big // 100}× the files. Memory does not grow "
              f"with N: each worker holds one agreement at a time, so the tree peak is about "
              f"(1 + workers) × one process."]
    return lines
