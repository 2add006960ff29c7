"""A build killed half-way leaves every previous output intact: each file is the old one or a whole new one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import AVTALE, ROOT

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402

FORMATS = "docx,pdf,md"


def build(src: Path, out: Path) -> None:
    r = subprocess.run([*AVTALE, "build", src, "--out", out, "--format", FORMATS], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def contents(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_sigterm_half_way_leaves_old_or_whole_new_files(tmp_path):
    src = tmp_path / "agreements"
    generate.write_corpus(src, 24)
    out = tmp_path / "build"
    build(src, out)
    old = contents(out)
    for path in src.glob("*.yaml"):  # a new title for each, as drafts (a signed text is frozen)
        text = path.read_text(encoding="utf-8").split("\nseal:\n")[0] + "\n"
        text = text.replace("title: Avtale om", "title: Ny avtale om").replace("status: signed", "status: draft")
        path.write_text(text, encoding="utf-8")
    reference = tmp_path / "reference"
    build(src, reference)
    new = contents(reference)
    assert set(new) == set(old) and all(new[k] != old[k] for k in new)

    proc = subprocess.Popen([*AVTALE, "build", src, "--out", out, "--format", FORMATS],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until the build is under way: some outputs replaced
        if any(p.read_bytes() == new[p.name] for p in out.iterdir() if p.name in new):
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "Traceback" not in err

    after = contents(out)
    assert set(after) == set(old), "no temporary or extra file left behind"
    replaced = [k for k in after if after[k] == new[k]]
    kept = [k for k in after if after[k] == old[k]]
    assert sorted(replaced + kept) == sorted(after), "every file is the old one or a whole new one"
    assert kept, "the build was stopped half-way, not after it finished"
    assert replaced


def dead_pid() -> int:
    """The id of a process that has ended (a fresh one: not reused within the test)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_only_avtales_own_stale_temporary_files_are_swept(tmp_path):
    src = tmp_path / "agreements"
    generate.write_corpus(src, 1)
    out = tmp_path / "build"
    out.mkdir()
    stale = f".avtale-{dead_pid()}-0123abcd.tmp"
    running = f".avtale-{os.getpid()}-0123abcd.tmp"  # a process that runs: another build, say
    users = [".gen-00000.docx.abc123.tmp", ".notes.tmp", running]
    for name in [stale, *users]:
        (out / name).write_bytes(b"half")
    build(src, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(["gen-00000.docx", "gen-00000.md", "gen-00000.pdf", *users])
