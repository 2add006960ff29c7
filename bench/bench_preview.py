"""Benchmark: `avtale preview` (issue 18), from saving the file to the page showing it.

The real `avtale preview FILE --no-open` (tests/preview/preview_process.py) on a copy of each committed
agreement, the page open in headless Chromium (Debian's, through Playwright: tests/preview/preview_browser.py).
EDITS times a paragraph's text is changed and saved as an editor saves (a new file renamed over the old one);
each figure is from just before the write (this process's wall clock, ms) to the moment the page showed the
new version (`window.avtaleUpdates[version]`, the page's wall clock: the same machine's). The page counts as
updated when its pages, its HTML and its findings are all in place. Where the time goes is read from the
page's own resource timing (when it asked for /state, when the changed page image and the HTML arrived).

The peer is what a drafter does without the preview: `avtale build FILE --format pdf,html` after each save,
a fresh process (of the committed file; opening the two files it writes is not counted).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import AVTALE, ROOT, Row, Run, Stat, compare, run_once  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "preview"))

from preview_browser import chromium, shown_version  # noqa: E402
from preview_process import started  # noqa: E402

FILES = [ROOT / "agreements" / name for name in ("2014-2017.yaml", "2022-2025.yaml", "eksempel-2026-2029.yaml")]
EDITS = 20
TARGET_MS = 300
PARAGRAPH = "Formålet med avtalen er"  # the first paragraph of each agreement starts so
WAIT_S = 10


def _save(path: Path, text: str) -> None:
    """Save as vim or VS Code do: write a new file beside it, then rename it over the old one."""
    spare = path.with_name(f".{path.name}.swp")
    spare.write_text(text, encoding="utf-8")
    os.replace(spare, path)


def _edited(lines: list[str], at: int, n: int) -> tuple[str, str]:
    """The file with the paragraph at line `at` changed for edit `n`, and the words that are new."""
    words = f"Endring nummer {n} i avsnittet."
    changed = list(lines)
    changed[at] = lines[at].rstrip() + " " + words
    return "\n".join(changed), words


def _updates(page) -> dict[int, float]:
    return {int(k): float(v) for k, v in page.evaluate("() => window.avtaleUpdates").items()}


RESOURCES = "() => performance.getEntriesByType('resource').map(e => [e.name, e.startTime, e.responseEnd])"
STAGES = ("write → the page asks for /state (file watching, validating and setting the pages, the event)",
          "→ the changed page image(s) received", "→ the HTML received",
          "→ the page shows it all (SVG decoded, HTML frame loaded)")
SPLITS: dict[str, list[list[float]]] = {}  # agreement -> per edit, ms from the write to the end of each stage
REFRESH: dict[str, float] = {}  # agreement -> `Preview.refresh` after a save, in one process (ms)
ALONE: dict[str, tuple[float, int, float]] = {}  # agreement -> Chromium loading page 1's SVG alone (ms, its KB),
# and the HTML alone (ms): from the request to the load event, read from the navigation timing
NAVIGATION = ("() => { const n = performance.getEntriesByType('navigation')[0]; "
              "return n.loadEventEnd - n.startTime; }")


def measure(browser, source: Path, work: Path, edits: int) -> tuple[Stat, list[str]]:
    """`edits` saves of a copy of `source`; the latency of each (seconds) and what the last finding list said.
    Per edit, when each stage ended (ms after the write) goes to SPLITS."""
    folder = work / "preview" / source.stem
    (folder / "agreements").mkdir(parents=True)
    shutil.copytree(ROOT / "schema", folder / "schema")  # the file's first line points at ../schema/
    path = folder / "agreements" / source.name
    shutil.copyfile(source, path)
    lines = source.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if PARAGRAPH in line)
    stat = Stat()
    with started(path) as running:
        page = browser.new_page()
        try:
            page.goto(running.url)
            page.wait_for_selector('body[data-version="1"]', state="attached", timeout=WAIT_S * 1000)
            for n in range(1, edits + 1):
                text, words = _edited(lines, at, n)
                before = shown_version(page)
                page.evaluate("() => performance.clearResourceTimings()")
                t0 = time.time() * 1000
                _save(path, text)
                page.wait_for_selector(f'body:not([data-version="{before}"])', state="attached", timeout=WAIT_S * 1000)
                shown = shown_version(page)
                if shown != before + 1:
                    raise AssertionError(f"{source.name}: edit {n} made {shown - before} versions, not one")
                shown_at = _updates(page)[shown]
                origin = page.evaluate("() => performance.timeOrigin")
                got = page.evaluate(RESOURCES)
                at_ms = lambda part, i, pick=max: pick((e[i] + origin - t0 for e in got if part in e[0]),  # noqa: E731
                                                       default=float("nan"))
                SPLITS.setdefault(source.name, []).append(
                    [at_ms("/state", 1, min), at_ms(".svg", 2), at_ms("/view.html", 2), shown_at - t0])
                status, _h, html = running.get("/view.html")
                if status != 200 or words.encode() not in html:
                    raise AssertionError(f"{source.name}: edit {n} is not in the preview's HTML")
                stat.runs.append(Run((shown_at - t0) / 1000, 0))
            findings = [f.inner_text() for f in page.query_selector_all("#finding-list .finding .code")]
            loads = {}
            for part in ("page/1.svg", "view.html"):
                times = []
                for _ in range(5):
                    page.goto(running.url + part)
                    times.append(page.evaluate(NAVIGATION))
                loads[part] = statistics.median(times)
            ALONE[source.name] = (loads["page/1.svg"], len(running.get("/page/1.svg")[2]) // 1000, loads["view.html"])
        finally:
            page.close()
    REFRESH[source.name] = _refresh_ms(path, lines, at)
    return stat, findings


def _refresh_ms(path: Path, lines: list[str], at: int, reps: int = 5) -> float:
    """What the server does on a save, in this process: read, validate, set the pages, make the HTML (ms)."""
    from avtale.preview.snapshot import Preview

    preview = Preview(path)
    preview.refresh()
    times = []
    for n in range(reps):
        path.write_text(_edited(lines, at, 100 + n)[0], encoding="utf-8")
        start = time.perf_counter()
        preview.refresh()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def detail() -> list[str]:
    """The stages of the last run's saves as a Markdown table: the median time after the write at which each ended."""
    if not SPLITS:
        return []
    lines = ["| stage (ms after the write, median) | " + " | ".join(SPLITS) + " |",
             "|---|" + "---:|" * len(SPLITS)]
    for i, stage in enumerate(STAGES):
        cells = []
        for edits in SPLITS.values():
            values = [e[i] for e in edits if e[i] == e[i]]  # (nan: nothing of that kind was fetched)
            cells.append(f"{statistics.median(values):.0f}" if values else "—")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    if REFRESH:
        lines.append("| (alone, for comparison) of the first stage, the server's work: validate, set the pages, "
                     "make the HTML (`Preview.refresh` in one process), ms | "
                     + " | ".join(f"{REFRESH[k]:.0f}" if k in REFRESH else "—" for k in SPLITS) + " |")
    if ALONE:
        lines.append("| (alone, for comparison) Chromium loads page 1's SVG by itself, ms (its size) | "
                     + " | ".join(f"{ALONE[k][0]:.0f} ({ALONE[k][1]} KB)" if k in ALONE else "—" for k in SPLITS)
                     + " |")
        lines.append("| (alone, for comparison) Chromium loads the HTML view by itself, ms | "
                     + " | ".join(f"{ALONE[k][2]:.0f}" if k in ALONE else "—" for k in SPLITS) + " |")
    return lines


def rows(work: Path, peer_reps: int, edits: int | None = None) -> list[Row]:
    edits = edits or EDITS
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    out = []
    with chromium(executable) as browser:
        for source in FILES:
            ours, findings = measure(browser, source, work, edits)
            build = lambda: run_once([AVTALE, "build", str(source), "--format", "pdf,html",  # noqa: E731
                                      "--out", str(work / "preview-build")])
            build()  # warm-up (the OS file cache), as for the other rows
            peer, _none = compare(peer_reps, build)
            codes = sorted(set(c.strip() for c in findings))
            note = f"{edits} saves, median of their latencies"
            if codes:  # a signed agreement's text is frozen: the preview says so, and still sets each version
                note += f"; each saved version shows {', '.join(codes)}"
            row = Row("Preview", f"save of {source.name} → page updated in Chromium (`avtale preview`)", ours,
                      "`avtale build --format pdf,html`, fresh process", peer, f"< {TARGET_MS} ms (issue 18)",
                      note=note)
            row.met = ours.median * 1000 < TARGET_MS
            out.append(row)
    return out


if __name__ == "__main__":
    import tempfile

    from run import table

    work = Path(tempfile.mkdtemp(prefix="avtale-bench-preview-"))
    try:
        print("\n".join(table(rows(work, 7)) + [""] + detail()))
    finally:
        shutil.rmtree(work, ignore_errors=True)
