"""Benchmark: start-up and validation (issues 2 and 8), against check-jsonschema.

check-jsonschema (bench/.peers venv) checks the same files against our exported
schema, schema/agreement.schema.json, in one process, as avtale validates a
directory in one call. It checks the schema only; avtale checks the schema and
every rule (dates in the text, debris, seals …), and gives positions.

Before timing, `honesty()` checks the peer really validates: that it accepts our
YAML dates (it reads them as dates and turns them back into strings), and that it
rejects an impossible date and an unknown key, as avtale does.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import AVTALE, ROOT, Row, compare, run_once  # noqa: E402
from peers import peer  # noqa: E402

SCHEMA = ROOT / "schema" / "agreement.schema.json"
SINGLE = ROOT / "agreements" / "2014-2017.yaml"


def _cj(files: list[Path]) -> list[str]:
    return [peer("check-jsonschema"), "--schemafile", str(SCHEMA), *map(str, files)]


def honesty(work: Path) -> list[str]:
    """What check-jsonschema does with our files: a line per case, its exit code and avtale's."""
    text = SINGLE.read_text(encoding="utf-8")
    cases = {
        "the curated agreement (dates as YAML dates)": text,
        "an impossible date (2014-13-45)": text.replace("date: 2014-11-07", "date: 2014-13-45"),
        "an unknown key (`titel:`)": text.replace("\ntitle:", "\ntitel: x\ntitle:", 1),
        "a date that is not a date (`7. nov`)": text.replace("date: 2014-11-07", "date: 7. nov"),
    }
    lines = []
    for what, body in cases.items():
        if body == text and what != "the curated agreement (dates as YAML dates)":
            lines.append(f"- {what}: could not construct the case (text not found)")
            continue
        folder = work / "honesty" / str(len(lines))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / SINGLE.name
        path.write_text(body, encoding="utf-8")
        theirs = subprocess.run(_cj([path]), capture_output=True, text=True)
        ours = subprocess.run([AVTALE, "validate", str(path)], capture_output=True, text=True)
        out = [ln.strip() for ln in theirs.stdout.splitlines() if ln.strip()]
        deep = [i for i, ln in enumerate(out) if ln.startswith("Best Deep Match")]
        said = out[deep[0] + 1] if deep and deep[0] + 1 < len(out) else (out[1] if theirs.returncode and len(out) > 1 else "")
        lines.append(f"- {what}: check-jsonschema exit {theirs.returncode}{f' ({said[:120]})' if said else ''}; "
                     f"avtale validate exit {ours.returncode}")
    return lines


def startup(reps: int) -> list[Row]:
    help_ours, floor = compare(reps, lambda: run_once([AVTALE, "--help"]),
                               lambda: run_once([sys.executable, "-c", "pass"]))
    help_row = Row("Start-up", "`avtale --help`, fresh process", help_ours, "`python -c pass` (interpreter floor)",
                   floor, "< 0.06 s (issue 19)", help_ours.median < 0.06)
    one, cj = compare(reps, lambda: run_once([AVTALE, "validate", str(SINGLE)]), lambda: run_once(_cj([SINGLE])))
    one_row = Row("Start-up", f"`avtale validate {SINGLE.name}` (1 file), fresh process", one,
                  "check-jsonschema, 1 file", cj, "≥ 8× faster than check-jsonschema (issue 19)")
    one_row.met = one_row.ratio >= 8
    return [help_row, one_row]


def corpus(corpus_dir: Path, reps: int, peer_reps: int) -> Row:
    files = sorted(corpus_dir.glob("*.yaml"))
    ours = lambda: run_once([AVTALE, "validate", str(corpus_dir)])  # noqa: E731
    a, b = compare(peer_reps, ours, lambda: run_once(_cj(files)))
    for _ in range(reps - peer_reps):
        a.runs.append(ours())
    row = Row("Validate", f"`avtale validate` {len(files)} generated files, one call", a,
              "check-jsonschema, same files, one call", b,
              note=f"check-jsonschema run {peer_reps}×" if peer_reps < reps else "")
    if len(files) == 1000:
        row.target, row.met = "< 2 s (issue 8; < 3 s issue 2)", a.median < 2
    return row
