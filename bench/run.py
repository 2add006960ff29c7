"""`make bench`: avtale measured against the tools a user would otherwise pick (issue 8).

Runs every benchmark under bench/ and writes bench/results.md: machine, versions,
date, load, one table (what, avtale median, peer median, ratio, target, met?),
the scaling detail, what the peer checks really do, and a profile of every
missed target. Each figure is the median of repeated runs of a whole process.

Usage: python bench/run.py [--quick] [--only PART,PART...]
  --quick: fewer repetitions, smaller corpora; for trying it out (writes results-quick.md).
  --only: run only these parts (of: PARTS below), print their rows and write bench/out/results-only.md;
          results.md is written only by a whole run.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers  # noqa: E402
from common import BENCH, PEERS_BIN, ROOT, Row, loadavg, log  # noqa: E402

QUICK = "--quick" in sys.argv
# the parts of a run, in the order they run; `--only startup,batch-pdf` runs a subset
PARTS = ("startup", "validate", "pdf", "batch-pdf", "docx", "scaling", "extract", "ocr", "preview", "imports")


def _only() -> tuple[str, ...]:
    if "--only" not in sys.argv:
        return PARTS
    i = sys.argv.index("--only")
    chosen = tuple(p for p in (sys.argv[i + 1] if i + 1 < len(sys.argv) else "").split(",") if p)
    unknown = [p for p in chosen if p not in PARTS]
    if not chosen or unknown:
        sys.exit(f"bench: --only takes a comma-separated list of: {', '.join(PARTS)}"
                 + (f" (not: {', '.join(unknown)})" if unknown else ""))
    return chosen


ONLY = _only()
# repetitions: a whole `make bench` stays under 10 minutes on 2 cores
REPS = dict(startup=11, small=7, corpus100=3, corpus1000=1, peer1000=1, validate1000=3, cj1000=1, scan=3)
if QUICK:
    REPS = dict(startup=3, small=3, corpus100=1, corpus1000=1, peer1000=1, validate1000=1, cj1000=1, scan=1)
SIZES = (1, 10, 100, 1000) if not QUICK else (1, 10, 100)


def machine() -> list[str]:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor() or "?")
    mem = next((int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), 0)
    return [f"- CPU: {cpu}, {os.cpu_count()} cores (logical)",
            f"- Memory: {mem / 1024 / 1024:.1f} GiB",
            f"- OS: {platform.platform()}"]


def _first_line(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


def versions() -> list[str]:
    from importlib.metadata import version

    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    py = lambda name: version(name)  # noqa: E731
    peer_py = lambda name: _first_line([str(PEERS_BIN / "python"), "-c",  # noqa: E731
                                        f"from importlib.metadata import version; print(version('{name}'))"])
    return [
        f"- Python {platform.python_version()}",
        f"- avtale {py('avtale')} (git {rev}{', src/ has uncommitted changes by others' if dirty else ''})",
        f"- typst {py('typst')} (PyPI), python-docx {py('python-docx')}, pydantic {py('pydantic')}, "
        f"pypdf {py('pypdf')}",
        f"- pandoc: {_first_line(['pandoc', '--version'])}",
        f"- LibreOffice: {_first_line(['soffice', '--version'])}",
        f"- WeasyPrint {peer_py('weasyprint')}, check-jsonschema {peer_py('check-jsonschema')} (PyPI, bench/.peers)",
        f"- Tesseract: {_first_line(['tesseract', '--version'])}; poppler: {_first_line(['pdftotext', '-v'])}",
        f"- {_first_line(['chromium', '--version'])}; Playwright {py('playwright')}; Starlette {py('starlette')}, "
        f"uvicorn {py('uvicorn')}, watchfiles {py('watchfiles')}",
    ]


def corpora(work: Path, sizes) -> dict[int, Path]:
    from generate import write_corpus

    if not sizes:
        return {}
    big = max(sizes)
    log(f"generating {big} agreements")
    files = write_corpus(work / f"corpus-{big}", big)
    out = {big: work / f"corpus-{big}"}
    for n in sizes:
        if n != big:
            d = work / f"corpus-{n}"
            d.mkdir()
            for f in files[:n]:
                (d / f.name).symlink_to(f)
            out[n] = d
    return out


def fmt_s(x: float) -> str:
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def table(rows: list[Row]) -> list[str]:
    lines = ["| | what | avtale median (s) | peer | peer median (s) | ratio peer/avtale | target | met? |",
             "|---|---|---:|---|---:|---:|---|---|"]
    for r in rows:
        peer = f"{fmt_s(r.peer.median)} (n={r.peer.n})" if r.peer and r.peer.runs else "—"
        ratio = f"{r.ratio:.1f}×" if r.ratio is not None else "—"
        met = {True: "yes", False: "**no**", None: "—"}[r.met]
        note = f" ({r.note})" if r.note else ""
        lines.append(f"| {r.group} | {r.what}{note} | {fmt_s(r.ours.median)} (n={r.ours.n}, {r.ours.spread}) | "
                     f"{r.peer_name or '—'} | {peer} | {ratio} | {r.target or '—'} | {met} |")
    return lines


PROFILE_VALIDATE = """
import sys
from pathlib import Path
from avtale import agreements
files = sorted(Path(sys.argv[1]).glob('*.yaml'))[:200]
for f in files:
    agreements.validate_file(f)
"""

PROFILE_BUILD_PDF = """
import sys
from pathlib import Path
from avtale import build
files = sorted(Path(sys.argv[1]).glob('*.yaml'))[:20]
for f in files:
    build.build_one(f, ['pdf'], Path(sys.argv[2]))
"""


def profile(label: str, args: list[str], work: Path) -> list[str]:
    """pyinstrument (bench/.peers) over avtale's interpreter; a flat list of the top self-times, then the tree."""
    site = next((PEERS_BIN.parent / "lib").glob("python*/site-packages"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), str(site)]))}
    out = []
    for render in (["-p", "flat=true"], []):
        report = work / "profile.txt"
        subprocess.run([sys.executable, "-m", "pyinstrument", "--no-color", "--no-unicode", "-i", "0.0005",
                        "-r", "text", *render, "-o", str(report), *args], capture_output=True, text=True, env=env,
                       cwd=work)
        text = [ln for ln in report.read_text(encoding="utf-8").splitlines()
                if ln.strip() and not ln.lstrip().startswith(("_", "/", "To view", "pyinstrument --load"))]
        out += text[:(24 if render else 50)] + [""]
    return [f"#### {label}", "", "```", *out, "```", ""]


def main() -> int:
    started = time.monotonic()
    load_before = loadavg()
    peers.ensure()
    import bench_docx
    import bench_extract
    import bench_ocr
    import bench_pdf
    import bench_preview
    import bench_scaling
    import bench_validate
    import import_profile

    keep = os.environ.get("BENCH_KEEP")
    work = Path(tempfile.mkdtemp(prefix="avtale-bench-"))
    part = ONLY.__contains__
    try:
        needed = {100, 1000} if part("validate") or part("docx") else set()
        needed |= {1, 10} if part("scaling") else set()
        needed |= {100} if part("batch-pdf") else set()
        sets = corpora(work, sorted(n for n in needed if n in SIZES))
        rows: list[Row] = []
        honesty: list[str] = []
        scaling: dict = {}
        imports: list[str] = []
        if part("startup"):
            log("start-up")
            rows += bench_validate.startup(REPS["startup"])
        if part("validate"):
            log("validate")
            honesty = bench_validate.honesty(work)
            rows.append(bench_validate.corpus(sets[100], REPS["small"] // 2, REPS["small"] // 2))
            if 1000 in sets:
                rows.append(bench_validate.corpus(sets[1000], REPS["validate1000"], REPS["cj1000"]))
        if part("pdf"):
            log("build: one agreement, all formats; PDF against LibreOffice and WeasyPrint")
            rows += bench_pdf.rows(work, REPS["small"], max(3, REPS["small"] - 2))
        if part("batch-pdf"):
            log("PDF: 100 agreements in one call against LibreOffice's batch")
            rows.append(bench_pdf.batch(work, sets[100], REPS["corpus100"]))
        if part("docx"):
            log("DOCX")
            rows.append(bench_docx.single(work, REPS["small"]))
            rows.append(bench_docx.corpus(work, sets[100], REPS["corpus100"]))
            if 1000 in sets:
                log("DOCX 1000 (pandoc runs 1,000 processes)")
                rows.append(bench_docx.corpus(work, sets[1000], REPS["corpus1000"], REPS["peer1000"]))
        if part("scaling"):
            log("scaling")
            scaling = {n: bench_scaling.measure(sets[n], work / f"scale-{n}", REPS["small"] // 2 + 1)
                       for n in (1, 10)}
            for r in rows:
                m = re.match(r"(\d+) generated agreements → DOCX", r.what)
                if m:
                    scaling[int(m.group(1))] = r.ours
        if part("extract"):
            log("extract")
            rows += bench_extract.rows(work, max(3, REPS["small"] - 2), REPS["scan"])
        if part("ocr"):
            log("OCR: scanned pages, 1 and 2 jobs")
            rows += bench_ocr.rows(work, REPS["scan"])
        if part("preview"):
            log(f"preview: {bench_preview.EDITS} saves of each agreement, the page in headless Chromium")
            rows += bench_preview.rows(work, REPS["small"])
        if part("imports"):
            log("imports of a fresh process (python -X importtime)")
            imports = import_profile.sections(work, REPS["small"])

        missed = [r for r in rows if r.met is False]
        profiles: list[str] = []
        log(f"profiling {len(missed)} missed targets")
        seen = set()
        for r in missed:
            key = r.group if r.group == "Extract" else r.what.split(",")[0]  # one extract profile is enough
            if key in seen:
                continue
            seen.add(key)
            if r.group == "Start-up" and "--help" in r.what:
                profiles += profile("`avtale --help`", ["-m", "avtale", "--help"], work)
            elif r.group == "Start-up":
                profiles += profile("`avtale validate` one file", ["-m", "avtale", "validate",
                                                                    str(bench_validate.SINGLE)], work)
            elif r.group == "Validate":
                script = work / "profile_validate.py"
                script.write_text(PROFILE_VALIDATE, encoding="utf-8")
                profiles += profile("validation per file, in one process (200 generated files, serial: "
                                    "what each worker of `avtale validate DIR` does)", [str(script), str(sets[1000])],
                                    work)
            elif r.group == "Build":
                profiles += profile("`avtale build` one agreement, all four formats",
                                    ["-m", "avtale", "build", str(bench_pdf.SINGLE), "--out", str(work / "prof")], work)
            elif r.group == "PDF" and "generated agreements" in r.what:
                script = work / "profile_build_pdf.py"
                script.write_text(PROFILE_BUILD_PDF, encoding="utf-8")
                profiles += profile("PDF per agreement, in one process (20 generated files, serial: what each "
                                    "worker of `avtale build DIR --format pdf` does)",
                                    [str(script), str(sets[100]), str(work / "prof-pdf")], work)
            elif r.group == "PDF":
                profiles += profile("`avtale build --format pdf` one agreement",
                                    ["-m", "avtale", "build", str(bench_pdf.SINGLE), "--format", "pdf",
                                     "--out", str(work / "prof")], work)
            elif r.group == "DOCX" and "1 agreement" in r.what:
                profiles += profile("`avtale build --format docx` one agreement",
                                    ["-m", "avtale", "build", str(bench_docx.SINGLE), "--format", "docx",
                                     "--out", str(work / "prof")], work)
            elif r.group == "Extract":
                profiles += profile(f"`avtale extract` {r.what}", ["-m", "avtale", "extract",
                                                                   str(bench_extract.SEEDS[0]), "--out",
                                                                   str(work / "prof.yaml"), "--force"], work)

        elapsed = time.monotonic() - started
        lines = [
            "# avtale benchmark results",
            "",
            f"Written by `make bench` (bench/run.py{' --quick' if QUICK else ''}"
            f"{' --only ' + ','.join(ONLY) if ONLY != PARTS else ''}) on "
            f"{dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}; the whole run took "
            f"{elapsed / 60:.1f} min.",
            "",
            "## Machine",
            *machine(),
            f"- Load average (1, 5, 15 min) before: {load_before}; after: {loadavg()} — the machine is shared "
            "with other engineers running tests, so figures are medians and avtale and its peer run interleaved.",
            "",
            "## Versions",
            *versions(),
            "",
            "## Results",
            "",
            "Every time is the wall time of whole processes started fresh (a cold interpreter; the OS file cache is "
            "warm), the median of n runs (min–max after it). Ratio = peer median / avtale median: above 1, avtale "
            "is faster. Corpora are bench/generate.py's seeded agreements (seeds 0…N−1); a corpus build is one "
            "`avtale build DIR` call (one worker per core); pandoc runs once per file, one after the other.",
            "",
            *table(rows),
            "",
            f"Targets met: {sum(r.met is True for r in rows)} of {sum(r.met is not None for r in rows)}.",
            "",
        ]
        if imports:
            lines += [
                "## Imports of a fresh process (issue 19: `python -X importtime`)",
                "",
                "What `avtale build ONE --format docx` and `avtale validate ONE` import before any work, this run "
                "(bench/import_profile.py): the modules with the highest cumulative time (nested, so rows overlap), "
                "the self time summed by top-level package (adds up to the whole import time), and avtale's own "
                "modules by self time (`avtale.model` builds the pydantic classes there).",
                "",
                *imports,
            ]
        if scaling:
            lines += ["## Scaling: `avtale build --format docx DIR`", "",
                      *bench_scaling.table(scaling, os.cpu_count() or 1), ""]
        if part("preview"):
            lines += [
                "## `avtale preview`: where the time of a save goes",
                "",
                f"Each of {bench_preview.EDITS} saves per agreement (a copy, in a directory of its own), read from the "
                "page's resource timing; the last row is the figure in the table above. The page shows a version when "
                "its page images are decoded and its HTML frame has loaded (in the PDF view the HTML frame is updated "
                "too).",
                "",
                *bench_preview.detail(),
                "",
            ]
        if honesty:
            lines += ["## What check-jsonschema really checks", "", *honesty, ""]
        findings = BENCH / "findings.md"
        if findings.exists():
            lines += [findings.read_text(encoding="utf-8").strip(), ""]
        if profiles:
            lines += ["## Profiles of the missed targets (pyinstrument, this run)", "",
                      "Flat: self time per function, highest first; then the call tree.", "", *profiles]
        if ONLY != PARTS:  # a subset: results.md stays the whole run's
            target = BENCH / "out" / "results-only.md"
            target.parent.mkdir(exist_ok=True)
        else:
            target = BENCH / ("results-quick.md" if QUICK else "results.md")
        target.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
        log(f"wrote {target} in {elapsed:.0f} s")
        print("\n".join(table(rows) + [""] + imports))
    finally:
        if keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
