"""What a fresh avtale process imports, and what each import costs (`python -X importtime`).

The interpreter reports, for every module it imports, its own time (self) and its time with everything it
imported in turn (cumulative). Each command runs REPS times; a module's figures are the medians over the
runs. Two views: the modules with the highest cumulative time (nested: a package's figure includes its
children, so the rows overlap), and the self time summed by top-level package (these add up to the whole
import time).

Usage: python bench/import_profile.py [REPS]   (prints the section for `build ONE --format docx` and
`validate ONE`; `make bench` puts it in results.md)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT  # noqa: E402

SINGLE = ROOT / "agreements" / "2014-2017.yaml"
TOP = 20


def measure(args: list[str], reps: int, cwd: Path) -> dict[str, tuple[float, float]]:
    """module -> (self µs, cumulative µs), medians over `reps` fresh processes of `python -X importtime ARGS`."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for _ in range(reps):
        r = subprocess.run([sys.executable, "-X", "importtime", *args], capture_output=True, text=True, cwd=cwd)
        if r.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(args)}: exit {r.returncode}\n{r.stderr[-2000:]}")
        for line in r.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            own, cumulative, name = line[len("import time:"):].split("|", 2)
            seen.setdefault(name.strip(), []).append((int(own), int(cumulative)))
    return {name: (statistics.median(v[0] for v in runs), statistics.median(v[1] for v in runs))
            for name, runs in seen.items() if len(runs) * 2 > reps}  # imported in most runs


def section(label: str, args: list[str], reps: int, cwd: Path) -> list[str]:
    modules = measure(args, reps, cwd)
    total = sum(own for own, _ in modules.values())
    by_package: dict[str, float] = {}
    for name, (own, _) in modules.items():
        by_package[name.split(".")[0]] = by_package.get(name.split(".")[0], 0) + own
    lines = [f"#### {label}", "",
             f"{len(modules)} modules, {total / 1000:.0f} ms of import time in all (sum of self times; medians of "
             f"{reps} runs).", "",
             "| module (top by cumulative) | cumulative ms | self ms |", "|---|---:|---:|"]
    for name, (own, cumulative) in sorted(modules.items(), key=lambda kv: -kv[1][1])[:TOP]:
        lines.append(f"| `{name}` | {cumulative / 1000:.1f} | {own / 1000:.1f} |")
    lines += ["", "| top-level package | self ms, summed | share |", "|---|---:|---:|"]
    for name, own in sorted(by_package.items(), key=lambda kv: -kv[1])[:TOP]:
        lines.append(f"| `{name}` | {own / 1000:.1f} | {100 * own / total:.0f} % |")
    ours = sorted(((name, own) for name, (own, _) in modules.items() if name.split(".")[0] == "avtale"),
                  key=lambda kv: -kv[1])[:10]
    lines += ["", "| avtale's own modules (top by self) | self ms |", "|---|---:|"]
    lines += [f"| `{name}` | {own / 1000:.1f} |" for name, own in ours]
    return lines + [""]


def sections(work: Path, reps: int) -> list[str]:
    """The issue-19 hot paths: one agreement to DOCX, and `validate` of one agreement."""
    return [
        *section(f"`avtale build {SINGLE.name} --format docx`",
                 ["-m", "avtale", "build", str(SINGLE), "--format", "docx", "--out", str(work / "imports-docx")],
                 reps, work),
        *section(f"`avtale validate {SINGLE.name}`", ["-m", "avtale", "validate", str(SINGLE)], reps, work),
    ]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="avtale-bench-imports-") as tmp:
        print("\n".join(sections(Path(tmp), int(sys.argv[1]) if len(sys.argv) > 1 else 5)))
