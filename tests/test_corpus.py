"""Run the CLI on every bad input in tests/corpus/: exit code, message, nothing changed, bounded cost."""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from avtale import store
from conftest import ROOT, SEED_2022

CORPUS = ROOT / "tests" / "corpus"
CASES = store.load_plain(CORPUS / "cases.yaml")
TIME_LIMIT = 10  # seconds
MEMORY_LIMIT = 512 * 1024 * 1024  # bytes of address space


# --- inputs too large or too odd to commit -----------------------------------------


def big_scalar(path: Path) -> None:
    """A 50 MB file: one flow sequence, nested past the depth limit, then a huge scalar."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("[" * 100 + "x" * (50 * 1024 * 1024) + "]" * 100 + "\n")


def directory(path: Path) -> None:
    path.mkdir()


def symlink_logo(path: Path) -> None:
    (path.parent / "ks-logo.png").symlink_to("/etc/passwd")


def seed_text(path: Path) -> None:
    shutil.copy(SEED_2022, path)


MAKERS = {f.__name__: f for f in (big_scalar, directory, symlink_logo, seed_text)}


def snapshot(root: Path) -> dict[str, str]:
    out = {}
    for p in sorted(root.rglob("*")):
        rel = str(p.relative_to(root))
        if p.is_symlink():
            out[rel] = "link:" + os.readlink(p)
        elif p.is_dir():
            out[rel] = "dir"
        else:
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest() + f":{p.stat().st_mtime_ns}"
    return out


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_bounded(args: list[str], cwd: Path) -> tuple[int, str, float, int]:
    """Run the CLI under the time and memory limits; (exit code, output, seconds, peak RSS in KB)."""
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "avtale", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        preexec_fn=_limit_memory, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    try:
        out, _ = proc.communicate(timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"took more than {TIME_LIMIT} s: {args}")
    _, status, usage = os.wait4(proc.pid, 0) if proc.returncode is None else (0, 0, None)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return proc.returncode, out.decode("utf-8", "replace"), time.monotonic() - start, peak


def _id(case):
    return f"{case['file']}:{case['run'][0] if not case['run'][0].startswith('--') else case['run'][2]}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_corpus_case(case, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(CORPUS, work, ignore=shutil.ignore_patterns("cases.yaml"))
    target = work / case["file"]
    if "make" in case:
        MAKERS[case["make"]](target)
    folder = target.parent
    name = target.name
    before = snapshot(work)
    args = [a.replace("{file}", name) for a in case["run"]]
    code, out, seconds, peak_kb = run_bounded(args, folder)
    lines = out.splitlines()
    assert "Traceback" not in out, out
    assert code == case["exit"], out
    assert lines and lines[0] == case["says"].replace("{file}", name), out
    assert snapshot(work) == before, "a file was created or changed"
    assert peak_kb * 1024 < MEMORY_LIMIT


def test_every_committed_corpus_file_has_a_case():
    named = {c["file"] for c in CASES}
    committed = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file() and p.name not in ("cases.yaml", "README.md")}
    assert committed <= named, committed - named
